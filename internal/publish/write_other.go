//go:build !unix

package publish

import "os"

// readFlags: opening a file cannot wait for a writer here.
const readFlags = 0

// writeNew writes a file of a new site.
func writeNew(name string, data []byte, perm os.FileMode) error {
	return os.WriteFile(name, data, perm)
}

// writeExcl writes a new file where there is none.
func writeExcl(name string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// unlinkFile removes the file at p; nothing there is no error.
func unlinkFile(p string) error {
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// inode returns 0: the stamp of a file is its size and time alone here.
func inode(os.FileInfo) uint64 { return 0 }
