package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-ssg/handbook"
)

// basicFS returns a copy of the basic fixture that a test may edit.
func basicFS(t *testing.T) fstest.MapFS {
	t.Helper()
	orig := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
	fsys := fstest.MapFS{}
	for k, v := range orig {
		fsys[k] = &fstest.MapFile{Data: slices.Clone(v.Data)}
	}
	return fsys
}

// equalsCold fails t unless res holds, byte for byte, the files and
// warnings of a cold build of fsys (but for the search index, which a
// rebuild carries over).
func equalsCold(t *testing.T, fsys fstest.MapFS, opt Options, res *Result, where string) {
	t.Helper()
	opt.NoSearch = true
	cold, err := Build(context.Background(), fsys, opt)
	if err != nil {
		t.Fatalf("%s: cold build: %v", where, err)
	}
	if fmt.Sprint(res.Warnings) != fmt.Sprint(cold.Warnings) {
		t.Fatalf("%s: warnings:\n%v\ncold build's:\n%v", where, res.Warnings, cold.Warnings)
	}
	for n, data := range cold.Files {
		if !bytes.Equal(data, res.Files[n]) {
			t.Fatalf("%s: %s differs from a cold build's", where, n)
		}
	}
	for n := range res.Files {
		if _, ok := cold.Files[n]; !ok && !isIndexFile(n) {
			t.Fatalf("%s: the rebuild has %s, a cold build does not", where, n)
		}
	}
}

// TestQuickRebuild: serve's rebuild after one edit of one page. A text
// edit that leaves the page's title, front matter, anchors and links as
// they were takes the quick path and makes again exactly the outputs
// whose records read the page's text: the page, and the print view of
// the document it is a chapter of. An edit that changes what other
// pages show (its title, a link, a heading) takes the full path; a
// retitled page is retitled in the navigation of every page. Either
// way the result is a cold build's.
func TestQuickRebuild(t *testing.T) {
	const interview = "content/guidance/interview.md"
	tests := []struct {
		name       string
		file       string
		old, new   string
		quick      bool
		remade     []string // with quick: the outputs made again
		everywhere string   // in every page that has the navigation
	}{
		{
			name: "text of a chapter", file: interview, old: "A second paragraph", new: "A reworded second paragraph",
			quick: true, remade: []string{"guidance/interview/index.html", "print/test-guidance/index.html"},
		},
		{
			name: "text of a page in no document", file: "content/accessibility.md", old: "Tested with care.", new: "Tested with great care.",
			quick: true, remade: []string{"accessibility/index.html"},
		},
		{
			name: "text of the home page", file: "content/index.md", old: "Welcome to", new: "Welcome, reader, to",
			quick: true, remade: []string{"index.html"},
		},
		{
			name: "a link's words", file: interview, old: "[paragraph 2](#p2)", new: "[the second paragraph](#p2)",
			quick: true, remade: []string{"guidance/interview/index.html", "print/test-guidance/index.html"},
		},
		{
			name: "text moved down a line", file: interview, old: "## Preparing\n", new: "## Preparing\n\nA new first line.\n",
			quick: true, remade: []string{"guidance/interview/index.html", "print/test-guidance/index.html"},
		},
		{
			name: "title", file: interview, old: `title: "Chapter 1: The interview"`, new: `title: "Chapter 1: The first interview"`,
			everywhere: "Chapter 1: The first interview",
		},
		{name: "a new link", file: interview, old: "A second paragraph", new: "A [second](commitment.md) paragraph"},
		{name: "a new heading", file: "content/accessibility.md", old: "Tested with care.", new: "## How\n\nTested with care."},
		{name: "a link to a missing page", file: interview, old: "(commitment.md#p3)", new: "(commitment.md#p4)"},
	}
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults(), Today: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := basicFS(t)
			prev, err := Build(ctx, fsys, opt)
			if err != nil {
				t.Fatal(err)
			}
			before := fsys[tt.file].Data
			after := bytes.Replace(before, []byte(tt.old), []byte(tt.new), 1)
			if bytes.Equal(before, after) {
				t.Fatalf("%s holds no %q", tt.file, tt.old)
			}
			fsys[tt.file] = &fstest.MapFile{Data: after}
			res, err := Rebuild(ctx, fsys, opt, prev, []string{tt.file})
			if tt.name == "a link to a missing page" {
				// An error is reported, as a cold build reports it.
				if err == nil || !strings.Contains(err.Error(), "no anchor #p4") {
					t.Fatalf("rebuild: %v, want the missing anchor", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := res.quick != nil; got != tt.quick {
				t.Errorf("quick path taken: %v, want %v", got, tt.quick)
			}
			if tt.quick {
				if !slices.Equal(res.quick, tt.remade) {
					t.Errorf("made again %v, want %v", res.quick, tt.remade)
				}
				if res.Stats.Rendered != 1 || res.Stats.Templated != len(tt.remade) {
					t.Errorf("stats %+v, want 1 rendered and %d templated", res.Stats, len(tt.remade))
				}
				// The outputs it did not make again are the previous ones.
				for n, data := range res.Files {
					if !slices.Contains(tt.remade, n) && !bytes.Equal(data, prev.Files[n]) {
						t.Errorf("%s changed, but was not made again", n)
					}
				}
			}
			if tt.everywhere != "" {
				navs := 0
				for n, data := range res.Files {
					if !strings.HasSuffix(n, ".html") || !bytes.Contains(data, []byte(`class="site-nav`)) {
						continue
					}
					navs++
					if !bytes.Contains(data, []byte(tt.everywhere)) {
						t.Errorf("%s does not show %q", n, tt.everywhere)
					}
				}
				if navs < 10 {
					t.Errorf("%d pages with the navigation, want the site's pages", navs)
				}
			}
			equalsCold(t, fsys, opt, res, tt.name)
		})
	}
}

// TestQuickRebuildUndone: an edit the quick path takes whose page then
// fails to template (a site's page.html that cannot show a short body)
// leaves the previous build as it was: the error is reported as a cold
// build reports it, and the rebuild that follows the fix, from the same
// previous build, is a cold build's.
func TestQuickRebuildUndone(t *testing.T) {
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults(), Today: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	fsys := basicFS(t)
	page, err := fs.ReadFile(handbook.Defaults(), "templates/page.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys["templates/page.html"] = &fstest.MapFile{Data: bytes.Replace(page, []byte("{{.Body}}"), []byte(`{{.Body}}{{with .Body}}<!-- {{slice (printf "%s" .) 0 20}} -->{{end}}`), 1)}
	prev, err := Build(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	files := maps.Clone(prev.Files)
	const file = "content/accessibility.md"
	orig := fsys[file].Data
	for _, edit := range []string{"Tested.", "Tested with care, twice."} {
		fsys[file] = &fstest.MapFile{Data: bytes.Replace(orig, []byte("Tested with care."), []byte(edit), 1)}
		res, err := Rebuild(ctx, fsys, opt, prev, []string{file, file})
		_, coldErr := Build(ctx, fsys, opt)
		if fmt.Sprint(err) != fmt.Sprint(coldErr) {
			t.Fatalf("%q: rebuild error %v, cold build's %v", edit, err, coldErr)
		}
		if err != nil {
			if !strings.Contains(err.Error(), "page.html") {
				t.Fatalf("%q: %v, want page.html's error", edit, err)
			}
			for n, data := range prev.Files {
				if !bytes.Equal(data, files[n]) {
					t.Fatalf("the failed rebuild changed %s of the previous build", n)
				}
			}
			continue
		}
		if !slices.Equal(res.quick, []string{"accessibility/index.html"}) {
			t.Errorf("%q: made again %v by the quick path, want the page", edit, res.quick)
		}
		equalsCold(t, fsys, opt, res, edit)
	}
}

var titleLine = regexp.MustCompile(`(?m)^title: .*$`)

// TestQuickRebuildChain makes random runs of edits, most of them text
// edits that the quick path takes, some of them edits that change the
// site's shape, each rebuilt from the result of the one before (as serve
// does) and compared with a cold build: what a quick rebuild keeps for
// the next (the records of the outputs it made, the hashes of their
// inputs, the pages edited) must be what a full one would keep.
func TestQuickRebuildChain(t *testing.T) {
	steps := 24
	if testing.Short() {
		steps = 12
	}
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults(), Today: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	pages := []string{"content/index.md", "content/accessibility.md", "content/guidance/interview.md", "content/guidance/commitment.md"}
	for seed := range 3 {
		fsys := basicFS(t)
		r := rand.New(rand.NewPCG(uint64(seed), 19))
		prev, err := Build(ctx, fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		quick := 0
		for step := range steps {
			file := pages[r.IntN(len(pages))]
			data := fsys[file].Data
			var what string
			switch r.IntN(6) {
			case 0: // a new heading: other anchors
				what, data = "heading", append(slices.Clone(data), fmt.Sprintf("\n\n## Part %d\n\nMore.\n", step)...)
			case 1: // a title: the navigation, previous and next
				what, data = "title", titleLine.ReplaceAll(data, []byte(fmt.Sprintf("title: Step %d", step)))
			default: // words: the page's own text
				what, data = "text", append(slices.Clone(data), fmt.Sprintf("\n\nWords of step %d.\n", step)...)
			}
			fsys[file] = &fstest.MapFile{Data: data}
			res, err := Rebuild(ctx, fsys, opt, prev, []string{file})
			if err != nil {
				t.Fatalf("seed %d step %d (%s of %s): %v", seed, step, what, file, err)
			}
			if res.quick != nil {
				quick++
				// The hashes it keeps for the next rebuild, most of
				// them not worked out again, are the model's.
				table := res.memo.table.snapshot()
				if all := res.Model.hashAll(table, nil, nil); !slices.Equal(all, res.memo.sums) {
					for i := range all {
						if all[i] != res.memo.sums[i] {
							t.Errorf("seed %d step %d: the quick path kept a stale hash of %+v", seed, step, table[i])
						}
					}
				}
			}
			if what == "text" && res.quick == nil {
				t.Errorf("seed %d step %d: a text edit of %s took the full path", seed, step, file)
			}
			equalsCold(t, fsys, opt, res, fmt.Sprintf("seed %d step %d (%s of %s)", seed, step, what, file))
			prev = res
		}
		if quick < steps/3 {
			t.Errorf("seed %d: %d of %d rebuilds took the quick path", seed, quick, steps)
		}
	}
}

// TestQuickRebuildMany: text edits of many pages at once (a checkout of
// another revision) take the quick path together, and make again those
// pages alone.
func TestQuickRebuildMany(t *testing.T) {
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults()}
	fsys := generate(40)
	prev, err := Build(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	var changed, want []string
	for i := 0; i < 40; i += 3 {
		file := fmt.Sprintf("content/s%02d/page-%04d.md", i%20, i)
		fsys[file] = &fstest.MapFile{Data: bytes.Replace(fsys[file].Data, []byte("about the claimant"), []byte("about a claimant"), 1)}
		changed = append(changed, file)
		want = append(want, fmt.Sprintf("s%02d/page-%04d/index.html", i%20, i))
	}
	slices.Sort(want)
	res, err := Rebuild(ctx, fsys, opt, prev, changed)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.quick, want) {
		t.Errorf("made again %v by the quick path, want %v", res.quick, want)
	}
	equalsCold(t, fsys, opt, res, "many edits")
}
