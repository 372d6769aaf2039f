package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/handbook-ssg/handbook/internal/site"
	"github.com/handbook-ssg/handbook/internal/source"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	src := fs.String("s", ".", "the site folder (holding content/ and rubrics/)")
	format := fs.String("format", "text", "output format: text or json")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "handbook check: --format must be text or json, not %q\n", *format)
		return exitUsage
	}
	fsys, ok := openSource(*src, stderr)
	if !ok {
		return exitUsage
	}
	defer fsys.Close()
	noteLayout(*src, fsys, stderr)
	problems, err := site.Check(ctx, fsys, options())
	if err != nil {
		return report(err, stderr)
	}
	failed := false
	for _, p := range problems {
		failed = failed || p.Severity == source.SevError
	}
	if *format == "json" {
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line,omitempty"`
			Col      int    `json:"col,omitempty"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
			Hint     string `json:"hint,omitempty"`
		}
		items := []item{}
		for _, p := range problems {
			sev := "error"
			if p.Severity == source.SevWarning {
				sev = "warning"
			}
			items = append(items, item{p.Pos.File, p.Pos.Line, p.Pos.Col, sev, p.Msg, p.Hint})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(items)
	} else {
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
	}
	if failed {
		return exitContent
	}
	return exitOK
}
