package site

import (
	"maps"

	"github.com/handbook-ssg/handbook/internal/check"
)

// checkInput gathers what check.Site needs: every anchor of every URL, and
// every link with its position.
func (m *Model) checkInput() *check.Input {
	in := &check.Input{Anchors: map[string]map[string]bool{}, NoNav: len(m.Config.Nav) == 0,
		AnchorWarnings: m.Config.Anchors == "warn" || !m.strict(), PageWarnings: !m.strict()}
	// Every page of a kind links may name, with its anchors, and every
	// file copied as it is.
	for k, t := range m.targets() {
		if !k.linked {
			continue
		}
		var ids map[string]bool
		if k.anchors != nil {
			ids = k.anchors(m, t)
		}
		addAnchors(in.Anchors, t.url, ids)
	}
	for f := range m.files {
		addAnchors(in.Anchors, f, nil)
	}
	for _, p := range m.Pages {
		in.Docs = append(in.Docs, check.Doc{File: p.Src.File, URL: p.URL, Doc: p.Doc, Checked: m.checked[p.Doc]})
	}
	for _, r := range m.Rubrics {
		for _, d := range r.docs {
			d.Checked = m.checked[d.Doc]
			in.Docs = append(in.Docs, d)
		}
	}
	if g := m.Glossary; g != nil {
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

// addAnchors records that url is a page with the anchors ids. A map it is
// given may be shared (a page's own) and is never changed: a second set of
// anchors for one URL goes into a new map.
func addAnchors(all map[string]map[string]bool, url string, ids map[string]bool) {
	old, ok := all[url]
	switch {
	case !ok && ids == nil:
		all[url] = map[string]bool{}
	case !ok:
		all[url] = ids
	case len(ids) > 0:
		merged := maps.Clone(old)
		maps.Copy(merged, ids)
		all[url] = merged
	}
}
