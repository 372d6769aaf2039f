package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return build(ctx, args, stdout, stderr, nil)
}

// build is the build command, reading the site through open, or through
// openSource (only regular files inside the site) when open is nil, as it
// is but in tests.
func build(ctx context.Context, args []string, stdout, stderr io.Writer, open func(string) fs.FS) int {
	flags := newFlags("build", stderr)
	src := flags.String("s", ".", "the site folder (holding content/ and rubrics/)")
	dest := flags.String("d", "", "the output folder (default SOURCE/public); it is replaced whole. Beside it the build keeps a cache for the next build in .NAME.cache, and the site it replaced in .NAME.kept, which the next build brings up to date and swaps in instead of writing a new folder; both may be deleted at any time")
	base := flags.String("base-url", "", "the site's public URL, for canonical links and sitemap.xml")
	drafts := flags.Bool("drafts", false, "include pages marked draft")
	quiet := flags.Bool("q", false, "print nothing on success")
	pdf := flags.Bool("pdf", false, "also print every rubric's sheet and every document's print view to A4 PDF beside it (needs Chromium)")
	force := flags.Bool("force", false, "replace the output folder even if it holds files handbook did not write")
	cpuprofile := flags.String("cpuprofile", "", "write a CPU profile of the build to this file (read it with go tool pprof)")
	noCache := flags.Bool("no-cache", false, "build cold, without reading the cache .NAME.cache beside DEST (a fresh one is written for the next build), into a new folder rather than .NAME.kept")
	if code := parse(flags, args); code >= 0 {
		return code
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "handbook build: --cpuprofile: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	var fsys fs.FS
	if open != nil {
		if !sourceDir(*src, stderr) {
			return exitUsage
		}
		fsys = open(*src)
	} else {
		sfs, ok := openSource(*src, stderr)
		if !ok {
			return exitUsage
		}
		defer sfs.Close()
		// The build reads the folder once: each folder's checks are
		// made once, not for every file in it.
		fsys = sfs.Snapshot()
	}
	if err := checkBaseURL(*base); err != nil {
		fmt.Fprintf(stderr, "handbook build: %v\n", err)
		return exitUsage
	}
	layout := site.LayoutOf(fsys)
	if note := layoutNote(*src, layout); note != "" && !*quiet {
		fmt.Fprintln(stderr, note)
	}
	shown := absDest(*src, *dest)
	out, err := publish.CheckDestIn(*src, shown, layout.ContentDir, *force)
	if err != nil {
		fmt.Fprintf(stderr, "handbook build: %v\n", err)
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
	opt.OutputDir = outputIn(*src, out)

	// Write the files into a new folder that replaces the old one only when
	// the whole build has succeeded; on any other way out, the deferred
	// Abort removes it and the old site stays. With the cache, that folder
	// is the site before last, kept beside DEST (.NAME.kept) and brought
	// up to date in place, and the site replaced is kept for the next
	// build in turn.
	id := binaryID()
	begin := publish.Begin
	if id != "" && !*noCache {
		begin = publish.BeginReuse
	}
	tx, err := begin(out)
	if err != nil {
		fmt.Fprintf(stderr, "handbook: write %s: %v\n", shown, err)
		return exitContent
	}
	defer tx.Abort()
	if id != "" {
		opt.Cache, opt.CacheKey = cacheStore{publish.OpenCache(out), *noCache}, id
		tx.RecordStamps()
	}
	var res *site.Result
	if *pdf {
		// Printing needs the pages on disk before the site is published:
		// keep them in memory, print from a temporary copy, then publish.
		res, err = site.Build(ctx, fsys, opt)
		if err == nil {
			if chromium := findChromium(); chromium == "" {
				fmt.Fprintln(stderr, "handbook build: --pdf needs Chromium, which is not installed (on Debian: apt-get install chromium); the site is built without PDFs")
			} else if perr := printSheets(ctx, chromium, res, opt.Today); perr != nil && ctx.Err() == nil {
				fmt.Fprintf(stderr, "handbook build: %v\n", perr)
				return exitContent
			}
			err = ctx.Err()
		}
		if err == nil {
			for _, name := range slices.Sorted(maps.Keys(res.Files)) {
				if err = tx.Add(name, res.Files[name]); err != nil {
					break
				}
			}
		}
	} else {
		opt.Out = keeper{tx}
		res, err = site.Build(ctx, fsys, opt)
	}
	if errors.Is(err, context.Canceled) {
		return interrupted(shown, stderr)
	}
	if err != nil {
		return report(err, stderr)
	}
	if err := tx.Commit(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			return interrupted(shown, stderr)
		}
		fmt.Fprintf(stderr, "handbook: write %s: %v\n", shown, err)
		return exitContent
	}
	if err := saveCache(res, tx, publish.OpenCache(out)); err != nil {
		fmt.Fprintf(stderr, "handbook build: the cache %s was not written (the next build is a cold one): %v\n", publish.CacheDir(out), err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %s in %s\n", shown, time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}

// startCPUProfile starts profiling the process's CPU into the file name,
// for go tool pprof, and returns the function that stops and closes it.
func startCPUProfile(name string) (stop func(), err error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// interrupted reports a build stopped by Ctrl-C or SIGTERM before it
// replaced the output folder.
func interrupted(dest string, stderr io.Writer) int {
	fmt.Fprintf(stderr, "handbook build: interrupted; %s is left as it was\n", dest)
	return exitInterrupted
}
