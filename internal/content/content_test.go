package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook/internal/config"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in string
		fm, body string
		bodyLine int
		ok       bool
	}{
		{"none", "# Title\ntext", "", "# Title\ntext", 1, true},
		{"basic", "---\ntitle: A\n---\nbody\n", "title: A\n", "body\n", 4, true},
		{"dots", "---\ntitle: A\n...\nbody", "title: A\n", "body", 4, true},
		{"empty", "---\n---\nbody", "", "body", 3, true},
		{"trailing spaces", "---  \na: 1\n---  \nb", "a: 1\n", "b", 4, true},
		{"unclosed", "---\ntitle: A\nbody", "", "---\ntitle: A\nbody", 1, false},
		{"not fm", "----\nx", "", "----\nx", 1, true},
		{"end at eof", "---\na: 1\n---", "a: 1\n", "", 4, true},
		{"toml", "+++\na = 1\n+++\nbody", "a = 1\n", "body", 4, true},
		{"toml is not closed by ---", "+++\na = 1\n---\nbody", "", "+++\na = 1\n---\nbody", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, _, bodyLine, ok := SplitFrontMatter([]byte(tt.in))
			if string(fm) != tt.fm || string(body) != tt.body || bodyLine != tt.bodyLine || ok != tt.ok {
				t.Errorf("got fm %q body %q line %d ok %v", fm, body, bodyLine, ok)
			}
		})
	}
}

// FuzzSplitFrontMatter: splitting never panics, the body is a suffix of
// the input, and its first line is where the split says.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nb", "---\n", "---", "x", "---\n...\n", "---\r\n---\r\n", "+++\na = 1\n+++\nb", "+++\n...\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		fm, body, _, bodyLine, ok := SplitFrontMatter([]byte(in))
		if !bytes.HasSuffix([]byte(in), body) {
			t.Fatalf("body %q is not a suffix of %q", body, in)
		}
		if ok && fm != nil {
			before := len(in) - len(body)
			if got := bytes.Count([]byte(in[:before]), []byte("\n")) + 1; got != bodyLine && len(body) > 0 {
				t.Errorf("body starts on line %d, reported %d", got, bodyLine)
			}
		}
	})
}

// FuzzLoad: any page loads without panic, and every problem has a position
// in the page's file.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\nweight: x\n---\n", "---\nslug: ../x\naliases: [/a/../b]\n---\n", "\xff", "---\nreviewed: 2020-13-45\n---",
		"+++\ntitle = 'T'\n[a]\nb.c = [1, {d = 2}]\n+++\n", "---\nsection: 1\ndate: 2024-01-02T10:00:00Z\nsidebar_position: .nan\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"content/a.md": {Data: data}}
		res, errs := Load(fsys, config.Default(), Options{})
		for _, e := range errs.Errors() {
			if e.Pos.File != "content/a.md" {
				t.Errorf("problem not in the page: %v", e)
			}
		}
		for _, p := range res.Pages {
			if !strings.HasPrefix(p.URL, "/") || strings.Contains(p.URL, "..") {
				t.Errorf("URL %q", p.URL)
			}
		}
	})
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/index.md":          {Data: []byte("Home")},
		"content/guide/index.md":    {Data: []byte("Guide")},
		"content/guide/wti.md":      {Data: []byte("---\nslug: targeted\nlang: cy\ndraft: false\n---\nx")},
		"content/guide/draft.md":    {Data: []byte("---\ndraft: true\n---\nx")},
		"content/guide/picture.png": {Data: []byte("png")},
		"content/.hidden.md":        {Data: []byte("x")},
	}
	res, errs := Load(fsys, config.Default(), Options{})
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	var urls []string
	for _, p := range res.Pages {
		urls = append(urls, p.URL+"|"+p.Lang)
	}
	if got := strings.Join(urls, " "); got != "/guide/|en /guide/targeted/|cy /" && got != "/guide/|en /guide/targeted/|cy /|en" {
		t.Errorf("pages %s", got)
	}
	if len(res.Files) != 1 || res.Files[0] != "content/guide/picture.png" {
		t.Errorf("files %v", res.Files)
	}
}

func TestCheckURLPath(t *testing.T) {
	for u, ok := range map[string]bool{"/a/b/": true, "/": true, "a/": false, "/a/../b/": false, "/a//b/": false, "/a?b": false, "/./a": false,
		"//evil.com/": false, "//evil.com": false, "/404.html/": false, "/a.html/b/": false, "/old.html": true, "/a.HTML/": false, "/0//": false, "/a//": false} {
		if err := CheckURLPath(u); (err == nil) != ok {
			t.Errorf("CheckURLPath(%q) = %v", u, err)
		}
	}
}
