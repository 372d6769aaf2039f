package site

import (
	"errors"
	"testing"

	"golang.org/x/tools/txtar"
)

// Links as other generators' authors write them resolve to the page the
// site has; queries, fragments and encoded characters are kept.
func TestResolveLinks(t *testing.T) {
	site := `
-- content/index.md --
# Home
-- content/setup.md --
# Setup
-- content/commands/npm-team.md --
# npm-team
-- content/commands/npm-outdated.md --
# npm-outdated
-- content/commands/npm-edit.md --
# npm-edit
-- content/guide/only.md --
# The one page of guide/
-- content/howto/a.md --
# A
-- content/howto/b.md --
# B
-- content/deep/inner/only.md --
# The one page of deep/inner/
-- content/files/report.pdf --
pdf
-- rubrics/listening.yaml --
id: listening
title: Listening
lang: en
method: observation
scale:
  descriptors: none
  levels:
    - {id: "yes", label: "Yes"}
items:
  - {id: active-listening, title: Listens}
`
	res := mustBuild(t, archiveFS(t, txtar.Parse([]byte(site))))
	m := res.Model
	const from, fromURL = "commands/npm-edit.md", "/commands/npm-edit/"
	tests := []struct {
		dest, href, target, frag string
		missing                  bool // a missingError: an error, or a warning in a site that is not strict
	}{
		{dest: "/commands/npm-team", href: "/commands/npm-team/", target: "/commands/npm-team/"},
		{dest: "/commands/npm-team#synopsis", href: "/commands/npm-team/#synopsis", target: "/commands/npm-team/", frag: "synopsis"},
		{dest: "/commands/npm-team/", href: "/commands/npm-team/", target: "/commands/npm-team/"},
		{dest: "/commands/npm-team.md", href: "/commands/npm-team/", target: "/commands/npm-team/"},
		{dest: "/commands/npm-team.html", href: "/commands/npm-team/", target: "/commands/npm-team/"},
		{dest: "npm-outdated", href: "/commands/npm-outdated/", target: "/commands/npm-outdated/"},
		{dest: "npm-outdated.md", href: "/commands/npm-outdated/", target: "/commands/npm-outdated/"},
		{dest: "npm-outdated.html#x", href: "/commands/npm-outdated/#x", target: "/commands/npm-outdated/", frag: "x"},
		{dest: "../npm-team/", href: "/commands/npm-team/", target: "/commands/npm-team/"}, // from the page's URL, as Hugo reads it
		{dest: "../setup.md?tab=2#a", href: "/setup/?tab=2#a", target: "/setup/", frag: "a"},
		{dest: "../setup?tab=2", href: "/setup/?tab=2", target: "/setup/"},
		{dest: "/search/?q=a%2Fb", href: "/search/?q=a%2Fb", target: "/search/"},
		{dest: "/files/a%2Fb", href: "/files/a%2Fb", target: "/files/a/b"}, // no such file: kept as written, for check to report
		{dest: "../files/report.pdf", href: "/files/report.pdf", target: "/files/report.pdf"},
		{dest: "../guide/", href: "/guide/only/", target: "/guide/only/"},
		{dest: "../guide", href: "/guide/only/", target: "/guide/only/"},
		{dest: "/guide", href: "/guide/only/", target: "/guide/only/"},
		{dest: "/guide/", href: "/guide/only/", target: "/guide/only/"},
		{dest: "../deep/", href: "/deep/inner/only/", target: "/deep/inner/only/"},
		{dest: "../howto", href: "/howto/", target: "/howto/"},
		{dest: "../howto/index.html", href: "/howto/", target: "/howto/"},
		{dest: "./", href: "/commands/", target: "/commands/"},
		{dest: "/standards", href: "/standards/", target: "/standards/"},
		{dest: "/standards/listening/sheet", href: "/standards/listening/sheet/", target: "/standards/listening/sheet/"},
		{dest: "/about-access-tokens#legacy", href: "/about-access-tokens#legacy", target: "/about-access-tokens", frag: "legacy"},
		{dest: "npm-nothing", missing: true},
		{dest: "npm-nothing.md", missing: true},
		{dest: "../../../package.json", missing: true},
	}
	for _, tt := range tests {
		res, err := m.resolve(from, fromURL, tt.dest)
		var me *missingError
		if tt.missing {
			if !errors.As(err, &me) {
				t.Errorf("%q: got %+v, %v; want a link to something missing", tt.dest, res, err)
			}
			continue
		}
		if err != nil || res.Href != tt.href || res.Target != tt.target || res.Fragment != tt.frag {
			t.Errorf("%q: got %+v, %v\nwant href %q target %q fragment %q", tt.dest, res, err, tt.href, tt.target, tt.frag)
		}
	}
}

// Navigation, the footer and the listing pages link only to pages that
// are built: no glossary link without a glossary, no standards link
// without rubrics, and a folder of one page links to that page.
func TestNoLinksToPagesNotBuilt(t *testing.T) {
	site := `
-- content/index.md --
# Home
-- content/guide/only.md --
# Only
-- content/howto/a.md --
# A
-- content/howto/b.md --
# B
`
	res := mustBuild(t, archiveFS(t, txtar.Parse([]byte(site))))
	for _, name := range []string{"index.html", "guide/only/index.html", "howto/index.html", "search/index.html", "404.html"} {
		assertFile(t, res, name, "! glossary/", "! standards/index.html", "! Print an observation sheet", "! Self-assess")
	}
	assertFile(t, res, "index.html", `<a href="guide/only/index.html">Guide</a>`, `<a href="howto/index.html">Howto</a>`)
	if _, ok := res.Files["guide/index.html"]; ok {
		t.Error("a folder of one page has a page of its own")
	}
	crawl(t, res)
}
