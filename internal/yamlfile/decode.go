package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"gopkg.in/yaml.v3"
)

var (
	posType    = reflect.TypeFor[source.Pos]()
	keyPosType = reflect.TypeFor[map[string]source.Pos]()
	unmarshal  = reflect.TypeFor[yaml.Unmarshaler]()
)

// Decode decodes data, the YAML text of file, into v, which must be a pointer
// to a struct. firstLine is the line of file on which data starts (1 for a
// whole file; the line after `---` for front matter). An empty document
// leaves v unchanged. Every problem found is added to errs; Decode reports
// whether v was decoded without error; when it was not, v holds what could
// be decoded, without the empty entries of lists.
func Decode(file string, data []byte, firstLine int, v any, errs *source.List) bool {
	d := &decoder{file: file, line0: firstLine - 1, errs: errs}
	n0 := errs.Len()
	if !d.checkTabs(data) {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		d.syntaxError(err)
		return false
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return true
	}
	root := doc.Content[0]
	rv := reflect.ValueOf(v).Elem()
	d.check(root, rv.Type(), "")
	if errs.Len() > n0 {
		// Decode what can be, quietly (check has said what is wrong), so
		// that a caller may keep it: one misspelt key should not also
		// break everything that refers to the file.
		_ = root.Decode(v)
		dropNil(rv)
		d.fill(root, rv)
		return false
	}
	if err := root.Decode(v); err != nil {
		d.decodeError(err, root)
		return false
	}
	d.fill(root, rv)
	return errs.Len() == n0
}

type decoder struct {
	file  string
	line0 int
	errs  *source.List
}

func (d *decoder) pos(n *yaml.Node) source.Pos {
	return source.Pos{File: d.file, Line: n.Line + d.line0, Col: n.Column}
}

// checkTabs reports a tab in the indentation of a line: YAML forbids it and
// yaml.v3's message for it ("found character that cannot start any token")
// does not say so.
func (d *decoder) checkTabs(data []byte) bool {
	ok := true
	for i, line := range bytes.Split(data, []byte{'\n'}) {
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		if j := bytes.IndexByte(line[:indent], '\t'); j >= 0 && len(bytes.TrimSpace(line)) > 0 {
			d.errs.Addf(source.Pos{File: d.file, Line: d.line0 + i + 1, Col: j + 1},
				"tab character in indentation").Hint = "YAML is indented with spaces only; replace the tab with spaces"
			ok = false
		}
	}
	return ok
}

var lineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func (d *decoder) syntaxError(err error) {
	msg := err.Error()
	line := 0
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p := source.Pos{File: d.file}
	if line > 0 {
		p.Line = line + d.line0
	}
	d.errs.Addf(p, "malformed YAML: %s", msg).Hint = "check indentation, colons and quotes on this line and the one before"
}

func (d *decoder) decodeError(err error, root *yaml.Node) {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, m := range te.Errors {
			p := source.Pos{File: d.file}
			if mm := lineRe.FindStringSubmatch(m); mm != nil {
				l, _ := strconv.Atoi(mm[1])
				p.Line = l + d.line0
				m = mm[2]
			}
			d.errs.Addf(p, "%s", m)
		}
		return
	}
	var pe *source.Error
	if errors.As(err, &pe) {
		d.errs.Add(pe)
		return
	}
	d.errs.Addf(d.pos(root), "%v", err)
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func isUnmarshaler(t reflect.Type) bool {
	return t.Implements(unmarshal) || reflect.PointerTo(t).Implements(unmarshal)
}

// check walks n against t, reporting unknown keys, duplicate keys and values
// of the wrong kind at their positions. path names the key for messages.
func (d *decoder) check(n *yaml.Node, t reflect.Type, path string) {
	t = deref(t)
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if t == stringsType {
		d.checkStrings(n, path)
		return
	}
	if t.Implements(scalarType) {
		if n.Kind != yaml.ScalarNode {
			d.wrongKind(n, path, "a single value")
		} else if err := reflect.Zero(t).Interface().(Scalar).CheckYAML(n.Value); err != nil {
			d.errs.Addf(d.pos(n), "%s: %v", name(path), err)
		}
		return
	}
	if isUnmarshaler(t) {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if t == posType {
			return
		}
		if n.Kind != yaml.MappingNode {
			d.wrongKind(n, path, "a mapping (key: value lines)")
			return
		}
		fields := structFields(t)
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if prev, dup := seen[k.Value]; dup {
				d.errs.Addf(d.pos(k), "key %q appears twice in this mapping", k.Value).Hint =
					fmt.Sprintf("its first use is on line %d; keep one", prev.Line+d.line0)
				continue
			}
			seen[k.Value] = k
			f, ok := fields[k.Value]
			if !ok || k.Value == restKey {
				if rest, ok := fields[restKey]; ok {
					// An inline map takes the keys the struct does not
					// name; the caller decides what they mean.
					d.check(val, rest.Type.Elem(), join(path, k.Value))
					continue
				}
				e := d.errs.Addf(d.pos(k), "unknown key %q%s", k.Value, in(path))
				e.Hint = suggest(k.Value, fields)
				continue
			}
			d.check(val, f.Type, join(path, k.Value))
		}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.wrongKind(n, path, "a list (lines starting with \"- \")")
			return
		}
		for i, c := range n.Content {
			if c.Kind == yaml.ScalarNode && c.Tag == "!!null" && deref(t.Elem()).Kind() == reflect.Struct {
				// A "-" with nothing after it: there is no entry to decode
				// into, and a nil entry would reach the validators.
				d.errs.Addf(d.pos(c), "entry %d of %s is empty", i+1, name(path)).Hint = "write the entry after the dash, or remove the line"
				continue
			}
			d.check(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.wrongKind(n, path, "a mapping (key: value lines)")
			return
		}
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if prev, dup := seen[k.Value]; dup {
				d.errs.Addf(d.pos(k), "key %q appears twice in this mapping", k.Value).Hint =
					fmt.Sprintf("its first use is on line %d; keep one", prev.Line+d.line0)
				continue
			}
			seen[k.Value] = k
			d.check(n.Content[i+1], t.Elem(), join(path, k.Value))
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.wrongKind(n, path, "text")
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.wrongKind(n, path, "true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.wrongKind(n, path, "a whole number")
		}
	case reflect.Float32, reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
			d.wrongKind(n, path, "a number")
		}
	}
}

func (d *decoder) wrongKind(n *yaml.Node, path, want string) {
	got := "a mapping"
	switch n.Kind {
	case yaml.SequenceNode:
		got = "a list"
	case yaml.ScalarNode:
		got = fmt.Sprintf("%q", n.Value)
	}
	d.errs.Addf(d.pos(n), "%s must be %s, not %s", name(path), want, got)
}

func name(path string) string {
	if path == "" {
		return "the document"
	}
	return fmt.Sprintf("%q", path)
}

func in(path string) string {
	if path == "" {
		return ""
	}
	return fmt.Sprintf(" in %q", path)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

type field struct {
	Index []int
	Type  reflect.Type
}

// structFields maps each YAML key of t to its field, following inline
// structs as yaml.v3 does.
func structFields(t reflect.Type) map[string]field {
	out := map[string]field{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "inline") && deref(f.Type).Kind() == reflect.Map {
			out[restKey] = field{Index: []int{i}, Type: deref(f.Type)}
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, v := range structFields(deref(f.Type)) {
				out[k] = field{Index: append([]int{i}, v.Index...), Type: v.Type}
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = field{Index: []int{i}, Type: f.Type}
	}
	return out
}

// restKey is where structFields records a struct's inline map, which
// takes every key its fields do not name. It is not a valid YAML key name
// for a field (a field's key cannot be empty).
const restKey = ""

// suggest names the closest valid key, or lists them all.
func suggest(key string, fields map[string]field) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		if k != restKey {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	best, bestD := "", 3
	for _, k := range keys {
		if dd := distance(strings.ToLower(key), k); dd < bestD {
			best, bestD = k, dd
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "valid keys here: " + strings.Join(keys, ", ")
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// fill sets the Pos and KeyPos fields of every struct reached from v.
func (d *decoder) fill(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == posType || n.Kind != yaml.MappingNode {
			return
		}
		if f := v.FieldByName("Pos"); f.IsValid() && f.Type() == posType && f.CanSet() {
			f.Set(reflect.ValueOf(d.pos(n)))
		}
		if isUnmarshaler(v.Type()) {
			return
		}
		var kp reflect.Value
		if f := v.FieldByName("KeyPos"); f.IsValid() && f.Type() == keyPosType && f.CanSet() {
			kp = reflect.MakeMap(keyPosType)
			f.Set(kp)
		}
		fields := structFields(v.Type())
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if kp.IsValid() {
				kp.SetMapIndex(reflect.ValueOf(k.Value), reflect.ValueOf(d.pos(k)))
			}
			f, ok := fields[k.Value]
			if !ok || k.Value == restKey {
				continue
			}
			fv, err := v.FieldByIndexErr(f.Index)
			if err != nil {
				continue
			}
			d.fill(n.Content[i+1], fv)
			if val := n.Content[i+1]; fv.Kind() == reflect.Map && val.Kind == yaml.MappingNode {
				name := v.Type().FieldByIndex(f.Index).Name + "Pos"
				if mp := v.FieldByName(name); mp.IsValid() && mp.Type() == keyPosType && mp.CanSet() {
					m := reflect.MakeMap(keyPosType)
					for j := 0; j+1 < len(val.Content); j += 2 {
						m.SetMapIndex(reflect.ValueOf(val.Content[j].Value), reflect.ValueOf(d.pos(val.Content[j])))
					}
					mp.Set(m)
				}
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i := 0; i < v.Len() && i < len(n.Content); i++ {
			d.fill(n.Content[i], v.Index(i))
		}
	case reflect.Map:
		// Map values are copies; positions inside them are not kept.
	}
}

// Scalar is implemented by types that decode themselves from one scalar
// (such as a date). Decode calls CheckYAML on the zero value before decoding,
// so a bad value is reported at its position rather than as a bare error.
type Scalar interface {
	CheckYAML(value string) error
}

var scalarType = reflect.TypeFor[Scalar]()

// dropNil removes the nil entries of every list of pointers in v: an empty
// list entry ("- " alone), which check reports, decodes to one.
func dropNil(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			dropNil(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				dropNil(v.Field(i))
			}
		}
	case reflect.Slice:
		n := 0
		for i := range v.Len() {
			e := v.Index(i)
			if e.Kind() == reflect.Pointer && e.IsNil() {
				continue
			}
			dropNil(e)
			v.Index(n).Set(e)
			n++
		}
		if v.CanSet() {
			v.SetLen(n)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			dropNil(v.MapIndex(k)) // lists in maps hold strings here; nothing to drop
		}
	}
}
