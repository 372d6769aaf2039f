package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/source"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "update golden files")

// archiveFS returns the files of a txtar archive as a file system, leaving
// out the entries named "want".
func archiveFS(t testing.TB, a *txtar.Archive) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, f := range a.Files {
		if f.Name == "want" {
			continue
		}
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

func readArchive(t testing.TB, file string) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustBuild(t testing.TB, fsys fs.FS) *Result {
	t.Helper()
	res, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return res
}

// buildTxt builds a site written as a txtar archive in the test.
func buildTxt(t testing.TB, archive string) *Result {
	t.Helper()
	return mustBuild(t, archiveFS(t, txtar.Parse([]byte(archive))))
}

// assertFile checks that an output file exists and holds each of want; a
// want starting with "! " must not be in it.
func assertFile(t *testing.T, res *Result, name string, want ...string) {
	t.Helper()
	data, ok := res.Files[name]
	if !ok {
		t.Errorf("no output file %s", name)
		return
	}
	for _, w := range want {
		if neg, ok := strings.CutPrefix(w, "! "); ok {
			if bytes.Contains(data, []byte(neg)) {
				t.Errorf("%s holds %q, which it must not", name, neg)
			}
		} else if !bytes.Contains(data, []byte(w)) {
			t.Errorf("%s does not hold %q", name, w)
		}
	}
}

var assetHash = regexp.MustCompile(`(assets/[a-z]+)-[A-Z0-9]{8}\.(js|css)`)

// inlineCSS is the stylesheet the 404 page holds, and its hash in the
// page's CSP (whose "+" html/template writes as "&#43;"): the golden file
// names them instead of holding the bundle, which is not golden either.
var (
	inlineCSS  = regexp.MustCompile(`(?s)<style>.*?</style>`)
	inlineHash = regexp.MustCompile(`'sha256-(?:[A-Za-z0-9/]|\+|&#43;){43}='`)
)

// golden returns an output file as the golden file holds it.
func golden(data []byte) []byte {
	data = assetHash.ReplaceAll(data, []byte("$1-HASH.$2"))
	data = inlineCSS.ReplaceAll(data, []byte("<style>/* assets/main.css */</style>"))
	return inlineHash.ReplaceAll(data, []byte("'sha256-HASH'"))
}

// TestGolden builds testdata/basic.txtar and compares every HTML page and
// the sitemap with testdata/basic.golden.txtar (go test -update rewrites it).
// Bundled assets and the search index have their own tests; their hashed
// names are masked here so that a stylesheet change does not touch every
// golden page.
func TestGolden(t *testing.T) {
	res := mustBuild(t, archiveFS(t, readArchive(t, "testdata/basic.txtar")))
	var got txtar.Archive
	got.Comment = []byte("Output of testdata/basic.txtar. Regenerate with: go test ./internal/site -run TestGolden -update\n")
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range res.Files {
			if !yield(n) {
				return
			}
		}
	})
	for _, n := range names {
		if strings.HasPrefix(n, "assets/") || strings.HasPrefix(n, "search/") {
			continue
		}
		data := golden(res.Files[n])
		got.Files = append(got.Files, txtar.File{Name: n, Data: data})
	}
	const golden = "testdata/basic.golden.txtar"
	if *update {
		if err := os.WriteFile(golden, txtar.Format(&got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readArchive(t, golden)
	wantFiles := map[string][]byte{}
	for _, f := range want.Files {
		wantFiles[f.Name] = f.Data
	}
	for _, f := range got.Files {
		w, ok := wantFiles[f.Name]
		if !ok {
			t.Errorf("new output file %s (run with -update if intended)", f.Name)
			continue
		}
		if !bytes.Equal(w, f.Data) {
			t.Errorf("%s differs from the golden file (run with -update if intended):\n%s", f.Name, firstDiff(w, f.Data))
		}
		delete(wantFiles, f.Name)
	}
	for n := range wantFiles {
		t.Errorf("output file %s is gone (run with -update if intended)", n)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return "(same lines)"
}

func TestReproducible(t *testing.T) {
	fsys := archiveFS(t, readArchive(t, "testdata/basic.txtar"))
	a, b := mustBuild(t, fsys), mustBuild(t, fsys)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("builds made %d and %d files", len(a.Files), len(b.Files))
	}
	for n, data := range a.Files {
		if !bytes.Equal(data, b.Files[n]) {
			t.Errorf("%s differs between two builds of the same input", n)
		}
	}
}

func TestPages(t *testing.T) {
	res := mustBuild(t, archiveFS(t, readArchive(t, "testdata/basic.txtar")))
	// Numbered paragraphs, their self-links, and links resolved to relative
	// URLs that work from file://.
	assertFile(t, res, "guidance/interview/index.html",
		`<div class="para" id="p1"><a class="para-num" href="#p1" aria-label="Paragraph 1">1</a>`,
		`href="#p2"`,
		`href="../../guidance/commitment/index.html#p3"`,
		`href="../../standards/listening/active-listening/index.html"`,
		`<abbr title="Work Targeted Interviewing">WTI</abbr>`,
		`<ol>`, // an ordinary list stays a list
		`lang="en"`,
		`data-root="../../"`,
		`<link rel="canonical" href="https://example.org/handbook/guidance/interview/">`,
		`&ldquo;quote&rdquo; &ndash; and a dash`,
		`<h2 id="preparing"><a class="self-link" href="#preparing">Preparing</a></h2>`,
		"! href=\"/",
	)
	// The first use of an acronym only.
	if n := bytes.Count(res.Files["guidance/commitment/index.html"], []byte("<abbr")); n != 1 {
		t.Errorf("commitment page marks %d abbreviations, want 1", n)
	}
	// "Referenced in" lists the paragraph that links to a standard.
	assertFile(t, res, "standards/listening/active-listening/index.html",
		`href="../../../guidance/interview/index.html#p1"`, "Chapter 1: The interview, paragraph 1")
	assertFile(t, res, "standards/evidence/statement-1/index.html", "Chapter 2: Commitment, paragraph 3")
	// Welsh pages carry lang="cy" and Welsh interface words, and link to
	// their English translation.
	assertFile(t, res, "standards/survey-cy/index.html", `<html lang="cy"`, "Chwilio", `hreflang="en"`)
	assertFile(t, res, "standards/survey/index.html", `hreflang="cy"`, "Cymraeg")
	// Relabelled levels.
	assertFile(t, res, "standards/listening/index.html", `<p class="relabel">Excellent</p>`)
	// Generated pages.
	for _, n := range []string{"index.html", "404.html", "sitemap.xml", "standards/index.html", "search/index.html",
		"glossary/index.html", "guidance/index.html", "standards/listening/sheet/index.html",
		"standards/listening/assess/index.html"} {
		assertFile(t, res, n)
	}
	assertFile(t, res, "sitemap.xml", "<loc>https://example.org/handbook/guidance/interview/</loc>")
	// The 404 page is shown at any depth, so with a base URL its links
	// start from the site's path.
	assertFile(t, res, "404.html", `href="/handbook/standards/index.html"`, `data-root="/handbook/"`)
	assertFile(t, res, "glossary/index.html", `id="wti"`, "Work Targeted Interviewing")
}

// TestLint walks every HTML page: a CSP meta tag on each, no inline script
// or style (but the 404 page's, allowed by their hashes), no double
// escaping, every relative link resolving to a file.
func TestLint(t *testing.T) {
	res := mustBuild(t, archiveFS(t, readArchive(t, "testdata/basic.txtar")))
	lintSite(t, res)
}

var cspRe = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)

// cspOf returns the Content-Security-Policy of page s as the browser reads
// it: the attribute's character references decoded (html/template writes
// the "+" of a base64 hash as "&#43;").
func cspOf(s string) string {
	m := cspRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

var (
	hrefRe        = regexp.MustCompile(`\s(?:href|src|action)="([^"]*)"`)
	inlineScript  = regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`)
	scriptWithSrc = regexp.MustCompile(`<script[^>]*\ssrc=`)
	// inlineScriptText is an inline script element and its text.
	inlineScriptText = regexp.MustCompile(`(?s)<script(?:\s[^>]*)?>([^<].*?)</script>`)
)

func lintSite(t *testing.T, res *Result) {
	t.Helper()
	for name, data := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		s := string(data)
		if !strings.Contains(s, `http-equiv="Content-Security-Policy"`) {
			t.Errorf("%s has no Content-Security-Policy", name)
		}
		if strings.Contains(s, " style=") {
			t.Errorf("%s has inline style", name)
		}
		// The 404 page, shown at any depth, holds the site's stylesheet
		// (no relative URL finds it there), allowed by its hash alone.
		if styles := inlineCSS.FindAllString(s, -1); len(styles) > 0 {
			css := strings.TrimSuffix(strings.TrimPrefix(styles[0], "<style>"), "</style>")
			sum := sha256.Sum256([]byte(css))
			hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			switch {
			case name != "404.html" || len(styles) > 1 || strings.Count(s, "<style") > 1:
				t.Errorf("%s has inline style", name)
			case !strings.Contains(cspOf(s), "style-src 'self' "+hash+";"):
				t.Errorf("%s: its CSP does not allow its stylesheet by its hash %s", name, hash)
			case scriptWithSrc.MatchString(s) || strings.Contains(s, "<link rel=\"stylesheet\""):
				t.Errorf("%s holds its stylesheet but loads a script or stylesheet, which no relative URL finds at every depth", name)
			}
		} else if strings.Contains(s, "<style") || strings.Contains(s, "'sha256-") {
			t.Errorf("%s has inline style", name)
		}
		// The 404 page of a site without a base URL has one inline script
		// (it finds the site's root at any depth), allowed by its hash
		// alone; no other page has one.
		scriptHash := strings.Contains(cspOf(s), "script-src 'self' 'sha256-")
		if m := inlineScriptText.FindStringSubmatch(s); m != nil && name == "404.html" && len(inlineScriptText.FindAllString(s, -1)) == 1 {
			scriptHash = false // accounted for
			sum := sha256.Sum256([]byte(m[1]))
			hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			if !strings.Contains(cspOf(s), "script-src 'self' "+hash+";") {
				t.Errorf("%s: its CSP does not allow its script by its hash %s", name, hash)
			}
			s = strings.Replace(s, m[0], "", 1)
		}
		for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(s, -1) {
			if !scriptWithSrc.MatchString(m) {
				t.Errorf("%s has an inline script: %s", name, m)
			}
		}
		if inlineScript.MatchString(s) {
			t.Errorf("%s has script text inline", name)
		}
		if scriptHash {
			t.Errorf("%s: its CSP allows by its hash an inline script it does not hold", name)
		}
		if strings.Contains(s, "&amp;lt;") || strings.Contains(s, "&amp;amp;") || strings.Contains(s, "&amp;#") {
			t.Errorf("%s is escaped twice", name)
		}
		for _, m := range hrefRe.FindAllStringSubmatch(s, -1) {
			u := m[1]
			if u == "" || strings.HasPrefix(u, "#") || strings.Contains(u, ":") || strings.HasPrefix(u, "//") {
				continue
			}
			if strings.HasPrefix(u, "/") && name == "404.html" {
				continue // served at any depth: its links start from the base URL's path
			}
			if strings.HasPrefix(u, "/") {
				t.Errorf("%s links to a site-absolute URL %q, which breaks under a sub-path", name, u)
				continue
			}
			target := strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0]
			p := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(name), target)))
			if strings.HasSuffix(target, "/") {
				p += "/index.html"
			}
			if _, ok := res.Files[p]; !ok {
				t.Errorf("%s links to %q, which is not a file of the site", name, u)
			}
		}
	}
}

// TestRebuild edits one paragraph and checks that the rebuild renders only
// that page again and templates only the outputs that show it, and that
// the result equals a full build of the edited site.
func TestRebuild(t *testing.T) {
	a := readArchive(t, "testdata/basic.txtar")
	fsys := archiveFS(t, a).(fstest.MapFS)
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults()}
	first, err := Build(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(file, old, new string) {
		f := fsys[file]
		if !bytes.Contains(f.Data, []byte(old)) {
			t.Fatalf("%s does not hold %q", file, old)
		}
		fsys[file] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
	}
	cases := []struct {
		name      string
		file      string
		old, new  string
		rendered  int // pages whose Markdown is rendered again
		templated int // at most this many outputs templated again
		changed   []string
	}{
		// The print view of the page's document shows the page whole.
		{"paragraph", "content/guidance/commitment.md", "Commitment grows", "Commitment really grows", 1, 2,
			[]string{"guidance/commitment/index.html", "print/test-guidance/index.html"}},
		// /changes/ lists every page's change notes.
		{"change note", "content/guidance/interview.md", "Paragraph 2 reworded.", "Paragraph 2 reworded again.", 1, 3,
			[]string{"guidance/interview/index.html", "changes/index.html"}},
		// A page that joins a document: its print view has a chapter more,
		// and the page links to it.
		{"source document", "content/accessibility.md", "title: Accessibility\n", "title: Accessibility\nweight: 30\nsource: {document: Test guidance}\n", 1, 6,
			[]string{"accessibility/index.html", "print/test-guidance/index.html"}},
		// The search page offers each language's index; every page's
		// navigation marks the page's title as Welsh.
		{"page language", "content/accessibility.md", "weight: 30\n", "weight: 30\nlang: cy\n", 1, 60,
			[]string{"accessibility/index.html", "search/index.html", "print/test-guidance/index.html", "index.html"}},
		{"descriptor", "rubrics/listening.yaml", "Builds excellent rapport.", "Builds outstanding rapport.", 0, 12,
			[]string{"standards/listening/index.html", "standards/listening/active-listening/index.html",
				"standards/listening/sheet/index.html", "standards/listening/assess/index.html"}},
		// The standards page shows every rubric's summary; every page of
		// the rubric (its own, a page per standard, its sheet, form and
		// team view) shows its rubric.
		{"rubric summary", "rubrics/listening.yaml", "summary: Observe how a Work Coach listens.", "summary: Observe how a Work Coach listens well.", 0, 8,
			[]string{"standards/index.html", "standards/listening/index.html"}},
		// The team view reads the form's model: its scoring lists.
		{"scoring list", "rubrics/listening.yaml", "title: Development needs", "title: Needs to develop", 0, 8,
			[]string{"standards/listening/team/index.html", "standards/listening/assess/index.html"}},
		{"template", "templates/standard.html", "", "", 0, 20, nil},
	}
	prev := first
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.file == "templates/standard.html" {
				data, _ := fs.ReadFile(handbook.Defaults(), tc.file)
				fsys[tc.file] = &fstest.MapFile{Data: bytes.Replace(data, []byte(`class="standard-page"`), []byte(`class="standard-page edited"`), 1)}
			} else {
				edit(tc.file, tc.old, tc.new)
			}
			res, err := Rebuild(ctx, fsys, opt, prev, []string{tc.file})
			if err != nil {
				t.Fatal(err)
			}
			if res.Stats.Rendered != tc.rendered {
				t.Errorf("rendered %d pages, want %d", res.Stats.Rendered, tc.rendered)
			}
			if res.Stats.Templated > tc.templated {
				t.Errorf("templated %d outputs, want at most %d", res.Stats.Templated, tc.templated)
			}
			for _, n := range tc.changed {
				if bytes.Equal(prev.Files[n], res.Files[n]) {
					t.Errorf("%s did not change", n)
				}
			}
			full, err := Build(ctx, fsys, Options{Defaults: handbook.Defaults(), NoSearch: true})
			if err != nil {
				t.Fatal(err)
			}
			for n, data := range full.Files {
				if !bytes.Equal(data, res.Files[n]) {
					t.Errorf("%s after the rebuild differs from a full build", n)
				}
			}
			prev = res
		})
	}
}

// TestRebuildPage edits one page in ways that touch more or less of the
// site, and checks each time that the rebuild templates again exactly the
// outputs that read what changed, and gives what a full build of the
// edited site gives: the same files, the same warnings, the same errors.
// (It was TestPatch, which checked which edits a patch tier took; that
// tier is gone: every rebuild follows the outputs' records.)
func TestRebuildPage(t *testing.T) {
	const file = "content/guidance/commitment.md"
	// The print view of the page's source document shows it whole.
	const printView = "print/test-guidance/index.html"
	cases := []struct {
		name, old, new string
		templated      []string // the outputs templated again ("*": all); nil for a failed build
	}{
		{"saved unchanged", "", "", []string{}},
		{"paragraph", "Commitment grows", "Commitment really grows", []string{"guidance/commitment/index.html", printView}},
		{"new warnings", "Commitment grows", "Commitment grows ([here](http://example.com/wti))", []string{"guidance/commitment/index.html", printView}},
		{"code", "func main() {}", "func main() { println() }", []string{"guidance/commitment/index.html", printView}},
		{"new heading", "¶3 Commitment", "## Growing\n\n¶3 Commitment", []string{"guidance/commitment/index.html", printView}},
		// The standard's "Referenced in" changes: its own page shows
		// it, and no other page reads that list.
		{"new std link", "Commitment grows", "Commitment grows, see [listening](std:listening/active-listening),", []string{
			"guidance/commitment/index.html", printView, "standards/listening/active-listening/index.html"}},
		// Its folder's listing orders by weight; the navigation, which
		// sets the reading order, names it, so its neighbours stay. The
		// print view of its document orders its chapters by weight.
		{"weight", "weight: 20", "weight: 5", []string{"guidance/commitment/index.html", "guidance/index.html", printView}},
		// The navigation names the page, and every page shows the
		// navigation.
		{"title", `title: "Chapter 2: Commitment"`, `title: "Chapter 2: Building commitment"`, []string{"*"}},
		{"broken anchor", "Commitment grows", "Commitment grows ([see](interview.md#p99))", nil},
		{"bad front matter", "weight: 20", "weigth: 20", nil},
	}
	ctx := context.Background()
	// A page past its review date has a warning in its front matter, which
	// a patch of its text must keep.
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	opt := Options{Defaults: handbook.Defaults(), Today: today}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
			fsys[file].Data = bytes.Replace(fsys[file].Data, []byte("weight: 20\n"), []byte("weight: 20\nreview_by: 2026-01-31\nowner: QA team\n"), 1)
			prev, err := Build(ctx, fsys, opt)
			if err != nil {
				t.Fatal(err)
			}
			data := fsys[file].Data
			edited := bytes.Replace(data, []byte(tc.old), []byte(strings.ReplaceAll(tc.new, `\n`, "\n")), 1)
			if bytes.Equal(edited, data) && tc.old != "" {
				t.Fatalf("%s does not hold %q", file, tc.old)
			}
			fsys[file] = &fstest.MapFile{Data: edited}
			res, err := Rebuild(ctx, fsys, opt, prev, []string{file})
			full, fullErr := Build(ctx, fsys, Options{Defaults: handbook.Defaults(), Today: today, NoSearch: true})
			if fmt.Sprint(err) != fmt.Sprint(fullErr) {
				t.Fatalf("rebuild error:\n%v\nfull build error:\n%v", err, fullErr)
			}
			if err != nil {
				return
			}
			want := tc.templated
			if slices.Equal(want, []string{"*"}) {
				want = slices.Sorted(maps.Keys(res.memo.outputs))
			}
			if got := templatedAgain(prev, res); !slices.Equal(got, want) {
				t.Errorf("templated again %q, want %q", got, want)
			}
			if fmt.Sprint(res.Warnings) != fmt.Sprint(full.Warnings) {
				t.Errorf("warnings:\n%v\nfull build's:\n%v", res.Warnings, full.Warnings)
			}
			for n, data := range full.Files {
				if !bytes.Equal(data, res.Files[n]) {
					t.Errorf("%s after the rebuild differs from a full build", n)
				}
			}
			for n := range res.Files {
				if _, ok := full.Files[n]; !ok && !isIndexFile(n) {
					t.Errorf("the rebuild has %s, a full build does not", n)
				}
			}
			// What a patch leaves must serve the next rebuild as well.
			fsys[file] = &fstest.MapFile{Data: bytes.Replace(edited, []byte("¶3"), []byte("¶3 Again,"), 1)}
			again, err := Rebuild(ctx, fsys, opt, res, []string{file})
			if err != nil {
				t.Fatal(err)
			}
			if got := templatedAgain(res, again); !slices.Equal(got, []string{"guidance/commitment/index.html", printView}) {
				t.Errorf("a second paragraph edit templated again %q", got)
			}
			full, err = Build(ctx, fsys, Options{Defaults: handbook.Defaults(), Today: today, NoSearch: true})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(again.Warnings) != fmt.Sprint(full.Warnings) {
				t.Errorf("warnings after a second rebuild:\n%v\nfull build's:\n%v", again.Warnings, full.Warnings)
			}
			for n, data := range full.Files {
				if !bytes.Equal(data, again.Files[n]) {
					t.Errorf("%s after a second rebuild differs from a full build", n)
				}
			}
		})
	}
}

// templatedAgain lists the outputs that the rebuild res of prev made again
// rather than took from prev, sorted.
func templatedAgain(prev, res *Result) []string {
	out := []string{}
	for n, o := range res.memo.outputs {
		if old, ok := prev.memo.outputs[n]; !ok || &old.data[0] != &o.data[0] {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// TestBad builds each site in testdata/bad/*.txtar and compares the errors
// with its "want" file, one `path:line:col: message` a line.
func TestBad(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/bad/*.txtar")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a := readArchive(t, file)
			var want string
			for _, f := range a.Files {
				if f.Name == "want" {
					want = string(f.Data)
				}
			}
			res, err := Build(context.Background(), archiveFS(t, a), Options{Defaults: handbook.Defaults()})
			var got strings.Builder
			if le, ok := err.(*source.ListError); ok {
				for _, e := range le.List.Errors() {
					got.WriteString(e.Error())
					got.WriteByte('\n')
				}
			} else if err != nil {
				t.Fatalf("build failed without content errors: %v", err)
			} else {
				for _, w := range res.Warnings {
					got.WriteString(w.Error())
					got.WriteByte('\n')
				}
			}
			if *update {
				for i := range a.Files {
					if a.Files[i].Name == "want" {
						a.Files[i].Data = []byte(got.String())
					}
				}
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got.String() != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got.String(), want)
			}
			if want == "" {
				t.Errorf("%s expects no error; every bad-input case must produce one", file)
			}
		})
	}
}

func BenchmarkBuild1000(b *testing.B) {
	fsys := generate(1000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildOnePage measures a live-preview rebuild after a
// one-paragraph edit, on sites of 1,000 and 10,000 pages.
func BenchmarkRebuildOnePage(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			fsys := generate(n)
			ctx := context.Background()
			opt := Options{Defaults: handbook.Defaults()}
			prev, err := Build(ctx, fsys, opt)
			if err != nil {
				b.Fatal(err)
			}
			file := "content/s00/page-0500.md"
			orig := fsys[file].Data
			i := 0
			b.ResetTimer()
			for b.Loop() {
				i++
				fsys[file] = &fstest.MapFile{Data: bytes.Replace(orig, []byte("Paragraph"), []byte(fmt.Sprintf("Paragraph %d", i)), 1)}
				res, err := Rebuild(ctx, fsys, opt, prev, []string{file})
				if err != nil {
					b.Fatal(err)
				}
				prev = res
			}
		})
	}
}

// generate makes an in-memory site of n guidance-like pages.
func generate(n int) fstest.MapFS {
	m := fstest.MapFS{"handbook.yaml": {Data: []byte("title: Bench\n")}}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Page %d\nweight: %d\n---\n", i, i%7)
		for s := 0; s < 4; s++ {
			fmt.Fprintf(&b, "## Section %d\n\n", s)
			for p := 1; p <= 5; p++ {
				num := s*5 + p
				fmt.Fprintf(&b, "¶%d Paragraph text about the claimant, the Work Coach and the interview, with evidence and a plan. ", num)
				fmt.Fprintf(&b, "See [page %d](page-%04d.md#p%d).\n\n", (i+1)%n, (i+1)%n, num)
				if p == 3 {
					b.WriteString("    - first point\n    - second point\n\n")
				}
			}
		}
		m[fmt.Sprintf("content/s%02d/page-%04d.md", i%20, i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	// Links cross folders: point each to the right folder.
	for name, f := range m {
		if !strings.HasPrefix(name, "content/") {
			continue
		}
		f.Data = regexp.MustCompile(`\(page-(\d{4})\.md`).ReplaceAllFunc(f.Data, func(s []byte) []byte {
			var k int
			fmt.Sscanf(string(s[6:10]), "%d", &k)
			return []byte(fmt.Sprintf("(../s%02d/page-%04d.md", k%20, k))
		})
	}
	return m
}

// TestGoldenPublished builds the published rubrics of issue 15
// (internal/rubric/testdata/published, rubrics alone) and compares the
// pages of each, its sheet, its form with its JSON model, and every
// standard's page with testdata/published.golden.txtar (go test -update
// rewrites it). Between them the rubrics use every key of the contract:
// weights, not-applicable levels, reversed items, a blank rule, bands of
// the total, and levels that share a label, told apart by their codes.
func TestGoldenPublished(t *testing.T) {
	res := mustBuild(t, os.DirFS("../rubric/testdata/published"))
	var got txtar.Archive
	got.Comment = []byte("Pages of internal/rubric/testdata/published. Regenerate with: go test ./internal/site -run TestGoldenPublished -update\n")
	for _, n := range slices.Sorted(maps.Keys(res.Files)) {
		if !strings.HasPrefix(n, "standards/") || n == "standards/index.html" {
			continue
		}
		got.Files = append(got.Files, txtar.File{Name: n, Data: golden(res.Files[n])})
	}
	if len(got.Files) < 4*4 {
		t.Fatalf("only %d pages under standards/", len(got.Files))
	}
	const golden = "testdata/published.golden.txtar"
	if *update {
		if err := os.WriteFile(golden, txtar.Format(&got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := map[string][]byte{}
	for _, f := range readArchive(t, golden).Files {
		want[f.Name] = f.Data
	}
	for _, f := range got.Files {
		w, ok := want[f.Name]
		switch {
		case !ok:
			t.Errorf("new output file %s (run with -update if intended)", f.Name)
		case !bytes.Equal(w, f.Data):
			t.Errorf("%s differs from the golden file (run with -update if intended):\n%s", f.Name, firstDiff(w, f.Data))
		}
		delete(want, f.Name)
	}
	for n := range want {
		t.Errorf("output file %s is gone (run with -update if intended)", n)
	}
	// What the golden pages must say, whatever -update wrote.
	assertFile(t, res, "standards/value-written-communication/assess/index.html",
		`<label for="q-context-and-purpose--milestone-3">Milestones (3)</label>`,
		`<label for="q-context-and-purpose--milestone-2">Milestones (2)</label>`,
		`data-total-blank="`)
	assertFile(t, res, "standards/value-written-communication/sheet/index.html", `Milestones (3)</th>`, `! class="scale-key code-key"`)
	assertFile(t, res, "standards/rosenberg-self-esteem/sheet/index.html", `<dt>SA</dt><dd>Strongly agree</dd>`)
	assertFile(t, res, "standards/rosenberg-self-esteem/assess/index.html",
		`data-band-text="0" hidden><p>Scores below 15 suggest low self-esteem.</p></div>`,
		`&#34;bands&#34;:[{&#34;min&#34;:0,&#34;max&#34;:14,&#34;label&#34;:&#34;Low self-esteem&#34;}`)
	assertFile(t, res, "standards/rosenberg-self-esteem/no-good/index.html", `Counts in reverse in the total`)
	assertFile(t, res, "standards/system-usability-scale/index.html", `Weight in the total: 2.5 · Counts in reverse in the total`)
	assertFile(t, res, "standards/qualsyst-quantitative/assess/index.html", `&#34;notApplicable&#34;:true`)
}
