package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook/internal/publish"
)

// notes is a folder of Markdown as a team keeps it in a repository: no
// content/, no config; an earlier tool's output in site/, packages in
// node_modules/.
var notes = map[string]string{
	"index.md":                   "# Team notes\n\nSee [deploying](howto/deploy.md).\n",
	"howto/deploy.md":            "# Deploying\n\nCheck [rolling back](rollback) first.\n",
	"howto/rollback.md":          "# Rolling back\n",
	"howto/shot.png":             "png",
	"site/index.html":            "<p>mkdocs output</p>",
	"site/old.md":                "# not a page",
	"node_modules/pkg/README.md": "# not a page either",
	"drafts/notes.txt":           "mine",
}

// handbook build -s DIR on a folder of Markdown without content/ reads
// DIR itself, says so in one line, and writes DIR/public; the next build
// does not read what the last one wrote.
func TestBuildFolderOfMarkdown(t *testing.T) {
	src := writeSite(t, notes)
	for i := range 2 {
		code, out, errs := runArgs("build", "-s", src)
		if code != exitOK {
			t.Fatalf("build %d: exit %d\n%s%s", i+1, code, out, errs)
		}
		want := "handbook: " + src + " has no content/ folder: using " + src + " itself as the content folder (not reading node_modules/, site/)\n"
		if i == 1 {
			want = strings.Replace(want, "node_modules/, site/", "node_modules/, public/, site/", 1)
		}
		if errs != want {
			t.Errorf("build %d: stderr %q, want %q", i+1, errs, want)
		}
	}
	out := filepath.Join(src, "public")
	for _, f := range []string{"index.html", "howto/deploy/index.html", "howto/rollback/index.html", "howto/shot.png", "drafts/notes.txt", publish.Marker} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err != nil {
			t.Errorf("output: %v", err)
		}
	}
	for _, f := range []string{"site/old/index.html", "node_modules", "public", "site/index.html"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err == nil {
			t.Errorf("output has %s, which is not the site's", f)
		}
	}
	deploy, _ := os.ReadFile(filepath.Join(out, "howto", "deploy", "index.html"))
	if !strings.Contains(string(deploy), `href="../../howto/rollback/index.html"`) {
		t.Errorf("the extensionless link does not lead to the page:\n%s", deploy)
	}
	// -q prints nothing; check says where the pages are and finds nothing wrong.
	if code, out, errs := runArgs("build", "-q", "-s", src); code != exitOK || out+errs != "" {
		t.Errorf("build -q: exit %d, printed %q", code, out+errs)
	}
	if code, out, errs := runArgs("check", "-s", src); code != exitOK || !strings.Contains(errs, "itself as the content folder") {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
}

// A folder with no Markdown at all is an error that says where pages go,
// for build and check alike; nothing is written.
func TestBuildNoPages(t *testing.T) {
	src := writeSite(t, map[string]string{"notes.txt": "not a page", "content/readme.txt": "nor this"})
	code, out, errs := runArgs("build", "-s", src)
	if code != exitContent || !strings.Contains(errs, "content/: the site has no pages: there is no Markdown file in content/, and none in the site folder (put the pages in content/ as .md files") {
		t.Errorf("build: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Error("the failed build wrote public/")
	}
	if code, out, _ := runArgs("check", "-s", src); code != exitContent || !strings.Contains(out, "the site has no pages") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}

// When the site folder is its own content folder, every file in it may be
// the site's: an output folder inside it that holds files handbook did not
// write is refused even with --force (but for public/ and site/, where
// generators write), and one that is new or handbook's is not read as
// pages.
func TestBuildDestInFolderOfMarkdown(t *testing.T) {
	src := writeSite(t, notes)
	t.Chdir(src)
	for _, tt := range []struct {
		name string
		args []string
		want string // "" for success
	}{
		{"pages folder, forced", []string{"-d", "howto", "--force"}, "is inside . , which has no content/ folder"},
		{"other files, forced", []string{"-d", "drafts", "--force"}, "is inside . , which has no content/ folder"},
		{"the folder itself", []string{"-d", "."}, "is the source folder"},
		{"MkDocs output, forced", []string{"-d", "site", "--force"}, ""},
		{"a new folder", []string{"-d", "out"}, ""},
		{"a new folder, again", []string{"-d", "out"}, ""},
		{"the default, beside the site out/ holds", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := tree(t, src)
			code, out, errs := runArgs(append([]string{"build", "-q", "-s", "."}, tt.args...)...)
			if tt.want == "" {
				if code != exitOK {
					t.Fatalf("exit %d\n%s%s", code, out, errs)
				}
				return
			}
			want := strings.ReplaceAll(tt.want, ". ,", ".,")
			if code != exitUsage || !strings.Contains(errs, want) {
				t.Errorf("exit %d, want %d and %q:\n%s%s", code, exitUsage, want, out, errs)
			}
			sameTree(t, "the folder", before, tree(t, src))
		})
	}
	// The output folder is never read as pages.
	for _, f := range []string{"out/out/index.html", "out/site/index.html", "public/out/index.html"} {
		if _, err := os.Stat(filepath.FromSlash(f)); err == nil {
			t.Errorf("%s: a build read an output folder as pages", f)
		}
	}
	if _, err := os.Stat(filepath.Join("site", "howto", "deploy", "index.html")); err != nil {
		t.Errorf("site/ was not replaced by the build: %v", err)
	}
}

// An MkDocs project builds from its folder: the pages come from docs_dir,
// and an output folder inside it is refused as content/ is.
func TestBuildMkDocsProject(t *testing.T) {
	src := writeSite(t, map[string]string{
		"mkdocs.yml":      "site_name: Widget\nnav:\n  - Home: index.md\n  - Setup: setup.md\n",
		"docs/index.md":   "# Widget\n\n[Set it up](setup.md).\n",
		"docs/setup.md":   "# Setup\n",
		"site/index.html": "<p>mkdocs output</p>",
		"README.md":       "# Not a page: the pages are in docs/",
	})
	code, out, errs := runArgs("build", "-s", src, "-d", filepath.Join(src, "docs", "out"))
	if code != exitUsage || !strings.Contains(errs, "inside the source's docs/ folder") {
		t.Errorf("dest in docs/: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runArgs("build", "-s", src)
	if code != exitOK || errs != "handbook: reading mkdocs.yml for the site's settings; the pages are in "+filepath.Join(src, "docs")+"/\n" {
		t.Fatalf("exit %d\n%s%q", code, out, errs)
	}
	home, _ := os.ReadFile(filepath.Join(src, "public", "index.html"))
	if !strings.Contains(string(home), "<title>Widget</title>") || !strings.Contains(string(home), `<a href="setup/index.html">Setup</a>`) {
		t.Errorf("home page:\n%s", home)
	}
	if _, err := os.Stat(filepath.Join(src, "public", "README", "index.html")); err == nil {
		t.Error("README.md beside mkdocs.yml was built as a page")
	}
}
