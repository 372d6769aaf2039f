package search

import "testing"

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
