package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/handbook-ssg/handbook/internal/source"
)

// FS reads a site folder. It is safe for concurrent use.
type FS struct {
	root  *os.Root
	dir   string // the folder as a real, absolute path, for messages
	limit int64  // the largest file read; source.MaxCopySize but in tests
	memo  *folders
}

// folders remembers, for a Snapshot, what each folder was found to be the
// first time a name in it was asked for.
type folders struct {
	mu     sync.Mutex
	linked map[string]bool   // the folder, or one on the way to it, is a link
	built  map[string]string // the folder at or above it that holds Marker, or ""
}

// Open opens the site folder dir. Close it when the build is done.
func Open(dir string) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.Abs(dir)
	if err == nil {
		if r, err := filepath.EvalSymlinks(real); err == nil {
			real = r
		}
	}
	return &FS{root: root, dir: real, limit: source.MaxCopySize}, nil
}

// Close releases the folder.
func (f *FS) Close() error { return f.root.Close() }

// Snapshot returns an FS over the same folder, refusing what f refuses,
// that works out once per folder what f works out for every name: whether
// the folder or one on the way to it is a link, and whether it is, or is
// inside, a site handbook built. It is for a build that reads the folder
// once (handbook build), not for serve, whose folders may become links or
// built sites while it runs: a folder's verdict holds for the Snapshot's
// life. The Snapshot shares f's folder, which f's Close releases.
func (f *FS) Snapshot() *FS {
	return &FS{root: f.root, dir: f.dir, limit: f.limit,
		memo: &folders{linked: map[string]bool{}, built: map[string]string{}}}
}

// Error is a file the FS will not read: what it is, and what to do.
type Error struct {
	msg  string
	hint string
}

// Error says what the file is.
func (e *Error) Error() string { return e.msg }

// Hint says what to do about it.
func (e *Error) Hint() string { return e.hint }

func refuse(op, name, hint, format string, args ...any) error {
	return &fs.PathError{Op: op, Path: name, Err: &Error{msg: fmt.Sprintf(format, args...), hint: hint}}
}

// Marker is the file that marks a folder as a site handbook built (the
// name publish.Marker gives it). Nothing in such a folder is read: a link
// from content/ to the output folder would otherwise put each build's site
// into the next.
const Marker = ".handbook-site"

const (
	hintOutput  = "a build reads only its sources: remove the link, or move the folder out (to publish a copy of a built site as it is, delete the copy's " + Marker + ")"
	hintOutside = "only files inside the site folder are read; copy the file in instead of linking to it"
	hintFix     = "fix the link or remove it"
	hintSpecial = "only regular files and folders are read; remove it from the site folder"
)

// Stat returns what name is, following a link to what it leads to. It
// refuses, without opening anything, a name that is not a regular file or
// a folder inside the site folder. The one thing in a site handbook built
// that it does not refuse is the Marker itself, reached without a link:
// stating it is how the walks of a site folder tell a built site, to
// leave it out (it is not read; Open refuses it).
func (f *FS) Stat(name string) (fs.FileInfo, error) { return f.stat(name, false) }

// stat is Stat, or, with open, the check before a file is opened.
func (f *FS) stat(name string, open bool) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		if !utf8.ValidString(name) {
			return nil, refuse("stat", name, "rename it: names in a site folder are made into URLs, and must be UTF-8 text",
				"its name is not UTF-8 text")
		}
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	li, err := f.root.Lstat(name)
	if err != nil {
		return nil, f.lstatError(name, err)
	}
	if li.Mode()&fs.ModeSymlink == 0 {
		if err := kindOK(name, li.Mode(), ""); err != nil {
			return nil, err
		}
		if !open && li.Mode().IsRegular() && path.Base(name) == Marker && !f.linkOnWay(name) {
			return li, nil
		}
		if err := f.builtSite(name, li.IsDir(), false); err != nil {
			return nil, err
		}
		return li, nil
	}
	target, _ := f.root.Readlink(name)
	fi, err := f.root.Stat(name)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		return nil, refuse("stat", name, hintFix, "it is a link to %q, which does not exist", target)
	case isLoop(err):
		return nil, refuse("stat", name, hintFix, "it is a link that leads back to itself (%q)", target)
	case errors.Is(err, fs.ErrPermission):
		return nil, err
	default:
		return nil, f.outside(name, target)
	}
	if err := kindOK(name, fi.Mode(), target); err != nil {
		return nil, err
	}
	if fi.IsDir() {
		if err := f.folderLink(name, fi); err != nil {
			return nil, err
		}
	}
	if err := f.builtSite(name, fi.IsDir(), true); err != nil {
		return nil, err
	}
	return renamed{fi, path.Base(name)}, nil
}

// builtSite refuses name if it is, or is inside, a folder that holds
// Marker, as the file system finds it: through the links on its way when
// there are any (link says name itself is one).
func (f *FS) builtSite(name string, isDir, link bool) error {
	if name == "." {
		return nil
	}
	real := name
	link = link || f.linkOnWay(name)
	if link && f.dir != "" {
		// The root has followed each link inside the folder; this follows
		// the same links to learn where name is.
		p, err := filepath.EvalSymlinks(filepath.Join(f.dir, filepath.FromSlash(name)))
		if err != nil {
			return nil
		}
		rel, err := filepath.Rel(f.dir, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil
		}
		real = filepath.ToSlash(rel)
	}
	d := real
	if !isDir {
		d = path.Dir(real)
	}
	if d = f.builtAt(d); d != "" {
		if link {
			return refuse("stat", name, hintOutput, "it leads into %s, a site handbook built (it holds %s), which the build does not read", d, Marker)
		}
		return refuse("stat", name, hintOutput, "it is in %s, a site handbook built (it holds %s), which the build does not read", d, Marker)
	}
	return nil
}

// builtAt returns the folder d, or the nearest folder above it, that holds
// Marker, or "" when none does.
func (f *FS) builtAt(d string) string {
	if d == "." || d == "/" {
		return ""
	}
	if f.memo != nil {
		f.memo.mu.Lock()
		b, ok := f.memo.built[d]
		f.memo.mu.Unlock()
		if ok {
			return b
		}
	}
	b := d
	if fi, err := f.root.Lstat(path.Join(d, Marker)); err != nil || !fi.Mode().IsRegular() {
		b = f.builtAt(path.Dir(d))
	}
	if f.memo != nil {
		f.memo.mu.Lock()
		f.memo.built[d] = b
		f.memo.mu.Unlock()
	}
	return b
}

// linkOnWay reports whether a folder on the way to name is a link.
func (f *FS) linkOnWay(name string) bool { return f.linked(path.Dir(name)) }

// linked reports whether the folder d, or one on the way to it, is a link.
func (f *FS) linked(d string) bool {
	if d == "." || d == "/" {
		return false
	}
	if f.memo != nil {
		f.memo.mu.Lock()
		v, ok := f.memo.linked[d]
		f.memo.mu.Unlock()
		if ok {
			return v
		}
	}
	li, err := f.root.Lstat(d)
	v := err == nil && li.Mode()&fs.ModeSymlink != 0 || f.linked(path.Dir(d))
	if f.memo != nil {
		f.memo.mu.Lock()
		f.memo.linked[d] = v
		f.memo.mu.Unlock()
	}
	return v
}

// lstatError explains an error of Lstat, which follows the links on the
// way to name: one of them may lead out of the folder.
func (f *FS) lstatError(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrInvalid) {
		return err
	}
	if isLoop(err) {
		return refuse("stat", name, hintFix, "a link on its path leads back to itself")
	}
	return refuse("stat", name, hintOutside, "a link on its path leads outside the site folder")
}

// outside explains a link the root would not follow.
func (f *FS) outside(name, target string) error {
	if filepath.IsAbs(target) {
		t := filepath.Clean(target)
		if f.dir != "" && (t == f.dir || strings.HasPrefix(t, f.dir+string(filepath.Separator))) {
			return refuse("stat", name, "make it a relative link, such as ln -s ../other/file.md",
				"it is a link by an absolute path (%q); only relative links are followed", target)
		}
	}
	return refuse("stat", name, hintOutside, "it is a link to %q, outside the site folder", target)
}

// kindOK refuses anything but a regular file or a folder.
func kindOK(name string, mode fs.FileMode, target string) error {
	if mode.IsRegular() || mode.IsDir() {
		return nil
	}
	what := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&fs.ModeCharDevice != 0, mode&fs.ModeDevice != 0:
		what = "a device"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeIrregular != 0:
		what = "a special file"
	}
	if target != "" {
		return refuse("stat", name, hintSpecial, "it is a link to %q, which is %s, not a regular file", target, what)
	}
	return refuse("stat", name, hintSpecial, "it is %s, not a regular file", what)
}

// folderLink refuses a link to a folder that a walk must not follow: one
// inside a folder reached through a link, or one to a folder that holds
// the link. Following either could go on without end (a → b → a, or
// a/again → a).
func (f *FS) folderLink(name string, target fs.FileInfo) error {
	dir := name
	for dir != "." {
		dir = path.Dir(dir)
		if dir != "." {
			if li, err := f.root.Lstat(dir); err == nil && li.Mode()&fs.ModeSymlink != 0 {
				return refuse("stat", name, "link to the folder from outside any linked folder, or copy it",
					"it is a link to a folder inside the linked folder %s; such links are not followed", dir)
			}
		}
		if fi, err := f.root.Stat(dir); err == nil && os.SameFile(fi, target) {
			return refuse("stat", name, "remove the link", "it is a link to a folder that holds it, which would repeat without end")
		}
	}
	return nil
}

// renamed is a link's target under the link's name.
type renamed struct {
	fs.FileInfo
	name string
}

func (r renamed) Name() string { return r.name }

// Open opens name for reading. A folder can be listed; a file can be read
// up to the size limit.
func (f *FS) Open(name string) (fs.File, error) {
	fi, err := f.stat(name, true)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return &dir{fsys: f, name: name, info: fi}, nil
	}
	if fi.Size() > f.limit {
		return nil, refuse("open", name, "split it into smaller files, or publish it elsewhere and link to it",
			"file is %.1f MB, over the %d MB limit for a site file", float64(fi.Size())/(1<<20), f.limit>>20)
	}
	h, err := f.root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	// What was opened must be what was checked: not a pipe swapped in
	// since, nor another file.
	st, err := h.Stat()
	if err != nil {
		h.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() || !os.SameFile(st, unrenamed(fi)) {
		h.Close()
		return nil, refuse("open", name, "build again once it has stopped changing", "the file changed while it was opened")
	}
	return &file{h: h, name: name, info: renamed{st, fi.Name()}, left: f.limit + 1, limit: f.limit}, nil
}

func unrenamed(fi fs.FileInfo) fs.FileInfo {
	if r, ok := fi.(renamed); ok {
		return r.FileInfo
	}
	return fi
}

// ReadFile reads the whole of name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	h, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	fi, err := h.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	}
	buf := make([]byte, 0, min(fi.Size(), f.limit)+1)
	for {
		n, err := h.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 4096)
		}
	}
}

// ReadDir lists the folder name, sorted by name. A link that can be
// followed shows as what it leads to; any other stays a link, so that
// reading it gives the reason it is refused.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	fi, err := f.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	h, err := f.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	entries, err := h.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for i, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		if fi, err := f.Stat(path.Join(name, e.Name())); err == nil {
			entries[i] = fs.FileInfoToDirEntry(fi)
		}
	}
	return entries, nil
}

// file is an open regular file whose reads stop at the limit.
type file struct {
	h     *os.File
	name  string
	info  fs.FileInfo
	left  int64 // bytes that may still be read, one more than the limit allows
	limit int64
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Close() error               { return f.h.Close() }

func (f *file) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, f.tooLong()
	}
	if int64(len(p)) > f.left {
		p = p[:f.left]
	}
	n, err := f.h.Read(p)
	f.left -= int64(n)
	if f.left <= 0 {
		return n, f.tooLong()
	}
	return n, err
}

func (f *file) tooLong() error {
	return refuse("read", f.name, "split it into smaller files, or publish it elsewhere and link to it",
		"file grew past the %d MB limit for a site file while it was read", f.limit>>20)
}

// dir is an open folder.
type dir struct {
	fsys    *FS
	name    string
	info    fs.FileInfo
	entries []fs.DirEntry
	read    bool
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a folder")}
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		es, err := d.fsys.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = es, true
	}
	if n <= 0 {
		es := d.entries
		d.entries = nil
		return es, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	es := d.entries[:n]
	d.entries = d.entries[n:]
	return es, nil
}
