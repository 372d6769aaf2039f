package site

import (
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// Model is everything the build knows about the site once it is loaded and
// rendered: plain data, no I/O.
type Model struct {
	Config   *config.Site
	Pages    []*Page // sorted by URL
	Rubrics  []*RubricView
	Glossary *GlossaryView
	Nav      []NavGroup
	// Documents are the source documents the pages name, each with its
	// chapters and print view (print.go).
	Documents []*DocumentView

	opt     Options
	md      *markdown.Renderer
	tmpl    *templates.Set
	assets  assets.Manifest
	css     template.CSS // the bundled main.css, for a page that inlines it
	loaded  *content.Result
	rubrics []*rubric.Rubric
	byRel   map[string]*Page // by path under content/
	byURL   map[string]*Page
	byFile  map[string]*Page     // by site path: "content/guidance/wti.md"
	nodes   map[string]*NodeView // every rubric's standards and groups, by URL
	footers footers              // the config's footers, rendered, by language
	navs    *sharedNavs          // the navigation rendered once per kind and language
	// targetSums hash what each planned output is (its kind, URL,
	// subject and redirect), by output path: the depTarget of each record.
	targetSums map[string]uint64
	wordsMu    sync.Mutex
	// changesOnce guards anyChanges, what HasChanges answers.
	changesOnce sync.Once
	anyChanges  bool
	wordsBy     map[string]templates.Words // the interface words, by language
	checked     map[*markdown.Doc]bool     // docs the previous build checked whose targets have not changed
	folders     map[string][]string        // folder URL → the URLs of the pages and folders in it
	sections    map[string]bool            // folders that get a listing page
	files       map[string]bool            // URL paths of content files copied as they are
	refs        map[string][]Ref           // "rubric/node" → the paragraphs that link to it
}

// Page is a Markdown page of the site.
type Page struct {
	Src        *content.Page
	URL        string
	Title      string
	Doc        *markdown.Doc
	Prev, Next *Page
	Group      string // title of the navigation group it is in

	docSum uint64 // hash of what a template can read of Doc (docSum)
	// same says the page is loaded and rendered as the previous build
	// did: its Src and Doc are that build's (reuse.samePage).
	same bool
	// fill, for a page whose rendering came from a cache without its
	// HTML (cache.go), puts the HTML in Doc, once: see loadHTML.
	fill     func()
	fillOnce sync.Once
	// readBody, for a page a build cache held without its Body
	// (reuse.fromStamp), reads the Body from its file: see body.
	readBody func() *source.Error
	bodyOnce sync.Once
	bodyErr  *source.Error
}

// body makes sure p.Src.Body holds the page's Markdown, reading it, once,
// for a page a build cache held without it, and returns the problem if
// the file cannot be read or no longer holds what the page was loaded
// from. Every reader of Src.Body calls it first; it is safe for concurrent
// use.
func (p *Page) body() *source.Error {
	if p.readBody != nil {
		p.bodyOnce.Do(func() { p.bodyErr = p.readBody() })
	}
	return p.bodyErr
}

// readBody reads the Body of src, a page loaded from its file by an
// earlier build, from the file, which must still hold the bytes it was
// loaded from.
func readBody(site fs.FS, src *content.Page) *source.Error {
	var l source.List
	data, ok := source.ReadFile(site, src.File, &l)
	if !ok {
		if es := l.Errors(); len(es) > 0 {
			return es[0]
		}
		return source.Errorf(source.Pos{File: src.File}, "cannot read the file")
	}
	if content.FileHash(data) != src.Hash {
		e := source.Errorf(source.Pos{File: src.File}, "the file changed while the site was built")
		e.Hint = "build again once it has stopped changing"
		return e
	}
	_, body, _, _, _ := content.SplitFrontMatter(data)
	src.Body = body
	return nil
}

// loadHTML makes sure the page's Doc holds its HTML. A rendering taken
// from a build cache is kept without it, since most of it is never read
// again (the pages that show it are kept as they are): the first output
// that reads it has the page rendered again, which gives what the cached
// rendering was made from the same bytes. Every reader of Doc.HTML of a
// page calls it first; it is safe for concurrent use.
func (p *Page) loadHTML() {
	if p.fill != nil {
		p.fillOnce.Do(p.fill)
	}
}

// Ref is a place that links to a standard.
type Ref struct {
	Title string // "Chapter 5: Customer Assessment Tool, paragraph 123"
	URL   string // site-absolute, with fragment
}

// NavGroup is a group of the site's navigation, resolved.
type NavGroup struct {
	Title string
	Lang  string // the language of its title: in Model.Nav, always; in a View's Nav, when it is not the page's
	Items []NavLink
}

// NavLink is a link in navigation, breadcrumbs or prev/next.
type NavLink struct {
	Title string
	URL   string // site-absolute; "" for a crumb that is not a page
	// Lang is, in the links to the same page in other languages, the
	// language of the page it leads to; in the navigation, the language
	// of its title (in Model.Nav, always; in a View's Nav, when it is not
	// the page's).
	Lang string
}

func newModel(cfg *config.Site, loaded *content.Result, rubrics []*rubric.Rubric, tmpl *templates.Set, opt Options) *Model {
	abbr := map[string]string{}
	if g := loaded.Glossary; g != nil {
		for _, t := range g.Terms {
			if t.Expansion == "" || !isAcronym(t.Term) {
				continue
			}
			abbr[t.Term] = t.Expansion
			for _, a := range t.Also {
				abbr[a] = t.Expansion
			}
		}
	}
	m := &Model{
		Config:  cfg,
		opt:     opt,
		md:      markdown.New(markdown.Options{Unsafe: cfg.UnsafeHTML, Abbr: abbr}),
		tmpl:    tmpl,
		loaded:  loaded,
		rubrics: rubrics,
		byRel:   make(map[string]*Page, len(loaded.Pages)),
		byURL:   make(map[string]*Page, len(loaded.Pages)),
		byFile:  make(map[string]*Page, len(loaded.Pages)),
		wordsBy: map[string]templates.Words{},
		files:   make(map[string]bool, len(loaded.Files)),
		refs:    map[string][]Ref{},
	}
	for _, p := range loaded.Pages {
		pg := &Page{Src: p, URL: p.URL}
		m.Pages = append(m.Pages, pg)
		m.byRel[p.Rel] = pg
		m.byURL[p.URL] = pg
		m.byFile[p.File] = pg
	}
	for _, f := range loaded.Files {
		m.files["/"+content.Rel(cfg, f)] = true
	}
	// Links to folders resolve to what the build makes of them.
	m.folderTree()
	return m
}

// words returns the interface words of lang, made once per build (a
// language other than English is English with its words laid over). It
// is safe for concurrent use.
func (m *Model) words(lang string) templates.Words {
	m.wordsMu.Lock()
	defer m.wordsMu.Unlock()
	w, ok := m.wordsBy[lang]
	if !ok {
		w = m.tmpl.Words(lang)
		m.wordsBy[lang] = w
	}
	return w
}

// isAcronym reports whether a glossary term is written in capitals (CAT,
// JC+, DfE), so that marking it with <abbr> is right; terms of art ("Work
// Coach") are not abbreviations.
func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		switch {
		case r == ' ':
			return false
		case r >= 'A' && r <= 'Z':
			upper++
		}
	}
	return upper >= 2
}

func titleFromFile(rel string) string {
	base := strings.TrimSuffix(path.Base(rel), ".md")
	if base == "index" || base == "_index" {
		base = path.Base(path.Dir(rel))
		if base == "." {
			return "Home"
		}
	}
	base = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, base)
	if base == "" {
		return rel
	}
	return strings.ToUpper(base[:1]) + base[1:]
}

// Paths of the pages the build generates.
const (
	StandardsURL = "/standards/"
	SearchURL    = "/search/"
	GlossaryURL  = "/glossary/"
	ChangesURL   = "/changes/"
)

// RubricURL returns the URL of a rubric's page.
func RubricURL(id string) string { return StandardsURL + id + "/" }

// NodeURL returns the URL of a standard's own page.
func NodeURL(rubricID, nodeID string) string { return StandardsURL + rubricID + "/" + nodeID + "/" }

// sortedRubricIDs lists the ids of the rubrics, for messages.
func (m *Model) sortedRubricIDs() string {
	var ids []string
	for _, r := range m.rubrics {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return strings.Join(ids, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
