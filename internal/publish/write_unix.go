//go:build unix

package publish

import (
	"os"
	"syscall"
)

// readFlags open a file to read without waiting (a named pipe swapped in
// after a check returns at once) and without following a link.
const readFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW

// writeNew writes a file of a new site: open, write, close, and nothing
// else. os.WriteFile does the same but also hands the file to the runtime's
// poller first (an epoll_ctl call that fails for every regular file) and
// sets up an *os.File around it; a build writes tens of thousands of files.
// The file is created, or emptied if it exists, with perm less the umask,
// as os.WriteFile does.
func writeNew(name string, data []byte, perm os.FileMode) error {
	return writeFlags(name, data, perm, syscall.O_TRUNC)
}

// writeExcl is writeNew for a folder that held an older site (see
// BeginReuse): the file must be a new one, and it fails if something is
// at name, so that it never writes into a file of that site, which may be
// the published site's too, as a hard link.
func writeExcl(name string, data []byte, perm os.FileMode) error {
	return writeFlags(name, data, perm, syscall.O_EXCL)
}

func writeFlags(name string, data []byte, perm os.FileMode, flags int) error {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|flags|syscall.O_CLOEXEC, uint32(perm.Perm()))
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return syscall.Write(fd, data) })
		if err != nil {
			syscall.Close(fd)
			return &os.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// inode returns the file's inode number.
func inode(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// unlinkFile removes the file, link or named pipe at p; nothing there is
// no error. It fails on a folder, which it never removes.
func unlinkFile(p string) error {
	if err := syscall.Unlink(p); err != nil && err != syscall.ENOENT {
		return &os.PathError{Op: "unlink", Path: p, Err: err}
	}
	return nil
}
