package main

import (
	"context"
	"fmt"
	"io"

	"github.com/handbook-ssg/handbook/internal/devserver"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	src := fs.String("s", ".", "the site folder (holding content/ and rubrics/)")
	addr := fs.String("addr", "127.0.0.1:1313", "the address to serve on; this machine only unless --expose")
	expose := fs.Bool("expose", false, "allow an address other machines can reach, such as :1313 or 0.0.0.0:1313")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	fsys, ok := openSource(*src, stderr)
	if !ok {
		return exitUsage
	}
	defer fsys.Close()
	noteLayout(*src, fsys, stderr)
	opt := options()
	opt.Drafts, opt.NoRebuild = *drafts, false
	s := devserver.New(fsys, opt, stdout)
	ln, err := s.Listen(*addr, *expose)
	if err != nil {
		fmt.Fprintf(stderr, "handbook serve: %v\n", err)
		return exitUsage
	}
	if loopback, _ := devserver.Loopback(ln.Addr().String()); !loopback {
		fmt.Fprintf(stderr, "handbook serve: warning: listening on %s, which other machines can reach: "+
			"anyone on the network can read the site, its drafts and its errors\n", ln.Addr())
	}
	s.Build(ctx)
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", *src, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- s.Watch(ctx, *src) }()
	if err := s.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "handbook serve: %v\n", err)
		return exitContent
	}
	if err := <-errc; err != nil {
		fmt.Fprintf(stderr, "handbook serve: watch: %v\n", err)
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}
