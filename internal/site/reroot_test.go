package site

import "testing"

// TestReroot: the relative URLs of a page written for the site's root get
// the root they are shown under; the others stay as they are.
func TestReroot(t *testing.T) {
	for _, tt := range []struct {
		name, in, root, want string
	}{
		{"relative", `<a href="standards/index.html">`, "/", `<a href="/standards/index.html">`},
		{"under a path", `<a href="index.html">`, "/handbook/", `<a href="/handbook/index.html">`},
		{"dot", `<a href="./">`, "/", `<a href="/">`},
		{"form", `<form action="search/index.html">`, "/h/", `<form action="/h/search/index.html">`},
		{"data-root", `<html data-root="./">`, "/h/", `<html data-root="/h/">`},
		{"absolute", `<a href="/handbook/x/">`, "/", `<a href="/handbook/x/">`},
		{"fragment", `<a href="#main">`, "/", `<a href="#main">`},
		{"mailto", `<a href="mailto:a@example.org">`, "/", `<a href="mailto:a@example.org">`},
		{"https", `<a href="https://example.org/">`, "/", `<a href="https://example.org/">`},
		{"data", `<link rel="icon" href="data:,">`, "/", `<link rel="icon" href="data:,">`},
		{"other attribute", `<meta content="a/b">`, "/", `<meta content="a/b">`},
		{"text", `<p>x="y/z"</p>`, "/", `<p>x="y/z"</p>`},
		{"unclosed", `<a href="x`, "/", `<a href="x`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Reroot([]byte(tt.in), tt.root)); got != tt.want {
				t.Errorf("Reroot(%q, %q) = %q, want %q", tt.in, tt.root, got, tt.want)
			}
		})
	}
}

// TestRelativize: the site-absolute URLs in the attributes of a page
// become relative to the page's file, a folder's naming its index.html,
// with their query and fragment; the others stay as they are.
func TestRelativize(t *testing.T) {
	for _, tt := range []struct {
		name, in, file, want string
	}{
		{"root", `<a href="/">`, "/index.html", `<a href="index.html">`},
		{"folder", `<a href="/standards/">`, "/guidance/wti/index.html", `<a href="../../standards/index.html">`},
		{"file", `<img src="/assets/a.png">`, "/a/index.html", `<img src="../assets/a.png">`},
		{"fragment", `<a href="/a/#p-2">`, "/b/c/index.html", `<a href="../../a/index.html#p-2">`},
		{"query", `<a href="/search/?q=x#r">`, "/index.html", `<a href="search/index.html?q=x#r">`},
		{"form", `<form action="/search/">`, "/a/index.html", `<form action="../search/index.html">`},
		{"data-root", `<html data-root="/">`, "/a/b/index.html", `<html data-root="../../">`},
		{"data-root at the root", `<html data-root="/">`, "/index.html", `<html data-root="./">`},
		{"protocol-relative", `<a href="//example.org/x">`, "/a/index.html", `<a href="//example.org/x">`},
		{"other attribute", `<meta content="/a/">`, "/a/index.html", `<meta content="/a/">`},
		{"text", `<p>x="/y"</p>`, "/a/index.html", `<p>x="/y"</p>`},
		{"new line", "<a\nhref=\"/x/\">", "/a/index.html", "<a\nhref=\"../x/index.html\">"},
		{"unclosed", `<a href="/x`, "/a/index.html", `<a href="/x`},
		{"several", `<a href="/x/">1</a><a href="/y">2</a>`, "/a/index.html", `<a href="../x/index.html">1</a><a href="../y">2</a>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Relativize([]byte(tt.in), tt.file)); got != tt.want {
				t.Errorf("Relativize(%q, %q) = %q, want %q", tt.in, tt.file, got, tt.want)
			}
		})
	}
}
