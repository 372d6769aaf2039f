package rubric

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/handbook-ssg/handbook/internal/config"
)

// enums are the closed sets of values of some keys, by the Go field they
// decode into.
var enums = map[string][]string{
	"Rubric.Method":     Methods,
	"Scale.Descriptors": {PerLevel, PerBand, NoDesc},
	"Node.Type":         {Choice, Text},
	"Node.Polarity":     {"negative"},
	"Scoring.Chart":     {"profile"},
	"Sheet.Layout":      {LayoutDescriptors, LayoutTable},
	"Field.Type":        {"line", "tick"},
}

// Schema returns a JSON Schema (draft 2020-12) of the rubric YAML, made from
// the Go types the build decodes, so that an editor can check a rubric while
// it is written. rubrics/schema.json is this output; a test keeps the two
// the same.
func Schema() []byte {
	defs := map[string]any{}
	root := schemaOf(reflect.TypeFor[Rubric](), defs)
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://handbook.invalid/rubrics/schema.json",
		"title":       "handbook rubric",
		"description": "One set of standards: see rubrics/README.md.",
		"$defs":       defs,
	}
	for k, v := range root.(map[string]any) {
		s[k] = v
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	return append(b, '\n')
}

// keyDoc says what a key is for, with a small example of its value; the
// schema gives them to editors as each key's description and examples.
type keyDoc struct {
	what    string
	example any
}

// keyDocs documents every key of a rubric, by the Go type it is a key of
// and the key ("Level.code"). rubrics/README.md says the same at length;
// TestSchemaDocs keeps this table complete.
var keyDocs = map[string]keyDoc{
	"Rubric.id":            {"The rubric's id and URL segment (/standards/<id>/); the file name without .yaml. Fixed once published.", "qaf-1"},
	"Rubric.title":         {"The title as the source gives it.", "Listening skills"},
	"Rubric.short_title":   {"A short title for breadcrumbs and lists.", "Listening"},
	"Rubric.summary":       {"One or two sentences (Markdown) shown on /standards/ and at the top of the rubric.", "Observe how a Work Coach listens."},
	"Rubric.intro":         {"Markdown shown before the standards: how to use the rubric, in the source's words.", "Mark the level that most closely matches what you saw."},
	"Rubric.lang":          {"The rubric's language (BCP 47).", "en"},
	"Rubric.source":        {"Which source document and section the rubric comes from.", map[string]any{"document": "Work Focused Interview guidance", "section": "Chapter 7"}},
	"Rubric.used_by":       {"Who uses the rubric.", "Work Services Managers observing a Work Coach"},
	"Rubric.method":        {"How evidence is gathered.", "observation"},
	"Rubric.claimant_data": {"true when answers are about a claimant: the form never stores them.", false},
	"Rubric.translations":  {"Language code → id of the same rubric in that language; both must list each other.", map[string]any{"cy": "quest-1w"}},
	"Rubric.aliases":       {"Earlier ids of the rubric; their URLs keep working.", []any{"old-id"}},
	"Rubric.terms":         {"What the rubric calls its parts.", map[string]any{"item": "skills area", "items": "skills areas"}},
	"Rubric.scale":         {"The answers a standard can be given.", map[string]any{"descriptors": "none", "levels": []any{map[string]any{"id": "yes", "label": "Yes"}, map[string]any{"id": "no", "label": "No"}}}},
	"Rubric.items":         {"The standards in the source's order: items, and groups that hold items or further groups.", []any{map[string]any{"id": "active-listening", "title": "Uses active listening"}}},
	"Rubric.rules":         {"How the form must be filled in.", map[string]any{"required": true}},
	"Rubric.scoring":       {"What the self-assessment summary shows.", map[string]any{"counts": true}},
	"Rubric.sheet":         {"What the printable sheet adds around the standards.", map[string]any{"fields": []any{map[string]any{"label": "Observer"}}}},
	"Rubric.editorial":     {"Markdown: what of the rubric is the editors' words, not the source's (shown on its pages and sheet as an editor's note).", "The sub-standard titles are the editors': the source lost them."},
	"Rubric.changes":       {"Change notes, each a date and one line; the newest is the rubric's \"Last updated\" date, and /changes/ lists them.", []any{map[string]any{"date": "2026-11-24", "note": "Descriptors for statement 3 corrected."}}},

	"Change.date": {"The day of the change, YYYY-MM-DD.", "2026-11-24"},
	"Change.note": {"What changed, in one line of at most 300 characters.", "Descriptors for statement 3 corrected."},

	"Source.document": {"The source document's title.", "Work Focused Interview guidance"},
	"Source.section":  {"The section of the source the rubric comes from.", "Chapter 7"},
	"Source.url":      {"Where the source can be read.", "https://example.org/guidance.pdf"},

	"Terms.item":        {"What the rubric calls one item.", "skills area"},
	"Terms.items":       {"What it calls several items.", "skills areas"},
	"Terms.group":       {"What it calls one group.", "challenge"},
	"Terms.groups":      {"What it calls several groups.", "challenges"},
	"Terms.activities":  {"The heading of an item's activities.", "Activities to consider"},
	"Terms.descriptors": {"The heading of an item's descriptors.", "Descriptors"},
	"Terms.examples":    {"The heading of an item's examples.", "Examples"},
	"Terms.evidence":    {"The heading of an item's evidence.", "Evidence"},

	"Scale.descriptors": {"How items give descriptors: per-level, per-band or none.", "per-level"},
	"Scale.levels":      {"The answers, best first as the source orders them.", []any{map[string]any{"id": "best", "label": "Best practice", "code": "BP"}}},
	"Scale.bands":       {"Groups of levels that share descriptors (per-band).", []any{map[string]any{"id": "good", "label": "Good evidence (A or B)"}}},
	"Scale.editorial":   {"Markdown: an editor's note that the answers are the editors' words, where the source lost or never gave them.", "The source gives no answer scale; these answers are the editors'."},

	"Level.id":             {"The level's id, used by descriptors, labels, rules and lists; quote \"yes\" and \"no\".", "best"},
	"Level.label":          {"The answer as the source words it.", "Best practice"},
	"Level.code":           {"A short form for tick-box columns; levels' codes differ, and levels that share a label need one.", "BP"},
	"Level.value":          {"A number from -1,000,000 to 1,000,000, when the source gives numbers: then every level but the not-applicable ones has one.", 4},
	"Level.band":           {"The band of the scale the level belongs to.", "good"},
	"Level.intro":          {"The source's note under the level's column heading.", "This will include all of OK for role, plus:"},
	"Level.not_applicable": {"true for an answer such as N/A or Not observed: it takes no value, stays out of the total and of its maximum, is counted on its own, and lists leave it out.", true},

	"Band.id":    {"The band's id, used by levels and per-band descriptors.", "good"},
	"Band.label": {"The band as the source words it.", "Good Evidence (A or B)"},
	"Band.intro": {"The source's note under the band's heading.", "shows good evidence to support the statement"},

	"Node.id":          {"The item's or group's id: a slug of its title, unique in the rubric, fixed once published.", "active-listening"},
	"Node.title":       {"The source's wording.", "Uses active listening"},
	"Node.number":      {"The display number as the source gives it.", "1.1"},
	"Node.text":        {"A longer statement or question under the title.", "Does the Work Coach listen?"},
	"Node.intro":       {"Markdown before a group's items (groups only).", "Answer every question in this section."},
	"Node.items":       {"A group's items and groups.", []any{map[string]any{"id": "a", "title": "A"}}},
	"Node.labels":      {"Level id → the label this item (or every item of this group) gives it; the scale does not change.", map[string]any{"best": "Excellent"}},
	"Node.type":        {"choice (the default when the scale has levels) or text (a free-text question).", "text"},
	"Node.lines":       {"For text items: lines of writing space on the sheet, 1 to 50 (default 2).", 3},
	"Node.polarity":    {"negative when agreeing signals a need: lists use negative_levels, and totals count its value reversed (highest + lowest − value).", "negative"},
	"Node.weight":      {"A number above 0 and at most 1,000 (default 1): the item's value times its weight goes into the total and its maximum.", 1.5},
	"Node.activities":  {"The activities to consider, one entry each.", []any{"Paying attention to what the claimant is saying"}},
	"Node.descriptors": {"Level id (per-level) or band id (per-band) → descriptors, one entry each; [] where the source gives none for this item.", map[string]any{"best": []any{"Active listening generates obvious empathy."}, "ok": []any{}}},
	"Node.description": {"Markdown: what a framework standard asks.", "The provider shows how it …"},
	"Node.examples":    {"Worked examples, each Markdown.", []any{"A provider that …"}},
	"Node.evidence":    {"The evidence that would show the standard.", []any{"Minutes of team meetings"}},
	"Node.aliases":     {"Earlier ids; their URLs keep working.", []any{"listening"}},
	"Node.editorial":   {"Markdown: what of the item or group is the editors' words, such as a title the source lost.", "The title is the editors'."},

	"Rules.required": {"true: every choice item must be answered.", true},
	"Rules.blank":    {"The level recorded for a choice item left blank; it counts as an answer.", "f"},
	"Rules.notes":    {"One notes box for the whole form.", map[string]any{"label": "Notes", "max": 600}},
	"Rules.consent":  {"Markdown: when present the form asks for this consent before any answer.", "The claimant agrees to …"},

	"Notes.label": {"The notes box's label.", "Notes"},
	"Notes.max":   {"Most characters, up to 100,000.", 600},
	"Notes.hint":  {"A hint under the label.", "Do not write the claimant's name."},

	"Scoring.counts":   {"true: how many items sit at each level.", true},
	"Scoring.by_group": {"true: counts and lists for each top-level group too.", true},
	"Scoring.total":    {"true: the total of value × weight over the answered items, out of the highest it could be for them.", true},
	"Scoring.chart":    {"profile: each item's answer drawn across the scale.", "profile"},
	"Scoring.lists":    {"Lists of items to act on, by their answers.", []any{map[string]any{"id": "needs", "title": "Development needs", "levels": []any{"development"}}}},
	"Scoring.bands":    {"Ranges of the total, each inclusive at both ends, that do not overlap and take in every total the answers can make; the summary names the one the total falls in.", []any{map[string]any{"min": 0, "max": 14, "label": "Low"}, map[string]any{"min": 15, "max": 30, "label": "Typical"}}},

	"List.id":              {"The list's id.", "needs"},
	"List.title":           {"The list's heading.", "Development needs"},
	"List.intro":           {"Markdown under the heading.", "See paragraph 12 of the guidance."},
	"List.levels":          {"Answers that put an item on the list.", []any{"development"}},
	"List.negative_levels": {"The same for items with polarity: negative.", []any{"yes"}},

	"ScoreBand.min":   {"The lowest total in the band (included).", 0},
	"ScoreBand.max":   {"The highest total in the band (included).", 14},
	"ScoreBand.label": {"The band's name, shown in the summary.", "Low self-esteem"},
	"ScoreBand.text":  {"Markdown the summary shows when the total falls in the band.", "Scores below 15 suggest low self-esteem."},

	"Sheet.layout":   {"descriptors (each item with its descriptors side by side) or table (a row of tick boxes per item).", "table"},
	"Sheet.title":    {"The printed sheet's title (default: the rubric's).", "Observation record"},
	"Sheet.intro":    {"Markdown printed under the title.", "Tick one box for each skills area."},
	"Sheet.fields":   {"Header fields.", []any{map[string]any{"label": "Date"}}},
	"Sheet.choose":   {"true: the screen view lets the user choose which items or groups to print.", true},
	"Sheet.evidence": {"Label of an evidence box under each item.", "Evidence observed"},
	"Sheet.factors":  {"Label of a second box under each item.", "Factors beyond the Work Coach’s control"},
	"Sheet.sections": {"Boxes printed after the items.", []any{map[string]any{"title": "Comments", "lines": 3}}},
	"Sheet.signoff":  {"Lines to sign at the end of the sheet.", []any{map[string]any{"label": "Observer"}, map[string]any{"label": "Date"}}},
	"Sheet.lines":    {"Lines of writing space in each evidence and factors box, 1 to 50: under each skills area of a descriptors sheet (default 5), under each row of a table sheet (default 2).", 6},

	"Field.label":   {"The field's label.", "Observer"},
	"Field.type":    {"line (the default) or tick.", "tick"},
	"Field.running": {"true: a header field (a line) printed at the top of every page, which can be typed once on screen.", true},

	"Section.title": {"The box's heading.", "Comments"},
	"Section.hint":  {"A hint under the heading.", "What went well?"},
	"Section.lines": {"Lines of writing space, 0 to 50.", 3},
}

func schemaOf(t reflect.Type, defs map[string]any) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[config.Date]() {
		return map[string]any{"type": "string", "format": "date"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), defs)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), defs)}
	case reflect.Struct:
		name := t.Name()
		if name != "Rubric" {
			if _, ok := defs[name]; !ok {
				defs[name] = true // a placeholder, so recursion stops
				defs[name] = structSchema(t, defs)
			}
			return map[string]any{"$ref": "#/$defs/" + name}
		}
		return structSchema(t, defs)
	}
	return map[string]any{}
}

func structSchema(t reflect.Type, defs map[string]any) map[string]any {
	props := map[string]any{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		p := schemaOf(f.Type, defs).(map[string]any)
		if vals, ok := enums[t.Name()+"."+f.Name]; ok {
			p = map[string]any{"type": "string", "enum": vals}
		}
		if d, ok := keyDocs[t.Name()+"."+name]; ok {
			// A $ref with siblings is allowed from draft 2019-09 on.
			p["description"] = d.what
			p["examples"] = []any{d.example}
		}
		props[name] = p
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if t.Name() == "Rubric" {
		s["required"] = []string{"id", "title", "lang", "scale", "items"}
	}
	return s
}
