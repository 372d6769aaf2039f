package rubric

import (
	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/source"
)

// Dir is the folder of a site that holds its rubrics.
const Dir = "rubrics"

// Rubric is one set of standards: one file in rubrics/.
type Rubric struct {
	ID           string            `yaml:"id"`
	Title        string            `yaml:"title"`
	ShortTitle   string            `yaml:"short_title"`
	Summary      string            `yaml:"summary"` // Markdown
	Intro        string            `yaml:"intro"`   // Markdown
	Lang         string            `yaml:"lang"`
	Source       config.Source     `yaml:"source"`
	UsedBy       string            `yaml:"used_by"`
	Method       string            `yaml:"method"`
	ClaimantData bool              `yaml:"claimant_data"`
	Translations map[string]string `yaml:"translations"` // language → rubric id
	Aliases      []string          `yaml:"aliases"`
	Terms        Terms             `yaml:"terms"`
	Scale        Scale             `yaml:"scale"`
	Items        []*Node           `yaml:"items"`
	Rules        Rules             `yaml:"rules"`
	Scoring      Scoring           `yaml:"scoring"`
	Sheet        Sheet             `yaml:"sheet"`
	// Editorial is a note (Markdown) saying what of the rubric is the
	// editors' words rather than the source's, shown on its pages and its
	// sheet; Scale.Editorial and Node.Editorial say it of the answers and
	// of one item or group.
	Editorial string `yaml:"editorial"`
	// Changes are the rubric's change notes: the newest is its "Last
	// updated" date, and /changes/ lists them.
	Changes []*config.Change `yaml:"changes"`

	File            string                `yaml:"-"` // "rubrics/qaf-1.yaml"
	Hash            uint64                `yaml:"-"` // of the file's bytes
	KeyPos          map[string]source.Pos `yaml:"-"`
	TranslationsPos map[string]source.Pos `yaml:"-"`
}

// Methods are the ways a rubric's evidence is gathered.
var Methods = []string{"observation", "portfolio", "self-completion", "self-assessment", "checklist"}

// Terms are what a rubric calls its parts ("skills area", "statement").
// Empty terms fall back to the interface words of the rubric's language.
type Terms struct {
	Item        string `yaml:"item"`
	Items       string `yaml:"items"`
	Group       string `yaml:"group"`
	Groups      string `yaml:"groups"`
	Activities  string `yaml:"activities"`
	Descriptors string `yaml:"descriptors"`
	Examples    string `yaml:"examples"`
	Evidence    string `yaml:"evidence"`
}

// Descriptor modes of a scale.
const (
	PerLevel = "per-level"
	PerBand  = "per-band"
	NoDesc   = "none"
)

// Scale is the set of answers a standard can be given.
type Scale struct {
	Descriptors string   `yaml:"descriptors"`
	Levels      []*Level `yaml:"levels"`
	Bands       []*Band  `yaml:"bands"`
	// Editorial is a note (Markdown) saying the answers are the editors'
	// words, where the source lost or never gave them.
	Editorial string `yaml:"editorial"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// Level is one answer of a scale.
type Level struct {
	ID    string   `yaml:"id"`
	Label string   `yaml:"label"`
	Code  string   `yaml:"code"`
	Value *float64 `yaml:"value"`
	Band  string   `yaml:"band"`
	Intro string   `yaml:"intro"`
	// NotApplicable marks an answer such as "N/A" or "Not observed": it
	// has no value, stays out of the total and of its maximum, is counted
	// on its own, and no scoring list takes it.
	NotApplicable bool `yaml:"not_applicable"`

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

// Band is a group of levels that share descriptors.
type Band struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	Intro string `yaml:"intro"`

	Pos source.Pos `yaml:"-"`
}

// Node is an entry of a rubric's items: a standard (an item) or a group of
// items and groups. A Node with Items is a group.
type Node struct {
	ID     string            `yaml:"id"`
	Title  string            `yaml:"title"`
	Number string            `yaml:"number"`
	Text   string            `yaml:"text"`
	Intro  string            `yaml:"intro"`  // group
	Items  []*Node           `yaml:"items"`  // group
	Labels map[string]string `yaml:"labels"` // level id → label

	Type     string `yaml:"type"`     // item: choice or text
	Lines    int    `yaml:"lines"`    // text item
	Polarity string `yaml:"polarity"` // item: "" or negative
	// Weight multiplies the item's value in the total and its maximum
	// (choice items; nil is 1).
	Weight      *float64            `yaml:"weight"`
	Activities  []string            `yaml:"activities" yamlfile:"prose"`
	Descriptors map[string][]string `yaml:"descriptors" yamlfile:"prose"` // level or band id → descriptors
	Description string              `yaml:"description"`                  // Markdown
	Examples    []string            `yaml:"examples" yamlfile:"prose"`
	Evidence    []string            `yaml:"evidence" yamlfile:"prose"`
	Aliases     []string            `yaml:"aliases"`
	// Editorial is a note (Markdown) saying what of the item or group is
	// the editors' words, such as a title the source lost.
	Editorial string `yaml:"editorial"`

	Pos            source.Pos            `yaml:"-"`
	KeyPos         map[string]source.Pos `yaml:"-"`
	LabelsPos      map[string]source.Pos `yaml:"-"`
	DescriptorsPos map[string]source.Pos `yaml:"-"`

	// Set by Parse.
	Parent *Node `yaml:"-"` // nil at the top level
	Depth  int   `yaml:"-"` // 0 at the top level
}

// Item types.
const (
	Choice = "choice"
	Text   = "text"
)

// Bounds of the numbers a rubric gives. Validate reports a number outside
// them, and the views never size anything from one that is.
const (
	// MaxLines is the most lines of writing space a text item or a sheet
	// section may ask for: a full A4 page.
	MaxLines = 50
	// DefaultLines is the writing space of a text item that gives none.
	DefaultLines = 2
	// MaxNotes is the highest character limit of the notes box.
	MaxNotes = 100_000
	// MaxValue bounds the size of a level's value.
	MaxValue = 1_000_000
	// MaxWeight is the largest weight of an item.
	MaxWeight = 1_000
	// MaxTotal bounds the size of a total: of the highest and lowest a
	// rubric's answers can add up to, and of its bands' edges. Totals are
	// worked in millionths (see Contribution), which a float64 holds
	// exactly up to 2^53, some 9,000 times this bound.
	MaxTotal = 1_000_000_000
)

// AnswerLines returns the lines of writing space of text item n: its
// lines when they are within 1 to MaxLines, else DefaultLines. Validate
// reports lines out of range; this keeps a view of an invalid rubric (the
// build goes on to collect the errors of other stages) from sizing
// anything by them.
func (n *Node) AnswerLines() int {
	if n.Lines < 1 || n.Lines > MaxLines {
		return DefaultLines
	}
	return n.Lines
}

// IsGroup reports whether n is a group.
func (n *Node) IsGroup() bool { return n.Items != nil }

// Rules say how a rubric's form must be filled in.
type Rules struct {
	Required bool   `yaml:"required"`
	Blank    string `yaml:"blank"`
	Notes    *Notes `yaml:"notes"`
	Consent  string `yaml:"consent"` // Markdown

	KeyPos map[string]source.Pos `yaml:"-"`
}

// Notes is a single notes box for the whole form.
type Notes struct {
	Label string `yaml:"label"`
	Max   int    `yaml:"max"`
	Hint  string `yaml:"hint"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// Scoring says what the self-assessment summary shows.
type Scoring struct {
	Counts  bool    `yaml:"counts"`
	ByGroup bool    `yaml:"by_group"`
	Total   bool    `yaml:"total"`
	Chart   string  `yaml:"chart"`
	Lists   []*List `yaml:"lists"`
	// Bands name ranges of the total ("0 to 14: low").
	Bands []*ScoreBand `yaml:"bands"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// ScoreBand is a range of the total, inclusive at both ends, that the
// summary names when the total falls in it.
type ScoreBand struct {
	Min   *float64 `yaml:"min"`
	Max   *float64 `yaml:"max"`
	Label string   `yaml:"label"`
	Text  string   `yaml:"text"` // Markdown

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

// List is a list of items the summary shows because of their answers.
type List struct {
	ID             string   `yaml:"id"`
	Title          string   `yaml:"title"`
	Intro          string   `yaml:"intro"` // Markdown
	Levels         []string `yaml:"levels"`
	NegativeLevels []string `yaml:"negative_levels"`

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

// Sheet says what the printable sheet adds around the standards.
type Sheet struct {
	Layout   string     `yaml:"layout"` // descriptors or table; see SheetLayout
	Title    string     `yaml:"title"`
	Intro    string     `yaml:"intro"` // Markdown
	Fields   []*Field   `yaml:"fields"`
	Choose   bool       `yaml:"choose"`
	Evidence string     `yaml:"evidence"`
	Factors  string     `yaml:"factors"`
	Sections []*Section `yaml:"sections"`
	// Lines is the writing space of each evidence (and factors) box: under
	// each skills area of a descriptors sheet, under each row of a table
	// sheet. 0 is the default of the layout (see EvidenceLines).
	Lines int `yaml:"lines"`
	// Signoff are the lines to sign at the end of the sheet (observer,
	// Work Coach, date).
	Signoff []*Field `yaml:"signoff"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// Field is a header field of a sheet, or a line of its sign-off.
type Field struct {
	Label string `yaml:"label"`
	Type  string `yaml:"type"` // line (default) or tick
	// Running prints the field at the top of every page of the sheet, not
	// only the first (the Work Coach's name, the date), where it can be
	// typed once on screen. Header fields of type line only.
	Running bool `yaml:"running"`

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

// Section is a box printed after the items of a sheet.
type Section struct {
	Title string `yaml:"title"`
	Hint  string `yaml:"hint"`
	Lines int    `yaml:"lines"`

	Pos    source.Pos            `yaml:"-"`
	KeyPos map[string]source.Pos `yaml:"-"`
}

// Walk calls fn for every node of r, groups before their items, in order.
func (r *Rubric) Walk(fn func(*Node)) {
	var walk func([]*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			fn(n)
			walk(n.Items)
		}
	}
	walk(r.Items)
}

// Nodes returns every node of r in order.
func (r *Rubric) Nodes() []*Node {
	var out []*Node
	r.Walk(func(n *Node) { out = append(out, n) })
	return out
}

// Standards returns every item (not group) of r in order.
func (r *Rubric) Standards() []*Node {
	var out []*Node
	r.Walk(func(n *Node) {
		if !n.IsGroup() {
			out = append(out, n)
		}
	})
	return out
}

// Node returns the node with the given id, or nil.
func (r *Rubric) Node(id string) *Node {
	var found *Node
	r.Walk(func(n *Node) {
		if found == nil && n.ID == id {
			found = n
		}
	})
	return found
}

// Level returns the level with the given id, or nil.
func (s *Scale) Level(id string) *Level {
	for _, l := range s.Levels {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// Band returns the band with the given id, or nil.
func (s *Scale) Band(id string) *Band {
	for _, b := range s.Bands {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// LevelName returns how level l is shown on item n (the scale itself when
// n is nil): its label as LevelLabel gives it, followed by its code in
// brackets when another level of the scale carries the same label there
// ("Milestones (3)" and "Milestones (2)"), so that no two answers read
// alike.
func (r *Rubric) LevelName(n *Node, l *Level) string {
	label := r.LevelLabel(n, l)
	if l.Code == "" {
		return label
	}
	for _, o := range r.Scale.Levels {
		if o != l && r.LevelLabel(n, o) == label {
			return label + " (" + l.Code + ")"
		}
	}
	return label
}

// LevelLabel returns the label of level on item n: the closest relabel on n
// or its groups, else the scale's label. n may be nil: the scale's label.
func (r *Rubric) LevelLabel(n *Node, l *Level) string {
	for x := n; x != nil; x = x.Parent {
		if s, ok := x.Labels[l.ID]; ok {
			return s
		}
	}
	return l.Label
}

// ItemWeight returns the weight of item n: its weight when it is within
// (0, MaxWeight], else 1. Validate reports a weight out of range; this
// keeps the views of an invalid rubric from scaling anything by one.
func (n *Node) ItemWeight() float64 {
	if n.Weight == nil || !(*n.Weight > 0 && *n.Weight <= MaxWeight) {
		return 1
	}
	return *n.Weight
}

// Valued returns the levels that carry a value: every level but the
// not-applicable ones.
func (s *Scale) Valued() []*Level {
	var out []*Level
	for _, l := range s.Levels {
		if !l.NotApplicable {
			out = append(out, l)
		}
	}
	return out
}

// ItemType returns the type of item n, with the default filled in.
func (n *Node) ItemType() string {
	if n.Type == "" {
		return Choice
	}
	return n.Type
}

// Short returns the rubric's short title, or its title.
func (r *Rubric) Short() string {
	if r.ShortTitle != "" {
		return r.ShortTitle
	}
	return r.Title
}

// Sheet layouts.
const (
	// LayoutDescriptors prints each item with its descriptors side by side,
	// a tick box for each, and its evidence boxes (observation sheets).
	LayoutDescriptors = "descriptors"
	// LayoutTable prints items as rows of a table with a tick box for each
	// answer (paper questionnaires, the CAT clerical record, checklists).
	LayoutTable = "table"
)

// Default writing space of the evidence boxes of a sheet (Sheet.Lines).
const (
	// DefaultEvidenceLines is the space under each skills area of a
	// descriptors sheet: five lines, as issue 16 asks ("at least 5").
	// Every QAF area, printed alone with its running header, overall
	// comments and sign-off, still fits one A4 page: the print style of a
	// sheet showing one area is a little tighter (main.css).
	DefaultEvidenceLines = 5
	// DefaultRowLines is the space under each row of a table sheet, whose
	// rows are short statements.
	DefaultRowLines = 2
)

// EvidenceLines returns the lines of writing space of each evidence box of
// the sheet: sheet.lines when it is within 1 to MaxLines, else the
// default of the sheet's layout.
func (r *Rubric) EvidenceLines() int {
	if n := r.Sheet.Lines; n >= 1 && n <= MaxLines {
		return n
	}
	return r.defaultLines()
}

func (r *Rubric) defaultLines() int {
	if r.SheetLayout() == LayoutTable {
		return DefaultRowLines
	}
	return DefaultEvidenceLines
}

// SheetLayout returns the sheet's layout: as set, or descriptors when every
// level has its own descriptors and table otherwise.
func (r *Rubric) SheetLayout() string {
	if r.Sheet.Layout != "" {
		return r.Sheet.Layout
	}
	if r.Scale.Descriptors == PerLevel {
		return LayoutDescriptors
	}
	return LayoutTable
}
