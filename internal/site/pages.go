package site

import (
	"cmp"
	"context"
	"html/template"
	"maps"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
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

// Child is an entry of a folder's listing page: a page, or a folder.
type Child struct {
	Title   string
	URL     string
	Summary string
}

// folderTree records, for every folder of pages, what is directly in it
// (pages and folders, by URL), and picks the folders that get a page
// listing them: those without a page of their own (an index.md) that hold
// at least two entries. A folder of one page needs no list: breadcrumbs
// show its name without a link, and listings link to its page.
func (m *Model) folderTree() {
	m.folders = map[string][]string{}
	seen := map[string]bool{}
	for _, p := range m.Pages {
		child := p.URL
		for d := path.Dir(strings.TrimSuffix(child, "/")); d != "." && d != "/" && !seen[child]; d = path.Dir(d) {
			seen[child] = true
			m.folders[d+"/"] = append(m.folders[d+"/"], child)
			child = d + "/"
		}
	}
	m.sections = map[string]bool{}
	for d, c := range m.folders {
		if _, ok := m.byURL[d]; !ok && len(c) >= 2 {
			m.sections[d] = true
		}
	}
}

// children lists what a folder's listing page shows, pages by weight then
// title, folders by title.
func (m *Model) children(dir string) []Child {
	var out []Child
	var weights []float64
	for _, u := range m.folders[dir] {
		c, w := m.child(u)
		out, weights = append(out, c), append(weights, w)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := cmp.Compare(weights[a], weights[b]); c != 0 {
			return c
		}
		return cmp.Compare(out[a].Title, out[b].Title)
	})
	sorted := make([]Child, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// child describes the page or folder at u for a listing, with its weight.
func (m *Model) child(u string) (Child, float64) {
	if p, ok := m.byURL[u]; ok {
		return Child{Title: p.Title, URL: p.URL, Summary: p.Src.Meta.Summary}, p.Src.Meta.Order()
	}
	if m.sections[u] {
		return Child{Title: titleFromFile(path.Base(strings.TrimSuffix(u, "/")) + ".md"), URL: u}, 0
	}
	// A folder of one page: list that page.
	if c := m.folders[u]; len(c) == 1 {
		return m.child(c[0])
	}
	return Child{Title: titleFromFile(path.Base(strings.TrimSuffix(u, "/")) + ".md")}, 0
}

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

// writePages plans every page, templates the ones whose fingerprint the
// cache does not hold, makes their URLs relative, and adds them to out.
func (m *Model) writePages(ctx context.Context, out *output, c *cache, plan []planned, errs *source.List) {
	footer := template.HTML("")
	if f := m.Config.Footer; f != "" {
		doc, err := m.render(markdown.Input{File: "handbook.yaml", Src: []byte(f), FirstLine: m.Config.KeyPos["footer"].Line}, "", "/")
		if err == nil {
			footer = template.HTML(doc.HTML)
			errs.Merge(&doc.Errs)
		}
	}
	global := m.globalFingerprint(c, string(footer))
	c.next.footer = footer
	c.setFast(m, global)
	// Template in parallel: html/template is safe for concurrent use, and
	// each page is independent. Results keep the plan's order.
	type result struct {
		data   []byte
		fp     uint64
		reused bool
		err    error
	}
	// Each worker adds its pages to out as it makes them, so that with a
	// sink a large site is written while it is templated.
	var mu sync.Mutex // guards errs, c.stats and c.next
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				p := plan[i]
				file := outputPath(p.url)
				if old, ok := c.unaffected(file, p.url); ok {
					// A rebuild that knows this page shows nothing that
					// changed: its bytes as they were, without a view.
					out.add(file, old.data)
					mu.Lock()
					c.stats.Reused++
					c.next.outputs[file] = old
					mu.Unlock()
					continue
				}
				v := p.make()
				v.Footer = footer
				fp := m.fingerprint(global, v)
				b, reused := c.output(file, fp)
				if !reused {
					var err error
					b, err = m.tmpl.Render(v.Kind, v)
					if err != nil {
						mu.Lock()
						errs.Addf(templatePos(p), "%v", err).Hint = "fix the template; the message gives its name, line and column"
						mu.Unlock()
						continue
					}
					b = m.rebase(b, file, v.Kind)
				}
				if m.opt.Once && v.Page != nil {
					// Its HTML is in the output now; let it go.
					v.Body, v.Page.Doc.HTML = "", ""
				}
				out.add(file, b)
				mu.Lock()
				if reused {
					c.stats.Reused++
				} else {
					c.stats.Templated++
				}
				if !m.opt.Once {
					c.next.outputs[file] = cachedOutput{fp: fp, data: b}
				}
				mu.Unlock()
			}
		})
	}
	for i := range plan {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	out.add("/sitemap.xml", m.sitemap(plan))
}

// rebase makes the URLs of a page relative to the page. The 404 page is
// the exception when the site's base URL is known: a server shows it at any
// missing address, at any depth, so its URLs start from the site's path on
// its host instead.
func (m *Model) rebase(b []byte, file, kind string) []byte {
	if kind == "404" && m.Config.BaseURL != "" {
		if u, err := url.Parse(m.Config.BaseURL); err == nil {
			return rebase(b, strings.TrimSuffix(u.Path, "/")+"/")
		}
	}
	return Relativize(b, file)
}

func templatePos(p planned) source.Pos {
	if p.pos.File != "" {
		return p.pos
	}
	return source.Pos{File: "templates/" + p.kind + ".html"}
}

// outputPath maps a URL to the file that serves it.
func outputPath(url string) string {
	if strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}
