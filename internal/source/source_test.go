package source

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLineCol(t *testing.T) {
	src := []byte("ab\ncé¶d\n\nx")
	tests := []struct {
		off       int
		line, col int
	}{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {8, 2, 4}, {10, 3, 1}, {11, 4, 1}, {99, 4, 2}, {-5, 1, 1},
	}
	for _, tt := range tests {
		l, c := LineCol(src, tt.off)
		if l != tt.line || c != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

func TestList(t *testing.T) {
	var l List
	l.Addf(Pos{File: "b.md", Line: 2, Col: 1}, "second")
	l.Addf(Pos{File: "a.md", Line: 9}, "first").Hint = "fix it"
	l.Warnf(Pos{File: "b.md", Line: 1, Col: 4}, "careful")
	l.Addf(Pos{File: "b.md", Line: 2, Col: 1}, "second") // a duplicate
	got := l.Err().Error()
	want := "a.md:9: first (fix it)\nb.md:1:4: warning: careful\nb.md:2:1: second"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var w List
	w.Warnf(Pos{File: "x"}, "only a warning")
	if w.Err() != nil {
		t.Errorf("warnings alone are an error")
	}
}

func TestListCap(t *testing.T) {
	var l List
	for i := 0; i < MaxErrors+5; i++ {
		l.Addf(Pos{File: "f", Line: i + 1}, "e")
	}
	if l.Len() != MaxErrors || l.Dropped() != 5 || !strings.HasSuffix(l.Err().Error(), "… and 5 more") {
		t.Errorf("len %d dropped %d", l.Len(), l.Dropped())
	}
}

func TestNormalize(t *testing.T) {
	var errs List
	got, ok := Normalize("f", []byte("\xef\xbb\xbfa\r\nb\rc"), &errs)
	if !ok || string(got) != "a\nb\nc" {
		t.Errorf("got %q %v", got, ok)
	}
	_, ok = Normalize("f", []byte("ok\nbad \xff here"), &errs)
	if ok || !strings.Contains(errs.Err().Error(), "f:2:5: invalid UTF-8 (byte 0xff)") {
		t.Errorf("got %v", errs.Err())
	}
}

// TestCopyLimit: a picture or PDF larger than the text limit is copied;
// text that large is refused, and so is a copied file over its own limit.
func TestCopyLimit(t *testing.T) {
	big := make([]byte, MaxFileSize+1)
	fsys := fstest.MapFS{
		"content/leaflet.pdf": {Data: big},
		"content/a.md":        {Data: big},
		"content/huge.iso":    {Data: make([]byte, MaxCopySize+1)},
	}
	if data, err := ReadCopy(fsys, "content/leaflet.pdf"); err != nil || len(data) != len(big) {
		t.Errorf("ReadCopy of a %d-byte file: %d bytes, %v", len(big), len(data), err)
	}
	if err := CheckCopy(fsys, "content/leaflet.pdf"); err != nil {
		t.Errorf("CheckCopy: %v", err)
	}
	var errs List
	if _, ok := ReadFile(fsys, "content/a.md", &errs); ok || !strings.Contains(errs.Err().Error(), "over the 4 MB limit") {
		t.Errorf("ReadFile of %d bytes of text: ok=%v, %v", len(big), ok, errs.Err())
	}
	if err := CheckCopy(fsys, "content/huge.iso"); err == nil || !strings.Contains(err.Error(), "over the 64 MB limit") {
		t.Errorf("CheckCopy over MaxCopySize: %v", err)
	}
}

// A file name or message that holds control or format characters, or
// bytes that are not UTF-8, is printed with them escaped: a name in a site
// folder must not colour, retitle or reorder the terminal that shows the
// error, nor forge a line of its own.
func TestErrorEscapes(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{&Error{Pos: Pos{File: "content/a\x1b[31mred\x1b[0m.md", Line: 2, Col: 3}, Msg: "bad"},
			`content/a\x1b[31mred\x1b[0m.md:2:3: bad`},
		{&Error{Pos: Pos{File: "content/nl\nline.md"}, Msg: "x", Hint: "h\x07"},
			`content/nl\nline.md: x (h\a)`},
		{&Error{Pos: Pos{File: "content/a\u202egpj.md"}, Msg: "the page content/pay\u200bment.md"},
			`content/a\u202egpj.md: the page content/pay\u200bment.md`},
		{&Error{Pos: Pos{File: "content/bad\xff\xfe.md"}, Msg: "x"},
			`content/bad\xff\xfe.md: x`},
		{&Error{Pos: Pos{File: "content/Überblick – ¶.md", Line: 1}, Msg: "fine \"as\" it is\tnow"},
			"content/Überblick – ¶.md:1: fine \"as\" it is\tnow"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	if got := (Pos{File: "a\x1b.md", Line: 1}).String(); got != `a\x1b.md:1` {
		t.Errorf("Pos.String: %s", got)
	}
}

// TestErrorCause checks that an error keeps the error it came from, for
// errors.Is and errors.As, while its text stays path:line:col: message.
func TestErrorCause(t *testing.T) {
	cause := &fs.PathError{Op: "open", Path: "content/a.md", Err: fs.ErrPermission}
	var l List
	l.Addf(Pos{File: "content/a.md", Line: 3}, "cannot render: %w", cause).Hint = "fix it"
	l.Add(Wrap(Pos{File: "templates/page.html", Line: 2, Col: 5}, errors.New("unexpected EOF")))
	l.Add(ReadError("static/x.png", &fs.PathError{Op: "open", Path: "static/x.png", Err: fs.ErrNotExist}))
	l.Addf(Pos{File: "b.md"}, "no cause: %v", cause)
	err := l.Err()
	for _, tt := range []struct {
		target error
		want   bool
	}{
		{fs.ErrPermission, true},
		{fs.ErrNotExist, true},
		{fs.ErrClosed, false},
	} {
		if got := errors.Is(err, tt.target); got != tt.want {
			t.Errorf("errors.Is(list, %v) = %v, want %v", tt.target, got, tt.want)
		}
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe != cause {
		t.Errorf("errors.As(list, *fs.PathError) = %v, want the cause", pe)
	}
	want := "b.md: no cause: open content/a.md: permission denied\n" +
		"content/a.md:3: cannot render: open content/a.md: permission denied (fix it)\n" +
		"static/x.png: cannot read: file does not exist (a symbolic link that points to itself or to a missing file cannot be read; fix or remove it)\n" +
		"templates/page.html:2:5: unexpected EOF"
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, e := range l.Errors() {
		if (e.Pos.File == "b.md") != (e.Cause == nil) {
			t.Errorf("%s: cause %v", e.Pos, e.Cause)
		}
	}
	// Two errors wrapped at once: the formatted error is the cause, and
	// wraps both.
	two := Errorf(Pos{File: "x"}, "%w and %w", fs.ErrExist, fs.ErrClosed)
	if !errors.Is(two, fs.ErrExist) || !errors.Is(two, fs.ErrClosed) {
		t.Errorf("%v does not wrap both causes", two)
	}
}
