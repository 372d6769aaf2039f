package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

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
//
// Chromium stamps each PDF with the moment it printed it; those stamps are
// set to the build's day (pdfDay), so that two builds of one source on one
// day give the same bytes, as the rest of the site does.
func printSheets(ctx context.Context, bin string, res *site.Result, day time.Time) error {
	tmp, err := os.MkdirTemp("", "handbook-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "site")
	if err := publish.Write(dir, res.Files); err != nil {
		return err
	}
	prefix := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	base := res.Model.Config.BaseURL
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
			res.Files[j.out] = pdfLinks(pdfDay(data, day), prefix, j.out, base)
		})
	}
	wg.Wait()
	return firstErr
}

// pdfDate matches the digits of a PDF's /CreationDate or /ModDate, as
// Chromium writes them: "/CreationDate (D:20261203185015+00'00')".
var pdfDate = regexp.MustCompile(`/(?:CreationDate|ModDate) ?\(D:(\d{14})`)

// pdfDay returns the PDF data with the time in its creation and
// modification dates set to day's midnight, written in as many bytes as
// before: the cross-reference table's offsets stay right. Data without
// such dates is returned as it is.
func pdfDay(data []byte, day time.Time) []byte {
	stamp := []byte(day.UTC().Format("20060102") + "000000")
	for _, m := range pdfDate.FindAllSubmatchIndex(data, -1) {
		copy(data[m[2]:m[3]], stamp)
	}
	return data
}

// pdfLinks returns the PDF data with its links to the temporary copy of
// the site it was printed from (prefix, such as
// "file:///tmp/handbook-pdf-1/site/") made links into the published site:
// under base (the site's base_url, ending in "/") when there is one, else
// relative to the PDF (pdf, its path in the site, such as
// "print/wfi/wfi.pdf"), which a PDF reader resolves against where the PDF
// is. The cross-reference table's
// offsets are moved by what the links gained or lost. Data that is not laid
// out as Chromium writes it (a table at startxref) is returned unchanged.
func pdfLinks(data []byte, prefix, pdf, base string) []byte {
	needle := []byte("(" + prefix)
	type edit struct{ at, delta int }
	var edits []edit
	var out []byte
	last := 0
	for {
		i := bytes.Index(data[last:], needle)
		if i < 0 {
			break
		}
		start := last + i + 1
		end := bytes.IndexByte(data[start:], ')')
		if end < 0 {
			return data
		}
		end += start
		target := string(data[start+len(prefix) : end])
		// target is a file of the site, "standards/cat/index.html#p3".
		link := site.RelativeURL("/"+target, "/"+pdf)
		if base != "" {
			file, _, _ := strings.Cut(target, "#")
			link = base + strings.TrimSuffix(file, "index.html") + strings.TrimPrefix(target, file)
		}
		out = append(out, data[last:start]...)
		out = append(out, link...)
		edits = append(edits, edit{start, len(link) - (end - start)})
		last = end
	}
	if edits == nil {
		return data
	}
	out = append(out, data[last:]...)
	moved := func(off int) int {
		for _, e := range edits {
			if e.at < off {
				off += e.delta
			}
		}
		return off
	}
	// The table: "startxref\nN\n%%EOF" at the end, and at N
	// "xref\n0 COUNT\n" and COUNT entries "OOOOOOOOOO GGGGG n \n".
	sx := bytes.LastIndex(out, []byte("startxref\n"))
	if sx < 0 {
		return data
	}
	numEnd := bytes.IndexByte(out[sx+10:], '\n')
	if numEnd < 0 {
		return data
	}
	xref, err := strconv.Atoi(string(out[sx+10 : sx+10+numEnd]))
	if err != nil || xref < 0 || xref >= len(data) {
		return data
	}
	xref = moved(xref)
	if !bytes.HasPrefix(out[xref:], []byte("xref\n")) {
		return data
	}
	p := xref + 5
	head := bytes.IndexByte(out[p:], '\n')
	if head < 0 {
		return data
	}
	var first, count int
	if _, err := fmt.Sscanf(string(out[p:p+head]), "%d %d", &first, &count); err != nil || count < 0 || p+head+1+20*count > len(out) {
		return data
	}
	p += head + 1
	for range count {
		entry := out[p : p+20]
		if entry[17] == 'n' {
			off, err := strconv.Atoi(string(entry[:10]))
			if err != nil {
				return data
			}
			copy(entry[:10], fmt.Sprintf("%010d", moved(off)))
		}
		p += 20
	}
	tail := append([]byte{}, out[sx+10+numEnd:]...)
	out = append(append(out[:sx+10], strconv.Itoa(xref)...), tail...)
	return out
}
