package yamlfile

import (
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook/internal/source"
)

type inner struct {
	Name string `yaml:"name"`

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

type doc struct {
	Title  string                `yaml:"title"`
	Count  int                   `yaml:"count"`
	On     bool                  `yaml:"on"`
	Tags   []string              `yaml:"tags"`
	Inner  inner                 `yaml:"inner"`
	List   []inner               `yaml:"list"`
	Map    map[string]string     `yaml:"map"`
	MapPos map[string]source.Pos `yaml:"-"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "titel: x\n", `f.yaml:3:1: unknown key "titel" (did you mean "title"?)`},
		{"unknown nested", "inner:\n  nmae: x\n", `f.yaml:4:3: unknown key "nmae" in "inner" (did you mean "name"?)`},
		{"no close key", "zzzzzz: 1\n", `f.yaml:3:1: unknown key "zzzzzz" (valid keys here: count, inner, list, map, on, tags, title)`},
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
	for _, s := range []string{"title: x", "inner:\n  name: y", "list: [{name: a}]", "map: {a: b}", "- x", "{", "a: *b", "&a [*a]"} {
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
			if !strings.HasPrefix(e.Error(), "f.yaml") {
				t.Errorf("error without position: %v", e)
			}
		}
	})
}
