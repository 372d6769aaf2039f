package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
	"github.com/handbook-ssg/handbook/internal/sitefs"
	"github.com/handbook-ssg/handbook/internal/source"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
	// exitInterrupted is the shell's code for a command stopped by
	// SIGINT (128+2), used for SIGTERM too: the command stopped before it
	// changed anything.
	exitInterrupted = 130
)

const usage = `usage: handbook <command> [flags]

commands:
  build     build the site into a folder
  serve     build, serve and rebuild on every change, with live reload
  check     validate content, links and references; write nothing
  ids       list (or --write) the published rubric and standard ids
  version   print the version

Run 'handbook <command> -h' for a command's flags.
`

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return interruptible(ctx, runBuild(ctx, args[1:], stdout, stderr))
	case "serve":
		// Ctrl-C is how serve is stopped: it exits 0.
		return runServe(ctx, args[1:], stdout, stderr)
	case "check":
		return interruptible(ctx, runCheck(ctx, args[1:], stdout, stderr))
	case "ids":
		return interruptible(ctx, runIDs(ctx, args[1:], stdout, stderr))
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "handbook %s\n", handbook.Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "handbook: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// interruptible turns the failure of a command whose context was
// cancelled (Ctrl-C, SIGTERM) into exit 130, whatever the stage that saw
// it reported.
func interruptible(ctx context.Context, code int) int {
	if code == exitContent && errors.Is(ctx.Err(), context.Canceled) {
		return exitInterrupted
	}
	return code
}

// newFlags returns a flag set that prints to stderr and does not exit.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("handbook "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args; it returns the exit code to stop with, or -1 to go on.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage
	}
	return -1
}

// sourceDir checks that dir is a folder.
func sourceDir(dir string, stderr io.Writer) bool {
	fi, err := os.Stat(dir)
	if errors.Is(err, syscall.ELOOP) {
		fmt.Fprintf(stderr, "handbook: source %s is, or goes through, a symbolic link that leads back to itself\n", dir)
		return false
	}
	if err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "handbook: source %s is not a folder\n", dir)
		return false
	}
	return true
}

// openSource opens the site folder dir for reading: only regular files
// inside it (see internal/sitefs). Close it when done.
func openSource(dir string, stderr io.Writer) (*sitefs.FS, bool) {
	if !sourceDir(dir, stderr) {
		return nil, false
	}
	fsys, err := sitefs.Open(dir)
	if err != nil {
		fmt.Fprintf(stderr, "handbook: source %s: %v\n", dir, err)
		return nil, false
	}
	return fsys, true
}

// options are the build options every command shares.
func options() site.Options {
	return site.Options{Defaults: handbook.Defaults(), Today: time.Now().UTC().Truncate(24 * time.Hour), NoRebuild: true, IsolateBundle: true}
}

// report prints a build error: every content problem, or the failure.
// A build stopped by Ctrl-C or SIGTERM exits 130.
func report(err error, stderr io.Writer) int {
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "handbook: interrupted")
		return exitInterrupted
	}
	var le *source.ListError
	if errors.As(err, &le) {
		for _, e := range le.List.Errors() {
			fmt.Fprintln(stderr, e)
		}
		if n := le.List.Dropped(); n > 0 {
			fmt.Fprintf(stderr, "… and %d more\n", n)
		}
		return exitContent
	}
	fmt.Fprintf(stderr, "handbook: %v\n", err)
	return exitContent
}

// checkBaseURL checks --base-url, which may be empty (no canonical links).
func checkBaseURL(u string) error {
	if u == "" {
		return nil
	}
	if err := site.CheckBaseURL(u); err != nil {
		return fmt.Errorf("--base-url %v (write it in full, e.g. https://intranet.example/handbook/)", err)
	}
	return nil
}

// absDest returns the output folder: dest, or SOURCE/public by default.
func absDest(src, dest string) string {
	if dest == "" {
		dest = filepath.Join(src, "public")
	}
	return dest
}

// layoutNote says, in one line, where a site keeps its pages when it is
// not content/ or when another generator's config was read, or "".
func layoutNote(src string, l site.Layout) string {
	switch {
	case l.Self():
		note := fmt.Sprintf("handbook: %s has no content/ folder: using %s itself as the content folder", src, src)
		if len(l.Skipped) > 0 {
			note += " (not reading " + strings.Join(l.Skipped, "/, ") + "/)"
		}
		return note
	case l.From != "":
		return fmt.Sprintf("handbook: reading %s for the site's settings; the pages are in %s/", l.From, filepath.Join(src, filepath.FromSlash(l.ContentDir)))
	}
	return ""
}

// noteLayout prints layoutNote, if any, on stderr.
func noteLayout(src string, fsys fs.FS, stderr io.Writer) site.Layout {
	l := site.LayoutOf(fsys)
	if note := layoutNote(src, l); note != "" {
		fmt.Fprintln(stderr, note)
	}
	return l
}

// outputIn returns the output folder dest (a real path) as a path in the
// site folder src, when it lies inside it, for the build to leave out.
func outputIn(src, dest string) string {
	rsrc, err := publish.RealPath(src)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(rsrc, dest)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}
