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

// View is what every template is executed with. Its fields are filled in
// by the kind's view builder; what it reaches beyond them it reaches
// through its methods, which record what they are asked for (data.go).
type View struct {
	Kind        string // the template: page, rubric, standard, …
	URL         string // site-absolute
	Title       string
	Description string
	Lang        string
	Crumbs      []NavLink
	TOC         []markdown.Heading
	Prev, Next  *NavLink
	Body        template.HTML
	ReviewDue   bool
	Canonical   string
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
	// SharedNav is the navigation as handbook's own nav partial renders
	// it, when it is the same for this page as for every other page of
	// its kind and language (sharedNavs); else "", and the partial
	// renders it for the page.
	SharedNav template.HTML
	// Updated is when the page or rubric last changed (its newest change
	// note, else its lastmod or date), and Changes its change notes,
	// newest first.
	Updated   time.Time
	Changes   []ChangeView
	Changelog *Changelog // the latest changes of the site, on /changes/

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

	m    *Model
	rec  *recorder
	kind *kind
	t    target
	page *Page // the Markdown page it shows, if any
	// document is the source document of a print view, or of the page
	// that is one of its chapters (which links to the print view): see
	// Document.
	document *DocumentView
	rubrics  bool // it lists every rubric (.Rubrics)
	site     *SiteData
}

// T returns the interface words of the page's language: {{.T.home}}.
func (v *View) T() templates.Words { return v.Site().words(v.Lang) }

// Site returns the whole site: {{.Site.Config.Title}}, {{.Site.Rubrics}}.
func (v *View) Site() *SiteData {
	if v.site == nil {
		v.site = &SiteData{m: v.m, rec: v.rec}
	}
	return v.site
}

// Page returns the Markdown page the page shows, or nil.
func (v *View) Page() *PageData {
	if v.page == nil {
		return nil
	}
	return &PageData{p: v.page, rec: v.rec}
}

// Rubric returns the rubric a rubric's or standard's page is about, or
// nil.
func (v *View) Rubric() *RubricData { return newRubricData(v.t.r, v.rec) }

// Node returns the standard (or group) a standard's page is about, or nil.
func (v *View) Node() *NodeData {
	if v.t.n == nil {
		return nil
	}
	return &NodeData{n: v.t.n, rec: v.rec}
}

// Rubrics returns every rubric of the site on the page that lists them
// (the standards page), else nil.
func (v *View) Rubrics() []*RubricData {
	if !v.rubrics {
		return nil
	}
	return v.Site().Rubrics()
}

// Document returns the source document of a print view, or of the page
// that is one of its chapters (which links to the print view), or nil.
func (v *View) Document() *DocumentData { return newDocumentData(v.document, v.rec) }

// Asset returns the site-absolute URL of a bundled entry ("main.css").
func (v *View) Asset(name string) string {
	v.rec.use(depAsset, name)
	return v.m.assets[name]
}

// viewOf makes the view of one page of kind k, recording what it reads
// into rec: what every page has (its template, URL, language, canonical
// link, footer), then what the kind's view builder adds, then, for a
// rubric's page, the same page of the rubric in its other languages.
func (m *Model) viewOf(k *kind, t target, rec *recorder) *View {
	v := &View{Kind: k.tmpl(), URL: t.url, m: m, rec: rec, kind: k, t: t, page: t.p}
	rec.use(depTarget, strings.TrimPrefix(outputPath(t.url), "/"))
	rec.use(depTemplate, k.tmpl())
	cfg := v.Site().Config()
	v.Lang = cfg.Lang
	if cfg.BaseURL != "" && k.canonical {
		v.Canonical = strings.TrimSuffix(cfg.BaseURL, "/") + t.url
	}
	if k.fromHost {
		if css := v.Site().css(); css != "" {
			sum := sha256.Sum256([]byte(css))
			v.InlineCSS, v.CSSHash = template.CSS(css), "sha256-"+base64.StdEncoding.EncodeToString(sum[:])
			if cfg.BaseURL == "" {
				v.InlineJS, v.JSHash = findRootJS, findRootHash
			}
		}
	}
	k.view(v)
	if r := v.Rubric(); r != nil {
		nid := ""
		if n := v.Node(); n != nil {
			nid = n.ID()
		}
		rv := r.view()
		for i, o := range rv.others {
			if k.only != nil {
				// Whether the rubric in that language has such a page
				// is its own data.
				v.rec.use(depRubric, o.R.File)
				if !k.only(m, target{r: o, n: t.n}) {
					continue
				}
			}
			l := rv.Other[i]
			v.Other = append(v.Other, NavLink{Title: l.Title, URL: k.url(o.ID, nid), Lang: l.Lang})
		}
	}
	chrome(v)
	return v
}

// The view builders of the kinds of page, each filling in what its
// template shows. A builder reads the site only through the view's
// methods (v.Site(), v.Page(), v.Rubric(), v.T() …), as templates do, so
// that what it reads is recorded: reading the Model directly would leave
// an input out of the output's record, and a rebuild would not make the
// page again when that input changes.

func homeView(v *View) {
	s := v.Site()
	v.Title = s.Config().Title
	v.Description = s.Config().Description
	if p := s.page("/"); p != nil {
		pageView(v, p)
		if v.Description == "" {
			// A home page without a summary is described by the
			// site's description (mkdocs.yml's, Hugo's too).
			v.Description = s.Config().Description
		}
	}
}

func standardsView(v *View) {
	title(v, "standards")
	v.rubrics = true
}

// titled is the view builder of a page of the site that shows nothing of
// its own but is titled by an interface word: search, glossary, 404.
func titled(key string) func(*View) {
	return func(v *View) { title(v, key) }
}

// title titles a page of the site by an interface word, under Home.
func title(v *View, key string) {
	t := v.T()
	v.Title = t[key]
	v.Crumbs = []NavLink{{Title: t["home"], URL: "/"}, {Title: v.Title}}
}

func markdownPageView(v *View) {
	p := v.Page()
	pageView(v, p)
	v.document = v.Site().documentOf(p.p)
}

// pageView shows a Markdown page: the page's own kind, and the home page.
func pageView(v *View, p *PageData) {
	v.page = p.p
	src, doc := p.Src(), p.Doc()
	v.Title = p.Title()
	v.Description = src.Meta.Summary
	v.Lang = src.Lang
	v.Body = template.HTML(doc.HTML)
	for _, h := range doc.Headings {
		if h.Level == 2 || h.Level == 3 {
			v.TOC = append(v.TOC, h)
		}
	}
	if q := p.Prev(); q != nil {
		v.Prev = &NavLink{Title: q.Title(), URL: q.URL()}
	}
	if q := p.Next(); q != nil {
		v.Next = &NavLink{Title: q.Title(), URL: q.URL()}
	}
	if rb := src.Meta.ReviewBy; !rb.IsZero() {
		v.rec.use(depToday, "")
		if today := v.m.opt.Today; !today.IsZero() && rb.Before(today) {
			v.ReviewDue = true
		}
	}
	v.Changes = changeViews(src.Meta.Changes)
	v.Updated = lastUpdated(v.Changes, src.Meta.Updated().Time)
	if url := p.URL(); url != "/" {
		v.Crumbs = crumbs(v, url, v.Title)
	}
}

// listingView lists what is in a folder that has no page of its own.
func listingView(v *View) {
	v.Title = titleFromFile(strings.Trim(v.URL, "/") + ".md")
	v.Children = children(v.Site(), v.URL)
	v.Crumbs = crumbs(v, v.URL, "")
}

// crumbs are Home, the folders above url that are pages, and the page.
func crumbs(v *View, url, title string) []NavLink {
	s := v.Site()
	out := []NavLink{{Title: s.words(s.Config().Lang)["home"], URL: "/"}}
	parts := strings.Split(strings.Trim(url, "/"), "/")
	for i := 1; i < len(parts); i++ {
		u := "/" + strings.Join(parts[:i], "/") + "/"
		name := titleFromFile(parts[i-1] + ".md")
		link := NavLink{Title: name}
		if p := s.page(u); p != nil {
			link = NavLink{Title: p.Title(), URL: u}
		} else if s.section(u) {
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
// language, and crumbs down to the standards.
func rubricPage(v *View) *RubricData {
	r := v.Rubric()
	v.Lang = r.Lang()
	t := v.T()
	v.Crumbs = []NavLink{{Title: t["home"], URL: "/"}, {Title: t["standards"], URL: StandardsURL}}
	return r
}

func rubricPageView(v *View) {
	r := rubricPage(v)
	v.Title = r.Title()
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short()})
	v.Changes = changeViews(r.R().Changes)
	v.Updated = lastUpdated(v.Changes, time.Time{})
}

func sheetView(v *View) {
	r := rubricPage(v)
	v.Title = r.R().Sheet.Title
	if v.Title == "" {
		v.Title = r.Title()
	}
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short(), URL: r.URL()}, NavLink{Title: r.T()["sheet"]})
}

func assessView(v *View) {
	r := rubricPage(v)
	v.Title = r.Title() + ": " + r.T()["assess"]
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short(), URL: r.URL()}, NavLink{Title: r.T()["assess"]})
}

func teamView(v *View) {
	r := rubricPage(v)
	v.Title = r.Title() + ": " + r.T()["team"]
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short(), URL: r.URL()}, NavLink{Title: r.T()["team"]})
}

func standardView(v *View) {
	r, n := rubricPage(v), v.Node()
	v.Title = n.Title()
	v.Crumbs = append(v.Crumbs, NavLink{Title: r.Short(), URL: r.URL()})
	for _, p := range n.Path() {
		v.Crumbs = append(v.Crumbs, NavLink{Title: p.Title(), URL: p.URL()})
	}
	v.Crumbs = append(v.Crumbs, NavLink{Title: n.Title()})
	if p := n.Prev(); p != nil {
		v.Prev = &NavLink{Title: p.Title(), URL: p.URL()}
	}
	if p := n.Next(); p != nil {
		v.Next = &NavLink{Title: p.Title(), URL: p.URL()}
	}
}

func aliasView(v *View) {
	// The redirect's URL is in a meta refresh, which Relativize does not
	// read, so it is made relative here. Where it leads is part of the
	// target, which every output records.
	v.Target = relURL(v.t.to, rootOf(outputPath(v.URL)))
	v.Title = v.T()["moved"]
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
