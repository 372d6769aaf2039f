package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// tree makes a site folder: files by path, and links by path → target.
func tree(t *testing.T, files map[string]string, links map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		target = strings.ReplaceAll(target, "$DIR", dir)
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	return dir
}

// snapshots has open return a Snapshot (TestSnapshot).
var snapshots bool

func open(t *testing.T, dir string) *FS {
	t.Helper()
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if snapshots {
		return f.Snapshot()
	}
	return f
}

// A Snapshot refuses and reads what an FS does: the tests of FS, run on
// one.
func TestSnapshot(t *testing.T) {
	snapshots = true
	defer func() { snapshots = false }()
	for name, test := range map[string]func(*testing.T){
		"Refused": TestRefused, "WalkEnds": TestWalkEnds, "FS": TestFS, "Limit": TestLimit,
		"SwappedForPipe": TestSwappedForPipe, "OwnOutput": TestOwnOutput, "NameNotUTF8": TestNameNotUTF8,
		"OwnOutputMarker": TestOwnOutputMarker, "Verdicts": TestFolderVerdicts,
	} {
		t.Run(name, test)
	}
}

// A folder's verdict (a link on the way, a built site at or above it)
// holds for every name in it and under it, and for no other: asked in
// every order, a Snapshot, which works it out once per folder, answers
// each name as the FS does.
func TestFolderVerdicts(t *testing.T) {
	dir := tree(t, map[string]string{
		"content/a.md":              "A",
		"content/b.md":              "B",
		"content/sub/c.md":          "C",
		"content/sub/deep/d.md":     "D",
		"content/sib/e.md":          "E",
		"content/built/" + Marker:   "m",
		"content/built/f.md":        "F",
		"content/built/deep/g.md":   "G",
		"content/plain/h.md":        "H",
		"content/plain/deep/i.md":   "I",
		"other/j.md":                "J",
		"other/deep/k.md":           "K",
		"outbuilt/" + Marker:        "m",
		"outbuilt/l.md":             "L",
		"outbuilt/deep/m.md":        "M",
		"content/sub/deep/n.md":     "N",
		"content/sib/deeper/x/o.md": "O",
	}, map[string]string{
		"content/linked":      "../other",
		"content/linkedbuilt": "../outbuilt",
		"content/sib/up":      "../sub",
	})
	want := map[string]string{ // "" read, else part of the refusal
		"content/a.md":                  "",
		"content/b.md":                  "",
		"content/sub/c.md":              "",
		"content/sub/deep/d.md":         "",
		"content/sub/deep/n.md":         "",
		"content/sib/e.md":              "",
		"content/sib/deeper/x/o.md":     "",
		"content/plain/h.md":            "",
		"content/plain/deep/i.md":       "",
		"content/linked/j.md":           "",
		"content/linked/deep/k.md":      "",
		"content/sib/up/c.md":           "",
		"content/sib/up/deep/d.md":      "",
		"content/built/f.md":            "it is in content/built, a site handbook built",
		"content/built/deep/g.md":       "it is in content/built, a site handbook built",
		"content/linkedbuilt/l.md":      "it leads into outbuilt, a site handbook built",
		"content/linkedbuilt/deep/m.md": "it leads into outbuilt, a site handbook built",
		"outbuilt/l.md":                 "it is in outbuilt, a site handbook built",
		"outbuilt/deep/m.md":            "it is in outbuilt, a site handbook built",
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	slices.Sort(names)
	backward := slices.Clone(names)
	slices.Reverse(backward)
	for _, order := range [][]string{names, backward} {
		f := open(t, dir)
		for _, name := range order {
			got, err := f.ReadFile(name)
			switch w := want[name]; {
			case w == "" && (err != nil || len(got) != 1):
				t.Errorf("ReadFile(%s) = %q, %v; want the file", name, got, err)
			case w != "" && (err == nil || !strings.Contains(err.Error(), w)):
				t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, w)
			}
		}
	}
}

// mkfifo makes a named pipe, or skips the test where there are none.
func mkfifo(t *testing.T, p string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system here")
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("cannot make a named pipe:", err)
	}
}

// Every way out of the site folder, and every file that is not a regular
// file, is refused with a reason and a hint; nothing of it is read.
func TestRefused(t *testing.T) {
	dir := tree(t, map[string]string{
		"content/a.md":         "A",
		"content/sub/b.md":     "B",
		"content/sub/deep/c":   "C",
		"other/d.md":           "D",
		"content/loopdir/e.md": "E",
	}, map[string]string{
		"content/passwd.txt":      "/etc/passwd",
		"content/host.md":         "/etc/hostname",
		"content/zero.bin":        "/dev/zero",
		"content/up.md":           "../../outside.md",
		"content/abs.md":          "$DIR/content/a.md",
		"content/dangling.md":     "missing.md",
		"content/self.md":         "self.md",
		"content/linked":          "../other",
		"content/loopdir/again":   "..",
		"other/inner":             "../content/sub",
		"content/sub/deep/parent": "../..",
	})
	mkfifo(t, filepath.Join(dir, "content", "fifo.txt"))
	if err := os.Symlink("fifo.txt", filepath.Join(dir, "content", "tofifo.md")); err != nil {
		t.Fatal(err)
	}
	f := open(t, dir)
	tests := []struct {
		name, msg, hint string
	}{
		{"content/passwd.txt", `it is a link to "/etc/passwd", outside the site folder`, "copy the file in"},
		{"content/host.md", `it is a link to "/etc/hostname", outside the site folder`, "copy the file in"},
		{"content/zero.bin", `it is a link to "/dev/zero", outside the site folder`, "copy the file in"},
		{"content/up.md", `it is a link to "../../outside.md", outside the site folder`, "copy the file in"},
		{"content/abs.md", "it is a link by an absolute path", "make it a relative link"},
		{"content/dangling.md", `it is a link to "missing.md", which does not exist`, "fix the link or remove it"},
		{"content/self.md", "it is a link that leads back to itself", "fix the link or remove it"},
		{"content/fifo.txt", "it is a named pipe (FIFO), not a regular file", "only regular files"},
		{"content/tofifo.md", `it is a link to "fifo.txt", which is a named pipe (FIFO), not a regular file`, "only regular files"},
		{"content/loopdir/again", "it is a link to a folder that holds it", "remove the link"},
		{"content/sub/deep/parent", "it is a link to a folder that holds it", "remove the link"},
		{"content/linked/inner", "inside the linked folder content/linked", "copy it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for op, call := range map[string]func() error{
				"Stat":     func() error { _, err := f.Stat(tt.name); return err },
				"Open":     func() error { _, err := f.Open(tt.name); return err },
				"ReadFile": func() error { _, err := f.ReadFile(tt.name); return err },
				"ReadDir":  func() error { _, err := f.ReadDir(tt.name); return err },
			} {
				err := call()
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("%s: got %v, want a refusal", op, err)
				}
				if !strings.Contains(e.Error(), tt.msg) || !strings.Contains(e.Hint(), tt.hint) {
					t.Errorf("%s: got %q (%s), want %q (%s)", op, e.Error(), e.Hint(), tt.msg, tt.hint)
				}
				if errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%s: a refusal must not read as a missing file, or a default would take its place", op)
				}
			}
		})
	}

	// What may be read is read, links inside the folder included.
	for name, want := range map[string]string{
		"content/a.md":              "A",
		"content/linked/d.md":       "D",
		"content/loopdir/e.md":      "E",
		"other/inner/b.md":          "B",
		"content/sub/deep/c":        "C",
		"content/linked/inner/b.md": "B", // the walk does not go here, but a path through links inside the folder is fine
	} {
		got, err := f.ReadFile(name)
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
}

// A walk through folder links inside the site ends, and sees each link
// as what it leads to.
func TestWalkEnds(t *testing.T) {
	dir := tree(t, map[string]string{"content/a/x.md": "X", "content/b/y.md": "Y", "content/z.md": "Z"}, map[string]string{
		"content/a/tob":   "../b", // a → b and b → a: each followed once
		"content/b/toa":   "../a",
		"content/a/again": "..",
		"content/zz.md":   "z.md",
	})
	f := open(t, dir)
	var seen, bad []string
	err := fs.WalkDir(f, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			bad = append(bad, p)
			return nil
		}
		if len(seen) > 100 {
			t.Fatal("the walk does not end")
		}
		if !d.IsDir() {
			if _, err := f.ReadFile(p); err != nil {
				bad = append(bad, p)
				return nil
			}
			seen = append(seen, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "content/a/tob/y.md content/a/x.md content/b/toa/x.md content/b/y.md content/z.md content/zz.md"
	if got := strings.Join(seen, " "); got != want {
		t.Errorf("read\n%s\nwant\n%s", got, want)
	}
	if got := strings.Join(bad, " "); got != "content/a/again content/a/tob/toa content/b/toa/again content/b/toa/tob" {
		t.Errorf("refused %s", got)
	}
}

// The file system behaves as io/fs says a file system does.
func TestFS(t *testing.T) {
	dir := tree(t, map[string]string{"content/a.md": "A", "static/css/x.css": "x", "other/o.txt": "O"},
		map[string]string{"content/b.md": "a.md", "content/o": "../other"})
	if err := fstest.TestFS(open(t, dir), "content/a.md", "content/b.md", "content/o/o.txt", "static/css/x.css"); err != nil {
		t.Fatal(err)
	}
}

// A file over the limit is refused before it is read; one that grows past
// it while it is read stops at the limit, with an error.
func TestLimit(t *testing.T) {
	dir := tree(t, map[string]string{"big.txt": strings.Repeat("x", 100), "ok.txt": strings.Repeat("y", 64), "grows.txt": "small"}, nil)
	f := open(t, dir)
	f.limit = 64
	if _, err := f.Open("big.txt"); err == nil || !strings.Contains(err.Error(), "over the 0 MB limit") {
		t.Errorf("big.txt: got %v, want the limit", err)
	}
	if b, err := f.ReadFile("ok.txt"); err != nil || len(b) != 64 {
		t.Errorf("ok.txt: got %d bytes, %v", len(b), err)
	}
	h, err := f.Open("grows.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if err := os.WriteFile(filepath.Join(dir, "grows.txt"), []byte(strings.Repeat("z", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(h)
	if err == nil || !strings.Contains(err.Error(), "grew past") || len(b) > 65 {
		t.Errorf("grows.txt: read %d bytes, %v; want an error at the limit", len(b), err)
	}
}

// A file swapped for a named pipe after it was checked is refused when it
// is opened, without waiting for a writer.
func TestSwappedForPipe(t *testing.T) {
	dir := tree(t, map[string]string{"a.md": "A"}, nil)
	f := open(t, dir)
	fi, err := f.Stat("a.md")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "a.md")
	// Kept, so that the pipe cannot take its inode number.
	if err := os.Rename(p, p+".old"); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, p)
	// Open checks again, so this is refused from the metadata; the open
	// with O_NONBLOCK after it is the guard should the swap come later.
	if _, err := f.Open("a.md"); err == nil {
		t.Errorf("a pipe was opened")
	}
	h, err := f.root.OpenFile("a.md", os.O_RDONLY|openFlags, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	st, err := h.Stat()
	if err != nil || st.Mode().IsRegular() || os.SameFile(st, fi) {
		t.Errorf("the opened pipe passes as the file checked: %v", err)
	}
}

// A folder holding Marker is a site handbook built: nothing in it is read,
// whether reached through a link or not, so that a build never reads its
// own output (content/pub → ../public put the last site into the next,
// one level deeper on every build).
func TestOwnOutput(t *testing.T) {
	dir := tree(t, map[string]string{
		"content/a.md":                  "A",
		"public/" + Marker:              "m",
		"public/index.html":             "I",
		"public/search/x.js":            "X",
		"static/archive/" + Marker:      "m",
		"static/archive/old/index.html": "O",
		"static/kept/" + Marker + "/x":  "a folder of that name is no marker",
		"static/kept/index.html":        "K",
	}, map[string]string{
		"content/pub":       "../public",
		"content/page.html": "../public/index.html",
		"content/search":    "../public/search",
		"templates":         "public",
	})
	f := open(t, dir)
	for _, name := range []string{"content/pub", "content/page.html", "content/search", "content/search/x.js", "templates/index.html",
		"public", "public/index.html", "static/archive", "static/archive/old/index.html"} {
		for op, call := range map[string]func() error{
			"Stat":     func() error { _, err := f.Stat(name); return err },
			"ReadFile": func() error { _, err := f.ReadFile(name); return err },
			"ReadDir":  func() error { _, err := f.ReadDir(name); return err },
		} {
			var e *Error
			if err := call(); !errors.As(err, &e) || !strings.Contains(e.Error(), "a site handbook built") || !strings.Contains(e.Hint(), Marker) {
				t.Errorf("%s(%s): got %v, want the refusal of a built site", op, name, err)
			}
		}
	}
	for name, want := range map[string]string{"content/a.md": "A", "static/kept/index.html": "K"} {
		if got, err := f.ReadFile(name); err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
}

// A name that is not UTF-8 is refused as such (it used to read as
// "invalid argument", with the hint for a broken link).
func TestNameNotUTF8(t *testing.T) {
	dir := tree(t, map[string]string{"content/a.md": "A"}, nil)
	if err := os.WriteFile(filepath.Join(dir, "content", "bad\xff.md"), []byte("B"), 0o644); err != nil {
		t.Skip("this file system takes only UTF-8 names:", err)
	}
	f := open(t, dir)
	for op, call := range map[string]func() error{
		"Stat":     func() error { _, err := f.Stat("content/bad\xff.md"); return err },
		"ReadFile": func() error { _, err := f.ReadFile("content/bad\xff.md"); return err },
	} {
		var e *Error
		if err := call(); !errors.As(err, &e) || !strings.Contains(e.Error(), "not UTF-8") || !strings.Contains(e.Hint(), "rename") {
			t.Errorf("%s: got %v, want the refusal of a name that is not UTF-8", op, err)
		}
	}
}

// Whether a folder is a built site is asked by stating its Marker, as the
// walks of a site folder do: that Stat answers, but for a Marker reached
// through a link, and the Marker is not read.
func TestOwnOutputMarker(t *testing.T) {
	dir := tree(t, map[string]string{
		"content/a.md":      "A",
		"public/" + Marker:  "m",
		"public/index.html": "I",
	}, map[string]string{"content/pub": "../public"})
	f := open(t, dir)
	if fi, err := f.Stat("public/" + Marker); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("Stat(public/%s) = %v, %v; want the file", Marker, fi, err)
	}
	for op, call := range map[string]func() error{
		"ReadFile public/":      func() error { _, err := f.ReadFile("public/" + Marker); return err },
		"Open public/":          func() error { _, err := f.Open("public/" + Marker); return err },
		"Stat content/pub/":     func() error { _, err := f.Stat("content/pub/" + Marker); return err },
		"ReadFile content/pub/": func() error { _, err := f.ReadFile("content/pub/" + Marker); return err },
	} {
		var e *Error
		if err := call(); !errors.As(err, &e) || !strings.Contains(e.Error(), "a site handbook built") {
			t.Errorf("%s%s: got %v, want the refusal of a built site", op, Marker, err)
		}
	}
}
