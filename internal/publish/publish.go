package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Marker is the file every published site holds, so that a later build
// knows the folder is a site it may replace (see [CheckDest]). It is not
// part of the build's output: [Begin] adds it to every site it writes.
const Marker = ".handbook-site"

// markerText is the marker's content: the same bytes every time, so that
// builds stay byte-for-byte reproducible.
const markerText = "This folder was written by handbook. The next build replaces it whole:\n" +
	"keep nothing else in it.\n"

// Tx is a site being written: files go into a new folder beside the
// destination as they come, and Commit swaps the folder in. Until Commit,
// the destination is untouched; Abort removes what was written. Call Abort
// in a defer right after Begin: after a successful Commit it does nothing,
// and on every other way out (an error, an interruption, a panic) it
// removes the new folder. Add is safe for concurrent use; Commit and Abort
// are called by the one goroutine that began the Tx.
type Tx struct {
	dest, tmp string
	unlock    func() // releases the lock on tmp that tells other builds it is in use

	// writeFile writes one file and exchange swaps two folders; they are
	// fields so that tests can make them fail.
	writeFile func(name string, data []byte, perm os.FileMode) error
	exchange  func(a, b string) error
	link      func(from, to string) error // os.Link, but in tests

	work chan file
	wg   sync.WaitGroup

	addMu sync.RWMutex // Add holds it to read, finish to close work
	mu    sync.Mutex
	made  map[string]bool // folders made under tmp
	err   error           // the first write error
	// stamps, when RecordStamps was called, holds each file's Stamp as
	// written or kept, for the cache.
	stamps map[string]Stamp
	// linked are the files kept as links (Keep): linking changes a
	// file's change time, and so does removing the old site's link to
	// it, so their stamps are taken once the old site is gone.
	linked []string
	// left are the files kept by leaving the kept folder's file, already
	// the destination's, as it is (BeginReuse): their stamps are the
	// ones Keep checked, unless the old site could not be kept.
	left []string
	done bool // work is closed
	over bool // committed or aborted

	// keepOld keeps the folder the swap replaces as .NAME.kept
	// (BeginReuse); claimed says tmp is such a folder, brought up to date
	// in place. Then ready is closed once old, what tmp held when it was
	// claimed, is known (survey), and want holds every file added or
	// kept. For a fresh folder ready is closed from the start and old is
	// nil.
	keepOld, claimed bool
	ready            chan struct{}
	old              map[string]oldEntry
	want             map[string]bool
}

type file struct {
	name string
	data []byte
	keep bool  // link the file from the destination instead (Keep)
	was  Stamp // its stamp there, when keep
}

// Begin starts writing a site that will replace the folder dest. dest
// should be the path [CheckDest] returned: Begin refuses only a file or a
// root, and does not ask whether dest holds something else.
//
// Begin first removes what earlier builds of dest that were killed left
// beside it: folders named .NAME.new-N or .NAME.old-N (NAME is dest's
// name, N digits) that no running build holds.
func Begin(dest string) (*Tx, error) {
	return begin(dest, false)
}

// BeginReuse is [Begin] for a build that runs again and again into dest:
// Commit keeps the folder the swap replaced, the previous site, as
// .NAME.kept beside dest instead of removing it, and the next BeginReuse
// brings that folder up to date in place instead of writing a new one.
// It takes the folder, if it is a folder of its own (not a link, a file or
// a mount point) that no other build holds, renames it to .NAME.new-N and
// lists what it holds (its entries' kinds and inodes). Then a file that
// Keep adds and that is already the destination's file (the same inode)
// is left as it is; any other file is made anew, never written into: what
// the folder held at its name is removed, and the file is linked from the
// destination or written as a new file. A name that changed kind (a file
// now a folder, a link, a named pipe) is removed first; what the new site
// does not hold is removed before the swap. So nothing in the folder is
// trusted but an inode the destination also holds, which Keep checks by
// its stamp. Where the folder cannot be taken or read, or elsewhere than on
// Linux (where a swap is two renames), BeginReuse writes a new folder as
// Begin does.
func BeginReuse(dest string) (*Tx, error) {
	return begin(dest, true)
}

func begin(dest string, reuse bool) (*Tx, error) {
	dest = filepath.Clean(dest)
	if dest == "/" || dest == "." || dest == "" || filepath.Dir(dest) == dest {
		return nil, fmt.Errorf("refusing to write the site over %q; choose a folder of its own", dest)
	}
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder", dest)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(dest, reuse)
	t := &Tx{dest: dest, writeFile: writeNew, exchange: exchange, link: os.Link,
		work: make(chan file, 64), made: map[string]bool{".": true}, keepOld: reuse, ready: make(chan struct{})}
	if reuse {
		t.tmp, t.unlock, t.claimed = claimKept(dest)
	}
	if t.claimed {
		t.writeFile, t.want = writeExcl, map[string]bool{}
		go t.survey()
	} else {
		tmp, unlock, err := freshDir(dest, true)
		if err != nil {
			return nil, err
		}
		t.tmp, t.unlock = tmp, unlock
		close(t.ready)
	}
	// Writing many small files is mostly waiting on the file system, so
	// more writers than cores.
	for range max(2, runtime.GOMAXPROCS(0)*2) {
		t.wg.Go(t.writer)
	}
	return t, nil
}

// freshDir makes a new, empty .NAME.new-N beside dest, holding only the
// Marker if marker is true, locked until unlock is called.
func freshDir(dest string, marker bool) (tmp string, unlock func(), err error) {
	tmp, err = os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".new-")
	if err != nil {
		return "", nil, err
	}
	unlock, err = lockDir(tmp)
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err == nil && marker {
		err = os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644)
	}
	if err != nil {
		if unlock != nil {
			unlock()
		}
		os.RemoveAll(tmp)
		return "", nil, err
	}
	return tmp, unlock, nil
}

// fail records err as the Tx's error, if it is the first.
func (t *Tx) fail(err error) {
	t.mu.Lock()
	if t.err == nil {
		t.err = err
	}
	t.mu.Unlock()
}

func (t *Tx) writer() {
	<-t.ready
	for f := range t.work {
		if err := t.write(f); err != nil {
			t.fail(err)
		}
	}
}

// write writes one file. A panic in it becomes the Tx's error, so that a
// writer's failure of any kind ends in Commit's error and the new folder's
// removal, never in a crash that leaves the folder behind.
func (t *Tx) write(f file) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing %s: %v", f.name, r)
		}
	}()
	if t.old != nil {
		t.mu.Lock()
		t.want[f.name] = true
		t.mu.Unlock()
	}
	if err := t.mkdir(path.Dir(f.name)); err != nil {
		return err
	}
	to := filepath.Join(t.tmp, filepath.FromSlash(f.name))
	e, had := t.old[f.name]
	if f.keep && had && e.kind == kindFile && e.ino == f.was.Ino {
		// The kept folder's file is the destination's, which Keep found
		// unchanged: it stays.
		if t.stamps != nil {
			t.mu.Lock()
			t.stamps[f.name] = f.was
			t.left = append(t.left, f.name)
			t.mu.Unlock()
		}
		return nil
	}
	if err := t.clear(f.name, e, had); err != nil {
		return err
	}
	if f.keep {
		from := filepath.Join(t.dest, filepath.FromSlash(f.name))
		if t.link(from, to) == nil {
			// Keep looked at the file before the link: make sure the
			// link is to that file, not to one put in its place since
			// (by another build into dest). Its change time moved with
			// the link, the rest did not.
			fi, err := os.Lstat(to)
			if err != nil {
				return err
			}
			if s := stampOf(fi); s.Size != f.was.Size || s.ModTime != f.was.ModTime || s.Ino != f.was.Ino {
				return fmt.Errorf("%s changed in %s during the build (another build into it?); build again", f.name, t.dest)
			}
			if t.stamps != nil {
				t.mu.Lock()
				t.linked = append(t.linked, f.name)
				t.mu.Unlock()
			}
			return nil
		}
		// A file system without hard links, or one the link may not
		// cross: a copy, as a new file, of the file Keep looked at.
		data, err := readStamped(from, f.was)
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		f.data = data
	}
	if err := t.writeFile(to, f.data, 0o644); err != nil {
		return err
	}
	if t.stamps != nil {
		fi, err := os.Lstat(to)
		if err != nil {
			return err
		}
		t.stamp(f.name, stampOf(fi))
	}
	return nil
}

// readStamped reads the file name if it is still the file of Stamp was,
// opening it as readRegular does: without waiting or following a link.
func readStamped(name string, was Stamp) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|readFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || stampOf(fi) != was {
		return nil, fmt.Errorf("changed during the build (another build into the same folder?); build again")
	}
	return io.ReadAll(f)
}

// Stamp tells a file as a build wrote it from the same path changed
// since, cheaply: its size, modification time, inode and (on Linux) the
// inode's change time. Every write of handbook makes a new file, so a
// file kept from one build to the next keeps its stamp but for its
// change time (which Tx.Stamps reads again), and one edited or replaced
// since gets another, even when its size is kept and its modification
// time set back (touch -d), which the change time tells.
type Stamp struct {
	Size    int64
	ModTime int64 // nanoseconds since 1970
	Ino     uint64
	Ctime   int64 // nanoseconds since 1970; 0 where it is not read
}

// StampOf returns the Stamp of a file as os.Stat or os.Lstat reports it.
func StampOf(fi os.FileInfo) Stamp { return stampOf(fi) }

func stampOf(fi os.FileInfo) Stamp {
	return Stamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Ino: inode(fi), Ctime: ctime(fi)}
}

func (t *Tx) stamp(name string, s Stamp) {
	if t.stamps == nil {
		return
	}
	t.mu.Lock()
	t.stamps[name] = s
	t.mu.Unlock()
}

// RecordStamps makes the Tx note every file's Stamp as it is written or
// kept, for Stamps. Call it before the first Add.
func (t *Tx) RecordStamps() {
	t.mu.Lock()
	if t.stamps == nil {
		t.stamps = map[string]Stamp{}
	}
	t.mu.Unlock()
}

// Stamps returns each file's Stamp as it was written or kept, by name,
// after a Commit, when RecordStamps was called; otherwise nil.
func (t *Tx) Stamps() map[string]Stamp {
	if !t.over || !t.done {
		return nil
	}
	return t.stamps
}

// Keep adds the file name as the destination holds it now, if it is a
// regular file there whose Stamp is was: the new folder gets a hard link
// to it (a copy where links fail), so an unchanged file costs no write.
// Files are never changed in place, so the link cannot change under the
// old site or the new one. It reports whether it added the file; when it
// did not, the caller makes the file and calls Add.
func (t *Tx) Keep(name string, was Stamp) bool {
	if checkPath(name) != nil || name == Marker {
		return false
	}
	fi, err := os.Lstat(filepath.Join(t.dest, filepath.FromSlash(name)))
	if err != nil || !fi.Mode().IsRegular() || stampOf(fi) != was {
		return false
	}
	t.addMu.RLock()
	defer t.addMu.RUnlock()
	if t.done {
		return false
	}
	t.work <- file{name: name, keep: true, was: was}
	return true
}

// mkdir makes the folder dir (slash-separated, relative to the site's
// folder) and those above it that are not made yet, each with one mkdir
// call: the new site's folder starts empty, so there is nothing to look up
// first, as os.MkdirAll would for every folder. Two writers making one
// folder at once is no error.
func (t *Tx) mkdir(dir string) error {
	var missing []string
	t.mu.Lock()
	for d := dir; !t.made[d]; d = path.Dir(d) {
		missing = append(missing, d)
	}
	t.mu.Unlock()
	for i := len(missing) - 1; i >= 0; i-- {
		p := filepath.Join(t.tmp, filepath.FromSlash(missing[i]))
		e, had := t.old[missing[i]]
		if !had || e.kind != kindDir { // else the kept folder has it
			if had {
				// A file, a link or a pipe where the folder goes; unlink
				// fails on the folder another writer may have made here
				// meanwhile, which os.Remove would remove.
				if err := unlinkFile(p); err != nil {
					if fi, serr := os.Lstat(p); serr != nil || !fi.IsDir() {
						return err
					}
				}
			}
			if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
		}
		t.mu.Lock()
		t.made[missing[i]] = true
		t.mu.Unlock()
	}
	return nil
}

// Add writes one file, named by its slash-separated path relative to the
// site's folder. It is safe for concurrent use; writes happen in the
// background, and their errors are returned by Commit. After Commit or
// Abort it returns an error.
func (t *Tx) Add(name string, data []byte) error {
	if err := checkPath(name); err != nil {
		return err
	}
	if name == Marker {
		return fmt.Errorf("refusing to write %q: the name is handbook's own (it marks a folder as a site handbook wrote)", name)
	}
	t.addMu.RLock()
	defer t.addMu.RUnlock()
	if t.done {
		return errors.New("the site is already committed or aborted")
	}
	t.work <- file{name: name, data: data}
	return nil
}

// Commit waits for every write and swaps the new folder in for the
// destination, unless a write failed or ctx is done: then it removes the
// new folder and returns the error (ctx's error when ctx is done), and the
// destination is left as it was.
func (t *Tx) Commit(ctx context.Context) error {
	if t.over {
		return errors.New("the site is already committed or aborted")
	}
	t.finish()
	<-t.ready
	err := t.err
	if err == nil {
		err = ctx.Err()
	}
	if err == nil && t.want != nil {
		// A folder taken has its Marker written anew, as any file of
		// the site, at the end (and so in a folder written anew when
		// the kept one could not be read).
		err = t.write(file{name: Marker, data: []byte(markerText)})
	}
	if err == nil && t.old != nil {
		err = t.prune()
	}
	kept := false
	if err == nil {
		kept, err = t.swap()
	}
	if err != nil {
		t.Abort()
		return err
	}
	t.over = true
	t.unlock()
	if !kept {
		// The old site, which held the other link of each file left as
		// it was, is gone: their change times moved.
		t.linked = append(t.linked, t.left...)
	}
	t.stampLinked()
	return nil
}

// stampLinked takes the stamps of the files kept as links, now that the
// old site, which held their other link, is removed. A file that cannot
// be stated gets no stamp: the next build makes it again.
func (t *Tx) stampLinked() {
	for _, name := range t.linked {
		fi, err := os.Lstat(filepath.Join(t.dest, filepath.FromSlash(name)))
		if err != nil || !fi.Mode().IsRegular() {
			delete(t.stamps, name)
			continue
		}
		t.stamps[name] = stampOf(fi)
	}
	t.linked = nil
}

// Abort stops writing and removes what was written; the destination is
// left as it was. It does nothing after Commit succeeded, so it can be
// deferred.
func (t *Tx) Abort() {
	if t.over {
		return
	}
	t.over = true
	t.finish()
	<-t.ready
	if t.claimed && renameNoReplace(t.tmp, KeptDir(t.dest)) == nil {
		// A kept folder half brought up to date is still one: the next
		// build trusts nothing in it that it does not check.
		t.unlock()
		return
	}
	t.unlock()
	os.RemoveAll(t.tmp)
}

func (t *Tx) finish() {
	t.addMu.Lock()
	if !t.done {
		t.done = true
		close(t.work)
	}
	t.addMu.Unlock()
	t.wg.Wait()
}

// Write replaces the folder dest with files, keyed by slash-separated paths
// relative to dest. It does not ask [CheckDest] first: it is for folders
// the caller owns.
func Write(dest string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		if err := checkPath(name); err != nil {
			return err
		}
		names = append(names, name)
	}
	slices.Sort(names)
	t, err := Begin(dest)
	if err != nil {
		return err
	}
	defer t.Abort()
	for _, name := range names {
		if err := t.Add(name, files[name]); err != nil {
			return err
		}
	}
	return t.Commit(context.Background())
}

// swap puts the new folder at dest. Where the system can exchange two
// folders in one step (Linux's renameat2 with RENAME_EXCHANGE), dest is
// never missing, even if the process is killed; elsewhere, and on file
// systems without the exchange, the old folder is renamed aside and the
// new one into its place, and a kill between the two renames leaves the
// old site in .NAME.old-N beside dest. The old folder is removed after,
// or, with BeginReuse and an exchange, kept as .NAME.kept, if no such
// folder is there: kept tells whether it was.
func (t *Tx) swap() (kept bool, err error) {
	if _, err := os.Lstat(t.dest); errors.Is(err, fs.ErrNotExist) {
		return false, os.Rename(t.tmp, t.dest)
	} else if err != nil {
		return false, err
	}
	err = t.exchange(t.tmp, t.dest)
	if err == nil {
		// tmp now holds the old site. A failure to remove it is no failure
		// of the build: the next build removes what is left.
		if t.keepOld && renameNoReplace(t.tmp, KeptDir(t.dest)) == nil {
			return true, nil
		}
		_ = removeTree(t.tmp)
		return false, nil
	}
	if !errors.Is(err, errNoExchange) {
		return false, err
	}
	o, err := os.MkdirTemp(filepath.Dir(t.dest), "."+filepath.Base(t.dest)+".old-")
	if err != nil {
		return false, err
	}
	os.Remove(o)
	if err := os.Rename(t.dest, o); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
		o = "" // dest went away meanwhile
	}
	if err := os.Rename(t.tmp, t.dest); err != nil {
		if o != "" {
			_ = os.Rename(o, t.dest)
		}
		return false, err
	}
	if o != "" {
		_ = removeTree(o)
	}
	return false, nil
}

// errNoExchange says the system cannot exchange two folders in one step.
var errNoExchange = errors.New("no atomic exchange")

// removeStale removes the folders that earlier builds of dest left beside
// it when they were killed before they could: .NAME.new-N (a site half
// written, or after an exchange the old site) and .NAME.old-N (the old site
// renamed aside). Only folders named exactly so are removed, never through
// a symbolic link, and never one that a running build holds locked. With
// adopt (BeginReuse), the first such folder becomes .NAME.kept instead,
// when there is none: a build killed while it brought the kept folder up
// to date leaves it as .NAME.new-N, and the next build takes it up again
// rather than removing a whole site and writing another (it trusts
// nothing in it that it does not check).
func removeStale(dest string, adopt bool) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		// Killed between the two renames of swap: the previous site is
		// in .NAME.old-N. Put it back, so that it stays the site if this
		// build fails too.
		for _, e := range entries {
			if e.IsDir() && isStale(e.Name(), base) && strings.HasPrefix(e.Name(), "."+base+".old-") {
				if os.Rename(filepath.Join(parent, e.Name()), dest) == nil {
					break
				}
			}
		}
	}
	for _, e := range entries {
		// ReadDir does not follow links: a link to a folder is not IsDir.
		if !e.IsDir() || !isStale(e.Name(), base) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		unlock, ok := tryLock(p)
		if !ok {
			continue // a build running now
		}
		if adopt && renameNoReplace(p, KeptDir(dest)) == nil {
			adopt = false
			unlock()
			continue
		}
		_ = os.RemoveAll(p)
		unlock()
	}
}

// isStale reports whether name is ".BASE.new-N" or ".BASE.old-N", the names
// Begin and swap give their folders (N is os.MkdirTemp's random digits).
func isStale(name, base string) bool {
	for _, kind := range []string{".new-", ".old-"} {
		if digits, ok := strings.CutPrefix(name, "."+base+kind); ok && digits != "" &&
			strings.Trim(digits, "0123456789") == "" {
			return true
		}
	}
	return false
}

// checkPath refuses a path that is absolute, not clean, or leaves the
// folder. The build checks slugs and aliases with positions long before;
// this is the last guard before the disk.
func checkPath(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name || name == ".." ||
		strings.HasPrefix(name, "../") || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return fmt.Errorf("refusing to write %q: output paths must stay inside the site folder", name)
	}
	return nil
}
