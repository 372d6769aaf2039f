//go:build browser

package browsertest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// A harness that never fails proves nothing. These tests open pages that
// break each rule on purpose and check that the tab and axe report it.

// selfTestPath is where the test server keeps the broken pages, outside the
// site's sub-path.
const selfTestPath = "/selftest/"

var selfTestFiles = map[string]struct{ typ, body string }{
	// Under a CSP like the site's: an inline script and an image from another
	// host are refused; a script of its own logs an error and throws.
	"csp.html": {"text/html; charset=utf-8", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; img-src 'self'">
<title>CSP</title><script src="csp.js"></script></head>
<body><main><h1>CSP</h1><script>document.title = "inline ran";</script>
<img src="https://example.invalid/pixel.png" alt="pixel"></main></body></html>`},
	"csp.js": {"text/javascript", `console.error("broken on purpose");
window.addEventListener("load", () => { throw new Error("thrown on purpose"); });`},
	// With no CSP: a request to a file outside the site, and a field with no
	// label, which axe must report.
	"foreign.html": {"text/html; charset=utf-8", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Foreign</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/outside.css"></head>
<body><main><h1>Foreign</h1><input type="text"></main></body></html>`},
}

func serveSelfTest(w http.ResponseWriter, r *http.Request) {
	f, ok := selfTestFiles[strings.TrimPrefix(r.URL.Path, selfTestPath)]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.typ)
	fmt.Fprint(w, f.body)
}

// recorder is a testing.TB that keeps the failures a tab reports instead of
// failing the test, so a test can assert them.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Error(args ...any) { r.add(fmt.Sprint(args...)) }

func (r *recorder) Errorf(format string, args ...any) { r.add(fmt.Sprintf(format, args...)) }

func (r *recorder) add(s string) {
	r.mu.Lock()
	r.errs = append(r.errs, s)
	r.mu.Unlock()
}

func (r *recorder) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.errs, "\n")
}

// wantReported fails t unless some reported failure holds each of wants.
func wantReported(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("the harness did not report %q; it reported:\n%s", w, got)
		}
	}
}

func TestHarnessCatchesConsoleAndCSP(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	tb := newTab(rec)
	tb.open(strings.TrimSuffix(env.httpBase, subPath) + selfTestPath + "csp.html")
	tb.waitFor(`document.readyState === "complete"`)
	if eval[string](tb, `document.title`) == "inline ran" {
		t.Error("the inline script ran: the CSP of the test page was not applied")
	}
	tb.check()
	wantReported(t, rec.all(),
		"CSP violation: script-src-elem",  // the inline script
		"CSP violation: img-src",          // the image from another host
		"broken on purpose",               // console.error
		"thrown on purpose",               // an uncaught exception
		"which is not a file of the site", // the page itself is outside the site
	)
}

func TestHarnessCatchesForeignRequestsAndAxe(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	tb := newTab(rec)
	tb.open(strings.TrimSuffix(env.httpBase, subPath) + selfTestPath + "foreign.html")
	tb.axe("foreign.html")
	tb.check()
	wantReported(t, rec.all(),
		"/outside.css, which is not a file of the site",
		"Failed to load resource", // its 404
		"axe label",               // the field with no label
	)
}

// TestOwnFile checks which URLs count as files of the site.
func TestOwnFile(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		url  string
		want bool
	}{
		{env.httpBase + "index.html", true},
		{env.httpBase + "assets/main.css?x=1#y", true},
		{env.httpBase + "../favicon.ico", false},
		{strings.TrimSuffix(env.httpBase, subPath) + "/favicon.ico", false},
		{"http://example.com/handbook/index.html", false},
		{env.fileBase + "standards/index.html", true},
		{env.fileBase + "../elsewhere.html", false},
		{"file:///etc/passwd", false},
		{"https://fonts.example/font.woff2", false},
	} {
		if got := env.ownFile(tt.url); got != tt.want {
			t.Errorf("ownFile(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}
