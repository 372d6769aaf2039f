// Command handbook builds, checks and serves a handbook site.
//
//	handbook build [-s SOURCE] [-d DEST] [--base-url URL] [--force]
//	handbook serve [-s SOURCE] [--addr 127.0.0.1:1313] [--expose]
//	handbook check [-s SOURCE] [--format text|json]
//	handbook ids [-s SOURCE] [--write]
//	handbook version
//
// Exit status: 0 on success, 1 on content errors (every one listed as
// path:line:col: message), 2 on usage errors (an output folder the path
// rules refuse among them), 130 when Ctrl-C or SIGTERM stopped a build or
// check before it finished (the output folder is then as it was).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/handbook-ssg/handbook/internal/site"
)

func main() {
	if os.Getenv(site.BundlerEnv) == "1" {
		// This process bundles scripts for a build in its parent.
		os.Exit(site.ServeBundler(os.Stdin, os.Stdout))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go forceStop(ctx, stop, forceAfter, os.Stderr, os.Exit)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// forceAfter is how long a command has to stop after Ctrl-C or SIGTERM.
// Every stage stops at the next page or file; a site's own template can
// loop without end inside one page ({{range 100000000000}}), where nothing
// can stop it but ending the process.
var forceAfter = 5 * time.Second

// forceStop waits for the first Ctrl-C or SIGTERM (ctx done). It then
// gives the signals back their default action (stop), so that a second
// one ends the process at once, and if the command has not returned after
// the given time, it ends the process with exit 130 itself. A build ended
// so leaves its half-written folder beside the output folder, which the
// next build removes; the output folder is as it was.
func forceStop(ctx context.Context, stop func(), after time.Duration, stderr io.Writer, exit func(int)) {
	<-ctx.Done()
	stop()
	time.Sleep(after)
	fmt.Fprintf(stderr, "handbook: still running %s after the signal to stop (a template that loops without end?); stopped\n", after)
	exit(exitInterrupted)
}
