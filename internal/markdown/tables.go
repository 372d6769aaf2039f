package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
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

type tables struct{}

func (tables) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tableTransformer{}, tableTransformerPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableRenderer{}, overridePriority)))
}
