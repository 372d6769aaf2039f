//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// actionTimeout bounds one browser action (a page load, a script, a print).
// It is a limit for a hung browser, not a measure of speed: nothing waits
// for it to pass.
const actionTimeout = 60 * time.Second

// cspProbe runs in every document before the page's own scripts and turns
// each Content-Security-Policy violation into a console error, which the tab
// records. Chromium also logs violations itself; the probe makes sure none is
// missed whichever way the browser reports it.
const cspProbe = `document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline code") +
    " in " + (e.sourceFile || e.documentURI) + ":" + e.lineNumber);
});`

// A tab is one browser tab of a test. From its first moment it records every
// network request, console error, uncaught exception and CSP violation; when
// the test ends, any request that is not a file of the site and any such
// error fails the test.
type tab struct {
	t   testing.TB
	ctx context.Context

	mu       sync.Mutex
	requests []string
	problems []string
}

// newTab opens a tab in the test binary's browser. It closes when the test
// ends, after its records are checked.
func newTab(t testing.TB) *tab {
	t.Helper()
	tb := &tab{t: t}
	ctx, cancel := chromedp.NewContext(env.browser, chromedp.WithListener(tb.listen))
	tb.ctx = ctx
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab, bound to ctx
		t.Fatalf("open a tab: %v", err)
	}
	t.Cleanup(tb.check) // runs before cancel: cleanups run last-in first-out
	tb.call(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe})
		return err
	}, "install the CSP probe")
	return tb
}

// listen records the events of the tab. It runs on the tab's event loop, so
// it only appends under the lock.
func (tb *tab) listen(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.mu.Lock()
		tb.requests = append(tb.requests, ev.Request.URL)
		tb.mu.Unlock()
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		tb.problem("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			switch {
			case a.Description != "":
				args = append(args, a.Description)
			case len(a.Value) > 0:
				args = append(args, string(a.Value))
			default:
				args = append(args, string(a.Type))
			}
		}
		where := ""
		if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
			f := st.CallFrames[0]
			where = fmt.Sprintf(" at %s:%d", f.URL, f.LineNumber+1)
		}
		tb.problem("console.%s%s: %s", ev.Type, where, strings.Join(args, " "))
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError {
			tb.problem("browser log (%s): %s %s", e.Source, e.Text, e.URL)
		}
	}
}

func (tb *tab) problem(format string, args ...any) {
	tb.mu.Lock()
	tb.problems = append(tb.problems, fmt.Sprintf(format, args...))
	tb.mu.Unlock()
}

// check fails the test on each request that is not a file of the site and on
// each console error, exception or CSP violation the tab recorded, then
// forgets them.
func (tb *tab) check() {
	tb.t.Helper()
	tb.mu.Lock()
	requests, problems := tb.requests, tb.problems
	tb.requests, tb.problems = nil, nil
	tb.mu.Unlock()
	seen := map[string]bool{}
	for _, r := range requests {
		// data: URLs are inline images the CSP allows; they reach no host.
		if seen[r] || strings.HasPrefix(r, "data:") || env.ownFile(r) {
			continue
		}
		seen[r] = true
		tb.t.Errorf("request to %s, which is not a file of the site", r)
	}
	for _, p := range problems {
		tb.t.Errorf("%s", p)
	}
}

// requested returns the URLs the tab has requested so far.
func (tb *tab) requested() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.requests...)
}

// call runs f with a time limit on the tab, failing the test with what on
// error.
func (tb *tab) call(f func(ctx context.Context) error, what string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := f(ctx); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// open loads u and waits for its load event and its fonts, so layout is
// final.
func (tb *tab) open(u string) {
	tb.t.Helper()
	tb.call(func(ctx context.Context) error {
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			return err
		}
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`document.fonts.ready.then(() => document.readyState === "complete")`, chromedp.EvalAwaitPromise))
		return err
	}, "open "+u)
}

// eval evaluates the JavaScript expression expr in the page, awaiting it if
// it is a promise, and decodes its value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	var v T
	tb.call(func(ctx context.Context) error {
		var err error
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
		return err
	}, "evaluate "+short(expr))
	return v
}

// waitFor waits until the JavaScript expression expr is true, checking on
// every DOM change.
func (tb *tab) waitFor(expr string) {
	tb.t.Helper()
	tb.call(func(ctx context.Context) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr,
			chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(actionTimeout/2)))
		return err
	}, "wait for "+short(expr))
}

// viewport sets the size of the tab's viewport in CSS pixels and its device
// scale factor.
func (tb *tab) viewport(width, height int64, scale float64) {
	tb.t.Helper()
	tb.call(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: width, Height: height, DeviceScaleFactor: scale,
		})
		if err != nil {
			return err
		}
		// Reading the layout viewport's width makes the page take the new
		// size (styles and layout are recomputed on demand).
		got, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.clientWidth`))
		if err == nil && got > width {
			err = fmt.Errorf("the page is %d px wide, not %d", got, width)
		}
		return err
	}, fmt.Sprintf("set the viewport to %d×%d at %g×", width, height, scale))
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		s = s[:77] + "…"
	}
	return s
}
