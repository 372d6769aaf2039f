package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFoldLatin(t *testing.T) {
	tests := []struct {
		in   rune
		want string
	}{
		{'é', "e"}, {'É', "e"}, {'ŵ', "w"}, {'Ŵ', "w"}, {'ŷ', "y"}, {'Ŷ', "y"},
		{'ẁ', "w"}, {'ẃ', "w"}, {'ẅ', "w"}, {'ỳ', "y"}, {'â', "a"}, {'ê', "e"},
		{'î', "i"}, {'ô', "o"}, {'û', "u"}, {'ï', "i"}, {'ÿ', "y"}, {'ç', "c"},
		{'ñ', "n"}, {'ø', "o"}, {'Ø', "o"}, {'æ', "ae"}, {'Æ', "ae"}, {'œ', "oe"},
		{'ß', "ss"}, {'ẞ', "ss"}, {'þ', "th"}, {'ð', "d"}, {'đ', "d"}, {'ł', "l"},
		{'ı', "i"}, {'İ', "i"}, {'ĳ', "ij"}, {'ſ', "s"}, {'ǆ', "dz"}, {'ǅ', "dz"},
		{'ﬁ', "fi"}, {'ﬀ', "ff"}, {'ﬃ', "ffi"}, {'ỻ', "ll"}, {'ș', "s"}, {'ț', "t"},
	}
	for _, tt := range tests {
		got, ok := foldLatin(tt.in)
		if !ok || got != tt.want {
			t.Errorf("foldLatin(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, r := range []rune{'×', '÷', 'a', 'ɐ', 'α', 'ж', 'Ə'} {
		if got, ok := foldLatin(r); ok {
			t.Errorf("foldLatin(%q) = %q; want not in the table", r, got)
		}
	}
	// Every table has one entry per code point and only lower-case ASCII.
	for i, tab := range foldTables {
		for j, s := range folded[i] {
			for _, c := range s {
				if c < 'a' || c > 'z' {
					t.Errorf("table at %#x, entry %d: %q is not lower-case ASCII", tab.lo, j, s)
				}
			}
		}
	}
	if n := len(folded[0]); n != 0x250-0xC0 {
		t.Errorf("Latin-1 to Latin Extended-B table has %d entries, want %d", n, 0x250-0xC0)
	}
	if n := len(folded[1]); n != 0x100 {
		t.Errorf("Latin Extended Additional table has %d entries, want 256", n)
	}
}

func TestScanWords(t *testing.T) {
	long := strings.Repeat("a", maxWordRunes+1)
	tests := []struct {
		name  string
		text  string
		split bool
		want  string // word@pos, space-separated
	}{
		{"ascii", "Hello, World!", false, "hello@0 world@1"},
		{"empty", "", false, ""},
		{"only separators", " -–— ,.;:!? ", false, ""},
		{"apostrophe joins", "Claimant’s CV isn't", false, "claimants@0 cv@1 isnt@2"},
		{"apostrophe splits (cy)", "chi’n helpu i'ch", true, "chi@0 n@1 helpu@2 i@3 ch@4"},
		{"quotes", "‘Goal’ and 'plan'", false, "goal@0 and@1 plan@2"},
		{"leading apostrophe", "'tis", false, "tis@0"},
		{"diacritics", "Café naïve RÉSUMÉ", false, "cafe@0 naive@1 resume@2"},
		{"welsh letters", "Ŵyl ŷd ẁ ein", true, "wyl@0 yd@1 w@2 ein@3"},
		{"decomposed", "cafe\u0301 \u0301x", false, "cafe@0 x@1"},
		{"ligature", "ﬁnd the ﬂow", false, "find@0 the@1 flow@2"},
		{"sharp s", "Straße", false, "strasse@0"},
		{"dotted I", "İstanbul", false, "istanbul@0"},
		{"greek", "Ελλάδα", false, "ελλάδα@0"},
		{"cyrillic", "Привет мир", false, "привет@0 мир@1"},
		{"digits", "p47 2024 1.5 £100", false, "p47@0 2024@1 1@2 5@3 100@4"},
		{"slash hyphen", "JSA/ESA self-assessment", false, "jsa@0 esa@1 self@2 assessment@3"},
		{"too long", "a " + long + " b", false, "a@0 b@2"},
		{"max length", strings.Repeat("b", maxWordRunes), false, strings.Repeat("b", maxWordRunes) + "@0"},
		{"folded length counts", strings.Repeat("æ", maxWordRunes/2) + "x", false, ""},
		{"invalid utf-8", "ab\xffcd", false, "ab@0 cd@1"},
		{"replacement char", "ab\uFFFDcd", false, "ab@0 cd@1"},
		{"emoji", "go🙂now", false, "go@0 now@1"},
		{"supplementary letter", "𝐀bc", false, "𝐀bc@0"},
		{"nbsp and tabs", "one\u00a0two\tthree\nfour", false, "one@0 two@1 three@2 four@3"},
		{"combining mark alone", "\u0301", false, ""},
		{"times sign", "2×3", false, "2@0 3@1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			scanWords(tt.text, tt.split, nil, func(w []byte, pos, start, end int) {
				got = append(got, string(w)+"@"+itoa(pos))
				if start < 0 || end > len(tt.text) || start >= end {
					t.Errorf("word %q: bad offsets %d..%d", w, start, end)
				}
			})
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("scanWords(%q) = %q; want %q", tt.text, g, tt.want)
			}
		})
	}
}

func itoa(i int) string {
	return string(appendInt(nil, i))
}

func TestScanWordsOffsets(t *testing.T) {
	text := "  Claimant’s café—naïve e\u0301t\u00e9 "
	var got []string
	scanWords(text, false, nil, func(w []byte, _, start, end int) {
		got = append(got, text[start:end])
	})
	want := []string{"Claimant’s", "café", "naïve", "e\u0301t\u00e9"}
	if !slices.Equal(got, want) {
		t.Errorf("word spans = %q; want %q", got, want)
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"The claimants' interviews were not sanctioned", "en", []string{"claimant", "interview", "were", "not", "sanction"}},
		{"There is no evidence of a sanction doubt", "en", []string{"there", "no", "evid", "sanction", "doubt"}},
		{"Évaluation of goals", "en", []string{"evalu", "goal"}},
		{"PIGEEP and SSMART", "en", []string{"pigeep", "ssmart"}},
		// Welsh is folded, not stemmed; its own stop words go.
		{"Pa swydd ydych chi’n chwilio amdani? Gallaf gwblhau ffurflenni", "cy", []string{"pa", "swydd", "ydych", "chi", "chwilio", "amdani", "gallaf", "gwblhau", "ffurflenni"}},
		{"Rwy'n byw yn y ŵyl", "cy", []string{"rwy", "byw", "wyl"}},
		// Other languages: folded only.
		{"Les évaluations", "fr", []string{"les", "evaluations"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.text, tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q, %q) = %q; want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"", "Claimant’s CV", "chi’n", "e\u0301", "ﬁnd", "Straße", "İ", "\xff\xfe", "a'b'c", "'", "𝐀", "p47 #p47",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, split bool) {
		var ws []string
		last := -1
		scanWords(text, split, nil, func(w []byte, pos, start, end int) {
			if len(w) == 0 || !utf8.Valid(w) {
				t.Fatalf("word %q is empty or not UTF-8", w)
			}
			if pos <= last {
				t.Fatalf("position %d after %d", pos, last)
			}
			last = pos
			if start < 0 || start >= end || end > len(text) {
				t.Fatalf("bad offsets %d..%d of %d", start, end, len(text))
			}
			if utf8.RuneCount(w) > maxWordRunes {
				t.Fatalf("word %q is longer than %d", w, maxWordRunes)
			}
			ws = append(ws, string(w))
		})
		// Words are folded: scanning them again gives them back unchanged.
		again := words(strings.Join(ws, " "), split)
		if !slices.Equal(again, ws) {
			t.Fatalf("words of %q = %q; scanning them again gives %q", text, ws, again)
		}
		for _, lang := range []string{"en", "cy"} {
			for _, term := range Terms(text, lang) {
				if term == "" || !utf8.ValidString(term) || strings.ContainsAny(term, " \"\\") {
					t.Fatalf("Terms(%q, %s): bad term %q", text, lang, term)
				}
			}
		}
	})
}

// TestFoldIdempotent checks every code point: what a word character folds to
// folds to itself, so that folding a query twice changes nothing.
func TestFoldIdempotent(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		class, s, lower := classify(r)
		if class != classWord {
			continue
		}
		if s == "" {
			s = string(lower)
		}
		for _, c := range s {
			class2, s2, lower2 := classify(c)
			if s2 == "" {
				s2 = string(lower2)
			}
			if class2 != classWord || s2 != string(c) {
				t.Errorf("%U folds to %q, whose %q folds to %q", r, s, c, s2)
			}
		}
	}
}
