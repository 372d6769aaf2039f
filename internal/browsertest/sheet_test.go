//go:build browser

package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// The printable sheets (issue 5): each rubric's /standards/<id>/sheet/ is
// printed to an A4 PDF as a manager's browser would print it, and the PDF is
// read back with poppler. Every PDF and a PNG of each of its pages are kept
// in the artifacts folder (sheets/) for a person to look at.

// rubricDoc is the part of a rubric's YAML the sheet tests read: what the
// sheet must hold comes from the source, never from a copy in the test.
type rubricDoc struct {
	ID    string       `yaml:"id"`
	Title string       `yaml:"title"`
	Lang  string       `yaml:"lang"`
	Items []rubricNode `yaml:"items"`
	Sheet struct {
		Choose  bool         `yaml:"choose"`
		Fields  []sheetField `yaml:"fields"`
		Signoff []sheetField `yaml:"signoff"`
	} `yaml:"sheet"`
	ClaimantData bool `yaml:"claimant_data"`
}

type sheetField struct {
	Label   string `yaml:"label"`
	Type    string `yaml:"type"`
	Running bool   `yaml:"running"`
}

type rubricNode struct {
	ID          string              `yaml:"id"`
	Title       string              `yaml:"title"`
	Descriptors map[string][]string `yaml:"descriptors"`
	Items       []rubricNode        `yaml:"items"`
}

func loadRubric(t *testing.T, id string) *rubricDoc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(env.root, "rubrics", id+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var r rubricDoc
	if err := yaml.Unmarshal(data, &r); err != nil {
		t.Fatalf("rubrics/%s.yaml: %v", id, err)
	}
	return &r
}

func rubricIDs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(env.root, "rubrics", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no rubrics in %s: %v", filepath.Join(env.root, "rubrics"), err)
	}
	var ids []string
	for _, f := range files {
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".yaml"))
	}
	return ids
}

// levelOrder is the order of a QAF's levels on the sheet, best first.
var levelOrder = []string{"best", "ok", "development"}

// orderedDescriptors returns an item's descriptors level by level, in the
// order the sheet shows them.
func orderedDescriptors(n rubricNode) []string {
	var out []string
	for _, l := range levelOrder {
		out = append(out, n.Descriptors[l]...)
	}
	var rest []string
	for l := range n.Descriptors {
		if !slices.Contains(levelOrder, l) {
			rest = append(rest, l)
		}
	}
	slices.Sort(rest)
	for _, l := range rest {
		out = append(out, n.Descriptors[l]...)
	}
	return out
}

var (
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile("[*_`]+")
)

// plainText is the text a descriptor prints as: YAML text is Markdown, so
// links print as their text and emphasis marks do not print.
func plainText(md string) string {
	return mdEmphasis.ReplaceAllString(mdLink.ReplaceAllString(md, "$1"), "")
}

// sheetPDF opens a sheet page (path relative to the site, query included),
// prints it and returns the PDF, with its PNGs written beside it, and the
// sheet's title. The page is opened over HTTP under the sub-path, as an
// intranet serves it.
func sheetPDF(t *testing.T, path, name string) (*pdf, string) {
	p, title, _ := printSheet(t, path, name)
	return p, title
}

func printSheet(t *testing.T, path, name string) (*pdf, string, *tab) {
	t.Helper()
	tb := newTab(t)
	tb.open(env.pageURL(overHTTP, path))
	title := strings.TrimSpace(eval[string](tb, `document.querySelector(".sheet-head h1").textContent`))
	if title == "" {
		t.Fatalf("%s: the sheet has no title", path)
	}
	p := tb.printPDF(env.artifact(t, "sheets", name+".pdf"))
	p.PNGs()
	return p, title, tb
}

// pageOf is "Page N of M" in the language of a sheet: Quest 1W is wholly in
// Welsh.
var pageOf = map[string]string{"en": "Page %d of %d", "cy": "Tudalen %d o %d"}

var pageOfRe = regexp.MustCompile(`(Page|Tudalen) (\d+) (of|o) (\d+)`)

// checkEveryPage asserts what every printed page of every sheet carries: the
// A4 size, the sheet's title, "Page N of M" in the sheet's language, and no
// URL.
func checkEveryPage(t *testing.T, p *pdf, title, lang string) {
	t.Helper()
	if !strings.Contains(p.Size, "(A4)") {
		t.Errorf("%s: page size %q, want A4", p, p.Size)
	}
	for n := 1; n <= p.Pages; n++ {
		text := squeeze(p.Text(n))
		if !strings.Contains(text, squeeze(title)) {
			t.Errorf("%s: page %d does not carry the sheet's title %q:\n%s", p, n, title, text)
		}
		format, ok := pageOf[lang]
		if !ok {
			t.Fatalf("no words for \"Page N of M\" in language %q", lang)
		}
		want := fmt.Sprintf(format, n, p.Pages)
		if !strings.Contains(text, want) {
			got := pageOfRe.FindAllString(text, -1)
			t.Errorf("%s: page %d does not say %q (it says %q)", p, n, want, got)
		}
		for _, u := range []string{"http://", "https://", "file://", "index.html", "127.0.0.1", "www."} {
			if strings.Contains(text, u) {
				t.Errorf("%s: page %d prints a URL (%q):\n%s", p, n, u, text)
			}
		}
	}
}

// TestSheetEveryRubric prints the whole sheet of every rubric, and checks
// that its screen preview passes axe-core and does not scroll sideways on a
// narrow screen.
func TestSheetEveryRubric(t *testing.T) {
	t.Parallel()
	// The most pages a whole sheet may take, where the source or the issue
	// sets a limit: Quest 1 is "no more than two sides of A4", and the CSOM
	// framework is a one-page checklist.
	maxPages := map[string]int{"quest-1": 2, "quest-1w": 2, "csom-observation": 1}
	for _, id := range rubricIDs(t) {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			r := loadRubric(t, id)
			p, title, tb := printSheet(t, "standards/"+id+"/sheet/", id)
			// The screen preview of every kind of sheet passes axe, and
			// reflows at 320 px.
			tb.axe(id + " sheet")
			tb.viewport(320, 640, 1)
			tb.reflows(id + " sheet at 320 px")
			t.Logf("%s: %d pages", id, p.Pages)
			checkEveryPage(t, p, title, r.Lang)
			checkSheetFields(t, p, r)
			if max, ok := maxPages[id]; ok && p.Pages > max {
				t.Errorf("%s: %d pages, want at most %d", p, p.Pages, max)
			}
			// Every top-level standard or group of the rubric is on the sheet.
			for _, n := range r.Items {
				if len(p.PageOf(n.Title)) == 0 {
					t.Errorf("%s: %q (%s) is not on the printed sheet", p, n.Title, n.ID)
				}
			}
		})
	}
}

// TestSheetQAF1Whole checks the full QAF 1 sheet: it holds every descriptor
// of the YAML, and no skills area is split across two pages (its title and
// its last descriptor are printed on the same page).
func TestSheetQAF1Whole(t *testing.T) {
	t.Parallel()
	r := loadRubric(t, "qaf-1")
	p, title := sheetPDF(t, "standards/qaf-1/sheet/", "qaf-1-whole")
	checkEveryPage(t, p, title, r.Lang)
	for _, n := range r.Items {
		ds := orderedDescriptors(n)
		if len(ds) == 0 {
			continue
		}
		for _, d := range ds {
			if len(p.PageOf(plainText(d))) == 0 {
				t.Errorf("%s: descriptor %q of %s is not in the PDF's text", p, d, n.ID)
			}
		}
		first, last := p.PageOf(plainText(n.Title)), p.PageOf(plainText(ds[len(ds)-1]))
		switch {
		case len(first) != 1:
			t.Errorf("%s: the title of %s is on pages %v, want one page", p, n.ID, first)
		case !slices.Contains(last, first[0]):
			t.Errorf("%s: %s is split: its title is on page %d, its last descriptor on %v", p, n.ID, first[0], last)
		}
	}
}

// TestSheetSingleArea prints each skills area of every QAF alone, as a link
// with ?areas=<id> opens it: it must fit on one page and hold only that area.
func TestSheetSingleArea(t *testing.T) {
	t.Parallel()
	for _, id := range rubricIDs(t) {
		if !strings.HasPrefix(id, "qaf-") {
			continue
		}
		r := loadRubric(t, id)
		if !r.Sheet.Choose {
			t.Errorf("%s: the sheet offers no choice of skills areas", id)
			continue
		}
		for _, n := range r.Items {
			t.Run(id+"/"+n.ID, func(t *testing.T) {
				t.Parallel()
				p, title := sheetPDF(t, "standards/"+id+"/sheet/?areas="+n.ID, id+"-"+n.ID)
				checkEveryPage(t, p, title, r.Lang)
				if p.Pages != 1 {
					t.Errorf("%s: %d pages, want 1", p, p.Pages)
				}
				if len(p.PageOf(n.Title)) == 0 {
					t.Errorf("%s: the chosen area %q is not printed", p, n.Title)
				}
				for _, other := range r.Items {
					if other.ID != n.ID && !strings.Contains(n.Title, other.Title) && len(p.PageOf(other.Title)) > 0 {
						t.Errorf("%s: %q was not chosen but is printed", p, other.Title)
					}
				}
			})
		}
	}
}

// TestSheetTwoAreas is what a manager does: choose two skills areas and
// print. Both are printed, nothing else, and each stays whole.
func TestSheetTwoAreas(t *testing.T) {
	t.Parallel()
	r := loadRubric(t, "qaf-1")
	a, b := r.Items[0], r.Items[len(r.Items)-1]
	p, title := sheetPDF(t, "standards/qaf-1/sheet/?areas="+a.ID+","+b.ID, "qaf-1-two-areas")
	checkEveryPage(t, p, title, r.Lang)
	for _, n := range r.Items {
		printed := len(p.PageOf(n.Title)) > 0
		if want := n.ID == a.ID || n.ID == b.ID; printed != want {
			t.Errorf("%s: %s printed = %v, want %v", p, n.ID, printed, want)
		}
	}
	if p.Pages > 2 {
		t.Errorf("%s: two skills areas take %d pages, want at most 2", p, p.Pages)
	}
}

// checkSheetFields asserts where a sheet's fields print (issue 16): its
// running fields at the top of every page, the others on the first, and
// its sign-off on the last, after everything else.
func checkSheetFields(t *testing.T, p *pdf, r *rubricDoc) {
	t.Helper()
	for _, f := range r.Sheet.Fields {
		switch {
		case f.Running:
			for n := 1; n <= p.Pages; n++ {
				if !strings.Contains(squeeze(p.Text(n)), f.Label+":") {
					t.Errorf("%s: page %d does not carry the running field %q", p, n, f.Label)
				}
			}
		case f.Type == "tick":
			if !strings.Contains(squeeze(p.Text(1)), f.Label) {
				t.Errorf("%s: the field %q is not on page 1", p, f.Label)
			}
		default:
			if !strings.Contains(squeeze(p.Text(1)), f.Label+":") {
				t.Errorf("%s: the field %q is not on page 1", p, f.Label)
			}
		}
	}
	if len(r.Sheet.Signoff) == 0 {
		return
	}
	last := squeeze(p.Text(p.Pages))
	at := strings.LastIndex(last, "Sign-off")
	if at < 0 {
		t.Errorf("%s: the last page has no sign-off:\n%s", p, last)
		return
	}
	for _, f := range r.Sheet.Signoff {
		if !strings.Contains(last[at:], f.Label+":") {
			t.Errorf("%s: the sign-off on the last page has no %q line", p, f.Label)
		}
	}
}

// TestSheetFieldsIssue16: the observation sheets and the CSOM, CAT and QIF
// sheets have header fields, a person or organisation and a date, and the
// date and whom it is about print on every page; the observation sheets end
// with an overall comments box and a sign-off.
func TestSheetFieldsIssue16(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"qaf-1", "qaf-2", "qaf-3", "qaf-4", "qaf-5", "csom-observation", "cat", "qif"} {
		r := loadRubric(t, id)
		var running []string
		for _, f := range r.Sheet.Fields {
			if f.Running {
				running = append(running, f.Label)
			}
		}
		if len(r.Sheet.Fields) < 3 || len(running) != 2 || !strings.HasPrefix(running[1], "Date") {
			t.Errorf("%s: the sheet's fields %+v, want a name and a date running on every page, and one more", id, r.Sheet.Fields)
		}
		if strings.HasPrefix(id, "qaf-") || id == "csom-observation" {
			if len(r.Sheet.Signoff) != 3 {
				t.Errorf("%s: the sign-off has %d lines, want 3 (observer, Work Coach or manager, date)", id, len(r.Sheet.Signoff))
			}
			data, err := os.ReadFile(filepath.Join(env.root, "rubrics", id+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "- title: Overall comments") {
				t.Errorf("%s: the sheet has no overall comments box", id)
			}
		}
	}
}

// TestSheetRunningHeader: a manager types the Work Coach's name and the
// date once, on screen, and they print at the top of every page of the
// QAF 1 sheet, with the sheet's title; nothing typed is kept or put in the
// URL. Page 2 is kept as a PNG (sheets/qaf-1-named.page-2.png).
func TestSheetRunningHeader(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	u := env.pageURL(overHTTP, "standards/qaf-1/sheet/")
	tb.open(u)
	inputs := eval[[]string](tb, `[...document.querySelectorAll(".running-head input")].map((i) => document.querySelector('label[for="' + i.id + '"]').textContent)`)
	if !slices.Equal(inputs, []string{"Work Coach:", "Date of observation:"}) {
		t.Fatalf("the running fields to type in: %q", inputs)
	}
	eval[bool](tb, `(() => {
  const [name, date] = document.querySelectorAll(".running-head input");
  name.value = "Alex Example"; date.value = "24 November 2026";
  for (const i of [name, date]) i.dispatchEvent(new Event("input", {bubbles: true}));
  return true;
})()`)
	p := tb.printPDF(env.artifact(t, "sheets", "qaf-1-named.pdf"))
	p.PNGs()
	if p.Pages < 3 {
		t.Fatalf("%s: the whole QAF 1 sheet has %d pages", p, p.Pages)
	}
	for n := 1; n <= p.Pages; n++ {
		text := squeeze(p.Text(n))
		for _, want := range []string{"QAF 1 - Gaining Commitment", "Work Coach: Alex Example", "Date of observation: 24 November 2026"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: page %d does not say %q:\n%s", p, n, want, text)
			}
		}
		if n > 1 && strings.Count(text, "QAF 1 - Gaining Commitment") > 2 {
			t.Errorf("%s: page %d repeats the title: %s", p, n, text)
		}
	}
	checkEveryPage(t, p, "QAF 1 - Gaining Commitment", "en")
	last := squeeze(p.Text(p.Pages))
	for _, want := range []string{"Overall comments", "Sign-off Observer: Work Coach: Date:"} {
		if !strings.Contains(last, want) {
			t.Errorf("%s: the last page does not hold %q:\n%s", p, want, last)
		}
	}
	if got := eval[string](tb, `location.href`); got != u {
		t.Errorf("the URL is now %s", got)
	}
	if n := eval[int](tb, `localStorage.length + sessionStorage.length`); n != 0 {
		t.Errorf("the sheet stored %d entries", n)
	}
	tb.axe("qaf-1 sheet with its running fields typed in")
}

// TestSheetRunningHeaderClaimant: the CAT's clerical record prints the
// claimant's name and the date at the top of every page as lines to write
// on: a claimant's name is never typed into the browser.
func TestSheetRunningHeaderClaimant(t *testing.T) {
	t.Parallel()
	p, _, tb := printSheet(t, "standards/cat/sheet/", "cat-running")
	if n := eval[int](tb, `document.querySelectorAll(".sheet input, .sheet textarea").length`); n != 0 {
		t.Errorf("the CAT's sheet has %d fields to type in", n)
	}
	for n := 1; n <= p.Pages; n++ {
		if text := squeeze(p.Text(n)); !strings.Contains(text, "Claimant: Date of interview:") {
			t.Errorf("%s: page %d does not carry the claimant's name and date lines:\n%s", p, n, text)
		}
	}
}

// TestSheetBadAreas: a link whose ?areas= names parts the sheet does not
// have says so, on screen and on the printed page, instead of printing the
// whole sheet without a word; once the user chooses, the message goes.
func TestSheetBadAreas(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, want string
		printed          []string // top-level ids printed; nil: every one
	}{
		{"none known", "standards/qaf-1/sheet/?areas=typo",
			"The link asks for skills areas this sheet does not have: “typo”. The whole sheet is printed.", nil},
		{"one known", "standards/qaf-1/sheet/?areas=active-listening,typo,other",
			"The link asks for skills areas this sheet does not have: “typo”, “other”. The others are printed.", []string{"active-listening"}},
		{"no choice", "standards/csom-observation/sheet/?areas=agrees-process",
			"The link asks for parts of this sheet (“agrees-process”), but it is printed whole.", nil},
		{"all known", "standards/qaf-1/sheet/?areas=questioning", "", []string{"questioning"}},
		{"empty", "standards/qaf-1/sheet/?areas=", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id := strings.Split(tt.path, "/")[1]
			r := loadRubric(t, id)
			p, _, tb := printSheet(t, tt.path, id+"-areas-"+strings.ReplaceAll(tt.name, " ", "-"))
			got := eval[string](tb, `((w) => w.hidden ? "" : w.textContent)(document.querySelector("[data-areas-error]"))`)
			if got != tt.want {
				t.Errorf("on screen: %q, want %q", got, tt.want)
			}
			if tt.want != "" && !strings.Contains(squeeze(p.Text(1)), tt.want) {
				t.Errorf("%s: page 1 does not say %q:\n%s", p, tt.want, squeeze(p.Text(1)))
			}
			for _, n := range r.Items {
				want := tt.printed == nil || slices.Contains(tt.printed, n.ID)
				if got := len(p.PageOf(n.Title)) > 0; got != want {
					t.Errorf("%s: %s printed = %v, want %v", p, n.ID, got, want)
				}
			}
			if tt.want != "" && id == "qaf-1" {
				tb.axe("qaf-1 sheet with a bad ?areas=")
				// Choosing is the user's word: the link's message goes.
				eval[bool](tb, `(document.querySelector("[data-choose-all]").click(), true)`)
				if !eval[bool](tb, `document.querySelector("[data-areas-error]").hidden`) {
					t.Errorf("the message stays after Select all")
				}
			}
		})
	}
}
