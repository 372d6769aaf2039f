package search_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestZZChrome(t *testing.T) {
	actx, cancel := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath("/usr/bin/chromium"), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true))
	defer cancel()
	var mu sync.Mutex
	var logs []string
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			logs = append(logs, "console: "+strings.Join(parts, " "))
		case *runtime.EventExceptionThrown:
			logs = append(logs, "exception: "+e.ExceptionDetails.Text)
		}
	}))
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	ev := func(expr string) any {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v\n%s", expr, err, strings.Join(logs, "\n"))
		}
		return v
	}
	wait := func(expr string) {
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("wait %s: %v\n%s", expr, err, strings.Join(logs, "\n"))
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file:///tmp/hbout/search/index.html?q=pigeep")); err != nil {
		t.Fatal(err)
	}
	wait(`document.querySelectorAll(".search-results li").length > 0`)
	t.Logf("pigeep: %v", ev(`[document.getElementById("search-count").textContent, location.href, Array.from(document.querySelectorAll(".search-results a")).map(a => a.getAttribute("href")).join(" "), document.querySelector("[data-js-needed]").hidden, document.querySelector("form[data-search-form]").hidden]`))
	t.Logf("timing: %v", ev(`(async () => { const t0 = performance.now(); const r = await window.__hbSearch.search("en", "work coach interview"); const t1 = performance.now(); await window.__hbSearch.search("en", "claimant commitment"); const t2 = performance.now(); await window.__hbSearch.search("en", "claimant commitment"); return [r.count, t1 - t0, t2 - t1, performance.now() - t2]; })()`))
	if err := chromedp.Do(ctx, chromedp.Focus("#search-q"), chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").select()`), chromedp.KeyEvent("sanction dou")); err != nil {
		t.Fatal(err)
	}
	wait(`document.getElementById("search-count").textContent.startsWith("2 ")`)
	t.Logf("typed: %v", ev(`[document.getElementById("search-count").textContent, location.href, document.querySelector(".search-results li").outerHTML]`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	t.Logf("arrow down: active %v", ev(`document.activeElement.getAttribute("href")`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	t.Logf("down up up: active %v", ev(`document.activeElement.id`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	t.Logf("after Enter: %v", ev(`[location.href, document.getElementById(location.hash.slice(1)) !== null]`))
	mu.Lock()
	t.Logf("logs:\n%s", strings.Join(logs, "\n"))
	mu.Unlock()
}
