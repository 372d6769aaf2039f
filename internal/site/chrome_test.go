package site

import (
	"io/fs"
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	handbook "github.com/handbook-ssg/handbook"
)

// TestSharedNav: the navigation rendered once per kind and language and
// shown as it is on the pages not in it gives, byte for byte, the pages
// that templating it on every page gives (a site's own copy of the
// default nav partial is templated on every page), in both of the
// fixture's languages.
func TestSharedNav(t *testing.T) {
	fsys := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
	shared := mustBuild(t, fsys)

	nav, err := fs.ReadFile(handbook.Defaults(), "templates/partials/nav.html")
	if err != nil {
		t.Fatal(err)
	}
	own := maps.Clone(fsys)
	own["templates/partials/nav.html"] = &fstest.MapFile{Data: nav, Mode: 0o644}
	perPage := mustBuild(t, own)

	langs := map[string]bool{}
	for k, h := range shared.Model.navs.byKind {
		if h == "" {
			t.Errorf("the %s navigation in %q failed", k.kind, k.lang)
		}
		langs[k.lang] = true
	}
	if !langs["en"] || !langs["cy"] {
		t.Errorf("shared navigations in %v, want en and cy", slices.Sorted(maps.Keys(langs)))
	}
	if n := len(perPage.Model.navs.byKind); n != 0 {
		t.Errorf("%d navigations shared with the site's own nav partial, want none", n)
	}
	if a, b := slices.Sorted(maps.Keys(shared.Files)), slices.Sorted(maps.Keys(perPage.Files)); !slices.Equal(a, b) {
		t.Fatalf("files %v, templated per page %v", a, b)
	}
	for name, data := range shared.Files {
		if string(data) != string(perPage.Files[name]) {
			t.Errorf("%s differs from the page with its navigation templated for it", name)
		}
	}
}
