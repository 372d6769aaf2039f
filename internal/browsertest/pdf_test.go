//go:build browser

package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// printPDF prints the page as the browser's print dialog would with its
// defaults (no background graphics, no browser header or footer), on A4
// unless the page's @page rule says otherwise, and writes the PDF to file.
func (tb *tab) printPDF(file string) *pdf {
	tb.t.Helper()
	var data []byte
	tb.call(func(ctx context.Context) error {
		var err error
		data, err = chromedp.Run(ctx, chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFPreferCSSPageSize(),
		))
		return err
	}, "print to PDF")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return openPDF(tb.t, file)
}

// A pdf is a printed PDF file, read with poppler's tools.
type pdf struct {
	t     testing.TB
	file  string
	Pages int
	Size  string // pdfinfo's "Page size", as "594.96 x 841.92 pts (A4)"
	text  []string
}

var pdfinfoLine = regexp.MustCompile(`(?m)^(Pages|Page size):\s+(.*)$`)

func openPDF(t testing.TB, file string) *pdf {
	t.Helper()
	p := &pdf{t: t, file: file}
	out := p.run("pdfinfo", file)
	for _, m := range pdfinfoLine.FindAllStringSubmatch(out, -1) {
		switch m[1] {
		case "Pages":
			n, err := strconv.Atoi(strings.TrimSpace(m[2]))
			if err != nil {
				t.Fatalf("pdfinfo %s: pages %q: %v", file, m[2], err)
			}
			p.Pages = n
		case "Page size":
			p.Size = strings.TrimSpace(m[2])
		}
	}
	if p.Pages == 0 {
		t.Fatalf("pdfinfo %s: no pages in\n%s", file, out)
	}
	return p
}

func (p *pdf) run(name string, args ...string) string {
	p.t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		p.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// Text returns the text of page n (from 1), in reading order.
func (p *pdf) Text(n int) string {
	p.t.Helper()
	if p.text == nil {
		p.text = make([]string, p.Pages)
		for i := range p.Pages {
			p.text[i] = p.run("pdftotext", "-f", strconv.Itoa(i+1), "-l", strconv.Itoa(i+1), "-enc", "UTF-8", p.file, "-")
		}
	}
	return p.text[n-1]
}

// AllText returns the text of every page.
func (p *pdf) AllText() string {
	var b strings.Builder
	for i := range p.Pages {
		b.WriteString(p.Text(i + 1))
	}
	return b.String()
}

// PageOf returns the pages (from 1) whose text holds s, compared with
// squeezed white space, since the PDF breaks lines where the page did.
func (p *pdf) PageOf(s string) []int {
	want := squeeze(s)
	var pages []int
	for i := range p.Pages {
		if strings.Contains(squeeze(p.Text(i+1)), want) {
			pages = append(pages, i+1)
		}
	}
	return pages
}

// PNGs renders every page as a PNG beside the PDF, for a person to look at,
// and returns their paths.
func (p *pdf) PNGs() []string {
	p.t.Helper()
	// "qaf-1.pdf" gives "qaf-1.page-01.png" …, a pattern no other PDF's
	// pages (say "qaf-1-questioning.pdf") match.
	prefix := strings.TrimSuffix(p.file, filepath.Ext(p.file)) + ".page"
	old, _ := filepath.Glob(prefix + "-*.png")
	for _, f := range old {
		os.Remove(f)
	}
	p.run("pdftoppm", "-png", "-r", "60", p.file, prefix)
	pngs, _ := filepath.Glob(prefix + "-*.png")
	if len(pngs) != p.Pages {
		p.t.Errorf("pdftoppm made %d PNGs of %s, which has %d pages", len(pngs), p.file, p.Pages)
	}
	return pngs
}

func (p *pdf) String() string { return fmt.Sprintf("%s (%d pages)", filepath.Base(p.file), p.Pages) }

// squeeze turns every run of white space into one space and joins words that
// a line break hyphenated, so text from a PDF compares with its source.
func squeeze(s string) string {
	s = strings.NewReplacer("\u00ad", "", "\ufb01", "fi", "\ufb02", "fl", "\ufb00", "ff").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
