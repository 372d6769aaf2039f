package search_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/handbook-ssg/handbook/internal/search"
	"github.com/handbook-ssg/handbook/internal/search/searchtest"
)

// These tests run the search page's own script, static/js/search.ts, under
// Node (see package searchtest) on indexes built here. Node is required.

// repo is the repository root, which holds static/js/search.ts.
var repo = os.DirFS("../..")

// bundle is search.ts bundled once for all the tests.
var bundle = sync.OnceValues(func() ([]byte, error) { return searchtest.Bundle(repo) })

func newEngine(t testing.TB, entries []search.Entry, opt search.Options) *searchtest.Engine {
	t.Helper()
	files, err := search.Build(entries, opt)
	if err != nil {
		t.Fatal(err)
	}
	return engineOf(t, files)
}

func engineOf(t testing.TB, files []search.File) *searchtest.Engine {
	t.Helper()
	b, err := bundle()
	if err != nil {
		t.Fatal(err)
	}
	e, err := searchtest.NewFromBundle(b, files)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// assignedInGo reports whether Go's Unicode tables (which may be older than
// Node's) know r.
func assignedInGo(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co)
}

// TestTokenizerMatchesJS runs both tokenizers over every code point of the
// Basic Multilingual Plane that Go's Unicode tables know, each inside a word
// and alone, and over some cases with supplementary ones, with apostrophes
// joining and splitting. (Beyond the BMP, Node's newer Unicode tables
// classify some marks differently from Go's.)
func TestTokenizerMatchesJS(t *testing.T) {
	t.Parallel()
	var texts []string
	var b strings.Builder
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF || !assignedInGo(r) {
			continue
		}
		fmt.Fprintf(&b, "x%cy %c ", r, r)
		if b.Len() > 8000 {
			texts = append(texts, b.String())
			b.Reset()
		}
	}
	texts = append(texts, b.String(),
		"Claimant’s CV isn't ‘Goal’ 'tis", "chi’n helpu i'ch", "Café naïve RÉSUMÉ e\u0301t\u00e9",
		"ﬁnd Straße İstanbul Ǆ ǅ Ƕ Å K", "p47 2024 1.5 £100 JSA/ESA self-assessment 2×3",
		"a "+strings.Repeat("æ", 20)+" b "+strings.Repeat("x", 41)+" c "+strings.Repeat("y", 40),
		"go🙂now 𝐀bc ab\uFFFDcd 𝔘𝔫𝔦 𐐀𐐨 x\U0001F3FBy",
	)
	cases := texts[len(texts)-7:]
	e := newEngine(t, []search.Entry{{URL: "/", Kind: search.Page, Title: "x", Lang: "en"}}, search.Options{})
	for _, split := range []bool{false, true} {
		if split {
			// Splitting only changes what apostrophes do.
			texts = cases
		}
		js, err := e.Tokenize(texts, split, search.MaxWordRunes)
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for i, text := range texts {
			goWords := search.ScanWordsForTest(text, split)
			// Offsets: bytes in Go, UTF-16 units in JS.
			units := make([]int, len(text)+1)
			u := 0
			for k, r := range text {
				units[k] = u
				u += len(utf16.Encode([]rune{r}))
			}
			units[len(text)] = u
			var got, want []string
			for _, w := range js[i] {
				got = append(got, fmt.Sprintf("%s@%d[%d:%d]", w.Word, w.Pos, w.Start, w.End))
			}
			for _, w := range goWords {
				want = append(want, fmt.Sprintf("%s@%d[%d:%d]", w.Word, w.Pos, units[w.Start], units[w.End]))
			}
			if !slices.Equal(got, want) {
				for k := range max(len(got), len(want)) {
					g, w := "", ""
					if k < len(got) {
						g = got[k]
					}
					if k < len(want) {
						w = want[k]
					}
					if g != w {
						t.Errorf("split=%v, text %d: word %d: browser %q, Go %q", split, i, k, g, w)
						break
					}
				}
				if bad++; bad > 10 {
					t.FailNow()
				}
			}
		}
	}
}

// TestAnalyzeMatchesJS checks that the browser turns text into the same
// terms as the build (stop words, stemming, Welsh rules from the manifest).
func TestAnalyzeMatchesJS(t *testing.T) {
	t.Parallel()
	corpus := search.GeneratedCorpus(t, 300)
	var texts []string
	for _, c := range corpus {
		texts = append(texts, c.Text)
	}
	texts = append(texts, "The claimants' interviews were not sanctioned; there is no evidence.",
		"Évaluation, généralement, communication, arsenal, dying, skies, inning")
	welsh := []string{"Pa swydd ydych chi’n chwilio amdani? Gallaf gwblhau ffurflenni", "Rwy'n byw yn y ŵyl; Ydy/Ydw"}
	e := newEngine(t, []search.Entry{
		{URL: "/", Kind: search.Page, Title: "x", Lang: "en"},
		{URL: "/cy/", Kind: search.Page, Title: "x", Lang: "cy"},
	}, search.Options{})
	for _, lang := range []string{"en", "cy"} {
		in := texts
		if lang == "cy" {
			in = append(slices.Clone(welsh), texts[:20]...)
		}
		js, err := e.Analyze(lang, in)
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range in {
			if want := search.Terms(text, lang); !slices.Equal(js[i], want) {
				t.Errorf("%s: terms of %.60q: browser %q, Go %q", lang, text, js[i], want)
			}
		}
	}
}

// corpus is a small handbook: each query below has one entry that must
// come first.
var corpus = []search.Entry{
	{URL: "/glossary/#pigeep", Kind: search.Glossary, Title: "PIGEEP", Context: "Glossary", Text: "Preparation, Introduction, Goal definition, Evaluation, Exploration, Planning", Lang: "en"},
	{URL: "/guidance/wti/", Kind: search.Page, Title: "Chapter 4: Work Targeted Interviewing", Context: "Guidance", Text: "A summary of the Work Targeted Interview structure.", Lang: "en"},
	{URL: "/guidance/wti/#p35", Kind: search.Paragraph, Title: "Paragraph 35", Context: "Chapter 4: Work Targeted Interviewing", Text: "WTI is sometimes known as a PIGEEP interview – this is the mnemonic used in training to help Work Coaches remember the sequence.", Lang: "en"},
	{URL: "/guidance/wti/#p36", Kind: search.Paragraph, Title: "Paragraph 36", Context: "Chapter 4: Work Targeted Interviewing", Text: "However, there is no factual evidence that those ways are more effective than a properly conducted interview.", Lang: "en"},
	{URL: "/guidance/wti/#p37", Kind: search.Paragraph, Title: "Paragraph 37", Context: "Chapter 4: Work Targeted Interviewing", Text: "Evidence gathered at the interview may show there is no need for a further referral.", Lang: "en"},
	{URL: "/guidance/dma/#p12", Kind: search.Paragraph, Title: "Paragraph 12", Context: "DMA referrals checklist", Text: "If you have a sanction doubt, refer it to the Decision Maker with the evidence.", Lang: "en"},
	{URL: "/guidance/dma/#p13", Kind: search.Paragraph, Title: "Paragraph 13", Context: "DMA referrals checklist", Text: "A sanction may be applied later. If there is any doubt about the claimant’s availability, ask the claimant.", Lang: "en"},
	{URL: "/guidance/cat/#p140", Kind: search.Paragraph, Title: "Paragraph 140", Context: "Customer Assessment Tool", Text: "Each statement is scored from A to F. Evaluation of the evidence decides the score.", Lang: "en"},
	{URL: "/standards/qaf-1/#active-listening", Kind: search.Standard, Title: "Uses active listening", Context: "QAF 1", Text: "Active listening generates obvious empathy, warmth and interest with the claimant.", Lang: "en"},
	{URL: "/guidance/wfi/#p8", Kind: search.Paragraph, Title: "Paragraph 8", Context: "Work Focused Interviews", Text: "Listening to the claimant is an active part of the interview, and is a skill.", Lang: "en"},
	{URL: "/guidance/cafe/#p1", Kind: search.Paragraph, Title: "Paragraph 1", Context: "Diacritics", Text: "Meet at the café before the Eisteddfod; naïve résumés are returned.", Lang: "en"},
	{URL: "/standards/quest-1w/#cael-swydd", Kind: search.Standard, Title: "Cael swydd", Context: "Quest 1W", Text: "Pa swydd ydych chi’n chwilio amdani? Gŵyl y gwanwyn.", Lang: "cy"},
	{URL: "/standards/quest-1/#job-looking-for", Kind: search.Standard, Title: "What job are you looking for?", Context: "Quest 1", Text: "", Lang: "en"},
	{URL: "/guidance/wti/#goal-definition", Kind: search.Section, Title: "Goal definition", Context: "Chapter 4: Work Targeted Interviewing", Text: "Define the job goal with the claimant.", Lang: "en"},
	{URL: "/guidance/wti/#goal-definition", Kind: search.Section, Title: "Goal definition", Context: "Chapter 4: Work Targeted Interviewing", Lang: "en"},
	{URL: "/glossary/#dma", Kind: search.Glossary, Title: "DMA", Context: "Glossary", Text: "Decision Making and Appeals\nWho decides on sanctions.", Lang: "en"},
	{URL: "/guidance/dma-checklist/", Kind: search.Page, Title: "Decision Making and Appeals Referrals Checklist", Context: "Guidance", Text: "The check makes sure all referrals are error-free.", Lang: "en"},
}

func TestSearchRanking(t *testing.T) {
	t.Parallel()
	e := newEngine(t, corpus, search.Options{})
	tests := []struct {
		query string
		lang  string
		first string // URL of the expected first hit; "" for no hits
		count int    // -1: do not check
	}{
		{"PIGEEP", "en", "/glossary/#pigeep", 2},
		{"pigeep", "en", "/glossary/#pigeep", 2},
		{"pige", "en", "/glossary/#pigeep", 2}, // the last word is a prefix
		{"sanction doubt", "en", "/guidance/dma/#p12", 2},
		{"doubt sanction", "en", "/guidance/dma/#p12", 2},
		{"no evidence", "en", "/guidance/wti/#p36", 2},
		{"evidence", "en", "/guidance/cat/#p140", 4}, // the shortest text
		{"evidnce", "en", "/guidance/cat/#p140", 4},  // a typing error
		{"active listening", "en", "/standards/qaf-1/#active-listening", 2},
		{"cafe", "en", "/guidance/cafe/#p1", 1},
		{"CAFÉ", "en", "/guidance/cafe/#p1", 1},
		{"resume", "en", "/guidance/cafe/#p1", 1},
		{"what job are you looking for", "en", "/standards/quest-1/#job-looking-for", 1},
		{"what job are you looking fo", "en", "/standards/quest-1/#job-looking-for", 1},
		{"goal definition", "en", "/guidance/wti/#goal-definition", -1},
		{"dma referral", "en", "/guidance/dma-checklist/", -1}, // the glossary's acronym
		{"decision making", "en", "/guidance/dma-checklist/", -1},
		{"chwilio", "cy", "/standards/quest-1w/#cael-swydd", 1},
		{"gwyl", "cy", "/standards/quest-1w/#cael-swydd", 1},
		{"chwilio", "en", "", 0}, // Welsh is indexed apart
		{"the ", "en", "", 0},    // only a stop word
		{"zzzzzz", "en", "", 0},
		{"", "en", "", 0},
	}
	byLang := map[string][]int{}
	for i, tt := range tests {
		byLang[tt.lang] = append(byLang[tt.lang], i)
	}
	for _, lang := range []string{"en", "cy"} {
		var qs []string
		for _, i := range byLang[lang] {
			qs = append(qs, tests[i].query)
		}
		res, err := e.Search(lang, 10, qs...)
		if err != nil {
			t.Fatal(err)
		}
		for k, i := range byLang[lang] {
			tt, r := tests[i], res[k]
			if r.Error != "" {
				t.Errorf("%s %q: %s", lang, tt.query, r.Error)
				continue
			}
			first := ""
			if len(r.Hits) > 0 {
				first = r.Hits[0].URL
			}
			if first != tt.first || (tt.count >= 0 && r.Count != tt.count) {
				var got []string
				for _, h := range r.Hits {
					got = append(got, fmt.Sprintf("%s (%.2f)", h.URL, h.Score))
				}
				t.Errorf("%s %q: %d hits %q; want %d, first %q", lang, tt.query, r.Count, got, tt.count, tt.first)
			}
		}
	}
}

func TestSearchResults(t *testing.T) {
	t.Parallel()
	e := newEngine(t, corpus, search.Options{})
	res, err := e.Search("en", 10, "sanction doubt", "interview", "goal definition")
	if err != nil {
		t.Fatal(err)
	}
	h := res[0].Hits[0]
	if h.Href != "../guidance/dma/index.html#p12" {
		t.Errorf("href = %q", h.Href)
	}
	if h.Kind != search.Paragraph || searchtest.Text(h.Title) != "Paragraph 12" || h.Context != "DMA referrals checklist" {
		t.Errorf("hit = %+v", h)
	}
	var marked []string
	for _, s := range h.Snippet {
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if !slices.Equal(marked, []string{"sanction doubt"}) {
		t.Errorf("marked %q in %q; want the phrase", marked, searchtest.Text(h.Snippet))
	}
	if got := searchtest.Text(h.Snippet); got != corpus[5].Text {
		t.Errorf("snippet = %q; want the whole (short) text", got)
	}
	// Results are ordered by score, then as the index sorts them.
	for _, r := range res {
		for i := 1; i < len(r.Hits); i++ {
			if r.Hits[i].Score > r.Hits[i-1].Score {
				t.Errorf("%q: hit %d scores above hit %d", r.Query, i, i-1)
			}
		}
	}
	// One result per URL: the two "goal definition" entries are one.
	seen := map[string]bool{}
	for _, h := range res[2].Hits {
		if seen[h.URL] {
			t.Errorf("%s shown twice", h.URL)
		}
		seen[h.URL] = true
	}
	for _, h := range res[1].Hits {
		if h.URL == "/guidance/wti/" && h.Href != "../guidance/wti/index.html" {
			t.Errorf("href of %s = %q", h.URL, h.Href)
		}
	}
}

func TestSnippetWindow(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Filler words about other things. ", 30) + "The sanction doubt is here. " + strings.Repeat("More filler text follows. ", 30)
	e := newEngine(t, []search.Entry{{URL: "/x/#p1", Kind: search.Paragraph, Title: "Paragraph 1", Text: long, Lang: "en"}}, search.Options{MaxTextBytes: 4000})
	res, err := e.Search("en", 10, "sanction")
	if err != nil {
		t.Fatal(err)
	}
	s := searchtest.Text(res[0].Hits[0].Snippet)
	if !strings.HasPrefix(s, "… ") || !strings.HasSuffix(s, " …") || !strings.Contains(s, "sanction doubt") || len(s) > 300 {
		t.Errorf("snippet = %q", s)
	}
}

// TestColdQueryLoads checks what a first query downloads: a one-word query
// loads the manifest, one term shard and the document shards of the hits
// shown; a two-word query, a term shard for each word and the same
// document shards (the proximity bonus reads the text of those ten).
func TestColdQueryLoads(t *testing.T) {
	t.Parallel()
	e := newEngine(t, search.GeneratedCorpus(t, 1000), search.Options{})
	res, err := e.SearchCold("en", 10, "claimant", "sanction doubt")
	if err != nil {
		t.Fatal(err)
	}
	count := func(r searchtest.Response, prefix string) int {
		n := 0
		for _, f := range r.Files {
			if strings.HasPrefix(f, prefix) {
				n++
			}
		}
		return n
	}
	one := res[0]
	if one.Error != "" || one.Count == 0 {
		t.Fatalf("%q: %d hits, %s", one.Query, one.Count, one.Error)
	}
	if one.Files[0] != "en/index.js" || count(one, "en/t/") != 1 || count(one, "en/d/") > 10 || len(one.Files) != 2+count(one, "en/d/") {
		t.Errorf("%q loaded %q", one.Query, one.Files)
	}
	two := res[1]
	if two.Error != "" || two.Count == 0 {
		t.Fatalf("%q: %d hits, %s", two.Query, two.Count, two.Error)
	}
	if count(two, "en/t/") > 2 || count(two, "en/d/") > 10 || len(two.Files) != 1+count(two, "en/t/")+count(two, "en/d/") {
		t.Errorf("%q loaded %q", two.Query, two.Files)
	}
}

// TestCorruptShard checks that a term shard whose zlib data is damaged
// (a bad header, cut short, empty) makes the query fail with an error that
// says so, rather than hang or find nothing silently.
func TestCorruptShard(t *testing.T) {
	t.Parallel()
	files, err := search.Build(corpus, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string]func(z []byte) []byte{
		"bad header": func(z []byte) []byte { return append([]byte{0, 0}, z[2:]...) },
		"cut short":  func(z []byte) []byte { return z[:len(z)/2] },
		"empty":      func(z []byte) []byte { return nil },
	}
	for name, f := range damage {
		again := slices.Clone(files)
		n := 0
		for i, file := range again {
			if !strings.Contains(file.Path, "/t/") {
				continue
			}
			s := strings.TrimSuffix(string(file.Data), "\");\n")
			k := strings.LastIndex(s, ",\"")
			z, err := base64.StdEncoding.DecodeString(s[k+2:])
			if err != nil {
				t.Fatal(err)
			}
			again[i].Data = []byte(s[:k+2] + base64.StdEncoding.EncodeToString(f(z)) + "\");\n")
			n++
		}
		if n == 0 {
			t.Fatal("no term shards")
		}
		res, err := engineOf(t, again).Search("en", 10, "pigeep")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res[0].Error, "search index: bad compressed data") {
			t.Errorf("%s: error %q, %d hits; want bad compressed data", name, res[0].Error, res[0].Count)
		}
	}
}

// TestStaleShard checks that a shard from another build is refused, not
// read against the wrong manifest.
func TestStaleShard(t *testing.T) {
	t.Parallel()
	files, err := search.Build(corpus, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other, err := search.Build(corpus[:5], search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		for _, o := range other {
			if f.Path == o.Path && f.Path == "/search/en/t/0.js" {
				files[i] = o
			}
		}
	}
	e := engineOf(t, files)
	res, err := e.Search("en", 10, "pigeep")
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Error == "" || !strings.Contains(res[0].Error, "does not match its manifest") {
		t.Errorf("stale shard: error %q, %d hits", res[0].Error, res[0].Count)
	}
}

// TestStaleShardRefetched checks that a shard of the build before that a
// cache serves with the current manifest is asked for again past the cache
// (with its version in the query string) and the current one used, while a
// shard whose bytes are the same in both builds is taken from the cache.
func TestStaleShardRefetched(t *testing.T) {
	t.Parallel()
	opt := search.Options{TermShardBytes: 60, DocShardBytes: 200}
	files, err := search.Build(corpus, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The build before: one word of one paragraph different, so that
	// the lengths of fields, which every score depends on, are the same.
	before := slices.Clone(corpus)
	for i := range before {
		if before[i].URL == "/guidance/wfi/#p8" {
			before[i].Text = strings.Replace(before[i].Text, "skill", "craft", 1)
		}
	}
	old, err := search.Build(before, opt)
	if err != nil {
		t.Fatal(err)
	}
	current := map[string][]byte{}
	for _, f := range files {
		current[f.Path] = f.Data
	}
	var stale []search.File // what a cache holds: every shard of the build before
	changed := map[string]bool{}
	for _, f := range old {
		if !strings.HasSuffix(f.Path, "/index.js") {
			stale = append(stale, f)
			changed[strings.TrimPrefix(f.Path, "/search/")] = !bytes.Equal(f.Data, current[f.Path])
		}
	}
	queries := []string{"listening skill", "pigeep", "claimant evidence"}
	want, err := engineOf(t, files).Search("en", 10, queries...)
	if err != nil {
		t.Fatal(err)
	}
	e := engineOf(t, files)
	if err := e.Stale(stale); err != nil {
		t.Fatal(err)
	}
	got, err := e.Search("en", 10, queries...)
	if err != nil {
		t.Fatal(err)
	}
	refetched, reused := 0, 0
	for q := range queries {
		if got[q].Error != "" || got[q].Count != want[q].Count || got[q].Count == 0 {
			t.Fatalf("%q with stale shards: error %q, %d hits; want %d", queries[q], got[q].Error, got[q].Count, want[q].Count)
		}
		for i := range want[q].Hits {
			g, w := got[q].Hits[i], want[q].Hits[i]
			if g.URL != w.URL || searchtest.Text(g.Snippet) != searchtest.Text(w.Snippet) {
				t.Errorf("%q, hit %d: %s %q, want %s %q", queries[q], i, g.URL, searchtest.Text(g.Snippet), w.URL, searchtest.Text(w.Snippet))
			}
		}
		loaded := map[string]bool{}
		for _, f := range got[q].Files {
			loaded[f] = true
		}
		for _, f := range got[q].Files {
			name, query, past := strings.Cut(f, "?")
			if name == "en/index.js" {
				continue
			}
			v := shardVersion(t, current["/search/"+name])
			switch {
			case past && query != "v="+v:
				t.Errorf("%q: %s loaded past the cache, want ?v=%s", queries[q], f, v)
			case past:
				refetched++
			case changed[name] && !loaded[name+"?v="+v]:
				t.Errorf("%q: %s changed but was not loaded again past the cache: %q", queries[q], name, got[q].Files)
			case !changed[name]:
				reused++
			}
			if past && !changed[name] {
				t.Errorf("%q: %s is the same in both builds but was loaded again", queries[q], name)
			}
		}
	}
	if refetched == 0 || reused == 0 {
		t.Errorf("%d shards loaded again past the cache and %d taken from it; want some of each", refetched, reused)
	}
}

// shardVersion returns the version a shard file carries.
func shardVersion(t *testing.T, data []byte) string {
	t.Helper()
	_, rest, _ := strings.Cut(string(data), `","`)
	v, _, ok := strings.Cut(rest, `"`)
	if !ok {
		t.Fatalf("not a shard: %.80s", data)
	}
	return v
}

// BenchmarkQueryCold builds the 10,000-entry corpus of BenchmarkBuild and
// runs first queries (each in a fresh page) under Node, reporting what they
// download and how long they take, loading included. Run it with
// go test -bench QueryCold -benchtime 1x -v to see each query.
func BenchmarkQueryCold(b *testing.B) {
	entries := search.GeneratedCorpus(b, 10000)
	files, err := search.Build(entries, search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	sizes := map[string]int{}
	counts := map[string]int{}
	total := 0
	for _, f := range files {
		kind := strings.Split(strings.TrimPrefix(f.Path, "/search/en/"), "/")[0]
		sizes[kind] += len(f.Data)
		counts[kind]++
		total += len(f.Data)
	}
	b.Logf("10,000 entries: %d bytes in %d files; manifest %d; terms %d in %d; documents %d in %d",
		total, len(files), sizes["index.js"], sizes["t"], counts["t"], sizes["d"], counts["d"])
	e := engineOf(b, files)
	queries := []string{"claimant", "interview", "pigeep", "commitment", "sanction doubt", "work coach interview"}
	b.ResetTimer()
	var oneWord, oneWordN int
	for b.Loop() {
		res, err := e.SearchCold("en", 10, queries...)
		if err != nil {
			b.Fatal(err)
		}
		oneWord, oneWordN = 0, 0
		for _, r := range res {
			if r.Error != "" {
				b.Fatalf("%q: %s", r.Query, r.Error)
			}
			b.Logf("cold %-22q %5d hits, %3d files, %7d bytes, %5.1f ms", r.Query, r.Count, len(r.Files), r.Bytes, r.Millis)
			if !strings.Contains(r.Query, " ") {
				oneWord += r.Bytes
				oneWordN++
			}
		}
	}
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(oneWord)/float64(oneWordN), "bytes/one-word-query")
}

// TestURLsRoundTrip checks that URLs, titles and contexts come back as they
// went in, however they are front-coded and escaped.
func TestURLsRoundTrip(t *testing.T) {
	t.Parallel()
	entries := []search.Entry{
		{URL: "/a/ŵyl/#p1", Kind: search.Paragraph, Title: "Para \"1\"", Context: "Ŵyl \\ </script>", Text: "common word one", Lang: "en"},
		{URL: "/a/ŵyl/#p2", Kind: search.Paragraph, Title: "Para \"1\"", Context: "Ŵyl \\ </script>", Text: "common word two", Lang: "en"},
		{URL: "/a/𝐀𝐁/#p3", Kind: search.Paragraph, Title: "𝐀 title", Context: "line\nbreak", Text: "common word three", Lang: "en"},
		{URL: "/a/𝐀𝐂/#p4", Kind: search.Paragraph, Title: "𝐀 title", Context: "\u2028sep", Text: "common word four", Lang: "en"},
	}
	e := newEngine(t, entries, search.Options{DocShardBytes: 1})
	res, err := e.Search("en", 10, "common")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]searchtest.Hit{}
	for _, h := range res[0].Hits {
		got[h.URL] = h
	}
	for _, want := range entries {
		h, ok := got[want.URL]
		if !ok {
			t.Errorf("%s not found in %v", want.URL, res[0].Hits)
			continue
		}
		if searchtest.Text(h.Title) != want.Title || h.Context != want.Context || searchtest.Text(h.Snippet) != want.Text {
			t.Errorf("%s came back as %q, %q, %q", want.URL, searchtest.Text(h.Title), h.Context, searchtest.Text(h.Snippet))
		}
	}
	e2 := newEngine(t, entries, search.Options{})
	res2, err := e2.Search("en", 10, "common")
	if err != nil {
		t.Fatal(err)
	}
	if len(res2[0].Hits) != 4 || res2[0].Hits[3].URL != res[0].Hits[3].URL {
		t.Errorf("one shard: %v", res2[0].Hits)
	}
}

// TestSearchQueryRules checks the query rules that go beyond matching every
// word: asking words are optional, long queries need only most of their
// words, number words match numerals, a word typed past its stem still
// matches, and a heading with no text of its own does not outrank the
// paragraph under it.
func TestSearchQueryRules(t *testing.T) {
	t.Parallel()
	entries := []search.Entry{
		{URL: "/dma/#frequency", Kind: search.Section, Title: "Frequency", Context: "Referrals checklist", Text: "Managers must check 100% of all cases being referred to a Decision Maker.", Lang: "en"},
		{URL: "/qaf/#p13", Kind: search.Paragraph, Title: "Paragraph 13", Context: "QAF", Text: "QAF 4 is completed through 1 to 1 meetings with the manager.", Lang: "en"},
		{URL: "/wti/#p65", Kind: search.Paragraph, Title: "Paragraph 65", Context: "WTI › 3rd Party Interviewing Technique", Text: "Ask the claimant to think from another person's point of view.", Lang: "en"},
		{URL: "/tl/#p22", Kind: search.Paragraph, Title: "Paragraph 22", Context: "Vulnerable Customers", Text: "The definition of vulnerability for DWP purposes.", Lang: "en"},
		{URL: "/ra/#adjustments", Kind: search.Section, Title: "Reasonable adjustments", Context: "Chapter 8", Lang: "en"},
		{URL: "/ra/#p305", Kind: search.Paragraph, Title: "Paragraph 305", Context: "Chapter 8 › Reasonable adjustments", Text: "The Equality Act requires reasonable adjustments for disabled people.", Lang: "en"},
		{URL: "/obs/#p7", Kind: search.Paragraph, Title: "Paragraph 7", Context: "Frequency", Text: "As a minimum, one observation per Work Coach should be carried out per month.", Lang: "en"},
		{URL: "/obs/#p8", Kind: search.Paragraph, Title: "Paragraph 8", Context: "Frequency", Text: "Work Coaches new to the role need more frequent observation.", Lang: "en"},
		{URL: "/x/#p1", Kind: search.Paragraph, Title: "Paragraph 1", Context: "Other", Text: "Work Coach interviews.", Lang: "en"},
	}
	e := newEngine(t, entries, search.Options{})
	tests := []struct {
		query string
		first string
		count int // -1: do not check
	}{
		{"how many referrals to check", "/dma/#frequency", 1},          // "how", "many" are optional
		{"one to one meetings", "/qaf/#p13", 1},                        // "one" matches "1"
		{"third party technique", "/wti/#p65", 1},                      // "third" matches "3rd"
		{"vulnerabil", "/tl/#p22", 1},                                  // typed past the stem "vulner"
		{"definition of vulnerabilty", "/tl/#p22", 1},                  // misspelt where the stemmer cuts
		{"reasonable adjustments", "/ra/#p305", 2},                     // the empty heading comes second
		{"how often should work coach observation be", "/obs/#p7", -1}, // three of four words
		{"work coach observation month", "/obs/#p7", 2},                // p8 holds three of the four
	}
	var qs []string
	for _, tt := range tests {
		qs = append(qs, tt.query)
	}
	res, err := e.Search("en", 10, qs...)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		r := res[i]
		first := ""
		if len(r.Hits) > 0 {
			first = r.Hits[0].URL
		}
		if r.Error != "" || first != tt.first || (tt.count >= 0 && r.Count != tt.count) {
			var got []string
			for _, h := range r.Hits {
				got = append(got, fmt.Sprintf("%s (%.2f)", h.URL, h.Score))
			}
			t.Errorf("%q: %d hits %q %s; want %d, first %q", tt.query, r.Count, got, r.Error, tt.count, tt.first)
		}
	}
}

// TestInflateBlockTypes checks the browser's inflater on every kind of
// DEFLATE block: each term and document shard of an index is compressed
// again with no compression (stored blocks, several for a long shard), with
// Huffman coding only, fastest and best, and every query must find what it
// found before, with the same snippets.
func TestInflateBlockTypes(t *testing.T) {
	t.Parallel()
	entries := search.GeneratedCorpus(t, 300)
	long := strings.Repeat("A long standard about evidence, interviews and sanction doubts. ", 2000)
	entries = append(entries, search.Entry{URL: "/long/#x", Kind: search.Standard, Title: "Long ŵyl standard", Context: "Long", Text: long, Lang: "en"})
	files, err := search.Build(entries, search.Options{MaxTextBytes: len(long) + 10})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"claimant", "sanction doubt", "interview evidence", "long standard", "wyl"}
	want, err := engineOf(t, files).Search("en", 10, queries...)
	if err != nil {
		t.Fatal(err)
	}
	for _, level := range []int{zlib.NoCompression, zlib.HuffmanOnly, zlib.BestSpeed, zlib.BestCompression} {
		again := make([]search.File, len(files))
		for i, f := range files {
			again[i] = f
			if !strings.Contains(f.Path, "/t/") && !strings.Contains(f.Path, "/d/") {
				continue
			}
			s := strings.TrimSuffix(string(f.Data), "\");\n")
			k := strings.LastIndex(s, ",\"")
			z, err := base64.StdEncoding.DecodeString(s[k+2:])
			if err != nil {
				t.Fatal(err)
			}
			r, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			w, _ := zlib.NewWriterLevel(&buf, level)
			w.Write(raw)
			w.Close()
			again[i].Data = []byte(s[:k+2] + base64.StdEncoding.EncodeToString(buf.Bytes()) + "\");\n")
		}
		got, err := engineOf(t, again).Search("en", 10, queries...)
		if err != nil {
			t.Fatal(err)
		}
		for i := range queries {
			if got[i].Error != "" {
				t.Errorf("level %d, %q: %s", level, queries[i], got[i].Error)
				continue
			}
			if got[i].Count != want[i].Count || len(got[i].Hits) != len(want[i].Hits) {
				t.Errorf("level %d, %q: %d hits, want %d", level, queries[i], got[i].Count, want[i].Count)
				continue
			}
			for k := range got[i].Hits {
				g, w := got[i].Hits[k], want[i].Hits[k]
				if g.URL != w.URL || searchtest.Text(g.Snippet) != searchtest.Text(w.Snippet) || searchtest.Text(g.Title) != searchtest.Text(w.Title) {
					t.Errorf("level %d, %q: hit %d is %s %q, want %s %q", level, queries[i], k, g.URL, searchtest.Text(g.Snippet), w.URL, searchtest.Text(w.Snippet))
				}
			}
		}
	}
	if want[3].Count == 0 || want[3].Hits[0].URL != "/long/#x" {
		t.Errorf("the long entry is not found: %+v", want[3])
	}
}

// TestBuildCancelled checks that a build whose context is done returns its
// error and no files, and that the same entries build without it.
func TestBuildCancelled(t *testing.T) {
	entries := []search.Entry{{URL: "/a/", Lang: "en", Kind: search.Page, Title: "Work Coach", Text: "Work Focused Interview"}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	files, err := search.BuildContext(ctx, entries, search.Options{})
	if !errors.Is(err, context.Canceled) || files != nil {
		t.Errorf("cancelled build: %d files, error %v; want none and context.Canceled", len(files), err)
	}
	files, err = search.BuildContext(context.Background(), entries, search.Options{})
	if err != nil || len(files) == 0 {
		t.Errorf("build: %d files, error %v", len(files), err)
	}
}
