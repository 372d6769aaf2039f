package publish

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// built is what a build published: each file's bytes and stamp, as the
// build's cache records them.
type built struct {
	files  map[string]string
	stamps map[string]Stamp
}

// publishReuse publishes files into dest with BeginReuse, as a build with
// a cache does: a file whose bytes prev published is kept (Keep with its
// stamp), any other, or one Keep refuses, is added. It fails the test
// unless the Commit succeeds.
func publishReuse(t *testing.T, dest string, files map[string]string, prev built) built {
	t.Helper()
	tx, err := BeginReuse(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	tx.RecordStamps()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if s, ok := prev.stamps[name]; ok && prev.files[name] == files[name] && tx.Keep(name, s) {
			continue
		}
		if err := tx.Add(name, []byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	return built{files: files, stamps: tx.Stamps()}
}

// readStrict reads the site in dir as read does, and fails the test on
// anything in it that is neither a folder nor a regular file (which it
// does not read: a named pipe would never end).
func readStrict(t *testing.T, dir string) map[string]string {
	t.Helper()
	ok := true
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			t.Errorf("%s is not a regular file (%v)", p, d.Type())
			ok = false
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.FailNow()
	}
	return read(t, dir)
}

func ino(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return inode(fi)
}

// stampsTrue fails the test unless every stamp is that of the file in dest.
func stampsTrue(t *testing.T, dest string, b built) {
	t.Helper()
	for name := range b.files {
		fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := b.stamps[name]; !ok || s != StampOf(fi) {
			t.Errorf("%s: stamp %v, the file's is %v", name, s, StampOf(fi))
		}
	}
}

var (
	site1 = map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b",
		"gone/deep/index.html": "gone", "kind/index.html": "a file that becomes a folder", "c.txt": "c"}
	site2 = map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b 2",
		"gone/deep/index.html": "gone", "kind/index.html": "a file that becomes a folder", "c.txt": "c"}
	// site3 changes b again, drops gone/, turns kind/index.html into a
	// folder and c.txt into one, and adds new/.
	site3 = map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b 3",
		"kind/index.html/x.html": "now a folder", "c.txt/index.html": "c, a folder", "new/index.html": "new"}
)

// The second build keeps the site it replaced as .NAME.kept; the third
// takes that folder (the build before last), brings it up to date in
// place and swaps it in: a file kept and already the destination's stays
// the same file, one changed is a new file, folders no longer in the site
// are removed, names that changed kind are made anew, and the site is
// exactly the one built. Stamps are the files' as published.
func TestReuseKept(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	kept := KeptDir(dest)
	if kept != filepath.Join(root, ".public.kept") {
		t.Fatalf("KeptDir: %s", kept)
	}
	b1 := publishReuse(t, dest, site1, built{})
	if names := beside(t, dest); len(names) != 0 {
		t.Errorf("a first build left %v beside dest", names)
	}
	destIno := ino(t, dest)
	aIno := ino(t, filepath.Join(dest, "a", "index.html"))
	b2 := publishReuse(t, dest, site2, b1)
	if got := readStrict(t, dest); !maps.Equal(got, site2) {
		t.Errorf("second build: %v", got)
	}
	if ino(t, kept) != destIno || !maps.Equal(read(t, kept), site1) {
		t.Errorf("the site replaced is not kept as %s: %v", kept, read(t, kept))
	}
	stampsTrue(t, dest, b2)
	dest2Ino := ino(t, dest)
	b3 := publishReuse(t, dest, site3, b2)
	if got := readStrict(t, dest); !maps.Equal(got, site3) {
		t.Errorf("third build:\n got %v\nwant %v", got, site3)
	}
	if ino(t, dest) != destIno {
		t.Error("the third build wrote a new folder, not the kept one")
	}
	if ino(t, kept) != dest2Ino || !maps.Equal(read(t, kept), site2) {
		t.Errorf("the second site is not kept: %v", read(t, kept))
	}
	if ino(t, filepath.Join(dest, "a", "index.html")) != aIno {
		t.Error("a file kept through three builds is not the same file")
	}
	if ino(t, filepath.Join(dest, "b", "index.html")) == ino(t, filepath.Join(kept, "b", "index.html")) {
		t.Error("a changed file shares its inode with the site before")
	}
	stampsTrue(t, dest, b3)
	if names := beside(t, dest); !slices.Equal(names, []string{".public.kept"}) {
		t.Errorf("beside dest: %v", names)
	}
	// And back: the fourth build brings the second site's folder to the
	// first site's shape.
	b4 := publishReuse(t, dest, site1, b3)
	if got := readStrict(t, dest); !maps.Equal(got, site1) {
		t.Errorf("fourth build: %v", got)
	}
	stampsTrue(t, dest, b4)
}

// A file of the kept folder with the very bytes the build keeps, but not
// the destination's file (another inode: the build before wrote it
// again), is replaced by a link to the destination's, so that the new
// site's file is the one Keep checked.
func TestReuseSameBytesOtherInode(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	publishReuse(t, dest, site1, built{})
	b2 := publishReuse(t, dest, site1, built{}) // written again, not kept
	want := map[string]uint64{}
	for name := range site1 {
		p := filepath.FromSlash(name)
		want[name] = ino(t, filepath.Join(dest, p))
		if want[name] == ino(t, filepath.Join(KeptDir(dest), p)) {
			t.Fatalf("%s is the kept folder's file", name)
		}
	}
	b3 := publishReuse(t, dest, site1, b2)
	for name := range site1 {
		if got := ino(t, filepath.Join(dest, filepath.FromSlash(name))); got != want[name] {
			t.Errorf("%s is inode %d, want the destination's %d", name, got, want[name])
		}
	}
	if got := readStrict(t, dest); !maps.Equal(got, site1) {
		t.Errorf("site: %v", got)
	}
	stampsTrue(t, dest, b3)
}

// A kept folder changed since its build, in any way, is never written
// through, nothing outside dest, its kept folder and its new folder is
// touched, and the site published is exactly the one built.
func TestReuseTampered(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, kept, outside string)
	}{
		{"kept file edited in place", func(t *testing.T, kept, outside string) {
			// b/index.html is the first site's, not the destination's.
			os.WriteFile(filepath.Join(kept, "b", "index.html"), []byte("b 2"), 0o644)
			os.WriteFile(filepath.Join(kept, "index.html"), []byte("edited"), 0o644)
		}},
		{"file is a link out", func(t *testing.T, kept, outside string) {
			for _, name := range []string{"a/index.html", "b/index.html", "index.html"} {
				p := filepath.Join(kept, filepath.FromSlash(name))
				os.Remove(p)
				symlink(t, filepath.Join(outside, "precious.txt"), p)
			}
		}},
		{"folder is a link out", func(t *testing.T, kept, outside string) {
			for _, name := range []string{"a", "b", "gone"} {
				p := filepath.Join(kept, name)
				os.RemoveAll(p)
				symlink(t, outside, p)
			}
		}},
		{"file is a folder", func(t *testing.T, kept, outside string) {
			p := filepath.Join(kept, "a", "index.html")
			os.Remove(p)
			mkfiles(t, p, "inner.html", "deeper/x.html")
		}},
		{"named pipes", func(t *testing.T, kept, outside string) {
			for _, name := range []string{"a/index.html", "b/index.html", "pipe"} {
				p := filepath.Join(kept, filepath.FromSlash(name))
				os.Remove(p)
				if err := mkfifo(p); err != nil {
					t.Skip(err)
				}
			}
		}},
		{"files and folders added", func(t *testing.T, kept, outside string) {
			mkfiles(t, kept, "extra.html", "a/extra.html", "new/extra/deep.html")
			symlink(t, outside, filepath.Join(kept, "out"))
		}},
		{"marker edited", func(t *testing.T, kept, outside string) {
			os.WriteFile(filepath.Join(kept, Marker), []byte("not handbook's"), 0o644)
		}},
		{"folder is a file", func(t *testing.T, kept, outside string) {
			os.RemoveAll(filepath.Join(kept, "new"))
			os.WriteFile(filepath.Join(kept, "new"), []byte("a file where a folder goes"), 0o644)
			os.RemoveAll(filepath.Join(kept, "a"))
			symlink(t, filepath.Join(outside, "precious.txt"), filepath.Join(kept, "a"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			outside := filepath.Join(t.TempDir(), "outside")
			mkfiles(t, outside, "precious.txt", "index.html", "a/index.html", Marker)
			before := read(t, outside)
			b1 := publishReuse(t, dest, site1, built{})
			b2 := publishReuse(t, dest, site2, b1)
			tt.tamper(t, KeptDir(dest), outside)
			b3 := publishReuse(t, dest, site3, b2)
			if got := readStrict(t, dest); !maps.Equal(got, site3) {
				t.Errorf("site:\n got %v\nwant %v", got, site3)
			}
			if got := read(t, outside); !maps.Equal(got, before) {
				t.Errorf("outside changed: %v", got)
			}
			stampsTrue(t, dest, b3)
			b4 := publishReuse(t, dest, site1, b3)
			if got := readStrict(t, dest); !maps.Equal(got, site1) {
				t.Errorf("next build: %v", got)
			}
			stampsTrue(t, dest, b4)
		})
	}
}

// A .NAME.kept that is not a folder of its own (a link to one, a file) is
// neither taken nor written through nor replaced: the build writes a new
// folder and removes the site it replaced, as Begin does.
func TestReuseKeptNotFolder(t *testing.T) {
	for _, kind := range []string{"link", "file"} {
		t.Run(kind, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			outside := filepath.Join(t.TempDir(), "outside")
			mkfiles(t, outside, "index.html", "a/index.html", Marker)
			before := read(t, outside)
			kept := KeptDir(dest)
			if kind == "link" {
				symlink(t, outside, kept)
			} else if err := os.WriteFile(kept, []byte("a file"), 0o644); err != nil {
				t.Fatal(err)
			}
			b1 := publishReuse(t, dest, site1, built{})
			publishReuse(t, dest, site2, b1)
			if got := readStrict(t, dest); !maps.Equal(got, site2) {
				t.Errorf("site: %v", got)
			}
			if got := read(t, outside); !maps.Equal(got, before) {
				t.Errorf("written through the link: %v", got)
			}
			if fi, err := os.Lstat(kept); err != nil || fi.Mode().IsDir() {
				t.Errorf("%s was replaced: %v", kept, err)
			}
			if names := beside(t, dest); !slices.Equal(names, []string{".public.kept"}) {
				t.Errorf("beside dest: %v", names)
			}
		})
	}
}

// A kept folder that cannot be read whole (here: its listing fails) is
// not used: the build writes a new folder and removes that one.
func TestReuseUnreadable(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	b1 := publishReuse(t, dest, site1, built{})
	b2 := publishReuse(t, dest, site2, b1)
	keptIno := ino(t, KeptDir(dest))
	walkKept = func(string) (map[string]oldEntry, error) { return nil, errors.New("permission denied") }
	defer func() { walkKept = walkTree }()
	b3 := publishReuse(t, dest, site3, b2)
	if got := readStrict(t, dest); !maps.Equal(got, site3) {
		t.Errorf("site: %v", got)
	}
	if ino(t, dest) == keptIno {
		t.Error("the unreadable kept folder was published")
	}
	stampsTrue(t, dest, b3)
	if names := beside(t, dest); !slices.Equal(names, []string{".public.kept"}) {
		t.Errorf("beside dest: %v", names)
	}
}

// A build killed at any step leaves dest a whole site, and the next build
// succeeds with the site it builds: killed after it took the kept folder
// (left as an unlocked .NAME.new-N, half brought up to date), after the
// exchange (the old site in .NAME.new-N), or a kept folder half brought up
// to date by a build that failed.
func TestReuseAfterCrash(t *testing.T) {
	tests := []struct {
		name  string
		crash func(t *testing.T, dest string)
	}{
		{"killed while writing", func(t *testing.T, dest string) {
			kept := KeptDir(dest)
			os.Remove(filepath.Join(kept, "b", "index.html"))
			os.WriteFile(filepath.Join(kept, "b", "index.html"), []byte("b 3 half"), 0o644)
			os.RemoveAll(filepath.Join(kept, "gone"))
			if err := os.Rename(kept, filepath.Join(filepath.Dir(dest), ".public.new-123")); err != nil {
				t.Fatal(err)
			}
		}},
		{"killed after the exchange", func(t *testing.T, dest string) {
			if err := exchange(KeptDir(dest), dest); err != nil {
				t.Skip(err)
			}
			if err := os.Rename(KeptDir(dest), filepath.Join(filepath.Dir(dest), ".public.new-456")); err != nil {
				t.Fatal(err)
			}
		}},
		{"half brought up to date", func(t *testing.T, dest string) {
			kept := KeptDir(dest)
			os.Remove(filepath.Join(kept, "b", "index.html"))
			os.WriteFile(filepath.Join(kept, "b", "index.html"), []byte("b"), 0o644) // a write cut short
			os.RemoveAll(filepath.Join(kept, "kind"))
			mkfiles(t, kept, "kind/index.html/x.html", "new/index.html")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			b1 := publishReuse(t, dest, site1, built{})
			b2 := publishReuse(t, dest, site2, b1)
			tt.crash(t, dest)
			if got := readStrict(t, dest); len(got) == 0 {
				t.Fatal("dest is not a site")
			}
			// The folder the killed build left is taken up again.
			var left uint64
			for _, name := range beside(t, dest) {
				if name != ".public.cache" {
					left = ino(t, filepath.Join(filepath.Dir(dest), name))
				}
			}
			b3 := publishReuse(t, dest, site3, b2)
			if ino(t, dest) != left {
				t.Error("the folder a killed build left was not brought up to date")
			}
			if got := readStrict(t, dest); !maps.Equal(got, site3) {
				t.Errorf("site:\n got %v\nwant %v", got, site3)
			}
			stampsTrue(t, dest, b3)
			for _, name := range beside(t, dest) {
				if name != ".public.kept" {
					t.Errorf("left %s beside dest", name)
				}
			}
		})
	}
}

// A build that fails after it took the kept folder leaves dest as it
// was, and puts the folder back as .NAME.kept for the next build, which
// publishes exactly its site.
func TestReuseFailed(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	b1 := publishReuse(t, dest, site1, built{})
	b2 := publishReuse(t, dest, site2, b1)
	tx, err := BeginReuse(dest)
	if err != nil {
		t.Fatal(err)
	}
	if !tx.claimed {
		t.Fatal("the kept folder was not taken")
	}
	tx.writeFile = func(name string, data []byte, perm os.FileMode) error {
		if strings.Contains(name, "c.txt") {
			return errors.New("disk full")
		}
		return writeExcl(name, data, perm)
	}
	tx.Add("b/index.html", []byte("b 3"))
	tx.Add("new/index.html", []byte("new"))
	tx.Add("c.txt/index.html", []byte("c"))
	if err := tx.Commit(context.Background()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Commit: %v", err)
	}
	if got := readStrict(t, dest); !maps.Equal(got, site2) {
		t.Errorf("dest changed: %v", got)
	}
	if names := beside(t, dest); !slices.Equal(names, []string{".public.kept"}) {
		t.Errorf("beside dest: %v", names)
	}
	publishReuse(t, dest, site3, b2)
	if got := readStrict(t, dest); !maps.Equal(got, site3) {
		t.Errorf("site: %v", got)
	}
}

// Two builds into one dest at once: one takes the kept folder, the other
// writes a new one (the first holds the folder locked), and the last
// commit's site is dest.
func TestReuseTwoAtOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	b1 := publishReuse(t, dest, site1, built{})
	publishReuse(t, dest, site2, b1)
	first, err := BeginReuse(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	second, err := BeginReuse(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Abort()
	if !first.claimed || second.claimed {
		t.Fatalf("claimed: first %v, second %v", first.claimed, second.claimed)
	}
	if _, err := os.Stat(first.tmp); err != nil {
		t.Fatalf("the second build removed the first one's folder: %v", err)
	}
	for name, data := range site3 {
		first.Add(name, []byte(data))
		second.Add(name, []byte(data+" second"))
	}
	for _, tx := range []*Tx{first, second} {
		if err := tx.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	got := readStrict(t, dest)
	for name, data := range site3 {
		if got[name] != data+" second" {
			t.Errorf("%s: %q", name, got[name])
		}
	}
	if names := beside(t, dest); !slices.Equal(names, []string{".public.kept"}) {
		t.Errorf("beside dest: %v", names)
	}
}

// Begin, as opposed to BeginReuse, neither takes nor makes a kept folder.
func TestBeginKeepsNothing(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	b1 := publishReuse(t, dest, site1, built{})
	publishReuse(t, dest, site2, b1)
	keptIno := ino(t, KeptDir(dest))
	if err := Write(dest, map[string][]byte{"index.html": []byte("plain")}); err != nil {
		t.Fatal(err)
	}
	if got := readStrict(t, dest); len(got) != 1 || got["index.html"] != "plain" {
		t.Errorf("site: %v", got)
	}
	if ino(t, KeptDir(dest)) != keptIno || !maps.Equal(read(t, KeptDir(dest)), site1) {
		t.Error("Begin changed the kept folder")
	}
	if names := beside(t, dest); !slices.Equal(names, []string{".public.kept"}) {
		t.Errorf("beside dest: %v", names)
	}
}

// walkTree lists every entry with its kind and inode, and lists a link
// as a link without following it.
func TestWalkTree(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.html", "d/b.html", "d/e/c.html")
	symlink(t, "/", filepath.Join(root, "d", "up"))
	got, err := walkTree(root)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]entryKind{"a.html": kindFile, "d": kindDir, "d/b.html": kindFile, "d/e": kindDir, "d/e/c.html": kindFile, "d/up": kindOther}
	if len(got) != len(want) {
		t.Errorf("got %v", got)
	}
	for name, kind := range want {
		e, ok := got[name]
		var st syscall.Stat_t
		syscall.Lstat(filepath.Join(root, filepath.FromSlash(name)), &st)
		if !ok || e.kind != kind || e.ino != st.Ino {
			t.Errorf("%s: %+v, want kind %d inode %d", name, e, kind, st.Ino)
		}
	}
}
