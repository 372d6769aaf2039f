package site

import (
	"fmt"
	"hash/fnv"
	"io"
	"slices"
)

// fingerprint hashes what the template of v reads, so that an unchanged
// fingerprint means unchanged output. global covers what every page shows
// (navigation, footer, templates, assets, shape).
func (m *Model) fingerprint(global uint64, v *View) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d|%x|%s|%s|%s|%s|%s|%s|%v|%s|%s|%s|%s|%s\n", global, m.tmpl.Hash(v.Kind), v.Kind, v.URL, v.Title, v.Lang, v.Description,
		v.Canonical, v.ReviewDue, v.Target, v.Footer, v.FooterLang, v.SiteTitle, v.SiteTitleLang)
	writeLinks(h, v.Crumbs)
	writeLinks(h, v.Other)
	for _, l := range []*NavLink{v.Prev, v.Next} {
		if l != nil {
			fmt.Fprintf(h, "pn %s %s\n", l.Title, l.URL)
		}
	}
	if p := v.Page; p != nil {
		fmt.Fprintf(h, "page %s %x %s\n", p.Src.File, p.Src.Hash, p.Group)
	}
	for _, c := range v.Children {
		fmt.Fprintf(h, "child %s %s %s\n", c.URL, c.Title, c.Summary)
	}
	if r := v.Rubric; r != nil {
		fmt.Fprintf(h, "rubric %s %x\n", r.R.File, r.R.Hash)
		writeLinks(h, r.Other)
	}
	if n := v.Node; n != nil {
		fmt.Fprintf(h, "node %s\n", n.ID)
		for _, ref := range n.Refs {
			fmt.Fprintf(h, "ref %s %s\n", ref.Title, ref.URL)
		}
	}
	if d := v.Document; d != nil {
		fmt.Fprintf(h, "doc %s %s %s\n", d.URL, d.Title, d.Lang)
		if v.kind.shows&showsChapters != 0 {
			for _, c := range d.Chapters {
				fmt.Fprintf(h, "ch %s %s %x %s %s\n", c.ID, c.Page.Src.File, c.Page.Src.Hash, c.Page.URL, c.Page.Title)
			}
		}
	}
	if v.kind.shows&showsRubrics != 0 {
		for _, r := range m.Rubrics {
			fmt.Fprintf(h, "r %s %x\n", r.R.File, r.R.Hash)
		}
	}
	if v.kind.shows&showsChanges != 0 && v.Changelog != nil {
		fmt.Fprintf(h, "limited %v\n", v.Changelog.Limited)
		for _, d := range v.Changelog.Days {
			for _, e := range d.Entries {
				fmt.Fprintf(h, "c %s %s %s %s %s\n", e.Date.Format("2006-01-02"), e.URL, e.Lang, e.Title, e.Note)
			}
		}
	}
	if v.kind.shows&showsLangs != 0 {
		writeLinks(h, m.SearchLangs())
	}
	if v.kind.shows&showsGlossary != 0 && m.Glossary != nil {
		for _, t := range m.Glossary.Terms {
			fmt.Fprintf(h, "t %s %s %s %s\n", t.ID, t.Term, t.Expansion, t.Definition)
		}
	}
	return h.Sum64()
}

func writeLinks(w io.Writer, ls []NavLink) {
	for _, l := range ls {
		fmt.Fprintf(w, "l %s %s %s\n", l.Title, l.URL, l.Lang)
	}
}

// globalFingerprint hashes what every page shows.
func (m *Model) globalFingerprint(ru *reuse, footer string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "shape %x\nfooter %s\nsite %s %s %s %s\n", ru.next.shape, footer,
		m.Config.Title, m.Config.Description, m.Config.Lang, m.Config.BaseURL)
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range m.assets {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(h, "a %s %s\n", k, m.assets[k])
	}
	for _, g := range m.Nav {
		fmt.Fprintf(h, "nav %s %s\n", g.Title, g.Lang)
		writeLinks(h, g.Items)
	}
	fmt.Fprintf(h, "today %s\n", m.opt.Today)
	// Every page links to /changes/ when the site has one.
	fmt.Fprintf(h, "changes %v\n", m.HasChanges())
	return h.Sum64()
}
