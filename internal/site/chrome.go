package site

import (
	"html/template"
	"slices"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// What every page shows around its own content, the chrome: the site's
// title, its navigation and its footer. A page in another language than
// the site's (lang: cy) shows them as handbook.yaml's translations: give
// them in its language; what they do not translate keeps the site's
// language, and says so with a lang attribute, so that a screen reader
// reads it right. The interface words are the page's language's already.

// footers is the site's footer rendered, by language: "" is the site's
// own, and each translation that gives a footer has its own.
type footers map[string]template.HTML

// renderFooters renders the footer of handbook.yaml and of each of its
// translations, as a page at the site's root.
func (m *Model) renderFooters(errs *source.List) footers {
	out := footers{}
	render := func(lang, src string, line int) {
		if src == "" {
			return
		}
		doc, err := m.render(markdown.Input{File: config.File, Src: []byte(src), FirstLine: line}, "", "/")
		if err == nil {
			out[lang] = template.HTML(doc.HTML)
			errs.Merge(&doc.Errs)
		}
	}
	render("", m.Config.Footer, m.Config.KeyPos["footer"].Line)
	for _, lang := range sortedKeys(m.Config.Translations) {
		if tr := m.Config.Translations[lang]; tr != nil {
			render(lang, tr.Footer, tr.KeyPos["footer"].Line)
		}
	}
	return out
}

// String is every footer, for the hash of the config (deps.go).
func (f footers) String() string {
	var s string
	for _, lang := range sortedKeys(f) {
		s += lang + "\x00" + string(f[lang]) + "\x00"
	}
	return s
}

// chrome fills in the chrome of view v in its language: the site's title,
// its navigation and its footer, translated where handbook.yaml's
// translations say, else marked as the site's language. What it reads is
// recorded: the config (with the footers rendered from it) and the
// navigation.
func chrome(v *View) {
	s := v.Site()
	cfg := s.Config()
	site := cfg.Lang
	other := v.Lang != site
	tr := cfg.Translations[v.Lang]
	if !other {
		tr = nil
	}
	v.SiteTitle, v.SiteTitleLang = cfg.Title, ""
	if tr != nil && tr.Title != "" {
		v.SiteTitle = tr.Title
	} else if other {
		v.SiteTitleLang = site
	}
	f := v.m.footers
	v.Footer, v.FooterLang = f[""], ""
	if h, ok := f[v.Lang]; ok && other {
		v.Footer = h
	} else if other && v.Footer != "" {
		v.FooterLang = site
	}
	nav := s.Nav()
	v.Nav = make([]NavGroup, len(nav))
	for i, g := range nav {
		ng := NavGroup{Title: g.Title, Lang: g.Lang, Items: slices.Clone(g.Items)}
		if t, ok := translated(tr, g.Title); ok {
			ng.Title, ng.Lang = t, v.Lang
		}
		if ng.Lang == v.Lang {
			ng.Lang = ""
		}
		for j, it := range ng.Items {
			if t, ok := translated(tr, it.Title); ok {
				it.Title, it.Lang = t, v.Lang
			}
			if it.Lang == v.Lang {
				it.Lang = ""
			}
			ng.Items[j] = it
		}
		v.Nav[i] = ng
	}
}

// translated returns a navigation title in the language of tr, if tr
// gives one.
func translated(tr *config.Translation, title string) (string, bool) {
	if tr == nil || title == "" {
		return "", false
	}
	t, ok := tr.Nav[title]
	return t, ok && t != ""
}

// checkTranslations reports a navigation title that a translation gives
// but the navigation does not have: a typo, or a title since changed.
func (m *Model) checkTranslations(errs *source.List) {
	titles := map[string]bool{}
	for _, g := range m.Nav {
		titles[g.Title] = true
		for _, it := range g.Items {
			titles[it.Title] = true
		}
	}
	for _, lang := range sortedKeys(m.Config.Translations) {
		tr := m.Config.Translations[lang]
		if tr == nil {
			continue
		}
		for _, title := range sortedKeys(tr.Nav) {
			if !titles[title] {
				pos := tr.NavPos[title]
				if pos.File == "" {
					pos = m.Config.TranslationsPos[lang]
				}
				errs.Addf(pos, "translations: %s: nav %q is not a title of the navigation", lang, title).Hint =
					"use a group's or an item's title as the navigation shows it in the site's language"
			}
		}
	}
}
