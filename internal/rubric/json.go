package rubric

import (
	"encoding/json"
	"math"
)

// Model is the JSON model of a rubric that the browser's scoring engine
// reads: the scale, every answerable item, the top-level groups, the rules
// and the scoring. Descriptors are not in it: the form's HTML shows them.
type Model struct {
	ID       string       `json:"id"`
	Lang     string       `json:"lang"`
	Claimant bool         `json:"claimant"`
	Levels   []ModelLevel `json:"levels"`
	Bands    []ModelBand  `json:"bands,omitempty"`
	Groups   []ModelGroup `json:"groups,omitempty"`
	Items    []ModelItem  `json:"items"`
	Rules    ModelRules   `json:"rules"`
	Scoring  ModelScoring `json:"scoring"`
}

// ModelLevel is a level of the scale.
type ModelLevel struct {
	ID            string   `json:"id"`
	Label         string   `json:"label"`
	Code          string   `json:"code,omitempty"`
	Band          string   `json:"band,omitempty"`
	Value         *float64 `json:"value,omitempty"`
	NotApplicable bool     `json:"notApplicable,omitempty"`
}

// ModelBand is a band of the scale.
type ModelBand struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// ModelGroup is a top-level group.
type ModelGroup struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// ModelItem is an item.
type ModelItem struct {
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Number   string            `json:"number,omitempty"`
	Type     string            `json:"type"`
	Group    string            `json:"group,omitempty"` // the top-level group it is in
	Negative bool              `json:"negative,omitempty"`
	Weight   *float64          `json:"weight,omitempty"` // when the item gives one
	Labels   map[string]string `json:"labels,omitempty"` // relabelled levels
}

// ModelRules are the rules of the form.
type ModelRules struct {
	Required bool   `json:"required,omitempty"`
	Blank    string `json:"blank,omitempty"`
	NotesMax int    `json:"notesMax,omitempty"`
	Notes    bool   `json:"notes,omitempty"`
	Consent  bool   `json:"consent,omitempty"`
}

// ModelScoring is what the summary shows.
type ModelScoring struct {
	Counts  bool        `json:"counts,omitempty"`
	ByGroup bool        `json:"byGroup,omitempty"`
	Total   bool        `json:"total,omitempty"`
	Chart   string      `json:"chart,omitempty"`
	Lists   []ModelList `json:"lists,omitempty"`
	// Bands of the total, in the order the rubric gives them; the form's
	// page holds each band's text (data-band-text="<index>").
	Bands []ModelScoreBand `json:"bands,omitempty"`
}

// ModelScoreBand is a range of the total, inclusive at both ends.
type ModelScoreBand struct {
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Label string  `json:"label"`
}

// ModelList is a list of items the summary shows.
type ModelList struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Levels         []string `json:"levels"`
	NegativeLevels []string `json:"negativeLevels,omitempty"`
}

// NewModel returns the JSON model of r.
func NewModel(r *Rubric) *Model {
	m := &Model{ID: r.ID, Lang: r.Lang, Claimant: r.ClaimantData, Levels: []ModelLevel{}, Items: []ModelItem{}}
	for _, l := range r.Scale.Levels {
		v := l.Value
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			// JSON has no NaN or infinity; the rubric's load has reported
			// the value, so the model of an invalid rubric leaves it out.
			v = nil
		}
		m.Levels = append(m.Levels, ModelLevel{ID: l.ID, Label: l.Label, Code: l.Code, Band: l.Band, Value: v, NotApplicable: l.NotApplicable})
	}
	for _, b := range r.Scale.Bands {
		m.Bands = append(m.Bands, ModelBand{ID: b.ID, Label: b.Label})
	}
	for _, n := range r.Items {
		if n.IsGroup() {
			m.Groups = append(m.Groups, ModelGroup{ID: n.ID, Title: n.Title})
		}
	}
	r.Walk(func(n *Node) {
		if n.IsGroup() {
			return
		}
		it := ModelItem{ID: n.ID, Title: n.Title, Number: n.Number, Type: n.ItemType(), Negative: n.Polarity == "negative"}
		if n.Weight != nil {
			w := n.ItemWeight()
			it.Weight = &w
		}
		top := n
		for top.Parent != nil {
			top = top.Parent
		}
		if top != n {
			it.Group = top.ID
		}
		for _, l := range r.Scale.Levels {
			if lab := r.LevelLabel(n, l); lab != l.Label {
				if it.Labels == nil {
					it.Labels = map[string]string{}
				}
				it.Labels[l.ID] = lab
			}
		}
		m.Items = append(m.Items, it)
	})
	m.Rules = ModelRules{Required: r.Rules.Required, Blank: r.Rules.Blank, Consent: r.Rules.Consent != ""}
	if n := r.Rules.Notes; n != nil {
		m.Rules.Notes, m.Rules.NotesMax = true, n.Max
	}
	sc := r.Scoring
	m.Scoring = ModelScoring{Counts: sc.Counts, ByGroup: sc.ByGroup, Total: sc.Total, Chart: sc.Chart}
	for _, l := range sc.Lists {
		m.Scoring.Lists = append(m.Scoring.Lists, ModelList{ID: l.ID, Title: l.Title, Levels: l.Levels, NegativeLevels: l.NegativeLevels})
	}
	for _, b := range sc.Bands {
		if b.Min == nil || b.Max == nil {
			continue // reported by Validate; a model of an invalid rubric leaves it out
		}
		m.Scoring.Bands = append(m.Scoring.Bands, ModelScoreBand{Min: *b.Min, Max: *b.Max, Label: b.Label})
	}
	return m
}

// JSON returns the JSON model of r. Map keys are sorted by encoding/json,
// so the output is the same on every build.
func JSON(r *Rubric) ([]byte, error) {
	return json.Marshal(NewModel(r))
}
