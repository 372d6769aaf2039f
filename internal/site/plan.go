package site

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/source"
)

// planned is one page the build will write. Its view is made only when the
// page is templated, so a rebuild that reuses a page's output never makes
// its view.
type planned struct {
	url  string
	kind string
	pos  source.Pos // what asked for it, for collision messages
	make func() *View
}

// plan lists every page of the site, and claims each one's output file in
// o, so that two claiming one path are reported: a page or alias over a
// generated page, or an alias over a page.
func (m *Model) plan(o *owners, errs *source.List) []planned {
	var out []planned
	add := func(url string, c claim, kind string, make func() *View) {
		c.url, c.path = url, strings.TrimPrefix(outputPath(url), "/")
		if !o.claim(c, errs) {
			return
		}
		out = append(out, planned{url: url, kind: kind, pos: c.pos, make: func() *View {
			v := make()
			v.URL = url
			return v
		}})
	}
	gen := func(what string) claim { return claim{desc: "the build's " + what} }
	home := gen("home page")
	if p, ok := m.byURL["/"]; ok {
		home.desc = "the home page " + p.Src.File
	}
	add("/", home, "home", func() *View {
		home := m.view("home", "/")
		home.Title = m.Config.Title
		home.Description = m.Config.Description
		if p, ok := m.byURL["/"]; ok {
			m.pageView(home, p)
			if home.Description == "" {
				// A home page without a summary is described by the
				// site's description (mkdocs.yml's, Hugo's too).
				home.Description = m.Config.Description
			}
		}
		return home
	})
	add(StandardsURL, gen("standards page"), "standards", m.standardsView)
	add(SearchURL, gen("search page"), "search", func() *View { return m.simpleView("search", SearchURL, "search") })
	if m.Glossary != nil {
		f := m.loaded.Glossary.File
		add(GlossaryURL, claim{pos: source.Pos{File: f}, desc: "the glossary page of " + f, hint: hintPage}, "glossary", func() *View {
			return m.simpleView("glossary", GlossaryURL, "glossary")
		})
	}
	add("/404.html", gen("404 page"), "404", func() *View { return m.simpleView("404", "/404.html", "not_found") })
	for _, r := range m.Rubrics {
		pos := source.Pos{File: r.R.File}
		page := func(what string) claim {
			return claim{pos: pos, desc: "the " + what + " of " + r.R.File, hint: "choose another rubric id"}
		}
		add(r.URL, page("rubric page"), "rubric", func() *View { return m.rubricPageView("rubric", r, nil, r.URL) })
		add(r.SheetURL, page("sheet"), "sheet", func() *View { return m.rubricPageView("sheet", r, nil, r.SheetURL) })
		add(r.AssessURL, page("form"), "assess", func() *View { return m.rubricPageView("assess", r, nil, r.AssessURL) })
		for _, n := range r.All {
			c := claim{pos: n.N.Pos, desc: "the page of standard " + n.ID + " in " + r.R.File, hint: "choose another id"}
			add(n.URL, c, "standard", func() *View { return m.rubricPageView("standard", r, n, n.URL) })
		}
	}
	for _, p := range m.Pages {
		if p.URL == "/" {
			continue
		}
		pos := p.Src.Meta.KeyPos["slug"]
		if pos.File == "" {
			pos = source.Pos{File: p.Src.File}
		}
		add(p.URL, claim{pos: pos, desc: "the page " + p.Src.File, hint: hintPage}, "page", func() *View {
			v := m.view("page", p.URL)
			m.pageView(v, p)
			return v
		})
	}
	// Folders holding pages but no index page get a page listing them.
	for _, dir := range slices.Sorted(maps.Keys(m.sections)) {
		if o.hasURL(dir) {
			continue // a page the build makes already lives there (/standards/)
		}
		add(dir, gen("listing of "+dir), "page", func() *View {
			v := m.view("page", dir)
			v.Title = titleFromFile(strings.Trim(dir, "/") + ".md")
			v.Children = m.children(dir)
			v.Crumbs = m.crumbs(dir, "")
			return v
		})
	}
	// Aliases last, so that they never shadow a real page.
	for _, p := range m.Pages {
		for _, a := range p.Src.Meta.Aliases {
			if content.CheckURLPath(a) != nil {
				continue
			}
			c := claim{pos: p.Src.Meta.KeyPos["aliases"], desc: "alias " + a, hint: hintAlias}
			add(dirURL(a), c, "alias", func() *View { return m.aliasView(a, p.URL) })
		}
	}
	for _, r := range m.Rubrics {
		for _, a := range r.R.Aliases {
			pos := r.R.KeyPos["aliases"]
			alias := func(from, to string) {
				c := claim{pos: pos, desc: "alias " + from + " (of rubric " + a + ")", hint: hintAlias}
				add(from, c, "alias", func() *View { return m.aliasView(from, to) })
			}
			alias(RubricURL(a), r.URL)
			alias(RubricURL(a)+"sheet/", r.SheetURL)
			alias(RubricURL(a)+"assess/", r.AssessURL)
			for _, n := range r.All {
				alias(NodeURL(a, n.ID), n.URL)
			}
		}
		for _, n := range r.All {
			for _, a := range n.N.Aliases {
				from := NodeURL(r.ID, a)
				c := claim{pos: n.N.KeyPos["aliases"], desc: "alias " + from, hint: hintAlias}
				add(from, c, "alias", func() *View { return m.aliasView(from, n.URL) })
			}
		}
	}
	return out
}

// dirURL makes an alias a directory URL, unless it names a file.
func dirURL(a string) string {
	if strings.HasSuffix(a, "/") || path.Ext(a) == ".html" {
		return a
	}
	return a + "/"
}

// outputPath maps a URL to the file that serves it.
func outputPath(url string) string {
	if strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}
