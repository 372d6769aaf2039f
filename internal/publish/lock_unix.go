//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"os"
	"sync"
	"syscall"
)

// lockDir takes an exclusive lock on the folder dir, held until the
// returned function is called, so that another build's removeStale leaves
// a folder this build is writing alone.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return sync.OnceFunc(func() { f.Close() }), nil
}

// tryLock locks the folder dir if no running build holds it; ok is false
// when one does. It does not follow a symbolic link.
func tryLock(dir string) (unlock func(), ok bool) {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		syscall.Close(fd)
		return nil, false
	}
	return func() { syscall.Close(fd) }, true
}
