// Package assesstest tests the browser's scoring engine
// (static/js/assess/engine.ts), the one engine every self-assessment form
// scores with, and the team view's logic built on it
// (static/js/assess/team.ts). It has no code of its own: its test
// transpiles each with esbuild's Go API, writes the JSON models of the
// repository's own rubrics (rubric.Load, rubric.JSON) beside them, and runs
// the unit tests in testdata/*.test.mjs with Node's built-in test runner,
// so a change to the YAML that the scripts do not follow fails here.
//
// Node is required: the test fails, never skips, when it is missing.
package assesstest
