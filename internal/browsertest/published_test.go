//go:build browser

package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The rubric contract of issue 15 in Chromium: four rubrics from published
// sources outside the handbook (internal/rubric/testdata/published) are
// filled by keyboard from file:// and over HTTP, and their summaries read
// back. Between them they use every rule: weights, a not-applicable
// answer, items scored in reverse, a blank recorded as an answer, blanks
// left out of the total, bands with ties at their edges, and levels that
// share a label, told apart by their codes. The totals expected are worked
// by hand beside each step.

// openPublished opens the form of a published rubric.
func openPublished(t *testing.T, o origin, id string) *assessTab {
	t.Helper()
	return openAssessURL(t, env.publishedURL(o, "standards/"+id+"/assess/"))
}

// change answers an item that has an answer already, by keyboard: Tab
// reaches its checked radio, and the arrow keys move to the level.
func (at *assessTab) change(item string, level int) {
	at.t.Helper()
	at.top()
	at.tabTo(fmt.Sprintf(`e.type === "radio" && e.name === %q`, item))
	from := eval[int](at.tab, `[...document.querySelectorAll('[name="' + document.activeElement.name + '"]')].indexOf(document.activeElement)`)
	for ; from < level; from++ {
		at.press(kb.ArrowDown)
	}
	for ; from > level; from-- {
		at.press(kb.ArrowUp)
	}
	got := eval[int](at.tab, fmt.Sprintf(`[...document.querySelectorAll('[name=%q]')].findIndex((r) => r.checked)`, item))
	if got != level {
		at.t.Fatalf("%s: level %d is chosen, want %d", item, got, level)
	}
}

// summaryLines returns the sentences of the summary's total: the total
// itself, then what is left out of it and the band.
func (at *assessTab) summaryLines() []string {
	return at.texts("[data-summary-body] > p")
}

// wantLines fails the test unless the summary holds each line, in order.
func (at *assessTab) wantLines(label string, want ...string) {
	at.t.Helper()
	got := at.summaryLines()
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	if i < len(want) {
		at.t.Errorf("%s: the summary says\n\t%s\nwant, in order,\n\t%s", label, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// radioNames returns the accessible names Chromium gives the radios of the
// page, in order, from its accessibility tree.
func (at *assessTab) radioNames() []string {
	at.t.Helper()
	var names []string
	at.call(func(ctx context.Context) error {
		tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			return err
		}
		for _, n := range tree.Nodes {
			if n.Role == nil || n.Name == nil || n.Ignored {
				continue
			}
			var role, name string
			if err := json.Unmarshal(n.Role.Value, &role); err != nil || role != "radio" {
				continue
			}
			if err := json.Unmarshal(n.Name.Value, &name); err != nil {
				return err
			}
			names = append(names, name)
		}
		return nil
	}, "read the accessibility tree")
	return names
}

func TestAssessPublishedRosenberg(t *testing.T) {
	// SA, A, D, SD are levels 0 to 3; statements 2, 5, 6, 8 and 9 count in
	// reverse (SA=0 … SD=3).
	for _, o := range origins {
		t.Run(string(o), func(t *testing.T) {
			at := openPublished(t, o, "rosenberg-self-esteem")
			answers := []int{1, 2, 0, 1, 3, 1, 1, 2, 3, 2} // A D SA A SD A A D SD D
			ids := []string{"satisfied", "no-good", "good-qualities", "as-well-as-others", "not-proud", "useless", "person-of-worth", "more-respect", "failure", "positive-attitude"}
			for i, id := range ids[:9] {
				at.choose(id, answers[i])
			}
			// Every statement is required: the tenth is asked for.
			at.showErrorsOnSubmit()
			if links := at.texts("[data-error-list] a"); len(links) != 1 || links[0] != "Choose an answer for statement 10" {
				t.Errorf("error summary links %q", links)
			}
			at.top()
			at.choose(ids[9], answers[9])
			at.showSummary()
			// 1 A=2, 2 D→2, 3 SA=3, 4 A=2, 5 SD→3, 6 A→1, 7 A=2, 8 D→2, 9 SD→3, 10 D=1: 21.
			at.wantLines("21", "Total score: 21 out of 30", "The total is in the band “Within normal range” (15 to 25).")
			if !strings.Contains(at.text("[data-summary-body]"), "Scores between 15 and 25 are within normal range.") {
				t.Errorf("the band's text is not in the summary: %q", at.text("[data-summary-body]"))
			}
			if o == overHTTP {
				at.axe("rosenberg: summary with a band")
			}
			// 3 SA→SD: −3; 5 SD→SA (reversed 3→0): −3. 15, the lowest of
			// the normal range.
			at.change(ids[2], 3)
			at.change(ids[4], 0)
			at.wantLines("15", "Total score: 15 out of 30", "The total is in the band “Within normal range” (15 to 25).")
			// 4 A→D: −1. 14, the highest of the low band.
			at.change(ids[3], 2)
			at.wantLines("14", "Total score: 14 out of 30", "The total is in the band “Low self-esteem” (0 to 14).")
			if !strings.Contains(at.text("[data-summary-body]"), "Scores below 15 suggest low self-esteem.") {
				t.Errorf("the low band's text is not in the summary")
			}
			_, csv := at.download(`[data-action="export-csv"]`, ".csv")
			if !strings.Contains(string(csv), `"Total score: 14 out of 30"`) || !strings.Contains(string(csv), `"The total is in the band “Low self-esteem” (0 to 14)."`) {
				t.Errorf("the CSV export:\n%s", csv)
			}
		})
	}
}

func TestAssessPublishedVALUE(t *testing.T) {
	for _, o := range origins {
		t.Run(string(o), func(t *testing.T) {
			at := openPublished(t, o, "value-written-communication")
			// No two radios of a criterion share an accessible name.
			names := at.radioNames()
			if len(names) != 25 {
				t.Fatalf("%d radios in the accessibility tree, want 25: %q", len(names), names)
			}
			want := []string{"Capstone", "Milestones (3)", "Milestones (2)", "Benchmark", "Does not meet benchmark (cell one) level performance"}
			for i := 0; i < 25; i += 5 {
				if !slices.Equal(names[i:i+5], want) {
					t.Errorf("criterion %d: the radios are named %q, want %q", i/5+1, names[i:i+5], want)
				}
			}
			// Four criteria of five: 4 + 3 + 2 + 1 = 10, out of 4 × 4 = 16.
			at.choose("context-and-purpose", 0)
			at.choose("content-development", 1)
			at.choose("genre-and-conventions", 2)
			at.choose("sources-and-evidence", 3)
			at.showSummary()
			at.wantLines("four of five", "Total score: 10 out of 16", "1 left blank: not in the total or its maximum.")
			counts := at.texts("[data-summary-body] table.counts tbody tr")
			// A row's text runs its cells together: "Milestones (3)" and 1.
			if !slices.Contains(counts, "Milestones (3)1") || !slices.Contains(counts, "Milestones (2)1") || !slices.Contains(counts, "Not answered1") {
				t.Errorf("the counts: %q", counts)
			}
			if o == overHTTP {
				at.axe("value: summary")
			}
			// The fifth a zero: 10 + 0, out of 20.
			at.top()
			at.choose("syntax-and-mechanics", 4) // unanswered until now
			at.wantLines("five of five", "Total score: 10 out of 20")
			if got := at.summaryLines(); slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "left blank") }) {
				t.Errorf("nothing is blank now, but the summary says %q", got)
			}
			name, data := at.download(`[data-action="export-json"]`, ".json")
			e := readExport(t, data)
			if !strings.HasPrefix(name, "value-written-communication-") || !strings.Contains(string(data), `"label": "Milestones (3)"`) || e.Answers["genre-and-conventions"] != "milestone-2" {
				t.Errorf("the JSON export %s:\n%s", name, data)
			}
		})
	}
}

func TestAssessPublishedSUS(t *testing.T) {
	for _, o := range origins {
		t.Run(string(o), func(t *testing.T) {
			at := openPublished(t, o, "system-usability-scale")
			ids := []string{"use-frequently", "unnecessarily-complex", "easy-to-use", "need-support", "well-integrated", "inconsistency", "learn-quickly", "cumbersome", "confident", "learn-a-lot"}
			// Positions 3 3 4 2 3 4 3 2 4 (levels 2 2 3 1 2 3 2 1 3), and the
			// tenth left blank, which records the centre point, 3.
			for i, level := range []int{2, 2, 3, 1, 2, 3, 2, 1, 3} {
				at.choose(ids[i], level)
			}
			at.showSummary()
			// Odd items p − 1: 2 3 2 2 3 = 12; even items 5 − p: 2 3 1 3 2
			// (the blank at 3) = 11; 23 × 2.5 = 57.5.
			at.wantLines("57.5", "Total score: 57.5 out of 100")
			if got := at.texts("[data-summary-body] > ul li"); len(got) != 1 || got[0] != "10 I needed to learn a lot of things before I could get going with this system" {
				t.Errorf("items recorded as 3: %q", got)
			}
			if o == overHTTP {
				at.axe("sus: summary")
			}
			// 1 to 5 (+2.5 × 2 = 5): 62.5; 2 to 1 (5 − 1 = 4, was 2: +5): 67.5.
			at.change(ids[0], 4)
			at.change(ids[1], 0)
			at.wantLines("67.5", "Total score: 67.5 out of 100")
		})
	}
}

func TestAssessPublishedQualSyst(t *testing.T) {
	for _, o := range origins {
		t.Run(string(o), func(t *testing.T) {
			at := openPublished(t, o, "qualsyst-quantitative")
			ids := []string{"question", "design", "selection", "characteristics", "random-allocation", "blinding-investigators", "blinding-subjects",
				"outcome-measures", "sample-size", "analytic-methods", "variance", "confounding", "results", "conclusions"}
			// Yes, partial, no, N/A are levels 0 to 3. A study scored
			// 2 2 2 1 N/A N/A N/A 2 2 1 1 2 2 2.
			for i, level := range []int{0, 0, 0, 1, 3, 3, 3, 0, 0, 1, 1, 0, 0, 0} {
				at.choose(ids[i], level)
			}
			at.showSummary()
			// 19, out of 28 − 3 × 2 = 22 (the summary score 19 / 22 = 0.86).
			at.wantLines("19 of 22", "Total score: 19 out of 22", "3 answered “N/A”: not in the total or its maximum.")
			counts := at.texts("[data-summary-body] table.counts tbody tr")
			if !slices.Contains(counts, "N/A3") || !slices.Contains(counts, "Yes (2)8") || slices.ContainsFunc(counts, func(r string) bool { return strings.HasPrefix(r, "Not answered") }) {
				t.Errorf("the counts: %q", counts)
			}
			if got := at.listAfter("Criteria scored no", "text"); len(got) != 0 {
				t.Errorf("criteria scored no: %q", got)
			}
			if o == overHTTP {
				at.axe("qualsyst: summary")
			}
			// Criterion 7 from N/A to no: 19 out of 24, and on the list.
			at.change(ids[6], 2)
			at.wantLines("19 of 24", "Total score: 19 out of 24", "2 answered “N/A”: not in the total or its maximum.")
			if got := at.listAfter("Criteria scored no", "href"); !slices.Equal(got, []string{"#q-blinding-subjects-group"}) {
				t.Errorf("criteria scored no: %q", got)
			}
		})
	}
}

// TestPublishedSheetKey: a sheet headed by codes prints their key, on paper
// too.
func TestPublishedSheetKey(t *testing.T) {
	tb := newTab(t)
	tb.open(env.publishedURL(overFile, "standards/rosenberg-self-esteem/sheet/"))
	tb.waitFor(`document.readyState === "complete"`)
	got := eval[string](tb, `[...document.querySelectorAll(".code-key dt, .code-key dd")].map((e) => e.textContent).join(" ")`)
	if got != "SA Strongly agree A Agree D Disagree SD Strongly disagree" {
		t.Errorf("the key of the sheet: %q", got)
	}
	heads := eval[[]string](tb, `[...document.querySelectorAll(".sheet-table thead th.tick-col")].map((e) => e.textContent)`)
	if !slices.Equal(heads, []string{"SA", "A", "D", "SD"}) {
		t.Errorf("the sheet's columns: %q", heads)
	}
	if eval[bool](tb, `getComputedStyle(document.querySelector(".code-key")).display === "none"`) {
		t.Error("the key is hidden")
	}
}
