//go:build tsc

package tscheck

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/search"
)

// root is the repository's root, from this package's folder.
const root = "../.."

// TestJSONMatchesTypes writes TypeScript files that assign the build's JSON
// to the browser's types and runs tsc over them with the repository's
// tsconfig.json (strict). An object literal assigned to a type may hold no
// field the type lacks and must hold every field it requires, so a field
// renamed or retyped in Go, or in TypeScript, fails.
func TestJSONMatchesTypes(t *testing.T) {
	tsc := tscPath(t)
	js, err := filepath.Abs(filepath.Join(root, "static", "js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	models := modelsTS(t, filepath.ToSlash(filepath.Join(js, "assess", "engine")))
	write("models.ts", models)
	files := searchFiles(t)
	registry := filepath.ToSlash(filepath.Join(js, "search", "registry"))
	for i, f := range files {
		write(fmt.Sprintf("index%d.ts", i), fmt.Sprintf("// %s\nimport type { Registry } from %q;\ndeclare const window: { __hbSearch: Registry };\n%s", f.Path, registry, f.Data))
	}
	tsconfig, err := filepath.Abs(filepath.Join(root, "tsconfig.json"))
	if err != nil {
		t.Fatal(err)
	}
	write("tsconfig.json", fmt.Sprintf(`{"extends": %q, "include": ["*.ts"]}`, filepath.ToSlash(tsconfig)))

	out, err := exec.Command(tsc, "-p", filepath.Join(dir, "tsconfig.json"), "--noEmit", "--strict").CombinedOutput()
	if err != nil {
		t.Fatalf("tsc: %v: the JSON the build writes does not match the browser's types:\n%s\n(the files are in %s)", err, out, dir)
	}
	t.Logf("%d rubric models and %d search index files match their types", strings.Count(models, ": Model ="), len(files))
}

// tscPath returns TypeScript's tsc in HANDBOOK_NPM, failing the test when
// it is missing.
func tscPath(t *testing.T) string {
	npm := os.Getenv("HANDBOOK_NPM")
	if npm == "" {
		npm = filepath.Join(root, ".tmp", "npm", "node_modules")
	}
	p, err := filepath.Abs(filepath.Join(npm, ".bin", "tsc"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("tsc is missing (run scripts/test, or npm install typescript into HANDBOOK_NPM): %v", err)
	}
	return p
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9_]`)

// modelsTS returns a TypeScript module that assigns the JSON model of every
// shipped rubric, of the published rubrics the tests use, and of a model
// with every field set, to engine.ts's Model.
func modelsTS(t *testing.T, engine string) string {
	rubrics, errs := rubric.Load(os.DirFS(root))
	if errs.HasErrors() {
		t.Fatalf("rubrics/ does not load: %v", errs.Err())
	}
	if len(rubrics) == 0 {
		t.Fatal("no rubrics in rubrics/")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "import type { Model } from %q;\n", engine)
	add := func(name string, m *rubric.Model) {
		js, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "export const %s: Model = %s;\n", nonIdent.ReplaceAllString(name, "_"), js)
	}
	for _, r := range rubrics {
		add("rubric_"+r.ID, rubric.NewModel(r))
	}
	// The published rubrics of issue 15: weights, not-applicable levels,
	// bands of the total.
	published, errs := rubric.Load(os.DirFS(filepath.Join(root, "internal", "rubric", "testdata", "published")))
	if errs.HasErrors() || len(published) == 0 {
		t.Fatalf("internal/rubric/testdata/published does not load: %v", errs.Err())
	}
	for _, r := range published {
		add("published_"+r.ID, rubric.NewModel(r))
	}
	var full rubric.Model
	fill(reflect.ValueOf(&full).Elem())
	add("every_field", &full)
	return b.String()
}

// fill sets every field of v, and of what it holds, to a value that is not
// zero, so that omitempty leaves none out.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	case reflect.Float64:
		v.SetFloat(1)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Map:
		k := reflect.New(v.Type().Key()).Elem()
		e := reflect.New(v.Type().Elem()).Elem()
		fill(k)
		fill(e)
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(k, e)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i))
		}
	default:
		panic("tscheck: fill does not know " + v.Type().String())
	}
}

// searchFiles returns the files of a small search index in English (stemmed,
// apostrophes joined) and Welsh (neither), every kind of entry among them.
func searchFiles(t *testing.T) []search.File {
	var entries []search.Entry
	for _, lang := range []string{"en", "cy"} {
		entries = append(entries,
			search.Entry{URL: "/" + lang + "/a/", Kind: search.Page, Title: "Work Focused Interview", Context: "Guidance", Text: "The claimant’s commitment.", Lang: lang},
			search.Entry{URL: "/" + lang + "/a/#p1", Kind: search.Paragraph, Title: "Paragraph 1", Context: "Guidance › Chapter 1", Text: "Interviews and evidence.", Lang: lang},
			search.Entry{URL: "/" + lang + "/a/#intro", Kind: search.Section, Title: "Introduction", Context: "Guidance", Text: "Sanction doubts.", Lang: lang},
			search.Entry{URL: "/" + lang + "/standards/s/", Kind: search.Standard, Title: "Active listening", Context: "QAF 1", Text: "Listens to the claimant.", Lang: lang},
			search.Entry{URL: "/" + lang + "/glossary/#cat", Kind: search.Glossary, Title: "CAT", Context: "Glossary", Text: "Customer Assessment Tool", Lang: lang},
		)
	}
	files, err := search.Build(entries, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range files {
		kinds[filepath.Base(filepath.Dir(f.Path))]++
	}
	if kinds["en"] != 1 || kinds["cy"] != 1 || kinds["t"] == 0 || kinds["d"] == 0 {
		t.Fatalf("the index has %v files by folder; want a manifest per language and term and document shards", kinds)
	}
	return files
}
