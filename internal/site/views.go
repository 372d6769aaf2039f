package site

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"strings"
	"time"

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
	// The chrome (chrome.go): the site's title, navigation and footer in
	// the page's language, or, where handbook.yaml does not translate
	// them, the site's language, which SiteTitleLang and FooterLang then
	// name (Nav's titles each carry theirs).
	SiteTitle     string
	SiteTitleLang string
	Nav           []NavGroup
	Footer        template.HTML
	FooterLang    string
	// Updated is when the page or rubric last changed (its newest change
	// note, else its lastmod or date), and Changes its change notes,
	// newest first.
	Updated   time.Time
	Changes   []ChangeView
	Changelog *Changelog // the latest changes of the site, on /changes/
	// Document is the source document of a print view, or of the page
	// that is one of its chapters (which links to the print view).
	Document *DocumentView

	// InlineCSS is the site's stylesheet, on a page that holds it inline
	// instead of linking it (the 404 page: see kind.fromHost), and CSSHash
	// its hash ("sha256-…"), which the page's Content-Security-Policy
	// allows.
	InlineCSS template.CSS
	CSSHash   string
	// InlineJS is the 404 page's script that finds the site's root at any
	// depth on a site built without a base URL (findRootJS), and JSHash
	// its hash, which the page's Content-Security-Policy allows.
	InlineJS template.JS
	JSHash   string

	kind   *kind
	assets assets.Manifest
}

// Asset returns the site-absolute URL of a bundled entry ("main.css").
func (v *View) Asset(name string) string { return v.assets[name] }

// viewOf makes the view of one page of kind k: what every page has (its
// template, URL, language, interface words, canonical link), then what the
// kind's view builder adds, then, for a rubric's page, the same page of the
// rubric in its other languages.
func (m *Model) viewOf(k *kind, t target) *View {
	lang := m.Config.Lang
	v := &View{
		Kind: k.tmpl(), URL: t.url, Lang: lang, T: m.tmpl.Words(lang), Site: m, assets: m.assets, kind: k,
	}
	if k.fromHost && m.css != "" {
		sum := sha256.Sum256([]byte(m.css))
		v.InlineCSS, v.CSSHash = m.css, "sha256-"+base64.StdEncoding.EncodeToString(sum[:])
		if m.Config.BaseURL == "" {
			v.InlineJS, v.JSHash = findRootJS, findRootHash
		}
	}
	if m.Config.BaseURL != "" && k.canonical {
		v.Canonical = strings.TrimSuffix(m.Config.BaseURL, "/") + t.url
	}
	k.view(m, v, t)
	if t.r != nil {
		nid := ""
		if t.n != nil {
			nid = t.n.ID
		}
		for i, o := range t.r.others {
			if k.only != nil && !k.only(m, target{r: o, n: t.n}) {
				continue // the rubric in that language has no such page
			}
			l := t.r.Other[i]
			v.Other = append(v.Other, NavLink{Title: l.Title, URL: k.url(o.ID, nid), Lang: l.Lang})
		}
	}
	return v
}

// The view builders of the kinds of page, each filling in what its
// template shows.

func (m *Model) homeView(v *View, _ target) {
	v.Title = m.Config.Title
	v.Description = m.Config.Description
	if p, ok := m.byURL["/"]; ok {
		m.pageView(v, p)
		if v.Description == "" {
			// A home page without a summary is described by the
			// site's description (mkdocs.yml's, Hugo's too).
			v.Description = m.Config.Description
		}
	}
}

func (m *Model) standardsView(v *View, _ target) {
	m.title(v, "standards")
	v.Rubrics = m.Rubrics
}

// titled is the view builder of a page of the site that shows nothing of
// its own but is titled by an interface word: search, glossary, 404.
func titled(key string) func(*Model, *View, target) {
	return func(m *Model, v *View, _ target) { m.title(v, key) }
}

// title titles a page of the site by an interface word, under Home.
func (m *Model) title(v *View, key string) {
	v.Title = v.T[key]
	v.Crumbs = []NavLink{{Title: v.T["home"], URL: "/"}, {Title: v.Title}}
}

func (m *Model) markdownPageView(v *View, t target) {
	m.pageView(v, t.p)
	v.Document, _ = m.chapter(t.p)
}

// pageView shows a Markdown page: the page's own kind, and the home page.
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
	v.Changes = changeViews(p.Src.Meta.Changes)
	v.Updated = lastUpdated(v.Changes, p.Src.Meta.Updated().Time)
	if p.URL != "/" {
		v.Crumbs = m.crumbs(p.URL, p.Title)
	}
}

// listingView lists what is in a folder that has no page of its own.
func (m *Model) listingView(v *View, t target) {
	v.Title = titleFromFile(strings.Trim(t.url, "/") + ".md")
	v.Children = m.children(t.url)
	v.Crumbs = m.crumbs(t.url, "")
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

// rubricPage fills in what every page of a rubric has: the rubric, its
// language and words, and crumbs down to the standards.
func rubricPage(v *View, t target) *RubricView {
	r := t.r
	v.Rubric, v.Node = r, t.n
	v.Lang, v.T = r.Lang, r.T
	v.Crumbs = []NavLink{{Title: r.T["home"], URL: "/"}, {Title: r.T["standards"], URL: StandardsURL}}
	return r
}

func (m *Model) rubricPageView(v *View, t target) {
	r := rubricPage(v, t)
	v.Title = r.Title
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short})
	v.Changes = changeViews(r.R.Changes)
	v.Updated = lastUpdated(v.Changes, time.Time{})
}

func (m *Model) sheetView(v *View, t target) {
	r := rubricPage(v, t)
	v.Title = r.R.Sheet.Title
	if v.Title == "" {
		v.Title = r.Title
	}
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short, URL: r.URL}, NavLink{Title: r.T["sheet"]})
}

func (m *Model) assessView(v *View, t target) {
	r := rubricPage(v, t)
	v.Title = r.Title + ": " + r.T["assess"]
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short, URL: r.URL}, NavLink{Title: r.T["assess"]})
}

func (m *Model) teamView(v *View, t target) {
	r := rubricPage(v, t)
	v.Title = r.Title + ": " + r.T["team"]
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short, URL: r.URL}, NavLink{Title: r.T["team"]})
}

func (m *Model) standardView(v *View, t target) {
	r, n := rubricPage(v, t), t.n
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

func (m *Model) aliasView(v *View, t target) {
	// The redirect's URL is in a meta refresh, which Relativize does not
	// read, so it is made relative here.
	v.Target = relURL(t.to, rootOf(outputPath(t.url)))
	v.Title = v.T["moved"]
}

// stylesheet returns the bundled main.css, for a page that holds it
// inline, or "" if the bundle has none.
func stylesheet(man assets.Manifest, files []assets.File) template.CSS {
	for _, f := range files {
		if f.Path == man["main.css"] {
			// The bundle's own stylesheet: what the site's pages load.
			return template.CSS(f.Data)
		}
	}
	return ""
}
