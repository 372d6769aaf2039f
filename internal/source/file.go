package source

import (
	"bytes"
	"io/fs"
	"unicode/utf8"
)

// MaxFileSize is the largest site file the build reads as text. Guidance
// chapters and rubrics are tens of kilobytes; a file this large is a mistake
// (a pasted export, a binary), and reading it would only slow every build.
const MaxFileSize = 4 << 20

// ReadFile reads a site file, refusing files over MaxFileSize and files that
// are not UTF-8 text, and normalising the text: the byte order mark is
// dropped and CRLF or CR line endings become LF (keeping line numbers).
func ReadFile(fsys fs.FS, name string, errs *List) ([]byte, bool) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		errs.Addf(Pos{File: name}, "cannot read: %v", unwrapPath(err)).Hint = "a symbolic link that points to itself or to a missing file cannot be read; fix or remove it"
		return nil, false
	}
	if fi.Size() > MaxFileSize {
		errs.Addf(Pos{File: name}, "file is %.1f MB, over the %d MB limit for a site file", float64(fi.Size())/(1<<20), MaxFileSize>>20).Hint =
			"split it into smaller files"
		return nil, false
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		errs.Addf(Pos{File: name}, "cannot read: %v", unwrapPath(err))
		return nil, false
	}
	return Normalize(name, data, errs)
}

// unwrapPath drops the *fs.PathError wrapper, whose path repeats the file
// name that the position already gives.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Normalize checks that data is UTF-8 text and normalises it as ReadFile
// does.
func Normalize(name string, data []byte, errs *List) ([]byte, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		l, c := LineCol(data, i)
		errs.Addf(Pos{File: name, Line: l, Col: c}, "file holds a NUL byte, so it is not text").Hint = "save it as UTF-8 text"
		return nil, false
	}
	if !utf8.Valid(data) {
		i := invalidUTF8(data)
		l, c := LineCol(data, i)
		errs.Addf(Pos{File: name, Line: l, Col: c}, "invalid UTF-8 (byte 0x%02x)", data[i]).Hint =
			"save the file as UTF-8; this byte comes from another encoding, such as Windows-1252"
		return nil, false
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, true
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
