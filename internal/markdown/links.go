package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkTransformer resolves every link and image through Input.Resolve,
// rewrites its destination, and records it with its position. A link that
// cannot be resolved keeps its destination and becomes an error of the doc.
type linkTransformer struct{}

func (linkTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	in, _ := pc.Get(inputCtx).(*Input)
	doc, _ := pc.Get(docCtx).(*Doc)
	if in == nil || doc == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		var l Link
		switch n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink:
			l.Pos = in.blockPos(n)
		default:
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
			l.Text = plainText(n, src)
		case *ast.Image:
			dest = &n.Destination
			l.Text = plainText(n, src)
			l.Image = true
		case *ast.AutoLink:
			l.Dest = string(n.URL(src))
			l.Text = string(n.Label(src))
			l.Resolved = Resolved{Href: l.Dest, External: true}
			doc.Links = append(doc.Links, l)
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		for p := n.Parent(); p != nil; p = p.Parent() {
			if np, ok := p.(*NumberedPara); ok {
				l.Para = np.Number
				break
			}
		}
		l.Dest = string(*dest)
		l.Href = l.Dest
		if in.Resolve != nil {
			res, err := in.Resolve(l.Dest)
			if err != nil {
				doc.Errs.Addf(l.Pos, "%w", err)
			} else {
				l.Resolved = res
				*dest = []byte(res.Href)
			}
		}
		doc.Links = append(doc.Links, l)
		return ast.WalkContinue, nil
	})
}

type links struct{}

func (links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkTransformer{}, linkTransformerPriority)))
}
