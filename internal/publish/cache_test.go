package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// A section reads back as stored; one that is missing, truncated, changed
// or not a section at all is an error, never its bytes.
func TestCacheSections(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	c := OpenCache(dest)
	if got, want := c.Dir(), filepath.Join(filepath.Dir(dest), ".public.cache"); got != want {
		t.Errorf("Dir() = %q, want %q", got, want)
	}
	if _, err := c.Load("index"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing section: %v", err)
	}
	payload := []byte("the payload, long enough to cut in two")
	if err := c.Store("index", payload); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Load("index"); err != nil || string(got) != string(payload) {
		t.Fatalf("Load = %q, %v", got, err)
	}
	file := filepath.Join(c.Dir(), "index")
	whole, _ := os.ReadFile(file)
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"header only", whole[:cacheHeader]},
		{"truncated", whole[:len(whole)-3]},
		{"longer", append(append([]byte{}, whole...), 'x')},
		{"flipped byte", func() []byte { b := append([]byte{}, whole...); b[cacheHeader+5] ^= 1; return b }()},
		{"flipped length", func() []byte { b := append([]byte{}, whole...); b[len(cacheMagic)] ^= 1; return b }()},
		{"other magic", func() []byte { b := append([]byte{}, whole...); b[0] = 'H'; return b }()},
	} {
		if err := os.WriteFile(file, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := c.Load("index"); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: Load = %q, %v; want ErrCorrupt", tt.name, got, err)
		}
	}
	// Store replaces a damaged section, and leaves no temporary file.
	if err := c.Store("index", payload); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Load("index"); err != nil || string(got) != string(payload) {
		t.Fatalf("after Store: Load = %q, %v", got, err)
	}
	entries, _ := os.ReadDir(c.Dir())
	if len(entries) != 1 {
		t.Errorf("the cache folder holds %d entries, want the one section", len(entries))
	}
	// A killed build's temporary file goes once it is old; a running
	// build's, young, stays.
	old, young := filepath.Join(c.Dir(), ".docs-01.tmp-123"), filepath.Join(c.Dir(), ".docs-02.tmp-456")
	os.WriteFile(old, payload, 0o644)
	os.WriteFile(young, payload, 0o644)
	long := time.Now().Add(-time.Hour)
	os.Chtimes(old, long, long)
	c.RemoveStale()
	if _, err := os.Stat(old); err == nil {
		t.Error("RemoveStale left a killed build's temporary file")
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("RemoveStale removed a running build's temporary file: %v", err)
	}
	os.Remove(young)
	if err := c.Remove("index"); err != nil {
		t.Fatal(err)
	}
	if err := c.Remove("index"); err != nil {
		t.Errorf("Remove of a missing section: %v", err)
	}
	for _, bad := range []string{"", "../x", "a/b", ".hidden", "a\\b"} {
		if err := c.Store(bad, payload); err == nil {
			t.Errorf("Store(%q) succeeded", bad)
		}
		if _, err := c.Load(bad); err == nil {
			t.Errorf("Load(%q) succeeded", bad)
		}
	}
	// The cache is beside dest, never in it: a site written there does
	// not hold it, and Begin leaves it alone.
	if err := Write(dest, map[string][]byte{"index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := c.Store("docs", payload); err != nil {
		t.Fatal(err)
	}
	if err := Write(dest, map[string][]byte{"index.html": []byte("y")}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest); len(got) != 1 {
		t.Errorf("the site holds %v", got)
	}
	if _, err := c.Load("docs"); err != nil {
		t.Errorf("after a build: %v", err)
	}
}

// Keep puts a file of the previous site into the new one as a hard link,
// only while its stamp is the one recorded; Stamps tells each file's.
func TestTxKeep(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	tx.RecordStamps()
	for name, data := range map[string]string{"a/index.html": "a", "b/index.html": "b", "c.txt": "c"} {
		if err := tx.Add(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	first := tx.Stamps()
	for _, name := range []string{"a/index.html", "b/index.html", "c.txt"} {
		fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := first[name]; !ok || s != StampOf(fi) {
			t.Errorf("%s: stamp %v, the file's is %v", name, s, StampOf(fi))
		}
	}
	// b is edited in place after the build (a new size and time).
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(dest, "b", "index.html"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	tx, err = Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	tx.RecordStamps()
	if !tx.Keep("a/index.html", first["a/index.html"]) {
		t.Error("Keep of an unchanged file failed")
	}
	if tx.Keep("b/index.html", first["b/index.html"]) {
		t.Error("Keep of a file edited since succeeded")
	}
	if tx.Keep("gone.html", Stamp{}) || tx.Keep("../c.txt", first["c.txt"]) || tx.Keep(Marker, Stamp{}) {
		t.Error("Keep of a missing or refused path succeeded")
	}
	tx.Add("b/index.html", []byte("b again"))
	if err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest); len(got) != 2 || got["a/index.html"] != "a" || got["b/index.html"] != "b again" {
		t.Errorf("site: %v", got)
	}
	second := tx.Stamps()
	// A kept file is the same file: the same size, time and inode. Its
	// change time is the one thing that moves (the link made and the old
	// one removed), and its stamp is the file's as the site now holds it.
	s2, s1 := second["a/index.html"], first["a/index.html"]
	if s2.Size != s1.Size || s2.ModTime != s1.ModTime || s2.Ino != s1.Ino {
		t.Errorf("a kept file's stamp changed: %v, was %v", s2, s1)
	}
	if fi, err := os.Lstat(filepath.Join(dest, "a", "index.html")); err != nil || s2 != StampOf(fi) {
		t.Errorf("a kept file's stamp %v is not the file's as the site holds it (%v)", s2, err)
	}
	if _, ok := second["b/index.html"]; !ok {
		t.Error("no stamp for a written file")
	}
	if _, ok := second["c.txt"]; ok {
		t.Error("a stamp for a file not in the new site")
	}
}

// The cache is a folder of its own beside the destination: when
// .NAME.cache is a symbolic link (to a folder the site reads, say) or a
// file, nothing is read through it or written through it, and Store says
// why.
func TestCacheNotThroughLink(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(t *testing.T, cacheDir, elsewhere string)
	}{
		{"link to a folder", func(t *testing.T, cacheDir, elsewhere string) {
			if err := os.Symlink(elsewhere, cacheDir); err != nil {
				t.Skip("no symbolic links:", err)
			}
		}},
		{"link to nowhere", func(t *testing.T, cacheDir, elsewhere string) {
			if err := os.Symlink(filepath.Join(elsewhere, "missing"), cacheDir); err != nil {
				t.Skip("no symbolic links:", err)
			}
		}},
		{"file", func(t *testing.T, cacheDir, elsewhere string) {
			if err := os.WriteFile(cacheDir, []byte("not a folder"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			elsewhere := filepath.Join(root, "static")
			if err := os.Mkdir(elsewhere, 0o755); err != nil {
				t.Fatal(err)
			}
			// A section the link's target holds is not read.
			real := OpenCache(filepath.Join(root, "other"))
			if err := real.Store("index", []byte("payload")); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(filepath.Join(real.Dir(), "index"))
			if err := os.WriteFile(filepath.Join(elsewhere, "index"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			c := OpenCache(filepath.Join(root, "public"))
			tt.make(t, c.Dir(), elsewhere)
			if got, err := c.Load("index"); err == nil {
				t.Errorf("Load through %s = %q, want an error", tt.name, got)
			}
			if err := c.Store("docs-00", []byte("payload")); err == nil {
				t.Errorf("Store through %s succeeded, want an error", tt.name)
			}
			entries, err := os.ReadDir(elsewhere)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 {
				t.Errorf("%s holds %d entries after Store, want only its own file", elsewhere, len(entries))
			}
			if _, err := os.Lstat(filepath.Join(elsewhere, "missing")); err == nil {
				t.Errorf("Store made the link's target")
			}
		})
	}
}

// A file of the output edited in place with its size kept and its time
// set back (touch -d) is not kept: its stamp says it changed (on Linux,
// by its inode's change time, which no one can set back). A file kept
// from build to build is kept again, however many builds it is kept in.
func TestTxKeepSameSizeEdit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build := func(keep map[string]Stamp, add map[string]string) (map[string]Stamp, map[string]bool) {
		t.Helper()
		tx, err := Begin(dest)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Abort()
		tx.RecordStamps()
		kept := map[string]bool{}
		for name, was := range keep {
			kept[name] = tx.Keep(name, was)
		}
		for name, data := range add {
			if err := tx.Add(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
		return tx.Stamps(), kept
	}
	first, _ := build(nil, map[string]string{"a.html": "aaaa", "b.html": "bbbb"})
	// Three builds that keep both: each keeps what the last one kept.
	stamps := first
	for i := range 3 {
		var kept map[string]bool
		stamps, kept = build(stamps, nil)
		if !kept["a.html"] || !kept["b.html"] {
			t.Fatalf("build %d: kept %v, want both", i+2, kept)
		}
	}
	if got := read(t, dest); got["a.html"] != "aaaa" || got["b.html"] != "bbbb" {
		t.Fatalf("site: %v", got)
	}
	// b is changed in place, same size, and its time set back.
	file := filepath.Join(dest, "b.html")
	fi, err := os.Lstat(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(file, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("X"), 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(file, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Lstat(file); after.Size() != fi.Size() || !after.ModTime().Equal(fi.ModTime()) {
		t.Fatal("the edit did not keep the size and time")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the change time is read on Linux only")
	}
	_, kept := build(stamps, map[string]string{})
	if !kept["a.html"] {
		t.Error("an unchanged file was not kept")
	}
	if kept["b.html"] {
		t.Error("a file edited in place, same size and time, was kept")
	}
}

// A file kept from the destination but replaced there between Keep's
// look at it and its link into the new folder (by another build into
// the same destination, say) is not published in place of the file Keep
// was asked for: Commit fails, and the destination is left as it is.
func TestTxKeepReplacedMeanwhile(t *testing.T) {
	for _, tt := range []struct {
		name string
		link func(from, to string) error // after the file is replaced
	}{
		{"linked", os.Link},
		{"copied", func(string, string) error { return errors.New("no hard links here") }},
	} {
		t.Run(tt.name, func(t *testing.T) { testKeepReplaced(t, tt.link) })
	}
}

func testKeepReplaced(t *testing.T, link func(from, to string) error) {
	dest := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	tx.RecordStamps()
	if err := tx.Add("a.html", []byte("aaaa")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	was := tx.Stamps()["a.html"]

	tx, err = Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	tx.RecordStamps()
	tx.link = func(from, to string) error {
		// Another build swaps in its own a.html, a new file.
		if err := os.Remove(from); err != nil {
			return err
		}
		if err := os.WriteFile(from, []byte("bbbb"), 0o644); err != nil {
			return err
		}
		return link(from, to)
	}
	if !tx.Keep("a.html", was) {
		t.Fatal("Keep of an unchanged file failed")
	}
	err = tx.Commit(context.Background())
	if err == nil {
		t.Errorf("Commit published the file that replaced the kept one: the site holds %v", read(t, dest))
	}
	if got := read(t, dest); got["a.html"] != "bbbb" {
		t.Errorf("the destination changed: %v", got)
	}
}

// A section that is not a regular file (a named pipe, which no writer
// will ever open; a folder; a link) is not read: Load returns at once
// with an error, and the build takes it as no cache.
func TestCacheSectionNotRegular(t *testing.T) {
	c := OpenCache(filepath.Join(t.TempDir(), "public"))
	if err := c.Store("bundle", []byte("payload")); err != nil {
		t.Fatal(err)
	}
	made := map[string]func(p string) error{
		"docs-00": func(p string) error { return mkfifo(p) },
		"docs-01": func(p string) error { return os.Mkdir(p, 0o755) },
		"docs-02": func(p string) error { return os.Symlink(filepath.Join(c.Dir(), "bundle"), p) },
	}
	for name, mk := range made {
		if err := mk(filepath.Join(c.Dir(), name)); err != nil {
			t.Skipf("%s: %v", name, err)
		}
	}
	for name := range made {
		done := make(chan error, 1)
		go func() {
			_, err := c.Load(name)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: read", name)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Load still waiting after 10 s", name)
		}
	}
	if got, err := c.Load("bundle"); err != nil || string(got) != "payload" {
		t.Errorf("bundle: %q, %v", got, err)
	}
}
