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
package assets
