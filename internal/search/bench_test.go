package search

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// BenchmarkBuild indexes a generated corpus of 10,000 entries (see
// GeneratedCorpus) and reports the index's size.
func BenchmarkBuild(b *testing.B) {
	entries := GeneratedCorpus(b, 10000)
	var files []File
	b.ReportAllocs()
	for b.Loop() {
		var err error
		files, err = Build(entries, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	total := 0
	for _, f := range files {
		total += len(f.Data)
	}
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(len(files)), "files")
}

// BenchmarkBuildCache compares, on generated corpora as large as the
// entries of 1,000 and 10,000 pages of bench/gen's corpus, a build without
// a cache, a cold build that makes one, and a build after one entry's text
// was changed given the cache of the build before the edit. It reports the
// share of entries analysed and of shards compressed, and the size of the
// encoded cache and the time to encode and decode it.
func BenchmarkBuildCache(b *testing.B) {
	for _, n := range []int{17278, 172780} {
		entries := GeneratedCorpus(b, n)
		edited := slices.Clone(entries)
		edited[n/2].Text += " One more sentence about the claimant's evidence."
		b.Run(fmt.Sprintf("entries=%d/no-cache", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := BuildContext(context.Background(), entries, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("entries=%d/cold", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := BuildCache(context.Background(), entries, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		_, prev, err := BuildCache(context.Background(), entries, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("entries=%d/one-edit", n), func(b *testing.B) {
			b.ReportAllocs()
			var next *Cache
			for b.Loop() {
				var err error
				if _, next, err = BuildCache(context.Background(), edited, Options{Cache: prev}); err != nil {
					b.Fatal(err)
				}
			}
			s := next.Stats()
			b.ReportMetric(float64(s.EntriesAnalysed), "entries-analysed")
			b.ReportMetric(100*float64(s.ShardsCompressed)/float64(s.Shards), "%shards-compressed")
			b.ReportMetric(float64(s.Shards), "shards")
		})
		data, err := prev.MarshalBinary()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("entries=%d/encode", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := prev.MarshalBinary(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(data)), "cache-bytes")
		})
		b.Run(fmt.Sprintf("entries=%d/decode", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var c Cache
				if err := c.UnmarshalBinary(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
