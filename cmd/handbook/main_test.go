package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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

func runArgs(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			m[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"nope"}, {"build", "-nope"}, {"build", "extra"}, {"check", "--format", "xml"}} {
		if code, _, _ := runArgs(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, out, _ := runArgs("version"); code != 0 || !strings.HasPrefix(out, "handbook ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// A failed build lists every error, exits 1, and leaves the previous site
// byte for byte as it was.
func TestFailedBuildLeavesDest(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine."})
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, errs)
	}
	before := snapshot(t, dest)
	if err := os.WriteFile(filepath.Join(src, "content", "a.md"), []byte("---\ntitel: x\n---\n[x](missing.md)"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content", "b.md"), []byte("[y](gone.md)"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runArgs("build", "-q", "-s", src, "-d", dest)
	if code != exitContent {
		t.Fatalf("exit %d, want %d", code, exitContent)
	}
	for _, w := range []string{"content/a.md:2:1: unknown key \"titel\"", "content/b.md:1:1: link \"gone.md\""} {
		if !strings.Contains(errs, w) {
			t.Errorf("errors do not say %q:\n%s", w, errs)
		}
	}
	after := snapshot(t, dest)
	if len(before) != len(after) {
		t.Fatalf("dest had %d files, now %d", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// The first build's cache stays: the failed build never wrote to it.
	if strings.Join(names, " ") != ".public.cache public" {
		t.Errorf("beside dest: %v, want only dest and its cache", names)
	}
}

func TestCheck(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/a.md": "---\nreview_by: 2020-01-01\nowner: Team A\n---\n[click here](http://example.org/)",
	})
	code, out, _ := runArgs("check", "-s", src)
	if code != 0 {
		t.Errorf("warnings alone: exit %d, want 0", code)
	}
	for _, w := range []string{"content/a.md:2:1: warning: page was due for review by 2020-01-01 (owner: Team A)",
		`content/a.md:5:1: warning: link text "click here"`, `warning: external link "http://example.org/" is not https`} {
		if !strings.Contains(out, w) {
			t.Errorf("check does not say %q:\n%s", w, out)
		}
	}
	code, out, _ = runArgs("check", "-s", src, "--format", "json")
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil || code != 0 || len(items) != 3 {
		t.Errorf("json: exit %d, %d items, %v\n%s", code, len(items), err, out)
	}
	os.WriteFile(filepath.Join(src, "content", "b.md"), []byte("[x](nope.md)"), 0o644)
	if code, _, _ := runArgs("check", "-s", src); code != exitContent {
		t.Errorf("errors: exit %d, want %d", code, exitContent)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Errorf("check wrote public/")
	}
}

func TestIDs(t *testing.T) {
	src := writeSite(t, map[string]string{"rubrics/r.yaml": "id: r\ntitle: R\nlang: en\nscale:\n  descriptors: none\n  levels: [{id: \"yes\", label: \"Yes\"}]\nitems:\n  - {id: one, title: One}\n"})
	if code, out, errs := runArgs("ids", "-s", src, "--write"); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	data, _ := os.ReadFile(filepath.Join(src, "rubrics", "published.txt"))
	if !strings.Contains(string(data), "\nr\nr/one\n") {
		t.Errorf("published.txt:\n%s", data)
	}
	// Renaming the standard without an alias now fails the build.
	os.WriteFile(filepath.Join(src, "rubrics", "r.yaml"), []byte("id: r\ntitle: R\nlang: en\nscale:\n  descriptors: none\n  levels: [{id: \"yes\", label: \"Yes\"}]\nitems:\n  - {id: uno, title: One}\n"), 0o644)
	code, _, errs := runArgs("check", "-s", src)
	if code != exitContent || !strings.Contains(errs+"", "") {
		t.Errorf("exit %d", code)
	}
	_, out, _ := runArgs("check", "-s", src)
	if !strings.Contains(out, "published id r/one no longer exists") {
		t.Errorf("check output:\n%s", out)
	}
	// With an alias it builds again.
	os.WriteFile(filepath.Join(src, "rubrics", "r.yaml"), []byte("id: r\ntitle: R\nlang: en\nscale:\n  descriptors: none\n  levels: [{id: \"yes\", label: \"Yes\"}]\nitems:\n  - {id: uno, title: One, aliases: [one]}\n"), 0o644)
	if code, out, _ := runArgs("check", "-s", src); code != 0 {
		t.Errorf("with alias: exit %d\n%s", code, out)
	}
}

// --cpuprofile writes a CPU profile of the build (gzip-compressed protocol
// buffers, as go tool pprof reads) beside a site built as usual; a file it
// cannot create is a usage error, before anything is built.
func TestBuildCPUProfile(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine."})
	dir := t.TempDir()
	prof := filepath.Join(dir, "cpu.pprof")
	dest := filepath.Join(dir, "public")
	if code, _, errs := runArgs("build", "-q", "-cpuprofile", prof, "-s", src, "-d", dest); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("profile is not gzip data: % x", b[:min(len(b), 8)])
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("site not built: %v", err)
	}
	dest2 := filepath.Join(dir, "public2")
	code, _, errs := runArgs("build", "-q", "-cpuprofile", filepath.Join(dir, "no", "such", "cpu.pprof"), "-s", src, "-d", dest2)
	if code != exitUsage || !strings.Contains(errs, "--cpuprofile") {
		t.Errorf("unwritable profile: exit %d, want %d\n%s", code, exitUsage, errs)
	}
	if _, err := os.Stat(dest2); err == nil {
		t.Errorf("%s written although the profile could not be", dest2)
	}
}
