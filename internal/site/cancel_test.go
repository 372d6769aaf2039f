package site

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/handbook-ssg/handbook"
)

// openHook calls hook before the n-th Open of its file system (from 1).
type openHook struct {
	fs.FS
	n     atomic.Int64
	at    int64
	hook  func()
	once  sync.Once
	total *atomic.Int64
}

func (o *openHook) Open(name string) (fs.File, error) {
	n := o.n.Add(1)
	if o.total != nil {
		o.total.Store(n)
	}
	if n == o.at {
		o.once.Do(o.hook)
	}
	return o.FS.Open(name)
}

// cancelSink cancels the build at its at-th file and counts the files.
type cancelSink struct {
	at     int64
	n      atomic.Int64
	cancel func()
}

func (s *cancelSink) Add(name string, data []byte) error {
	if s.n.Add(1) == s.at {
		s.cancel()
	}
	return nil
}

// A build whose context is cancelled at any point returns the context's
// error, never a result or content errors made up of what it did not
// finish; and once cancelled it hands the sink no more than the files
// already on their way.
func TestCancel(t *testing.T) {
	site := archiveFS(t, readArchive(t, "testdata/basic.txtar"))
	var total atomic.Int64
	count := &openHook{FS: site, total: &total}
	if _, err := Build(context.Background(), count, Options{Defaults: handbook.Defaults()}); err != nil {
		t.Fatal(err)
	}
	opens := total.Load()
	if opens < 8 {
		t.Fatalf("the build opened %d files; the test needs more", opens)
	}
	// Cancelled at the n-th file read: in load, bundle, templates and copy.
	for _, at := range []int64{0, 1, 2, opens / 4, opens / 2, 3 * opens / 4, opens - 1, opens} {
		ctx, cancel := context.WithCancel(context.Background())
		if at == 0 {
			cancel()
		}
		res, err := Build(ctx, &openHook{FS: site, at: at, hook: cancel}, Options{Defaults: handbook.Defaults()})
		if !errors.Is(err, context.Canceled) || res != nil {
			t.Errorf("cancelled at open %d of %d: %v, result %v", at, opens, err, res != nil)
		}
		cancel()
	}
	// Cancelled while the pages are written.
	full := &cancelSink{}
	if _, err := Build(context.Background(), site, Options{Defaults: handbook.Defaults(), Out: full}); err != nil {
		t.Fatal(err)
	}
	for _, at := range []int64{1, 3, full.n.Load() / 2} {
		ctx, cancel := context.WithCancel(context.Background())
		sink := &cancelSink{at: at, cancel: cancel}
		res, err := Build(ctx, site, Options{Defaults: handbook.Defaults(), Out: sink})
		if !errors.Is(err, context.Canceled) || res != nil {
			t.Errorf("cancelled at file %d: %v, result %v", at, err, res != nil)
		}
		if n, most := sink.n.Load(), at+int64(runtime.GOMAXPROCS(0)); n > most {
			t.Errorf("cancelled at file %d: %d files written after, at most %d were on their way", at, n-at, most-at)
		}
		cancel()
	}
}
