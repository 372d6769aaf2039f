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
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
