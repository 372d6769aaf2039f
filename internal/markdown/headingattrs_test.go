package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// Written ids are the doc's anchors, so links to them check; problems with
// them are positioned at the brace.
func TestHeadingAttributes(t *testing.T) {
	tests := []struct {
		src, ids, errs string
	}{
		{"## Install {#install}\n\n¶1 Text.", "install p1", ""},
		{"# Title {#top}\n\n## Install {#install .wide}", "top install", ""},
		{"## A {#x}\n\n## B {#x}", "x b",
			`x.md:3:6: heading id "x" is used twice on this page; the first is on line 1 (ids are unique within a page; choose another)`},
		{"## A {#in/stall}", "a",
			`x.md:1:6: heading id "in/stall" holds "/", which an id here may not (use letters, digits, "-", "_", "." and ":")`},
		{"## A {#sec:intro}\n\n## B {#fn:1}\n\n## C {#fnref2:1}\n\n## D {#fnx:1}", "sec:intro b c fnx:1",
			"x.md:3:6: heading id \"fn:1\" has the form of a footnote's anchor (choose an id that does not start with fn: or fnref)\n" +
				"x.md:5:6: heading id \"fnref2:1\" has the form of a footnote's anchor (choose an id that does not start with fn: or fnref)"},
		{"## A {#p47}\n\n¶47 Text.", "a p47",
			`x.md:1:6: heading id "p47" is the anchor of numbered paragraph 47 (choose another id; #p47 links to the paragraph)`},
		{"## A {#}", "a", `x.md:1:6: heading id is empty (write the id after the #: {#install})`},
		{"## A {#a #b}", "a", `x.md:1:6: warning: a heading has one id; #b is left out (keep one #id in the braces)`},
		{"## A {#a data-x=1 .c\"d}", "a",
			"x.md:1:6: warning: heading attribute \"data-x=1\" is left out: only #id and .class are read (remove it, or set it in a template)\n" +
				`x.md:1:6: warning: heading class "c\"d" is left out: a class holds letters, digits, "-" and "_" (rename the class)`},
		{"## Gŵyl {#gŵyl.2}", "gŵyl.2", ""},
		{"Setext {#s}\n===", "s", ""},
		{"- item\n\n  ## In a list {#deep}", "deep", ""},
	}
	for _, tt := range tests {
		doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(doc.IDs, " "); got != tt.ids {
			t.Errorf("%q: ids %q, want %q", tt.src, got, tt.ids)
		}
		var errs []string
		for _, e := range doc.Errs.Errors() {
			errs = append(errs, e.Error())
		}
		if got := strings.Join(errs, "\n"); got != tt.errs {
			t.Errorf("%q: errors\n%s\nwant\n%s", tt.src, got, tt.errs)
		}
		if strings.Contains(doc.HTML, "{#") {
			t.Errorf("%q: braces shown: %s", tt.src, doc.HTML)
		}
	}
}

// The heading's text, for the contents list and search, has no braces; an
// extracted title keeps its written id as its anchor.
func TestHeadingAttributesText(t *testing.T) {
	doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte("# Title {#top .big}\n\n## Install {#install}\n\nBody.\n"), FirstLine: 1, ExtractTitle: true})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Title" || doc.TitleID != "top" {
		t.Errorf("title %q, id %q", doc.Title, doc.TitleID)
	}
	if len(doc.Headings) != 1 || doc.Headings[0].Text != "Install" || doc.Headings[0].ID != "install" || doc.Headings[0].Pos.Line != 3 {
		t.Errorf("headings %+v", doc.Headings)
	}
	if len(doc.Sections) != 1 || doc.Sections[0].Heading != "Install" || doc.Sections[0].HeadingID != "install" || doc.Sections[0].Text != "Body." {
		t.Errorf("sections %+v", doc.Sections)
	}
}

// BenchmarkHeadingBraces renders a heading of n braces that are not an
// attribute block, and one whose block holds n words: reading them looks
// at the line once, so the time per byte stays flat as n grows.
func BenchmarkHeadingBraces(b *testing.B) {
	r := testRenderer()
	for _, n := range []int{1000, 10000, 100000} {
		for name, src := range map[string][]byte{
			"braces": []byte("## " + strings.Repeat("{#a ", n) + "}\n"),
			"words":  []byte("## Title {#id " + strings.Repeat(".c ", n) + "}\n"),
		} {
			b.Run(fmt.Sprint(name, "/", n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
