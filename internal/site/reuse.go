package site

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// A rebuild reuses what the previous build made and its changes do not
// touch. A page's rendered Markdown is reused while the page's bytes and
// the site's shape (the URLs, ids and terms that links and abbreviations
// resolve against) are unchanged; an output file is reused while the
// fingerprint of everything its template reads (fingerprint.go) is
// unchanged.

// memo is what one build keeps for the next to reuse.
type memo struct {
	shape      uint64
	pages      map[string]*content.Page   // by file
	docs       map[string]memoDoc         // by file
	views      map[string]*RubricView     // by rubric file
	hashes     map[string]uint64          // rubric file → hash of its bytes when viewed
	outputs    map[string]memoOutput      // by output path
	global     uint64                     // the global fingerprint of the outputs
	footers    footers                    // the footer every page shows, by language
	anchors    map[string]map[string]bool // URL → the ids its page holds, for checking links
	titles     map[string]string          // page URL → title
	refs       map[string]uint64          // standard URL → hash of its "Referenced in" list
	tmpl       *templates.Set
	rubricList []*rubric.Rubric
	manifest   assets.Manifest
	bundled    []assets.File
}

func newMemo() *memo {
	return &memo{
		pages: map[string]*content.Page{}, docs: map[string]memoDoc{},
		views: map[string]*RubricView{}, hashes: map[string]uint64{}, outputs: map[string]memoOutput{},
		titles: map[string]string{}, refs: map[string]uint64{},
	}
}

// reuse decides, for one build, what it may take from the previous
// build's memo, and fills in the memo for the next.
type reuse struct {
	prev    *memo           // the previous build's; nil for a first build
	changed map[string]bool // site paths changed since prev
	shapeOK bool            // this build's shape is the previous one's
	next    *memo           // filled by this build for the next; nil when none follows
	stats   Stats
	dirty   map[string]bool // with a fast rebuild: the only URLs to template again; nil otherwise
}

type memoDoc struct {
	hash uint64
	doc  *markdown.Doc
}

type memoOutput struct {
	fp   uint64
	data []byte
}

// newReuse starts the reuse of the memo of prev, after the site paths in
// changed were written, created or removed.
func newReuse(prev *Result, changed []string) *reuse {
	ru := &reuse{next: newMemo()}
	if prev == nil || prev.memo == nil {
		return ru
	}
	ru.changed = map[string]bool{}
	for _, p := range changed {
		ru.changed[p] = true
		if !reusable(prev.Model.Config, p) {
			return ru // a change that touches everything: build afresh
		}
	}
	ru.prev = prev.memo
	return ru
}

// reusable reports whether a change to the site path p leaves the rest of
// the previous build worth reusing: pages, rubrics, other content files,
// templates and static files. The config (the site's, or the other
// generator's it was read from), the glossary (every page's abbreviations)
// and the published ids touch everything. cfg is the previous build's
// config, which says where the pages are.
func reusable(cfg *config.Site, p string) bool {
	switch {
	case p == content.FileOf(cfg, content.GlossaryFile), p == config.File, p == cfg.Layout.From,
		strings.HasPrefix(p, "rubrics/published"):
		return false
	case strings.HasPrefix(p, "templates/i18n/"):
		return false
	}
	return content.InContent(cfg, p) || strings.HasPrefix(p, "rubrics/") ||
		strings.HasPrefix(p, "templates/") || strings.HasPrefix(p, "static/")
}

func (ru *reuse) changedUnder(dir string) bool {
	for p := range ru.changed {
		if strings.HasPrefix(p, dir) {
			return true
		}
	}
	return false
}

// page returns the previous build's page for file, if file did not change.
func (ru *reuse) page(file string) *content.Page {
	var p *content.Page
	if ru.prev != nil && !ru.changed[file] {
		p = ru.prev.pages[file]
	}
	return p
}

// rubrics returns the previous build's rubrics, if no rubric file changed.
func (ru *reuse) rubrics() []*rubric.Rubric {
	if ru.prev == nil || ru.changedUnder("rubrics/") {
		return nil
	}
	return ru.prev.rubricList
}

// templates returns the previous build's templates, if none changed.
func (ru *reuse) templates() *templates.Set {
	if ru.prev == nil || ru.changedUnder("templates/") {
		return nil
	}
	return ru.prev.tmpl
}

// bundle returns the previous build's bundle, if no static file changed.
func (ru *reuse) bundle() (assets.Manifest, []assets.File, bool) {
	if ru.prev == nil || ru.changedUnder("static/") || ru.prev.manifest == nil {
		return nil, nil, false
	}
	return ru.prev.manifest, ru.prev.bundled, true
}

// setShape fingerprints what links and abbreviations resolve against, and
// records the pages loaded.
func (ru *reuse) setShape(m *Model) {
	h := fnv.New64a()
	for _, p := range m.Pages {
		fmt.Fprintf(h, "p %s %s\n", p.Src.Rel, p.URL)
		ru.next.pages[p.Src.File] = p.Src
	}
	for f := range m.files {
		fmt.Fprintf(h, "f %s\n", f)
	}
	for _, r := range m.rubrics {
		fmt.Fprintf(h, "r %s %v\n", r.ID, r.Aliases)
		for _, n := range r.Nodes() {
			fmt.Fprintf(h, " %s %v\n", n.ID, n.Aliases)
		}
	}
	if g := m.loaded.Glossary; g != nil {
		for _, t := range g.Terms {
			fmt.Fprintf(h, "g %s %s %v\n", t.Term, t.Expansion, t.Also)
		}
	}
	fmt.Fprintf(h, "unsafe %v\n", m.Config.UnsafeHTML)
	ru.next.shape = h.Sum64()
	ru.shapeOK = ru.prev != nil && ru.prev.shape == ru.next.shape
}

// doc returns the previous build's rendering of page p, if it still holds.
func (ru *reuse) doc(p *content.Page) *markdown.Doc {
	if !ru.shapeOK {
		return nil
	}
	if d, ok := ru.prev.docs[p.File]; ok && d.hash == p.Hash {
		return d.doc
	}
	return nil
}

// anchorsChanged reports whether a page rendered by this build has other
// anchors than its previous rendering, or had none.
func (ru *reuse) anchorsChanged(pages []*Page) bool {
	for _, p := range pages {
		old, ok := ru.prev.docs[p.Src.File]
		if !ok {
			return true
		}
		if old.doc != p.Doc && !slices.Equal(old.doc.IDs, p.Doc.IDs) {
			return true
		}
	}
	return false
}

// checkedDocs returns the docs whose links a rebuild need not check again:
// those it reuses from the previous build (pages and rubric views), as
// long as the site's shape is the same and no page it rendered again has
// other anchors than before, so that what they link to is unchanged.
func (ru *reuse) checkedDocs(pages []*Page) map[*markdown.Doc]bool {
	out := map[*markdown.Doc]bool{}
	if !ru.shapeOK || ru.anchorsChanged(pages) {
		return out
	}
	for _, p := range pages {
		if d, ok := ru.prev.docs[p.Src.File]; ok && d.doc == p.Doc {
			out[p.Doc] = true
		}
	}
	for file, v := range ru.next.views {
		if ru.prev.views[file] == v {
			for _, d := range v.docs {
				out[d.Doc] = true
			}
		}
	}
	return out
}

// view returns the previous build's view of a rubric file, if it still
// holds.
func (ru *reuse) view(file string, hash uint64) *RubricView {
	if !ru.shapeOK {
		return nil
	}
	if v, ok := ru.prev.views[file]; ok && ru.prev.hashes[file] == hash {
		return v
	}
	return nil
}

// setFast decides whether this rebuild may reuse every output but a few
// without even making their views, and which few: when only pages changed,
// the site's shape and what every page shows (navigation, templates,
// assets) are as before, and no changed page has another title, summary,
// weight, language, source document or change notes (which other pages
// show), the outputs to make again are the
// changed pages, the print views of their documents, and the standards
// whose "Referenced in" list changed.
func (ru *reuse) setFast(m *Model, global uint64) {
	if ru.next == nil {
		return
	}
	ru.next.global = global
	for _, p := range m.Pages {
		ru.next.titles[p.URL] = p.Title
	}
	for _, r := range m.Rubrics {
		for _, n := range r.All {
			h := fnv.New64a()
			for _, ref := range n.Refs {
				fmt.Fprintf(h, "%s %s\n", ref.Title, ref.URL)
			}
			ru.next.refs[n.URL] = h.Sum64()
		}
	}
	if ru.prev == nil || !ru.shapeOK || ru.prev.global != global || len(ru.changed) == 0 {
		return
	}
	dirty := map[string]bool{}
	for file := range ru.changed {
		if !content.InContent(m.Config, file) || !strings.HasSuffix(file, ".md") {
			return
		}
		p, old := ru.next.pages[file], ru.prev.pages[file]
		if p == nil || old == nil || ru.prev.titles[p.URL] != ru.next.titles[p.URL] ||
			p.Meta.Summary != old.Meta.Summary || p.Meta.Order() != old.Meta.Order() || p.Lang != old.Lang ||
			p.Meta.Source.Document != old.Meta.Source.Document || !reflect.DeepEqual(p.Meta.Changes, old.Meta.Changes) {
			// What other pages show of it changed: /changes/ lists change
			// notes, /search/ the languages, a print view its chapters.
			return
		}
		dirty[p.URL] = true
		if pg, ok := m.byURL[p.URL]; ok {
			if d, _ := m.chapter(pg); d != nil {
				dirty[d.URL] = true // its print view shows the page whole
			}
		}
	}
	for url, h := range ru.next.refs {
		if ru.prev.refs[url] != h {
			dirty[url] = true
		}
	}
	ru.dirty = dirty
}

// unaffected returns the previous build's output of a page that a fast
// rebuild need not make again.
func (ru *reuse) unaffected(file, url string) (memoOutput, bool) {
	if ru.dirty == nil || ru.dirty[url] {
		return memoOutput{}, false
	}
	o, ok := ru.prev.outputs[file]
	return o, ok
}

// output returns the previous build's bytes of an output file, if their
// fingerprint is fp. It is safe for concurrent use.
func (ru *reuse) output(path string, fp uint64) ([]byte, bool) {
	if ru.prev == nil {
		return nil, false
	}
	o, ok := ru.prev.outputs[path]
	if ok && o.fp == fp {
		return o.data, true
	}
	return nil, false
}
