package publish

import (
	"os"
	"syscall"
)

// ctime returns the time the file's inode last changed (nanoseconds): a
// write, a new link, a change of its mode or times. Unlike the
// modification time, no one can set it back.
func ctime(fi os.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
