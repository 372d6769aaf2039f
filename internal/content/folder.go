package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/config"
)

// ContentDir returns the folder of cfg's site that holds its pages:
// content/, the one another generator's config names, or "." for a site
// folder that is its own content folder.
func ContentDir(cfg *config.Site) string { return contentDir(cfg) }

func contentDir(cfg *config.Site) string {
	if cfg == nil || cfg.Layout.ContentDir == "" {
		return Dir
	}
	return cfg.Layout.ContentDir
}

// relPath is the path in the content folder dir of the site path p.
func relPath(dir, p string) string {
	if dir == "." {
		return p
	}
	return strings.TrimPrefix(p, dir+"/")
}

// FileOf is the site path of rel, a path in the content folder of cfg's
// site: "content/guide.md", or "guide.md" when the site folder is its own
// content folder.
func FileOf(cfg *config.Site, rel string) string {
	return path.Join(contentDir(cfg), rel)
}

// skip reports whether the walk of the content folder leaves out p, a site
// path: hidden files and folders, folders holding a site handbook wrote,
// the paths in extra (the output folder), and, when the site folder is
// its own content folder, what the layout says is not content.
func skip(fsys fs.FS, l config.Layout, extra []string, p string, d fs.DirEntry) bool {
	if strings.HasPrefix(path.Base(p), ".") || l.Skip(p, d.IsDir()) || slices.Contains(extra, p) {
		return true
	}
	if d.IsDir() {
		if _, err := fs.Stat(fsys, path.Join(p, config.OutputMarker)); err == nil {
			return true
		}
	}
	return false
}

// Rel is the path in the content folder of cfg's site of file, a site
// path in that folder: "guide.md" for "content/guide.md".
func Rel(cfg *config.Site, file string) string { return relPath(contentDir(cfg), file) }

// InContent reports whether the site path p is in the content folder of
// cfg's site (for a site folder that is its own content folder: not in a
// folder its layout leaves out).
func InContent(cfg *config.Site, p string) bool {
	dir := contentDir(cfg)
	if dir != "." {
		return strings.HasPrefix(p, dir+"/")
	}
	top, _, _ := strings.Cut(p, "/")
	return !strings.HasPrefix(top, ".") && !cfg.Layout.Skip(p, false) && !cfg.Layout.Skip(top, true)
}
