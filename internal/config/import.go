package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

// imported is what the build takes from another generator's config: the
// few settings that say what the site is and where its pages are. The
// rest of such a file (theme, plugins, Markdown extensions) is left
// alone.
type imported struct {
	from        string // the file read
	title       string
	description string
	baseURL     string
	contentDir  string
	nav         []NavGroup
}

// maxNavItems bounds the navigation read from another tool's config: a
// YAML alias can repeat a list many times over.
const maxNavItems = 10_000

// importConfig reads mkdocs.yml, a Hugo config or a Docusaurus config
// from the top of the site folder, the first found. Its problems are
// warnings: the file is another tool's, and the site builds without it.
func importConfig(fsys fs.FS, errs *source.List) *imported {
	var l source.List
	imp := &imported{}
	switch {
	case exists(fsys, "mkdocs.yml"):
		imp.mkdocs(fsys, "mkdocs.yml", &l)
	case exists(fsys, "mkdocs.yaml"):
		imp.mkdocs(fsys, "mkdocs.yaml", &l)
	case exists(fsys, "hugo.toml"):
		imp.hugo(fsys, "hugo.toml", &l)
	case exists(fsys, "hugo.yaml"):
		imp.hugo(fsys, "hugo.yaml", &l)
	case exists(fsys, "config.toml") && isDir(fsys, "content"):
		// config.toml alone is too common a name to be taken for Hugo's.
		imp.hugo(fsys, "config.toml", &l)
	case exists(fsys, "docusaurus.config.js"), exists(fsys, "docusaurus.config.ts"):
		// The config is a program; only where the pages are is known.
		imp.from = "docusaurus.config.js"
		if exists(fsys, "docusaurus.config.ts") {
			imp.from = "docusaurus.config.ts"
		}
		if isDir(fsys, "docs") {
			imp.contentDir = "docs"
		}
	}
	note := "handbook reads " + imp.from + " only for the site's title, description, address, pages folder and navigation"
	for _, e := range l.Errors() {
		e.Severity = source.SevWarning
		if e.Hint == "" {
			e.Hint = note
		} else {
			e.Hint += "; " + note
		}
		errs.Add(e)
	}
	return imp
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return !errors.Is(err, fs.ErrNotExist)
}

// apply fills the settings that handbook.yaml does not give.
func (imp *imported) apply(s *Site) {
	set := func(key string) bool { _, ok := s.KeyPos[key]; return !ok }
	if imp.title != "" && set("title") {
		s.Title = imp.title
	}
	if imp.description != "" && set("description") {
		s.Description = imp.description
	}
	if imp.baseURL != "" && set("base_url") {
		s.BaseURL = imp.baseURL
	}
	if imp.nav != nil && set("nav") {
		s.Nav = imp.nav
	}
}

// mkdocs reads site_name, site_description, site_url, docs_dir and nav.
func (imp *imported) mkdocs(fsys fs.FS, file string, errs *source.List) {
	imp.from = file
	data, ok := source.ReadFile(fsys, file, errs)
	if !ok {
		return
	}
	root := yamlfile.Parse(file, data, 1, errs)
	if root == nil {
		imp.contentDir = imp.folder(fsys, "docs", source.Pos{File: file}, errs)
		return
	}
	imp.title = root.Get("site_name").String()
	imp.description = root.Get("site_description").String()
	imp.baseURL = safeBaseURL(root.Get("site_url").String())
	dir := "docs"
	pos := source.Pos{File: file}
	for _, e := range root.Keys {
		if e.Key == "docs_dir" {
			dir, pos = e.Value.String(), e.Pos
		}
	}
	imp.contentDir = imp.folder(fsys, dir, pos, errs)
	if nav := root.Get("nav"); nav != nil {
		imp.nav = mkdocsNav(nav, errs)
	}
}

// folder checks the pages folder another tool's config names: a folder
// inside the site. It returns "" (the usual layout) when it is not one.
func (imp *imported) folder(fsys fs.FS, dir string, pos source.Pos, errs *source.List) string {
	clean := path.Clean(strings.TrimSuffix(dir, "/"))
	if !fs.ValidPath(clean) || clean == "." {
		errs.Addf(pos, "the pages folder %q is not a folder inside the site", dir).Hint = "name a folder inside the site folder"
		return ""
	}
	if !isDir(fsys, clean) {
		errs.Addf(pos, "the pages folder %s/ does not exist", clean).Hint = "create it, or name the folder that holds the Markdown files"
		return ""
	}
	return clean
}

// mkdocsNav turns MkDocs' nav into navigation groups. Each entry is a
// page ("guide.md"), a titled page ("Guide: guide.md"), a titled link, or
// a section ("Guide: [entries]"). A section is a group; the pages listed
// at the top between sections make untitled groups; sections inside a
// section add their pages to its group.
func mkdocsNav(nav *yamlfile.Value, errs *source.List) []NavGroup {
	if nav.Kind != yamlfile.List {
		errs.Addf(nav.Pos, "nav is not a list").Hint = "MkDocs' nav is a list of pages and sections"
		return nil
	}
	groups := []NavGroup{}
	count := 0
	var loose *NavGroup
	for _, it := range nav.Items {
		title, val, pos := navEntry(it)
		if val != nil && val.Kind == yamlfile.List {
			loose = nil
			g := NavGroup{Title: title, Pos: pos}
			flattenNav(val, &g, &count, 0, errs)
			groups = append(groups, g)
			continue
		}
		item, ok := navItem(title, val, pos, errs)
		if !ok {
			continue
		}
		if count++; count > maxNavItems {
			break
		}
		if loose == nil {
			groups = append(groups, NavGroup{Pos: pos})
			loose = &groups[len(groups)-1]
		}
		loose.Items = append(loose.Items, item)
	}
	return groups
}

// navEntry splits a nav entry into its title (none for a bare page) and
// value.
func navEntry(it *yamlfile.Value) (string, *yamlfile.Value, source.Pos) {
	if it.Kind == yamlfile.Map && len(it.Keys) == 1 {
		return it.Keys[0].Key, it.Keys[0].Value, it.Keys[0].Pos
	}
	return "", it, it.Pos
}

func navItem(title string, val *yamlfile.Value, pos source.Pos, errs *source.List) (NavItem, bool) {
	if val == nil || val.Kind != yamlfile.Text || val.Text == "" {
		errs.Addf(pos, "nav entry %s is not a page, a link or a section", quoteOr(title, "without a title")).Hint =
			"write it as page.md, Title: page.md, or Title: followed by a list"
		return NavItem{}, false
	}
	return NavItem{Ref: val.Text, Title: title, Pos: val.Pos}, true
}

func quoteOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return fmt.Sprintf("%q", s)
}

func flattenNav(list *yamlfile.Value, g *NavGroup, count *int, depth int, errs *source.List) {
	if depth > 10 {
		errs.Addf(list.Pos, "nav sections are nested more than 10 deep").Hint = "nest them less deeply"
		return
	}
	for _, it := range list.Items {
		title, val, pos := navEntry(it)
		if val != nil && val.Kind == yamlfile.List {
			flattenNav(val, g, count, depth+1, errs)
			continue
		}
		item, ok := navItem(title, val, pos, errs)
		if !ok {
			continue
		}
		if *count++; *count > maxNavItems {
			return
		}
		g.Items = append(g.Items, item)
	}
}

// hugo reads title, baseURL, contentDir and params.description from a
// Hugo config.
func (imp *imported) hugo(fsys fs.FS, file string, errs *source.List) {
	imp.from = file
	data, ok := source.ReadFile(fsys, file, errs)
	if !ok {
		return
	}
	var root *yamlfile.Value
	if strings.HasSuffix(file, ".toml") {
		root = yamlfile.ParseTOML(file, data, 1, errs)
	} else {
		root = yamlfile.Parse(file, data, 1, errs)
	}
	if root == nil {
		return
	}
	imp.title = root.Get("title").String()
	imp.description = root.Get("params").Get("description").String()
	imp.baseURL = safeBaseURL(root.Get("baseURL").String())
	for _, e := range root.Keys {
		if e.Key == "contentDir" && e.Value.String() != "content" {
			imp.contentDir = imp.folder(fsys, e.Value.String(), e.Pos, errs)
		}
	}
}

// safeBaseURL returns another tool's site address when it can be the
// site's base_url: an absolute http(s) URL that CheckBaseURL accepts, on a
// host that is not a placeholder (Hugo's new sites say
// https://example.org/). Otherwise it returns "", and the site has no
// canonical links rather than wrong ones.
func safeBaseURL(s string) string {
	if s == "" || CheckBaseURL(s) != nil {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	for _, placeholder := range []string{"example.com", "example.org", "example.net", "localhost", "127.0.0.1"} {
		if h == placeholder || strings.HasSuffix(h, "."+placeholder) {
			return ""
		}
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}
