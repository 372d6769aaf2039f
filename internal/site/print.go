package site

import (
	"cmp"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/handbook-ssg/handbook/internal/source"
)

// A source document's print view, /print/<document>/: every chapter of
// the document (the pages whose front matter names it in source.document)
// in order on one page, to print or save as a PDF, with a contents list
// and the chapters' paragraph numbers. Each chapter's ids take the prefix
// "ch<N>-", N its place in the document, so that two chapters' paragraph
// 1, or headings of one name, stay apart on the one page; links between
// the document's chapters lead to the chapter in the print view.

// PrintURL is where the print views are.
const PrintURL = "/print/"

// DocumentView is a source document whose chapters are pages of the site.
type DocumentView struct {
	Title    string // as source.document gives it
	Slug     string
	URL      string // its print view
	Lang     string // its first chapter's
	Chapters []*ChapterView
}

// ChapterView is a chapter of a document: a page, and the prefix of its
// ids in the print view.
type ChapterView struct {
	Page *Page
	ID   string // "ch3": the chapter's id, and its ids' prefix with "-"
}

// Title is the chapter's title.
func (c *ChapterView) Title() string { return c.Page.Title }

// documents groups the pages that name a source document by it, the
// chapters of each in the order of their weights (then titles), the
// documents by their slugs. A document's slug is made from its title; two
// documents whose titles make one slug are told apart by a number.
func (m *Model) documents() []*DocumentView {
	byTitle := map[string]*DocumentView{}
	var docs []*DocumentView
	for _, p := range m.Pages {
		title := strings.TrimSpace(p.Src.Meta.Source.Document)
		if title == "" || p.URL == "/" {
			continue
		}
		d := byTitle[title]
		if d == nil {
			d = &DocumentView{Title: title}
			byTitle[title] = d
			docs = append(docs, d)
		}
		d.Chapters = append(d.Chapters, &ChapterView{Page: p})
	}
	slices.SortFunc(docs, func(a, b *DocumentView) int { return cmp.Compare(a.Title, b.Title) })
	taken := map[string]bool{}
	for _, d := range docs {
		slices.SortStableFunc(d.Chapters, func(a, b *ChapterView) int {
			if c := cmp.Compare(a.Page.Src.Meta.Order(), b.Page.Src.Meta.Order()); c != 0 {
				return c
			}
			if c := cmp.Compare(a.Page.Title, b.Page.Title); c != 0 {
				return c
			}
			return cmp.Compare(a.Page.URL, b.Page.URL)
		})
		for i, c := range d.Chapters {
			c.ID = "ch" + strconv.Itoa(i+1)
		}
		d.Lang = d.Chapters[0].Page.Src.Lang
		slug := slugOf(d.Title)
		for i := 2; taken[slug]; i++ {
			slug = slugOf(d.Title) + "-" + strconv.Itoa(i)
		}
		taken[slug] = true
		d.Slug, d.URL = slug, PrintURL+slug+"/"
	}
	slices.SortFunc(docs, func(a, b *DocumentView) int { return cmp.Compare(a.Slug, b.Slug) })
	return docs
}

// slugOf makes a URL segment of a title: its letters and digits in lower
// case, with a hyphen for every run of anything else.
func slugOf(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "document"
	}
	return b.String()
}

// chapter returns the chapter that is page p (by its URL, which a page
// patched in place keeps), and its document.
func (m *Model) chapter(p *Page) (*DocumentView, *ChapterView) {
	for _, d := range m.Documents {
		for _, c := range d.Chapters {
			if c.Page.URL == p.URL {
				return d, c
			}
		}
	}
	return nil, nil
}

// inDocument reports whether page p is a chapter of a document, whose
// print view shows its HTML.
func (m *Model) inDocument(p *Page) bool {
	_, c := m.chapter(p)
	return c != nil
}

var (
	idAttr      = regexp.MustCompile(` id="([^"]*)"`)
	hrefAttr    = regexp.MustCompile(` href="([^"]*)"`)
	headingTags = regexp.MustCompile(`<(/?)h([1-6])([\s>])`)
)

// Body returns the chapter's HTML as the print view shows it: every id
// the page's Markdown made prefixed with the chapter's, links to an
// anchor of the page or of another chapter of the document led to it in
// the print view, and every heading a level down, under the chapter's
// title.
func (c *ChapterView) Body(d *DocumentView) template.HTML {
	c.Page.loadHTML()
	doc := c.Page.Doc
	prefix := c.ID + "-"
	own := doc.Anchors()
	chapters := map[string]*ChapterView{}
	for _, o := range d.Chapters {
		chapters[o.Page.URL] = o
	}
	html := idAttr.ReplaceAllStringFunc(doc.HTML, func(a string) string {
		id := a[len(` id="`) : len(a)-1]
		if !own[id] {
			return a
		}
		return ` id="` + prefix + id + `"`
	})
	html = hrefAttr.ReplaceAllStringFunc(html, func(a string) string {
		href := a[len(` href="`) : len(a)-1]
		path, frag, hasFrag := strings.Cut(href, "#")
		target := c
		if path != "" {
			o, ok := chapters[path]
			if !ok {
				return a
			}
			target = o
		}
		switch {
		case hasFrag && frag != "" && target.Page.Doc.Anchors()[frag]:
			return ` href="#` + target.ID + "-" + frag + `"`
		case path != "" && !hasFrag:
			return ` href="#` + target.ID + `"`
		}
		return a
	})
	html = headingTags.ReplaceAllStringFunc(html, func(t string) string {
		m := headingTags.FindStringSubmatch(t)
		level, _ := strconv.Atoi(m[2])
		return "<" + m[1] + "h" + strconv.Itoa(min(level+1, 6)) + m[3]
	})
	return template.HTML(html)
}

func printView(v *View) {
	v.document = v.t.d
	d := v.Document()
	v.Title = d.Title()
	v.Lang = d.Lang()
	t := v.T()
	v.Crumbs = []NavLink{{Title: t["home"], URL: "/"}, {Title: t["print_view"]}}
}

// printClaim says which document asks for a print view: its first
// chapter's source.document.
func printClaim(d *DocumentView) claim {
	p := d.Chapters[0].Page
	pos := p.Src.Meta.KeyPos["source"]
	if pos.File == "" {
		pos = source.Pos{File: p.Src.File}
	}
	return claim{pos: pos, desc: "the print view of the document " + strconv.Quote(d.Title), hint: "give a page another source.document, or move the page at " + d.URL}
}
