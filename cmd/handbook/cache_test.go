package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
