package site

import (
	"errors"
	"html/template"
	"io/fs"
	"slices"
	"sync"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/templates"
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

// sharedNavs are the navigation rendered once for each kind of page and
// language, to be shown as it is by the pages of that kind and language
// that are not in it: on every other page only the link to the page itself
// differs (aria-current). The navigation is a large part of a page's
// template actions, and templating it once instead of on every page is
// the same bytes. It is shared only for a kind of page whose template
// files are all handbook's own: a site's own nav partial may read more of
// the page, and its own layout may call the partial elsewhere than in the
// text of the page.
type sharedNavs struct {
	tmpl *templates.Set
	site fs.FS // the site's own files

	mu     sync.Mutex
	own    map[string]bool          // by kind: every template file is handbook's
	byKind map[navKey]template.HTML // "" where the partial failed: each page then reports it
}

type navKey struct{ kind, lang string }

func newSharedNavs(tmpl *templates.Set, site fs.FS) *sharedNavs {
	return &sharedNavs{tmpl: tmpl, site: site, own: map[string]bool{}, byKind: map[navKey]template.HTML{}}
}

// fill sets v.SharedNav when v's navigation can be the one shared by its
// kind and language, rendering that the first time, and records what the
// partial reads: the interface words of the page's language (the
// navigation itself is recorded by chrome, the page's URL by every page).
func (n *sharedNavs) fill(v *View) {
	if !n.ownTemplates(v.Kind) {
		return
	}
	for _, g := range v.Nav {
		for _, it := range g.Items {
			if it.URL == v.URL {
				return // the page's own link is marked
			}
		}
	}
	v.Site().words(v.Lang)
	k := navKey{v.Kind, v.Lang}
	n.mu.Lock()
	h, ok := n.byKind[k]
	n.mu.Unlock()
	if !ok {
		// Pages templating at once may each render it: the same bytes.
		b, err := n.tmpl.RenderPart(v.Kind, "nav", v)
		if err == nil {
			h = template.HTML(b)
		}
		n.mu.Lock()
		n.byKind[k] = h
		n.mu.Unlock()
	}
	v.SharedNav = h
}

// ownTemplates reports whether every template file the kind's template can
// execute is handbook's own, not the site's.
func (n *sharedNavs) ownTemplates(kind string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	own, ok := n.own[kind]
	if !ok {
		own = true
		for _, f := range n.tmpl.Files(kind) {
			if _, err := fs.Stat(n.site, f); !errors.Is(err, fs.ErrNotExist) {
				own = false
				break
			}
		}
		n.own[kind] = own
	}
	return own
}
