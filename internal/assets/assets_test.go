package assets

import (
	"context"
	"os"
	"strings"
	"testing"
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
