// Package check validates what can only be validated once every page is
// rendered: links and their anchors, numbered paragraphs, navigation, and
// the author-facing checks of `handbook check` (alternative text, heading
// levels, link text, review dates, external links that are not https).
//
// It is part of the validate stage. Its input is an [Input] assembled by the
// pipeline from the rendered documents; its output is problems added to a
// source.List, errors for what breaks the site and warnings for what an
// author should fix.
package check
