package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Editorial insertions: the editors' own words in a transcribed page, such
// as "(not available)" after a reference to a screenshot the source lost,
// or a table heading the source did not have, are written between {ed}
// and {/ed}:
//
//	as shown below {ed}not available{/ed}.
//	| {ed}Step{/ed} | {ed}Action{/ed} |
//
// and rendered in square brackets inside <span class="editorial">, so that
// readers, and checks, tell them from the source's words:
//
//	as shown below <span class="editorial">[not available]</span>.
//
// The marks open and close within one paragraph, heading or table cell,
// and may hold any inline Markdown (links, emphasis). Braces of any other
// form are text, as before; {ed} inside code is code. A mark that opens
// and does not close, or closes what is not open, is an error at its
// position. The search index and the contents list keep the brackets, as
// the page shows them; a heading's id is made from its text without the
// marks.

// KindEditorial is the ast.NodeKind of an editorial insertion.
var KindEditorial = ast.NewNodeKind("Editorial")

// Editorial is the editors' words: its children, in brackets.
type Editorial struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Editorial) Kind() ast.NodeKind { return KindEditorial }

// Dump implements ast.Node.
func (n *Editorial) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// kindEditorialMark is the ast.NodeKind of a {ed} or {/ed} mark, before
// the transformer pairs the marks up.
var kindEditorialMark = ast.NewNodeKind("EditorialMark")

// editorialMark is a {ed} (open) or {/ed} mark at offset of the source.
// A mark left unpaired stays in the tree and is shown as the text it is.
type editorialMark struct {
	ast.BaseInline
	open   bool
	offset int
}

func (n *editorialMark) Kind() ast.NodeKind { return kindEditorialMark }

func (n *editorialMark) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (n *editorialMark) text() []byte {
	if n.open {
		return edOpen
	}
	return edClose
}

var (
	edOpen  = []byte("{ed}")
	edClose = []byte("{/ed}")
)

// editorialParser reads the marks.
type editorialParser struct{}

func (editorialParser) Trigger() []byte { return []byte{'{'} }

func (editorialParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	switch {
	case bytes.HasPrefix(line, edOpen):
		block.Advance(len(edOpen))
		return &editorialMark{open: true, offset: seg.Start}
	case bytes.HasPrefix(line, edClose):
		block.Advance(len(edClose))
		return &editorialMark{offset: seg.Start}
	}
	return nil
}

// editorialTransformer pairs each {ed} with the next {/ed} among its
// siblings and puts what is between them into an Editorial node; a mark
// without its pair is an error.
type editorialTransformer struct{}

func (editorialTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc, _ := pc.Get(docCtx).(*Doc)
	in, _ := pc.Get(inputCtx).(*Input)
	var parents []ast.Node // each once, in the order of the page
	seen := map[ast.Node]bool{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*editorialMark); ok && entering && !seen[m.Parent()] {
			seen[m.Parent()] = true
			parents = append(parents, m.Parent())
		}
		return ast.WalkContinue, nil
	})
	problem := func(m *editorialMark, msg, hint string) {
		if doc != nil && in != nil {
			doc.Errs.Addf(in.pos(m.offset), "%s", msg).Hint = hint
		}
	}
	for _, p := range parents {
		var open *editorialMark
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			m, ok := c.(*editorialMark)
			switch {
			case !ok:
			case m.open && open != nil:
				problem(open, "{ed} is not closed before the next {ed}", "close it with {/ed}; editorial insertions do not nest")
				open = m
			case m.open:
				open = m
			case open == nil:
				problem(m, "{/ed} closes no {ed}", "open the editors' words with {ed} in the same paragraph, heading or cell, or remove it")
			default:
				ed := &Editorial{}
				for x := open.NextSibling(); x != m; {
					after := x.NextSibling()
					ed.AppendChild(ed, x)
					x = after
				}
				p.ReplaceChild(p, open, ed)
				p.RemoveChild(p, m)
				open = nil
			}
			c = next
		}
		if open != nil {
			problem(open, "{ed} is not closed", "close the editors' words with {/ed} in the same paragraph, heading or cell")
		}
	}
}

// stripEditorialMarks removes the marks from a heading's line, so that the
// id made from its text is the one it had before the marks were written.
func stripEditorialMarks(line []byte) []byte {
	if !bytes.Contains(line, edOpen) && !bytes.Contains(line, edClose) {
		return line
	}
	line = bytes.ReplaceAll(line, edOpen, nil)
	return bytes.ReplaceAll(line, edClose, nil)
}

type editorialRenderer struct{}

func (editorialRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEditorial, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="editorial">[`)
		} else {
			_, _ = w.WriteString(`]</span>`)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindEditorialMark, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*editorialMark).text())
		}
		return ast.WalkContinue, nil
	})
}

type editorials struct{}

func (editorials) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(editorialParser{}, editorialParserPriority)),
		parser.WithASTTransformers(util.Prioritized(editorialTransformer{}, editorialTransformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(editorialRenderer{}, 500)))
}
