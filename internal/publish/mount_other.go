//go:build !unix

package publish

import "os"

// mountPoint reports false where the system gives no device numbers; a
// swap of a mount point then fails with the system's error.
func mountPoint(dir string, fi os.FileInfo) bool { return false }
