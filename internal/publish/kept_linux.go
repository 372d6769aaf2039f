package publish

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// claimKept takes the kept folder of dest (.NAME.kept, see [BeginReuse])
// for a build: it locks the folder, without following a link, and renames
// it to a new .NAME.new-N, a name that nothing held before (the rename
// never replaces), so that from then on it is this build's folder as a
// fresh one is, locked while it is written. It reports false, leaving
// everything as it was, when there is no kept folder, it is not a folder
// of its own (a symbolic link, a file, a mount point), or another build
// holds it.
func claimKept(dest string) (dir string, unlock func(), ok bool) {
	kept := KeptDir(dest)
	fd, err := unix.Open(kept, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return "", nil, false
	}
	release := func() { unix.Close(fd) }
	if unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB) != nil {
		release()
		return "", nil, false
	}
	var st, parent unix.Stat_t
	if unix.Fstat(fd, &st) != nil || unix.Stat(filepath.Dir(kept), &parent) != nil || st.Dev != parent.Dev {
		release()
		return "", nil, false
	}
	prefix := filepath.Join(filepath.Dir(kept), "."+filepath.Base(filepath.Clean(dest))+".new-")
	for range 100 {
		dir = fmt.Sprintf("%s%d", prefix, rand.Uint32())
		err = renameNoReplace(kept, dir)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		break
	}
	if err != nil {
		release()
		return "", nil, false
	}
	// The folder renamed must be the one locked: a folder put in the
	// kept one's place between the two is not this build's: it goes
	// back, or, if that fails, is left unlocked for the next build to
	// remove.
	var now unix.Stat_t
	if unix.Lstat(dir, &now) != nil || now.Dev != st.Dev || now.Ino != st.Ino {
		release()
		renameNoReplace(dir, kept)
		return "", nil, false
	}
	if unix.Fchmod(fd, 0o755) != nil {
		release()
		renameNoReplace(dir, kept) // back as it was; a failure leaves it to removeStale
		return "", nil, false
	}
	return dir, sync.OnceFunc(release), true
}

// renameNoReplace renames from to to, failing with an error that is
// os.ErrExist when to exists: renameat2 with RENAME_NOREPLACE, so that
// nothing another process put at to is ever replaced. It returns
// errNoExchange where the kernel or file system cannot.
func renameNoReplace(from, to string) error {
	err := unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// walkTree lists everything under the folder root, by slash-separated
// path relative to it: each entry's kind and inode, as the folder's
// entries give them (no stat per file). Folders are opened without
// following links, and a link is listed as a link, never followed. It
// fails when a folder cannot be read: the caller then cannot know what
// the folder holds.
func walkTree(root string) (map[string]oldEntry, error) {
	var (
		mu      sync.Mutex
		entries = map[string]oldEntry{}
		first   error
		pending sync.WaitGroup
		work    = make(chan string, 1<<16)
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	var list func(rel string, buf []byte)
	list = func(rel string, buf []byte) {
		defer pending.Done()
		dir := filepath.Join(root, filepath.FromSlash(rel))
		fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != nil {
			fail(&os.PathError{Op: "open", Path: dir, Err: err})
			return
		}
		defer unix.Close(fd)
		var found []oldEntry
		var names []string
		for {
			n, err := unix.Getdents(fd, buf)
			if err == unix.EINTR {
				continue
			}
			if err != nil {
				fail(&os.PathError{Op: "getdents", Path: dir, Err: err})
				return
			}
			if n <= 0 {
				break
			}
			// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name.
			for b := buf[:n]; len(b) >= 19; {
				reclen := int(binary.NativeEndian.Uint16(b[16:]))
				if reclen < 19 || reclen > len(b) {
					fail(fmt.Errorf("%s: a damaged folder entry", dir))
					return
				}
				ino, typ, name := binary.NativeEndian.Uint64(b), b[18], b[19:reclen]
				for i, c := range name {
					if c == 0 {
						name = name[:i]
						break
					}
				}
				b = b[reclen:]
				if s := string(name); s != "." && s != ".." {
					e := oldEntry{ino: ino}
					switch typ {
					case unix.DT_DIR:
						e.kind = kindDir
					case unix.DT_REG:
						e.kind = kindFile
					case unix.DT_UNKNOWN:
						var st unix.Stat_t
						if err := unix.Fstatat(fd, s, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
							fail(&os.PathError{Op: "lstat", Path: filepath.Join(dir, s), Err: err})
							return
						}
						e.ino = st.Ino
						switch st.Mode & unix.S_IFMT {
						case unix.S_IFDIR:
							e.kind = kindDir
						case unix.S_IFREG:
							e.kind = kindFile
						}
					}
					found = append(found, e)
					names = append(names, path.Join(rel, s))
				}
			}
		}
		mu.Lock()
		for i, name := range names {
			entries[name] = found[i]
		}
		mu.Unlock()
		for i, name := range names {
			if found[i].kind == kindDir {
				pending.Add(1)
				select {
				case work <- name:
				default:
					list(name, make([]byte, len(buf)))
				}
			}
		}
	}
	var wg sync.WaitGroup
	for range max(2, runtime.GOMAXPROCS(0)*2) {
		wg.Go(func() {
			buf := make([]byte, 32<<10)
			for rel := range work {
				list(rel, buf)
			}
		})
	}
	pending.Add(1)
	work <- "."
	pending.Wait()
	close(work)
	wg.Wait()
	if first != nil {
		return nil, first
	}
	return entries, nil
}
