// Package tscheck checks the JSON that the build writes for the browser
// against the TypeScript types that read it, with tsc, so that renaming or
// retyping a field on one side fails a test:
//
//   - every shipped rubric's model (rubric.JSON), and a model with every
//     field set, against Model in static/js/assess/engine.ts;
//   - a built search index's files (the manifest and the term and document
//     shards, which call window.__hbSearch) against Registry in
//     static/js/search/registry.ts and Manifest in static/js/search/load.ts.
//
// It has no code of its own. Its test is built with -tags tsc and needs
// TypeScript's tsc in HANDBOOK_NPM (a node_modules folder; by default
// .tmp/npm/node_modules, where scripts/test installs it):
//
//	go test -tags tsc ./internal/tscheck
//
// A missing tsc fails the test; it never skips.
package tscheck
