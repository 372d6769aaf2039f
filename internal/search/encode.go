package search

import (
	"strconv"
	"unicode/utf8"
)

// alphabet holds the 64 digits of the index's numbers, all of them safe in a
// JavaScript string literal and none a space (which separates fields). A
// number is written most significant digit first in base 32: every digit but
// the last is alphabet[32+d], the last is alphabet[d], so numbers need no
// separators and a value under 32 costs one byte. A single impact is one
// digit, alphabet[q] with q < 64.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvWXYZwxyz-_"

// appendNum appends v (>= 0) as a number.
func appendNum(b []byte, v int) []byte {
	if v < 32 {
		return append(b, alphabet[v])
	}
	var tmp [13]byte
	i := len(tmp) - 1
	tmp[i] = alphabet[v&31]
	v >>= 5
	for v > 0 {
		i--
		tmp[i] = alphabet[32+v&31]
		v >>= 5
	}
	return append(b, tmp[i:]...)
}

// digitValue is the inverse of alphabet; -1 for other bytes.
var digitValue = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	return t
}()

// readNum reads a number written by appendNum from s at i, and returns it
// and the index after it; ok is false if s is malformed there.
func readNum(s string, i int) (v, next int, ok bool) {
	for i < len(s) {
		d := int(digitValue[s[i]])
		i++
		switch {
		case d < 0:
			return 0, i, false
		case d >= 32:
			v = v<<5 | (d - 32)
		default:
			return v<<5 | d, i, true
		}
	}
	return 0, i, false
}

// compareUTF16 compares a and b in the order of their UTF-16 code units,
// which is how JavaScript compares strings: the browser binary-searches the
// shard boundaries the build sorted.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ka, kb := utf16Key(ra), utf16Key(rb)
			if ka < kb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

// utf16Key orders code points as their first UTF-16 code unit does, keeping
// the order among supplementary ones: they sort after U+D7FF and before
// U+E000.
func utf16Key(r rune) int64 {
	if r >= 0x10000 {
		return 0xD800<<21 | int64(r)
	}
	return int64(r) << 21
}

// commonPrefix returns the length in bytes of the longest common prefix of a
// and b that ends on a code point boundary.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[n]) {
		n--
	}
	return n
}

// prefixUnits returns the number of UTF-16 code units in s[:n], which is how
// the browser counts a shared prefix.
func prefixUnits(s string, n int) int {
	u := 0
	for _, r := range s[:n] {
		if r >= 0x10000 {
			u += 2
		} else {
			u++
		}
	}
	return u
}

// appendJSString appends s as a double-quoted JavaScript string literal. It
// escapes the quote, the backslash, control characters and the line and
// paragraph separators, and writes invalid UTF-8 as U+FFFD; everything else
// is written as it is (these files are scripts loaded by src, in UTF-8).
func appendJSString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, "\uFFFD"...)
		case r == 0x2028 || r == 0x2029:
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// appendInt appends v in decimal.
func appendInt(b []byte, v int) []byte {
	return strconv.AppendInt(b, int64(v), 10)
}
