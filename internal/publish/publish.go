package publish

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Tx is a site being written: files go into a new folder beside the
// destination as they come, and Commit swaps the folder in. Until Commit,
// the destination is untouched; Abort removes what was written.
type Tx struct {
	dest, tmp string

	work chan file
	wg   sync.WaitGroup

	mu   sync.Mutex
	made map[string]bool // folders made under tmp
	err  error           // the first write error
	done bool
}

type file struct {
	name string
	data []byte
}

// Begin starts writing a site that will replace the folder dest.
func Begin(dest string) (*Tx, error) {
	dest = filepath.Clean(dest)
	if dest == "/" || dest == "." || dest == "" {
		return nil, fmt.Errorf("refusing to write the site over %q; choose a folder of its own", dest)
	}
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder", dest)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	t := &Tx{dest: dest, tmp: tmp, work: make(chan file, 64), made: map[string]bool{".": true}}
	// Writing many small files is mostly waiting on the file system, so
	// more writers than cores.
	for range max(2, runtime.GOMAXPROCS(0)*2) {
		t.wg.Go(t.writer)
	}
	return t, nil
}

func (t *Tx) writer() {
	for f := range t.work {
		if err := t.write(f); err != nil {
			t.mu.Lock()
			if t.err == nil {
				t.err = err
			}
			t.mu.Unlock()
		}
	}
}

func (t *Tx) write(f file) error {
	dir := path.Dir(f.name)
	t.mu.Lock()
	made := t.made[dir]
	t.mu.Unlock()
	if !made {
		if err := os.MkdirAll(filepath.Join(t.tmp, filepath.FromSlash(dir)), 0o755); err != nil {
			return err
		}
		t.mu.Lock()
		t.made[dir] = true
		t.mu.Unlock()
	}
	return os.WriteFile(filepath.Join(t.tmp, filepath.FromSlash(f.name)), f.data, 0o644)
}

// Add writes one file, named by its slash-separated path relative to the
// site's folder. It is safe for concurrent use; writes happen in the
// background, and their errors are returned by Commit.
func (t *Tx) Add(name string, data []byte) error {
	if err := checkPath(name); err != nil {
		return err
	}
	t.work <- file{name, data}
	return nil
}

// Commit waits for every write and swaps the new folder in for the
// destination. On error the destination is left as it was.
func (t *Tx) Commit() error {
	t.finish()
	if t.err != nil {
		os.RemoveAll(t.tmp)
		return t.err
	}
	if err := swap(t.tmp, t.dest); err != nil {
		os.RemoveAll(t.tmp)
		return err
	}
	return nil
}

// Abort stops writing and removes what was written; the destination is
// left as it was.
func (t *Tx) Abort() {
	t.finish()
	os.RemoveAll(t.tmp)
}

func (t *Tx) finish() {
	if !t.done {
		t.done = true
		close(t.work)
		t.wg.Wait()
	}
}

// Write replaces the folder dest with files, keyed by slash-separated paths
// relative to dest.
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
	for _, name := range names {
		if err := t.Add(name, files[name]); err != nil {
			t.Abort()
			return err
		}
	}
	return t.Commit()
}

// swap moves tmp to dest, moving any old dest aside first and removing it
// after.
func swap(tmp, dest string) error {
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		o, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".old-")
		if err != nil {
			return err
		}
		os.Remove(o)
		if err := os.Rename(dest, o); err != nil {
			return err
		}
		old = o
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			_ = os.Rename(old, dest)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
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
