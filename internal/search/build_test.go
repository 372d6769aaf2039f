package search

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
)

func TestNumbers(t *testing.T) {
	var b []byte
	values := []int{0, 1, 31, 32, 33, 1023, 1024, 1 << 20, 1<<31 - 1, 1 << 40}
	for _, v := range values {
		b = appendNum(b, v)
	}
	s := string(b)
	if strings.ContainsAny(s, " \"\\") {
		t.Fatalf("numbers %q hold a space, quote or backslash", s)
	}
	i := 0
	for _, want := range values {
		v, next, ok := readNum(s, i)
		if !ok || v != want {
			t.Fatalf("readNum at %d = %d, %v; want %d", i, v, ok, want)
		}
		i = next
	}
	if len(appendNum(nil, 31)) != 1 || len(appendNum(nil, 32)) != 2 {
		t.Error("values under 32 must take one digit, 32 two")
	}
	if len(alphabet) != 64 {
		t.Errorf("alphabet has %d digits", len(alphabet))
	}
}

func TestCompareUTF16(t *testing.T) {
	words := []string{"", "a", "ab", "b", "é", "z", "\uE000", "\uFFFD", "𝐀", "𝐀a", "中", "a𝐀", "a\uFFFD"}
	for _, a := range words {
		for _, b := range words {
			ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
			want := slices.Compare(ua, ub)
			if got := compareUTF16(a, b); got != want {
				t.Errorf("compareUTF16(%q, %q) = %d; want %d", a, b, got, want)
			}
		}
	}
}

func TestAppendJSString(t *testing.T) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "line\nbreak\ttab\r\x00\x7f", "\u2028\u2029", "é 🙂 </script>", "bad\xffutf8"} {
		got := string(appendJSString(nil, s))
		un, err := strconv.Unquote(got)
		if err != nil {
			t.Errorf("appendJSString(%q) = %s: %v", s, got, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); un != want {
			t.Errorf("appendJSString(%q) reads back as %q", s, un)
		}
		if strings.ContainsAny(got, "\n\r\u2028\u2029") {
			t.Errorf("appendJSString(%q) = %q holds a line terminator", s, got)
		}
	}
}

func TestSnippetText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"  a\n\n b\t c  ", 100, "a b c"},
		{"one two three four", 7, "one two …"},
		{strings.Repeat("x", 300), 50, strings.Repeat("x", 151) + "…"},
		// Texts already as a snippet has them come back as they are;
		// any other white space, or bytes that are not UTF-8, do not.
		{"one two three", 100, "one two three"},
		{"one two three", 13, "one two three"},
		{"", 10, ""},
		{" one", 10, "one"},
		{"one ", 10, "one"},
		{"one  two", 10, "one two"},
		{"one\ttwo", 10, "one two"},
		{"one\u00a0two", 20, "one two"},
		{"one\u3000two\u2028", 20, "one two"},
		{"caf\u00e9 \u00fcber", 20, "caf\u00e9 \u00fcber"},
		{"bad\xffbyte", 20, "bad\ufffdbyte"},
		{"one\x85two", 20, "one\ufffdtwo"},
		{"one two three four", 5, "one two …"},
		{"one two three four", 3, "one …"},
		{"one two three four", 4, "one two …"},
		{"one two   ", 4, "one two"},
		{"one two\tthree", 4, "one two …"},
		{"one two\u00a0three four", 4, "one two …"},
		{"one  two three", 4, "one two …"},
	}
	for _, tt := range tests {
		if got := snippetText(tt.in, tt.max); got != tt.want {
			t.Errorf("snippetText(%q, %d) = %q; want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

// FuzzSnippetText checks snippetText, fast paths or not, against white
// space collapsed rune by rune, for a max that cuts nothing, and against
// the rune by rune loop alone for any max.
func FuzzSnippetText(f *testing.F) {
	for _, s := range []string{"a b", " a", "a  b", "a\u00a0b", "\xff", "caf\u00e9", "a\x85b", "a\u0085b"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if got, want := snippetText(s, 3*len(s)+8), slowSnippet(s); got != want {
			t.Errorf("snippetText(%q) = %q; want %q", s, got, want)
		}
		max = 1 + max&0xff
		if got, want := snippetText(s, max), runeSnippet(s, max); got != want {
			t.Errorf("snippetText(%q, %d) = %q; want %q", s, max, got, want)
		}
	})
}

// runeSnippet is snippetText's rune by rune loop alone.
func runeSnippet(text string, max int) string {
	var b strings.Builder
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			if b.Len() >= max {
				b.WriteString(" …")
				return b.String()
			}
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		if b.Len() > max+100 {
			b.WriteString("…")
			return b.String()
		}
	}
	return b.String()
}

// slowSnippet is snippetText without its fast path, for texts it does
// not cut.
func slowSnippet(text string) string {
	var runes []rune
	for _, r := range text {
		runes = append(runes, r)
	}
	return strings.Join(strings.FieldsFunc(string(runes), unicode.IsSpace), " ")
}

func TestBuildErrors(t *testing.T) {
	for _, e := range []Entry{
		{URL: "/a/", Kind: Page, Lang: ""},
		{URL: "/a/", Kind: Page, Lang: "../x"},
		{URL: "/a/", Kind: Page, Lang: "EN"},
		{URL: "/a/", Kind: "chapter", Lang: "en"},
		{URL: "", Kind: Page, Lang: "en"},
	} {
		if _, err := Build([]Entry{e}, Options{}); err == nil {
			t.Errorf("Build(%+v) succeeded; want an error", e)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	files, err := Build(nil, Options{})
	if err != nil || len(files) != 0 {
		t.Errorf("Build(nil) = %d files, %v; want none", len(files), err)
	}
}

// TestBuildDeterministic builds the same entries twice, the second time
// shuffled, and wants the same bytes.
func TestBuildDeterministic(t *testing.T) {
	entries := GeneratedCorpus(t, 2000)
	entries = append(entries, Entry{URL: "/standards/quest-1w/#cael-swydd", Kind: Standard, Title: "Cael swydd", Context: "Quest 1W", Text: "Pa swydd ydych chi’n chwilio amdani?", Lang: "cy"})
	a, err := Build(entries, Options{})
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(entries)
	rand.New(rand.NewPCG(7, 8)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := Build(shuffled, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s, then %s", i, a[i].Path, b[i].Path)
		}
	}
	if !slices.IsSortedFunc(a, func(x, y File) int { return strings.Compare(x.Path, y.Path) }) {
		t.Error("files are not sorted by path")
	}
}

// TestShardsCoverEveryTerm decodes every term shard as the browser does and
// checks that every term of every entry is in the shard the manifest's
// boundaries send it to, with a posting for that entry.
func TestShardsCoverEveryTerm(t *testing.T) {
	entries := GeneratedCorpus(t, 1500)
	opt := Options{TermShardBytes: 2000, DocShardBytes: 1000}
	files, err := Build(entries, opt)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	m := string(byPath["/search/en/index.js"])
	i := strings.Index(m, `"t":`)
	j := strings.Index(m, `,"d":`)
	boundsStr, err := strconv.Unquote(m[i+4 : j])
	if err != nil {
		t.Fatal(err)
	}
	bounds := append([]string{""}, strings.Fields(boundsStr)...)
	if !slices.IsSortedFunc(bounds, compareUTF16) {
		t.Fatal("boundaries are not sorted")
	}
	shardOf := func(term string) int {
		s := 0
		for k, b := range bounds {
			if compareUTF16(b, term) <= 0 {
				s = k
			}
		}
		return s
	}

	type loc struct{ shard, ordinal int }
	where := map[string]loc{}
	postings := map[string][]decodedPosting{}
	var all []string
	for s := range bounds {
		payload, err := shardPayload(byPath["/search/en/t/"+strconv.Itoa(s)+".js"])
		if err != nil {
			t.Fatalf("shard %d: %v", s, err)
		}
		terms, ps, err := decodeTermShard(payload)
		if err != nil {
			t.Fatalf("shard %d: %v", s, err)
		}
		for k, term := range terms {
			if got := shardOf(term); got != s {
				t.Errorf("term %q is in shard %d; the boundaries say %d", term, s, got)
			}
			where[term] = loc{s, k}
			postings[term] = ps[k]
			all = append(all, term)
			for n, p := range ps[k] {
				if p.impact < 1 || p.impact > 63 {
					t.Errorf("term %q: impact %d", term, p.impact)
				}
				if n > 0 && p.doc <= ps[k][n-1].doc {
					t.Errorf("term %q: docs not increasing", term)
				}
			}
		}
	}
	for p := range byPath {
		if !strings.HasPrefix(p, "/search/en/t/") && !strings.HasPrefix(p, "/search/en/d/") && p != "/search/en/index.js" {
			t.Errorf("unexpected file %s", p)
		}
	}
	if _, ok := byPath["/search/en/t/"+strconv.Itoa(len(bounds))+".js"]; ok {
		t.Error("more term shards than boundaries")
	}
	if !slices.IsSortedFunc(all, compareUTF16) {
		t.Error("terms are not sorted across shards")
	}

	// Every term of every entry has a posting for it. Doc ids follow the
	// order Build sorts entries in.
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b Entry) int { return strings.Compare(a.URL, b.URL) })
	var urls []string
	for _, e := range sorted {
		if len(urls) == 0 || urls[len(urls)-1] != e.URL {
			urls = append(urls, e.URL)
		}
	}
	docOf := map[string]int{}
	for d, u := range urls {
		docOf[u] = d
	}
	missing := 0
	for _, e := range entries {
		for _, term := range Terms(e.Title+" "+e.Context+" "+e.Text, e.Lang) {
			d := docOf[e.URL]
			ps := postings[term]
			if _, ok := slices.BinarySearchFunc(ps, d, func(p decodedPosting, d int) int { return p.doc - d }); !ok {
				missing++
				if missing < 10 {
					t.Errorf("term %q of %s: no posting for doc %d", term, e.URL, d)
				}
			}
		}
	}
	if len(where) == 0 {
		t.Fatal("no terms")
	}
}

func TestMergeSameURL(t *testing.T) {
	files, err := Build([]Entry{
		{URL: "/g/wti/#goal", Kind: Section, Title: "Goal definition", Context: "WTI", Lang: "en"},
		{URL: "/g/wti/#goal", Kind: Section, Title: "Goal definition", Context: "WTI", Text: "Define the job goal.", Lang: "en"},
		{URL: "/g/wti/", Kind: Section, Title: "WTI", Context: "WTI", Text: "Intro text.", Lang: "en"},
		{URL: "/g/wti/", Kind: Page, Title: "WTI", Context: "Guidance", Text: "Summary.", Lang: "en"},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "/search/en/index.js" && !bytes.Contains(f.Data, []byte(`"n":2,`)) {
			t.Errorf("want 2 documents after merging: %s", f.Data)
		}
	}
}

func TestInitialsHold(t *testing.T) {
	tests := []struct {
		words   string
		letters string
		want    bool
	}{
		{"decision making and appeals", "dma", true},
		{"work targeted interviewing", "wti", true},
		{"preparation introduction goal definition evaluation exploration planning", "pigeep", true},
		{"the customer assessment tool", "cat", false}, // must start with the first letter
		{"labour market", "lmi", false},
	}
	for _, tt := range tests {
		if got := initialsHold(strings.Fields(tt.words), tt.letters); got != tt.want {
			t.Errorf("initialsHold(%q, %q) = %v", tt.words, tt.letters, got)
		}
	}
}

// TestQuantize checks that quantize puts every score where its definition,
// exact, does: scores spread over the whole scale and past its lower end,
// the boundaries between steps and the floats either side of them, and
// the ends.
func TestQuantize(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 19))
	for _, smax := range []float64{1e-300, 1e-6, 0.37, 1, 12.5, 8191.25, 3e12, 1e300} {
		z := newQuantizer(smax)
		scores := []float64{smax, math.Nextafter(smax, 0), smax / 400, smax * 1e-30, math.SmallestNonzeroFloat64, 0}
		for k := 1; k <= 62; k++ {
			b := smax * math.Exp(-(float64(k)-0.5)*math.Log(impactStep))
			scores = append(scores, b, math.Nextafter(b, 0), math.Nextafter(b, math.Inf(1)), b*(1+2e-9), b*(1-2e-9))
		}
		for range 20000 {
			scores = append(scores, smax*math.Exp(-rng.Float64()*70*math.Log(impactStep)))
		}
		for _, s := range scores {
			// As computed, and as float32, as scores are kept.
			for _, s := range []float64{s, float64(float32(s))} {
				if got, want := z.quantize(s), z.exact(s); got != want {
					t.Errorf("smax %g, score %g: quantize %d, exact %d", smax, s, got, want)
				}
			}
		}
	}
}

// shardCall matches the start of a shard file: its function, language,
// version and number.
var shardCall = regexp.MustCompile(`^window\.__hbSearch\.(terms|docs)\("([a-z0-9-]+)","([^"]*)",([0-9]+),`)

// manifestVersions returns the shard versions a manifest lists: by kind
// ("terms", "docs"), one string of versionDigits digits a shard.
func manifestVersions(t *testing.T, data []byte) map[string]string {
	t.Helper()
	m := regexp.MustCompile(`"tv":"([^"]*)","dv":"([^"]*)"`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("manifest without shard versions: %.200s", data)
	}
	return map[string]string{"terms": string(m[1]), "docs": string(m[2])}
}

// TestShardVersions checks that every shard carries its own version, the
// one its language's manifest lists for it, made from its bytes alone: after
// a one-paragraph edit, a shard whose compressed bytes did not change is the
// same file, byte for byte, as before (so that publishing keeps it), and
// one whose bytes did has another version.
func TestShardVersions(t *testing.T) {
	entries := mixedCorpus(t, 600)
	edited := slices.Clone(entries)
	edited[100].Text += " A sentence added to one paragraph about evidence."
	builds := make([]map[string][]byte, 2)
	var compressed int // shards the build after the edit compressed again, given the cache of the one before
	left := 0          // files the build after the edit left as the build before wrote them
	for b, es := range [][]Entry{entries, edited} {
		opt := smallShards
		if b == 1 {
			opt.Cache, opt.LeaveSame = cacheOf(t, entries, smallShards), true
		}
		files, next, err := BuildCache(context.Background(), es, opt)
		if err != nil {
			t.Fatal(err)
		}
		compressed = next.Stats().ShardsCompressed
		if b == 1 {
			sameAsBefore(t, "after the edit", files, builds[0])
		}
		byPath := map[string][]byte{}
		vers := map[string]map[string]string{}
		for i := range files {
			f := &files[i]
			if f.Data == nil {
				left++
			}
			f.Data = f.Bytes()
			byPath[f.Path] = f.Data
			if strings.HasSuffix(f.Path, "/index.js") {
				lang := strings.Split(f.Path, "/")[2]
				vers[lang] = manifestVersions(t, f.Data)
			}
		}
		if len(vers) != 2 {
			t.Fatalf("manifests of %d languages, want 2 (en, cy)", len(vers))
		}
		counts := map[string]int{}
		for _, f := range files {
			if strings.HasSuffix(f.Path, "/index.js") {
				continue
			}
			m := shardCall.FindSubmatch(f.Data)
			if m == nil {
				t.Fatalf("%s: not a shard: %.80s", f.Path, f.Data)
			}
			kind, lang, v := string(m[1]), string(m[2]), string(m[3])
			n, _ := strconv.Atoi(string(m[4]))
			counts[lang+kind]++
			listed := vers[lang][kind]
			if len(v) != versionDigits || (n+1)*versionDigits > len(listed) || listed[n*versionDigits:(n+1)*versionDigits] != v {
				t.Errorf("%s: version %q, manifest lists %q", f.Path, v, listed[min(n*versionDigits, len(listed)):min((n+1)*versionDigits, len(listed))])
			}
			payload := bytes.TrimSuffix(f.Data[len(m[0]):], []byte(");\n"))
			if want := shardVersion(payload); v != string(want[:]) {
				t.Errorf("%s: version %q, want %q (from its bytes)", f.Path, v, want)
			}
		}
		for lang, kinds := range vers {
			for kind, listed := range kinds {
				if len(listed) != counts[lang+kind]*versionDigits {
					t.Errorf("build %d: the %s manifest lists %d %s versions for %d shards", b, lang, len(listed)/versionDigits, kind, counts[lang+kind])
				}
			}
		}
		builds[b] = byPath
	}
	same, changed := 0, 0
	for p, before := range builds[0] {
		after, ok := builds[1][p]
		if !ok || strings.HasSuffix(p, "/index.js") {
			continue
		}
		mb, ma := shardCall.FindSubmatch(before), shardCall.FindSubmatch(after)
		sameBytes := bytes.Equal(before, after)
		samePayload := bytes.Equal(before[len(mb[0]):], after[len(ma[0]):])
		switch {
		case samePayload && !sameBytes:
			t.Errorf("%s: the same shard, but not the same file:\n%.100s\n%.100s", p, before, after)
		case !samePayload && string(mb[3]) == string(ma[3]):
			t.Errorf("%s: another shard, the same version %s", p, ma[3])
		case sameBytes:
			same++
		default:
			changed++
		}
	}
	// The shards whose bytes changed are those compressed again: the
	// files rewritten are the work redone.
	if left != same {
		t.Errorf("after a one-paragraph edit, %d shard files are the same as before, and %d of them left without Data", same, left)
	}
	if changed == 0 || changed > compressed || changed*4 > same {
		t.Errorf("after a one-paragraph edit, %d shard files changed (%d shards compressed again) and %d did not", changed, compressed, same)
	}
	t.Logf("one edit: %d shard files changed, %d the same", changed, same)
}

// TestShardFile checks that a shard's file is the same made around its
// literal, in the room the compressor left, as copied.
func TestShardFile(t *testing.T) {
	z := newCompressor()
	for _, i := range []int{0, 9, 10, 99, 100, 12345} {
		for _, kind := range []string{"terms", "docs"} {
			head := headLen(kind, "pt-br", i)
			if want := len(appendHead(nil, kind, "pt-br", "abcd", i)); head != want {
				t.Errorf("headLen(%s, %d) = %d, want %d", kind, i, head, want)
			}
			lit, room := z.compress([]byte("some text to compress"), head)
			copied := shardFile(kind, "pt-br", i, "abcd", lit, nil)
			inPlace := shardFile(kind, "pt-br", i, "abcd", lit, room)
			if !bytes.Equal(copied, inPlace) {
				t.Errorf("%s %d: made in place %q, copied %q", kind, i, inPlace, copied)
			}
			if &inPlace[head] != &lit[0] {
				t.Errorf("%s %d: the literal was copied", kind, i)
			}
			if want := `window.__hbSearch.` + kind + `("pt-br","abcd",` + strconv.Itoa(i) + `,` + string(lit) + ");\n"; string(copied) != want {
				t.Errorf("%s %d: %q, want %q", kind, i, copied, want)
			}
		}
	}
}
