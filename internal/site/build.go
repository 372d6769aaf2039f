package site

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/handbook-ssg/handbook/internal/assets"
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
	// SearchCache, when not nil, is the search index's cache from an
	// earlier build (an empty search.Cache when there is none): the index
	// reuses what it holds, with the same output, and Result.SearchCache
	// holds the cache for the next build.
	SearchCache *search.Cache
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
	// IsolateBundle runs esbuild in a child process (see assets.Options):
	// a script that crashes it is then an error, not the end of the
	// program. The program's main must call ServeBundler when BundlerEnv
	// is set.
	IsolateBundle bool
	// Cache, when set, is where the build finds what an earlier build of
	// the same site into the same output kept (cache.go), and where
	// Result.SaveCache keeps what this one made. Unchanged outputs are
	// then kept from the previous output when Out is a Keeper.
	Cache CacheStore
	// CacheKey names the program that builds (its version and binary):
	// a cache made by another is not read.
	CacheKey string
}

// BundlerEnv is the environment variable with which the program is
// started as the child of an isolated bundle (Options.IsolateBundle).
const BundlerEnv = assets.ChildEnv

// ServeBundler is the child of an isolated bundle: main calls it, first
// thing, when BundlerEnv is "1", and exits with the code it returns.
func ServeBundler(in io.Reader, out io.Writer) int { return assets.ServeChild(in, out) }

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
	// SearchCache is the search index's cache for the next build, when
	// Options.SearchCache was set and the index was built.
	SearchCache *search.Cache

	memo  *memo     // what a rebuild may reuse
	quick []string  // the outputs quickRebuild made again, for tests; nil when it did not make the result
	cache *cacheOut // what SaveCache stores; nil without Options.Cache
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
// are not read or rendered again, the bundle and templates are reused
// unless their files changed, and an output is templated again only when
// an input it recorded reading has changed (deps.go). The search index is
// carried over from prev unchanged; Reindex rebuilds it.
//
// When every changed file is a page whose edit leaves what other pages
// show of it as it was (quick.go), Rebuild takes over prev's model for
// the result: prev's Files stay as they were, but its Model is then the
// result's, and a later Rebuild from prev builds afresh. The model must
// not be read meanwhile by anything but the rebuild.
func Rebuild(ctx context.Context, fsys fs.FS, opt Options, prev *Result, changed []string) (*Result, error) {
	if prev == nil || prev.memo == nil {
		return Build(ctx, fsys, opt)
	}
	opt.NoSearch = true
	if res, ok := quickRebuild(ctx, fsys, opt, prev, changed); ok {
		res.SearchCache = prev.SearchCache
		return res, nil
	}
	res, err := build(ctx, fsys, opt, prev, changed)
	if err != nil {
		return nil, err
	}
	for name, data := range prev.Files {
		if isIndexFile(name) {
			res.Files[name] = data
		}
	}
	res.SearchCache = prev.SearchCache // for ReindexCache
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
	Rendered  int // pages whose Markdown was rendered
	Templated int // output pages templated
	Reused    int // output pages reused from the previous build
	// Unread counts the page files not read: a build cache held each
	// page, and the file's Stamp is the one it had then.
	Unread int
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

// stages runs the build's stages in order. The bundle, which reads
// static/ alone, runs alongside loading and rendering; its problems are
// reported with the others' when the build validates. Nothing is templated
// or written unless every stage up to validate found no error.
func stages(ctx context.Context, fsys fs.FS, opt Options, prev *Result, changed []string) (*Result, error) {
	if opt.BaseURL != "" {
		if err := CheckBaseURL(opt.BaseURL); err != nil {
			return nil, fmt.Errorf("base URL: %w", err)
		}
	}
	if prev == nil && opt.Cache != nil {
		if m := loadCache(opt); m != nil {
			prev = &Result{memo: m}
		}
	}
	b := &builder{ctx: ctx, site: fsys, union: Overlay(fsys, opt.Defaults), opt: opt, ru: newReuse(prev, changed)}
	if opt.Cache != nil {
		if prev == nil || prev.memo == nil || prev.memo.disk {
			b.ru.stampPages(fsys)
		}
		b.ru.next.static = staticSum(fsys)
		if opt.SearchCache == nil && !opt.NoSearch {
			// Read while the other stages run; the index stage waits.
			b.searchLoad = make(chan *search.Cache, 1)
			go func() { b.searchLoad <- loadSearchCache(opt.Cache) }()
		}
	}
	b.bundled = startBundle(ctx, b.ru, b.site, b.union, opt.IsolateBundle)
	for _, stage := range []func() error{
		b.load,     // config, pages, rubrics, templates, static files: problems in single files
		b.render,   // the Markdown of pages, rubrics and the glossary
		b.validate, // links, anchors and the author checks; the bundle's problems; stop at any error
		b.plan,     // navigation and "Referenced in"; every output path claimed by one owner
		b.template, // every page of every kind, through its template, into the output
		b.write,    // the bundle and the files copied as they are, into the output
		b.index,    // the search index, into the output
	} {
		if err := stage(); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return b.result()
}

// builder is one build on its way through the stages: what each stage
// leaves for the next.
type builder struct {
	ctx         context.Context
	site, union fs.FS // the site's own files; and laid over the defaults
	opt         Options
	ru          *reuse
	errs        source.List
	bundled     *bundle

	cfg     *config.Site
	loaded  *content.Result
	rubrics []*rubric.Rubric
	tmpl    *templates.Set
	static  []copied // static/ files copied as they are
	m       *Model
	pages   []planned
	copies  []copied // every file copied as it is that owns its path
	out     *output

	searchCache *search.Cache      // the index's cache for the next build
	searchLoad  chan *search.Cache // the build cache's search section, as it is read
}

// load reads the config, the pages, the rubrics, the templates and the
// words, and checks static/ and templates/. Problems so far are in single
// files: the build goes on to render and validate so that one run reports
// them all, unless the templates themselves failed.
func (b *builder) load() error {
	cfg, l := config.Load(b.site)
	b.errs.Merge(l)
	if b.opt.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(b.opt.BaseURL, "/") + "/"
	}
	b.cfg = cfg
	b.ru.setConfig(cfg)
	skip := outputDir(b.opt)
	loaded, l := content.Load(b.site, cfg, content.Options{
		Drafts: b.opt.Drafts, Reuse: b.ru.page, Skip: skip, Listing: b.ru.listing(b.site, cfg, skip),
	})
	b.ru.notePages(loaded.Pages, l)
	b.errs.Merge(l)
	b.loaded = loaded
	b.ru.next.listing = loaded.Listing
	if err := b.ctx.Err(); err != nil {
		return err
	}
	b.rubrics = b.ru.rubrics()
	if b.rubrics == nil {
		b.rubrics, l = rubric.Load(b.site)
		b.errs.Merge(l)
	}
	b.ru.next.rubricList = b.rubrics
	checkNotEmpty(cfg, loaded, b.rubrics, &b.errs)
	tmpl := b.ru.templates()
	if tmpl == nil {
		tmpl, l = templates.Load(b.union, templateNames(), template.FuncMap{})
		b.errs.Merge(l)
	}
	b.ru.next.tmpl = tmpl
	b.tmpl = siteWords(tmpl, cfg, &b.errs)
	b.static = staticFiles(b.union, b.site, &b.errs)
	if b.tmpl == nil || len(b.tmpl.Langs()) == 0 {
		if err := b.bundled.report(&b.errs); err != nil {
			return err
		}
		return b.errs.Err()
	}
	return nil
}

// render renders the Markdown of every page (those a rebuild cannot
// reuse), of the rubrics and of the glossary. Each page's links are
// resolved and collected, and its anchors known, for validate.
func (b *builder) render() error {
	m := newModel(b.cfg, b.loaded, b.rubrics, b.tmpl, b.opt)
	b.m = m
	b.ru.setShape(m)
	m.renderPages(b.ctx, b.ru, &b.errs)
	if err := b.ctx.Err(); err != nil {
		return err
	}
	m.Documents = m.documents()
	m.siteTitle()
	m.renderRubrics(b.ru, &b.errs)
	m.renderGlossary(&b.errs)
	m.checked = b.ru.checkedDocs(m.Pages)
	return nil
}

// validate checks links and anchors, now that every anchor is known, and
// what check.Site checks besides; and waits for the bundle to report its
// problems with the others. Any error stops the build here.
func (b *builder) validate() error {
	in := b.m.checkInput()
	check.Site(in, &b.errs)
	if b.ru.next != nil && !b.opt.NoRebuild {
		b.ru.next.anchors = in.Anchors // for a quick rebuild
	}
	if err := b.bundled.report(&b.errs); err != nil {
		return err
	}
	if b.errs.HasErrors() {
		return b.errs.Err()
	}
	b.m.assets, b.ru.next.bundled, b.ru.next.manifest = b.bundled.man, b.bundled.files, b.bundled.man
	b.m.css = stylesheet(b.bundled.man, b.bundled.files)
	return nil
}

// plan works out navigation, previous and next pages and "Referenced in"
// lists, then claims every output file before one is written: two things
// claiming one path is an error, never a race.
func (b *builder) plan() error {
	b.m.assemble()
	b.m.checkTranslations(&b.errs)
	// Sized for a page per Markdown page, rubric entry and alias, and the
	// files copied: a map that grows as it fills costs more than the claims.
	owned := newOwners(2*len(b.m.Pages)+len(b.static)+len(b.loaded.Files)+64, b.ru.claims())
	b.pages = b.m.plan(owned, &b.errs)
	b.copies = b.m.claimFiles(owned, b.bundled.files, append(b.static, contentFiles(b.cfg, b.loaded.Files)...), &b.errs)
	if b.ru.next != nil {
		b.ru.next.claims = owned.log
		if !b.opt.NoRebuild {
			b.ru.next.plan = b.pages // for a quick rebuild
		}
	}
	return b.errs.Err()
}

// template makes every planned page (those a rebuild cannot reuse)
// through its kind's template into the output, and sitemap.xml.
func (b *builder) template() error {
	b.out = newOutput(b.ctx, b.opt.Out, len(b.pages)+len(b.copies)+16)
	if b.opt.Cache != nil {
		b.out.sums = map[string]memoFile{}
		if b.ru.prev != nil && b.ru.prev.disk {
			b.out.was = b.ru.prev.files
		}
	}
	b.m.writePages(b.ctx, b.site, b.out, b.ru, b.pages, &b.errs)
	if err := b.ctx.Err(); err != nil {
		return err
	}
	b.m.pageBodyErrors(&b.errs)
	if b.errs.HasErrors() {
		return b.errs.Err()
	}
	if b.opt.NoRebuild {
		for _, p := range b.m.Pages {
			p.Doc.HTML, p.Src.Body = "", nil
		}
		if b.opt.Cache == nil {
			b.ru.next = nil
		}
	}
	return nil
}

// write adds the bundled scripts and stylesheets and the files copied as
// they are to the output.
func (b *builder) write() error {
	for _, f := range b.bundled.files {
		b.out.addSame(f.Path, f.Data)
	}
	copyFiles(b.union, b.copies, b.out, &b.errs)
	return b.errs.Err()
}

// index builds the search index into the output, unless Options.NoSearch.
func (b *builder) index() error {
	if b.opt.NoSearch {
		return nil
	}
	if b.searchLoad != nil {
		b.opt.SearchCache = <-b.searchLoad
	}
	var files []search.File
	var err error
	if b.opt.SearchCache != nil {
		files, b.searchCache, err = search.BuildCache(b.ctx, b.m.searchEntries(), search.Options{Cache: b.opt.SearchCache, LeaveSame: b.out.sums != nil})
	} else {
		files, err = search.BuildContext(b.ctx, b.m.searchEntries(), search.Options{})
	}
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	for i := range files {
		f := &files[i]
		if f.Sum != ([32]byte{}) {
			// With a cache: the index's files are told by the sums it
			// made, and those it left without bytes are kept.
			b.out.addKnown(f.Path, f.Sum, f.Data, f.Make)
		} else {
			b.out.addSame(f.Path, f.Data)
		}
		files[i] = search.File{} // let it go once written
	}
	return nil
}

// result is the built site, once every stage is done, with its warnings
// and what a rebuild may reuse.
func (b *builder) result() (*Result, error) {
	if b.out.err != nil {
		return nil, fmt.Errorf("write: %w", b.out.err)
	}
	res := &Result{Files: b.out.files, Model: b.m, Stats: b.ru.stats, SearchCache: b.searchCache}
	if b.opt.Cache != nil {
		res.cache = &cacheOut{store: b.opt.Cache, key: cacheKey(b.opt), ru: b.ru, files: b.out.sums}
		if !b.bundled.reused {
			res.cache.bundle = encodeBundle(res.cache.key, b.ru.next.static, b.bundled.man, b.bundled.files)
		}
	}
	if b.ru.next != nil {
		res.memo = b.ru.next
	}
	for _, e := range b.errs.Errors() {
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
