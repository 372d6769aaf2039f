package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/sitefs"
	"github.com/handbook-ssg/handbook/internal/source"
)

// writeSite writes files into a new folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
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
	return dir
}

// buildDir builds the site in dir as handbook build reads it: through
// sitefs.
func buildDir(dir string) (*Result, error) {
	fsys, err := sitefs.Open(dir)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	return Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
}

func wantErrors(t *testing.T, err error, want ...string) {
	t.Helper()
	le, ok := err.(*source.ListError)
	if !ok {
		t.Fatalf("got %v, want content errors", err)
	}
	msg := le.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("errors do not say %q:\n%s", w, msg)
		}
	}
}

// A 20 MB page is refused by its size, quickly, with its name.
func TestHugeFile(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/ok.md": "Fine."})
	big := strings.Repeat("All work and no play. ", 20<<20/22)
	if err := os.WriteFile(filepath.Join(dir, "content", "huge.md"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildDir(dir)
	wantErrors(t, err, "content/huge.md: file is 20.0 MB, over the 4 MB limit")
}

// A symbolic link that points at itself is a positioned error, not a hang.
func TestSymlinkLoop(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/ok.md": "Fine."})
	if err := os.Symlink("loop.md", filepath.Join(dir, "content", "loop.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("../content", filepath.Join(dir, "content", "again")); err != nil {
		t.Fatal(err)
	}
	_, err := buildDir(dir)
	wantErrors(t, err, "content/loop.md: cannot read")
}

// File names with spaces and letters beyond ASCII build, and links to them
// work.
func TestFileNames(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/guidance/my page.md": "¶1 See [the Welsh page](gŵyl.md#p2).",
		"content/guidance/gŵyl.md":    "¶2 Croeso.",
	})
	res, err := buildDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"guidance/my page/index.html", "guidance/gŵyl/index.html"} {
		if _, ok := res.Files[n]; !ok {
			t.Errorf("no %s", n)
		}
	}
	if !strings.Contains(string(res.Files["guidance/my page/index.html"]), `href="../../guidance/g%C5%B5yl/index.html#p2"`) &&
		!strings.Contains(string(res.Files["guidance/my page/index.html"]), `href="../../guidance/gŵyl/index.html#p2"`) {
		t.Errorf("link to gŵyl.md not resolved:\n%s", res.Files["guidance/my page/index.html"])
	}
}

// CRLF line endings and a byte order mark are accepted, and positions stay
// right.
func TestCRLFAndBOM(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/a.md": "\ufeff---\r\ntitle: A\r\n---\r\n\r\n¶1 See [b](b.md).\r\n",
	})
	_, err := buildDir(dir)
	wantErrors(t, err, `content/a.md:5:8: link "b.md": there is no page content/b.md`)
}

// A folder of Markdown without front matter, config or rubrics builds: the
// title comes from the first heading, else the file name.
func TestPlainFolder(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/notes/first.md":        "# The first note\n\nText.",
		"content/notes/second-thing.md": "Text without a heading.",
	})
	res, err := buildDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[string]string{
		"notes/first/index.html":        `<h1 id="the-first-note">The first note</h1>`,
		"notes/second-thing/index.html": "<h1>Second thing</h1>",
		"index.html":                    "Handbook",
		"notes/index.html":              "The first note",
	} {
		if !strings.Contains(string(res.Files[n]), want) {
			t.Errorf("%s does not hold %q", n, want)
		}
	}
	if strings.Count(string(res.Files["notes/first/index.html"]), "The first note</h1>") != 1 {
		t.Errorf("the title heading is shown twice")
	}
}
