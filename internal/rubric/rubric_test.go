package rubric

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook/internal/source"
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
		{"no items", "id: r\ntitle: T\nlang: en\nscale: {descriptors: none}\n", `rubric has no items`},
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
