package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tableTransformer turns column alignment into a class on each cell, since
// the site allows no style attributes.
type tableTransformer struct{}

func (tableTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*extast.TableCell); ok && entering {
			switch c.Alignment {
			case extast.AlignLeft:
				c.SetAttributeString("class", []byte("align-left"))
			case extast.AlignRight:
				c.SetAttributeString("class", []byte("align-right"))
			case extast.AlignCenter:
				c.SetAttributeString("class", []byte("align-center"))
			}
		}
		return ast.WalkContinue, nil
	})
}

// tableRenderer wraps a table in a region that scrolls sideways on a narrow
// screen; it can take keyboard focus, so the scrolling works without a mouse.
type tableRenderer struct{}

func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTable, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-wrap" role="region" aria-label="Table" tabindex="0"><table>` + "\n")
		} else {
			_, _ = w.WriteString("</table></div>\n")
		}
		return ast.WalkContinue, nil
	})
}

// MaxTableCells is how many cells the tables of one page may hold, counting
// the cells GFM adds to fill each row out to the columns of its table. A
// row of one cell under a header of 100,000 columns is 100,000 cells, so a
// 400 KB table made 100 million of them (goldmark alone took 10 GB and
// did not end in two minutes); a page's tables rarely hold a thousand.
// Past the limit a table is a paragraph, and the page has an error at its
// delimiter row.
const MaxTableCells = 100_000

// tableGuard runs goldmark's table transformer on a paragraph unless the
// table it would make takes the page's tables past MaxTableCells.
type tableGuard struct{ inner parser.ParagraphTransformer }

func (g tableGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	doc, _ := pc.Get(docCtx).(*Doc)
	in, _ := pc.Get(inputCtx).(*Input)
	lines := node.Lines()
	// goldmark makes a table of the first delimiter row that follows a
	// line, and of every line after it.
	for i := 1; doc != nil && in != nil && i < lines.Len(); i++ {
		seg := lines.At(i)
		cols := delimiterColumns(seg.Value(reader.Source()))
		if cols == 0 {
			continue
		}
		rows := lines.Len() - i // the header and the body: every line but the delimiter row
		cells := cols * rows
		if doc.tableCells+cells > MaxTableCells {
			if !doc.tooManyCells {
				doc.tooManyCells = true
				doc.Errs.Addf(in.pos(seg.Start), "tables on this page would hold more than %d cells with this one's %d columns and %d rows; it is shown as text",
					MaxTableCells, cols, rows).Hint = "split the table, or the page"
			}
			return
		}
		doc.tableCells += cells
		break
	}
	g.inner.Transform(node, reader, pc)
}

// delimiterColumns returns the number of columns of a table's delimiter
// row ("| --- | :-: |"), or 0 if line is not one, as goldmark's table
// transformer reads it.
func delimiterColumns(line []byte) int {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return 0
	}
	allDashes := true
	for _, b := range line {
		if b != '-' {
			allDashes = false
		}
		if !util.IsSpace(b) && b != '-' && b != '|' && b != ':' {
			return 0
		}
	}
	if allDashes {
		return 0
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	for _, c := range cols {
		// Each is spaces, an optional colon, dashes, an optional colon.
		c = bytes.Trim(c, " \t\n\f\r")
		c = bytes.TrimPrefix(c, []byte(":"))
		c = bytes.TrimSuffix(c, []byte(":"))
		if len(c) == 0 || len(bytes.Trim(c, "-")) != 0 {
			return 0
		}
	}
	return len(cols)
}

// tables is GFM's table extension, with tableGuard in front of its
// paragraph transformer, alignment as classes, and the scrolling wrapper.
type tables struct{}

func (tables) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableGuard{inner: extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(
			util.Prioritized(extension.NewTableASTTransformer(), 0),
			util.Prioritized(tableTransformer{}, tableTransformerPriority),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)), 500),
		util.Prioritized(tableRenderer{}, overridePriority),
	))
}
