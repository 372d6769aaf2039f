package search

// TestWord is a word as scanWords finds it, for the tests of package
// search_test (which compare it with the browser's tokenizer).
type TestWord struct {
	Word       string
	Pos        int
	Start, End int // byte offsets
}

// ScanWordsForTest returns the words of text; split says whether
// apostrophes separate words.
func ScanWordsForTest(text string, split bool) []TestWord {
	var out []TestWord
	scanWords(text, split, nil, func(w []byte, pos, start, end int) {
		out = append(out, TestWord{string(w), pos, start, end})
	})
	return out
}

// MaxWordRunes is maxWordRunes, for tests.
const MaxWordRunes = maxWordRunes
