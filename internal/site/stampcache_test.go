package site

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/content"
)

// diskSite is a site folder on disk kept equal to a MapFS, as an editor
// would: a file written again at its old size gets its old modification
// time back, so that only the inode's change time tells it changed.
type diskSite struct {
	t      *testing.T
	dir    string
	synced map[string][]byte
}

func newDiskSite(t *testing.T, fsys fstest.MapFS) *diskSite {
	if runtime.GOOS != "linux" {
		t.Skip("page files are told unchanged by their Stamp on Linux only")
	}
	d := &diskSite{t: t, dir: t.TempDir(), synced: map[string][]byte{}}
	d.sync(fsys)
	return d
}

// sync writes and removes files of the folder until it holds what fsys
// does.
func (d *diskSite) sync(fsys fstest.MapFS) {
	t := d.t
	t.Helper()
	for name, f := range fsys {
		if old, ok := d.synced[name]; ok && bytes.Equal(old, f.Data) {
			continue
		}
		p := filepath.Join(d.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		was, statErr := os.Stat(p)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if statErr == nil && was.Size() == int64(len(f.Data)) {
			if err := os.Chtimes(p, was.ModTime(), was.ModTime()); err != nil {
				t.Fatal(err)
			}
		}
		d.synced[name] = slices.Clone(f.Data)
	}
	for name := range d.synced {
		if _, ok := fsys[name]; !ok {
			if err := os.Remove(filepath.Join(d.dir, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
			delete(d.synced, name)
		}
	}
}

// shortMargin lets the tests trust the Stamps of files written more than
// 20 ms before a build: ten times the tick of the coarsest kernel clock
// that stamps inodes (HZ=100 gives 10 ms; tmpfs and ext4 stamp finer), so
// that a test need not wait the 2 s meant for coarser file systems. It
// returns the wait that makes the files written so far older than that.
func shortMargin(t *testing.T) time.Duration {
	was := stampMargin
	stampMargin = 20 * time.Millisecond
	t.Cleanup(func() { stampMargin = was })
	return 2 * stampMargin
}

// sameSizeEdit changes one letter of a page's text, keeping its size.
func sameSizeEdit(r *rand.Rand, fsys fstest.MapFS, n int) []string {
	var pages []string
	for name := range fsys {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			pages = append(pages, name)
		}
	}
	if len(pages) == 0 {
		return nil
	}
	slices.Sort(pages)
	name := pages[r.IntN(len(pages))]
	data := slices.Clone(fsys[name].Data)
	_, body, _, _, _ := content.SplitFrontMatter(data)
	start := len(data) - len(body)
	for i := len(data) - 1; i >= start; i-- {
		if c := data[i]; c >= 'a' && c <= 'y' {
			data[i] = c + 1
			fsys[name] = &fstest.MapFile{Data: data}
			return []string{name}
		}
	}
	return nil
}

// TestCacheStampProperty is TestCacheProperty on a site folder on disk,
// where a page file whose Stamp is the one the cache noted is not read:
// after each random edit of every kind, and edits that keep a page's size
// and modification time, a build from the cache gives byte for byte what
// a cold build gives, and the pages no edit touched were not read.
func TestCacheStampProperty(t *testing.T) {
	wait := shortMargin(t)
	seeds, steps := 2, 24
	if testing.Short() {
		seeds, steps = 1, 15
	}
	unread, pages := 0, 0
	for seed := range seeds {
		fsys := basicSite(t)
		orig := maps.Clone(fsys)
		disk := newDiskSite(t, fsys)
		time.Sleep(wait)
		site := os.DirFS(disk.dir)
		r := rand.New(rand.NewPCG(uint64(seed), 1920))
		opt := Options{Defaults: handbook.Defaults(), Today: cacheToday}
		store := memStore{}
		var clock int64
		_, tx, err := cachedBuild(t, site, opt, store, nil, &clock)
		if err != nil {
			t.Fatal(err)
		}
		out := tx.next
		edits := append(propertyEdits(orig), edit{"same size and time", sameSizeEdit}, edit{"same size and time", sameSizeEdit})
		ed := &editor{r: r, edits: edits}
		var res *Result
		for step := range steps {
			name, _ := ed.next(fsys, step)
			disk.sync(fsys)
			where := fmt.Sprintf("seed %d step %d (%s)", seed, step, name)
			res, tx, err = cachedBuild(t, site, opt, store, out, &clock)
			if _, coldErr := Build(context.Background(), fsys, opt); fmt.Sprint(err) != fmt.Sprint(coldErr) {
				t.Fatalf("%s: error:\n%v\ncold build's:\n%v", where, err, coldErr)
			}
			if err != nil {
				continue
			}
			ed.built()
			sameAsCold(t, where, fsys, opt, tx.next.files, res)
			out = tx.next
			unread += res.Stats.Unread
			pages += len(res.Model.Pages)
		}
	}
	// The Stamps must have been used, or the test compared builds that
	// read every page.
	if unread == 0 || unread >= pages {
		t.Errorf("%d of %d pages were not read: want most, not all", unread, pages)
	}
}

// A page told unchanged by its Stamp is not read; one whose file is
// written again, even at the same size and with its old modification
// time, is; and a damaged pages section is as none, the build then reads
// every page.
func TestCacheStamps(t *testing.T) {
	wait := shortMargin(t)
	fsys := basicSite(t)
	disk := newDiskSite(t, fsys)
	time.Sleep(wait)
	site := os.DirFS(disk.dir)
	opt := Options{Defaults: handbook.Defaults(), Today: cacheToday}
	store := memStore{}
	var clock int64
	res, tx, err := cachedBuild(t, site, opt, store, nil, &clock)
	if err != nil {
		t.Fatal(err)
	}
	all := len(res.Model.Pages)
	if res.Stats.Unread != 0 {
		t.Fatalf("a cold build left %d pages unread", res.Stats.Unread)
	}
	res, tx, err = cachedBuild(t, site, opt, store, tx.next, &clock)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Unread != all {
		t.Errorf("with nothing changed, %d of %d pages were not read; want all", res.Stats.Unread, all)
	}
	sameAsCold(t, "unchanged", fsys, opt, tx.next.files, res)

	const page = "content/guidance/interview.md"
	edited := bytes.Replace(fsys[page].Data, []byte("An ordinary list"), []byte("An ordinary LIST"), 1)
	if bytes.Equal(edited, fsys[page].Data) {
		t.Fatal("the fixture's page has changed: edit another line")
	}
	fsys[page] = &fstest.MapFile{Data: edited}
	disk.sync(fsys)
	res, tx, err = cachedBuild(t, site, opt, store, tx.next, &clock)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Unread != all-1 {
		t.Errorf("after a same-size edit with the old time, %d of %d pages were not read; want all but it", res.Stats.Unread, all)
	}
	sameAsCold(t, "same size", fsys, opt, tx.next.files, res)

	for _, damage := range []struct {
		name string
		do   func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"empty", func([]byte) []byte { return nil }},
		{"garbage", func(b []byte) []byte { return bytes.Repeat([]byte{0x7f}, len(b)) }},
		{"missing", nil},
	} {
		t.Run(damage.name, func(t *testing.T) {
			s := maps.Clone(store)
			section := pagesName(docShard(page))
			if damage.do == nil {
				delete(s, section)
			} else {
				s[section] = damage.do(s[section])
			}
			res, tx2, err := cachedBuild(t, site, opt, s, tx.next, &clock)
			if err != nil {
				t.Fatal(err)
			}
			sameAsCold(t, damage.name, fsys, opt, tx2.next.files, res)
			if res.Stats.Unread >= all {
				t.Errorf("%d of %d pages were not read with the section %s", res.Stats.Unread, all, damage.name)
			}
		})
	}
}

// A page taken from the cache has its Body read when it is rendered
// again; if its file no longer holds what the page was loaded from, that
// is an error, not another page's text.
func TestReadBodyChanged(t *testing.T) {
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("---\ntitle: A\n---\nBody.\n")}}
	src := &content.Page{File: "content/a.md", Hash: content.FileHash(fsys["content/a.md"].Data)}
	if err := readBody(fsys, src); err != nil || string(src.Body) != "Body.\n" {
		t.Fatalf("readBody = %v, body %q; want the body", err, src.Body)
	}
	fsys["content/a.md"].Data = []byte("---\ntitle: A\n---\nBody!\n")
	src.Body = nil
	if err := readBody(fsys, src); err == nil || !strings.Contains(err.Error(), "changed while the site was built") || err.Pos.File != "content/a.md" {
		t.Errorf("readBody of a changed file = %v; want the error", err)
	}
	delete(fsys, "content/a.md")
	if err := readBody(fsys, src); err == nil || err.Pos.File != "content/a.md" {
		t.Errorf("readBody of a removed file = %v; want the error", err)
	}
}

// FuzzCachePages: any bytes as a pages section load as none or as a valid
// one, never a panic, and a page is taken only for its own file.
func FuzzCachePages(f *testing.F) {
	key := "k"
	s := pagesSection{Key: key, Config: 7, Files: []string{"content/a.md"}, Stamps: []Stamp{{Size: 3, Ctime: 9}},
		Pages: []content.Page{{File: "content/a.md", Rel: "a.md", URL: "/a/", Meta: content.FrontMatter{Title: "A",
			Params: map[string]any{"x": []any{1, "two", 3.0, map[string]any{"y": true}}}}}}}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&s); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Add([]byte{})
	shard := docShard("content/a.md")
	f.Fuzz(func(t *testing.T, data []byte) {
		m := newMemo(nil)
		if !loadPages(memStore{pagesName(shard): data}, key, m) {
			return
		}
		for file, sp := range m.stamped {
			if sp.page == nil || sp.page.File != file || sp.page.Body != nil {
				t.Fatalf("%s: page %+v", file, sp.page)
			}
		}
	})
}

var _ fs.FS = os.DirFS(".")

// A Rebuild in the same process after a build that took pages from the
// cache without their Body reads those pages again when it renders them:
// adding a page changes the shape, so every page is rendered again.
func TestRebuildAfterStampedBuild(t *testing.T) {
	wait := shortMargin(t)
	fsys := basicSite(t)
	disk := newDiskSite(t, fsys)
	time.Sleep(wait)
	site := os.DirFS(disk.dir)
	opt := Options{Defaults: handbook.Defaults(), Today: cacheToday, CacheKey: "test binary"}
	store := memStore{}
	var res *Result
	var out *memDisk
	var clock int64
	for range 2 {
		o := opt
		tx := newMemTx(out, &clock)
		o.Cache, o.Out = store, tx
		var err error
		if res, err = Build(context.Background(), site, o); err != nil {
			t.Fatal(err)
		}
		if err := res.SaveCache(func(name string) (Stamp, bool) {
			s, ok := tx.next.stamps[name]
			return s, ok
		}); err != nil {
			t.Fatal(err)
		}
		out = tx.next
	}
	if res.Stats.Unread == 0 {
		t.Fatal("the second build read every page: the test needs pages taken from the cache")
	}
	const added = "content/guidance/added.md"
	fsys[added] = &fstest.MapFile{Data: []byte("---\ntitle: Added\n---\n## About\n\n¶9 Added.\n")}
	disk.sync(fsys)
	o := opt
	o.Cache = store
	re, err := Rebuild(context.Background(), site, o, res, []string{added})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("unread %d, rendered %d of %d", res.Stats.Unread, re.Stats.Rendered, len(re.Model.Pages))
	cold, err := Build(context.Background(), fsys, Options{Defaults: handbook.Defaults(), Today: cacheToday, NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	for n, data := range cold.Files {
		if !bytes.Equal(data, re.Files[n]) {
			t.Fatalf("%s differs from a cold build's", n)
		}
	}
}
