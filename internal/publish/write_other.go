//go:build !unix

package publish

import "os"

// writeNew writes a file of a new site.
func writeNew(name string, data []byte, perm os.FileMode) error {
	return os.WriteFile(name, data, perm)
}
