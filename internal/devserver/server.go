package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/handbook-ssg/handbook/internal/site"
	"github.com/handbook-ssg/handbook/internal/source"
)

// Prefix is the path under which the server's own files live.
const Prefix = "/_handbook/"

// Server serves a site and rebuilds it on change.
type Server struct {
	fsys fs.FS
	opt  site.Options
	log  io.Writer

	mu       sync.RWMutex
	res      *site.Result    // the last good build
	problems []*source.Error // the current build's errors, shown as an overlay
	gen      int             // increases with every build, good or not
	// unbuilt are the site paths changed since res was built that a
	// failed rebuild was told of: the next rebuild starts from res too,
	// so it must be told of them again. Only rebuild uses it.
	unbuilt []string
	// stopIndex cancels the search index waiting or being built, and
	// returns a channel closed once it has stopped reading the site.
	stopIndex func() <-chan struct{}

	hub *hub
	// hosts are the Host header values the server answers.
	hosts map[string]bool
}

// New returns a server for the site in fsys. log receives one line per
// build and every content error.
func New(fsys fs.FS, opt site.Options, log io.Writer) *Server {
	return &Server{fsys: fsys, opt: opt, log: log, hub: newHub(), hosts: map[string]bool{}}
}

// Build builds the whole site and makes it the served one, or records its
// errors for the overlay.
func (s *Server) Build(ctx context.Context) {
	s.rebuild(ctx, nil)
}

// rebuild rebuilds after the files in changed (paths in the site) changed;
// nil means everything.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	s.mu.Lock()
	prev := s.res
	// A search index waiting or being built is of a site this edit makes
	// stale: it stops now, not when the rebuild is done, so that it does
	// not take the rebuild's CPU. The rebuild asks for a new one.
	stopped := s.stopIndex != nil
	var indexDone <-chan struct{}
	if stopped {
		indexDone = s.stopIndex()
		s.stopIndex = nil
	}
	s.mu.Unlock()
	if indexDone != nil {
		// A rebuild may take over the served build's model (see
		// site.Rebuild): the index must no longer be reading it.
		<-indexDone
	}
	var res *site.Result
	var err error
	if prev == nil || changed == nil {
		res, err = site.Build(ctx, s.fsys, s.opt)
	} else {
		changed = slices.Compact(slices.Sorted(slices.Values(append(s.unbuilt, changed...))))
		res, err = site.Rebuild(ctx, s.fsys, s.opt, prev, changed)
	}
	if ctx.Err() != nil {
		s.unbuilt = changed
		return
	}
	if res != nil {
		s.unbuilt = nil
	} else {
		s.unbuilt = changed
	}
	var problems []*source.Error
	if err != nil {
		if le, ok := err.(*source.ListError); ok {
			problems = le.List.Errors()
		} else {
			problems = []*source.Error{{Msg: err.Error()}}
		}
	}
	s.mu.Lock()
	if res != nil {
		s.res = res
	}
	s.problems = problems
	s.gen++
	gen := s.gen
	s.mu.Unlock()
	if (res != nil && changed != nil) || (res == nil && stopped) {
		// A rebuild carries the old search index over so that the page
		// reloads at once; the new index follows. A failed one leaves
		// the last good site, whose index it stopped: that follows.
		s.indexLater()
	}
	took := time.Since(start).Round(100 * time.Microsecond)
	if len(problems) > 0 {
		fmt.Fprintf(s.log, "build failed in %s; still serving the last good site:\n", took)
		for _, p := range problems {
			fmt.Fprintf(s.log, "  %s\n", p)
		}
	} else {
		what := "built"
		if changed != nil {
			what = "rebuilt " + strings.Join(changed, ", ")
		}
		fmt.Fprintf(s.log, "%s in %s\n", what, took)
		for _, w := range res.Warnings {
			fmt.Fprintf(s.log, "  %s\n", w)
		}
	}
	s.hub.publish(s.event(gen, problems))
}

// IndexDelay is how long the dev server waits after a rebuild before it
// rebuilds the search index. The index of a large site takes seconds to
// build; waiting until the author pauses keeps that work from slowing the
// next edit's reload, and an edit meanwhile cancels an index under way.
const IndexDelay = time.Second

// indexLater rebuilds the search index of the served site IndexDelay after
// the last rebuild, in the background.
func (s *Server) indexLater() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopIndex != nil {
		s.stopIndex()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	t := time.AfterFunc(IndexDelay, func() {
		defer close(done)
		s.index(ctx)
	})
	s.stopIndex = func() <-chan struct{} {
		if t.Stop() {
			close(done) // it never started
		}
		cancel()
		return done
	}
}

func (s *Server) index(ctx context.Context) {
	s.mu.RLock()
	res := s.res
	s.mu.RUnlock()
	start := time.Now()
	files, cache, err := site.ReindexCache(ctx, res)
	if ctx.Err() != nil {
		return // a later edit made it stale; that edit asked for another
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		fmt.Fprintf(s.log, "search index: %v\n", err)
		return
	}
	if s.res != res {
		return
	}
	// A new map, not an edit of the served one: requests read it without
	// the lock.
	next := *res
	next.Files = maps.Clone(res.Files)
	maps.Copy(next.Files, files)
	// The next index, after the next edit, analyses only what changed.
	next.SearchCache = cache
	s.res = &next
	fmt.Fprintf(s.log, "search index rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
}

// event is the SSE message for a build: its number and its errors.
func (s *Server) event(gen int, problems []*source.Error) []byte {
	type problem struct {
		Pos     string `json:"pos"`
		Message string `json:"message"`
	}
	msg := struct {
		Gen    int       `json:"gen"`
		Errors []problem `json:"errors"`
	}{Gen: gen, Errors: []problem{}}
	for _, p := range problems {
		m := p.Msg
		if p.Hint != "" {
			m += " (" + p.Hint + ")"
		}
		msg.Errors = append(msg.Errors, problem{Pos: p.Pos.String(), Message: m})
	}
	b, _ := json.Marshal(msg)
	return b
}

// Listen binds addr and remembers the host names the server answers to.
// The preview serves drafts and the errors of a site being written, so it
// listens only on this machine's loopback addresses (see [Loopback]): an
// address that other machines could reach is refused unless expose is
// true. Exposed on every interface (":1313", "0.0.0.0:1313"), the server
// also answers to this machine's addresses and host name.
func (s *Server) Listen(addr string, expose bool) (net.Listener, error) {
	loopback, err := Loopback(addr)
	if err != nil {
		return nil, err
	}
	if !loopback && !expose {
		return nil, fmt.Errorf("%s can be reached from other machines; the preview listens only on this one "+
			"(use 127.0.0.1:PORT or localhost:PORT, or add --expose to share it on the network)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	bound, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(bound); !expose && (ip == nil || !ip.IsLoopback()) {
		// A name that resolved to loopback addresses when asked, and to
		// another when bound.
		ln.Close()
		return nil, fmt.Errorf("%s was bound to %s, which other machines can reach; add --expose to allow it", addr, ln.Addr())
	}
	host, _, _ := net.SplitHostPort(addr)
	names := []string{"127.0.0.1", "localhost", "[::1]", host}
	if ip := net.ParseIP(bound); expose && ip != nil && ip.IsUnspecified() {
		names = append(names, machineNames()...)
	}
	for _, h := range names {
		if h != "" {
			if strings.Contains(h, ":") && !strings.HasPrefix(h, "[") {
				h = "[" + h + "]"
			}
			s.hosts[strings.ToLower(h)+":"+port] = true
		}
	}
	return ln, nil
}

// Loopback reports whether a server listening on addr ("host:port") can be
// reached from this machine only: its host is localhost, a loopback
// address (127.0.0.0/8, ::1), or a name whose every address is one. An
// empty host (":1313") or an unspecified address (0.0.0.0, ::) listens on
// every interface.
func Loopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("address %q: %v (write host:port, such as 127.0.0.1:1313)", addr, err)
	}
	if host == "" {
		return false, nil
	}
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true, nil
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.IsLoopback(), nil
	}
	ips, err := net.DefaultResolver.LookupIPAddr(context.Background(), host)
	if err != nil {
		return false, fmt.Errorf("address %q: %v", addr, err)
	}
	for _, ip := range ips {
		if !ip.IP.IsLoopback() {
			return false, nil
		}
	}
	return len(ips) > 0, nil
}

// machineNames returns this machine's addresses and host name, which
// other machines use to reach an exposed preview.
func machineNames() []string {
	var names []string
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLinkLocalUnicast() {
				names = append(names, n.IP.String())
			}
		}
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		names = append(names, h)
	}
	return names
}

// Serve serves on ln until ctx is done, then shuts down cleanly.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	s.hub.close()
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	return nil
}

// Handler serves the site and the server's own files.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(s.hosts) > 0 && !s.hosts[strings.ToLower(r.Host)] {
			http.Error(w, "unknown Host header: the handbook preview answers only to 127.0.0.1 and localhost", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if strings.Contains(p, "\x00") || strings.Contains(p, "\\") || hasDotDot(p) {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		switch p {
		case Prefix + "events":
			s.events(w, r)
			return
		case Prefix + "reload.js":
			serveBytes(w, r, "reload.js", reloadJS)
			return
		case Prefix + "overlay.css":
			serveBytes(w, r, "overlay.css", overlayCSS)
			return
		}
		s.serveFile(w, r, p)
	})
}

// hasDotDot reports whether a URL path has a ".." segment.
func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, p string) {
	s.mu.RLock()
	res, problems := s.res, s.problems
	s.mu.RUnlock()
	if res == nil {
		// The first build failed: show the errors and nothing else.
		serveBytes(w, r, "x.html", inject(errorPage(problems)))
		return
	}
	// The site is served at the root, and also under its base URL's path
	// (/handbook/), where the links of its 404 page, shown at any missing
	// address, start when the base URL is known.
	root := "/"
	if base := site.SitePath(res.Model.Config.BaseURL); base != "/" && strings.HasPrefix(p, base) {
		p, root = "/"+strings.TrimPrefix(p, base), base
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || name == "" || name == "." {
		name = strings.TrimPrefix(path.Join(name, "index.html"), "./")
	}
	data, ok := res.Files[name]
	if !ok {
		// A folder's URL without its slash: redirect, as a file server
		// would, to the cleaned path: a path starts with one slash, while
		// //host/x/ would send the browser to another host.
		if _, isDir := res.Files[name+"/index.html"]; isDir {
			http.Redirect(w, r, (&url.URL{Path: "/" + name + "/"}).EscapedPath(), http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if nf, ok := res.Files["404.html"]; ok {
			// Its stylesheet is inline; its links, relative to the
			// site's root, get the depth of the missing address.
			_, _ = w.Write(inject(site.Reroot(nf, root)))
		}
		return
	}
	if strings.HasSuffix(name, ".html") {
		data = inject(data)
	}
	serveBytes(w, r, name, data)
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	if strings.HasPrefix(ct, "text/") && !strings.Contains(ct, "charset") {
		ct += "; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

var bodyEnd = []byte("</body>")

// inject adds the reload script to a page, before </body>.
func inject(page []byte) []byte {
	tag := []byte(`<script src="` + Prefix + `reload.js"></script>`)
	i := bytes.LastIndex(page, bodyEnd)
	if i < 0 {
		return append(append([]byte{}, page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// events streams build events to a page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	s.mu.RLock()
	first := s.event(s.gen, s.problems)
	s.mu.RUnlock()
	fmt.Fprintf(w, "data: %s\n\n", first)
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-ch:
			if !ok {
				return
			}
			fmt.Fprintf(w, "data: %s\n\n", msg)
			fl.Flush()
		}
	}
}
