package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook/internal/search"
)

// glossarySite is a site whose glossary has n terms, each with a
// definition.
func glossarySite(n int) fstest.MapFS {
	var b strings.Builder
	b.WriteString("terms:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {term: T%dX, expansion: Term %d, definition: What term %d means.}\n", i, i, i)
	}
	return fstest.MapFS{
		"content/index.md":      {Data: []byte("# Home\n")},
		"content/glossary.yaml": {Data: []byte(b.String())},
	}
}

// Each glossary term is found by search under its expansion and its own
// definition.
func TestGlossarySearchEntries(t *testing.T) {
	res := mustBuild(t, glossarySite(3))
	var got []string
	for _, e := range res.Model.searchEntries() {
		if e.Kind == search.Glossary {
			got = append(got, e.URL+" "+e.Title+": "+strings.ReplaceAll(e.Text, "\n", " | "))
		}
	}
	want := []string{
		"/glossary/#t0x T0X: Term 0 | What term 0 means.",
		"/glossary/#t1x T1X: Term 1 | What term 1 means.",
		"/glossary/#t2x T2X: Term 2 | What term 2 means.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("glossary entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// BenchmarkGlossarySearchEntries makes the search entries of glossaries of
// 1,000 and 10,000 terms: the time per term stays level.
func BenchmarkGlossarySearchEntries(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := mustBuild(b, glossarySite(n)).Model
			for b.Loop() {
				m.searchEntries()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/term")
		})
	}
}
