package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestShortcodeWarnings(t *testing.T) {
	const other = " (write it as Markdown (a link, an image, a callout), or remove it)"
	const toc = ` (remove it: a page lists its headings under "On this page" by itself)`
	tests := []struct{ src, warnings string }{
		{`See {{< ref "install.md" >}}.`, `x.md:1:5: warning: Hugo shortcode {{< ref >}} is not supported, so it is shown as text (link to the page's file instead: [text](page.md))`},
		{"Intro.\n\n{{% notice tip %}}\nText\n{{% /notice %}}", "x.md:3:1: warning: Hugo shortcode {{% notice %}} is not supported, so it is shown as text" + other},
		{"## A {{<relref \"b\">}}", `x.md:1:6: warning: Hugo shortcode {{< relref >}} is not supported, so it is shown as text (link to the page's file instead: [text](page.md))`},
		{"| a |\n|---|\n| {{< x/y >}} |", "x.md:3:3: warning: Hugo shortcode {{< x/y >}} is not supported, so it is shown as text" + other},
		{"- item {{< a >}} and `{{< b >}}` and {{< c >}}", "x.md:1:8: warning: Hugo shortcode {{< a >}} is not supported, so it is shown as text" + other +
			"\nx.md:1:38: warning: Hugo shortcode {{< c >}} is not supported, so it is shown as text" + other},
		{"[TOC]", "x.md:1:1: warning: [TOC] is not supported, so it is shown as text" + toc},
		{"Intro.\n\n  [[_toc_]]  ", "x.md:3:3: warning: [[_toc_]] is not supported, so it is shown as text" + toc},
		// Not shortcodes or markers: code, raw HTML, other braces, a
		// marker inside text or a heading.
		{"`{{< ref \"x\" >}}`", ""},
		{"```\n{{< ref \"x\" >}}\n[TOC]\n```", ""},
		{"    {{< ref \"x\" >}}", ""},
		{"<div>\n{{< ref \"x\" >}}\n</div>", ""},
		{`<span title="{{< x >}}">a</span>`, ""},
		{"{{ .Title }} {{< >}} {{<", ""},
		{"See [TOC] here.\n\n# [TOC]", ""},
		{"```` `{{< x >}}` ````", ""},
	}
	for _, tt := range tests {
		doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range doc.Errs.Errors() {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != tt.warnings {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, strings.Join(got, "\n"), tt.warnings)
		}
	}
}

// BenchmarkShortcodes renders one paragraph of n shortcodes, every other
// one in a code span: the time per shortcode stays flat as n grows (each
// is looked up among the code spans by a binary search).
func BenchmarkShortcodes(b *testing.B) {
	r := testRenderer()
	for _, n := range []int{100, 1000, 10000} {
		src := []byte(strings.Repeat("{{< a >}} `{{< b >}}` ", n/2))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/shortcode")
		})
	}
}
