package markdown

import (
	"bytes"
	"slices"
	"strings"
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
// classes, never inline styles; the stylesheet comes from CSS. The code
// element carries class="language-X" for the fence's language whether or
// not chroma knows X, as CommonMark's reference renderer writes it, so
// that a script the site adds (a diagram renderer for mermaid, say) finds
// the blocks it is for.
type highlightRenderer struct {
	formatter *chromahtml.Formatter
	// lexers caches chroma's lexer for each fence language: looking one up
	// by a name chroma does not know (cjs, console) tries every lexer's
	// file patterns, and a page of code blocks did that hundreds of times.
	lexers *sync.Map // language → chroma.Lexer, or nil
	// names are chroma's lexer names and aliases in lower case; files the
	// extensions ("*.yml" gives "yml") and file names ("Dockerfile") its
	// file patterns name literally. See lexer.
	names, files map[string]bool
}

// newHighlightRenderer indexes chroma's lexers (a pass over their
// configurations, without matching a pattern).
func newHighlightRenderer() highlightRenderer {
	r := highlightRenderer{formatter: newFormatter(), lexers: &sync.Map{}, names: map[string]bool{}, files: map[string]bool{}}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		c := l.Config()
		r.names[strings.ToLower(c.Name)] = true
		for _, a := range c.Aliases {
			r.names[strings.ToLower(a)] = true
		}
		for _, globs := range [][]string{c.Filenames, c.AliasFilenames} {
			for _, g := range globs {
				if ext, ok := strings.CutPrefix(g, "*."); ok && !strings.ContainsAny(ext, "*?[\\") {
					r.files[ext] = true
				} else if !strings.ContainsAny(g, "*?[\\") {
					r.files[g] = true
				}
			}
		}
	}
	return r
}

// lexer returns chroma's lexer for a fence language, or nil. chroma's
// lookup of a name that is none of its lexers' names or aliases matches the
// name against every file pattern of every lexer, which takes milliseconds;
// a page of fences in made-up languages took minutes. So chroma is asked
// only about a name, an alias, or an extension or file name its patterns
// hold; "main.go" is looked up by its extension, "go"; any other language
// has no lexer. The number of slow lookups is then bounded by chroma's
// patterns, whatever the pages hold.
func (r highlightRenderer) lexer(lang string) chroma.Lexer {
	if l, ok := r.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	var lx chroma.Lexer
	switch i := strings.LastIndexByte(lang, '.'); {
	case r.names[strings.ToLower(lang)] || r.files[lang]:
		lx = lexers.Get(lang)
		if lx != nil {
			lx = chroma.Coalesce(lx)
		}
	case i >= 0 && i+1 < len(lang) && r.files[lang[i+1:]]:
		lx = r.lexer(lang[i+1:])
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
		lang := n.Language(src)
		var lexer chroma.Lexer
		if len(lang) > 0 {
			lexer = r.lexer(string(lang))
		}
		if lexer != nil {
			it, err := tokenise(lexer, code.String())
			if err == nil {
				// chroma writes the tokens; the pre and code elements are
				// written here, so that code can carry the language.
				var out bytes.Buffer
				if err := r.formatter.Format(&out, styles.Get(ChromaStyle), it); err == nil {
					_, _ = w.WriteString(`<pre class="chroma">`)
					writeCodeTag(w, lang)
					_, _ = w.Write(out.Bytes())
					_, _ = w.WriteString("</code></pre>\n")
					return ast.WalkSkipChildren, nil
				}
			}
		}
		_, _ = w.WriteString(`<pre class="chroma" tabindex="0">`)
		writeCodeTag(w, lang)
		_, _ = w.Write(util.EscapeHTML(code.Bytes()))
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkSkipChildren, nil
	})
}

// tokenAttempts is how many times tokenise asks a lexer for tokens
// before it takes ones that hold an error.
const tokenAttempts = 3

// tokenise returns the lexer's tokens for code. chroma gives each of a
// lexer's patterns 250 ms of wall time per match (regexp2's MatchTimeout);
// on a loaded machine a match can run out of it, and chroma then marks the
// character as an error (class "err") where an idle machine would not, so
// two builds of one page differed. A lexing that holds an error is done
// again, up to tokenAttempts times, and the first without one is taken: a
// real error in the code is found on every attempt, and those tokens are
// used, so the output does not depend on the machine's load. At most
// tokenAttempts lexings per block, whatever the page holds.
func tokenise(lexer chroma.Lexer, code string) (chroma.Iterator, error) {
	var tokens []chroma.Token
	for range tokenAttempts {
		it, err := lexer.Tokenise(nil, code)
		if err != nil {
			return nil, err
		}
		tokens = it.Tokens()
		if !slices.ContainsFunc(tokens, func(t chroma.Token) bool { return t.Type == chroma.Error }) {
			break
		}
	}
	return chroma.Literator(tokens...), nil
}

// CSS returns the stylesheet for highlighted code.
func CSS() ([]byte, error) {
	var b bytes.Buffer
	err := newFormatter().WriteCSS(&b, styles.Get(ChromaStyle))
	return b.Bytes(), err
}

// writeCodeTag writes the opening code element, with the fence's language
// as a class when it has one.
func writeCodeTag(w util.BufWriter, lang []byte) {
	if len(lang) == 0 {
		_, _ = w.WriteString("<code>")
		return
	}
	_, _ = w.WriteString(`<code class="language-`)
	_, _ = w.Write(util.EscapeHTML(lang))
	_, _ = w.WriteString(`">`)
}

func newFormatter() *chromahtml.Formatter {
	return chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4), chromahtml.WithPreWrapper(noPre{}))
}

// noPre leaves the pre and code elements to the renderer (see
// writeCodeTag); chroma writes only the highlighted lines.
type noPre struct{}

func (noPre) Start(code bool, styleAttr string) string { return "" }
func (noPre) End(code bool) string                     { return "" }

type highlight struct{}

func (highlight) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newHighlightRenderer(), overridePriority)))
}
