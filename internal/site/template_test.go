package site

import (
	"context"
	"errors"
	"html/template"
	"strings"
	"testing"
	texttemplate "text/template"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/source"
	"golang.org/x/tools/txtar"
)

// TestTemplateErrors checks that a template's error is reported at the
// template file, line and column (in characters), once for every page it
// failed, in the words a template's author uses rather than Go's types,
// and never at the page that was being made.
func TestTemplateErrors(t *testing.T) {
	const pages = `
-- content/index.md --
Home.
-- content/a.md --
# A
-- content/b.md --
# B
`
	for _, tt := range []struct {
		name  string
		files string
		want  []string // every error, as printed
		exec  bool     // the cause is a text/template execution error
	}{
		{
			name:  "field",
			files: "-- templates/page.html --\n<p>{{.Title}}</p>\n<p>é {{.Foo}}</p>\n",
			want:  []string{`templates/page.html:2:8: {{.Foo}}: can't evaluate field Foo in the page's data (.) (fix the template; it failed making /a/ and 1 other page)`},
			exec:  true,
		},
		{
			name: "partial",
			files: "-- templates/partials/x.html --\n{{define \"x\"}}\n  {{.Page.Src.Nope}}{{end}}\n" +
				"-- templates/page.html --\n{{template \"x\" .}}\n",
			want: []string{`templates/partials/x.html:2:10: {{.Page.Src.Nope}}: can't evaluate field Nope in .Page.Src (fix the template; it failed making /a/ and 1 other page)`},
			exec: true,
		},
		{
			name:  "nil",
			files: "-- templates/page.html --\n{{.Prev.Title}}\n",
			want: []string{`templates/page.html:1:8: {{.Prev.Title}}: .Title of nothing: what it is read from is not set on this page ` +
				`(test it first, with {{with}} or {{if}}) (fix the template; it failed making /a/)`},
			exec: true,
		},
		{
			name:  "parse",
			files: "-- templates/page.html --\n<p>\n{{if .Title}\n",
			want:  []string{`templates/page.html:2: bad character U+007D '}'`},
		},
		{
			// The site's layout does not define what the default
			// templates call: the error is in a default template.
			name:  "default",
			files: "-- templates/layout.html --\n{{define \"other\"}}{{end}}\n",
			want: []string{
				`templates/404.html:1:12: in the embedded default template: no such template "layout" (the default comes with handbook ` +
					`and failed making /404.html; a template of the site's own that it uses (the layout, a partial) may not fit it, or give your own templates/404.html)`,
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := archiveFS(t, txtar.Parse([]byte(pages+tt.files)))
			_, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
			var le *source.ListError
			if !errors.As(err, &le) {
				t.Fatalf("build: %v, want a list of errors", err)
			}
			got := le.List.Errors()
			for _, w := range tt.want {
				found := false
				for _, e := range got {
					found = found || e.Error() == w
				}
				if !found {
					t.Errorf("no error\n%s\nin\n%v", w, err)
				}
			}
			for _, e := range got {
				if !strings.HasPrefix(e.Pos.File, "templates/") {
					t.Errorf("an error is not at a template: %v", e)
				}
				if strings.Contains(e.Msg, "*site.") || strings.Contains(e.Msg, "executing") {
					t.Errorf("the message names Go's types or text/template's workings: %v", e)
				}
			}
			if tt.exec {
				var xe texttemplate.ExecError
				if !errors.As(err, &xe) {
					t.Errorf("the build's error does not wrap the template's %T", xe)
				}
			}
		})
	}
	// The cause of an escaping error is html/template's own.
	fsys := archiveFS(t, txtar.Parse([]byte(pages+"-- templates/page.html --\n<a href=\"{{.Title}}{{if .Lang}}x{{end}}\n")))
	_, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
	var he *template.Error
	if !errors.As(err, &he) || !strings.HasPrefix(err.Error(), "templates/page.html") {
		t.Errorf("build: %v, want html/template's error at templates/page.html", err)
	}
}
