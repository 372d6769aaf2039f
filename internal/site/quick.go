package site

import (
	"context"
	"io/fs"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-ssg/handbook/internal/check"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
	"golang.org/x/sync/errgroup"
)

// A text edit of a page (handbook serve's most common rebuild) changes
// nothing that the stages' passes over the whole site read: not the
// page's URL, title, front matter, anchors or links, so not the site's
// shape, navigation, previous and next pages, plan of outputs, claims,
// "Referenced in" lists or link check. The quick path below proves that
// for each changed file, by comparing what it loads and renders now with
// what the previous build had, and then takes the previous build's model
// as it is, with the edited pages' file and rendering put in: the
// outputs whose recorded inputs (deps.go) hash differently are templated
// again, as in a full rebuild, and every other output is kept. When any
// comparison fails (a new or deleted file, a changed title, front matter,
// anchor or link, a problem to report, a change outside content/) the
// rebuild takes the full path, which gives the same output: the property
// tests compare both with a cold build.

// pageEdit is one page edited in a way the quick path can take.
type pageEdit struct {
	p   *Page
	src *content.Page
	doc *markdown.Doc
	sum uint64
}

// quickRebuild rebuilds prev after the files in changed were written, if
// every one of them is a page of prev edited without a change of the
// site's shape (see above). It reports false, having changed nothing,
// when it cannot; on success it takes over prev's model and memo (prev's
// Files are kept as they were), so a later Rebuild from prev builds
// afresh.
func quickRebuild(ctx context.Context, fsys fs.FS, opt Options, prev *Result, changed []string) (*Result, bool) {
	mo, m := prev.memo, prev.Model
	if !quickable(opt, prev) || len(changed) == 0 {
		return nil, false
	}
	edits := make([]pageEdit, 0, len(changed))
	for i, file := range changed {
		if slices.Contains(changed[:i], file) {
			continue
		}
		e, ok := m.quickEdit(fsys, mo, prev.Warnings, file)
		if !ok {
			return nil, false
		}
		edits = append(edits, e)
	}
	if ctx.Err() != nil {
		return nil, false
	}

	// Put the edits in, to work out which inputs changed and template
	// what read them; undone if templating fails.
	type was struct {
		src *content.Page
		doc *markdown.Doc
		sum uint64
	}
	undo := make([]was, len(edits))
	edited := make([]string, 0, len(edits))
	for i, e := range edits {
		undo[i] = was{e.p.Src, e.p.Doc, e.p.docSum}
		e.p.Src, e.p.Doc, e.p.docSum = e.src, e.doc, e.sum
		edited = append(edited, e.p.Src.File)
	}
	revert := func() {
		for i, e := range edits {
			e.p.Src, e.p.Doc, e.p.docSum = undo[i].src, undo[i].doc, undo[i].sum
		}
	}
	changedDeps, sums := m.quickChangedDeps(mo.table, mo.sums, edited)
	outs, ok := m.quickTemplate(ctx, mo, changedDeps)
	if !ok || ctx.Err() != nil {
		revert()
		return nil, false
	}

	// Nothing fails from here on: the memo becomes the next build's.
	files := maps.Clone(prev.Files)
	for name, o := range outs {
		files[name] = o.data
		mo.outputs[name] = o
	}
	for _, e := range edits {
		mo.pages[e.src.File] = e.src
		mo.docs[e.src.File] = memoDoc{hash: e.src.Hash, doc: e.doc, sum: e.sum}
	}
	mo.sums = m.hashAll(mo.table.snapshot(), sums, nil)
	prev.memo = nil
	res := &Result{
		Files: files, Warnings: prev.Warnings, Model: m, memo: mo,
		quick: slices.Sorted(maps.Keys(outs)),
		Stats: Stats{Rendered: len(edits), Templated: len(outs), Reused: len(mo.plan) - len(outs)},
	}
	return res, true
}

// quickable reports whether a rebuild with opt may start from prev's
// model: it was kept whole in memory for a rebuild, and built with the
// options that decide what a page is.
func quickable(opt Options, prev *Result) bool {
	mo, m := prev.memo, prev.Model
	if mo == nil || mo.disk || m == nil || prev.Files == nil || mo.plan == nil || mo.anchors == nil || mo.table == nil {
		return false
	}
	if opt.Out != nil || opt.Cache != nil || opt.NoRebuild || m.opt.Cache != nil || m.opt.NoRebuild {
		return false
	}
	return opt.BaseURL == m.opt.BaseURL && opt.Drafts == m.opt.Drafts && opt.Today.Equal(m.opt.Today) &&
		opt.OutputDir == m.opt.OutputDir && len(mo.sums) <= len(mo.table.snapshot())
}

// quickEdit loads and renders the page file again, and returns it if the
// quick path can take its edit: it was a page of the previous build and
// still is, with the same front matter, URL, language, title, anchors
// and links, and neither it nor the previous build reports a problem in
// it.
func (m *Model) quickEdit(fsys fs.FS, mo *memo, warnings []*source.Error, file string) (pageEdit, bool) {
	p := m.byFile[file]
	if p == nil || mo.pages[file] != p.Src || p.fill != nil {
		return pageEdit{}, false
	}
	for _, w := range warnings {
		if w.Pos.File == file {
			return pageEdit{}, false
		}
	}
	var errs source.List
	src := content.LoadPage(fsys, file, m.Config, &errs)
	if src == nil || len(errs.Errors()) > 0 || !sameLoaded(p.Src, src) {
		return pageEdit{}, false
	}
	doc, err := m.render(pageInput(&Page{Src: src}), src.Rel, p.URL)
	if err != nil || len(doc.Errs.Errors()) > 0 || !sameShape(p.Doc, doc) || pageTitle(src, doc) != p.Title {
		return pageEdit{}, false
	}
	// Its links go where they went, to the same anchors (no other page
	// changed): checked again, they must raise nothing, as they raised
	// nothing before.
	var found source.List
	check.Site(&check.Input{Anchors: mo.anchors, NoNav: true, Docs: []check.Doc{{File: file, URL: p.URL, Doc: doc}}}, &found)
	if len(found.Errors()) > 0 {
		return pageEdit{}, false
	}
	return pageEdit{p: p, src: src, doc: doc, sum: docSum(doc)}, true
}

// sameLoaded reports whether b is a, loaded again, but for its Markdown:
// the same file, front matter, URL and language.
func sameLoaded(a, b *content.Page) bool {
	return a.File == b.File && a.Rel == b.Rel && a.URL == b.URL && a.Lang == b.Lang &&
		a.BodyLine == b.BodyLine && reflect.DeepEqual(a.Meta, b.Meta)
}

// sameShape reports whether the rendering b gives the site what a gave,
// but for the page's own text: its title, anchors and links (where they
// lead, from which paragraph; not where they are written or their words,
// which only the page shows and the link check reads).
func sameShape(a, b *markdown.Doc) bool {
	if a.Title != b.Title || a.TitleID != b.TitleID || !slices.Equal(a.IDs, b.IDs) || len(a.Links) != len(b.Links) {
		return false
	}
	for i, l := range a.Links {
		k := b.Links[i]
		if l.Dest != k.Dest || l.Image != k.Image || l.Para != k.Para || l.Resolved != k.Resolved {
			return false
		}
	}
	return true
}

// pageTitle is a page's title, as renderPages gives it.
func pageTitle(src *content.Page, doc *markdown.Doc) string {
	if src.Meta.Title != "" {
		return src.Meta.Title
	}
	if doc.Title != "" {
		return doc.Title
	}
	return titleFromFile(src.Rel)
}

// quickChangedDeps is changedDeps for a model that is the previous
// build's with the pages edited put in. What differs in the model is
// those pages' file as loaded and rendering, whose title, URL, language,
// front matter, anchors and links quickEdit found unchanged: so the deps
// that can differ are the edited pages' own and those made from a page's
// text (readsText); they are hashed again, and every other keeps its
// hash. TestQuickRebuildChain checks that the hashes kept are the
// model's.
func (m *Model) quickChangedDeps(t *depTable, prev []uint64, edited []string) (changed []bool, sums []uint64) {
	deps := t.snapshot()[:len(prev)]
	sums = slices.Clone(prev)
	changed = make([]bool, len(prev))
	// A few files are compared, faster than hashed; many are looked up.
	isEdited := func(file string) bool { return slices.Contains(edited, file) }
	if len(edited) > 8 {
		set := make(map[string]bool, len(edited))
		for _, f := range edited {
			set[f] = true
		}
		isEdited = func(file string) bool { return set[file] }
	}
	for i, d := range deps {
		if d.ownPage() && isEdited(d.key) || d.readsText() {
			sums[i] = m.hashDep(d)
			changed[i] = sums[i] != prev[i]
		}
	}
	return changed, sums
}

// readsText reports whether d, not being a page's own (dep.ownPage), is
// made from a page's text: its file's bytes or its rendering beyond its
// title, anchors and links. Of the deps hashDep knows, only a document
// whole, which holds its chapters' text, is.
func (d dep) readsText() bool { return d.kind == depDocument }

// quickTemplate templates again every planned output whose recorded
// inputs changed, as writePages does, and returns them by output path
// with their new records. It reports false if a template failed: the
// full path then reports it.
func (m *Model) quickTemplate(ctx context.Context, mo *memo, changed []bool) (map[string]memoOutput, bool) {
	if mo.planAt == nil {
		mo.planAt = make(map[string]int, len(mo.plan))
		for i, p := range mo.plan {
			mo.planAt[strings.TrimPrefix(outputPath(p.url), "/")] = i
		}
	}
	var todo []string
	for name, o := range mo.outputs {
		if !unchanged(o.deps, changed) {
			todo = append(todo, name)
		}
	}
	slices.Sort(todo)
	out := make(map[string]memoOutput, len(todo))
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	failed := false
	for _, name := range todo {
		i, ok := mo.planAt[name]
		if !ok {
			return nil, false
		}
		p := mo.plan[i]
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			rec := newRecorder()
			v := p.make(rec)
			m.navs.fill(v)
			file := outputPath(p.url)
			b, err := m.tmpl.RenderThen(v.Kind, v, func(b []byte) []byte { return m.rebase(b, file, v.kind) })
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed = true
				return err
			}
			if p.kind.fromHost {
				rec.use(depConfig, "")
			}
			out[name] = memoOutput{deps: mo.table.record(rec), data: b}
			return nil
		})
	}
	if g.Wait() != nil || failed {
		return nil, false
	}
	return out, true
}
