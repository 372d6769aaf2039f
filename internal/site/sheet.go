package site

import (
	"slices"

	"github.com/handbook-ssg/handbook/internal/rubric"
)

// CodeKey returns the levels a table-layout sheet heads with a code that
// is not their label ("SA"): the sheet prints them as a key. None for a
// sheet whose heads are labels, or codes that are the labels ("A").
func (v *RubricView) CodeKey() []Column {
	if v.Layout() != rubric.LayoutTable {
		return nil
	}
	var out []Column
	for _, l := range v.Levels {
		if l.Code != "" && l.Code != l.Label {
			out = append(out, l)
		}
	}
	return out
}

// Layout returns the rubric's sheet layout: descriptors or table.
func (v *RubricView) Layout() string { return v.R.SheetLayout() }

// SheetSection is a section of a table-layout sheet: a top-level group, or
// a run of top-level items.
type SheetSection struct {
	Area string // the top-level group's id, for choosing; "" for items
	Node *NodeView
	Runs []Run
}

// Run is a table of choice items, or free-text items written on lines.
type Run struct {
	Table   bool
	Caption string
	Text    string
	Items   []*NodeView
	// Heads are the table's answer columns: a level's code, else its label
	// as the run's items all call it (a group may relabel "Oes" as
	// "Ydy/Ydw"), else the scale's label.
	Heads []Column
}

// Relabelled reports whether item n labels answer o otherwise than the
// run's column head does.
func (r Run) Relabelled(o Column) bool {
	for _, h := range r.Heads {
		if h.ID == o.ID {
			return h.Code == "" && h.Label != o.Label
		}
	}
	return false
}

// heads works out a table's column heads: each level as all the run's
// items label it, or as the scale labels it when they differ.
func heads(levels []Column, items []*NodeView) []Column {
	out := slices.Clone(levels)
	for i := range out {
		label := ""
		for _, n := range items {
			if i >= len(n.Options) || (label != "" && n.Options[i].Label != label) {
				label = ""
				break
			}
			label = n.Options[i].Label
		}
		if label != "" {
			out[i].Label = label
		}
	}
	return out
}

// Sections returns the sections of a table-layout sheet.
func (v *RubricView) Sections() []SheetSection {
	var out []SheetSection
	var loose []*NodeView
	flush := func() {
		if len(loose) > 0 {
			out = append(out, SheetSection{Runs: runs(loose, "", "")})
			loose = nil
		}
	}
	for _, n := range v.Top {
		if n.Group {
			flush()
			out = append(out, SheetSection{Area: n.ID, Node: n, Runs: runs(n.Items, "", "")})
			continue
		}
		loose = append(loose, n)
	}
	flush()
	for _, sec := range out {
		for i := range sec.Runs {
			if sec.Runs[i].Table {
				sec.Runs[i].Heads = heads(v.Levels, sec.Runs[i].Items)
			}
		}
	}
	return out
}

// runs splits items into tables of choice items and runs of text items;
// a nested group becomes tables captioned with its title.
func runs(items []*NodeView, caption, text string) []Run {
	var out []Run
	for _, n := range items {
		switch {
		case n.Group:
			out = append(out, runs(n.Items, n.Title, n.Text)...)
			continue
		case n.Type == "text":
			if len(out) == 0 || out[len(out)-1].Table {
				out = append(out, Run{})
			}
		default:
			if len(out) == 0 || !out[len(out)-1].Table {
				out = append(out, Run{Table: true, Caption: caption, Text: text})
				caption, text = "", ""
			}
		}
		out[len(out)-1].Items = append(out[len(out)-1].Items, n)
	}
	return out
}

// Span is the number of columns of a table-layout sheet's tables.
func (v *RubricView) Span() int { return 1 + len(v.Levels) }
