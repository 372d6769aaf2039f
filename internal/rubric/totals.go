package rubric

import (
	"math"
	"slices"
)

// How a total is worked out. The browser's engine (static/js/assess/
// engine.ts) does the scoring; Go only needs the same arithmetic to know
// which totals can happen, so that Validate can report a total that falls
// in no band. Both sides do it the same way, operation for operation:
//
//   - an item answered with a level that has a value adds its value times
//     the item's weight, rounded to the nearest millionth; a value of an
//     item with negative polarity is first reversed: highest + lowest −
//     value, over the values of the scale's valued levels;
//   - an item left blank, or answered with a not-applicable level, adds
//     nothing to the total nor to its maximum;
//   - the total is the sum of those millionths, divided by a million.
//
// Sums of whole millionths are exact in a float64 (MaxTotal keeps them
// far below 2^53), so a total is the same number in every browser and here,
// and a total of 14.5 equals a band's min: 14.5 exactly.

// Millionths is the unit totals are worked in.
const Millionths = 1e6

// Contribution returns what a value adds to a total on an item of weight
// w, in millionths: w × value rounded to the nearest millionth, halves
// upwards (Math.floor(w * value * 1e6 + 0.5) in engine.ts). The float64
// conversions keep the compiler from fusing the operations, which would
// round them differently.
func Contribution(w, value float64) int64 {
	return int64(math.Floor(float64(float64(w*value)*Millionths) + 0.5))
}

// Reversed returns value on an item with negative polarity: highest +
// lowest − value (hi + lo - value in engine.ts).
func Reversed(hi, lo, value float64) float64 {
	return float64(hi+lo) - value
}

// TotalOf returns the total a sum of millionths stands for.
func TotalOf(m int64) float64 { return float64(m) / Millionths }

// valueRange returns the highest and lowest value of the scale's valued
// levels; ok is false when some valued level has no value, or none has.
func (s *Scale) valueRange() (hi, lo float64, ok bool) {
	hi, lo = math.Inf(-1), math.Inf(1)
	for _, l := range s.Valued() {
		if l.Value == nil {
			return 0, 0, false
		}
		hi, lo = max(hi, *l.Value), min(lo, *l.Value)
	}
	return hi, lo, !math.IsInf(hi, 0)
}

// choiceItem is what an item can add to a total: the contribution of each
// valued level, and whether it can add nothing at all (left blank, or
// answered "not applicable").
type choiceItem struct {
	adds []int64
	none bool
}

// scoredItems returns, for every choice item of r, what it can add to the
// total. ok is false when r gives no total to work out.
func (r *Rubric) scoredItems() (items []choiceItem, ok bool) {
	s := &r.Scale
	hi, lo, ok := s.valueRange()
	if !ok {
		return nil, false
	}
	hasNA := len(s.Valued()) < len(s.Levels)
	blank := s.Level(r.Rules.Blank)
	// An item left blank adds nothing unless the blank rule answers it with
	// a valued level; when answers are required and no blank level is
	// recorded, the form is not summarised with a blank.
	blankAddsNothing := (blank == nil && !r.Rules.Required) || (blank != nil && blank.NotApplicable)
	for _, n := range r.Standards() {
		if n.ItemType() != Choice {
			continue
		}
		w := n.ItemWeight()
		it := choiceItem{none: hasNA || blankAddsNothing}
		for _, l := range s.Valued() {
			v := *l.Value
			if n.Polarity == "negative" {
				v = Reversed(hi, lo, v)
			}
			if c := Contribution(w, v); !slices.Contains(it.adds, c) {
				it.adds = append(it.adds, c)
			}
		}
		slices.Sort(it.adds)
		items = append(items, it)
	}
	return items, true
}

// Limits of the exact search for the totals a rubric can reach.
const (
	maxTotals = 100_000    // distinct totals held at once
	maxSteps  = 20_000_000 // additions tried in all
)

// Reach is the set of totals the answers of a rubric can reach, in
// millionths, with at least one item adding to the total (a form with
// no such answer shows no total to place in a band).
type Reach struct {
	// Exact is true when Sums holds every total that can happen, sorted.
	Exact bool
	Sums  []int64
	// Otherwise every total is a multiple of Step from Lo to Hi, and
	// every such multiple is taken as possible: more than maxTotals
	// different totals can happen.
	Step, Lo, Hi int64
}

// Reachable returns the totals r's answers can reach; ok is false when r
// gives no total (some valued level has no value, or no level has one).
func (r *Rubric) Reachable() (Reach, bool) {
	items, ok := r.scoredItems()
	if !ok {
		return Reach{}, false
	}
	// some: the sums of answers in which at least one item adds; noneYet:
	// whether every item so far can add nothing.
	some := map[int64]bool{}
	noneYet := true
	steps := 0
	for _, it := range items {
		// Bound the work before doing it: a rubric of many items, levels
		// and odd weights could make millions of different totals.
		steps += len(some)*len(it.adds) + len(it.adds)
		if steps > maxSteps {
			return lattice(items), true
		}
		next := make(map[int64]bool, min(len(some)*len(it.adds), maxTotals))
		if it.none {
			for s := range some {
				next[s] = true
			}
		}
		for s := range some {
			for _, c := range it.adds {
				next[s+c] = true
			}
			if len(next) > maxTotals {
				return lattice(items), true
			}
		}
		if noneYet {
			for _, c := range it.adds {
				next[c] = true
			}
		}
		noneYet = noneYet && it.none
		some = next
		if len(some) > maxTotals {
			return lattice(items), true
		}
	}
	sums := make([]int64, 0, len(some))
	for s := range some {
		sums = append(sums, s)
	}
	slices.Sort(sums)
	return Reach{Exact: true, Sums: sums}, true
}

// lattice returns the bounds of every total: the multiples of the greatest
// common divisor of all contributions, from the lowest sum to the highest.
func lattice(items []choiceItem) Reach {
	var g, lo, hi int64
	for _, it := range items {
		mn, mx := it.adds[0], it.adds[len(it.adds)-1]
		if it.none {
			mn, mx = min(mn, 0), max(mx, 0)
		}
		lo, hi = lo+mn, hi+mx
		for _, c := range it.adds {
			g = gcd(g, abs(c))
		}
	}
	if g == 0 {
		g = 1
	}
	return Reach{Step: g, Lo: lo, Hi: hi}
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

// inBand reports whether total t (in millionths) falls in some band, as
// the engine compares it: min ≤ t ≤ max on the float64 total.
func inBand(bands []*ScoreBand, t int64) bool {
	x := TotalOf(t)
	for _, b := range bands {
		if b.Min != nil && b.Max != nil && *b.Min <= x && x <= *b.Max {
			return true
		}
	}
	return false
}

// Uncovered returns the lowest total that can happen and falls in no band
// of r; ok is false when every total that can happen has a band.
func (re Reach) Uncovered(bands []*ScoreBand) (t int64, ok bool) {
	if re.Exact {
		for _, s := range re.Sums {
			if !inBand(bands, s) {
				return s, true
			}
		}
		return 0, false
	}
	// Walk the multiples of Step upwards, jumping over each band.
	k := ceilDiv(re.Lo, re.Step) * re.Step
	for k <= re.Hi {
		if !inBand(bands, k) {
			return k, true
		}
		// k is in a band: go to the first multiple past the highest band
		// edge that holds it.
		top := k
		for _, b := range bands {
			if b.Min != nil && b.Max != nil && *b.Min <= TotalOf(k) && TotalOf(k) <= *b.Max {
				top = max(top, lastAtMost(*b.Max))
			}
		}
		k = (floorDiv(top, re.Step) + 1) * re.Step
	}
	return 0, false
}

// lastAtMost returns the largest whole number of millionths m with
// TotalOf(m) ≤ x.
func lastAtMost(x float64) int64 {
	m := int64(math.Floor(x * Millionths))
	for TotalOf(m+1) <= x {
		m++
	}
	for TotalOf(m) > x {
		m--
	}
	return m
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }
