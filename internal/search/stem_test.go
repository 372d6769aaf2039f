package search

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// stemCases are hand-picked pairs covering every step of the algorithm. The
// expected stems agree with the official Snowball C implementation
// (libstemmer 2.2.0).
var stemCases = []struct{ word, stem string }{
	// Words of fewer than three letters are left alone.
	{"", ""},
	{"a", "a"},
	{"is", "is"},
	{"by", "by"},

	// Exceptional forms, checked before anything else.
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

	// Invariant once Step 1a is done.
	{"inning", "inning"},
	{"innings", "inning"},
	{"outings", "outing"},
	{"canning", "canning"},
	{"herrings", "herring"},
	{"earring", "earring"},
	{"proceed", "proceed"},
	{"exceed", "exceed"},
	{"succeeds", "succeed"},

	// Prelude (initial apostrophe) and Step 0 (apostrophe suffixes).
	{"'tis", "tis"},
	{"'ello", "ello"},
	{"dog's", "dog"},
	{"dogs'", "dog"},
	{"dogs's", "dog"},
	{"o'clock", "o'clock"},

	// y marked as a consonant (Y), and restored at the end.
	{"youth", "youth"},
	{"yelling", "yell"},
	{"sayings", "say"},
	{"boyish", "boyish"},
	{"employs", "employ"},
	{"enjoying", "enjoy"},
	{"yyy", "yyy"},
	{"ayyy", "ayyy"},

	// R1 special prefixes gener, commun, arsen.
	{"generate", "generat"},
	{"generous", "generous"},
	{"generically", "generic"},
	{"communism", "communism"},
	{"community", "communiti"},
	{"communication", "communic"},
	{"arsenal", "arsenal"},
	{"arsenic", "arsenic"},

	// Step 1a.
	{"caresses", "caress"},
	{"ponies", "poni"},
	{"ties", "tie"},
	{"cries", "cri"},
	{"tied", "tie"},
	{"lied", "lie"},
	{"caress", "caress"},
	{"bus", "bus"},
	{"cats", "cat"},
	{"gas", "gas"},
	{"this", "this"},
	{"gaps", "gap"},
	{"kiwis", "kiwi"},

	// Step 1b.
	{"feed", "feed"},
	{"agreed", "agre"},
	{"agreedly", "agre"},
	{"needly", "need"},
	{"exceedingly", "exceed"},
	{"luxuriated", "luxuri"},
	{"conflated", "conflat"},
	{"troubled", "troubl"},
	{"sized", "size"},
	{"hopping", "hop"},
	{"tanned", "tan"},
	{"controlling", "control"},
	{"added", "ad"},
	{"falling", "fall"},
	{"hissing", "hiss"},
	{"fizzed", "fizz"},
	{"hoped", "hope"},
	{"hoping", "hope"},
	{"filing", "file"},
	{"failing", "fail"},
	{"bled", "bled"},
	{"skiing", "ski"},
	{"dyed", "dy"},

	// Step 1c.
	{"cry", "cri"},
	{"crying", "cri"},
	{"say", "say"},
	{"toy", "toy"},
	{"happy", "happi"},
	{"happiness", "happi"},

	// Step 2.
	{"relational", "relat"},
	{"conditional", "condit"},
	{"valenci", "valenc"},
	{"hesitanci", "hesit"},
	{"digitizer", "digit"},
	{"conformabli", "conform"},
	{"radicalli", "radic"},
	{"differentli", "differ"},
	{"vileli", "vile"},
	{"analogousli", "analog"},
	{"vietnamization", "vietnam"},
	{"predication", "predic"},
	{"operator", "oper"},
	{"feudalism", "feudal"},
	{"decisiveness", "decis"},
	{"hopefulness", "hope"},
	{"callousness", "callous"},
	{"formaliti", "formal"},
	{"sensitiviti", "sensit"},
	{"sensibiliti", "sensibl"},
	{"archaeology", "archaeolog"},
	{"biologi", "biolog"},
	{"yogi", "yogi"},
	{"fruitfulli", "fruit"},
	{"hopelessli", "hopeless"},
	{"brightli", "bright"},
	{"holi", "holi"},

	// Step 3.
	{"triplicate", "triplic"},
	{"formative", "format"},
	{"formalize", "formal"},
	{"electriciti", "electr"},
	{"electrical", "electr"},
	{"hopeful", "hope"},
	{"goodness", "good"},

	// Step 4.
	{"revival", "reviv"},
	{"allowance", "allow"},
	{"inference", "infer"},
	{"airliner", "airlin"},
	{"gyroscopic", "gyroscop"},
	{"adjustable", "adjust"},
	{"defensible", "defens"},
	{"irritant", "irrit"},
	{"replacement", "replac"},
	{"adjustment", "adjust"},
	{"dependent", "depend"},
	{"adoption", "adopt"},
	{"legion", "legion"},
	{"homologous", "homolog"},
	{"activate", "activ"},
	{"angularity", "angular"},
	{"effective", "effect"},
	{"bowdlerize", "bowdler"},
	{"cement", "cement"},

	// Step 5.
	{"probate", "probat"},
	{"rate", "rate"},
	{"hope", "hope"},
	{"cease", "ceas"},
	{"controll", "control"},
	{"roll", "roll"},

	// Digits are non-vowels.
	{"2020s", "2020s"},
	{"mp3s", "mp3s"},
	{"utf8", "utf8"},
}

func TestStemTable(t *testing.T) {
	for _, c := range stemCases {
		if got := Stem(c.word); got != c.stem {
			t.Errorf("Stem(%q) = %q, want %q", c.word, got, c.stem)
		}
	}
}

// readPorter2Vocabulary reads testdata/porter2.txt ("word stem" lines,
// '#' comments).
func readPorter2Vocabulary(t testing.TB) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/porter2.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs [][2]string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2 {
			t.Fatalf("testdata/porter2.txt:%d: want \"word stem\", got %q", line, text)
		}
		pairs = append(pairs, [2]string{fields[0], fields[1]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

func TestStemVocabulary(t *testing.T) {
	pairs := readPorter2Vocabulary(t)
	if len(pairs) < 2000 {
		t.Fatalf("testdata/porter2.txt has %d pairs, want at least 2000", len(pairs))
	}
	bad := 0
	for _, p := range pairs {
		if got := Stem(p[0]); got != p[1] {
			bad++
			if bad <= 20 {
				t.Errorf("Stem(%q) = %q, want %q", p[0], got, p[1])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d vocabulary pairs differ", bad, len(pairs))
	}
	t.Logf("%d vocabulary pairs checked", len(pairs))
}

func TestStemNonASCIIUnchanged(t *testing.T) {
	for _, w := range []string{"café", "naïve", "größten", "\xff\xfe\xfd", "résumés"} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it unchanged", w, got)
		}
	}
}

func TestStemLongWord(t *testing.T) {
	// Longer than the stack buffer.
	long := strings.Repeat("ab", maxStackWord)
	for _, c := range []struct{ word, stem string }{
		{long + "ations", long},
		{"'" + long + "ations", long},
		{long + "ys", long + "i"},
	} {
		if got := Stem(c.word); got != c.stem {
			t.Errorf("Stem(%q) = %q, want %q", c.word, got, c.stem)
		}
	}
}

func TestStemAllocs(t *testing.T) {
	// A stem that is a prefix of its word is returned as a substring.
	if n := testing.AllocsPerRun(100, func() { _ = Stem("connections") }); n != 0 {
		t.Errorf("Stem(\"connections\") made %v allocations, want 0", n)
	}
	// Otherwise only the result string is allocated.
	if n := testing.AllocsPerRun(100, func() { _ = Stem("happiness") }); n > 1 {
		t.Errorf("Stem(\"happiness\") made %v allocations, want at most 1", n)
	}
}

func FuzzStem(f *testing.F) {
	for _, c := range stemCases {
		f.Add(c.word)
	}
	for _, s := range []string{"'", "''", "'''", "''s", "'s'", "y'y", "YyY", "eeeed", "ied", "'ied", "abcdefghijklmnopqrstuvwxyz0123456789'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		got := Stem(word)
		if len(got) > len(word) {
			t.Fatalf("Stem(%q) = %q is longer than its input", word, got)
		}
		if again := Stem(word); again != got {
			t.Fatalf("Stem(%q) not deterministic: %q then %q", word, got, again)
		}
	})
}

func BenchmarkStem(b *testing.B) {
	pairs := readPorter2Vocabulary(b)
	words := make([]string, len(pairs))
	for i, p := range pairs {
		words[i] = p[0]
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = Stem(words[i%len(words)])
	}
}
