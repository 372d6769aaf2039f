package site

import (
	"html/template"

	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// RubricData, NodeData and GlossaryData are a rubric, a standard and the
// glossary as a template reaches them: the same names as RubricView's,
// NodeView's and GlossaryView's fields and methods ({{.Rubric.Title}},
// {{range .Node.Refs}}), each a method that records what it reads. A
// rubric's own data (its file, rendered Markdown and words) is one input;
// the "Referenced in" list of each of its standards, which follows the
// guidance pages, is an input of its own, read only by Refs, so that a
// page that links to a standard makes that standard's page again and not
// every page that shows the rubric. What hands out rubric views raw (the
// sheet's Sections) records every list of the rubric. TestDataAccessors
// checks that every field and method of the views has its accessor.

// RubricData is a rubric as a template reaches it.
type RubricData struct {
	v   *RubricView
	rec *recorder
}

func newRubricData(v *RubricView, rec *recorder) *RubricData {
	if v == nil {
		return nil
	}
	return &RubricData{v: v, rec: rec}
}

// view records that the rubric's own data is read and returns it.
func (r *RubricData) view() *RubricView {
	r.rec.use(depRubric, r.v.R.File)
	return r.v
}

func (r *RubricData) nodes(ns []*NodeView) []*NodeData {
	r.view()
	out := make([]*NodeData, len(ns))
	for i, n := range ns {
		out[i] = &NodeData{n: n, rec: r.rec}
	}
	return out
}

// R returns the rubric as parsed from its YAML.
func (r *RubricData) R() *rubric.Rubric { return r.view().R }

// ID returns the rubric's id.
func (r *RubricData) ID() string { return r.view().ID }

// Title returns the rubric's title.
func (r *RubricData) Title() string { return r.view().Title }

// Short returns the rubric's short title.
func (r *RubricData) Short() string { return r.view().Short }

// Lang returns the rubric's language.
func (r *RubricData) Lang() string { return r.view().Lang }

// URL returns the URL of the rubric's page.
func (r *RubricData) URL() string { return r.view().URL }

// SheetURL returns the URL of the rubric's sheet.
func (r *RubricData) SheetURL() string { return r.view().SheetURL }

// AssessURL returns the URL of the rubric's form.
func (r *RubricData) AssessURL() string { return r.view().AssessURL }

// Summary returns the rubric's summary, rendered.
func (r *RubricData) Summary() template.HTML { return r.view().Summary }

// Intro returns the rubric's introduction, rendered.
func (r *RubricData) Intro() template.HTML { return r.view().Intro }

// Consent returns the rubric's consent text, rendered.
func (r *RubricData) Consent() template.HTML { return r.view().Consent }

// SheetIntro returns the introduction of the rubric's sheet, rendered.
func (r *RubricData) SheetIntro() template.HTML { return r.view().SheetIntro }

// TeamURL returns the URL of the rubric's team view, or "".
func (r *RubricData) TeamURL() string { return r.view().TeamURL }

// HasTeam reports whether the rubric has a team view.
func (r *RubricData) HasTeam() bool { return r.view().HasTeam() }

// Editorial returns the editors' note on the rubric, rendered.
func (r *RubricData) Editorial() template.HTML { return r.view().Editorial }

// ScaleEditorial returns the editors' note on the rubric's answers,
// rendered.
func (r *RubricData) ScaleEditorial() template.HTML { return r.view().ScaleEditorial }

// Terms returns what the rubric calls its items and groups.
func (r *RubricData) Terms() rubric.Terms { return r.view().Terms }

// Columns returns the scale's columns of descriptors.
func (r *RubricData) Columns() []Column { return r.view().Columns }

// Levels returns every level of the scale.
func (r *RubricData) Levels() []Column { return r.view().Levels }

// Top returns the rubric's top-level entries.
func (r *RubricData) Top() []*NodeData { return r.nodes(r.v.Top) }

// All returns every entry of the rubric, in order.
func (r *RubricData) All() []*NodeData { return r.nodes(r.v.All) }

// Items returns every item (not group) of the rubric, in order.
func (r *RubricData) Items() []*NodeData { return r.nodes(r.v.Items) }

// Choices returns the number of items answered on the scale.
func (r *RubricData) Choices() int { return r.view().Choices }

// Lists returns the rubric's scoring lists.
func (r *RubricData) Lists() []ListView { return r.view().Lists }

// Bands returns the bands of the rubric's total.
func (r *RubricData) Bands() []BandView { return r.view().Bands }

// Model returns the JSON model of the rubric's form.
func (r *RubricData) Model() string { return r.view().Model }

// Other returns the same rubric in other languages.
func (r *RubricData) Other() []NavLink { return r.view().Other }

// T returns the interface words of the rubric's language.
func (r *RubricData) T() templates.Words { return r.view().T }

// CodeKey returns the levels a table-layout sheet heads with a code that
// is not their label.
func (r *RubricData) CodeKey() []Column { return r.view().CodeKey() }

// Layout returns the rubric's sheet layout: descriptors or table.
func (r *RubricData) Layout() string { return r.view().Layout() }

// Sections returns the sections of a table-layout sheet. They hold the
// rubric's standards as they are, "Referenced in" lists and all, so every
// such list is recorded.
func (r *RubricData) Sections() []SheetSection {
	for _, n := range r.v.All {
		r.rec.use(depRefs, n.URL)
	}
	return r.view().Sections()
}

// Span returns the number of columns of a table-layout sheet's tables.
func (r *RubricData) Span() int { return r.view().Span() }

// NodeData is a standard or group as a template reaches it.
type NodeData struct {
	n   *NodeView
	rec *recorder
}

func (d *NodeData) node() *NodeView {
	d.rec.use(depRubric, d.n.R.R.File)
	return d.n
}

func (d *NodeData) wrap(n *NodeView) *NodeData {
	d.node()
	if n == nil {
		return nil
	}
	return &NodeData{n: n, rec: d.rec}
}

// N returns the entry as parsed from the rubric's YAML.
func (d *NodeData) N() *rubric.Node { return d.node().N }

// R returns the rubric the entry is in.
func (d *NodeData) R() *RubricData { return newRubricData(d.node().R, d.rec) }

// ID returns the entry's id.
func (d *NodeData) ID() string { return d.node().ID }

// Title returns the entry's title.
func (d *NodeData) Title() string { return d.node().Title }

// Number returns the entry's number as the rubric gives it.
func (d *NodeData) Number() string { return d.node().Number }

// Text returns the entry's statement.
func (d *NodeData) Text() string { return d.node().Text }

// Group reports whether the entry is a group.
func (d *NodeData) Group() bool { return d.node().Group }

// Depth returns how deep the entry is: 0 at the top.
func (d *NodeData) Depth() int { return d.node().Depth }

// Items returns the entries of a group.
func (d *NodeData) Items() []*NodeData {
	out := make([]*NodeData, len(d.node().Items))
	for i, n := range d.n.Items {
		out[i] = &NodeData{n: n, rec: d.rec}
	}
	return out
}

// Parent returns the group the entry is in, or nil.
func (d *NodeData) Parent() *NodeData { return d.wrap(d.n.Parent) }

// URL returns the URL of the entry's own page.
func (d *NodeData) URL() string { return d.node().URL }

// Anchor returns the entry's place on its rubric's page.
func (d *NodeData) Anchor() string { return d.node().Anchor }

// Type returns the kind of answer the item takes.
func (d *NodeData) Type() string { return d.node().Type }

// Lines returns one entry per line of writing space.
func (d *NodeData) Lines() []int { return d.node().Lines }

// Negative reports whether "yes" to the item signals a need.
func (d *NodeData) Negative() bool { return d.node().Negative }

// Editorial returns the editors' note on the entry, rendered.
func (d *NodeData) Editorial() template.HTML { return d.node().Editorial }

// Intro returns the entry's introduction, rendered.
func (d *NodeData) Intro() template.HTML { return d.node().Intro }

// Description returns the entry's description, rendered.
func (d *NodeData) Description() template.HTML { return d.node().Description }

// Activities returns the entry's activities to consider, rendered.
func (d *NodeData) Activities() []template.HTML { return d.node().Activities }

// Cells returns the item's descriptors, column by column.
func (d *NodeData) Cells() []Cell { return d.node().Cells }

// Options returns the item's answers, relabelled for it.
func (d *NodeData) Options() []Column { return d.node().Options }

// Examples returns the entry's worked examples, rendered.
func (d *NodeData) Examples() []template.HTML { return d.node().Examples }

// Evidence returns the evidence that would show the entry, rendered.
func (d *NodeData) Evidence() []template.HTML { return d.node().Evidence }

// Prev returns the entry before this one in its rubric, or nil.
func (d *NodeData) Prev() *NodeData { return d.wrap(d.n.Prev) }

// Next returns the entry after this one in its rubric, or nil.
func (d *NodeData) Next() *NodeData { return d.wrap(d.n.Next) }

// Refs returns the guidance paragraphs that link to the entry.
func (d *NodeData) Refs() []Ref {
	d.rec.use(depRefs, d.n.URL)
	return d.n.Refs
}

// Weight returns the item's weight as the pages print it, or "".
func (d *NodeData) Weight() string { return d.node().Weight() }

// Reversed reports whether the item's values count reversed in the total.
func (d *NodeData) Reversed() bool { return d.node().Reversed() }

// Path returns the entry's ancestors, outermost first.
func (d *NodeData) Path() []*NodeData {
	var out []*NodeData
	for _, n := range d.node().Path() {
		out = append(out, &NodeData{n: n, rec: d.rec})
	}
	return out
}

// Label returns the entry's title with its number.
func (d *NodeData) Label() string { return d.node().Label() }

// Top returns the top-level entry the entry is in.
func (d *NodeData) Top() *NodeData { return d.wrap(d.n.Top()) }

// GlossaryData is the glossary as a template reaches it.
type GlossaryData struct {
	g   *GlossaryView
	rec *recorder
}

// Terms returns every term, alphabetically.
func (d *GlossaryData) Terms() []*TermView {
	d.rec.use(depGlossary, "")
	return d.g.Terms
}

// Letters returns the terms under each initial letter.
func (d *GlossaryData) Letters() []Letter {
	d.rec.use(depGlossary, "")
	return d.g.Letters
}
