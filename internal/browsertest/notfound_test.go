//go:build browser

package browsertest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
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
// file://, and over http from a plain static server that answers any
// missing path with 404.html's bytes and status 404 (as nginx error_page or
// GitHub Pages do), with the site under a sub-path (/handbook/) and at a
// host's root: at 404.html itself, and at missing addresses two and three
// folders down. It holds its stylesheet, allowed by its hash in its CSP, so
// it is styled at any depth, breaks no CSP and passes axe-core (whose
// target-size rule failed when the stylesheet did not load). The shipped
// site has no base URL, so over http its one inline script (allowed by its
// hash) finds the site's root by asking each ancestor folder, on the same
// host, for the site's stylesheet: the page requests nothing else, and every
// link on it then reaches a file of the site. Without JavaScript the page
// still reads, with its links. (A site built with base_url has links from
// that path and no script (TestGolden); handbook serve gives them the
// missing address's depth (devserver's TestNotFoundAtDepth).)
func TestNotFoundAtAnyDepth(t *testing.T) {
	t.Parallel()
	want := homeStyle(t)
	sub, root := env.httpBase, env.rootHTTP
	for _, tt := range []struct {
		name string
		base string // where the site is: its root's URL
		path string // the address opened, from base
		noJS bool
	}{
		{"file", env.fileBase, "404.html", false},
		{"http sub-path 404.html", sub, "404.html", false},
		{"http sub-path depth 2", sub, "standards/qaf-1/typo", false},
		{"http sub-path depth 3", sub, "standards/qaf-1/typo/", false},
		{"http sub-path depth 3 file", sub, "guidance/a/b/missing.html", false},
		{"http root 404.html", root, "404.html", false},
		{"http root depth 2", root, "standards/qaf-1/typo", false},
		{"http root depth 3", root, "standards/qaf-1/typo/", false},
		{"http sub-path depth 3 without JavaScript", sub, "standards/qaf-1/typo/", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			scripts := func(off bool) {
				tb.call(func(ctx context.Context) error {
					_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
					return err
				}, "disable JavaScript")
			}
			if tt.noJS {
				scripts(true)
			}
			u := tt.base + tt.path
			tb.open(u)
			if tt.noJS {
				// The page is loaded and its script did not run: axe (run
				// below by the test, not the page) needs scripts again.
				scripts(false)
			}
			if h1 := eval[string](tb, `document.querySelector("main h1").textContent`); h1 != "Page not found" {
				t.Errorf("%s: h1 %q, want the 404 page", u, h1)
			}
			overHTTP := strings.HasPrefix(u, "http:")
			if overHTTP && !tt.noJS {
				// The script has found the site's root: data-root is its path.
				tb.waitFor(`document.documentElement.dataset.root.startsWith("/")`)
				if got, want := eval[string](tb, `document.documentElement.dataset.root`), mustParse(t, tt.base).Path; got != want {
					t.Errorf("%s: the script took %q for the site's root, want %q", u, got, want)
				}
			}
			if !eval[bool](tb, `document.styleSheets.length === 1 && document.styleSheets[0].ownerNode.tagName === "STYLE" && document.styleSheets[0].cssRules.length > 100`) {
				t.Errorf("%s: the page does not hold one inline stylesheet that applies", u)
			}
			if got := eval[string](tb, styleOf); got != want {
				t.Errorf("%s: the chrome is styled %q, want %q as on the home page", u, got, want)
			}
			// Besides itself, the page asks its own host for the site's
			// stylesheet in at most nine folders, and nothing else.
			probes := 0
			for _, r := range tb.requested() {
				if r == u || strings.HasPrefix(r, "data:") {
					continue
				}
				pr := mustParse(t, r)
				if !overHTTP || tt.noJS || pr.Host != mustParse(t, u).Host || !probeRe.MatchString(pr.Path) {
					t.Errorf("%s: requested %s: the page asks only its own host for the site's stylesheet", u, r)
				}
				probes++
			}
			if probes > 9 {
				t.Errorf("%s: %d probes for the site's root, want at most 9", u, probes)
			}
			tb.axe("404 (" + tt.name + ")")
			tb.forget("status of 404") // the missing address's own status, and the probes'
			links := eval[[]string](tb, `[...document.querySelectorAll("a[href], form[action]")].map((a) => a.href || a.action)`)
			if len(links) < 5 {
				t.Fatalf("%s: %d links: %q", u, len(links), links)
			}
			if tt.noJS {
				return // the links are as built, relative to the site's root
			}
			for _, l := range links {
				pu, err := url.Parse(l)
				if err != nil || pu.Scheme == "mailto" || pu.Fragment != "" && strings.TrimSuffix(l, "#"+pu.Fragment) == u {
					continue
				}
				if !env.ownFile(l) || !strings.HasPrefix(l, tt.base) {
					t.Errorf("%s: link %s leaves the site", u, l)
					continue
				}
				rel := strings.TrimPrefix(pu.Path, mustParse(t, tt.base).Path)
				if _, err := os.Stat(filepath.Join(env.siteDir, filepath.FromSlash(rel))); err != nil {
					t.Errorf("%s: link %s finds no file of the site: %v", u, l, err)
				}
			}
		})
	}
}

// probeRe is the path of what the 404 page's script asks for: the site's
// stylesheet in some folder.
var probeRe = regexp.MustCompile(`/assets/main-[A-Z0-9]+\.css$`)

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
