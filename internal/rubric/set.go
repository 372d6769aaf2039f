package rubric

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
)

// PublishedFile lists every rubric and standard id that has been published.
// It is written by `handbook ids --write` and reviewed like code; a listed id
// that disappears without an alias fails the build, so last year's links
// keep working.
const PublishedFile = Dir + "/published.txt"

// Published is the parsed PublishedFile: "rubric" or "rubric/standard" ids
// with the line each is on.
type Published struct {
	File string
	IDs  []string
	Line map[string]int
}

// ParsePublished parses the published-ids file: one id a line; blank lines
// and lines starting with # are ignored.
func ParsePublished(file string, data []byte, errs *source.List) *Published {
	p := &Published{File: file, Line: map[string]int{}}
	for i, line := range bytes.Split(data, []byte{'\n'}) {
		s := strings.TrimSpace(string(line))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		rub, std, _ := strings.Cut(s, "/")
		if !idRe.MatchString(rub) || (std != "" && !idRe.MatchString(std)) {
			errs.Addf(source.Pos{File: file, Line: i + 1, Col: 1}, "%q is not a rubric id or rubric/standard id", s).Hint =
				"write ids as qaf-1 or qaf-1/active-listening, one a line"
			continue
		}
		if _, dup := p.Line[s]; !dup {
			p.IDs = append(p.IDs, s)
		}
		p.Line[s] = i + 1
	}
	return p
}

// FormatPublished returns the published-ids file for rubrics, keeping every
// id of prev (ids once published stay listed, so that a later removal is
// caught) and adding the current ones.
func FormatPublished(rubrics []*Rubric, prev *Published) []byte {
	var b bytes.Buffer
	b.WriteString("# Every rubric and standard id that has been published, one a line.\n")
	b.WriteString("# Written by `handbook ids --write`; review changes to it like code.\n")
	b.WriteString("# The build fails when a listed id disappears without an alias.\n")
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			b.WriteString(id)
			b.WriteByte('\n')
		}
	}
	for _, r := range rubrics {
		add(r.ID)
		r.Walk(func(n *Node) { add(r.ID + "/" + n.ID) })
	}
	if prev != nil {
		for _, id := range prev.IDs {
			add(id)
		}
	}
	return b.Bytes()
}

// Resolve finds the rubric and node a "rubric" or "rubric/id" reference
// names, following aliases. The node is nil for a reference to a whole
// rubric. ok is false when either does not exist.
func Resolve(rubrics []*Rubric, ref string) (r *Rubric, n *Node, ok bool) {
	rid, nid, _ := strings.Cut(ref, "/")
	for _, x := range rubrics {
		if x.ID == rid || contains(x.Aliases, rid) {
			r = x
			break
		}
	}
	if r == nil {
		return nil, nil, false
	}
	if nid == "" {
		return r, nil, true
	}
	r.Walk(func(x *Node) {
		if n == nil && (x.ID == nid || contains(x.Aliases, nid)) {
			n = x
		}
	})
	return r, n, n != nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ValidateSet checks the rubrics against each other (unique ids and aliases,
// translations that point to each other and match id for id) and against the
// published ids.
func ValidateSet(rubrics []*Rubric, pub *Published, errs *source.List) {
	byID := map[string]*Rubric{}
	for _, r := range rubrics {
		if r.ID == "" {
			continue
		}
		if prev, dup := byID[r.ID]; dup {
			errs.Addf(r.KeyPos["id"], "rubric id %q is also the id of %s", r.ID, prev.File).Hint = "give each rubric its own id"
			continue
		}
		byID[r.ID] = r
	}
	for _, r := range rubrics {
		for _, a := range r.Aliases {
			if other, dup := byID[a]; dup {
				errs.Addf(r.KeyPos["aliases"], "alias %q is the id of %s", a, other.File).Hint = "an alias must be an id no rubric uses now"
				continue
			}
			byID[a] = r
		}
	}
	for _, r := range rubrics {
		for lang, id := range r.Translations {
			pos := r.TranslationsPos[lang]
			t, ok := byID[id]
			switch {
			case !ok:
				errs.Addf(pos, "translation %q is not a rubric", id).Hint = "use the id of a rubric in rubrics/"
				continue
			case t.Lang != lang:
				errs.Addf(pos, "translation %q is in %q, not %q", id, t.Lang, lang).Hint = "make the key the translation's lang"
			case t.Translations[r.Lang] != r.ID:
				errs.Addf(pos, "translation %q does not name %q back", id, r.ID).Hint =
					fmt.Sprintf("add translations: {%s: %s} to %s", r.Lang, r.ID, t.File)
			}
			if r.ID < t.ID {
				matchTrees(r, t, errs)
			}
		}
	}
	if pub != nil {
		for _, id := range pub.IDs {
			if _, _, ok := Resolve(rubrics, id); !ok {
				rid, nid, _ := strings.Cut(id, "/")
				hint := "restore it, or add its id to aliases: of the rubric that replaced it"
				if nid != "" {
					hint = fmt.Sprintf("restore it, or add aliases: [%s] to the standard of %s that replaced it", nid, rid)
				}
				errs.Addf(source.Pos{File: pub.File, Line: pub.Line[id], Col: 1},
					"published id %s no longer exists, so links to it would break", id).Hint = hint
			}
		}
	}
}

// matchTrees checks that two translations have the same groups and items,
// id for id, in the same order.
func matchTrees(a, b *Rubric, errs *source.List) {
	var match func(x, y []*Node, where *Node)
	match = func(x, y []*Node, where *Node) {
		for i := 0; i < max(len(x), len(y)); i++ {
			switch {
			case i >= len(x):
				errs.Addf(y[i].Pos, "%s has %q here, but its translation %s does not", b.File, y[i].ID, a.File).Hint = "translations must have the same groups and items, id for id"
			case i >= len(y):
				errs.Addf(x[i].Pos, "%s has %q here, but its translation %s does not", a.File, x[i].ID, b.File).Hint = "translations must have the same groups and items, id for id"
			case x[i].ID != y[i].ID:
				errs.Addf(y[i].KeyPos["id"], "%q stands where its translation %s has %q", y[i].ID, a.File, x[i].ID).Hint = "translations must have the same groups and items, id for id, in the same order"
				return
			case x[i].IsGroup() != y[i].IsGroup() || x[i].ItemType() != y[i].ItemType() || x[i].Polarity != y[i].Polarity:
				errs.Addf(y[i].Pos, "%q is not the same kind of entry as in its translation %s", y[i].ID, a.File).Hint = "match group or item, type and polarity"
			default:
				match(x[i].Items, y[i].Items, x[i])
			}
		}
	}
	match(a.Items, b.Items, nil)
}
