package site

import (
	"context"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook"
)

// Options.BaseURL is checked as base_url is: a bad one builds nothing.
func TestBaseURLOption(t *testing.T) {
	site := archiveFS(t, readArchive(t, "testdata/basic.txtar"))
	for _, u := range []string{"javascript:alert(1)//", "/relative/", "https:///nohost"} {
		res, err := Build(context.Background(), site, Options{Defaults: handbook.Defaults(), BaseURL: u})
		if err == nil || res != nil || !strings.Contains(err.Error(), "base URL") {
			t.Errorf("%q: %v", u, err)
		}
	}
}
