package assets

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/handbook-ssg/handbook/internal/source"
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
	// Isolate runs esbuild in a process of its own (see ChildEnv): on a
	// script or stylesheet nested some hundred thousand deep, esbuild's
	// parser overflows the goroutine stack, which ends the whole process
	// and cannot be recovered. Isolated, that is an error at the file it
	// was reading.
	Isolate bool
}

// Bundle bundles every entry that exists in fsys. Problems in the files
// (a syntax error, an import that is not there, a file that cannot be
// read) are returned as a *source.ListError, each at its file, line and
// column.
func Bundle(ctx context.Context, fsys fs.FS, opt Options) (Manifest, []File, error) {
	if opt.Isolate {
		return bundleInChild(ctx, fsys, opt)
	}
	return bundle(ctx, localFiles{fsys}, opt)
}

// files is what esbuild reads: the site's files in this process, or
// through the parent process in an isolated bundle.
type files interface {
	// stat reports whether name is there and a folder; e is the reason a
	// file that is there cannot be read (a link out of the site).
	stat(name string) (exists, isDir bool, e *source.Error)
	// read reads a file as source.Read does.
	read(name string) ([]byte, *source.Error)
}

// localFiles reads fsys.
type localFiles struct{ fsys fs.FS }

func (l localFiles) stat(name string) (exists, isDir bool, e *source.Error) {
	fi, err := fs.Stat(l.fsys, name)
	switch {
	case err == nil:
		return true, fi.IsDir(), nil
	case errors.Is(err, fs.ErrNotExist):
		return false, false, nil
	}
	return true, false, source.ReadError(name, err)
}

func (l localFiles) read(name string) ([]byte, *source.Error) { return source.Read(l.fsys, name) }

func bundle(ctx context.Context, fsys files, opt Options) (Manifest, []File, error) {
	var entries []string
	var errs source.List
	for _, e := range Entries {
		exists, _, serr := fsys.stat(e)
		switch {
		case serr != nil:
			errs.Add(serr)
		case exists:
			entries = append(entries, "/"+e)
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
func fsPlugin(fsys files, generated []byte) api.Plugin {
	return api.Plugin{
		Name: "fsys",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				if a.Path == Virtual {
					return api.OnResolveResult{Path: Virtual, Namespace: "generated"}, nil
				}
				if a.Kind == api.ResolveCSSURLToken && (strings.HasPrefix(a.Path, "data:") || strings.HasPrefix(a.Path, "#")) {
					// Inline data and a reference to an element (an SVG
					// filter) are no files: they stay as written.
					return api.OnResolveResult{Path: a.Path, External: true}, nil
				}
				if u, err := url.Parse(a.Path); err == nil && (u.Host != "" || u.Scheme == "http" || u.Scheme == "https") {
					return api.OnResolveResult{}, fmt.Errorf("%q is on another host, and the site makes no request to another host (copy the file into static/ and refer to it there)", a.Path)
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
					exists, isDir, e := fsys.stat(name)
					if e != nil {
						// There, but refused (a link out of the site): say
						// so at the file, not "cannot find".
						return api.OnResolveResult{Errors: []api.Message{{Text: e.Msg, Detail: e}}}, nil
					}
					if exists && !isDir {
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
				data, e := fsys.read(strings.TrimPrefix(a.Path, "/"))
				if e != nil {
					return api.OnLoadResult{Errors: []api.Message{{Text: e.Msg, Detail: e}}}, nil
				}
				s := string(data)
				return api.OnLoadResult{Contents: &s, Loader: loaderFor(a.Path), ResolveDir: path.Dir(a.Path)}, nil
			})
		},
	}
}

// loaderFor is the loader of the file name.
func loaderFor(name string) api.Loader {
	switch path.Ext(name) {
	case ".ts":
		return api.LoaderTS
	case ".js", ".mjs":
		return api.LoaderJS
	case ".css":
		return api.LoaderCSS
	case ".svg", ".png", ".woff2":
		return api.LoaderFile
	}
	return api.LoaderDefault
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
