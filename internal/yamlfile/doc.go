// Package yamlfile decodes a YAML document into a Go struct strictly, with
// the position of every problem. TOML front matter is read into the same
// tree and checked alike ([DecodeTOML]); [Parse] and [ParseTOML] read
// another tool's config into a [Value] of no fixed shape. A struct's
// inline map field (`yaml:",inline"`) takes the keys its other fields do
// not name, instead of each being an error.
//
// It is part of the load stage: config, front matter and rubrics all decode
// through [Decode]. Unlike the YAML library's known-fields check, which
// reports "line 3: field foo not found", Decode walks the yaml.Node tree
// (go.yaml.in/yaml/v4) against the target type first, so an unknown key, a
// wrong type or a tab used for indentation is reported at its line and
// column with the keys that would have been valid.
// After decoding it fills, in any struct it reached:
//
//   - a field `Pos source.Pos` with the position of the struct's mapping;
//   - a field `KeyPos map[string]source.Pos` with the position of each key.
//
// Both fields carry the tag `yaml:"-"`.
//
// A field tagged `yamlfile:"prose"` holds sentences: a list of them (or a
// map of such lists) written in [ ] with two or more entries, any of them
// unquoted, is an error at its "[", because YAML ends an entry at every
// comma there and a sentence with a comma in it becomes two entries.
package yamlfile
