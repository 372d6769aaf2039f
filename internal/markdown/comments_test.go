package markdown

import (
	"strings"
	"testing"
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
