package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestRemoveTree removes trees of every shape: it leaves nothing of the
// tree, and nothing a link in it leads to.
func TestRemoveTree(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside")
	if err := os.MkdirAll(filepath.Join(outside, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "keep", "file"), []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	wide := map[string]string{}
	for i := range 3000 { // more folders than the work queue holds
		wide["f"+strconv.Itoa(i%40)+"/p"+strconv.Itoa(i)+"/index.html"] = "x"
	}
	deep := map[string]string{}
	p := "d"
	for range 60 {
		p += "/d"
	}
	deep[p+"/file"] = "x"
	for _, tc := range []struct {
		name  string
		files map[string]string // path → content; "->target" makes a link
	}{
		{"empty", nil},
		{"flat", map[string]string{"a": "1", "b": "2"}},
		{"nested", map[string]string{"a/b/c/d": "1", "a/e": "2", "f/g/h": "3", "empty/": ""}},
		{"links", map[string]string{"dirlink": "->" + filepath.Join(outside, "keep"), "filelink": "->" + filepath.Join(outside, "keep", "file"), "a/b": "1"}},
		{"wide", wide},
		{"deep", deep},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "site")
			if err := os.Mkdir(root, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, content := range tc.files {
				full := filepath.Join(root, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				switch {
				case name[len(name)-1] == '/':
					err := os.MkdirAll(full, 0o755)
					if err != nil {
						t.Fatal(err)
					}
				case len(content) > 2 && content[:2] == "->":
					if err := os.Symlink(content[2:], full); err != nil {
						t.Fatal(err)
					}
				default:
					if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := removeTree(root); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(root); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s is still there (%v)", root, err)
			}
			if b, err := os.ReadFile(filepath.Join(outside, "keep", "file")); err != nil || string(b) != "kept" {
				t.Errorf("a link's target was touched: %q, %v", b, err)
			}
		})
	}
}

// BenchmarkRemove removes a site of 10,000 page folders and 7,000 search
// shards, laid out as handbook writes one, with os.RemoveAll and with
// removeTree.
func BenchmarkRemove(b *testing.B) {
	for _, bc := range []struct {
		name   string
		remove func(string) error
	}{{"RemoveAll", os.RemoveAll}, {"removeTree", removeTree}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				files := map[string][]byte{}
				for i := range 10000 {
					files["s"+strconv.Itoa(i%20)+"/t"+strconv.Itoa(i%1000)+"/p"+strconv.Itoa(i)+"/index.html"] = []byte("x")
				}
				for i := range 7000 {
					files["search/en/d/"+strconv.Itoa(i)+".js"] = []byte("x")
				}
				dest := filepath.Join(b.TempDir(), "site")
				if err := Write(dest, files); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := bc.remove(dest); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
