package markdown

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Other generators' template syntax in a page: a Hugo shortcode
// ({{< ref "x" >}}, {{% notice %}}) or a contents marker ([TOC], as
// Python-Markdown writes it; [[_TOC_]] and [[TOC]], as GitLab and others
// do). handbook runs none of them, so each is shown as text, as any text
// is, and is a warning at its position, so that it is never shown without
// a word. Code (spans and blocks) and raw HTML are not looked at: a page
// that shows a shortcode as an example does so in code. A shortcode's
// closing tag ({{< /highlight >}}) adds no warning to its opening one's.

// shortcodeTransformer looks for shortcodes and contents markers in the
// text of every block that holds inline text.
type shortcodeTransformer struct{}

func (shortcodeTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc, _ := pc.Get(docCtx).(*Doc)
	in, _ := pc.Get(inputCtx).(*Input)
	if doc == nil || in == nil {
		return
	}
	src := reader.Source()
	var skip []text.Segment // code spans and raw HTML of the block, in order
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *Comment:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.TableCell:
		default:
			return ast.WalkContinue, nil
		}
		skip = skipped(n, skip[:0])
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			shortcodes(src, seg, skip, doc, in)
		}
		if _, ok := n.(*ast.Heading); !ok && lines.Len() == 1 {
			seg := lines.At(0)
			if m := bytes.TrimSpace(seg.Value(src)); isTOCMarker(m) {
				doc.Errs.Warnf(in.pos(seg.Start+util.TrimLeftSpaceLength(src[seg.Start:seg.Stop])),
					"%s is not supported, so it is shown as text", m).Hint =
					"remove it: a page lists its headings under \"On this page\" by itself"
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// skipped appends the segments of n's code spans and raw HTML to segs, in
// the order of the source.
func skipped(n ast.Node, segs []text.Segment) []text.Segment {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					segs = append(segs, t.Segment)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := range c.Segments.Len() {
				segs = append(segs, c.Segments.At(i))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(segs, func(a, b text.Segment) int { return a.Start - b.Start })
	return segs
}

// inSkipped reports whether offset lies in one of segs (sorted by start).
func inSkipped(segs []text.Segment, offset int) bool {
	i, _ := slices.BinarySearchFunc(segs, offset, func(s text.Segment, o int) int {
		if s.Start > o {
			return 1
		}
		return -1
	})
	// segs[i-1] is the last that starts at or before offset.
	return i > 0 && offset < segs[i-1].Stop
}

// shortcodes warns of each shortcode that opens in seg outside segs.
func shortcodes(src []byte, seg text.Segment, skip []text.Segment, doc *Doc, in *Input) {
	line := src[seg.Start:seg.Stop]
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte("{{"))
		if j < 0 {
			return
		}
		at := i + j
		i = at + 2
		if i >= len(line) || (line[i] != '<' && line[i] != '%') {
			continue
		}
		delim := line[i]
		k := i + 1
		for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
			k++
		}
		start := k
		for k < len(line) && (isWordByte(line[k]) || line[k] == '/' || line[k] == '.') {
			k++
		}
		name := line[start:k]
		if len(name) == 0 || name[0] == '/' || inSkipped(skip, seg.Start+at) {
			continue // not a shortcode, or a closing one, or in code
		}
		hint := "write it as Markdown (a link, an image, a callout), or remove it"
		if string(name) == "ref" || string(name) == "relref" {
			hint = "link to the page's file instead: [text](page.md)"
		}
		doc.Errs.Warnf(in.pos(seg.Start+at), "Hugo shortcode {{%c %s %c}} is not supported, so it is shown as text", delim, name, closing(delim)).Hint = hint
	}
}

func closing(delim byte) byte {
	if delim == '<' {
		return '>'
	}
	return '%'
}

// isTOCMarker reports whether a block's whole text is a contents marker.
func isTOCMarker(b []byte) bool {
	for _, m := range []string{"[TOC]", "[[_TOC_]]", "[[TOC]]"} {
		if bytes.EqualFold(b, []byte(m)) {
			return true
		}
	}
	return false
}

type shortcodeWarnings struct{}

func (shortcodeWarnings) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(shortcodeTransformer{}, shortcodeTransformerPriority)))
}
