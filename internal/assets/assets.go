package assets

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Entries are the entry points under static/: the site-wide script and
// stylesheet, and the scripts of the search page, the sheets and the forms.
var Entries = []string{
	"static/css/main.css",
	"static/js/main.ts",
	"static/js/search.ts",
	"static/js/sheet.ts",
	"static/js/assess.ts",
}

// Virtual is the import path of the generated stylesheet (chroma's classes)
// that static/css/main.css imports.
const Virtual = "handbook:generated.css"

// File is one output file.
type File struct {
	Path string // site-absolute: "/assets/main-5KQ2.js"
	Data []byte
}

// Manifest maps an entry point's name ("main.css", "search.js") to the
// site-absolute URL of its bundled file.
type Manifest map[string]string

// Options configure Bundle.
type Options struct {
	Generated []byte // the stylesheet served at Virtual
	NoMinify  bool
}

// Bundle bundles every entry that exists in fsys.
func Bundle(ctx context.Context, fsys fs.FS, opt Options) (Manifest, []File, error) {
	var entries []string
	for _, e := range Entries {
		if _, err := fs.Stat(fsys, e); err == nil {
			entries = append(entries, "/"+e)
		}
	}
	if len(entries) == 0 {
		return Manifest{}, nil, nil
	}
	res := api.Build(api.BuildOptions{
		EntryPoints:       entries,
		Bundle:            true,
		Write:             false,
		Metafile:          false,
		Outdir:            "/assets",
		AbsWorkingDir:     "/",
		EntryNames:        "[name]-[hash]",
		AssetNames:        "[name]-[hash]",
		MinifyWhitespace:  !opt.NoMinify,
		MinifyIdentifiers: !opt.NoMinify,
		MinifySyntax:      !opt.NoMinify,
		Format:            api.FormatIIFE,
		Target:            api.ES2020,
		Charset:           api.CharsetUTF8,
		// Licence notices (/*! … */) stay, at the end of the file: the
		// search bundle holds fflate, whose MIT licence asks for its notice.
		LegalComments: api.LegalCommentsEndOfFile,
		Platform:      api.PlatformBrowser,
		Loader: map[string]api.Loader{
			".svg": api.LoaderFile, ".png": api.LoaderFile, ".woff2": api.LoaderFile,
		},
		Plugins: []api.Plugin{fsPlugin(fsys, opt.Generated)},
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			loc := ""
			if m.Location != nil {
				loc = fmt.Sprintf("%s:%d:%d: ", strings.TrimPrefix(m.Location.File, "/"), m.Location.Line, m.Location.Column+1)
			}
			msgs = append(msgs, loc+m.Text)
		}
		return nil, nil, errors.New(strings.Join(msgs, "\n"))
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	man := Manifest{}
	var files []File
	for _, f := range res.OutputFiles {
		files = append(files, File{Path: f.Path, Data: f.Contents})
		base := path.Base(f.Path)
		ext := path.Ext(base)
		name := base[:strings.LastIndexByte(base, '-')]
		man[name+ext] = f.Path
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return man, files, nil
}

// fsPlugin makes esbuild read every file from fsys, and serves the
// generated stylesheet.
func fsPlugin(fsys fs.FS, generated []byte) api.Plugin {
	return api.Plugin{
		Name: "fsys",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				if a.Path == Virtual {
					return api.OnResolveResult{Path: Virtual, Namespace: "generated"}, nil
				}
				p := a.Path
				if !strings.HasPrefix(p, "/") {
					dir := a.ResolveDir
					if dir == "" {
						dir = "/"
					}
					p = path.Join(dir, p)
				}
				p = path.Clean(p)
				for _, cand := range []string{p, p + ".ts", p + ".js", p + "/index.ts"} {
					if fi, err := fs.Stat(fsys, strings.TrimPrefix(cand, "/")); err == nil && !fi.IsDir() {
						return api.OnResolveResult{Path: cand, Namespace: "fsys"}, nil
					}
				}
				return api.OnResolveResult{}, fmt.Errorf("cannot find %q (imported from %s)", a.Path, strings.TrimPrefix(a.Importer, "/"))
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "generated"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				s := string(generated)
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderCSS}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "fsys"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := fs.ReadFile(fsys, strings.TrimPrefix(a.Path, "/"))
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(data)
				loader := api.LoaderDefault
				switch path.Ext(a.Path) {
				case ".ts":
					loader = api.LoaderTS
				case ".js", ".mjs":
					loader = api.LoaderJS
				case ".css":
					loader = api.LoaderCSS
				case ".svg", ".png", ".woff2":
					loader = api.LoaderFile
				}
				return api.OnLoadResult{Contents: &s, Loader: loader, ResolveDir: path.Dir(a.Path)}, nil
			})
		},
	}
}

// IsSource reports whether a file under static/ is a bundle input rather
// than a file to copy as it is.
func IsSource(p string) bool {
	return strings.HasPrefix(p, "static/js/") || strings.HasPrefix(p, "static/css/")
}
