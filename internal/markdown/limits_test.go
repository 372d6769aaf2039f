package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Nesting deeper than MaxDepth is one positioned error, and the rest of
// each too-deep line is text; nesting up to it renders as it always did.
func TestTooDeep(t *testing.T) {
	r := testRenderer()
	tests := []struct {
		name, src string
		lists     int // <ul> or <blockquote> in the HTML
		err       string
	}{
		{"dashes", "Intro.\n\n" + strings.Repeat("- ", 1000) + "x\n", MaxDepth, "x.md:3:101: lists, quotes and numbered paragraphs nest more than 50 deep here"},
		{"quotes", strings.Repeat("> ", 1000) + "x\n", MaxDepth, "x.md:1:101: lists, quotes"},
		{"indented", func() string {
			var b strings.Builder
			for i := range 200 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}(), MaxDepth, "x.md:51:101: lists, quotes"},
		{"paragraphs", strings.Repeat("¶1 ", 100) + "x\n", MaxDepth, "x.md:1:151: lists, quotes"},
		{"allowed", strings.Repeat("- ", MaxDepth) + "x\n", MaxDepth, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Errs.Err()
			switch {
			case tt.err == "" && got != nil:
				t.Errorf("error %v", got)
			case tt.err != "" && (got == nil || !strings.HasPrefix(got.Error(), tt.err) || doc.Errs.Len() != 1):
				t.Errorf("errors\n%v\nwant one starting %q", got, tt.err)
			}
			n := strings.Count(doc.HTML, "<ul>") + strings.Count(doc.HTML, "<blockquote>") + strings.Count(doc.HTML, `class="para"`)
			if n != tt.lists {
				t.Errorf("%d levels in the HTML, want %d", n, tt.lists)
			}
			if !strings.Contains(doc.HTML, "x") {
				t.Errorf("the text is gone")
			}
		})
	}
}

// More than MaxFootnotes footnotes is one positioned error; the first
// MaxFootnotes are footnotes as always.
func TestTooManyFootnotes(t *testing.T) {
	doc, err := testRenderer().Render(Input{File: "x.md", Src: footnotes(MaxFootnotes + 5), FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("x.md:%d:1: more than %d footnotes on one page", 4*MaxFootnotes+3, MaxFootnotes)
	if got := doc.Errs.Err(); got == nil || !strings.HasPrefix(got.Error(), want) || doc.Errs.Len() != 1 {
		t.Errorf("errors\n%v\nwant one starting %q", got, want)
	}
	if n := strings.Count(doc.HTML, `<li id="fn:`); n != MaxFootnotes {
		t.Errorf("%d footnotes, want %d", n, MaxFootnotes)
	}
	doc, _ = testRenderer().Render(Input{File: "x.md", Src: footnotes(3), FirstLine: 1})
	if doc.Errs.Len() != 0 || strings.Count(doc.HTML, `<li id="fn:`) != 3 {
		t.Errorf("three footnotes: %v\n%s", doc.Errs.Err(), doc.HTML)
	}
}

// footnotes is a page of n footnotes, each referred to once.
func footnotes(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Text[^%d].\n\n[^%d]: Note.\n\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkFootnotes renders pages of n footnotes: past MaxFootnotes the
// time per footnote stays flat (goldmark alone grows with n).
func BenchmarkFootnotes(b *testing.B) {
	r := testRenderer()
	for _, n := range []int{1000, 10000, 100000} {
		src := footnotes(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/footnote")
		})
	}
}

// BenchmarkNesting renders one line of n nested list markers, with this
// package and with goldmark alone (as bench/floor configures it). Past
// MaxDepth the time per level is flat for this package; goldmark alone
// grows with n.
func BenchmarkNesting(b *testing.B) {
	r := testRenderer()
	floor := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	for _, n := range []int{1000, 10000, 100000} {
		src := []byte(strings.Repeat("- ", n) + "x\n")
		b.Run(fmt.Sprintf("handbook/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/level")
		})
		if n > 10000 && testing.Short() {
			continue
		}
		b.Run(fmt.Sprintf("goldmark/%d", n), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := floor.Convert(src, &buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/level")
		})
	}
}

// table is a GFM table of cols columns: a header, the delimiter row and
// rows body rows, each written with one cell (GFM fills in the rest).
func table(cols, rows int) string {
	var b strings.Builder
	b.WriteString("|" + strings.Repeat(" h |", cols) + "\n")
	b.WriteString("|" + strings.Repeat("---|", cols) + "\n")
	for range rows {
		b.WriteString("| x |\n")
	}
	return b.String()
}

// The tables of a page hold at most MaxTableCells cells, counting the
// cells GFM fills in: a table past that is a paragraph and one positioned
// error. (A 400 KB table of 100,000 columns and 1,000 one-cell rows made
// 100 million cells: goldmark alone took 10 GB and did not end in two
// minutes.)
func TestTooManyTableCells(t *testing.T) {
	tests := []struct {
		name, src string
		tables    int
		err       string
	}{
		{"small", table(3, 2), 1, ""},
		{"at the limit", table(1000, MaxTableCells/1000-1), 1, ""},
		{"wide and long", "Intro.\n\n" + table(100000, 1000), 0, "x.md:4:1: tables on this page would hold more than 100000 cells"},
		{"second table", table(1000, 60) + "\n" + table(1000, 60) + "\n" + table(2, 2), 2, "x.md:65:1: tables on this page would hold more than 100000 cells"},
		{"not a delimiter", "a | b\n- | x\n" + strings.Repeat("c\n", 10), 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if e := doc.Errs.Err(); e != nil {
				got = e.Error()
			}
			if (tt.err == "") != (got == "") || !strings.HasPrefix(got, tt.err) || doc.Errs.Len() > 1 {
				t.Errorf("errors %q, want one starting %q", got, tt.err)
			}
			if n := strings.Count(doc.HTML, "<table>"); n != tt.tables {
				t.Errorf("%d tables, want %d", n, tt.tables)
			}
		})
	}
}

// TestQuoteRuns: quotes in text are curled as before; a run longer than
// MaxQuoteRun is kept as written.
func TestQuoteRuns(t *testing.T) {
	r := testRenderer()
	tests := []struct{ src, want string }{
		{`She said "yes" and 'maybe'.`, "<p>She said &ldquo;yes&rdquo; and &lsquo;maybe&rsquo;.</p>\n"},
		{`a """""""" b`, ""}, // eight: the typographer's, whatever it makes of them
		{`a """"""""" b`, "<p>a &quot;&quot;&quot;&quot;&quot;&quot;&quot;&quot;&quot; b</p>\n"},
		{`x '''''''''''' "q"`, "<p>x '''''''''''' &ldquo;q&rdquo;</p>\n"},
	}
	for _, tt := range tests {
		doc, err := r.Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1})
		if err != nil {
			t.Fatal(err)
		}
		if tt.want != "" && doc.HTML != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.src, doc.HTML, tt.want)
		}
	}
}

// BenchmarkQuoteRuns renders one line of n double quotes: the time per
// quote stays flat (the typographer alone grows with n).
func BenchmarkQuoteRuns(b *testing.B) {
	r := testRenderer()
	for _, n := range []int{1000, 10000, 100000} {
		src := []byte(strings.Repeat(`"`, n) + "\n")
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/quote")
		})
	}
}
