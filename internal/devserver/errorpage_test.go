package devserver

import (
	"context"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/site"
)

// While no build has succeeded, every page of the preview lists every
// error with its position and hint, as the terminal does, escaped.
func TestErrorPage(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md": {Data: []byte("---\ntitel: <b>A</b>\n---\nSee [b](b.md) & [c](c.md).\n")},
	}
	s := New(fsys, site.Options{Defaults: handbook.Defaults()}, io.Discard)
	s.Build(context.Background())
	if s.res != nil || len(s.problems) != 3 {
		t.Fatalf("want a failed build with 3 errors, got %d: %v", len(s.problems), s.problems)
	}
	w := get(t, s.Handler(), "127.0.0.1:1313", "/any/page/")
	body := w.Body.String()
	for _, want := range []string{
		"<h1>The site has errors</h1>",
		"The build found 3 errors.",
		`<li><code>content/a.md:2:1</code> unknown key &#34;titel&#34; <span class="hb-hint">(did you mean &#34;title&#34;?)</span></li>`,
		`<li><code>content/a.md:4:5</code> link &#34;b.md&#34;: there is no page content/b.md</li>`,
		`<li><code>content/a.md:4:17</code> link &#34;c.md&#34;: there is no page content/c.md</li>`,
		`<script src="/_handbook/reload.js"></script>`,
		`class="hb-failed"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the error page does not hold %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<b>") {
		t.Error("the error page holds unescaped HTML from the site")
	}
	if got := string(errorPage(nil)); !strings.Contains(got, "the terminal says why") {
		t.Errorf("with no problem listed: %s", got)
	}
}

// What the watcher reacts to follows the site's layout.
func TestWatchedIn(t *testing.T) {
	self := site.Layout{ContentDir: "."}
	mkdocs := site.Layout{ContentDir: "docs", From: "mkdocs.yml"}
	content := site.Layout{ContentDir: "content"}
	for _, tt := range []struct {
		l    site.Layout
		rel  string
		want bool
	}{
		{content, "content/a.md", true},
		{content, "guide.md", false},
		{content, "handbook.yaml", true},
		{content, "rubrics/a.yaml", true},
		{mkdocs, "docs/a.md", true},
		{mkdocs, "content/a.md", false},
		{mkdocs, "mkdocs.yml", true},
		{mkdocs, "site/index.html", false},
		{self, "guide.md", true},
		{self, "howto/deploy.md", true},
		{self, "public/index.html", false},
		{self, "node_modules/x/a.md", false},
		{self, ".git/index", false},
		{self, "templates/page.html", true},
		{self, "handbook.yaml", true},
	} {
		if got := watchedIn(tt.l, tt.rel); got != tt.want {
			t.Errorf("%+v: watchedIn(%q) = %v, want %v", tt.l, tt.rel, got, tt.want)
		}
	}
}
