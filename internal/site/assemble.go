package site

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"strings"
)

// assemble works out navigation, previous and next pages, and the
// "Referenced in" lists: plain data from what is loaded and rendered.
func (m *Model) assemble() {
	inNav := map[string]bool{}
	resolve := m.resolver("", "/")
	var order []*Page
	byURL := m.byURL
	site := m.Config.Lang
	for _, g := range m.Config.Nav {
		ng := NavGroup{Title: g.Title, Lang: site}
		for _, it := range g.Items {
			res, err := resolve(it.Ref)
			if err != nil {
				continue // reported by check
			}
			title, lang := it.Title, site
			if p, ok := byURL[res.Target]; ok {
				if title == "" {
					title, lang = p.Title, p.Src.Lang
				}
				if !inNav[p.URL] {
					order = append(order, p)
					p.Group = g.Title
				}
				inNav[p.URL] = true
			} else if title == "" && res.External {
				title = it.Ref
			} else if title == "" {
				title, lang = m.titleOf(res.Target)
			}
			ng.Items = append(ng.Items, NavLink{Title: title, URL: res.Href, Lang: lang})
		}
		m.Nav = append(m.Nav, ng)
	}
	if len(m.Config.Nav) == 0 {
		// Without a configured navigation: the top-level pages and folders,
		// and every page in folder order for previous and next. Folders link
		// to their section page, which lists what is in them, so the
		// navigation stays small however many pages the site has.
		// Each page's folder and weight worked out once, not at each
		// comparison of the sort.
		type sortKey struct {
			dir   string
			order float64
			p     *Page
		}
		ps := make([]sortKey, len(m.Pages))
		for i, p := range m.Pages {
			ps[i] = sortKey{path.Dir(p.Src.Rel), p.Src.Meta.Order(), p}
		}
		slices.SortStableFunc(ps, func(a, b sortKey) int {
			if c := cmp.Compare(a.dir, b.dir); c != 0 {
				return c
			}
			if c := cmp.Compare(a.order, b.order); c != 0 {
				return c
			}
			return cmp.Compare(a.p.Title, b.p.Title)
		})
		ng := NavGroup{Lang: site}
		seen := map[string]bool{}
		for _, k := range ps {
			p := k.p
			if p.URL == "/" {
				continue
			}
			order = append(order, p)
			top := "/" + strings.SplitN(strings.Trim(p.URL, "/"), "/", 2)[0] + "/"
			if seen[top] {
				continue
			}
			seen[top] = true
			title, lang := p.Title, p.Src.Lang
			if top != p.URL {
				title, lang = titleFromFile(strings.Trim(top, "/")+".md"), site
				if q, ok := byURL[top]; ok {
					title, lang = q.Title, q.Src.Lang
				}
			}
			// A folder of one page and no index.md has no page of
			// its own: link to the page.
			link := top
			if t, ok := m.folderTarget(top); ok {
				link = t
			}
			ng.Items = append(ng.Items, NavLink{Title: title, URL: link, Lang: lang})
		}
		m.Nav = append(m.Nav, ng)
	}
	for i, p := range order {
		if i > 0 {
			p.Prev = order[i-1]
		}
		if i+1 < len(order) {
			p.Next = order[i+1]
		}
	}
	// Referenced in: every guidance paragraph that links to a standard.
	nodes := map[string]*NodeView{}
	m.nodes = nodes
	for _, r := range m.Rubrics {
		for _, n := range r.All {
			n.Refs = nil // a reused view holds the previous build's
			nodes[n.URL] = n
		}
	}
	for _, p := range m.Pages {
		seen := map[string]bool{}
		for _, l := range p.Doc.Links {
			n, ok := nodes[l.Target]
			if !ok || !strings.HasPrefix(l.Dest, StdScheme) {
				continue
			}
			ref := Ref{Title: p.Title, URL: p.URL}
			if l.Para > 0 {
				ref.Title += ", paragraph " + strconv.Itoa(l.Para)
				ref.URL += "#p" + strconv.Itoa(l.Para)
			}
			if !seen[n.URL+ref.URL] {
				seen[n.URL+ref.URL] = true
				n.Refs = append(n.Refs, ref)
			}
		}
	}
}

// titleOf names a page the build makes for navigation, as its kind's
// navTitle says, and says the name's language (a rubric's page is named
// in the rubric's); a page whose kind says nothing is named by its URL.
func (m *Model) titleOf(url string) (title, lang string) {
	for k, t := range m.targets() {
		if t.url == url && k.navTitle != nil {
			if t.r != nil {
				return k.navTitle(m, t), t.r.Lang
			}
			return k.navTitle(m, t), m.Config.Lang
		}
	}
	return url, m.Config.Lang
}

// siteTitle gives a site whose config has no title the title of its home
// page, such as a folder of Markdown whose index.md starts "# Team notes".
func (m *Model) siteTitle() {
	if !m.Config.Untitled {
		return
	}
	if p, ok := m.byURL["/"]; ok && p.Src.Meta.Title+p.Doc.Title != "" {
		m.Config.Title = p.Title
	}
}
