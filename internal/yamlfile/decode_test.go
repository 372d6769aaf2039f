package yamlfile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook/internal/source"
)

type inner struct {
	Name string `yaml:"name"`

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

// tree is a recursive type, as a rubric's items are.
type tree struct {
	ID    string  `yaml:"id"`
	Value float64 `yaml:"value"`
	Items []*tree `yaml:"items"`

	Pos source.Pos `yaml:"-"`
}

type doc struct {
	Title  string                `yaml:"title"`
	Tree   *tree                 `yaml:"tree"`
	Count  int                   `yaml:"count"`
	On     bool                  `yaml:"on"`
	Tags   []string              `yaml:"tags"`
	Inner  inner                 `yaml:"inner"`
	List   []inner               `yaml:"list"`
	Map    map[string]string     `yaml:"map"`
	MapPos map[string]source.Pos `yaml:"-"`
	Says   []string              `yaml:"says" yamlfile:"prose"`
	ByKey  map[string][]string   `yaml:"by_key" yamlfile:"prose"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "titel: x\n", `f.yaml:3:1: unknown key "titel" (did you mean "title"?)`},
		{"unknown nested", "inner:\n  nmae: x\n", `f.yaml:4:3: unknown key "nmae" in "inner" (did you mean "name"?)`},
		{"no close key", "zzzzzz: 1\n", `f.yaml:3:1: unknown key "zzzzzz" (valid keys here: by_key, count, inner, list, map, on, says, tags, title, tree)`},
		{"int", "count: many\n", `f.yaml:3:8: "count" must be a whole number, not "many"`},
		{"bool", "on: sometimes\n", `f.yaml:3:5: "on" must be true or false, not "sometimes"`},
		{"list", "tags: one\n", `f.yaml:3:7: "tags" must be a list (lines starting with "- "), not "one"`},
		{"mapping", "inner: flat\n", `f.yaml:3:8: "inner" must be a mapping (key: value lines), not "flat"`},
		{"text", "title: [a, b]\n", `f.yaml:3:8: "title" must be text, not a list`},
		{"duplicate", "title: a\ntitle: b\n", `f.yaml:4:1: key "title" appears twice in this mapping (its first use is on line 3; keep one)`},
		{"tab", "inner:\n\tname: x\n", `f.yaml:4:1: tab character in indentation (YAML is indented with spaces only; replace the tab with spaces)`},
		{"empty entry", "list:\n  - name: a\n  -\n", `f.yaml:5:4: entry 2 of "list" is empty (write the entry after the dash, or remove the line)`},
		{"syntax", "title: \"open\n", `f.yaml:4:1: malformed YAML: found unexpected end of stream (check indentation, colons and quotes on this line and the one before)`},
		{"syntax column", "title: a\n inner: b\n", `f.yaml:4:7: malformed YAML: mapping values are not allowed in this context (check indentation, colons and quotes on this line and the one before)`},
		{"flow", "tags: [a, b\n", `f.yaml:4:1: malformed YAML: did not find expected ',' or ']' (check indentation, colons and quotes on this line and the one before)`},
		{"unknown anchor", "title: *t\n", `f.yaml:3:8: malformed YAML: unknown anchor 't' referenced (check indentation, colons and quotes on this line and the one before)`},
		{"second document", "title: a\n---\ntitle: b\n", `f.yaml:4:1: a second YAML document starts here (a file holds one document: remove this --- line and what follows, or move it to a file of its own)`},
		{"too big", "count: 99999999999999999999\n", `f.yaml:3:8: "count" must be a whole number, not "99999999999999999999"`},
		{"out of range", "count: 9223372036854775808\n", `f.yaml:3:8: "count" is out of range: 9223372036854775808 (write a smaller number)`},
		{"alias cycle", "list: [&g {name: g, list: [*g]}]\n", `f.yaml:3:28: alias *g is inside the value &g names, so it would repeat without end (an alias can only repeat a value that ends before it; write the inner entries out)`},
		{"alias fan-out", fanOut(4), `f.yaml:9:26: aliases expand this file to more than 10000 values (it holds 70); this alias, *d, passes that limit (write out what should repeat, or alias smaller parts: aliases may expand a file to 10 times the values it holds, or to 10000 values)`},
		{"alias fan-out deep", fanOut(9), `f.yaml:9:26: aliases expand this file to more than 10000 values (it holds 145); this alias, *d, passes that limit (write out what should repeat, or alias smaller parts: aliases may expand a file to 10 times the values it holds, or to 10000 values)`},
		{"depth", "tags: " + strings.Repeat("[", 101) + strings.Repeat("]", 101) + "\n", `f.yaml:3:107: lists and mappings are nested more than 100 deep (nest them less deeply; look for a [ or { that is never closed)`},
		{"nan", "tree: {value: .nan}\n", `f.yaml:3:15: "tree.value" must be a finite number, not .nan (write a number such as 2 or 0.5)`},
		{"inf", "tree: {value: -.Inf}\n", `f.yaml:3:15: "tree.value" must be a finite number, not -.Inf (write a number such as 2 or 0.5)`},
		{"binary", "list: [{name: a}, {name: !!binary \"@@\"}]\n", `f.yaml:3:26: !!binary value contains invalid base64 data`},
		{"prose split", "says: [Listens, and uses what is said.]\n", `f.yaml:3:7: "says" is written in [ ], so YAML split it at every comma into 2 entries: "Listens", "and uses what is said." (write one entry a line, each starting with "- ", or put each entry in quotes: ["…", "…"])`},
		{"prose split in a map", "by_key:\n  best: [\"Quoted, whole\", then, this]\n", `f.yaml:4:9: "by_key.best" is written in [ ], so YAML split it at every comma into 3 entries: "Quoted, whole", "then", "this" (write one entry a line, each starting with "- ", or put each entry in quotes: ["…", "…"])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs source.List
			var d doc
			if Decode("f.yaml", []byte(tt.src), 3, &d, &errs) {
				t.Fatal("decoded without error")
			}
			if got := errs.Err().Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// fanOut is a file whose anchors each repeat the one before ten times,
// levels deep: 10^levels values from a few hundred bytes.
func fanOut(levels int) string {
	var b strings.Builder
	b.WriteString("tree:\n  items:\n    - &a {id: a, value: 1}\n")
	prev := "a"
	for i := range levels {
		name := string(rune('b' + i))
		fmt.Fprintf(&b, "    - &%s {id: %s, items: [%s]}\n", name, name, strings.TrimSuffix(strings.Repeat("*"+prev+",", 10), ","))
		prev = name
	}
	return b.String()
}

// TestDecodeAliases: aliases within the bound decode, every copy with its
// position; the library's ratio guard, which would refuse this small file,
// is replaced by the bound.
func TestDecodeAliases(t *testing.T) {
	src := fanOut(3) // 1,000 copies of a from 37 written values
	var errs source.List
	var d doc
	if !Decode("f.yaml", []byte(src), 1, &d, &errs) {
		t.Fatal(errs.Err())
	}
	n, leaves := 0, 0
	var walk func(*tree)
	walk = func(x *tree) {
		n++
		if x.ID == "a" {
			leaves++
			if x.Value != 1 || x.Pos.String() != "f.yaml:3:7" {
				t.Fatalf("copy of a: %+v", x)
			}
		}
		for _, c := range x.Items {
			walk(c)
		}
	}
	walk(d.Tree)
	if leaves != 1+10+100+1000 {
		t.Errorf("%d copies of a, want 1111", leaves)
	}
}

// TestDecodeFailedList: a decode that stops part-way through a list leaves
// no nil entry in it (rubric.Parse once followed one into a nil pointer).
func TestDecodeFailedList(t *testing.T) {
	var errs source.List
	var d doc
	src := "tree: {items: [{id: a}, {id: !!binary \"@@\"}, {id: c}]}\n"
	if Decode("f.yaml", []byte(src), 1, &d, &errs) {
		t.Fatal("decoded without error")
	}
	if d.Tree == nil {
		t.Fatal("nothing decoded")
	}
	for i, c := range d.Tree.Items {
		if c == nil {
			t.Errorf("entry %d is nil", i)
		}
	}
}

// TestDecodeProse: lists of sentences may be written in [ ] when YAML
// cannot have split them at a comma: one entry, or every entry quoted. A
// list without the tag is never checked.
func TestDecodeProse(t *testing.T) {
	for _, src := range []string{
		"says: [Listens and uses what is said.]\n",
		"says: [\"Listens, and uses what is said.\", 'Asks, then waits.']\n",
		"says:\n  - Listens, and uses what is said.\n  - Asks, then waits.\n",
		"by_key: {best: [One, \"no\"]}\n" + "tags: [a, b, c]\n",
	} {
		var errs source.List
		var d doc
		ok := Decode("f.yaml", []byte(src), 1, &d, &errs)
		if strings.HasPrefix(src, "by_key") {
			if ok || !strings.Contains(errs.Err().Error(), `"by_key.best" is written in [ ]`) || strings.Contains(errs.Err().Error(), "tags") {
				t.Errorf("%q: %v", src, errs.Err())
			}
			continue
		}
		if !ok {
			t.Errorf("%q: %v", src, errs.Err())
		}
	}
}

func TestDecodePositions(t *testing.T) {
	src := "title: T\ninner:\n  name: N\nlist:\n  - name: a\n  - name: b\nmap:\n  k: v\n"
	var errs source.List
	var d doc
	if !Decode("f.yaml", []byte(src), 1, &d, &errs) {
		t.Fatal(errs.Err())
	}
	if d.Title != "T" || d.Inner.Name != "N" || len(d.List) != 2 || d.Map["k"] != "v" {
		t.Fatalf("decoded %+v", d)
	}
	checks := map[string]source.Pos{
		"title key": d.KeyPos["title"], "inner": d.Inner.Pos, "inner name": d.Inner.KeyPos["name"],
		"list 2": d.List[1].Pos, "map k": d.MapPos["k"],
	}
	want := map[string]string{"title key": "f.yaml:1:1", "inner": "f.yaml:3:3", "inner name": "f.yaml:3:3",
		"list 2": "f.yaml:6:5", "map k": "f.yaml:8:3"}
	for k, p := range checks {
		if p.String() != want[k] {
			t.Errorf("%s at %s, want %s", k, p, want[k])
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"title: x", "inner:\n  name: y", "list: [{name: a}]", "map: {a: b}", "- x", "{", "a: *b", "&a [*a]",
		"tree: {id: a, value: 1.5, items: [{id: b}]}", fanOut(2), fanOut(4), "tree: &g {id: g, items: [*g]}",
		"says: [a, b]", "by_key: {x: [\"a, b\", c], y: [d]}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var errs source.List
		var d doc
		ok := Decode("f.yaml", []byte(src), 1, &d, &errs)
		if ok == errs.HasErrors() {
			t.Errorf("Decode returned %v with errors %v", ok, errs.Err())
		}
		for _, e := range errs.Errors() {
			if e.Pos.File != "f.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Errorf("error without a line and column: %v", e)
			}
		}
		// Whatever decoded is a tree within the bound, with no nil entry.
		n := 0
		var walk func(*tree)
		walk = func(x *tree) {
			n++
			for _, c := range x.Items {
				if c == nil {
					t.Fatal("nil entry in a decoded list")
				}
				walk(c)
			}
		}
		if d.Tree != nil {
			walk(d.Tree)
		}
		if limit := expansionLimit(2*len(src) + 2); n > limit {
			t.Errorf("decoded %d values from %d bytes", n, len(src))
		}
	})
}
