package markdown

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// countFromOne is how ids were made before they were counted per id: from
// -1 up, every time. The ids must stay what they were, since pages link to
// them.
func countFromOne(used map[string]bool, id string) string {
	out := id
	for i := 1; used[out]; i++ {
		out = id + "-" + strconv.Itoa(i)
	}
	used[out] = true
	return out
}

func TestHeadingIDs(t *testing.T) {
	src := "## Same heading\n\n## Same heading\n\n## Same heading 1\n\n## Same heading\n\n## Same heading-2\n\n## Same heading\n\n## P47\n\n## P47\n\n## ???\n\n## ???\n"
	doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(src), FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range doc.Headings {
		got = append(got, h.ID)
	}
	want := "same-heading same-heading-1 same-heading-1-1 same-heading-2 same-heading-2-1 same-heading-3 p47-heading p47-heading-1 section section-1"
	if strings.Join(got, " ") != want {
		t.Errorf("ids\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

// Counting per id gives the ids counting from one gave, whatever the
// order of headings, suffixes written out included.
func TestHeadingIDsAsBefore(t *testing.T) {
	words := []string{"a", "a 1", "a 2", "a-1", "a 1 1", "b", "a-2", "a 3"}
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 1))
		s, used := newIDs(), map[string]bool{}
		for i := range 60 {
			w := words[r.IntN(len(words))]
			got := string(s.Generate([]byte(w), ast.KindHeading))
			if want := countFromOne(used, strings.ReplaceAll(w, " ", "-")); got != want {
				t.Fatalf("seed %d, heading %d %q: id %q, want %q", seed, i, w, got, want)
			}
		}
	}
}

// BenchmarkSameHeadings renders pages of n headings with one text: the
// time per heading stays flat as n grows (it grew with n before ids were
// counted per id).
func BenchmarkSameHeadings(b *testing.B) {
	r := testRenderer()
	for _, n := range []int{1000, 10000, 100000} {
		src := []byte(strings.Repeat("## Same heading\n\n", n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/heading")
		})
	}
}
