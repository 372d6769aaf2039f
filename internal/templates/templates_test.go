package templates

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook/internal/source"
)

// TestErrorPositions checks that parse and execution errors are at the
// template file, line and column (in characters, from 1) that the template
// packages name, a {{define}} at the file that holds it.
func TestErrorPositions(t *testing.T) {
	const layout = `{{define "layout"}}<main>{{block "main" .}}{{end}}</main>{{end}}`
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string // the error, as printed
	}{
		{
			name:  "parse",
			files: map[string]string{"templates/page.html": "<p>\n{{if .X}\n"},
			want:  `templates/page.html:2: bad character U+007D '}'`,
		},
		{
			name:  "unclosed",
			files: map[string]string{"templates/page.html": "<p>\n{{if .X}}\n"},
			want:  `templates/page.html:3: unexpected EOF`, // the end of the file, after the last newline
		},
		{
			name: "define",
			files: map[string]string{
				"templates/partials/p.html": `{{define "p"}}` + "\n" + `é {{.X}}{{end}}`,
				"templates/page.html":       `{{template "p" .}}`,
			},
			want: `templates/partials/p.html:2:5: {{.X}}: can't evaluate field X in type struct {}`,
		},
		{
			name:  "block",
			files: map[string]string{"templates/page.html": `{{template "layout" .}}` + "\n" + `{{define "main"}}{{.Y}}{{end}}`},
			want:  `templates/page.html:2:20: {{.Y}}: can't evaluate field Y in type struct {}`,
		},
		{
			// text/template prints a {{template}} action with its braces:
			// they are not doubled.
			name:  "recursion",
			files: map[string]string{"templates/page.html": `{{define "main"}}{{template "main" .}}{{end}}{{template "layout" .}}`},
			want:  `templates/page.html:1:29: {{template "main" .}}: exceeded maximum template depth (100000)`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"templates/layout.html":  {Data: []byte(layout)},
				"templates/i18n/en.yaml": {Data: []byte("home: Home\n")},
			}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			s, errs := Load(fsys, []string{"page"}, template.FuncMap{})
			err := errs.Err()
			if err == nil {
				_, err = s.Render("page", struct{}{})
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
			var e *source.Error
			if !errors.As(err, &e) || e.Cause == nil {
				t.Errorf("%v: no cause", err)
			}
		})
	}
}

// TestRenderNoTemplate checks that rendering a kind without a template is
// an error at the template's file.
func TestRenderNoTemplate(t *testing.T) {
	s := &Set{}
	_, err := s.Render("team", nil)
	if err == nil || err.Error() != "templates/team.html: no template for team pages" {
		t.Errorf("got %v", err)
	}
}

// A template that writes without end stops at the page size limit with an
// error, instead of filling memory (and then the disk).
func TestRenderLimit(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html":  {Data: []byte(`{{define "layout"}}<main>{{template "main" .}}</main>{{end}}`)},
		"templates/page.html":    {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range 1000000000}}0123456789{{end}}{{end}}`)},
		"templates/home.html":    {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range 10}}0123456789{{end}}{{end}}`)},
		"templates/i18n/en.yaml": {Data: []byte("contents: Contents\n")},
	}
	loaded, _ := Load(fsys, []string{"home", "page"}, template.FuncMap{})
	loaded.limit = 1 << 20
	// A set whose words a site overrides keeps the limit.
	overridden, _ := loaded.Override(map[string]map[string]string{"en": {"contents": "In this handbook"}})
	for name, s := range map[string]*Set{"loaded": loaded, "overridden": overridden} {
		if b, err := s.Render("home", nil); err != nil || len(b) != 113 {
			t.Fatalf("%s: home: %d bytes, %v", name, len(b), err)
		}
		b, err := s.Render("page", nil)
		if want := "templates/page.html: the page would be more than 1 MB"; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("%s: page: %d bytes, error %v; want the limit's error at the template, %q", name, len(b), err, want)
		}
	}
}

// The limit's error can be told from a template's other errors.
func TestRenderLimitError(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html":  {Data: []byte(`{{define "layout"}}{{template "main" .}}{{end}}`)},
		"templates/page.html":    {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range 1000000000}}0123456789{{end}}{{end}}`)},
		"templates/home.html":    {Data: []byte(`{{template "layout" .}}{{define "main"}}{{.Nope}}{{end}}`)},
		"templates/i18n/en.yaml": {Data: []byte("contents: Contents\n")},
	}
	s, _ := Load(fsys, []string{"home", "page"}, template.FuncMap{})
	s.limit = 1 << 20
	if _, err := s.Render("page", nil); !errors.Is(err, ErrPageTooLarge) {
		t.Errorf("page: %v, want ErrPageTooLarge", err)
	}
	if _, err := s.Render("home", struct{}{}); err == nil || errors.Is(err, ErrPageTooLarge) {
		t.Errorf("home: %v, want another error", err)
	}
}

// TestFiles checks which files a kind's template can execute: its own,
// the layout it calls, the partials the layout and it call (a {{define}}
// in the kind's file replacing the layout's {{block}}), and not a partial
// no call reaches; and that its hash follows those files alone.
func TestFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html":        {Data: []byte(`{{define "layout"}}{{template "nav" .}}{{block "main" .}}default{{end}}{{end}}`)},
		"templates/partials/nav.html":  {Data: []byte(`{{define "nav"}}<nav>{{if .}}{{template "item" .}}{{end}}</nav>{{end}}`)},
		"templates/partials/item.html": {Data: []byte(`{{define "item"}}<li>{{end}}`)},
		"templates/partials/node.html": {Data: []byte(`{{define "node"}}<section>{{end}}`)},
		"templates/page.html":          {Data: []byte(`{{template "layout" .}}{{define "main"}}page{{end}}`)},
		"templates/rubric.html":        {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range .}}{{template "node" .}}{{end}}{{end}}`)},
		"templates/i18n/en.yaml":       {Data: []byte("home: Home\n")},
	}
	load := func() *Set {
		s, errs := Load(fsys, []string{"page", "rubric"}, template.FuncMap{})
		if err := errs.Err(); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := load()
	for kind, want := range map[string]string{
		"page":   "templates/layout.html templates/page.html templates/partials/item.html templates/partials/nav.html",
		"rubric": "templates/layout.html templates/partials/item.html templates/partials/nav.html templates/partials/node.html templates/rubric.html",
	} {
		if got := strings.Join(s.Files(kind), " "); got != want {
			t.Errorf("%s: files %s, want %s", kind, got, want)
		}
	}
	page, rubric := s.Hash("page"), s.Hash("rubric")
	fsys["templates/partials/node.html"] = &fstest.MapFile{Data: []byte(`{{define "node"}}<section class="x">{{end}}`)}
	fsys["templates/i18n/en.yaml"] = &fstest.MapFile{Data: []byte("home: Start\n")}
	s = load()
	if s.Hash("page") != page {
		t.Error("the page template's hash changed with a partial it does not call, or with the words")
	}
	if s.Hash("rubric") == rubric {
		t.Error("the rubric template's hash did not change with a partial it calls")
	}
}

// Pages are written into buffers used again: what one page wrote, even one
// that failed at the size limit, is never part of the next, and what
// RenderThen's function returns stays the page's own.
func TestRenderBuffersReused(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html":  {Data: []byte(`{{define "layout"}}<main>{{template "main" .}}</main>{{end}}`)},
		"templates/page.html":    {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range .}}0123456789{{end}}{{end}}`)},
		"templates/i18n/en.yaml": {Data: []byte("contents: Contents\n")},
	}
	s, errs := Load(fsys, []string{"page"}, template.FuncMap{})
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	s.limit = 1 << 20
	var kept [][]byte
	for _, n := range []int{50000, 3, 1 << 20, 0, 5000, 1} {
		b, err := s.RenderThen("page", n, func(b []byte) []byte { return append([]byte(nil), b...) })
		if n == 1<<20 {
			if !errors.Is(err, ErrPageTooLarge) {
				t.Fatalf("%d: error %v, want the limit's", n, err)
			}
			continue
		}
		if want := "<main>" + strings.Repeat("0123456789", n) + "</main>"; err != nil || string(b) != want {
			t.Fatalf("%d: %d bytes (%v), want %d", n, len(b), err, len(want))
		}
		kept = append(kept, b)
	}
	for i, n := range []int{50000, 3, 0, 5000, 1} {
		if want := "<main>" + strings.Repeat("0123456789", n) + "</main>"; string(kept[i]) != want {
			t.Errorf("page %d changed after later pages were made", i)
		}
	}
}
