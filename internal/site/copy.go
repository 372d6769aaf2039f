package site

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/source"
)

// copied is a file the build copies as it is.
type copied struct {
	from string // site path: "static/img/logo.png"
	to   string // output path: "img/logo.png"
}

// staticFiles lists the files under static/ (the site's, over the
// defaults) that are copied as they are: all but dot files and the
// bundle's sources. Every file under static/ and templates/ is checked
// now, without being opened, so that one that cannot be read (a link out
// of the site, a named pipe, a file over the size limit) is reported with
// every other problem, even if nothing reads it.
func staticFiles(union, site fs.FS, errs *source.List) []copied {
	var out []copied
	walk := func(fsys fs.FS, dir string, each func(p string)) {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				errs.Add(source.ReadError(p, err))
				return nil
			}
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if p == dir {
				errs.Addf(source.Pos{File: dir}, "is a file, where a folder of files was expected").Hint = "rename it, or make it a folder"
				return nil
			}
			if e := source.CheckCopy(fsys, p); e != nil {
				errs.Add(e)
				return nil
			}
			each(p)
			return nil
		})
	}
	walk(union, "static", func(p string) {
		if !assets.IsSource(p) {
			out = append(out, copied{from: p, to: strings.TrimPrefix(p, "static/")})
		}
	})
	walk(site, "templates", func(string) {})
	return out
}

// contentFiles lists the files of the content folder that are not pages,
// copied as they are.
func contentFiles(cfg *config.Site, files []string) []copied {
	out := make([]copied, 0, len(files))
	for _, f := range files {
		out = append(out, copied{from: f, to: content.Rel(cfg, f)})
	}
	return out
}

// claimFiles claims the output paths of everything but the pages and
// aliases (which plan claims): the sitemap, the bundled assets, and the
// files copied as they are. It returns the copied files that own their
// path.
func (m *Model) claimFiles(o *owners, bundled []assets.File, files []copied, errs *source.List) []copied {
	o.claim(claim{path: "sitemap.xml", desc: "the build's sitemap"}, errs)
	for _, f := range bundled {
		o.claim(claim{path: strings.TrimPrefix(f.Path, "/"), desc: "the build's bundled " + path.Base(f.Path)}, errs)
	}
	var out []copied
	for _, f := range files {
		if o.claim(claim{path: f.to, pos: source.Pos{File: f.from}, desc: f.from, hint: hintCopied}, errs) {
			out = append(out, f)
		}
	}
	return out
}

// copyFiles adds the files copied as they are to out. A file that cannot
// be read now (it changed since it was checked) is a positioned error.
func copyFiles(union fs.FS, files []copied, out *output, errs *source.List) {
	for _, f := range files {
		data, err := source.ReadCopy(union, f.from)
		if err != nil {
			errs.Add(err)
			continue
		}
		out.addSame("/"+f.to, data)
	}
}
