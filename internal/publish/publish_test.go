package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// read reads the site in dir: every file but the Marker, which it checks
// is there.
func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if _, ok := m[Marker]; !ok && len(m) > 0 {
		t.Errorf("%s has no %s", dir, Marker)
	}
	delete(m, Marker)
	return m
}

func TestWrite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, map[string][]byte{"index.html": []byte("one"), "a/b/index.html": []byte("two")}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest); got["index.html"] != "one" || got["a/b/index.html"] != "two" || len(got) != 2 {
		t.Fatalf("got %v", got)
	}
	// A second build replaces the whole folder: a file it lacks is gone.
	if err := Write(dest, map[string][]byte{"index.html": []byte("three")}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest); got["index.html"] != "three" || len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("left %d entries beside dest", len(entries))
	}
}

// A path that would leave the folder is refused before anything is
// written, and the previous site stays.
func TestRefuse(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, map[string][]byte{"index.html": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../b", "a\\b", ""} {
		err := Write(dest, map[string][]byte{"index.html": []byte("bad"), bad: []byte("x")})
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("%q: got %v", bad, err)
		}
	}
	if got := read(t, dest); got["index.html"] != "good" || len(got) != 1 {
		t.Errorf("the previous site changed: %v", got)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dest), "escape.html")); err == nil {
		t.Errorf("a file escaped the folder")
	}
	if err := Write("/", nil); err == nil {
		t.Errorf("writing over / was not refused")
	}
}

// An aborted write leaves the previous site as it was and nothing beside it.
func TestAbort(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, map[string][]byte{"index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		if err := tx.Add("p/"+strings.Repeat("x", i%5+1)+"/index.html", []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	tx.Abort()
	if got := read(t, dest); got["index.html"] != "old" || len(got) != 1 {
		t.Errorf("got %v", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
		t.Errorf("left %d entries beside dest", len(entries))
	}
}

// TestWriteFolders writes many files into nested folders from every
// writer at once: each folder is made once, a folder two writers make
// together is no error, and every file has its bytes and the modes
// os.WriteFile and os.MkdirAll would give.
func TestWriteFolders(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range []string{"index.html", "a/index.html", "a/b/c/d/index.html", "a/b/c/x.js", "e/f/g.css", "e/h/i.txt"} {
		files[name] = []byte(name)
	}
	for i := range 200 {
		name := filepath.ToSlash(filepath.Join("deep", strings.Repeat("n/", i%7), "page", string(rune('a'+i%26)), "index.html"))
		files[name] = []byte(strings.Repeat("x", i*100))
	}
	files["big.bin"] = make([]byte, 3<<20)
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, files); err != nil {
		t.Fatal(err)
	}
	got := read(t, dest)
	if len(got) != len(files) {
		t.Errorf("%d files, want %d", len(got), len(files))
	}
	for name, data := range files {
		if got[name] != string(data) {
			t.Errorf("%s: %d bytes, want %d", name, len(got[name]), len(data))
		}
	}
	umask := func() os.FileMode {
		p := filepath.Join(t.TempDir(), "probe")
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(p)
		return 0o644 &^ fi.Mode().Perm()
	}()
	for _, tc := range []struct {
		name string
		want os.FileMode
	}{
		{"index.html", 0o644 &^ umask},
		{"a/b/c/x.js", 0o644 &^ umask},
		{"a/b/c", os.ModeDir | 0o755&^umask},
		{"e", os.ModeDir | 0o755&^umask},
	} {
		fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(tc.name)))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != tc.want {
			t.Errorf("%s: mode %v, want %v", tc.name, fi.Mode(), tc.want)
		}
	}
}
