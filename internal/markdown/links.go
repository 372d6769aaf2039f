package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkTransformer resolves every link and image through Input.Resolve,
// rewrites its destination, and records it with its position. A link that
// cannot be resolved keeps its destination and becomes an error of the doc.
// An empty destination ([l]()) stays empty: it is a link to nothing, not to
// the top of the page.
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
		if in.Resolve != nil && l.Dest != "" {
			res, err := resolveDest(in.Resolve, l.Dest)
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

// resolveDest resolves a link destination as written. The resolver sees the
// path and the fragment: a query is the page's business, not the site's, so
// it is kept as written and put back in the href, after whatever path the
// resolver gave (setup.md?tab=2#a → /setup/?tab=2#a). Where the resolver
// kept a path or fragment as it is but decoded ("/a%2Fb/" → "/a/b/"), the
// href keeps it as the author wrote it, since decoding can change what a
// URL means. A destination with a scheme (https:, mailto:, std:) or a host
// (//host/x) goes to the resolver whole.
func resolveDest(resolve func(string) (Resolved, error), dest string) (Resolved, error) {
	if hasSchemeOrHost(dest) {
		return resolve(dest)
	}
	p, frag, hasFrag := strings.Cut(dest, "#")
	p, query, hasQuery := strings.Cut(p, "?")
	if p == "" && !hasFrag {
		// "?q=x": this page with another query; nothing to resolve.
		return Resolved{Href: dest}, nil
	}
	ask := p
	if hasFrag {
		ask += "#" + frag
	}
	res, err := resolve(ask)
	if err != nil || res.External {
		return res, err
	}
	hp, hf, hasHF := strings.Cut(res.Href, "#")
	if d, err := url.PathUnescape(p); err == nil && d == hp {
		hp = p
	}
	if d, err := url.PathUnescape(frag); hasFrag && hasHF && err == nil && d == hf {
		hf = frag
	}
	href := hp
	if hasQuery {
		href += "?" + query
	}
	if hasHF {
		href += "#" + hf
	}
	res.Href = href
	return res, nil
}

// hasSchemeOrHost reports whether dest starts with a URL scheme (RFC 3986:
// a letter, then letters, digits, "+", "-" or ".", then ":") or with "//".
func hasSchemeOrHost(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

type links struct{}

func (links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkTransformer{}, linkTransformerPriority)))
}
