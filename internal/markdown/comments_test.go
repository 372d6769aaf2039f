package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The text after a comment is the paragraph's text, for search and for
// the checks that read paragraphs.
func TestCommentKeepsParagraph(t *testing.T) {
	doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte("¶3 <!-- c --> text\n\n<!-- note --> This sentence…\n"), FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paras) != 1 || doc.Paras[0].Number != 3 || doc.Paras[0].Text != "text" {
		t.Errorf("paras %+v", doc.Paras)
	}
	if len(doc.Sections) != 1 || doc.Sections[0].Text != "This sentence…" || strings.Contains(doc.HTML, "note") {
		t.Errorf("sections %+v, HTML %q", doc.Sections, doc.HTML)
	}
}

// A ¶ with a number out of range is an error at the sign, not text that
// silently is no paragraph.
func TestParagraphNumberRange(t *testing.T) {
	tests := []struct{ src, err string }{
		{"¶1234567 Seven digits.", `x.md:1:1: ¶1234567 is not a paragraph number: numbers run from 1 to 999999 (check the number; to show the sign and digits as text, write &para; for ¶)`},
		{"Intro.\n\n  ¶0 Zero.", "x.md:3:3: ¶0 is not a paragraph number"},
		{"¶000 Zeros.", "x.md:1:1: ¶000 is not a paragraph number"},
		{"- ¶99999999\n", "x.md:1:3: ¶99999999 is not a paragraph number"},
		{"¶999999 The largest.", ""},
		{"¶12abc glued, ¶ alone and text ¶1234567 inside a line.", ""},
		{"&para;1234567 written as text.", ""},
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
}

// A run of comments at the start of a line is read as one: the parser
// stands after the last of them, so that no comment holds the next one
// (300,000 comments on one line nested 300,000 deep and took minutes).
func TestCommentRun(t *testing.T) {
	tests := []struct{ line, rest string }{
		{"<!-- a --> <!-- b -->\t<!-- c --> text\n", " text\n"},
		{"<!-- a --><!-- b --> text\n", " text\n"},
		{"<!-- a --> <!-- b -->\n", "\n"},
		{"<!-- a --> <!-- b never closed\n", " <!-- b never closed\n"},
		{"<!-- a --> text <!-- b -->\n", " text <!-- b -->\n"},
	}
	for _, tt := range tests {
		reader := text.NewReader([]byte(tt.line))
		pc := parser.NewContext()
		pc.SetBlockOffset(0)
		if n, _ := (commentParser{}).Open(ast.NewDocument(), reader, pc); n == nil {
			t.Fatalf("%q: no comment", tt.line)
		}
		if rest, _ := reader.PeekLine(); string(rest) != tt.rest {
			t.Errorf("%q: the parser stands before %q, want %q", tt.line, rest, tt.rest)
		}
	}
	doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(strings.Repeat("<!-- x --> ", 1000) + "text\n"), FirstLine: 1})
	if err != nil {
		t.Fatal(err)
	}
	if doc.HTML != "<p>text</p>\n" || doc.Errs.Len() != 0 {
		t.Errorf("HTML %q, errors %v", doc.HTML, doc.Errs.Err())
	}
}

// Comments between quotes or list markers count toward MaxDepth like any
// other level: the depth guard stops such a line too.
func TestCommentsNestNoDeeper(t *testing.T) {
	for _, unit := range []string{"<!-- x --> > ", "> <!-- x --> ", "- <!-- x --> ", "¶1 <!-- x --> "} {
		doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(strings.Repeat(unit, 1000) + "x\n"), FirstLine: 1})
		if err != nil {
			t.Fatal(err)
		}
		n := strings.Count(doc.HTML, "<ul>") + strings.Count(doc.HTML, "<blockquote>") + strings.Count(doc.HTML, `class="para"`)
		if n > MaxDepth {
			t.Errorf("%q × 1000: %d levels in the HTML, want at most %d", unit, n, MaxDepth)
		}
		if e := doc.Errs.Err(); e == nil || !strings.Contains(e.Error(), "nest more than") {
			t.Errorf("%q × 1000: errors %v, want the depth error", unit, e)
		}
	}
}
