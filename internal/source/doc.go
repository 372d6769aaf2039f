// Package source holds the positions and errors every stage of the build
// reports through.
//
// A [Pos] names a file (relative to the site folder, with forward slashes), a
// line and a column, both counted from 1; the column counts characters, not
// bytes, as editors do. An [Error] is one problem at one position, printed as
// `path:line:col: message (what to do)`. A [List] collects them, so a build
// can report every content error at once, sorted by file, line and column.
//
// This is a leaf package: it imports only the standard library.
package source
