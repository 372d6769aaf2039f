package publish

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"sync"
)

// KeptDir returns the folder where a build begun with [BeginReuse] keeps
// the site its swap replaced, for the next build to bring up to date:
// .NAME.kept beside dest.
func KeptDir(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".kept")
}

// entryKind is what walkTree found at a path of a kept folder.
type entryKind uint8

const (
	kindOther entryKind = iota // a link, a named pipe, a device: never used, only removed
	kindFile                   // a regular file
	kindDir                    // a folder (not a link to one)
)

// oldEntry is a path of a kept folder as the build found it.
type oldEntry struct {
	ino  uint64
	kind entryKind
}

// walkKept is walkTree, but in tests.
var walkKept = walkTree

// survey lists what the claimed kept folder holds, for the writers, which
// wait for it. When the folder cannot be read whole, what it holds cannot
// be told: the build writes a fresh folder instead and removes that one.
func (t *Tx) survey() {
	defer close(t.ready)
	old, err := walkKept(t.tmp)
	if err == nil {
		t.old = old
		return
	}
	tmp, unlock, ferr := freshDir(t.dest, false) // Commit writes the Marker
	if ferr != nil {
		t.fail(ferr)
		return
	}
	bad, badUnlock := t.tmp, t.unlock
	t.tmp, t.unlock, t.claimed = tmp, unlock, false
	t.made = map[string]bool{".": true}
	_ = removeTree(bad)
	badUnlock()
}

// clear removes what the kept folder held at the file name, which the
// build is about to make, so that the file is a new one (written, or
// linked from the destination) and no file of the kept folder is ever
// written into: its files may be the destination's too, as hard links.
func (t *Tx) clear(name string, e oldEntry, had bool) error {
	if !had {
		return nil
	}
	p := filepath.Join(t.tmp, filepath.FromSlash(name))
	if e.kind == kindDir {
		return removeTree(p)
	}
	return unlinkFile(p)
}

// prune removes from a claimed kept folder, once every file is written,
// what the new site does not hold: files and folders of an older build
// that this one no longer makes, and anything put there since. Only what
// the survey found is removed, and nothing under a folder removed whole is
// looked at again.
func (t *Tx) prune() error {
	dirs := map[string]bool{".": true}
	for name := range t.want {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	type gone struct {
		name string
		e    oldEntry
	}
	var remove []gone
	for name, e := range t.old {
		if t.want[name] || dirs[name] || !dirs[path.Dir(name)] {
			continue
		}
		remove = append(remove, gone{name, e})
	}
	if len(remove) == 0 {
		return nil
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		work  = make(chan gone)
	)
	for range min(len(remove), max(2, runtime.GOMAXPROCS(0)*2)) {
		wg.Go(func() {
			for g := range work {
				if err := t.clear(g.name, g.e, true); err != nil && !errors.Is(err, fs.ErrNotExist) {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for _, g := range remove {
		work <- g
	}
	close(work)
	wg.Wait()
	return first
}
