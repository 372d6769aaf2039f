package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestPDFDay(t *testing.T) {
	day := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ name, in, want string }{
		{
			"Chromium's info dictionary",
			"<</Creator (Chromium)\n/Producer (Skia/PDF m120)\n/CreationDate (D:20261203185015+00'00')\n/ModDate (D:20261203185015+00'00')>>",
			"<</Creator (Chromium)\n/Producer (Skia/PDF m120)\n/CreationDate (D:20261203000000+00'00')\n/ModDate (D:20261203000000+00'00')>>",
		},
		{
			"no space, another zone, another day",
			"/CreationDate(D:20250101235959-05'00')/ModDate (D:19991231120000Z)",
			"/CreationDate(D:20261203000000-05'00')/ModDate (D:20261203000000Z)",
		},
		{"a date too short to be Chromium's is left", "/CreationDate (D:2026)", "/CreationDate (D:2026)"},
		{"other keys are left", "/Title (D:20261203185015)", "/Title (D:20261203185015)"},
		{"nothing", "", ""},
	} {
		got := string(pdfDay([]byte(tc.in), day))
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("%s: %d bytes became %d: the PDF's offsets would be wrong", tc.name, len(tc.in), len(got))
		}
	}
}

// pdfWithLinks lays out a PDF as Chromium writes one: objects, a
// cross-reference table at startxref, and links to where it was printed.
func pdfWithLinks(links ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	obj("<</Type /Catalog>>")
	for _, l := range links {
		obj("<</Type /Annot\n/A <</S /URI\n/URI (" + l + ")>>>>")
	}
	obj("<</Producer (Skia)>>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// checkXref fails unless every offset of data's table points at its object
// and startxref at the table.
func checkXref(t *testing.T, data []byte) {
	t.Helper()
	s := string(data)
	sx := strings.LastIndex(s, "startxref\n")
	var xref int
	fmt.Sscanf(s[sx+10:], "%d", &xref)
	if !strings.HasPrefix(s[xref:], "xref\n") {
		t.Fatalf("startxref %d does not point at the table", xref)
	}
	lines := strings.Split(s[xref:], "\n")
	for i, l := range lines[3:] {
		if !strings.HasSuffix(l, " n ") {
			break
		}
		var off int
		fmt.Sscanf(l, "%d", &off)
		if want := fmt.Sprintf("%d 0 obj", i+1); !strings.HasPrefix(s[off:], want) {
			t.Errorf("object %d's offset %d points at %q", i+1, off, s[off:min(off+12, len(s))])
		}
	}
}

func TestPDFLinks(t *testing.T) {
	prefix := "file:///tmp/handbook-pdf-12/site/"
	in := pdfWithLinks(prefix+"standards/qaf-1/active-listening/index.html", "https://www.gov.uk/", prefix+"print/wfi/index.html#p3", prefix+"guidance/wfi/index.html#p12")
	checkXref(t, in)
	for _, tc := range []struct {
		base string
		want []string
	}{
		{"", []string{"(../../standards/qaf-1/active-listening/index.html)", "(https://www.gov.uk/)", "(../../print/wfi/index.html#p3)", "(../../guidance/wfi/index.html#p12)"}},
		{"https://example.org/handbook/", []string{"(https://example.org/handbook/standards/qaf-1/active-listening/)", "(https://www.gov.uk/)", "(https://example.org/handbook/print/wfi/#p3)", "(https://example.org/handbook/guidance/wfi/#p12)"}},
	} {
		out := pdfLinks(append([]byte{}, in...), prefix, "print/wfi/wfi.pdf", tc.base)
		if strings.Contains(string(out), "file://") {
			t.Errorf("base %q: a link to the temporary copy is left:\n%s", tc.base, out)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("base %q: no link %s in\n%s", tc.base, w, out)
			}
		}
		checkXref(t, out)
	}
	// Not laid out as expected: left as it is.
	odd := []byte("%PDF-1.4\n1 0 obj\n<</URI (" + prefix + "a/index.html)>>\nendobj\n")
	if got := pdfLinks(append([]byte{}, odd...), prefix, "print/wfi/wfi.pdf", ""); !bytes.Equal(got, odd) {
		t.Errorf("a PDF without a table was changed: %q", got)
	}
}
