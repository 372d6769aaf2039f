// Package templates loads the site's HTML templates and renders pages with
// them.
//
// It is part of the render stage. Its input is a file system holding
// templates/ (the site's own files laid over the embedded defaults, file by
// file) and the interface words of each language in templates/i18n/*.yaml;
// its output is the bytes of each page. Templates are html/template, so
// every value is escaped for where it stands. A template error keeps
// html/template's own name:line:col and is wrapped with the page it was
// rendering.
package templates
