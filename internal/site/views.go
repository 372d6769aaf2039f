package site

import (
	"html/template"
	"strings"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// View is what every template is executed with.
type View struct {
	Kind        string // the template: page, rubric, standard, …
	URL         string // site-absolute
	Title       string
	Description string
	Lang        string
	T           templates.Words
	Site        *Model
	Crumbs      []NavLink
	TOC         []markdown.Heading
	Prev, Next  *NavLink
	Body        template.HTML
	Page        *Page
	ReviewDue   bool
	Canonical   string
	Rubric      *RubricView
	Node        *NodeView
	Rubrics     []*RubricView
	Children    []Child // what a folder's listing page lists
	Target      string  // where an alias page redirects
	Other       []NavLink
	Footer      template.HTML

	assets assets.Manifest
}

// Asset returns the site-absolute URL of a bundled entry ("main.css").
func (v *View) Asset(name string) string { return v.assets[name] }

func (m *Model) view(kind, url string) *View {
	lang := m.Config.Lang
	v := &View{
		Kind: kind, URL: url, Lang: lang, T: m.tmpl.Words(lang), Site: m, assets: m.assets,
	}
	if m.Config.BaseURL != "" && kind != "404" && kind != "alias" {
		v.Canonical = strings.TrimSuffix(m.Config.BaseURL, "/") + url
	}
	return v
}

func (m *Model) simpleView(kind, url, titleKey string) *View {
	v := m.view(kind, url)
	v.Title = v.T[titleKey]
	v.Crumbs = []NavLink{{Title: v.T["home"], URL: "/"}, {Title: v.Title}}
	return v
}

func (m *Model) pageView(v *View, p *Page) {
	v.Page = p
	v.Title = p.Title
	v.Description = p.Src.Meta.Summary
	v.Lang = p.Src.Lang
	v.T = m.tmpl.Words(v.Lang)
	v.Body = template.HTML(p.Doc.HTML)
	for _, h := range p.Doc.Headings {
		if h.Level == 2 || h.Level == 3 {
			v.TOC = append(v.TOC, h)
		}
	}
	if p.Prev != nil {
		v.Prev = &NavLink{Title: p.Prev.Title, URL: p.Prev.URL}
	}
	if p.Next != nil {
		v.Next = &NavLink{Title: p.Next.Title, URL: p.Next.URL}
	}
	if rb := p.Src.Meta.ReviewBy; !rb.IsZero() && !m.opt.Today.IsZero() && rb.Before(m.opt.Today) {
		v.ReviewDue = true
	}
	if p.URL != "/" {
		v.Crumbs = m.crumbs(p.URL, p.Title)
	}
}

// crumbs are Home, the folders above url that are pages, and the page.
func (m *Model) crumbs(url, title string) []NavLink {
	t := m.tmpl.Words(m.Config.Lang)
	out := []NavLink{{Title: t["home"], URL: "/"}}
	parts := strings.Split(strings.Trim(url, "/"), "/")
	for i := 1; i < len(parts); i++ {
		u := "/" + strings.Join(parts[:i], "/") + "/"
		name := titleFromFile(parts[i-1] + ".md")
		link := NavLink{Title: name}
		if p, ok := m.byURL[u]; ok {
			link = NavLink{Title: p.Title, URL: u}
		} else if m.sections[u] {
			link.URL = u
		}
		out = append(out, link)
	}
	if title == "" {
		title = titleFromFile(parts[len(parts)-1] + ".md")
	}
	return append(out, NavLink{Title: title})
}

func (m *Model) standardsView() *View {
	v := m.simpleView("standards", StandardsURL, "standards")
	v.Rubrics = m.Rubrics
	return v
}

func (m *Model) rubricPageView(kind string, r *RubricView, n *NodeView, url string) *View {
	v := m.view(kind, url)
	v.Rubric, v.Node = r, n
	v.Lang = r.Lang
	v.T = r.T
	v.Crumbs = []NavLink{{Title: r.T["home"], URL: "/"}, {Title: r.T["standards"], URL: StandardsURL}}
	switch kind {
	case "rubric":
		v.Title = r.Title
		v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short})
	case "sheet":
		v.Title = r.R.Sheet.Title
		if v.Title == "" {
			v.Title = r.Title
		}
		v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short, URL: r.URL}, NavLink{Title: r.T["sheet"]})
	case "assess":
		v.Title = r.Title + ": " + r.T["assess"]
		v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short, URL: r.URL}, NavLink{Title: r.T["assess"]})
	case "standard":
		v.Title = n.Title
		v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short, URL: r.URL})
		for _, p := range n.Path() {
			v.Crumbs = append(v.Crumbs, NavLink{Title: p.Title, URL: p.URL})
		}
		v.Crumbs = append(v.Crumbs, NavLink{Title: n.Title})
		if n.Prev != nil {
			v.Prev = &NavLink{Title: n.Prev.Title, URL: n.Prev.URL}
		}
		if n.Next != nil {
			v.Next = &NavLink{Title: n.Next.Title, URL: n.Next.URL}
		}
	}
	for _, o := range r.Other {
		u := o.URL
		switch kind {
		case "sheet":
			u += "sheet/"
		case "assess":
			u += "assess/"
		case "standard":
			u += n.ID + "/"
		}
		v.Other = append(v.Other, NavLink{Title: o.Title, URL: u, Lang: o.Lang})
	}
	return v
}

func (m *Model) aliasView(from, to string) *View {
	v := m.view("alias", from)
	// The redirect's URL is in a meta refresh, which Relativize does not
	// read, so it is made relative here.
	v.Target = relURL(to, rootOf(outputPath(from)))
	v.Title = v.T["moved"]
	return v
}
