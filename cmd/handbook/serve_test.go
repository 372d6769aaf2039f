package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// serve listens on this machine only unless --expose, and then warns.
func TestServeAddr(t *testing.T) {
	src := writeSite(t, map[string]string{"content/a.md": "¶1 Fine."})
	// A cancelled context stops serve right after it starts listening.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	serve := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := run(ctx, append([]string{"serve", "-s", src}, args...), &out, &errb)
		return code, errb.String()
	}
	for _, addr := range []string{":0", "0.0.0.0:0"} {
		code, errs := serve("--addr", addr)
		if code != exitUsage || !strings.Contains(errs, "--expose") || strings.Contains(errs, "warning") {
			t.Errorf("--addr %s: exit %d, want %d and a word on --expose:\n%s", addr, code, exitUsage, errs)
		}
		code, errs = serve("--addr", addr, "--expose")
		if code != exitOK || !strings.Contains(errs, "warning: listening on") || !strings.Contains(errs, "other machines can reach") {
			t.Errorf("--addr %s --expose: exit %d, want 0 and a warning:\n%s", addr, code, errs)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0"} {
		code, errs := serve("--addr", addr)
		if code != exitOK || strings.Contains(errs, "warning") {
			t.Errorf("--addr %s: exit %d:\n%s", addr, code, errs)
		}
	}
}
