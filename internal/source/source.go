package source

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a position in a site file. Line and Col count from 1; a zero Line
// means the whole file, a zero Col the whole line.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as path:line:col, leaving out the parts that are zero.
// Characters in the path that a terminal would act on are escaped (see
// [Error.Error]).
func (p Pos) String() string {
	var b strings.Builder
	writeEscaped(&b, p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// Compare orders positions by file, then line, then column.
func (p Pos) Compare(q Pos) int {
	if c := strings.Compare(p.File, q.File); c != 0 {
		return c
	}
	if c := cmp.Compare(p.Line, q.Line); c != 0 {
		return c
	}
	return cmp.Compare(p.Col, q.Col)
}

// Severity says whether a problem stops the build.
type Severity int

const (
	// SevError stops the build: nothing is written.
	SevError Severity = iota
	// SevWarning is reported but does not stop the build.
	SevWarning
)

// Error is one problem found in a site file: where, what, what to do, and
// the error that caused it, if another package's error did (a template's,
// the file system's), for errors.Is and errors.As.
type Error struct {
	Pos      Pos
	Msg      string // what is wrong
	Hint     string // what to do; may be empty
	Severity Severity
	Cause    error // what Msg says, as the error it came from; may be nil
}

// Error formats e as `path:line:col: message (hint)`, with "warning: " after
// the position for warnings. Control and format characters (an escape that
// colours or retitles a terminal, a line break that forges a line of its
// own, a right-to-left override that reorders what is shown) and bytes
// that are not UTF-8, which a file's name or text can bring into an error,
// are written as Go escapes: \x1b, \n, \u202e, \xff.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Severity == SevWarning {
		b.WriteString("warning: ")
	}
	writeEscaped(&b, e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		writeEscaped(&b, e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns the error's cause.
func (e *Error) Unwrap() error { return e.Cause }

// writeEscaped writes s to b with the characters Error escapes escaped. A
// tab is left as it is.
func writeEscaped(b *strings.Builder, s string) {
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(b, `\x%02x`, s[0])
		case r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
}

// Errorf returns an error at pos whose message is formatted from format and
// args, as fmt.Errorf formats it: an error formatted with %w is its Cause.
func Errorf(pos Pos, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	e := &Error{Pos: pos, Msg: err.Error()}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		e.Cause = u.Unwrap()
	case interface{ Unwrap() []error }:
		e.Cause = err // more than one %w: the formatted error wraps them all
	}
	return e
}

// Wrap returns an error at pos whose message is err's and whose cause is
// err.
func Wrap(pos Pos, err error) *Error {
	return &Error{Pos: pos, Msg: err.Error(), Cause: err}
}

// Hintf returns a copy of e with its hint set, formatted from format and args.
func (e *Error) Hintf(format string, args ...any) *Error {
	c := *e
	c.Hint = fmt.Sprintf(format, args...)
	return &c
}

// MaxErrors is how many problems a List keeps; a site with more than this
// has one cause worth fixing first, and printing ten thousand lines helps no
// one.
const MaxErrors = 1000

// List collects the problems of a build. The zero value is ready to use.
type List struct {
	errs    []*Error
	dropped int
}

// Add appends e to the list, or counts it as dropped once the list holds
// MaxErrors.
func (l *List) Add(e *Error) {
	if len(l.errs) >= MaxErrors {
		l.dropped++
		return
	}
	l.errs = append(l.errs, e)
}

// Addf appends an error at pos with a formatted message and returns it, so
// that a hint can be set on it.
func (l *List) Addf(pos Pos, format string, args ...any) *Error {
	e := Errorf(pos, format, args...)
	l.Add(e)
	return e
}

// Warnf appends a warning at pos with a formatted message and returns it.
func (l *List) Warnf(pos Pos, format string, args ...any) *Error {
	e := Errorf(pos, format, args...)
	e.Severity = SevWarning
	l.Add(e)
	return e
}

// Merge appends every problem of m to l.
func (l *List) Merge(m *List) {
	for _, e := range m.errs {
		l.Add(e)
	}
	l.dropped += m.dropped
}

// Len reports how many problems the list holds.
func (l *List) Len() int { return len(l.errs) }

// Errors returns the problems, sorted by position then message.
func (l *List) Errors() []*Error {
	l.sort()
	return l.errs
}

// Dropped reports how many problems were not kept because the list was full.
func (l *List) Dropped() int { return l.dropped }

// HasErrors reports whether the list holds a problem that stops the build.
func (l *List) HasErrors() bool {
	for _, e := range l.errs {
		if e.Severity == SevError {
			return true
		}
	}
	return false
}

func (l *List) sort() {
	slices.SortStableFunc(l.errs, func(a, b *Error) int {
		if c := a.Pos.Compare(b.Pos); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	l.errs = slices.CompactFunc(l.errs, func(a, b *Error) bool {
		return a.Pos == b.Pos && a.Msg == b.Msg && a.Hint == b.Hint && a.Severity == b.Severity
	})
}

// Err returns the list as an error when it holds a problem that stops the
// build, and nil otherwise. Warnings alone are not an error.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{List: l}
}

// ListError is the error a List with errors becomes.
type ListError struct{ List *List }

// Unwrap returns every problem of the list, so that errors.Is and
// errors.As see each one and its cause.
func (e *ListError) Unwrap() []error {
	var out []error
	for _, x := range e.List.Errors() {
		out = append(out, x)
	}
	return out
}

// Error prints one problem per line.
func (e *ListError) Error() string {
	var b strings.Builder
	for i, x := range e.List.Errors() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(x.Error())
	}
	if n := e.List.Dropped(); n > 0 {
		fmt.Fprintf(&b, "\n… and %d more", n)
	}
	return b.String()
}

// LineCol returns the line and column (both from 1; the column in
// characters) of the byte offset in src. An offset past the end is clamped.
func LineCol(src []byte, offset int) (line, col int) {
	offset = max(0, min(offset, len(src)))
	before := src[:offset]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	col = 1 + utf8.RuneCount(before[start:])
	return line, col
}
