//go:build unix

package publish

import (
	"os"
	"syscall"
)

// mountPoint reports whether fi, the folder dir, is on another file
// system than its parent: a mount point (a disk, a container's volume),
// which cannot be renamed.
func mountPoint(dir string, fi os.FileInfo) bool {
	parent, err := os.Stat(dir + string(os.PathSeparator) + "..")
	if err != nil {
		return false
	}
	a, ok1 := fi.Sys().(*syscall.Stat_t)
	b, ok2 := parent.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && a.Dev != b.Dev
}
