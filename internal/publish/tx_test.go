package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// beside lists the names in dest's folder other than dest.
func beside(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			names = append(names, e.Name())
		}
	}
	return names
}

// oldSite writes a site to a new dest and returns dest.
func oldSite(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, map[string][]byte{"index.html": []byte("old"), "a/index.html": []byte("old a")}); err != nil {
		t.Fatal(err)
	}
	return dest
}

func sameOld(t *testing.T, dest string) {
	t.Helper()
	if got := read(t, dest); got["index.html"] != "old" || got["a/index.html"] != "old a" || len(got) != 2 {
		t.Errorf("the previous site changed: %v", got)
	}
	if names := beside(t, dest); len(names) != 0 {
		t.Errorf("left %v beside dest", names)
	}
}

// A Commit after ctx is done, or a write that fails or panics, publishes
// nothing and leaves nothing behind.
func TestCommitFails(t *testing.T) {
	tests := []struct {
		name  string
		setup func(tx *Tx, cancel func())
		want  string
	}{
		{"cancelled", func(tx *Tx, cancel func()) { cancel() }, context.Canceled.Error()},
		{"write error", func(tx *Tx, cancel func()) {
			tx.writeFile = func(string, []byte, os.FileMode) error { return errors.New("disk full") }
		}, "disk full"},
		{"write panic", func(tx *Tx, cancel func()) {
			tx.writeFile = func(string, []byte, os.FileMode) error { panic("disk on fire") }
		}, "disk on fire"},
		{"exchange fails", func(tx *Tx, cancel func()) {
			tx.exchange = func(a, b string) error { return errors.New("no swap today") }
		}, "no swap today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := oldSite(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			tx, err := Begin(dest)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Abort()
			tt.setup(tx, cancel)
			for i := range 20 {
				if err := tx.Add(strings.Repeat("p/", i%4)+"index.html", []byte("new")); err != nil {
					t.Fatal(err)
				}
			}
			if err := tx.Commit(ctx); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Commit: %v, want %q", err, tt.want)
			}
			sameOld(t, dest)
			if err := tx.Add("late.html", nil); err == nil {
				t.Errorf("Add after a failed Commit was accepted")
			}
		})
	}
}

// A panic between Begin and Commit runs the deferred Abort, which removes
// the new folder.
func TestDeferredAbort(t *testing.T) {
	dest := oldSite(t)
	func() {
		defer func() { _ = recover() }()
		tx, err := Begin(dest)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Abort()
		if err := tx.Add("index.html", []byte("new")); err != nil {
			t.Fatal(err)
		}
		panic("the build went wrong")
	}()
	sameOld(t, dest)
}

// Abort after a successful Commit changes nothing.
func TestAbortAfterCommit(t *testing.T) {
	dest := oldSite(t)
	tx, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	tx.Add("index.html", []byte("new"))
	if err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	tx.Abort()
	if got := read(t, dest); got["index.html"] != "new" || len(got) != 1 {
		t.Errorf("got %v", got)
	}
	if names := beside(t, dest); len(names) != 0 {
		t.Errorf("left %v beside dest", names)
	}
	if err := tx.Commit(context.Background()); err == nil {
		t.Errorf("a second Commit was accepted")
	}
}

// Commit swaps with one exchange where the system has it, and with two
// renames where it has not; either way dest ends as the new site and
// nothing is left beside it.
func TestSwap(t *testing.T) {
	for _, real := range []bool{true, false} {
		dest := oldSite(t)
		tx, err := Begin(dest)
		if err != nil {
			t.Fatal(err)
		}
		calls, exchanged := 0, false
		tx.exchange = func(a, b string) error {
			calls++
			if !real {
				return errNoExchange
			}
			err := exchange(a, b)
			exchanged = err == nil
			return err
		}
		tx.Add("index.html", []byte("new"))
		if err := tx.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := read(t, dest); got["index.html"] != "new" || len(got) != 1 {
			t.Errorf("exchange %v: got %v", real, got)
		}
		if names := beside(t, dest); len(names) != 0 {
			t.Errorf("exchange %v: left %v beside dest", real, names)
		}
		if calls != 1 {
			t.Errorf("exchange %v: %d calls", real, calls)
		}
		if real && exchangeWanted && !exchanged {
			t.Errorf("the folders were not exchanged in one step on this system")
		}
	}
	// A dest that does not exist yet is renamed into place: there is
	// nothing to exchange with.
	dest := filepath.Join(t.TempDir(), "new")
	tx, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	tx.exchange = func(a, b string) error { t.Errorf("exchange with a missing dest"); return nil }
	tx.Add("index.html", []byte("first"))
	if err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest); got["index.html"] != "first" {
		t.Errorf("got %v", got)
	}
}

// Begin removes what killed builds left beside dest, and only that.
func TestRemoveStale(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	if err := Write(dest, map[string][]byte{"index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "keep")
	mkfiles(t, outside, "precious.txt")
	mkfiles(t, root,
		".public.new-123/index.html", ".public.new-4567/a/b.html", ".public.old-89/index.html", // stale
		".public.new-12x/keep", ".public.new-/keep", ".other.new-1/keep", "public.new-1/keep", ".public.tmp-1/keep",
		".public.new-9", // a file, not a folder
	)
	symlink(t, outside, filepath.Join(root, ".public.old-77"))
	tx, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	names := beside(t, dest)
	want := []string{".other.new-1", ".public.new-", ".public.new-12x", ".public.new-9", ".public.old-77", ".public.tmp-1", "public.new-1",
		filepath.Base(tx.tmp)}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("beside dest:\n got %v\nwant %v", names, want)
	}
	if _, err := os.Stat(filepath.Join(outside, "precious.txt")); err != nil {
		t.Errorf("a link's target was touched: %v", err)
	}
	if got := read(t, dest); got["index.html"] != "old" {
		t.Errorf("dest changed: %v", got)
	}
}

// A kill between the two renames of a swap leaves dest missing and the
// previous site in .NAME.old-N; the next Begin puts it back, so that a
// failed build still leaves a site.
func TestRestoreOld(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	if err := Write(dest, map[string][]byte{"index.html": []byte("old"), "a/index.html": []byte("old a")}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dest, filepath.Join(root, ".public.old-42")); err != nil {
		t.Fatal(err)
	}
	mkfiles(t, root, ".public.new-43/index.html") // the new site, half written
	tx, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	tx.Abort()
	sameOld(t, dest)
}
