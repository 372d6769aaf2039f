//go:build browser

package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"go.yaml.in/yaml/v4"
)

// The self-assessment forms (issue 6): each kind of form is filled in by
// keyboard alone (Tab, Space, arrow keys, Enter, typing), its summary is
// checked against what the rubric's YAML says, its answers are exported as
// JSON and CSV through a real download and the JSON is imported again, the
// form with its summary passes axe, and the forms about a claimant never
// touch browser storage. Every tab also fails on any request that is not a
// file of the site (newTab).

// storageProbe runs before the page's own scripts and records every use of
// localStorage, sessionStorage, IndexedDB and document.cookie in
// window.__hbStorage, so a test can tell that a form never touched them, not
// only that they are empty.
const storageProbe = `(() => {
  const seen = (window.__hbStorage = []);
  const wrap = (obj, name) => {
    const d = obj && Object.getOwnPropertyDescriptor(obj, name);
    if (!d || !d.configurable) return;
    Object.defineProperty(obj, name, {
      configurable: true, enumerable: d.enumerable,
      get() { seen.push(name); return d.get ? d.get.call(this) : d.value; },
      set(v) { seen.push(name + "="); if (d.set) d.set.call(this, v); },
    });
  };
  for (const n of ["localStorage", "sessionStorage", "indexedDB"]) wrap(window, n) || wrap(Window.prototype, n);
  wrap(Document.prototype, "cookie");
})();`

// storageUsed returns what the page has used of browser storage: the probe's
// record, and what the stores hold.
type storageUsed struct {
	Touched   []string `json:"touched"`
	Local     int      `json:"local"`
	Session   int      `json:"session"`
	IndexedDB int      `json:"indexedDB"`
	Cookie    string   `json:"cookie"`
}

func (tb *tab) storage() storageUsed {
	tb.t.Helper()
	// Read the stores through the prototype getters, around the probe, so
	// the test's own look does not count as the page's.
	return eval[storageUsed](tb, `(async () => {
  const touched = (window.__hbStorage || []).slice();
  const get = (name) => (Object.getOwnPropertyDescriptor(Window.prototype, name) || Object.getOwnPropertyDescriptor(window, name)).get.call(window);
  let local = 0, session = 0, idb = 0;
  try { local = get("localStorage").length; } catch (e) { local = -1; }
  try { session = get("sessionStorage").length; } catch (e) { session = -1; }
  try { idb = (await get("indexedDB").databases()).length; } catch (e) { idb = -1; }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie").get.call(document);
  if (window.__hbStorage) window.__hbStorage.length = touched.length;
  return {touched, local, session, indexedDB: idb, cookie};
})()`)
}

// assessTab opens a tab that records storage use and downloads, and opens
// the form of the rubric id from o.
type assessTab struct {
	*tab
	downloads string

	mu      sync.Mutex
	dialogs []string // the types of the JavaScript dialogs the page opened
	upload  string   // the file the next file chooser gets
}

func openAssess(t *testing.T, o origin, id string) *assessTab {
	t.Helper()
	return openAssessURL(t, env.pageURL(o, "standards/"+id+"/assess/"))
}

// openAssessURL opens the form at u in a tab as openAssess does.
func openAssessURL(t *testing.T, u string) *assessTab {
	t.Helper()
	at := &assessTab{tab: newTab(t), downloads: t.TempDir()}
	// The listener only records and hands work to goroutines: it runs on the
	// tab's event loop, which the commands need.
	err := chromedp.Listen(at.ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			at.mu.Lock()
			at.dialogs = append(at.dialogs, string(ev.Type))
			at.mu.Unlock()
			go chromedp.Call(at.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		case *page.EventFileChooserOpened:
			at.mu.Lock()
			file := at.upload
			at.mu.Unlock()
			go chromedp.Call(at.ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{file}, BackendNodeID: ev.BackendNodeID})
		}
	})
	if err != nil {
		t.Fatalf("listen to the tab: %v", err)
	}
	at.call(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: storageProbe})
		if err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: true}); err != nil {
			return err
		}
		events := true
		_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: at.downloads, EventsEnabled: &events,
		})
		return err
	}, "set up the form's tab")
	at.open(u)
	at.waitFor(`!document.getElementById("assess-form").hidden`)
	return at
}

// upload is the file the next file chooser gets.
func (at *assessTab) setUpload(file string) {
	at.mu.Lock()
	at.upload = file
	at.mu.Unlock()
}

// press sends keys to the focused element, as a person typing.
func (at *assessTab) press(keys ...string) {
	at.t.Helper()
	at.call(func(ctx context.Context) error {
		for _, k := range keys {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
				return err
			}
		}
		return nil
	}, fmt.Sprintf("press %q", keys))
}

// tabTo presses Tab until the focused element matches the JavaScript
// condition on e (the focused element), failing after a page's worth.
func (at *assessTab) tabTo(cond string) {
	at.t.Helper()
	check := fmt.Sprintf(`((e) => !!e && (%s))(document.activeElement)`, cond)
	for i := 0; i < 400; i++ {
		if eval[bool](at.tab, check) {
			return
		}
		at.press(kb.Tab)
	}
	at.t.Fatalf("Tab never reached an element where %s", cond)
}

// choose answers a choice item by keyboard: Tab into its radios, then Space
// on the first or the arrow key down to the level.
func (at *assessTab) choose(item string, level int) {
	at.t.Helper()
	at.tabTo(fmt.Sprintf(`e.type === "radio" && e.name === %q`, item))
	if !eval[bool](at.tab, `document.activeElement.id.endsWith("--" + document.activeElement.form.querySelector('[name="' + document.activeElement.name + '"]').value)`) {
		at.t.Fatalf("%s: focus did not enter its radios at the first level", item)
	}
	if level == 0 {
		at.press(" ")
	}
	for i := 0; i < level; i++ {
		at.press(kb.ArrowDown)
	}
	got := eval[int](at.tab, fmt.Sprintf(`[...document.querySelectorAll('[name=%q]')].findIndex((r) => r.checked)`, item))
	if got != level {
		at.t.Fatalf("%s: level %d is chosen, want %d", item, got, level)
	}
}

// typeInto tabs to the element with the id and types text.
func (at *assessTab) typeInto(id, text string) {
	at.t.Helper()
	at.tabTo(fmt.Sprintf(`e.id === %q`, id))
	at.press(text)
}

// activate tabs to the element matching the CSS selector and presses Enter.
func (at *assessTab) activate(sel string) {
	at.t.Helper()
	at.tabTo(fmt.Sprintf(`e.matches(%q)`, sel))
	at.press(kb.Enter)
}

// top focuses the start of the page, so the next Tab walks the form from the
// beginning, as after loading it.
func (at *assessTab) top() {
	eval[bool](at.tab, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), document.querySelector("main").focus(), true)`)
}

// text returns the trimmed text of the element matching sel ("" if none).
func (at *assessTab) text(sel string) string {
	return eval[string](at.tab, fmt.Sprintf(`((e) => e ? e.textContent.replace(/\s+/g, " ").trim() : "")(document.querySelector(%q))`, sel))
}

// texts returns the trimmed text of each element matching sel.
func (at *assessTab) texts(sel string) []string {
	return eval[[]string](at.tab, fmt.Sprintf(`[...document.querySelectorAll(%q)].map((e) => e.textContent.replace(/\s+/g, " ").trim())`, sel))
}

// focused returns the id of the focused element.
func (at *assessTab) focused() string {
	return eval[string](at.tab, `document.activeElement ? document.activeElement.id : ""`)
}

// showSummary submits the form by keyboard and waits for the summary.
func (at *assessTab) showSummary() {
	at.t.Helper()
	at.activate(`#assess-form button[type="submit"]`)
	at.waitFor(`!document.getElementById("hb-summary").hidden`)
	if f := at.focused(); f != "hb-summary-title" {
		at.t.Errorf("after Show summary the focus is on %q, want the summary's heading", f)
	}
}

// download presses the button by keyboard and returns the file it saved.
func (at *assessTab) download(sel, ext string) (string, []byte) {
	at.t.Helper()
	before, _ := filepath.Glob(filepath.Join(at.downloads, "*"+ext))
	at.activate(sel)
	deadline := time.Now().Add(actionTimeout)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(at.downloads, "*"+ext))
		if len(files) > len(before) {
			for _, f := range files {
				if !contains(before, f) {
					data, err := os.ReadFile(f)
					if err == nil && len(data) > 0 {
						return filepath.Base(f), data
					}
				}
			}
		}
		time.Sleep(50 * time.Millisecond) // polling a folder, not a timed assertion
	}
	at.t.Fatalf("%s saved no %s file", sel, ext)
	return "", nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// importFile imports file through the "Compare with an earlier export"
// control by keyboard: Tab to it, Space opens the file chooser, which the
// tab answers with the file.
func (at *assessTab) importFile(file string) {
	at.t.Helper()
	at.setUpload(file)
	at.tabTo(`e.id === "hb-import"`)
	at.press(" ")
	at.waitFor(`!!document.querySelector("[data-compare] table, [data-compare] .error-message")`)
}

// leave navigates away and returns the JavaScript dialogs the page opened on
// the way (a "beforeunload" one when it warned about unsaved answers).
func (at *assessTab) leave() []string {
	at.t.Helper()
	at.mu.Lock()
	at.dialogs = nil
	at.mu.Unlock()
	at.open(env.pageURL(overHTTP, "standards/"))
	at.mu.Lock()
	defer at.mu.Unlock()
	return append([]string(nil), at.dialogs...)
}

// checkClaimantStorage fails the test if a claimant's form used any browser
// storage.
func (at *assessTab) checkClaimantStorage(label string) {
	at.t.Helper()
	s := at.storage()
	if len(s.Touched) > 0 || s.Local != 0 || s.Session != 0 || s.IndexedDB != 0 || s.Cookie != "" {
		at.t.Errorf("%s: a claimant's form used browser storage: %+v", label, s)
	}
}

// exported is the part of a JSON export the tests read.
type exported struct {
	Format  string            `json:"format"`
	Rubric  string            `json:"rubric"`
	Lang    string            `json:"lang"`
	Answers map[string]string `json:"answers"`
	Notes   *string           `json:"notes"`
	Consent *bool             `json:"consent"`
	Items   []struct {
		ID     string `json:"id"`
		Answer string `json:"answer"`
		Label  string `json:"label"`
	} `json:"items"`
	Summary struct {
		Answers map[string]string `json:"answers"`
		Blanked []string          `json:"blanked"`
		Counts  []struct {
			Level string `json:"level"`
			Count int    `json:"count"`
		} `json:"counts"`
		Lists []struct {
			ID    string   `json:"id"`
			Items []string `json:"items"`
		} `json:"lists"`
	} `json:"summary"`
}

func readExport(t *testing.T, data []byte) exported {
	t.Helper()
	var e exported
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatalf("the JSON export does not parse: %v\n%s", err, data)
	}
	if e.Format != "handbook-assess" {
		t.Errorf("the JSON export's format is %q", e.Format)
	}
	return e
}

// listAfter returns, for each link of the first list after the summary's
// heading with the text, the link's attribute attr ("href", or "text" for
// the list item's text).
func (at *assessTab) listAfter(heading, attr string) []string {
	at.t.Helper()
	return eval[[]string](at.tab, fmt.Sprintf(`(() => {
  const h = [...document.querySelectorAll("#hb-summary h3, #hb-summary h4")].find((h) => h.textContent === %q);
  let e = h && h.nextElementSibling;
  while (e && e.tagName !== "UL" && !/^H[1-6]$/.test(e.tagName)) e = e.nextElementSibling;
  if (!e || e.tagName !== "UL") return [];
  return [...e.querySelectorAll("li")].map((li) => %q === "text" ? li.textContent : li.querySelector("a").getAttribute(%q));
})()`, heading, attr, attr))
}

// TestAssessCAT fills the CAT (evidence bands; consent, blank → F, a notes
// box of 600 characters, the profile chart) by keyboard, from the test
// server and from file://.
func TestAssessCAT(t *testing.T) {
	for _, o := range origins {
		t.Run(string(o), func(t *testing.T) {
			at := openAssess(t, o, "cat")
			if got := at.text("[data-progress]"); got != "0 of 10 answered" {
				t.Errorf("progress says %q", got)
			}
			// Print is the only output of a claimant's form: no save,
			// export or import control, and the rule said as warning text.
			at.wantNoFileControls("cat")

			// Submitted without consent: the GOV.UK error summary, focused,
			// linking to the consent box.
			at.showErrorsOnSubmit()
			links := at.texts("[data-error-list] a")
			if len(links) != 1 || links[0] != "Confirm that the claimant has given their consent" {
				t.Errorf("error summary links %q", links)
			}
			if !strings.HasPrefix(eval[string](at.tab, `document.title`), "Error: ") {
				t.Errorf("the page title does not start with Error: %q", eval[string](at.tab, `document.title`))
			}
			if got := at.text("#hb-consent-error"); got != "Error: Confirm that the claimant has given their consent" {
				t.Errorf("consent error message %q", got)
			}
			at.press(kb.Tab) // to the error summary's link
			at.press(kb.Enter)
			if f := at.focused(); f != "hb-consent" {
				t.Fatalf("the error link moved the focus to %q, want hb-consent", f)
			}
			at.press(" ")

			// Four statements answered; the other six are left blank.
			at.choose("statement-1", 0) // A
			at.choose("statement-2", 2) // C
			at.choose("statement-3", 4) // E
			at.choose("statement-4", 1) // B
			if got := at.text("[data-progress]"); got != "4 of 10 answered" {
				t.Errorf("progress says %q", got)
			}
			at.typeInto("hb-notes", "Evidence recorded")
			if got := at.text("[data-char-count]"); got != "You have 583 characters remaining" {
				t.Errorf("character count says %q", got)
			}
			at.showSummary()

			if got := at.texts("#hb-summary ul:first-of-type li"); len(got) != 6 {
				t.Errorf("the summary lists %d statements recorded as F, want 6: %q", len(got), got)
			}
			if n := eval[int](at.tab, `document.querySelectorAll("#hb-summary svg circle").length`); n != 10 {
				t.Errorf("the profile chart has %d points, want 10", n)
			}
			rows := at.texts("#hb-summary .profile-table tbody tr")
			if len(rows) != 10 || !strings.HasSuffix(rows[0], "A") || !strings.HasSuffix(rows[9], "F") {
				t.Errorf("the profile table's rows: %q", rows)
			}
			concentrate := at.listAfter("Statements to concentrate your time on", "href")
			if len(concentrate) != 8 || contains(concentrate, "#q-statement-1-group") || !contains(concentrate, "#q-statement-2-group") {
				t.Errorf("statements to concentrate on: %q", concentrate)
			}
			if !strings.Contains(at.text("#hb-summary"), "At the beginning of the interview look through the previous copy of the CAT") {
				t.Errorf("the list's intro (chapter 5, paragraph 123) is not in the summary")
			}
			// axe reads the stylesheets by XMLHttpRequest, which file:// refuses,
			// so it runs on the pages the test server serves.
			if o == overHTTP {
				at.axe("cat: filled form with its summary")
			}

			// Distance travelled, typed from the paper copy of the previous
			// CAT: ten letters in one box, with the letter count and letters
			// off the scale told as errors.
			at.top()
			at.typeInto("hb-earlier-all", "BCADEBCFA")
			at.showErrorsOnSubmit()
			if links := at.texts("[data-error-list] a"); len(links) != 1 || links[0] != "Enter 10 letters, one for each statement: you entered 9" {
				t.Errorf("nine letters: error summary links %q", links)
			}
			at.press(kb.Tab, kb.Enter)
			if f := at.focused(); f != "hb-earlier-all" {
				t.Errorf("the error link moved the focus to %q, want hb-earlier-all", f)
			}
			at.press(kb.End, "G")
			at.showErrorsOnSubmit()
			if links := at.texts("[data-error-list] a"); len(links) != 1 || links[0] != "Letter 10, “G”, is not one of A, B, C, D, E, F" {
				t.Errorf("a letter off the scale: error summary links %q", links)
			}
			if got := at.text("#hb-earlier-all-error"); got != "Error: Letter 10, “G”, is not one of A, B, C, D, E, F" {
				t.Errorf("the box's error message: %q", got)
			}
			at.shot("cat-letters-in-error", "#hb-earlier")
			at.focusOn("hb-earlier-all")
			at.press(kb.Backspace, "b")
			if got := at.text("#hb-earlier-all-error"); got != "" {
				t.Errorf("the error stays once the letters are right: %q", got)
			}
			// The one box fills the box of each statement.
			if got := eval[string](at.tab, `[...document.querySelectorAll("[data-earlier-item]")].map((f) => f.value).join("")`); got != "BCADEBCFAB" {
				t.Errorf("the statements' boxes hold %q", got)
			}
			// A box of its own for a statement: a wrong letter is told when
			// the person leaves it.
			at.typeInto("hb-earlier-statement-5", "X")
			at.press(kb.Tab)
			if got := at.text("#hb-earlier-statement-5-error"); got != "Error: Enter one of A, B, C, D, E, F for statement 5" {
				t.Errorf("statement 5's box in error: %q", got)
			}
			if got := eval[string](at.tab, `document.getElementById("hb-earlier-all").value`); got != "" {
				t.Errorf("the one box keeps %q while a statement's box is wrong", got)
			}
			at.focusOn("hb-earlier-statement-5")
			at.press(kb.Backspace, "e")
			at.focusOn("hb-earlier-statement-2")
			at.press(kb.Backspace, "d")
			if got := eval[string](at.tab, `document.getElementById("hb-earlier-all").value`); got != "BDADEBCFAB" {
				t.Errorf("the statements' boxes wrote %q in the one box", got)
			}
			at.showSummary()
			// Now A C E B and F F F F F F (left blank); before B D A D E B C F A B.
			rows = at.compareRows()
			want := []string{
				"1|B|A|Better", "2|D|C|Better", "3|A|E|Worse", "4|D|B|Better", "5|E|F|Worse",
				"6|B|F|Worse", "7|C|F|Worse", "8|F|F|No change", "9|A|F|Worse", "10|B|F|Worse",
			}
			if !slices.Equal(rows, want) {
				t.Errorf("distance travelled:\n\t%s\nwant\n\t%s", strings.Join(rows, "\n\t"), strings.Join(want, "\n\t"))
			}
			if got := at.text("[data-compare] h3 + p"); !strings.Contains(got, "9 of 10 answers have changed. 3 better, 6 worse.") {
				t.Errorf("the distance travelled says %q", got)
			}
			if o == overHTTP {
				at.axe("cat: distance travelled from the letters typed")
			}
			at.shot("cat-distance-travelled", "[data-compare]")
			// Nothing the form holds reached the URL.
			if u := eval[string](at.tab, `location.href`); u != env.pageURL(o, "standards/cat/assess/") {
				t.Errorf("the URL is now %s", u)
			}

			at.checkClaimantStorage(string(o) + " cat")
			if d := at.leave(); len(d) != 1 || d[0] != "beforeunload" {
				t.Errorf("leaving a form with answers opened dialogs %q, want one beforeunload warning", d)
			}
		})
	}
}

// wantNoFileControls fails the test if a claimant's form offers any way to
// keep its answers but paper: save, delete, export or import controls, or
// their words; and unless it says the rule as GOV.UK warning text.
func (at *assessTab) wantNoFileControls(label string) {
	at.t.Helper()
	if n := eval[int](at.tab, `document.querySelectorAll('[data-action="save"], [data-action="delete"], [data-action^="export"], [data-action="import"], input[type="file"], [download]').length`); n != 0 {
		at.t.Errorf("%s: a claimant's form has %d save, export or import controls", label, n)
	}
	page := eval[string](at.tab, `document.body.textContent`)
	for _, w := range []string{"Export as JSON", "Export as CSV", "Compare with an earlier export", "Save on this device", "Allforio", "Cymharu ag allforiad"} {
		if strings.Contains(page, w) {
			at.t.Errorf("%s: a claimant's form offers %q", label, w)
		}
	}
	if got := at.text(".privacy-note.warning-text .callout-body"); !strings.Contains(got, "must not be saved electronically") && !strings.Contains(got, "Rhaid peidio â chadw") {
		at.t.Errorf("%s: the form's warning text says %q", label, got)
	}
	if !eval[bool](at.tab, `document.getElementById("assess-form").getAttribute("autocomplete") === "off"`) {
		at.t.Errorf("%s: a claimant's form lets the browser remember its fields", label)
	}
}

// groupSummary returns, for each group of the summary, its heading and the
// text of what follows it first: "Title: Not answered".
func (at *assessTab) groupSummary() []string {
	return eval[[]string](at.tab, `[...document.querySelectorAll("#hb-summary h3")].map((h) => h.textContent + ": " + (h.nextElementSibling ? (h.nextElementSibling.querySelector("dt") || h.nextElementSibling).textContent : ""))`)
}

// focusOn focuses the element with the id, with the caret at its end.
func (at *assessTab) focusOn(id string) {
	at.t.Helper()
	eval[bool](at.tab, fmt.Sprintf(`((e) => (e.focus(), e.setSelectionRange && e.setSelectionRange(e.value.length, e.value.length), document.activeElement === e))(document.getElementById(%q))`, id))
}

// compareRows returns the rows of the distance travelled table, their cells
// joined by "|", the item's number alone.
func (at *assessTab) compareRows() []string {
	return eval[[]string](at.tab, `[...document.querySelectorAll("[data-compare] .compare-table tbody tr")].map((tr) => [...tr.cells].map((c, i) => i ? c.textContent : c.textContent.split(" ")[0]).join("|"))`)
}

// shot saves a PNG of the element matching sel to the artifacts (assess/).
func (at *assessTab) shot(name, sel string) {
	at.t.Helper()
	var buf []byte
	at.call(func(ctx context.Context) error {
		var err error
		buf, err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		return err
	}, "screenshot "+sel)
	if err := os.WriteFile(env.artifact(at.t, "assess", name+".png"), buf, 0o644); err != nil {
		at.t.Fatal(err)
	}
}

// showErrorsOnSubmit submits the form by keyboard and waits for the error
// summary, which takes the focus.
func (at *assessTab) showErrorsOnSubmit() {
	at.t.Helper()
	at.activate(`#assess-form button[type="submit"]`)
	at.waitFor(`!document.querySelector("[data-error-summary]").hidden`)
	if f := eval[bool](at.tab, `document.activeElement === document.querySelector("[data-error-summary]")`); !f {
		at.t.Errorf("the error summary does not have the focus")
	}
	if !eval[bool](at.tab, `document.getElementById("hb-summary").hidden`) {
		at.t.Errorf("the summary is shown although the form has errors")
	}
}

// TestAssessNotes checks the CAT's notes box (at most 600 characters, the
// GOV.UK character count pattern) and its error when it holds more.
func TestAssessNotes(t *testing.T) {
	at := openAssess(t, overHTTP, "cat")
	at.tabTo(`e.id === "hb-consent"`)
	at.press(" ")
	at.tabTo(`e.id === "hb-notes"`)
	at.call(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: strings.Repeat("ŵ", 590)})
		return err
	}, "type 590 characters")
	at.press("Twelve more.")
	if got := at.text("[data-char-count]"); got != "You have 2 characters too many" {
		t.Errorf("character count says %q", got)
	}
	if !eval[bool](at.tab, `document.querySelector("[data-char-count]").classList.contains("over")`) {
		t.Errorf("the count over the limit is not marked as an error")
	}
	at.waitFor(`document.querySelector("[data-char-status]").textContent === "You have 2 characters too many"`)
	if got := at.text("#hb-notes-count"); got != "You can enter up to 600 characters" {
		t.Errorf("the notes box's description says %q", got)
	}
	at.showErrorsOnSubmit()
	if links := at.texts("[data-error-list] a"); len(links) != 1 || links[0] != "Notes must be 600 characters or fewer" {
		t.Errorf("error summary links %q", links)
	}
	at.press(kb.Tab)
	at.press(kb.Enter)
	if f := at.focused(); f != "hb-notes" {
		t.Errorf("the error link moved the focus to %q, want hb-notes", f)
	}
	at.axe("cat: the notes box in error")
	at.press(kb.Backspace, kb.Backspace)
	if got := at.text("[data-char-count]"); got != "You have 0 characters remaining" {
		t.Errorf("character count says %q", got)
	}
	at.showSummary()
	at.activate(`[data-action="clear"]`)
	at.checkClaimantStorage("cat, notes")
}

// TestAssessClearForm checks that "Clear form" empties a claimant's form, so
// that leaving it no longer warns.
func TestAssessClearForm(t *testing.T) {
	at := openAssess(t, overFile, "quest-1")
	at.typeInto("q-job-looking-for", "Chef")
	at.choose("understand-requirements", 2)
	at.typeInto("q-other-job", "Kitchen porter")
	at.activate(`[data-action="clear"]`)
	if got := at.text("[data-progress]"); got != "0 of 32 answered" {
		t.Errorf("after Clear form progress says %q", got)
	}
	if got := at.text("[data-save-status]"); got != "The form has been cleared." {
		t.Errorf("after Clear form the status says %q", got)
	}
	if v := eval[string](at.tab, `[...document.querySelectorAll("#assess-form textarea")].map((t) => t.value).join("") + [...document.querySelectorAll("#assess-form input:checked")].length`); v != "0" {
		t.Errorf("the form still holds %q after Clear form", v)
	}
	at.checkClaimantStorage("quest-1")
	if d := at.leave(); len(d) != 0 {
		t.Errorf("leaving a cleared form opened dialogs %q", d)
	}
}

// interfaceWords are the words of templates/i18n/<lang>.yaml the form and
// its summary show.
var interfaceWords = []string{
	"assess_progress", "show_summary", "clear_form", "summary", "export_json", "export_csv", "print", "import_json",
	"col_level", "col_count", "counts_caption", "none_listed", "not_answered", "compare_title", "col_earlier", "col_now",
	"col_change", "changed", "unchanged", "changed_count", "compare_intro", "privacy_claimant",
}

func words(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(env.root, "templates", "i18n", lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	w := map[string]string{}
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatal(err)
	}
	return w
}

// fragments returns the parts of a word between its %d and %s, long enough
// to be told apart from another language.
func fragments(s string) []string {
	var out []string
	for _, f := range regexp.MustCompile(`%(\[\d\])?[ds]`).Split(s, -1) {
		if f = strings.TrimSpace(strings.Trim(f, ".:,")); len(f) >= 4 {
			out = append(out, f)
		}
	}
	return out
}

// TestAssessQuest1W fills Quest 1W (a questionnaire in Welsh: text items,
// items that signal a need by "Oes") by keyboard and checks that the form
// and its summary are Welsh throughout, interface included.
func TestAssessQuest1W(t *testing.T) {
	at := openAssess(t, overHTTP, "quest-1w")
	if lang := eval[string](at.tab, `document.documentElement.lang`); lang != "cy" {
		t.Errorf("the page's language is %q, want cy", lang)
	}
	at.typeInto("q-job-looking-for", "Gofalwr")
	at.choose("understand-requirements", 0) // Na: signals a need
	at.choose("fill-in-forms", 3)           // Ansicr
	at.choose("housing", 2)                 // Oes: a negative item, so a need
	at.choose("drugs-alcohol", 0)           // Na: no need
	if got := at.text("[data-progress]"); got != "5 o 32 wedi'u hateb" {
		t.Errorf("progress says %q", got)
	}
	at.showSummary()

	groups := at.texts("#hb-summary h3")
	if len(groups) != 4 || groups[0] != "Cael swydd" || groups[3] != "Mae angen cymorth arnaf gyda’r canlynol" {
		t.Errorf("the summary's challenges: %q", groups)
	}
	needs := eval[[]string](at.tab, `[...document.querySelectorAll("#hb-summary h4")].filter((h) => h.textContent === "Atebion sy’n dangos angen").flatMap((h) => [...h.nextElementSibling.querySelectorAll("a")].map((a) => a.getAttribute("href")))`)
	if strings.Join(needs, " ") != "#q-understand-requirements-group #q-housing-group" {
		t.Errorf("answers that signal a need: %q", needs)
	}
	unsure := eval[[]string](at.tab, `[...document.querySelectorAll("#hb-summary h4")].filter((h) => h.textContent === "Ansicr").flatMap((h) => [...h.nextElementSibling.querySelectorAll("a")].map((a) => a.textContent))`)
	if len(unsure) != 1 || unsure[0] != "Gallaf gwblhau ffurflenni" {
		t.Errorf("not sure: %q", unsure)
	}
	if got := at.texts("#hb-summary .by-group tbody tr:first-child td"); strings.Join(got, " ") != "1 0 0 1 7" {
		t.Errorf("the counts of the first challenge: %q (Na, I ryw raddau, Oes, Ansicr, not answered)", got)
	}

	// The answer in the claimant's own words is in the summary, under its
	// challenge; a challenge with nothing answered says so.
	written := eval[[]string](at.tab, `[...document.querySelectorAll("#hb-summary .written-answers dt, #hb-summary .written-answers dd")].map((e) => e.textContent)`)
	if len(written) != 2 || written[0] != "Pa swydd ydych chi’n chwilio amdani?" || written[1] != "Gofalwr" {
		t.Errorf("the written answers in the summary: %q", written)
	}
	if got := at.groupSummary(); !slices.Contains(got, "Dod o hyd i swydd sy’n agos i chi: Heb ei ateb") || !slices.Contains(got, "Cael swydd: Pa swydd ydych chi’n chwilio amdani?") {
		t.Errorf("a challenge with nothing answered: %q", got)
	}
	at.wantNoFileControls("quest-1w")
	at.axe("quest-1w: filled form and summary")

	// Welsh throughout: no English interface word on the page.
	en, cy := words(t, "en"), words(t, "cy")
	page := eval[string](at.tab, `document.querySelector("main").innerText`)
	for _, k := range interfaceWords {
		if en[k] == cy[k] {
			continue
		}
		for _, f := range fragments(en[k]) {
			if strings.Contains(page, f) {
				t.Errorf("the Welsh form shows English %q (%s)", f, k)
			}
		}
	}
	for _, k := range []string{"show_summary", "summary", "counts_caption", "not_answered"} {
		if !strings.Contains(page, cy[k]) {
			t.Errorf("the Welsh form does not show %q (%s)", cy[k], k)
		}
	}
	at.checkClaimantStorage("quest-1w")
}

// TestAssessQuestionnaire fills two items of the question bank (140 items
// under the Five Challenges) by keyboard.
func TestAssessQuestionnaire(t *testing.T) {
	at := openAssess(t, overHTTP, "questionnaire")
	at.choose("criminal-offence", 2) // Yes, to an item phrased so that Yes signals a need
	at.choose("self-confidence", 1)  // To some extent
	at.showSummary()
	needs := eval[[]string](at.tab, `[...document.querySelectorAll("#hb-summary h4")].filter((h) => h.textContent === "Answers that signal a need").flatMap((h) => [...h.nextElementSibling.querySelectorAll("li")].map((li) => li.textContent))`)
	if strings.Join(needs, "|") != "I committed a criminal offence: Yes|My self-confidence is good: To some extent" {
		t.Errorf("answers that signal a need: %q", needs)
	}
	if n := len(at.texts("#hb-summary h3")); n != 5 {
		t.Errorf("the summary has %d challenges, want 5", n)
	}
	at.axe("questionnaire: summary")
	at.wantNoFileControls("questionnaire")
	at.checkClaimantStorage("questionnaire")
}

// TestAssessQuest1Summary: the summary of Quest 1 shows the answers in the
// claimant's own words under their challenge, and says "Not answered" of a
// challenge with nothing answered, never "None." (issue 16).
func TestAssessQuest1Summary(t *testing.T) {
	at := openAssess(t, overHTTP, "quest-1")
	at.wantNoFileControls("quest-1")
	at.typeInto("q-job-looking-for", "Chef")
	at.typeInto("q-other-job", "Kitchen porter")
	at.choose("housing", 2) // Yes, to an item that signals a need
	at.showSummary()
	written := at.texts("#hb-summary .written-answers dt, #hb-summary .written-answers dd")
	if want := []string{"What job are you looking for?", "Chef", "If you couldn’t get that job, what other might you consider?", "Kitchen porter"}; !slices.Equal(written, want) {
		t.Errorf("the written answers: %q, want %q", written, want)
	}
	groups := at.groupSummary()
	for _, want := range []string{"Getting a Job: What job are you looking for?", "Finding a job near you: Not answered", "Finding and keeping a job: Not answered"} {
		if !slices.Contains(groups, want) {
			t.Errorf("the summary's challenges %q lack %q", groups, want)
		}
	}
	if page := at.text("#hb-summary"); strings.Contains(page, "None.") {
		t.Errorf("the summary says None.: %q", page)
	}
	if u := eval[string](at.tab, `location.href`); u != env.pageURL(overHTTP, "standards/quest-1/assess/") {
		t.Errorf("the URL is now %s", u)
	}
	at.axe("quest-1: summary with written answers")
	at.checkClaimantStorage("quest-1")
	at.activate(`[data-action="clear"]`)
}

// TestAssessQAF4 fills QAF 4 (levelled standards, some relabelled) by
// keyboard, saves it on the device, reloads it, and deletes it.
func TestAssessQAF4(t *testing.T) {
	at := openAssess(t, overHTTP, "qaf-4")
	at.call(func(ctx context.Context) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.removeItem("handbook-assess:qaf-4"), true`))
		return err
	}, "start with nothing saved")
	at.open(env.pageURL(overHTTP, "standards/qaf-4/assess/"))
	// A self-assessment form reads on load whether answers were saved: the
	// probe must see that, or its silence on a claimant's form proves nothing.
	if s := at.storage(); !contains(s.Touched, "localStorage") {
		t.Errorf("the storage probe did not see qaf-4 read localStorage: %+v", s)
	}
	if !eval[bool](at.tab, `document.querySelector('[data-action="delete"]').hidden`) {
		t.Errorf("Delete saved answers is shown with nothing saved")
	}
	at.choose("continuous-personal-development", 0) // Best practice
	at.choose("specialist-knowledge-current", 2)    // Incomplete (development)
	at.choose("specialist-knowledge-developing", 1) // Some activity (ok)
	if eval[int](at.tab, `localStorage.length`) != 0 {
		t.Errorf("answers were stored before Save on this device was pressed")
	}
	at.activate(`[data-action="save"]`)
	if got := at.text("[data-save-status]"); !strings.HasPrefix(got, "Your answers are saved on this device.") {
		t.Errorf("after saving the status says %q", got)
	}
	saved := eval[string](at.tab, `localStorage.getItem("handbook-assess:qaf-4") || ""`)
	if !strings.Contains(saved, `"specialist-knowledge-current":"development"`) {
		t.Errorf("saved: %s", saved)
	}
	if d := at.leave(); len(d) != 0 {
		t.Errorf("leaving a saved form opened dialogs %q", d)
	}

	at.open(env.pageURL(overHTTP, "standards/qaf-4/assess/"))
	if got := at.text("[data-save-status]"); !strings.HasPrefix(got, "Answers you saved on this device on ") {
		t.Errorf("on reload the status says %q", got)
	}
	if got := at.text("[data-progress]"); got != "3 of 16 answered" {
		t.Errorf("on reload progress says %q", got)
	}
	at.showSummary()
	if got := at.texts("#hb-summary .counts tbody td"); strings.Join(got, " ") != "1 1 1 13" {
		t.Errorf("counts: %q", got)
	}
	if got := at.texts("#hb-summary h3 + ul li"); len(got) != 1 || got[0] != "Specialist Knowledge: Current Level: Incomplete" {
		t.Errorf("development needs: %q", got)
	}
	at.axe("qaf-4: filled form with its summary")
	at.activate(`[data-action="delete"]`)
	if got := at.text("[data-save-status]"); got != "Your saved answers have been deleted from this device." {
		t.Errorf("after deleting the status says %q", got)
	}
	if eval[int](at.tab, `localStorage.length`) != 0 {
		t.Errorf("Delete saved answers left %d entries", eval[int](at.tab, `localStorage.length`))
	}
	if f := at.focused(); f != "" && !eval[bool](at.tab, `document.activeElement.matches('[data-action="save"]')`) {
		t.Errorf("after deleting the focus is on %q", f)
	}
	if d := at.leave(); len(d) != 1 {
		t.Errorf("leaving a form whose saved answers were deleted opened dialogs %q, want a warning", d)
	}
}

// TestAssessChecklist fills the CSOM observation checklist (Yes/No) by
// keyboard.
func TestAssessChecklist(t *testing.T) {
	at := openAssess(t, overHTTP, "csom-observation")
	at.choose("agrees-process", 0)              // Yes
	at.choose("completes-observation-sheet", 1) // No
	at.choose("does-not-participate", 1)        // No
	at.showSummary()
	if got := at.texts("#hb-summary .counts tbody td"); strings.Join(got, " ") != "1 2 9" {
		t.Errorf("counts (Yes, No, not answered): %q", got)
	}
	if got := at.texts("#hb-summary h3 + ul li a"); len(got) != 2 {
		t.Errorf("activities marked No: %q", got)
	}
	at.axe("csom-observation: filled form with its summary")

	// Not about a claimant, so it exports, and an earlier export read back
	// shows which way each answer moved.
	_, data := at.download(`[data-action="export-json"]`, ".json")
	file := filepath.Join(t.TempDir(), "earlier.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	at.change("agrees-process", 1)              // Yes → No
	at.change("completes-observation-sheet", 0) // No → Yes
	at.importFile(file)
	rows := eval[[]string](at.tab, `[...document.querySelectorAll("[data-compare] .compare-table tbody tr")].slice(0, 4).map((tr) => [...tr.cells].slice(1).map((c) => c.textContent).join("|"))`)
	if want := []string{"Yes|No|Worse", "No|Yes|Better", "No|No|No change", "Not answered|Not answered|Not compared"}; !slices.Equal(rows, want) {
		t.Errorf("the comparison: %q, want %q", rows, want)
	}
	if got := at.text("[data-compare] h3 + p"); !strings.HasSuffix(got, "2 of 12 answers have changed. 1 better, 1 worse.") {
		t.Errorf("the comparison says %q", got)
	}
}

// TestAssessQIF fills two sub-standards of the IEP QIF (framework standards
// under six components) by keyboard.
func TestAssessQIF(t *testing.T) {
	at := openAssess(t, overHTTP, "qif")
	at.choose("1-1", 2) // We cannot show this yet
	at.choose("2-1", 1) // We can show some of this
	at.showSummary()
	rows := eval[[]string](at.tab, `[...document.querySelectorAll("#hb-summary .by-group tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent).join("|"))`)
	if len(rows) != 6 || rows[0] != "Commitment to Quality|0|0|1|4" || rows[1] != "Capacity for Improvement|0|1|0|5" {
		t.Errorf("counts by component: %q", rows)
	}
	if got := at.texts(`#hb-summary h4 + ul li`); strings.Join(got, "|") != "1.1 Commitment to quality in policies and service: We cannot show this yet|2.1 Ability, expertise and will to get better: We can show some of this" {
		t.Errorf("the lists: %q", got)
	}
	at.axe("qif: filled form with its summary")
	at.call(func(ctx context.Context) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.clear(), true`))
		return err
	}, "clear the test's storage")
}

// TestAssessPrint prints a completed CAT with its summary and checks the
// summary is on the paper. The PDF is kept in the artifacts (assess/).
func TestAssessPrint(t *testing.T) {
	at := openAssess(t, overHTTP, "cat")
	at.tabTo(`e.id === "hb-consent"`)
	at.press(" ")
	at.choose("statement-1", 3)
	at.showSummary()
	p := at.printPDF(env.artifact(t, "assess", "cat.pdf"))
	text := squeeze(p.AllText())
	for _, want := range []string{"Summary", "Profile", "Statements to concentrate your time on", "Left blank, so recorded as F:"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: the printed form does not hold %q", p, want)
		}
	}
	for _, not := range []string{"Export as JSON", "Show summary", "Compare with an earlier export"} {
		if strings.Contains(text, not) {
			t.Errorf("%s: the printed form shows the button %q", p, not)
		}
	}
	p.PNGs()
	at.checkClaimantStorage("cat, printed")
	at.activate(`[data-action="clear"]`)
}
