package search

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// GeneratedCorpus returns n entries that look like the handbook's: sentences
// of the shipped guidance (content/guidance/*.md) recombined into paragraphs
// of 2–6 sentences, grouped 20 to a page, with headings, standards, page
// entries and glossary terms among them, and about one word in fifteen
// replaced by a rarer made-up word so that the vocabulary grows as a real
// site's does. It is deterministic.
func GeneratedCorpus(tb testing.TB, n int) []Entry {
	tb.Helper()
	sentences := guidanceSentences(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 1, 40000)
	syllables := []string{"ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "su", "ta", "ve", "wy", "xo", "za", "an", "er", "is", "on", "ul"}
	rare := func() string {
		v := zipf.Uint64()
		var b strings.Builder
		for v > 0 || b.Len() < 4 {
			b.WriteString(syllables[v%uint64(len(syllables))])
			v /= uint64(len(syllables))
		}
		return b.String()
	}
	phrase := func(min, max int) string {
		s := strings.Fields(sentences[rng.IntN(len(sentences))])
		k := min + rng.IntN(max-min+1)
		if k > len(s) {
			k = len(s)
		}
		return strings.TrimRight(strings.Join(s[:k], " "), ".,;:")
	}
	var entries []Entry
	page, para := 0, 0
	pageTitle := ""
	for len(entries) < n {
		if para%20 == 0 {
			page++
			pageTitle = fmt.Sprintf("Chapter %d: %s", page, phrase(2, 5))
			entries = append(entries, Entry{URL: fmt.Sprintf("/guidance/chapter-%d/", page), Kind: Page, Title: pageTitle, Context: "Guidance", Text: phrase(8, 20), Lang: "en"})
		}
		para++
		url := fmt.Sprintf("/guidance/chapter-%d/", page)
		kind, title := Paragraph, phrase(2, 6)
		switch r := rng.IntN(100); {
		case r < 8:
			kind = Section
		case r < 16:
			kind, url = Standard, fmt.Sprintf("/standards/qaf-%d/", page)
		case r < 17:
			kind, url, title = Glossary, "/glossary/", strings.ToUpper(rare())
		}
		var text []string
		for range 2 + rng.IntN(5) {
			words := strings.Fields(sentences[rng.IntN(len(sentences))])
			for i := range words {
				if rng.IntN(15) == 0 {
					words[i] = rare()
				}
			}
			text = append(text, strings.Join(words, " "))
		}
		entries = append(entries, Entry{
			URL:     fmt.Sprintf("%s#p%d", url, para),
			Kind:    kind,
			Title:   title,
			Context: pageTitle,
			Text:    strings.Join(text, " "),
			Lang:    "en",
		})
	}
	return entries[:n]
}

var sentenceEnd = regexp.MustCompile(`[.!?]\s+`)

// guidanceSentences returns the sentences of the shipped guidance, with the
// Markdown marks that matter here removed.
func guidanceSentences(tb testing.TB) []string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "content", "guidance", "*.md"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no guidance to make a corpus from: %v", err)
	}
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		body := string(data)
		if strings.HasPrefix(body, "---\n") {
			if i := strings.Index(body[4:], "\n---\n"); i >= 0 {
				body = body[4+i+5:]
			}
		}
		body = strings.NewReplacer("¶", "", "#", "", "*", "", "[", "", "]", "", "|", " ").Replace(body)
		for _, s := range sentenceEnd.Split(body, -1) {
			s = strings.Join(strings.Fields(s), " ")
			if len(strings.Fields(s)) >= 4 {
				out = append(out, s+".")
			}
		}
	}
	return out
}
