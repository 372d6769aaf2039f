package site

import (
	"context"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-ssg/handbook/internal/check"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// patch is the quickest rebuild, for the commonest edit in a live preview:
// the text of a page or two, and nothing else. When every changed file is
// a page whose front matter, title, anchors, link targets and links to
// standards are as before, no other output of the site can differ: patch
// renders those pages, checks their links, templates their outputs, and
// returns prev with them replaced. Its cost does not grow with the site.
//
// It returns nil when the change needs more than that, or when the changed
// pages have errors, so that build finds and reports every problem the
// usual way.
func patch(ctx context.Context, fsys fs.FS, prev *Result, changed []string) *Result {
	pc, m := prev.memo, prev.Model
	if pc == nil || m == nil || pc.anchors == nil || len(changed) == 0 {
		return nil
	}
	type patched struct {
		path  string
		entry memoOutput
	}
	type edit struct {
		file string
		old  *Page
		page *Page
		outs []patched // the page's outputs: one per kind of page made per Markdown page
	}
	var edits []edit
	var warns source.List
	for _, file := range changed {
		if !content.InContent(m.Config, file) || !strings.HasSuffix(file, ".md") || ctx.Err() != nil {
			return nil
		}
		src := pc.pages[file]
		if src == nil {
			return nil // a new page
		}
		i, found := slices.BinarySearchFunc(m.Pages, src.URL, func(p *Page, url string) int { return strings.Compare(p.URL, url) })
		if !found || m.Pages[i].Src != src || src.URL == "/" {
			return nil
		}
		old := m.Pages[i]
		var errs source.List
		np := content.LoadPage(fsys, file, m.Config, &errs)
		if np == nil || errs.Len() > 0 {
			return nil
		}
		if np.Hash == src.Hash {
			continue // saved again as it was
		}
		if !reflect.DeepEqual(np.Meta, src.Meta) || np.BodyLine != src.BodyLine || np.URL != src.URL || np.Lang != src.Lang {
			return nil
		}
		// A file-level warning (a page nothing links to) depends on the
		// rest of the site; leave such pages to a full rebuild.
		for _, w := range prev.Warnings {
			if w.Pos.File == file && w.Pos.Line == 0 {
				return nil
			}
		}
		doc, err := m.render(markdown.Input{
			File:         file,
			Src:          np.Body,
			FirstLine:    np.BodyLine,
			ExtractTitle: np.Meta.Title == "",
		}, np.Rel, np.URL)
		if err != nil || doc.Errs.HasErrors() {
			return nil
		}
		page := *old
		page.Src, page.Doc = np, doc
		page.Title = pageTitle(&page)
		if page.Title != old.Title || !slices.Equal(doc.IDs, old.Doc.IDs) ||
			!slices.Equal(linkTargets(doc), linkTargets(old.Doc)) || !slices.Equal(stdLinks(doc), stdLinks(old.Doc)) {
			return nil
		}
		check.Site(&check.Input{
			Anchors:        pc.anchors,
			Docs:           []check.Doc{{File: file, URL: page.URL, Doc: doc}},
			AnchorWarnings: m.Config.Anchors == "warn",
			NoNav:          true, // what reaches what is as before
		}, &errs)
		errs.Merge(&doc.Errs)
		if errs.HasErrors() {
			return nil
		}
		warns.Merge(&errs)

		e := edit{file: file, old: old, page: &page}
		for _, k := range kinds {
			if k.scope != perPage {
				continue
			}
			v := m.viewOf(k, target{url: page.URL, p: &page})
			m.chrome(v, pc.footers)
			b, err := m.tmpl.Render(v.Kind, v)
			if err != nil {
				return nil
			}
			out := outputPath(v.URL)
			b = m.rebase(b, out, k)
			e.outs = append(e.outs, patched{out, memoOutput{fp: m.fingerprint(pc.global, v), data: b}})
		}
		edits = append(edits, e)
	}

	// The print views of the edited pages' documents show them whole:
	// made again with every edit in, before anything of prev changes.
	type reprint struct {
		doc *DocumentView
		out patched
	}
	var reprints []reprint
	if len(edits) > 0 {
		for _, k := range kinds {
			if k.scope != perDocument {
				continue
			}
			for _, d := range m.Documents {
				nd, touched := d, false
				for _, e := range edits {
					if _, c := m.chapter(e.old); c != nil && slices.Contains(d.Chapters, c) {
						nd, touched = nd.withChapter(e.old, e.page), true
					}
				}
				if !touched {
					continue
				}
				v := m.viewOf(k, target{url: nd.URL, d: nd})
				m.chrome(v, pc.footers)
				b, err := m.tmpl.Render(v.Kind, v)
				if err != nil {
					return nil
				}
				out := outputPath(v.URL)
				b = m.rebase(b, out, k)
				reprints = append(reprints, reprint{nd, patched{out, memoOutput{fp: m.fingerprint(pc.global, v), data: b}}})
			}
		}
	}

	// The new result shares everything with prev but what the edits
	// replace. The memo moves over to it, updated in place (copying maps
	// the size of the site would cost more than the rest of the patch):
	// prev keeps its files and model, but a later rebuild from prev is a
	// full build. The model's byURL and byRel keep the edited pages'
	// previous Page: they serve resolving links, and what that reads (URL,
	// title, anchors) is unchanged.
	nm := *m
	nm.Pages = slices.Clone(m.Pages)
	res := &Result{Files: maps.Clone(prev.Files), Model: &nm, memo: pc}
	prev.memo = nil
	for _, e := range edits {
		nm.Pages[slices.Index(nm.Pages, e.old)] = e.page
		pc.pages[e.file] = e.page.Src
		pc.docs[e.file] = memoDoc{hash: e.page.Src.Hash, doc: e.page.Doc}
		for _, o := range e.outs {
			pc.outputs[o.path] = o.entry
			res.Files[strings.TrimPrefix(o.path, "/")] = o.entry.data
		}
	}
	if len(reprints) > 0 {
		nm.Documents = slices.Clone(m.Documents)
		for _, r := range reprints {
			nm.Documents[slices.IndexFunc(nm.Documents, func(d *DocumentView) bool { return d.URL == r.doc.URL })] = r.doc
			pc.outputs[r.out.path] = r.out.entry
			res.Files[strings.TrimPrefix(r.out.path, "/")] = r.out.entry.data
		}
	}
	// Warnings: the other files' as they were, and those in the edited
	// pages' front matter (unchanged, such as a passed review_by date);
	// those of the pages' text are made anew above.
	for _, w := range prev.Warnings {
		if !slices.ContainsFunc(edits, func(e edit) bool { return e.file == w.Pos.File && w.Pos.Line >= e.page.Src.BodyLine }) {
			warns.Add(w)
		}
	}
	for _, w := range warns.Errors() {
		if w.Severity == source.SevWarning {
			res.Warnings = append(res.Warnings, w)
		}
	}
	templated := len(reprints)
	for _, e := range edits {
		templated += len(e.outs)
	}
	res.Stats = Stats{Rendered: len(edits), Templated: templated, Reused: len(pc.outputs) - templated, Patched: true}
	return res
}

// pageTitle is a page's title: its front matter's, else its first
// heading's, else one made from its file name.
func pageTitle(p *Page) string {
	if t := p.Src.Meta.Title; t != "" {
		return t
	}
	if t := p.Doc.Title; t != "" {
		return t
	}
	return titleFromFile(p.Src.Rel)
}

// linkTargets lists the pages a document links to, once each and sorted:
// what decides which pages are reachable.
func linkTargets(d *markdown.Doc) []string {
	var out []string
	for _, l := range d.Links {
		if l.Target != "" {
			out = append(out, l.Target)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// stdLinks lists a document's links to standards with the paragraphs they
// are in: what the standards' "Referenced in" lists show.
func stdLinks(d *markdown.Doc) []string {
	var out []string
	for _, l := range d.Links {
		if strings.HasPrefix(l.Dest, StdScheme) {
			out = append(out, l.Target+" "+strconv.Itoa(l.Para))
		}
	}
	return out
}
