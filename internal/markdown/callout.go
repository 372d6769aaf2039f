package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A callout is a block set apart from the text: a GitHub alert (alerts.go)
// or an MkDocs admonition (admonitions.go). Both render as one of GOV.UK's
// two components for it: inset text for what is worth knowing (a note, a
// tip) and warning text for what can go wrong. The kind is never told by
// colour alone: inset text shows its label ("Note", or the author's title
// with the label before it for screen readers only); warning text shows an
// "!" icon, hidden from screen readers, and starts with the label for
// screen readers only, as GOV.UK's warning text does. A collapsible
// admonition is a details element whose summary is the title.
//
//	<div class="callout inset-text callout-note">
//	<p class="callout-title">Note</p>
//	<p>…</p>
//	</div>
//
//	<div class="callout warning-text callout-warning">
//	<span class="warning-text-icon" aria-hidden="true">!</span>
//	<div class="callout-body">
//	<p class="callout-title visually-hidden">Warning</p>
//	<p>…</p>
//	</div>
//	</div>

// KindCallout is the ast.NodeKind of a callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a GitHub alert or an MkDocs admonition, with its blocks as
// children.
type Callout struct {
	ast.BaseBlock
	// Name is the kind as written, in lower case ("note", "danger"); it
	// names the class callout-<name>, for a site's own styles.
	Name string
	// Label is the kind as a reader sees it ("Note", "Danger").
	Label string
	// Title is the author's title; with HasTitle and an empty Title the
	// author asked for none (!!! note "").
	Title    []byte
	HasTitle bool
	// Warning makes it warning text rather than inset text.
	Warning bool
	// Collapsible makes it a details element, open at first with Open.
	Collapsible, Open bool
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name, "Title": string(n.Title)}, nil)
}

// calloutRenderer renders a Callout.
type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*Callout)
		tag := "div"
		if n.Collapsible {
			tag = "details"
		}
		if !entering {
			if n.Collapsible || n.Warning {
				_, _ = w.WriteString("</div>\n")
			}
			_, _ = w.WriteString("</" + tag + ">\n")
			return ast.WalkContinue, nil
		}
		component := "inset-text"
		if n.Warning {
			component = "warning-text"
		}
		_, _ = w.WriteString("<" + tag + ` class="callout ` + component + " callout-" + n.Name + `"`)
		if n.Collapsible && n.Open {
			_, _ = w.WriteString(" open")
		}
		_, _ = w.WriteString(">\n")
		icon := `<span class="warning-text-icon" aria-hidden="true">!</span>`
		label := util.EscapeHTML([]byte(n.Label))
		if n.Collapsible {
			_, _ = w.WriteString(`<summary class="callout-title">`)
			if n.Warning {
				_, _ = w.WriteString(icon)
			}
			writeTitle(w, n, label)
			_, _ = w.WriteString("</summary>\n<div class=\"callout-body\">\n")
			return ast.WalkContinue, nil
		}
		if n.Warning {
			_, _ = w.WriteString(icon + "\n<div class=\"callout-body\">\n")
		}
		switch {
		case len(n.Title) > 0:
			_, _ = w.WriteString(`<p class="callout-title">`)
			writeTitle(w, n, label)
			_, _ = w.WriteString("</p>\n")
		case n.Warning || n.HasTitle:
			// Warning text shows its icon, not its label; a callout whose
			// author asked for no title shows none.
			_, _ = w.WriteString(`<p class="callout-title visually-hidden">`)
			_, _ = w.Write(label)
			_, _ = w.WriteString("</p>\n")
		default:
			_, _ = w.WriteString(`<p class="callout-title">`)
			_, _ = w.Write(label)
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	})
}

// writeTitle writes the author's title after the label for screen readers
// only, or the label alone when there is no title (a summary must show
// something).
func writeTitle(w util.BufWriter, n *Callout, label []byte) {
	if len(n.Title) == 0 {
		_, _ = w.Write(label)
		return
	}
	_, _ = w.WriteString(`<span class="visually-hidden">`)
	_, _ = w.Write(label)
	_, _ = w.WriteString(": </span>")
	_, _ = w.Write(util.EscapeHTML(n.Title))
}

// calloutType makes a kind as written into the lower-case name of a class:
// letters, digits, "-" and "_" (the parsers admit no others), at most 32.
func calloutType(s string) string {
	b := make([]byte, 0, min(len(s), 32))
	for i := 0; i < len(s) && len(b) < 32; i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			b = append(b, c)
		}
	}
	return string(b)
}

// calloutRenderers registers the callout renderer; both syntaxes' extensions
// add it, and goldmark keeps one renderer per kind.
func calloutRenderers() renderer.Option {
	return renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{}, 500))
}
