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
