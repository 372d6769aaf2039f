//go:build browser

package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// axeTags are the rule sets axe-core runs: WCAG 2.0, 2.1 and 2.2 at levels A
// and AA, which is the bar the handbook answers to.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  json.RawMessage `json:"target"`
		HTML    string          `json:"html"`
		Summary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// axe runs axe-core over the page as it is now and fails the test on every
// violation, listing each with the targets of its nodes. label says which
// page and view the run was for.
//
// axe.min.js is evaluated through the DevTools protocol rather than added as
// a <script>: the site's Content-Security-Policy forbids inline script, and a
// probe must not change the page it measures.
func (tb *tab) axe(label string) {
	tb.t.Helper()
	if !eval[bool](tb, `typeof window.axe === "object"`) {
		eval[bool](tb, env.axe+"\n;typeof window.axe === \"object\"")
	}
	tags, _ := json.Marshal(axeTags)
	// From file:// a page's stylesheets have an opaque origin, and axe's
	// preload would re-read them with XMLHttpRequest, which Chromium refuses
	// there (logging a CORS error the tab would blame on the site). The CSS
	// rules that need the preload (css-orientation-lock) still run over HTTP.
	violations := eval[[]axeViolation](tb, fmt.Sprintf(`axe.run(document, {
  runOnly: {type: "tag", values: %s},
  resultTypes: ["violations"],
  preload: location.protocol !== "file:",
}).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact || "", help: v.help,
  nodes: v.nodes.map((n) => ({target: n.target, html: n.html, failureSummary: n.failureSummary || ""})),
})))`, tags))
	for _, v := range violations {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s, on %d element(s):", label, v.ID, v.Impact, v.Help, len(v.Nodes))
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s  %s", n.Target, short(n.HTML))
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n\t\t%s", strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
			}
		}
		tb.t.Error(b.String())
	}
}
