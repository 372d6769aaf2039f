// Package assets bundles the site's scripts and stylesheets with esbuild's
// Go API, so a user needs no Node.
//
// It is the bundle stage. Its input is a file system holding static/ (the
// site's files over the embedded defaults) and the extra stylesheet text the
// renderer needs (chroma's classes); its output is a [Manifest] from each
// entry point to its minified, content-hashed file, and those files. esbuild
// reads every file through a plugin over the file system, so embedded
// defaults bundle as well as files on disk. Scripts are bundled as classic
// scripts (IIFE), since module scripts do not load from file://. esbuild's
// problems are returned as positioned errors (source.Error), at the file,
// line and column esbuild names, with columns counted in characters.
//
// esbuild's parser recurses once per level of nesting, and on a script or
// stylesheet nested some hundred thousand deep ("!!!!…x", "((((…", "a{a{…")
// it overflows the goroutine stack: a fatal error no recover catches. With
// Options.Isolate (handbook build, serve and check set it) esbuild runs in
// a child process (isolate.go) that reads every file through its parent,
// so such a crash is an error at the file that causes it and the build,
// or the preview server, goes on.
package assets
