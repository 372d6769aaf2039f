package site

import "testing"

// Link details the renderer keeps, through the site's resolver and the
// pass that makes URLs relative: an empty destination stays empty, a query
// and percent-encoded characters stay as written.
func TestLinkDetails(t *testing.T) {
	res := buildTxt(t, `-- content/index.md --
# Home

[empty]() [search](/search/?q=x) [setup](setup.md?tab=2#a) [file](files/a%20b.txt?v=1) [encoded](/search/?q=a%2Fb) [host](//example.org/x)
-- content/setup.md --
# Setup

## A
-- content/files/a b.txt --
text
`)
	assertFile(t, res, "index.html",
		`<a href="">empty</a>`,
		`<a href="search/index.html?q=x">search</a>`,
		`<a href="setup/index.html?tab=2#a">setup</a>`,
		`<a href="files/a%20b.txt?v=1">file</a>`,
		`<a href="search/index.html?q=a%2Fb">encoded</a>`,
		`<a href="//example.org/x">host</a>`,
		`! href="#">empty`)
}

// A heading's written id is its anchor: links to it check, and the id made
// from its text is not one.
func TestHeadingIDLinks(t *testing.T) {
	res := buildTxt(t, `-- content/a.md --
# A

See [installing](b.md#install) and [its options](b.md#options).
-- content/b.md --
# B

## Install the tools {#install}

## Options {#options .wide}
`)
	assertFile(t, res, "b/index.html", `<h2 id="install"><a class="self-link" href="#install">Install the tools</a></h2>`,
		`<h2 id="options" class="wide">`, "! {#")
	assertFile(t, res, "a/index.html", `href="../b/index.html#install"`)
}

// Alerts and admonitions reach the page as callouts; a fence keeps its
// language.
func TestCallouts(t *testing.T) {
	res := buildTxt(t, "-- content/a.md --\n# A\n\n> [!WARNING]\n> Check first.\n\n!!! tip \"Quick way\"\n    Use the form.\n\n```mermaid\ngraph TD;\n```\n")
	assertFile(t, res, "a/index.html",
		`<div class="callout warning-text callout-warning">`,
		`<span class="warning-text-icon" aria-hidden="true">!</span>`,
		`<p class="callout-title visually-hidden">Warning</p>`,
		`<div class="callout inset-text callout-tip">`,
		`<p class="callout-title"><span class="visually-hidden">Tip: </span>Quick way</p>`,
		`<code class="language-mermaid">`,
		"! [!WARNING]", "! !!!")
}
