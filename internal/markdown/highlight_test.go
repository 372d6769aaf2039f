package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// The fence languages people write get the lexer chroma's own lookup
// gives them.
func TestFenceLexersAsChroma(t *testing.T) {
	langs := strings.Fields(`go golang python py python3 js javascript ts typescript tsx jsx json yaml yml toml
		sh bash shell console shell-session zsh fish ps1 powershell bat cmd html xml svg css scss sass less sql mysql
		postgresql diff patch dockerfile Dockerfile docker makefile Makefile make c cpp c++ h hpp cc cs csharp
		java kotlin kt rust rs ruby rb php perl pl lua r R swift objc objective-c scala haskell hs elixir ex exs
		erlang clojure clj lisp scheme ocaml fsharp vb vbnet matlab julia dart groovy gradle nginx apache ini cfg
		conf properties proto protobuf graphql gql hcl terraform tf nix vim tex latex markdown md rst text txt
		plaintext csv mermaid plantuml cjs mjs jsonc json5 env gitignore cmake CMakeLists.txt GO Python JSON
		main.go src/app.py styles.css http jinja django twig handlebars vue svelte zig nim d v asm nasm wasm
		verilog vhdl fortran cobol ada pascal delphi prolog elm purescript coffeescript coffee awk sed jq regex`)
	r := newHighlightRenderer()
	for _, lang := range langs {
		name := func(l chroma.Lexer) string {
			if l == nil {
				return "none"
			}
			return l.Config().Name
		}
		if got, want := name(r.lexer(lang)), name(lexers.Get(lang)); got != want {
			t.Errorf("%s: lexer %s, chroma's lookup gives %s", lang, got, want)
		}
	}
}

// BenchmarkFenceLanguages renders pages of n fences, each in a language of
// its own that chroma does not know: the time per fence stays flat and
// small (chroma's own lookup of each took milliseconds).
func BenchmarkFenceLanguages(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "```lang%d\nx\n```\n\n", i)
		}
		src := []byte(s.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				r := testRenderer() // a lexer cache of its own, as a new build has
				if _, err := r.Render(Input{File: "x.md", Src: src, FirstLine: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/fence")
		})
	}
}

// flakyLexer is a lexer whose first lexings mark a character as an
// error, as chroma does when a pattern's match runs out of time.
type flakyLexer struct {
	chroma.Lexer
	bad   int // lexings left that hold an error
	calls int
}

func (l *flakyLexer) Tokenise(opts *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	l.calls++
	it, err := l.Lexer.Tokenise(opts, text)
	if err != nil || l.bad == 0 {
		return it, err
	}
	l.bad--
	tokens := it.Tokens()
	for i, t := range tokens {
		if t.Value == ")" {
			tokens[i].Type = chroma.Error
		}
	}
	return chroma.Literator(tokens...), nil
}

// A lexing that ran out of time is done again, so a page's highlighting
// does not depend on the machine's load; a real error is kept, after a
// bounded number of lexings.
func TestTokeniseAgain(t *testing.T) {
	const code = "func main() { fmt.Println(\"hi\") }\n"
	want, err := lexers.Get("go").Tokenise(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	wantTokens := want.Tokens()
	for _, tc := range []struct {
		bad, calls int
		errors     bool
	}{
		{bad: 0, calls: 1},
		{bad: 1, calls: 2},
		{bad: tokenAttempts - 1, calls: tokenAttempts},
		{bad: tokenAttempts, calls: tokenAttempts, errors: true},
		{bad: 100, calls: tokenAttempts, errors: true},
	} {
		l := &flakyLexer{Lexer: lexers.Get("go"), bad: tc.bad}
		it, err := tokenise(l, code)
		if err != nil {
			t.Fatal(err)
		}
		got := it.Tokens()
		if l.calls != tc.calls {
			t.Errorf("bad %d: %d lexings, want %d", tc.bad, l.calls, tc.calls)
		}
		hasErr := false
		for _, tok := range got {
			hasErr = hasErr || tok.Type == chroma.Error
		}
		if hasErr != tc.errors {
			t.Errorf("bad %d: tokens hold an error: %v, want %v", tc.bad, hasErr, tc.errors)
		}
		if !tc.errors && fmt.Sprint(got) != fmt.Sprint(wantTokens) {
			t.Errorf("bad %d: tokens\n%v\nwant\n%v", tc.bad, got, wantTokens)
		}
	}
}
