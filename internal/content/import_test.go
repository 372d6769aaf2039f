package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/source"
)

func pages(files ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return m
}

func problems(errs *source.List) string {
	var b strings.Builder
	for _, e := range errs.Errors() {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// Keys the build does not know are reported once per key, at the first
// page that uses it, with a count of the others: an error in a strict
// site, a warning otherwise; kept as Params either way.
func TestUnknownKeysOncePerKey(t *testing.T) {
	fsys := pages(
		"content/a.md", "---\ntitle: A\nsection: 1\nsidebar_label: X\n---\n",
		"content/b.md", "---\nsection: 1\n---\n",
		"content/c/d.md", "---\nsection: 7\ntitel: typo\n---\n",
	)
	cfg := config.Default()
	res, errs := Load(fsys, cfg, Options{})
	want := `content/a.md:3:1: unknown key "section" (and in 2 other pages) (remove it, or set strict: false in handbook.yaml to keep it as data for templates (.Page.Params.section))
content/a.md:4:1: unknown key "sidebar_label" (remove it, or set strict: false in handbook.yaml to keep it as data for templates (.Page.Params.sidebar_label))
content/c/d.md:3:1: unknown key "titel" (did you mean "title"?)
`
	if got := problems(errs); got != want {
		t.Errorf("strict:\n%s\nwant:\n%s", got, want)
	}
	if len(res.Pages) != 3 || res.Pages[2].Meta.Params["section"] != 7 {
		t.Errorf("pages %d, params of the last %v", len(res.Pages), res.Pages[2].Meta.Params)
	}

	cfg.Strict = false
	_, errs = Load(fsys, cfg, Options{})
	if errs.HasErrors() || errs.Len() != 3 {
		t.Errorf("not strict: want 3 warnings, got\n%s", problems(errs))
	}
	if got := errs.Errors()[0].Error(); !strings.HasPrefix(got, `content/a.md:3:1: warning: front-matter key "section" (and in 2 other pages) is not one handbook reads`) {
		t.Errorf("warning: %s", got)
	}
}

// The keys other generators share are read without configuration.
func TestSharedKeys(t *testing.T) {
	fsys := pages(
		"content/a.md", "---\ntitle: A\ndescription: What A is.\nsidebar_position: 2.5\ndate: 2024-03-01T10:00:00Z\nlastmod: 2024-04-02\ntags: go\nredirect_from: /old-a/\ndraft: false\n---\n",
		"content/b.md", "---\nnav_order: 3\naliases: [/b-old/]\nredirect_from: [/b-older/]\nslug: /elsewhere/b\n---\n",
		"content/c/_index.md", "---\nweight: 4\nsummary: Own.\ndescription: Not used.\n---\n",
	)
	res, errs := Load(fsys, config.Default(), Options{})
	if errs.Len() > 0 {
		t.Fatal(problems(errs))
	}
	a, b, c := res.Pages[0].Meta, res.Pages[1].Meta, res.Pages[2].Meta
	if a.Summary != "What A is." || a.Order() != 2.5 || a.Updated().String() != "2024-04-02" || a.Date.String() != "2024-03-01" ||
		strings.Join(a.Tags, ",") != "go" || strings.Join(a.Aliases, ",") != "/old-a/" {
		t.Errorf("a: %+v", a)
	}
	if b.Order() != 3 || strings.Join(b.Aliases, ",") != "/b-old/,/b-older/" || res.Pages[1].URL != "/elsewhere/b/" {
		t.Errorf("b: %+v at %s", b, res.Pages[1].URL)
	}
	if c.Summary != "Own." || c.Order() != 4 || res.Pages[2].URL != "/c/" {
		t.Errorf("c: %+v at %s", c, res.Pages[2].URL)
	}
}

// Hugo's TOML front matter between +++ lines, with positions.
func TestTOMLFrontMatter(t *testing.T) {
	fsys := pages(
		"content/post.md", "+++\ntitle = 'Post'\ndate = 2024-01-02\nweight = 2\ncategories = ['x']\n+++\n# Body\n",
		"content/bad.md", "+++\ntitle = 'Bad'\nweight = 'heavy'\n+++\n",
		"content/open.md", "+++\ntitle = 'Open'\n",
	)
	res, errs := Load(fsys, config.Default(), Options{})
	want := `content/bad.md:3:10: "weight" must be a whole number, not "heavy"
content/open.md:1:1: front matter opened with +++ is never closed (end it with a line holding only +++)
content/post.md:5:1: unknown key "categories" (remove it, or set strict: false in handbook.yaml to keep it as data for templates (.Page.Params.categories))
`
	if got := problems(errs); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var post *Page
	for _, p := range res.Pages {
		if p.Rel == "post.md" {
			post = p
		}
	}
	if post == nil || post.Meta.Title != "Post" || post.Meta.Weight != 2 || post.Meta.Date.String() != "2024-01-02" || post.BodyLine != 7 {
		t.Fatalf("post: %+v", post)
	}
}

// A site folder that is its own content folder: pages are read from it,
// but not from the output folder, other tools' folders, a folder holding
// a built site, or the site's config files.
func TestLoadSelf(t *testing.T) {
	fsys := pages(
		"index.md", "# Home",
		"guide/setup.md", "# Setup",
		"guide/shot.png", "png",
		"glossary.yaml", "terms:\n  - term: API\n    expansion: Application programming interface\n",
		"handbook.yaml", "title: T\n",
		"mkdocs.yml", "site_name: T\n",
		"public/index.md", "# old output",
		"site/x.md", "# MkDocs output",
		"node_modules/pkg/README.md", "# pkg",
		"out/.handbook-site", "",
		"out/y.md", "",
		"build/z.md", "# the output folder of this build",
		".git/HEAD.md", "",
		"rubrics/a.yaml", "id: a\n",
	)
	cfg := config.Default()
	cfg.Layout = config.Layout{ContentDir: "."}
	res, errs := Load(fsys, cfg, Options{Skip: []string{"build"}})
	if errs.Len() > 0 {
		t.Fatal(problems(errs))
	}
	var got []string
	for _, p := range res.Pages {
		got = append(got, p.File+"="+p.Rel+"="+p.URL)
	}
	if strings.Join(got, " ") != "guide/setup.md=guide/setup.md=/guide/setup/ index.md=index.md=/" {
		t.Errorf("pages: %v", got)
	}
	if strings.Join(res.Files, " ") != "guide/shot.png" {
		t.Errorf("files: %v", res.Files)
	}
	if res.Glossary == nil || res.Glossary.File != "glossary.yaml" || len(res.Glossary.Terms) != 1 {
		t.Errorf("glossary: %+v", res.Glossary)
	}
	if p := LoadPage(fsys, "guide/setup.md", cfg, &source.List{}); p == nil || p.Rel != "guide/setup.md" {
		t.Errorf("LoadPage: %+v", p)
	}
}

func TestDraftsCounted(t *testing.T) {
	res, _ := Load(pages("content/a.md", "---\ndraft: true\n---\n"), config.Default(), Options{})
	if len(res.Pages) != 0 || res.Drafts != 1 {
		t.Errorf("pages %d drafts %d", len(res.Pages), res.Drafts)
	}
}
