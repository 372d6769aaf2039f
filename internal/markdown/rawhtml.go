package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTMLRenderer drops HTML comments (authors' notes) and, unless the site
// opts in to raw HTML, shows any other HTML in Markdown as text, so a page
// can never inject markup or script.
type rawHTMLRenderer struct{ unsafe bool }

func isComment(b []byte) bool {
	b = bytes.TrimSpace(b)
	return bytes.HasPrefix(b, []byte("<!--")) && bytes.HasSuffix(b, []byte("-->"))
}

func (r rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.HTMLBlock)
		var raw bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			raw.Write(s.Value(src))
		}
		if n.HasClosure() {
			raw.Write(n.ClosureLine.Value(src))
		}
		if isComment(raw.Bytes()) || n.HTMLBlockType == ast.HTMLBlockType2 {
			return ast.WalkSkipChildren, nil
		}
		if r.unsafe {
			_, _ = w.Write(raw.Bytes())
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.WriteString("<p>")
		_, _ = w.Write(util.EscapeHTML(bytes.TrimRight(raw.Bytes(), "\n")))
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		n := node.(*ast.RawHTML)
		var raw bytes.Buffer
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			raw.Write(s.Value(src))
		}
		switch {
		case isComment(raw.Bytes()):
		case r.unsafe:
			_, _ = w.Write(raw.Bytes())
		default:
			_, _ = w.Write(util.EscapeHTML(raw.Bytes()))
		}
		return ast.WalkSkipChildren, nil
	})
}

type rawHTML struct{ unsafe bool }

func (x rawHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer(x), overridePriority)))
}
