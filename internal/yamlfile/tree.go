package yamlfile

import (
	"github.com/handbook-ssg/handbook/internal/source"
	"go.yaml.in/yaml/v4"
)

// Kind is what a [Value] is.
type Kind int

// The kinds of [Value].
const (
	Null Kind = iota
	Text
	List
	Map
)

// Value is a value of no fixed shape, with its position: the reading of
// another tool's config file (mkdocs.yml, hugo.toml), of which the build
// takes a few keys and leaves the rest, whatever they hold.
type Value struct {
	Kind  Kind
	Pos   source.Pos
	Text  string   // a Text value's text, as written (without quotes)
	Items []*Value // a List's entries
	Keys  []Entry  // a Map's entries, in order
}

// Entry is a key of a Map value.
type Entry struct {
	Key   string
	Pos   source.Pos // of the key
	Value *Value
}

// Get returns the value of key in a Map value, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil {
		return nil
	}
	for _, e := range v.Keys {
		if e.Key == key {
			return e.Value
		}
	}
	return nil
}

// String returns a Text value's text, or "" for any other value.
func (v *Value) String() string {
	if v == nil || v.Kind != Text {
		return ""
	}
	return v.Text
}

// maxTreeDepth bounds how deeply a Value nests: a config file nests a
// few levels, and every walk of the tree recurses.
const maxTreeDepth = 100

// Parse reads data, the YAML text of file starting on line firstLine,
// into a Value, with no type to check it against: tags the build does not
// know (mkdocs.yml's !ENV, !!python/name:…) are read as plain text. An
// alias is read as a copy of its anchor's value, made once. It returns nil
// for an empty document or when the YAML is malformed (reported in errs).
func Parse(file string, data []byte, firstLine int, errs *source.List) *Value {
	d := &decoder{file: file, line0: firstLine - 1, errs: errs}
	if !d.checkTabs(data) {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		d.syntaxError(err)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil
	}
	return d.tree(doc.Content[0], map[*yaml.Node]*Value{}, 0)
}

// tree converts n to a Value. done holds the nodes already converted, so
// that an alias used many times costs one conversion.
func (d *decoder) tree(n *yaml.Node, done map[*yaml.Node]*Value, depth int) *Value {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return &Value{Kind: Null, Pos: d.pos(n)}
		}
		n = n.Alias
	}
	if v, ok := done[n]; ok {
		return v
	}
	v := &Value{Pos: d.pos(n)}
	done[n] = v
	if depth > maxTreeDepth {
		d.errs.Addf(v.Pos, "lists and mappings are nested more than %d deep", maxTreeDepth).Hint = "nest them less deeply"
		return v
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() != "!!null" {
			v.Kind, v.Text = Text, n.Value
		}
	case yaml.SequenceNode:
		v.Kind = List
		for _, c := range n.Content {
			v.Items = append(v.Items, d.tree(c, done, depth+1))
		}
	case yaml.MappingNode:
		v.Kind = Map
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			v.Keys = append(v.Keys, Entry{Key: k.Value, Pos: d.pos(k), Value: d.tree(n.Content[i+1], done, depth+1)})
		}
	}
	return v
}
