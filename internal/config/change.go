package config

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handbook-ssg/handbook/internal/source"
	"go.yaml.in/yaml/v4"
)

// Date is a calendar date written as YYYY-MM-DD.
type Date struct{ time.Time }

// CheckYAML reports whether s is a date in the form YYYY-MM-DD.
func (Date) CheckYAML(s string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%q is not a date (write it as YYYY-MM-DD, e.g. 2026-11-24)", s)
	}
	return nil
}

// UnmarshalYAML parses a YYYY-MM-DD date.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// String formats d as YYYY-MM-DD, or "" for the zero date: the form of a
// <time datetime>, never what a reader is shown.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// Change is one entry of the change notes of a page or a rubric (the
// front-matter or rubric key changes:): when the change was made, and
// what it was, in one line.
type Change struct {
	Date Date   `yaml:"date"`
	Note string `yaml:"note"`

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

// Bounds of change notes: a note is one line, and a page keeps a history,
// not a log of every edit.
const (
	MaxChangeNote = 300
	MaxChanges    = 500
)

// CheckChanges reports the change notes of one file that cannot be shown:
// one without a date or a note, a note of more than one line or longer
// than MaxChangeNote characters, more than MaxChanges of them. key is the
// position of the changes: key, for what is wrong with the list itself.
func CheckChanges(changes []*Change, key source.Pos, errs *source.List) {
	if len(changes) > MaxChanges {
		errs.Addf(key, "%d change notes, more than %d", len(changes), MaxChanges).Hint =
			"keep the notes readers need; the file's history holds the rest"
	}
	for _, c := range changes {
		pos := c.Pos
		if pos.File == "" {
			pos = key
		}
		if c.Date.IsZero() {
			if _, given := c.KeyPos["date"]; !given {
				errs.Addf(pos, "change note has no date").Hint = "add date: YYYY-MM-DD, the day of the change"
			}
		}
		note := strings.TrimSpace(c.Note)
		at := c.KeyPos["note"]
		if at.File == "" {
			at = pos
		}
		switch {
		case note == "":
			errs.Addf(at, "change note has no note").Hint = "add note: one line saying what changed"
		case strings.ContainsAny(note, "\n\r"):
			errs.Addf(at, "change note is more than one line").Hint = "say what changed in one line"
		case utf8.RuneCountInString(note) > MaxChangeNote:
			errs.Addf(at, "change note is %d characters long, more than %d", utf8.RuneCountInString(note), MaxChangeNote).Hint =
				"say what changed in one line"
		}
	}
}
