//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"context"
	"os"
	"testing"
)

// A build does not remove the folder of another build of the same dest
// that is running: it holds a lock on it.
func TestStaleLocked(t *testing.T) {
	dest := oldSite(t)
	first, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	second, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Abort()
	if _, err := os.Stat(first.tmp); err != nil {
		t.Fatalf("the second build removed the first one's folder: %v", err)
	}
	first.Add("index.html", []byte("first"))
	second.Add("index.html", []byte("second"))
	for _, tx := range []*Tx{first, second} {
		if err := tx.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := read(t, dest); got["index.html"] != "second" || len(got) != 1 {
		t.Errorf("got %v", got)
	}
	if names := beside(t, dest); len(names) != 0 {
		t.Errorf("left %v beside dest", names)
	}
}
