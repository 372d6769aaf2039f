package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/rubric"
)

// A link names the page it goes to as its author wrote it in another
// generator, and the build finds the page the site has:
//
//	/commands/npm-team     the page at /commands/npm-team/ (no trailing slash)
//	/guide/setup.md        the page of the file guide/setup.md
//	npm-outdated           the page of npm-outdated.md beside this one
//	setup.html             the page of setup.md, when no file setup.html is copied
//	guide/  or  guide      the folder's page: its index.md, the list of its
//	                       pages, or, for a folder of one page, that page
//	../other/              from /a/b/ read as a URL (/a/other/), as Hugo and
//	                       Docusaurus read it, when no file is there
//
// Queries and fragments are kept as written (?tab=2#install), and so is
// the path of a link that names a page as it is (%2F stays %2F).

// missingError is a link to a page or file the site does not have: an
// error in a strict site, a warning otherwise (see render).
type missingError struct{ msg string }

func (e *missingError) Error() string { return e.msg }

func missing(format string, args ...any) error {
	return &missingError{msg: fmt.Sprintf(format, args...)}
}

// resolvePath resolves a site-absolute link ("/commands/npm-team"). A path
// the site does not have is left as written, for the check to report.
func (m *Model) resolvePath(u *url.URL) markdown.Resolved {
	target, ok := m.findURL(u.Path)
	if !ok || target == u.Path {
		return markdown.Resolved{Href: withQuery(u.EscapedPath(), u), Target: u.Path, Fragment: u.Fragment}
	}
	return markdown.Resolved{Href: withQuery(target, u), Target: target, Fragment: u.Fragment}
}

// resolveRel resolves a link relative to the page file fromRel (a path in
// the content folder), or, failing that, to the page's URL fromURL.
func (m *Model) resolveRel(u *url.URL, fromRel, fromURL, dest string) (markdown.Resolved, error) {
	rel := path.Join(path.Dir(fromRel), u.Path)
	written := rel
	found := func(target string) (markdown.Resolved, error) {
		return markdown.Resolved{Href: withQuery(target, u), Target: target, Fragment: u.Fragment}, nil
	}
	if strings.HasPrefix(rel, "../") || rel == ".." {
		if target, ok := m.urlRelative(u.Path, fromURL); ok {
			return found(target)
		}
		return markdown.Resolved{}, missing("link %q leaves the content folder", dest)
	}
	if strings.HasSuffix(rel, ".md") {
		if pg, ok := m.byRel[rel]; ok {
			return found(pg.URL)
		}
		return markdown.Resolved{}, missing("link %q: there is no page %s", dest, content.FileOf(m.Config, rel))
	}
	if rel == "." {
		rel = ""
	}
	if m.files["/"+rel] {
		return found("/" + rel)
	}
	if pg, ok := m.byRel[rel+".md"]; ok {
		return found(pg.URL)
	}
	if stem, ok := strings.CutSuffix(rel, ".html"); ok {
		if pg, ok := m.byRel[stem+".md"]; ok {
			return found(pg.URL)
		}
		rel = strings.TrimSuffix(stem, "index")
	}
	if target, ok := m.folderTarget(dirOf(rel)); ok {
		return found(target)
	}
	if target, ok := m.urlRelative(u.Path, fromURL); ok {
		return found(target)
	}
	return markdown.Resolved{}, missing("link %q: there is no file %s", dest, content.FileOf(m.Config, written))
}

// dirOf is the folder URL of rel, a path in the content folder.
func dirOf(rel string) string {
	rel = strings.Trim(rel, "/")
	if rel == "" {
		return "/"
	}
	return "/" + rel + "/"
}

// urlRelative resolves p against the URL of the page it is on, as a
// browser would, when that names a page or file of the site.
func (m *Model) urlRelative(p, fromURL string) (string, bool) {
	if fromURL == "" {
		return "", false
	}
	u := path.Join(fromURL, p)
	if strings.HasSuffix(p, "/") && u != "/" {
		u += "/"
	}
	if !strings.HasPrefix(u, "/") {
		return "", false
	}
	return m.findURL(u)
}

// findURL returns the URL the build makes that the site path p names: p
// itself, p with a trailing slash, the page of p as a file (p.md, p.html),
// or what a folder shows (see folderTarget).
func (m *Model) findURL(p string) (string, bool) {
	if m.urlExists(p) {
		return p, true
	}
	if strings.HasSuffix(p, "/") {
		return m.folderTarget(p)
	}
	if m.urlExists(p + "/") {
		return p + "/", true
	}
	rel := strings.TrimPrefix(p, "/")
	if pg, ok := m.byRel[rel]; ok && strings.HasSuffix(rel, ".md") {
		return pg.URL, true
	}
	if stem, ok := strings.CutSuffix(rel, ".html"); ok {
		if pg, ok := m.byRel[stem+".md"]; ok {
			return pg.URL, true
		}
		return m.folderTarget(dirOf(strings.TrimSuffix(stem, "index")))
	}
	return m.folderTarget(p + "/")
}

// folderTarget returns what a link to the folder URL dir shows: the
// folder's own page (its index.md), the page listing what is in it, or,
// for a folder holding one page and no index.md, that page, which is all
// the build makes of it.
func (m *Model) folderTarget(dir string) (string, bool) {
	for range 100 { // a folder of one folder of one folder …, bounded
		if _, ok := m.byURL[dir]; ok || m.sections[dir] {
			return dir, true
		}
		c := m.folders[dir]
		if len(c) != 1 {
			return "", false
		}
		if _, ok := m.byURL[c[0]]; ok {
			return c[0], true
		}
		dir = c[0]
	}
	return "", false
}

// urlExists reports whether the build makes a page or copies a file at
// the site URL u.
func (m *Model) urlExists(u string) bool {
	if _, ok := m.byURL[u]; ok || m.files[u] || m.sections[u] {
		return true
	}
	for _, k := range kinds {
		if k.scope == oneSite && k.pattern == u {
			return k.only == nil || k.only(m, target{url: u})
		}
	}
	rest, ok := strings.CutPrefix(u, StandardsURL)
	if !ok || !strings.HasSuffix(rest, "/") {
		return false
	}
	rid, nid, _ := strings.Cut(strings.TrimSuffix(rest, "/"), "/")
	r, _, ok := rubric.Resolve(m.rubrics, rid)
	if !ok || r.ID != rid {
		return false
	}
	if nid == "" || slices.Contains(rubricPageIDs(), nid) {
		return true
	}
	_, n, ok := rubric.Resolve(m.rubrics, rid+"/"+nid)
	return ok && n.ID == nid
}

// withQuery adds the query and fragment of u, as written, to target.
func withQuery(target string, u *url.URL) string {
	if u.RawQuery != "" || u.ForceQuery {
		target += "?" + u.RawQuery
	}
	switch {
	case u.RawFragment != "":
		target += "#" + u.RawFragment
	case u.Fragment != "":
		target += "#" + u.Fragment
	}
	return target
}
