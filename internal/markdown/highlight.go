package markdown

import (
	"bytes"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// ChromaStyle is the chroma style whose classes the site's stylesheet
// defines (see CSS).
const ChromaStyle = "github"

// highlightRenderer highlights fenced code with chroma. It writes CSS
// classes, never inline styles; the stylesheet comes from CSS.
type highlightRenderer struct {
	formatter *chromahtml.Formatter
	// lexers caches chroma's lexer for each fence language: looking one up
	// by a name chroma does not know (cjs, console) tries every lexer's
	// file patterns, and a page of code blocks did that hundreds of times.
	lexers *sync.Map // language → chroma.Lexer, or nil
}

func (r highlightRenderer) lexer(lang string) chroma.Lexer {
	if l, ok := r.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	if lx != nil {
		lx = chroma.Coalesce(lx)
	}
	r.lexers.Store(lang, lx)
	return lx
}

func (r highlightRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.FencedCodeBlock)
		var code bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			code.Write(s.Value(src))
		}
		var lexer chroma.Lexer
		if lang := n.Language(src); len(lang) > 0 {
			lexer = r.lexer(string(lang))
		}
		if lexer != nil {
			it, err := lexer.Tokenise(nil, code.String())
			if err == nil {
				if err := r.formatter.Format(w, styles.Get(ChromaStyle), it); err == nil {
					return ast.WalkSkipChildren, nil
				}
			}
		}
		_, _ = w.WriteString(`<pre class="chroma" tabindex="0"><code>`)
		_, _ = w.Write(util.EscapeHTML(code.Bytes()))
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkSkipChildren, nil
	})
}

// CSS returns the stylesheet for highlighted code.
func CSS() ([]byte, error) {
	var b bytes.Buffer
	err := newFormatter().WriteCSS(&b, styles.Get(ChromaStyle))
	return b.Bytes(), err
}

func newFormatter() *chromahtml.Formatter {
	return chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))
}

type highlight struct{}

func (highlight) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(highlightRenderer{formatter: newFormatter(), lexers: &sync.Map{}}, overridePriority)))
}
