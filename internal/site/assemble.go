package site

import (
	"cmp"
	"html/template"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-ssg/handbook/internal/check"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// GlossaryView is the glossary ready for its page.
type GlossaryView struct {
	Terms   []*TermView
	Letters []Letter
	docs    []check.Doc
	links   []check.Link
}

// TermView is a glossary term.
type TermView struct {
	ID         string
	Term       string
	Expansion  string
	Definition template.HTML
	See        string // site-absolute URL, or ""
}

func (m *Model) renderGlossary(errs *source.List) {
	g := m.loaded.Glossary
	if g == nil {
		return
	}
	v := &GlossaryView{}
	resolve := m.resolver("", GlossaryURL)
	for _, t := range g.Terms {
		tv := &TermView{ID: t.ID, Term: t.Term, Expansion: t.Expansion}
		if t.Definition != "" {
			pos := t.KeyPos["definition"]
			doc, err := m.render(markdown.Input{File: g.File, Src: []byte(t.Definition), FirstLine: pos.Line}, "", GlossaryURL)
			if err != nil {
				errs.Addf(t.Pos, "%v", err)
			} else {
				errs.Merge(&doc.Errs)
				tv.Definition = template.HTML(doc.HTML)
				v.docs = append(v.docs, check.Doc{File: g.File, URL: GlossaryURL, Doc: doc, Part: true})
			}
		}
		if t.See != "" {
			res, err := resolve(t.See)
			if err != nil {
				errs.Addf(t.KeyPos["see"], "%v", err)
			} else {
				tv.See = res.Href
				v.links = append(v.links, check.Link{Pos: t.KeyPos["see"], Dest: t.See, Target: res.Target, Fragment: res.Fragment})
			}
		}
		v.Terms = append(v.Terms, tv)
	}
	slices.SortStableFunc(v.Terms, func(a, b *TermView) int {
		return cmp.Compare(strings.ToLower(a.Term), strings.ToLower(b.Term))
	})
	for _, t := range v.Terms {
		l := strings.ToUpper(string([]rune(t.Term)[:1]))
		if l < "A" || l > "Z" {
			l = "#"
		}
		if n := len(v.Letters); n == 0 || v.Letters[n-1].Letter != l {
			v.Letters = append(v.Letters, Letter{Letter: l})
		}
		v.Letters[len(v.Letters)-1].Terms = append(v.Letters[len(v.Letters)-1].Terms, t)
	}
	m.Glossary = v
}

// Letter is the glossary's terms under one initial letter.
type Letter struct {
	Letter string
	Terms  []*TermView
}

// assemble works out navigation, previous and next pages, and the
// "Referenced in" lists: plain data from what is loaded and rendered.
func (m *Model) assemble() {
	inNav := map[string]bool{}
	resolve := m.resolver("", "/")
	var order []*Page
	byURL := m.byURL
	for _, g := range m.Config.Nav {
		ng := NavGroup{Title: g.Title}
		for _, it := range g.Items {
			res, err := resolve(it.Ref)
			if err != nil {
				continue // reported by check
			}
			title := it.Title
			if p, ok := byURL[res.Target]; ok {
				if title == "" {
					title = p.Title
				}
				if !inNav[p.URL] {
					order = append(order, p)
					p.Group = g.Title
				}
				inNav[p.URL] = true
			} else if title == "" && res.External {
				title = it.Ref
			} else if title == "" {
				title = m.titleOf(res.Target)
			}
			ng.Items = append(ng.Items, NavLink{Title: title, URL: res.Href})
		}
		m.Nav = append(m.Nav, ng)
	}
	if len(m.Config.Nav) == 0 {
		// Without a configured navigation: the top-level pages and folders,
		// and every page in folder order for previous and next. Folders link
		// to their section page, which lists what is in them, so the
		// navigation stays small however many pages the site has.
		ps := slices.Clone(m.Pages)
		slices.SortStableFunc(ps, func(a, b *Page) int {
			if c := cmp.Compare(path.Dir(a.Src.Rel), path.Dir(b.Src.Rel)); c != 0 {
				return c
			}
			if c := cmp.Compare(a.Src.Meta.Order(), b.Src.Meta.Order()); c != 0 {
				return c
			}
			return cmp.Compare(a.Title, b.Title)
		})
		ng := NavGroup{}
		seen := map[string]bool{}
		for _, p := range ps {
			if p.URL == "/" {
				continue
			}
			order = append(order, p)
			top := "/" + strings.SplitN(strings.Trim(p.URL, "/"), "/", 2)[0] + "/"
			if seen[top] {
				continue
			}
			seen[top] = true
			title := p.Title
			if top != p.URL {
				title = titleFromFile(strings.Trim(top, "/") + ".md")
				if q, ok := byURL[top]; ok {
					title = q.Title
				}
			}
			// A folder of one page and no index.md has no page of
			// its own: link to the page.
			link := top
			if t, ok := m.folderTarget(top); ok {
				link = t
			}
			ng.Items = append(ng.Items, NavLink{Title: title, URL: link})
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

// titleOf names a generated page for navigation.
func (m *Model) titleOf(url string) string {
	for _, r := range m.Rubrics {
		switch url {
		case r.URL:
			return r.Title
		case r.SheetURL:
			return r.Short + ": " + r.T["sheet"]
		case r.AssessURL:
			return r.Short + ": " + r.T["assess"]
		}
	}
	t := m.tmpl.Words(m.Config.Lang)
	switch url {
	case StandardsURL:
		return t["standards"]
	case GlossaryURL:
		return t["glossary"]
	case SearchURL:
		return t["search"]
	}
	return url
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
