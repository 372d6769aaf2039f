//go:build browser

package browsertest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Security, accessibility and validity of every page type (issue 9).

// pageType is one kind of page of the site, as a test opens it.
type pageType struct {
	name string
	path string // relative to the site root; a trailing "/" means its index.html
	// ready is a JavaScript condition that holds once the page's script has
	// done its work (search results shown, form revealed); empty when the
	// load event is enough.
	ready string
	// act, if set, is JavaScript run once the page is ready, to bring the
	// page into the state a user leaves it in (a form with answers).
	act string
}

var pageTypes = []pageType{
	{name: "home", path: ""},
	{name: "guidance", path: "guidance/overview/"},
	{name: "standards", path: "standards/"},
	{name: "rubric", path: "standards/qaf-1/"},
	{name: "standard", path: "standards/qaf-1/active-listening/"},
	{name: "sheet", path: "standards/qaf-1/sheet/?areas=active-listening,questioning",
		ready: `document.querySelector("[data-choose]") && !document.querySelector("[data-choose]").hidden`},
	{name: "assess", path: "standards/qaf-1/assess/",
		ready: `document.querySelector("#assess-form") && !document.querySelector("#assess-form").hidden`,
		// Answer the first two questions, as a user part way through would.
		act: `(() => {
  const names = [...new Set([...document.querySelectorAll('#assess-form input[type="radio"]')].map((r) => r.name))];
  for (const n of names.slice(0, 2)) document.querySelector('#assess-form input[type="radio"][name="' + n + '"]').click();
  return names.length;
})()`},
	{name: "search", path: "search/?q=PIGEEP",
		ready: `document.querySelectorAll("#search-results li").length > 0`},
	{name: "glossary", path: "glossary/"},
	{name: "404", path: "404.html"},
	// Issue 16's pages: a team view, a document's print view.
	{name: "team", path: "standards/qaf-1/team/",
		ready: `!document.querySelector("[data-team]").hidden`},
	{name: "print", path: "print/work-focused-interview-guidance/"},
}

// views are the sizes axe-core checks each page at.
var views = []struct {
	name          string
	width, height int64
	scale         float64
}{
	{"1280 px", 1280, 800, 1},
	// WCAG 1.4.10 Reflow: 320 CSS px wide.
	{"320 px", 320, 640, 1},
	// 200% zoom, as a 1280×800 window zoomed to 200% lays a page out: the
	// viewport is 640×400 CSS px and each CSS px is two device pixels.
	// (Browser zoom scales CSS px exactly so; the DevTools protocol has no
	// page-zoom command, so device metrics stand in for it.)
	{"200% zoom", 640, 400, 2},
}

// TestPages opens one page of every type over HTTP under a sub-path and from
// file://. Each must request nothing but the site's own files, log no console
// error, exception or CSP violation, and pass axe-core's WCAG 2.2 A and AA
// rules at 1280 px, at 320 px and at 200% zoom.
func TestPages(t *testing.T) {
	t.Parallel()
	for _, pt := range pageTypes {
		for _, o := range origins {
			t.Run(pt.name+"/"+string(o), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				tb.viewport(views[0].width, views[0].height, views[0].scale)
				u := env.pageURL(o, pt.path)
				tb.open(u)
				if pt.ready != "" {
					tb.waitFor(pt.ready)
				}
				if pt.act != "" {
					eval[any](tb, pt.act)
				}
				// The recording works: the page's own stylesheet was seen.
				// The 404 page holds its stylesheet instead (it is shown
				// at any depth, where no relative URL finds one): it must
				// apply.
				if pt.name == "404" {
					if !styled(tb) {
						t.Errorf("%s: its inline stylesheet does not apply", u)
					}
				} else if !hasStylesheet(tb.requested()) {
					t.Errorf("%s: no request for the stylesheet was recorded: %q", u, tb.requested())
				}
				for i, v := range views {
					if i > 0 {
						tb.viewport(v.width, v.height, v.scale)
					}
					label := pt.name + " (" + string(o) + ") at " + v.name
					tb.axe(label)
					tb.reflows(label)
				}
			})
		}
	}
}

// reflows fails the test if the page scrolls sideways at the current
// viewport (WCAG 1.4.10 Reflow, which axe-core does not check), naming the
// elements that stick out. Data tables are the criterion's exception: they
// may scroll inside their own box, but not widen the page.
func (tb *tab) reflows(label string) {
	tb.t.Helper()
	type overflow struct {
		Page, Viewport int
		Elements       []string
	}
	o := eval[overflow](tb, `(() => {
  const vw = document.documentElement.clientWidth;
  // Content that scrolls inside a box of its own does not widen the page.
  const contained = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const out = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 0.5 && !contained(e)) {
      out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " (right edge " + Math.round(r.right) + " px)");
    }
  }
  // Text can stick out of a box that does not (a word too long to wrap).
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 0.5 && !contained(n)) {
      out.push("text " + JSON.stringify(n.textContent.trim().slice(0, 40)) + " in " + n.parentElement.tagName.toLowerCase() + " (right edge " + Math.round(r.right) + " px)");
    }
  }
  return {Page: document.documentElement.scrollWidth, Viewport: vw, Elements: out.slice(0, 8)};
})()`)
	if o.Page > o.Viewport {
		tb.t.Errorf("%s: the page is %d px wide in a %d px viewport, so it scrolls sideways; it sticks out at:\n\t%s",
			label, o.Page, o.Viewport, strings.Join(o.Elements, "\n\t"))
	}
}

func hasStylesheet(requests []string) bool {
	for _, r := range requests {
		if strings.Contains(r, "/assets/main-") && strings.HasSuffix(r, ".css") && env.ownFile(r) {
			return true
		}
	}
	return false
}

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	LastCol  int    `json:"lastColumn"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// TestHTMLValid runs the Nu HTML Checker over the built HTML of every page
// type, and of every rubric's sheet and form (their markup differs by the
// kind of rubric), and fails on any error.
func TestHTMLValid(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		p, _, _ = strings.Cut(p, "?")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		f := filepath.Join(env.siteDir, filepath.FromSlash(p))
		if seen[f] {
			return
		}
		if _, err := os.Stat(f); err != nil {
			t.Errorf("no built file for %s: %v", p, err)
			return
		}
		seen[f] = true
		files = append(files, f)
	}
	for _, pt := range pageTypes {
		add(pt.path)
	}
	for _, id := range rubricIDs(t) {
		add("standards/" + id + "/")
		add("standards/" + id + "/sheet/")
		add("standards/" + id + "/assess/")
	}

	jar := filepath.Join(env.npm, "vnu-jar", "build", "dist", "vnu.jar")
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, files...)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("java", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("java -jar vnu.jar: %v\n%s", err, stderr.String())
	}
	// vnu writes its JSON report to stderr.
	out := stderr.Bytes()
	if len(bytes.TrimSpace(out)) == 0 {
		out = stdout.Bytes()
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("read vnu's report: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		if m.Type == "info" {
			continue
		}
		file := strings.TrimPrefix(strings.TrimPrefix(m.URL, "file:"), env.siteDir+"/")
		// The 404 page holds the site's stylesheet inline, which vnu's CSS
		// checker then reads: its messages are about properties newer
		// than the checker (field-sizing), in the stylesheet every other
		// page links, which vnu does not check there either.
		if file == "404.html" && strings.HasPrefix(m.Message, "CSS: ") {
			continue
		}
		t.Errorf("%s:%d:%d: vnu %s: %s\n\t%s", file, m.LastLine, m.LastCol, m.Type, m.Message, short(m.Extract))
	}
	t.Logf("vnu checked %d files", len(files))
}
