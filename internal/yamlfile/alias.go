package yamlfile

import (
	"fmt"

	"go.yaml.in/yaml/v4"
)

// An alias (*name) repeats the value its anchor (&name) marks, and an
// anchored value may hold aliases in turn, so a few hundred bytes can stand
// for billions of values (the "billion laughs"), or, when an alias sits
// inside the value it names, for a value without end. Before anything
// follows an alias, Decode works out how many values the file stands for
// once every alias is expanded, and refuses a file that expands beyond a
// multiple of what it holds, as the YAML libraries' own guard does; the
// bound is on the expansion itself, so every later walk of the tree (check,
// decode, fill, and the callers' walks of what was decoded) is bounded too.
const (
	// MinExpansion is how many values every file may expand to, however
	// small it is.
	MinExpansion = 10_000
	// ExpansionFactor is how many times over the values it holds a larger
	// file may expand to.
	ExpansionFactor = 10
)

// expansionLimit is the most values a file holding written values may
// expand to.
func expansionLimit(written int) int {
	return max(MinExpansion, ExpansionFactor*written)
}

// checkAliases reports every alias inside the value it repeats, and a file
// whose aliases expand it beyond expansionLimit, at the alias that passes
// the limit. It reports whether the tree is safe to walk through its
// aliases, and the most values it may expand to.
func (d *decoder) checkAliases(root *yaml.Node) (limit int, ok bool) {
	a := &aliasCheck{d: d, size: map[*yaml.Node]int{}, open: map[*yaml.Node]bool{}}
	total := a.expand(root)
	limit = expansionLimit(a.written)
	if a.cycles {
		return limit, false
	}
	if total <= limit {
		return limit, true
	}
	// Blame the alias at which the expansion, counted in document order,
	// passes the limit.
	blame, _ := a.blame(root, 0, limit)
	if blame == nil {
		blame = root
	}
	d.errs.Addf(d.pos(blame), "aliases expand this file to more than %d values (it holds %d); this alias, *%s, passes that limit", limit, a.written, blame.Value).Hint =
		fmt.Sprintf("write out what should repeat, or alias smaller parts: aliases may expand a file to %d times the values it holds, or to %d values", ExpansionFactor, MinExpansion)
	return limit, false
}

type aliasCheck struct {
	d       *decoder
	size    map[*yaml.Node]int  // expanded size of each anchored value, once known
	open    map[*yaml.Node]bool // anchored values being expanded: the ancestors of the current node
	written int                 // values as written, an alias counting one
	cycles  bool                // an alias was found inside the value it names
}

// satAdd adds without overflow: expansions grow exponentially with the
// depth of aliases of aliases.
func satAdd(a, b int) int {
	const most = 1 << 62
	if a > most-b {
		return most
	}
	return a + b
}

// expand returns the number of values n stands for with every alias
// expanded. It visits each written node once: YAML defines an anchor
// before any alias of it, so the value an alias names has been sized
// already, unless the alias is inside it.
func (a *aliasCheck) expand(n *yaml.Node) int {
	a.written++
	if n.Kind == yaml.AliasNode {
		t := n.Alias
		if t == nil {
			return 1
		}
		if s, ok := a.size[t]; ok {
			return max(s, 1)
		}
		a.cycles = true
		what := "the value it names"
		if a.open[t] {
			what = fmt.Sprintf("the value &%s names", t.Anchor)
		}
		a.d.errs.Addf(a.d.pos(n), "alias *%s is inside %s, so it would repeat without end", n.Value, what).Hint =
			"an alias can only repeat a value that ends before it; write the inner entries out"
		return 1
	}
	if n.Anchor != "" {
		a.open[n] = true
	}
	total := 1
	for _, c := range n.Content {
		total = satAdd(total, a.expand(c))
	}
	if n.Anchor != "" {
		delete(a.open, n)
		a.size[n] = total
	}
	return total
}

// blame walks n in document order, adding each written value's expanded
// size to count, and returns the alias at which count passes limit.
func (a *aliasCheck) blame(n *yaml.Node, count, limit int) (*yaml.Node, int) {
	if n.Kind == yaml.AliasNode {
		count = satAdd(count, max(a.size[n.Alias], 1))
		if count > limit {
			return n, count
		}
		return nil, count
	}
	count++
	for _, c := range n.Content {
		var hit *yaml.Node
		if hit, count = a.blame(c, count, limit); hit != nil {
			return hit, count
		}
	}
	return nil, count
}
