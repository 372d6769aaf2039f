//go:build browser

package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
)

var (
	fixtureOnce sync.Once
	fixtureBase string
	fixtureErr  error
)

// fixtureURL builds internal/site/testdata/basic.txtar once, with a change
// note on its Welsh rubric besides its own (the shipped content has no
// change notes and no feedback address) and sheet.lines: 7 on its
// observation rubric, into a folder the tab counts as
// the site's own, and returns the file:// URL of p in it.
func fixtureURL(t *testing.T, p string) string {
	t.Helper()
	fixtureOnce.Do(func() {
		root, err := repoRoot()
		if err != nil {
			fixtureErr = err
			return
		}
		a, err := txtar.ParseFile(filepath.Join(root, "internal", "site", "testdata", "basic.txtar"))
		if err != nil {
			fixtureErr = err
			return
		}
		m := fstest.MapFS{}
		for _, f := range a.Files {
			data := f.Data
			switch f.Name {
			case "rubrics/survey-cy.yaml":
				data = append(append([]byte{}, data...), "changes:\n  - {date: 2026-03-05, note: Cyhoeddwyd gyntaf.}\n"...)
			case "rubrics/listening.yaml":
				data = []byte(strings.Replace(string(data), "\nsheet:\n", "\nsheet:\n  lines: 7\n", 1))
			}
			m[f.Name] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
		res, err := site.Build(context.Background(), m, site.Options{Defaults: handbook.Defaults()})
		if err != nil {
			fixtureErr = err
			return
		}
		dir := filepath.Join(env.publishedDir, "basic-fixture")
		if fixtureErr = publish.Write(dir, res.Files); fixtureErr != nil {
			return
		}
		fixtureBase = "file://" + filepath.ToSlash(dir) + "/"
	})
	if fixtureErr != nil {
		t.Fatalf("build the basic fixture: %v", fixtureErr)
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return fixtureBase + p
}

var (
	govukDate = regexp.MustCompile(`^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$`)
	welshDate = regexp.MustCompile(`^\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}$`)
	isoDate   = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
)

// TestChangeNotes: a page with change notes says "Last updated" with its
// newest date in the GOV.UK style and its notes under a details element;
// a rubric's pages do too; a Welsh rubric's dates are in Welsh; /changes/
// lists the changes across the site, newest first; no page shows an ISO
// date to readers (a <time datetime> attribute holds it); and the footer
// links to the feedback address of handbook.yaml.
func TestChangeNotes(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	noISO := func(u string) {
		t.Helper()
		if d := isoDate.FindAllString(eval[string](tb, `document.body.innerText`), -1); len(d) > 0 {
			t.Errorf("%s shows ISO dates to readers: %q", u, d)
		}
	}
	type updated struct {
		Line, Datetime string
		Notes          []string
		Closed         bool
	}
	read := func() updated {
		return eval[updated](tb, `(() => {
  const u = document.querySelector(".updated");
  if (!u) return {Line: "", Datetime: "", Notes: [], Closed: false};
  const d = u.querySelector("details");
  return {Line: u.querySelector(".updated-line").textContent, Datetime: u.querySelector("time").getAttribute("datetime"),
    Notes: d ? [...d.querySelectorAll("li")].map((l) => l.textContent) : [], Closed: !!d && !d.open};
})()`)
	}

	u := fixtureURL(t, "guidance/interview/")
	tb.open(u)
	got := read()
	if got.Line != "Last updated 24 November 2026" || got.Datetime != "2026-11-24" {
		t.Errorf("%s: %q (datetime %q), want Last updated 24 November 2026", u, got.Line, got.Datetime)
	}
	if !got.Closed || len(got.Notes) != 2 || got.Notes[0] != "24 November 2026 Paragraph 2 reworded." || got.Notes[1] != "1 January 2026 First published." {
		t.Errorf("%s: change notes %q (closed %v), want both, newest first, under a closed details", u, got.Notes, got.Closed)
	}
	noISO(u)
	if fb := eval[string](tb, `[...document.querySelectorAll(".site-footer a")].map((a) => a.getAttribute("href")).find((h) => h.startsWith("mailto:")) || ""`); fb != "mailto:handbook@example.org" {
		t.Errorf("%s: the footer's feedback link is %q", u, fb)
	}
	csp := eval[string](tb, `document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`)
	if strings.Contains(csp, "example.org") || strings.Contains(csp, "mailto") || strings.Contains(csp, "*") {
		t.Errorf("%s: the feedback address loosened the CSP: %s", u, csp)
	}

	u = fixtureURL(t, "standards/listening/")
	tb.open(u)
	if got := read(); got.Line != "Last updated 1 June 2026" || len(got.Notes) != 1 {
		t.Errorf("%s: %q, notes %q: want the rubric's change note", u, got.Line, got.Notes)
	}
	noISO(u)

	u = fixtureURL(t, "standards/survey-cy/")
	tb.open(u)
	if got := read(); !welshDate.MatchString(strings.TrimPrefix(got.Line, "Diweddarwyd ddiwethaf ")) || !strings.HasSuffix(got.Line, "5 Mawrth 2026") || len(got.Notes) != 1 || !strings.HasPrefix(got.Notes[0], "5 Mawrth 2026") {
		t.Errorf("%s: %q, notes %q: want the date with the Welsh month", u, got.Line, got.Notes)
	}

	u = fixtureURL(t, "changes/")
	tb.open(u)
	// Days, newest first, each with its changes; dates in the page's
	// language (English: the Welsh rubric's change says so with lang="cy"
	// on its entry).
	type day struct {
		Date, Datetime string
		Entries        []string
		Langs          []string
	}
	days := eval[[]day](tb, `[...document.querySelectorAll(".change-day")].map((d) => ({Date: d.querySelector("h2 time").textContent, Datetime: d.querySelector("h2 time").getAttribute("datetime"),
  Entries: [...d.querySelectorAll("li")].map((l) => l.textContent), Langs: [...d.querySelectorAll("li")].map((l) => l.lang)}))`)
	var dates []string
	n := 0
	for i, d := range days {
		dates = append(dates, d.Date)
		n += len(d.Entries)
		if !govukDate.MatchString(d.Date) {
			t.Errorf("%s: day %d dated %q, not in the GOV.UK style", u, i+1, d.Date)
		}
		if i > 0 && d.Datetime >= days[i-1].Datetime {
			t.Errorf("%s: %s listed after %s: want newest first", u, d.Datetime, days[i-1].Datetime)
		}
	}
	if want := []string{"24 November 2026", "1 June 2026", "5 March 2026", "1 January 2026"}; strings.Join(dates, "|") != strings.Join(want, "|") || n != 4 {
		t.Errorf("%s: days %q with %d changes, want %q with 4", u, dates, n, want)
	} else {
		if days[0].Entries[0] != "Chapter 1: The interview: Paragraph 2 reworded." {
			t.Errorf("%s: the newest change is %q", u, days[0].Entries[0])
		}
		if days[2].Langs[0] != "cy" || !strings.Contains(days[2].Entries[0], "Cyhoeddwyd gyntaf.") {
			t.Errorf("%s: the Welsh rubric's change %q is not marked lang=cy (%q)", u, days[2].Entries[0], days[2].Langs[0])
		}
	}
	noISO(u)
	tb.axe("changes")
}

// TestSheetLines: each evidence box of a descriptors sheet has
// sheet.lines lines of writing space, 5 by default (QAF 1, shipped; the
// issue asks for at least 5) and 7
// where the rubric says so (the fixture's listening), and the lines take
// space on the page.
func TestSheetLines(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	type boxes struct {
		Lines  []int
		Height float64 // of one line
	}
	measure := `(() => {
  const w = [...document.querySelectorAll(".box-area .write-lines")];
  const s = document.querySelector(".box-area .write-lines span");
  return {Lines: w.map((x) => x.querySelectorAll("span").length), Height: s ? s.getBoundingClientRect().height : 0};
})()`
	for _, tt := range []struct {
		name, url string
		want      int
	}{
		{"default", env.pageURL(overHTTP, "standards/qaf-1/sheet/"), 5},
		{"sheet.lines: 7", fixtureURL(t, "standards/listening/sheet/"), 7},
	} {
		tb.open(tt.url)
		b := eval[boxes](tb, measure)
		if len(b.Lines) == 0 || b.Height <= 0 {
			t.Errorf("%s: no evidence box with lines: %+v", tt.name, b)
			continue
		}
		for i, n := range b.Lines {
			if n != tt.want {
				t.Errorf("%s: evidence box %d has %d lines, want %d", tt.name, i+1, n, tt.want)
			}
		}
	}
}

// TestBuildPDF runs handbook build --pdf over the basic fixture: besides
// each rubric's sheet, it prints each source document's print view to
// print/<document>/<document>.pdf, an A4 PDF that says "Page N of M" on
// every page and holds its chapters.
func TestBuildPDF(t *testing.T) {
	t.Parallel()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	a, err := txtar.ParseFile(filepath.Join(root, "internal", "site", "testdata", "basic.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	for _, f := range a.Files {
		p := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "./cmd/handbook", "build", "--pdf", "-s", src, "-d", out)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "HANDBOOK_CHROMIUM="+envOr("HANDBOOK_CHROMIUM", "/usr/bin/chromium"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("handbook build --pdf: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(out, "standards", "listening", "sheet", "listening.pdf")); err != nil {
		t.Errorf("no sheet PDF: %v", err)
	}
	p := openPDF(t, filepath.Join(out, "print", "test-guidance", "test-guidance.pdf"))
	if !strings.Contains(p.Size, "(A4)") {
		t.Errorf("%s: page size %q, want A4", p, p.Size)
	}
	for n := 1; n <= p.Pages; n++ {
		if want := fmt.Sprintf("Page %d of %d", n, p.Pages); !strings.Contains(squeeze(p.Text(n)), want) {
			t.Errorf("%s: page %d does not say %q", p, n, want)
		}
	}
	all := squeeze(p.AllText())
	for _, want := range []string{"Test guidance", "Chapter 1: The interview", "Use WTI to structure the interview"} {
		if !strings.Contains(all, squeeze(want)) {
			t.Errorf("%s: does not print %q", p, want)
		}
	}
	// A second build of the same source gives the same PDFs, byte for
	// byte: Chromium's time of printing is not in them.
	out2 := filepath.Join(t.TempDir(), "public")
	cmd = exec.Command("go", "run", "./cmd/handbook", "build", "--pdf", "-s", src, "-d", out2)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "HANDBOOK_CHROMIUM="+envOr("HANDBOOK_CHROMIUM", "/usr/bin/chromium"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("handbook build --pdf, again: %v\n%s", err, b)
	}
	for _, name := range []string{"standards/listening/sheet/listening.pdf", "print/test-guidance/test-guidance.pdf"} {
		a, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out2, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds of one source", name)
		}
		// Its links lead into the published site (the fixture's base_url),
		// not to the temporary copy it was printed from.
		if bytes.Contains(a, []byte("file://")) {
			t.Errorf("%s links to the temporary copy it was printed from", name)
		}
	}
	if a, _ := os.ReadFile(filepath.Join(out, "print", "test-guidance", "test-guidance.pdf")); !bytes.Contains(a, []byte("(https://example.org/handbook/standards/listening/active-listening/)")) {
		t.Errorf("print/test-guidance/test-guidance.pdf has no link to the standard it cites under the base URL")
	}
}
