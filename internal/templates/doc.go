// Package templates loads the site's HTML templates and renders pages with
// them.
//
// It is part of the render stage. Its input is a file system holding
// templates/ (the site's own files laid over the embedded defaults, file by
// file) and the interface words of each language in templates/i18n/*.yaml;
// its output is the bytes of each page. Templates are html/template, so
// every value is escaped for where it stands. A template error, parsing or
// executing, is a source.Error at the template file, line and column the
// template packages name (a partial's or a {{define}}'s file, not the page
// being made), its column counted in characters, and its cause the
// template package's error.
package templates
