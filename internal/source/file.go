package source

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"unicode/utf8"
)

// MaxFileSize is the largest site file the build reads as text. Guidance
// chapters and rubrics are tens of kilobytes; a file this large is a mistake
// (a pasted export, a binary), and reading it would only slow every build.
const MaxFileSize = 4 << 20

// MaxCopySize is the largest site file the build copies as it is (a
// picture, a PDF of a leaflet): such files are not parsed, and the output
// holds them whole, so the limit only guards against a mistake (a disk
// image or a video dropped into the site folder).
const MaxCopySize = 64 << 20

// ReadFile reads a site file, refusing files over MaxFileSize and files that
// are not UTF-8 text, and normalising the text: the byte order mark is
// dropped and CRLF or CR line endings become LF (keeping line numbers).
func ReadFile(fsys fs.FS, name string, errs *List) ([]byte, bool) {
	data, err := Read(fsys, name)
	if err != nil {
		errs.Add(err)
		return nil, false
	}
	return Normalize(name, data, errs)
}

// Read reads a site file's bytes as they are (a script or stylesheet to
// bundle): only a regular file, and only up to MaxFileSize, checked before
// it is opened and again while it is read, for a file that grows or whose
// size is not its length.
func Read(fsys fs.FS, name string) ([]byte, *Error) {
	return read(fsys, name, MaxFileSize)
}

// ReadCopy reads a site file that is copied as it is (a picture, a PDF),
// as Read does but up to MaxCopySize.
func ReadCopy(fsys fs.FS, name string) ([]byte, *Error) {
	return read(fsys, name, MaxCopySize)
}

func read(fsys fs.FS, name string, limit int) ([]byte, *Error) {
	if err := checkFile(fsys, name, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, ReadError(name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, ReadError(name, err)
	}
	if len(data) > limit {
		e := Errorf(Pos{File: name}, "file grew past the %d MB limit for a site file while it was read", limit>>20)
		e.Hint = "split it into smaller files"
		return nil, e
	}
	return data, nil
}

// CheckFile reports, without opening it, whether name is a file the build
// may read: a regular file (a link is judged by what it leads to) of at
// most MaxFileSize.
func CheckFile(fsys fs.FS, name string) *Error {
	return checkFile(fsys, name, MaxFileSize)
}

// CheckCopy is CheckFile for a file copied as it is: at most MaxCopySize.
func CheckCopy(fsys fs.FS, name string) *Error {
	return checkFile(fsys, name, MaxCopySize)
}

func checkFile(fsys fs.FS, name string, limit int) *Error {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return ReadError(name, err)
	}
	if fi.IsDir() {
		return Errorf(Pos{File: name}, "cannot read: it is a folder, not a file").Hintf("rename or move the folder")
	}
	if !fi.Mode().IsRegular() {
		return Errorf(Pos{File: name}, "cannot read: it is not a regular file").Hintf("only regular files and folders are read; remove it from the site folder")
	}
	if fi.Size() > int64(limit) {
		return Errorf(Pos{File: name}, "file is %.1f MB, over the %d MB limit for a site file", float64(fi.Size())/(1<<20), limit>>20).
			Hintf("split it into smaller files")
	}
	return nil
}

// ReadError is the error of a file that cannot be read: "cannot read:"
// and the reason, with what to do when the reason says (as the site file
// system's refusals do: a link out of the site, a named pipe).
func ReadError(name string, err error) *Error {
	e := Errorf(Pos{File: name}, "cannot read: %v", unwrapPath(err))
	e.Cause = err
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		e.Hint = h.Hint()
	} else if errors.Is(err, fs.ErrPermission) {
		e.Hint = "let the build read it: check the file's permissions"
	} else {
		e.Hint = "a symbolic link that points to itself or to a missing file cannot be read; fix or remove it"
	}
	return e
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
