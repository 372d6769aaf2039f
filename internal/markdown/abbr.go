package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAbbr is the ast.NodeKind of an abbreviation.
var KindAbbr = ast.NewNodeKind("Abbr")

// Abbr is an acronym marked with its expansion.
type Abbr struct {
	ast.BaseInline
	Title string
}

// Kind implements ast.Node.
func (n *Abbr) Kind() ast.NodeKind { return KindAbbr }

// Dump implements ast.Node.
func (n *Abbr) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.Title}, nil)
}

// abbrIndex finds glossary acronyms in text.
type abbrIndex struct {
	terms map[string]string
}

func newAbbrIndex(terms map[string]string) *abbrIndex {
	return &abbrIndex{terms: terms}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// mark wraps the first use of each acronym on the page, outside links,
// code and headings, in an Abbr node. It runs after the links are resolved
// and the title is taken out.
func (x *abbrIndex) mark(root ast.Node, src []byte) {
	if len(x.terms) == 0 {
		return
	}
	done := map[string]bool{}
	var texts []*ast.Text
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindCodeSpan, ast.KindImage, ast.KindHeading,
			ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindRawHTML, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		x.split(t, src, done)
	}
}

// split marks acronyms in t that done does not hold yet, splitting t into
// text, abbreviation, text. Each search starts where the last one ended
// and reads the source in place, so a text costs its length however many
// acronyms it holds.
func (x *abbrIndex) split(t *ast.Text, src []byte, done map[string]bool) {
	for {
		seg := t.Segment
		start, end, term := x.find(seg.Value(src), done)
		if term == "" {
			return
		}
		done[term] = true
		parent := t.Parent()
		before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+start))
		ab := &Abbr{Title: x.terms[term]}
		ab.AppendChild(ab, ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Start+end)))
		after := ast.NewTextSegment(text.NewSegment(seg.Start+end, seg.Stop))
		after.SetSoftLineBreak(t.SoftLineBreak())
		after.SetHardLineBreak(t.HardLineBreak())
		if start > 0 {
			parent.InsertBefore(parent, t, before)
		}
		parent.InsertBefore(parent, t, ab)
		parent.ReplaceChild(parent, t, after)
		t = after
	}
}

// find returns the byte range of the first whole-word acronym in s that
// done does not hold.
func (x *abbrIndex) find(s []byte, done map[string]bool) (start, end int, term string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r2, n2 := utf8.DecodeRune(s[j:])
			if !isWordRune(r2) {
				break
			}
			j += n2
		}
		w := s[i:j]
		if _, ok := x.terms[string(w)]; !ok {
			w = bytes.TrimSuffix(w, []byte("s")) // a plural: CSOMs
		}
		// The lookups convert without copying; a term is made only when
		// found.
		if _, ok := x.terms[string(w)]; ok && !done[string(w)] {
			if term := string(w); strings.ToUpper(term) != strings.ToLower(term) {
				return i, j, term
			}
		}
		i = j
	}
	return 0, 0, ""
}

type abbrRenderer struct{}

func (abbrRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAbbr, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<abbr title="`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.(*Abbr).Title)))
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</abbr>")
		}
		return ast.WalkContinue, nil
	})
}

type abbrs struct{}

func (abbrs) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(abbrRenderer{}, 500)))
}
