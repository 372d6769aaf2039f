package check

import "testing"

func TestAnchorHint(t *testing.T) {
	ids := map[string]bool{"install": true, "installing-on-windows": true, "p1": true, "p12": true, "privacy": true, "Usage": true, "usage-notes": true}
	tests := []struct{ frag, want string }{
		{"p9", "paragraph anchors are #p and the number, e.g. #p47; check the number exists on that page"},
		{"p123", "paragraph anchors are #p and the number, e.g. #p47; check the number exists on that page"},
		// Not paragraph anchors: the hint is the ids that start alike.
		{"priv", "did you mean #privacy?"},
		{"prerequisites", "use the id of a heading, paragraph or standard on that page"},
		{"P1", "did you mean #p1?"},
		// Case does not matter; an id equal but for case is the one meant.
		{"Install", "did you mean #install?"},
		{"INSTALLING", "did you mean #install or #installing-on-windows?"},
		{"usage", "did you mean #Usage?"},
		{"Usa", "did you mean #Usage or #usage-notes?"},
		{"nowhere", "use the id of a heading, paragraph or standard on that page"},
		{"ŵyl", "use the id of a heading, paragraph or standard on that page"},
	}
	for _, tt := range tests {
		if got := anchorHint(tt.frag, ids); got != tt.want {
			t.Errorf("anchorHint(%q) = %q, want %q", tt.frag, got, tt.want)
		}
	}
}
