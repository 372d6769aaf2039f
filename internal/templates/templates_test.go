package templates

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// A template that writes without end stops at the page size limit with an
// error, instead of filling memory (and then the disk).
func TestRenderLimit(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html":  {Data: []byte(`{{define "layout"}}<main>{{template "main" .}}</main>{{end}}`)},
		"templates/page.html":    {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range 1000000000}}0123456789{{end}}{{end}}`)},
		"templates/home.html":    {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range 10}}0123456789{{end}}{{end}}`)},
		"templates/i18n/en.yaml": {Data: []byte("contents: Contents\n")},
	}
	s, _ := Load(fsys, template.FuncMap{})
	s.limit = 1 << 20
	if b, err := s.Render("home", nil); err != nil || len(b) != 113 {
		t.Fatalf("home: %d bytes, %v", len(b), err)
	}
	b, err := s.Render("page", nil)
	if err == nil || !strings.Contains(err.Error(), "more than 1 MB") {
		t.Fatalf("page: %d bytes, error %v; want the limit's error", len(b), err)
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
	s, _ := Load(fsys, template.FuncMap{})
	s.limit = 1 << 20
	if _, err := s.Render("page", nil); !errors.Is(err, ErrPageTooLarge) {
		t.Errorf("page: %v, want ErrPageTooLarge", err)
	}
	if _, err := s.Render("home", struct{}{}); err == nil || errors.Is(err, ErrPageTooLarge) {
		t.Errorf("home: %v, want another error", err)
	}
}
