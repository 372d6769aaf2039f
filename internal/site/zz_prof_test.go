package site

import (
	"context"
	"github.com/handbook-ssg/handbook/internal/publish"
	"os"
	"testing"
	"time"

	"github.com/handbook-ssg/handbook"
)

func BenchmarkDir(b *testing.B) {
	dir := os.Getenv("HB_DIR")
	if dir == "" {
		b.Skip()
	}
	for b.Loop() {
		if _, err := Build(context.Background(), os.DirFS(dir), Options{Defaults: handbook.Defaults()}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPhasesDir(t *testing.T) {
	dir := os.Getenv("HB_DIR")
	if dir == "" {
		t.Skip()
	}
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		res, err := Build(context.Background(), os.DirFS(dir), Options{Defaults: handbook.Defaults()})
		if err != nil {
			t.Fatal(err)
		}
		t1 := time.Now()
		if err := publish.Write("/tmp/phases-out", res.Files); err != nil {
			t.Fatal(err)
		}
		t.Logf("build %v publish %v files %d", t1.Sub(t0), time.Since(t1), len(res.Files))
	}
}

func BenchmarkRebuildDir(b *testing.B) {
	dir := os.Getenv("HB_DIR")
	if dir == "" {
		b.Skip()
	}
	fsys := os.DirFS(dir)
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults()}
	prev, err := Build(ctx, fsys, opt)
	if err != nil {
		b.Fatal(err)
	}
	file := os.Getenv("HB_FILE")
	for b.Loop() {
		res, err := Rebuild(ctx, fsys, opt, prev, []string{file})
		if err != nil {
			b.Fatal(err)
		}
		prev = res
	}
}
