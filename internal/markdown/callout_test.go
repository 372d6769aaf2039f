package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// Syntax that looks like a callout but is not one is shown as it is, with
// a warning at its marker, so that it is never text without a word.
func TestCalloutWarnings(t *testing.T) {
	const alertHint = " (an alert is > [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] alone on the first line of a quote outside lists and quotes)"
	const admonitionHint = ` (an admonition is !!! type "Title", or ??? for one that opens and closes, with its text indented by four spaces below)`
	tests := []struct{ src, warnings string }{
		{"> [!NOTE]\n> Text.", ""},
		{"> [!NOTE] A title\n> Text.", "x.md:1:3: warning: an alert's marker [!NOTE] must be alone on its line, so this quote is shown as it is" + alertHint},
		{"Intro.\n\n>  [!danger]\n> Text.", "x.md:3:4: warning: [!danger] is not a GitHub alert, so this quote is shown as it is" + alertHint},
		{"- > [!TIP]\n  > Text.", "x.md:1:5: warning: an alert nested in a list, a quote or another block is shown as a quote, as on GitHub" + alertHint},
		{"!!! note\n    > [!TIP]\n    > Text.", "x.md:2:7: warning: an alert nested in a list, a quote or another block is shown as a quote, as on GitHub" + alertHint},
		{"> Text [!NOTE]\n> [!NOTE]", ""},
		{"> [link](x) [!NOTE]", ""},
		{"!!! note\n    Text.", ""},
		{"!!! Note \"T\"\n    Text.", ""},
		{"Intro.\n\n  !!! custom\n    Text.", `x.md:3:3: warning: admonition type "custom" is not one handbook knows; it is shown as a note` + admonitionHint},
		{"!!! warning Title \"unclosed\n    Text.", "x.md:1:1: warning: this line is not an admonition: its title must be in double quotes; it is shown as text" + admonitionHint},
		{"!!! Amazing !!!", ""},
		{"```\n> [!NOTE] x\n!!! custom\n```", ""},
	}
	for _, tt := range tests {
		doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range doc.Errs.Errors() {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != tt.warnings {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, strings.Join(got, "\n"), tt.warnings)
		}
		if doc.Errs.HasErrors() {
			t.Errorf("%q: an error, not a warning", tt.src)
		}
	}
}

// A callout's text is the page's text, for search; its label is not, but
// an author's title is.
func TestCalloutText(t *testing.T) {
	doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte("## Before\n\n> [!WARNING]\n> Check the identity.\n\n!!! tip \"Quick way\"\n    Use the form.\n"), FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sections) != 1 || doc.Sections[0].Text != "Check the identity.\nQuick way\nUse the form." {
		t.Errorf("sections %+v", doc.Sections)
	}
}

// nestedAdmonitions is an admonition holding one, depth deep, each level
// indented four spaces more.
func nestedAdmonitions(depth int) []byte {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("    ", i))
		b.WriteString("!!! note \"Level\"\n\n")
	}
	b.WriteString(strings.Repeat("    ", depth))
	b.WriteString("Innermost text.\n")
	return []byte(b.String())
}

// Admonitions nest no deeper than MaxDepth: the line that would go deeper
// is text, and the page has an error there.
func TestNestedAdmonitionsLimit(t *testing.T) {
	doc, err := testRenderer().Render(Input{File: "x.md", Src: nestedAdmonitions(MaxDepth + 5), FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(doc.HTML, `class="callout `); got != MaxDepth {
		t.Errorf("%d callouts, want %d", got, MaxDepth)
	}
	if e := doc.Errs.Err(); e == nil || !strings.Contains(e.Error(), "x.md:101:201: lists, quotes and numbered paragraphs nest more than 50 deep") {
		t.Errorf("errors %v", e)
	}
}

// BenchmarkNestedAdmonitions renders admonitions nested depth deep. Past
// MaxDepth the rest is flat text, so the time per byte stays flat as the
// depth grows.
func BenchmarkNestedAdmonitions(b *testing.B) {
	r := testRenderer()
	for _, depth := range []int{10, 50, 200, 1000} {
		src := nestedAdmonitions(depth)
		b.Run(fmt.Sprint(depth), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCallouts renders pages of n alerts and n admonitions: the time
// per callout stays flat as n grows.
func BenchmarkCallouts(b *testing.B) {
	r := testRenderer()
	for _, n := range []int{100, 1000, 10000} {
		src := []byte(strings.Repeat("> [!WARNING]\n> Check first.\n\n!!! tip \"Quick\"\n    Use the form.\n\n", n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*2*n), "ns/callout")
		})
	}
}
