package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

// base_url must be an absolute http or https URL; a bad one is an error at
// its key.
func TestBaseURL(t *testing.T) {
	for _, tt := range []struct{ url, want string }{
		{"https://intranet.example/handbook/", ""},
		{"http://intranet.example", ""},
		{"javascript:alert(1)//", "handbook.yaml:2:1: base_url \"javascript:alert(1)//\" is not an absolute http(s) URL"},
		{"/handbook/", "is not an absolute http(s) URL"},
		{"//intranet.example/", "is not an absolute http(s) URL"},
		{"https:///x", "is not an absolute http(s) URL"},
		{"https://:443/", "is not an absolute http(s) URL"},
		{"https://intranet.example/?a", "query or a fragment"},
	} {
		fsys := fstest.MapFS{File: {Data: []byte("title: T\nbase_url: \"" + tt.url + "\"\n")}}
		s, errs := Load(fsys)
		got := ""
		for _, e := range errs.Errors() {
			got += e.Error() + "\n"
		}
		if tt.want == "" {
			if got != "" {
				t.Errorf("%q: %s", tt.url, got)
			}
			if !strings.HasSuffix(s.BaseURL, "/") {
				t.Errorf("%q: base URL %q does not end in /", tt.url, s.BaseURL)
			}
			continue
		}
		if !strings.Contains(got, tt.want) || !strings.HasPrefix(got, "handbook.yaml:2:1: ") {
			t.Errorf("%q: got %q, want %q at handbook.yaml:2:1", tt.url, got, tt.want)
		}
	}
}
