package site

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/source"
)

// TestImportedSites builds sites laid out as other generators lay them
// out, without moving a file: their pages, titles and navigation come
// through, what is not theirs to publish stays out, and every internal
// link of the output leads to a file of the site.
func TestImportedSites(t *testing.T) {
	tests := []struct {
		fixture  string
		layout   Layout
		warnings []string
		files    map[string][]string // output file → what it holds ("! x": must not)
		absent   []string            // output files that must not exist
	}{
		{
			fixture: "mkdocs",
			layout:  Layout{ContentDir: "docs", From: "mkdocs.yml"},
			files: map[string][]string{
				"index.html": {
					"<title>Widget Manual</title>",
					`<meta name="description" content="How to install, set up and run the widget.">`,
					`<link rel="canonical" href="https://widgets.test/manual/">`,
					`<h2 class="nav-title">Getting started</h2>`,
					`<a href="setup/configure/index.html">Setting up</a>`,
					`<a href="https://widgets.test/changes/">Changes</a>`,
					`href="setup/configure/index.html#options"`,
					`href="reference/index.html"`,
				},
				"install/index.html": {
					`<meta name="description" content="Get the widget onto your machine.">`,
					`src="../img/parts.png"`,
					`href="../reference/cli/index.html#version"`,
				},
				"reference/index.html": {`href="../reference/cli/index.html"`, `href="../reference/api/index.html"`},
				"img/parts.png":        nil,
			},
			absent: []string{"site/index.html", "mkdocs.yml"},
		},
		{
			fixture: "hugo",
			layout:  Layout{ContentDir: "content", From: "hugo.toml"},
			warnings: []string{
				`content/posts/first-light.md:5:1: warning: front-matter key "categories" (and in 1 other page) is not one handbook reads; it is kept as data for templates (.Page.Params.categories) (remove it if no template of the site uses it)`,
				`content/posts/second-camp.md:6:1: warning: front-matter key "toc" is not one handbook reads; it is kept as data for templates (.Page.Params.toc) (remove it if no template of the site uses it)`,
			},
			files: map[string][]string{
				"index.html": {
					"<title>Field Notes</title>",
					`content="Notes from the field, kept by the survey team."`,
					`<link rel="canonical" href="https://notes.test/field/">`,
					`href="posts/index.html"`, `href="about/index.html"`,
				},
				"about/index.html":             {`content="Who writes these notes."`, `href="../posts/first-light/index.html"`},
				"team/index.html":              {`../about/index.html`},
				"posts/index.html":             {"<h1>Posts</h1>", `href="../posts/first-light/index.html"`},
				"posts/first-light/index.html": {`href="../../posts/second-camp/index.html"`, `href="../../about/index.html"`, `<time datetime="2024-01-02">`},
				"posts/second-camp/index.html": {`<time datetime="2024-02-01">`, `href="../../posts/first-light/index.html"`},
			},
			absent: []string{"posts/unfinished/index.html", "layouts/_default/single.html", "public/index.html", "archetypes/default/index.html"},
		},
		{
			fixture: "folder",
			layout:  Layout{ContentDir: ".", Skipped: []string{"node_modules", "public"}},
			files: map[string][]string{
				"index.html": {
					"<title>Team notes</title>",
					`<a href="onboarding/first-week/index.html">Onboarding</a>`,
					`<a href="howto/index.html">Howto</a>`,
					`href="howto/deploy/index.html"`, `href="howto/rollback/index.html"`,
					"! glossary/",
				},
				"howto/rollback/index.html":        {`href="../../howto/deploy/index.html?from=rollback#before-you-start"`},
				"howto/deploy/index.html":          {`href="../../howto/rollback/index.html"`, `src="../../howto/pipeline.png"`},
				"onboarding/first-week/index.html": {`href="../../howto/deploy/index.html#before-you-start"`},
				"search/index.html":                {`<li><a href="../index.html">Home</a></li>`, "! standards/", "! glossary/"},
				"404.html":                         {"! standards/"},
				"howto/pipeline.png":               nil,
			},
			absent: []string{"public/stale/index.html", "node_modules/tool/README/index.html", "glossary/index.html", "onboarding/index.html", "public/index.html"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			fsys := archiveFS(t, readArchive(t, "testdata/"+tt.fixture+".txtar"))
			if l := LayoutOf(fsys); l.ContentDir != tt.layout.ContentDir || l.From != tt.layout.From || !slices.Equal(l.Skipped, tt.layout.Skipped) {
				t.Errorf("layout %+v, want %+v", l, tt.layout)
			}
			res, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			var warnings []string
			for _, w := range res.Warnings {
				warnings = append(warnings, w.Error())
			}
			if !slices.Equal(warnings, tt.warnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(tt.warnings, "\n"))
			}
			for name, want := range tt.files {
				assertFile(t, res, name, want...)
			}
			for _, name := range tt.absent {
				if _, ok := res.Files[name]; ok {
					t.Errorf("output has %s", name)
				}
			}
			crawl(t, res)
		})
	}
}

// In a strict site (the default) the keys Hugo pages use that handbook
// does not read are errors, one per key at its first use; nothing is
// built.
func TestImportedStrict(t *testing.T) {
	fsys := archiveFS(t, readArchive(t, "testdata/hugo.txtar")).(fstest.MapFS)
	delete(fsys, "handbook.yaml")
	_, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
	le, ok := err.(*source.ListError)
	if !ok {
		t.Fatalf("build: %v, want content errors", err)
	}
	var got []string
	for _, e := range le.List.Errors() {
		got = append(got, e.Error())
	}
	want := []string{
		`content/posts/first-light.md:5:1: unknown key "categories" (and in 1 other page) (remove it, or set strict: false in handbook.yaml to keep it as data for templates (.Page.Params.categories))`,
		`content/posts/second-camp.md:6:1: unknown key "toc" (remove it, or set strict: false in handbook.yaml to keep it as data for templates (.Page.Params.toc))`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A rebuild of a folder that is its own content folder knows its pages
// are at the top: an edited page is rendered and templated again alone,
// and the result is what a full build gives.
func TestRebuildFolderOfMarkdown(t *testing.T) {
	fsys := archiveFS(t, readArchive(t, "testdata/folder.txtar")).(fstest.MapFS)
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults()}
	first, err := Build(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	const file = "howto/deploy.md"
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[file].Data), "Check the", "Always check the", 1))}
	res, err := Rebuild(ctx, fsys, opt, first, []string{file})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Rendered != 1 || res.Stats.Templated != 1 {
		t.Errorf("stats %+v, want the one page rendered and templated", res.Stats)
	}
	assertFile(t, res, "howto/deploy/index.html", "Always check the")
	full, err := Build(ctx, fsys, Options{Defaults: handbook.Defaults(), NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	for n, data := range full.Files {
		if string(data) != string(res.Files[n]) {
			t.Errorf("%s after the rebuild differs from a full build", n)
		}
	}
}
