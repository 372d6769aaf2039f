package markdown

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// siteLike resolves as the site does: it decodes the destination with
// url.Parse, drops its query, maps page.md to /page/ and a relative file
// to /file, and takes any scheme or host as external.
func siteLike(dest string) (Resolved, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return Resolved{}, err
	}
	if u.Scheme != "" || u.Host != "" {
		return Resolved{Href: dest, External: true}, nil
	}
	switch {
	case u.Path == "":
		return Resolved{Href: "#" + u.Fragment, Target: "/here/", Fragment: u.Fragment}, nil
	case strings.HasSuffix(u.Path, ".md"):
		target := "/" + strings.TrimSuffix(u.Path, ".md") + "/"
		href := target
		if u.Fragment != "" {
			href += "#" + u.Fragment
		}
		return Resolved{Href: href, Target: target, Fragment: u.Fragment}, nil
	case strings.HasPrefix(u.Path, "/"):
		href := u.Path
		if u.Fragment != "" {
			href += "#" + u.Fragment
		}
		return Resolved{Href: href, Target: u.Path, Fragment: u.Fragment}, nil
	}
	return Resolved{Href: "/" + u.Path, Target: "/" + u.Path}, nil
}

func TestLinkDestinations(t *testing.T) {
	tests := []struct {
		src, href string
		asked     string // what the resolver was given; "-" when it was not asked
		target    string
	}{
		{"[l]()", `href=""`, "-", ""},
		{"[l](<>)", `href=""`, "-", ""},
		{"[q](/search/?q=x)", `href="/search/?q=x"`, "/search/", "/search/"},
		{"[s](setup.md?tab=2#a)", `href="/setup/?tab=2#a"`, "setup.md#a", "/setup/"},
		{"[s](setup.md?tab=2)", `href="/setup/?tab=2"`, "setup.md", "/setup/"},
		{"[e](/a%2Fb/)", `href="/a%2Fb/"`, "/a%2Fb/", "/a/b/"},
		{"[e](/search/?q=a%2Fb&n=1)", `href="/search/?q=a%2Fb&amp;n=1"`, "/search/", "/search/"},
		{"[f](#x%2Fy)", `href="#x%2Fy"`, "#x%2Fy", "/here/"},
		{"[f](?q=1#top)", `href="?q=1#top"`, "#top", "/here/"},
		{"[f](?q=1)", `href="?q=1"`, "-", ""},
		{"[f](my%20file.txt)", `href="/my%20file.txt"`, "my%20file.txt", "/my file.txt"},
		{"[x](https://example.org/a?b=c#d)", `href="https://example.org/a?b=c#d"`, "https://example.org/a?b=c#d", ""},
		{"[x](//example.org/a?b=c)", `href="//example.org/a?b=c"`, "//example.org/a?b=c", ""},
		{"[x](std:qaf-1?x#y)", `href="std:qaf-1?x#y"`, "std:qaf-1?x#y", ""},
		{"![p](pic.png?v=2)", `src="/pic.png?v=2"`, "pic.png", "/pic.png"},
	}
	for _, tt := range tests {
		asked := "-"
		doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte(tt.src), FirstLine: 1, Resolve: func(d string) (Resolved, error) {
			asked = d
			return siteLike(d)
		}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.HTML, tt.href) {
			t.Errorf("%s: HTML %q, want %s", tt.src, doc.HTML, tt.href)
		}
		if asked != tt.asked {
			t.Errorf("%s: resolver asked %q, want %q", tt.src, asked, tt.asked)
		}
		dest := strings.Trim(strings.TrimSuffix(strings.SplitN(tt.src, "(", 2)[1], ")"), "<>")
		if len(doc.Links) != 1 || doc.Links[0].Target != tt.target || doc.Links[0].Dest != dest {
			t.Errorf("%s: links %+v, want one to %q", tt.src, doc.Links, tt.target)
		}
	}
}

// A resolver's error is the doc's, at the link, and the link keeps its
// destination as written.
func TestLinkResolverError(t *testing.T) {
	doc, err := testRenderer().Render(Input{File: "x.md", Src: []byte("Text [s](gone.md?tab=2#a)."), FirstLine: 3, Resolve: func(d string) (Resolved, error) {
		return Resolved{}, fmt.Errorf("link %q: there is no page", d)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Errs.Err(); got == nil || got.Error() != `x.md:3:6: link "gone.md#a": there is no page` {
		t.Errorf("errors %v", got)
	}
	if !strings.Contains(doc.HTML, `href="gone.md?tab=2#a"`) {
		t.Errorf("HTML %q", doc.HTML)
	}
}

func TestHasSchemeOrHost(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://x": true, "mailto:a@b": true, "std:qaf-1": true, "//host/x": true, "a+b.c-d:x": true,
		"a.md": false, "/x": false, "": false, "#a:b": false, "a/b:c": false, "1a:b": false, ":x": false, "?a:b": false,
	} {
		if got := hasSchemeOrHost(dest); got != want {
			t.Errorf("hasSchemeOrHost(%q) = %v, want %v", dest, got, want)
		}
	}
}
