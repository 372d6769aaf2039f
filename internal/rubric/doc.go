// Package rubric is the model of a standard: the schema of the YAML files in
// rubrics/, their strict decoding, their validation, and the JSON model the
// browser's scoring engine reads.
//
// It is the load and validate stage for rubrics. Its input is the site's file
// system; its output is one [Rubric] per file, every problem in a
// source.List with its position. One schema says every kind of standard the
// handbook holds (levelled standards, evidence bands, questionnaires,
// checklists, framework standards) without special cases: a rubric states
// its scale, its items and groups, its rules and its scoring, and the pages,
// sheet and form are drawn from those data alone.
//
// Scoring itself lives in one place, the browser engine
// (static/js/assess/engine.ts) that reads [JSON]. Go checks that the rules
// are well formed and never re-implements them.
package rubric
