package search

import "strings"

// This file implements the English Porter2 stemmer ("english" in Snowball),
// as defined at https://snowballstem.org/algorithms/english/stemmer.html in
// its classic form (the one shipped by Snowball up to and including 2.2:
// special R1 prefixes gener/commun/arsen, exceptional forms dying/lying/tying
// and the post-Step-1a invariants inning/outing/.../succeed).
//
// The steps are code, the lists of letters, words and suffixes they use are
// tables (stemtables.go). static/js/search/stem.ts is a step-for-step port of
// this file used by the browser to stem queries, reading the same tables
// (written to static/js/search/stemtables.ts by go generate); the two must
// give identical results for every input, which stemjs_test.go checks
// against testdata/porter2.txt. Change the steps of both together.

// maxStackWord is the longest word stemmed in a stack buffer; longer words
// (rare in practice) use a heap copy.
const maxStackWord = 64

// Stem returns the Porter2 stem of word, which must be one lower-cased,
// diacritic-folded token (ASCII letters, digits and apostrophes).
//
// Words of fewer than three bytes and words containing any non-ASCII byte are
// returned unchanged. The result is never longer than word, and may share
// memory with it (when the stem is a prefix of word, which is the common
// case, no allocation is made): use strings.Clone on the result if word is a
// slice of a large string that should not be kept alive.
func Stem(word string) string {
	n := len(word)
	if n <= 2 {
		return word
	}
	for i := 0; i < n; i++ {
		if word[i] >= 0x80 {
			return word
		}
	}
	if s, ok := exceptions.get(word); ok {
		return s
	}
	var arr [maxStackWord]byte
	var b []byte
	if n <= len(arr) {
		b = arr[:n]
	} else {
		b = make([]byte, n)
	}
	copy(b, word)
	b = stemBytes(b)
	if len(b) <= n && string(b) == word[:len(b)] {
		return word[:len(b)]
	}
	return string(b)
}

// letterSet returns the set of the letters of s, for lookups by byte.
func letterSet(s string) *[256]bool {
	var set [256]bool
	for i := 0; i < len(s); i++ {
		set[s[i]] = true
	}
	return &set
}

// ruleIndex holds a step's rules by the last letter of their suffix, in
// their order (longest first).
type ruleIndex [128][]indexedRule

// An indexedRule is a rule with the last four letters of its suffix (or
// fewer) packed into val, last letter lowest, and mask covering them: a
// word whose last four letters, packed alike, differ under mask does not
// end in the suffix.
type indexedRule struct {
	mask, val uint32
	stemRule
}

// tail packs the last four bytes of b (or fewer), the last lowest.
func tail[T string | []byte](b T) uint32 {
	var t uint32
	for k := 0; k < 4 && k < len(b); k++ {
		t |= uint32(b[len(b)-1-k]) << (8 * k)
	}
	return t
}

func indexRules(rules []stemRule) *ruleIndex {
	var ix ruleIndex
	for _, r := range rules {
		c := r.suffix[len(r.suffix)-1]
		mask := uint32(0xffffffff)
		if len(r.suffix) < 4 {
			mask = 1<<(8*len(r.suffix)) - 1
		}
		ix[c] = append(ix[c], indexedRule{mask: mask, val: tail(r.suffix), stemRule: r})
	}
	return &ix
}

// A wordMap maps a few words to a value. Most words looked up are not in
// it, and most of those are told so by their first and last letters and
// length alone, without hashing the word.
type wordMap struct {
	maybe [256]bool // by wordKey: a word in the map may have this key
	words map[string]string
}

func wordKey(first, last byte, n int) byte { return first*7 ^ last*3 ^ byte(n) }

func newWordMap(pairs [][2]string) *wordMap {
	w := &wordMap{words: make(map[string]string, len(pairs))}
	for _, p := range pairs {
		w.words[p[0]] = p[1]
		w.maybe[wordKey(p[0][0], p[0][len(p[0])-1], len(p[0]))] = true
	}
	return w
}

// get returns the value of word, which is not empty.
func (w *wordMap) get(word string) (string, bool) {
	if !w.maybe[wordKey(word[0], word[len(word)-1], len(word))] {
		return "", false
	}
	v, ok := w.words[word]
	return v, ok
}

// has reports whether b, which is not empty, is in w.
func (w *wordMap) has(b []byte) bool {
	if !w.maybe[wordKey(b[0], b[len(b)-1], len(b))] {
		return false
	}
	_, ok := w.words[string(b)]
	return ok
}

// The tables of stemtables.go, as the stemmer reads them.
var (
	vowelSet    = letterSet(stemVowels)
	vowelWXYSet = letterSet(stemVowelsWXY)
	doubleSet   = letterSet(stemDoubles)
	exceptions  = newWordMap(stemExceptions)
	invariants  = func() *wordMap {
		var pairs [][2]string
		for _, w := range stemInvariants {
			pairs = append(pairs, [2]string{w, w})
		}
		return newWordMap(pairs)
	}()
	step2Rules = indexRules(stemStep2)
	step3Rules = indexRules(stemStep3)
	step4Rules = indexRules(stemStep4)
)

// isVowel reports whether c is in the grouping v. 'Y' (a y marked as a
// consonant) is not a vowel.
func isVowel(c byte) bool { return vowelSet[c] }

// isDouble reports whether b ends in a double: bb dd ff gg mm nn pp rr tt.
func isDouble(b []byte) bool {
	n := len(b)
	return n >= 2 && b[n-1] == b[n-2] && doubleSet[b[n-1]]
}

// hasSuffix reports whether b ends in s. It compares from the end, one
// byte at a time: most suffixes tried differ from b in their last letters.
func hasSuffix(b []byte, s string) bool {
	off := len(b) - len(s)
	if off < 0 {
		return false
	}
	for i := len(s) - 1; i >= 0; i-- {
		if b[off+i] != s[i] {
			return false
		}
	}
	return true
}

// hasPrefix reports whether b starts with s.
func hasPrefix(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if b[i] != s[i] {
			return false
		}
	}
	return true
}

func containsVowel(b []byte) bool {
	for _, c := range b {
		if isVowel(c) {
			return true
		}
	}
	return false
}

// replaceSuffix replaces the last n bytes of b with s; len(s) <= n always
// holds here, so b never grows past its original length.
func replaceSuffix(b []byte, n int, s string) []byte {
	b = b[:len(b)-n]
	return append(b, s...)
}

// regionAfter returns the position after the first non-vowel that follows a
// vowel at or after start, or len(b) if there is none.
func regionAfter(b []byte, start int) int {
	i := start
	for i < len(b) && !isVowel(b[i]) {
		i++
	}
	for i < len(b) && isVowel(b[i]) {
		i++
	}
	if i < len(b) {
		return i + 1
	}
	return len(b)
}

// endsShortSyllable reports whether b ends in a short syllable: a non-vowel,
// a vowel, and a non-vowel other than w, x or Y; or, when b is exactly two
// letters long, a vowel and a non-vowel.
func endsShortSyllable(b []byte) bool {
	n := len(b)
	if n >= 3 {
		return !vowelWXYSet[b[n-1]] && isVowel(b[n-2]) && !isVowel(b[n-3])
	}
	return n == 2 && !isVowel(b[1]) && isVowel(b[0])
}

// stemBytes runs the algorithm (after the exceptional forms) on b in place
// and returns the stem, a prefix of b or of b[1:].
func stemBytes(b []byte) []byte {
	// Prelude: remove an initial apostrophe, mark consonant y as Y.
	if b[0] == '\'' {
		b = b[1:]
	}
	yFound := false
	if len(b) > 0 && b[0] == 'y' {
		b[0] = 'Y'
		yFound = true
	}
	for i := 1; i < len(b); i++ {
		if b[i] == 'y' && isVowel(b[i-1]) {
			b[i] = 'Y'
			yFound = true
		}
	}

	// Regions.
	p1 := -1
	for _, p := range stemR1Prefixes {
		if hasPrefix(b, p) {
			p1 = len(p)
			break
		}
	}
	if p1 < 0 {
		p1 = regionAfter(b, 0)
	}
	p2 := regionAfter(b, p1)

	b = step0(b)
	b = step1a(b)
	if len(b) == 0 || !invariants.has(b) {
		b = step1b(b, p1)
		b = step1c(b)
		b = applyRules(b, step2Rules, p1, p2)
		b = applyRules(b, step3Rules, p1, p2)
		b = applyRules(b, step4Rules, p1, p2)
		b = step5(b, p1, p2)
	}

	// Postlude.
	if yFound {
		for i, c := range b {
			if c == 'Y' {
				b[i] = 'y'
			}
		}
	}
	return b
}

// step0 removes the longest of the suffixes ' 's 's'.
func step0(b []byte) []byte {
	switch {
	case hasSuffix(b, "'s'"):
		return b[:len(b)-3]
	case hasSuffix(b, "'s"):
		return b[:len(b)-2]
	case hasSuffix(b, "'"):
		return b[:len(b)-1]
	}
	return b
}

func step1a(b []byte) []byte {
	n := len(b)
	switch {
	case hasSuffix(b, "sses"):
		return b[:n-2]
	case hasSuffix(b, "ied"), hasSuffix(b, "ies"):
		if n-3 > 1 {
			return b[:n-2] // -> i
		}
		return b[:n-1] // -> ie
	case hasSuffix(b, "us"), hasSuffix(b, "ss"):
		return b
	case hasSuffix(b, "s"):
		// Delete if a vowel occurs before the letter preceding the s.
		if n >= 2 && containsVowel(b[:n-2]) {
			return b[:n-1]
		}
	}
	return b
}

func step1b(b []byte, p1 int) []byte {
	n := len(b)
	var l int
	switch {
	case hasSuffix(b, "eedly"):
		if n-5 >= p1 {
			return b[:n-3] // -> ee
		}
		return b
	case hasSuffix(b, "eed"):
		if n-3 >= p1 {
			return b[:n-1] // -> ee
		}
		return b
	case hasSuffix(b, "ingly"):
		l = 5
	case hasSuffix(b, "edly"):
		l = 4
	case hasSuffix(b, "ing"):
		l = 3
	case hasSuffix(b, "ed"):
		l = 2
	default:
		return b
	}
	if !containsVowel(b[:n-l]) {
		return b
	}
	b = b[:n-l]
	switch {
	case hasSuffix(b, "at"), hasSuffix(b, "bl"), hasSuffix(b, "iz"):
		return append(b, 'e')
	case isDouble(b):
		return b[:len(b)-1]
	case len(b) == p1 && endsShortSyllable(b):
		return append(b, 'e')
	}
	return b
}

// step1c replaces a final y or Y by i when it follows a non-vowel that is not
// the first letter of the word.
func step1c(b []byte) []byte {
	n := len(b)
	if n >= 3 && (b[n-1] == 'y' || b[n-1] == 'Y') && !isVowel(b[n-2]) {
		b[n-1] = 'i'
	}
	return b
}

// applyRules does Step 2, 3 or 4, whose rules are rules: it finds the rule
// with the longest suffix b ends in and, if the suffix starts in the rule's
// region (R1 from p1, R2 from p2) and follows one of the letters the rule
// asks for, replaces it. See stemRule.
func applyRules(b []byte, rules *ruleIndex, p1, p2 int) []byte {
	n := len(b)
	if n == 0 || b[n-1] >= 0x80 {
		return b
	}
	rs := rules[b[n-1]]
	if len(rs) == 0 {
		return b
	}
	t := tail(b)
	for i := range rs {
		r := &rs[i] // not a copy: this loop is the stemmer's hottest
		if t&r.mask != r.val || len(r.suffix) > 4 && !hasSuffix(b, r.suffix) {
			continue
		}
		start := n - len(r.suffix)
		region := p1
		if r.region == 2 {
			region = p2
		}
		if start < region || r.after != "" && (start == 0 || strings.IndexByte(r.after, b[start-1]) < 0) {
			return b
		}
		return replaceSuffix(b, len(r.suffix), r.replacement)
	}
	return b
}

func step5(b []byte, p1, p2 int) []byte {
	n := len(b)
	if n == 0 {
		return b
	}
	switch b[n-1] {
	case 'e':
		if n-1 >= p2 || (n-1 >= p1 && !endsShortSyllable(b[:n-1])) {
			return b[:n-1]
		}
	case 'l':
		if n-1 >= p2 && n >= 2 && b[n-2] == 'l' {
			return b[:n-1]
		}
	}
	return b
}
