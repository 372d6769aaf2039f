package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	src := fs.String("s", ".", "the site folder (holding content/ and rubrics/)")
	dest := fs.String("d", "", "the output folder (default SOURCE/public)")
	base := fs.String("base-url", "", "the site's public URL, for canonical links and sitemap.xml")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	quiet := fs.Bool("q", false, "print nothing on success")
	pdf := fs.Bool("pdf", false, "also print every rubric's sheet to A4 PDF beside it (needs Chromium)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	fsys, ok := openSource(*src, stderr)
	if !ok {
		return exitUsage
	}
	defer fsys.Close()
	out := absDest(*src, *dest)
	if inside(*src, out) == "same" {
		fmt.Fprintf(stderr, "handbook: the output folder %s is the source folder; choose another with -d\n", out)
		return exitUsage
	}
	start := time.Now()
	if os.Getenv("GOGC") == "" {
		// A build's data mostly lives until its end; collecting at 40%
		// growth instead of 100% keeps the peak low at little cost (see
		// bench/run). GOGC in the environment still decides.
		debug.SetGCPercent(40)
	}
	opt := options()
	opt.BaseURL, opt.Drafts = *base, *drafts
	var res *site.Result
	var err error
	if *pdf {
		// Printing needs the pages on disk before the site is published:
		// keep them in memory, print from a temporary copy, then publish.
		res, err = site.Build(ctx, fsys, opt)
		if err != nil {
			return report(err, stderr)
		}
		if chromium := findChromium(); chromium == "" {
			fmt.Fprintln(stderr, "handbook build: --pdf needs Chromium, which is not installed (on Debian: apt-get install chromium); the site is built without PDFs")
		} else if err := printSheets(ctx, chromium, res); err != nil {
			fmt.Fprintf(stderr, "handbook build: %v\n", err)
			return exitContent
		}
		if err := publish.Write(out, res.Files); err != nil {
			fmt.Fprintf(stderr, "handbook: write %s: %v\n", out, err)
			return exitContent
		}
	} else {
		// Write the files as they are made, into a new folder that replaces
		// the old one only when the whole build has succeeded.
		tx, err := publish.Begin(out)
		if err != nil {
			fmt.Fprintf(stderr, "handbook: write %s: %v\n", out, err)
			return exitContent
		}
		opt.Out = tx
		res, err = site.Build(ctx, fsys, opt)
		if err != nil {
			tx.Abort()
			return report(err, stderr)
		}
		if err := tx.Commit(); err != nil {
			fmt.Fprintf(stderr, "handbook: write %s: %v\n", out, err)
			return exitContent
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %s in %s\n", out, time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}

// inside reports whether dest is the source folder ("same") or another.
func inside(src, dest string) string {
	a, err1 := filepath.Abs(src)
	b, err2 := filepath.Abs(dest)
	if err1 == nil && err2 == nil && strings.EqualFold(filepath.Clean(a), filepath.Clean(b)) {
		return "same"
	}
	return ""
}
