// Package browsertest holds the browser tests of handbook: they build the
// shipped handbook once, open its pages in Debian's headless Chromium through
// chromedp, and check what a person would meet there.
//
// Every other file of the package carries the build tag "browser", so
// `go test ./...` never starts a browser. Run them with
//
//	go test -tags browser ./internal/browsertest/...
//
// or, with everything they need installed first, scripts/test. They need:
//
//   - HANDBOOK_CHROMIUM: the Chromium binary (default /usr/bin/chromium);
//   - HANDBOOK_NPM: a node_modules folder holding axe-core and vnu-jar
//     (default .tmp/npm/node_modules under the repository root);
//   - pdftotext, pdfinfo and pdftoppm (poppler-utils) and java on PATH.
//
// A missing one fails the run; nothing is skipped. Artifacts a person should
// look at (each printed sheet as a PDF and as PNG pages) go to
// HANDBOOK_ARTIFACTS (default .tmp/artifacts under the repository root).
//
// The harness builds the site with site.Build and publish.Write into a
// temporary folder once per test binary (main_test.go), serves that folder
// over HTTP under a sub-path (http://127.0.0.1:PORT/handbook/) and offers
// file:// URLs of the same folder, because the handbook must work both ways.
// It builds the published rubrics of internal/rubric/testdata/published
// the same way, as a site of their own under /published/.
// One browser serves the whole binary; each test opens its own tab
// (tab_test.go), which records every network request, console error,
// uncaught exception and Content-Security-Policy violation, and fails the
// test on any of them and on any request that is not a file of the site.
// axe_test.go runs axe-core in a tab; pdf_test.go prints a tab to PDF and
// reads the PDF back with poppler. harness_test.go proves the harness
// catches what it must, on pages that break each rule on purpose.
//
// The tests: sheet_test.go prints every rubric's sheet to A4 and checks its
// pages (issue 5); pages_test.go checks one page of every type for foreign
// requests, console errors, axe-core violations at three sizes, sideways
// scrolling at 320 px, and Nu HTML Checker errors (issue 9); assess_test.go
// fills each kind of self-assessment form by keyboard, checks the summary,
// export and import, and that claimant forms store nothing (issue 6) and
// offer print as their only output, with the distance travelled typed from
// the paper copy (issue 16);
// search_test.go types queries and follows results from file:// and over
// http, in English and Welsh (issue 7); layout_test.go opens every page at
// 320 px, checks the breadcrumbs on a phone, the side navigation on a
// laptop, one search landmark a page, "Print this page" and a standard
// printed on one page (issue 16); keyboard_test.go tabs through the
// search page and forms, checking that focus is visible, in reading order
// and never skips a control, and that the skip link works (issue 9).
package browsertest
