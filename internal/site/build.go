package site

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"time"

	"github.com/handbook-ssg/handbook/internal/check"
	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/search"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// Options configure a build.
type Options struct {
	// Defaults holds the embedded templates/ and static/; the site's own
	// files override them file by file.
	Defaults fs.FS
	// BaseURL overrides the config's base_url (for canonical links and
	// sitemap.xml only). It must pass CheckBaseURL.
	BaseURL string
	// Drafts includes pages marked draft.
	Drafts bool
	// Today decides which pages are past their review_by date. The zero
	// time marks none, so builds that do not pass it stay reproducible.
	Today time.Time
	// NoSearch skips the search index.
	NoSearch bool
	// Out, when set, receives every output file as it is made, instead of
	// Result.Files holding them all: a build of a large site then never has
	// its whole output in memory.
	Out Sink
	// NoRebuild says no rebuild will follow (handbook build and check):
	// rendered HTML is let go as soon as it is templated and nothing is
	// kept for a rebuild, which lowers the build's peak memory.
	NoRebuild bool
	// OutputDir is the output folder as a site path ("out"), when it is
	// inside the site folder: it is never read as pages, which matters
	// when the site folder is its own content folder.
	OutputDir string
}

// CheckBaseURL checks a site's public URL (Options.BaseURL, or base_url in
// handbook.yaml): an absolute http or https URL with a host. Its error is a
// sentence for the user.
func CheckBaseURL(u string) error {
	return config.CheckBaseURL(u)
}

// Result is a built site.
type Result struct {
	Files    map[string][]byte // output path (relative, slash-separated) → bytes; nil with Options.Out
	Warnings []*source.Error
	Model    *Model // what was built, for checks and the dev server
	Stats    Stats

	memo *memo // what a rebuild may reuse
}

// Build builds the site in fsys. Content problems are returned as a
// *source.ListError holding every one of them; no file is produced then.
// When ctx is done before the build is, Build stops at the next stage or
// page and returns ctx's error, never a result.
func Build(ctx context.Context, fsys fs.FS, opt Options) (*Result, error) {
	return build(ctx, fsys, opt, nil, nil)
}

// Rebuild builds the site again after the files in changed (paths in the
// site, such as "content/guidance/wti.md") were written, created or removed.
// It reuses from prev everything those files do not touch: unchanged pages
// are not read or rendered again, unchanged outputs are not templated again,
// and the bundle and templates are reused unless their files changed. The
// search index is carried over from prev unchanged; Reindex rebuilds it.
// The new result may take prev's memo over: rebuild from it afterwards,
// not from prev (which would then build afresh).
func Rebuild(ctx context.Context, fsys fs.FS, opt Options, prev *Result, changed []string) (*Result, error) {
	if prev == nil || prev.memo == nil {
		return Build(ctx, fsys, opt)
	}
	if res := patch(ctx, fsys, prev, changed); res != nil {
		return res, nil
	}
	opt.NoSearch = true
	res, err := build(ctx, fsys, opt, prev, changed)
	if err != nil {
		return nil, err
	}
	for name, data := range prev.Files {
		if isIndexFile(name) {
			res.Files[name] = data
		}
	}
	return res, nil
}

// Reindex builds the search index of a built site, for a Rebuild that
// carried the old one over. It returns the index's files, or ctx's error
// if ctx is done first.
func Reindex(ctx context.Context, res *Result) (map[string][]byte, error) {
	files, err := search.BuildContext(ctx, res.Model.searchEntries(), search.Options{})
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[strings.TrimPrefix(f.Path, "/")] = f.Data
	}
	return out, nil
}

// Stats count the work a build did, so tests can tell what a rebuild
// redid.
type Stats struct {
	Rendered  int  // pages whose Markdown was rendered
	Templated int  // output pages templated
	Reused    int  // output pages reused from the previous build
	Patched   bool // only the edited pages were looked at (see patch)
}

// isIndexFile reports whether the output file name is part of the search
// index (search/en/…), which a rebuild carries over; the search page
// (search/index.html) is not.
func isIndexFile(name string) bool {
	rest, ok := strings.CutPrefix(name, "search/")
	return ok && strings.Contains(rest, "/")
}

// build runs the stages and returns ctx's error if ctx is done by their
// end, whatever they returned: a stage that saw the cancellation may have
// stopped short and reported what it did not finish as content errors.
func build(ctx context.Context, fsys fs.FS, opt Options, prev *Result, changed []string) (*Result, error) {
	res, err := stages(ctx, fsys, opt, prev, changed)
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	return res, err
}

// stages runs the build's stages in order.
func stages(ctx context.Context, fsys fs.FS, opt Options, prev *Result, changed []string) (*Result, error) {
	if opt.BaseURL != "" {
		if err := CheckBaseURL(opt.BaseURL); err != nil {
			return nil, fmt.Errorf("base URL: %w", err)
		}
	}
	var errs source.List
	union := Overlay(fsys, opt.Defaults)
	ru := newReuse(prev, changed)

	// The bundle depends only on static/: start it now, so esbuild works
	// while the pages load and render.
	bundled := startBundle(ctx, ru, fsys, union)

	// Load.
	cfg, l := config.Load(fsys)
	errs.Merge(l)
	if opt.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(opt.BaseURL, "/") + "/"
	}
	loaded, l := content.Load(fsys, cfg, content.Options{Drafts: opt.Drafts, Reuse: ru.page, Skip: outputDir(opt)})
	errs.Merge(l)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rubrics := ru.rubrics()
	if rubrics == nil {
		rubrics, l = rubric.Load(fsys)
		errs.Merge(l)
	}
	ru.next.rubricList = rubrics
	checkNotEmpty(cfg, loaded, rubrics, &errs)
	tmpl := ru.templates()
	if tmpl == nil {
		tmpl, l = templates.Load(union, templateNames(), template.FuncMap{})
		errs.Merge(l)
	}
	ru.next.tmpl = tmpl
	tmpl = siteWords(tmpl, cfg, &errs)
	static := staticFiles(union, fsys, &errs)
	// Problems so far are in single files; go on to render and check links
	// so that one run reports them all, unless the templates themselves
	// failed.
	if tmpl == nil || len(tmpl.Langs()) == 0 {
		if err := bundled.report(&errs); err != nil {
			return nil, err
		}
		return nil, errs.Err()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Render.
	m := newModel(cfg, loaded, rubrics, tmpl, opt)
	ru.setShape(m)
	m.renderPages(ctx, ru, &errs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.siteTitle()
	m.renderRubrics(ru, &errs)
	m.renderGlossary(&errs)
	m.checked = ru.checkedDocs(m.Pages)

	// Validate links and anchors, now that every anchor is known.
	in := m.checkInput()
	check.Site(in, &errs)
	ru.next.anchors = in.Anchors
	// The bundle (started at the top, in parallel with loading and
	// rendering) does not depend on the pages: its problems are reported
	// with theirs.
	if err := bundled.report(&errs); err != nil {
		return nil, err
	}
	if errs.HasErrors() {
		return nil, errs.Err()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.assets, ru.next.bundled, ru.next.manifest = bundled.man, bundled.files, bundled.man

	// Assemble.
	m.assemble()

	// Plan every output file before writing one: two things claiming one
	// path is an error, never a race.
	owned := newOwners()
	plan := m.plan(owned, &errs)
	copies := m.claimFiles(owned, bundled.files, append(static, contentFiles(cfg, loaded.Files)...), &errs)
	if errs.HasErrors() {
		return nil, errs.Err()
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Template.
	out := newOutput(ctx, opt.Out)
	m.writePages(ctx, fsys, out, ru, plan, &errs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if errs.HasErrors() {
		return nil, errs.Err()
	}
	if opt.NoRebuild {
		for _, p := range m.Pages {
			p.Doc.HTML, p.Src.Body = "", nil
		}
		ru.next = nil
	}
	for _, f := range bundled.files {
		out.add(f.Path, f.Data)
	}
	copyFiles(union, copies, out, &errs)
	if errs.HasErrors() {
		return nil, errs.Err()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Index.
	if !opt.NoSearch {
		files, err := search.BuildContext(ctx, m.searchEntries(), search.Options{})
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		for _, f := range files {
			out.add(f.Path, f.Data)
		}
	}
	if out.err != nil {
		return nil, fmt.Errorf("write: %w", out.err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Files: out.files, Model: m, Stats: ru.stats}
	if ru.next != nil {
		res.memo = ru.next
	}
	for _, e := range errs.Errors() {
		if e.Severity == source.SevWarning {
			res.Warnings = append(res.Warnings, e)
		}
	}
	return res, nil
}

// Check runs every validation of Build without writing anything. It
// returns every problem, errors and warnings, sorted.
func Check(ctx context.Context, fsys fs.FS, opt Options) ([]*source.Error, error) {
	res, err := Build(ctx, fsys, opt)
	if le, ok := err.(*source.ListError); ok {
		return le.List.Errors(), nil
	}
	if err != nil {
		return nil, err
	}
	return res.Warnings, nil
}
