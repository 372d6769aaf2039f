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
	make func(*recorder) *View
}

// plan lists every page of the site (every target of every kind), and
// claims each one's output file in o, so that two claiming one path are
// reported: a page or alias over a generated page, or an alias over a
// page.
func (m *Model) plan(o *owners, errs *source.List) []planned {
	var out []planned
	m.targetSums = make(map[string]uint64, 2*len(m.Pages)+64)
	for k, t := range m.targets() {
		if k.yields && o.hasURL(t.url) {
			continue // a page the build makes already lives there (/standards/)
		}
		c := m.claimOf(k, t)
		c.url, c.path = t.url, strings.TrimPrefix(outputPath(t.url), "/")
		if !o.claim(c, errs) {
			continue
		}
		m.targetSums[c.path] = t.sum(k)
		out = append(out, planned{url: t.url, kind: k, make: func(rec *recorder) *View { return m.viewOf(k, t, rec) }})
	}
	return out
}

// sum hashes what a page of kind k for t is: the kind, the URL, what it is
// about (a page's file, a rubric's, a standard's id) and where a redirect
// leads. An output whose target is another is made again.
func (t target) sum(k *kind) uint64 {
	h := newHasher()
	h.str(k.name)
	h.str(t.url)
	h.str(t.to)
	if t.p != nil {
		h.str(t.p.Src.File)
	}
	if t.r != nil {
		h.str(t.r.R.File)
	}
	if t.n != nil {
		h.str(t.n.ID)
	}
	return h.sum()
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
