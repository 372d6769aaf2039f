package main

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sameInode reports whether the file name is the same file in the two
// folders: kept from one build to the next as a hard link, not written
// again.
func sameInode(t *testing.T, a, b map[string]os.FileInfo, name string) bool {
	t.Helper()
	x, y := a[name], b[name]
	if x == nil || y == nil {
		t.Fatalf("%s is missing", name)
	}
	return os.SameFile(x, y)
}

// infos stats every file under dir, by slash path. Taken before the next
// build, they outlive the folder, which the build replaces.
func infos(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	m := map[string]os.FileInfo{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = fi
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// handbook build keeps a cache beside DEST; after an edit the next build
// writes what changed, keeps every other file as it was (the same file,
// hard-linked), and gives byte for byte what a cold build gives. A file
// edited in DEST is made again; --no-cache builds cold; a damaged cache
// file costs the cache, never the build.
func TestBuildCache(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/a.md":     "---\ntitle: A\n---\n¶1 Fine. See [b](b.md).\n",
		"content/b.md":     "# B\n\n¶1 Also fine. See [a](a.md).\n",
		"content/c/d.md":   "# D\n\n¶1 Deeper. See [a](../a.md).\n",
		"static/extra.txt": "copied",
	})
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	build := func(args ...string) {
		t.Helper()
		if code, _, errs := runArgs(append([]string{"build", "-q", "-s", src, "-d", dest}, args...)...); code != 0 || errs != "" {
			t.Fatalf("build %v: exit %d\n%s", args, code, errs)
		}
	}
	// coldSame fails unless dest is what a cold build, elsewhere, gives.
	coldSame := func(what string) {
		t.Helper()
		cold := filepath.Join(t.TempDir(), "cold")
		if code, _, errs := runArgs("build", "-q", "--no-cache", "-s", src, "-d", cold); code != 0 {
			t.Fatalf("cold build: exit %d\n%s", code, errs)
		}
		sameTree(t, what, snapshot(t, cold), snapshot(t, dest))
	}
	build()
	cacheDir := filepath.Join(root, ".public.cache")
	for _, s := range []string{"index", "docs-00", "bundle", "search"} {
		if _, err := os.Stat(filepath.Join(cacheDir, s)); err != nil {
			t.Errorf("the cache has no %s: %v", s, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, ".public.cache")); err == nil {
		t.Error("the cache is published inside DEST")
	}

	before := infos(t, dest)
	os.WriteFile(filepath.Join(src, "content", "c", "d.md"), []byte("# D\n\n¶1 Deeper still. See [a](../a.md).\n"), 0o644)
	build()
	coldSame("after an edit")
	after := infos(t, dest)
	if !sameInode(t, before, after, "a/index.html") || !sameInode(t, before, after, "b/index.html") {
		t.Error("a page the edit does not touch was written again, not kept")
	}
	if sameInode(t, before, after, "c/d/index.html") {
		t.Error("the edited page was kept, not made again")
	}

	// A file edited in DEST is made again.
	os.WriteFile(filepath.Join(dest, "b", "index.html"), []byte("edited by hand"), 0o644)
	build()
	coldSame("after an edit in DEST")

	// --no-cache keeps nothing, and gives the same site.
	before = infos(t, dest)
	build("--no-cache")
	coldSame("--no-cache")
	if sameInode(t, before, infos(t, dest), "a/index.html") {
		t.Error("--no-cache kept a file of the previous site")
	}

	// Each cache file damaged in turn: the build is cold and whole, and
	// silent.
	entries, err := os.ReadDir(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		for _, damage := range []string{"truncate", "flip"} {
			file := filepath.Join(cacheDir, e.Name())
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if damage == "truncate" {
				data = data[:len(data)/2]
			} else {
				data[len(data)-1] ^= 0x55
			}
			os.WriteFile(file, data, 0o644)
			os.WriteFile(filepath.Join(src, "content", "a.md"), []byte("---\ntitle: A\n---\n¶1 Fine, "+damage+" "+e.Name()+". See [b](b.md).\n"), 0o644)
			build()
			coldSame(damage + " " + e.Name())
		}
	}
}

// A site folder that is its own content folder builds into SOURCE/public
// with its cache in SOURCE/.public.cache: the next build neither reads
// the cache as pages nor publishes it.
func TestBuildCacheNotContent(t *testing.T) {
	src := writeSite(t, map[string]string{"index.md": "# Home\n\n¶1 Fine. See [b](b.md).\n", "b.md": "# B\n\n¶1 Fine.\n"})
	for range 2 {
		if code, _, errs := runArgs("build", "-q", "-s", src); code != 0 {
			t.Fatalf("exit %d\n%s", code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(src, ".public.cache", "index")); err != nil {
		t.Fatalf("no cache beside SOURCE/public: %v", err)
	}
	for name := range snapshot(t, filepath.Join(src, "public")) {
		if strings.Contains(name, "cache") {
			t.Errorf("the site publishes %s", name)
		}
	}
}

// A site folder that is its own content folder keeps the replaced site in
// SOURCE/.public.kept: no build reads it as pages or publishes it, and
// each gives what a cold build gives.
func TestBuildKeptNotContent(t *testing.T) {
	src := writeSite(t, map[string]string{"index.md": "# Home\n\n¶1 Fine. See [b](b.md).\n", "b.md": "# B\n\n¶1 Fine.\n"})
	for i := range 4 {
		os.WriteFile(filepath.Join(src, "b.md"), []byte(fmt.Sprintf("# B\n\n¶1 Fine, %d.\n", i)), 0o644)
		if code, _, errs := runArgs("build", "-q", "-s", src); code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i+1, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(src, ".public.kept", "index.html")); err != nil {
		t.Fatalf("no kept site beside SOURCE/public: %v", err)
	}
	// The cold build is of a copy of the sources alone.
	fresh := writeSite(t, map[string]string{"index.md": "# Home\n\n¶1 Fine. See [b](b.md).\n", "b.md": "# B\n\n¶1 Fine, 3.\n"})
	if code, _, errs := runArgs("build", "-q", "-s", fresh); code != 0 {
		t.Fatalf("cold build: exit %d\n%s", code, errs)
	}
	sameTree(t, "a site folder that is its own content folder", snapshot(t, filepath.Join(fresh, "public")), snapshot(t, filepath.Join(src, "public")))
}

// A .public.cache that is a symbolic link, here to a folder of static/,
// is not written through: the build succeeds and says why it has no
// cache, and the next site does not publish cache files from static/.
func TestBuildCacheLinkNotFollowed(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/a.md":         "# A\n\n¶1 Fine.\n",
		"static/more/keep.txt": "a file of the site",
	})
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	if err := os.Symlink(filepath.Join(src, "static", "more"), filepath.Join(root, ".public.cache")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	for i := range 2 {
		code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest)
		if code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i+1, code, errs)
		}
		if !strings.Contains(errs, ".public.cache is not a folder") {
			t.Errorf("build %d does not say why it has no cache:\n%s", i+1, errs)
		}
	}
	entries, err := os.ReadDir(filepath.Join(src, "static", "more"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("static/more holds %d files, want its one: the cache was written through the link", len(entries))
	}
	cold := filepath.Join(t.TempDir(), "cold")
	if code, _, errs := runArgs("build", "-q", "--no-cache", "-s", src, "-d", cold); code != 0 {
		t.Fatalf("cold build: exit %d\n%s", code, errs)
	}
	sameTree(t, "with the cache a link", snapshot(t, cold), snapshot(t, dest))
}

// onlyFilesAndFolders stops the test on anything under dir that is
// neither a folder nor a regular file (a link, a named pipe, which
// reading would wait on for ever).
func onlyFilesAndFolders(t *testing.T, dir string) {
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
}

// handbook build keeps the site it replaced beside DEST in .NAME.kept and
// the next build brings that folder up to date and swaps it in: every
// build gives byte for byte what a cold build gives, also when the kept
// folder was changed by hand in every way (a file edited, a file or a
// folder replaced by a link out of it, by a named pipe or by a folder,
// files added), and nothing outside DEST, the kept folder and the cache
// is touched. --no-cache leaves the kept folder as it is.
func TestBuildKept(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/a.md":     "---\ntitle: A\n---\n¶1 Fine. See [b](b.md).\n",
		"content/b.md":     "# B\n\n¶1 Also fine. See [a](a.md).\n",
		"content/c/d.md":   "# D\n\n¶1 Deeper. See [a](../a.md).\n",
		"content/e.md":     "# E\n\n¶1 Gone later.\n",
		"static/extra.txt": "copied",
	})
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	kept := filepath.Join(root, ".public.kept")
	outside := filepath.Join(t.TempDir(), "outside")
	os.MkdirAll(filepath.Join(outside, "b"), 0o755)
	os.WriteFile(filepath.Join(outside, "precious.txt"), []byte("precious"), 0o644)
	os.WriteFile(filepath.Join(outside, "b", "index.html"), []byte("precious b"), 0o644)
	outsideBefore := tree(t, outside)
	n := 0
	build := func(what string, args ...string) {
		t.Helper()
		if code, _, errs := runArgs(append([]string{"build", "-q", "-s", src, "-d", dest}, args...)...); code != 0 || errs != "" {
			t.Fatalf("%s: exit %d\n%s", what, code, errs)
		}
		onlyFilesAndFolders(t, dest)
		n++
		cold := filepath.Join(t.TempDir(), "cold")
		if code, _, errs := runArgs("build", "-q", "--no-cache", "-s", src, "-d", cold); code != 0 {
			t.Fatalf("cold build: exit %d\n%s", code, errs)
		}
		sameTree(t, what, snapshot(t, cold), snapshot(t, dest))
		sameTree(t, what+": outside", outsideBefore, tree(t, outside))
	}
	edit := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build("first")
	if _, err := os.Lstat(kept); err == nil {
		t.Error("a first build into a new DEST keeps a folder")
	}
	edit("content/c/d.md", "# D\n\n¶1 Deeper still. See [a](../a.md).\n")
	build("second")
	fi, err := os.Stat(kept)
	if err != nil {
		t.Fatalf("the second build kept nothing: %v", err)
	}
	edit("content/c/d.md", "# D\n\n¶1 Deepest. See [a](../a.md).\n")
	build("third")
	if now, err := os.Stat(dest); err != nil || !os.SameFile(fi, now) {
		t.Error("the third build did not bring the kept folder up to date")
	}

	tampers := []struct {
		name string
		do   func(kept string)
	}{
		{"a kept file edited", func(kept string) {
			os.WriteFile(filepath.Join(kept, "a", "index.html"), []byte("edited in the kept folder"), 0o644)
		}},
		{"a file a link out", func(kept string) {
			p := filepath.Join(kept, "b", "index.html")
			os.Remove(p)
			os.Symlink(filepath.Join(outside, "precious.txt"), p)
		}},
		{"a folder a link out", func(kept string) {
			os.RemoveAll(filepath.Join(kept, "b"))
			os.Symlink(outside, filepath.Join(kept, "b"))
		}},
		{"a file a named pipe", func(kept string) {
			p := filepath.Join(kept, "a", "index.html")
			os.Remove(p)
			syscall.Mkfifo(p, 0o644)
		}},
		{"a file a folder", func(kept string) {
			p := filepath.Join(kept, "c", "d", "index.html")
			os.Remove(p)
			os.MkdirAll(filepath.Join(p, "x"), 0o755)
		}},
		{"files added", func(kept string) {
			os.WriteFile(filepath.Join(kept, "added.html"), []byte("added"), 0o644)
			os.MkdirAll(filepath.Join(kept, "more", "deep"), 0o755)
			os.Symlink(outside, filepath.Join(kept, "out"))
		}},
	}
	for i, tt := range tampers {
		tt.do(kept)
		switch i % 3 {
		case 0:
			edit("content/b.md", "# B\n\n¶1 Also fine, "+tt.name+". See [a](a.md).\n")
		case 1:
			os.Remove(filepath.Join(src, "content", "e.md"))
		case 2:
			edit("content/e.md", "# E\n\n¶1 Back, "+tt.name+".\n")
		}
		build(tt.name)
	}

	// --no-cache writes a new folder and leaves the kept one alone.
	keptBefore := tree(t, kept)
	build("--no-cache", "--no-cache")
	sameTree(t, "the kept folder after --no-cache", keptBefore, tree(t, kept))
}

// A build killed (SIGKILL) at any moment of a rebuild into a kept folder
// leaves DEST the whole previous site or the whole new one, and the next
// build succeeds with a cold build's bytes.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds many times")
	}
	files := map[string]string{"static/extra.txt": "copied"}
	for i := range 60 {
		files[fmt.Sprintf("content/s%d/p%d.md", i%6, i)] = fmt.Sprintf("# Page %d\n\n¶1 Text of page %d. See [the first](/s0/p0/).\n", i, i)
	}
	src := writeSite(t, files)
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	page := filepath.Join(src, "content", "s1", "p1.md")
	cold := func() map[string]string {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "cold")
		if code, _, errs := runArgs("build", "-q", "--no-cache", "-s", src, "-d", dir); code != 0 {
			t.Fatalf("cold build: exit %d\n%s", code, errs)
		}
		return snapshot(t, dir)
	}
	build := func() {
		t.Helper()
		if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest); code != 0 {
			t.Fatalf("build: exit %d\n%s", code, errs)
		}
	}
	build()
	build() // the next build has a kept folder
	// How long a rebuild after an edit takes, start to end, when it is
	// not killed: the kills fall from early in it to just after it.
	os.WriteFile(page, []byte("# Page 1\n\n¶1 Edited.\n"), 0o644)
	start := time.Now()
	cmd, _ := startHandbook(t, "build", "-q", "-s", src, "-d", dest)
	cmd.Wait()
	took := time.Since(start)
	const kills = 8
	for i := range kills {
		before := cold()
		os.WriteFile(page, []byte(fmt.Sprintf("# Page 1\n\n¶1 Edited %d times.\n", i+1)), 0o644)
		after := cold()
		cmd, _ := startHandbook(t, "build", "-q", "-s", src, "-d", dest)
		wait := took * time.Duration(i+1) / (kills - 1)
		time.Sleep(wait)
		cmd.Process.Kill()
		cmd.Wait()
		onlyFilesAndFolders(t, dest)
		got := snapshot(t, dest)
		switch {
		case maps.Equal(got, before):
			t.Logf("killed after %v (a rebuild takes %v): DEST is the previous site", wait, took)
		case maps.Equal(got, after):
			t.Logf("killed after %v (a rebuild takes %v): DEST is the new site", wait, took)
		default:
			t.Fatalf("killed after %v (a rebuild takes %v): DEST is neither the previous site nor the new one", wait, took)
		}
		build()
		sameTree(t, fmt.Sprintf("the build after a kill after %v", wait), after, snapshot(t, dest))
	}
}
