package site

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/handbook-ssg/handbook/internal/check"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// RubricView is a rubric ready for the templates: its Markdown rendered,
// its descriptors laid out in the scale's columns, its URLs worked out.
type RubricView struct {
	R          *rubric.Rubric
	ID         string
	Title      string
	Short      string
	Lang       string
	URL        string
	SheetURL   string
	AssessURL  string
	TeamURL    string // "" when it has no team view (see HasTeam)
	Summary    template.HTML
	Intro      template.HTML
	Consent    template.HTML
	SheetIntro template.HTML
	// Editorial and ScaleEditorial are the editors' notes on the rubric
	// and on its answers (rubric and scale key editorial).
	Editorial      template.HTML
	ScaleEditorial template.HTML
	Terms          rubric.Terms // with the language's defaults filled in
	Columns        []Column     // the scale's columns of descriptors
	Levels         []Column     // every level, for tick boxes and forms
	Top            []*NodeView  // the top-level entries
	All            []*NodeView  // every entry, in order
	Items          []*NodeView  // every item (not group), in order
	Choices        int          // items answered on the scale
	Lists          []ListView
	Bands          []BandView // the bands of the total
	Model          string     // the JSON model of the form
	Other          []NavLink  // the same rubric in other languages; Title is the language's own name
	T              templates.Words

	others []*RubricView // the rubrics of Other, in its order
	docs   []check.Doc
}

// Column is a column of descriptors: a level, or a band of levels.
type Column struct {
	ID     string
	Label  string
	Code   string
	Intro  string
	Levels []Column // for a band: its levels
}

// ListView is a scoring list.
type ListView struct {
	ID    string
	Title string
	Intro template.HTML
}

// BandView is a band of the total: its index in the form's model, its
// edges as the summary prints them, and its text.
type BandView struct {
	Index    int
	Label    string
	Min, Max string
	Text     template.HTML
}

// Weight returns the item's weight as the pages print it: "" when it gives
// none, or the rubric gives no total for it to count in.
func (n *NodeView) Weight() string {
	if n.N == nil || n.N.Weight == nil || !n.R.R.Scoring.Total || n.Type != rubric.Choice {
		return ""
	}
	return number(n.N.ItemWeight())
}

// Reversed reports whether the item's values count reversed in the total.
func (n *NodeView) Reversed() bool {
	return n.Negative && n.R.R.Scoring.Total && n.Type == rubric.Choice
}

// number prints a number as the form's script does (String(x)): 14, 14.5.
func number(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// NodeView is an item or group ready for the templates.
type NodeView struct {
	N           *rubric.Node
	R           *RubricView
	ID          string
	Title       string
	Number      string
	Text        string
	Group       bool
	Depth       int
	Items       []*NodeView
	Parent      *NodeView
	URL         string // its own page
	Anchor      string // its place on the rubric's page
	Type        string
	Lines       []int // one entry per line of writing space
	Negative    bool
	Intro       template.HTML
	Description template.HTML
	Activities  []template.HTML
	Cells       []Cell
	Options     []Column // the answers, relabelled for this item
	Examples    []template.HTML
	Evidence    []template.HTML
	Editorial   template.HTML // the editors' note on it
	Prev, Next  *NodeView     // within the rubric, items and groups in order
	Refs        []Ref         // guidance paragraphs that link to it
}

// Cell is an item's descriptors in one column.
type Cell struct {
	Column
	Relabel     string // the label this item gives the level, if any
	Descriptors []template.HTML
}

// Path returns the node's ancestors, outermost first.
func (n *NodeView) Path() []*NodeView {
	var out []*NodeView
	for p := n.Parent; p != nil; p = p.Parent {
		out = append([]*NodeView{p}, out...)
	}
	return out
}

// Label returns the node's title with its number as the rubric words it:
// "Statement 1".
func (n *NodeView) Label() string {
	if n.Number == "" {
		return n.Title
	}
	return n.Number + ". " + n.Title
}

func (m *Model) renderRubrics(ru *reuse, errs *source.List) {
	for _, r := range m.rubrics {
		key := ru.viewKey(r)
		v := ru.view(r.File, key)
		if v == nil {
			v = m.rubricView(r, errs)
		} else {
			for _, d := range v.docs {
				errs.Merge(&d.Doc.Errs)
			}
		}
		v.Other, v.others = nil, nil
		ru.next.views[r.File] = memoView{key: key, view: v}
		m.Rubrics = append(m.Rubrics, v)
	}
	byID := map[string]*RubricView{}
	for _, v := range m.Rubrics {
		byID[v.ID] = v
	}
	for _, v := range m.Rubrics {
		for _, lang := range sortedKeys(v.R.Translations) {
			if o, ok := byID[v.R.Translations[lang]]; ok {
				name := m.tmpl.Words(lang)["lang_name"]
				if name == "" {
					name = lang
				}
				v.Other = append(v.Other, NavLink{Title: name, URL: o.URL, Lang: lang})
				v.others = append(v.others, o)
			}
		}
	}
}

func (m *Model) rubricView(r *rubric.Rubric, errs *source.List) *RubricView {
	t := m.tmpl.Words(r.Lang)
	v := &RubricView{
		R: r, ID: r.ID, Title: r.Title, Short: r.Short(), Lang: r.Lang, T: t,
		URL: RubricURL(r.ID), SheetURL: RubricURL(r.ID) + "sheet/", AssessURL: RubricURL(r.ID) + "assess/",
	}
	md := func(pos source.Pos, s string) template.HTML { return m.rubricMarkdown(v, pos, s, false, errs) }
	short := func(pos source.Pos, s string) template.HTML { return m.rubricMarkdown(v, pos, s, true, errs) }
	kp := r.KeyPos
	v.Summary = md(kp["summary"], r.Summary)
	v.Intro = md(kp["intro"], r.Intro)
	v.Consent = md(r.Rules.KeyPos["consent"], r.Rules.Consent)
	v.SheetIntro = md(kp["sheet"], r.Sheet.Intro)
	v.Editorial = short(kp["editorial"], r.Editorial)
	v.ScaleEditorial = short(r.Scale.KeyPos["editorial"], r.Scale.Editorial)
	v.Terms = r.Terms
	fill := func(s *string, key string) {
		if *s == "" {
			*s = t[key]
		}
	}
	fill(&v.Terms.Item, "term_item")
	fill(&v.Terms.Items, "term_items")
	fill(&v.Terms.Group, "term_group")
	fill(&v.Terms.Groups, "term_groups")
	fill(&v.Terms.Activities, "term_activities")
	fill(&v.Terms.Descriptors, "term_descriptors")
	fill(&v.Terms.Examples, "term_examples")
	fill(&v.Terms.Evidence, "term_evidence")

	s := &r.Scale
	for _, l := range s.Levels {
		v.Levels = append(v.Levels, Column{ID: l.ID, Label: r.LevelName(nil, l), Code: l.Code, Intro: l.Intro})
	}
	switch s.Descriptors {
	case rubric.PerLevel:
		v.Columns = v.Levels
	case rubric.PerBand:
		for _, b := range s.Bands {
			c := Column{ID: b.ID, Label: b.Label, Intro: b.Intro}
			for _, l := range s.Levels {
				if l.Band == b.ID {
					c.Levels = append(c.Levels, Column{ID: l.ID, Label: r.LevelName(nil, l), Code: l.Code})
				}
			}
			v.Columns = append(v.Columns, c)
		}
	}
	for _, l := range r.Scoring.Lists {
		v.Lists = append(v.Lists, ListView{ID: l.ID, Title: l.Title, Intro: md(l.KeyPos["intro"], l.Intro)})
	}
	for _, b := range r.Scoring.Bands {
		if b.Min == nil || b.Max == nil {
			continue // as the model leaves it out; Validate has reported it
		}
		v.Bands = append(v.Bands, BandView{Index: len(v.Bands), Label: b.Label, Min: number(*b.Min), Max: number(*b.Max), Text: md(b.KeyPos["text"], b.Text)})
	}
	var build func(ns []*rubric.Node, parent *NodeView) []*NodeView
	build = func(ns []*rubric.Node, parent *NodeView) []*NodeView {
		var out []*NodeView
		for _, n := range ns {
			nv := &NodeView{
				N: n, R: v, ID: n.ID, Title: n.Title, Number: n.Number, Text: n.Text,
				Group: n.IsGroup(), Depth: n.Depth, Parent: parent,
				URL: NodeURL(r.ID, n.ID), Anchor: v.URL + "#" + n.ID,
				Type: n.ItemType(), Negative: n.Polarity == "negative",
			}
			kp := n.KeyPos
			nv.Intro = md(kp["intro"], n.Intro)
			nv.Description = md(kp["description"], n.Description)
			nv.Editorial = short(kp["editorial"], n.Editorial)
			for _, a := range n.Activities {
				nv.Activities = append(nv.Activities, short(kp["activities"], a))
			}
			for _, e := range n.Examples {
				nv.Examples = append(nv.Examples, md(kp["examples"], e))
			}
			for _, e := range n.Evidence {
				nv.Evidence = append(nv.Evidence, short(kp["evidence"], e))
			}
			if nv.Type == rubric.Text {
				// AnswerLines is bounded even when validation has
				// failed: the views are built before the build stops.
				nv.Lines = make([]int, n.AnswerLines())
			}
			if !nv.Group && nv.Type == rubric.Choice {
				v.Choices++
				for _, l := range s.Levels {
					nv.Options = append(nv.Options, Column{ID: l.ID, Label: r.LevelName(n, l), Code: l.Code})
				}
				for _, c := range v.Columns {
					cell := Cell{Column: c}
					if l := s.Level(c.ID); s.Descriptors == rubric.PerLevel && l != nil {
						if r.LevelLabel(n, l) != l.Label {
							cell.Relabel = r.LevelName(n, l)
						}
					}
					for _, d := range n.Descriptors[c.ID] {
						cell.Descriptors = append(cell.Descriptors, short(n.DescriptorsPos[c.ID], d))
					}
					nv.Cells = append(nv.Cells, cell)
				}
			}
			v.All = append(v.All, nv)
			if !nv.Group {
				v.Items = append(v.Items, nv)
			}
			nv.Items = build(n.Items, nv)
			out = append(out, nv)
		}
		return out
	}
	v.Top = build(r.Items, nil)
	for i, n := range v.All {
		if i > 0 {
			n.Prev = v.All[i-1]
		}
		if i+1 < len(v.All) {
			n.Next = v.All[i+1]
		}
	}
	if v.HasTeam() {
		v.TeamURL = RubricURL(r.ID) + "team/"
	}
	js, err := rubric.JSON(r)
	if err != nil {
		errs.Addf(source.Pos{File: r.File}, "cannot encode the form's model: %w", err)
	}
	v.Model = string(js)
	return v
}

// rubricMarkdown renders a Markdown field of a rubric. Links in it resolve
// as from the content folder's root. short unwraps a lone paragraph, for
// list entries such as descriptors.
func (m *Model) rubricMarkdown(v *RubricView, pos source.Pos, s string, short bool, errs *source.List) template.HTML {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	if pos.File == "" {
		pos = source.Pos{File: v.R.File}
	}
	doc, err := m.render(markdown.Input{File: pos.File, Src: []byte(s), FirstLine: pos.Line, NoAbbr: short}, "", v.URL)
	if err != nil {
		errs.Add(source.Wrap(pos, err))
		return ""
	}
	errs.Merge(&doc.Errs)
	v.docs = append(v.docs, check.Doc{File: v.R.File, URL: v.URL, Doc: doc, Part: true})
	return template.HTML(unwrapPara(doc.HTML, short))
}

// unwrapPara strips the <p> around HTML that is one paragraph.
func unwrapPara(h string, short bool) string {
	h = strings.TrimSpace(h)
	if short && strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		return h[3 : len(h)-4]
	}
	return h
}

// HasTeam reports whether the rubric has a team view: its form has choice
// items and exports them, which a form about a claimant never does.
func (v *RubricView) HasTeam() bool { return v.Choices > 0 && !v.R.ClaimantData }

// Top returns the top-level entry the node is in (itself at the top level).
func (n *NodeView) Top() *NodeView {
	for n.Parent != nil {
		n = n.Parent
	}
	return n
}
