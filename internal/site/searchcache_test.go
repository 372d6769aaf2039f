package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/search"
)

// TestSearchCacheEdits makes random sequences of the edits of
// TestRebuildProperty to the basic fixture and builds after each with
// Options.SearchCache set to the cache the build before left (every other
// time through MarshalBinary and UnmarshalBinary, as a cache kept on disk
// is), and checks that the output, the search index included, is byte
// for byte that of a build without a cache, and that an unchanged site's index analyses and
// compresses nothing again.
func TestSearchCacheEdits(t *testing.T) {
	orig := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
	edits := propertyEdits(orig)
	ctx := context.Background()
	for seed := range 2 {
		fsys := fstest.MapFS{}
		for k, v := range orig {
			fsys[k] = &fstest.MapFile{Data: slices.Clone(v.Data)}
		}
		r := rand.New(rand.NewPCG(uint64(seed), 20))
		cache := &search.Cache{}
		built := 0
		for step := range 20 {
			before := maps.Clone(fsys)
			e := edits[r.IntN(len(edits))]
			e.do(r, fsys, step)
			opt := Options{Defaults: handbook.Defaults(), SearchCache: cache}
			if step%2 == 1 {
				data, err := cache.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				opt.SearchCache = &search.Cache{}
				if err := opt.SearchCache.UnmarshalBinary(data); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Build(ctx, fsys, opt)
			where := fmt.Sprintf("seed %d step %d (%s)", seed, step, e.name)
			if err != nil {
				// The edit broke the site: put it back.
				for k := range fsys {
					delete(fsys, k)
				}
				maps.Copy(fsys, before)
				continue
			}
			cold, err := Build(ctx, fsys, Options{Defaults: handbook.Defaults()})
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			n := 0
			for name, data := range cold.Files {
				if isIndexFile(name) {
					n++
				}
				if !bytes.Equal(data, res.Files[name]) {
					t.Fatalf("%s: %s differs from a build's without a cache", where, name)
				}
			}
			for name := range res.Files {
				if _, ok := cold.Files[name]; !ok {
					t.Fatalf("%s: %s is not in a build without a cache", where, name)
				}
			}
			if n == 0 || res.SearchCache == nil {
				t.Fatalf("%s: %d index files, cache %v", where, n, res.SearchCache)
			}
			cache = res.SearchCache
			built++
		}
		if built < 10 {
			t.Errorf("seed %d: only %d of 20 steps built", seed, built)
		}
		again, err := Build(ctx, fsys, Options{Defaults: handbook.Defaults(), SearchCache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if s := again.SearchCache.Stats(); s.EntriesAnalysed != 0 || s.ShardsCompressed != 0 || s.Entries == 0 {
			t.Errorf("seed %d: a build of an unchanged site: %+v, want nothing analysed or compressed", seed, s)
		}
	}
}

// BenchmarkSearchIndexEdit measures the search index of the site in
// $HANDBOOK_BENCH_SITE (go run ./bench/gen -n 1000 -o /tmp/c, then
// HANDBOOK_BENCH_SITE=/tmp/c/handbook) before and after a one-paragraph
// edit (a sentence added to the first numbered paragraph of the first
// page): no-cache builds the edited site's index without a cache; one-edit
// builds it given the cache of the index before the edit, and reports the
// share of shards compressed again; encode and decode time the cache's
// MarshalBinary and UnmarshalBinary.
func BenchmarkSearchIndexEdit(b *testing.B) {
	dir := os.Getenv("HANDBOOK_BENCH_SITE")
	if dir == "" {
		b.Skip("HANDBOOK_BENCH_SITE is not set")
	}
	ctx := context.Background()
	site := os.DirFS(dir)
	entries := func(fsys fs.FS) []search.Entry {
		res, err := Build(ctx, fsys, Options{Defaults: handbook.Defaults(), NoSearch: true, NoRebuild: true})
		if err != nil {
			b.Fatal(err)
		}
		return res.Model.searchEntries()
	}
	before := entries(site)
	var first string
	fs.WalkDir(site, "content", func(p string, d fs.DirEntry, err error) error {
		if first == "" && err == nil && strings.HasSuffix(p, ".md") {
			first = p
		}
		return err
	})
	data, err := fs.ReadFile(site, first)
	if err != nil {
		b.Fatal(err)
	}
	edited := bytes.Replace(data, []byte("¶1 "), []byte("¶1 One more sentence about the claimant's evidence. "), 1)
	if bytes.Equal(edited, data) {
		b.Fatalf("%s has no ¶1", first)
	}
	after := entries(Overlay(fstest.MapFS{first: {Data: edited}}, site))
	_, cache, err := search.BuildCache(ctx, before, search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("no-cache", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := search.BuildContext(ctx, after, search.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("one-edit", func(b *testing.B) {
		b.ReportAllocs()
		var next *search.Cache
		for b.Loop() {
			if _, next, err = search.BuildCache(ctx, after, search.Options{Cache: cache}); err != nil {
				b.Fatal(err)
			}
		}
		s := next.Stats()
		b.ReportMetric(float64(s.Entries), "entries")
		b.ReportMetric(float64(s.EntriesAnalysed), "entries-analysed")
		b.ReportMetric(float64(s.Shards), "shards")
		b.ReportMetric(float64(s.ShardsCompressed), "shards-compressed")
	})
	enc, err := cache.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			cache.MarshalBinary()
		}
		b.ReportMetric(float64(len(enc)), "cache-bytes")
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			var c search.Cache
			if err := c.UnmarshalBinary(enc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
