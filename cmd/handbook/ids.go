package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"

	"github.com/handbook-ssg/handbook/internal/rubric"
)

// runIDs prints the published-ids file for the site's rubrics, or writes it
// with --write. Ids once listed stay listed, so that removing a standard
// without an alias fails the build.
func runIDs(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("ids", stderr)
	src := fs.String("s", ".", "the site folder (holding rubrics/)")
	write := fs.Bool("write", false, "write "+rubric.PublishedFile+" instead of printing it")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	fsys, ok := openSource(*src, stderr)
	if !ok {
		return exitUsage
	}
	defer fsys.Close()
	rubrics, errs := rubric.Load(fsys)
	if errs.HasErrors() {
		for _, e := range errs.Errors() {
			fmt.Fprintln(stderr, e)
		}
		return exitContent
	}
	var prev *rubric.Published
	if data, err := iofs.ReadFile(fsys, rubric.PublishedFile); err == nil {
		prev = rubric.ParsePublished(rubric.PublishedFile, data, errs)
	}
	out := rubric.FormatPublished(rubrics, prev)
	if !*write {
		_, _ = stdout.Write(out)
		return exitOK
	}
	path := filepath.Join(*src, filepath.FromSlash(rubric.PublishedFile))
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, out) {
		fmt.Fprintf(stdout, "%s is up to date\n", rubric.PublishedFile)
		return exitOK
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote %s\n", rubric.PublishedFile)
	return exitOK
}
