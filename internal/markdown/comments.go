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

// An HTML comment at the start of a line is an author's note, and it
// removes only itself. CommonMark makes such a line an HTML block that runs
// to the end of the line holding "-->", so "<!-- note --> This sentence…"
// would lose the sentence, and "¶3 <!-- c --> text" would be an empty
// paragraph 3. commentParser reads the comment instead, and what follows it
// on its last line is read as Markdown, as if the comment were not there.

// KindComment is the ast.NodeKind of a comment block.
var KindComment = ast.NewNodeKind("Comment")

// Comment is an HTML comment that starts a line. It renders nothing. While
// parsing, a comment followed by text on its line holds that text's blocks;
// the parser's transformer then puts them in the comment's place.
type Comment struct {
	ast.BaseBlock
	open bool // its "-->" is on a later line
}

// Kind implements ast.Node.
func (n *Comment) Kind() ast.NodeKind { return KindComment }

// Dump implements ast.Node.
func (n *Comment) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

var (
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
)

type commentParser struct{}

func (commentParser) Trigger() []byte { return []byte{'<'} }

func (commentParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], commentOpen) {
		return nil, parser.NoChildren
	}
	// "<!-->" and "<!--->" are whole comments too, as in CommonMark.
	end := bytes.Index(line[pos+2:], commentClose)
	if end < 0 {
		reader.AdvanceToEOL()
		return &Comment{open: true}, parser.NoChildren
	}
	reader.Advance(pos + 2 + end + len(commentClose))
	// The comments that follow on the line are this one's too. Each would
	// otherwise hold the rest of the line, the next comment in it among
	// that, and a line of n comments would nest n deep (300,000 took
	// minutes). One that is not closed on the line stays for the code
	// below, as the rest of the line.
	for {
		rest, _ := reader.PeekLine()
		i := 0
		for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
			i++
		}
		if !bytes.HasPrefix(rest[i:], commentOpen) {
			break
		}
		end := bytes.Index(rest[i+2:], commentClose)
		if end < 0 {
			break
		}
		reader.Advance(i + 2 + end + len(commentClose))
	}
	rest, _ := reader.PeekLine()
	if util.IsBlank(rest) {
		return &Comment{}, parser.NoChildren
	}
	if last := pc.LastOpenedBlock().Node; last != nil && ast.IsParagraph(last) {
		// Text after the comment goes on the paragraph before it, as it
		// would without the comment: open nothing, and leave the reader
		// after the comment for the parsers after this one and for the
		// paragraph's lazy continuation.
		return nil, parser.NoChildren
	}
	return &Comment{}, parser.HasChildren
}

func (commentParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Comment)
	if !n.open {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	end := bytes.Index(line, commentClose)
	if end < 0 {
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	// The rest of the line is read again, as blocks beside the comment.
	n.open = false
	reader.Advance(end + len(commentClose))
	return parser.Close
}

func (commentParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph is true, as for the HTML block the comment would
// otherwise be.
func (commentParser) CanInterruptParagraph() bool { return true }
func (commentParser) CanAcceptIndentedLine() bool { return false }

// commentTransformer puts the blocks a comment holds in its place.
type commentTransformer struct{}

func (commentTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var holding []*Comment
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*Comment); ok && entering && c.HasChildren() {
			holding = append(holding, c)
		}
		return ast.WalkContinue, nil
	})
	// Innermost last in walk order: unwrap from the end, so a comment's
	// children are final before it is unwrapped.
	for i := len(holding) - 1; i >= 0; i-- {
		c := holding[i]
		parent := c.Parent()
		for child := c.FirstChild(); child != nil; {
			next := child.NextSibling()
			parent.InsertBefore(parent, c, child)
			tighten(child)
			child = next
		}
		parent.RemoveChild(parent, c)
	}
}

// tighten makes a paragraph that has come to stand in an item of a tight
// list a text block, as goldmark does with the items' own paragraphs when
// it closes the list (while the comment held it, it was not the item's).
func tighten(n ast.Node) {
	p, ok := n.(*ast.Paragraph)
	if !ok || p.Parent() == nil || p.Parent().Kind() != ast.KindListItem {
		return
	}
	if list, ok := p.Parent().Parent().(*ast.List); !ok || !list.IsTight {
		return
	}
	tb := ast.NewTextBlock()
	tb.SetLines(p.Lines())
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		tb.AppendChild(tb, c)
		c = next
	}
	p.Parent().ReplaceChild(p.Parent(), p, tb)
}

type commentRenderer struct{}

func (commentRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindComment, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

type comments struct{}

func (comments) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(commentParser{}, commentParserPriority)),
		parser.WithASTTransformers(util.Prioritized(commentTransformer{}, commentTransformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(commentRenderer{}, 500)))
}
