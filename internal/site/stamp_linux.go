package site

import (
	"io/fs"
	"syscall"
)

// fileStamp returns the Stamp of a site file as its FileInfo tells it, and
// whether it has one: on Linux, where the inode's change time, which no
// one can set back, is read.
func fileStamp(fi fs.FileInfo) (Stamp, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.Mode().IsRegular() {
		return Stamp{}, false
	}
	s := Stamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Ino: st.Ino, Ctime: st.Ctim.Nano()}
	return s, s.Ctime != 0
}
