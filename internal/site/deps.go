package site

import (
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/markdown"
)

// Every output page records the inputs it read while it was made: its
// view builder and its template read the site only through the View and
// what the View hands out (views.go, data.go), and each of those accessors
// notes the input it reads, as Hugo's identity tracking does. With each
// input the record keeps a hash of the input's value then. A rebuild makes
// an output again exactly when one of the inputs it recorded hashes
// differently now (or it is a new output); every other output is the
// previous build's, untouched. Nothing lists by hand what a kind of page
// or a template reads: a site's own template that lists every rubric
// records every rubric, because it asked for them.
//
// An input is a dep: a kind of input and a key (a page's file, a rubric's
// file, a language, a template's name, an asset's name). Pages are split
// into the parts other pages read (URL, title, summary, order, neighbours)
// and the parts their own output reads (the file as loaded, the rendered
// Markdown), so that editing a paragraph re-makes that page alone, and
// retitling it re-makes the pages that show its title.

// dep is one input an output may read.
type dep struct {
	kind depKind
	key  string
}

// depKind is a kind of input.
type depKind uint8

const (
	depTarget       depKind = iota // what the output is: its kind, URL, subject, redirect; key: output path
	depPageURL                     // a page's URL; key: the page's file
	depPageTitle                   // its title
	depPageSummary                 // its summary
	depPageOrder                   // its weight
	depPageSrc                     // the file as loaded: front matter, Markdown, language
	depPageDoc                     // its rendered Markdown: HTML, headings, anchors, links
	depPageAround                  // its previous and next pages and its navigation group
	depURL                         // which page, if any, is at a URL; key: the URL
	depFolder                      // what a folder holds, and whether it has a listing page; key: its URL
	depPages                       // which pages the site has, in order
	depRubric                      // a rubric's view but its "Referenced in" lists; key: its file
	depRefs                        // a standard's "Referenced in" list; key: the standard's URL
	depRubrics                     // which rubrics the site has, in order
	depGlossary                    // the glossary's view
	depHasGlossary                 // whether the site has a glossary
	depConfig                      // the site's config (handbook.yaml), with its rendered footers
	depNav                         // the site's navigation
	depWords                       // a language's interface words; key: the language
	depTemplate                    // the template files a kind's template can execute; key: its name
	depAsset                       // a bundled asset's URL; key: its entry name
	depToday                       // the day the build decides review dates by
	depHasChanges                  // whether any page or rubric has a change note
	depChangelog                   // the site's latest change notes (/changes/)
	depLangs                       // the languages of the site's pages and rubrics
	depCSS                         // the bundled stylesheet, for a page that inlines it
	depDocuments                   // which source documents the site has, in order
	depDocHead                     // a document's title, slug and language; key: its URL
	depDocument                    // a document whole, every chapter; key: its URL
	depPageDocument                // the URL of the document a page is a chapter of; key: the page's file
)

// recorder collects the deps of one output while its view is built and
// its template runs. One goroutine uses it. A nil recorder records
// nothing.
type recorder struct {
	deps map[dep]struct{}
}

func newRecorder() *recorder { return &recorder{deps: make(map[dep]struct{}, 16)} }

// use records that the output read d.
func (r *recorder) use(kind depKind, key string) {
	if r != nil {
		r.deps[dep{kind, key}] = struct{}{}
	}
}

// depTable numbers every dep that an output of a build, or of the builds
// before it that it follows, has recorded, so that a record is a short
// list of numbers and a rebuild asks once per dep, not once per output
// that read it, whether its value changed. The builds of one chain of
// rebuilds share one table, which only grows: a number always names the
// same dep. It is safe for concurrent use.
type depTable struct {
	mu   sync.Mutex
	ids  map[dep]int32
	deps []dep
}

func newDepTable() *depTable { return &depTable{ids: map[dep]int32{}} }

// record numbers the deps r recorded, sorted so that the same inputs give
// the same record.
func (t *depTable) record(r *recorder) []int32 {
	out := make([]int32, 0, len(r.deps))
	t.mu.Lock()
	for d := range r.deps {
		id, ok := t.ids[d]
		if !ok {
			id = int32(len(t.deps))
			t.ids[d] = id
			t.deps = append(t.deps, d)
		}
		out = append(out, id)
	}
	t.mu.Unlock()
	slices.Sort(out)
	return out
}

// snapshot returns the deps numbered so far; the table only appends, so
// the slice stays valid.
func (t *depTable) snapshot() []dep {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.deps[:len(t.deps):len(t.deps)]
}

// ownPage reports whether d's value is made from its page's file as
// loaded and its rendered Markdown alone: it is what it was while the
// page is loaded and rendered as before (Page.same).
func (d dep) ownPage() bool {
	switch d.kind {
	case depPageURL, depPageTitle, depPageSummary, depPageOrder, depPageSrc, depPageDoc:
		return true
	}
	return false
}

// hashAll returns the hash of each of deps in m, worked out in parallel,
// after the first len(into), which into holds. was holds the hashes the
// previous build found, for the deps it numbered: a dep of a page's own
// whose page is loaded and rendered as before keeps its hash there,
// without being hashed again.
func (m *Model) hashAll(deps []dep, into, was []uint64) []uint64 {
	from := len(into)
	out := append(into, make([]uint64, len(deps)-from)...)
	n := max(1, runtime.GOMAXPROCS(0))
	chunk := (len(deps) - from + n - 1) / n
	var wg sync.WaitGroup
	for lo := from; lo < len(deps); lo += chunk {
		hi := min(lo+chunk, len(deps))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				if d := deps[i]; i < len(was) && d.ownPage() {
					if p := m.byFile[d.key]; p != nil && p.same {
						out[i] = was[i]
						continue
					}
				}
				out[i] = m.hashDep(deps[i])
			}
		})
	}
	wg.Wait()
	return out
}

// changedDeps returns, for each dep a previous build numbered, whether its
// hash in m differs from the one it had then (prev), and the hashes in m.
func (m *Model) changedDeps(t *depTable, prev []uint64) (changed []bool, sums []uint64) {
	deps := t.snapshot()[:len(prev)]
	sums = m.hashAll(deps, nil, prev)
	changed = make([]bool, len(prev))
	for i := range prev {
		changed[i] = sums[i] != prev[i]
	}
	return changed, sums
}

// unchanged reports whether no input of a record has changed.
func unchanged(rec []int32, changed []bool) bool {
	for _, id := range rec {
		if int(id) >= len(changed) || changed[id] {
			return false
		}
	}
	return len(rec) > 0
}

// hashDep works out the hash of d's value.
func (m *Model) hashDep(d dep) uint64 {
	h := newHasher()
	switch d.kind {
	case depTarget:
		s, ok := m.targetSums[d.key]
		if !ok {
			return 0
		}
		return s
	case depPageURL, depPageTitle, depPageSummary, depPageOrder, depPageSrc, depPageDoc, depPageAround:
		p := m.byFile[d.key]
		if p == nil {
			return 0
		}
		switch d.kind {
		case depPageURL:
			h.str(p.URL)
		case depPageTitle:
			h.str(p.Title)
		case depPageSummary:
			h.str(p.Src.Meta.Summary)
		case depPageOrder:
			h.num(math.Float64bits(p.Src.Meta.Order()))
		case depPageSrc:
			h.num(p.Src.Hash)
			h.str(p.Src.File)
			h.str(p.Src.URL)
			h.str(p.Src.Lang)
			h.num(uint64(p.Src.BodyLine))
		case depPageDoc:
			h.num(p.docSum)
		case depPageAround:
			for _, q := range []*Page{p.Prev, p.Next} {
				if q != nil {
					h.str(q.Src.File)
				} else {
					h.str("")
				}
			}
			h.str(p.Group)
		}
	case depURL:
		p := m.byURL[d.key]
		if p == nil {
			h.str("")
		} else {
			h.str(p.Src.File)
		}
	case depFolder:
		h.strs(m.folders[d.key])
		h.bool(m.sections[d.key])
	case depPages:
		for _, p := range m.Pages {
			h.str(p.Src.File)
		}
	case depRubric:
		for _, r := range m.Rubrics {
			if r.R.File == d.key {
				r.hash(h)
				return h.sum()
			}
		}
		return 0
	case depRefs:
		n := m.nodes[d.key]
		if n == nil {
			return 0
		}
		for _, r := range n.Refs {
			h.str(r.Title)
			h.str(r.URL)
		}
	case depRubrics:
		for _, r := range m.Rubrics {
			h.str(r.R.File)
		}
	case depHasGlossary:
		h.bool(m.Glossary != nil)
	case depGlossary:
		if g := m.Glossary; g != nil {
			for _, t := range g.Terms {
				h.strs([]string{t.ID, t.Term, t.Expansion, string(t.Definition), t.See})
			}
		} else {
			h.str("none")
		}
	case depConfig:
		h.num(configSum(m.Config))
		h.str(m.footers.String())
	case depNav:
		for _, g := range m.Nav {
			h.str(g.Title)
			h.str(g.Lang)
			hashLinks(h, g.Items)
		}
	case depHasChanges:
		h.bool(m.HasChanges())
	case depChangelog:
		l := m.changelog()
		h.bool(l.Limited)
		h.num(uint64(l.Max))
		for _, d := range l.Days {
			h.str(d.Date.Format(time.DateOnly))
			for _, e := range d.Entries {
				h.strs([]string{e.Date.Format(time.DateOnly), e.Title, e.URL, e.Lang, fmt.Sprintf("%#v", e.ChangeView)})
			}
		}
	case depLangs:
		hashLinks(h, m.SearchLangs())
	case depCSS:
		h.str(string(m.css))
	case depDocuments:
		for _, doc := range m.Documents {
			h.str(doc.URL)
		}
	case depDocHead, depDocument:
		doc := m.document(d.key)
		if doc == nil {
			return 0
		}
		h.strs([]string{doc.Title, doc.Slug, doc.URL, doc.Lang})
		if d.kind == depDocument {
			for _, c := range doc.Chapters {
				p := c.Page
				h.strs([]string{c.ID, p.Src.File, p.Title, p.URL, p.Src.Lang})
				h.num(p.Src.Hash)
				h.num(p.docSum)
			}
		}
	case depPageDocument:
		p := m.byFile[d.key]
		if p == nil {
			return 0
		}
		if doc, _ := m.chapter(p); doc != nil {
			h.str(doc.URL)
		}
	case depWords:
		w := m.words(d.key)
		for _, k := range slices.Sorted(maps.Keys(w)) {
			h.str(k)
			h.str(w[k])
		}
	case depTemplate:
		h.num(m.tmpl.Hash(d.key))
	case depAsset:
		h.str(m.assets[d.key])
	case depToday:
		h.str(m.opt.Today.String())
	}
	return h.sum()
}

// configSum hashes the config (handbook.yaml): every field, its maps
// sorted; a translation by its values, not its address.
func configSum(cfg *config.Site) uint64 {
	h := newHasher()
	c := *cfg
	c.Translations = nil
	h.str(fmt.Sprintf("%#v", c))
	for _, lang := range slices.Sorted(maps.Keys(cfg.Translations)) {
		h.str(lang)
		if tr := cfg.Translations[lang]; tr != nil {
			h.str(fmt.Sprintf("%#v", *tr))
		}
	}
	return h.sum()
}

// document returns the source document whose print view is at url, or
// nil.
func (m *Model) document(url string) *DocumentView {
	for _, d := range m.Documents {
		if d.URL == url {
			return d
		}
	}
	return nil
}

// hash adds everything a template can read of the rubric view but its
// standards' "Referenced in" lists (depRefs) to h: the rubric's file, its
// rendered Markdown, its interface words and its other languages.
func (v *RubricView) hash(h *hasher) {
	h.num(v.R.Hash)
	h.str(v.R.File)
	for _, d := range v.docs {
		h.str(d.Doc.HTML)
	}
	keys := slices.Sorted(maps.Keys(v.T))
	for _, k := range keys {
		h.str(k)
		h.str(v.T[k])
	}
	hashLinks(h, v.Other)
	// What is rendered outside its docs: the editors' notes.
	h.strs([]string{v.TeamURL, string(v.Editorial), string(v.ScaleEditorial)})
	for _, n := range v.All {
		h.str(string(n.Editorial))
	}
}

func hashLinks(h *hasher, ls []NavLink) {
	h.num(uint64(len(ls)))
	for _, l := range ls {
		h.strs([]string{l.Title, l.URL, l.Lang})
	}
}

// docSum hashes what a template can read of a rendered page.
func docSum(d *markdown.Doc) uint64 {
	h := newHasher()
	h.str(d.HTML)
	h.str(d.Title)
	h.str(d.TitleID)
	h.strs(d.IDs)
	for _, x := range d.Headings {
		h.num(uint64(x.Level))
		h.str(x.ID)
		h.str(x.Text)
	}
	for _, l := range d.Links {
		h.strs([]string{l.Dest, l.Text, l.Target, l.Fragment})
		h.num(uint64(l.Para))
	}
	for _, bs := range [][]markdown.Block{d.Paras, d.Sections} {
		h.num(uint64(len(bs)))
		for _, b := range bs {
			h.strs([]string{b.ID, b.Heading, b.HeadingID, b.Text})
			h.num(uint64(b.Number))
		}
	}
	return h.sum()
}

// hasher hashes values with FNV-1a, each string with its length so that
// two lists of strings never run together. Its hashes are the same in
// every run of every build of handbook on every machine: records are kept
// across runs (cache.go).
type hasher struct{ s uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newHasher() *hasher { return &hasher{s: fnvOffset} }

func (h *hasher) num(x uint64) {
	for i := 0; i < 64; i += 8 {
		h.s ^= (x >> i) & 0xff
		h.s *= fnvPrime
	}
}

func (h *hasher) str(s string) {
	h.num(uint64(len(s)))
	for i := 0; i < len(s); i++ {
		h.s ^= uint64(s[i])
		h.s *= fnvPrime
	}
}

func (h *hasher) strs(ss []string) {
	h.num(uint64(len(ss)))
	for _, s := range ss {
		h.str(s)
	}
}

func (h *hasher) bool(b bool) {
	if b {
		h.num(1)
	} else {
		h.num(0)
	}
}

// sum returns the hash, never 0 (which means "absent").
func (h *hasher) sum() uint64 {
	if h.s == 0 {
		return 1
	}
	return h.s
}
