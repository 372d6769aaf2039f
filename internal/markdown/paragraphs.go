package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindNumberedPara is the ast.NodeKind of a numbered paragraph.
var KindNumberedPara = ast.NewNodeKind("NumberedPara")

// NumberedPara is a paragraph the source numbers, with the blocks that
// belong to it as children.
type NumberedPara struct {
	ast.BaseBlock
	Number int
}

// Kind implements ast.Node.
func (n *NumberedPara) Kind() ast.NodeKind { return KindNumberedPara }

// Dump implements ast.Node.
func (n *NumberedPara) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Number": strconv.Itoa(n.Number)}, nil)
}

// ID returns the paragraph's anchor: "p47".
func (n *NumberedPara) ID() string { return "p" + strconv.Itoa(n.Number) }

// pilcrow is ¶ in UTF-8.
const pilcrow = "\u00b6"

// paraParser reads `¶47 text`: the marker, a number, then a space or the end
// of the line. What follows on the line is the paragraph's first block;
// later blocks belong to it when indented by four spaces, as in a footnote.
type paraParser struct{}

func (paraParser) Trigger() []byte { return []byte{pilcrow[0]} }

// parseMarker returns the paragraph number and the width of the marker
// (¶, digits, and the following space) at the start of line, or ok false.
func parseMarker(line []byte) (num, width int, ok bool) {
	if len(line) < 3 || string(line[:2]) != pilcrow {
		return 0, 0, false
	}
	i := 2
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 2 || i-2 > 6 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(string(line[2:i]))
	if err != nil || n == 0 {
		return 0, 0, false
	}
	if i < len(line) && !util.IsSpace(line[i]) {
		return 0, 0, false
	}
	if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return n, i, true
}

// badNumber reports whether line starts with ¶ and a number that looks
// meant as a paragraph number (digits, then a space or the end of the
// line) but is not one: 0, or more than six digits. Left as text, it would
// silently be no paragraph at all.
func badNumber(line []byte) (string, bool) {
	if !bytes.HasPrefix(line, []byte(pilcrow)) {
		return "", false
	}
	i := len(pilcrow)
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	digits := string(line[len(pilcrow):i])
	if digits == "" || (i < len(line) && !util.IsSpace(line[i])) {
		return "", false
	}
	return digits, len(digits) > 6 || strings.Trim(digits, "0") == ""
}

func (paraParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	num, width, ok := parseMarker(line[pos:])
	if !ok {
		if digits, bad := badNumber(line[pos:]); bad {
			if doc, ok := pc.Get(docCtx).(*Doc); ok {
				if in, ok := pc.Get(inputCtx).(*Input); ok {
					doc.Errs.Addf(in.pos(seg.Start+pos-seg.Padding), "¶%s is not a paragraph number: numbers run from 1 to 999999", digits).Hint =
						"check the number; to show the sign and digits as text, write &para; for ¶"
				}
			}
		}
		return nil, parser.NoChildren
	}
	node := &NumberedPara{Number: num}
	node.SetPos(seg.Start + pos - seg.Padding)
	reader.Advance(pos + width)
	return node, parser.HasChildren
}

func (paraParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return continueIndented(reader)
}

// continueIndented continues a block whose body is indented by four
// spaces (a numbered paragraph's, an admonition's): blank lines stay in
// it, a line indented less ends it.
func continueIndented(reader text.Reader) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	childpos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	if childpos < 0 {
		return parser.Close
	}
	reader.AdvanceAndSetPadding(childpos, padding)
	return parser.Continue | parser.HasChildren
}

func (paraParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (paraParser) CanInterruptParagraph() bool                                { return true }
func (paraParser) CanAcceptIndentedLine() bool                                { return false }

// paraRenderer renders a NumberedPara.
type paraRenderer struct{}

func (paraRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindNumberedPara, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		p := n.(*NumberedPara)
		if entering {
			id := p.ID()
			num := strconv.Itoa(p.Number)
			_, _ = w.WriteString(`<div class="para" id="` + id + `"><a class="para-num" href="#` + id +
				`" aria-label="Paragraph ` + num + `">` + num + `</a><div class="para-body">` + "\n")
		} else {
			_, _ = w.WriteString("</div></div>\n")
		}
		return ast.WalkContinue, nil
	})
}

type paragraphs struct{}

func (paragraphs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(paraParser{}, paraParserPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(paraRenderer{}, 500)))
}
