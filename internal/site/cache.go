package site

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/search"
	"github.com/handbook-ssg/handbook/internal/source"
	"golang.org/x/sync/errgroup"
)

// A build given Options.Cache keeps, for the next build in a new process,
// what the in-process memo of reuse.go keeps for a rebuild, as far as it
// can be written down, in named sections of the cache:
//
//	index   the dep table, each dep's hash, and each output's record:
//	        the deps it read and the Stamp of its file as written; and
//	        the files no record tells (the bundle, the files copied as
//	        they are, the search index) by the SHA-256 of their bytes,
//	        with their Stamp, so that one made again the same is kept;
//	docs-NN each page's rendered Markdown but its HTML, by the hash of
//	        its file and the site's shape it was rendered against, in
//	        docShards sections by the page's file (doccodec.go);
//	pages-NN each page as loaded from its file, but its Body, with the
//	        Stamp its file had when it was read and the config it was
//	        loaded under, in docShards sections by the page's file;
//	bundle  the bundle's files and manifest, by the hash of static/;
//	search  the search index's own cache (search.Cache): each entry's
//	        analysis by a hash of its text, each shard compressed by a
//	        hash of its bytes. It is keyed by content alone, so it is
//	        read under any key: a stale or foreign one gives the same
//	        index as none.
//
// Every section starts with the cache key: the format, Options.CacheKey
// (which names the handbook binary) and the options that change output
// but are no input a record notes. A section that is missing, damaged or
// made under another key is as if there were none: the build does the
// work, which is never an error. Each section stands alone: a page's
// rendering is taken only for the same file bytes and shape, an output
// only when its every recorded dep hashes as before and its file in the
// previous output still has the recorded Stamp (so a file edited there is
// made again), and the bundle only for the same static/ files.
//
// How the next build tells what changed: a page file is stated, and not
// read when its Stamp (size, modification time, inode and the inode's
// change time) is the one it had when the cached page was loaded from it,
// under the same config; its Body is read only if something renders it
// again. The inode's change time moves with every write and no one can set
// it back, so an edit is seen even when it keeps the size and sets the
// modification time back. The trade-off: a file changed without its inode
// changing (a file system that keeps no change time, or one whose clock
// is set back) is not seen; --no-cache reads every file. A Stamp is taken
// only where the change time is read (Linux), and kept only when the
// change is older than the build by stampMargin, so that a write within
// the same tick of the file system's clock is not missed. Every other
// input (rubrics, templates, config, static/) is read and hashed as a cold
// build does, since the deps are hashes of what was read; the outputs,
// which are never read, are told by their Stamp. Rendering, templating
// and writing unchanged outputs is what is saved, and reading unchanged
// pages.

// CacheStore holds the sections of a build cache (publish.Cache keeps them
// in a folder beside the output). A build loads and stores several
// sections at once: its methods must be safe for concurrent use.
type CacheStore interface {
	// Load returns a section's bytes, or an error when it is missing or
	// damaged.
	Load(name string) ([]byte, error)
	// Store writes a section whole, replacing the old one.
	Store(name string, data []byte) error
}

// Stamp tells a file of the output as a build wrote it from the same path
// changed since: its size, modification time (nanoseconds), inode and
// the inode's change time (nanoseconds; 0 where it is not read).
type Stamp struct {
	Size    int64
	ModTime int64
	Ino     uint64
	Ctime   int64
}

// Keeper is a Sink that can keep a file of the previous output as it is,
// such as a publish.Tx that hard-links it into the new folder.
type Keeper interface {
	Sink
	// Keep adds the file name as the previous output holds it, if its
	// Stamp there is was, and reports whether it did.
	Keep(name string, was Stamp) bool
}

// The cache's sections.
const (
	cacheIndex  = "index"
	cacheDocs   = "docs"  // docs-00 to docs-31: see docShards
	cachePages  = "pages" // pages-00 to pages-31, as the docs
	cacheBundle = "bundle"
	// cacheSearch is the search index's own cache (search.Cache), as
	// its MarshalBinary encodes it.
	cacheSearch = "search"
)

// cacheFormat changes whenever what the sections hold, or how a hash in
// them is worked out, does: a cache of another format is not read.
const cacheFormat = "handbook build cache 4"

// cacheKey is what a section must start with to be read: the format, the
// binary and every option that changes the output without being a dep.
// Today is a dep (depToday) and is left out, so that a new day does not
// throw the cache away.
func cacheKey(opt Options) string {
	return fmt.Sprintf("%s\x00%s\x00base=%q drafts=%t nosearch=%t out=%q",
		cacheFormat, opt.CacheKey, opt.BaseURL, opt.Drafts, opt.NoSearch, opt.OutputDir)
}

type indexSection struct {
	Key     string
	Config  uint64
	Words   uint64
	Deps    []cachedDep
	Sums    []uint64
	Outputs []string // by output path
	Records [][]int32
	Stamps  []Stamp
	// Files are the output files no record tells, by their bytes.
	Files     []string
	FileSums  [][32]byte
	FileStamp []Stamp
}

type cachedDep struct {
	Kind uint8
	Key  string
}

type docsSection struct {
	Key    string
	Shape  uint64
	Files  []string
	Hashes []uint64 // of each file
	Sums   []uint64 // docSum of each doc
	Docs   []cachedDoc
}

// cachedDoc is what a markdown.Doc holds that the build reads: the
// problems found while rendering are not kept, so a doc with any is not
// kept either (it is rendered again, and its problems reported again).
//
// Nor is its HTML, the bulk of it, which most builds never read again: a
// page whose output reads it is rendered again (Page.loadHTML).
type cachedDoc struct {
	Title      string
	TitleID    string
	Headings   []markdown.Heading
	Paras      []markdown.Block
	Sections   []markdown.Block
	Links      []markdown.Link
	IDs        []string
	BareTables []source.Pos
}

type pagesSection struct {
	Key    string
	Config uint64 // configSum the pages were loaded under
	Files  []string
	Stamps []Stamp
	Pages  []content.Page // without their Body
}

type bundleSection struct {
	Key    string
	Static uint64
	Man    map[string]string
	Files  []assets.File
}

// decodeSection loads the section name into v; it reports false when the
// section is missing, damaged or of another key.
func decodeSection(store CacheStore, name, key string, v any, keyOf func() string) bool {
	data, err := store.Load(name)
	if err != nil {
		return false
	}
	if gob.NewDecoder(bytes.NewReader(data)).Decode(v) != nil {
		return false
	}
	return keyOf() == key
}

// loadCache makes the memo that a build of opt may reuse from its cache,
// or nil when the cache holds nothing for it.
func loadCache(opt Options) *memo {
	if opt.Cache == nil {
		return nil
	}
	key := cacheKey(opt)
	m := newMemo(nil)
	m.disk = true
	found := false
	if loadDocs(opt.Cache, key, m) {
		found = true
	}
	if loadPages(opt.Cache, key, m) {
		found = true
	}
	var idx indexSection
	if decodeSection(opt.Cache, cacheIndex, key, &idx, func() string { return idx.Key }) &&
		len(idx.Sums) == len(idx.Deps) && len(idx.Records) == len(idx.Outputs) && len(idx.Stamps) == len(idx.Outputs) {
		found = true
		m.config, m.words = idx.Config, idx.Words
		t := newDepTable()
		for _, d := range idx.Deps {
			dp := dep{depKind(d.Kind), d.Key}
			t.ids[dp] = int32(len(t.deps))
			t.deps = append(t.deps, dp)
		}
		m.table, m.sums = t, idx.Sums
		for i, name := range idx.Outputs {
			if !validRecord(idx.Records[i], len(idx.Deps)) {
				continue
			}
			m.outputs[name] = memoOutput{deps: idx.Records[i], stamp: idx.Stamps[i]}
		}
		if len(idx.FileSums) == len(idx.Files) && len(idx.FileStamp) == len(idx.Files) {
			m.files = make(map[string]memoFile, len(idx.Files))
			for i, name := range idx.Files {
				m.files[name] = memoFile{sum: idx.FileSums[i], stamp: idx.FileStamp[i]}
			}
		}
	}
	var b bundleSection
	if decodeSection(opt.Cache, cacheBundle, key, &b, func() string { return b.Key }) {
		found = true
		m.static = b.Static
		m.manifest = assets.Manifest(b.Man)
		if m.manifest == nil {
			m.manifest = assets.Manifest{}
		}
		m.bundled = b.Files
	}
	if !found {
		return nil
	}
	return m
}

// validRecord reports whether every number of an output's record names a
// dep of a table of n.
func validRecord(rec []int32, n int) bool {
	for _, id := range rec {
		if id < 0 || int(id) >= n {
			return false
		}
	}
	return len(rec) > 0
}

// staticSum hashes the site's own static/ files, names and bytes: the
// bundle is made from them and the embedded defaults (which the binary,
// in the cache key, fixes).
func staticSum(site fs.FS) uint64 {
	h := newHasher()
	_ = fs.WalkDir(site, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			h.str("error " + p)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			h.str("error " + p)
			return nil
		}
		h.str(p)
		h.str(string(data))
		return nil
	})
	return h.sum()
}

// docShards is how many sections the pages' renderings are kept in, by
// a hash of the page's file: an edit rewrites the one its page is in, and
// a build decodes them in parallel.
const docShards = 32

// docShard returns the docs section a page's file is kept in.
func docShard(file string) int {
	h := newHasher()
	h.str(file)
	return int(h.sum() % docShards)
}

func docsName(shard int) string { return fmt.Sprintf("%s-%02d", cacheDocs, shard) }

func pagesName(shard int) string { return fmt.Sprintf("%s-%02d", cachePages, shard) }

// eachShard runs do for every shard, on as many goroutines as there are
// processors, and waits for them.
func eachShard(do func(shard int)) {
	var wg sync.WaitGroup
	next := make(chan int, docShards)
	for i := range docShards {
		next <- i
	}
	close(next)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	wg.Wait()
}

// loadPages reads every pages section into m, in parallel, and reports
// whether any held pages for this build's key. A section is taken whole or
// not at all, and only under the config of the first one found.
func loadPages(store CacheStore, key string, m *memo) bool {
	secs := make([]*pagesSection, docShards)
	eachShard(func(i int) {
		var s pagesSection
		if decodeSection(store, pagesName(i), key, &s, func() string { return s.Key }) && s.valid(i) {
			secs[i] = &s
		}
	})
	m.pageShards = make([][]string, docShards)
	found := false
	for i, s := range secs {
		if s == nil || (found && s.Config != m.stampConfig) {
			continue
		}
		if !found {
			found, m.stampConfig = true, s.Config
			m.stamped = map[string]stampedPage{}
		}
		m.pageShards[i] = s.Files
		if s.Files == nil {
			m.pageShards[i] = []string{}
		}
		for j, f := range s.Files {
			m.stamped[f] = stampedPage{stamp: s.Stamps[j], page: &s.Pages[j]}
		}
	}
	return found
}

// valid reports whether a decoded pages section holds what one written for
// shard does: one Stamp and page per file, each page of its file, files
// of the shard, each once.
func (s *pagesSection) valid(shard int) bool {
	n := len(s.Files)
	if len(s.Stamps) != n || len(s.Pages) != n {
		return false
	}
	seen := make(map[string]bool, n)
	for j, f := range s.Files {
		if seen[f] || s.Pages[j].File != f || docShard(f) != shard || s.Pages[j].Body != nil {
			return false
		}
		seen[f] = true
	}
	return true
}

// savePages stores the pages sections whose pages are not the ones the
// cache holds: those of a cold build, or the one or two an edit touched.
func (ru *reuse) savePages(store CacheStore, key string) error {
	next := ru.next
	if next.stamped == nil {
		return nil
	}
	byShard := make([][]string, docShards)
	for f := range next.stamped {
		i := docShard(f)
		byShard[i] = append(byShard[i], f)
	}
	var g errgroup.Group
	g.SetLimit(max(2, runtime.GOMAXPROCS(0)))
	for i, files := range byShard {
		if ru.pageShardHolds(i, files) {
			continue
		}
		slices.Sort(files)
		g.Go(func() error {
			s := pagesSection{Key: key, Config: next.stampConfig, Files: files,
				Stamps: make([]Stamp, len(files)), Pages: make([]content.Page, len(files))}
			for j, f := range files {
				sp := next.stamped[f]
				s.Stamps[j], s.Pages[j] = sp.stamp, *sp.page
				s.Pages[j].Body = nil
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(&s); err != nil {
				return err
			}
			return store.Store(pagesName(i), buf.Bytes())
		})
	}
	return g.Wait()
}

// pageShardHolds reports whether the cache's pages section shard, as this
// build read it, holds exactly the pages of files as this build has them.
func (ru *reuse) pageShardHolds(shard int, files []string) bool {
	prev := ru.prev
	if prev == nil || !prev.disk || prev.pageShards == nil || prev.pageShards[shard] == nil ||
		len(prev.pageShards[shard]) != len(files) || prev.stampConfig != ru.next.stampConfig {
		return false
	}
	for _, f := range files {
		was, ok := prev.stamped[f]
		if !ok || was != ru.next.stamped[f] {
			return false
		}
	}
	return true
}

// keepableMeta reports whether a pages section can keep a page's front
// matter as it is: gob cannot encode a nil change note nor a time whose
// zone is not a whole number of minutes, nor Params of other types.
func keepableMeta(m *content.FrontMatter) bool {
	for _, c := range m.Changes {
		if c == nil || !keepable(c.Date.Time) {
			return false
		}
	}
	return keepable(m.Date.Time) && keepable(m.LastMod.Time) && keepable(m.Reviewed.Time) &&
		keepable(m.ReviewBy.Time) && keepable(m.Params)
}

// keepable reports whether a page's Params, as the YAML or TOML decoder
// made them, are of the types a pages section keeps (gob, with the types
// registered below): a page with any other is read by every build.
func keepable(v any) bool {
	switch v := v.(type) {
	case nil, string, bool, int, int64, uint64, float64:
		return true
	case time.Time:
		_, err := v.MarshalBinary()
		return err == nil
	case []any:
		for _, e := range v {
			if !keepable(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range v {
			if !keepable(e) {
				return false
			}
		}
		return true
	}
	return false
}

func init() {
	gob.Register([]any(nil))
	gob.Register(map[string]any(nil))
	gob.Register(time.Time{})
}

// loadDocs reads every docs section into m, in parallel, and reports
// whether any held docs for this build's key. A section is taken whole
// or not at all; sections of another shape than the first found are left
// out, since m has one shape to match.
func loadDocs(store CacheStore, key string, m *memo) bool {
	secs := make([]*docsSection, docShards)
	eachShard(func(i int) {
		if data, err := store.Load(docsName(i)); err == nil {
			if d, ok := decodeDocs(data, key); ok {
				secs[i] = d
			}
		}
	})
	m.docShards = make([][]string, docShards)
	found := false
	for i, d := range secs {
		if d == nil || (found && d.Shape != m.shape) {
			continue
		}
		found, m.shape = true, d.Shape
		m.docShards[i] = d.Files
		if d.Files == nil {
			m.docShards[i] = []string{}
		}
		for j, f := range d.Files {
			c := &d.Docs[j]
			m.docs[f] = memoDoc{hash: d.Hashes[j], sum: d.Sums[j], doc: &markdown.Doc{
				Title: c.Title, TitleID: c.TitleID, Headings: c.Headings, Paras: c.Paras,
				Sections: c.Sections, Links: c.Links, IDs: c.IDs, BareTables: c.BareTables,
			}}
		}
	}
	return found
}

// saveDocs stores the docs sections whose pages' renderings are not the
// ones the cache holds, two or more at a time: those of a cold build, or
// the one or two an edit touched. They are encoded only now, once the
// output is in place, so that the build holds no encoded copy of them.
func (ru *reuse) saveDocs(m *Model, store CacheStore, key string) error {
	byShard := make([][]*Page, docShards)
	for _, p := range m.Pages {
		d := p.Doc
		if d == nil || len(d.Errs.Errors()) > 0 {
			continue // rendered again by every build, with its problems
		}
		i := docShard(p.Src.File)
		byShard[i] = append(byShard[i], p)
	}
	var g errgroup.Group
	g.SetLimit(max(2, runtime.GOMAXPROCS(0)))
	for i, pages := range byShard {
		if ru.shardHolds(i, pages) {
			continue
		}
		g.Go(func() error {
			s := docsSection{Key: key, Shape: ru.next.shape}
			for _, p := range pages {
				d := p.Doc
				s.Files = append(s.Files, p.Src.File)
				s.Hashes = append(s.Hashes, p.Src.Hash)
				s.Sums = append(s.Sums, p.docSum)
				s.Docs = append(s.Docs, cachedDoc{
					Title: d.Title, TitleID: d.TitleID, Headings: d.Headings, Paras: d.Paras,
					Sections: d.Sections, Links: d.Links, IDs: d.IDs, BareTables: d.BareTables,
				})
			}
			return store.Store(docsName(i), encodeDocs(&s))
		})
	}
	return g.Wait()
}

// shardHolds reports whether the cache's docs section shard, as this
// build read it, holds exactly the renderings of pages.
func (ru *reuse) shardHolds(shard int, pages []*Page) bool {
	prev := ru.prev
	if prev == nil || !prev.disk || !ru.shapeOK || prev.docShards == nil || prev.docShards[shard] == nil ||
		len(prev.docShards[shard]) != len(pages) {
		return false
	}
	for _, p := range pages {
		if d, ok := prev.docs[p.Src.File]; !ok || d.doc != p.Doc {
			return false
		}
	}
	return true
}

// loadSearchCache returns the search index's cache as the store holds
// it, or an empty one when it holds none that decodes.
func loadSearchCache(store CacheStore) *search.Cache {
	if data, err := store.Load(cacheSearch); err == nil {
		c, _ := search.DecodeCache(data) // empty when it fails; data is ours
		return c
	}
	return &search.Cache{}
}

// SaveCache writes what the next build may reuse into the store the
// build was given (Options.Cache), once the output is where the next build
// will find it. stamp returns the Stamp of each output file as it is
// there; a file without one is made again next time. A Result of a build
// without a cache saves nothing.
func (r *Result) SaveCache(stamp func(name string) (Stamp, bool)) error {
	c := r.cache
	if c == nil || r.memo == nil {
		return nil
	}
	if err := c.ru.saveDocs(r.Model, c.store, c.key); err != nil {
		return err
	}
	if err := c.ru.savePages(c.store, c.key); err != nil {
		return err
	}
	if r.SearchCache != nil {
		data, err := r.SearchCache.MarshalBinary()
		if err != nil {
			return err
		}
		if err := c.store.Store(cacheSearch, data); err != nil {
			return err
		}
	}
	if c.bundle != nil {
		if err := c.store.Store(cacheBundle, c.bundle); err != nil {
			return err
		}
	}
	mm := r.memo
	idx := indexSection{Key: c.key, Config: mm.config, Words: mm.words}
	if mm.table != nil {
		for _, d := range mm.table.snapshot() {
			idx.Deps = append(idx.Deps, cachedDep{uint8(d.kind), d.key})
		}
		idx.Sums = mm.sums
	}
	if len(idx.Sums) != len(idx.Deps) {
		idx.Deps, idx.Sums = nil, nil
	} else {
		names := make([]string, 0, len(mm.outputs))
		for name := range mm.outputs {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			s, ok := stamp(name)
			if !ok {
				continue
			}
			idx.Outputs = append(idx.Outputs, name)
			idx.Records = append(idx.Records, mm.outputs[name].deps)
			idx.Stamps = append(idx.Stamps, s)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.files)) {
		if s, ok := stamp(name); ok {
			idx.Files = append(idx.Files, name)
			idx.FileSums = append(idx.FileSums, c.files[name].sum)
			idx.FileStamp = append(idx.FileStamp, s)
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&idx); err != nil {
		return err
	}
	return c.store.Store(cacheIndex, buf.Bytes())
}

// cacheOut is what a build with a cache has for SaveCache.
type cacheOut struct {
	store  CacheStore
	key    string
	ru     *reuse              // what the build reused, to tell which docs sections hold
	files  map[string]memoFile // the output files told by their bytes (output.addSame)
	bundle []byte              // nil when the stored section holds
}

// encodeBundle encodes the bundle section, when the bundle was made by
// this build rather than taken from the cache.
func encodeBundle(key string, static uint64, man assets.Manifest, files []assets.File) []byte {
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(&bundleSection{Key: key, Static: static, Man: man, Files: files}) != nil {
		return nil
	}
	return buf.Bytes()
}
