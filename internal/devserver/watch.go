package devserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/handbook-ssg/handbook/internal/site"
)

// Watched are the parts of a site whose changes trigger a rebuild, for a
// site that keeps its pages in content/; the pages folder of another
// layout, and another generator's config the build reads, are watched in
// its place (see watchedIn).
var Watched = []string{"content", "rubrics", "templates", "static", site.ConfigFile}

// Debounce is how long the watcher waits after an event for more: editors
// write a temporary file, rename it over the original and touch it again,
// and one save should make one rebuild.
const Debounce = 5 * time.Millisecond

// Watch watches the site folder dir and calls the server's rebuild with the
// site paths that changed, until ctx is done.
func (s *Server) Watch(ctx context.Context, dir string) error {
	layout := site.LayoutOf(s.fsys)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	// The root itself, for handbook.yaml and for folders created later.
	if err := w.Add(dir); err != nil {
		return err
	}
	skip := func(p string) bool {
		rel, err := filepath.Rel(dir, p)
		return err != nil || rel != "." && !watchedIn(layout, filepath.ToSlash(rel))
	}
	for _, name := range watchRoots(layout) {
		addTree(w, filepath.Join(dir, filepath.FromSlash(name)), skip)
	}
	// pending holds the paths changed since the last rebuild, each true
	// when the path was created in that time: such a path that is gone
	// again was an editor's or a tool's temporary file (sed -i writes one
	// and renames it over the file it edits), and changed nothing.
	pending := map[string]bool{}
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			s.logf("watch: %v", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, err := filepath.Rel(dir, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			if !watchedIn(layout, rel) || ignored(rel) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					addTree(w, ev.Name, skip)
					// Files may have been written into it before the
					// watch was added.
					_ = filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
						if err == nil && !d.IsDir() {
							if r, err := filepath.Rel(dir, p); err == nil {
								pending[filepath.ToSlash(r)] = true
							}
						}
						return nil
					})
				}
			}
			if _, seen := pending[rel]; !seen {
				pending[rel] = ev.Has(fsnotify.Create)
			}
			if timer == nil {
				timer = time.NewTimer(Debounce)
			} else {
				timer.Reset(Debounce)
			}
			fire = timer.C
		case <-fire:
			changed := make([]string, 0, len(pending))
			for p, created := range pending {
				if created {
					if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); errors.Is(err, fs.ErrNotExist) {
						continue
					}
				}
				changed = append(changed, p)
			}
			slices.Sort(changed)
			clear(pending)
			fire = nil
			if len(changed) > 0 {
				s.rebuild(ctx, changed)
			}
		}
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.log != nil {
		_, _ = s.log.Write([]byte(strings.TrimSpace(fmt.Sprintf(format, args...)) + "\n"))
	}
}

// addTree watches dir and every folder under it that skip does not
// leave out.
func addTree(w *fsnotify.Watcher, dir string, skip func(string) bool) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir || skip(p) {
				return filepath.SkipDir
			}
			_ = w.Add(p)
		}
		return nil
	})
}

// watchRoots are the folders to watch of a site with layout l.
func watchRoots(l site.Layout) []string {
	if l.Self() {
		return []string{"."}
	}
	roots := []string{l.ContentDir}
	for _, w := range Watched {
		if w != "content" && w != site.ConfigFile {
			roots = append(roots, w)
		}
	}
	return roots
}

// watchedIn reports whether a change to the site path rel matters to a
// site with layout l: its pages folder (for a folder that is its own, all
// but what its layout leaves out), rubrics/, templates/, static/,
// handbook.yaml and the other generator's config the build reads.
func watchedIn(l site.Layout, rel string) bool {
	if rel == site.ConfigFile || rel != "" && rel == l.From {
		return true
	}
	for _, w := range Watched {
		if w == "content" || w == site.ConfigFile {
			continue
		}
		if rel == w || strings.HasPrefix(rel, w+"/") {
			return true
		}
	}
	if l.Self() {
		top, _, _ := strings.Cut(rel, "/")
		return !strings.HasPrefix(top, ".") && !l.Skip(rel, false) && !l.Skip(top, true)
	}
	return rel == l.ContentDir || strings.HasPrefix(rel, l.ContentDir+"/")
}

// ignored reports editor droppings: hidden files, backups, swap files.
func ignored(rel string) bool {
	base := filepath.Base(rel)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasPrefix(base, "#") || strings.HasSuffix(base, ".tmp")
}
