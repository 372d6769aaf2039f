package site

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/templates"
	"golang.org/x/sync/errgroup"
)

// writePages templates every planned page whose output the previous
// build's memo does not hold with the same inputs, makes their URLs
// relative, and adds them to out; and records, for the next build, what
// each output read. site is the site's own files, to tell its templates
// from the defaults.
func (m *Model) writePages(ctx context.Context, site fs.FS, out *output, ru *reuse, plan []planned, errs *source.List) {
	m.footers = m.renderFooters(errs)
	m.navs = newSharedNavs(m.tmpl, site)
	// Template in parallel: html/template is safe for concurrent use, and
	// each page is independent. Each page is added to out as it is made,
	// so that with a sink a large site is written while it is templated.
	var mu sync.Mutex // guards failed, tooLarge, ru.stats and ru.next
	var failed []failure
	// tooLarge holds the kinds of page whose template wrote past
	// templates.MaxPageSize: their other pages are not templated.
	tooLarge := map[string]bool{}
	// A rebuild follows, in this process or from the cache: record what
	// each output read, and keep its bytes when it is in this process.
	keep := ru.next != nil && (!m.opt.NoRebuild || m.opt.Cache != nil)
	keepData := keep && !m.opt.NoRebuild
	ru.startOutputs(m)
	defer ru.finishOutputs(m)
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for i, p := range plan {
		if ctx.Err() != nil {
			break
		}
		file := outputPath(p.url)
		name := strings.TrimPrefix(file, "/")
		if old, ok := ru.output(name); ok && (old.data != nil || out.keep(name, old.stamp)) {
			// Nothing it read has changed: its bytes as they were (or,
			// from a cache, its file in the previous output), without a
			// view, and without a goroutine of its own.
			if old.data != nil {
				out.add(file, old.data)
			}
			mu.Lock() // the pages templating update them too
			ru.stats.Reused++
			if keep {
				ru.next.outputs[name] = old
			}
			mu.Unlock()
			continue
		}
		g.Go(func() error {
			mu.Lock()
			skip := tooLarge[p.kind.tmpl()]
			mu.Unlock()
			if skip {
				return nil
			}
			rec := newRecorder()
			v := p.make(rec)
			m.navs.fill(v)
			// The template writes into a buffer used again; making
			// its URLs relative makes the page's own bytes.
			b, err := m.tmpl.RenderThen(v.Kind, v, func(b []byte) []byte { return m.rebase(b, file, v.kind) })
			if err != nil {
				mu.Lock()
				defer mu.Unlock()
				if errors.Is(err, templates.ErrPageTooLarge) {
					// Every page of the kind would take as long to
					// fail the same way: one error says it.
					if tooLarge[v.Kind] {
						return nil
					}
					tooLarge[v.Kind] = true
				}
				failed = append(failed, failure{i, p.url, err})
				return nil
			}
			if p.kind.fromHost {
				rec.use(depConfig, "") // its URLs start from the base URL's path
			}
			if m.opt.NoRebuild && v.page != nil && !m.inDocument(v.page) {
				// Its HTML is in the output now; let it go.
				v.Body, v.page.Doc.HTML = "", ""
			}
			out.add(file, b)
			var deps []int32
			if keep {
				deps = ru.next.table.record(rec)
			}
			mu.Lock()
			defer mu.Unlock()
			ru.stats.Templated++
			if keep {
				o := memoOutput{deps: deps}
				if keepData {
					o.data = b
				}
				ru.next.outputs[name] = o
			}
			return nil
		})
	}
	_ = g.Wait() // a template's error is a failure, reported below
	templateErrors(site, failed, errs)
	out.add("/sitemap.xml", m.sitemap(plan))
}

// rebase makes the URLs of a page relative to the page. A page served at
// any missing address (the 404 page) is the exception when the site's base
// URL is known: a server shows it at any depth (/standards/qaf-1/typo/),
// so its URLs start from the site's path on its host instead. Without a
// base URL nothing static can say that path, so its URLs stay relative to
// the site's root, where file:// and any server show 404.html itself; its
// stylesheet is inline (kind.fromHost), so it is styled at any depth,
// handbook serve gives its links the depth of the missing address
// (Reroot), and on a plain static host its inline script (findRootJS)
// finds the site's root and rewrites them.
func (m *Model) rebase(b []byte, file string, k *kind) []byte {
	if k.fromHost && m.Config.BaseURL != "" {
		return rebase(b, SitePath(m.Config.BaseURL))
	}
	return Relativize(b, file)
}

// SitePath returns the path of the site on its host: the base URL's path
// ("/handbook/"), or "/" when the base URL is not known.
func SitePath(baseURL string) string {
	if baseURL == "" {
		return "/"
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// failure is a page whose template failed: its index in the plan, its
// URL, and the error.
type failure struct {
	i   int
	url string
	err error
}

// templateErrors reports the errors of templates, each at the template
// file, line and column where it happened (templates.Render gives them),
// once however many pages it failed, naming the first of them in the
// plan's order. Its message names what the template reached for as the
// template reaches it (.Page, .Rubric), not as Go types; an error in a
// template the site does not have says it is in the embedded default.
func templateErrors(site fs.FS, failed []failure, errs *source.List) {
	slices.SortFunc(failed, func(a, b failure) int { return cmp.Compare(a.i, b.i) })
	type key struct {
		pos source.Pos
		msg string
	}
	var order []key
	first := map[key]*source.Error{}
	urls := map[key][]string{}
	for _, f := range failed {
		var e *source.Error
		if !errors.As(f.err, &e) {
			e = source.Wrap(source.Pos{File: "templates/"}, f.err)
		}
		k := key{e.Pos, e.Msg}
		if first[k] == nil {
			order = append(order, k)
			first[k] = &source.Error{Pos: e.Pos, Msg: templateWords(e.Msg), Cause: f.err}
		}
		urls[k] = append(urls[k], f.url)
	}
	for _, k := range order {
		e := first[k]
		pages := "making " + urls[k][0]
		switch n := len(urls[k]) - 1; {
		case n == 1:
			pages += " and 1 other page"
		case n > 1:
			pages += " and " + strconv.Itoa(n) + " other pages"
		}
		e.Hint = "fix the template; it failed " + pages
		if _, err := fs.Stat(site, e.Pos.File); errors.Is(err, fs.ErrNotExist) {
			e.Msg = "in the embedded default template: " + e.Msg
			e.Hint = "the default comes with handbook and failed " + pages +
				"; a template of the site's own that it uses (the layout, a partial) may not fit it, or give your own " + e.Pos.File
		}
		errs.Add(e)
	}
}

// goTypes say how a template reaches the Go types of its data, for
// messages that would otherwise name them ("in type *site.View").
var goTypes = map[string]string{
	"site.View":           "the page's data (.)",
	"site.SiteData":       ".Site",
	"site.PageData":       ".Page",
	"site.RubricView":     ".Rubric",
	"site.RubricData":     ".Rubric",
	"site.NodeView":       "a standard (.Node)",
	"site.NodeData":       "a standard (.Node)",
	"site.NavLink":        "a link",
	"site.GlossaryView":   ".Site.Glossary",
	"site.GlossaryData":   ".Site.Glossary",
	"content.Page":        ".Page.Src",
	"content.FrontMatter": ".Page.Src.Meta",
	"markdown.Doc":        ".Page.Doc",
	"rubric.Rubric":       ".Rubric.R",
	"rubric.Node":         "a standard's YAML (.Node.N)",
	"config.Site":         ".Site.Config",
	"templates.Words":     ".T",
}

var (
	goTypeRe   = regexp.MustCompile(`(?:type )?\*?\b(?:site|content|markdown|rubric|config|templates|check|source|assets)\.[A-Z]\w*`)
	nilFieldRe = regexp.MustCompile(`nil pointer evaluating (\S+)\.(\w+)$`)
)

// templateWords rewrites the Go types in a template error's message as a
// template's author knows them.
func templateWords(msg string) string {
	if m := nilFieldRe.FindStringSubmatch(msg); m != nil && goTypeRe.MatchString(m[1]) {
		return msg[:len(msg)-len(m[0])] + "." + m[2] + " of nothing: what it is read from is not set on this page (test it first, with {{with}} or {{if}})"
	}
	return goTypeRe.ReplaceAllStringFunc(msg, func(t string) string {
		t = strings.TrimPrefix(strings.TrimPrefix(t, "type "), "*")
		if d, ok := goTypes[t]; ok {
			return d
		}
		_, name, _ := strings.Cut(t, ".")
		return name
	})
}
