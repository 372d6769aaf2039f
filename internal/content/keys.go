package content

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

// shared reads the front-matter keys other generators use for what
// handbook's own keys say: description is the summary when there is
// none, redirect_from adds aliases.
func shared(m *FrontMatter, errs *source.List) {
	if m.Summary == "" {
		m.Summary = m.Description
	}
	m.Aliases = append(m.Aliases, m.RedirectFrom...)
	for key, v := range map[string]float64{"sidebar_position": m.SidebarPosition, "nav_order": m.NavOrder} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			errs.Addf(m.KeyPos[key], "%s must be a finite number, not %v", key, v).Hint = "write a number such as 2 or 2.5"
		}
	}
}

// knownKeys are the front-matter keys the build reads.
var knownKeys = func() []string {
	var keys []string
	t := reflect.TypeFor[FrontMatter]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	slices.Sort(keys)
	return keys
}()

// checkKeys reports each front-matter key the build does not know once,
// at its first use, with the number of other pages that use it: a site
// brought from another generator often has one such key on every page,
// and one line says it. In a strict site each is an error; otherwise a
// warning, and the key is kept for templates either way.
func checkKeys(pages []*Page, strict bool, errs *source.List) {
	type use struct {
		first source.Pos
		files int
	}
	uses := map[string]*use{}
	for _, p := range pages {
		if p == nil {
			continue
		}
		for key := range p.Meta.Params {
			pos := p.Meta.KeyPos[key]
			if pos.File == "" {
				pos = source.Pos{File: p.File}
			}
			u := uses[key]
			if u == nil {
				uses[key] = &use{first: pos, files: 1}
				continue
			}
			u.files++
			if pos.Compare(u.first) < 0 {
				u.first = pos
			}
		}
	}
	keys := make([]string, 0, len(uses))
	for k := range uses {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		u := uses[key]
		also := ""
		if n := u.files - 1; n == 1 {
			also = " (and in 1 other page)"
		} else if n > 1 {
			also = fmt.Sprintf(" (and in %d other pages)", n)
		}
		near := closest(key)
		if strict {
			e := errs.Addf(u.first, "unknown key %q%s", key, also)
			e.Hint = fmt.Sprintf("remove it, or set strict: false in handbook.yaml to keep it as data for templates (.Page.Params.%s)", key)
			if near != "" {
				e.Hint = fmt.Sprintf("did you mean %q?", near)
			}
			continue
		}
		e := errs.Warnf(u.first, "front-matter key %q%s is not one handbook reads; it is kept as data for templates (.Page.Params.%s)", key, also, key)
		e.Hint = "remove it if no template of the site uses it"
		if near != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", near)
		}
	}
}

// closest returns the known key a few letters away from key, or "".
func closest(key string) string {
	best, bestD := "", 3
	for _, k := range knownKeys {
		if d := yamlfile.Distance(strings.ToLower(key), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}
