package markdown

import (
	"strings"
	"testing"
)

// TestEditorialErrors: a mark without its pair is an error at the mark,
// in the same paragraph, heading or cell; the page's text and contents
// keep the brackets the page shows.
func TestEditorialErrors(t *testing.T) {
	tests := []struct{ src, err string }{
		{"Text {ed}not closed.", `x.md:1:6: {ed} is not closed (close the editors' words with {/ed} in the same paragraph, heading or cell)`},
		{"Text{/ed} too soon.", `x.md:1:5: {/ed} closes no {ed} (open the editors' words with {ed} in the same paragraph, heading or cell, or remove it)`},
		{"{ed}a {ed}b{/ed}", `x.md:1:1: {ed} is not closed before the next {ed} (close it with {/ed}; editorial insertions do not nest)`},
		{"{ed}one paragraph\n\nanother{/ed}", "x.md:1:1: {ed} is not closed"},
		{"*{ed}emphasis* and{/ed}", "x.md:1:2: {ed} is not closed"},
		{"{ed}a{/ed} and {ed}b{/ed}", ""},
		{"A line\nthen {ed}on the second{/ed}.", ""},
	}
	for _, tt := range tests {
		doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if e := doc.Errs.Err(); e != nil {
			got = e.Error()
		}
		if (tt.err == "") != (got == "") || !strings.HasPrefix(got, tt.err) {
			t.Errorf("%q: errors %q, want %q", tt.src, got, tt.err)
		}
	}
	doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte("## Where {ed}editorial{/ed}\n\n¶150 As shown below {ed}not available{/ed}.\n"), FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	if h := doc.Headings; len(h) != 1 || h[0].Text != "Where [editorial]" || h[0].ID != "where-editorial" {
		t.Errorf("headings %+v", h)
	}
	if p := doc.Paras; len(p) != 1 || p[0].Text != "As shown below [not available]." {
		t.Errorf("paras %+v", p)
	}
}
