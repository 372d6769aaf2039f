// Command searchcmp measures the handbook's search beside Pagefind over the
// same built HTML, and prints the two side by side. bench/search-vs-pagefind
// installs Pagefind and runs it; run that rather than this.
//
//	go run ./bench/searchcmp -work DIR -pagefind PATH \
//	    -site handbook=. -site generated=GEN/handbook
//
// For each site it builds the site into DIR/NAME/public, then measures:
//
//   - index build time: ours is the index stage alone (site.Reindex, which
//     runs search.Build over the built site's entries); Pagefind's is the
//     wall time of its CLI (pagefind --site DIR/NAME/public), which must read
//     and parse the HTML as well, and of its native binary without the Node
//     wrapper when -pagefind-native is given;
//   - index bytes: ours are the files under /search/; Pagefind's are split
//     into index data (entry, meta, index chunks, fragments, filters), engine
//     code (pagefind.js, worker, WebAssembly) and UI files;
//   - bytes one query downloads, cold: ours from package searchtest
//     (search.ts under Node, fresh page, limit 10: the manifest, the term
//     shards, positions for queries of two words or more, the document shards
//     of the ten results); Pagefind's counted by the HTTP server that serves
//     the site to headless Chromium, from a fresh browser context: pagefind.js,
//     its WebAssembly, entry and meta, the index chunks and the fragments of
//     the first ten results (result.data());
//   - query time in Chromium: ours from file:// (the search page, calling
//     window.__hbSearch.search), Pagefind over http://127.0.0.1 (a page that
//     imports /pagefind/pagefind.js, then init(), search() and data() of the
//     first ten results). Cold: a fresh browser context, the engine's script
//     loaded, nothing of the index; warm: a new query after another one has
//     loaded the engine's start-up files; hot: the same query again.
//
// Times are medians of -runs runs (after one run not counted); the machine
// may be shared, so they are noisy.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	chromiumflags "github.com/handbook-ssg/handbook/internal/chromium"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/search"
	"github.com/handbook-ssg/handbook/internal/search/searchtest"
	"github.com/handbook-ssg/handbook/internal/site"
)

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

var (
	work       = flag.String("work", "", "folder to build the sites in (required)")
	pagefind   = flag.String("pagefind", "", "the pagefind CLI, as npm installs it (required)")
	pfNative   = flag.String("pagefind-native", "", "Pagefind's native binary, timed too when given")
	pfVersion  = flag.String("pagefind-version", "", "Pagefind's version, for the table")
	runs       = flag.Int("runs", 5, "counted runs of each timing (one more is run first, not counted)")
	chromium   = flag.String("chromium", "/usr/bin/chromium", "Chromium")
	sites      listFlag
	queryLists listFlag
)

// defaultQueries are what each site is queried with: words of its text.
var defaultQueries = map[string][]string{
	"handbook":  {"sanction doubt", "PIGEEP", "claimant commitment", "body language", "reasonable adjustments", "childcare"},
	"generated": {"sanction doubt", "claimant commitment", "childcare", "labour market", "evidence", "transport"},
}

func main() {
	flag.Var(&sites, "site", "NAME=SOURCE: a site to build and measure (repeatable)")
	flag.Var(&queryLists, "q", "NAME=query|query|…: the queries for site NAME")
	flag.Parse()
	if *work == "" || *pagefind == "" || len(sites) == 0 {
		log.Fatal("searchcmp: -work, -pagefind and at least one -site are required")
	}
	queries := map[string][]string{}
	for k, v := range defaultQueries {
		queries[k] = v
	}
	for _, q := range queryLists {
		name, list, ok := strings.Cut(q, "=")
		if !ok {
			log.Fatalf("searchcmp: -q %q: want NAME=query|query", q)
		}
		queries[name] = strings.Split(list, "|")
	}

	ctx := context.Background()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(*chromium),
		chromedp.UserDataDir(filepath.Join(*work, "chromium-profile")),
	}
	for _, f := range chromiumflags.Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		log.Fatalf("searchcmp: start %s: %v", *chromium, err)
	}

	var results []*siteResult
	for _, s := range sites {
		name, src, ok := strings.Cut(s, "=")
		if !ok {
			log.Fatalf("searchcmp: -site %q: want NAME=SOURCE", s)
		}
		qs := queries[name]
		if len(qs) == 0 {
			log.Fatalf("searchcmp: no queries for site %q: give -q %s=…", name, name)
		}
		r, err := measure(browser, name, src, qs)
		if err != nil {
			log.Fatalf("searchcmp: %s: %v", name, err)
		}
		results = append(results, r)
	}
	printTable(os.Stdout, results)
}

// siteResult is what was measured on one site.
type siteResult struct {
	name    string
	pages   int // HTML files
	entries int // entries in our index, all languages
	queries []string

	oursBuild, pfBuild, pfNativeBuild []time.Duration
	oursIndex, oursIndexFiles         int
	oursCode                          int // the search page's script, as shipped
	pfData, pfDataFiles               int
	pfCode, pfUI, pfAll, pfAllFiles   int

	oursCold, pfCold     map[string]coldBytes
	oursColdMs, pfColdMs map[string][]float64
	oursWarmMs, pfWarmMs []float64
	oursHotMs, pfHotMs   []float64
	oursCount, pfCount   map[string]int
	pfCodeFetched        map[string]int // engine code bytes among pfCold
	oursCodeFetched      int
	oursWholeBuild       time.Duration
	pfWarnings           []string
}

type coldBytes struct {
	bytes, files int
}

func measure(browser context.Context, name, src string, queries []string) (*siteResult, error) {
	r := &siteResult{name: name, queries: queries,
		oursCold: map[string]coldBytes{}, pfCold: map[string]coldBytes{},
		oursColdMs: map[string][]float64{}, pfColdMs: map[string][]float64{},
		oursCount: map[string]int{}, pfCount: map[string]int{}, pfCodeFetched: map[string]int{}}
	public, err := filepath.Abs(filepath.Join(*work, name, "public"))
	if err != nil {
		return nil, err
	}
	logf("%s: building %s", name, src)
	start := time.Now()
	res, err := site.Build(context.Background(), os.DirFS(src), site.Options{Defaults: handbook.Defaults()})
	if err != nil {
		return nil, err
	}
	r.oursWholeBuild = time.Since(start)
	if err := publish.Write(public, res.Files); err != nil {
		return nil, err
	}
	var files []search.File
	for p, data := range res.Files {
		switch {
		case strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, "pagefind/"):
			r.pages++
		case strings.HasPrefix(p, "search/"):
			files = append(files, search.File{Path: "/" + p, Data: data})
			r.oursIndex += len(data)
			r.oursIndexFiles++
			if strings.HasSuffix(p, "/index.js") {
				if m := regexp.MustCompile(`"n":(\d+)`).FindSubmatch(data); m != nil {
					n, _ := strconv.Atoi(string(m[1]))
					r.entries += n
				}
			}
		case regexp.MustCompile(`^assets/search-[^/]*\.js$`).MatchString(p):
			r.oursCode = len(data)
		}
	}

	// Our index stage alone.
	logf("%s: timing the index stage (%d+1 runs)", name, *runs)
	for i := 0; i <= *runs; i++ {
		t := time.Now()
		if _, err := site.Reindex(context.Background(), res); err != nil {
			return nil, err
		}
		if i > 0 {
			r.oursBuild = append(r.oursBuild, time.Since(t))
		}
	}

	// Pagefind's CLI over the same HTML.
	out := filepath.Join(public, "pagefind")
	timeCLI := func(bin string) ([]time.Duration, error) {
		var ds []time.Duration
		for i := 0; i <= *runs; i++ {
			if err := os.RemoveAll(out); err != nil {
				return nil, err
			}
			cmd := exec.Command(bin, "--site", public)
			cmd.Stderr = os.Stderr
			t := time.Now()
			outText, err := cmd.Output()
			d := time.Since(t)
			if err != nil {
				return nil, fmt.Errorf("%s: %v\n%s", bin, err, outText)
			}
			if i == 0 && r.pfWarnings == nil {
				for _, l := range strings.Split(string(outText), "\n") {
					if l = strings.TrimSpace(l); strings.HasPrefix(l, "Indexed") && !strings.HasSuffix(l, " 0 filters") && !strings.HasSuffix(l, " 0 sorts") {
						r.pfWarnings = append(r.pfWarnings, l)
					}
				}
			} else if i > 0 {
				ds = append(ds, d)
			}
		}
		return ds, nil
	}
	if *pfNative != "" {
		logf("%s: timing Pagefind's native binary (%d+1 runs)", name, *runs)
		if r.pfNativeBuild, err = timeCLI(*pfNative); err != nil {
			return nil, err
		}
	}
	logf("%s: timing Pagefind's CLI (%d+1 runs)", name, *runs)
	if r.pfBuild, err = timeCLI(*pagefind); err != nil {
		return nil, err
	}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		n := int(fi.Size())
		r.pfAll += n
		r.pfAllFiles++
		switch rel, _ := filepath.Rel(out, p); pfKind(filepath.ToSlash(rel)) {
		case "data":
			r.pfData += n
			r.pfDataFiles++
		case "code":
			r.pfCode += n
		default:
			r.pfUI += n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// What our first query downloads, from searchtest.
	logf("%s: our cold downloads (searchtest)", name)
	e, err := searchtest.New(handbook.Defaults(), files)
	if err != nil {
		return nil, err
	}
	cold, err := e.SearchCold("en", 10, queries...)
	e.Close()
	if err != nil {
		return nil, err
	}
	for i, q := range queries {
		if cold[i].Error != "" {
			return nil, fmt.Errorf("our search %q: %s", q, cold[i].Error)
		}
		r.oursCold[q] = coldBytes{cold[i].Bytes, len(cold[i].Files)}
	}

	// Chromium.
	srv, err := serve(public)
	if err != nil {
		return nil, err
	}
	defer srv.close()
	fileSearch := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(public, "search", "index.html")), RawQuery: "lang=zz"}).String()
	logf("%s: query times in Chromium (%d+1 runs of %d queries)", name, *runs, len(queries))
	for run := 0; run <= *runs; run++ {
		for _, q := range queries {
			ms, n, err := oursQuery(browser, fileSearch, q)
			if err != nil {
				return nil, fmt.Errorf("ours %q in Chromium: %v", q, err)
			}
			if run > 0 {
				r.oursColdMs[q] = append(r.oursColdMs[q], ms)
			}
			r.oursCount[q] = n
			srv.reset()
			ms, n, err = pfQuery(browser, srv.url+"/__bench.html", q)
			if err != nil {
				return nil, fmt.Errorf("query %q with Pagefind in Chromium: %v", q, err)
			}
			got := srv.fetched()
			if run > 0 {
				r.pfColdMs[q] = append(r.pfColdMs[q], ms)
			}
			r.pfCount[q] = n
			var b coldBytes
			code := 0
			for p, n := range got {
				if !strings.HasPrefix(p, "/pagefind/") {
					continue
				}
				b.bytes += n
				b.files++
				if pfKind(strings.TrimPrefix(p, "/pagefind/")) == "code" {
					code += n
				}
			}
			r.pfCold[q] = b
			r.pfCodeFetched[q] = code
		}
		// Warm and hot: one page, every query after the first.
		w, h, err := oursWarm(browser, fileSearch, queries)
		if err != nil {
			return nil, fmt.Errorf("ours warm: %v", err)
		}
		pw, ph, err := pfWarm(browser, srv.url+"/__bench.html", queries)
		if err != nil {
			return nil, fmt.Errorf("warm queries with Pagefind: %v", err)
		}
		if run > 0 {
			r.oursWarmMs = append(r.oursWarmMs, w...)
			r.oursHotMs = append(r.oursHotMs, h...)
			r.pfWarmMs = append(r.pfWarmMs, pw...)
			r.pfHotMs = append(r.pfHotMs, ph...)
		}
	}
	r.oursCodeFetched = r.oursCode
	return r, nil
}

// pfKind sorts Pagefind's output files: index data, engine code, or UI.
func pfKind(rel string) string {
	switch {
	case rel == "pagefind-entry.json", strings.HasSuffix(rel, ".pf_meta"),
		strings.HasPrefix(rel, "index/"), strings.HasPrefix(rel, "fragment/"), strings.HasPrefix(rel, "filter/"):
		return "data"
	case rel == "pagefind.js", rel == "pagefind-worker.js", strings.HasPrefix(rel, "wasm."):
		return "code"
	}
	return "ui"
}

// tab opens a tab in a new browser context: its own, empty, cache.
func tab(browser context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	ctx, cancel2 := context.WithTimeout(ctx, 2*time.Minute)
	return ctx, func() { cancel2(); cancel() }
}

type timed struct {
	Ms    float64 `json:"ms"`
	Count int     `json:"count"`
	Err   string  `json:"err"`
}

// oursJS times one query of ours in the search page: the ten results, with
// their snippets, as the page shows them.
const oursJS = `(async (q) => {
  const t0 = performance.now();
  try {
    const r = await window.__hbSearch.search("en", q, { limit: 10 });
    return { ms: performance.now() - t0, count: r.count, err: "" };
  } catch (e) {
    return { ms: 0, count: 0, err: String(e && e.stack || e) };
  }
})`

// pfJS times one query of Pagefind's: init (a no-op once done), search, and
// the data of the first ten results, as its UI loads them.
const pfJS = `(async (q) => {
  const t0 = performance.now();
  try {
    await window.__pf.init();
    const r = await window.__pf.search(q);
    await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return { ms: performance.now() - t0, count: r.results.length, err: "" };
  } catch (e) {
    return { ms: 0, count: 0, err: String(e && e.stack || e) };
  }
})`

// benchPage is served at /__bench.html: it loads Pagefind's script and
// nothing else (the site's own pages forbid WebAssembly by their
// Content-Security-Policy, which Pagefind needs).
const benchPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title><link rel="icon" href="data:,"></head>
<body><script type="module">
import * as pf from "/pagefind/pagefind.js";
window.__pf = pf;
</script></body></html>
`

func evalTimed(ctx context.Context, fn, q string) (timed, error) {
	arg, _ := jsonString(q)
	t, err := chromedp.Run(ctx, chromedp.Evaluate[timed](fn+"("+arg+")", chromedp.EvalAwaitPromise))
	if err == nil && t.Err != "" {
		err = fmt.Errorf("%s", t.Err)
	}
	return t, err
}

func waitFor(ctx context.Context, expr string) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(5*time.Millisecond)))
	return err
}

func oursQuery(browser context.Context, page, q string) (float64, int, error) {
	ctx, cancel := tab(browser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		return 0, 0, err
	}
	if err := waitFor(ctx, `typeof window.__hbSearch === "object"`); err != nil {
		return 0, 0, err
	}
	t, err := evalTimed(ctx, oursJS, q)
	return t.Ms, t.Count, err
}

func pfQuery(browser context.Context, page, q string) (float64, int, error) {
	ctx, cancel := tab(browser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		return 0, 0, err
	}
	if err := waitFor(ctx, `typeof window.__pf === "object"`); err != nil {
		return 0, 0, err
	}
	t, err := evalTimed(ctx, pfJS, q)
	return t.Ms, t.Count, err
}

// warm runs queries[0] to start the engine, then each other query (warm),
// then each again (hot), in one page.
func warm(browser context.Context, page, ready, fn string, queries []string) (warm, hot []float64, err error) {
	ctx, cancel := tab(browser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		return nil, nil, err
	}
	if err := waitFor(ctx, ready); err != nil {
		return nil, nil, err
	}
	if _, err := evalTimed(ctx, fn, queries[0]); err != nil {
		return nil, nil, err
	}
	for _, q := range queries[1:] {
		t, err := evalTimed(ctx, fn, q)
		if err != nil {
			return nil, nil, err
		}
		warm = append(warm, t.Ms)
	}
	for _, q := range queries {
		t, err := evalTimed(ctx, fn, q)
		if err != nil {
			return nil, nil, err
		}
		hot = append(hot, t.Ms)
	}
	return warm, hot, nil
}

func oursWarm(browser context.Context, page string, queries []string) ([]float64, []float64, error) {
	return warm(browser, page, `typeof window.__hbSearch === "object"`, oursJS, queries)
}

func pfWarm(browser context.Context, page string, queries []string) ([]float64, []float64, error) {
	return warm(browser, page, `typeof window.__pf === "object"`, pfJS, queries)
}

// server serves a built site over http and counts the bytes of every file
// it sends.
type server struct {
	url   string
	srv   *http.Server
	mu    sync.Mutex
	bytes map[string]int
}

func serve(dir string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{url: "http://" + ln.Addr().String(), bytes: map[string]int{}}
	files := http.FileServer(http.Dir(dir))
	s.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/__bench.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, benchPage)
			return
		}
		cw := &countingWriter{ResponseWriter: w}
		files.ServeHTTP(cw, r)
		s.mu.Lock()
		s.bytes[r.URL.Path] += cw.n
		s.mu.Unlock()
	})}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) reset() {
	s.mu.Lock()
	s.bytes = map[string]int{}
	s.mu.Unlock()
}

func (s *server) fetched() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.bytes))
	for k, v := range s.bytes {
		out[k] = v
	}
	return out
}

func (s *server) close() { s.srv.Close() }

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += n
	return n, err
}

// ---- Printing ----------------------------------------------------------------

func printTable(w io.Writer, results []*siteResult) {
	pfName := "Pagefind"
	if *pfVersion != "" {
		pfName += " " + *pfVersion
	}
	fmt.Fprintf(w, "\nSearch index: handbook (ours) beside %s over the same built HTML\n", pfName)
	fmt.Fprintf(w, "%s, %d CPUs, %s; times are medians of %d runs (one more run first, not counted); shared machine, so noisy\n",
		runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), chromiumVersion(), *runs)
	for _, r := range results {
		fmt.Fprintf(w, "\n== %s: %d HTML pages; our index: %d entries (paragraphs, standards, headings, pages, glossary terms); Pagefind: %s\n",
			r.name, r.pages, r.entries, strings.Join(r.pfWarnings, "; "))
		fmt.Fprintf(w, "   queries: %s\n\n", strings.Join(quoteAll(r.queries), ", "))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "\tours\t%s\tours / Pagefind\t\n", pfName)
		row := func(label string, ours, pf float64, unit func(float64) string) {
			ratio := "–"
			if pf > 0 {
				ratio = fmt.Sprintf("%.2f×", ours/pf)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", label, unit(ours), unit(pf), ratio)
		}
		ms := func(v float64) string { return fmt.Sprintf("%.1f ms", v) }
		kb := func(v float64) string { return fmt.Sprintf("%.1f KB", v/1000) }
		row("index build time (ours: index stage; Pagefind: CLI)", medianD(r.oursBuild), medianD(r.pfBuild), ms)
		if len(r.pfNativeBuild) > 0 {
			row("  … Pagefind's native binary, no Node wrapper", medianD(r.oursBuild), medianD(r.pfNativeBuild), ms)
		}
		row("total index bytes (data)", float64(r.oursIndex), float64(r.pfData), kb)
		row("  … with engine code (search.js; pagefind.js, worker, wasm)", float64(r.oursIndex+r.oursCode), float64(r.pfData+r.pfCode), kb)
		var ob, pb, obc, pbc []float64
		for _, q := range r.queries {
			ob = append(ob, float64(r.oursCold[q].bytes))
			pb = append(pb, float64(r.pfCold[q].bytes-r.pfCodeFetched[q]))
			obc = append(obc, float64(r.oursCold[q].bytes+r.oursCodeFetched))
			pbc = append(pbc, float64(r.pfCold[q].bytes))
		}
		row("bytes for one query, cold (index files; median of queries)", median(ob), median(pb), kb)
		row("  … with engine code", median(obc), median(pbc), kb)
		var oc, pc []float64
		for _, q := range r.queries {
			oc = append(oc, r.oursColdMs[q]...)
			pc = append(pc, r.pfColdMs[q]...)
		}
		row("query time in Chromium, cold (ours file://, Pagefind http)", median(oc), median(pc), ms)
		row("query time in Chromium, warm (engine started, new words)", median(r.oursWarmMs), median(r.pfWarmMs), ms)
		row("query time in Chromium, hot (the same query again)", median(r.oursHotMs), median(r.pfHotMs), ms)
		tw.Flush()
		fmt.Fprintf(w, "\n   all files Pagefind wrote: %.1f KB in %d files (index data %.1f KB in %d files, engine code %.1f KB, UI %.1f KB); ours: %.1f KB in %d files, plus search.js %.1f KB\n",
			float64(r.pfAll)/1000, r.pfAllFiles, float64(r.pfData)/1000, r.pfDataFiles, float64(r.pfCode)/1000, float64(r.pfUI)/1000,
			float64(r.oursIndex)/1000, r.oursIndexFiles, float64(r.oursCode)/1000)
		fmt.Fprintf(w, "   whole build of ours (render + index), once: %.0f ms\n\n", float64(r.oursWholeBuild.Microseconds())/1000)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "query\tours: results\tfiles\tcold bytes\tcold ms\tPagefind: pages\tfiles\tcold bytes\t(of which code)\tcold ms\t\n")
		for _, q := range r.queries {
			fmt.Fprintf(tw, "%q\t%d\t%d\t%.1f KB\t%.1f\t%d\t%d\t%.1f KB\t%.1f KB\t%.1f\t\n", q,
				r.oursCount[q], r.oursCold[q].files, float64(r.oursCold[q].bytes)/1000, median(r.oursColdMs[q]),
				r.pfCount[q], r.pfCold[q].files, float64(r.pfCold[q].bytes)/1000, float64(r.pfCodeFetched[q])/1000, median(r.pfColdMs[q]))
		}
		tw.Flush()
	}
}

func quoteAll(qs []string) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = strconv.Quote(q)
	}
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianD(ds []time.Duration) float64 {
	v := make([]float64, len(ds))
	for i, d := range ds {
		v[i] = float64(d.Microseconds()) / 1000
	}
	return median(v)
}

func jsonString(s string) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}

func chromiumVersion() string {
	out, err := exec.Command(*chromium, "--version").Output()
	if err != nil {
		return "Chromium"
	}
	return strings.TrimSpace(string(out))
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "searchcmp: "+format+"\n", args...)
}
