package assets

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/handbook-ssg/handbook/internal/source"
)

// Entries are the entry points under static/: the site-wide script and
// stylesheet, and the scripts of the search page, the sheets, the forms and
// the team views.
var Entries = []string{
	"static/css/main.css",
	"static/js/main.ts",
	"static/js/search.ts",
	"static/js/sheet.ts",
	"static/js/assess.ts",
	"static/js/team.ts",
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

// Bundle bundles every entry that exists in fsys. Problems in the files
// (a syntax error, an import that is not there, a file that cannot be
// read) are returned as a *source.ListError, each at its file, line and
// column.
func Bundle(ctx context.Context, fsys fs.FS, opt Options) (Manifest, []File, error) {
	var entries []string
	var errs source.List
	for _, e := range Entries {
		_, err := fs.Stat(fsys, e)
		switch {
		case err == nil:
			entries = append(entries, "/"+e)
		case !errors.Is(err, fs.ErrNotExist):
			errs.Add(source.ReadError(e, err))
		}
	}
	if errs.HasErrors() {
		return nil, nil, errs.Err()
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
		for _, m := range res.Errors {
			errs.Add(messageError(m))
		}
		return nil, nil, errs.Err()
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
					name := strings.TrimPrefix(cand, "/")
					fi, err := fs.Stat(fsys, name)
					if err == nil && !fi.IsDir() {
						return api.OnResolveResult{Path: cand, Namespace: "fsys"}, nil
					}
					if err != nil && !errors.Is(err, fs.ErrNotExist) {
						// There, but refused (a link out of the site): say
						// so at the file, not "cannot find".
						e := source.ReadError(name, err)
						return api.OnResolveResult{Errors: []api.Message{{Text: e.Msg, Detail: e}}}, nil
					}
				}
				return api.OnResolveResult{}, fmt.Errorf("cannot find %q (imported from %s)", a.Path, strings.TrimPrefix(a.Importer, "/"))
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "generated"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				s := string(generated)
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderCSS}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "fsys"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				data, e := source.Read(fsys, strings.TrimPrefix(a.Path, "/"))
				if e != nil {
					return api.OnLoadResult{Errors: []api.Message{{Text: e.Msg, Detail: e}}}, nil
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

// messageError makes an esbuild message a positioned error. Errors of the
// plugin's own reads carry theirs; esbuild's name the file as
// namespace:/path and count columns in bytes from 0, where a position
// counts characters from 1.
func messageError(m api.Message) *source.Error {
	if e, ok := m.Detail.(*source.Error); ok {
		return e
	}
	// esbuild names the plugin's files namespace:/path in its text too.
	unspace := strings.NewReplacer("fsys:/", "", "generated:", "")
	e := &source.Error{Msg: unspace.Replace(m.Text), Pos: source.Pos{File: "static"}}
	if l := m.Location; l != nil && l.File != "" {
		file := l.File
		if ns, rest, ok := strings.Cut(file, ":"); ok && (ns == l.Namespace || ns == "fsys") {
			file = rest
		}
		e.Pos = source.Pos{File: strings.TrimPrefix(file, "/"), Line: l.Line}
		if l.Line > 0 {
			col := min(max(l.Column, 0), len(l.LineText))
			e.Pos.Col = utf8.RuneCountInString(l.LineText[:col]) + 1
		}
		if l.Suggestion != "" {
			e.Hint = "did you mean " + strconv.Quote(l.Suggestion) + "?"
		}
	}
	for _, n := range m.Notes {
		if n.Text != "" && e.Hint == "" {
			e.Hint = unspace.Replace(n.Text)
		}
	}
	return e
}

// IsSource reports whether a file under static/ is a bundle input rather
// than a file to copy as it is.
func IsSource(p string) bool {
	return strings.HasPrefix(p, "static/js/") || strings.HasPrefix(p, "static/css/")
}
