//go:build browser

package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
)

// syntaxPage uses the Markdown of other generators that the shipped
// handbook does not: GitHub alerts, MkDocs admonitions (open, collapsible,
// nested), heading attributes and a fence in a language chroma does not
// know.
const syntaxPage = "# Callouts\n\n" +
	"## Alerts {#alerts .wide}\n\n" +
	"> [!NOTE]\n> Useful information that users should know.\n\n" +
	"> [!TIP]\n> Helpful advice.\n\n" +
	"> [!IMPORTANT]\n> Key information.\n\n" +
	"> [!WARNING]\n> Check the claimant's identity before you start.\n\n" +
	"> [!CAUTION]\n> A sanction doubt must be raised the same day.\n>\n> - one\n> - two\n\n" +
	"## Admonitions\n\n" +
	"!!! tip \"A titled tip\"\n    Text of the tip.\n\n" +
	"!!! danger \"Before you start\"\n    Read this.\n\n" +
	"!!! note \"\"\n    A note with no title to see.\n\n" +
	"??? question \"Why a details element?\"\n    Because it opens and closes.\n\n" +
	"???+ warning\n    Open at first.\n\n" +
	"!!! note \"Outer\"\n    Outer text.\n\n    !!! warning \"Inner\"\n        Inner text.\n\n" +
	"## Code\n\n```mermaid\ngraph TD; A-->B;\n```\n"

// TestMarkdownSyntax builds a site of syntaxPage, and checks its page as
// TestPages and TestHTMLValid check the handbook's: axe-core's WCAG 2.2 A
// and AA rules at every view, no sideways scrolling, no console error, and
// valid HTML. It saves a screenshot for a person to look at.
func TestMarkdownSyntax(t *testing.T) {
	t.Parallel()
	res, err := site.Build(context.Background(), fstest.MapFS{
		"content/callouts.md": {Data: []byte(syntaxPage)},
	}, site.Options{Defaults: handbook.Defaults()})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := publish.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	// No published rubrics here: an empty folder stands in for them.
	srv := httptest.NewServer(siteHandler(dir, t.TempDir()))
	defer srv.Close()
	base := srv.URL + subPath

	// The fixture is not the handbook the harness serves, so its own files
	// count as foreign: keep the tab's reports and pass on all but those.
	rec := &recorder{TB: t}
	tb := newTab(rec)
	tb.viewport(views[0].width, views[0].height, views[0].scale)
	tb.open(base + "callouts/index.html")
	if n := eval[int](tb, `document.querySelectorAll(".callout").length`); n != 12 {
		t.Errorf("%d callouts on the page, want 12", n)
	}
	for i, v := range views {
		if i > 0 {
			tb.viewport(v.width, v.height, v.scale)
		}
		if i == 1 {
			// Open every details element, so axe sees their bodies.
			eval[int](tb, `[...document.querySelectorAll("details")].map((d) => d.open = true).length`)
		}
		tb.axe("callouts at " + v.name)
		tb.reflows("callouts at " + v.name)
	}
	tb.viewport(views[0].width, views[0].height, views[0].scale)
	var png []byte
	tb.call(func(ctx context.Context) error {
		var err error
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		return err
	}, "screenshot")
	if err := os.WriteFile(env.artifact(t, "syntax", "callouts.png"), png, 0o644); err != nil {
		t.Error(err)
	}
	tb.check()
	for _, e := range strings.Split(rec.all(), "\n") {
		if e == "" || strings.HasPrefix(e, "request to "+base) && strings.HasSuffix(e, "which is not a file of the site") {
			continue
		}
		t.Error(e)
	}

	jar := filepath.Join(env.npm, "vnu-jar", "build", "dist", "vnu.jar")
	var stderr bytes.Buffer
	cmd := exec.Command("java", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always", filepath.Join(dir, "callouts", "index.html"))
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("java -jar vnu.jar: %v\n%s", err, stderr.String())
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("read vnu's report: %v\n%s", err, stderr.String())
	}
	for _, m := range report.Messages {
		if m.Type != "info" {
			t.Errorf("callouts/index.html:%d:%d: vnu %s: %s\n\t%s", m.LastLine, m.LastCol, m.Type, m.Message, short(m.Extract))
		}
	}
}
