// Package handbook holds the default templates and static files that every
// site builds with: a site's own templates/ and static/ override them file by
// file, so a folder of Markdown alone builds. go:embed cannot reach above a
// package's folder, so this is the one Go file at the repository root.
package handbook

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var defaults embed.FS

// Defaults returns the embedded templates/ and static/ folders.
func Defaults() fs.FS { return defaults }

// Version is the version `handbook version` prints; release builds set it
// with -ldflags "-X github.com/handbook-ssg/handbook.Version=…".
var Version = "dev"
