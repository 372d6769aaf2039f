package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MkDocs admonitions, as Python-Markdown's admonition extension and
// pymdownx.details write them: a line "!!! type" with an optional quoted
// title, and the body indented by four spaces below it. "???" makes it
// collapsible (a details element, closed), "???+" collapsible and open.
//
//	!!! warning "Before you start"
//	    Check the claimant's identity.
//
//	??? note
//	    Read this when you need it.
//
// Each is a callout (callout.go). Note, abstract, info, tip, success,
// question, example and quote, with the aliases Material for MkDocs gives
// them, are inset text; warning, caution, attention, failure, danger, error
// and bug, with theirs, are warning text. A type handbook does not know is
// inset text and a warning, since it may mean something stronger than a
// note. Without a title, the label is the type with a capital, as MkDocs
// shows it; with title "" there is none to see (screen readers still hear
// the type). Further words after the type (classes, in MkDocs) are left out.
//
// The marker line must start a block: after a paragraph, without a blank
// line between, it is the paragraph's text, as in MkDocs.

// admonitionTypes maps each admonition type to whether it is warning text.
var admonitionTypes = map[string]bool{
	"note": false, "seealso": false,
	"abstract": false, "summary": false, "tldr": false,
	"info": false, "todo": false,
	"tip": false, "hint": false, "important": false,
	"success": false, "check": false, "done": false,
	"question": false, "help": false, "faq": false,
	"example": false,
	"quote":   false, "cite": false,
	"warning": true, "caution": true, "attention": true,
	"failure": true, "fail": true, "missing": true,
	"danger": true, "error": true,
	"bug": true,
}

// admonition is a parsed marker line.
type admonition struct {
	typ               string // as written
	title             []byte
	hasTitle          bool
	collapsible, open bool
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// parseAdmonition reads a marker line: !!!, ??? or ???+, an optional space,
// the type and further words, and an optional title in double quotes (from
// the first quote to the last, as Python-Markdown reads it), then nothing
// but spaces. looks is true when the line is not one but starts as one
// with a known type ("!!! note Title" without quotes reads the title's
// words as classes, as MkDocs does, so it is one).
func parseAdmonition(line []byte) (a admonition, ok, looks bool) {
	line = bytes.TrimRight(line, " \t\n")
	switch {
	case bytes.HasPrefix(line, []byte("!!!")):
		line = line[3:]
	case bytes.HasPrefix(line, []byte("???+")):
		a.collapsible, a.open = true, true
		line = line[4:]
	case bytes.HasPrefix(line, []byte("???")):
		a.collapsible = true
		line = line[3:]
	default:
		return a, false, false
	}
	if len(line) > 0 && line[0] == ' ' {
		line = line[1:]
	}
	i := 0
	for i < len(line) && isWordByte(line[i]) {
		i++
	}
	if i == 0 {
		return a, false, false
	}
	a.typ = string(line[:i])
	_, known := admonitionTypes[strings.ToLower(a.typ)]
	// Further words, each after spaces.
	for {
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j == i || j == len(line) || !isWordByte(line[j]) {
			break
		}
		for i = j; i < len(line) && isWordByte(line[i]); i++ {
		}
	}
	rest := line[i:]
	if len(rest) == 0 {
		return a, true, false
	}
	if rest[0] != ' ' {
		return a, false, known
	}
	rest = bytes.TrimLeft(rest, " ")
	if len(rest) < 2 || rest[0] != '"' || rest[len(rest)-1] != '"' {
		return a, false, known
	}
	a.title, a.hasTitle = rest[1:len(rest)-1], true
	return a, true, false
}

// admonitionParser reads an admonition: the marker line, then every line
// indented by four spaces, and blank lines between them.
type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	a, ok, looks := parseAdmonition(line[pos:])
	offset := seg.Start + pos - seg.Padding
	warn := func(format string, args ...any) {
		doc, _ := pc.Get(docCtx).(*Doc)
		in, _ := pc.Get(inputCtx).(*Input)
		if doc != nil && in != nil {
			doc.Errs.Warnf(in.pos(offset), format, args...).Hint =
				`an admonition is !!! type "Title", or ??? for one that opens and closes, with its text indented by four spaces below`
		}
	}
	if !ok {
		if looks {
			warn("this line is not an admonition: its title must be in double quotes; it is shown as text")
		}
		return nil, parser.NoChildren
	}
	typ := strings.ToLower(a.typ)
	warning, known := admonitionTypes[typ]
	if !known {
		warn("admonition type %q is not one handbook knows; it is shown as a note", a.typ)
	}
	label := typ
	if label != "" {
		label = strings.ToUpper(label[:1]) + label[1:]
	}
	node := &Callout{Name: calloutType(typ), Label: label, Title: a.title, HasTitle: a.hasTitle,
		Warning: warning, Collapsible: a.collapsible, Open: a.open}
	node.SetPos(offset)
	reader.AdvanceToEOL()
	return node, parser.HasChildren
}

func (admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return continueIndented(reader)
}

func (admonitionParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph is false: in MkDocs the marker starts a block.
func (admonitionParser) CanInterruptParagraph() bool { return false }
func (admonitionParser) CanAcceptIndentedLine() bool { return false }

type admonitions struct{}

func (admonitions) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(admonitionParser{}, admonitionParserPriority)))
	m.Renderer().AddOptions(calloutRenderers())
}
