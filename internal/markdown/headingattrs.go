package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading attributes, as kramdown, pandoc, Hugo and MkDocs write them: a
// block of braces that ends a heading's line gives the heading its id and
// classes.
//
//	## Install {#install .wide}
//	## Install {: #install }      (MkDocs' attr_list writes a colon first)
//
// The id is used as written, so links written for another generator keep
// working; the braces are never shown. Only #id and .class are read: the
// block counts as attributes when its first word starts with # or .; a
// later word of another form (key=value) is left out with a warning. An id
// holds letters, digits, "-", "_", "." and ":" (pandoc-crossref writes
// #sec:intro); it may not be a numbered paragraph's anchor (p47) or have
// the form of a footnote's (fn:1), nor be another heading's id on the page. Such an
// id is an error, and the heading gets an id made from its text. Ids made
// from text never take an id written out anywhere on the page (see the
// heading id transformer in headings.go).
//
// The attributes are read when a heading's block closes, before its text
// is parsed as inline Markdown, so the braces never reach the text, the
// contents list or the search index.

// attrHeadingParser wraps goldmark's ATX or setext heading parser and takes
// the attribute block off the heading's last line when it closes.
type attrHeadingParser struct {
	parser.BlockParser
}

func (p attrHeadingParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	// The setext parser removes a heading whose paragraph came to nothing.
	if h, ok := node.(*ast.Heading); ok && h.Parent() != nil {
		takeAttributes(h, reader.Source(), pc)
	}
}

// headingAttr is what the attribute block of one heading gave.
type headingAttr struct {
	offset int // of the "{" in the source
}

var headingAttrCtx = parser.NewContextKey()

// headingAttrs returns the attribute blocks read so far, by heading.
func headingAttrs(pc parser.Context) map[*ast.Heading]headingAttr {
	m, _ := pc.Get(headingAttrCtx).(map[*ast.Heading]headingAttr)
	if m == nil {
		m = map[*ast.Heading]headingAttr{}
		pc.Set(headingAttrCtx, m)
	}
	return m
}

// attrBlock is an attribute block at the end of a line.
type attrBlock struct {
	open     int    // offset of "{" in the line
	id       string // "" when none
	hasID    bool   // an id was written (it may be empty)
	classes  []string
	problems []attrProblem
}

type attrProblem struct {
	err       bool // an error, not a warning
	msg, hint string
}

// parseAttrBlock reads the attribute block that ends line, if there is one.
// It looks at the line once from the end: the last "{", then the words
// before the closing "}".
func parseAttrBlock(line []byte) (attrBlock, bool) {
	end := len(line) - util.TrimRightSpaceLength(line)
	if end == 0 || line[end-1] != '}' {
		return attrBlock{}, false
	}
	open := bytes.LastIndexByte(line[:end-1], '{')
	if open < 0 || bytes.IndexByte(line[open+1:end-1], '}') >= 0 {
		return attrBlock{}, false
	}
	backslashes := 0
	for i := open - 1; i >= 0 && line[i] == '\\'; i-- {
		backslashes++
	}
	if backslashes%2 == 1 {
		return attrBlock{}, false
	}
	inner := string(line[open+1 : end-1])
	inner = strings.TrimPrefix(strings.TrimSpace(inner), ":")
	words := strings.Fields(inner)
	if len(words) == 0 || (words[0][0] != '#' && words[0][0] != '.') {
		return attrBlock{}, false
	}
	b := attrBlock{open: open}
	for _, w := range words {
		switch {
		case w[0] == '#' && b.hasID:
			b.problems = append(b.problems, attrProblem{msg: "a heading has one id; " + w + " is left out",
				hint: "keep one #id in the braces"})
		case w[0] == '#':
			b.hasID, b.id = true, w[1:]
			if msg, hint := badID(b.id); msg != "" {
				b.problems = append(b.problems, attrProblem{err: true, msg: msg, hint: hint})
				b.hasID, b.id = false, ""
			}
		case w[0] == '.' && validClass(w[1:]):
			b.classes = append(b.classes, w[1:])
		case w[0] == '.':
			b.problems = append(b.problems, attrProblem{msg: "heading class " + strconv.Quote(w[1:]) + " is left out: a class holds letters, digits, \"-\" and \"_\"",
				hint: "rename the class"})
		default:
			b.problems = append(b.problems, attrProblem{msg: "heading attribute " + strconv.Quote(w) + " is left out: only #id and .class are read",
				hint: "remove it, or set it in a template"})
		}
	}
	return b, true
}

// badID says what is wrong with an id written in a heading's braces.
func badID(id string) (msg, hint string) {
	if id == "" {
		return "heading id is empty", "write the id after the #: {#install}"
	}
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' && r != ':' {
			return "heading id " + strconv.Quote(id) + " holds " + strconv.Quote(string(r)) + ", which an id here may not",
				"use letters, digits, \"-\", \"_\", \".\" and \":\""
		}
	}
	if footnoteIDRe.MatchString(id) {
		return "heading id " + strconv.Quote(id) + " has the form of a footnote's anchor",
			"choose an id that does not start with fn: or fnref"
	}
	if paraIDRe.MatchString(id) {
		return "heading id " + strconv.Quote(id) + " is the anchor of numbered paragraph " + id[1:],
			"choose another id; #" + id + " links to the paragraph"
	}
	return "", ""
}

// footnoteIDRe matches the start of the anchors goldmark gives footnotes
// and their references: fn:1, fnref:1, fnref2:1.
var footnoteIDRe = regexp.MustCompile(`^fn(ref[0-9]*)?:`)

func validClass(c string) bool {
	if c == "" {
		return false
	}
	for _, r := range c {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// takeAttributes reads the attribute block of h's last line, cuts it off
// the line, and sets the id and classes it gives. Problems are the doc's.
func takeAttributes(h *ast.Heading, src []byte, pc parser.Context) {
	n := h.Lines().Len()
	if n == 0 {
		return
	}
	seg := h.Lines().At(n - 1)
	b, ok := parseAttrBlock(src[seg.Start:seg.Stop])
	if !ok {
		return
	}
	offset := seg.Start + b.open
	doc, _ := pc.Get(docCtx).(*Doc)
	in, _ := pc.Get(inputCtx).(*Input)
	if doc != nil && in != nil {
		for _, p := range b.problems {
			add := doc.Errs.Warnf
			if p.err {
				add = doc.Errs.Addf
			}
			add(in.pos(offset), "%s", p.msg).Hint = p.hint
		}
	}
	seg.Stop = offset
	h.Lines().Set(n-1, seg.TrimRightSpace(src))
	if b.hasID {
		h.SetAttributeString("id", []byte(b.id))
		headingAttrs(pc)[h] = headingAttr{offset: offset}
	}
	if len(b.classes) > 0 {
		h.SetAttributeString("class", []byte(strings.Join(b.classes, " ")))
	}
}

type headingAttributes struct{}

func (headingAttributes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(attrHeadingParser{parser.NewSetextHeadingParser()}, setextAttrParserPriority),
		util.Prioritized(attrHeadingParser{parser.NewATXHeadingParser()}, atxAttrParserPriority),
	))
}
