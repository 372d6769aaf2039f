package devserver

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/site"
)

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true,
		"127.9.8.7:0":    true,
		"[::1]:1313":     true,
		"localhost:1313": true,
		"LocalHost.:1":   true,
		":1313":          false,
		"0.0.0.0:1313":   false,
		"[::]:1313":      false,
		"192.0.2.7:1313": false,
		"[fe80::1%lo]:1": false,
		"[2001:db8::1]:": false,
	} {
		got, err := Loopback(addr)
		if err != nil || got != want {
			t.Errorf("Loopback(%q) = %v, %v; want %v", addr, got, err, want)
		}
	}
	for _, bad := range []string{"1313", "127.0.0.1", "a:b:c"} {
		if _, err := Loopback(bad); err == nil {
			t.Errorf("Loopback(%q): no error", bad)
		}
	}
}

// The preview listens on this machine only, unless it is told to expose
// itself; exposed on every interface, it answers to this machine's
// addresses too.
func TestListen(t *testing.T) {
	s := New(os.DirFS(t.TempDir()), site.Options{Defaults: handbook.Defaults()}, io.Discard)
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "192.0.2.7:0"} {
		ln, err := s.Listen(addr, false)
		if err == nil {
			ln.Close()
			t.Errorf("Listen(%q) without expose: no error", addr)
		} else if !strings.Contains(err.Error(), "--expose") {
			t.Errorf("Listen(%q): %v does not say what to do", addr, err)
		}
	}
	if len(s.hosts) != 0 {
		t.Errorf("a refused Listen added hosts: %v", s.hosts)
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0"} {
		ln, err := s.Listen(addr, false)
		if err != nil {
			t.Errorf("Listen(%q): %v", addr, err)
			continue
		}
		ln.Close()
	}
	e := New(os.DirFS(t.TempDir()), site.Options{Defaults: handbook.Defaults()}, io.Discard)
	ln, err := e.Listen(":0", true)
	if err != nil {
		t.Fatalf("Listen(:0) with expose: %v", err)
	}
	defer ln.Close()
	n := 0
	for _, name := range machineNames() {
		for h := range e.hosts {
			if strings.HasPrefix(h, strings.ToLower(name)+":") || strings.HasPrefix(h, "["+name+"]:") {
				n++
				break
			}
		}
	}
	if n == 0 || n != len(machineNames()) {
		t.Errorf("exposed on every interface, the server answers to %v; this machine is %v", e.hosts, machineNames())
	}
}

// A folder's URL without its slash redirects to the same path with one,
// never to another host: //evil.example/x is the path /evil.example/x.
func TestNoOpenRedirect(t *testing.T) {
	s := newServer(t, fixture(t))
	s.hosts = map[string]bool{"127.0.0.1:1313": true}
	s.res.Files["evil.example/x/index.html"] = []byte("<!DOCTYPE html><title>x</title>")
	h := s.Handler()
	for path, want := range map[string]string{
		"/evil.example/x":       "/evil.example/x/",
		"//evil.example/x":      "/evil.example/x/",
		"///evil.example/x":     "/evil.example/x/",
		"/%2Fevil.example/x":    "/evil.example/x/",
		"//guidance/interview":  "/guidance/interview/",
		"/guidance//interview":  "/guidance/interview/",
		"/./guidance/interview": "/guidance/interview/",
	} {
		w := get(t, h, "127.0.0.1:1313", path)
		if loc := w.Header().Get("Location"); w.Code != 301 || loc != want {
			t.Errorf("GET %s: %d Location %q, want 301 %q", path, w.Code, loc, want)
		}
	}
}
