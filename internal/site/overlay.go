package site

import (
	"errors"
	"io/fs"
	"slices"
)

// Overlay returns a file system that reads from top and, for names top does
// not have, from bottom: a site's own templates and static files laid over
// the embedded defaults, file by file. Directory listings are merged.
func Overlay(top, bottom fs.FS) fs.FS {
	if bottom == nil {
		return top
	}
	return overlay{top, bottom}
}

type overlay struct{ top, bottom fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		// A directory's listing comes from ReadDir, which merges both.
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.bottom.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.top, name)
	if errA != nil && !errors.Is(errA, fs.ErrNotExist) {
		// The site has the folder but it cannot be read (a link out of
		// the site): say so rather than show the defaults alone.
		return nil, errA
	}
	b, errB := fs.ReadDir(o.bottom, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range a {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range b {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y fs.DirEntry) int {
		switch {
		case x.Name() < y.Name():
			return -1
		case x.Name() > y.Name():
			return 1
		}
		return 0
	})
	return out, nil
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(o.top, name)
	if !errors.Is(err, fs.ErrNotExist) {
		// A site's file that cannot be read is an error, not a reason
		// to use the default in its place.
		return fi, err
	}
	return fs.Stat(o.bottom, name)
}
