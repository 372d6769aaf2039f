//go:build !unix

package publish

import "os"

// readFlags: opening a file cannot wait for a writer here.
const readFlags = 0

// writeNew writes a file of a new site.
func writeNew(name string, data []byte, perm os.FileMode) error {
	return os.WriteFile(name, data, perm)
}

// inode returns 0: the stamp of a file is its size and time alone here.
func inode(os.FileInfo) uint64 { return 0 }
