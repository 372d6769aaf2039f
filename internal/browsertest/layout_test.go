//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Layout and printing of the pages people read (issue 16): no page scrolls
// sideways at 320 px, the breadcrumbs of a phone stop at the parent, a
// laptop keeps the side navigation beside a standard, one search landmark a
// page, "Print this page" only with JavaScript, and a standard prints on
// one page of A4.

// sitePages returns the site paths of every page of the built site (its
// index.html files and 404.html), without the redirect pages of old URLs.
func sitePages(t *testing.T) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(env.siteDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || (d.Name() != "index.html" && p != filepath.Join(env.siteDir, "404.html")) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), `http-equiv="refresh"`) {
			return nil
		}
		rel, err := filepath.Rel(env.siteDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		pages = append(pages, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 100 {
		t.Fatalf("found only %d pages in %s", len(pages), env.siteDir)
	}
	return pages
}

// TestReflowEveryPage opens every page of the site at 320 CSS px and fails
// on each that scrolls sideways (WCAG 1.4.10), naming what sticks out.
// TestPages checks one page of each type at three sizes; this checks them
// all at the narrowest, since one long word or list on one page is enough.
func TestReflowEveryPage(t *testing.T) {
	t.Parallel()
	pages := sitePages(t)
	tb := newTab(t)
	tb.viewport(320, 640, 1)
	for _, p := range pages {
		tb.open(env.pageURL(overFile, p))
		tb.reflows("/" + p + " at 320 px")
	}
	t.Logf("%d pages reflow at 320 px", len(pages))
}

// TestCrumbsOnPhones: on a phone the breadcrumbs do not repeat the page's
// heading, a whole CAT statement at times, just above it; on a laptop they
// end with it.
func TestCrumbsOnPhones(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	for _, p := range []string{"standards/cat/statement-1/", "standards/qaf-1/active-listening/", "guidance/overview/"} {
		tb.viewport(320, 640, 1)
		tb.open(env.pageURL(overHTTP, p))
		// The heading without its number, as the breadcrumbs name the page.
		h1 := eval[string](tb, `document.querySelector("main h1").innerText.trim().replace(/^\d+\s+/, "")`)
		crumbs := eval[string](tb, `document.querySelector(".crumbs").innerText`)
		if strings.Contains(crumbs, h1) {
			t.Errorf("%s at 320 px: the breadcrumbs %q repeat the heading", p, crumbs)
		}
		if !strings.Contains(crumbs, "Standards") && !strings.Contains(crumbs, "Home") {
			t.Errorf("%s at 320 px: the breadcrumbs show %q", p, crumbs)
		}
		if p == "standards/cat/statement-1/" {
			tb.screenshot("layout", "cat-statement-1-320px.png")
		}
		tb.viewport(1280, 800, 1)
		if crumbs := eval[string](tb, `document.querySelector(".crumbs").innerText`); !strings.Contains(crumbs, h1) {
			t.Errorf("%s at 1280 px: the breadcrumbs %q do not end with the page", p, crumbs)
		}
	}
}

// navBeside reports whether the side navigation is shown to the left of
// the page's content.
const navBeside = `(() => {
  const nav = document.querySelector(".site-nav");
  if (!nav || getComputedStyle(nav).display === "none") return false;
  const n = nav.getBoundingClientRect(), m = document.querySelector("main").getBoundingClientRect();
  return n.width > 0 && n.right <= m.left;
})()`

// TestStandardSideNav: a standard's page keeps the side navigation on a
// laptop (1280 to 1440 px wide) and takes the projector view on a wider
// screen, or when "Projector view" is pressed; pressing it again undoes it.
func TestStandardSideNav(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	u := env.pageURL(overHTTP, "standards/qaf-1/active-listening/")
	for _, w := range []int64{1280, 1366, 1440} {
		tb.viewport(w, 800, 1)
		tb.open(u)
		if !eval[bool](tb, navBeside) {
			t.Errorf("at %d px the side navigation is not beside the standard", w)
		}
		if got := eval[string](tb, `document.querySelector("[data-projector]").getAttribute("aria-pressed")`); got != "false" {
			t.Errorf("at %d px Projector view is pressed: %s", w, got)
		}
	}
	// Pressed on a laptop: the projector view; pressed again: back.
	eval[bool](tb, `(document.querySelector("[data-projector]").click(), true)`)
	if eval[bool](tb, navBeside) || eval[string](tb, `document.querySelector("[data-projector]").getAttribute("aria-pressed")`) != "true" {
		t.Errorf("at 1440 px Projector view did not hide the side navigation")
	}
	if size := eval[string](tb, `getComputedStyle(document.querySelector("main h1")).fontSize`); size != "44px" {
		t.Errorf("in the projector view the heading is %s, want 44px", size)
	}
	eval[bool](tb, `(document.querySelector("[data-projector]").click(), true)`)
	if !eval[bool](tb, navBeside) {
		t.Errorf("at 1440 px Projector view pressed twice left the side navigation hidden")
	}
	// Wider than a laptop: the projector view first, which the button undoes.
	tb.viewport(1600, 900, 1)
	tb.open(u)
	if eval[bool](tb, navBeside) || eval[string](tb, `document.querySelector("[data-projector]").getAttribute("aria-pressed")`) != "true" {
		t.Errorf("at 1600 px the page is not in the projector view")
	}
	eval[bool](tb, `(document.querySelector("[data-projector]").click(), true)`)
	if !eval[bool](tb, navBeside) {
		t.Errorf("at 1600 px Projector view pressed did not bring back the side navigation")
	}
	tb.axe("standard at 1600 px, projector view off")
}

// TestOneSearchLandmark: a page has one search landmark. The home and
// search pages have a search form of their own, so the header has none
// there (axe-core's landmark-unique, which its WCAG rule set leaves out).
func TestOneSearchLandmark(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	for _, p := range []string{"", "search/", "guidance/overview/", "standards/qaf-1/"} {
		tb.open(env.pageURL(overHTTP, p))
		if n := eval[int](tb, `document.querySelectorAll('[role="search"], search').length`); n != 1 {
			t.Errorf("/%s has %d search landmarks, want 1", p, n)
		}
	}
}

// TestPrintPageButton: "Print this page" prints the page when JavaScript
// runs, and is not shown when it does not (a button that would do nothing).
func TestPrintPageButton(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"guidance/overview/", "standards/qaf-1/active-listening/"} {
		tb := newTab(t)
		tb.open(env.pageURL(overHTTP, p))
		if !eval[bool](tb, `(() => { const b = document.querySelector("[data-print-page]"); return !!b && b.offsetParent !== null && b.textContent === "Print this page"; })()`) {
			t.Errorf("/%s: Print this page is not shown", p)
		}
		eval[bool](tb, `(window.__printed = 0, window.print = () => window.__printed++, document.querySelector("[data-print-page]").click(), true)`)
		if n := eval[int](tb, `window.__printed`); n != 1 {
			t.Errorf("/%s: Print this page called print %d times", p, n)
		}

		nojs := newTab(t)
		nojs.call(func(ctx context.Context) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}, "turn JavaScript off")
		nojs.open(env.pageURL(overHTTP, p))
		if n := eval[int](nojs, `[...document.querySelectorAll("[data-print-page], [data-projector]")].filter((b) => b.offsetParent !== null).length`); n != 0 {
			t.Errorf("/%s without JavaScript shows %d buttons that need it", p, n)
		}
	}
}

// screenshot saves a PNG of the whole page as it is now to the artifacts
// folder group, for a person to look at.
func (tb *tab) screenshot(group, name string) {
	tb.t.Helper()
	var buf []byte
	tb.call(func(ctx context.Context) error {
		var err error
		buf, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		return err
	}, "screenshot")
	if err := os.WriteFile(env.artifact(tb.t, group, name), buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

var mainText = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
var tags = regexp.MustCompile(`<[^>]*>`)

// longestStandards returns, for each rubric, the standard page whose main
// text is longest: the one most likely to need a second page.
func longestStandards(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, id := range rubricIDs(t) {
		dirs, err := os.ReadDir(filepath.Join(env.siteDir, "standards", id))
		if err != nil {
			t.Fatal(err)
		}
		best, most := "", 0
		for _, d := range dirs {
			if !d.IsDir() || d.Name() == "sheet" || d.Name() == "assess" || d.Name() == "team" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(env.siteDir, "standards", id, d.Name(), "index.html"))
			if err != nil {
				continue // an alias folder's redirect, or none
			}
			m := mainText.FindSubmatch(data)
			if m == nil {
				continue
			}
			if n := len(tags.ReplaceAll(m[1], nil)); n > most {
				best, most = d.Name(), n
			}
		}
		if best == "" {
			t.Fatalf("rubric %s has no standard pages", id)
		}
		out = append(out, "standards/"+id+"/"+best+"/")
	}
	return out
}

// TestStandardPrintsOnePage prints a standard's own page, as a trainer
// prints one to hand out: each of QAF 1's (active listening took two pages,
// gaining trust three) and the longest of every rubric fit on one A4 page,
// its link under it.
func TestStandardPrintsOnePage(t *testing.T) {
	t.Parallel()
	r := loadRubric(t, "qaf-1")
	var paths []string
	for _, n := range r.Items {
		paths = append(paths, "standards/qaf-1/"+n.ID+"/")
	}
	for _, p := range longestStandards(t) {
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	tb := newTab(t)
	for _, p := range paths {
		tb.open(env.pageURL(overHTTP, p))
		title := eval[string](tb, `document.querySelector("main h1").textContent`)
		name := strings.ReplaceAll(strings.Trim(strings.TrimPrefix(p, "standards/"), "/"), "/", "-")
		pdf := tb.printPDF(env.artifact(t, "standards", name+".pdf"))
		if pdf.Pages != 1 {
			pdf.PNGs()
			t.Errorf("%s: %d pages, want 1", pdf, pdf.Pages)
			continue
		}
		text := squeeze(pdf.Text(1))
		if !strings.Contains(text, squeeze(title)) {
			t.Errorf("%s: the page does not hold its title %q", pdf, title)
		}
		label := eval[string](tb, `document.getElementById("hb-link").textContent`) // Welsh on a Welsh page
		if want := label + ": " + env.httpBase + p; !strings.Contains(text, want) {
			t.Errorf("%s: the page does not end with %q:\n%s", pdf, want, text)
		}
	}
	t.Logf("%d standards print on one page: %s", len(paths), fmt.Sprint(paths))
}
