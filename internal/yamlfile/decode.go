package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"go.yaml.in/yaml/v4"
	"go.yaml.in/yaml/v4/plugin/loaderlimits"
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
	root, ok := d.parse(data)
	if !ok {
		return false
	}
	if root == nil {
		return true
	}
	limit, ok := d.checkAliases(root)
	if !ok {
		return false
	}
	// checkAliases has bounded the expansion; the library's own guard, a
	// ratio of aliased to plain values, would refuse some small files
	// within that bound, so it is given the same bound instead.
	limits := yaml.WithPlugin(loaderlimits.New(loaderlimits.AliasValue(limit)))
	rv := reflect.ValueOf(v).Elem()
	d.check(root, rv.Type(), "", false)
	if errs.Len() > n0 {
		// Decode what can be, quietly (check has said what is wrong), so
		// that a caller may keep it: one misspelt key should not also
		// break everything that refers to the file.
		_ = root.Load(v, limits)
		dropNil(rv)
		d.fill(root, rv)
		return false
	}
	if err := root.Load(v, limits); err != nil {
		d.decodeError(err, root)
		// A failed decode can stop part-way through a list, leaving nil
		// entries that no caller expects.
		dropNil(rv)
		d.fill(root, rv)
		return false
	}
	d.fill(root, rv)
	return errs.Len() == n0
}

type decoder struct {
	file  string
	line0 int
	errs  *source.List
	// checked holds the anchored values check has walked through an
	// alias, with the type it walked them as: an alias repeated a hundred
	// times is checked, and its problems reported, once.
	checked map[checked]bool
}

type checked struct {
	n *yaml.Node
	t reflect.Type
}

func (d *decoder) pos(n *yaml.Node) source.Pos {
	return source.Pos{File: d.file, Line: n.Line + d.line0, Col: n.Column}
}

// markPos is the position of a library error's mark, or the start of the
// YAML text when the library gives none.
func (d *decoder) markPos(m yaml.Mark) source.Pos {
	if m.Line <= 0 {
		return source.Pos{File: d.file, Line: d.line0 + 1, Col: 1}
	}
	return source.Pos{File: d.file, Line: m.Line + d.line0, Col: max(m.Column, 1)}
}

// MaxDepth is how deeply a file may nest lists and mappings. The
// handbook's files nest a dozen deep at most; the library's own limit,
// 10,000, would let a file drive every later walk of the tree that deep.
const MaxDepth = 100

// parse reads the one YAML document of data into a node tree; it returns
// nil for a file with no document. A second document is an error: the
// build would not read it.
func (d *decoder) parse(data []byte) (*yaml.Node, bool) {
	l, err := yaml.NewLoader(bytes.NewReader(data), yaml.WithPlugin(loaderlimits.New(loaderlimits.DepthValue(MaxDepth))))
	if err != nil {
		d.errs.Addf(d.markPos(yaml.Mark{}), "cannot read YAML: %w", err)
		return nil, false
	}
	var doc yaml.Node
	if err := l.Load(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, true
		}
		d.syntaxError(err)
		return nil, false
	}
	var next yaml.Node
	switch err := l.Load(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.syntaxError(err)
		return nil, false
	default:
		d.errs.Addf(d.pos(&next), "a second YAML document starts here").Hint =
			"a file holds one document: remove this --- line and what follows, or move it to a file of its own"
		return nil, false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, true
	}
	return doc.Content[0], true
}

// checkTabs reports a tab in the indentation of a line: YAML forbids it and
// the library's message for it ("found character that cannot start any
// token") does not say so.
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

// syntaxError reports an error of the YAML reader, scanner, parser or
// composer at the line and column the library gives.
func (d *decoder) syntaxError(err error) {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		e := d.errs.Addf(d.markPos(yaml.Mark{}), "malformed YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		e.Hint = "check indentation, colons and quotes on this line and the one before"
		e.Cause = err
		return
	}
	if strings.HasPrefix(le.Message, "exceeded max depth") {
		d.errs.Addf(d.markPos(le.Mark), "lists and mappings are nested more than %d deep", MaxDepth).Hint =
			"nest them less deeply; look for a [ or { that is never closed"
		return
	}
	d.errs.Addf(d.markPos(le.Mark), "malformed YAML: %s", strings.TrimPrefix(le.Message, "yaml: ")).Hint =
		"check indentation, colons and quotes on this line and the one before"
}

// decodeError reports the errors of decoding root into Go values, each at
// the node it is about.
func (d *decoder) decodeError(err error, root *yaml.Node) {
	var les *yaml.LoadErrors
	if errors.As(err, &les) {
		for _, le := range les.Errors {
			d.loadError(le)
		}
		return
	}
	var le *yaml.LoadError
	if errors.As(err, &le) {
		d.loadError(le)
		return
	}
	var pe *source.Error
	if errors.As(err, &pe) {
		d.errs.Add(pe)
		return
	}
	d.errs.Add(source.Wrap(d.pos(root), err))
}

func (d *decoder) loadError(le *yaml.LoadError) {
	var pe *source.Error
	if errors.As(le, &pe) {
		d.errs.Add(pe)
		return
	}
	d.errs.Addf(d.markPos(le.Mark), "%s", strings.TrimPrefix(le.Message, "yaml: "))
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
// prose is set below a field tagged `yamlfile:"prose"`: its lists hold
// sentences, which a list written in [ ] would split at every comma.
func (d *decoder) check(n *yaml.Node, t reflect.Type, path string, prose bool) {
	t = deref(t)
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || d.checked[checked{n.Alias, t}] {
			return
		}
		if d.checked == nil {
			d.checked = map[checked]bool{}
		}
		d.checked[checked{n.Alias, t}] = true
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
			d.errs.Addf(d.pos(n), "%s: %w", name(path), err)
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
					d.check(val, rest.Type.Elem(), join(path, k.Value), false)
					continue
				}
				e := d.errs.Addf(d.pos(k), "unknown key %q%s", k.Value, in(path))
				e.Hint = suggest(k.Value, fields)
				continue
			}
			d.check(val, f.Type, join(path, k.Value), f.Prose)
		}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.wrongKind(n, path, "a list (lines starting with \"- \")")
			return
		}
		if prose {
			d.checkSplit(n, path)
		}
		for i, c := range n.Content {
			e := c
			if e.Kind == yaml.AliasNode && e.Alias != nil {
				e = e.Alias
			}
			if e.Kind == yaml.ScalarNode && e.Tag == "!!null" && deref(t.Elem()).Kind() == reflect.Struct {
				// A "-" with nothing after it: there is no entry to decode
				// into, and a nil entry would reach the validators.
				d.errs.Addf(d.pos(c), "entry %d of %s is empty", i+1, name(path)).Hint = "write the entry after the dash, or remove the line"
				continue
			}
			d.check(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), prose)
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
			d.check(n.Content[i+1], t.Elem(), join(path, k.Value), prose)
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
		} else if n.Decode(reflect.New(t).Interface()) != nil {
			d.errs.Addf(d.pos(n), "%s is out of range: %s", name(path), n.Value).Hint = "write a smaller number"
		}
	case reflect.Float32, reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
			d.wrongKind(n, path, "a number")
			return
		}
		// .nan and .inf are YAML floats, but no count, score or size is
		// one, and NaN would pass every later comparison.
		f := reflect.New(t)
		if n.Decode(f.Interface()) != nil {
			d.errs.Addf(d.pos(n), "%s is out of range: %s", name(path), n.Value).Hint = "write a smaller number"
		} else if x := f.Elem().Float(); math.IsNaN(x) || math.IsInf(x, 0) {
			d.errs.Addf(d.pos(n), "%s must be a finite number, not %s", name(path), n.Value).Hint = "write a number such as 2 or 0.5"
		}
	}
}

// checkSplit reports a list of sentences written in [ ] whose entries YAML
// split at a comma: in a flow list every comma ends an entry, so
// "[Listens, and uses what is said.]" is two entries. A list of two or
// more entries of which any is unquoted is reported, at its "[", with the
// pieces; quoted entries ("[\"a, b\", \"c\"]") say where each ends, and a
// list of one entry has no comma that YAML split.
func (d *decoder) checkSplit(n *yaml.Node, path string) {
	if n.Style&yaml.FlowStyle == 0 || len(n.Content) < 2 {
		return
	}
	plain := false
	pieces := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return
		}
		if c.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
			plain = true
		}
		pieces = append(pieces, fmt.Sprintf("%q", c.Value))
	}
	if !plain {
		return
	}
	d.errs.Addf(d.pos(n), "%s is written in [ ], so YAML split it at every comma into %d entries: %s", name(path), len(n.Content), strings.Join(pieces, ", ")).Hint =
		`write one entry a line, each starting with "- ", or put each entry in quotes: ["…", "…"]`
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
	Prose bool // tagged `yamlfile:"prose"`: its lists hold sentences
}

// structFields maps each YAML key of t to its field, following inline
// structs as the YAML library does.
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
				out[k] = field{Index: append([]int{i}, v.Index...), Type: v.Type, Prose: v.Prose}
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = field{Index: []int{i}, Type: f.Type, Prose: f.Tag.Get("yamlfile") == "prose"}
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
		if dd := Distance(strings.ToLower(key), k); dd < bestD {
			best, bestD = k, dd
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "valid keys here: " + strings.Join(keys, ", ")
}

// Distance is the Levenshtein distance between a and b, for "did you
// mean" suggestions. Beyond 64 characters it answers the longer length
// without comparing: no key is that long, and the work stays linear.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return max(len(ra), len(rb))
	}
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
		if n.Alias == nil {
			return
		}
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
		// Map values are copies: positions inside them are kept only when
		// the values are pointers, which share what they point to.
		if n.Kind != yaml.MappingNode || v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.Pointer {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			if e := v.MapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key())); e.IsValid() {
				d.fill(n.Content[i+1], e)
			}
		}
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
