package rubric

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

const base = `id: r
title: R
lang: en
scale:
  descriptors: per-level
  levels:
    - {id: best, label: Best, value: 2}
    - {id: ok, label: OK, value: 1}
items:
`

func validate(t *testing.T, src string) string {
	t.Helper()
	var errs source.List
	r := Parse("rubrics/r.yaml", []byte(src), &errs)
	if r != nil {
		Validate(r, &errs)
	}
	if err := errs.Err(); err != nil {
		return err.Error()
	}
	return ""
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, items, want string
	}{
		{"good", "  - {id: a, title: A, descriptors: {best: [x], ok: [y]}}\n", ""},
		{"relabel fills a level", "  - {id: a, title: A, descriptors: {best: [x]}, labels: {ok: Fine}}\n", ""},
		{"group relabel", "  - id: g\n    title: G\n    labels: {ok: Fine}\n    items:\n      - {id: a, title: A, descriptors: {best: [x]}}\n", ""},
		{"bad id", "  - {id: A_1, title: A, descriptors: {best: [x], ok: [y]}}\n", `rubrics/r.yaml:10:6: id "A_1" is not a slug`},
		{"reserved", "  - {id: sheet, title: A, descriptors: {best: [x], ok: [y]}}\n", `id "sheet" is reserved`},
		{"reserved team", "  - {id: team, title: A, descriptors: {best: [x], ok: [y]}}\n", `rubrics/r.yaml:10:6: id "team" is reserved for the rubric's team page (choose another id)`},
		{"reserved alias", "  - {id: a, title: A, aliases: [team], descriptors: {best: [x], ok: [y]}}\n", `alias "team" is not a valid id (use a lower-case slug that is not sheet, assess or team)`},
		{"editorial", "  - {id: a, title: A, editorial: The title is the editors'., descriptors: {best: [x], ok: [y]}}\n", ""},
		{"label for missing level", "  - {id: a, title: A, descriptors: {best: [x], ok: [y]}, labels: {top: T}}\n", `label for level "top", which the scale does not have`},
		{"empty group", "  - {id: g, title: G, items: []}\n", `group "g" has no items`},
		{"item key on group", "  - id: g\n    title: G\n    activities: [x]\n    items:\n      - {id: a, title: A, descriptors: {best: [x], ok: [y]}}\n", `activities is a key of items, not of groups such as "g"`},
		{"text with descriptors", "  - {id: a, title: A, type: text, descriptors: {best: [x]}}\n", `text item "a" has descriptors`},
		{"unknown type", "  - {id: a, title: A, type: essay}\n", `type "essay" is not known`},
		{"no title", "  - {id: a, descriptors: {best: [x], ok: [y]}}\n", `entry "a" has no title`},
		{"empty descriptor", "  - {id: a, title: A, descriptors: {best: [\"\"], ok: [y]}}\n", `descriptor 1 of "best" is empty`},
		{"alias clash", "  - {id: a, title: A, descriptors: {best: [x], ok: [y]}}\n  - {id: b, title: B, aliases: [a], descriptors: {best: [x], ok: [y]}}\n", `alias "a" is also the id of the entry on line 10`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validate(t, base+tt.items)
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestValidateRubric(t *testing.T) {
	item := "items:\n  - {id: a, title: A}\n"
	tests := []struct {
		name, src, want string
	}{
		{"id mismatch", "id: other\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item, `rubric id "other" does not match its file name (rename the file to other.yaml or set id: r)`},
		{"bad lang", "id: r\ntitle: T\nlang: English\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item, `lang "English" is not a language code`},
		{"method", "id: r\ntitle: T\nlang: en\nmethod: guessing\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item, `method "guessing" is not known`},
		{"bands", "id: r\ntitle: T\nlang: en\nscale: {descriptors: per-band, levels: [{id: y, label: Y, band: good}]}\n" + item, `level "y" is in band "good", which the scale does not have`},
		{"values", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y, value: 1}, {id: n, label: N}]}\n" + item, `only 1 of 2 levels have a value`},
		{"chart", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "scoring: {chart: pie}\n", `chart "pie" is not known`},
		{"required without choices", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none}\nitems:\n  - {id: a, title: A, type: text}\nrules: {required: true}\n", `rules require answers, but the rubric has no choice items`},
		{"sheet layout", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "sheet: {layout: poster}\n", `sheet layout "poster" is not known`},
		{"running tick", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "sheet: {fields: [{label: Agreed, type: tick, running: true}]}\n", `rubrics/r.yaml:7:46: sheet field "Agreed" is a tick box, which cannot run at the top of every page (remove running: true, or make it a line)`},
		{"running sign-off", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "sheet: {signoff: [{label: Date, running: true}]}\n", `sign-off line "Date" cannot run at the top of every page`},
		{"sign-off without label", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "sheet: {signoff: [{type: box}]}\n", `sign-off line has no label (add label: …)`},
		{"sign-off type", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "sheet: {signoff: [{label: Date, type: box}]}\n", `sign-off line type "box" is not known (use line or tick)`},
		{"no items", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none}\n", `rubric has no items`},
		{"sheet lines", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "sheet:\n  evidence: Evidence\n  lines: 51\n", `rubrics/r.yaml:9:3: sheet lines 51 is out of range (use a number of lines from 1 to 50, or leave lines out for 2)`},
		{"sheet lines without boxes", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "sheet:\n  lines: 6\n", `rubrics/r.yaml:8:3: sheet lines sizes the evidence boxes, but the sheet has none`},
		{"change without date", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "changes:\n  - note: Fixed a typo.\n", `rubrics/r.yaml:8:5: change note has no date (add date: YYYY-MM-DD, the day of the change)`},
		{"change date", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "changes:\n  - {date: 24/11/2026, note: Fixed.}\n", `"24/11/2026" is not a date (write it as YYYY-MM-DD, e.g. 2026-11-24)`},
		{"change note lines", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\n" + item + "changes:\n  - date: 2026-11-24\n    note: \"One.\\nTwo.\"\n", `rubrics/r.yaml:9:5: change note is more than one line (say what changed in one line)`},
		{"unknown key", "id: r\ntitle: T\nlang: en\nscael: {}\n", `rubrics/r.yaml:4:1: unknown key "scael" (did you mean "scale"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validate(t, tt.src); !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// fanOut is a rubric whose items reuse anchors ten-fold, levels deep: the
// rubric of issue 14 once panicked on a nil entry at four levels, and took
// minutes at seven.
func fanOut(levels int) string {
	var b strings.Builder
	b.WriteString("id: r\ntitle: R\nlang: en\nscale: {descriptors: none, levels: [{id: y, label: Y}]}\nitems:\n")
	b.WriteString("  - &a {id: a, title: A, text: some text here}\n")
	prev := "a"
	for i := range levels {
		name := string(rune('b' + i))
		fmt.Fprintf(&b, "  - &%s {id: %s, title: %s, items: [%s]}\n", name, name, strings.ToUpper(name),
			strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", "))
		prev = name
	}
	return b.String()
}

// TestParseHostile: the YAML of issue 14 ends, at once, in errors with a
// line and column, and no panic.
func TestParseHostile(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"fan-out four deep", fanOut(4), `rubrics/r.yaml:10:34: aliases expand this file to more than 10000 values`},
		{"fan-out seven deep", fanOut(7), `rubrics/r.yaml:10:34: aliases expand this file to more than 10000 values`},
		{"alias cycle", strings.TrimSuffix(base, "items:\n") + "items: [&g {id: g, title: G, items: [*g]}]\n", `rubrics/r.yaml:9:38: alias *g is inside the value &g names, so it would repeat without end`},
		{"failed decode in a list", base + "  - {id: a, title: A}\n  - {id: b, title: !!binary \"@@@\"}\n  - {id: c, title: C}\n", `rubrics/r.yaml:11:20: !!binary value contains invalid base64 data`},
		{"null alias entry", base + "  - {id: a, title: &n}\n  - *n\n", `rubrics/r.yaml:11:5: entry 2 of "items" is empty`},
		{"deep nesting", base + "  - " + strings.Repeat("{items: [", 60) + strings.Repeat("]}", 60) + "\n", `lists and mappings are nested more than 100 deep`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validate(t, tt.src); !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestValidateNumbers: every number a rubric gives is bounded, with its
// position, before any view is built from it.
func TestValidateNumbers(t *testing.T) {
	scale := func(v string) string {
		return "id: r\ntitle: R\nlang: en\nscale:\n  descriptors: none\n  levels:\n    - {id: y, label: Y, value: " + v + "}\nitems: [{id: a, title: A}]\n"
	}
	text := func(lines string) string { return base + "  - {id: t, title: T, type: text, lines: " + lines + "}\n" }
	tests := []struct {
		name, src, want string
	}{
		{"lines -1", text("-1"), `rubrics/r.yaml:10:35: lines -1 is out of range (use a number of lines from 1 to 50)`},
		{"lines 0", text("0"), `rubrics/r.yaml:10:35: lines 0 is out of range`},
		{"lines 51", text("51"), `lines 51 is out of range`},
		{"lines 50000000", text("50000000"), `rubrics/r.yaml:10:35: lines 50000000 is out of range`},
		{"lines overflow", text("99999999999999999999"), `rubrics/r.yaml:10:42: "items[0].lines" must be a whole number`},
		{"lines on a choice", base + "  - {id: a, title: A, lines: 3, descriptors: {best: [x], ok: [y]}}\n", `lines is for text items`},
		{"value nan", scale(".nan"), `rubrics/r.yaml:7:32: "scale.levels[0].value" must be a finite number, not .nan (write a number such as 2 or 0.5)`},
		{"value inf", scale("-.inf"), `rubrics/r.yaml:7:32: "scale.levels[0].value" must be a finite number, not -.inf`},
		{"value huge", scale("1e300"), `rubrics/r.yaml:7:25: level "y" has value 1e+300, out of range (use a number from -1000000 to 1000000)`},
		{"value huge negative", scale("-2000000"), `level "y" has value -2e+06, out of range`},
		{"notes max", base + "  - {id: a, title: A, descriptors: {best: [x], ok: [y]}}\nrules: {notes: {label: N, max: 5000000}}\n", `rubrics/r.yaml:11:27: notes max 5000000 is out of range (use a number of characters from 1 to 100000, or leave max out)`},
		{"section lines", base + "  - {id: a, title: A, descriptors: {best: [x], ok: [y]}}\nsheet: {sections: [{title: S, lines: 1000000}]}\n", `rubrics/r.yaml:11:31: sheet section "S" asks for 1000000 lines (use a number of lines from 0 to 50)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validate(t, tt.src); !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
	for _, ok := range []string{text("1"), text("50"), scale("-1000000"), scale("0.5")} {
		if got := validate(t, ok); got != "" {
			t.Errorf("%q: %s", ok, got)
		}
	}
}

// TestAnswerLines: the lines a view makes are bounded whatever the rubric
// says, since views are built before the build stops on errors.
func TestAnswerLines(t *testing.T) {
	for lines, want := range map[int]int{0: DefaultLines, -1: DefaultLines, 1: 1, MaxLines: MaxLines, MaxLines + 1: DefaultLines, 50_000_000: DefaultLines} {
		if got := (&Node{Lines: lines}).AnswerLines(); got != want {
			t.Errorf("lines %d: %d, want %d", lines, got, want)
		}
	}
}

func TestJSON(t *testing.T) {
	src := base + "  - id: g\n    title: G\n    items:\n      - {id: a, title: A, labels: {best: Excellent}, descriptors: {ok: [y]}}\n      - {id: b, title: B, type: text}\n" +
		"rules: {required: true, notes: {label: Notes, max: 600}}\nscoring: {counts: true, total: true, lists: [{id: l, title: L, levels: [ok]}]}\n"
	var errs source.List
	r := Parse("rubrics/r.yaml", []byte(src), &errs)
	Validate(r, &errs)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	b, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"r","lang":"en","claimant":false,"levels":[{"id":"best","label":"Best","value":2},{"id":"ok","label":"OK","value":1}],` +
		`"groups":[{"id":"g","title":"G"}],"items":[{"id":"a","title":"A","type":"choice","group":"g","labels":{"best":"Excellent"}},` +
		`{"id":"b","title":"B","type":"text","group":"g"}],"rules":{"required":true,"notesMax":600,"notes":true},` +
		`"scoring":{"counts":true,"total":true,"lists":[{"id":"l","title":"L","levels":["ok"]}]}}`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
}

func TestPublished(t *testing.T) {
	var errs source.List
	r := Parse("rubrics/r.yaml", []byte(base+"  - {id: a, title: A, aliases: [old], descriptors: {best: [x], ok: [y]}}\n"), &errs)
	rubrics := []*Rubric{r}
	pub := ParsePublished(PublishedFile, []byte("# c\nr\nr/a\nr/old\nr/gone\nBad Id\n"), &errs)
	ValidateSet(rubrics, pub, &errs)
	got := errs.Err().Error()
	for _, w := range []string{`rubrics/published.txt:5:1: published id r/gone no longer exists`, `rubrics/published.txt:6:1: "Bad Id" is not a rubric id`} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	out := string(FormatPublished(rubrics, pub))
	if !strings.Contains(out, "\nr\nr/a\nr/gone\n") && !strings.Contains(out, "r/gone") {
		t.Errorf("published list dropped an id:\n%s", out)
	}
}

// FuzzParse: any file parses and validates without panic, and every
// problem is positioned in the file.
func FuzzParse(f *testing.F) {
	f.Add(base + "  - {id: a, title: A, descriptors: {best: [x], ok: [y]}}\n")
	f.Add("id: r\ntitle: T\nlang: en\nscale: {descriptors: per-band, levels: [{id: a, label: A, band: g}], bands: [{id: g, label: G}]}\nitems: [{id: s, title: S, descriptors: {g: [d]}}]\n")
	f.Add("items:\n  - id: g\n    items:\n      - id: h\n        items: [{id: x}]\n")
	f.Add("scale: {levels: [{id: \"no\"}, {id: \"no\"}]}\nscoring: {lists: [{levels: [zz]}]}")
	f.Add(scored + "  - {id: x, title: X, weight: 1.5, polarity: negative}\n  - {id: y, title: Y, descriptors: {a: [p, q]}}\nscoring:\n  total: true\n  bands: [{min: 0, max: 1, label: L}, {min: 1.5, max: 1e9, label: H}]\n")
	f.Add(scored + "  - {id: x, title: X, weight: 1e-9}\n  - {id: y, title: Y, weight: 999.999999}\nrules: {blank: na}\nscoring: {total: true, bands: [{min: -1, max: 0}]}\n")
	f.Fuzz(func(t *testing.T, src string) {
		var errs source.List
		r := Parse("rubrics/r.yaml", []byte(src), &errs)
		if r != nil {
			Validate(r, &errs)
			ValidateSet([]*Rubric{r}, nil, &errs)
			if _, err := JSON(r); err != nil {
				t.Errorf("JSON: %v", err)
			}
		}
		for _, e := range errs.Errors() {
			if e.Pos.File != "rubrics/r.yaml" {
				t.Errorf("problem outside the file: %v", e)
			}
		}
	})
}

// TestSchema keeps rubrics/schema.json the same as Schema(); go test
// -update rewrites it.
func TestSchema(t *testing.T) {
	const file = "../../rubrics/schema.json"
	got := Schema()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(want, got) {
		t.Errorf("rubrics/schema.json is out of date; run go test ./internal/rubric -run TestSchema -update")
	}
	var v map[string]any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatal(err)
	}
}

var update = flag.Bool("update", false, "update golden files")

// scored is a rubric with values, a not-applicable level and a total:
// items and more keys follow it.
const scored = `id: r
title: R
lang: en
scale:
  descriptors: none
  levels:
    - {id: a, label: Agree, code: A, value: 1}
    - {id: d, label: Disagree, code: D, value: 0}
    - {id: na, label: N/A, not_applicable: true}
items:
`

// TestValidateScoring: every misuse of weights, not-applicable levels,
// codes, shared labels and bands is an error at its line and column, with
// what to do.
func TestValidateScoring(t *testing.T) {
	two := "  - {id: x, title: X}\n  - {id: y, title: Y}\n"
	tests := []struct {
		name, src, want string
	}{
		{"weight zero", scored + "  - {id: x, title: X, weight: 0}\n", `rubrics/r.yaml:11:23: item "x" has weight 0, which is not above 0 (use a number above 0 and at most 1000, or leave weight out for 1; to leave an item out of the total, answer it with a level that has not_applicable: true)`},
		{"weight negative", scored + "  - {id: x, title: X, weight: -2}\n", `rubrics/r.yaml:11:23: item "x" has weight -2, which is not above 0`},
		{"weight too big", scored + "  - {id: x, title: X, weight: 1000.5}\n", `rubrics/r.yaml:11:23: item "x" has weight 1000.5, out of range (use a number above 0 and at most 1000)`},
		{"weight not a number", scored + "  - {id: x, title: X, weight: heavy}\n", `rubrics/r.yaml:11:31: "items[0].weight" must be a number, not "heavy"`},
		{"weight nan", scored + "  - {id: x, title: X, weight: .nan}\n", `rubrics/r.yaml:11:31: "items[0].weight" must be a finite number, not .nan (write a number such as 2 or 0.5)`},
		{"weight on text", scored + "  - {id: x, title: X, type: text, weight: 2}\n", `rubrics/r.yaml:11:35: weight is for choice items, and "x" is a text item (remove weight:, or make it a choice item)`},
		{"weight on group", scored + "  - id: g\n    title: G\n    weight: 2\n    items: [{id: x, title: X}]\n", `rubrics/r.yaml:13:5: weight is a key of items, not of groups such as "g" (move it to the group's items)`},
		{"n/a with value", strings.Replace(scored, "not_applicable: true}", "not_applicable: true, value: 0}", 1) + two, `rubrics/r.yaml:9:50: level "na" is not applicable, so it takes no value (remove value: a not-applicable answer stays out of the total and of its maximum)`},
		{"every level n/a", "id: r\ntitle: R\nlang: en\nscale:\n  descriptors: none\n  levels: [{id: na, label: N/A, not_applicable: true}]\nitems: [{id: x, title: X}]\nscoring: {total: true}\n", `rubrics/r.yaml:8:11: scoring asks for a total, but every level is not applicable (give a level a value:, or remove total)`},
		{"value missing", strings.Replace(scored, ", value: 0}", "}", 1) + two + "scoring: {total: true}\n", `rubrics/r.yaml:6:3: only 1 of 2 levels have a value (give every level a value, or none; a level with not_applicable: true needs none)`},
		{"list names n/a", scored + two + "scoring:\n  lists: [{id: l, title: L, levels: [d, na]}]\n", `rubrics/r.yaml:14:11: scoring list "l" names level "na", which is not applicable (remove it: lists leave not-applicable answers out; counts show how many there are)`},
		{"codes alike", strings.Replace(scored, "code: D", "code: A", 1) + two, `rubrics/r.yaml:8:32: level "d" has code "A", as level "a" does (give each level its own code)`},
		{"labels alike without codes", strings.NewReplacer("label: Disagree, code: D", "label: Agree", "code: A, ", "").Replace(scored) + two, `rubrics/r.yaml:8:7: levels "a" and "d" have the same label "Agree" (give each of them a code (code: …), which the form, the pages and the sheet then show beside the label)`},
		{"relabelled alike without codes", strings.NewReplacer("code: A, ", "", "code: D, ", "").Replace(scored) + "  - {id: x, title: X, labels: {d: Agree}}\n", `rubrics/r.yaml:11:32: item "x" gives levels "a" and "d" the same label "Agree" (give each of them a code (code: …), which the form, the pages and the sheet then show beside the label, or relabel them apart)`},
		{"bands without total", scored + two + "scoring:\n  bands: [{min: 0, max: 2, label: All}]\n", `rubrics/r.yaml:14:3: scoring bands divide the total, but total is not asked for (add total: true, or remove bands)`},
		{"band without max", scored + two + "scoring:\n  total: true\n  bands: [{min: 0, label: All}]\n", `rubrics/r.yaml:15:11: scoring band "All" has no max (add max: (bands include both ends: min: 0, max: 14))`},
		{"band without label", scored + two + "scoring:\n  total: true\n  bands: [{min: 0, max: 2}]\n", `rubrics/r.yaml:15:11: scoring band has no label (add label: …)`},
		{"band backwards", scored + two + "scoring:\n  total: true\n  bands: [{min: 2, max: 0, label: All}]\n", `rubrics/r.yaml:15:20: scoring band "All" ends at 0, below its start 2 (make max at least min)`},
		{"band out of range", scored + two + "scoring:\n  total: true\n  bands: [{min: 0, max: 1e12, label: All}]\n", `rubrics/r.yaml:15:20: scoring band "All" has max 1e+12, out of range (use a number from -1000000000 to 1000000000)`},
		{"bands overlap at an edge", scored + two + "scoring:\n  total: true\n  bands:\n    - {min: 0, max: 1, label: Low}\n    - {min: 1, max: 2, label: High}\n", `rubrics/r.yaml:17:8: scoring band "High" (1 to 2) overlaps band "Low" (0 to 1) (bands include both ends, so a total of 1 would be in both: start this one above 1, or end the other below 1)`},
		{"band gap", scored + two + "scoring:\n  total: true\n  bands:\n    - {min: 0, max: 0, label: Low}\n    - {min: 2, max: 2, label: High}\n", `rubrics/r.yaml:15:3: the answers can make a total of 1, which falls in no scoring band (1 is between band "Low", which ends at 0, and band "High", which starts at 2; let a band take 1 in: bands include both ends, so one may end at 1 or the next start there)`},
		{"band gap of a half", scored + "  - {id: x, title: X, weight: 1.5}\n  - {id: y, title: Y}\nscoring:\n  total: true\n  bands:\n    - {min: 0, max: 1, label: Low}\n    - {min: 2, max: 2.5, label: High}\n", `rubrics/r.yaml:15:3: the answers can make a total of 1.5, which falls in no scoring band (1.5 is between band "Low", which ends at 1, and band "High", which starts at 2;`},
		{"band too low", scored + two + "scoring:\n  total: true\n  bands: [{min: 0, max: 1, label: Low}]\n", `the answers can make a total of 2, which falls in no scoring band (2 is above band "Low", which ends at 1;`},
		{"blanks allowed", strings.Replace(scored, "value: 0}", "value: 3}", 1) + two + "scoring:\n  total: true\n  bands: [{min: 2, max: 6, label: All}]\n", `the answers can make a total of 1, which falls in no scoring band (1 is below band "All", which starts at 2;`},
		{"total too big", strings.Replace(scored, "value: 1}", "value: 1000000}", 1) + "  - {id: x, title: X, weight: 1000}\n  - {id: y, title: Y, weight: 1000}\nscoring: {total: true}\n", `rubrics/r.yaml:13:11: the total of this rubric can pass 1000000000 (use smaller values or weights: a total may reach 1000000000 either way)`},
		{"descriptor list split", strings.Replace(base, "value: 1}", "value: 1}", 1) + "  - {id: x, title: X, descriptors: {best: [Listens, and asks.], ok: [y]}}\n", `rubrics/r.yaml:10:43: "items[0].descriptors.best" is written in [ ], so YAML split it at every comma into 2 entries: "Listens", "and asks." (write one entry a line, each starting with "- ", or put each entry in quotes: ["…", "…"])`},
		{"descriptor key empty", base + "  - id: x\n    title: X\n    descriptors:\n      best: [x]\n      ok:\n", `rubrics/r.yaml:10:5: item "x" has no descriptor for level "ok" (add descriptors: ok: [...], or ok: [] where the source gives none for this item, or labels: ok: …)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validate(t, tt.src); !strings.Contains(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestValidateScoringGood: what the contract allows validates.
func TestValidateScoringGood(t *testing.T) {
	for name, src := range map[string]string{
		"n/a needs no value or descriptor": strings.Replace(scored, "descriptors: none", "descriptors: per-level", 1) + "  - {id: x, title: X, descriptors: {a: [p], d: [q]}}\nscoring: {total: true}\n",
		"a level with no descriptor here":  base + "  - {id: x, title: X, descriptors: {best: [p], ok: []}}\n",
		"labels alike with codes":          strings.Replace(scored, "label: Disagree", "label: Agree", 1) + "  - {id: x, title: X}\n",
		"weights":                          scored + "  - {id: x, title: X, weight: 2.5}\n  - {id: y, title: Y, weight: 0.001}\nscoring: {total: true}\n",
		"bands meet at a half":             scored + "  - {id: x, title: X, weight: 1.5}\n  - {id: y, title: Y}\nscoring:\n  total: true\n  bands:\n    - {min: 0, max: 1, label: Low}\n    - {min: 1.5, max: 2.5, label: High, text: \"Above *1*.\"}\n",
		"required answers start higher":    strings.Replace(scored, "value: 0}", "value: 3}", 1) + "  - {id: x, title: X}\n  - {id: y, title: Y}\nrules: {required: true}\nscoring:\n  total: true\n  bands: [{min: 1, max: 6, label: All}]\n",
		"reversed items":                   scored + "  - {id: x, title: X, polarity: negative}\nscoring:\n  total: true\n  bands: [{min: 0, max: 1, label: All}]\n",
		"quoted flow list":                 base + "  - {id: x, title: X, descriptors: {best: [\"Listens, and asks.\", \"Waits\"], ok: [y]}}\n",
	} {
		if got := validate(t, src); got != "" {
			t.Errorf("%s: %s", name, got)
		}
	}
}

// TestReachable: the totals a rubric's answers can make, with at least one
// item in the total, as the engine works them out.
func TestReachable(t *testing.T) {
	tests := []struct {
		name, src string
		want      []float64
	}{
		{"blanks and n/a", scored + "  - {id: x, title: X}\n  - {id: y, title: Y}\n", []float64{0, 1, 2}},
		{"weights", scored + "  - {id: x, title: X, weight: 1.5}\n  - {id: y, title: Y, weight: 0.25}\n", []float64{0, 0.25, 1.5, 1.75}},
		{"required, values 1 and 3", strings.Replace(scored, "value: 0}", "value: 3}", 1) + "  - {id: x, title: X}\n  - {id: y, title: Y}\nrules: {required: true}\n",
			[]float64{1, 2, 3, 4, 6}}, // n/a still leaves an item out
		{"blank recorded as a valued level", strings.NewReplacer("value: 0}", "value: 3}", "    - {id: na, label: N/A, not_applicable: true}\n", "").Replace(scored) + "  - {id: x, title: X}\n  - {id: y, title: Y}\nrules: {blank: d}\n",
			[]float64{2, 4, 6}},
		{"reversed", strings.NewReplacer("value: 0}", "value: 3}", "    - {id: na, label: N/A, not_applicable: true}\n", "").Replace(scored) + "  - {id: x, title: X, polarity: negative}\nrules: {required: true}\n",
			[]float64{1, 3}},
		{"a tenth and a fifth", strings.Replace(scored, "value: 1}", "value: 0.1}", 1) + "  - {id: x, title: X}\n  - {id: y, title: Y, weight: 2}\n", []float64{0, 0.1, 0.2, 0.3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs source.List
			r := Parse("rubrics/r.yaml", []byte(tt.src), &errs)
			Validate(r, &errs)
			if errs.HasErrors() {
				t.Fatal(errs.Err())
			}
			re, ok := r.Reachable()
			if !ok || !re.Exact {
				t.Fatalf("Reachable: %+v %v", re, ok)
			}
			var got []float64
			for _, s := range re.Sums {
				got = append(got, TotalOf(s))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	// 0.1 + 0.2 is 0.30000000000000004 in floating point; in millionths
	// it is 0.3, the number a band's "max: 0.3" reads as.
	if TotalOf(Contribution(1, 0.1)+Contribution(2, 0.1)) != 0.3 {
		t.Error("0.1 + 2 × 0.1 is not 0.3")
	}
}

// TestReachableLattice: past the limit of the exact search, every multiple
// of the totals' common step between the lowest and highest is taken as
// possible, so a gap between bands is still found, and the search stays
// bounded.
func TestReachableLattice(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.Replace(scored, "    - {id: na, label: N/A, not_applicable: true}\n", "", 1))
	for i := range 24 {
		fmt.Fprintf(&b, "  - {id: i%d, title: I, weight: %.6f}\n", i, 1+float64((int(1)<<i)%100003)/1e6)
	}
	b.WriteString("scoring:\n  total: true\n  bands:\n    - {min: 0, max: 10, label: Low}\n    - {min: 10.5, max: 100, label: High}\n")
	var errs source.List
	r := Parse("rubrics/r.yaml", []byte(b.String()), &errs)
	re, ok := r.Reachable()
	if !ok || re.Exact || re.Step != 1 || re.Lo != 0 || re.Hi != 24_576_729 {
		t.Fatalf("Reachable: exact %v step %d from %d to %d", re.Exact, re.Step, re.Lo, re.Hi)
	}
	Validate(r, &errs)
	want := `the answers may (totals go in steps of 0.000001) make a total of 10.000001, which falls in no scoring band`
	if got := errs.Err(); got == nil || !strings.Contains(got.Error(), want) {
		t.Errorf("got %v\nwant %s", got, want)
	}
}

// TestLevelName: a level's code shows beside its label only where another
// level reads the same.
func TestLevelName(t *testing.T) {
	var errs source.List
	r := Parse("rubrics/r.yaml", []byte(strings.Replace(scored, "label: Disagree", "label: Agree", 1)+"  - {id: x, title: X, labels: {d: Disagree}}\n  - {id: y, title: Y}\n"), &errs)
	Validate(r, &errs)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	x, y := r.Node("x"), r.Node("y")
	for _, tt := range []struct {
		n     *Node
		level string
		want  string
	}{{nil, "a", "Agree (A)"}, {nil, "d", "Agree (D)"}, {nil, "na", "N/A"}, {y, "a", "Agree (A)"}, {x, "a", "Agree"}, {x, "d", "Disagree"}} {
		if got := r.LevelName(tt.n, r.Scale.Level(tt.level)); got != tt.want {
			t.Errorf("%v %s: %q, want %q", tt.n != nil, tt.level, got, tt.want)
		}
	}
}

// TestSchemaDocs: every key of a rubric has a description and an example
// in the schema.
func TestSchemaDocs(t *testing.T) {
	var walk func(reflect.Type)
	seen := map[reflect.Type]bool{}
	walk = func(t0 reflect.Type) {
		for t0.Kind() == reflect.Pointer || t0.Kind() == reflect.Slice || t0.Kind() == reflect.Map {
			t0 = t0.Elem()
		}
		// A type that decodes itself from one scalar (a date) is a value,
		// not a map of keys.
		if t0.Kind() != reflect.Struct || seen[t0] || reflect.PointerTo(t0).Implements(reflect.TypeFor[yamlfile.Scalar]()) {
			return
		}
		seen[t0] = true
		for i := range t0.NumField() {
			f := t0.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if tag == "-" || !f.IsExported() {
				continue
			}
			if d, ok := keyDocs[t0.Name()+"."+tag]; !ok || d.what == "" || d.example == nil {
				t.Errorf("%s.%s has no description and example in keyDocs", t0.Name(), tag)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[Rubric]())
	if len(seen) < 10 {
		t.Fatalf("walked only %d types", len(seen))
	}
}

// TestJSONScoring: weights, not-applicable levels and bands reach the
// browser's model; a rubric without them gives a model without them.
func TestJSONScoring(t *testing.T) {
	src := scored + "  - {id: x, title: X, weight: 2.5, polarity: negative}\n  - {id: y, title: Y}\nscoring:\n  total: true\n  bands:\n    - {min: 0, max: 2, label: Low, text: Some *words*.}\n    - {min: 2.5, max: 3.5, label: High}\n"
	var errs source.List
	r := Parse("rubrics/r.yaml", []byte(src), &errs)
	Validate(r, &errs)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	b, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"r","lang":"en","claimant":false,"levels":[{"id":"a","label":"Agree","code":"A","value":1},{"id":"d","label":"Disagree","code":"D","value":0},{"id":"na","label":"N/A","notApplicable":true}],` +
		`"items":[{"id":"x","title":"X","type":"choice","negative":true,"weight":2.5},{"id":"y","title":"Y","type":"choice"}],"rules":{},` +
		`"scoring":{"total":true,"bands":[{"min":0,"max":2,"label":"Low"},{"min":2.5,"max":3.5,"label":"High"}]}}`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
}

// TestReadme: the complete example of rubrics/README.md validates, and the
// README names every key of a rubric.
func TestReadme(t *testing.T) {
	data, err := os.ReadFile("../../rubrics/README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	_, example, ok := strings.Cut(text, "```yaml\n")
	example, _, _ = strings.Cut(example, "```\n")
	if !ok || !strings.HasPrefix(example, "id: listening") {
		t.Fatalf("no complete example in rubrics/README.md: %q", example)
	}
	if got := validate(t, strings.Replace(example, "id: listening", "id: r", 1)); got != "" {
		t.Errorf("the README's example does not validate:\n%s", got)
	}
	for k := range keyDocs {
		_, key, _ := strings.Cut(k, ".")
		if !strings.Contains(text, "`"+key+"`") && !strings.Contains(text, "."+key+"`") && !strings.Contains(text, key+":") {
			t.Errorf("rubrics/README.md does not name the key %s", k)
		}
	}
}
