package site

import (
	"errors"

	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// A site is strict unless handbook.yaml says strict: false. In a strict
// site a link to a page, file or anchor that does not exist is an error,
// and so is a front-matter key the build does not know; otherwise each is
// a warning and the site is written, so that a site brought from another
// generator builds while they are mended (check lists them either way).
// Links that do not resolve are kept as written.

func (m *Model) strict() bool { return m.Config.Strict }

// render renders Markdown of the site whose relative links are read from
// fromRel (a path in the content folder, or "") and the URL fromURL. In a
// site that is not strict, a link to a page or file that does not exist is
// a warning at its position instead of an error.
func (m *Model) render(in markdown.Input, fromRel, fromURL string) (*markdown.Doc, error) {
	if m.strict() {
		in.Resolve = m.resolver(fromRel, fromURL)
		return m.md.Render(in)
	}
	missed := map[string]string{}
	in.Resolve = func(dest string) (markdown.Resolved, error) {
		res, err := m.resolve(fromRel, fromURL, dest)
		var me *missingError
		if errors.As(err, &me) {
			missed[dest] = me.msg
			return markdown.Resolved{Href: dest}, nil
		}
		return res, err
	}
	doc, err := m.md.Render(in)
	if err != nil || len(missed) == 0 {
		return doc, err
	}
	for _, l := range doc.Links {
		if msg, ok := missed[l.Dest]; ok {
			doc.Errs.Warnf(l.Pos, "%s", msg).Hint = "the link is kept as written; fix it, or remove it"
		}
	}
	return doc, nil
}

// missingLink reports a navigation entry that names no page: an error in
// a strict site, a warning otherwise.
func (m *Model) missingLink(pos source.Pos, err error) *source.Error {
	e := source.Errorf(pos, "navigation: %w", err)
	var me *missingError
	if !m.strict() && errors.As(err, &me) {
		e.Severity = source.SevWarning
		e.Hint = "the entry is left out of the navigation"
	}
	return e
}
