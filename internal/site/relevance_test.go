package site

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/handbook-ssg/handbook/internal/search"
	"github.com/handbook-ssg/handbook/internal/search/searchtest"
)

// relevanceQuery is one query of internal/search/testdata/relevance.yaml.
type relevanceQuery struct {
	Q    string   `yaml:"q"`
	Want string   `yaml:"want"`
	Also []string `yaml:"also"`
	Lang string   `yaml:"lang"`
	Kind string   `yaml:"kind"`
	Who  string   `yaml:"who"`
	Why  string   `yaml:"why"`
}

// relevanceMinHits is the share of queries whose answer must be in the top
// relevanceTop results.
const (
	relevanceMinHits = 0.90
	relevanceTop     = 3
)

// TestSearchRelevance runs the relevance set (queries a Work Coach, a
// manager or a trainer would type, each with the paragraph or standard that
// answers it) through the browser's search (static/js/search.ts under Node)
// over the shipped handbook's index, and fails below 90% hits at 3. Each
// miss is printed with what came first.
func TestSearchRelevance(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "search", "testdata", "relevance.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var queries []relevanceQuery
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&queries); err != nil {
		t.Fatalf("relevance.yaml: %v", err)
	}
	if len(queries) < 30 {
		t.Fatalf("relevance.yaml has %d queries; want at least 30", len(queries))
	}

	res := buildShipped(t)
	// Every target must be something the index holds: a typo in the set
	// must fail as a typo, not as a miss.
	known := map[string]bool{}
	for _, e := range res.Model.searchEntries() {
		known[e.Lang+" "+e.URL] = true
	}
	byLang := map[string][]int{}
	for i := range queries {
		q := &queries[i]
		if q.Lang == "" {
			q.Lang = "en"
		}
		if strings.TrimSpace(q.Q) == "" || q.Want == "" {
			t.Fatalf("relevance.yaml item %d has no query or no target", i+1)
		}
		for _, u := range append([]string{q.Want}, q.Also...) {
			if !known[q.Lang+" "+u] {
				t.Errorf("relevance.yaml: %q: %s is not in the %s index", q.Q, u, q.Lang)
			}
		}
		byLang[q.Lang] = append(byLang[q.Lang], i)
	}
	if t.Failed() {
		t.FailNow()
	}

	var files []search.File
	for name, data := range res.Files {
		if isIndexFile(name) {
			files = append(files, search.File{Path: "/" + name, Data: data})
		}
	}
	e, err := searchtest.New(os.DirFS(filepath.Join("..", "..")), files)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()

	results := make([]searchtest.Response, len(queries))
	for _, lang := range slices.Sorted(maps.Keys(byLang)) {
		idx := byLang[lang]
		qs := make([]string, len(idx))
		for k, i := range idx {
			qs[k] = queries[i].Q
		}
		out, err := e.Search(lang, 10, qs...)
		if err != nil {
			t.Fatal(err)
		}
		for k, i := range idx {
			results[i] = out[k]
		}
	}

	hits := 0
	byKind := map[string][2]int{}
	var misses []string
	for i, q := range queries {
		r := results[i]
		if r.Error != "" {
			t.Errorf("%q: %s", q.Q, r.Error)
		}
		rank := 0
		for k, h := range r.Hits[:min(len(r.Hits), relevanceTop)] {
			if h.URL == q.Want || slices.Contains(q.Also, h.URL) {
				rank = k + 1
				break
			}
		}
		c := byKind[q.Kind]
		c[1]++
		if rank > 0 {
			hits++
			c[0]++
		} else {
			var got []string
			for k, h := range r.Hits[:min(len(r.Hits), 5)] {
				got = append(got, fmt.Sprintf("%d. %s (%s %q, %.2f)", k+1, h.URL, h.Kind, searchtest.Text(h.Title), h.Score))
			}
			for k, h := range r.Hits {
				if h.URL == q.Want || slices.Contains(q.Also, h.URL) {
					got = append(got, fmt.Sprintf("… %d. %s (%.2f)", k+1, h.URL, h.Score))
					break
				}
			}
			if len(got) == 0 {
				got = []string{"nothing"}
			}
			misses = append(misses, fmt.Sprintf("MISS [%s] %q: want %s; got %s", q.Lang, q.Q, q.Want, strings.Join(got, ", ")))
		}
		byKind[q.Kind] = c
		t.Logf("%-4s rank %d  [%s/%s] %q → %s", map[bool]string{true: "hit", false: "MISS"}[rank > 0], rank, q.Lang, q.Kind, q.Q, q.Want)
	}
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		t.Logf("%-12s %d/%d", k, byKind[k][0], byKind[k][1])
	}
	share := float64(hits) / float64(len(queries))
	t.Logf("hits at %d: %d/%d (%.1f%%)", relevanceTop, hits, len(queries), 100*share)
	for _, m := range misses {
		t.Log(m)
	}
	if share < relevanceMinHits {
		t.Errorf("hits at %d: %d/%d (%.1f%%), below %.0f%%:\n%s", relevanceTop, hits, len(queries), 100*share, 100*relevanceMinHits, strings.Join(misses, "\n"))
	}
}
