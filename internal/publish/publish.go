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

// Write replaces the folder dest with files, keyed by slash-separated paths
// relative to dest.
func Write(dest string, files map[string][]byte) (err error) {
	dest = filepath.Clean(dest)
	if dest == "/" || dest == "." || dest == "" {
		return fmt.Errorf("refusing to write the site over %q; choose a folder of its own", dest)
	}
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s is a file, not a folder", dest)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		if err := checkPath(name); err != nil {
			return err
		}
		names = append(names, name)
	}
	slices.Sort(names)
	// Folders first, in order, then the files on every core: writing many
	// small files is mostly waiting on the file system.
	made := map[string]bool{}
	for _, name := range names {
		if dir := path.Dir(name); !made[dir] {
			if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(dir)), 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := make(chan string)
	for range max(2, runtime.GOMAXPROCS(0)*2) {
		wg.Go(func() {
			for name := range next {
				if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(name)), files[name], 0o644); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for _, name := range names {
		next <- name
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return swap(tmp, dest)
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
