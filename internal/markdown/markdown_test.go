package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "update golden files")

func testRenderer() *Renderer {
	return New(Options{Abbr: map[string]string{"CAT": "Customer Assessment Tool", "CSOM": "Customer Service Operations Manager"}})
}

// TestGolden renders every -- name.md -- of testdata/*.txtar and compares
// it with -- name.html --; go test -update rewrites the .html entries.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	r := testRenderer()
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		changed := false
		for i, f := range a.Files {
			name, ok := strings.CutSuffix(f.Name, ".md")
			if !ok {
				continue
			}
			doc, err := r.Render(Input{File: f.Name, Src: f.Data, FirstLine: 1})
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if i+1 >= len(a.Files) || a.Files[i+1].Name != name+".html" {
				t.Fatalf("%s: %s must follow %s", file, name+".html", f.Name)
			}
			want := &a.Files[i+1]
			if *update {
				want.Data = []byte(doc.HTML)
				changed = true
				continue
			}
			if string(want.Data) != doc.HTML {
				t.Errorf("%s: %s:\ngot:\n%s\nwant:\n%s", file, f.Name, doc.HTML, want.Data)
			}
		}
		if changed {
			if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestDoc(t *testing.T) {
	src := "# Title\n\n## Intro\n\nLead text.\n\n¶7 Seven, see [p8](#p8) and ![a picture](p.png).\n\n¶8 Eight.\n"
	var resolved []string
	doc, err := testRenderer().Render(Input{File: "content/x.md", Src: []byte(src), FirstLine: 5, ExtractTitle: true,
		Resolve: func(dest string) (Resolved, error) {
			resolved = append(resolved, dest)
			return Resolved{Href: "/x/" + dest, Target: "/x/"}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Title" || strings.Contains(doc.HTML, "<h1") {
		t.Errorf("title %q; HTML holds an h1: %v", doc.Title, strings.Contains(doc.HTML, "<h1"))
	}
	if len(doc.Paras) != 2 || doc.Paras[0].Number != 7 || doc.Paras[0].Heading != "Intro" || doc.Paras[0].Pos.Line != 11 {
		t.Errorf("paras: %+v", doc.Paras)
	}
	if !strings.Contains(doc.Paras[0].Text, "Seven, see p8") {
		t.Errorf("para text %q", doc.Paras[0].Text)
	}
	if len(doc.Sections) != 1 || doc.Sections[0].Text != "Lead text." {
		t.Errorf("sections: %+v", doc.Sections)
	}
	if len(doc.Links) != 2 || doc.Links[0].Pos.Line != 11 || doc.Links[0].Pos.Col != 15 || doc.Links[0].Para != 7 || !doc.Links[1].Image || doc.Links[1].Text != "a picture" {
		t.Errorf("links: %+v", doc.Links)
	}
	if strings.Join(resolved, " ") != "#p8 p.png" {
		t.Errorf("resolved %v", resolved)
	}
	if got := strings.Join(doc.IDs, " "); got != "title intro p7 p8" { // the extracted title keeps its anchor
		t.Errorf("ids %q", got)
	}
}

func TestUnsafe(t *testing.T) {
	doc, err := New(Options{Unsafe: true}).Render(Input{Src: []byte("<b>bold</b> <!-- note -->\n")})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(doc.HTML); got != "<p><b>bold</b> </p>" {
		t.Errorf("got %q", got)
	}
}

// FuzzRender: any input renders without panic to valid UTF-8, with every
// link and problem positioned inside the input, and no heading id twice.
func FuzzRender(f *testing.F) {
	for _, s := range []string{"¶1 text", "¶2 a\n\n    - b\n", "# T\n\n[x](y.md#p1)", "| a |\n|---|\n| b |", "<!-- c -->", "¶99999999 big", "¶\u00a0", "[^1]\n\n[^1]: x", "<!-- a --> <!-- b --> c", "|a|b|\n|-|-|\n|x|\n", "<!-- x --> > <!-- x --> > - <!-- x --> x"} {
		f.Add(s)
	}
	// The syntax of other generators (issue 17).
	for _, s := range []string{
		"## Install {#install .wide}\n\n## Install\n\n## B {#install}\n\n## C {: #p4 data-x=1 .a\"b}\n\nSetext {#s}\n---",
		"## {#}\n\n# {.}\n\n## x \\{#y}\n\n## {{< a >}}",
		"> [!NOTE]\n> Text.\n\n> [!warning]\n\n> [!TIP] Title\n\n- > [!CAUTION]\n  > x\n\n> [!NOTE]\n> [r]: /x\n> | a |\n> |---|",
		"!!! note \"T\"\n    Body.\n\n    !!! danger\n        Inner.\n\n??? tip\n    x\n\n???+ custom \"\"\n\n!!! note Title \"open\n!!!",
		"See {{< ref \"x\" >}} `{{% y %}}` <b title=\"{{< z >}}\">\n\n[TOC]\n\n[[_TOC_]]\n\n```\n{{< c >}}\n```",
		"```mermaid\ngraph TD;\n```\n\n```a\"<b\nx\n```",
		"[l]() [q](/search/?q=x) [s](setup.md?tab=2#a) [e](/a%2Fb/) [h](//host/x) [f](?q#) [g](%zz)",
	} {
		f.Add(s)
	}
	r := testRenderer()
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := r.Render(Input{File: "f.md", Src: []byte(src), FirstLine: 1, Resolve: func(d string) (Resolved, error) {
			return Resolved{Href: d}, nil
		}})
		if err != nil {
			return
		}
		if utf8.ValidString(src) && !utf8.ValidString(doc.HTML) {
			t.Errorf("invalid UTF-8 out of valid input")
		}
		lines := strings.Count(src, "\n") + 1
		for _, l := range doc.Links {
			if l.Pos.Line < 1 || l.Pos.Line > lines {
				t.Errorf("link at line %d of a %d-line input", l.Pos.Line, lines)
			}
		}
		for _, e := range doc.Errs.Errors() {
			if e.Pos.Line < 1 || e.Pos.Line > lines {
				t.Errorf("problem at line %d of a %d-line input: %v", e.Pos.Line, lines, e)
			}
		}
		ids := map[string]bool{}
		for _, h := range doc.Headings {
			if ids[h.ID] {
				t.Errorf("heading id %q twice", h.ID)
			}
			ids[h.ID] = true
		}
	})
}

func BenchmarkRender(b *testing.B) {
	var s strings.Builder
	for i := 1; i <= 50; i++ {
		s.WriteString("## Heading\n\n¶")
		s.WriteString(strings.Repeat("1", 1))
		s.WriteString(" The claimant and the Work Coach agree a plan with the CAT. See [x](y.md#p1).\n\n    - one\n    - two\n\n")
	}
	src := []byte(s.String())
	r := testRenderer()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Render(Input{Src: src, Resolve: func(d string) (Resolved, error) { return Resolved{Href: d}, nil }}); err != nil {
			b.Fatal(err)
		}
	}
}
