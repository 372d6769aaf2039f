package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

// feedback is a mailto: address or an http(s) page; anything else is an
// error at its key, which says what to write.
func TestFeedback(t *testing.T) {
	for _, tt := range []struct{ value, want string }{
		{"mailto:handbook@example.org", ""},
		{"mailto:handbook@example.org?subject=Handbook%20feedback", ""},
		{"https://intranet.example/feedback/", ""},
		{"http://intranet.example", ""},
		{"handbook@example.org", `handbook.yaml:2:1: feedback "handbook@example.org" is neither a mailto: address nor an http(s) URL (write a mailto: address (mailto:handbook@example.org) or the http(s) address of a page)`},
		{"mailto:handbook", `feedback "mailto:handbook" is not a mailto: address (mailto:name@host)`},
		{"mailto:@example.org", `is not a mailto: address`},
		{"javascript:alert(1)", `is neither a mailto: address nor an http(s) URL`},
		{"https:///feedback", `is not an absolute http(s) URL`},
		{"//intranet.example/feedback", `is neither a mailto: address nor an http(s) URL`},
		{"/feedback/", `is neither a mailto: address nor an http(s) URL`},
		{"https://intranet.example/a b", `is not an address`},
	} {
		fsys := fstest.MapFS{File: {Data: []byte("title: T\nfeedback: \"" + tt.value + "\"\n")}}
		s, errs := Load(fsys)
		got := ""
		for _, e := range errs.Errors() {
			got += e.Error()
		}
		switch {
		case tt.want == "" && got != "":
			t.Errorf("%q: %s", tt.value, got)
		case tt.want == "" && s.Feedback != tt.value:
			t.Errorf("%q: Feedback is %q", tt.value, s.Feedback)
		case tt.want != "" && (!strings.Contains(got, tt.want) || !strings.HasPrefix(got, "handbook.yaml:2:1: ")):
			t.Errorf("%q: got %q, want %q at handbook.yaml:2:1", tt.value, got, tt.want)
		}
	}
}

// translations are by language code: another language than the site's,
// saying something.
func TestTranslations(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"translations:\n  cy:\n    title: Llawlyfr\n    nav: {Guidance: Canllawiau}\n", ""},
		{"translations:\n  Welsh: {title: Llawlyfr}\n", `handbook.yaml:4:3: translations: "Welsh" is not a language code (use a code such as cy)`},
		{"translations:\n  en: {title: Handbook}\n", `handbook.yaml:4:3: translations: "en" is the site's own language`},
		{"translations:\n  cy:\n", `handbook.yaml:4:3: translations: cy says nothing`},
		{"translations:\n  cy: {titel: Llawlyfr}\n", `unknown key "titel"`},
	} {
		fsys := fstest.MapFS{File: {Data: []byte("title: T\nlang: en\n" + tt.yaml)}}
		s, errs := Load(fsys)
		got := ""
		for _, e := range errs.Errors() {
			got += e.Error()
		}
		if tt.want == "" {
			tr := s.Translations["cy"]
			if got != "" || tr.Title != "Llawlyfr" || tr.Nav["Guidance"] != "Canllawiau" {
				t.Errorf("%q: %s %+v", tt.yaml, got, s.Translations)
			}
			// Positions inside a language's entry are kept, for the
			// errors of its footer and navigation.
			if tr.KeyPos["title"].Line != 5 || tr.NavPos["Guidance"].Line != 6 {
				t.Errorf("positions: title %v, nav Guidance %v", tr.KeyPos["title"], tr.NavPos["Guidance"])
			}
			continue
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.yaml, got, tt.want)
		}
	}
}
