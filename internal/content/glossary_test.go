package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook/internal/config"
)

// Every glossary term gets an anchor: a term of signs alone, which has no
// letters to slug, is numbered by its place, past any id an entry gives.
func TestGlossaryIDs(t *testing.T) {
	fsys := fstest.MapFS{"content/glossary.yaml": {Data: []byte(`terms:
  - {term: "(.*)+", expansion: a pattern}
  - {term: CAT, expansion: Customer Assessment Tool}
  - {term: "+++", expansion: pluses, id: term-1}
  - {term: "???", expansion: questions}
`)}}
	res, errs := Load(fsys, config.Default(), Options{})
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	var ids []string
	for _, term := range res.Glossary.Terms {
		ids = append(ids, term.ID)
	}
	if got, want := strings.Join(ids, " "), "term-1-2 cat term-1 term-4"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
}
