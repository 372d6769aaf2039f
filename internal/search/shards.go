package search

// This file writes the index's files from an analysed, scored index: the
// term shards, the document shards and the manifest. internal/search/doc.go
// describes their format; static/js/search/load.ts reads them.

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termShards encodes the postings of every term, in term order, into shards
// of about size bytes of postings, and returns them with the boundary of
// each shard after the first: the shortest prefix of its first term that
// sorts after the previous shard's last term.
//
// A term shard is the text "term postings term postings …": each term is
// front-coded (one digit: how many UTF-16 units it shares with the previous
// term of the shard, then the rest), each posting is the number docDelta,
// then one impact digit. Build compresses it (see compressAll): dense
// postings are runs of small deltas, which deflate makes about half as
// large, the base64 included.
func (ix *index) termShards(impacts []byte, size int) (shards [][]byte, bounds []string) {
	// Group postings by term (counting sort, stable so docs stay in order).
	start := make([]int32, len(ix.terms)+1)
	for i := range ix.postings.n {
		start[ix.postings.at(i).term+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	// Each posting's doc and impact, by term: the postings are read once,
	// in order, and the encoding below reads these in order too, rather
	// than jumping about the postings by term.
	type termPosting struct {
		doc    int32
		impact byte
	}
	byTerm := make([]termPosting, ix.postings.n)
	next := slices.Clone(start[:len(ix.terms)])
	for i := range ix.postings.n {
		p := ix.postings.at(i)
		byTerm[next[p.term]] = termPosting{p.doc, impacts[i]}
		next[p.term]++
	}

	ids := make([]int32, len(ix.terms))
	for i := range ids {
		ids[i] = int32(i)
	}
	slices.SortFunc(ids, func(a, b int32) int { return compareUTF16(ix.terms[a], ix.terms[b]) })

	var cur []byte
	prev := ""
	for _, id := range ids {
		if start[id] == start[id+1] {
			// A term of the cache before that no document holds now (see
			// seedTerms): a build without a cache does not know it.
			continue
		}
		term := ix.terms[id]
		if len(cur) >= size {
			shards = append(shards, cur)
			bounds = append(bounds, boundary(prev, term))
			cur = nil
		}
		first := len(cur) == 0
		if !first {
			cur = append(cur, ' ')
		}
		// The term, front-coded against the previous term of the shard.
		shared := 0
		if !first {
			shared = commonPrefix(prev, term)
			for prefixUnits(term, shared) > 63 {
				_, n := utf8.DecodeLastRuneInString(term[:shared])
				shared -= n
			}
		}
		cur = append(cur, alphabet[prefixUnits(term, shared)])
		cur = append(cur, term[shared:]...)
		cur = append(cur, ' ')
		lastDoc := int32(0)
		for _, p := range byTerm[start[id]:start[id+1]] {
			cur = appendNum(cur, int(p.doc-lastDoc))
			cur = append(cur, alphabet[p.impact])
			lastDoc = p.doc
		}
		prev = term
	}
	if len(cur) > 0 || len(shards) == 0 {
		shards = append(shards, cur)
	}
	return shards, bounds
}

// boundary returns the shortest prefix of next (whole code points) that
// sorts after prev; prev sorts before next.
func boundary(prev, next string) string {
	for i := range next {
		if i > 0 && compareUTF16(next[:i], prev) > 0 {
			return next[:i]
		}
	}
	return next
}

// docShards encodes every document's display data, in doc order, into
// shards of about DocShardBytes, and returns them with the first doc id of
// each shard after the first. A document is six values: the length (in
// UTF-16 units) of the URL prefix it shares with the previous document of
// the shard and the rest of its URL, its kind (an index into the manifest's
// kinds), its title and its context (0 when the same as the previous
// document's), and its text (whitespace collapsed, cut to MaxTextBytes).
//
// With r.dkeys set (see docReuse), docShards also returns each shard's key
// (see shardKey) and run, and neither encodes nor compresses a shard that
// the build before wrote, the same, to the same file: one r holds a run of
// the same documents for (see docReuse.find), or one whose bytes come out
// the same; it returns how many shards it compressed.
func (ix *index) docShards(opt Options, r docReuse) (shards []shard, runs []docRun, starts []int, compressed int) {
	kinds := ix.kinds()
	keyed := r.dkeys != nil
	var params []byte
	if keyed {
		params = fmt.Appendf(nil, "%d %d %q", opt.MaxTextBytes, opt.DocShardBytes, kinds)
	}
	// same returns the shard of docs[first:end] that the build before wrote
	// to this shard's file: made again only if that file cannot be kept.
	same := func(ref shardRef, k key, first, end int) shard {
		docs, i, lang := ix.docs[first:end], len(shards), ix.code
		return shard{key: k, same: &ref, make: func() []byte {
			lit, room := newCompressor().compress(appendDocs(nil, docs, kinds, opt.MaxTextBytes), headLen("docs", lang, i))
			return shardFile("docs", lang, i, string(ref.version[:]), lit, room)
		}}
	}
	// Each shard is compressed as soon as it is full, into the one buffer,
	// so that the uncompressed text of the whole site is never held at once.
	z := newCompressor()
	cur := make([]byte, 0, opt.DocShardBytes+1024)
	first := 0 // the first doc of cur
	flush := func(end int, full bool) {
		b := append(cur, ']')
		cur = cur[:0]
		if keyed {
			k := shardKey(b)
			var fk key // none when there are no documents
			if first < len(r.dkeys) {
				fk = r.dkeys[first]
			}
			runs = append(runs, docRun{first: fk, n: int32(end - first), full: full, seq: runKey(params, r.dkeys[first:end]), content: k})
			if ref, ok := r.shards[k]; ok && ref.is('d', len(shards)) {
				shards = append(shards, same(ref, k, first, end))
				return
			}
			compressed++
			lit, room := z.compress(b, headLen("docs", ix.code, len(shards)))
			shards = append(shards, shard{lit: lit, room: room, key: k})
			return
		}
		compressed++
		lit, room := z.compress(b, headLen("docs", ix.code, len(shards)))
		shards = append(shards, shard{lit: lit, room: room})
	}
	var prev *Entry
	for d := 0; d < len(ix.docs); {
		if len(cur) == 0 {
			// A shard begins at d.
			if ix.ctx.Err() != nil {
				return nil, nil, nil, 0
			}
			if d > 0 {
				starts = append(starts, d)
			}
			if run, ref, ok := r.find(d, len(ix.docs), params, len(shards)); ok {
				shards = append(shards, same(ref, run.content, d, d+int(run.n)))
				runs = append(runs, run)
				d += int(run.n)
				continue
			}
			cur = append(cur, '[')
			first, prev = d, nil
		} else {
			cur = append(cur, ',')
		}
		e := ix.docs[d]
		cur = appendDoc(cur, prev, e, kinds, opt.MaxTextBytes)
		prev = e
		d++
		if len(cur) >= opt.DocShardBytes {
			flush(d, true)
		}
	}
	if len(cur) > 0 || len(shards) == 0 {
		if len(cur) == 0 {
			cur = append(cur, '[')
			first = len(ix.docs)
		}
		flush(len(ix.docs), false)
	}
	return shards, runs, starts, compressed
}

// appendDoc appends the display data of document e to b: the six values
// docShards describes, prev being the document before it in its shard
// (nil for the first).
func appendDoc(b []byte, prev, e *Entry, kinds []string, maxText int) []byte {
	shared := 0
	if prev != nil {
		shared = commonPrefix(prev.URL, e.URL)
	}
	b = appendInt(b, prefixUnits(e.URL, shared))
	b = append(b, ',')
	b = appendJSString(b, e.URL[shared:])
	b = append(b, ',')
	b = appendInt(b, slices.Index(kinds, e.Kind))
	b = append(b, ',')
	if prev != nil && prev.Title == e.Title {
		b = append(b, '0')
	} else {
		b = appendJSString(b, e.Title)
	}
	b = append(b, ',')
	if prev != nil && prev.Context == e.Context {
		b = append(b, '0')
	} else {
		b = appendJSString(b, e.Context)
	}
	b = append(b, ',')
	return appendJSString(b, snippetText(e.Text, maxText))
}

// appendDocs appends the uncompressed document shard of docs to b.
func appendDocs(b []byte, docs []*Entry, kinds []string, maxText int) []byte {
	b = append(b, '[')
	var prev *Entry
	for i, e := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendDoc(b, prev, e, kinds, maxText)
		prev = e
	}
	return append(b, ']')
}

// docReuse is what docShards may reuse: the shard files of the build
// before (by the key of their uncompressed bytes) and its document
// shards' runs (by the display key of their first document), and the
// display key of each document (see entryKeys), nil when docShards neither
// reuses nor keeps anything.
type docReuse struct {
	shards map[key]shardRef
	runs   map[key][]docRun
	dkeys  []key
}

// docRun is a document shard as the cache holds it: the display key of its
// first document, its number of documents, whether it ended because it was
// full (not because the documents did), a hash of its documents' display
// keys and of what else its bytes depend on (runKey), and the key of its
// bytes.
type docRun struct {
	first   key
	n       int32
	full    bool
	seq     key
	content key
}

// find returns a shard of the cache that holds the same documents as
// those from d on, starts at d, ends where a shard made from them would
// end, and was written as shard number i, and the record of its file.
func (r docReuse) find(d, n int, params []byte, i int) (docRun, shardRef, bool) {
	if r.runs == nil {
		return docRun{}, shardRef{}, false
	}
	for _, run := range r.runs[r.dkeys[d]] {
		end := d + int(run.n)
		if run.n <= 0 || end > n || !run.full && end != n {
			continue
		}
		ref, ok := r.shards[run.content]
		if ok && ref.is('d', i) && runKey(params, r.dkeys[d:end]) == run.seq {
			return run, ref, true
		}
	}
	return docRun{}, shardRef{}, false
}

// runKey hashes the display keys of a run of documents, and params: the
// kinds, MaxTextBytes and DocShardBytes, which a document shard's bytes
// also depend on.
func runKey(params []byte, dkeys []key) key {
	h := sha256.New()
	h.Write(params)
	for _, k := range dkeys {
		h.Write(k[:])
	}
	var k key
	copy(k[:], h.Sum(nil))
	return k
}

// kinds returns the kinds of the documents, sorted.
func (ix *index) kinds() []string {
	var ks []string
	for _, e := range ix.docs {
		if !slices.Contains(ks, e.Kind) {
			ks = append(ks, e.Kind)
		}
	}
	slices.Sort(ks)
	return ks
}

// snippetText returns text with its white space collapsed to single spaces
// and, when longer than max bytes, cut at a word and ended with "…".
func snippetText(text string, max int) string {
	if len(text) <= max && spacedOnce(text) {
		return text // as it would be rebuilt, without the copy
	}
	if i := max + strings.IndexByte(text[min(max, len(text)):], ' '); len(text) > max && i >= max && i <= max+100 && spacedOnce(text[:i]) {
		// The cut falls at the first space from max on, and what comes
		// before it needs no change either.
		if strings.TrimFunc(text[i:], unicode.IsSpace) == "" {
			return text[:i]
		}
		return text[:i] + " …"
	}
	var b strings.Builder
	b.Grow(min(len(text), max+4))
	space := false
	for i := 0; i < len(text); {
		var r rune
		if c := text[i]; c < utf8.RuneSelf && !asciiSpace(c) && !space && b.Len() > 0 {
			// Inside a word, a run of ASCII goes in at once, up to where
			// the word would be too long.
			j := i + 1
			for j < len(text) && j-i < max+101-b.Len() && text[j] < utf8.RuneSelf && !asciiSpace(text[j]) {
				j++
			}
			b.WriteString(text[i:j])
			i = j
			if b.Len() > max+100 {
				b.WriteString("…")
				return b.String()
			}
			continue
		} else if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(text[i:])
			i += size
		}
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
			// One very long word: cut it.
			b.WriteString("…")
			return b.String()
		}
	}
	return b.String()
}

// asciiSpace reports whether the ASCII byte c is white space.
func asciiSpace(c byte) bool {
	return c <= ' ' && unicode.IsSpace(rune(c))
}

// spacedOnce reports whether text is valid UTF-8 whose white space is
// single ASCII spaces between other characters: text as snippetText makes
// it, when it needs no cut. Most paragraphs' texts are.
func spacedOnce(text string) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c <= ' ' && (c != ' ' && unicode.IsSpace(rune(c)) || c == ' ' && (i == 0 || i == len(text)-1 || text[i+1] == ' ')) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 || unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// versionDigits is the length of a shard's version (see shardVersions):
// four digits of the alphabet, 24 bits of the hash of its bytes. A stale
// copy of a shard that a cache serves in place of the current one is
// taken for it only if their versions collide, one time in 16.7 million;
// every shard's version is in the manifest, so each digit more would add
// a byte per shard to what every query loads first.
const versionDigits = 4

// shardVersion returns the version of a shard whose literal is lit:
// versionDigits digits of the alphabet from the SHA-256 of its bytes, so
// that a shard whose bytes are the same has the same version, whatever
// else changed in the index.
func shardVersion(lit []byte) [versionDigits]byte {
	sum := sha256.Sum256(lit)
	v := uint32(sum[0])<<16 | uint32(sum[1])<<8 | uint32(sum[2])
	var out [versionDigits]byte
	for k := range versionDigits {
		out[k] = alphabet[v>>(6*(versionDigits-1-k))&63]
	}
	return out
}

// manifest writes the manifest of a language's index; termVers and
// docVers are the versions of its term and document shards (see
// shardVersions).
func (ix *index) manifest(lang string, smax float64, bounds []string, starts []int, termVers, docVers string) []byte {
	b := []byte(`window.__hbSearch.manifest("`)
	b = append(b, lang...)
	b = append(b, `",{"n":`...)
	b = appendInt(b, len(ix.docs))
	b = append(b, `,"k":[`...)
	for i, k := range ix.kinds() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, k)
	}
	b = append(b, `],"q":[`...)
	b = strconv.AppendFloat(b, smax, 'g', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, impactStep, 'g', -1, 64)
	b = append(b, `],"t":`...)
	b = appendJSString(b, strings.Join(bounds, " "))
	b = append(b, `,"d":"`...)
	last := 0
	for _, s := range starts {
		b = appendNum(b, s-last)
		last = s
	}
	b = append(b, `","tv":"`...)
	b = append(b, termVers...)
	b = append(b, `","dv":"`...)
	b = append(b, docVers...)
	b = append(b, `","a":{"stem":`...)
	b = strconv.AppendBool(b, ix.lang.stem)
	b = append(b, `,"split":`...)
	b = strconv.AppendBool(b, ix.lang.splitApos)
	b = append(b, `,"stop":`...)
	b = appendJSString(b, strings.Join(ix.lang.stop, " "))
	b = append(b, `,"max":`...)
	b = appendInt(b, maxWordRunes)
	b = append(b, "}});\n"...)
	return b
}
