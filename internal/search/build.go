package search

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/klauspost/compress/zlib"
)

// Fields of an entry.
const (
	fieldTitle = iota
	fieldContext
	fieldText
	numFields
)

// kindWeight is how much each field of an entry of one kind counts (BM25F
// weights; the text counts 1) and how much the whole entry counts.
type kindWeight struct {
	title, context, boost float64
}

// kindWeights puts the titles that name a thing (a standard, a heading, a
// glossary term, a page) well above running text; a paragraph's title
// ("Paragraph 47") counts as its text does. The context (the page or rubric
// title, and for a paragraph the heading it is under) counts a little, so
// "WTI goal" finds a paragraph about goals in the WTI chapter that never
// says "WTI".
var kindWeights = map[string]kindWeight{
	Paragraph: {title: 1, context: 0.5, boost: 1.0},
	Standard:  {title: 4, context: 0.5, boost: 1.1},
	Page:      {title: 4, context: 0.3, boost: 1.0},
	Section:   {title: 3, context: 0.3, boost: 1.0},
	Glossary:  {title: 6, context: 0.3, boost: 1.25},
}

// emptyBoost scales the boost of a section or glossary entry that has no
// text of its own (no word indexed in its text): a heading whose numbered paragraphs are entries of their
// own (each carrying the heading as its context), or a glossary term with no
// definition. Such an entry has nothing to show but its title, and at full
// weight its title alone would rank it above the paragraphs that answer the
// query ("reasonable adjustments" would list the heading and the undefined
// glossary term before ¶305, which says what they are). Standards and pages
// are not scaled: a standard's title is its content (a questionnaire
// statement), and a page stands for the whole page.
const emptyBoost = 0.5

// BM25 parameters: k1 as usual; b per field (titles are short and their
// length says little; context length says nothing).
const k1 = 1.2

var fieldB = [numFields]float64{0.3, 0, 0.75}

// impactStep is the ratio between two neighbouring quantized impacts: 63
// steps cover a factor of 1.1^62 ≈ 370 below the largest impact, and scores
// are compared to within 10%.
const impactStep = 1.1

// posting is one (term, entry) pair found while analyzing.
type posting struct {
	term int32
	doc  int32
	tf   [numFields]uint16
}

// Build builds the search index of entries: per language, a manifest, term
// and document shards, as self-registering .js files under
// /search/<lang>/ (see the package documentation). Entries with the same
// language and URL are merged into one result. Acronyms of the glossary
// entries are indexed wherever their expansions stand. Build is
// deterministic (entries are sorted first) and returns the files sorted by
// path.
func Build(entries []Entry, opt Options) ([]File, error) {
	return BuildContext(context.Background(), entries, opt)
}

// BuildContext is Build that stops early, returning ctx's error, when ctx
// is done: the live preview abandons an index an edit has made stale.
func BuildContext(ctx context.Context, entries []Entry, opt Options) ([]File, error) {
	files, _, err := build(ctx, entries, opt, false)
	for i := range files {
		if f := &files[i]; f.Data == nil {
			f.Data, f.Sum, f.Make = f.Make(), [sha256.Size]byte{}, nil // with a cache given, no sums are made
		}
	}
	return files, err
}

// BuildCache is BuildContext that also returns the cache for the next
// build: what this one analysed and compressed, whether it made it or took
// it from opt.Cache. The files are the same bytes as BuildContext's.
func BuildCache(ctx context.Context, entries []Entry, opt Options) ([]File, *Cache, error) {
	files, c, err := build(ctx, entries, opt, true)
	if !opt.LeaveSame {
		for i := range files {
			if f := &files[i]; f.Data == nil {
				f.Data, f.Make = f.Make(), nil
			}
		}
	}
	return files, c, err
}

// build builds the index; keep says whether to return the next cache.
func build(ctx context.Context, entries []Entry, opt Options, keep bool) ([]File, *Cache, error) {
	opt = opt.withDefaults()
	byLang := map[string][]*Entry{}
	for i := range entries {
		e := &entries[i]
		if !validLang(e.Lang) {
			return nil, nil, fmt.Errorf("search: entry %q: language %q is not a language tag", e.URL, e.Lang)
		}
		if _, ok := kindWeights[e.Kind]; !ok {
			return nil, nil, fmt.Errorf("search: entry %q: unknown kind %q", e.URL, e.Kind)
		}
		if e.URL == "" {
			return nil, nil, fmt.Errorf("search: entry %q has no URL", e.Title)
		}
		byLang[e.Lang] = append(byLang[e.Lang], e)
	}
	langs := slices.Sorted(maps.Keys(byLang))
	out := make([][]File, len(langs))
	caches := make([]*langCache, len(langs))
	stats := make([]CacheStats, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		var prev *langCache
		if opt.Cache != nil {
			prev = opt.Cache.langs[lang]
		}
		wg.Go(func() { out[i], caches[i], stats[i] = buildLang(ctx, lang, byLang[lang], opt, prev, keep) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var files []File
	for _, fs := range out {
		files = append(files, fs...)
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if !keep {
		return files, nil, nil
	}
	next := &Cache{langs: map[string]*langCache{}}
	for i, lang := range langs {
		next.langs[lang] = caches[i]
		next.stats.Entries += stats[i].Entries
		next.stats.EntriesAnalysed += stats[i].EntriesAnalysed
		next.stats.Shards += stats[i].Shards
		next.stats.ShardsCompressed += stats[i].ShardsCompressed
	}
	return files, next, nil
}

// validLang reports whether lang is a lower-case language tag ("en", "cy",
// "pt-br"), safe as a path segment.
func validLang(lang string) bool {
	if lang == "" || len(lang) > 16 || lang[0] == '-' || lang[len(lang)-1] == '-' {
		return false
	}
	for i := 0; i < len(lang); i++ {
		c := lang[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// index is one language's index while it is built.
type index struct {
	ctx      context.Context // done: stop, the index is not wanted
	code     string          // the language's tag
	lang     language
	docs     []*Entry
	terms    []string           // by term id
	termID   map[string]int32   // term → id
	wordTerm map[string]int32   // folded word → term id, -1 for a stop word
	postings postings           // by doc, then first occurrence
	fieldLen [][numFields]int32 // by doc: words indexed per field
	df       []int32            // by term id: documents holding it (set by score)
}

// buildLang builds one language's index from docs, reusing what prev
// holds (nil: nothing), and returns its files and, when keep is set, the
// cache for the next build.
func buildLang(ctx context.Context, lang string, docs []*Entry, opt Options, prev *langCache, keep bool) ([]File, *langCache, CacheStats) {
	// Sorted by every field but the language, which they share: entries
	// that compare the same are the same, so the sort need not be stable.
	// Each field is compared only when those before it are the same (not
	// cmp.Or, whose arguments are all evaluated, the texts too).
	slices.SortFunc(docs, compareEntries)
	docs = mergeSameURL(docs)
	ix := &index{
		ctx:      ctx,
		code:     lang,
		lang:     languageOf(lang),
		docs:     docs,
		termID:   map[string]int32{},
		wordTerm: map[string]int32{},
		fieldLen: make([][numFields]int32, len(docs)),
	}
	cached := prev != nil || keep
	if prev != nil {
		ix.seedTerms(prev)
	}
	acronyms := ix.acronyms()
	var keys []key
	var reuse docReuse
	if cached {
		keys, reuse.dkeys = entryKeys(lang, ix.acronymKey(acronyms), docs)
	}
	if prev != nil {
		reuse.shards = prev.shards
		reuse.runs = make(map[key][]docRun, len(prev.runs))
		for _, r := range prev.runs {
			reuse.runs[r.first] = append(reuse.runs[r.first], r)
		}
	}
	// The documents' display data does not depend on the terms: encode and
	// compress it while the terms are analyzed.
	var docShards []shard
	var docRuns []docRun
	var starts []int
	docsCompressed := 0
	done := make(chan struct{})
	go func() {
		docShards, docRuns, starts, docsCompressed = ix.docShards(opt, reuse)
		close(done)
	}()
	docStart, reused, analysed := ix.analyze(acronyms, keys, prev)
	if ctx.Err() != nil {
		<-done
		return nil, nil, CacheStats{}
	}
	impacts, smax := ix.score()
	termRaw, bounds := ix.termShards(impacts, opt.TermShardBytes)
	termShards, termsCompressed := compressAll(ctx, lang, termRaw, reuse.shards, cached)
	<-done
	if ctx.Err() != nil {
		return nil, nil, CacheStats{}
	}
	stats := CacheStats{
		Entries:          len(docs),
		EntriesAnalysed:  analysed,
		Shards:           len(termShards) + len(docShards),
		ShardsCompressed: termsCompressed + docsCompressed,
	}

	// Each shard's version names its bytes: the shard carries it and the
	// manifest lists it, so the browser can tell a stale cached shard from
	// a current one, and a shard whose bytes did not change is the same
	// file as the build before's (which publishing keeps).
	dir := "/search/" + lang + "/"
	termFiles, termVers := shardFiles("terms", dir+"t/", lang, termShards, keep)
	docFiles, docVers := shardFiles("docs", dir+"d/", lang, docShards, keep)
	files := make([]File, 0, 1+len(termShards)+len(docShards))
	files = append(files, File{Path: ManifestPath(lang), Data: ix.manifest(lang, smax, bounds, starts, termVers, docVers)})
	if keep {
		files[0].Sum = sha256.Sum256(files[0].Data)
	}
	files = append(append(files, termFiles...), docFiles...)

	var next *langCache
	if keep {
		next = ix.nextCache(keys, docStart, reused)
		next.runs = docRuns
		next.shards = make(map[key]shardRef, len(termShards)+len(docShards))
		for i, s := range termShards {
			next.shards[s.key] = newShardRef('t', i, termVers, termFiles[i].Sum)
		}
		for i, s := range docShards {
			next.shards[s.key] = newShardRef('d', i, docVers, docFiles[i].Sum)
		}
	}
	return files, next, stats
}

// shard is one term or document shard as buildLang makes it: its
// compressed literal, or, when the build before wrote the same file, the
// record of that file.
type shard struct {
	lit  []byte        // the literal; nil when same is set
	room []byte        // the room the compressor left before lit (see shardFile), or nil
	key  key           // the key of its uncompressed bytes, with a cache
	same *shardRef     // the file the build before wrote, the same
	make func() []byte // with same: makes the file again
}

// shardFiles returns the files of shards, of a kind ("terms", "docs"),
// under dir, and their versions (see shardVersion), one after another.
// A shard the build before wrote the same is a file without Data (see
// File); with sums set, every other file's Sum is set too. It hashes in
// parallel.
func shardFiles(kind, dir, lang string, shards []shard, sums bool) ([]File, string) {
	files := make([]File, len(shards))
	vers := make([]byte, len(shards)*versionDigits)
	workers := min(runtime.GOMAXPROCS(0), max(len(shards)/64, 1))
	per := (len(shards) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(shards); lo += per {
		hi := min(lo+per, len(shards))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				s := &shards[i]
				f := &files[i]
				f.Path = dir + strconv.Itoa(i) + ".js"
				v := vers[i*versionDigits : (i+1)*versionDigits]
				if s.same != nil {
					copy(v, s.same.version[:])
					f.Sum, f.Make = s.same.sum, s.make
					continue
				}
				sv := shardVersion(s.lit)
				copy(v, sv[:])
				f.Data = shardFile(kind, lang, i, string(v), s.lit, s.room)
				if sums {
					f.Sum = sha256.Sum256(f.Data)
				}
			}
		})
	}
	wg.Wait()
	return files, string(vers)
}

// headLen returns the length of the start of the call of shard i of a
// kind ("terms", "docs") of language lang's index, up to its literal (see
// shardFile).
func headLen(kind, lang string, i int) int {
	digits := 1
	for n := i; n >= 10; n /= 10 {
		digits++
	}
	return len("window.__hbSearch.") + len(kind) + len(`("`) + len(lang) + len(`","`) + versionDigits + len(`",`) + digits + len(",")
}

// appendHead appends the start of the call of a shard to b: the function,
// the language, the version and the shard's number.
func appendHead(b []byte, kind, lang, version string, i int) []byte {
	b = append(b, "window.__hbSearch."...)
	b = append(b, kind...)
	b = append(b, `("`...)
	b = append(b, lang...)
	b = append(b, `","`...)
	b = append(b, version...)
	b = append(b, `",`...)
	b = appendInt(b, i)
	return append(b, ',')
}

// callEnd ends a shard's call.
const callEnd = ");\n"

// shardFile returns the file of shard i of a kind ("terms", "docs"): the
// call that hands its literal lit, with its version, to the registry. When
// room is the room the compressor left before lit for the start of the
// call (see compressor.compress), the file is made there, around lit,
// rather than copied: a large site's index is tens of megabytes.
func shardFile(kind, lang string, i int, version string, lit, room []byte) []byte {
	head := headLen(kind, lang, i)
	if len(room) != head || cap(room) < head+len(lit)+len(callEnd) || &room[:head+1][head] != &lit[0] {
		b := make([]byte, 0, head+len(lit)+len(callEnd))
		b = appendHead(b, kind, lang, version, i)
		b = append(b, lit...)
		return append(b, callEnd...)
	}
	appendHead(room[:0], kind, lang, version, i) // in place: it is head bytes long
	return append(room[:head+len(lit)], callEnd...)
}

// nextCache returns the cache of ix's entries' analyses for the next
// build (runs and shards to be filled in): per document, in order, its key
// (keys), and its postings, taken from reused (see analyze) when it holds
// them. It numbers the terms as ix does unless a quarter or more of them
// are no longer found in any document (terms taken from the cache before,
// see seedTerms), when it numbers only those found, and encodes every
// entry again.
func (ix *index) nextCache(keys []key, docStart []int32, reused [][]byte) *langCache {
	next := &langCache{terms: ix.terms, termID: ix.termID, docs: make([]docRef, len(keys))}
	next.index()
	var ids []int32 // ix's term id → next's, when renumbered
	if dead := ix.deadTerms(); dead > 0 && dead >= len(ix.terms)/4 {
		ids = make([]int32, len(ix.terms))
		used := make([]bool, len(ix.terms))
		for i := range ix.postings.n {
			used[ix.postings.at(i).term] = true
		}
		next.terms = make([]string, 0, len(ix.terms)-dead)
		next.termID = make(map[string]int32, len(ix.terms)-dead)
		for t, u := range used {
			if u {
				ids[t] = int32(len(next.terms))
				next.termID[ix.terms[t]] = ids[t]
				next.terms = append(next.terms, ix.terms[t])
			}
		}
		reused = nil
	}
	// The encodings of the entries analysed, one after another in chunks
	// of encChunk bytes: each entry's is a slice of its chunk, so a chunk
	// is never grown (which would leave every entry before it holding an
	// array of its own, five times the encodings in all).
	var enc, one []byte
	var ps []posting
	for d, k := range keys {
		r := &next.docs[d]
		r.key, r.lens = k, ix.fieldLen[d]
		if reused != nil && reused[d] != nil {
			r.enc = reused[d]
			continue
		}
		ps = ps[:0]
		for i := docStart[d]; i < docStart[d+1]; i++ {
			ps = append(ps, *ix.postings.at(int(i)))
		}
		one = appendPostings(one[:0], ps, ids)
		if cap(enc)-len(enc) < len(one) {
			enc = make([]byte, 0, max(encChunk, len(one)))
		}
		start := len(enc)
		enc = append(enc, one...)
		r.enc = enc[start:len(enc):len(enc)]
	}
	return next
}

// encChunk is the size of the chunks nextCache encodes entries into.
const encChunk = 1 << 20

// deadTerms returns how many of ix's terms no posting holds.
func (ix *index) deadTerms() int {
	n := 0
	for _, c := range ix.df {
		if c == 0 {
			n++
		}
	}
	return n
}

// compareEntries orders entries by URL, kind, title, context and text.
func compareEntries(a, b *Entry) int {
	if c := strings.Compare(a.URL, b.URL); c != 0 {
		return c
	}
	if c := strings.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	if c := strings.Compare(a.Context, b.Context); c != 0 {
		return c
	}
	return strings.Compare(a.Text, b.Text)
}

// kindRank orders kinds for merging: the first names what a URL is.
var kindRank = map[string]int{Glossary: 0, Standard: 1, Page: 2, Section: 3, Paragraph: 4}

// mergeSameURL merges the entries of docs (sorted by URL) that share a URL
// into one, since a link can only be one result: its kind, title and
// context are those of the entry whose kind ranks first (glossary, standard,
// page, section, paragraph) that has them, and its text joins their
// different texts in that order.
func mergeSameURL(docs []*Entry) []*Entry {
	out := docs[:0:0]
	for i := 0; i < len(docs); {
		j := i + 1
		for j < len(docs) && docs[j].URL == docs[i].URL {
			j++
		}
		if j == i+1 {
			out = append(out, docs[i])
			i = j
			continue
		}
		group := slices.Clone(docs[i:j])
		slices.SortStableFunc(group, func(a, b *Entry) int { return kindRank[a.Kind] - kindRank[b.Kind] })
		m := *group[0]
		var texts []string
		for _, e := range group {
			if m.Title == "" {
				m.Title = e.Title
			}
			if m.Context == "" {
				m.Context = e.Context
			}
			if t := strings.TrimSpace(e.Text); t != "" && !slices.Contains(texts, t) {
				texts = append(texts, t)
			}
		}
		m.Text = strings.Join(texts, "\n")
		out = append(out, &m)
		i = j
	}
	return out
}

// postings is a list of postings in chunks of a fixed size: a large
// site's postings take hundreds of megabytes, and a single slice would
// either be sized by a guess or copied as it grows, both of which raise the
// build's peak memory.
type postings struct {
	chunks [][]posting
	n      int
}

const postingChunk = 1 << 16

// add appends p and returns its index.
func (l *postings) add(p posting) int32 {
	if l.n%postingChunk == 0 {
		l.chunks = append(l.chunks, make([]posting, 0, postingChunk))
	}
	c := &l.chunks[len(l.chunks)-1]
	*c = append(*c, p)
	l.n++
	return int32(l.n - 1)
}

// addEncoded appends the postings of document doc that b encodes (see
// docRef), whose term ids must be below nterms, and reports whether b
// holds; when it does not, it appends none.
func (l *postings) addEncoded(b []byte, doc int32, nterms int) bool {
	start := l.n
	for len(b) > 0 {
		if l.n%postingChunk == 0 {
			l.chunks = append(l.chunks, make([]posting, 0, postingChunk))
		}
		c := &l.chunks[len(l.chunks)-1]
		// As many postings as the chunk has room for, the common ones (a
		// term id of up to two bytes, packed frequencies) read here.
		for len(b) > 0 && len(*c) < postingChunk {
			var p posting
			if len(b) >= 3 && b[0] < 0x80 && b[1] < packedTF {
				p = posting{term: int32(b[0]), doc: doc, tf: unpackTF[b[1]]}
				b = b[2:]
			} else if len(b) >= 3 && b[1] < 0x80 && b[2] < packedTF {
				p = posting{term: int32(b[0]&0x7f) | int32(b[1])<<7, doc: doc, tf: unpackTF[b[2]]}
				b = b[3:]
			} else {
				var n int
				if p, n = readPosting(b, nterms); n == 0 {
					l.truncate(start)
					return false
				}
				p.doc = doc
				b = b[n:]
			}
			if int(p.term) >= nterms {
				l.truncate(start)
				return false
			}
			*c = append(*c, p)
			l.n++
		}
	}
	return true
}

// truncate drops the postings from index n on (n ≤ l.n), and the chunks
// that held only those.
func (l *postings) truncate(n int) {
	l.n = n
	l.chunks = l.chunks[:(n+postingChunk-1)/postingChunk]
	if k := n % postingChunk; k != 0 {
		c := &l.chunks[len(l.chunks)-1]
		*c = (*c)[:k]
	}
}

// at returns the posting at index i.
func (l *postings) at(i int) *posting {
	return &l.chunks[i/postingChunk][i%postingChunk]
}

// analyze tokenizes every field of every document into postings, with
// acronyms (see ix.acronyms) added where their expansions stand. A
// document whose key (keys, when not nil) prev holds takes its postings
// from there instead, and its entry of reused is the cache's encoding of
// them; ix's terms must then be numbered as prev's (see seedTerms). It
// returns where each document's postings start in ix.postings (and where
// the last ends), and how many documents it tokenized.
func (ix *index) analyze(acronyms map[int32][]acronym, keys []key, prev *langCache) (docStart []int32, reused [][]byte, analysed int) {
	seen := []int32{} // by term id: 1 + the doc that last had it
	slot := []int32{} // by term id: its posting's index in ix.postings
	var buf []byte
	var recent []int32
	docStart = make([]int32, len(ix.docs)+1)
	if prev != nil {
		reused = make([][]byte, len(ix.docs))
	}
	defer func() { docStart[len(ix.docs)] = int32(ix.postings.n) }()
	// find returns prev's analysis of document d. prev's entries are
	// mostly those of ix, in the same order: it looks first at the entry
	// after the one it found last (next), and takes d for an entry that
	// replaced that one when the entry after it is d+1's; only when
	// neither holds does it look d up by its key.
	next := 0
	find := func(d int) (*docRef, bool) {
		if next < len(prev.docs) && prev.docs[next].key == keys[d] {
			next++
			return &prev.docs[next-1], true
		}
		if d+1 < len(keys) && next+1 < len(prev.docs) && prev.docs[next+1].key == keys[d+1] {
			next++
			return nil, false
		}
		i, ok := prev.byKey()[keys[d]]
		if !ok {
			return nil, false
		}
		next = int(i) + 1
		return &prev.docs[i], true
	}
	for d, e := range ix.docs {
		if d%512 == 0 && ix.ctx.Err() != nil {
			return docStart, reused, analysed
		}
		docStart[d] = int32(ix.postings.n)
		if prev != nil {
			if r, ok := find(d); ok {
				// Should the bytes not hold (a cache not written by
				// MarshalBinary), the entry is analysed.
				if ix.postings.addEncoded(r.enc, int32(d), len(prev.terms)) {
					ix.fieldLen[d] = r.lens
					reused[d] = r.enc
					continue
				}
			}
		}
		analysed++
		fields := [numFields]string{e.Title, e.Context, e.Text}
		for f, text := range fields {
			n := int32(0)
			add := func(id int32) {
				n++
				for int(id) >= len(seen) {
					seen = append(seen, 0)
					slot = append(slot, 0)
				}
				if seen[id] != int32(d)+1 {
					seen[id] = int32(d) + 1
					slot[id] = ix.postings.add(posting{term: id, doc: int32(d)})
				}
				p := ix.postings.at(int(slot[id]))
				if p.tf[f] < math.MaxUint16 {
					p.tf[f]++
				}
			}
			recent = recent[:0]
			buf = scanWords(text, ix.lang.splitApos, buf, func(w []byte, _, _, _ int) {
				id, ok := ix.wordTerm[string(w)]
				if !ok {
					id = ix.termOf(string(w))
				}
				if id < 0 {
					return
				}
				add(id)
				if len(acronyms) == 0 {
					return
				}
				// An acronym's expansion ending here adds the acronym.
				if len(recent) >= 64 {
					recent = append(recent[:0], recent[len(recent)-16:]...)
				}
				recent = append(recent, id)
				for _, a := range acronyms[id] {
					if k := len(recent) - len(a.seq); k >= 0 && slices.Equal(recent[k:], a.seq) {
						add(a.term)
					}
				}
			})
			ix.fieldLen[d][f] = n
		}
	}
	return docStart, reused, analysed
}

// seedTerms numbers ix's terms as prev does, so that the postings of an
// entry prev holds keep their term ids (see docRef).
func (ix *index) seedTerms(prev *langCache) {
	ix.terms = slices.Clone(prev.terms)
	ix.termID = maps.Clone(prev.termID)
}

// acronym is an acronym of the glossary and its expansion, as terms.
type acronym struct {
	seq  []int32 // the expansion's terms
	term int32   // the acronym's
}

// acronyms finds the acronyms among the glossary entries (a title of one
// word in capitals, "DMA") whose text starts with their expansion (a first
// line whose words' initials hold the acronym's letters in order, "Decision
// Making and Appeals"), and returns them by the last term of the expansion.
// Wherever the expansion stands in an entry, the acronym is indexed too, so
// "DMA referral" finds the "Decision Making and Appeals Referrals Checklist".
func (ix *index) acronyms() map[int32][]acronym {
	out := map[int32][]acronym{}
	for _, e := range ix.docs {
		if e.Kind != Glossary {
			continue
		}
		title := strings.TrimSpace(e.Title)
		if strings.ContainsFunc(title, unicode.IsSpace) || strings.ContainsFunc(title, unicode.IsLower) ||
			len(words(title, ix.lang.splitApos)) != 1 {
			continue
		}
		letters := strings.Map(func(r rune) rune {
			if unicode.IsUpper(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, title)
		line, _, _ := strings.Cut(strings.TrimSpace(e.Text), "\n")
		ws := words(line, ix.lang.splitApos)
		if len(letters) < 2 || len(ws) < 2 || !initialsHold(ws, letters) {
			continue
		}
		term := ix.termOf(words(title, ix.lang.splitApos)[0])
		var seq []int32
		for _, w := range ws {
			id, ok := ix.wordTerm[w]
			if !ok {
				id = ix.termOf(w)
			}
			if id >= 0 {
				seq = append(seq, id)
			}
		}
		if term < 0 || len(seq) < 2 {
			continue
		}
		last := seq[len(seq)-1]
		if !slices.ContainsFunc(out[last], func(a acronym) bool { return a.term == term && slices.Equal(a.seq, seq) }) {
			out[last] = append(out[last], acronym{seq: seq, term: term})
		}
	}
	return out
}

// initialsHold reports whether the initials of ws, in order, hold every
// letter of letters in order, starting with the first.
func initialsHold(ws []string, letters string) bool {
	if ws[0][0] != letters[0] {
		return false
	}
	i := 0
	for _, w := range ws {
		if i < len(letters) && w[0] == letters[i] {
			i++
		}
	}
	return i == len(letters)
}

// termOf analyzes a folded word not seen before and returns its term id, or
// -1 for a stop word.
func (ix *index) termOf(w string) int32 {
	w = strings.Clone(w)
	t := ix.lang.term(w)
	if t == "" {
		ix.wordTerm[w] = -1
		return -1
	}
	id := ix.termIDOf(t)
	ix.wordTerm[w] = id
	return id
}

// termIDOf returns the id of term t, which it adds if it is new.
func (ix *index) termIDOf(t string) int32 {
	id, ok := ix.termID[t]
	if !ok {
		id = int32(len(ix.terms))
		ix.terms = append(ix.terms, t)
		ix.termID[t] = id
	}
	return id
}

// score returns each posting's quantized impact, 1…63: its BM25F score
// (weighted fields, each normalized by its length) times its kind's boost,
// on a log scale below smax, the largest. The browser only adds impacts (and
// its proximity bonus), so everything that does not depend on the query is
// computed here.
func (ix *index) score() (impacts []byte, smax float64) {
	n := len(ix.docs)
	var avg [numFields]float64
	for _, l := range ix.fieldLen {
		for f := range numFields {
			avg[f] += float64(l[f])
		}
	}
	for f := range numFields {
		avg[f] /= float64(max(n, 1))
	}
	df := make([]int32, len(ix.terms))
	for _, c := range ix.postings.chunks {
		for i := range c {
			df[c[i].term]++
		}
	}
	ix.df = df
	// Each term's inverse document frequency, once per term, not per
	// posting.
	idfs := make([]float64, len(df))
	for t, c := range df {
		d := float64(c)
		idfs[t] = math.Log(1 + (float64(n)-d+0.5)/(d+0.5))
	}
	// float32 is ample for scores quantized in steps of 10%, and halves the
	// largest allocation of the stage.
	// What a posting's score takes from its document, once per document:
	// the fields' weights, the boost and the fields' length normalization.
	type docScore struct {
		w, norm [numFields]float64
		boost   float64
	}
	perDoc := make([]docScore, n)
	for d, e := range ix.docs {
		kw := kindWeights[e.Kind]
		if (e.Kind == Section || e.Kind == Glossary) && ix.fieldLen[d][fieldText] == 0 {
			kw.boost *= emptyBoost
		}
		ds := docScore{w: [numFields]float64{kw.title, kw.context, 1}, boost: kw.boost}
		for f := range numFields {
			ds.norm[f] = 1.0
			if avg[f] > 0 {
				ds.norm[f] = 1 - fieldB[f] + fieldB[f]*float64(ix.fieldLen[d][f])/avg[f]
			}
		}
		perDoc[d] = ds
	}
	raw := make([]float32, 0, ix.postings.n)
	for _, c := range ix.postings.chunks {
		for i := range c {
			p := &c[i]
			ds := &perDoc[p.doc]
			tf := 0.0
			for f := range numFields {
				if p.tf[f] == 0 {
					continue
				}
				tf += ds.w[f] * float64(p.tf[f]) / ds.norm[f]
			}
			s := float32(ds.boost * idfs[p.term] * tf * (k1 + 1) / (tf + k1))
			raw = append(raw, s)
			if float64(s) > smax {
				smax = float64(s)
			}
		}
	}
	impacts = make([]byte, len(raw))
	z := newQuantizer(smax)
	for i, s := range raw {
		impacts[i] = z.quantize(float64(s))
	}
	// Round smax so that the manifest states it exactly.
	smax, _ = strconv.ParseFloat(strconv.FormatFloat(smax, 'g', 6, 64), 64)
	return impacts, smax
}

// quantizer puts scores on the log scale of impacts (see exact): 63 for
// the largest, smax, one step down each time a score is impactStep times
// smaller, rounded to the nearest step, and 1 at least.
//
// It finds a score's step among the boundaries between steps, guessed from
// the score's binary exponent and leading bits, rather than take its
// logarithm, which took most of the time of scoring; a score within a
// billionth of a boundary, where the two ways of rounding could disagree,
// is put on the scale by exact.
type quantizer struct {
	smax, logStep float64
	// bound[k], for k from 1 to 62: the largest score k or more steps
	// below 63.
	bound [63]float64
}

// nearBound is how close, relatively, to a boundary between steps a score
// is put on the scale by exact.
const nearBound = 1e-9

// log2Lead holds log2 of 1.m for the leading 8 bits of a mantissa m, at
// the middle of the interval they span.
var log2Lead = func() (t [256]float64) {
	for i := range t {
		t[i] = math.Log2(1 + (float64(i)+0.5)/256)
	}
	return t
}()

func newQuantizer(smax float64) *quantizer {
	z := &quantizer{smax: smax, logStep: math.Log(impactStep)}
	for k := 1; k < len(z.bound); k++ {
		z.bound[k] = smax * math.Exp(-(float64(k)-0.5)*z.logStep)
	}
	return z
}

// exact is the definition of a score's impact.
func (z *quantizer) exact(s float64) byte {
	q := 63
	if s < z.smax {
		q = 63 + int(math.Round(math.Log(s/z.smax)/z.logStep))
	}
	return byte(min(max(q, 1), 63))
}

// quantize returns the impact of score s, as exact does.
func (z *quantizer) quantize(s float64) byte {
	if s >= z.smax || !(s > z.bound[62]*(1+nearBound)) {
		return z.exact(s) // the ends, NaN
	}
	// s/smax is in (1.1^-62, 1): a normal number.
	bits := math.Float64bits(s / z.smax)
	log2 := float64(int(bits>>52&0x7ff)-1023) + log2Lead[bits>>44&0xff]
	k := min(max(int(-log2*math.Ln2/z.logStep+0.5), 0), 62)
	// k: the most steps below 63 whose bound holds s (bounds decrease).
	for k > 0 && s > z.bound[k] {
		k--
	}
	for k < 62 && s <= z.bound[k+1] {
		k++
	}
	if k > 0 && s >= z.bound[k]*(1-nearBound) || k < 62 && s <= z.bound[k+1]*(1+nearBound) {
		return z.exact(s)
	}
	return byte(63 - k)
}

// compressAll replaces each of shards, in parallel, by the JavaScript string
// literal of its zlib-compressed bytes in base64. Document data is most of
// the index and mostly prose, which deflate makes less than half as large,
// the base64 included, and postings are runs of small numbers; the browser
// inflates both (static/js/search/inflate.ts), which needs no fetch.
//
// The deflater is github.com/klauspost/compress's, which writes the same
// format as compress/zlib three to four times as fast. compressLevel is its
// level 6: on generated sites of 1,000 and 10,000 pages, on the shipped
// handbook and on BenchmarkBuild's entries, it makes shards 0.6% to 1.7% larger in all than compress/zlib's
// level 5 (used before), in a third to a quarter of the time.
const compressLevel = 6

// compressAll compresses the term shards raw (uncompressed), in parallel
// (see compressor), each with room before it for the start of its call
// (see shardFile). With keyed set, it also sets each shard's key (see
// shardKey), and does not compress a shard that prev says the build
// before wrote, the same, as the same shard number; it returns how many
// shards it compressed.
func compressAll(ctx context.Context, lang string, raw [][]byte, prev map[key]shardRef, keyed bool) (shards []shard, compressed int) {
	shards = make([]shard, len(raw))
	var n atomic.Int64
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			z := newCompressor()
			for i := range work {
				if ctx.Err() != nil {
					continue
				}
				s := &shards[i]
				if keyed {
					s.key = shardKey(raw[i])
					if ref, ok := prev[s.key]; ok && ref.is('t', i) {
						b := raw[i]
						s.same = &ref
						s.make = func() []byte {
							lit, room := newCompressor().compress(b, headLen("terms", lang, i))
							return shardFile("terms", lang, i, string(ref.version[:]), lit, room)
						}
						continue
					}
				}
				s.lit, s.room = z.compress(raw[i], headLen("terms", lang, i))
				n.Add(1)
			}
		})
	}
	for i := range raw {
		work <- i
	}
	close(work)
	wg.Wait()
	return shards, int(n.Load())
}

// compressor makes a shard's JavaScript string literal: its bytes
// zlib-compressed, in base64, in quotes. It reuses its buffers.
type compressor struct {
	z bytes.Buffer
	w *zlib.Writer
}

func newCompressor() *compressor {
	c := &compressor{}
	c.w, _ = zlib.NewWriterLevel(&c.z, compressLevel)
	return c
}

// compress returns the literal of b, and the head bytes of room for the
// start of its call before it in the same array, which also has room after
// it for the call's end (see shardFile).
func (c *compressor) compress(b []byte, head int) (lit, room []byte) {
	c.z.Reset()
	c.w.Reset(&c.z)
	c.w.Write(b)
	c.w.Close()
	out := make([]byte, head, head+base64.StdEncoding.EncodedLen(c.z.Len())+2+len(callEnd))
	out = append(out, '"')
	out = base64.StdEncoding.AppendEncode(out, c.z.Bytes())
	out = append(out, '"')
	return out[head:len(out):len(out)], out[:head]
}
