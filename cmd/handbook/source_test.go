package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// handbook build and check read the site through sitefs: a link to
// /etc/passwd is not published, a named pipe does not stop the build, and
// each is named with a hint; nothing is written.
func TestSourceSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs symbolic links and named pipes")
	}
	src := writeSite(t, map[string]string{"content/index.md": "# Home\n\n¶1 Fine."})
	if err := os.Symlink("/etc/passwd", filepath.Join(src, "content", "passwd.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := syscall.Mkfifo(filepath.Join(src, "content", "fifo.md"), 0o644); err != nil {
		t.Skip("cannot make a named pipe:", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest)
	if code != exitContent {
		t.Fatalf("exit %d, want %d\n%s", code, exitContent, errs)
	}
	for _, w := range []string{
		`content/passwd.txt: cannot read: it is a link to "/etc/passwd", outside the site folder (`,
		`content/fifo.md: cannot read: it is a named pipe (FIFO), not a regular file (`,
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("errors do not say %q:\n%s", w, errs)
		}
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote %s", dest)
	}
	code, out, _ := runArgs("check", "-s", src)
	if code != exitContent || !strings.Contains(out, "content/passwd.txt: cannot read") || !strings.Contains(out, "content/fifo.md: cannot read") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}

// A source or output folder that is a link leading back to itself is
// said to be one (it was "not a folder", and "EvalSymlinks: too many
// links").
func TestLinkLoops(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("loop", filepath.Join(dir, "loop")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	src := writeSite(t, map[string]string{"content/index.md": "# Home\n"})
	loop := filepath.Join(dir, "loop")
	for _, args := range [][]string{
		{"build", "-s", loop, "-d", filepath.Join(dir, "out")},
		{"check", "-s", loop},
		{"build", "-s", src, "-d", loop},
		{"build", "-s", src, "-d", filepath.Join(loop, "x")},
	} {
		code, _, stderr := runArgs(args...)
		if code != exitUsage || !strings.Contains(stderr, "a symbolic link that leads back to itself") || strings.Contains(stderr, "EvalSymlinks") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
}
