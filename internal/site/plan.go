package site

import (
	"path"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
)

// planned is one page the build will write. Its view is made only when the
// page is templated, so a rebuild that reuses a page's output never makes
// its view.
type planned struct {
	url  string
	kind *kind
	make func() *View
}

// plan lists every page of the site (every target of every kind), and
// claims each one's output file in o, so that two claiming one path are
// reported: a page or alias over a generated page, or an alias over a
// page.
func (m *Model) plan(o *owners, errs *source.List) []planned {
	var out []planned
	for k, t := range m.targets() {
		if k.yields && o.hasURL(t.url) {
			continue // a page the build makes already lives there (/standards/)
		}
		c := m.claimOf(k, t)
		c.url, c.path = t.url, strings.TrimPrefix(outputPath(t.url), "/")
		if !o.claim(c, errs) {
			continue
		}
		out = append(out, planned{url: t.url, kind: k, make: func() *View { return m.viewOf(k, t) }})
	}
	return out
}

// dirURL makes an alias a directory URL, unless it names a file.
func dirURL(a string) string {
	if strings.HasSuffix(a, "/") || path.Ext(a) == ".html" {
		return a
	}
	return a + "/"
}

// outputPath maps a URL to the file that serves it.
func outputPath(url string) string {
	if strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}
