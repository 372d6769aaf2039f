//go:build !linux

package site

import "io/fs"

// fileStamp reports false: a site file is told unchanged by its Stamp only
// on Linux, where the inode's change time, which no one can set back, is
// read. Elsewhere every page file is read, as in a cold build.
func fileStamp(fs.FileInfo) (Stamp, bool) { return Stamp{}, false }
