package search

// The tables of the Porter2 stemmer: the one source of both stemmers. Stem
// (stem.go) reads them here; the browser's stemmer (static/js/search/stem.ts)
// reads static/js/search/stemtables.ts, which is written from them by
//
//	go generate ./internal/search
//
// TestStemTablesTS fails when that file is not what they write. The
// algorithm's steps are code in both, step for step; every list of
// letters, words and suffixes they use is here.

//go:generate go test -run ^TestStemTablesTS$ -update

// The groupings of letters: v (vowels), v_WXY, double and valid_li. 'Y' is
// a y marked as a consonant.
const (
	stemVowels    = "aeiouy"
	stemVowelsWXY = "aeiouywxY"
	stemDoubles   = "bdfgmnprt" // bb dd ff gg mm nn pp rr tt
	stemValidLI   = "cdeghkmnrt"
)

// stemExceptions are the words the algorithm treats as exceptions before
// doing anything else, with their stems.
var stemExceptions = [][2]string{
	{"skis", "ski"},
	{"skies", "sky"},
	{"dying", "die"},
	{"lying", "lie"},
	{"tying", "tie"},
	{"idly", "idl"},
	{"gently", "gentl"},
	{"ugly", "ugli"},
	{"early", "earli"},
	{"only", "onli"},
	{"singly", "singl"},
	{"sky", "sky"},
	{"news", "news"},
	{"howe", "howe"},
	{"atlas", "atlas"},
	{"cosmos", "cosmos"},
	{"bias", "bias"},
	{"andes", "andes"},
}

// stemInvariants are the words left alone once Step 1a is done.
var stemInvariants = []string{
	"inning", "outing", "canning", "herring", "earring",
	"proceed", "exceed", "succeed",
}

// stemR1Prefixes are the prefixes after which R1 starts, whatever the
// letters.
var stemR1Prefixes = []string{"gener", "commun", "arsen"}

// A stemRule is a suffix rule of Steps 2, 3 and 4: in a word that ends in
// suffix, if the suffix starts in the word's region (R1 or R2) and, when
// after is not empty, follows one of its letters, the suffix is replaced by
// replacement. Of a step's rules only the one with the longest suffix the
// word ends in is tried: if its conditions fail, the step does nothing. A
// step's rules are listed longest first.
type stemRule struct {
	suffix      string
	replacement string
	region      int    // 1: R1, 2: R2
	after       string // letters the suffix must follow; "" for any
}

// stemStep2 is Step 2.
var stemStep2 = []stemRule{
	{"ational", "ate", 1, ""},
	{"ization", "ize", 1, ""},
	{"fulness", "ful", 1, ""},
	{"ousness", "ous", 1, ""},
	{"iveness", "ive", 1, ""},
	{"tional", "tion", 1, ""},
	{"biliti", "ble", 1, ""},
	{"lessli", "less", 1, ""},
	{"ation", "ate", 1, ""},
	{"alism", "al", 1, ""},
	{"aliti", "al", 1, ""},
	{"iviti", "ive", 1, ""},
	{"entli", "ent", 1, ""},
	{"ousli", "ous", 1, ""},
	{"fulli", "ful", 1, ""},
	{"izer", "ize", 1, ""},
	{"ator", "ate", 1, ""},
	{"enci", "ence", 1, ""},
	{"anci", "ance", 1, ""},
	{"abli", "able", 1, ""},
	{"alli", "al", 1, ""},
	{"bli", "ble", 1, ""},
	{"ogi", "og", 1, "l"},
	{"li", "", 1, stemValidLI},
}

// stemStep3 is Step 3.
var stemStep3 = []stemRule{
	{"ational", "ate", 1, ""},
	{"tional", "tion", 1, ""},
	{"alize", "al", 1, ""},
	{"icate", "ic", 1, ""},
	{"iciti", "ic", 1, ""},
	{"ative", "", 2, ""},
	{"ical", "ic", 1, ""},
	{"ness", "", 1, ""},
	{"ful", "", 1, ""},
}

// stemStep4 is Step 4.
var stemStep4 = []stemRule{
	{"ement", "", 2, ""},
	{"ance", "", 2, ""},
	{"ence", "", 2, ""},
	{"able", "", 2, ""},
	{"ible", "", 2, ""},
	{"ment", "", 2, ""},
	{"ant", "", 2, ""},
	{"ent", "", 2, ""},
	{"ism", "", 2, ""},
	{"ate", "", 2, ""},
	{"iti", "", 2, ""},
	{"ous", "", 2, ""},
	{"ive", "", 2, ""},
	{"ize", "", 2, ""},
	{"ion", "", 2, "st"},
	{"al", "", 2, ""},
	{"er", "", 2, ""},
	{"ic", "", 2, ""},
}
