package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/sitefs"
)

// tree reads every file and folder under dir, links as their targets.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			m[rel] = "-> " + target
		case d.IsDir():
			m[rel+"/"] = ""
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameTree(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for name, data := range before {
		if got, ok := after[name]; !ok {
			t.Errorf("%s: %s is gone", what, name)
		} else if got != data {
			t.Errorf("%s: %s changed", what, name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s: %s is new", what, name)
		}
	}
}

// The reproductions of the build that deleted its source, and every other
// output folder the rules refuse: exit 2, a sentence, and not a file
// written or removed anywhere.
func TestBuildRefusesDest(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"repo/.git/HEAD": "ref: refs/heads/main\n", "repo/docs/content/index.md": "# H\n",
		"site/content/index.md": "# H\n", "site/content/a.md": "¶1 Fine.\n",
		"foreign/notes.txt": "mine\n",
		"afile":             "a file\n",
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("site", filepath.Join(root, "sitelink")); err != nil {
		t.Skip(err)
	}
	t.Chdir(root) // the paths are relative, as typed

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"dest holds the source (repo/docs into repo)", []string{"-s", "repo/docs", "-d", root}, "holds the source folder repo/docs"},
		{"dest holds the source, forced", []string{"-s", "repo/docs", "-d", "repo", "--force"}, "holds the source folder"},
		{"source through a link", []string{"-s", "sitelink", "-d", "site"}, "is the source folder"},
		{"dest inside content", []string{"-s", "site", "-d", "site/content/out"}, "inside the source's content/ folder"},
		{"dest is the source", []string{"-s", "site", "-d", "site/."}, "is the source folder"},
		{"dest a file", []string{"-s", "site", "-d", "afile", "--force"}, "is a file"},
		{"foreign dest", []string{"-s", "site", "-d", "foreign"}, "run again with --force"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tree(t, root)
			code, out, errs := runArgs(append([]string{"build"}, tt.args...)...)
			if code != exitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, want %d, and a message saying %q:\n%s%s", code, exitUsage, tt.want, out, errs)
			}
			if strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.HasPrefix(errs, "handbook build: ") {
				t.Errorf("not one sentence: %q", errs)
			}
			sameTree(t, "the folder", before, tree(t, root))
		})
	}
}

// A non-empty folder handbook did not write is replaced with --force, and
// then marked as a site, so the next build needs no --force.
func TestBuildForce(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine."})
	dest := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(filepath.Join(dest, "old"), 0o755)
	os.WriteFile(filepath.Join(dest, "old", "notes.txt"), []byte("mine"), 0o644)
	if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest); code != exitUsage {
		t.Fatalf("without --force: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dest, "old", "notes.txt")); err != nil {
		t.Fatalf("without --force the folder changed: %v", err)
	}
	if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest, "--force"); code != 0 {
		t.Fatalf("with --force: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); err == nil {
		t.Errorf("--force kept the old files")
	}
	for _, f := range []string{publish.Marker, "a/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest); code != 0 {
		t.Errorf("the next build: exit %d\n%s", code, errs)
	}
}

// The default output folder, SOURCE/public, is allowed, build after build;
// and -s S6 -d s6 are two folders on a file system that tells case.
func TestBuildAllowedDest(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine."})
	for range 2 {
		if code, _, errs := runArgs("build", "-q", "-s", src); code != 0 {
			t.Fatalf("exit %d\n%s", code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "public", "a", "index.html")); err != nil {
		t.Error(err)
	}

	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "S6", "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "S6", "content", "index.md"), []byte("# H\n"), 0o644)
	if _, err := os.Stat(filepath.Join(root, "s6")); err == nil {
		t.Skip("this file system does not tell S6 from s6")
	}
	t.Chdir(root)
	if code, _, errs := runArgs("build", "-q", "-s", "S6", "-d", "s6"); code != 0 {
		t.Fatalf("-s S6 -d s6: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(root, "s6", "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(root, "S6", "content", "index.md")); err != nil {
		t.Error(err)
	}
}

// cancelAt is a site's file system that cancels the build at its n-th
// Open.
type cancelAt struct {
	fs.FS
	n, at  atomic.Int64
	cancel func()
	once   sync.Once
}

func (c *cancelAt) Open(name string) (fs.File, error) {
	if n := c.n.Add(1); n == c.at.Load() {
		c.once.Do(c.cancel)
	}
	return c.FS.Open(name)
}

// Ctrl-C or SIGTERM at any point before the swap: exit 130, the previous
// site byte for byte as it was, and nothing left beside it.
func TestBuildInterrupted(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine.", "content/b.md": "# B\n\n[a](a.md)\n", "static/x.txt": "x"})
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, errs)
	}
	// Count the files a build opens.
	counter := &cancelAt{cancel: func() {}}
	var out, errb bytes.Buffer
	open := func(c *cancelAt) func(string) fs.FS {
		return func(dir string) fs.FS { c.FS = os.DirFS(dir); return c }
	}
	// Into dest, so that it reads dest's cache as the builds below do.
	if code := build(context.Background(), []string{"-q", "-s", src, "-d", dest}, &out, &errb, open(counter)); code != 0 {
		t.Fatalf("counting build: exit %d\n%s", code, errb.String())
	}
	opens := counter.n.Load()

	before := tree(t, filepath.Dir(dest))
	os.WriteFile(filepath.Join(src, "content", "a.md"), []byte("¶1 Changed."), 0o644)
	args := []string{"-q", "-s", src, "-d", dest}
	for _, at := range []int64{0, 1, opens / 3, 2 * opens / 3, opens} {
		ctx, cancel := context.WithCancel(context.Background())
		if at == 0 {
			cancel()
		}
		c := &cancelAt{cancel: cancel}
		c.at.Store(at)
		var out, errb bytes.Buffer
		code := interruptible(ctx, build(ctx, args, &out, &errb, open(c)))
		cancel()
		if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("cancelled at open %d of %d: exit %d, want %d\n%s", at, opens, code, exitInterrupted, errb.String())
		}
		sameTree(t, "after the interruption", before, tree(t, filepath.Dir(dest)))
	}

	// Through run, as main calls it.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code := run(ctx, []string{"build", "-q", "-s", src, "-d", dest}, &out, &errb); code != exitInterrupted {
		t.Errorf("run: exit %d, want %d", code, exitInterrupted)
	}
	if code := run(ctx, []string{"check", "-s", src}, &out, &errb); code != exitInterrupted {
		t.Errorf("check: exit %d, want %d", code, exitInterrupted)
	}
	sameTree(t, "after run", before, tree(t, filepath.Dir(dest)))
}

// Killed builds left their folders beside dest; the next build removes
// them, and only them.
func TestBuildRemovesStale(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine."})
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	for _, d := range []string{".public.new-1234/a", ".public.old-99", ".public.new-x/keep"} {
		os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755)
	}
	if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	entries, _ := os.ReadDir(root)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// .public.old-99 was put back as public (a swap killed between its
	// renames), and the build keeps the site it replaced as .public.kept.
	if strings.Join(names, " ") != ".public.cache .public.kept .public.new-x public" {
		t.Errorf("beside dest: %v", names)
	}
}

// --base-url must be an absolute http or https URL.
func TestBaseURL(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine."})
	dest := filepath.Join(t.TempDir(), "public")
	for _, tt := range []struct{ url, want string }{
		{"javascript:alert(1)//", "is not an absolute http(s) URL"},
		{"JAVASCRIPT://alert(1)", "is not an absolute http(s) URL"},
		{"https:intranet.example", "is not an absolute http(s) URL"},
		{"/handbook/", "is not an absolute http(s) URL"},
		{"intranet.example/handbook/", "is not an absolute http(s) URL"},
		{"https:///handbook/", "is not an absolute http(s) URL"},
		{"https://:80/", "is not an absolute http(s) URL"},
		{"https://intranet.example/handbook/?q=1", "query or a fragment"},
		{"https://intranet.example/handbook/#top", "query or a fragment"},
		{"ftp://intranet.example/", "is not an absolute http(s) URL"},
	} {
		code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest, "--base-url", tt.url)
		if code != exitUsage || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "--base-url") {
			t.Errorf("%q: exit %d, want %d and %q:\n%s", tt.url, code, exitUsage, tt.want, errs)
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("a refused build wrote %s", dest)
	}
	if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest, "--base-url", "https://intranet.example/handbook"); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	sitemap, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if !strings.Contains(string(sitemap), "<loc>https://intranet.example/handbook/a/</loc>") {
		t.Errorf("sitemap:\n%s", sitemap)
	}
}

// The file that marks a published site is the one the site folder refuses
// to read from.
func TestMarkerNames(t *testing.T) {
	if sitefs.Marker != publish.Marker {
		t.Errorf("sitefs.Marker %q, publish.Marker %q", sitefs.Marker, publish.Marker)
	}
}

// A link from content/ to the output folder is refused, so a build never
// reads the site it wrote (each build used to copy the last one into
// content/pub/, one level deeper every time).
func TestLinkToOutput(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/index.md": "# Home\n"})
	if code, _, stderr := runArgs("build", "-q", "-s", dir); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	if err := os.Symlink("../public", filepath.Join(dir, "content", "pub")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	before := tree(t, filepath.Join(dir, "public"))
	code, _, stderr := runArgs("build", "-q", "-s", dir)
	if want := "content/pub: cannot read: it leads into public, a site handbook built"; code != exitContent || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
	}
	sameTree(t, "public", before, tree(t, filepath.Join(dir, "public")))
}
