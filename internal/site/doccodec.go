package site

import (
	"encoding/binary"
	"math"

	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// The docs sections are the bulk of the cache (every page's paragraphs,
// headings and links), and a build from the cache reads them all. gob took
// most of a rebuild's decoding time allocating each string on its own;
// this encoding is read with one copy of the section, of which every
// string is a part.
//
// A section is: the key, the shape (8 bytes), the number of docs, then for
// each doc its file, hash and sum (8 bytes each) and its cachedDoc. Counts,
// lengths and numbers are varints; a string is its length and bytes; a
// position is its file (a 0 for the doc's own file, else 1 and the file),
// line and column.

type docEncoder struct{ b []byte }

func (e *docEncoder) uint(v uint64)  { e.b = binary.AppendUvarint(e.b, v) }
func (e *docEncoder) int(v int)      { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *docEncoder) fixed(v uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, v) }
func (e *docEncoder) str(s string)   { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

func (e *docEncoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *docEncoder) pos(p source.Pos, file string) {
	if p.File == file {
		e.uint(0)
	} else {
		e.uint(1)
		e.str(p.File)
	}
	e.int(p.Line)
	e.int(p.Col)
}

func (e *docEncoder) blocks(bs []markdown.Block, file string) {
	e.uint(uint64(len(bs)))
	for _, b := range bs {
		e.str(b.ID)
		e.int(b.Number)
		e.str(b.Heading)
		e.str(b.HeadingID)
		e.str(b.Text)
		e.pos(b.Pos, file)
	}
}

// encodeDocs encodes a docs section, into a buffer made once: grown as
// it fills, a section of megabytes was copied many times over.
func encodeDocs(s *docsSection) []byte {
	e := &docEncoder{b: make([]byte, 0, docsSize(s))}
	e.str(s.Key)
	e.fixed(s.Shape)
	e.uint(uint64(len(s.Files)))
	for i, f := range s.Files {
		e.str(f)
		e.fixed(s.Hashes[i])
		e.fixed(s.Sums[i])
		d := &s.Docs[i]
		e.str(d.Title)
		e.str(d.TitleID)
		e.uint(uint64(len(d.Headings)))
		for _, h := range d.Headings {
			e.int(h.Level)
			e.str(h.ID)
			e.str(h.Text)
			e.pos(h.Pos, f)
		}
		e.blocks(d.Paras, f)
		e.blocks(d.Sections, f)
		e.uint(uint64(len(d.Links)))
		for _, l := range d.Links {
			e.str(l.Dest)
			e.str(l.Text)
			e.bool(l.Image)
			e.pos(l.Pos, f)
			e.int(l.Para)
			e.str(l.Href)
			e.str(l.Target)
			e.str(l.Fragment)
			e.bool(l.External)
		}
		e.uint(uint64(len(d.IDs)))
		for _, id := range d.IDs {
			e.str(id)
		}
		e.uint(uint64(len(d.BareTables)))
		for _, p := range d.BareTables {
			e.pos(p, f)
		}
	}
	return e.b
}

// docsSize is about the size of s encoded, and not less but for
// positions in other files than the doc's: its strings, and at most the
// size of a varint for each number and length.
func docsSize(s *docsSection) int {
	const n = binary.MaxVarintLen64
	size := len(s.Key) + 8 + 2*n
	for i, f := range s.Files {
		d := &s.Docs[i]
		size += len(f) + len(d.Title) + len(d.TitleID) + 16 + 8*n
		for _, h := range d.Headings {
			size += len(h.ID) + len(h.Text) + 6*n
		}
		for _, bs := range [][]markdown.Block{d.Paras, d.Sections} {
			for _, b := range bs {
				size += len(b.ID) + len(b.Heading) + len(b.HeadingID) + len(b.Text) + 8*n
			}
		}
		for _, l := range d.Links {
			size += len(l.Dest) + len(l.Text) + len(l.Href) + len(l.Target) + len(l.Fragment) + 11*n
		}
		for _, id := range d.IDs {
			size += len(id) + n
		}
		size += len(d.BareTables) * 3 * n
	}
	return size
}

// docDecoder reads what docEncoder wrote. The first thing amiss (a
// number or length past the end, a byte that is no bool) sets bad, and
// every read after it gives zero values.
type docDecoder struct {
	data []byte
	s    string // data, copied once: every string read is a part of it
	i    int
	bad  bool
}

func (d *docDecoder) uint() uint64 {
	if d.bad {
		return 0
	}
	v, n := binary.Uvarint(d.data[d.i:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.i += n
	return v
}

func (d *docDecoder) int() int {
	if d.bad {
		return 0
	}
	v, n := binary.Varint(d.data[d.i:])
	if n <= 0 || v < math.MinInt || v > math.MaxInt {
		d.bad = true
		return 0
	}
	d.i += n
	return int(v)
}

func (d *docDecoder) fixed() uint64 {
	if d.bad || len(d.data)-d.i < 8 {
		d.bad = true
		return 0
	}
	v := binary.LittleEndian.Uint64(d.data[d.i:])
	d.i += 8
	return v
}

// count reads a number of things, each at least one byte long: a count
// past what is left is damage, so that no allocation exceeds the input.
func (d *docDecoder) count() int {
	n := d.uint()
	if n > uint64(len(d.data)-d.i) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *docDecoder) str() string {
	n := d.count()
	if d.bad {
		return ""
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *docDecoder) bool() bool {
	switch d.uint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.bad = true
	return false
}

func (d *docDecoder) pos(file string) source.Pos {
	var p source.Pos
	switch d.uint() {
	case 0:
		p.File = file
	case 1:
		p.File = d.str()
	default:
		d.bad = true
	}
	p.Line, p.Col = d.int(), d.int()
	return p
}

func (d *docDecoder) blocks(file string) []markdown.Block {
	n := d.count()
	if n == 0 {
		return nil
	}
	bs := make([]markdown.Block, n)
	for i := range bs {
		b := &bs[i]
		b.ID, b.Number, b.Heading, b.HeadingID, b.Text = d.str(), d.int(), d.str(), d.str(), d.str()
		b.Pos = d.pos(file)
	}
	return bs
}

// decodeDocs decodes a docs section encoded by encodeDocs, or reports
// false when data is not one made under key.
func decodeDocs(data []byte, key string) (*docsSection, bool) {
	d := &docDecoder{data: data}
	// The key first, from data itself: a section of another key is not
	// copied.
	n := d.count()
	if d.bad || string(data[d.i:d.i+n]) != key {
		return nil, false
	}
	d.i += n
	d.s = string(data)
	s := &docsSection{Key: key}
	s.Shape = d.fixed()
	n = d.count()
	s.Files, s.Hashes, s.Sums, s.Docs = make([]string, n), make([]uint64, n), make([]uint64, n), make([]cachedDoc, n)
	for i := range n {
		f := d.str()
		s.Files[i], s.Hashes[i], s.Sums[i] = f, d.fixed(), d.fixed()
		c := &s.Docs[i]
		c.Title, c.TitleID = d.str(), d.str()
		if k := d.count(); k > 0 {
			c.Headings = make([]markdown.Heading, k)
			for j := range c.Headings {
				h := &c.Headings[j]
				h.Level, h.ID, h.Text = d.int(), d.str(), d.str()
				h.Pos = d.pos(f)
			}
		}
		c.Paras, c.Sections = d.blocks(f), d.blocks(f)
		if k := d.count(); k > 0 {
			c.Links = make([]markdown.Link, k)
			for j := range c.Links {
				l := &c.Links[j]
				l.Dest, l.Text, l.Image = d.str(), d.str(), d.bool()
				l.Pos = d.pos(f)
				l.Para = d.int()
				l.Href, l.Target, l.Fragment, l.External = d.str(), d.str(), d.str(), d.bool()
			}
		}
		if k := d.count(); k > 0 {
			c.IDs = make([]string, k)
			for j := range c.IDs {
				c.IDs[j] = d.str()
			}
		}
		if k := d.count(); k > 0 {
			c.BareTables = make([]source.Pos, k)
			for j := range c.BareTables {
				c.BareTables[j] = d.pos(f)
			}
		}
		if d.bad {
			return nil, false
		}
	}
	if d.bad || d.i != len(data) {
		return nil, false
	}
	return s, true
}
