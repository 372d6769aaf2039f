package devserver

import (
	"fmt"
	"html"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
)

// errorPage is what the preview shows while there is no good build to
// show: every error with its position, its message and what to do, as the
// terminal lists them, so that the page alone says what to fix. The
// reload script still runs on it, and replaces it with the site once a
// build succeeds.
func errorPage(problems []*source.Error) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>Build failed</title><link rel="stylesheet" href="` + Prefix + `overlay.css"></head>` +
		`<body class="hb-failed"><main><h1>The site has errors</h1>`)
	switch len(problems) {
	case 0:
		b.WriteString(`<p>The build failed; the terminal says why.</p>`)
	case 1:
		b.WriteString(`<p>The build found 1 error. Fix it and save: the page reloads.</p>`)
	default:
		fmt.Fprintf(&b, `<p>The build found %d errors. Fix them and save: the page reloads.</p>`, len(problems))
	}
	if len(problems) > 0 {
		b.WriteString(`<ul class="hb-errors">`)
		for _, p := range problems {
			b.WriteString("<li>")
			if pos := p.Pos.String(); pos != "" {
				b.WriteString("<code>" + html.EscapeString(pos) + "</code> ")
			}
			b.WriteString(html.EscapeString(p.Msg))
			if p.Hint != "" {
				b.WriteString(` <span class="hb-hint">(` + html.EscapeString(p.Hint) + `)</span>`)
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("</main></body></html>")
	return []byte(b.String())
}
