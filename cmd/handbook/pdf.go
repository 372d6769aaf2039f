package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"github.com/handbook-ssg/handbook/internal/chromium"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
)

// chromiumNames are the commands tried, in order, to print sheets.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findChromium returns the path of a Chromium-based browser, or "".
func findChromium() string {
	if p := os.Getenv("HANDBOOK_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// printSheets prints every rubric's sheet, and every source document's
// print view, to A4 PDF with headless Chromium and adds the PDFs to the
// built files, as standards/<id>/sheet/<id>.pdf and
// print/<document>/<document>.pdf. The site is written to a temporary folder for Chromium to open; the one
// place that writes the output is still publish.
func printSheets(ctx context.Context, bin string, res *site.Result) error {
	tmp, err := os.MkdirTemp("", "handbook-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "site")
	if err := publish.Write(dir, res.Files); err != nil {
		return err
	}
	type job struct{ id, page, out string }
	var jobs []job
	for _, r := range res.Model.Rubrics {
		name := "standards/" + r.ID + "/sheet/" + r.ID + ".pdf"
		jobs = append(jobs, job{"sheet-" + r.ID, filepath.Join(dir, "standards", r.ID, "sheet", "index.html"), name})
	}
	for _, d := range res.Model.Documents {
		name := "print/" + d.Slug + "/" + d.Slug + ".pdf"
		jobs = append(jobs, job{"print-" + d.Slug, filepath.Join(dir, "print", d.Slug, "index.html"), name})
	}
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			pdf := filepath.Join(tmp, j.id+".pdf")
			cmd := exec.CommandContext(ctx, bin, chromium.Args(
				"--user-data-dir="+filepath.Join(tmp, "profile-"+j.id),
				"--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+j.page)...)
			out, err := cmd.CombinedOutput()
			data, rerr := os.ReadFile(pdf)
			mu.Lock()
			defer mu.Unlock()
			if err != nil || rerr != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("printing %s: %v %v\n%s", j.out, err, rerr, out)
				}
				return
			}
			res.Files[j.out] = data
		})
	}
	wg.Wait()
	return firstErr
}
