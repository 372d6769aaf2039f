// Package content loads a site's pages and glossary.
//
// It is the load stage for Markdown. Its input is the site's file system and
// config; its output is one [Page] per Markdown file of the content folder
// (content/, or the folder the config's Layout names; front matter, YAML or
// TOML, decoded strictly, body kept with the line it starts on, so later
// stages can report positions in the original file), the [Glossary], and the
// other files of the content folder, which are copied as they are.
// Front-matter keys the build does not read are kept in Params and reported
// once per key across the site (keys.go).
//
// Invariants: a page's Body is valid UTF-8 with LF line endings and no byte
// order mark, and the line numbers of Body plus BodyLine-1 are the line
// numbers of the file; Pages are sorted by File; every problem found is in
// the returned source.List, and loading never stops at the first one.
package content
