package config

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(files ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return m
}

// Where the pages are: content/ when there is one, another generator's
// folder when its config says so, else the site folder itself when it
// holds Markdown outside the folders that are never pages.
func TestLayout(t *testing.T) {
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		content string
		from    string
		skipped []string
	}{
		{"content folder", mapFS("content/index.md", "# Hi", "guide.md", "x"), "content", "", nil},
		{"folder of Markdown", mapFS("index.md", "# Hi", "public/index.html", "", "site/x.md", "", "node_modules/a/README.md", ""), ".", "", []string{"public", "site", "node_modules"}},
		{"nested Markdown", mapFS("guide/setup.md", "# Setup"), ".", "", nil},
		{"Markdown only in output folders", mapFS("public/x.md", "", "out/.handbook-site", "", "out/y.md", "", ".git/z.md", ""), "content", "", nil},
		{"no Markdown", mapFS("rubrics/a.yaml", "id: a"), "content", "", nil},
		{"standards alone, with a README", mapFS("rubrics/a.yaml", "id: a", "README.md", "# Fixtures"), "content", "", nil},
		{"mkdocs", mapFS("mkdocs.yml", "site_name: Docs\n", "docs/index.md", "# Hi"), "docs", "mkdocs.yml", nil},
		{"mkdocs docs_dir", mapFS("mkdocs.yml", "docs_dir: pages\n", "pages/index.md", "# Hi"), "pages", "mkdocs.yml", nil},
		{"hugo", mapFS("hugo.toml", "title = 'H'\n", "content/_index.md", "# Hi"), "content", "hugo.toml", nil},
		{"hugo contentDir", mapFS("config.toml", "contentDir = 'text'\n", "content/x.md", "", "text/_index.md", "# Hi"), "text", "config.toml", nil},
		{"docusaurus", mapFS("docusaurus.config.js", "module.exports = {}", "docs/intro.md", "# Hi", "blog/x.md", ""), "docs", "docusaurus.config.js", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, errs := Load(tt.fsys)
			for _, e := range errs.Errors() {
				t.Errorf("problem: %v", e)
			}
			l := s.Layout
			if l.ContentDir != tt.content || l.From != tt.from {
				t.Errorf("layout %+v, want content %q from %q", l, tt.content, tt.from)
			}
			slices.Sort(l.Skipped)
			slices.Sort(tt.skipped)
			if !slices.Equal(l.Skipped, tt.skipped) {
				t.Errorf("skipped %v, want %v", l.Skipped, tt.skipped)
			}
		})
	}
}

func TestLayoutSkip(t *testing.T) {
	self, content := Layout{ContentDir: "."}, Layout{ContentDir: "content"}
	for _, tt := range []struct {
		path string
		dir  bool
		want bool
	}{
		{"public", true, true},
		{"public/index.html", false, true},
		{"site", true, true},
		{"node_modules", true, true},
		{"rubrics/a.yaml", false, true},
		{"handbook.yaml", false, true},
		{"mkdocs.yml", false, true},
		{"guide/handbook.yaml", false, false},
		{"guide/public", true, false},
		{"guide.md", false, false},
		{"publications", true, false},
	} {
		if got := self.Skip(tt.path, tt.dir); got != tt.want {
			t.Errorf("Skip(%q) = %v, want %v", tt.path, got, tt.want)
		}
		if content.Skip(tt.path, tt.dir) {
			t.Errorf("with content/, Skip(%q) is true", tt.path)
		}
	}
}

// mkdocs.yml and a Hugo config give the title, description, address and
// navigation that handbook.yaml does not.
func TestImport(t *testing.T) {
	mkdocs := `site_name: My Docs
site_description: All about it.
site_url: https://docs.example.net/x/
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  - about.md
  - User guide:
      - guide/install.md
      - Advanced:
          - Tuning: guide/tuning.md
  - Issues: https://github.com/x/y/issues
`
	s, errs := Load(mapFS("mkdocs.yml", mkdocs, "docs/index.md", "# Hi", "docs/guide/install.md", ""))
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	if s.Title != "My Docs" || s.Description != "All about it." {
		t.Errorf("title %q, description %q", s.Title, s.Description)
	}
	if s.BaseURL != "" {
		t.Errorf("base URL %q from a placeholder host", s.BaseURL)
	}
	var got []string
	for _, g := range s.Nav {
		var items []string
		for _, it := range g.Items {
			items = append(items, it.Title+"="+it.Ref+"@"+it.Pos.String())
		}
		got = append(got, fmt.Sprintf("%q: %s", g.Title, strings.Join(items, ", ")))
	}
	want := []string{
		`"": Home=index.md@mkdocs.yml:10:11, =about.md@mkdocs.yml:11:5`,
		`"User guide": =guide/install.md@mkdocs.yml:13:9, Tuning=guide/tuning.md@mkdocs.yml:15:21`,
		`"": Issues=https://github.com/x/y/issues@mkdocs.yml:16:13`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("nav:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// handbook.yaml says what it says; the rest comes from mkdocs.yml.
	s, errs = Load(mapFS("mkdocs.yml", mkdocs, "docs/index.md", "", File, "title: Ours\nstrict: false\n"))
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	if s.Title != "Ours" || s.Description != "All about it." || len(s.Nav) != 3 || s.Strict {
		t.Errorf("title %q description %q nav %d strict %v", s.Title, s.Description, len(s.Nav), s.Strict)
	}

	hugo := "baseURL = 'https://intranet.test/docs'\ntitle = 'Hugo site'\n[params]\ndescription = 'From Hugo.'\n"
	s, errs = Load(mapFS("hugo.toml", hugo, "content/_index.md", ""))
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	if s.Title != "Hugo site" || s.Description != "From Hugo." || s.BaseURL != "https://intranet.test/docs/" {
		t.Errorf("hugo: %q %q %q", s.Title, s.Description, s.BaseURL)
	}
}

// Problems in another tool's config are warnings at their positions.
func TestImportWarnings(t *testing.T) {
	for _, tt := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"missing docs_dir", mapFS("mkdocs.yml", "site_name: X\ndocs_dir: nowhere\n"),
			`mkdocs.yml:2:1: warning: the pages folder nowhere/ does not exist (create it, or name the folder that holds the Markdown files; handbook reads mkdocs.yml only`},
		{"docs_dir outside", mapFS("mkdocs.yml", "docs_dir: ../x\n"),
			`mkdocs.yml:1:1: warning: the pages folder "../x" is not a folder inside the site`},
		{"bad nav entry", mapFS("mkdocs.yml", "nav:\n  - Home: {a: b}\n", "docs/index.md", ""),
			`mkdocs.yml:2:5: warning: nav entry "Home" is not a page, a link or a section`},
		{"malformed", mapFS("hugo.toml", "title = \n", "content/x.md", ""),
			`hugo.toml:1:9: warning: malformed TOML`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Load(tt.fsys)
			if errs.HasErrors() || errs.Len() != 1 || !strings.HasPrefix(errs.Errors()[0].Error(), tt.want) {
				t.Errorf("got %v\nwant %s…", errs.Errors(), tt.want)
			}
		})
	}
}

func TestStrictDefault(t *testing.T) {
	s, _ := Load(mapFS("content/a.md", ""))
	if !s.Strict {
		t.Error("strict is false without handbook.yaml")
	}
}
