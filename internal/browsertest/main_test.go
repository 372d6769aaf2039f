//go:build browser

package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbook-ssg/handbook"
	chromiumflags "github.com/handbook-ssg/handbook/internal/chromium"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
)

// subPath is where the test server mounts the site, so that every test also
// proves the site works below the root of a host.
const subPath = "/handbook/"

// env is what every test of the binary shares: the built site, its server and
// the browser. TestMain sets it up once; tests only read it.
var env *harness

type harness struct {
	root      string // the repository root, which is the shipped site
	siteDir   string // the built site
	httpBase  string // http://127.0.0.1:PORT/handbook/
	rootHTTP  string // http://127.0.0.1:PORT2/: the site at a host's root
	fileBase  string // file:///…/site/
	npm       string // node_modules holding axe-core and vnu-jar
	artifacts string // where PDFs and PNGs go for a person to look at
	axe       string // the source of axe.min.js

	browser context.Context // a chromedp context that holds the one browser

	// The published rubrics of issue 15 (internal/rubric/testdata/
	// published), built as a site of their own: the handbook does not
	// ship them.
	publishedDir  string
	publishedHTTP string // http://127.0.0.1:PORT/published/
	publishedFile string // file:///…/published/

	// The handbook as a cache that holds stale copies of the search
	// index's shards serves it (staleShards).
	staleHTTP string // http://127.0.0.1:PORT/stale/
}

// publishedPath is where the test server mounts the published rubrics.
const publishedPath = "/published/"

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	h, cleanup, err := setup()
	if cleanup != nil {
		defer cleanup()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: %v\n", err)
		return 1
	}
	env = h
	return m.Run()
}

// setup builds the site, serves it and starts the browser. Everything the
// tests need is checked here, so a machine without it fails the run at once
// with a message saying what to install, instead of skipping.
func setup() (h *harness, cleanup func(), err error) {
	var undo []func()
	cleanup = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}

	root, err := repoRoot()
	if err != nil {
		return nil, cleanup, err
	}
	h = &harness{root: root}

	chromium := envOr("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
	if _, err := os.Stat(chromium); err != nil {
		return nil, cleanup, fmt.Errorf("no Chromium at %s (install Debian's chromium, or set HANDBOOK_CHROMIUM): %w", chromium, err)
	}
	h.npm = envOr("HANDBOOK_NPM", filepath.Join(root, ".tmp", "npm", "node_modules"))
	axe, err := os.ReadFile(filepath.Join(h.npm, "axe-core", "axe.min.js"))
	if err != nil {
		return nil, cleanup, fmt.Errorf("axe-core is missing (run scripts/test, or npm install axe-core into HANDBOOK_NPM): %w", err)
	}
	h.axe = string(axe)
	if _, err := os.Stat(filepath.Join(h.npm, "vnu-jar", "build", "dist", "vnu.jar")); err != nil {
		return nil, cleanup, fmt.Errorf("vnu-jar is missing (run scripts/test, or npm install vnu-jar into HANDBOOK_NPM): %w", err)
	}
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdftoppm", "java"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, cleanup, fmt.Errorf("%s is not on PATH (install poppler-utils and a Java runtime): %w", tool, err)
		}
	}
	h.artifacts = envOr("HANDBOOK_ARTIFACTS", filepath.Join(root, ".tmp", "artifacts"))
	if err := os.MkdirAll(h.artifacts, 0o755); err != nil {
		return nil, cleanup, err
	}

	tmp, err := os.MkdirTemp("", "handbook-browsertest-")
	if err != nil {
		return nil, cleanup, err
	}
	undo = append(undo, func() { os.RemoveAll(tmp) })

	// Build the shipped handbook once for the whole binary.
	ctx := context.Background()
	res, err := site.Build(ctx, os.DirFS(root), site.Options{Defaults: handbook.Defaults()})
	if err != nil {
		return nil, cleanup, fmt.Errorf("build the handbook: %w", err)
	}
	h.siteDir = filepath.Join(tmp, "site")
	if err := publish.Write(h.siteDir, res.Files); err != nil {
		return nil, cleanup, fmt.Errorf("write the handbook: %w", err)
	}
	h.fileBase = (&url.URL{Scheme: "file", Path: filepath.ToSlash(h.siteDir) + "/"}).String()

	// And the published rubrics, which only the tests use.
	res, err = site.Build(ctx, os.DirFS(filepath.Join(root, "internal", "rubric", "testdata", "published")), site.Options{Defaults: handbook.Defaults()})
	if err != nil {
		return nil, cleanup, fmt.Errorf("build the published rubrics: %w", err)
	}
	h.publishedDir = filepath.Join(tmp, "published")
	if err := publish.Write(h.publishedDir, res.Files); err != nil {
		return nil, cleanup, fmt.Errorf("write the published rubrics: %w", err)
	}
	h.publishedFile = (&url.URL{Scheme: "file", Path: filepath.ToSlash(h.publishedDir) + "/"}).String()

	srv := httptest.NewServer(siteHandler(h.siteDir, h.publishedDir))
	undo = append(undo, srv.Close)
	h.httpBase = srv.URL + subPath
	h.publishedHTTP = srv.URL + publishedPath
	h.staleHTTP = srv.URL + stalePath
	// The same site at the root of another host, served the same plain
	// way (TestNotFoundAtAnyDepth).
	rootMux := http.NewServeMux()
	serveDir(rootMux, "/", h.siteDir)
	rootSrv := httptest.NewServer(rootMux)
	undo = append(undo, rootSrv.Close)
	h.rootHTTP = rootSrv.URL + "/"

	// One browser for the binary; each test opens a tab in it.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("hide-scrollbars", true),
		// Tabs that are not in front must still run their timers and render.
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
	}
	for _, f := range chromiumflags.Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	undo = append(undo, cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	undo = append(undo, func() {
		c, cancel := context.WithTimeout(browser, 10*time.Second)
		defer cancel()
		chromedp.Cancel(c)
		cancelBrowser()
	})
	if err := chromedp.Do(browser); err != nil { // starts the browser, with no time limit
		return nil, cleanup, fmt.Errorf("start %s: %w", chromium, err)
	}
	h.browser = browser
	return h, cleanup, nil
}

// siteHandler serves the built site under subPath, and the published
// rubrics under publishedPath, as a plain static host would: a folder
// answers with its index.html, a missing file with 404.html and status
// 404. Unlike http.FileServer it does not redirect …/index.html, so the
// URLs the site links to are the URLs the browser loads.
func siteHandler(dir, published string) http.Handler {
	mux := http.NewServeMux()
	serveDir(mux, subPath, dir)
	serveDir(mux, publishedPath, published)
	mux.Handle(stalePath, staleShards(dir, siteHandlerFor(stalePath, dir)))
	// Outside the site: the pages harness_test.go uses to prove the tab
	// catches what it must.
	mux.HandleFunc(selfTestPath, serveSelfTest)
	return mux
}

// siteHandlerFor returns a handler that serves the built site in dir
// under prefix, as serveDir does.
func siteHandlerFor(prefix, dir string) http.Handler {
	mux := http.NewServeMux()
	serveDir(mux, prefix, dir)
	return mux
}

// serveDir serves the built site in dir under prefix.
func serveDir(mux *http.ServeMux, prefix, dir string) {
	mux.HandleFunc(prefix, func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean("/" + strings.TrimPrefix(r.URL.Path, prefix))
		file := filepath.Join(dir, filepath.FromSlash(name))
		if fi, err := os.Stat(file); err == nil && fi.IsDir() {
			file = filepath.Join(file, "index.html")
		}
		f, err := os.Open(file)
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(page)
			return
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil || fi.IsDir() {
			http.Error(w, "not a file", http.StatusNotFound)
			return
		}
		http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
	})
}

// repoRoot finds the folder holding go.mod above the test's folder.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working folder")
		}
		dir = parent
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// origin says how a page is opened: from the test server under subPath, or
// from the built folder through file://.
type origin string

const (
	overHTTP origin = "http"
	overFile origin = "file"
)

var origins = []origin{overHTTP, overFile}

// pageURL returns the URL of the site path p (as "standards/qaf-1/sheet/",
// optionally with "?query"), opened from o. A path ending in "/" gets
// index.html, as the site's own links do, so the same path works from file://.
func (h *harness) pageURL(o origin, p string) string {
	p, query, _ := strings.Cut(strings.TrimPrefix(p, "/"), "?")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	base := h.httpBase
	if o == overFile {
		base = h.fileBase
	}
	u := base + p
	if query != "" {
		u += "?" + query
	}
	return u
}

// publishedURL returns the URL of the path p of the published rubrics'
// site, opened from o, as pageURL does for the handbook.
func (h *harness) publishedURL(o origin, p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if o == overFile {
		return h.publishedFile + p
	}
	return h.publishedHTTP + p
}

// ownFile reports whether the URL u is a file of the built site (or of the
// published rubrics' site), reached from the test server or from the
// built folder.
func (h *harness) ownFile(u string) bool {
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	pu.RawQuery, pu.Fragment = "", ""
	s := pu.String()
	switch pu.Scheme {
	case "http":
		return (strings.HasPrefix(s, h.httpBase) || strings.HasPrefix(s, h.publishedHTTP) || strings.HasPrefix(s, h.rootHTTP) || strings.HasPrefix(s, h.staleHTTP)) && !strings.Contains(pu.Path, "/../")
	case "file":
		clean := filepath.Clean(filepath.FromSlash(pu.Path))
		for _, dir := range []string{h.siteDir, h.publishedDir} {
			if clean == dir || strings.HasPrefix(clean, dir+string(filepath.Separator)) {
				return true
			}
		}
	}
	return false
}

// artifact returns the path of the artifact file name in the folder group
// of the artifacts folder, making the folder.
func (h *harness) artifact(t testing.TB, group, name string) string {
	dir := filepath.Join(h.artifacts, group)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, name)
}
