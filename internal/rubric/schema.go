package rubric

import (
	"encoding/json"
	"reflect"
	"strings"
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

func schemaOf(t reflect.Type, defs map[string]any) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
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
		p := schemaOf(f.Type, defs)
		if vals, ok := enums[t.Name()+"."+f.Name]; ok {
			p = map[string]any{"type": "string", "enum": vals}
		}
		props[name] = p
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if t.Name() == "Rubric" {
		s["required"] = []string{"id", "title", "lang", "scale", "items"}
	}
	return s
}
