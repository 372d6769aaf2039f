package yamlfile

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v4"
)

// DecodeTOML decodes data, the TOML text of file starting on line
// firstLine (front matter between +++ lines, as Hugo writes it), into v as
// Decode decodes YAML: the TOML is read into the same tree of nodes, so an
// unknown key, a value of the wrong kind or a bad date is reported alike,
// at its line and column, and Pos and KeyPos fields are filled.
func DecodeTOML(file string, data []byte, firstLine int, v any, errs *source.List) bool {
	d := &decoder{file: file, line0: firstLine - 1, errs: errs}
	n0 := errs.Len()
	root := d.tomlTree(data)
	if root == nil {
		return errs.Len() == n0
	}
	rv := reflect.ValueOf(v).Elem()
	d.check(root, rv.Type(), "", false)
	if errs.Len() > n0 {
		_ = root.Decode(v)
		dropNil(rv)
		d.fill(root, rv)
		return false
	}
	if err := root.Decode(v); err != nil {
		d.decodeError(err, root)
		dropNil(rv)
		d.fill(root, rv)
		return false
	}
	d.fill(root, rv)
	return errs.Len() == n0
}

// ParseTOML reads data, the TOML text of file starting on line firstLine,
// into a Value, as Parse reads YAML. It returns nil for an empty document
// or when the TOML is malformed (reported in errs).
func ParseTOML(file string, data []byte, firstLine int, errs *source.List) *Value {
	d := &decoder{file: file, line0: firstLine - 1, errs: errs}
	root := d.tomlTree(data)
	if root == nil {
		return nil
	}
	return d.tree(root, map[*yaml.Node]*Value{}, 0)
}

// tomlTree reads TOML into a mapping node whose nodes carry the lines and
// columns of the TOML text. It returns nil when data holds no key, or is
// not valid TOML (reported).
func (d *decoder) tomlTree(data []byte) *yaml.Node {
	// The TOML library refers to its input in its errors; give it a copy
	// of its own, which nothing else holds.
	data = bytes.Clone(data)
	b := &tomlBuilder{d: d, data: data, index: map[*yaml.Node]map[string]*yaml.Node{}}
	b.lines = append(b.lines, 0)
	for i, c := range data {
		if c == '\n' {
			b.lines = append(b.lines, i+1)
		}
	}
	// The full decoder checks what the parser below does not: a key
	// defined twice, a table defined again, a value of the wrong form.
	var check map[string]any
	if err := toml.Unmarshal(data, &check); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			b.errorAt(row, col, "malformed TOML: %s", strings.TrimPrefix(de.Error(), "toml: "))
		} else {
			b.errorAt(1, 1, "malformed TOML: %s", strings.TrimPrefix(err.Error(), "toml: "))
		}
		return nil
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	cur := root
	var p unstable.Parser
	p.Reset(data)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			keys := b.keys(e.Key())
			parent := cur
			for _, k := range keys[:len(keys)-1] {
				parent = b.table(parent, k, false)
			}
			last := keys[len(keys)-1]
			val := b.value(e.Value(), last.node, 0)
			if val == nil {
				return nil
			}
			b.set(parent, last.node, val)
		case unstable.Table, unstable.ArrayTable:
			keys := b.keys(e.Key())
			cur = root
			for _, k := range keys[:len(keys)-1] {
				cur = b.table(cur, k, false)
			}
			cur = b.table(cur, keys[len(keys)-1], e.Kind == unstable.ArrayTable)
		}
		if b.failed {
			return nil
		}
	}
	if err := p.Error(); err != nil {
		b.errorAt(1, 1, "malformed TOML: %v", err)
		return nil
	}
	if len(root.Content) == 0 {
		return nil
	}
	return root
}

type tomlBuilder struct {
	d      *decoder
	data   []byte
	lines  []int                                // offsets of line starts
	index  map[*yaml.Node]map[string]*yaml.Node // mapping → its keys' values
	failed bool
}

type tomlKey struct {
	name string
	node *yaml.Node // the key, with its position
}

func (b *tomlBuilder) errorAt(row, col int, format string, args ...any) {
	p := source.Pos{File: b.d.file, Line: b.d.line0 + max(row, 1), Col: max(col, 1)}
	b.d.errs.Addf(p, format, args...).Hint = "check the quotes, brackets and = signs on this line; TOML front matter is key = value lines between +++ lines"
	b.failed = true
}

// at returns the line and column (in characters) of a byte offset.
func (b *tomlBuilder) at(offset int) (int, int) {
	offset = min(max(offset, 0), len(b.data))
	l, _ := slices.BinarySearch(b.lines, offset+1)
	start := b.lines[l-1]
	return l, utf8.RuneCount(b.data[start:offset]) + 1
}

func (b *tomlBuilder) node(kind yaml.Kind, tag string, r unstable.Range, near *yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: kind, Tag: tag}
	if r.Length > 0 {
		n.Line, n.Column = b.at(int(r.Offset))
	} else if near != nil {
		n.Line, n.Column = near.Line, near.Column
	}
	return n
}

func (b *tomlBuilder) keys(it unstable.Iterator) []tomlKey {
	var out []tomlKey
	for it.Next() {
		k := it.Node()
		out = append(out, tomlKey{name: string(k.Data), node: b.node(yaml.ScalarNode, "!!str", k.Raw, nil)})
		out[len(out)-1].node.Value = string(k.Data)
	}
	return out
}

// set adds key: val to the mapping m.
func (b *tomlBuilder) set(m, key, val *yaml.Node) {
	m.Content = append(m.Content, key, val)
	idx := b.index[m]
	if idx == nil {
		idx = map[string]*yaml.Node{}
		b.index[m] = idx
	}
	idx[key.Value] = val
}

// table returns the mapping under key in m, making it if need be; array
// says the key is [[an array of tables]], to which a new table is added.
// The last table of an array is the one a dotted key or a sub-table
// header continues.
func (b *tomlBuilder) table(m *yaml.Node, key tomlKey, array bool) *yaml.Node {
	existing := b.index[m][key.name]
	if array {
		if existing == nil {
			existing = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: key.node.Line, Column: key.node.Column}
			b.set(m, key.node, existing)
		}
		t := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: key.node.Line, Column: key.node.Column}
		existing.Content = append(existing.Content, t)
		return t
	}
	switch {
	case existing == nil:
		t := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: key.node.Line, Column: key.node.Column}
		b.set(m, key.node, t)
		return t
	case existing.Kind == yaml.SequenceNode && len(existing.Content) > 0:
		return existing.Content[len(existing.Content)-1]
	case existing.Kind == yaml.MappingNode:
		return existing
	}
	// toml.Unmarshal has refused a key that is both a value and a table.
	b.errorAt(key.node.Line, key.node.Column, "malformed TOML: %q is both a value and a table", key.name)
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
}

// value converts a TOML value to a node. Strings, booleans and numbers
// keep their YAML tags; dates and times are text, for the types that read
// them to parse.
func (b *tomlBuilder) value(v *unstable.Node, key *yaml.Node, depth int) *yaml.Node {
	if depth > maxTreeDepth {
		b.errorAt(key.Line, key.Column, "arrays and tables are nested more than %d deep", maxTreeDepth)
		return nil
	}
	switch v.Kind {
	case unstable.String:
		n := b.node(yaml.ScalarNode, "!!str", v.Raw, key)
		n.Value = string(v.Data)
		return n
	case unstable.Bool:
		n := b.node(yaml.ScalarNode, "!!bool", v.Raw, key)
		n.Value = string(v.Data)
		return n
	case unstable.Integer:
		n := b.node(yaml.ScalarNode, "!!int", v.Raw, key)
		n.Value = tomlInt(string(v.Data))
		return n
	case unstable.Float:
		n := b.node(yaml.ScalarNode, "!!float", v.Raw, key)
		n.Value = tomlFloat(string(v.Data))
		return n
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		n := b.node(yaml.ScalarNode, "!!str", v.Raw, key)
		n.Value = string(v.Data)
		return n
	case unstable.Array:
		n := b.node(yaml.SequenceNode, "!!seq", v.Raw, key)
		it := v.Children()
		for it.Next() {
			c := b.value(it.Node(), n, depth+1)
			if c == nil {
				return nil
			}
			n.Content = append(n.Content, c)
		}
		if len(n.Content) > 0 && v.Raw.Length == 0 {
			n.Line, n.Column = n.Content[0].Line, n.Content[0].Column
		}
		return n
	case unstable.InlineTable:
		n := b.node(yaml.MappingNode, "!!map", v.Raw, key)
		it := v.Children()
		for it.Next() {
			kv := it.Node()
			keys := b.keys(kv.Key())
			parent := n
			for _, k := range keys[:len(keys)-1] {
				parent = b.table(parent, k, false)
			}
			last := keys[len(keys)-1]
			c := b.value(kv.Value(), last.node, depth+1)
			if c == nil {
				return nil
			}
			b.set(parent, last.node, c)
		}
		return n
	}
	b.errorAt(key.Line, key.Column, "malformed TOML: a value of kind %s is not read", v.Kind)
	return nil
}

// tomlInt writes a TOML integer (1_000, 0x1F, 0o17, 0b101, +5) in decimal,
// as YAML reads it.
func tomlInt(s string) string {
	s = strings.ReplaceAll(s, "_", "")
	if i, err := strconv.ParseInt(s, 0, 64); err == nil {
		return strconv.FormatInt(i, 10)
	}
	return s
}

// tomlFloat writes a TOML float as YAML reads it: inf and nan are .inf and
// .nan there.
func tomlFloat(s string) string {
	s = strings.ReplaceAll(s, "_", "")
	sign := ""
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if s[0] == '-' {
			sign = "-"
		}
		s = s[1:]
	}
	switch s {
	case "inf":
		return sign + ".inf"
	case "nan":
		return ".nan"
	}
	return sign + s
}
