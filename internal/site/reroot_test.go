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
