package search

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// stemJSRunner stems every line of the file argv[2] with stem.mjs and writes
// the stems, one a line, to argv[3].
const stemJSRunner = `import { readFileSync, writeFileSync } from "node:fs";
import { stem } from "./stem.mjs";

const words = readFileSync(process.argv[2], "utf8").split("\n");
writeFileSync(process.argv[3], words.map((w) => stem(w)).join("\n"));
`

// TestStemJSMatchesGo bundles static/js/search/stem.ts (and its tables)
// with esbuild, runs it under Node over the vocabulary of
// testdata/porter2.txt, the table cases and a set
// of generated edge-case strings, and requires it to give exactly the stems
// that Stem gives (and, for the vocabulary, the expected ones). It fails when
// node is not installed: the browser's stemmer must not go untested.
func TestStemJSMatchesGo(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to test static/js/search/stem.ts: %v", err)
	}
	entry, err := filepath.Abs(filepath.Join("..", "..", "static", "js", "search", "stem.ts"))
	if err != nil {
		t.Fatal(err)
	}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{entry},
		Bundle:      true,
		Write:       false,
		Format:      api.FormatESModule,
		Target:      api.ES2020,
		Outfile:     "stem.mjs",
		LogLevel:    api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		t.Errorf("esbuild: %s", m.Text)
	}
	if len(res.Errors) > 0 {
		t.FailNow()
	}

	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("stem.mjs", res.OutputFiles[0].Contents)
	runner := write("runner.mjs", []byte(stemJSRunner))

	pairs := readPorter2Vocabulary(t)
	expected := make(map[string]string, len(pairs))
	var words []string
	for _, p := range pairs {
		words = append(words, p[0])
		expected[p[0]] = p[1]
	}
	for _, c := range stemCases {
		words = append(words, c.word)
	}
	words = append(words, "café", "naïve", "größten", "résumés")
	words = append(words, generatedStemInputs()...)

	in := write("words.txt", []byte(strings.Join(words, "\n")))
	outPath := filepath.Join(dir, "stems.txt")
	cmd := exec.Command(node, runner, in, outPath)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("node %s: %v\n%s", runner, err, out)
	}
	out, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	stems := strings.Split(string(out), "\n")
	if len(stems) != len(words) {
		t.Fatalf("node stemmed %d words, want %d", len(stems), len(words))
	}

	bad := 0
	for i, w := range words {
		js, goStem := stems[i], Stem(w)
		want, inVocab := expected[w]
		if js == goStem && (!inVocab || js == want) {
			continue
		}
		bad++
		if bad <= 20 {
			if inVocab {
				t.Errorf("%q: stem.ts %q, Go %q, want %q", w, js, goStem, want)
			} else {
				t.Errorf("%q: stem.ts %q, Go %q", w, js, goStem)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("stem.ts and Stem disagree on %d of %d words", bad, len(words))
	}
	t.Logf("stem.ts agrees with Stem on %d words (%d vocabulary pairs)", len(words), len(pairs))
}

// generatedStemInputs returns a fixed set of strings that stress the corners
// of the algorithm: short random strings over vowels, y/Y, apostrophes and a
// digit, and common stems followed by one or two suffixes.
func generatedStemInputs() []string {
	const alphabet = "aeiouybcdglnrstwxY'0"
	r := rand.New(rand.NewPCG(1, 2))
	var out []string
	for i := 0; i < 20000; i++ {
		b := make([]byte, 1+r.IntN(9))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		out = append(out, string(b))
	}
	stems := []string{"gener", "commun", "arsen", "hop", "luxuri", "cr", "sky", "y", "ay",
		"bead", "embed", "shed", "feed", "proc", "inn", "out", "herr", "l", "ab", "'"}
	suffixes := []string{"", "s", "es", "ies", "ied", "ed", "ing", "ly", "edly", "ingly",
		"eed", "eedly", "ational", "tional", "ization", "ation", "ator", "izer", "alism",
		"aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli",
		"logi", "ogi", "fulli", "lessli", "li", "cli", "alize", "icate", "iciti", "ical",
		"ful", "ness", "ative", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
		"ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "sion", "tion",
		"ion", "e", "le", "ll", "'", "'s", "'s'", "y", "Y"}
	for _, s := range stems {
		for _, a := range suffixes {
			for _, b := range suffixes[:12] {
				out = append(out, s+a+b)
			}
		}
	}
	return out
}
