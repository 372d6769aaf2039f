package templates

import (
	"errors"
	"html/template"
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
