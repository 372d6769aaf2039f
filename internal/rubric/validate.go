package rubric

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/source"
)

var idRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Reserved are ids a standard cannot take: they name a rubric's other pages.
var Reserved = []string{"sheet", "assess", "team"}

// validator carries the rubric and the error list through validation.
type validator struct {
	r    *Rubric
	errs *source.List
}

func (c *validator) at(pos source.Pos) source.Pos {
	if pos.File == "" {
		return source.Pos{File: c.r.File}
	}
	return pos
}

func (c *validator) errf(pos source.Pos, hint, format string, args ...any) {
	c.errs.Addf(c.at(pos), format, args...).Hint = hint
}

// reported reports whether the value of the key at pos has been reported
// already, by the decoder (an error on the key's line, after it): a value
// that did not decode ("weight: heavy" leaves 0) is not checked again.
func (c *validator) reported(key source.Pos) bool {
	for _, e := range c.errs.Errors() {
		if e.Pos.File == key.File && e.Pos.Line == key.Line && e.Pos.Col > key.Col {
			return true
		}
	}
	return false
}

// Validate checks one rubric on its own: required keys, ids, the scale, that
// every descriptor, label, rule and scoring list names a level, band or
// group that exists, and that every level that needs a descriptor has one.
func Validate(r *Rubric, errs *source.List) {
	c := &validator{r: r, errs: errs}
	kp := r.KeyPos
	want := strings.TrimSuffix(path.Base(r.File), path.Ext(r.File))
	switch {
	case r.ID == "":
		c.errf(source.Pos{File: r.File, Line: 1, Col: 1}, fmt.Sprintf("add id: %s", want), "rubric has no id")
	case r.ID != want:
		c.errf(kp["id"], fmt.Sprintf("rename the file to %s.yaml or set id: %s", r.ID, want), "rubric id %q does not match its file name", r.ID)
	case !idRe.MatchString(r.ID):
		c.errf(kp["id"], "use lower-case letters, digits and single hyphens", "rubric id %q is not a slug", r.ID)
	}
	if r.Title == "" {
		c.errf(kp["id"], "add title: …", "rubric has no title")
	}
	if r.Lang == "" {
		c.errf(kp["id"], "add lang: en (or cy, …)", "rubric has no lang")
	} else if !config.IsLang(r.Lang) {
		c.errf(kp["lang"], "use a code such as en or cy", "lang %q is not a language code", r.Lang)
	}
	if r.Method != "" && !slices.Contains(Methods, r.Method) {
		c.errf(kp["method"], "use one of "+strings.Join(Methods, ", "), "method %q is not known", r.Method)
	}
	for lang, id := range r.Translations {
		if !config.IsLang(lang) {
			c.errf(r.TranslationsPos[lang], "use a code such as en or cy", "translation language %q is not a language code", lang)
		}
		if lang == r.Lang {
			c.errf(r.TranslationsPos[lang], "list only the other languages", "translation %q is in the rubric's own language", id)
		}
	}
	for _, a := range r.Aliases {
		if !idRe.MatchString(a) {
			c.errf(kp["aliases"], "use lower-case letters, digits and single hyphens", "alias %q is not a slug", a)
		}
	}
	config.CheckChanges(r.Changes, c.at(kp["changes"]), errs)
	c.scale()
	levels := c.nodes()
	c.rules(levels)
	c.scoring()
	c.sheet()
}

// id reports the id of a what ("level") at pos that is missing, not a
// slug, or already in seen, and adds it to seen. more ends the hint for a
// malformed id.
func (c *validator) id(what, id string, pos, idPos source.Pos, seen map[string]bool, more string) {
	switch {
	case id == "":
		c.errf(pos, "add id: …", "%s has no id", what)
	case !idRe.MatchString(id):
		c.errf(idPos, "use lower-case letters, digits and single hyphens"+more, "%s id %q is not a slug", what, id)
	case seen[id]:
		c.errf(idPos, "give each "+what+" its own id", "%s id %q is used twice", what, id)
	}
	seen[id] = true
}

func (c *validator) scale() {
	s := &c.r.Scale
	kp := s.KeyPos
	switch s.Descriptors {
	case PerLevel, PerBand, NoDesc:
	case "":
		c.errf(c.r.KeyPos["scale"], "add descriptors: per-level, per-band or none", "scale does not say how its descriptors are given")
	default:
		c.errf(kp["descriptors"], "use per-level, per-band or none", "scale descriptors %q is not known", s.Descriptors)
	}
	ids := map[string]bool{}
	codes := map[string]*Level{}
	values := 0
	for _, l := range s.Levels {
		c.id("level", l.ID, l.Pos, l.KeyPos["id"], ids, "; quote yes and no")
		if l.Label == "" {
			c.errf(l.Pos, "add label: …", "level %q has no label", l.ID)
		}
		if l.Code != "" {
			if prev, dup := codes[l.Code]; dup {
				c.errf(l.KeyPos["code"], "give each level its own code", "level %q has code %q, as level %q does", l.ID, l.Code, prev.ID)
			} else {
				codes[l.Code] = l
			}
		}
		if l.Value != nil {
			if l.NotApplicable {
				c.errf(l.KeyPos["value"], "remove value: a not-applicable answer stays out of the total and of its maximum", "level %q is not applicable, so it takes no value", l.ID)
			} else {
				values++
			}
			// Decode has reported .nan and .inf at the value already.
			if v := *l.Value; math.Abs(v) > MaxValue && !math.IsInf(v, 0) {
				c.errf(l.KeyPos["value"], fmt.Sprintf("use a number from -%d to %d", MaxValue, MaxValue), "level %q has value %v, out of range", l.ID, v)
			}
		}
		if l.Band != "" && s.Band(l.Band) == nil {
			c.errf(l.KeyPos["band"], "use one of the bands: "+bandIDs(s), "level %q is in band %q, which the scale does not have", l.ID, l.Band)
		}
		if s.Descriptors == PerBand && l.Band == "" && !l.NotApplicable {
			c.errf(l.Pos, "add band: …", "level %q belongs to no band, but descriptors are per band", l.ID)
		}
	}
	if valued := len(s.Valued()); values != 0 && values != valued {
		c.errf(kp["levels"], "give every level a value, or none; a level with not_applicable: true needs none", "only %d of %d levels have a value", values, valued)
	}
	c.sharedLabels(nil)
	bands := map[string]bool{}
	for _, b := range s.Bands {
		switch {
		case b.ID == "":
			c.errf(b.Pos, "add id: …", "band has no id")
		case !idRe.MatchString(b.ID) || ids[b.ID]:
			c.errf(b.Pos, "use a slug that no level uses", "band id %q is not a slug or is also a level id", b.ID)
		case bands[b.ID]:
			c.errf(b.Pos, "give each band its own id", "band id %q is used twice", b.ID)
		}
		bands[b.ID] = true
		if b.Label == "" {
			c.errf(b.Pos, "add label: …", "band %q has no label", b.ID)
		}
		used := false
		for _, l := range s.Levels {
			used = used || l.Band == b.ID
		}
		if !used {
			c.errf(b.Pos, "set band: "+b.ID+" on its levels, or remove the band", "band %q holds no level", b.ID)
		}
	}
	if s.Descriptors == PerBand && len(s.Bands) == 0 {
		c.errf(kp["descriptors"], "add bands:, or use per-level", "descriptors are per band but the scale has no bands")
	}
}

// sharedLabels reports levels that read alike on item n (the scale itself
// when n is nil) with no code to tell them apart: the form, the pages and
// the sheet show "Milestones (3)" and "Milestones (2)" only when both
// have a code. On an item, only labels its relabels make alike are
// reported; the scale's own are reported once, at the scale.
func (c *validator) sharedLabels(n *Node) {
	r := c.r
	byLabel := map[string][]*Level{}
	var order []string
	for _, l := range r.Scale.Levels {
		lab := r.LevelLabel(n, l)
		if lab == "" {
			continue
		}
		if byLabel[lab] == nil {
			order = append(order, lab)
		}
		byLabel[lab] = append(byLabel[lab], l)
	}
	for _, lab := range order {
		ls := byLabel[lab]
		if len(ls) < 2 {
			continue
		}
		missing, relabel := false, false
		for _, l := range ls {
			missing = missing || l.Code == ""
			relabel = relabel || (n != nil && relabelled(n, l.ID))
		}
		if !missing || (n != nil && !relabel) {
			continue
		}
		var names []string
		for _, l := range ls {
			names = append(names, fmt.Sprintf("%q", l.ID))
		}
		hint := "give each of them a code (code: …), which the form, the pages and the sheet then show beside the label"
		if n == nil {
			c.errf(ls[1].Pos, hint, "levels %s have the same label %q", andList(names), lab)
			continue
		}
		pos := n.Pos
		for _, l := range ls {
			if p, ok := n.LabelsPos[l.ID]; ok {
				pos = p
			}
		}
		c.errf(pos, hint+", or relabel them apart", "item %q gives levels %s the same label %q", n.ID, andList(names), lab)
	}
}

// orList joins "a", "b" or "c".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// andList joins "a", "b" and "c".
func andList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func bandIDs(s *Scale) string {
	var ids []string
	for _, b := range s.Bands {
		ids = append(ids, b.ID)
	}
	return strings.Join(ids, ", ")
}

func levelIDs(s *Scale) string {
	var ids []string
	for _, l := range s.Levels {
		ids = append(ids, l.ID)
	}
	if len(ids) == 0 {
		return "(the scale has no levels)"
	}
	return strings.Join(ids, ", ")
}

// nodes checks items and groups; it returns the number of choice items.
func (c *validator) nodes() int {
	r := c.r
	s := &r.Scale
	seen := map[string]*Node{}
	choices := 0
	if len(r.Items) == 0 {
		c.errf(r.KeyPos["id"], "add items: with at least one standard", "rubric has no items")
	}
	claim := func(id string, pos source.Pos, what string) {
		if prev, dup := seen[id]; dup {
			c.errf(pos, "ids are unique across the whole rubric; rename one", "%s %q is also the id of the entry on line %d", what, id, prev.Pos.Line)
		}
	}
	r.Walk(func(n *Node) {
		kp := n.KeyPos
		switch {
		case n.ID == "":
			c.errf(n.Pos, "add id: a short slug of the title", "entry %q has no id", n.Title)
		case !idRe.MatchString(n.ID):
			c.errf(kp["id"], "use lower-case letters, digits and single hyphens", "id %q is not a slug", n.ID)
		case slices.Contains(Reserved, n.ID):
			c.errf(kp["id"], "choose another id", "id %q is reserved for the rubric's %s page", n.ID, n.ID)
		default:
			claim(n.ID, kp["id"], "id")
			seen[n.ID] = n
		}
		for _, a := range n.Aliases {
			if !idRe.MatchString(a) || slices.Contains(Reserved, a) {
				c.errf(kp["aliases"], "use a lower-case slug that is not "+orList(Reserved), "alias %q is not a valid id", a)
				continue
			}
			claim(a, kp["aliases"], "alias")
			seen[a] = n
		}
		if n.Title == "" {
			c.errf(n.Pos, "add title: …", "entry %q has no title", n.ID)
		}
		for id := range n.Labels {
			if s.Level(id) == nil {
				c.errf(n.LabelsPos[id], "use one of the levels: "+levelIDs(s), "label for level %q, which the scale does not have", id)
			}
		}
		if n.IsGroup() {
			c.group(n)
			return
		}
		if c.item(n) {
			choices++
		}
	})
	return choices
}

func (c *validator) group(n *Node) {
	kp := n.KeyPos
	if len(n.Items) == 0 {
		c.errf(kp["items"], "add its items or remove the group", "group %q has no items", n.ID)
	}
	for _, k := range []string{"type", "lines", "polarity", "weight", "activities", "descriptors", "description", "examples", "evidence"} {
		if p, ok := kp[k]; ok {
			c.errf(p, "move it to the group's items", "%s is a key of items, not of groups such as %q", k, n.ID)
		}
	}
	if n.Depth >= 3 {
		c.errf(n.Pos, "use at most three levels of groups", "group %q is nested too deeply", n.ID)
	}
}

// item checks an item; it reports whether the item is answered on the scale.
func (c *validator) item(n *Node) bool {
	s := &c.r.Scale
	kp := n.KeyPos
	if p, ok := kp["intro"]; ok {
		c.errf(p, "use text: for an item", "intro is a key of groups, not of items such as %q", n.ID)
	}
	switch n.Type {
	case "", Choice, Text:
	default:
		c.errf(kp["type"], "use choice or text", "type %q is not known", n.Type)
	}
	if _, set := kp["lines"]; set || n.Lines != 0 {
		switch {
		case n.ItemType() != Text:
			c.errf(kp["lines"], "remove lines:, or set type: text", "lines is for text items")
		case n.Lines < 1 || n.Lines > MaxLines:
			c.errf(kp["lines"], fmt.Sprintf("use a number of lines from 1 to %d", MaxLines), "lines %d is out of range", n.Lines)
		}
	}
	switch n.Polarity {
	case "", "negative":
	default:
		c.errf(kp["polarity"], "use polarity: negative, or leave it out", "polarity %q is not known", n.Polarity)
	}
	if w := n.Weight; w != nil && !c.reported(kp["weight"]) {
		switch {
		case n.ItemType() == Text:
			c.errf(kp["weight"], "remove weight:, or make it a choice item", "weight is for choice items, and %q is a text item", n.ID)
		case !(*w > 0):
			c.errf(kp["weight"], fmt.Sprintf("use a number above 0 and at most %d, or leave weight out for 1; to leave an item out of the total, answer it with a level that has not_applicable: true", MaxWeight), "item %q has weight %v, which is not above 0", n.ID, *w)
		case *w > MaxWeight:
			c.errf(kp["weight"], fmt.Sprintf("use a number above 0 and at most %d", MaxWeight), "item %q has weight %v, out of range", n.ID, *w)
		}
	}
	if n.ItemType() == Text {
		if len(n.Descriptors) > 0 {
			c.errf(kp["descriptors"], "remove them, or make it a choice item", "text item %q has descriptors", n.ID)
		}
		return false
	}
	c.sharedLabels(n)
	if len(s.Levels) == 0 {
		c.errf(n.Pos, "add levels to the scale, or set type: text", "item %q is a choice, but the scale has no levels", n.ID)
		return false
	}
	switch s.Descriptors {
	case NoDesc:
		if len(n.Descriptors) > 0 {
			c.errf(kp["descriptors"], "set scale descriptors to per-level or per-band", "item %q has descriptors, but the scale says descriptors: none", n.ID)
		}
	case PerLevel:
		for id := range n.Descriptors {
			if s.Level(id) == nil {
				c.errf(n.DescriptorsPos[id], "use one of the levels: "+levelIDs(s), "item %q: descriptors for level %q, which the scale does not have", n.ID, id)
			}
		}
		for _, l := range s.Levels {
			if !given(n, l.ID) && !relabelled(n, l.ID) && !l.NotApplicable {
				c.errf(n.Pos, fmt.Sprintf("add descriptors: %s: [...], or %s: [] where the source gives none for this item, or labels: %s: …", l.ID, l.ID, l.ID), "item %q has no descriptor for level %q", n.ID, l.ID)
			}
		}
	case PerBand:
		for id := range n.Descriptors {
			if s.Band(id) == nil {
				c.errf(n.DescriptorsPos[id], "use one of the bands: "+bandIDs(s), "item %q: descriptors for band %q, which the scale does not have", n.ID, id)
			}
		}
		for _, b := range s.Bands {
			if !given(n, b.ID) {
				c.errf(n.Pos, fmt.Sprintf("add descriptors: %s: [...], or %s: [] where the source gives none for this item", b.ID, b.ID), "item %q has no descriptor for band %q", n.ID, b.ID)
			}
		}
	}
	for id, ds := range n.Descriptors {
		for i, d := range ds {
			if strings.TrimSpace(d) == "" {
				c.errf(n.DescriptorsPos[id], "remove the empty entry", "item %q: descriptor %d of %q is empty", n.ID, i+1, id)
			}
		}
	}
	return true
}

// given reports whether item n lists descriptors for the level or band
// id: some, or an empty list ("ok: []"), which says the source gives none
// there. A key with nothing after it ("ok:") is not a list.
func given(n *Node, id string) bool {
	ds, ok := n.Descriptors[id]
	return ok && ds != nil
}

func relabelled(n *Node, level string) bool {
	for x := n; x != nil; x = x.Parent {
		if _, ok := x.Labels[level]; ok {
			return true
		}
	}
	return false
}

func (c *validator) rules(choices int) {
	r := c.r
	ru := &r.Rules
	if ru.Blank != "" && r.Scale.Level(ru.Blank) == nil {
		c.errf(ru.KeyPos["blank"], "use one of the levels: "+levelIDs(&r.Scale), "rules blank names level %q, which the scale does not have", ru.Blank)
	}
	if ru.Required && choices == 0 {
		c.errf(ru.KeyPos["required"], "remove required:, or add choice items", "rules require answers, but the rubric has no choice items")
	}
	if n := ru.Notes; n != nil {
		if n.Label == "" {
			c.errf(ru.KeyPos["notes"], "add label: …", "notes box has no label")
		}
		if n.Max < 0 || n.Max > MaxNotes {
			c.errf(n.KeyPos["max"], fmt.Sprintf("use a number of characters from 1 to %d, or leave max out", MaxNotes), "notes max %d is out of range", n.Max)
		}
	}
}

func (c *validator) scoring() {
	r := c.r
	sc := &r.Scoring
	totalOK := sc.Total
	if sc.Total {
		valued := r.Scale.Valued()
		for _, l := range valued {
			if l.Value == nil {
				c.errf(sc.KeyPos["total"], "give every level a value:, or remove total; a level with not_applicable: true needs none", "scoring asks for a total, but level %q has no value", l.ID)
				totalOK = false
				break
			}
		}
		if len(valued) == 0 && len(r.Scale.Levels) > 0 {
			c.errf(sc.KeyPos["total"], "give a level a value:, or remove total", "scoring asks for a total, but every level is not applicable")
			totalOK = false
		}
	}
	switch sc.Chart {
	case "", "profile":
	default:
		c.errf(sc.KeyPos["chart"], "use chart: profile, or leave it out", "chart %q is not known", sc.Chart)
	}
	ids := map[string]bool{}
	for _, l := range sc.Lists {
		c.id("scoring list", l.ID, l.Pos, l.KeyPos["id"], ids, "")
		if l.Title == "" {
			c.errf(l.Pos, "add title: …", "scoring list %q has no title", l.ID)
		}
		if len(l.Levels) == 0 && len(l.NegativeLevels) == 0 {
			c.errf(l.Pos, "add levels: [...]", "scoring list %q names no level", l.ID)
		}
		for _, id := range append(slices.Clone(l.Levels), l.NegativeLevels...) {
			switch lv := r.Scale.Level(id); {
			case lv == nil:
				c.errf(l.Pos, "use one of the levels: "+levelIDs(&r.Scale), "scoring list %q names level %q, which the scale does not have", l.ID, id)
			case lv.NotApplicable:
				c.errf(l.Pos, "remove it: lists leave not-applicable answers out; counts show how many there are", "scoring list %q names level %q, which is not applicable", l.ID, id)
			}
		}
	}
	if totalOK {
		totalOK = c.totalBound()
	}
	c.bands(totalOK)
}

// totalBound reports a rubric whose total could grow past MaxTotal; it
// returns whether the total stays within it.
func (c *validator) totalBound() bool {
	items, ok := c.r.scoredItems()
	if !ok {
		return false
	}
	var most int64
	for _, it := range items {
		most += max(abs(it.adds[0]), abs(it.adds[len(it.adds)-1]))
		if most > MaxTotal*Millionths {
			c.errf(c.r.Scoring.KeyPos["total"], fmt.Sprintf("use smaller values or weights: a total may reach %d either way", MaxTotal), "the total of this rubric can pass %d", MaxTotal)
			return false
		}
	}
	return true
}

// bands checks the scoring bands: each has a label and a range within
// MaxTotal, no two overlap, and, when the total can be worked out
// (totalOK), every total the answers can reach falls in one of them.
func (c *validator) bands(totalOK bool) {
	sc := &c.r.Scoring
	if len(sc.Bands) == 0 {
		return
	}
	if !sc.Total {
		c.errf(sc.KeyPos["bands"], "add total: true, or remove bands", "scoring bands divide the total, but total is not asked for")
	}
	ok := true
	name := func(b *ScoreBand) string {
		if b.Label != "" {
			return fmt.Sprintf("%q", b.Label)
		}
		return fmt.Sprintf("on line %d", b.Pos.Line)
	}
	for _, b := range sc.Bands {
		if b.Label == "" {
			c.errf(b.Pos, "add label: …", "scoring band has no label")
		}
		for _, k := range []string{"min", "max"} {
			x := b.Min
			if k == "max" {
				x = b.Max
			}
			switch {
			case x != nil && c.reported(b.KeyPos[k]):
				ok = false
			case x == nil:
				c.errf(b.Pos, fmt.Sprintf("add %s: (bands include both ends: min: 0, max: 14)", k), "scoring band %s has no %s", name(b), k)
				ok = false
			case math.Abs(*x) > MaxTotal && !math.IsInf(*x, 0):
				c.errf(b.KeyPos[k], fmt.Sprintf("use a number from -%d to %d", MaxTotal, MaxTotal), "scoring band %s has %s %v, out of range", name(b), k, *x)
				ok = false
			}
		}
		if b.Min != nil && b.Max != nil && *b.Min > *b.Max {
			c.errf(b.KeyPos["max"], "make max at least min", "scoring band %s ends at %s, below its start %s", name(b), num(*b.Max), num(*b.Min))
			ok = false
		}
	}
	if !ok {
		return
	}
	sorted := slices.Clone(sc.Bands)
	slices.SortStableFunc(sorted, func(a, b *ScoreBand) int { return cmpFloat(*a.Min, *b.Min) })
	for i := 1; i < len(sorted); i++ {
		a, b := sorted[i-1], sorted[i]
		if *b.Min <= *a.Max {
			c.errf(b.KeyPos["min"], fmt.Sprintf("bands include both ends, so a total of %s would be in both: start this one above %s, or end the other below %s", num(*b.Min), num(*a.Max), num(*b.Min)), "scoring band %s (%s to %s) overlaps band %s (%s to %s)", name(b), num(*b.Min), num(*b.Max), name(a), num(*a.Min), num(*a.Max))
			ok = false
		}
	}
	if !ok || !totalOK || !sc.Total {
		return
	}
	reach, ok := c.r.Reachable()
	if !ok {
		return
	}
	t, ok := reach.Uncovered(sc.Bands)
	if !ok {
		return
	}
	x := TotalOf(t)
	var below, above *ScoreBand
	for _, b := range sorted {
		if *b.Max < x {
			below = b
		}
		if *b.Min > x && above == nil {
			above = b
		}
	}
	hint := fmt.Sprintf("let a band take %s in: bands include both ends, so one may end at %s or the next start there", num(x), num(x))
	switch {
	case below != nil && above != nil:
		hint = fmt.Sprintf("%s is between band %s, which ends at %s, and band %s, which starts at %s; ", num(x), name(below), num(*below.Max), name(above), num(*above.Min)) + hint
	case below != nil:
		hint = fmt.Sprintf("%s is above band %s, which ends at %s; ", num(x), name(below), num(*below.Max)) + hint
	case above != nil:
		hint = fmt.Sprintf("%s is below band %s, which starts at %s; ", num(x), name(above), num(*above.Min)) + hint
	}
	can := "can"
	if !reach.Exact {
		can = fmt.Sprintf("may (totals go in steps of %s)", num(TotalOf(reach.Step)))
	}
	c.errf(sc.KeyPos["bands"], hint, "the answers %s make a total of %s, which falls in no scoring band", can, num(x))
}

// num prints a total or a band's edge as the summary does: 14, 14.5,
// 0.000001.
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (c *validator) sheet() {
	switch c.r.Sheet.Layout {
	case "", LayoutDescriptors, LayoutTable:
	default:
		c.errf(c.r.KeyPos["sheet"], "use layout: descriptors or layout: table", "sheet layout %q is not known", c.r.Sheet.Layout)
	}
	for _, f := range c.r.Sheet.Fields {
		if f.Label == "" {
			c.errf(f.Pos, "add label: …", "sheet field has no label")
		}
		switch f.Type {
		case "", "line", "tick":
		default:
			c.errf(f.KeyPos["type"], "use line or tick", "sheet field type %q is not known", f.Type)
		}
		if f.Running && f.Type == "tick" {
			c.errf(f.KeyPos["running"], "remove running: true, or make it a line", "sheet field %q is a tick box, which cannot run at the top of every page", f.Label)
		}
	}
	for _, f := range c.r.Sheet.Signoff {
		if f.Label == "" {
			c.errf(f.Pos, "add label: …", "sign-off line has no label")
		}
		switch f.Type {
		case "", "line", "tick":
		default:
			c.errf(f.KeyPos["type"], "use line or tick", "sign-off line type %q is not known", f.Type)
		}
		if f.Running {
			c.errf(f.KeyPos["running"], "remove running: true; a running field belongs in sheet.fields", "sign-off line %q cannot run at the top of every page", f.Label)
		}
	}
	for _, s := range c.r.Sheet.Sections {
		if s.Title == "" {
			c.errf(s.Pos, "add title: …", "sheet section has no title")
		}
		if s.Lines < 0 || s.Lines > MaxLines {
			c.errf(s.KeyPos["lines"], fmt.Sprintf("use a number of lines from 0 to %d", MaxLines), "sheet section %q asks for %d lines", s.Title, s.Lines)
		}
	}
	if at, set := c.r.Sheet.KeyPos["lines"]; (set && !c.reported(at)) || c.r.Sheet.Lines != 0 {
		switch n := c.r.Sheet.Lines; {
		case n < 1 || n > MaxLines:
			c.errf(at, fmt.Sprintf("use a number of lines from 1 to %d, or leave lines out for %d", MaxLines, c.r.defaultLines()), "sheet lines %d is out of range", n)
		case c.r.Sheet.Evidence == "" && c.r.Sheet.Factors == "":
			c.errf(at, "add evidence: (the box's label), or remove lines:", "sheet lines sizes the evidence boxes, but the sheet has none")
		}
	}
}
