package site

import (
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/source"
)

// kinds is every kind of page the build makes, in the order the plan
// lists them. Each stage reads it, and no other Go code names a kind: the plan
// (which pages there are, at which URLs, claimed by what), the views (each
// kind's template and view builder), the link check (which URLs a link may
// name, and their anchors), navigation titles, sitemap.xml, canonical
// links, and the ids a rubric keeps for its own pages (rubric.Reserved).
// What a kind's pages read is not listed here: each page records what its
// view builder and template read as they read it (deps.go), so a new kind
// gets its rebuilds right without saying what it shows.
//
// A new kind of page is a row here, its template templates/<name>.html and
// its view builder (views.go); the TestKinds tests check that the rows, the
// default templates, rubric.Reserved and the output agree. A new scope (one
// page per something new) is a case in targets and claimOf as well.
var kinds = []*kind{
	{
		name: "home", pattern: "/", scope: oneSite, desc: "home page",
		view: homeView, claim: homeClaim, anchors: homeAnchors,
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "standards", pattern: StandardsURL, scope: oneSite, desc: "standards page",
		view: standardsView, anchors: rubricIDs, navTitle: word("standards"),
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "search", pattern: SearchURL, scope: oneSite, desc: "search page",
		view: titled("search"), navTitle: word("search"),
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "glossary", pattern: GlossaryURL, scope: oneSite, desc: "glossary page",
		view: titled("glossary"), claim: glossaryClaim, only: hasGlossary, anchors: termIDs, navTitle: word("glossary"),
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "changes", pattern: ChangesURL, scope: oneSite, desc: "page of changes",
		view: changesView, only: hasChanges, navTitle: word("changes"),
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "404", pattern: "/404.html", scope: oneSite, desc: "404 page",
		view:    titled("not_found"),
		sitemap: false, canonical: false, linked: false, fromHost: true,
	},
	{
		name: "rubric", pattern: StandardsURL + "<rubric>/", scope: perRubric, desc: "rubric page",
		view: rubricPageView, anchors: standardIDs, navTitle: rubricTitle,
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "sheet", pattern: StandardsURL + "<rubric>/sheet/", scope: perRubric, desc: "sheet",
		view: sheetView, navTitle: rubricWord("sheet"),
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "assess", pattern: StandardsURL + "<rubric>/assess/", scope: perRubric, desc: "form",
		view: assessView, navTitle: rubricWord("assess"),
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "team", pattern: StandardsURL + "<rubric>/team/", scope: perRubric, desc: "team view",
		view: teamView, only: hasTeam, navTitle: rubricWord("team"),
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "standard", pattern: StandardsURL + "<rubric>/<standard>/", scope: perStandard, desc: "page of standard",
		view:    standardView,
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "page", pattern: "/<path>/", scope: perPage, desc: "page",
		view: markdownPageView, anchors: pageAnchors,
		sitemap: true, canonical: true, linked: true,
	},
	{
		name: "print", pattern: PrintURL + "<document>/", scope: perDocument, desc: "print view",
		view: printView, navTitle: documentTitle,
		sitemap: false, canonical: true, linked: true,
	},
	{
		name: "listing", template: "page", pattern: "/<folder>/", scope: perFolder, desc: "listing of",
		view:    listingView,
		sitemap: true, canonical: true, linked: true, yields: true,
	},
	{
		name: "alias", pattern: "<old URL>", scope: perAlias, desc: "alias",
		view:    aliasView,
		sitemap: false, canonical: false, linked: false,
	},
}

// kind is a kind of page: where its pages are, how each is made, and how
// the rest of the site treats them.
type kind struct {
	name string
	// template names templates/<template>.html, View.Kind and the page's
	// <body class="kind-…">; "" means name.
	template string
	// pattern is the URL of the kind's pages, as DESIGN.md writes it: the
	// URL itself for a kind of one page, with <rubric> and <standard> filled
	// in for a rubric's pages; for Markdown pages, folders and aliases the
	// URL is their own.
	pattern string
	scope   scope
	// desc names the kind's pages in collision messages, in a phrase the
	// scope completes: "the build's search page", "the sheet of
	// rubrics/qaf-1.yaml".
	desc string
	// only, when set, says whether the site has a page of the kind for
	// the target: the glossary page needs a glossary (a page per rubric
	// may leave some rubrics out).
	only func(*Model, target) bool
	// claim, when set, is what asks for a page of one per site; without it
	// the build does.
	claim func(*Model) claim
	// view is the kind's view builder: it fills in v, which comes with the
	// kind's template, URL, language, canonical link and footer. It reads
	// the site through v's methods, which record what it reads.
	view func(v *View)
	// anchors, when set, returns the ids links may name on one of its
	// pages (besides the URL itself); the map may be shared and must not
	// be changed.
	anchors func(*Model, target) map[string]bool
	// navTitle, when set, is what navigation calls one of its pages that
	// handbook.yaml's nav names without a title.
	navTitle func(*Model, target) string

	sitemap   bool // listed in sitemap.xml
	canonical bool // has a canonical link when the site's base URL is known
	linked    bool // links may name its pages: the link check knows them
	// fromHost says its page is served at any missing address, at any
	// depth: its stylesheet is inline, with its hash in the page's CSP,
	// and it loads no script file, so it needs no URL to look right; its
	// links start from the site's path on its host when the base URL is
	// known, else from its root, and then its inline script, allowed by
	// its hash, finds the root on a static host (see Model.rebase).
	fromHost bool
	// yields says a page of the kind gives its URL up to any other page
	// the build makes there, instead of the two colliding.
	yields bool
}

// scope says how many pages of a kind there are.
type scope int

const (
	oneSite     scope = iota // one for the site
	perRubric                // one per rubric
	perStandard              // one per item or group of each rubric
	perPage                  // one per Markdown page but the home page
	perDocument              // one per source document that pages name (source.document)
	perFolder                // one per folder of pages with no page of its own
	perAlias                 // one per old URL in aliases: of a page, rubric or standard
)

// target is one page of a kind: its URL, what asks for it, and what it is
// about (nothing, a rubric, a standard, a Markdown page, or a redirect's
// destination).
type target struct {
	url   string
	r     *RubricView
	n     *NodeView
	p     *Page
	d     *DocumentView
	to    string // a redirect's destination, site-absolute
	alias claim  // what asks for a redirect
}

// tmpl returns the name of the kind's template.
func (k *kind) tmpl() string {
	if k.template != "" {
		return k.template
	}
	return k.name
}

// templateNames lists the templates of the kinds, each once.
func templateNames() []string {
	var out []string
	for _, k := range kinds {
		if !slices.Contains(out, k.tmpl()) {
			out = append(out, k.tmpl())
		}
	}
	return out
}

// url returns the URL of the kind's page for a rubric and standard id.
func (k *kind) url(rubricID, standardID string) string {
	return strings.NewReplacer("<rubric>", rubricID, "<standard>", standardID).Replace(k.pattern)
}

// rubricPageIDs lists the ids that name a rubric's own pages under its URL
// ("sheet", "assess"): no standard may take them, and std:rubric/sheet
// links to the page.
func rubricPageIDs() []string {
	var out []string
	for _, k := range kinds {
		if k.scope != perRubric {
			continue
		}
		if id := strings.Trim(strings.TrimPrefix(k.pattern, StandardsURL+"<rubric>"), "/"); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// targets yields every page of every kind, in the order of the plan: the
// site's own pages, each rubric's, the Markdown pages, the folders'
// listings, and the aliases last, so that they never shadow a real page.
func (m *Model) targets() iter.Seq2[*kind, target] {
	has := func(k *kind, t target) bool { return k.only == nil || k.only(m, t) }
	return func(yield func(*kind, target) bool) {
		each := func(s scope, t target) bool {
			for _, k := range kinds {
				if k.scope != s || !has(k, t) {
					continue
				}
				t := t
				switch s {
				case oneSite:
					t.url = k.pattern
				case perRubric:
					t.url = k.url(t.r.ID, "")
				case perStandard:
					t.url = k.url(t.r.ID, t.n.ID)
				case perPage:
					t.url = t.p.URL
				}
				if !yield(k, t) {
					return false
				}
			}
			return true
		}
		if !each(oneSite, target{}) {
			return
		}
		for _, r := range m.Rubrics {
			if !each(perRubric, target{r: r}) {
				return
			}
			for _, n := range r.All {
				if !each(perStandard, target{r: r, n: n}) {
					return
				}
			}
		}
		for _, p := range m.Pages {
			if p.URL != "/" && !each(perPage, target{p: p}) {
				return
			}
		}
		for _, d := range m.Documents {
			if !each(perDocument, target{url: d.URL, d: d}) {
				return
			}
		}
		for _, dir := range slices.Sorted(maps.Keys(m.sections)) {
			if !each(perFolder, target{url: dir}) {
				return
			}
		}
		for t := range m.aliases() {
			if !each(perAlias, t) {
				return
			}
		}
	}
}

// claimOf says what asks for a page, for messages about its output path.
func (m *Model) claimOf(k *kind, t target) claim {
	switch k.scope {
	case oneSite:
		if k.claim != nil {
			return k.claim(m)
		}
		return claim{desc: "the build's " + k.desc}
	case perRubric:
		return claim{pos: source.Pos{File: t.r.R.File}, desc: "the " + k.desc + " of " + t.r.R.File, hint: "choose another rubric id"}
	case perStandard:
		return claim{pos: t.n.N.Pos, desc: "the " + k.desc + " " + t.n.ID + " in " + t.r.R.File, hint: "choose another id"}
	case perPage:
		pos := t.p.Src.Meta.KeyPos["slug"]
		if pos.File == "" {
			pos = source.Pos{File: t.p.Src.File}
		}
		return claim{pos: pos, desc: "the " + k.desc + " " + t.p.Src.File, hint: hintPage}
	case perDocument:
		return printClaim(t.d)
	case perFolder:
		return claim{desc: "the build's " + k.desc + " " + t.url}
	}
	return t.alias // perAlias: made with the target, which knows whose alias it is
}

// aliases yields a target for every old URL: the aliases of pages, then,
// rubric by rubric, each page of a rubric under each of its old ids and
// each standard under each of its old ids.
func (m *Model) aliases() iter.Seq[target] {
	has := func(k *kind, t target) bool { return k.only == nil || k.only(m, t) }
	return func(yield func(target) bool) {
		for _, p := range m.Pages {
			for _, a := range p.Src.Meta.Aliases {
				if content.CheckURLPath(a) != nil {
					continue
				}
				c := claim{pos: p.Src.Meta.KeyPos["aliases"], desc: "alias " + a, hint: hintAlias}
				if !yield(target{url: dirURL(a), alias: c, to: p.URL}) {
					return
				}
			}
		}
		for _, r := range m.Rubrics {
			for _, a := range r.R.Aliases {
				alias := func(from, to string) bool {
					c := claim{pos: r.R.KeyPos["aliases"], desc: "alias " + from + " (of rubric " + a + ")", hint: hintAlias}
					return yield(target{url: from, alias: c, to: to})
				}
				for _, k := range kinds {
					switch k.scope {
					case perRubric:
						if has(k, target{r: r}) && !alias(k.url(a, ""), k.url(r.ID, "")) {
							return
						}
					case perStandard:
						for _, n := range r.All {
							if has(k, target{r: r, n: n}) && !alias(k.url(a, n.ID), k.url(r.ID, n.ID)) {
								return
							}
						}
					}
				}
			}
			for _, k := range kinds {
				if k.scope != perStandard {
					continue
				}
				for _, n := range r.All {
					if !has(k, target{r: r, n: n}) {
						continue
					}
					for _, a := range n.N.Aliases {
						from := k.url(r.ID, a)
						c := claim{pos: n.N.KeyPos["aliases"], desc: "alias " + from, hint: hintAlias}
						if !yield(target{url: from, alias: c, to: k.url(r.ID, n.ID)}) {
							return
						}
					}
				}
			}
		}
	}
}

// The kinds' claims, conditions, anchors and navigation titles.

func homeClaim(m *Model) claim {
	if p, ok := m.byURL["/"]; ok {
		return claim{desc: "the home page " + p.Src.File}
	}
	return claim{desc: "the build's home page"}
}

func glossaryClaim(m *Model) claim {
	f := m.loaded.Glossary.File
	return claim{pos: source.Pos{File: f}, desc: "the glossary page of " + f, hint: hintPage}
}

// hasGlossary reports whether the site has a glossary; it holds before the
// glossary is rendered, for resolving links while pages are.
func hasGlossary(m *Model, _ target) bool { return m.loaded.Glossary != nil }

// hasTeam reports whether a rubric has a team view: its form exports
// answers (it has choice items and is not about a claimant).
func hasTeam(_ *Model, t target) bool { return t.r.HasTeam() }

func homeAnchors(m *Model, _ target) map[string]bool {
	if p, ok := m.byURL["/"]; ok {
		return p.Doc.Anchors()
	}
	return nil
}

func pageAnchors(_ *Model, t target) map[string]bool { return t.p.Doc.Anchors() }

func rubricIDs(m *Model, _ target) map[string]bool {
	out := map[string]bool{}
	for _, r := range m.Rubrics {
		out[r.ID] = true
	}
	return out
}

func standardIDs(_ *Model, t target) map[string]bool {
	out := map[string]bool{}
	for _, n := range t.r.All {
		out[n.ID] = true
	}
	return out
}

func termIDs(m *Model, _ target) map[string]bool {
	out := map[string]bool{}
	for _, t := range m.Glossary.Terms {
		out[t.ID] = true
	}
	return out
}

// word titles a page of the site by an interface word of the site's
// language.
func word(key string) func(*Model, target) string {
	return func(m *Model, _ target) string { return m.tmpl.Words(m.Config.Lang)[key] }
}

func rubricTitle(_ *Model, t target) string { return t.r.Title }

func documentTitle(_ *Model, t target) string { return t.d.Title }

// rubricWord titles a rubric's page by the rubric's short title and an
// interface word of its language: "QAF 1: Observation sheet".
func rubricWord(key string) func(*Model, target) string {
	return func(_ *Model, t target) string { return t.r.Short + ": " + t.r.T[key] }
}
