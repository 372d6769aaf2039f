package search_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook/internal/search"
	"github.com/handbook-ssg/handbook/internal/search/searchtest"
)

func TestZZReal(t *testing.T) {
	var files []search.File
	fs.WalkDir(os.DirFS("/tmp/hbout"), ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			data, _ := os.ReadFile("/tmp/hbout/" + p)
			files = append(files, search.File{Path: "/" + p, Data: data})
		}
		return nil
	})
	e, err := searchtest.New(os.DirFS("../.."), files)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	res, err := e.Search("en", 3, strings.Split(os.Getenv("Q"), ",")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		t.Logf("%q: %d results %s", r.Query, r.Count, r.Error)
		for _, h := range r.Hits {
			t.Logf("   %-50s %-9s %-30.30q %.2f %.90q", h.URL, h.Kind, searchtest.Text(h.Title), h.Score, searchtest.Text(h.Snippet))
		}
	}
}
