package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
)

// removeTree removes the folder root and everything in it, as os.RemoveAll
// does, but with several goroutines: replacing a site removes the old one,
// tens of thousands of files and folders on a large site, and one
// goroutine doing so took as long as a third of the build. Workers list
// folders and remove their files as they go; then the folders, now empty,
// are removed deepest first, those of one depth at once. Links are
// removed, never followed. Whatever it could not remove is left to a last
// os.RemoveAll, whose error it returns.
func removeTree(root string) error {
	type folder struct {
		path  string
		depth int
	}
	var (
		mu      sync.Mutex
		folders []folder
		pending sync.WaitGroup
		work    = make(chan folder, 1024)
	)
	var queue func(f folder)
	queue = func(f folder) {
		mu.Lock()
		folders = append(folders, f)
		mu.Unlock()
		pending.Add(1)
		select {
		case work <- f:
		default:
			// The queue is full: list it here rather than wait for a worker
			// that may itself be waiting to queue.
			list(f.path, func(sub string) { queue(folder{sub, f.depth + 1}) })
			pending.Done()
		}
	}
	workers := max(2, runtime.GOMAXPROCS(0)*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for f := range work {
				list(f.path, func(sub string) { queue(folder{sub, f.depth + 1}) })
				pending.Done()
			}
		})
	}
	queue(folder{root, 0})
	pending.Wait()
	close(work)
	wg.Wait()

	// Deepest first; the folders of one depth are independent.
	slices.SortFunc(folders, func(a, b folder) int { return b.depth - a.depth })
	for i := 0; i < len(folders); {
		j := i
		for j < len(folders) && folders[j].depth == folders[i].depth {
			j++
		}
		level := folders[i:j]
		var lg sync.WaitGroup
		per := (len(level) + workers - 1) / workers
		for k := 0; k < len(level); k += per {
			part := level[k:min(k+per, len(level))]
			lg.Go(func() {
				for _, f := range part {
					_ = os.Remove(f.path)
				}
			})
		}
		lg.Wait()
		i = j
	}
	return os.RemoveAll(root)
}

// list removes the files and links in the folder dir and calls sub with
// each folder in it.
func list(dir string, sub func(string)) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	for {
		entries, err := d.ReadDir(256)
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if e.IsDir() {
				sub(p)
			} else {
				_ = os.Remove(p)
			}
		}
		if err != nil {
			return
		}
	}
}
