package publish

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Cache is the folder .NAME.cache beside a destination (NAME is its own
// name), where a build keeps what the next build, in a new process, may
// reuse. It is never part of the site and never read as one: like
// .NAME.new-N it is hidden and beside the destination, not in it. Its
// files are named sections; each is written whole to a temporary file
// and renamed into place, and framed with its length and a checksum, so
// that a reader sees the last section written whole or an error, never
// half of one. Deleting the folder costs the next build its speed, never
// its output.
type Cache struct {
	dir string
}

// cacheMagic starts every section file; a file without it is not one.
const cacheMagic = "handbook-cache\x00\x01"

// cacheHeader is the magic, the payload's length and its CRC-32C.
const cacheHeader = len(cacheMagic) + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// CacheDir returns the cache folder of the destination dest:
// .NAME.cache beside it.
func CacheDir(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".cache")
}

// OpenCache returns the cache of the destination dest. Nothing is read or
// made until a section is loaded or stored.
func OpenCache(dest string) *Cache {
	return &Cache{dir: CacheDir(dest)}
}

// Dir returns the cache's folder.
func (c *Cache) Dir() string { return c.dir }

// ErrCorrupt says a cache section is not one written whole by Store: it
// is truncated, changed, or not a section at all.
var ErrCorrupt = errors.New("cache section is damaged")

// Load returns the payload of the section name, or an error when it is
// missing or damaged (ErrCorrupt).
func (c *Cache) Load(name string) ([]byte, error) {
	if err := checkSection(name); err != nil {
		return nil, err
	}
	if err := c.folder(false); err != nil {
		return nil, err
	}
	data, err := readRegular(filepath.Join(c.dir, name))
	if err != nil {
		return nil, err
	}
	if len(data) < cacheHeader || string(data[:len(cacheMagic)]) != cacheMagic {
		return nil, fmt.Errorf("%s: %w", name, ErrCorrupt)
	}
	n := binary.LittleEndian.Uint64(data[len(cacheMagic):])
	sum := binary.LittleEndian.Uint32(data[len(cacheMagic)+8:])
	payload := data[cacheHeader:]
	if uint64(len(payload)) != n || crc32.Checksum(payload, castagnoli) != sum {
		return nil, fmt.Errorf("%s: %w", name, ErrCorrupt)
	}
	return payload, nil
}

// Store writes the section name with payload: to a temporary file in the
// cache folder, renamed over the old section once it is whole.
func (c *Cache) Store(name string, payload []byte) error {
	if err := checkSection(name); err != nil {
		return err
	}
	if err := c.folder(true); err != nil {
		return err
	}
	f, err := os.CreateTemp(c.dir, "."+name+".tmp-")
	if err != nil {
		return err
	}
	head := make([]byte, cacheHeader)
	copy(head, cacheMagic)
	binary.LittleEndian.PutUint64(head[len(cacheMagic):], uint64(len(payload)))
	binary.LittleEndian.PutUint32(head[len(cacheMagic)+8:], crc32.Checksum(payload, castagnoli))
	_, err = f.Write(head)
	if err == nil {
		_, err = f.Write(payload)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(c.dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// staleTemp is how old a temporary file in the cache folder must be for
// RemoveStale to take it for one a killed build left, not one a running
// build is writing.
const staleTemp = 10 * time.Minute

// RemoveStale removes the temporary files that builds killed while they
// stored a section left in the cache folder.
func (c *Cache) RemoveStale() {
	if c.folder(false) != nil {
		return
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), ".") || !strings.Contains(e.Name(), ".tmp-") {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleTemp {
			os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
}

// Remove removes the section name, if it is there.
func (c *Cache) Remove(name string) error {
	if err := checkSection(name); err != nil {
		return err
	}
	err := os.Remove(filepath.Join(c.dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// folder reports whether the cache's folder is a folder of its own, not
// a symbolic link (which would have the build read and write wherever it
// leads, such as a folder the site publishes) nor a file; with create, it
// makes the folder when there is none. Such a link or file is left as it
// is: the build then has no cache, and says why.
func (c *Cache) folder(create bool) error {
	fi, err := os.Lstat(c.dir)
	if errors.Is(err, os.ErrNotExist) && create {
		if err = os.MkdirAll(filepath.Dir(c.dir), 0o755); err != nil {
			return err
		}
		// Mkdir, unlike MkdirAll, makes nothing where a link leads.
		if err = os.Mkdir(c.dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return err
		}
		fi, err = os.Lstat(c.dir)
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder (a symbolic link or a file): the cache is not read or written through it; delete it", c.dir)
	}
	return nil
}

// checkSection refuses a section name that is not a plain file name.
func checkSection(name string) error {
	if name == "" || strings.ContainsAny(name, `/\`+"\x00") || strings.HasPrefix(name, ".") {
		return fmt.Errorf("cache section %q: not a plain name", name)
	}
	return nil
}

// readRegular reads the file p if it is a regular file, not a link, a
// folder, a device or a named pipe (which would wait for a writer for
// ever). The open does not wait either, should a pipe be swapped in after
// the check, and what was opened must be what was checked.
func readRegular(p string) ([]byte, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", p)
	}
	f, err := os.OpenFile(p, os.O_RDONLY|readFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || !os.SameFile(fi, st) {
		return nil, fmt.Errorf("%s: changed while it was opened", p)
	}
	// Read into a buffer of the file's size (and a byte more, to see the
	// end), not one that io.ReadAll grows by doubling and copying: the
	// sections are megabytes each, and every build reads them all.
	buf := make([]byte, 0, max(st.Size(), 0)+1)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // it grew since it was stated
		}
	}
}
