package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/site"
	"golang.org/x/tools/txtar"
)

// fixture writes the site pipeline's test site into a new folder.
func fixture(t *testing.T) string {
	t.Helper()
	a, err := txtar.ParseFile("../site/testdata/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newServer(t *testing.T, dir string) *Server {
	t.Helper()
	s := New(os.DirFS(dir), site.Options{Defaults: handbook.Defaults()}, io.Discard)
	s.Build(context.Background())
	if s.res == nil {
		t.Fatalf("first build failed: %v", s.problems)
	}
	return s
}

func get(t *testing.T, h http.Handler, host, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", "http://"+host+path, nil)
	r.Host = host
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandler(t *testing.T) {
	s := newServer(t, fixture(t))
	s.hosts = map[string]bool{"127.0.0.1:1313": true, "localhost:1313": true}
	h := s.Handler()
	const host = "127.0.0.1:1313"
	tests := []struct {
		path, host string
		code       int
		ctype      string
		body       string
	}{
		{"/", host, 200, "text/html; charset=utf-8", `<script src="/_handbook/reload.js"></script></body>`},
		{"/guidance/interview/", host, 200, "text/html; charset=utf-8", `id="p1"`},
		{"/guidance/interview", host, 301, "", ""},
		{"/sitemap.xml", host, 200, "text/xml; charset=utf-8", "<urlset"},
		{"/_handbook/reload.js", host, 200, "text/javascript; charset=utf-8", "EventSource"},
		{"/no/such/page/", host, 404, "text/html; charset=utf-8", "Page not found"},
		{"/../../etc/passwd", host, 400, "", ""},
		{"/guidance/%2e%2e/%2e%2e/etc/passwd", host, 400, "", ""},
		{"/", "evil.example:1313", 403, "", ""},
		{"/", "localhost:1313", 200, "", ""},
	}
	for _, tt := range tests {
		w := get(t, h, tt.host, tt.path)
		if w.Code != tt.code {
			t.Errorf("%s (Host %s): status %d, want %d", tt.path, tt.host, w.Code, tt.code)
			continue
		}
		if tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, w.Header().Get("Content-Type"), tt.ctype)
		}
		if tt.body != "" && !strings.Contains(w.Body.String(), tt.body) {
			t.Errorf("%s: body does not hold %q", tt.path, tt.body)
		}
	}
	// Assets come with their types.
	for name := range s.res.Files {
		if strings.HasPrefix(name, "assets/") {
			w := get(t, h, host, "/"+name)
			ct := w.Header().Get("Content-Type")
			if w.Code != 200 || !(strings.HasPrefix(ct, "text/css") || strings.HasPrefix(ct, "text/javascript")) {
				t.Errorf("%s: %d %q", name, w.Code, ct)
			}
		}
	}
	if w := get(t, h, host, "/"); !strings.Contains(w.Header().Get("Cache-Control"), "no-store") {
		t.Errorf("pages are cacheable")
	}
}

// sse reads build events from a live server.
type sse struct {
	events chan map[string]any
}

func subscribe(t *testing.T, base string) *sse {
	t.Helper()
	resp, err := http.Get(base + "/_handbook/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	s := &sse{events: make(chan map[string]any, 16)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var m map[string]any
				if json.Unmarshal([]byte(data), &m) == nil {
					s.events <- m
				}
			}
		}
		close(s.events)
	}()
	return s
}

// next waits for the next event.
func (s *sse) next(t *testing.T) map[string]any {
	t.Helper()
	select {
	case m, ok := <-s.events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return m
	case <-time.After(20 * time.Second):
		t.Fatal("no build event within 20 s")
	}
	return nil
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestLive starts the server on a free port, edits a page, a rubric and a
// template in a copy of the fixture site, and waits each time for the build
// event and the changed HTML; a broken edit brings the errors and keeps the
// last good page; fixing it clears them.
func TestLive(t *testing.T) {
	dir := fixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := New(os.DirFS(dir), site.Options{Defaults: handbook.Defaults()}, io.Discard)
	ln, err := s.Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	s.Build(ctx)
	go s.Watch(ctx, dir)
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	ev := subscribe(t, base)
	first := ev.next(t)
	if errs := first["errors"].([]any); len(errs) != 0 {
		t.Fatalf("first build has errors: %v", errs)
	}
	// The watcher starts after the first build; give it a moment to add its
	// watches before the first edit.
	time.Sleep(200 * time.Millisecond)

	write := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s does not hold %q", file, old)
		}
		// As editors and sed -i do: write a temporary file beside it and
		// rename it over.
		tmp := filepath.Join(filepath.Dir(p), "sedTmp123")
		if err := os.WriteFile(tmp, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
	}
	waitFor := func(path, want string) {
		t.Helper()
		m := ev.next(t)
		if errs := m["errors"].([]any); len(errs) != 0 {
			t.Fatalf("build errors: %v", errs)
		}
		if body := fetch(t, base+path); !strings.Contains(body, want) {
			t.Errorf("%s does not show %q after the rebuild", path, want)
		}
	}

	index := s.searchIndex()
	write("content/guidance/commitment.md", "Commitment grows", "Commitment flourishes")
	waitFor("/guidance/commitment/", "Commitment flourishes")
	s.mu.RLock()
	stats := s.res.Stats
	s.mu.RUnlock()
	// The page, and the print view of its source document, which shows
	// it whole.
	if stats.Rendered != 1 || stats.Templated != 2 {
		t.Errorf("a one-paragraph edit rendered %d pages and templated %d, want 1 and 2; the temporary file counted as a change?", stats.Rendered, stats.Templated)
	}
	// The search index follows the page in the background.
	for deadline := time.Now().Add(10 * time.Second); s.searchIndex() == index; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the search index was not rebuilt after the edit")
		}
	}

	write("rubrics/listening.yaml", "Builds excellent rapport.", "Builds lasting rapport.")
	waitFor("/standards/listening/sheet/", "Builds lasting rapport.")
	if body := fetch(t, base+"/standards/listening/assess/"); !strings.Contains(body, "Builds lasting rapport.") {
		t.Errorf("the form does not show the new descriptor")
	}

	tmpl, _ := fs.ReadFile(handbook.Defaults(), "templates/page.html")
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "page.html"), []byte(strings.Replace(string(tmpl), `<article class="page">`, `<article class="page site-own">`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("/guidance/interview/", "site-own")

	// A broken edit: the errors come, the last good page stays.
	write("content/guidance/commitment.md", "title: \"Chapter 2: Commitment\"", "titel: oops")
	m := ev.next(t)
	errs, _ := m["errors"].([]any)
	if len(errs) == 0 || !strings.Contains(errs[0].(map[string]any)["pos"].(string), "content/guidance/commitment.md:2:1") {
		t.Fatalf("errors: %v", errs)
	}
	if body := fetch(t, base+"/guidance/commitment/"); !strings.Contains(body, "Commitment flourishes") {
		t.Errorf("the last good page is not served")
	}
	write("content/guidance/commitment.md", "titel: oops", "title: Fixed")
	waitFor("/guidance/commitment/", "Fixed")

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the server did not shut down")
	}
}

// searchIndex is the served search index, its files joined in name order.
func (s *Server) searchIndex() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for name := range s.res.Files {
		if strings.HasPrefix(name, "search/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		b.WriteString(name)
		b.Write(s.res.Files[name])
	}
	return b.String()
}

// TestRebuildAfterFailure: an edit whose rebuild fails for another file's
// error is not forgotten. The failed rebuild leaves the last good site
// served; the next rebuild, told only of the file that fixes the error,
// still shows the first edit, because a rebuild is told of every change
// since the site it starts from.
func TestRebuildAfterFailure(t *testing.T) {
	dir := fixture(t)
	s := newServer(t, dir)
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s does not hold %q (%v)", file, old, err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	edit("content/guidance/commitment.md", "Commitment grows", "Commitment flourishes")
	edit("content/guidance/interview.md", "[paragraph 2](#p2)", "[paragraph 2](#p99)")
	s.rebuild(ctx, []string{"content/guidance/commitment.md", "content/guidance/interview.md"})
	if len(s.problems) == 0 {
		t.Fatal("a link to a missing paragraph did not fail the build")
	}
	edit("content/guidance/interview.md", "[paragraph 2](#p99)", "[paragraph 2](#p2)")
	s.rebuild(ctx, []string{"content/guidance/interview.md"})
	if len(s.problems) != 0 {
		t.Fatalf("the fixed site failed: %v", s.problems)
	}
	if body := string(s.res.Files["guidance/commitment/index.html"]); !strings.Contains(body, "Commitment flourishes") {
		t.Error("the edit made while the site had an error is missing after the error was fixed")
	}
}

// TestNotFoundAtDepth: a missing address three folders down shows the 404
// page, with its stylesheet inline and links the server then serves, with
// the site's base URL (its URLs start with /handbook/, which the server
// serves too) and without it (404.html's links, relative to the site's
// root, are rerooted to start with /, or with /handbook/ when the missing
// address is under it).
func TestNotFoundAtDepth(t *testing.T) {
	for _, tt := range []struct {
		name, config, prefix string
	}{
		{"base URL", "base_url: https://example.org/handbook/\n", "/handbook/"},
		{"no base URL", "", "/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixture(t)
			cfg := filepath.Join(dir, "handbook.yaml")
			data, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			data = []byte(strings.Replace(string(data), "base_url: https://example.org/handbook/\n", tt.config, 1))
			if err := os.WriteFile(cfg, data, 0o644); err != nil {
				t.Fatal(err)
			}
			s := newServer(t, dir)
			h := s.Handler()
			const host = "127.0.0.1:1313"
			for _, missing := range []string{"/standards/listening/typo/", tt.prefix + "standards/listening/typo/"} {
				w := get(t, h, host, missing)
				body := w.Body.String()
				if w.Code != 404 || !strings.Contains(body, "Page not found") {
					t.Fatalf("%s: %d, %.200q", missing, w.Code, body)
				}
				// Every URL of the page is served from any depth.
				var urls []string
				for _, attr := range []string{`href="`, `src="`} {
					for _, part := range strings.Split(body, attr)[1:] {
						u, _, _ := strings.Cut(part, `"`)
						switch {
						case strings.HasPrefix(u, "/_handbook/"), strings.HasPrefix(u, "#"), strings.Contains(u, ":"):
						case strings.HasPrefix(u, "/"):
							urls = append(urls, u)
						default:
							t.Errorf("%s: %s is relative, which no depth but the root finds", missing, u)
						}
					}
				}
				// Its stylesheet is inline, allowed by its hash.
				css := strings.Contains(body, "<style>") && strings.Contains(body, "style-src 'self' 'sha256-")
				home := false
				for _, u := range urls {
					if !strings.HasPrefix(u, tt.prefix) {
						t.Errorf("%s: %s does not start with %s", missing, u, tt.prefix)
					}
					home = home || u == tt.prefix+"index.html"
					if w := get(t, h, host, u); w.Code != 200 {
						t.Errorf("%s: %s is %d", missing, u, w.Code)
					}
				}
				if !css || !home {
					t.Errorf("%s: the page holds no stylesheet (%v) or links no home page (%v): %q", missing, css, home, urls)
				}
			}
		})
	}
}
