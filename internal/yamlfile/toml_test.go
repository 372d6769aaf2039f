package yamlfile

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handbook-ssg/handbook/internal/source"
)

// page is a front matter as content decodes it: known keys, and an inline
// map for the rest.
type page struct {
	Title  string         `yaml:"title"`
	Weight int            `yaml:"weight"`
	Draft  bool           `yaml:"draft"`
	Tags   Strings        `yaml:"tags"`
	Inner  inner          `yaml:"inner"`
	Params map[string]any `yaml:",inline"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

func TestDecodeInlineMap(t *testing.T) {
	var errs source.List
	var p page
	src := "title: T\nsection: 1\ndescription: D\ninner:\n  name: n\n"
	if !Decode("f.md", []byte(src), 2, &p, &errs) {
		t.Fatalf("errors: %v", errs.Err())
	}
	if p.Title != "T" || p.Inner.Name != "n" {
		t.Errorf("known keys: %+v", p)
	}
	if p.Params["section"] != 1 || p.Params["description"] != "D" || len(p.Params) != 2 {
		t.Errorf("Params = %v, want section and description", p.Params)
	}
	if got := p.KeyPos["section"]; got != (source.Pos{File: "f.md", Line: 3, Col: 1}) {
		t.Errorf("KeyPos[section] = %v", got)
	}
	// A misspelt key inside a known mapping is still an error.
	var p2 page
	if Decode("f.md", []byte("inner:\n  nmae: x\n"), 2, &p2, &errs) {
		t.Error("unknown key inside inner decoded")
	}
}

func TestStrings(t *testing.T) {
	tests := []struct {
		src  string
		want []string
		err  string
	}{
		{"tags: go\n", []string{"go"}, ""},
		{"tags: [go, yaml]\n", []string{"go", "yaml"}, ""},
		{"tags:\n", nil, ""},
		{"tags: {a: b}\n", nil, `f.yaml:1:7: "tags" must be text or a list of text, not a mapping`},
		{"tags: [[a]]\n", nil, `f.yaml:1:8: "tags" must be text, not a list`},
	}
	for _, tt := range tests {
		var errs source.List
		var p page
		ok := Decode("f.yaml", []byte(tt.src), 1, &p, &errs)
		if tt.err != "" {
			if ok || errs.Err().Error() != tt.err {
				t.Errorf("%q: got %v, want %s", tt.src, errs.Err(), tt.err)
			}
			continue
		}
		if !ok || strings.Join(p.Tags, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: got %q (%v), want %q", tt.src, p.Tags, errs.Err(), tt.want)
		}
	}
}

func TestDecodeTOML(t *testing.T) {
	src := `title = "Install"
weight = 1_0
draft = false
tags = ["a", "b"]
date = 2024-01-02T10:00:00Z
[inner]
name = "n"
[params]
x.y = 1
`
	var errs source.List
	var p page
	if !DecodeTOML("p.md", []byte(src), 2, &p, &errs) {
		t.Fatalf("errors: %v", errs.Err())
	}
	if p.Title != "Install" || p.Weight != 10 || p.Draft || strings.Join(p.Tags, ",") != "a,b" || p.Inner.Name != "n" {
		t.Errorf("decoded %+v", p)
	}
	if p.Params["date"] != "2024-01-02T10:00:00Z" {
		t.Errorf("date = %#v, want the text", p.Params["date"])
	}
	params, _ := p.Params["params"].(map[string]any)
	if x, _ := params["x"].(map[string]any); x["y"] != 1 {
		t.Errorf("params = %#v", p.Params["params"])
	}
	for key, want := range map[string]source.Pos{
		"title":  {File: "p.md", Line: 2, Col: 1},
		"weight": {File: "p.md", Line: 3, Col: 1},
		"inner":  {File: "p.md", Line: 7, Col: 2},
	} {
		if got := p.KeyPos[key]; got != want {
			t.Errorf("KeyPos[%s] = %v, want %v", key, got, want)
		}
	}
}

func TestDecodeTOMLErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown nested", "[inner]\nnmae = 'x'\n", `f.md:3:1: unknown key "nmae" in "inner" (did you mean "name"?)`},
		{"wrong kind", "weight = 'heavy'\n", `f.md:2:10: "weight" must be a whole number, not "heavy"`},
		{"wrong kind after wide characters", "title = 'é'\ndraft = 'ça'\n", `f.md:3:9: "draft" must be true or false, not "ça"`},
		{"twice", "title = 'a'\ntitle = 'b'\n", `f.md:3:1: malformed TOML: key title is already defined`},
		{"syntax", "title = \n", `f.md:2:9: malformed TOML: unexpected character U+000A at start of value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs source.List
			var p page
			if DecodeTOML("f.md", []byte(tt.src), 2, &p, &errs) {
				t.Fatal("decoded without error")
			}
			got := errs.Errors()[0]
			if g := got.Pos.String() + ": " + got.Msg; g != tt.want && got.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	src := "site_name: Docs\nnav:\n  - Home: index.md\n  - Guide:\n      - guide/a.md\nx: !!python/name:mod.fn\ny: !ENV [A, b]\n"
	var errs source.List
	v := Parse("mkdocs.yml", []byte(src), 1, &errs)
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	if v.Get("site_name").String() != "Docs" || v.Get("x").Kind != Text || v.Get("y").Kind != List {
		t.Errorf("parsed %#v", v)
	}
	nav := v.Get("nav")
	if nav.Kind != List || len(nav.Items) != 2 || nav.Items[1].Keys[0].Key != "Guide" {
		t.Fatalf("nav = %+v", nav)
	}
	if p := nav.Items[1].Keys[0].Value.Items[0].Pos; p != (source.Pos{File: "mkdocs.yml", Line: 5, Col: 9}) {
		t.Errorf("position of guide/a.md = %v", p)
	}
	tv := ParseTOML("hugo.toml", []byte("title = 'Site'\n[params]\ndescription = 'D'\n"), 1, &errs)
	if tv.Get("title").String() != "Site" || tv.Get("params").Get("description").String() != "D" {
		t.Errorf("toml parsed %+v", tv)
	}
}

func FuzzDecodeTOML(f *testing.F) {
	for _, s := range []string{
		"title = 'x'\n",
		"[inner]\nname = 'n'\n[[list]]\nname = 'a'\n[[list]]\nname = 'b'\n",
		"a.b.c = 1\na.d = [1, [2, {x = 3}]]\n",
		"x = 0x1F\ny = -inf\nz = nan\nd = 1979-05-27\n",
		"tags = 'one'\ninner = {name = 'n'}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var errs source.List
		var p page
		DecodeTOML("f.md", []byte(s), 2, &p, &errs)
		for _, e := range errs.Errors() {
			if !utf8.ValidString(e.Msg) && utf8.ValidString(s) {
				t.Errorf("message is not UTF-8: %q", e.Msg)
			}
			if e.Pos.Line < 0 || e.Pos.Col < 0 {
				t.Errorf("bad position %v", e.Pos)
			}
		}
		ParseTOML("f.toml", []byte(s), 1, &errs)
	})
}
