package site

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/rubric"
)

// TestKindsTemplates checks that every default template of a page is the
// template of a kind, and that every kind has a default template: a
// template no kind renders, or a kind without one, fails here rather than
// when a site first builds.
func TestKindsTemplates(t *testing.T) {
	files, err := fs.Glob(handbook.Defaults(), "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		if name := strings.TrimSuffix(path.Base(f), ".html"); name != "layout" {
			got = append(got, name)
		}
	}
	want := templateNames()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("default templates %v, but the kinds' templates are %v", got, want)
	}
}

// TestKindsTable checks the rows of the table: unique names, a view
// builder each, and URL patterns that fit their scope.
func TestKindsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range kinds {
		if seen[k.name] {
			t.Errorf("kind %q is declared twice", k.name)
		}
		seen[k.name] = true
		if k.view == nil {
			t.Errorf("kind %q has no view builder", k.name)
		}
		if k.desc == "" {
			t.Errorf("kind %q has no desc for collision messages", k.name)
		}
		switch k.scope {
		case oneSite:
			if strings.Contains(k.pattern, "<") || !strings.HasPrefix(k.pattern, "/") {
				t.Errorf("kind %q: one page per site, but its pattern %q is not a URL", k.name, k.pattern)
			}
		case perRubric, perStandard:
			if !strings.HasPrefix(k.pattern, StandardsURL+"<rubric>/") || !strings.HasSuffix(k.pattern, "/") {
				t.Errorf("kind %q: a rubric's page, but its pattern %q is not under %s<rubric>/", k.name, k.pattern, StandardsURL)
			}
			if (k.scope == perStandard) != strings.Contains(k.pattern, "<standard>") {
				t.Errorf("kind %q: <standard> in pattern %q does not match its scope", k.name, k.pattern)
			}
		case perDocument:
			if !strings.HasPrefix(k.pattern, "/") || !strings.HasSuffix(k.pattern, "/<document>/") {
				t.Errorf("kind %q: a document's page, but its pattern %q does not end in /<document>/", k.name, k.pattern)
			}
		}
	}
	for _, tt := range []struct {
		kind, want string
	}{
		{"rubric", RubricURL("qaf-1")},
		{"standard", NodeURL("qaf-1", "active-listening")},
	} {
		i := slices.IndexFunc(kinds, func(k *kind) bool { return k.name == tt.kind })
		if i < 0 {
			t.Errorf("no kind %q", tt.kind)
			continue
		}
		if got := kinds[i].url("qaf-1", "active-listening"); got != tt.want {
			t.Errorf("kind %q: url = %q, want %q", tt.kind, got, tt.want)
		}
	}
}

// TestKindsReserved checks that the ids a rubric keeps from its standards
// (rubric.Reserved) are the ids of the rubric's own pages in the table.
func TestKindsReserved(t *testing.T) {
	if got := rubricPageIDs(); !slices.Equal(got, rubric.Reserved) {
		t.Errorf("the kinds of a rubric's page are %v, but rubric.Reserved is %v", got, rubric.Reserved)
	}
}

// TestKindsOutput builds the basic fixture, with aliases added, and checks
// that every page of every kind is made as its row says: its file with its
// template, in sitemap.xml or not, with a canonical link or not, a page
// links may name or not.
func TestKindsOutput(t *testing.T) {
	fsys := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
	edit := func(name, old, new string) {
		t.Helper()
		f := fsys[name]
		if !bytes.Contains(f.Data, []byte(old)) {
			t.Fatalf("%s does not hold %q", name, old)
		}
		f.Data = bytes.Replace(f.Data, []byte(old), []byte(new), 1)
	}
	edit("content/accessibility.md", "title: Accessibility\n", "title: Accessibility\naliases: [/access/]\n")
	edit("rubrics/checks.yaml", "id: checks\n", "id: checks\naliases: [checklist]\n")
	edit("rubrics/checks.yaml", "{id: agrees, title: Agrees the process}", "{id: agrees, title: Agrees the process, aliases: [agree]}")
	res, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://example.org/handbook"
	sitemap := string(res.Files["sitemap.xml"])
	made := map[string]int{}
	byURL := map[string]*kind{}
	anchors := res.Model.checkInput().Anchors
	for k, tg := range res.Model.targets() {
		if k.yields && byURL[tg.url] != nil {
			continue
		}
		byURL[tg.url] = k
		made[k.name]++
		file := strings.TrimPrefix(outputPath(tg.url), "/")
		data, ok := res.Files[file]
		if !ok {
			t.Errorf("%s page %s: no output file %s", k.name, tg.url, file)
			continue
		}
		html := string(data)
		if k.tmpl() != "alias" && !strings.Contains(html, `<body class="kind-`+k.tmpl()+`">`) {
			t.Errorf("%s page %s is not made with the %s template", k.name, tg.url, k.tmpl())
		}
		if got := strings.Contains(sitemap, "<loc>"+base+tg.url+"</loc>"); got != k.sitemap {
			t.Errorf("%s page %s: in sitemap.xml = %v, want %v", k.name, tg.url, got, k.sitemap)
		}
		if got := strings.Contains(html, `<link rel="canonical" href="`+base+tg.url+`">`); got != k.canonical {
			t.Errorf("%s page %s: canonical link = %v, want %v", k.name, tg.url, got, k.canonical)
		}
		if _, got := anchors[tg.url]; got != k.linked {
			t.Errorf("%s page %s: links may name it = %v, want %v", k.name, tg.url, got, k.linked)
		}
	}
	for _, k := range kinds {
		if made[k.name] == 0 {
			t.Errorf("the fixture has no %s page: add one, so that this test checks the kind", k.name)
		}
	}
}

// TestKindsOnly checks that a kind whose row says when the site has its
// page (the glossary's) makes it only then, and lists it in sitemap.xml
// only then.
func TestKindsOnly(t *testing.T) {
	const home = "-- content/index.md --\nHome.\n"
	without := buildTxt(t, home)
	with := buildTxt(t, home+"-- content/glossary.yaml --\nterms:\n  - term: CAT\n    expansion: Customer Assessment Tool\n")
	for _, tt := range []struct {
		name string
		res  *Result
		want bool
	}{
		{"without a glossary", without, false},
		{"with a glossary", with, true},
	} {
		_, page := tt.res.Files["glossary/index.html"]
		inMap := strings.Contains(string(tt.res.Files["sitemap.xml"]), "/glossary/")
		if page != tt.want || inMap != tt.want {
			t.Errorf("%s: glossary page %v, in sitemap.xml %v; want %v", tt.name, page, inMap, tt.want)
		}
	}
}
