package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	if !sourceDir(*src, stderr) {
		return exitUsage
	}
	out := absDest(*src, *dest)
	if inside(*src, out) == "same" {
		fmt.Fprintf(stderr, "handbook: the output folder %s is the source folder; choose another with -d\n", out)
		return exitUsage
	}
	start := time.Now()
	opt := options()
	opt.BaseURL, opt.Drafts = *base, *drafts
	res, err := site.Build(ctx, os.DirFS(*src), opt)
	if err != nil {
		return report(err, stderr)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w)
	}
	if *pdf {
		if chromium := findChromium(); chromium == "" {
			fmt.Fprintln(stderr, "handbook build: --pdf needs Chromium, which is not installed (on Debian: apt-get install chromium); the site is built without PDFs")
		} else if err := printSheets(ctx, chromium, res); err != nil {
			fmt.Fprintf(stderr, "handbook build: %v\n", err)
			return exitContent
		}
	}
	if err := publish.Write(out, res.Files); err != nil {
		fmt.Fprintf(stderr, "handbook: write %s: %v\n", out, err)
		return exitContent
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %d files into %s in %s\n", len(res.Files), out, time.Since(start).Round(time.Millisecond))
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
