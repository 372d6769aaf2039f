package search

import (
	"context"
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkCacheHeap reports the memory the search cache holds, measured
// on the heap after a collection, for GeneratedCorpus of 1,000 and 10,000
// pages' entries: cold-MiB, what the cache a cold build returns holds
// beyond its files; decoded-MiB, what a cache read back with
// UnmarshalBinary holds (what a rebuild holds through its index stage);
// and file-MiB, its encoding's size. Run it with -benchtime 1x.
func BenchmarkCacheHeap(b *testing.B) {
	heap := func() float64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc) / (1 << 20)
	}
	for _, n := range []int{17278, 172780} {
		entries := GeneratedCorpus(b, n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			var cold, decoded, file float64
			for b.Loop() {
				base := heap()
				// The files are let go at once: what remains is the cache.
				_, c, err := BuildCache(context.Background(), entries, Options{})
				if err != nil {
					b.Fatal(err)
				}
				cold = heap() - base
				data, err := c.MarshalBinary()
				if err != nil {
					b.Fatal(err)
				}
				c = nil
				file = float64(len(data)) / (1 << 20)
				base = heap() - file
				var d Cache
				if err := d.UnmarshalBinary(data); err != nil {
					b.Fatal(err)
				}
				data = nil
				decoded = heap() - base
				runtime.KeepAlive(&d)
			}
			b.ReportMetric(cold, "cold-MiB")
			b.ReportMetric(decoded, "decoded-MiB")
			b.ReportMetric(file, "file-MiB")
		})
	}
}
