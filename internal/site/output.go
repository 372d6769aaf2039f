package site

import (
	"context"
	"crypto/sha256"
	"strings"
	"sync"
)

// Sink receives the files of a build as they are made, such as a
// publish.Tx writing them to disk. name is relative to the output folder.
type Sink interface {
	Add(name string, data []byte) error
}

// output collects the files of a build, or passes them to a sink. It is
// safe for concurrent use.
type output struct {
	ctx   context.Context // once it is done, files are dropped: the build returns its error
	mu    sync.Mutex
	files map[string][]byte // relative path → bytes, when there is no sink
	sink  Sink
	err   error

	// With a build cache, the files no record tells (the bundle, the
	// files copied as they are, the search index) are told by their
	// bytes: was holds the previous build's, by name, and sums this
	// build's (addSame).
	was  map[string]memoFile
	sums map[string]memoFile
}

// memoFile is a file of the output told by its bytes: their SHA-256, and
// the Stamp of the file as written.
type memoFile struct {
	sum   [sha256.Size]byte
	stamp Stamp
}

func newOutput(ctx context.Context, sink Sink, size int) *output {
	o := &output{ctx: ctx, sink: sink}
	if sink == nil {
		o.files = make(map[string][]byte, size)
	}
	return o
}

// add adds the file at the site-absolute path p.
func (o *output) add(p string, data []byte) {
	name := strings.TrimPrefix(p, "/")
	if o.ctx.Err() != nil {
		return
	}
	if o.sink != nil {
		if err := o.sink.Add(name, data); err != nil {
			o.mu.Lock()
			if o.err == nil {
				o.err = err
			}
			o.mu.Unlock()
		}
		return
	}
	o.mu.Lock()
	o.files[name] = data
	o.mu.Unlock()
}

// keep adds the file name (relative to the output folder) as the previous
// output holds it, if the sink can and the file there has the Stamp was.
func (o *output) keep(name string, was Stamp) bool {
	k, ok := o.sink.(Keeper)
	if !ok || o.ctx.Err() != nil {
		return false
	}
	return k.Keep(name, was)
}

// addKnown is addSame for a file whose SHA-256, sum, is known, such as
// the search index's (search.File): when data is nil, the file is the
// previous build's, and make returns its bytes if that cannot be kept.
func (o *output) addKnown(p string, sum [sha256.Size]byte, data []byte, make func() []byte) {
	if o.sums != nil {
		name := strings.TrimPrefix(p, "/")
		o.mu.Lock()
		o.sums[name] = memoFile{sum: sum}
		o.mu.Unlock()
		if old, ok := o.was[name]; ok && old.sum == sum && o.keep(name, old.stamp) {
			return
		}
	}
	if data == nil {
		data = make()
	}
	o.add(p, data)
}

// addSame adds the file at the site-absolute path p, keeping the previous
// output's file instead when its bytes were the same and it is unchanged
// there (Keeper), with a build cache; otherwise it is add.
func (o *output) addSame(p string, data []byte) {
	if o.sums == nil {
		o.add(p, data)
		return
	}
	name := strings.TrimPrefix(p, "/")
	f := memoFile{sum: sha256.Sum256(data)}
	o.mu.Lock()
	o.sums[name] = f
	o.mu.Unlock()
	if old, ok := o.was[name]; ok && old.sum == f.sum && o.keep(name, old.stamp) {
		return
	}
	o.add(p, data)
}
