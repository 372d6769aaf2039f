package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-ssg/handbook/internal/source"
)

// ids makes heading ids as GitHub does, so that the anchors authors see in
// other tools work here: the heading's text in lower case, letters (any
// script, so Welsh "Gŵyl" keeps its ŵ), digits, hyphens and underscores
// kept, each space a hyphen, everything else dropped ("Node.js" is
// "nodejs"); unique within the page by a -1, -2 suffix. An id that looks
// like a paragraph anchor (p47) gets a suffix so it cannot shadow one.
//
// The suffixes are counted per id, from where the last one stopped: a page
// of n headings with one text costs n steps, not n²/2. Since ids are only
// ever added, every suffix below the count is still taken, so the ids are
// those of counting from 1 each time, "Same heading 1" written out
// included.
type ids struct {
	used map[string]bool
	next map[string]int // id → the first suffix not yet tried
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

var paraIDRe = regexp.MustCompile(`^p[0-9]+$`)

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(unicode.ToLower(r))
		case r == ' ':
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" {
		id = "section"
	}
	if paraIDRe.MatchString(id) {
		id += "-heading"
	}
	out := id
	if s.used[out] {
		i := max(s.next[id], 1)
		for out = id + "-" + strconv.Itoa(i); s.used[out]; out = id + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[id] = i + 1
	}
	s.used[out] = true
	return []byte(out)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// headingIDTransformer gives every heading its id once the page is parsed:
// first the ids written out ({#install}, see headingattrs.go), in order, a
// second use of one being an error; then, in order, an id made from the
// text of each other heading, which never takes an id written out anywhere
// on the page, before or after it. The ids made from text are those
// goldmark's automatic ids were, from the same line of text, so pages
// without written ids keep their anchors.
type headingIDTransformer struct{}

func (headingIDTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	written := headingAttrs(pc)
	var auto []*ast.Heading
	first := map[string]source.Pos{}
	doc, _ := pc.Get(docCtx).(*Doc)
	in, _ := pc.Get(inputCtx).(*Input)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		a, ok := written[h]
		if !ok {
			auto = append(auto, h)
			return ast.WalkSkipChildren, nil
		}
		id := idOf(h)
		var pos source.Pos
		if in != nil {
			pos = in.pos(a.offset)
		}
		if prev, dup := first[id]; dup {
			if doc != nil {
				doc.Errs.Addf(pos, "heading id %q is used twice on this page; the first is on line %d", id, prev.Line).Hint =
					"ids are unique within a page; choose another"
			}
			auto = append(auto, h)
			return ast.WalkSkipChildren, nil
		}
		first[id] = pos
		pc.IDs().Put([]byte(id))
		return ast.WalkSkipChildren, nil
	})
	for _, h := range auto {
		var line []byte
		if n := h.Lines().Len(); n > 0 {
			seg := h.Lines().At(n - 1)
			line = stripEditorialMarks(seg.Value(src))
		}
		h.SetAttributeString("id", pc.IDs().Generate(line, ast.KindHeading))
	}
}

// headingRenderer renders a heading with a link to itself: the heading's
// text is the link, so the link's name is the heading's, or, when the
// heading holds a link of its own, a "#" after it.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Heading)
		id := idOf(n)
		nested := hasLink(n)
		tag := "h" + strconv.Itoa(n.Level)
		if entering {
			_ = w.WriteByte('<')
			_, _ = w.WriteString(tag)
			if n.Attributes() != nil {
				html.RenderAttributes(w, node, html.HeadingAttributeFilter)
			}
			_ = w.WriteByte('>')
			if id != "" && !nested {
				_, _ = w.WriteString(`<a class="self-link" href="#` + id + `">`)
			}
			return ast.WalkContinue, nil
		}
		if id != "" && !nested {
			_, _ = w.WriteString("</a>")
		} else if id != "" {
			_, _ = w.WriteString(` <a class="self-link" href="#` + id + `" aria-label="Link to this section">#</a>`)
		}
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	})
}

func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (c.Kind() == ast.KindLink || c.Kind() == ast.KindAutoLink) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

type headings struct{}

func (headings) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headingIDTransformer{}, headingIDTransformerPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(headingRenderer{}, overridePriority)))
}
