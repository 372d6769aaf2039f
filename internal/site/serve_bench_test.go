package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
)

// BenchmarkRebuildOneEdit measures serve's rebuild after an edit of one
// page of the site in $HANDBOOK_BENCH_SITE (go run ./bench/gen -n 10000
// -o /tmp/c, then HANDBOOK_BENCH_SITE=/tmp/c/handbook), as handbook serve
// makes it: Rebuild told of that one file, from the previous rebuild.
// text edits a paragraph (the quick path); title retitles the page, which
// other pages show (the full path). $HANDBOOK_BENCH_PAGE names the page (a
// site path); without it, the first page in the content folder.
func BenchmarkRebuildOneEdit(b *testing.B) {
	dir := os.Getenv("HANDBOOK_BENCH_SITE")
	if dir == "" {
		b.Skip("HANDBOOK_BENCH_SITE is not set")
	}
	ctx := context.Background()
	site := os.DirFS(dir)
	file := os.Getenv("HANDBOOK_BENCH_PAGE")
	if file == "" {
		fs.WalkDir(site, "content", func(p string, d fs.DirEntry, err error) error {
			if file == "" && err == nil && strings.HasSuffix(p, ".md") {
				file = p
			}
			return err
		})
	}
	orig, err := fs.ReadFile(site, file)
	if err != nil {
		b.Fatal(err)
	}
	edit := fstest.MapFS{}
	fsys := Overlay(edit, site)
	opt := Options{Defaults: handbook.Defaults()}
	prev, err := Build(ctx, fsys, opt)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range []struct{ name, old, new string }{
		{"text", "¶1 ", "¶1 edit%d "},
		{"title", `title: "`, `title: "Edit %d `},
	} {
		if !bytes.Contains(orig, []byte(e.old)) {
			b.Fatalf("%s has no %q", file, e.old)
		}
		b.Run(e.name, func(b *testing.B) {
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				i++
				edit[file] = &fstest.MapFile{Data: bytes.Replace(orig, []byte(e.old), []byte(fmt.Sprintf(e.new, i)), 1)}
				res, err := Rebuild(ctx, fsys, opt, prev, []string{file})
				if err != nil {
					b.Fatal(err)
				}
				if i == 1 {
					b.ReportMetric(float64(res.Stats.Templated), "templated")
				}
				prev = res
			}
		})
	}
}
