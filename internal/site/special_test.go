package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
)

// Links out of the site, links that lead nowhere, named pipes and devices
// are each a positioned error, all reported in one run, in every folder
// the build reads; nothing of them is read, and the build returns at once
// (a pipe opened for reading would wait for a writer for ever, and
// /dev/zero and /dev/urandom never end).
func TestSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs symbolic links and named pipes")
	}
	dir := writeSite(t, map[string]string{
		"content/index.md":       "# Home",
		"content/ok.md":          "Fine.",
		"content/shared/page.md": "Shared.",
		"rubrics/README.txt":     "not a rubric",
	})
	links := map[string]string{
		"content/passwd.txt":        "/etc/passwd",
		"content/host.md":           "/etc/hostname",
		"content/zero.bin":          "/dev/zero",
		"content/dangling.md":       "missing.md",
		"content/alias.md":          "ok.md",         // inside the site: read as ok.md
		"content/more":              "shared",        // a folder inside the site: followed
		"static/random.bin":         "/dev/urandom",  // copied as it is
		"static/js/main.ts":         "/dev/urandom",  // bundled
		"templates/page.html":       "/etc/passwd",   // over a default template
		"rubrics/r.yaml":            "/dev/zero",     // a rubric
		"handbook.yaml":             "/etc/hostname", // the config
		"content/glossary.yaml":     "nowhere.yaml",  // the glossary
		"templates/partials/x.html": "../../../outside.html",
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	for _, name := range []string{"content/fifo.txt", "content/pipe.md", "static/js/pipe.ts"} {
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(name)), 0o644); err != nil {
			t.Skip("cannot make a named pipe:", err)
		}
	}
	_, err := buildDir(dir)
	const outside = "outside the site folder (only files inside the site folder are read; copy the file in instead of linking to it)"
	wantErrors(t, err,
		`content/passwd.txt: cannot read: it is a link to "/etc/passwd", `+outside,
		`content/host.md: cannot read: it is a link to "/etc/hostname", `+outside,
		`content/zero.bin: cannot read: it is a link to "/dev/zero", `+outside,
		`content/dangling.md: cannot read: it is a link to "missing.md", which does not exist (fix the link or remove it)`,
		`content/fifo.txt: cannot read: it is a named pipe (FIFO), not a regular file (only regular files and folders are read; remove it from the site folder)`,
		`content/pipe.md: cannot read: it is a named pipe (FIFO)`,
		`static/js/pipe.ts: cannot read: it is a named pipe (FIFO)`,
		`static/random.bin: cannot read: it is a link to "/dev/urandom", `+outside,
		`static/js/main.ts: cannot read: it is a link to "/dev/urandom", `+outside,
		`templates/page.html: cannot read: it is a link to "/etc/passwd", `+outside,
		`templates/partials/x.html: cannot read: it is a link to "../../../outside.html", `+outside,
		`rubrics/r.yaml: cannot read: it is a link to "/dev/zero", `+outside,
		`handbook.yaml: cannot read: it is a link to "/etc/hostname", `+outside,
		`content/glossary.yaml: cannot read: it is a link to "nowhere.yaml", which does not exist`,
	)
	if strings.Contains(err.Error(), "content/alias.md") || strings.Contains(err.Error(), "content/more") {
		t.Errorf("a link inside the site is refused:\n%v", err)
	}
}

// Links that stay inside the site are read as what they lead to.
func TestLinksInside(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs symbolic links")
	}
	dir := writeSite(t, map[string]string{
		"content/index.md":       "# Home",
		"content/ok.md":          "¶1 Fine.",
		"content/shared/page.md": "Shared.",
		"files/report.txt":       "a report",
	})
	for name, target := range map[string]string{
		"content/same.md":    "ok.md",
		"content/more":       "shared",
		"content/report.txt": "../files/report.txt",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	res, err := buildDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertFile(t, res, "same/index.html", `id="p1"`, "Fine.")
	assertFile(t, res, "more/page/index.html", "Shared.")
	assertFile(t, res, "report.txt", "a report")
}

// A template that writes without end fails at the page size limit once,
// not once per page: each page would take seconds to reach the limit. The
// error is at the template, and names the one page that reached it.
func TestTemplateTooLargeOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/page.html": {Data: []byte(`{{template "layout" .}}{{define "main"}}{{range 1000000000}}` + strings.Repeat("x", 4096) + `{{end}}{{end}}`)},
		"content/index.md":    {Data: []byte("# Home\n")},
	}
	for i := range 6 {
		fsys[fmt.Sprintf("content/p%d.md", i)] = &fstest.MapFile{Data: []byte("Page.\n")}
	}
	_, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
	if err == nil || strings.Count(err.Error(), "the page would be more than") != 1 {
		t.Fatalf("errors:\n%v\nwant one that the page would be too large", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "templates/page.html: the page would be more than 64 MB") || strings.Contains(msg, "other page") {
		t.Errorf("error %q: want it at templates/page.html, after one page", msg)
	}
}
