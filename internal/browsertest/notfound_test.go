//go:build browser

package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// styleOf is what a few elements of the chrome look like once the site's
// stylesheet applies: the browser's defaults differ in each.
const styleOf = `(() => {
  const c = (sel, prop) => { const e = document.querySelector(sel); return e ? getComputedStyle(e)[prop] : "none"; };
  return [c("body", "fontFamily"), c("body", "margin"), c(".site-header", "backgroundColor"),
    c(".site-header", "color"), c(".wrap", "maxWidth"), c(".skip-link", "position")].join(" | ");
})()`

// styled reports whether the page's one stylesheet is an inline one that
// applies: the chrome looks as on the home page.
func styled(tb *tab) bool {
	tb.t.Helper()
	if !eval[bool](tb, `document.styleSheets.length === 1 && document.styleSheets[0].ownerNode.tagName === "STYLE" && document.styleSheets[0].cssRules.length > 100`) {
		return false
	}
	return eval[string](tb, styleOf) == homeStyle(tb.t)
}

// homeStyle is styleOf on the home page, which links the stylesheet.
func homeStyle(t testing.TB) string {
	t.Helper()
	tb := newTab(t)
	tb.open(env.pageURL(overHTTP, ""))
	return eval[string](tb, styleOf)
}

// TestNotFoundAtAnyDepth opens the 404 page where a reader meets it: from
// file://, at the site's root under a sub-path, and, as a static server
// shows it for a missing address, two and three folders down. It holds
// its stylesheet, allowed by its hash in its CSP, and loads nothing, so it
// is styled at any depth, requests nothing but itself, breaks no CSP and
// passes axe-core (whose target-size rule failed when the stylesheet did
// not load). At the root its links reach files of the site. (Deeper, no
// static page can know the site's path on its host: a site built with
// base_url has links from that path (TestGolden), and handbook serve gives
// them the missing address's depth (devserver's TestNotFoundAtDepth).)
func TestNotFoundAtAnyDepth(t *testing.T) {
	t.Parallel()
	want := homeStyle(t)
	for _, tt := range []struct {
		name string
		o    origin
		path string
		root bool // 404.html itself, at the site's root
	}{
		{"file", overFile, "404.html", true},
		{"http root", overHTTP, "404.html", true},
		{"http depth 2", overHTTP, "standards/qaf-1/typo", false},
		{"http depth 3", overHTTP, "standards/qaf-1/typo/", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			u := env.pageURL(tt.o, tt.path)
			tb.open(u)
			if h1 := eval[string](tb, `document.querySelector("main h1").textContent`); h1 != "Page not found" {
				t.Errorf("%s: h1 %q, want the 404 page", u, h1)
			}
			if !eval[bool](tb, `document.styleSheets.length === 1 && document.styleSheets[0].ownerNode.tagName === "STYLE" && document.styleSheets[0].cssRules.length > 100`) {
				t.Errorf("%s: the page does not hold one inline stylesheet that applies", u)
			}
			if got := eval[string](tb, styleOf); got != want {
				t.Errorf("%s: the chrome is styled %q, want %q as on the home page", u, got, want)
			}
			for _, r := range tb.requested() {
				if r != u && !strings.HasPrefix(r, "data:") {
					t.Errorf("%s: requested %s: the page loads nothing", u, r)
				}
			}
			tb.axe("404 (" + tt.name + ")")
			tb.forget("status of 404") // the missing address's own status
			if !tt.root {
				return
			}
			links := eval[[]string](tb, `[...document.querySelectorAll("a[href], form[action]")].map((a) => a.href || a.action)`)
			if len(links) < 5 {
				t.Fatalf("%s: %d links: %q", u, len(links), links)
			}
			for _, l := range links {
				pu, err := url.Parse(l)
				if err != nil || pu.Scheme == "mailto" || pu.Fragment != "" && strings.TrimSuffix(l, "#"+pu.Fragment) == u {
					continue
				}
				if !env.ownFile(l) {
					t.Errorf("%s: link %s leaves the site", u, l)
					continue
				}
				rel := strings.TrimPrefix(pu.Path, strings.TrimSuffix(mustParse(t, env.pageURL(tt.o, "")).Path, "index.html"))
				if _, err := os.Stat(filepath.Join(env.siteDir, filepath.FromSlash(rel))); err != nil {
					t.Errorf("%s: link %s finds no file of the site: %v", u, l, err)
				}
			}
		})
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// forget drops the problems recorded so far that contain s: what a test
// expects (a missing address's 404 status).
func (tb *tab) forget(s string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var keep []string
	for _, p := range tb.problems {
		if !strings.Contains(p, s) {
			keep = append(keep, p)
		}
	}
	tb.problems = keep
}
