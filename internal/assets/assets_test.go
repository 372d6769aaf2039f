package assets

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLicenceNotices checks that the bundles keep the licence notices of
// the code they hold (fflate's, MIT, in the search bundle) and that bundles
// holding no such code get none.
func TestLicenceNotices(t *testing.T) {
	man, files, err := Bundle(context.Background(), os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]string{}
	for _, f := range files {
		data[f.Path] = string(f.Data)
	}
	tests := []struct {
		entry  string
		notice string // "" for none
	}{
		{"search.js", "/*! fflate 0.8.3 (inflate only) | Copyright (c) 2026 Arjun Barrett | MIT License */"},
		{"main.js", ""},
		{"assess.js", ""},
		{"sheet.js", ""},
	}
	for _, tt := range tests {
		b, ok := data[man[tt.entry]]
		if !ok {
			t.Errorf("%s: not bundled (manifest %v)", tt.entry, man)
			continue
		}
		if tt.notice == "" {
			if strings.Contains(b, "/*!") {
				t.Errorf("%s holds a licence notice it should not", tt.entry)
			}
		} else if !strings.Contains(b, tt.notice) {
			t.Errorf("%s lacks the notice %q", tt.entry, tt.notice)
		}
	}
}

// TestMain serves as an isolated bundle's child when a test starts this
// test binary as one.
func TestMain(m *testing.M) {
	if os.Getenv(ChildEnv) == "1" {
		os.Exit(ServeChild(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// An isolated bundle gives the same files, and the same errors, as one in
// this process.
func TestIsolatedSame(t *testing.T) {
	bad := fstest.MapFS{
		"static/js/main.ts":   {Data: []byte("import \"./missing\";\nimport \"./util\";\nconst x: number = ;\n")},
		"static/js/util.ts":   {Data: []byte("export const y = 1;\n")},
		"static/css/main.css": {Data: []byte("@import \"./gone.css\";\nbody { color: red }\n")},
	}
	for _, fsys := range []fs.FS{os.DirFS("../.."), bad} {
		man1, files1, err1 := Bundle(context.Background(), fsys, Options{Generated: []byte(".chroma{}")})
		man2, files2, err2 := Bundle(context.Background(), fsys, Options{Generated: []byte(".chroma{}"), Isolate: true})
		if fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Errorf("errors differ:\n%v\nisolated:\n%v", err1, err2)
		}
		if !reflect.DeepEqual(man1, man2) || !reflect.DeepEqual(files1, files2) {
			t.Errorf("outputs differ: %v, isolated %v", man1, man2)
		}
	}
}

// A script nested deeper than esbuild's parser can go overflows its
// stack, which ends its process: isolated, that is an error at the
// script, and this process goes on.
func TestIsolatedCrash(t *testing.T) {
	fsys := fstest.MapFS{
		"static/js/main.ts": {Data: []byte("let y = 1;\nlet x = " + strings.Repeat("!", 300000) + "y;\n")},
	}
	_, _, err := Bundle(context.Background(), fsys, Options{Isolate: true})
	want := "static/js/main.ts: the bundler (esbuild) crashed while it read this file: runtime: goroutine stack exceeds"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v\nwant %s…", err, want)
	}
}

// A stylesheet's url(data:…) and url(#id) stay as they are: neither is a
// file to bundle (both were "cannot find"). A URL on another host is
// refused as such: the site makes no request to any other host.
func TestCSSURLs(t *testing.T) {
	fsys := fstest.MapFS{
		"static/css/main.css": {Data: []byte("a{background:url(\"data:image/svg+xml,%3Csvg/%3E\")}\nb{filter:url(#blur)}\n")},
	}
	man, files, err := Bundle(context.Background(), fsys, Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	css := ""
	for _, f := range files {
		if f.Path == man["main.css"] {
			css = string(f.Data)
		}
	}
	for _, want := range []string{"url(data:image/svg+xml,%3Csvg/%3E)", "url(#blur)"} {
		if !strings.Contains(css, want) {
			t.Errorf("the stylesheet lacks %s:\n%s", want, css)
		}
	}
	fsys["static/css/main.css"] = &fstest.MapFile{Data: []byte("@import \"https://fonts.example/x.css\";\na{background:url(http://cdn.example/a.png)}\n")}
	_, _, err = Bundle(context.Background(), fsys, Options{})
	for _, want := range []string{
		`static/css/main.css:1:9: "https://fonts.example/x.css" is on another host, and the site makes no request to another host`,
		`static/css/main.css:2:14: "http://cdn.example/a.png" is on another host`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors %v\nwant %s", err, want)
		}
	}
}
