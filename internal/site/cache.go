package site

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// cache is what one build leaves for the next, and how a rebuild decides
// what it may reuse. A page's rendered Markdown is reused while the page's
// bytes and the site's shape (the URLs, ids and terms that links and
// abbreviations resolve against) are unchanged; an output file is reused
// while the fingerprint of everything its template reads is unchanged.
type cache struct {
	prev    *cache          // the previous build's; nil for a first build
	changed map[string]bool // site paths changed since prev
	shapeOK bool            // this build's shape is the previous one's
	next    *cache          // filled by this build for the next
	stats   Stats
	dirty   map[string]bool // with a fast rebuild: the only URLs to template again; nil otherwise

	shape      uint64
	pages      map[string]*content.Page   // by file
	docs       map[string]cachedDoc       // by file
	views      map[string]*RubricView     // by rubric file
	hashes     map[string]uint64          // rubric file → hash of its bytes when viewed
	outputs    map[string]cachedOutput    // by output path
	global     uint64                     // the global fingerprint of the outputs
	footer     template.HTML              // the footer every page shows
	anchors    map[string]map[string]bool // URL → the ids its page holds, for checking links
	titles     map[string]string          // page URL → title
	refs       map[string]uint64          // standard URL → hash of its "Referenced in" list
	tmpl       *templates.Set
	rubricList []*rubric.Rubric
	manifest   assets.Manifest
	bundled    []assets.File
}

type cachedDoc struct {
	hash uint64
	doc  *markdown.Doc
}

type cachedOutput struct {
	fp   uint64
	data []byte
}

func newCache(prev *Result, changed []string) *cache {
	c := &cache{next: &cache{
		pages: map[string]*content.Page{}, docs: map[string]cachedDoc{},
		views: map[string]*RubricView{}, hashes: map[string]uint64{}, outputs: map[string]cachedOutput{},
		titles: map[string]string{}, refs: map[string]uint64{},
	}}
	if prev == nil || prev.cache == nil {
		return c
	}
	c.changed = map[string]bool{}
	for _, p := range changed {
		c.changed[p] = true
		if !reusable(prev.Model.Config, p) {
			return c // a change that touches everything: build afresh
		}
	}
	c.prev = prev.cache
	return c
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

func (c *cache) changedUnder(dir string) bool {
	for p := range c.changed {
		if strings.HasPrefix(p, dir) {
			return true
		}
	}
	return false
}

// page returns the previous build's page for file, if file did not change.
func (c *cache) page(file string) *content.Page {
	var p *content.Page
	if c.prev != nil && !c.changed[file] {
		p = c.prev.pages[file]
	}
	return p
}

// rubrics returns the previous build's rubrics, if no rubric file changed.
func (c *cache) rubrics() []*rubric.Rubric {
	if c.prev == nil || c.changedUnder("rubrics/") {
		return nil
	}
	return c.prev.rubricList
}

// templates returns the previous build's templates, if none changed.
func (c *cache) templates() *templates.Set {
	if c.prev == nil || c.changedUnder("templates/") {
		return nil
	}
	return c.prev.tmpl
}

// bundle returns the previous build's bundle, if no static file changed.
func (c *cache) bundle() (assets.Manifest, []assets.File, bool) {
	if c.prev == nil || c.changedUnder("static/") || c.prev.manifest == nil {
		return nil, nil, false
	}
	return c.prev.manifest, c.prev.bundled, true
}

// setShape fingerprints what links and abbreviations resolve against, and
// records the pages loaded.
func (c *cache) setShape(m *Model) {
	h := fnv.New64a()
	for _, p := range m.Pages {
		fmt.Fprintf(h, "p %s %s\n", p.Src.Rel, p.URL)
		c.next.pages[p.Src.File] = p.Src
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
	c.next.shape = h.Sum64()
	c.shapeOK = c.prev != nil && c.prev.shape == c.next.shape
}

// doc returns the previous build's rendering of page p, if it still holds.
func (c *cache) doc(p *content.Page) *markdown.Doc {
	if !c.shapeOK {
		return nil
	}
	if d, ok := c.prev.docs[p.File]; ok && d.hash == p.Hash {
		return d.doc
	}
	return nil
}

// anchorsChanged reports whether a page rendered by this build has other
// anchors than its previous rendering, or had none.
func (c *cache) anchorsChanged(pages []*Page) bool {
	for _, p := range pages {
		old, ok := c.prev.docs[p.Src.File]
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
func (c *cache) checkedDocs(pages []*Page) map[*markdown.Doc]bool {
	out := map[*markdown.Doc]bool{}
	if !c.shapeOK || c.anchorsChanged(pages) {
		return out
	}
	for _, p := range pages {
		if d, ok := c.prev.docs[p.Src.File]; ok && d.doc == p.Doc {
			out[p.Doc] = true
		}
	}
	for file, v := range c.next.views {
		if c.prev.views[file] == v {
			for _, d := range v.docs {
				out[d.Doc] = true
			}
		}
	}
	return out
}

// view returns the previous build's view of a rubric file, if it still
// holds.
func (c *cache) view(file string, hash uint64) *RubricView {
	if !c.shapeOK {
		return nil
	}
	if v, ok := c.prev.views[file]; ok && c.prev.hashes[file] == hash {
		return v
	}
	return nil
}

// setFast decides whether this rebuild may reuse every output but a few
// without even making their views, and which few: when only pages changed,
// the site's shape and what every page shows (navigation, templates,
// assets) are as before, and no changed page has another title, summary or
// weight (which other pages show), the outputs to make again are the
// changed pages and the standards whose "Referenced in" list changed.
func (c *cache) setFast(m *Model, global uint64) {
	if c.next == nil {
		return
	}
	c.next.global = global
	for _, p := range m.Pages {
		c.next.titles[p.URL] = p.Title
	}
	for _, r := range m.Rubrics {
		for _, n := range r.All {
			h := fnv.New64a()
			for _, ref := range n.Refs {
				fmt.Fprintf(h, "%s %s\n", ref.Title, ref.URL)
			}
			c.next.refs[n.URL] = h.Sum64()
		}
	}
	if c.prev == nil || !c.shapeOK || c.prev.global != global || len(c.changed) == 0 {
		return
	}
	dirty := map[string]bool{}
	for file := range c.changed {
		if !content.InContent(m.Config, file) || !strings.HasSuffix(file, ".md") {
			return
		}
		p, old := c.next.pages[file], c.prev.pages[file]
		if p == nil || old == nil || c.prev.titles[p.URL] != c.next.titles[p.URL] ||
			p.Meta.Summary != old.Meta.Summary || p.Meta.Order() != old.Meta.Order() {
			return
		}
		dirty[p.URL] = true
	}
	for url, h := range c.next.refs {
		if c.prev.refs[url] != h {
			dirty[url] = true
		}
	}
	c.dirty = dirty
}

// unaffected returns the previous build's output of a page that a fast
// rebuild need not make again.
func (c *cache) unaffected(file, url string) (cachedOutput, bool) {
	if c.dirty == nil || c.dirty[url] {
		return cachedOutput{}, false
	}
	o, ok := c.prev.outputs[file]
	return o, ok
}

// output returns the previous build's bytes of an output file, if their
// fingerprint is fp. It is safe for concurrent use.
func (c *cache) output(path string, fp uint64) ([]byte, bool) {
	if c.prev == nil {
		return nil, false
	}
	o, ok := c.prev.outputs[path]
	if ok && o.fp == fp {
		return o.data, true
	}
	return nil, false
}
