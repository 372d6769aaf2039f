package search

// This file implements the English Porter2 stemmer ("english" in Snowball),
// as defined at https://snowballstem.org/algorithms/english/stemmer.html in
// its classic form (the one shipped by Snowball up to and including 2.2:
// special R1 prefixes gener/commun/arsen, exceptional forms dying/lying/tying
// and the post-Step-1a invariants inning/outing/.../succeed).
//
// static/js/search/stem.ts is a step-for-step port of this file used by the browser
// to stem queries; the two must give identical results for every input, which
// stemjs_test.go checks against testdata/porter2.txt. Change both together.

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
	if s, ok := exceptionalForm(word); ok {
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

// exceptionalForm handles the words that the algorithm treats as exceptions
// before doing anything else.
func exceptionalForm(w string) (string, bool) {
	switch w {
	case "skis":
		return "ski", true
	case "skies":
		return "sky", true
	case "dying":
		return "die", true
	case "lying":
		return "lie", true
	case "tying":
		return "tie", true
	case "idly":
		return "idl", true
	case "gently":
		return "gentl", true
	case "ugly":
		return "ugli", true
	case "early":
		return "earli", true
	case "only":
		return "onli", true
	case "singly":
		return "singl", true
	case "sky", "news", "howe", "atlas", "cosmos", "bias", "andes":
		return w, true
	}
	return "", false
}

// isVowel reports whether c is in the grouping v = "aeiouy". 'Y' (a y marked
// as a consonant) is not a vowel.
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// isVowelWXY reports whether c is in the grouping v_WXY = v + "wxY".
func isVowelWXY(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'x', 'Y':
		return true
	}
	return false
}

// isValidLI reports whether c may precede a removable "li".
func isValidLI(c byte) bool {
	switch c {
	case 'c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't':
		return true
	}
	return false
}

// isDouble reports whether b ends in one of bb dd ff gg mm nn pp rr tt.
func isDouble(b []byte) bool {
	n := len(b)
	if n < 2 || b[n-1] != b[n-2] {
		return false
	}
	switch b[n-1] {
	case 'b', 'd', 'f', 'g', 'm', 'n', 'p', 'r', 't':
		return true
	}
	return false
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
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
		return !isVowelWXY(b[n-1]) && isVowel(b[n-2]) && !isVowel(b[n-3])
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
	var p1 int
	switch {
	case hasPrefix(b, "gener"), hasPrefix(b, "arsen"):
		p1 = 5
	case hasPrefix(b, "commun"):
		p1 = 6
	default:
		p1 = regionAfter(b, 0)
	}
	p2 := regionAfter(b, p1)

	b = step0(b)
	b = step1a(b)
	if !isInvariantAfter1a(b) {
		b = step1b(b, p1)
		b = step1c(b)
		b = step2(b, p1)
		b = step3(b, p1, p2)
		b = step4(b, p2)
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

// isInvariantAfter1a reports whether b is one of the words left alone once
// Step 1a is done.
func isInvariantAfter1a(b []byte) bool {
	switch string(b) {
	case "inning", "outing", "canning", "herring", "earring",
		"proceed", "exceed", "succeed":
		return true
	}
	return false
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

// step2 works on the longest matching suffix only: if that one is not in R1
// (or its condition fails) nothing is done.
func step2(b []byte, p1 int) []byte {
	n := len(b)
	if n == 0 {
		return b
	}
	r1 := func(l int) bool { return n-l >= p1 }
	switch b[n-1] {
	case 'l':
		switch {
		case hasSuffix(b, "ational"):
			if r1(7) {
				return replaceSuffix(b, 7, "ate")
			}
		case hasSuffix(b, "tional"):
			if r1(6) {
				return replaceSuffix(b, 6, "tion")
			}
		}
	case 'n':
		switch {
		case hasSuffix(b, "ization"):
			if r1(7) {
				return replaceSuffix(b, 7, "ize")
			}
		case hasSuffix(b, "ation"):
			if r1(5) {
				return replaceSuffix(b, 5, "ate")
			}
		}
	case 'r':
		switch {
		case hasSuffix(b, "izer"):
			if r1(4) {
				return replaceSuffix(b, 4, "ize")
			}
		case hasSuffix(b, "ator"):
			if r1(4) {
				return replaceSuffix(b, 4, "ate")
			}
		}
	case 'm':
		if hasSuffix(b, "alism") && r1(5) {
			return replaceSuffix(b, 5, "al")
		}
	case 's':
		switch {
		case hasSuffix(b, "fulness"):
			if r1(7) {
				return replaceSuffix(b, 7, "ful")
			}
		case hasSuffix(b, "ousness"):
			if r1(7) {
				return replaceSuffix(b, 7, "ous")
			}
		case hasSuffix(b, "iveness"):
			if r1(7) {
				return replaceSuffix(b, 7, "ive")
			}
		}
	case 'i':
		switch {
		case hasSuffix(b, "biliti"):
			if r1(6) {
				return replaceSuffix(b, 6, "ble")
			}
		case hasSuffix(b, "lessli"):
			if r1(6) {
				return replaceSuffix(b, 6, "less")
			}
		case hasSuffix(b, "aliti"):
			if r1(5) {
				return replaceSuffix(b, 5, "al")
			}
		case hasSuffix(b, "iviti"):
			if r1(5) {
				return replaceSuffix(b, 5, "ive")
			}
		case hasSuffix(b, "entli"):
			if r1(5) {
				return replaceSuffix(b, 5, "ent")
			}
		case hasSuffix(b, "ousli"):
			if r1(5) {
				return replaceSuffix(b, 5, "ous")
			}
		case hasSuffix(b, "fulli"):
			if r1(5) {
				return replaceSuffix(b, 5, "ful")
			}
		case hasSuffix(b, "enci"):
			if r1(4) {
				return replaceSuffix(b, 4, "ence")
			}
		case hasSuffix(b, "anci"):
			if r1(4) {
				return replaceSuffix(b, 4, "ance")
			}
		case hasSuffix(b, "abli"):
			if r1(4) {
				return replaceSuffix(b, 4, "able")
			}
		case hasSuffix(b, "alli"):
			if r1(4) {
				return replaceSuffix(b, 4, "al")
			}
		case hasSuffix(b, "bli"):
			if r1(3) {
				return replaceSuffix(b, 3, "ble")
			}
		case hasSuffix(b, "ogi"):
			if r1(3) && n >= 4 && b[n-4] == 'l' {
				return replaceSuffix(b, 3, "og")
			}
		case hasSuffix(b, "li"):
			if r1(2) && n >= 3 && isValidLI(b[n-3]) {
				return b[:n-2]
			}
		}
	}
	return b
}

func step3(b []byte, p1, p2 int) []byte {
	n := len(b)
	if n == 0 {
		return b
	}
	r1 := func(l int) bool { return n-l >= p1 }
	switch b[n-1] {
	case 'l':
		switch {
		case hasSuffix(b, "ational"):
			if r1(7) {
				return replaceSuffix(b, 7, "ate")
			}
		case hasSuffix(b, "tional"):
			if r1(6) {
				return replaceSuffix(b, 6, "tion")
			}
		case hasSuffix(b, "ical"):
			if r1(4) {
				return replaceSuffix(b, 4, "ic")
			}
		case hasSuffix(b, "ful"):
			if r1(3) {
				return b[:n-3]
			}
		}
	case 'e':
		switch {
		case hasSuffix(b, "alize"):
			if r1(5) {
				return replaceSuffix(b, 5, "al")
			}
		case hasSuffix(b, "icate"):
			if r1(5) {
				return replaceSuffix(b, 5, "ic")
			}
		case hasSuffix(b, "ative"):
			if r1(5) && n-5 >= p2 {
				return b[:n-5]
			}
		}
	case 'i':
		if hasSuffix(b, "iciti") && r1(5) {
			return replaceSuffix(b, 5, "ic")
		}
	case 's':
		if hasSuffix(b, "ness") && r1(4) {
			return b[:n-4]
		}
	}
	return b
}

func step4(b []byte, p2 int) []byte {
	n := len(b)
	if n == 0 {
		return b
	}
	var l int
	switch b[n-1] {
	case 'l':
		if hasSuffix(b, "al") {
			l = 2
		}
	case 'e':
		switch {
		case hasSuffix(b, "ance"), hasSuffix(b, "ence"),
			hasSuffix(b, "able"), hasSuffix(b, "ible"):
			l = 4
		case hasSuffix(b, "ate"), hasSuffix(b, "ive"), hasSuffix(b, "ize"):
			l = 3
		}
	case 'r':
		if hasSuffix(b, "er") {
			l = 2
		}
	case 'c':
		if hasSuffix(b, "ic") {
			l = 2
		}
	case 't':
		switch {
		case hasSuffix(b, "ement"):
			l = 5
		case hasSuffix(b, "ment"):
			l = 4
		case hasSuffix(b, "ant"), hasSuffix(b, "ent"):
			l = 3
		}
	case 'm':
		if hasSuffix(b, "ism") {
			l = 3
		}
	case 'i':
		if hasSuffix(b, "iti") {
			l = 3
		}
	case 's':
		if hasSuffix(b, "ous") {
			l = 3
		}
	case 'n':
		if hasSuffix(b, "ion") {
			if n-3 >= p2 && n >= 4 && (b[n-4] == 's' || b[n-4] == 't') {
				return b[:n-3]
			}
			return b
		}
	}
	if l > 0 && n-l >= p2 {
		return b[:n-l]
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
