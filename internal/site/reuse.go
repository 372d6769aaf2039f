package site

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// A rebuild reuses what the previous build made and its changes do not
// touch, at two levels:
//
//   - the stages' work, by what it is made from: a page's loaded file
//     while its bytes and the config are the same; a page's rendered
//     Markdown while its bytes and the site's shape (the URLs, ids and
//     terms that links and abbreviations resolve against) are; a rubric's
//     view likewise, and while the interface words are; the templates,
//     the rubrics and the bundle while no file of theirs changed;
//   - the outputs, by their records (deps.go): an output whose every
//     recorded input hashes as before is the previous build's bytes.
//
// The second decides what is written; the first only saves time, and
// gives what doing the work again would give.

// memo is what one build keeps for the next to reuse.
type memo struct {
	config     uint64                   // hash of the config the pages were loaded with
	shape      uint64                   // what links and abbreviations resolve against
	words      uint64                   // every language's interface words
	pages      map[string]*content.Page // by file
	listing    *content.Listing         // what the walk of the content folder found
	docs       map[string]memoDoc       // by file
	views      map[string]memoView      // by rubric file
	outputs    map[string]memoOutput    // by output path
	claims     []claimStep              // what the owners of outputs were asked, and answered
	table      *depTable                // numbers the deps the outputs' records name
	sums       []uint64                 // the hash of each dep of table as this build found it
	tmpl       *templates.Set
	rubricList []*rubric.Rubric
	manifest   assets.Manifest
	bundled    []assets.File
	static     uint64 // staticSum of the files the bundle was made from, with a cache

	// For a rebuild in this process that takes the quick path (quick.go):
	// the plan of outputs, with their positions in it by output path
	// (made by the first quick rebuild), and the anchors the link check
	// found, by URL.
	plan    []planned
	planAt  map[string]int
	anchors map[string]map[string]bool

	// disk says the memo was read from a cache (cache.go): it holds no
	// pages, views, templates or output bytes. docShards are the files
	// whose docs each docs section held, nil for one not read.
	disk      bool
	docShards [][]string
	// files are the output files told by their bytes (output.addSame),
	// from a cache.
	files map[string]memoFile
	// stamped are the pages a cache holds, each with the Stamp its file
	// had when it was read, and stampConfig the configSum they were
	// loaded under: a build with a cache does not read a page file whose
	// Stamp is the same (reuse.stampedPage). pageShards are the files
	// each pages section held, nil for one not read.
	stamped     map[string]stampedPage
	stampConfig uint64
	pageShards  [][]string
}

// stampedPage is a page as loaded from its file, which had stamp then.
// From a cache, page has no Body: it is read when it is needed
// (Page.readBody).
type stampedPage struct {
	stamp Stamp
	page  *content.Page
}

// newMemo makes a memo for a build like prev (nil for a first build),
// its maps sized as prev's were.
func newMemo(prev *memo) *memo {
	var pages, outputs int
	if prev != nil {
		pages, outputs = len(prev.pages), len(prev.outputs)
	}
	return &memo{
		pages: make(map[string]*content.Page, pages), docs: make(map[string]memoDoc, pages),
		views: map[string]memoView{}, outputs: make(map[string]memoOutput, outputs),
	}
}

type memoDoc struct {
	hash uint64 // of the page's file
	doc  *markdown.Doc
	sum  uint64 // docSum(doc)
}

type memoView struct {
	key  uint64 // the rubric file's hash and the interface words'
	view *RubricView
}

// memoOutput is an output and what it read: the numbers of the deps in
// the memo's table.
type memoOutput struct {
	deps []int32
	data []byte
	// stamp is the Stamp of the output's file in the previous output,
	// for a memo read from a cache, which holds no data.
	stamp Stamp
}

// reuse decides, for one build, what it may take from the previous
// build's memo, and fills in the memo for the next.
type reuse struct {
	prev    *memo           // the previous build's; nil for a first build
	changed map[string]bool // site paths changed since prev
	pagesOK bool            // the config is the previous one's: unchanged pages load the same
	shapeOK bool            // this build's shape is the previous one's
	next    *memo           // filled by this build for the next; nil when none follows
	stats   Stats
	// depChanged tells, for each dep of prev's table, whether its value
	// differs in this build (startOutputs); depSums are their hashes now.
	depChanged []bool
	depSums    []uint64

	// With a cache, site is the site folder and since the time the build
	// started (Unix nanoseconds): each page file is stated before it is
	// read, and its Stamp noted in stamps when it can be trusted.
	site    fs.FS
	since   int64
	stampMu sync.Mutex
	stamps  map[string]Stamp
}

// stampMargin is how much older than the build a page file's inode change
// must be for its Stamp to tell it unchanged: a file written again within
// the same tick of the file system's clock (a second, on some) as the
// Stamp was taken, at the same size, would have the same Stamp. A file
// changed that recently is read, and the next build reads it again.
var stampMargin = 2 * time.Second

// stampPages has the build state each page file and note its Stamp, and
// take a page the cache holds for a file whose Stamp is the same.
func (ru *reuse) stampPages(site fs.FS) {
	ru.site, ru.since, ru.stamps = site, time.Now().UnixNano(), map[string]Stamp{}
}

// stampedPage returns the page the cache holds for file, if the file's
// Stamp is the one it had when the page was loaded from it, and notes the
// Stamp for the next build. It is safe for concurrent use.
func (ru *reuse) stampedPage(file string) *content.Page {
	fi, err := fs.Stat(ru.site, file)
	if err != nil {
		return nil // read, and refused with the reason
	}
	st, ok := fileStamp(fi)
	if !ok || st.Ctime > ru.since-stampMargin.Nanoseconds() {
		return nil
	}
	ru.stampMu.Lock()
	ru.stamps[file] = st
	ru.stampMu.Unlock()
	if ru.prev == nil || ru.prev.stampConfig != ru.next.config {
		return nil
	}
	if sp, ok := ru.prev.stamped[file]; ok && sp.stamp == st {
		return sp.page
	}
	return nil
}

// fromStamp reports whether p is a page the cache held, not read from its
// file by this build: its Body is read when it is needed.
func (ru *reuse) fromStamp(p *content.Page) bool {
	return ru.site != nil && ru.prev != nil && ru.prev.disk && ru.prev.stamped[p.File].page == p
}

// notePages records, for the next build, each page loaded whose file's
// Stamp was noted, which loaded without a problem (a page with one is
// read again by every build, which reports it again), and whose
// front matter the cache can keep. l holds the problems of loading.
func (ru *reuse) notePages(pages []*content.Page, l *source.List) {
	if ru.site == nil {
		return
	}
	for _, p := range pages {
		if ru.fromStamp(p) {
			ru.stats.Unread++
		}
	}
	if l.Dropped() > 0 {
		return // which files had problems is not known
	}
	bad := map[string]bool{}
	for _, e := range l.Errors() {
		bad[e.Pos.File] = true
	}
	ru.next.stamped = make(map[string]stampedPage, len(pages))
	ru.next.stampConfig = ru.next.config
	for _, p := range pages {
		st, ok := ru.stamps[p.File]
		if ok && !bad[p.File] && keepableMeta(&p.Meta) {
			ru.next.stamped[p.File] = stampedPage{stamp: st, page: p}
		}
	}
}

// newReuse starts the reuse of the memo of prev, after the site paths in
// changed were written, created or removed.
func newReuse(prev *Result, changed []string) *reuse {
	if prev == nil || prev.memo == nil {
		return &reuse{next: newMemo(nil)}
	}
	if prev.memo.disk {
		return &reuse{next: newMemo(prev.memo), prev: prev.memo}
	}
	ru := &reuse{next: newMemo(prev.memo)}
	ru.changed = map[string]bool{}
	for _, p := range changed {
		ru.changed[p] = true
	}
	ru.prev = prev.memo
	return ru
}

func (ru *reuse) changedUnder(dir string) bool {
	for p := range ru.changed {
		if strings.HasPrefix(p, dir) {
			return true
		}
	}
	return false
}

// setConfig records the config the pages are loaded with: a page loads
// the same from the same bytes only under the same config (its URL, its
// language).
func (ru *reuse) setConfig(cfg *config.Site) {
	ru.next.config = configSum(cfg)
	ru.pagesOK = ru.prev != nil && ru.prev.config == ru.next.config
}

// page returns the previous build's page for file, if file did not change.
func (ru *reuse) page(file string) *content.Page {
	if ru.site != nil {
		return ru.stampedPage(file)
	}
	if !ru.pagesOK || ru.changed[file] {
		return nil
	}
	p := ru.prev.pages[file]
	if p != nil && p.Body == nil && ru.prev.stamped[file].page == p {
		return nil // taken from a cache without its Body: read it
	}
	return p
}

// listing returns the previous build's listing of the content folder, if
// a walk of it would find the same files now.
func (ru *reuse) listing(site fs.FS, cfg *config.Site, skip []string) *content.Listing {
	if !ru.pagesOK || !ru.prev.listing.Holds(site, cfg, skip, slices.Collect(maps.Keys(ru.changed))) {
		return nil
	}
	return ru.prev.listing
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
	if ru.prev.disk && ru.prev.static != ru.next.static {
		return nil, nil, false
	}
	return ru.prev.manifest, ru.prev.bundled, true
}

// setShape fingerprints what links and abbreviations resolve against and
// what rubrics' views are made with, and records the pages loaded.
func (ru *reuse) setShape(m *Model) {
	h := newHasher()
	for _, p := range m.Pages {
		h.strs([]string{"p", p.Src.Rel, p.URL})
		ru.next.pages[p.Src.File] = p.Src
	}
	for _, f := range slices.Sorted(maps.Keys(m.files)) {
		h.strs([]string{"f", f})
	}
	for _, r := range m.rubrics {
		h.strs(append([]string{"r", r.ID}, r.Aliases...))
		for _, n := range r.Nodes() {
			h.strs(append([]string{n.ID}, n.Aliases...))
		}
	}
	if g := m.loaded.Glossary; g != nil {
		for _, t := range g.Terms {
			h.strs(append([]string{"g", t.Term, t.Expansion}, t.Also...))
		}
	}
	h.bool(m.Config.UnsafeHTML)
	ru.next.shape = h.sum()
	ru.shapeOK = ru.prev != nil && ru.prev.shape == ru.next.shape

	w := newHasher()
	for _, lang := range m.tmpl.Langs() {
		words := m.words(lang)
		w.str(lang)
		for _, k := range slices.Sorted(maps.Keys(words)) {
			w.strs([]string{k, words[k]})
		}
	}
	ru.next.words = w.sum()
}

// doc returns the previous build's rendering of page p, if it still
// holds, with its docSum.
func (ru *reuse) doc(p *content.Page) (*markdown.Doc, uint64) {
	if !ru.shapeOK {
		return nil, 0
	}
	if d, ok := ru.prev.docs[p.File]; ok && d.hash == p.Hash {
		return d.doc, d.sum
	}
	return nil, 0
}

// samePage reports whether page p is loaded and rendered as the previous
// build did: its file as loaded and its rendered Markdown are that
// build's.
func (ru *reuse) samePage(p *Page) bool {
	if ru.prev == nil {
		return false
	}
	d, ok := ru.prev.docs[p.Src.File]
	return ok && d.doc == p.Doc && ru.prev.pages[p.Src.File] == p.Src
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
	// A cache's docs were checked by some earlier build, whose warnings
	// are not kept: check them again.
	if !ru.shapeOK || ru.prev.disk || ru.anchorsChanged(pages) {
		return out
	}
	for _, p := range pages {
		if d, ok := ru.prev.docs[p.Src.File]; ok && d.doc == p.Doc {
			out[p.Doc] = true
		}
	}
	for file, v := range ru.next.views {
		if ru.prev.views[file].view == v.view {
			for _, d := range v.view.docs {
				out[d.Doc] = true
			}
		}
	}
	return out
}

// viewKey is what a rubric's view is made from besides the shape: its
// file and the interface words.
func (ru *reuse) viewKey(r *rubric.Rubric) uint64 {
	h := newHasher()
	h.num(r.Hash)
	h.num(ru.next.words)
	return h.sum()
}

// view returns the previous build's view of a rubric file, if it still
// holds.
func (ru *reuse) view(file string, key uint64) *RubricView {
	if !ru.shapeOK {
		return nil
	}
	if v, ok := ru.prev.views[file]; ok && v.key == key {
		return v.view
	}
	return nil
}

// claims returns the previous build's log of claims of output paths, or
// nil.
func (ru *reuse) claims() []claimStep {
	if ru.prev == nil {
		return nil
	}
	return ru.prev.claims
}

// startOutputs works out which inputs that the previous build's outputs
// recorded have changed in m, once each, before any output is made.
func (ru *reuse) startOutputs(m *Model) {
	if ru.prev == nil || ru.prev.table == nil {
		if ru.next != nil {
			ru.next.table = newDepTable()
		}
		return
	}
	ru.depChanged, ru.depSums = m.changedDeps(ru.prev.table, ru.prev.sums)
	if ru.next != nil {
		ru.next.table = ru.prev.table
	}
}

// finishOutputs records the hash of every dep the outputs kept for the
// next build name: those ru.depSums holds, and those this build numbered.
func (ru *reuse) finishOutputs(m *Model) {
	if ru.next != nil && ru.next.table != nil {
		ru.next.sums = m.hashAll(ru.next.table.snapshot(), ru.depSums, nil)
	}
}

// output returns the previous build's output at path, if none of the
// inputs it recorded has changed. It is safe for concurrent use.
func (ru *reuse) output(path string) (memoOutput, bool) {
	if ru.prev == nil {
		return memoOutput{}, false
	}
	o, ok := ru.prev.outputs[path]
	if !ok || !unchanged(o.deps, ru.depChanged) {
		return memoOutput{}, false
	}
	return o, true
}
