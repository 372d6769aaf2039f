package site

import (
	gobuild "go/build"
	"slices"
	"strings"
	"testing"
)

// allowed is every import between the project's packages: each stage has
// one job and dependencies point one way, down the pipeline. A new edge
// fails this test; add it here only with a reason.
var allowed = map[string][]string{
	"cmd/handbook":       {"", "internal/chromium", "internal/devserver", "internal/publish", "internal/rubric", "internal/site", "internal/sitefs", "internal/source"},
	"internal/devserver": {"internal/site", "internal/source"},
	"internal/site":      {"internal/assets", "internal/check", "internal/config", "internal/content", "internal/markdown", "internal/rubric", "internal/search", "internal/source", "internal/templates"},
	"internal/check":     {"internal/markdown", "internal/source"},
	"internal/content":   {"internal/config", "internal/source", "internal/yamlfile"},
	// rubric, like content, reads the words pages and rubrics share:
	// config.Source (where a text comes from) and config.IsLang.
	"internal/rubric":    {"internal/config", "internal/source", "internal/yamlfile"},
	"internal/config":    {"internal/source", "internal/yamlfile"},
	"internal/templates": {"internal/source", "internal/yamlfile"},
	"internal/yamlfile":  {"internal/source"},
	"internal/markdown":  {"internal/source"},
	"internal/search":    {},
	// assets reports esbuild's problems as positioned errors, and reads
	// through source.Read, capped like every other site file.
	"internal/assets": {"internal/source"},
	// sitefs reads the site folder, refusing what source.ReadError
	// reports; it takes the size limit from source.
	"internal/sitefs":      {"internal/source"},
	"internal/publish":     {},
	"internal/source":      {},
	"internal/chromium":    {},
	"internal/browsertest": nil, // tests only: may import anything
	"internal/assesstest":  nil,
}

const module = "github.com/handbook-ssg/handbook"

func TestImports(t *testing.T) {
	for pkg, allow := range allowed {
		if allow == nil {
			continue
		}
		p, err := gobuild.Import(module+"/"+pkg, "", 0)
		if err != nil {
			if strings.Contains(err.Error(), "cannot find") || strings.Contains(err.Error(), "no buildable") {
				continue
			}
			t.Fatal(err)
		}
		for _, imp := range p.Imports {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			if !slices.Contains(allow, rel) {
				t.Errorf("%s imports %s, which the pipeline's one-way order does not allow", pkg, rel)
			}
		}
	}
}
