package site

import (
	"bytes"
	"context"
	"io/fs"
	"reflect"
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

// TestDataAccessors checks that what a template could read of the site's
// views before they were reached through recording accessors it can
// still read, by the same name: every exported field and method of the
// Model, a Page, a rubric's view, a standard's and the glossary's has a
// method of that name on the accessor that hands it out, so that a site's
// own templates keep working and every read is recorded.
func TestDataAccessors(t *testing.T) {
	pairs := []struct {
		view, data any
	}{
		{&Model{}, &SiteData{}},
		{&Page{}, &PageData{}},
		{&RubricView{}, &RubricData{}},
		{&NodeView{}, &NodeData{}},
		{&GlossaryView{}, &GlossaryData{}},
		{&DocumentView{}, &DocumentData{}},
		{&ChapterView{}, &ChapterData{}},
	}
	for _, p := range pairs {
		vt, dt := reflect.TypeOf(p.view), reflect.TypeOf(p.data)
		var names []string
		for i := range vt.Elem().NumField() {
			if f := vt.Elem().Field(i); f.IsExported() {
				names = append(names, f.Name)
			}
		}
		for i := range vt.NumMethod() {
			names = append(names, vt.Method(i).Name)
		}
		if len(names) == 0 {
			t.Fatalf("%s has nothing exported", vt)
		}
		for _, n := range names {
			if _, ok := dt.MethodByName(n); !ok {
				t.Errorf("%s has %s; %s has no method %s to record reading it", vt, n, dt, n)
			}
		}
	}
}
