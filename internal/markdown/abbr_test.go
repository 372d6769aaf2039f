package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// glossaryPage is a glossary of n acronyms and a page that uses each once,
// all on one line: one text node holding n acronyms.
func glossaryPage(n int) (map[string]string, []byte) {
	terms := map[string]string{}
	var b strings.Builder
	for i := range n {
		t := fmt.Sprintf("T%dX", i)
		terms[t] = fmt.Sprintf("Term %d", i)
		b.WriteString(t + " ")
	}
	b.WriteString("\n")
	return terms, []byte(b.String())
}

// Marking acronyms costs the same per acronym however many a text holds:
// each one found used to copy the rest of its text, so a line of 50,000
// acronyms copied gigabytes.
func TestAbbrLinear(t *testing.T) {
	perTerm := func(n int) float64 {
		terms, src := glossaryPage(n)
		r := New(Options{Abbr: terms, NoTypographer: true})
		in := Input{File: "x.md", Src: src, FirstLine: 1}
		doc, err := r.Render(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(doc.HTML, "<abbr "); got != n {
			t.Fatalf("%d acronyms marked, want %d", got, n)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := r.Render(in); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	}
	small, large := perTerm(2000), perTerm(16000)
	if large > 2*small {
		t.Errorf("%.0f bytes allocated per acronym for 16,000 acronyms, %.0f for 2,000: the work grows faster than the text", large, small)
	}
}
