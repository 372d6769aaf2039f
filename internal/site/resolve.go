package site

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/rubric"
)

// StdScheme starts a link to a standard: std:qaf-1/active-listening.
const StdScheme = "std:"

// resolver returns the link resolver of a page: fromRel is the page's path
// under content/ ("" for text that is not a page, such as a rubric's
// Markdown, whose relative links are read from content/), fromURL its URL.
// Every href it returns is site-absolute; the last pass of the build makes
// them relative.
func (m *Model) resolver(fromRel, fromURL string) func(string) (markdown.Resolved, error) {
	return func(dest string) (markdown.Resolved, error) {
		return m.resolve(fromRel, fromURL, dest)
	}
}

func (m *Model) resolve(fromRel, fromURL, dest string) (markdown.Resolved, error) {
	if strings.HasPrefix(dest, StdScheme) {
		return m.resolveStd(dest)
	}
	u, err := url.Parse(dest)
	if err != nil {
		return markdown.Resolved{}, fmt.Errorf("link %q is not a valid URL", dest)
	}
	if u.Scheme != "" || u.Host != "" {
		switch u.Scheme {
		case "", "http", "https", "mailto", "tel": // "": //host/x, protocol-relative
			return markdown.Resolved{Href: dest, External: true}, nil
		}
		return markdown.Resolved{}, fmt.Errorf("link %q uses the scheme %q, which the site does not allow (use https:, mailto:, tel:, std: or a page's file)", dest, u.Scheme)
	}
	frag := u.Fragment
	p := u.Path
	if p == "" {
		return markdown.Resolved{Href: "#" + frag, Target: fromURL, Fragment: frag}, nil
	}
	if strings.HasPrefix(p, "/") {
		return m.resolvePath(u), nil
	}
	return m.resolveRel(u, fromRel, fromURL, dest)
}

// resolveStd resolves std:rubric, std:rubric/standard, std:rubric/sheet and
// std:rubric/assess, each with an optional #fragment.
func (m *Model) resolveStd(dest string) (markdown.Resolved, error) {
	ref, frag, _ := strings.Cut(strings.TrimPrefix(dest, StdScheme), "#")
	rid, nid, _ := strings.Cut(ref, "/")
	r, _, ok := rubric.Resolve(m.rubrics, rid)
	if !ok {
		return markdown.Resolved{}, fmt.Errorf("link %q: there is no rubric %q (rubrics: %s)", dest, rid, m.sortedRubricIDs())
	}
	target := RubricURL(r.ID)
	switch {
	case nid == "":
	case slices.Contains(rubricPageIDs(), nid):
		target += nid + "/"
	default:
		_, n, ok := rubric.Resolve(m.rubrics, r.ID+"/"+nid)
		if !ok {
			return markdown.Resolved{}, fmt.Errorf("link %q: rubric %s has no standard %q", dest, r.ID, nid)
		}
		target = NodeURL(r.ID, n.ID)
	}
	href := target
	if frag != "" {
		href += "#" + frag
	}
	return markdown.Resolved{Href: href, Target: target, Fragment: frag}, nil
}
