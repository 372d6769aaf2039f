package templates

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbook-ssg/handbook/internal/source"
)

// The template packages give the place of an error only in its text:
// "template: templates/page.html:12:5: executing "main" at <.Foo>: …" when
// executing, "template: templates/page.html:3: unexpected …" when parsing,
// "html/template:templates/page.html:12:5: …" when escaping. A template
// error becomes a source.Error at that file, line and column, its message
// what follows, and its cause the template package's error.

// placeRe reads the place an error's text starts with: the template's
// name, then a line and a column, or a line alone, or nothing.
var placeRe = regexp.MustCompile(`^(?:html/)?template: ?(.+?)(?::(\d+))?(?::(\d+))?: (.*)$`)

// executingRe reads what text/template says when executing: the template
// being executed and the action that failed.
var executingRe = regexp.MustCompile(`^executing "[^"]*" at <(.*?)>: (.*)$`)

// positioned returns err as a source.Error at the place in a template file
// it names. A name that is not a file, such as a template defined by
// {{define "main"}}, is looked up in t for the file that defines it;
// fallback is the file when the error names none. The template packages
// give a column as the offset in bytes of what failed (the field, after
// "{{"); the position counts characters from 1, as editors do.
func (s *Set) positioned(t *template.Template, err error, fallback string) *source.Error {
	m := placeRe.FindStringSubmatch(err.Error())
	if m == nil {
		return source.Wrap(source.Pos{File: fallback}, err)
	}
	pos := source.Pos{File: fileOf(t, m[1], fallback)}
	pos.Line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		off, _ := strconv.Atoi(m[3])
		pos.Col = s.charCol(pos.File, pos.Line, off)
	}
	msg := m[4]
	if x := executingRe.FindStringSubmatch(msg); x != nil {
		action := x[1]
		if !strings.HasPrefix(action, "{{") {
			action = "{{" + action + "}}"
		}
		msg = action + ": " + x[2]
	}
	return &source.Error{Pos: pos, Msg: msg, Cause: err}
}

// charCol turns the byte offset off in a line of a template file into a
// column in characters, counted from 1.
func (s *Set) charCol(file string, line, off int) int {
	lines := strings.SplitN(s.files[file], "\n", line+1)
	if line < 1 || line > len(lines) || off > len(lines[line-1]) {
		return off + 1
	}
	return utf8.RuneCountInString(lines[line-1][:off]) + 1
}

// fileOf returns the file that holds the template called name in t: name
// itself for a file's own template, the file of a {{define}}, else
// fallback.
func fileOf(t *template.Template, name, fallback string) string {
	if t != nil {
		if d := t.Lookup(name); d != nil && d.Tree != nil && d.Tree.ParseName != "" {
			return d.Tree.ParseName
		}
	}
	if strings.HasPrefix(name, Dir+"/") && strings.HasSuffix(name, ".html") {
		return name
	}
	return fallback
}
