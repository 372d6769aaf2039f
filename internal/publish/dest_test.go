package publish

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mkfiles makes the files and folders (names ending in "/") under dir.
func mkfiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if strings.HasSuffix(n, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

func TestCheckDest(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mkfiles(t, root,
		"repo/.git/HEAD", "repo/docs/content/index.md", // a site inside a repository
		"site/content/index.md", "site/rubrics/r.yaml", "site/handbook.yaml",
		"ours/"+Marker, "ours/index.html", // a site handbook wrote
		"foreign/notes.txt", // a folder of the user's
		"empty/", "links/",
		"afile",
		"S6/content/index.md",
	)
	symlink(t, "site", filepath.Join(root, "sitelink"))
	symlink(t, filepath.Join(root, "site", "content"), filepath.Join(root, "contentlink"))
	symlink(t, filepath.Join(root, "site"), filepath.Join(root, "links", "up"))
	fold := foldsCase(root)

	at := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	tests := []struct {
		name, src, dest string
		force           bool
		want            string // a part of the error; "" for none
		real            string // the real path returned, when no error
	}{
		// The reproductions of the issue.
		{"dest holds the source", "repo/docs", "repo", false, "holds the source folder", ""},
		{"dest holds the source, forced", "repo/docs", "repo", true, "holds the source folder", ""},
		{"source through a link", "sitelink", "site", false, "is the source folder", ""},
		{"dest through a link", "site", "sitelink", false, "is the source folder", ""},
		{"dest inside content", "site", "site/content/out", false, "inside the source's content/ folder", ""},

		{"dest is the source", "site", "site", false, "is the source folder", ""},
		{"dest is the source, spelt with ..", "site", "site/content/..", false, "is the source folder", ""},
		{"dest is the root", "site", "/", true, "holds the source folder", ""},
		{"dest is the parent", "site", ".", false, "holds the source folder", ""},
		{"dest is rubrics", "site", "site/rubrics", true, "inside the source's rubrics/ folder", ""},
		{"dest in a static/ to come", "site", "site/static/x", false, "inside the source's static/ folder", ""},
		{"dest is a templates/ to come", "site", "site/templates", false, "inside the source's templates/ folder", ""},
		{"dest through a link into content", "site", "contentlink/out", false, "inside the source's content/ folder", ""},
		{"dest through a link up to the source", "site", "links/up/content/x", false, "inside the source's content/ folder", ""},
		{"dest is a file", "site", "afile", true, "is a file", ""},
		{"dest under a file", "site", "afile/x", false, "cannot use the output folder", ""},
		{"foreign dest", "site", "foreign", false, "handbook did not write it", ""},
		{"foreign dest, forced", "site", "foreign", true, "", "foreign"},

		{"the default dest", "site", "site/public", false, "", "site/public"},
		{"the default dest through a linked source", "sitelink", "sitelink/public", false, "", "site/public"},
		{"another folder in the source", "site", "site/out/deeper", false, "", "site/out/deeper"},
		{"a new folder", "site", "new/site", false, "", "new/site"},
		{"an empty folder", "site", "empty", false, "", "empty"},
		{"a site handbook wrote", "site", "ours", false, "", "ours"},
		{"a folder spelt with ..", "site", "site/content/../public", false, "", "site/public"},
	}
	if fold {
		tests = append(tests, struct {
			name, src, dest string
			force           bool
			want, real      string
		}{"S6 and s6 are one folder", "S6", "s6", false, "is the source folder", ""})
	} else {
		tests = append(tests, struct {
			name, src, dest string
			force           bool
			want, real      string
		}{"S6 and s6 are two folders", "S6", "s6", false, "", "s6"})
	}
	t.Chdir(root) // the paths are relative, as on a command line
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckDest(tt.src, tt.dest, tt.force)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("CheckDest(%q, %q) = %q, %v; want an error saying %q", tt.src, tt.dest, got, err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("CheckDest(%q, %q): %v", tt.src, tt.dest, err)
			}
			if want := at(tt.real); got != want {
				t.Errorf("CheckDest(%q, %q) = %q, want %q", tt.src, tt.dest, got, want)
			}
		})
	}
	// Nothing was written or removed.
	for _, p := range []string{"repo/.git/HEAD", "site/content/index.md", "foreign/notes.txt", "ours/index.html"} {
		if _, err := os.Stat(at(p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{"site/public", "new", "s6"} {
		if _, err := os.Lstat(at(p)); err == nil && !(p == "s6" && fold) {
			t.Errorf("CheckDest made %s", p)
		}
	}
}

// The errors are sentences that say what to do.
func TestCheckDestMessages(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "src/content/a.md", "foreign/x")
	_, err := CheckDest(filepath.Join(root, "src"), filepath.Join(root, "foreign"), false)
	if err == nil || !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), Marker) {
		t.Errorf("foreign: %v", err)
	}
	_, err = CheckDest(filepath.Join(root, "src"), root, false)
	if err == nil || !strings.Contains(err.Error(), "choose a folder of its own with -d") ||
		!strings.Contains(err.Error(), filepath.Join(root, "src", "public")) {
		t.Errorf("holds: %v", err)
	}
}

func TestRealPath(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mkfiles(t, root, "a/b/")
	symlink(t, filepath.Join(root, "a", "b"), filepath.Join(root, "link"))
	for in, want := range map[string]string{
		"link":           "a/b",
		"link/new/x":     "a/b/new/x",
		"a/b/../b/new":   "a/b/new",
		"missing/one":    "missing/one",
		"link/../c/new":  "a/c/new", // .. after an existing link is taken from its target
		"a/./b//new/./y": "a/b/new/y",
	} {
		got, err := RealPath(root + string(filepath.Separator) + filepath.FromSlash(in)) // not Join, which would clean ".." away
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if w := filepath.Join(root, filepath.FromSlash(want)); got != w {
			t.Errorf("RealPath(%s) = %s, want %s", in, got, w)
		}
	}
}

// Not even --force lets a build replace the home folder or the folder the
// command runs in, or a folder that holds either: a slip of the finger
// (-d ~ --force, -d .. --force) would delete everything in it.
func TestCheckDestHomeAndHere(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mkfiles(t, root, "src/content/a.md", "users/me/notes.txt", "work/here/x.txt", "other/y.txt")
	t.Setenv("HOME", filepath.Join(root, "users", "me"))
	t.Chdir(filepath.Join(root, "work", "here"))
	for dest, want := range map[string]string{
		"users/me":  "is your home folder",
		"users":     "holds your home folder",
		"work/here": "is the folder this command runs in",
		"work":      "holds the folder this command runs in",
		"other":     "",
	} {
		_, err := CheckDest(filepath.Join(root, "src"), filepath.Join(root, filepath.FromSlash(dest)), true)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", dest, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: got %v, want %q", dest, err, want)
		}
	}
}

// A mount point cannot be swapped for the new site: it is refused before
// the build, not at its end ("device or resource busy"). The test mounts a
// tmpfs, where it may.
func TestCheckDestMountPoint(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mkfiles(t, root, "src/content/a.md", "mnt/")
	mnt := filepath.Join(root, "mnt")
	if out, err := exec.Command("mount", "-t", "tmpfs", "none", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a file system here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	_, err = CheckDest(filepath.Join(root, "src"), mnt, false)
	if err == nil || !strings.Contains(err.Error(), "is where a file system is mounted") || !strings.Contains(err.Error(), filepath.Join(mnt, "site")) {
		t.Errorf("got %v, want the mount point refused", err)
	}
	if _, err := CheckDest(filepath.Join(root, "src"), filepath.Join(mnt, "site"), false); err != nil {
		t.Errorf("a folder inside the mount point: %v", err)
	}
}

// CheckDestIn: a site whose content folder is docs/ protects docs/ as
// content/; a site folder that is its own content folder protects every
// folder in it that holds files handbook did not write, even with force,
// but for public/ and site/.
func TestCheckDestIn(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mkfiles(t, root,
		"mk/mkdocs.yml", "mk/docs/index.md",
		"notes/index.md", "notes/guide/a.md", "notes/site/index.html", "notes/public/index.html",
		"notes/built/"+Marker, "notes/built/index.html", "notes/empty/",
	)
	at := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	for _, tt := range []struct {
		name, src, content, dest string
		force                    bool
		want                     string
	}{
		{"in docs/", "mk", "docs", "mk/docs/out", false, "inside the source's docs/ folder"},
		{"in docs/, not made yet", "mk", "docs", "mk/docs", true, "is inside the source's docs/ folder"},
		{"beside docs/", "mk", "docs", "mk/public", false, ""},
		{"a folder of pages", "notes", ".", "notes/guide", true, "read whole as the site's pages"},
		{"the folder itself", "notes", ".", "notes", true, "is the source folder"},
		{"public/, forced", "notes", ".", "notes/public", true, ""},
		{"site/, forced", "notes", ".", "notes/site", true, ""},
		{"public/, not forced", "notes", ".", "notes/public", false, "run again with --force"},
		{"handbook's own", "notes", ".", "notes/built", false, ""},
		{"empty", "notes", ".", "notes/empty", false, ""},
		{"new", "notes", ".", "notes/out", false, ""},
		{"new, deeper", "notes", ".", "notes/guide/out", false, ""},
		{"outside", "notes", ".", "elsewhere", false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CheckDestIn(at(tt.src), at(tt.dest), tt.content, tt.force)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
}
