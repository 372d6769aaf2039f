package site

import (
	"bytes"
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/handbook-ssg/handbook"
)

// TestRebuildOverriddenTemplate: a site whose page.html lists every rubric
// (.Site.Rubrics) retitles a rubric. Every page shows the new title after
// the rebuild, as after a full build: what a template reads is recorded
// as it reads it, not listed by hand per kind of page.
func TestRebuildOverriddenTemplate(t *testing.T) {
	fsys := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
	// Without a navigation that names the rubrics, which would show the
	// title on every page anyway.
	cfg := fsys["handbook.yaml"].Data
	fsys["handbook.yaml"] = &fstest.MapFile{Data: cfg[:bytes.Index(cfg, []byte("nav:"))]}
	page, err := fs.ReadFile(handbook.Defaults(), "templates/page.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys["templates/page.html"] = &fstest.MapFile{Data: bytes.Replace(page, []byte(`<div class="prose">`),
		[]byte(`<ul class="all-rubrics">{{range .Site.Rubrics}}<li>{{.Title}}</li>{{end}}</ul>
<div class="prose">`), 1)}
	ctx := context.Background()
	opt := Options{Defaults: handbook.Defaults()}
	prev, err := Build(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	const file = "rubrics/listening.yaml"
	fsys[file] = &fstest.MapFile{Data: bytes.Replace(fsys[file].Data, []byte("title: Listening\n"), []byte("title: Listening well\n"), 1)}
	res, err := Rebuild(ctx, fsys, opt, prev, []string{file})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Build(ctx, fsys, Options{Defaults: handbook.Defaults(), NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	stale := 0
	for n, data := range full.Files {
		if !bytes.Equal(data, res.Files[n]) {
			t.Errorf("%s after the rebuild differs from a full build", n)
			stale++
		}
	}
	assertFile(t, res, "guidance/interview/index.html", "<li>Listening well</li>")
	if stale > 0 {
		t.Logf("%d stale outputs; %d templated, %d reused", stale, res.Stats.Templated, res.Stats.Reused)
	}
}
