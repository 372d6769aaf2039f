//go:build unix

package sitefs

import (
	"errors"
	"syscall"
)

// openFlags open a file without waiting: should a file be swapped for a
// named pipe between the check and the open, the open returns at once
// (and the check after it refuses the pipe) instead of waiting for a
// writer. Reading a regular file is the same either way.
const openFlags = syscall.O_NONBLOCK

// isLoop reports whether err says a chain of links never ends.
func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
