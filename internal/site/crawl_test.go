package site

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
)

var (
	crawlAttr = regexp.MustCompile(`\s(href|src|action)="([^"]*)"`)
	crawlID   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// crawl follows every internal href, src and action of every HTML page of
// a built site as a browser reading it from file:// would: relative to
// the page's folder, with no server to turn a folder into its index.html.
// Each must name a file of the site, and a fragment on an HTML page must
// name an id on it. It returns how many links it followed.
func crawl(t *testing.T, res *Result) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	idsOf := func(name string) map[string]bool {
		if s, ok := ids[name]; ok {
			return s
		}
		s := map[string]bool{}
		for _, m := range crawlID.FindAllSubmatch(res.Files[name], -1) {
			s[html.UnescapeString(string(m[1]))] = true
		}
		ids[name] = s
		return s
	}
	followed := 0
	for name, data := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range crawlAttr.FindAllSubmatch(data, -1) {
			attr, raw := string(m[1]), html.UnescapeString(string(m[2]))
			u, err := url.Parse(raw)
			switch {
			case err != nil:
				t.Errorf("%s: %s=%q is not a URL: %v", name, attr, raw, err)
				continue
			case u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "//"):
				continue // another site, mailto:, data:
			case strings.HasPrefix(raw, "/") && name == "404.html":
				continue // served at any depth: its links start from the base URL's path
			case strings.HasPrefix(raw, "/"):
				t.Errorf("%s: %s=%q is site-absolute, which breaks under file:// and a sub-path", name, attr, raw)
				continue
			}
			followed++
			target := name
			if u.Path != "" {
				target = path.Join(path.Dir(name), u.Path)
				if strings.HasSuffix(u.Path, "/") {
					t.Errorf("%s: %s=%q names a folder, which file:// shows as a list of files", name, attr, raw)
					continue
				}
			}
			if strings.HasPrefix(target, "../") || target == ".." {
				t.Errorf("%s: %s=%q leaves the site", name, attr, raw)
				continue
			}
			if _, ok := res.Files[target]; !ok {
				t.Errorf("%s: %s=%q: the site has no file %s", name, attr, raw, target)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
				t.Errorf("%s: %s=%q: %s has no id %q", name, attr, raw, target, u.Fragment)
			}
		}
	}
	if followed == 0 {
		t.Error("the crawl followed no link")
	}
	return followed
}

// TestCrawlBasic: every internal link of the basic fixture leads to a
// file of the site.
func TestCrawlBasic(t *testing.T) {
	crawl(t, mustBuild(t, archiveFS(t, readArchive(t, "testdata/basic.txtar"))))
}

// TestCrawlShipped: every internal link of the shipped handbook leads to
// a file of the site.
func TestCrawlShipped(t *testing.T) {
	crawl(t, buildShipped(t))
}
