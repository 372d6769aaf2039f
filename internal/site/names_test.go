package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
)

// Names that break on Windows or hide what they are build, with a warning
// at the file, slug or alias that gives them, once each.
func TestNameWarnings(t *testing.T) {
	fsys := fstest.MapFS{
		"content/index.md":                 {Data: []byte("# Home")},
		"content/guide/CON.md":             {Data: []byte("Console.")},
		"content/aux.txt":                  {Data: []byte("aux")},
		"content/nul.md":                   {Data: []byte("Nothing.")},
		"content/com1/a.md":                {Data: []byte("A.")},
		"content/com1/b.md":                {Data: []byte("B.")},
		"content/slugged.md":               {Data: []byte("---\nslug: lpt1\n---\nSlugged.")},
		"content/pay\u200bment.md":         {Data: []byte("Zero width.")},
		"static/files/report\u202Efdp.exe": {Data: []byte("right to left")},
		"static/notes:draft.txt":           {Data: []byte("colon")},
		"static/fine.txt":                  {Data: []byte("fine")},
	}
	res, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		`content/aux.txt: warning: the output name "aux.txt" cannot be a file name on Windows, where AUX is the name of a device (rename it, so that the site can be copied to and served from Windows)`,
		`content/com1/a.md: warning: the output name "com1/" cannot be a file name on Windows, where COM1 is the name of a device (`,
		`content/guide/CON.md: warning: the output name "guide/CON/" cannot be a file name on Windows, where CON is the name of a device (`,
		`content/nul.md: warning: the output name "nul/" cannot be a file name on Windows, where NUL is the name of a device (`,
		`content/pay\u200bment.md: warning: the output name "pay\u200bment/" holds U+200B, an invisible character (rename it without the character; no reader can see or type it)`,
		`content/slugged.md:2:1: warning: the output name "lpt1/" cannot be a file name on Windows, where LPT1 is the name of a device (`,
		`static/files/report\u202efdp.exe: warning: the output name "files/report\u202efdp.exe" holds U+202E, a control that changes the order in which text is shown, so the name reads otherwise than it is (rename it without the character)`,
		`static/notes:draft.txt: warning: the output name "notes:draft.txt" holds ':', which cannot be in a file name on Windows (`,
	}
	text := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("warnings do not say\n%s\ngot\n%s", w, text)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d warnings, want %d (com1/ once, fine.txt none):\n%s", len(got), len(want), text)
	}
}

// The sitemap's URLs are percent-encoded, then escaped as XML.
func TestSitemapEncoded(t *testing.T) {
	fsys := fstest.MapFS{
		"content/guidance/my page.md": {Data: []byte("Spaces.")},
		"content/guidance/gŵyl.md":    {Data: []byte("Welsh.")},
		"content/guidance/a&b.md":     {Data: []byte("Ampersand.")},
	}
	res, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults(), BaseURL: "https://intranet.example/hb/"})
	if err != nil {
		t.Fatal(err)
	}
	assertFile(t, res, "sitemap.xml",
		"<loc>https://intranet.example/hb/guidance/my%20page/</loc>",
		"<loc>https://intranet.example/hb/guidance/g%C5%B5yl/</loc>",
		"<loc>https://intranet.example/hb/guidance/a&amp;b/</loc>",
		"! my page", "! gŵyl")
}

// A name publish would refuse to write (a backslash, a NUL) is an error
// at its file, found before anything is written.
func TestUnwritableNames(t *testing.T) {
	fsys := fstest.MapFS{
		"content/index.md":    {Data: []byte("# Home")},
		`content/a\b.txt`:     {Data: []byte("backslash")},
		"content/nul\x00.txt": {Data: []byte("NUL")},
		"static/ok/fine.txt":  {Data: []byte("fine")},
	}
	_, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
	wantErrors(t, err,
		`content/a\b.txt: the output name "a\\b.txt" holds a backslash, which is a folder separator on Windows (rename it)`,
		`: the output name "nul\x00.txt" holds a NUL character (rename it)`)
}
