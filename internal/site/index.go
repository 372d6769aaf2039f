package site

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-ssg/handbook/internal/search"
)

// SearchLangs lists the languages the site's pages and rubrics are in,
// each with a link to the search page searching its index, the site's
// language first: the search page offers the others, so that Welsh
// content is found from an English page too. None when the site is in
// one language.
func (m *Model) SearchLangs() []NavLink {
	seen := map[string]bool{m.Config.Lang: true}
	langs := []string{m.Config.Lang}
	add := func(l string) {
		if !seen[l] {
			seen[l] = true
			langs = append(langs, l)
		}
	}
	for _, p := range m.Pages {
		add(p.Src.Lang)
	}
	for _, r := range m.Rubrics {
		add(r.Lang)
	}
	if len(langs) < 2 {
		return nil
	}
	slices.Sort(langs[1:])
	var out []NavLink
	for _, l := range langs {
		name := m.tmpl.Words(l)["lang_name"]
		if name == "" {
			name = l
		}
		out = append(out, NavLink{Title: name, URL: SearchURL + "?lang=" + l, Lang: l})
	}
	return out
}

// searchEntries lists everything the search finds: each numbered paragraph,
// each stretch of text under a heading, each page, each standard and group,
// each glossary term.
func (m *Model) searchEntries() []search.Entry {
	return m.searchEntriesContext(context.Background())
}

// searchEntriesContext is searchEntries that stops early, returning nil,
// once ctx is done: the dev server's index, stopped by an edit, must stop
// reading the model soon (a quick rebuild waits for it), and at 10,000
// pages the entries alone take a good part of a second.
func (m *Model) searchEntriesContext(ctx context.Context) []search.Entry {
	var out []search.Entry
	for i, p := range m.Pages {
		if i%256 == 0 && ctx.Err() != nil {
			return nil
		}
		lang := p.Src.Lang
		summary := p.Src.Meta.Summary
		out = append(out, search.Entry{URL: p.URL, Kind: search.Page, Title: p.Title, Context: p.Group, Text: summary, Lang: lang})
		for _, s := range p.Doc.Sections {
			title, url := s.Heading, p.URL
			if s.HeadingID != "" {
				url += "#" + s.HeadingID
			} else {
				title = p.Title
			}
			out = append(out, search.Entry{URL: url, Kind: search.Section, Title: title, Context: p.Title, Text: s.Text, Lang: lang})
		}
		for _, h := range p.Doc.Headings {
			if h.ID == "" {
				continue
			}
			out = append(out, search.Entry{URL: p.URL + "#" + h.ID, Kind: search.Section, Title: h.Text, Context: p.Title, Lang: lang})
		}
		for _, b := range p.Doc.Paras {
			ctx := p.Title
			if b.Heading != "" {
				ctx += " › " + b.Heading
			}
			out = append(out, search.Entry{URL: p.URL + "#" + b.ID, Kind: search.Paragraph,
				Title: m.tmpl.Words(lang)["paragraph"] + " " + strconv.Itoa(b.Number), Context: ctx, Text: b.Text, Lang: lang})
		}
	}
	for _, r := range m.Rubrics {
		out = append(out, search.Entry{URL: r.URL, Kind: search.Page, Title: r.Title, Context: r.T["standards"], Text: r.R.Summary, Lang: r.Lang})
		for _, n := range r.All {
			var text []string
			add := func(s ...string) {
				for _, x := range s {
					if x = strings.TrimSpace(x); x != "" {
						text = append(text, x)
					}
				}
			}
			add(n.N.Text, n.N.Intro, n.N.Description)
			add(n.N.Activities...)
			for _, l := range r.R.Scale.Levels {
				add(n.N.Descriptors[l.ID]...)
			}
			for _, b := range r.R.Scale.Bands {
				add(n.N.Descriptors[b.ID]...)
			}
			add(n.N.Examples...)
			add(n.N.Evidence...)
			ctx := r.Title
			for _, a := range n.Path() {
				ctx += " › " + a.Title
			}
			title := n.Title
			if n.Number != "" {
				title = n.Number + " " + title
			}
			out = append(out, search.Entry{URL: n.Anchor, Kind: search.Standard, Title: title, Context: ctx, Text: strings.Join(text, "\n"), Lang: r.Lang})
		}
	}
	if g := m.Glossary; g != nil {
		// The definitions as written (the view holds them as HTML), by id,
		// looked up once each rather than searched for per term.
		defs := map[string]string{}
		for _, src := range m.loaded.Glossary.Terms {
			defs[src.ID] += "\n" + src.Definition
		}
		for _, t := range g.Terms {
			text := t.Expansion + defs[t.ID]
			out = append(out, search.Entry{URL: GlossaryURL + "#" + t.ID, Kind: search.Glossary, Title: t.Term, Context: m.tmpl.Words(m.Config.Lang)["glossary"], Text: text, Lang: m.Config.Lang})
		}
	}
	return out
}
