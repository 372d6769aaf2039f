// Package devserver is `handbook serve`: it builds the site, serves it from
// memory, watches the site's files, rebuilds what a change touches, and
// reloads open pages through Server-Sent Events.
//
// It sits above the pipeline (it calls site.Build and site.Rebuild) and
// prints, as only cmd/handbook otherwise does. The served site is the last
// good build; a content error is shown over it as an overlay, in the
// browser and in the terminal, until it is fixed. Files are served only from
// the build's memory, never from disk, so no request can reach outside the
// site; it listens on loopback addresses only unless exposed on purpose;
// the Host header is checked against DNS rebinding; a redirect goes to a
// path on the same host, never to //another.host/; the reload script
// is added to pages as they are served, so `handbook build` output never
// holds it.
package devserver
