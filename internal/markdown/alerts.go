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

// GitHub alerts, by GitHub's rules: a quote whose first line is [!NOTE],
// [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] (in any case) and nothing
// else, outside lists and other quotes, is a callout (callout.go): NOTE, TIP
// and IMPORTANT as inset text, WARNING and CAUTION as warning text. The
// rest of the quote is its body.
//
//	> [!WARNING]
//	> Check the claimant's identity before you start.
//
// GitHub takes no title after the marker, so "> [!NOTE] Read this" is a
// quote, as on GitHub; so is a quote with an alert's marker inside a list
// or another quote (numbered paragraphs are not lists: an alert may be in
// one). Each such quote, and a marker GitHub does not know ([!DANGER], as
// Obsidian writes), is a warning, since the marker would otherwise show as
// text without a word.
//
// The marker is read when the quote's first paragraph closes, before its
// text is parsed, so the marker line never reaches the text; the quote
// becomes a callout once the page is parsed.

// alertKinds are GitHub's alerts, with their labels and whether each is
// warning text.
var alertKinds = map[string]struct {
	label   string
	warning bool
}{
	"note":      {"Note", false},
	"tip":       {"Tip", false},
	"important": {"Important", false},
	"warning":   {"Warning", true},
	"caution":   {"Caution", true},
}

// alertMark is a quote that is to become a callout.
type alertMark struct {
	quote  *ast.Blockquote
	kind   string
	offset int // of the marker in the source
}

var alertCtx = parser.NewContextKey()

// alertMarker reads [!WORD] at the start of line (spaces trimmed): the
// word, in lower case, and what follows the marker on the line.
func alertMarker(line []byte) (word string, rest []byte, ok bool) {
	if !bytes.HasPrefix(line, []byte("[!")) {
		return "", nil, false
	}
	i := 2
	for i < len(line) && i < 2+32 && (line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z') {
		i++
	}
	if i == 2 || i >= len(line) || line[i] != ']' {
		return "", nil, false
	}
	return strings.ToLower(string(line[2:i])), bytes.TrimSpace(line[i+1:]), true
}

// alertParagraphTransformer finds the marker on the first line of a quote's
// first paragraph and takes the line off the paragraph.
type alertParagraphTransformer struct{}

func (alertParagraphTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	quote, ok := node.Parent().(*ast.Blockquote)
	if !ok || quote.FirstChild() != node || node.Lines().Len() == 0 {
		return
	}
	src := reader.Source()
	first := node.Lines().At(0)
	raw := src[first.Start:first.Stop]
	lead := util.TrimLeftSpaceLength(raw)
	word, rest, ok := alertMarker(bytes.TrimRight(raw[lead:], " \t\n"))
	if !ok {
		return
	}
	offset := first.Start + lead
	warn := func(format string, args ...any) {
		doc, _ := pc.Get(docCtx).(*Doc)
		in, _ := pc.Get(inputCtx).(*Input)
		if doc != nil && in != nil {
			doc.Errs.Warnf(in.pos(offset), format, args...).Hint =
				"an alert is > [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] alone on the first line of a quote outside lists and quotes"
		}
	}
	marker := string(raw[lead : lead+len(word)+3])
	if _, known := alertKinds[word]; !known {
		warn("%s is not a GitHub alert, so this quote is shown as it is", marker)
		return
	}
	if len(rest) > 0 {
		warn("an alert's marker %s must be alone on its line, so this quote is shown as it is", marker)
		return
	}
	switch quote.Parent().(type) {
	case *ast.Document, *NumberedPara:
	default:
		warn("an alert nested in a list, a quote or another block is shown as a quote, as on GitHub")
		return
	}
	node.Lines().SetSliced(1, node.Lines().Len()) // an empty paragraph is dropped when it closes
	marks, _ := pc.Get(alertCtx).([]alertMark)
	pc.Set(alertCtx, append(marks, alertMark{quote: quote, kind: word, offset: offset}))
}

// alertTransformer makes each marked quote a callout.
type alertTransformer struct{}

func (alertTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	marks, _ := pc.Get(alertCtx).([]alertMark)
	for _, m := range marks {
		parent := m.quote.Parent()
		if parent == nil {
			continue
		}
		k := alertKinds[m.kind]
		c := &Callout{Name: m.kind, Label: k.label, Warning: k.warning}
		c.SetPos(m.offset)
		for child := m.quote.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		parent.ReplaceChild(parent, m.quote, c)
	}
}

type alerts struct{}

func (alerts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(alertParagraphTransformer{}, alertParagraphTransformerPriority)),
		parser.WithASTTransformers(util.Prioritized(alertTransformer{}, calloutTransformerPriority)),
	)
	m.Renderer().AddOptions(calloutRenderers())
}
