package site

import (
	"html/template"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// What a template reaches beyond its View goes through the accessors in
// this file, each of which records the input it reads into the output's
// record (deps.go). A template calls them as it would read fields:
// html/template calls a method without arguments for {{.Site.Rubrics}} or
// {{.Page.Title}}, so templates written for fields keep working.
//
// What an accessor hands out is either another recording accessor (a
// page leads to its neighbours only through Prev and Next, which record
// which pages they are) or a value whose every part the recorded input's
// hash covers: a rubric's view with all its standards, the glossary, the
// config, the navigation.

// SiteData is the whole site as a template reaches it: {{.Site.Config.Title}},
// {{range .Site.Rubrics}}.
type SiteData struct {
	m   *Model
	rec *recorder
}

// Config returns the site's config (handbook.yaml).
func (s *SiteData) Config() *config.Site {
	s.rec.use(depConfig, "")
	return s.m.Config
}

// Pages returns every Markdown page of the site, by URL.
func (s *SiteData) Pages() []*PageData {
	s.rec.use(depPages, "")
	out := make([]*PageData, len(s.m.Pages))
	for i, p := range s.m.Pages {
		out[i] = &PageData{p: p, rec: s.rec}
	}
	return out
}

// Rubrics returns every rubric of the site, in order. Which rubrics there
// are is recorded here ({{if .Site.Rubrics}} reads no more); what is read
// of each, as it is read.
func (s *SiteData) Rubrics() []*RubricData {
	s.rec.use(depRubrics, "")
	out := make([]*RubricData, len(s.m.Rubrics))
	for i, r := range s.m.Rubrics {
		out[i] = newRubricData(r, s.rec)
	}
	return out
}

// Glossary returns the site's glossary, or nil.
func (s *SiteData) Glossary() *GlossaryData {
	s.rec.use(depHasGlossary, "")
	if s.m.Glossary == nil {
		return nil
	}
	return &GlossaryData{g: s.m.Glossary, rec: s.rec}
}

// Nav returns the site's navigation.
func (s *SiteData) Nav() []NavGroup {
	s.rec.use(depNav, "")
	return s.m.Nav
}

// Assessable reports whether any rubric of the site has a
// self-assessment form, for the home page to offer one.
func (s *SiteData) Assessable() bool {
	for _, r := range s.Rubrics() {
		if r.Choices() > 0 {
			return true
		}
	}
	return false
}

// HasChanges reports whether any page or rubric has a change note: then
// the site has a /changes/ page, and every page links to it.
func (s *SiteData) HasChanges() bool {
	s.rec.use(depHasChanges, "")
	return s.m.HasChanges()
}

// SearchLangs lists the languages the site's pages and rubrics are in,
// each with a link to the search page searching its index (index.go).
func (s *SiteData) SearchLangs() []NavLink {
	s.rec.use(depLangs, "")
	return s.m.SearchLangs()
}

// Documents returns the source documents the pages name, each with its
// chapters and print view.
func (s *SiteData) Documents() []*DocumentData {
	s.rec.use(depDocuments, "")
	out := make([]*DocumentData, len(s.m.Documents))
	for i, d := range s.m.Documents {
		out[i] = newDocumentData(d, s.rec)
	}
	return out
}

// changelog returns the site's latest change notes.
func (s *SiteData) changelog() *Changelog {
	s.rec.use(depChangelog, "")
	return s.m.changelog()
}

// css returns the bundled stylesheet, for a page that inlines it.
func (s *SiteData) css() string {
	s.rec.use(depCSS, "")
	return string(s.m.css)
}

// documentOf returns the document page p is a chapter of, or nil.
func (s *SiteData) documentOf(p *Page) *DocumentView {
	s.rec.use(depPageDocument, p.Src.File)
	d, _ := s.m.chapter(p)
	return d
}

// page returns the page at url, or nil.
func (s *SiteData) page(url string) *PageData {
	s.rec.use(depURL, url)
	if p, ok := s.m.byURL[url]; ok {
		return &PageData{p: p, rec: s.rec}
	}
	return nil
}

// section reports whether the folder at url has a listing page.
func (s *SiteData) section(url string) bool {
	s.rec.use(depFolder, url)
	return s.m.sections[url]
}

// folder returns the URLs of the pages and folders directly in the folder
// at url.
func (s *SiteData) folder(url string) []string {
	s.rec.use(depFolder, url)
	return s.m.folders[url]
}

// words returns the interface words of lang.
func (s *SiteData) words(lang string) templates.Words {
	s.rec.use(depWords, lang)
	return s.m.words(lang)
}

// PageData is a Markdown page as a template reaches it: {{.Page.Title}},
// {{.Page.Src.Meta.Owner}}, {{.Page.Prev.URL}}.
type PageData struct {
	p   *Page
	rec *recorder
}

// URL returns the page's URL, site-absolute.
func (d *PageData) URL() string {
	d.rec.use(depPageURL, d.p.Src.File)
	return d.p.URL
}

// Title returns the page's title.
func (d *PageData) Title() string {
	d.rec.use(depPageTitle, d.p.Src.File)
	return d.p.Title
}

// Summary returns the page's summary (front matter's summary or
// description).
func (d *PageData) Summary() string {
	d.rec.use(depPageSummary, d.p.Src.File)
	return d.p.Src.Meta.Summary
}

// Order returns the page's place among the pages beside it (its weight).
func (d *PageData) Order() float64 {
	d.rec.use(depPageOrder, d.p.Src.File)
	return d.p.Src.Meta.Order()
}

// Src returns the page as loaded: its front matter (.Src.Meta), Markdown
// and language.
func (d *PageData) Src() *content.Page {
	d.rec.use(depPageSrc, d.p.Src.File)
	_ = d.p.body() // a problem is the template stage's (pageBodyErrors)
	return d.p.Src
}

// Params returns the front-matter keys the build does not read itself,
// kept for templates: {{.Page.Params.section}}.
func (d *PageData) Params() map[string]any {
	d.rec.use(depPageSrc, d.p.Src.File)
	return d.p.Src.Meta.Params
}

// Doc returns the page's rendered Markdown: its HTML, headings, anchors.
func (d *PageData) Doc() *markdown.Doc {
	d.rec.use(depPageDoc, d.p.Src.File)
	d.p.loadHTML()
	return d.p.Doc
}

// Prev returns the page before this one in reading order, or nil.
func (d *PageData) Prev() *PageData {
	d.rec.use(depPageAround, d.p.Src.File)
	if d.p.Prev == nil {
		return nil
	}
	return &PageData{p: d.p.Prev, rec: d.rec}
}

// Next returns the page after this one in reading order, or nil.
func (d *PageData) Next() *PageData {
	d.rec.use(depPageAround, d.p.Src.File)
	if d.p.Next == nil {
		return nil
	}
	return &PageData{p: d.p.Next, rec: d.rec}
}

// Group returns the title of the navigation group the page is in.
func (d *PageData) Group() string {
	d.rec.use(depPageAround, d.p.Src.File)
	return d.p.Group
}

// DocumentData is a source document as a template reaches it:
// {{.Document.Title}}, {{range .Document.Chapters}}. Its title, slug, URL
// and language are one input, its chapters whole another, so that a
// chapter's page, which links to the print view, is not made again when
// another chapter's text changes.
type DocumentData struct {
	v   *DocumentView
	rec *recorder
}

func newDocumentData(v *DocumentView, rec *recorder) *DocumentData {
	if v == nil {
		return nil
	}
	return &DocumentData{v: v, rec: rec}
}

func (d *DocumentData) head() *DocumentView {
	d.rec.use(depDocHead, d.v.URL)
	return d.v
}

// Title returns the document's title, as source.document gives it.
func (d *DocumentData) Title() string { return d.head().Title }

// Slug returns the document's slug, made from its title.
func (d *DocumentData) Slug() string { return d.head().Slug }

// URL returns the URL of the document's print view.
func (d *DocumentData) URL() string { return d.head().URL }

// Lang returns the document's language: its first chapter's.
func (d *DocumentData) Lang() string { return d.head().Lang }

// Chapters returns the document's chapters, in order.
func (d *DocumentData) Chapters() []*ChapterData {
	d.rec.use(depDocument, d.v.URL)
	out := make([]*ChapterData, len(d.v.Chapters))
	for i, c := range d.v.Chapters {
		out[i] = &ChapterData{c: c, rec: d.rec}
	}
	return out
}

// ChapterData is a chapter of a document as a template reaches it. What
// it hands out the document's record (depDocument) covers.
type ChapterData struct {
	c   *ChapterView
	rec *recorder
}

// ID returns the chapter's id: "ch3".
func (c *ChapterData) ID() string { return c.c.ID }

// Title returns the chapter's title.
func (c *ChapterData) Title() string { return c.c.Title() }

// Page returns the chapter's page.
func (c *ChapterData) Page() *PageData { return &PageData{p: c.c.Page, rec: c.rec} }

// Body returns the chapter's HTML as the print view of d shows it.
func (c *ChapterData) Body(d *DocumentData) template.HTML {
	d.rec.use(depDocument, d.v.URL)
	return c.c.Body(d.v)
}
