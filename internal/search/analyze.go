package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the analyzer: text → tokens → terms. static/js/search/analyze.ts
// holds the same rules (the function tokenize and the same folding table);
// internal/search/searchtest checks the two agree over every code point of the
// Basic Multilingual Plane. Change both together.
//
// The rules, in full:
//
//  1. Every code point is folded. A Latin letter in the folding table (U+00C0–
//     U+024F, U+1E00–U+1EFF, the ligatures U+FB00–U+FB06) becomes its
//     lower-case base letters: é→e, Ŵ→w, ẁ→w, æ→ae, ß→ss, ﬁ→fi. A combining
//     diacritic (U+0300–U+036F) becomes nothing, so decomposed text folds as
//     composed text does. Any other letter (L), decimal digit (Nd) or
//     non-spacing mark (Mn) becomes its simple lower case, folded by the
//     table if it is in it.
//  2. A word is a run of such code points, plus apostrophes (' ’ ʼ) inside it
//     when the language joins them (English: "claimant’s" → "claimants", which
//     the stemmer then reduces as it does "claimants"); Welsh splits at them
//     ("chi’n" → "chi", "n"). A word starts at a code point that folds to
//     something; everything else separates words.
//  3. Each word takes one position, counted from 0, whatever happens next.
//     Words longer than maxWordRunes code points are dropped (base64, long
//     URLs), as are the language's stop words.
//  4. English words are stemmed with [Stem]; other languages are not.

// maxWordRunes is the longest word indexed, in folded code points.
const maxWordRunes = 40

// foldTables map the Latin letters that carry diacritics (and a few
// ligatures) to lower-case ASCII. Each is a '|'-separated list, one entry per
// code point from lo; an empty entry means "not folded here" (rule 1's
// general case). The same strings are in static/js/search/analyze.ts.
var foldTables = [...]struct {
	lo    rune
	table string
}{
	{0xC0, "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s|b|b|b|b||||c|c||d|d|d|||||f|f|g||hv||i|k|k|l|||n|n|o|o|o|oi|oi|p|p||||||t|t|t|t|u|u||v|y|y|z|z||||||||||||||dz|dz|dz|lj|lj|lj|nj|nj|nj|a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u||a|a|a|a|ae|ae|g|g|g|g|k|k|o|o|o|o|||j|dz|dz|dz|g|g|||n|n|a|a|ae|ae|o|o|a|a|a|a|e|e|e|e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|||h|h|n|d|ou|ou|z|z|a|a|e|e|o|o|o|o|o|o|o|o|y|y|l|n|t|j|||a|c|c|l|t|s|z|||b|||e|e|j|j||q|r|r|y|y"},
	{0x1E00, "a|a|b|b|b|b|b|b|c|c|d|d|d|d|d|d|d|d|d|d|e|e|e|e|e|e|e|e|e|e|f|f|g|g|h|h|h|h|h|h|h|h|h|h|i|i|i|i|k|k|k|k|k|k|l|l|l|l|l|l|l|l|m|m|m|m|m|m|n|n|n|n|n|n|n|n|o|o|o|o|o|o|o|o|p|p|p|p|r|r|r|r|r|r|r|r|s|s|s|s|s|s|s|s|s|s|t|t|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|v|v|v|v|w|w|w|w|w|w|w|w|w|w|x|x|x|x|y|y|z|z|z|z|z|z|h|t|w|y|a|s|s|s|ss||a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|i|i|i|i|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|u|u|u|u|u|u|u|u|u|u|u|u|u|u|y|y|y|y|y|y|y|y|ll|ll|v|v|y|y"},
	{0xFB00, "ff|fi|fl|ffi|ffl|st|st"},
}

// folded is foldTables expanded: folded[i] lists the entries of foldTables[i].
var folded = func() [len(foldTables)][]string {
	var f [len(foldTables)][]string
	for i, t := range foldTables {
		f[i] = strings.Split(t.table, "|")
	}
	return f
}()

// foldLatin returns the folding table's entry for r, or "" and false when r
// is not in a table or its entry is empty.
func foldLatin(r rune) (string, bool) {
	for i, t := range foldTables {
		if r >= t.lo && int(r-t.lo) < len(folded[i]) {
			s := folded[i][r-t.lo]
			return s, s != ""
		}
	}
	return "", false
}

// Code point classes for the tokenizer.
const (
	classSep  = iota // separates words
	classWord        // folds to something: starts or continues a word
	classMark        // continues a word, folds to nothing (combining diacritics)
	classApos        // an apostrophe
)

// classify returns r's class and, for classWord, what it folds to: either a
// string (Latin table) or a single rune.
func classify(r rune) (class int, s string, lower rune) {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return classWord, "", r
		case 'A' <= r && r <= 'Z':
			return classWord, "", r + ('a' - 'A')
		case r == '\'':
			return classApos, "", 0
		}
		return classSep, "", 0
	}
	switch {
	case r == '\u2019' || r == '\u02BC':
		return classApos, "", 0
	case r >= 0x300 && r <= 0x36F:
		return classMark, "", 0
	}
	if f, ok := foldLatin(r); ok {
		return classWord, f, 0
	}
	if unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Mn, r) {
		// Fold the lower case too: Ƕ and the Ångström sign are not in the
		// tables, but ƕ and å are.
		lower := unicode.ToLower(r)
		if f, ok := foldLatin(lower); ok {
			return classWord, f, 0
		}
		return classWord, "", lower
	}
	return classSep, "", 0
}

// scanWords calls fn for each word of text, with its folded form (valid only
// during the call), its position and its byte offsets in text. splitApos
// says whether apostrophes separate words (Welsh) or join them (English).
func scanWords(text string, splitApos bool, buf []byte, fn func(word []byte, pos, start, end int)) []byte {
	pos := 0
	start, end := -1, 0
	runes := 0
	for i, r := range text {
		class, s, lower := classify(r)
		if class == classApos && splitApos {
			class = classSep
		}
		switch class {
		case classWord:
			if start < 0 {
				start = i
				buf = buf[:0]
				runes = 0
			}
			if s != "" {
				buf = append(buf, s...)
				runes += len(s)
			} else {
				buf = utf8.AppendRune(buf, lower)
				runes++
			}
			end = i + utf8.RuneLen(r)
		case classMark, classApos:
			// Continue a word, if one has started; fold to nothing.
		default:
			if start >= 0 {
				if runes <= maxWordRunes {
					fn(buf, pos, start, end)
				}
				pos++
				start = -1
			}
		}
	}
	if start >= 0 && runes <= maxWordRunes {
		fn(buf, pos, start, end)
	}
	return buf
}

// language holds what an index language does with words.
type language struct {
	stem      bool
	splitApos bool
	stop      []string // sorted
}

// englishStop are the English stop words: the commonest function words, which
// say nothing about which paragraph is wanted. "no", "not", "all", "any" and
// the modal verbs stay searchable ("no evidence", "must not").
var englishStop = []string{
	"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
	"is", "it", "of", "on", "or", "that", "the", "this", "to", "was", "with",
}

// welshStop are the Welsh stop words: the article, the commonest prepositions
// and conjunctions, and the pieces that splitting at apostrophes leaves
// ('r, 'n, 'ch, 'm, 'th, 'i, 'w).
var welshStop = []string{
	"a", "ac", "am", "ar", "ch", "i", "m", "n", "o", "r", "th", "w", "y", "yn", "yr",
}

// languageOf returns the rules for lang: English stems and drops English stop
// words; Welsh folds only, splits at apostrophes and drops Welsh stop words;
// any other language folds only.
func languageOf(lang string) language {
	switch lang {
	case "en":
		return language{stem: true, stop: englishStop}
	case "cy":
		return language{splitApos: true, stop: welshStop}
	}
	return language{}
}

func (l language) isStop(w string) bool {
	for _, s := range l.stop {
		if s == w {
			return true
		}
	}
	return false
}

// term returns the index term of a folded word, or "" for a stop word.
func (l language) term(w string) string {
	if l.isStop(w) {
		return ""
	}
	if l.stem {
		return Stem(w)
	}
	return w
}

// Terms returns the index terms of text in language lang, in order, the way
// Build indexes it and static/js/search/analyze.ts analyzes a query: folded, stop
// words dropped, English stemmed.
func Terms(text, lang string) []string {
	l := languageOf(lang)
	var terms []string
	scanWords(text, l.splitApos, nil, func(w []byte, _, _, _ int) {
		if t := l.term(string(w)); t != "" {
			terms = append(terms, t)
		}
	})
	return terms
}

// words returns the folded words of text, before stop words and stemming.
func words(text string, splitApos bool) []string {
	var ws []string
	scanWords(text, splitApos, nil, func(w []byte, _, _, _ int) {
		ws = append(ws, string(w))
	})
	return ws
}
