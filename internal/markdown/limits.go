package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxDepth is how deep blocks may nest: lists in lists, quotes in quotes,
// numbered paragraphs in list items, admonitions in admonitions. No reader follows a list fifty levels
// down, and goldmark's work grows with the square of the depth (each level
// looks at the rest of its line again), so 100,000 levels take it most of a
// minute. In a block this deep, a line that would open another level
// (a list item, a quote, …) is plain text instead, and the page has an error
// at the first such line.
const MaxDepth = 50

// MaxFootnotes is how many footnotes a page may define. goldmark looks each
// reference up among the definitions one by one and sorts them by
// insertion, so its work grows with the square of their number (20,000
// take it seconds, a 4 MB page of them minutes). Past this, a definition
// is plain text, and the page has an error at the first such one.
const MaxFootnotes = 1000

// limitGuard opens before every other block parser, on any line, and does
// nothing until a line would go past a limit (MaxDepth, MaxFootnotes):
// then it takes the rest of the line as a paragraph.
type limitGuard struct{}

// Trigger is every byte a block can start with: the guard must see each
// line before a container parser does.
func (limitGuard) Trigger() []byte {
	b := make([]byte, 0, 255)
	for c := 0; c < 256; c++ {
		if c != '\n' {
			b = append(b, byte(c))
		}
	}
	return b
}

func (limitGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	doc, _ := pc.Get(docCtx).(*Doc)
	in, _ := pc.Get(inputCtx).(*Input)
	if doc == nil || in == nil {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	if isFootnoteDef(line) {
		if doc.footnotes++; doc.footnotes <= MaxFootnotes {
			return nil, parser.NoChildren
		}
		if !doc.tooMany {
			doc.tooMany = true
			doc.Errs.Addf(in.pos(seg.Start), "more than %d footnotes on one page; the rest are shown as plain text", MaxFootnotes).Hint =
				"split the page, or make the notes a list"
		}
		return flat(reader, seg)
	}
	switch parent.Kind() {
	case ast.KindListItem, ast.KindBlockquote, KindNumberedPara, KindCallout, extast.KindFootnote, extast.KindDefinitionDescription, KindComment:
		// Blocks that hold any block: a paragraph may stand in for one.
	default:
		return nil, parser.NoChildren // a list holds only items; the page is not deep
	}
	// A list and its items are one level.
	depth := 0
	for n := parent; n != nil && n.Kind() != ast.KindDocument && depth < MaxDepth; n = n.Parent() {
		if n.Kind() != ast.KindListItem {
			depth++
		}
	}
	if depth < MaxDepth || !mayNest(line) {
		return nil, parser.NoChildren // text, a heading, code: no deeper
	}
	if !doc.tooDeep {
		doc.tooDeep = true
		doc.Errs.Addf(in.pos(seg.Start), "lists, quotes and numbered paragraphs nest more than %d deep here; the rest of each such line is shown as plain text", MaxDepth).Hint =
			"flatten the list: a reader can follow a few levels, not dozens"
	}
	return flat(reader, seg)
}

// flat takes the rest of the line as a paragraph.
func flat(reader text.Reader, seg text.Segment) (ast.Node, parser.State) {
	node := ast.NewParagraph()
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// mayNest reports whether line may open a block that holds blocks: a list
// item, a quote, a numbered paragraph, a footnote, a definition, an
// admonition, or a comment followed by text (see commentParser).
func mayNest(line []byte) bool {
	line = util.TrimLeftSpace(line)
	if len(line) == 0 {
		return false
	}
	switch c := line[0]; {
	case c == '-', c == '*', c == '+', c == '>', c == ':', c >= '0' && c <= '9':
		return true
	}
	return bytes.HasPrefix(line, []byte(pilcrow)) || bytes.HasPrefix(line, []byte("[^")) ||
		bytes.HasPrefix(line, []byte("!!!")) || bytes.HasPrefix(line, []byte("???")) ||
		bytes.HasPrefix(line, commentOpen)
}

// isFootnoteDef reports whether line starts a footnote definition:
// [^label]: text.
func isFootnoteDef(line []byte) bool {
	line = util.TrimLeftSpace(line)
	if !bytes.HasPrefix(line, []byte("[^")) {
		return false
	}
	i := bytes.IndexByte(line, ']')
	return i > 2 && i+1 < len(line) && line[i+1] == ':'
}

func (limitGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

func (limitGuard) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	for i := range lines.Len() {
		l := lines.At(i)
		l = l.TrimLeftSpace(reader.Source())
		if i == lines.Len()-1 {
			l = l.TrimRightSpace(reader.Source())
		}
		lines.Set(i, l)
	}
}

func (limitGuard) CanInterruptParagraph() bool { return true }
func (limitGuard) CanAcceptIndentedLine() bool { return true }

type limits struct{}

func (limits) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(limitGuard{}, limitGuardPriority)),
		parser.WithInlineParsers(util.Prioritized(quoteRuns{}, quoteRunPriority)),
	)
}

// MaxQuoteRun is the longest run of one quote character (' or ") that the
// typographer turns into curly quotes. The typographer scans the rest of
// a run at each of its quotes, so its work grows with the square of the
// run's length (64,000 quotes take it seconds, a 4 MB line of them hours);
// no text needs more than a few quotes in a row.
const MaxQuoteRun = 8

// quoteRuns takes a run of more than MaxQuoteRun quotes as it is, before
// the typographer sees it; shorter runs are the typographer's.
type quoteRuns struct{}

func (quoteRuns) Trigger() []byte { return []byte{'\'', '"'} }

func (quoteRuns) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n := 1
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n <= MaxQuoteRun {
		return nil
	}
	block.Advance(n)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+n))
}
