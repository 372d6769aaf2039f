package config

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// ContentDir is the folder of a site that holds its pages, unless the
// layout says otherwise.
const ContentDir = "content"

// OutputMarker is the file every site handbook writes holds (publish.Marker):
// a folder holding it is a built site, never read as pages.
const OutputMarker = ".handbook-site"

// Layout is where a site keeps its pages, and which other generator's
// config the build read.
//
// A site folder with a content/ folder keeps its pages there. One with
// mkdocs.yml keeps them in its docs_dir (docs/ by default), one with a
// Docusaurus config in docs/, and one with a Hugo config in its contentDir.
// A folder with none of these, and no rubrics/ (a site of standards alone),
// but Markdown files in it is its own content folder: ContentDir is ".",
// and the folders [NotContent] names are not read as pages.
type Layout struct {
	// ContentDir is the folder of pages, a slash-separated path in the
	// site: "content", "docs", or "." for the site folder itself.
	ContentDir string
	// From is the other generator's config file the build read
	// ("mkdocs.yml", "hugo.toml"), or "".
	From string
	// Skipped are the folders of the site folder, when it is its own
	// content folder, that exist and are not read as pages (see NotContent).
	Skipped []string
}

// Self reports whether the site folder is its own content folder.
func (l Layout) Self() bool { return l.ContentDir == "." }

// NotContent are the folders of a site folder that is its own content
// folder which are never read as pages: the site's own rubrics, templates
// and static files, what other tools keep there (node_modules/), and
// where generators write their output (public/ is handbook's and Hugo's,
// site/ MkDocs's). Hidden folders (.git/) are never read either, nor a
// folder holding a site handbook wrote, nor the output folder itself.
var NotContent = []string{"node_modules", "public", "rubrics", "site", "static", "templates"}

// configFiles are files at the top of a site folder that are its config,
// not pages or files of its own: never copied into the site.
var configFiles = []string{File, "mkdocs.yml", "mkdocs.yaml", "hugo.toml", "hugo.yaml", "config.toml"}

// Skip reports whether the site path p (slash-separated, such as
// "public" or "guide/setup.md") is left out of the pages and files of a
// site whose content folder is the site folder itself: everything under
// a folder of NotContent, and the config files at the top.
func (l Layout) Skip(p string, dir bool) bool {
	if !l.Self() {
		return false
	}
	top, rest, _ := strings.Cut(p, "/")
	if rest == "" && !dir {
		return slices.Contains(configFiles, top)
	}
	return slices.Contains(NotContent, top)
}

// layout works out where the site in fsys keeps its pages.
func layout(fsys fs.FS, imp *imported) Layout {
	if imp.contentDir != "" {
		return Layout{ContentDir: imp.contentDir, From: imp.from}
	}
	l := Layout{ContentDir: ContentDir, From: imp.from}
	// A folder with rubrics/ is a handbook site, of standards alone when
	// it has no content/: its README.md describes the folder, it is not a
	// page.
	if isDir(fsys, ContentDir) || isDir(fsys, "rubrics") || !hasMarkdown(fsys) {
		return l
	}
	l.ContentDir = "."
	for _, d := range NotContent {
		if d != "rubrics" && d != "templates" && d != "static" && (isDir(fsys, d) || builtSite(fsys, d)) {
			l.Skipped = append(l.Skipped, d)
		}
	}
	return l
}

func isDir(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.IsDir()
}

// builtSite reports whether the folder name holds a site handbook wrote.
// (A site folder opened with internal/sitefs refuses to stat such a folder
// itself, but not its OutputMarker.)
func builtSite(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, path.Join(name, OutputMarker))
	return err == nil
}

// errFound stops the walk of hasMarkdown.
var errFound = errors.New("found")

// hasMarkdown reports whether the site folder holds a Markdown file that
// a build with the folder as its own content folder would read.
func hasMarkdown(fsys fs.FS) bool {
	self := Layout{ContentDir: "."}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return nil
		}
		if strings.HasPrefix(path.Base(p), ".") || self.Skip(p, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if builtSite(fsys, p) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".md") {
			return errFound
		}
		return nil
	})
	return errors.Is(err, errFound)
}
