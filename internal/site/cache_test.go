package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-ssg/handbook"
)

// memStore is a CacheStore in memory. The tests read and change the map
// only between builds.
type memStore map[string][]byte

var memStoreMu sync.Mutex

func (s memStore) Load(name string) ([]byte, error) {
	memStoreMu.Lock()
	defer memStoreMu.Unlock()
	data, ok := s[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return slices.Clone(data), nil
}

func (s memStore) Store(name string, data []byte) error {
	memStoreMu.Lock()
	defer memStoreMu.Unlock()
	s[name] = slices.Clone(data)
	return nil
}

// memDisk is an output folder in memory, each file with its Stamp.
type memDisk struct {
	files  map[string][]byte
	stamps map[string]Stamp
}

// memTx writes a new memDisk from the previous one, as publish.Tx does
// beside the output folder: Add writes a new file (a new Stamp), Keep
// takes the previous one as it is.
type memTx struct {
	mu            sync.Mutex
	prev, next    *memDisk
	clock         *int64
	kept, written int
}

func newMemTx(prev *memDisk, clock *int64) *memTx {
	if prev == nil {
		prev = &memDisk{files: map[string][]byte{}, stamps: map[string]Stamp{}}
	}
	return &memTx{prev: prev, next: &memDisk{files: map[string][]byte{}, stamps: map[string]Stamp{}}, clock: clock}
}

func (t *memTx) Add(name string, data []byte) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	*t.clock++
	t.next.files[name] = slices.Clone(data)
	t.next.stamps[name] = Stamp{Size: int64(len(data)), ModTime: *t.clock}
	t.written++
	return nil
}

func (t *memTx) Keep(name string, was Stamp) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.prev.stamps[name]
	if !ok || s != was {
		return false
	}
	t.next.files[name], t.next.stamps[name] = t.prev.files[name], s
	t.kept++
	return true
}

// cachedBuild builds as handbook build does with a cache: into a new
// output made from prev, then the cache saved with the new output's
// stamps.
func cachedBuild(t *testing.T, fsys fs.FS, opt Options, store memStore, prev *memDisk, clock *int64) (*Result, *memTx, error) {
	t.Helper()
	tx := newMemTx(prev, clock)
	opt.Cache, opt.Out, opt.NoRebuild = store, tx, true
	if opt.CacheKey == "" {
		opt.CacheKey = "test binary"
	}
	res, err := Build(context.Background(), fsys, opt)
	if err != nil {
		return nil, tx, err
	}
	if err := res.SaveCache(func(name string) (Stamp, bool) {
		s, ok := tx.next.stamps[name]
		return s, ok
	}); err != nil {
		t.Fatal(err)
	}
	return res, tx, nil
}

// sameAsCold fails unless files and warnings are, byte for byte, what a
// cold build of fsys gives.
func sameAsCold(t *testing.T, where string, fsys fs.FS, opt Options, files map[string][]byte, res *Result) {
	t.Helper()
	cold, err := Build(context.Background(), fsys, opt)
	if err != nil {
		t.Fatalf("%s: cold build: %v", where, err)
	}
	if fmt.Sprint(res.Warnings) != fmt.Sprint(cold.Warnings) {
		t.Fatalf("%s: warnings:\n%v\ncold build's:\n%v", where, res.Warnings, cold.Warnings)
	}
	for n, data := range cold.Files {
		if got, ok := files[n]; !ok {
			t.Fatalf("%s: %s is missing; a cold build has it", where, n)
		} else if !bytes.Equal(data, got) {
			t.Fatalf("%s: %s differs from a cold build's", where, n)
		}
	}
	for n := range files {
		if _, ok := cold.Files[n]; !ok {
			t.Fatalf("%s: the cached build has %s, a cold build does not", where, n)
		}
	}
}

func basicSite(t *testing.T) fstest.MapFS {
	orig := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
	fsys := fstest.MapFS{}
	for k, v := range orig {
		fsys[k] = &fstest.MapFile{Data: slices.Clone(v.Data)}
	}
	return fsys
}

var cacheToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// TestCacheProperty is TestRebuildProperty across processes: after each
// random edit of every kind, a new Build that reads the cache the previous
// successful build left, into an output made from the previous output,
// gives byte for byte the files and warnings of a cold build (search index
// included), and the same errors when it fails.
func TestCacheProperty(t *testing.T) {
	seeds, steps := 2, 20
	if testing.Short() {
		seeds, steps = 1, 15
	}
	kept, rendered, pages := 0, 0, 0
	for seed := range seeds {
		fsys := basicSite(t)
		orig := maps.Clone(fsys)
		r := rand.New(rand.NewPCG(uint64(seed), 1919))
		opt := Options{Defaults: handbook.Defaults(), Today: cacheToday}
		store := memStore{}
		var clock int64
		_, tx, err := cachedBuild(t, fsys, opt, store, nil, &clock)
		if err != nil {
			t.Fatal(err)
		}
		disk := tx.next
		var res *Result
		edits := propertyEdits(orig)
		ed := &editor{r: r, edits: edits}
		for step := range steps {
			name, _ := ed.next(fsys, step)
			where := fmt.Sprintf("seed %d step %d (%s)", seed, step, name)
			res, tx, err = cachedBuild(t, fsys, opt, store, disk, &clock)
			if _, coldErr := Build(context.Background(), fsys, opt); fmt.Sprint(err) != fmt.Sprint(coldErr) {
				t.Fatalf("%s: error:\n%v\ncold build's:\n%v", where, err, coldErr)
			}
			if err != nil {
				continue // the output and the cache stay as they were
			}
			ed.built()
			sameAsCold(t, where, fsys, opt, tx.next.files, res)
			disk = tx.next
			kept += tx.kept
			rendered += res.Stats.Rendered
			pages += len(res.Model.Pages)
		}
	}
	// The cache must have been used, or the test compared cold builds.
	if kept == 0 || rendered >= pages {
		t.Errorf("the cache saved nothing: %d files kept, %d of %d pages rendered", kept, rendered, pages)
	}
}

// After a one-page text edit, a build from the cache renders that page
// alone, templates only what shows it, and keeps every other page's file.
func TestCacheOneEdit(t *testing.T) {
	fsys := basicSite(t)
	opt := Options{Defaults: handbook.Defaults(), Today: cacheToday}
	store := memStore{}
	var clock int64
	_, tx, err := cachedBuild(t, fsys, opt, store, nil, &clock)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{cacheIndex, docsName(0), docsName(docShards - 1), cacheBundle, cacheSearch} {
		if len(store[s]) == 0 {
			t.Errorf("no %s section after a build", s)
		}
	}
	const page = "content/guidance/interview.md"
	fsys[page] = &fstest.MapFile{Data: append(slices.Clone(fsys[page].Data), "\n\nOne more sentence.\n"...)}
	was := maps.Clone(store)
	res, tx2, err := cachedBuild(t, fsys, opt, store, tx.next, &clock)
	if err != nil {
		t.Fatal(err)
	}
	for i := range docShards {
		name := docsName(i)
		if changed := !bytes.Equal(was[name], store[name]); changed != (i == docShard(page)) {
			t.Errorf("%s rewritten: %t; only the edited page's section should be", name, changed)
		}
	}
	sameAsCold(t, "one edit", fsys, opt, tx2.next.files, res)
	if st := res.SearchCache.Stats(); st.EntriesAnalysed == 0 || st.EntriesAnalysed*4 > st.Entries {
		t.Errorf("the search index analysed %d of %d entries: want the edited page's alone", st.EntriesAnalysed, st.Entries)
	}
	if res.Stats.Rendered != 1 {
		t.Errorf("rendered %d pages, want 1", res.Stats.Rendered)
	}
	// The bundle's files, the search index's and the files copied as
	// they are come out the same, and are kept too.
	keptSame, assetsOrIndex := 0, false
	for name, st := range tx2.next.stamps {
		if st == tx.next.stamps[name] && !strings.HasSuffix(name, ".html") {
			keptSame++
			assetsOrIndex = assetsOrIndex || strings.HasPrefix(name, "assets/") || strings.HasPrefix(name, "search/en/")
		}
	}
	if !assetsOrIndex {
		t.Error("no file of the bundle or the search index was kept, though they came out the same")
	}
	if res.Stats.Reused == 0 || res.Stats.Templated >= res.Stats.Reused || tx2.kept != res.Stats.Reused+keptSame {
		t.Errorf("templated %d, reused %d, kept %d files: want most pages kept as they were", res.Stats.Templated, res.Stats.Reused, tx2.kept)
	}
	if n, ok := tx2.next.stamps["guidance/interview/index.html"]; !ok || n == tx.next.stamps["guidance/interview/index.html"] {
		t.Error("the edited page's file was kept, not made again")
	}
	// Nothing changed since: every page is kept, none rendered.
	res, tx3, err := cachedBuild(t, fsys, opt, store, tx2.next, &clock)
	if err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "no edit", fsys, opt, tx3.next.files, res)
	if res.Stats.Rendered != 0 || res.Stats.Templated != 0 {
		t.Errorf("with no edit: rendered %d, templated %d; want none", res.Stats.Rendered, res.Stats.Templated)
	}
}

// A file of the output that changed since the build wrote it (an edit in
// the output folder, or one removed) is made again, not kept.
func TestCacheEditedOutput(t *testing.T) {
	fsys := basicSite(t)
	opt := Options{Defaults: handbook.Defaults(), Today: cacheToday}
	store := memStore{}
	var clock int64
	_, tx, err := cachedBuild(t, fsys, opt, store, nil, &clock)
	if err != nil {
		t.Fatal(err)
	}
	disk := tx.next
	const edited, removed = "guidance/interview/index.html", "index.html"
	disk.files[edited] = []byte("edited by hand")
	disk.stamps[edited] = Stamp{Size: 14, ModTime: -1}
	delete(disk.files, removed)
	delete(disk.stamps, removed)
	res, tx2, err := cachedBuild(t, fsys, opt, store, disk, &clock)
	if err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "edited output", fsys, opt, tx2.next.files, res)
	if res.Stats.Templated != 2 {
		t.Errorf("templated %d pages, want the 2 changed in the output", res.Stats.Templated)
	}
}

// A cache made by another binary or with other options, or one whose
// sections are damaged, is not read: the build is a cold one, and no
// error. (A byte changed inside a section that still decodes is caught by
// the store: publish.Cache checksums each section, and the command's
// tests damage its files.)
func TestCacheNotRead(t *testing.T) {
	fsys := basicSite(t)
	opt := Options{Defaults: handbook.Defaults(), Today: cacheToday}
	var clock int64
	fresh := func(t *testing.T) (memStore, *memDisk) {
		store := memStore{}
		_, tx, err := cachedBuild(t, fsys, opt, store, nil, &clock)
		if err != nil {
			t.Fatal(err)
		}
		return store, tx.next
	}
	check := func(t *testing.T, o Options, store memStore, disk *memDisk) {
		t.Helper()
		res, tx, err := cachedBuild(t, fsys, o, store, disk, &clock)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		o.CacheKey = ""
		sameAsCold(t, "", fsys, o, tx.next.files, res)
		if res.Stats.Rendered != len(res.Model.Pages) || res.Stats.Reused != 0 || tx.kept != 0 {
			t.Errorf("rendered %d of %d pages, reused %d, kept %d files: want a cold build",
				res.Stats.Rendered, len(res.Model.Pages), res.Stats.Reused, tx.kept)
		}
	}
	for _, tt := range []struct {
		name   string
		change func(*Options)
	}{
		{"other binary", func(o *Options) { o.CacheKey = "another binary" }},
		{"base URL", func(o *Options) { o.BaseURL = "https://example.org/handbook/" }},
		{"drafts", func(o *Options) { o.Drafts = true }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			store, disk := fresh(t)
			o := opt
			tt.change(&o)
			check(t, o, store, disk)
		})
	}
	for _, section := range []string{cacheIndex, docsName(docShard("content/guidance/interview.md")), cacheBundle, cacheSearch} {
		for _, damage := range []struct {
			name string
			do   func([]byte) []byte
		}{
			{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
			{"empty", func([]byte) []byte { return nil }},
			{"garbage", func(b []byte) []byte { return bytes.Repeat([]byte{0x7f}, len(b)) }},
		} {
			t.Run(section+" "+damage.name, func(t *testing.T) {
				store, disk := fresh(t)
				store[section] = damage.do(store[section])
				res, tx, err := cachedBuild(t, fsys, opt, store, disk, &clock)
				if err != nil {
					t.Fatalf("build: %v", err)
				}
				sameAsCold(t, section+" "+damage.name, fsys, opt, tx.next.files, res)
			})
		}
		// Without the section the others still serve, and the build
		// is as a cold one's.
		t.Run(section+" missing", func(t *testing.T) {
			store, disk := fresh(t)
			delete(store, section)
			res, tx, err := cachedBuild(t, fsys, opt, store, disk, &clock)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			sameAsCold(t, section+" missing", fsys, opt, tx.next.files, res)
		})
	}
	t.Run("every section missing", func(t *testing.T) {
		_, disk := fresh(t)
		check(t, opt, memStore{}, disk)
	})
}

// failStore fails every Store.
type failStore struct{ memStore }

func (failStore) Store(string, []byte) error { return errors.New("disk full") }

// A cache that cannot be written is SaveCache's error, for the command to
// report; the build itself succeeded.
func TestCacheSaveError(t *testing.T) {
	fsys := basicSite(t)
	opt := Options{Defaults: handbook.Defaults(), Today: cacheToday, Cache: failStore{memStore{}}, CacheKey: "x", NoRebuild: true}
	res, err := Build(context.Background(), fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.SaveCache(func(string) (Stamp, bool) { return Stamp{}, true }); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("SaveCache: %v, want the store's error", err)
	}
	// A build without a cache has nothing to save.
	opt.Cache = nil
	res, err = Build(context.Background(), fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.SaveCache(nil); err != nil {
		t.Errorf("SaveCache without a cache: %v", err)
	}
}
