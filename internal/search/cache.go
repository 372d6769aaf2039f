package search

// This file is the cache one build of the index leaves for the next: what
// analysis made of each entry, and each shard's compressed bytes. A build
// given a cache analyses only the entries it does not hold and compresses
// only the shards whose bytes it has not seen; everything else is taken
// from the cache, and the output is the same bytes as without it.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// cacheVersion names the cache's format and the rules whose results it
// holds (the analyzer of analyze.go and stem.go, compressLevel): a cache
// of another version is refused by UnmarshalBinary, and its keys never
// match. Change it whenever any of them changes.
const cacheVersion = 3

// cacheMagic starts every encoded cache.
const cacheMagic = "hbsearch-cache\n"

// key names an entry's analysis (a hash of what analysis reads) or a
// shard's compressed bytes (a hash of its uncompressed bytes).
type key [16]byte

// Cache holds what a build of the index can reuse from the build before:
// per entry, keyed by a hash of the fields analysis reads (title, context,
// text, language, and the glossary's acronyms), the terms it found and how
// often in each field; and per shard, keyed by a hash of its uncompressed
// bytes, the compressed bytes. [BuildCache] reads one cache and returns
// the next, which holds only what that build used, so the old one can be
// dropped. A Cache is never changed once made and may be read by several
// builds at once. Any cache, stale, foreign or empty, gives the same
// output as none: it only saves work.
//
// MarshalBinary and UnmarshalBinary keep a cache across runs.
type Cache struct {
	langs map[string]*langCache
	stats CacheStats
}

// CacheStats count what the build that made a cache did and reused.
type CacheStats struct {
	Entries          int // entries indexed, after those with the same URL are merged
	EntriesAnalysed  int // of which analysed, not found in the cache given
	Shards           int // term and document shards
	ShardsCompressed int // of which compressed, not found in the cache given
}

// Stats returns what the build that made c did and reused (zero for a
// decoded cache).
func (c *Cache) Stats() CacheStats {
	if c == nil {
		return CacheStats{}
	}
	return c.stats
}

// langCache is the cache of one language's index.
type langCache struct {
	terms  []string             // by term id, as the postings number them; no two the same
	termID map[string]int32     // term → id
	docs   []docRef             // the entries' analyses, in the order of the build that made them
	byKey  func() map[key]int32 // key → its first index in docs, made when first asked for (see index)
	runs   []docRun             // the document shards, in order
	shards map[key]shardRef     // uncompressed shard hash → the file it was written to
}

// shardRef is a shard's file as the build that made a cache wrote it: its
// kind ('t' or 'd') and number, which name its path, its version, and the
// SHA-256 of its bytes. The cache holds no shard's bytes: a build that
// makes a shard whose uncompressed bytes are the same, as the same kind
// and number, leaves the file as it is (see File), and compresses any
// other.
type shardRef struct {
	kind    byte
	n       int32
	version [versionDigits]byte
	sum     [32]byte
}

// shardRefBytes is the size of an encoded shardRef, its key included.
const shardRefBytes = 16 + 1 + 4 + versionDigits + 32

// newShardRef returns the record of shard i of a kind whose versions (one
// after another) are vers and whose file's SHA-256 is sum.
func newShardRef(kind byte, i int, vers string, sum [32]byte) shardRef {
	r := shardRef{kind: kind, n: int32(i), sum: sum}
	copy(r.version[:], vers[i*versionDigits:])
	return r
}

// digitsOnly reports whether b holds only digits of the alphabet.
func digitsOnly(b []byte) bool {
	for _, c := range b {
		if digitValue[c] < 0 {
			return false
		}
	}
	return true
}

// is reports whether r is shard number i of a kind.
func (r shardRef) is(kind byte, i int) bool {
	return r.kind == kind && int(r.n) == i
}

// docRef is one entry's analysis: its postings as the cache encodes them
// (per posting, the term id as a number, then its frequencies, see
// appendTF), and the number of words indexed in each field.
//
// A build given a cache numbers its terms as the cache does (new terms
// after them), so an entry it reuses keeps its bytes: they are neither
// decoded into a list of postings when the cache is read, nor encoded
// again when the next cache is written.
type docRef struct {
	key  key
	enc  []byte
	lens [numFields]int32
}

// index sets lc.byKey, which makes the map of lc.docs by key the first
// time it is called: a build whose entries are those of lc's build, in
// the same order but for a few, finds them without it (see analyze).
func (lc *langCache) index() {
	lc.byKey = sync.OnceValue(func() map[key]int32 {
		m := make(map[key]int32, len(lc.docs))
		for i := range lc.docs {
			if _, dup := m[lc.docs[i].key]; !dup {
				m[lc.docs[i].key] = int32(i)
			}
		}
		return m
	})
}

// termIDs returns a map of each of terms to its index, and false when two
// are the same.
func termIDs(terms []string) (map[string]int32, bool) {
	m := make(map[string]int32, len(terms))
	for i, t := range terms {
		if _, dup := m[t]; dup {
			return nil, false
		}
		m[t] = int32(i)
	}
	return m, true
}

// appendPostings appends the cache's encoding of ps (see docRef) to b,
// each term id mapped by ids when ids is not nil.
func appendPostings(b []byte, ps []posting, ids []int32) []byte {
	for _, p := range ps {
		t := p.term
		if ids != nil {
			t = ids[t]
		}
		b = binary.AppendUvarint(b, uint64(t))
		b = appendTF(b, p.tf)
	}
	return b
}

// readPosting reads one posting the cache encoded (see docRef) from the
// start of b and returns it and the bytes it took, 0 when b does not start
// with one whose term id is below nterms.
func readPosting(b []byte, nterms int) (posting, int) {
	t, n := binary.Uvarint(b)
	if n <= 0 || t >= uint64(nterms) || n >= len(b) {
		return posting{}, 0
	}
	p := posting{term: int32(t)}
	switch c := b[n]; {
	case c < packedTF:
		p.tf = unpackTF[c]
		return p, n + 1
	case c == tfEscape:
		n++
		for f := range p.tf {
			v, k := binary.Uvarint(b[n:])
			if k <= 0 || v > math.MaxUint16 {
				return posting{}, 0
			}
			p.tf[f] = uint16(v)
			n += k
		}
		return p, n
	}
	return posting{}, 0
}

// entryKeys returns the key of each of docs, a hash of what analysis
// reads: its language, its title, context and text, and acr, the
// fingerprint of the acronyms that analysis adds; and its display key, a
// hash of that key, its URL and its kind, which is what its display data
// in a document shard depends on. It hashes in parallel.
func entryKeys(lang string, acr key, docs []*Entry) (keys, dkeys []key) {
	keys = make([]key, len(docs))
	dkeys = make([]key, len(docs))
	workers := runtime.GOMAXPROCS(0)
	per := (len(docs) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(docs); lo += per {
		hi := min(lo+per, len(docs))
		wg.Go(func() {
			var buf []byte
			for d := lo; d < hi; d++ {
				e := docs[d]
				buf = append(buf[:0], cacheVersion)
				buf = append(buf, acr[:]...)
				for _, s := range [...]string{lang, e.Title, e.Context, e.Text} {
					buf = appendString(buf, s)
				}
				sum := sha256.Sum256(buf)
				copy(keys[d][:], sum[:])
				buf = append(buf[:0], keys[d][:]...)
				buf = appendString(buf, e.URL)
				buf = appendString(buf, e.Kind)
				sum = sha256.Sum256(buf)
				copy(dkeys[d][:], sum[:])
			}
		})
	}
	wg.Wait()
	return keys, dkeys
}

// acronymKey returns a fingerprint of the acronyms analysis adds, in
// terms: the same acronyms, found in any order, give the same key.
func (ix *index) acronymKey(acr map[int32][]acronym) key {
	var list []string
	for _, as := range acr {
		for _, a := range as {
			var b strings.Builder
			b.WriteString(ix.terms[a.term])
			for _, t := range a.seq {
				b.WriteByte(0)
				b.WriteString(ix.terms[t])
			}
			list = append(list, b.String())
		}
	}
	slices.Sort(list)
	h := sha256.New()
	for _, s := range list {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	var k key
	copy(k[:], h.Sum(nil))
	return k
}

// shardKey returns the key of a shard's uncompressed bytes.
func shardKey(b []byte) key {
	sum := sha256.Sum256(b)
	var k key
	copy(k[:], sum[:])
	return k
}

// MarshalBinary encodes c: a header naming the format and its version,
// per language the terms, the entries' analyses, the compressed shards and
// the runs of documents of the document shards, and a checksum of all of
// it. The three frequencies of a posting are
// packed in one byte when they are small (appendTF). The same cache
// encodes to the same bytes.
func (c *Cache) MarshalBinary() ([]byte, error) {
	size := len(cacheMagic) + 16
	var langs []string
	if c != nil {
		for l, lc := range c.langs {
			langs = append(langs, l)
			size += 64 + 24*len(lc.docs) + 50*len(lc.runs)
			for i := range lc.docs {
				size += len(lc.docs[i].enc)
			}
			for _, t := range lc.terms {
				size += len(t) + 1
			}
			size += shardRefBytes * len(lc.shards)
		}
	}
	slices.Sort(langs)
	b := make([]byte, 0, size)
	b = append(b, cacheMagic...)
	b = binary.AppendUvarint(b, cacheVersion)
	b = binary.AppendUvarint(b, uint64(len(langs)))
	for _, l := range langs {
		lc := c.langs[l]
		b = appendString(b, l)
		b = binary.AppendUvarint(b, uint64(len(lc.terms)))
		for _, t := range lc.terms {
			b = appendString(b, t)
		}
		b = binary.AppendUvarint(b, uint64(len(lc.docs)))
		for i := range lc.docs {
			r := &lc.docs[i]
			b = append(b, r.key[:]...)
			for _, n := range r.lens {
				b = binary.AppendUvarint(b, uint64(n))
			}
			b = appendBytes(b, r.enc)
		}
		keys := make([]key, 0, len(lc.shards))
		for k := range lc.shards {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(x, y key) int { return bytes.Compare(x[:], y[:]) })
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			r := lc.shards[k]
			b = append(b, k[:]...)
			b = append(b, r.kind)
			b = binary.BigEndian.AppendUint32(b, uint32(r.n))
			b = append(b, r.version[:]...)
			b = append(b, r.sum[:]...)
		}
		b = binary.AppendUvarint(b, uint64(len(lc.runs)))
		for _, r := range lc.runs {
			b = append(b, r.first[:]...)
			b = binary.AppendUvarint(b, uint64(r.n))
			full := byte(0)
			if r.full {
				full = 1
			}
			b = append(b, full)
			b = append(b, r.seq[:]...)
			b = append(b, r.content[:]...)
		}
	}
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b, castagnoli)), nil
}

// packedTF is the number of packed frequencies: title and context 0…2,
// text 0…14, as one byte below packedTF; tfEscape is followed by the
// three as numbers.
const (
	packedTF = 3 * 3 * 15
	tfEscape = 255
)

// unpackTF holds the frequencies of each packed byte.
var unpackTF = func() (t [packedTF][numFields]uint16) {
	for c := range t {
		t[c] = [numFields]uint16{uint16(c % 3), uint16(c / 3 % 3), uint16(c / 9)}
	}
	return t
}()

func appendTF(b []byte, tf [numFields]uint16) []byte {
	if tf[fieldTitle] < 3 && tf[fieldContext] < 3 && tf[fieldText] < 15 {
		return append(b, byte(tf[fieldTitle]+3*tf[fieldContext]+9*tf[fieldText]))
	}
	b = append(b, tfEscape)
	for _, n := range tf {
		b = binary.AppendUvarint(b, uint64(n))
	}
	return b
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBytes(b, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrCacheVersion is returned by UnmarshalBinary for a cache written by
// another version of the index: build without it.
var ErrCacheVersion = errors.New("search cache: written by another version")

// UnmarshalBinary decodes a cache that MarshalBinary encoded into c. It
// returns an error, and leaves c empty, for input that is not one: another
// version's (ErrCacheVersion), or damaged (the checksum or the structure
// does not hold). What it allocates is bounded by a small multiple of
// len(data).
func (c *Cache) UnmarshalBinary(data []byte) error {
	*c = Cache{}
	langs, err := decodeCache(data, false)
	if err != nil {
		return err
	}
	c.langs = langs
	return nil
}

// DecodeCache is UnmarshalBinary that takes data rather than copy it: the
// cache it returns holds slices of data, which the caller must not change
// afterwards. A cache read from a file for one build need not be held
// twice.
func DecodeCache(data []byte) (*Cache, error) {
	langs, err := decodeCache(data, true)
	if err != nil {
		return &Cache{}, err
	}
	return &Cache{langs: langs}, nil
}

// decoder reads an encoded cache; its first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("search cache: damaged (%s)", what)
	}
}

func (d *decoder) uvarint(max uint64, what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > max {
		d.fail(what)
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of items that each take at least min bytes of what
// remains, so that a damaged count cannot make a large allocation.
func (d *decoder) count(min int, what string) int {
	return int(d.uvarint(uint64(len(d.b)/min), what))
}

func (d *decoder) bytes(n int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.fail(what)
		return nil
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) byte(what string) byte {
	if b := d.bytes(1, what); len(b) == 1 {
		return b[0]
	}
	return 0
}

func (d *decoder) string(what string) string {
	return string(d.bytes(d.count(1, what), what))
}

// decodeCache decodes an encoded cache; with own set, the cache holds
// slices of data, and otherwise of a copy of it.
func decodeCache(data []byte, own bool) (map[string]*langCache, error) {
	rest, ok := strings.CutPrefix(string(data[:min(len(data), len(cacheMagic))]), cacheMagic)
	if !ok || rest != "" {
		return nil, errors.New("search cache: not a search cache")
	}
	v, n := binary.Uvarint(data[len(cacheMagic):])
	if n <= 0 {
		return nil, errors.New("search cache: damaged (version)")
	}
	if v != cacheVersion {
		return nil, ErrCacheVersion
	}
	if len(data) < len(cacheMagic)+n+4 {
		return nil, errors.New("search cache: damaged (too short)")
	}
	body, sum := data[:len(data)-4], binary.BigEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, errors.New("search cache: damaged (checksum)")
	}
	// The cache's entries are slices of the input, or of one copy of it
	// when it is the caller's.
	d := &decoder{b: body[len(cacheMagic)+n:]}
	if !own {
		d.b = slices.Clone(d.b)
	}
	langs := map[string]*langCache{}
	for range d.count(1, "languages") {
		lang := d.string("language")
		if d.err == nil && (!validLang(lang) || langs[lang] != nil) {
			d.fail("language")
		}
		lc := &langCache{}
		lc.terms = make([]string, d.count(1, "terms"))
		for i := range lc.terms {
			lc.terms[i] = d.string("term")
		}
		if d.err == nil {
			var ok bool
			if lc.termID, ok = termIDs(lc.terms); !ok {
				d.fail("terms")
			}
		}
		ndocs := d.count(16+numFields+1, "entries")
		lc.docs = make([]docRef, 0, ndocs)
		for range ndocs {
			var r docRef
			copy(r.key[:], d.bytes(len(r.key), "entry key"))
			for f := range r.lens {
				r.lens[f] = int32(d.uvarint(math.MaxInt32, "field length"))
			}
			// The postings are read when a build reuses them, which takes
			// them only if they hold (see analyze): the checksum says
			// these bytes are those MarshalBinary wrote.
			r.enc = d.bytes(d.count(1, "postings"), "postings")
			if d.err != nil {
				break
			}
			lc.docs = append(lc.docs, r)
		}
		lc.index()
		nshards := d.count(shardRefBytes, "shards")
		lc.shards = make(map[key]shardRef, nshards)
		for range nshards {
			var k key
			var r shardRef
			copy(k[:], d.bytes(len(k), "shard key"))
			r.kind = d.byte("shard")
			if n := d.bytes(4, "shard"); n != nil {
				r.n = int32(binary.BigEndian.Uint32(n))
			}
			copy(r.version[:], d.bytes(versionDigits, "shard"))
			copy(r.sum[:], d.bytes(len(r.sum), "shard"))
			// The version goes into the manifest, a script: only digits.
			if d.err == nil && (r.kind != 't' && r.kind != 'd' || r.n < 0 || !digitsOnly(r.version[:])) {
				d.fail("shard")
			}
			if d.err != nil {
				break
			}
			lc.shards[k] = r
		}
		lc.runs = make([]docRun, d.count(3*16+2, "runs"))
		for i := range lc.runs {
			r := &lc.runs[i]
			copy(r.first[:], d.bytes(16, "run"))
			r.n = int32(d.uvarint(math.MaxInt32, "run"))
			switch d.byte("run") {
			case 0:
			case 1:
				r.full = true
			default:
				d.fail("run")
			}
			copy(r.seq[:], d.bytes(16, "run"))
			copy(r.content[:], d.bytes(16, "run"))
		}
		if d.err != nil {
			return nil, d.err
		}
		langs[lang] = lc
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return langs, nil
}
