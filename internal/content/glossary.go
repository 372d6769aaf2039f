package content

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

// GlossaryFile is the glossary's path under content/.
const GlossaryFile = "glossary.yaml"

// Glossary is every acronym and term of art of the site.
type Glossary struct {
	File  string
	Terms []*Term `yaml:"terms"`
}

// Term is one glossary entry.
type Term struct {
	ID         string   `yaml:"id"`         // anchor on the glossary page; default: a slug of Term
	Term       string   `yaml:"term"`       // "CAT"
	Expansion  string   `yaml:"expansion"`  // "Customer Assessment Tool"
	Definition string   `yaml:"definition"` // Markdown, optional
	See        string   `yaml:"see"`        // optional link: a page file or std:<rubric>[/<id>]
	Also       []string `yaml:"also"`       // other spellings that are marked up as this term

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

var nonSlug = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// Slug turns a title into a URL segment: lower case, letters and digits
// joined by hyphens.
func Slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func loadGlossary(fsys fs.FS, file string, errs *source.List) *Glossary {
	g := &Glossary{File: file}
	data, ok := source.ReadFile(fsys, file, errs)
	if !ok {
		return g
	}
	if !yamlfile.Decode(file, data, 1, g, errs) {
		return &Glossary{File: file}
	}
	seen := map[string]*Term{}
	given := map[string]bool{}
	for _, t := range g.Terms {
		given[t.ID] = true
	}
	for i, t := range g.Terms {
		if t.Term == "" {
			errs.Addf(t.Pos, "glossary entry has no term").Hint = "add term: …"
			continue
		}
		if t.ID == "" {
			t.ID = Slug(t.Term)
		}
		if t.ID == "" {
			// A term of signs alone, such as (.*)+, has no letters to make
			// an anchor of: number it by its place in the file.
			t.ID = fallbackID(i+1, given)
		}
		if t.Expansion == "" && t.Definition == "" && t.See == "" {
			errs.Addf(t.Pos, "glossary term %q has no expansion, definition or see", t.Term).Hint = "add at least one of them"
		}
		if prev, dup := seen[t.ID]; dup {
			errs.Addf(t.Pos, "glossary term %q has the same id %q as the term on line %d", t.Term, t.ID, prev.Pos.Line).Hint =
				"give one of them its own id:"
			continue
		}
		seen[t.ID] = t
	}
	return g
}

// fallbackID is "term-N" for the Nth entry, or, if an entry's own id is
// that, the first "term-N-K" that none is.
func fallbackID(n int, given map[string]bool) string {
	id := "term-" + strconv.Itoa(n)
	for k := 2; given[id]; k++ {
		id = "term-" + strconv.Itoa(n) + "-" + strconv.Itoa(k)
	}
	given[id] = true
	return id
}
