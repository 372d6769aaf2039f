package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/site"
)

// binaryID names this handbook binary for the build cache: its version,
// the commit it was built from (and whether the tree had changes), and
// the executable's size, modification time, inode and (on Linux) the
// change time of its inode, which no one can set back. Rebuilding or
// replacing the binary changes these even when the commit is the
// same (a build from a changed tree), so a cache is read only by the
// binary that wrote it: stating the file costs nothing, where hashing its
// bytes would cost tens of milliseconds in every build. It returns "" when
// the executable cannot be found: the build then has no cache.
func binaryID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	id := fmt.Sprintf("handbook %s", handbook.Version)
	if bi, ok := debug.ReadBuildInfo(); ok {
		id += " " + bi.GoVersion
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				id += " " + s.Key + "=" + s.Value
			}
		}
	}
	st := stampOf(fi)
	return fmt.Sprintf("%s exe=%q size=%d mtime=%d ino=%d ctime=%d", id, exe, st.Size, st.ModTime, st.Ino, st.Ctime)
}

func stampOf(fi os.FileInfo) publish.Stamp {
	return publish.StampOf(fi)
}

// cacheStore is the cache folder beside the output as the build reads
// and writes it; with --no-cache the build reads nothing from it, and
// writes a fresh cache for the next.
type cacheStore struct {
	c         *publish.Cache
	writeOnly bool
}

func (s cacheStore) Load(name string) ([]byte, error) {
	if s.writeOnly {
		return nil, os.ErrNotExist
	}
	return s.c.Load(name)
}

func (s cacheStore) Store(name string, data []byte) error { return s.c.Store(name, data) }

// keeper is a publish.Tx as the build's sink: it keeps an unchanged
// output file by hard-linking it from the previous output.
type keeper struct{ *publish.Tx }

func (k keeper) Keep(name string, was site.Stamp) bool {
	return k.Tx.Keep(name, publish.Stamp(was))
}

// saveCache keeps what the next build may reuse, once tx has committed.
// A cache that cannot be written costs the next build its speed, not its
// output: it is reported, and the build still succeeds.
func saveCache(res *site.Result, tx *publish.Tx, c *publish.Cache) error {
	c.RemoveStale()
	stamps := tx.Stamps()
	return res.SaveCache(func(name string) (site.Stamp, bool) {
		s, ok := stamps[name]
		return site.Stamp(s), ok
	})
}
