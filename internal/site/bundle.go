package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/handbook-ssg/handbook/internal/assets"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// bundle is the bundle stage running alongside the others.
type bundle struct {
	done  chan struct{}
	man   assets.Manifest
	files []assets.File
	errs  []*source.Error // problems in the site's files
	err   error           // any other failure
	// reused says the bundle is the previous build's, not made again.
	reused bool
}

func startBundle(ctx context.Context, ru *reuse, site, union fs.FS, isolate bool) *bundle {
	b := &bundle{done: make(chan struct{})}
	if man, files, ok := ru.bundle(); ok {
		b.man, b.files, b.reused = man, files, true
		close(b.done)
		return b
	}
	go func() {
		defer close(b.done)
		css, err := markdown.CSS()
		if err != nil {
			b.err = fmt.Errorf("bundle: chroma stylesheet: %w", err)
			return
		}
		b.man, b.files, b.err = assets.Bundle(ctx, union, assets.Options{Generated: css, Isolate: isolate})
		var le *source.ListError
		if errors.As(b.err, &le) {
			b.errs = le.List.Errors()
			b.err = nil
			markDefaults(site, b.errs)
		} else if b.err != nil {
			b.err = fmt.Errorf("bundle: %w", b.err)
		}
	}()
	return b
}

// report waits for the bundle, adds the problems it found in the site's
// files to errs, and returns any other failure.
func (b *bundle) report(errs *source.List) error {
	<-b.done
	for _, e := range b.errs {
		errs.Add(e)
	}
	return b.err
}

// markDefaults says which of the bundle's problems are in the embedded
// default files rather than the site's own: the position names the file
// as a site would override it.
func markDefaults(site fs.FS, errs []*source.Error) {
	for _, e := range errs {
		if _, err := fs.Stat(site, e.Pos.File); errors.Is(err, fs.ErrNotExist) && strings.HasPrefix(e.Pos.File, "static/") {
			e.Msg = "in the embedded default file: " + e.Msg
			if e.Hint == "" {
				e.Hint = "the default comes with handbook; a file of your site that it imports may not fit it, or give your own " + e.Pos.File
			}
		}
	}
}
