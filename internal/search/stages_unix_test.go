//go:build unix

package search

import (
	"context"
	"slices"
	"syscall"
	"testing"
)

// BenchmarkStages times the stages of a build of one language's index of
// GeneratedCorpus(172780) (the entries of 10,000 pages of bench/gen's
// corpus) after one entry's text was changed, given the cache of the build
// before: sort (the entries in the order GeneratedCorpus makes them),
// prepare (sort, merge, seedTerms, acronyms, entryKeys), analyze
// (all but one entry taken from the cache), score and termShards. Besides the time, each reports the CPU time per operation
// (cpu-ns/op, all threads), which another load on the machine changes less.
func BenchmarkStages(b *testing.B) {
	entries := GeneratedCorpus(b, 172780)
	_, prev, err := BuildCache(context.Background(), entries, Options{})
	if err != nil {
		b.Fatal(err)
	}
	edited := slices.Clone(entries)
	edited[len(edited)/2].Text += " One more sentence about the claimant's evidence."
	docs := make([]*Entry, len(edited))
	for i := range edited {
		docs[i] = &edited[i]
	}
	lc := prev.langs["en"]
	newIndex := func() (*index, map[int32][]acronym, []key) {
		slices.SortFunc(docs, compareEntries)
		ds := mergeSameURL(docs)
		ix := &index{ctx: context.Background(), lang: languageOf("en"), docs: ds, termID: map[string]int32{}, wordTerm: map[string]int32{}, fieldLen: make([][numFields]int32, len(ds))}
		ix.seedTerms(lc)
		acr := ix.acronyms()
		keys, _ := entryKeys("en", ix.acronymKey(acr), ds)
		return ix, acr, keys
	}
	cpu := func(b *testing.B, f func()) {
		start := cpuTime()
		for b.Loop() {
			f()
		}
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
	unsorted := slices.Clone(docs)
	b.Run("sort", func(b *testing.B) {
		cpu(b, func() { slices.SortFunc(slices.Clone(unsorted), compareEntries) })
	})
	b.Run("prepare", func(b *testing.B) {
		cpu(b, func() { newIndex() })
	})
	b.Run("prepare+analyze", func(b *testing.B) {
		cpu(b, func() {
			ix, acr, keys := newIndex()
			ix.analyze(acr, keys, lc)
		})
	})
	ix, acr, keys := newIndex()
	ix.analyze(acr, keys, lc)
	b.Run("score", func(b *testing.B) {
		cpu(b, func() { ix.score() })
	})
	impacts, _ := ix.score()
	b.Run("termShards", func(b *testing.B) {
		cpu(b, func() { ix.termShards(impacts, 8192) })
	})
}

// cpuTime returns the CPU time the process has used, in nanoseconds.
func cpuTime() int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}
