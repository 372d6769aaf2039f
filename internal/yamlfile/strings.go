package yamlfile

import (
	"fmt"
	"reflect"

	"go.yaml.in/yaml/v4"
)

// Strings is a list of strings that may also be written as one string:
// `tags: go` and `tags: [go, yaml]` both decode, as other site generators
// accept them (Jekyll's redirect_from, for one).
type Strings []string

var stringsType = reflect.TypeFor[Strings]()

// UnmarshalYAML decodes one string, or a list of them.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			*s = nil
			return nil
		}
		*s = Strings{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(Strings, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind == yaml.AliasNode && c.Alias != nil {
				c = c.Alias
			}
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: a list of text was expected", c.Line)
			}
			out = append(out, c.Value)
		}
		*s = out
		return nil
	}
	return fmt.Errorf("line %d: text or a list of text was expected", n.Line)
}

// checkStrings reports a value that is neither one string nor a list of
// them, at its position (UnmarshalYAML knows no file to report it in).
func (d *decoder) checkStrings(n *yaml.Node, path string) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind == yaml.AliasNode && c.Alias != nil {
				c = c.Alias
			}
			if c.Kind != yaml.ScalarNode {
				d.wrongKind(c, path, "text")
			}
		}
		return
	}
	d.wrongKind(n, path, "text or a list of text")
}
