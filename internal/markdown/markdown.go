package markdown

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Options configure a Renderer for a whole site.
type Options struct {
	// Unsafe passes raw HTML in Markdown through; otherwise it is shown as
	// text. HTML comments are dropped either way.
	Unsafe bool
	// Abbr maps acronyms to their expansions; the first use of each on a
	// page is marked up with <abbr>.
	Abbr map[string]string
	// NoTypographer turns off smart quotes and dashes (for measuring
	// goldmark alone).
	NoTypographer bool
}

// Renderer renders pages. It is safe for concurrent use.
type Renderer struct {
	md   goldmark.Markdown
	opts Options
	abbr *abbrIndex
}

// New returns a Renderer with the given options.
func New(opts Options) *Renderer {
	exts := []goldmark.Extender{
		extension.Linkify,
		extension.Strikethrough,
		extension.TaskList,
		extension.Footnote,
		extension.DefinitionList,
		limits{},
		comments{},
		paragraphs{},
		headings{},
		headingAttributes{},
		alerts{},
		admonitions{},
		shortcodeWarnings{},
		links{},
		abbrs{},
		highlight{},
		rawHTML{unsafe: opts.Unsafe},
		tables{},
	}
	if !opts.NoTypographer {
		exts = append(exts, extension.Typographer)
	}
	// Heading ids are made by headings' transformer, not by goldmark's
	// parser.WithAutoHeadingID, so that ids written out ({#id}) anywhere on
	// the page come first.
	md := goldmark.New(goldmark.WithExtensions(exts...))
	return &Renderer{md: md, opts: opts, abbr: newAbbrIndex(opts.Abbr)}
}

// Input is one page to render.
type Input struct {
	File      string // the page's path in the site, for positions
	Src       []byte // the Markdown
	FirstLine int    // line of File on which Src starts
	// NoAbbr leaves acronyms unmarked (for short fragments such as a
	// rubric's descriptors, where marking each one's first acronym would
	// mark the same acronym many times on one page).
	NoAbbr bool
	// ExtractTitle takes a heading that opens the page out of the body and
	// makes it Doc.Title (for pages whose front matter has no title).
	ExtractTitle bool
	// Resolve maps a link destination as written to what the page links
	// to. When nil, links are left as written.
	Resolve func(dest string) (Resolved, error)

	lines []int                           // offsets of line starts in Src, made on first use
	ascii []bool                          // by line: whether it is all ASCII, so a column is an offset
	last  struct{ line, offset, col int } // the last column counted on a line that is not
}

// Resolved is where a link goes.
type Resolved struct {
	Href     string // as rendered
	Target   string // site-absolute URL path of the page or file, without fragment; "" when external
	Fragment string // anchor on the target, without "#"
	External bool
}

// Doc is a rendered page. Its plain text is in Paras and Sections, each
// stretch once.
type Doc struct {
	HTML        string
	Title       string // from the opening heading, with Input.ExtractTitle
	TitleID     string // that heading's id, kept as the page title's anchor
	Headings    []Heading
	Paras       []Block // numbered paragraphs, in order
	Sections    []Block // text outside numbered paragraphs, by the heading above it
	Links       []Link
	IDs         []string // every id the HTML holds, in order
	anchors     map[string]bool
	anchorsOnce sync.Once

	// BareTables are the positions of tables whose header row is empty, so
	// a screen reader has no column names to read.
	BareTables []source.Pos
	Errs       source.List

	tooDeep   bool // the page nests deeper than MaxDepth (reported once)
	footnotes int  // footnote definitions seen
	tooMany   bool // more than MaxFootnotes (reported once)

	tableCells   int  // cells in the page's tables so far
	tooManyCells bool // more than MaxTableCells (reported once)
}

// Anchors returns the set of the doc's ids. It is made once and shared:
// callers must not change it.
func (d *Doc) Anchors() map[string]bool {
	d.anchorsOnce.Do(func() {
		d.anchors = make(map[string]bool, len(d.IDs))
		for _, id := range d.IDs {
			d.anchors[id] = true
		}
	})
	return d.anchors
}

// Heading is a heading of a page.
type Heading struct {
	Level int
	ID    string
	Text  string
	Pos   source.Pos
}

// Block is a stretch of a page's text with the anchor that leads to it.
type Block struct {
	ID        string // "p47", or the heading's id for a section ("" at the top)
	Number    int    // the paragraph number; 0 for a section
	Heading   string // text of the heading it is under
	HeadingID string
	Text      string
	Pos       source.Pos
}

// Link is a link or image of a page.
type Link struct {
	Dest  string // as written
	Text  string // the link's text, or the image's alternative text
	Image bool
	Pos   source.Pos
	Para  int // number of the numbered paragraph the link is in, or 0
	Resolved
}

var (
	inputCtx = parser.NewContextKey()
	docCtx   = parser.NewContextKey()
)

// Render renders one page.
func (r *Renderer) Render(in Input) (*Doc, error) {
	doc := &Doc{}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(inputCtx, &in)
	pc.Set(docCtx, doc)
	root := r.md.Parser().Parse(text.NewReader(in.Src), parser.WithContext(pc))
	if in.ExtractTitle {
		if h, ok := root.FirstChild().(*ast.Heading); ok {
			doc.Title = plainText(h, in.Src)
			doc.TitleID = idOf(h)
			if doc.TitleID != "" {
				doc.IDs = append(doc.IDs, doc.TitleID)
			}
			root.RemoveChild(root, h)
		}
	}
	if !in.NoAbbr {
		r.abbr.mark(root, in.Src)
	}
	collect(doc, root, &in)
	// A strings.Builder makes the string without copying, and templates
	// take the HTML as a string.
	var buf strings.Builder
	buf.Grow(len(in.Src) + len(in.Src)/2)
	if err := r.md.Renderer().Render(&buf, in.Src, root); err != nil {
		return nil, fmt.Errorf("render %s: %w", in.File, err)
	}
	doc.HTML = buf.String()
	return doc, nil
}

// pos converts a byte offset of the input to a position in the file. The
// line starts are indexed once, so positions cost a binary search rather
// than a scan from the top of the page; and a column costs nothing on a
// line of ASCII, and on another line is counted on from the last one asked
// for when that is before it, so that the positions of every link on a long
// line cost the line's length once, not once each.
func (in *Input) pos(offset int) source.Pos {
	if offset < 0 {
		return source.Pos{File: in.File}
	}
	if in.lines == nil {
		in.lines = append(in.lines, 0)
		ascii := true
		for i, b := range in.Src {
			if b == '\n' {
				in.lines = append(in.lines, i+1)
				in.ascii = append(in.ascii, ascii)
				ascii = true
			} else if b >= utf8.RuneSelf {
				ascii = false
			}
		}
		in.ascii = append(in.ascii, ascii)
		in.last.line = -1
	}
	offset = min(offset, len(in.Src))
	l, _ := slices.BinarySearch(in.lines, offset+1)
	start := in.lines[l-1]
	var c int
	switch {
	case in.ascii[l-1]:
		c = offset - start + 1
	case in.last.line == l && in.last.offset <= offset:
		c = in.last.col + utf8.RuneCount(in.Src[in.last.offset:offset])
	default:
		c = utf8.RuneCount(in.Src[start:offset]) + 1
	}
	if !in.ascii[l-1] {
		in.last.line, in.last.offset, in.last.col = l, offset, c
	}
	return source.Pos{File: in.File, Line: l + max(in.FirstLine, 1) - 1, Col: c}
}

// blockPos finds the position of n, or of the nearest ancestor that has one.
func (in *Input) blockPos(n ast.Node) source.Pos {
	for x := n; x != nil; x = x.Parent() {
		if p := x.Pos(); p >= 0 {
			return in.pos(p)
		}
		if x.Type() == ast.TypeBlock && x.Lines().Len() > 0 {
			return in.pos(x.Lines().At(0).Start)
		}
	}
	return in.pos(-1)
}

// collect fills the doc's headings, blocks, ids and text from the tree.
func collect(doc *Doc, root ast.Node, in *Input) {
	cur := Block{}
	var sec strings.Builder
	flush := func() {
		if t := strings.TrimSpace(sec.String()); t != "" {
			cur.Text = t
			doc.Sections = append(doc.Sections, cur)
		}
		sec.Reset()
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		t := plainText(n, in.Src)
		switch n := n.(type) {
		case *ast.Heading:
			flush()
			id := idOf(n)
			doc.Headings = append(doc.Headings, Heading{Level: n.Level, ID: id, Text: t, Pos: in.blockPos(n)})
			cur = Block{ID: id, Heading: t, HeadingID: id, Pos: in.blockPos(n)}
		case *NumberedPara:
			doc.Paras = append(doc.Paras, Block{ID: n.ID(), Number: n.Number, Heading: cur.Heading,
				HeadingID: cur.HeadingID, Text: t, Pos: in.blockPos(n)})
		default:
			sec.WriteString(t)
			sec.WriteString("\n")
		}
	}
	flush()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *NumberedPara:
			doc.IDs = append(doc.IDs, n.ID())
		case *ast.Heading:
			if id := idOf(n); id != "" {
				doc.IDs = append(doc.IDs, id)
			}
			// Headings nested in numbered paragraphs or lists are
			// headings too, for the contents list and for checks.
			if n.Parent() != root {
				doc.Headings = append(doc.Headings, Heading{Level: n.Level, ID: idOf(n), Text: plainText(n, in.Src), Pos: in.blockPos(n)})
			}
		case *extast.Footnote:
			doc.IDs = append(doc.IDs, fmt.Sprintf("fn:%d", n.Index))
		case *extast.TableHeader:
			if strings.TrimSpace(plainText(n, in.Src)) == "" {
				doc.BareTables = append(doc.BareTables, in.blockPos(n.Parent()))
			}
		}
		return ast.WalkContinue, nil
	})
}

func idOf(n ast.Node) string {
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

// plainText returns the text of n and its descendants, with blocks on lines
// of their own and entities decoded.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeText(&b, n, src)
	return strings.TrimSpace(b.String())
}

func writeText(b *strings.Builder, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		if n.IsCode() {
			b.WriteString(html.UnescapeString(string(n.Value)))
		} else {
			b.Write(n.Value)
		}
		return
	case *ast.AutoLink:
		b.Write(n.Label(src))
		return
	case *ast.RawHTML, *ast.HTMLBlock, *Comment:
		return
	case *Callout:
		// The author's title is text of the page; the label is not.
		if len(n.Title) > 0 {
			b.Write(n.Title)
			b.WriteByte('\n')
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		b.WriteByte('\n')
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeText(b, c, src)
	}
	if n.Type() == ast.TypeBlock {
		b.WriteByte('\n')
	} else if _, ok := n.(*extast.TableCell); ok {
		b.WriteByte(' ')
	}
}
