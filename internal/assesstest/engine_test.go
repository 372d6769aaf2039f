package assesstest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/handbook-ssg/handbook/internal/rubric"
)

// root is the repository's root, from this package's folder.
const root = "../.."

// TestEngine runs the engine's unit tests under `node --test`.
func TestEngine(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to test the scoring engine (Debian: apt-get install nodejs): %v", err)
	}
	dir := t.TempDir()

	// The real models, as the build emits them into each form's data-model.
	rubrics, errs := rubric.Load(os.DirFS(root))
	if errs.HasErrors() {
		t.Fatalf("rubrics/ does not load: %v", errs.Err())
	}
	models := map[string]json.RawMessage{}
	for _, r := range rubrics {
		js, err := rubric.JSON(r)
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		models[r.ID] = js
	}
	data, err := json.Marshal(models)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "models.json"), data)

	// The published rubrics of issue 15, which the handbook does not ship:
	// the rules of weights, not-applicable answers, reversal and bands on
	// rubrics written elsewhere.
	fixtures, errs := rubric.Load(os.DirFS(filepath.Join(root, "internal/rubric/testdata/published")))
	if errs.HasErrors() || len(fixtures) == 0 {
		t.Fatalf("internal/rubric/testdata/published does not load: %v", errs.Err())
	}
	published := map[string]json.RawMessage{}
	for _, r := range fixtures {
		js, err := rubric.JSON(r)
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		published[r.ID] = js
	}
	if data, err = json.Marshal(published); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "published.json"), data)

	// The engine, and the team view's logic (which imports it), each as an
	// ES module Node can import.
	for _, mod := range []string{"engine", "team"} {
		entry, err := filepath.Abs(filepath.Join(root, "static/js/assess", mod+".ts"))
		if err != nil {
			t.Fatal(err)
		}
		res := api.Build(api.BuildOptions{
			EntryPoints: []string{entry},
			Bundle:      true,
			Write:       false,
			Format:      api.FormatESModule,
			Platform:    api.PlatformNeutral,
			Target:      api.ES2020,
			Outfile:     filepath.Join(dir, mod+".mjs"),
			LogLevel:    api.LogLevelSilent,
		})
		for _, m := range res.Errors {
			loc := ""
			if m.Location != nil {
				loc = fmt.Sprintf("%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column+1)
			}
			t.Errorf("esbuild: %s%s", loc, m.Text)
		}
		if len(res.Errors) > 0 || len(res.OutputFiles) != 1 {
			t.FailNow()
		}
		write(t, filepath.Join(dir, mod+".mjs"), res.OutputFiles[0].Contents)
	}

	tests, err := filepath.Glob("testdata/*.test.mjs")
	if err != nil || len(tests) == 0 {
		t.Fatalf("no tests in testdata: %v", err)
	}
	args := []string{"--test", "--test-reporter=spec"}
	for _, f := range tests {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, filepath.Base(f)), data)
		args = append(args, filepath.Base(f))
	}

	cmd := exec.Command(node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "FORCE_COLOR=0")
	out, err := cmd.CombinedOutput()
	if testing.Verbose() || err != nil {
		t.Logf("node %s:\n%s", strings.Join(args, " "), out)
	}
	if err != nil {
		t.Fatalf("the engine's unit tests failed: %v", err)
	}
	pass := regexp.MustCompile(`(?m)^ℹ pass (\d+)$`).FindSubmatch(out)
	if pass == nil || string(pass[1]) == "0" {
		t.Fatalf("node ran no test:\n%s", out)
	}
	t.Logf("node --test: %s engine tests passed", pass[1])
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
