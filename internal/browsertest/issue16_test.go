//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The pages issue 16 adds, and what they show (team view, print view of a
// document, editorial marks, Welsh chrome). Their axe, CSP and reflow
// checks are in TestPages (pageTypes).

// TestTeamView opens three exports of QAF 1 in its team view, as a Team
// Leader would, then a file of another form, one that is not JSON and one
// of another version: the table holds the three people's levels (codes),
// the counts per standard and the standards most often at development
// need; each bad file is named in a message and the three stay open; the
// page prints on A4 landscape with its table.
func TestTeamView(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	export := func(rubric string, version int, answers string) string {
		return fmt.Sprintf(`{"format":"handbook-assess","version":%d,"rubric":%q,"lang":"en","exported":"2026-11-24T10:00:00Z","answers":{%s}}`, version, rubric, answers)
	}
	good := []string{
		write("Asha.json", export("qaf-1", 1, `"active-listening":"best","questioning":"development","feedback":"ok"`)),
		write("Ben.json", export("qaf-1", 1, `"active-listening":"ok","questioning":"development","feedback":"development"`)),
		write("Cara.json", export("qaf-1", 1, `"active-listening":"best","questioning":"development","feedback":"ok"`)),
	}
	bad := []string{
		write("Other.json", export("qaf-2", 1, `"x":"ok"`)),
		write("Notes.json", "not json"),
		write("Old.json", export("qaf-1", 7, `"active-listening":"ok"`)),
	}
	tb := newTab(t)
	tb.open(env.pageURL(overHTTP, "standards/qaf-1/team/"))
	tb.waitFor(`!document.querySelector("[data-team]").hidden`)
	upload := func(files []string) {
		tb.call(func(ctx context.Context) error {
			return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#hb-team-files"), files))
		}, "choose files")
	}
	upload(good)
	tb.waitFor(`document.querySelector("[data-team-status]").textContent === "3 files opened."`)
	table := eval[string](tb, `document.querySelector("[data-team-result]").innerText`)
	for _, want := range []string{"Asha", "Ben", "Cara", "BP", "DN", "OK", "Development need"} {
		if !strings.Contains(table, want) {
			t.Errorf("the team table does not show %q:\n%s", want, table)
		}
	}
	// Questioning: all three at development need, the most often listed.
	row := eval[string](tb, `[...document.querySelectorAll("[data-team-result] tr")].map((r) => r.innerText.replace(/\s+/g, " ")).find((t) => t.includes("Questioning")) || ""`)
	// Each cell: the level's code, and its label for screen readers; then
	// the counts of people at Best practice, OK for role, Development need.
	if strings.Count(row, "DN") != 3 || !strings.HasSuffix(row, " 0 0 3") {
		t.Errorf("the questioning row does not hold three DN and the counts 0 0 3: %q", row)
	}
	if row := eval[string](tb, `[...document.querySelectorAll("[data-team-result] tr")].map((r) => r.innerText.replace(/\s+/g, " ")).find((t) => t.includes("active listening")) || ""`); !strings.HasSuffix(row, " 2 1 0") {
		t.Errorf("the active listening row does not count 2 1 0: %q", row)
	}
	most := eval[string](tb, `(document.querySelector("[data-team-result] .team-most") || {innerText: ""}).innerText`)
	if !strings.Contains(most, "Questioning") || !strings.Contains(most, "3 of 3") {
		t.Errorf("the standards most often at development need do not start with questioning, 3 of 3: %q", most)
	}
	upload(bad)
	tb.waitFor(`!document.querySelector("[data-team-errors]").hidden`)
	errs := eval[string](tb, `document.querySelector("[data-team-errors]").innerText`)
	for _, want := range []string{"Other.json is an export of another form (qaf-2)", "Notes.json is not a JSON file", "Old.json is an export of version 7"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the error summary does not say %q:\n%s", want, errs)
		}
	}
	if s := eval[string](tb, `document.querySelector("[data-team-status]").textContent`); s != "3 files opened." {
		t.Errorf("after the bad files: %q, want the three still open", s)
	}
	p := tb.printPDF(env.artifact(t, "team", "qaf-1-team.pdf"))
	p.PNGs()
	if !regexp.MustCompile(`^841\.\d+ x 59[45]\.\d+ pts`).MatchString(p.Size) {
		t.Errorf("%s: page size %q, want A4 landscape", p, p.Size)
	}
	for n := 1; n <= p.Pages; n++ {
		if want := fmt.Sprintf("Page %d of %d", n, p.Pages); !strings.Contains(squeeze(p.Text(n)), want) {
			t.Errorf("%s: page %d does not say %q", p, n, want)
		}
	}
	all := squeeze(p.AllText())
	for _, want := range []string{"Asha", "Ben", "Cara", "DN"} {
		if !strings.Contains(all, want) {
			t.Errorf("%s: the printed table does not hold %q", p, want)
		}
	}
	for _, notWanted := range []string{"Choose exported files", "Some files could not be opened"} {
		if strings.Contains(all, notWanted) {
			t.Errorf("%s: prints the on-screen controls (%q)", p, notWanted)
		}
	}
}

// TestPrintDocument follows a chapter's "Print the whole document" link:
// the print view holds a contents list of every chapter in order, each
// chapter's numbered paragraphs with ids unique on the page and links
// within the document that find their targets; its A4 PDF says "Page N of
// M" on every page and holds the chapters' paragraphs.
func TestPrintDocument(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	tb.open(env.pageURL(overHTTP, "guidance/customer-assessment-tool/"))
	href := eval[string](tb, `document.querySelector("a.print-document").href`)
	if !strings.HasSuffix(href, "/print/work-focused-interview-guidance/index.html") {
		t.Fatalf("the chapter links to %q, want its document's print view", href)
	}
	tb.open(href)
	chapters := eval[[]string](tb, `[...document.querySelectorAll(".print-contents li")].map((l) => l.textContent)`)
	if len(chapters) != 10 || !strings.HasPrefix(chapters[0], "Chapter 1:") || !strings.HasPrefix(chapters[4], "Chapter 5:") {
		t.Errorf("contents %q, want the ten chapters in order", chapters)
	}
	type check struct {
		Dups, Broken []string
		Paras        int
		P150         string
	}
	c := eval[check](tb, `(() => {
  const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
  const seen = new Set(), dups = [];
  for (const id of ids) { if (seen.has(id)) dups.push(id); seen.add(id); }
  const broken = [...document.querySelectorAll('main a[href^="#"]')].map((a) => a.getAttribute("href").slice(1)).filter((id) => id && !document.getElementById(decodeURIComponent(id)));
  const p150 = document.getElementById("ch5-p150");
  return {Dups: dups, Broken: [...new Set(broken)], Paras: document.querySelectorAll("main .para .para-num").length,
    P150: p150 ? p150.querySelector(".para-num").textContent : ""};
})()`)
	if len(c.Dups) > 0 {
		t.Errorf("ids repeated on the print view: %q", c.Dups)
	}
	if len(c.Broken) > 0 {
		t.Errorf("links within the print view find no target: %q", c.Broken)
	}
	// Paragraphs 1–309 of the guidance, numbered as in their chapters,
	// each id prefixed with its chapter's.
	if c.Paras < 309 || c.P150 != "150" {
		t.Errorf("%d numbered paragraphs, paragraph ch5-p150 numbered %q: want all 309, and 150 in chapter 5", c.Paras, c.P150)
	}
	p := tb.printPDF(env.artifact(t, "print", "work-focused-interview-guidance.pdf"))
	if !strings.Contains(p.Size, "(A4)") {
		t.Errorf("%s: page size %q, want A4", p, p.Size)
	}
	if p.Pages < 10 {
		t.Errorf("%s: %d pages for ten chapters", p, p.Pages)
	}
	for n := 1; n <= p.Pages; n++ {
		if want := fmt.Sprintf("Page %d of %d", n, p.Pages); !strings.Contains(squeeze(p.Text(n)), want) {
			t.Errorf("%s: page %d does not say %q", p, n, want)
		}
	}
	all := squeeze(p.AllText())
	for _, want := range []string{"Chapter 1: Overview", "Chapter 8: Reasonable adjustments", "309"} {
		if !strings.Contains(all, squeeze(want)) {
			t.Errorf("%s: does not print %q", p, want)
		}
	}
	if strings.Contains(all, "Print this page") || strings.Contains(all, "other browsers may leave them out") {
		t.Errorf("%s: prints the on-screen controls", p)
	}
}

// TestEditorial: the editors' own words in the shipped guidance are marked
// in square brackets inside class="editorial" (paragraphs 150 and 151 of
// the CAT chapter among them), and QIF's editorial titles and scale are
// said in a visible note on its pages and its printed sheet.
func TestEditorial(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	tb.open(env.pageURL(overHTTP, "guidance/customer-assessment-tool/"))
	marks := eval[[]string](tb, `[...document.querySelectorAll(".editorial")].map((e) => e.textContent)`)
	if len(marks) < 2 {
		t.Errorf("the CAT chapter marks %d editorial insertions, want those of paragraphs 150 and 151", len(marks))
	}
	for _, m := range marks {
		if !strings.HasPrefix(m, "[") || !strings.HasSuffix(m, "]") {
			t.Errorf("editorial insertion %q is not in square brackets", m)
		}
	}
	if !slicesContains(marks, "[not available]") {
		t.Errorf("no [not available] among %q", marks)
	}
	for _, p := range []string{"standards/qif/", "standards/qif/sheet/"} {
		tb.open(env.pageURL(overHTTP, p))
		note := eval[string](tb, `(document.querySelector(".editorial-note") || {innerText: ""}).innerText`)
		if note == "" {
			t.Errorf("%s: no visible editorial note", p)
			continue
		}
		if !eval[bool](tb, `document.querySelector(".editorial-note").getClientRects().length > 0`) {
			t.Errorf("%s: the editorial note is hidden", p)
		}
		if strings.HasSuffix(p, "sheet/") {
			pdf := tb.printPDF(env.artifact(t, "sheets", "qif-editorial.pdf"))
			first := strings.Fields(note)
			if len(first) > 4 {
				first = first[:4]
			}
			if !strings.Contains(squeeze(pdf.Text(1)), squeeze(strings.Join(first, " "))) {
				t.Errorf("%s: page 1 does not print the editorial note %q", pdf, note)
			}
		}
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestWelshChrome: on a Welsh page (Quest 1W), the chrome that
// handbook.yaml does not translate is marked lang="en", and its search
// form finds Welsh content.
func TestWelshChrome(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	tb.open(env.pageURL(overHTTP, "standards/quest-1w/"))
	if lang := eval[string](tb, `document.documentElement.lang`); lang != "cy" {
		t.Fatalf("Quest 1W's page is in %q, want cy", lang)
	}
	// Every English text of the chrome says so.
	untagged := eval[[]string](tb, `[...document.querySelectorAll(".site-title, .site-nav a, .site-nav .nav-title")].filter((e) => (e.closest("[lang]") || document.documentElement).lang === "cy" && /\b(the|and|of|Guidance|Standards|Chapter)\b/.test(e.textContent)).map((e) => e.textContent)`)
	if len(untagged) > 0 {
		t.Errorf("English chrome on a Welsh page not marked lang=\"en\": %q", untagged)
	}
	if !eval[bool](tb, `!!document.querySelector('.site-search input[name="lang"][value="cy"]')`) {
		t.Fatalf("the Welsh page's search form does not search Welsh")
	}
	// The form's own query, as submitting it with "swydd" typed sends it.
	search := eval[string](tb, `(() => { const f = document.querySelector(".site-search"); f.querySelector("#site-search-q").value = "swydd"; const u = new URL(f.action); u.search = new URLSearchParams(new FormData(f)).toString(); return u.href; })()`)
	if !strings.Contains(search, "lang=cy") {
		t.Errorf("the Welsh page's search asks %s, without lang=cy", search)
	}
	tb.open(search)
	tb.waitFor(`document.querySelectorAll("#search-results li").length > 0`)
	if !eval[bool](tb, `[...document.querySelectorAll("#search-results li")].some((l) => l.closest("[lang=cy]") || l.querySelector("[lang=cy]") || /quest-1w/.test(l.innerHTML))`) {
		t.Errorf("searching swydd from a Welsh page finds no Welsh content: %s", eval[string](tb, `document.querySelector("#search-results").innerText`))
	}
}
