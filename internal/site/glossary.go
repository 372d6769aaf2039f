package site

import (
	"cmp"
	"html/template"
	"slices"
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
				errs.Add(source.Wrap(t.Pos, err))
			} else {
				errs.Merge(&doc.Errs)
				tv.Definition = template.HTML(doc.HTML)
				v.docs = append(v.docs, check.Doc{File: g.File, URL: GlossaryURL, Doc: doc, Part: true})
			}
		}
		if t.See != "" {
			res, err := resolve(t.See)
			if err != nil {
				errs.Add(source.Wrap(t.KeyPos["see"], err))
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
