package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-ssg/handbook/internal/site"
)

// TestMain runs the command itself when the tests start this test binary
// as handbook (see startHandbook), or as the child of an isolated bundle
// (every build the tests run bundles so, as handbook does).
func TestMain(m *testing.M) {
	if os.Getenv("HANDBOOK_TEST_MAIN") == "1" || os.Getenv(site.BundlerEnv) == "1" {
		forceAfter = 500 * time.Millisecond
		main()
	}
	os.Exit(m.Run())
}

// startHandbook starts handbook with args, as a process of its own.
func startHandbook(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HANDBOOK_TEST_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// After the first signal, forceStop gives the signals their default action
// back, and ends the process with 130 if the command has not returned.
func TestForceStop(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stopped, exited := false, make(chan int, 1)
	var stderr bytes.Buffer
	cancel()
	forceStop(ctx, func() { stopped = true }, 0, &stderr, func(code int) { exited <- code })
	if code := <-exited; code != exitInterrupted || !stopped {
		t.Errorf("exit %d, signals restored %v; want 130 and true", code, stopped)
	}
	if !strings.Contains(stderr.String(), "after the signal to stop") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// Ctrl-C stops a build whose template loops without end, within
// forceAfter, with exit 130 and the output folder as it was. (It used to
// be ignored, and SIGTERM too: only SIGKILL ended the build.)
func TestInterruptLoopingTemplate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a build")
	}
	dir := writeSite(t, map[string]string{
		"content/index.md":    "# Home\n",
		"content/p.md":        "Page.\n",
		"templates/page.html": `{{template "layout" .}}{{define "main"}}{{range 100000000000}}{{end}}{{end}}`,
	})
	out := filepath.Join(t.TempDir(), "out")
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		cmd, stderr := startHandbook(t, "build", "-s", dir, "-d", out)
		// Wait until the build has begun writing (its new folder is
		// there), and a little more, so that the signal finds it in the
		// template.
		for i := 0; ; i++ {
			if m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".out.new-*")); len(m) > 0 {
				break
			}
			if i == 600 {
				cmd.Process.Kill()
				t.Fatalf("the build did not start: %s", stderr)
			}
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(time.Second)
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
				t.Errorf("%v: %v, want exit 130; stderr:\n%s", sig, err, stderr)
			}
		case <-time.After(time.Minute):
			cmd.Process.Kill()
			t.Fatalf("%v: the build was still running a minute after the signal", sig)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%v: %s was written: %v", sig, out, err)
		}
	}
}

// A script nested deeper than esbuild can parse overflowed its stack and
// ended handbook, serve included, with a Go crash and exit 2: the bundle
// runs in a process of its own, so it is an error at the script.
func TestBundlerCrash(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/index.md":  "# Home\n",
		"static/js/main.ts": "let y = 1;\nlet x = " + strings.Repeat("!", 300000) + "y;\n",
	})
	code, _, stderr := runArgs("build", "-q", "-s", dir)
	want := "static/js/main.ts: the bundler (esbuild) crashed while it read this file: runtime: goroutine stack exceeds"
	if code != exitContent || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %s…", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("public/ was written: %v", err)
	}
}
