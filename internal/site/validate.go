package site

import (
	"github.com/handbook-ssg/handbook/internal/check"
)

// checkInput gathers what check.Links needs: every anchor of every URL, and
// every link with its position.
func (m *Model) checkInput() *check.Input {
	in := &check.Input{Anchors: map[string]map[string]bool{}, NoNav: len(m.Config.Nav) == 0,
		AnchorWarnings: m.Config.Anchors == "warn" || !m.strict(), PageWarnings: !m.strict()}
	add := func(url string, ids ...string) {
		a := in.Anchors[url]
		if a == nil {
			a = map[string]bool{}
			in.Anchors[url] = a
		}
		for _, id := range ids {
			a[id] = true
		}
	}
	add("/")
	add(SearchURL)
	add(StandardsURL)
	for _, p := range m.Pages {
		in.Anchors[p.URL] = p.Doc.Anchors() // shared, read-only
		in.Docs = append(in.Docs, check.Doc{File: p.Src.File, URL: p.URL, Doc: p.Doc, Checked: m.checked[p.Doc]})
	}
	for f := range m.files {
		add(f)
	}
	for d := range m.sections {
		add(d) // the page listing a folder without an index.md
	}
	for _, r := range m.Rubrics {
		add(StandardsURL, r.ID)
		var ids []string
		for _, n := range r.All {
			ids = append(ids, n.ID)
			add(n.URL)
		}
		add(r.URL, ids...)
		add(r.SheetURL)
		add(r.AssessURL)
		for _, d := range r.docs {
			d.Checked = m.checked[d.Doc]
			in.Docs = append(in.Docs, d)
		}
	}
	if g := m.Glossary; g != nil {
		var ids []string
		for _, t := range g.Terms {
			ids = append(ids, t.ID)
		}
		add(GlossaryURL, ids...)
		in.Docs = append(in.Docs, g.docs...)
		in.Links = append(in.Links, g.links...)
	}
	for _, g := range m.Config.Nav {
		for _, it := range g.Items {
			// Navigation refs resolve like links from the site root.
			res, err := m.resolve("", "/", it.Ref)
			if err != nil {
				in.Errs = append(in.Errs, m.missingLink(it.Pos, err))
				continue
			}
			if res.External {
				continue
			}
			in.Links = append(in.Links, check.Link{Pos: it.Pos, Dest: it.Ref, Target: res.Target, Fragment: res.Fragment})
		}
	}
	if !m.opt.Today.IsZero() {
		in.Today = m.opt.Today
		for _, p := range m.Pages {
			if rb := p.Src.Meta.ReviewBy; !rb.IsZero() {
				in.Reviews = append(in.Reviews, check.Review{Pos: p.Src.Meta.KeyPos["review_by"], By: rb.Time, Owner: p.Src.Meta.Owner})
			}
		}
	}
	return in
}
