package search

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// smallShards makes many shards of a small corpus, so that edits move
// boundaries.
var smallShards = Options{TermShardBytes: 700, DocShardBytes: 1500}

// sameFiles fails t unless got and want are the same files, byte for byte.
func sameFiles(t *testing.T, what string, got, want []File) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for i := range got {
		data := got[i].Bytes()
		if got[i].Path != want[i].Path || !bytes.Equal(data, want[i].Data) {
			t.Fatalf("%s: file %d is %s (%d bytes), want %s (%d bytes)", what, i, got[i].Path, len(data), want[i].Path, len(want[i].Data))
		}
		if got[i].Sum != ([32]byte{}) && got[i].Sum != sha256.Sum256(data) {
			t.Fatalf("%s: %s: Sum is not the SHA-256 of its bytes", what, got[i].Path)
		}
	}
}

// sameAsBefore fails t unless every file of files without Data is, byte
// for byte, the file at its path in before (the files of the build that
// made the cache given): the file a caller keeps.
func sameAsBefore(t *testing.T, what string, files []File, before map[string][]byte) {
	t.Helper()
	for _, f := range files {
		if f.Data != nil {
			continue
		}
		if old, ok := before[f.Path]; !ok || !bytes.Equal(old, f.Bytes()) || sha256.Sum256(old) != f.Sum {
			t.Fatalf("%s: %s has no Data, but the build before wrote another file there (%d bytes, found %v)", what, f.Path, len(old), ok)
		}
	}
}

// byPath returns files' bytes by path.
func byPath(files []File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Bytes()
	}
	return m
}

// cacheOf builds entries with opt and returns the cache it leaves.
func cacheOf(t *testing.T, entries []Entry, opt Options) *Cache {
	t.Helper()
	_, c, err := BuildCache(context.Background(), entries, opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// roundTrip encodes and decodes c.
func roundTrip(t *testing.T, c *Cache) *Cache {
	t.Helper()
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var d Cache
	if err := d.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	return &d
}

// mixedCorpus is GeneratedCorpus(n) with a few entries in Welsh, a
// glossary acronym, and words repeated (frequencies that the cache's
// encoding packs in one byte, and larger ones that it does not).
func mixedCorpus(t *testing.T, n int) []Entry {
	entries := GeneratedCorpus(t, n)
	for i := 3; i < len(entries); i += 17 {
		entries[i].Lang = "cy"
	}
	return append(entries,
		Entry{URL: "/glossary/#dma", Kind: Glossary, Title: "DMA", Context: "Glossary", Text: "Decision Making and Appeals\nThe team that decides.", Lang: "en"},
		Entry{URL: "/guidance/dma/#p1", Kind: Paragraph, Title: "Paragraph 1", Context: "DMA", Text: "Refer the claim to Decision Making and Appeals when in doubt.", Lang: "en"},
		Entry{URL: "/guidance/dma/#p2", Kind: Paragraph, Title: "Goal goal", Context: "Plan plan", Text: strings.Repeat("evidence ", 14), Lang: "en"},
		Entry{URL: "/guidance/dma/#p3", Kind: Paragraph, Title: "Goal goal goal", Context: "Plan", Text: strings.Repeat("evidence ", 15) + strings.Repeat("sanction ", 300), Lang: "en"},
	)
}

func TestCacheSameBytes(t *testing.T) {
	entries := mixedCorpus(t, 400)
	edited := slices.Clone(entries)
	edited[10].Text += " A sentence added to one paragraph."
	edited = slices.Delete(edited, 20, 25)
	edited[len(edited)-2].Text = "Not an expansion\nRenamed." // the acronym goes
	foreign := GeneratedCorpus(t, 150)
	for i := range foreign {
		foreign[i].Text = "Other words entirely: " + foreign[i].Text
	}
	for _, opt := range []Options{{}, smallShards} {
		cold, err := Build(entries, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			cache *Cache
		}{
			{"nil", nil},
			{"empty", &Cache{}},
			{"decoded empty", roundTrip(t, &Cache{})},
			{"same entries", cacheOf(t, entries, opt)},
			{"same entries, decoded", roundTrip(t, cacheOf(t, entries, opt))},
			{"stale", cacheOf(t, edited, opt)},
			{"stale, decoded", roundTrip(t, cacheOf(t, edited, opt))},
			{"foreign", cacheOf(t, foreign, opt)},
			{"other shard sizes", cacheOf(t, entries, Options{TermShardBytes: 300, DocShardBytes: 400})},
		} {
			o := opt
			o.Cache = tc.cache
			files, next, err := BuildCache(context.Background(), entries, o)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, fmt.Sprintf("%+v, cache %s", opt.TermShardBytes, tc.name), files, cold)
			// And with the cache it left.
			o.Cache = next
			files, err = BuildContext(context.Background(), entries, o)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, "cache after "+tc.name, files, cold)
		}
	}
}

// TestCacheReuse checks that a build after an edit analyses only the
// entries that changed and compresses only shards that changed, and that
// one with nothing changed redoes neither.
func TestCacheReuse(t *testing.T) {
	entries := mixedCorpus(t, 600)
	first := cacheOf(t, entries, smallShards)
	if s := first.Stats(); s.EntriesAnalysed != s.Entries || s.ShardsCompressed != s.Shards || s.Entries != len(entries) {
		t.Errorf("cold build: %+v, want every entry analysed and every shard compressed", s)
	}
	opt := smallShards
	opt.Cache = first
	again := cacheOf(t, entries, opt)
	if s := again.Stats(); s.EntriesAnalysed != 0 || s.ShardsCompressed != 0 {
		t.Errorf("unchanged: %+v, want nothing analysed or compressed", s)
	}
	edited := slices.Clone(entries)
	edited[100].Text = "A new text for one paragraph about evidence."
	opt.Cache = roundTrip(t, again)
	s := cacheOf(t, edited, opt).Stats()
	if s.EntriesAnalysed != 1 {
		t.Errorf("one edit: %d entries analysed, want 1", s.EntriesAnalysed)
	}
	if s.ShardsCompressed == 0 || s.ShardsCompressed >= s.Shards {
		t.Errorf("one edit: %d of %d shards compressed, want some and not all", s.ShardsCompressed, s.Shards)
	}
}

// TestCacheRandomEdits builds a corpus through random sequences of edits
// of every kind, each build given the cache of the one before (at times
// through MarshalBinary and UnmarshalBinary), and compares every build
// with a build without a cache.
func TestCacheRandomEdits(t *testing.T) {
	base := mixedCorpus(t, 250)
	pool := GeneratedCorpus(t, 400)[250:] // entries to add
	for seq := range 6 {
		rng := rand.New(rand.NewPCG(uint64(seq), 19))
		entries := slices.Clone(base)
		opt := smallShards
		if seq%2 == 1 {
			opt = Options{}
		}
		var cache *Cache
		var before map[string][]byte
		kept := 0
		for step := range 12 {
			for range 1 + rng.IntN(3) {
				entries = randomEdit(rng, entries, pool)
			}
			o := opt
			o.Cache, o.LeaveSame = cache, true
			if cache != nil && rng.IntN(3) == 0 {
				o.Cache = roundTrip(t, cache)
			}
			files, next, err := BuildCache(context.Background(), entries, o)
			if err != nil {
				t.Fatal(err)
			}
			cold, err := Build(entries, opt)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, fmt.Sprintf("sequence %d, step %d", seq, step), files, cold)
			sameAsBefore(t, fmt.Sprintf("sequence %d, step %d", seq, step), files, before)
			for _, f := range files {
				if f.Data == nil {
					kept++
				}
			}
			cache, before = next, byPath(files)
		}
		if kept == 0 {
			t.Errorf("sequence %d: no file was left as the build before wrote it", seq)
		}
	}
}

// randomEdit changes entries one way, chosen by rng: a word of the text, a
// title, a context, a kind, a language, an added, removed or moved entry,
// an entry given another's URL (merged), the glossary's acronym.
func randomEdit(rng *rand.Rand, entries []Entry, pool []Entry) []Entry {
	entries = slices.Clone(entries)
	i := rng.IntN(len(entries))
	e := &entries[i]
	switch rng.IntN(11) {
	case 0:
		e.Text += " evidence"
	case 1:
		e.Text = pool[rng.IntN(len(pool))].Text
	case 2:
		e.Title = pool[rng.IntN(len(pool))].Title
	case 3:
		e.Context = "Moved › " + e.Context
	case 4:
		e.Kind = []string{Paragraph, Section, Standard, Page, Glossary}[rng.IntN(5)]
	case 5:
		e.Lang = []string{"en", "cy", "fr"}[rng.IntN(3)]
	case 6:
		p := pool[rng.IntN(len(pool))]
		p.URL += fmt.Sprintf("-%d", rng.IntN(1000))
		entries = slices.Insert(entries, i, p)
	case 7:
		if len(entries) > 10 {
			entries = slices.Delete(entries, i, i+1)
		}
	case 8:
		e.URL = entries[rng.IntN(len(entries))].URL
	case 9:
		e.URL = "/moved" + e.URL
	case 10:
		for j := range entries {
			if entries[j].URL == "/glossary/#dma" {
				entries[j].Text = []string{"Decision Making and Appeals", "Decisions Made Anew", "Nothing here"}[rng.IntN(3)]
			}
		}
	}
	return entries
}

func TestCacheDecodeErrors(t *testing.T) {
	good, err := cacheOf(t, mixedCorpus(t, 60), Options{}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	flipped := slices.Clone(good)
	flipped[len(flipped)/2] ^= 1
	otherVersion := []byte(cacheMagic)
	otherVersion = append(otherVersion, cacheVersion+1, 0, 0, 0, 0, 0)
	for _, tc := range []struct {
		name    string
		data    []byte
		version bool
	}{
		{"empty", nil, false},
		{"not a cache", []byte("hello, world"), false},
		{"magic only", []byte(cacheMagic), false},
		{"other version", otherVersion, true},
		{"truncated", good[:len(good)-9], false},
		{"a bit flipped", flipped, false},
		{"trailing byte", append(slices.Clone(good), 0), false},
	} {
		var c Cache
		err := c.UnmarshalBinary(tc.data)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if errors.Is(err, ErrCacheVersion) != tc.version {
			t.Errorf("%s: %v; version error: %v", tc.name, err, tc.version)
		}
		if c.langs != nil {
			t.Errorf("%s: the cache is not left empty", tc.name)
		}
	}
}

// FuzzCacheDecode decodes any bytes: an error or a cache, never a panic;
// and a cache that decodes, whatever it holds, changes no byte of a build.
func FuzzCacheDecode(f *testing.F) {
	entries := []Entry{
		{URL: "/a/", Kind: Page, Title: "Appeals", Text: "How to appeal a decision.", Lang: "en"},
		{URL: "/a/#p1", Kind: Paragraph, Title: "Paragraph 1", Context: "Appeals", Text: "Decision Making and Appeals decide.", Lang: "en"},
		{URL: "/g/#dma", Kind: Glossary, Title: "DMA", Text: "Decision Making and Appeals", Lang: "en"},
		{URL: "/c/", Kind: Page, Title: "Apeliadau", Text: "Sut i apelio.", Lang: "cy"},
	}
	cold, err := Build(entries, Options{})
	if err != nil {
		f.Fatal(err)
	}
	_, c, err := BuildCache(context.Background(), entries, Options{})
	if err != nil {
		f.Fatal(err)
	}
	good, _ := c.MarshalBinary()
	empty, _ := (&Cache{}).MarshalBinary()
	f.Add(good)
	f.Add(empty)
	f.Add(good[:len(good)/2])
	f.Add([]byte(cacheMagic + "\x01\xff\xff\xff\xff\x0f"))
	f.Add(good[:len(good)-4]) // a body, which the fuzz function checksums
	f.Fuzz(func(t *testing.T, data []byte) {
		var c Cache
		err := c.UnmarshalBinary(data)
		if owned, err2 := DecodeCache(slices.Clone(data)); (err == nil) != (err2 == nil) {
			t.Fatalf("UnmarshalBinary: %v; DecodeCache: %v", err, err2)
		} else if err == nil {
			if a, b := mustMarshal(t, &c), mustMarshal(t, owned); !bytes.Equal(a, b) {
				t.Fatal("UnmarshalBinary and DecodeCache decode different caches")
			}
		}
		if err == nil {
			again, err := c.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var d Cache
			if err := d.UnmarshalBinary(again); err != nil {
				t.Fatalf("a decoded cache, encoded again, does not decode: %v", err)
			}
			// A cache that decodes is one MarshalBinary wrote (the checksum
			// holds), so builds given it must match the build without.
			files, err := BuildContext(context.Background(), entries, Options{Cache: &c})
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, "decoded cache", files, cold)
		}
		// The same bytes with their checksum, so that the decoder's checks
		// of the structure are reached: a cache that decodes then, however
		// made, builds without a panic.
		var e Cache
		if e.UnmarshalBinary(binary.BigEndian.AppendUint32(slices.Clone(data), crc32.Checksum(data, castagnoli))) == nil {
			if _, err := BuildContext(context.Background(), entries, Options{Cache: &e}); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// mustMarshal returns c encoded.
func mustMarshal(t *testing.T, c *Cache) []byte {
	t.Helper()
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCacheDeadTerms checks builds given a cache that holds terms no entry
// holds any more: a few (kept, numbered as before) and most (the next
// cache numbers only the terms found). Each build, and a build given its
// cache directly and through MarshalBinary, is the bytes of a build
// without a cache; a build of the same entries again analyses nothing.
func TestCacheDeadTerms(t *testing.T) {
	base := mixedCorpus(t, 300)
	few := slices.Clone(base[:len(base)-40]) // some words are gone
	for i := range few[:5] {
		few[i].Text = "zzyzx quokka " + few[i].Text
	}
	var most []Entry // nearly every word is gone
	for _, e := range base[:20] {
		e.Text, e.Title, e.Context = "quokka wombat", "Numbat", "Marsupials"
		most = append(most, e)
	}
	for _, tc := range []struct {
		name      string
		entries   []Entry
		renumbers bool
	}{
		{"a few terms gone", few, false},
		{"most terms gone", most, true},
	} {
		prev := cacheOf(t, base, smallShards)
		for _, c := range []*Cache{prev, roundTrip(t, prev)} {
			opt := smallShards
			opt.Cache = c
			files, next, err := BuildCache(context.Background(), tc.entries, opt)
			if err != nil {
				t.Fatal(err)
			}
			cold, err := Build(tc.entries, smallShards)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, tc.name, files, cold)
			en := next.langs["en"]
			if got := len(en.terms) < len(prev.langs["en"].terms); got != tc.renumbers {
				t.Errorf("%s: %d terms, %d before; renumbered %v, want %v", tc.name, len(en.terms), len(prev.langs["en"].terms), got, tc.renumbers)
			}
			for _, again := range []*Cache{next, roundTrip(t, next)} {
				opt.Cache = again
				files, c2, err := BuildCache(context.Background(), tc.entries, opt)
				if err != nil {
					t.Fatal(err)
				}
				sameFiles(t, tc.name+", again", files, cold)
				if s := c2.Stats(); s.EntriesAnalysed != 0 || s.ShardsCompressed != 0 {
					t.Errorf("%s, again: %+v, want nothing analysed or compressed", tc.name, s)
				}
			}
		}
	}
}

// TestAddEncoded checks that postings encoded for the cache are read back
// as they were, across a chunk's end, and that bytes that do not hold
// (a term id too large, cut short, an unknown frequency byte) add nothing.
func TestAddEncoded(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 19))
	var ps []posting
	for range 50 {
		p := posting{term: int32(rng.IntN(1 << uint(1+rng.IntN(20)))), doc: 7}
		for f := range p.tf {
			p.tf[f] = uint16(rng.IntN([]int{2, 3, 16, 70000}[rng.IntN(4)]))
		}
		ps = append(ps, p)
	}
	enc := appendPostings(nil, ps, nil)
	for _, tc := range []struct {
		name   string
		b      []byte
		nterms int
		want   []posting
	}{
		{"all", enc, 1 << 20, ps},
		{"none", nil, 1, nil},
		{"term id too large", enc, 1 << 19, nil},
		{"term id too large, one byte", []byte{5, 0}, 5, nil},
		{"cut short", enc[:len(enc)-1], 1 << 20, nil},
		{"unknown frequencies", []byte{1, packedTF}, 5, nil},
		{"a frequency too large", append([]byte{1, tfEscape}, 0xff, 0xff, 0x7f, 0, 0), 5, nil},
	} {
		// After none, before a chunk's end, and at a chunk's end.
		for _, before := range []int{0, postingChunk - 3, postingChunk} {
			var l postings
			for range before {
				l.add(posting{term: 1})
			}
			ok := l.addEncoded(tc.b, 7, tc.nterms)
			if ok != (tc.want != nil || len(tc.b) == 0) {
				t.Errorf("%s after %d: %v", tc.name, before, ok)
			}
			if l.n != before+len(tc.want) {
				t.Fatalf("%s after %d: %d postings, want %d", tc.name, before, l.n, before+len(tc.want))
			}
			for i, p := range tc.want {
				if got := *l.at(before + i); got != p {
					t.Errorf("%s after %d: posting %d is %+v, want %+v", tc.name, before, i, got, p)
				}
			}
			l.add(posting{term: 2}) // the list still grows as it should
			if l.n != before+1+len(tc.want) || l.at(l.n-1).term != 2 {
				t.Errorf("%s after %d: adding after it: %d postings", tc.name, before, l.n)
			}
			for i := range l.n { // every posting is where it should be
				l.at(i)
			}
		}
	}
}
