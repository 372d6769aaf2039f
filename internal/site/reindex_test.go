package site

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-ssg/handbook"
)

// TestReindexCache: serve's index after an edit. ReindexCache gives
// Reindex's files with a cache or without, and a cold build's index; a
// Rebuild, quick or full, carries the cache over, so the index after a
// one-page edit analyses that page's entries alone.
func TestReindexCache(t *testing.T) {
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults(), Today: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	fsys := basicFS(t)
	res, err := Build(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	files, cache, err := ReindexCache(ctx, res)
	if err != nil {
		t.Fatal(err)
	}
	// Stopped, it stops: the dev server's next rebuild waits for it.
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if files, next, err := ReindexCache(stopped, res); !errors.Is(err, context.Canceled) || files != nil || next != nil {
		t.Fatalf("stopped index: %d files, cache %v, error %v; want context.Canceled alone", len(files), next != nil, err)
	}
	total := cache.Stats().Entries
	if total == 0 || cache.Stats().EntriesAnalysed != total {
		t.Fatalf("first index: %+v, want every entry analysed", cache.Stats())
	}
	next := *res
	next.Files = maps.Clone(res.Files)
	maps.Copy(next.Files, files)
	next.SearchCache = cache
	prev := &next
	for _, tt := range []struct{ name, file, old, new string }{
		{"text", "content/accessibility.md", "Tested with care.", "Tested with great care."},
		{"title", "content/accessibility.md", "title: Accessibility", "title: Accessibility statement"},
	} {
		fsys[tt.file] = &fstest.MapFile{Data: bytes.Replace(fsys[tt.file].Data, []byte(tt.old), []byte(tt.new), 1)}
		res, err := Rebuild(ctx, fsys, opt, prev, []string{tt.file})
		if err != nil {
			t.Fatal(err)
		}
		if res.SearchCache != cache {
			t.Fatalf("%s: the rebuild did not carry the search cache over", tt.name)
		}
		files, next, err := ReindexCache(ctx, res)
		if err != nil {
			t.Fatal(err)
		}
		if s := next.Stats(); s.EntriesAnalysed == 0 || s.EntriesAnalysed >= total/2 {
			t.Errorf("%s: %d of %d entries analysed again, want the page's", tt.name, s.EntriesAnalysed, s.Entries)
		}
		plain, err := Reindex(ctx, res)
		if err != nil {
			t.Fatal(err)
		}
		cold, err := Build(ctx, fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []map[string][]byte{plain, indexOf(cold.Files)} {
			if !slices.Equal(slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(want))) {
				t.Fatalf("%s: the index's files differ", tt.name)
			}
			for n, data := range want {
				if !bytes.Equal(files[n], data) {
					t.Errorf("%s: %s differs", tt.name, n)
				}
			}
		}
		n := *res
		n.SearchCache, cache = next, next
		prev = &n
	}
}

// indexOf returns the search index's files of a build.
func indexOf(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for n, data := range files {
		if isIndexFile(n) {
			out[n] = data
		}
	}
	return out
}
