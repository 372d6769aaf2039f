package rubric

import (
	"os"
	"testing"
)

// BenchmarkLoad decodes and validates the shipped rubrics (rubrics/*.yaml),
// so that a change of YAML library or of the checks can be weighed:
// go test ./internal/rubric -run '^$' -bench Load -benchmem.
func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS("../..")
	for b.Loop() {
		rs, errs := Load(fsys)
		if errs.HasErrors() || len(rs) == 0 {
			b.Fatalf("%d rubrics, errors: %v", len(rs), errs.Err())
		}
	}
}
