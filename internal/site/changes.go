package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/handbook-ssg/handbook/internal/config"
)

// Change notes (front matter and rubric key changes:): a page or rubric
// shows its own, newest first, under a "Last updated" line; /changes/
// lists the latest of the whole site.

// ChangeView is a change note as a page shows it.
type ChangeView struct {
	Date time.Time
	Note string
}

// ChangeEntry is a change note on /changes/: what changed, on which page.
type ChangeEntry struct {
	ChangeView
	Title string
	URL   string // site-absolute
	Lang  string // the language of the page or rubric, when it differs from the site's
}

// ChangeDay is the changes of one day on /changes/.
type ChangeDay struct {
	Date    time.Time
	Entries []ChangeEntry
}

// Changelog is what /changes/ shows: the latest change notes of the
// site, by day, and whether older ones were left out.
type Changelog struct {
	Days    []ChangeDay
	Limited bool // more notes than MaxChangesListed: only the latest are listed
	Max     int  // MaxChangesListed
}

// MaxChangesListed is how many change notes /changes/ lists at most: the
// latest; each page lists all of its own.
const MaxChangesListed = 100

// changeViews returns change notes newest first (the order of the file
// among notes of one day).
func changeViews(cs []*config.Change) []ChangeView {
	var out []ChangeView
	for _, c := range cs {
		if c == nil || c.Date.IsZero() {
			continue
		}
		out = append(out, ChangeView{Date: c.Date.Time, Note: strings.TrimSpace(c.Note)})
	}
	slices.SortStableFunc(out, func(a, b ChangeView) int { return b.Date.Compare(a.Date) })
	return out
}

// lastUpdated is when a page last changed: its newest change note, else
// its lastmod or date. A review (reviewed:) is not a change: the page
// shows it as such.
func lastUpdated(changes []ChangeView, updated time.Time) time.Time {
	if len(changes) > 0 && changes[0].Date.After(updated) {
		return changes[0].Date
	}
	return updated
}

// HasChanges reports whether any page or rubric of the site has a change
// note: then the site has a /changes/ page, and every page links to it.
// Every page's footer asks, so the answer is worked out once per model:
// asked afresh, a site without notes looked at all its pages for each
// page, which is quadratic work.
func (m *Model) HasChanges() bool {
	m.changesOnce.Do(func() {
		for _, p := range m.Pages {
			if len(p.Src.Meta.Changes) > 0 {
				m.anyChanges = true
				return
			}
		}
		for _, r := range m.rubrics {
			if len(r.Changes) > 0 {
				m.anyChanges = true
				return
			}
		}
	})
	return m.anyChanges
}

func hasChanges(m *Model, _ target) bool { return m.HasChanges() }

// changelog returns the latest MaxChangesListed change notes of every
// page and rubric, newest first, by day; within a day, by title.
func (m *Model) changelog() *Changelog {
	var all []ChangeEntry
	add := func(cs []*config.Change, title, url, lang string) {
		if lang == m.Config.Lang {
			lang = ""
		}
		for _, c := range changeViews(cs) {
			all = append(all, ChangeEntry{ChangeView: c, Title: title, URL: url, Lang: lang})
		}
	}
	for _, p := range m.Pages {
		add(p.Src.Meta.Changes, p.Title, p.URL, p.Src.Lang)
	}
	for _, r := range m.Rubrics {
		add(r.R.Changes, r.Title, r.URL, r.Lang)
	}
	slices.SortStableFunc(all, func(a, b ChangeEntry) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return cmp.Compare(a.URL, b.URL)
	})
	log := &Changelog{Limited: len(all) > MaxChangesListed, Max: MaxChangesListed}
	all = all[:min(len(all), MaxChangesListed)]
	for _, e := range all {
		if n := len(log.Days); n == 0 || !log.Days[n-1].Date.Equal(e.Date) {
			log.Days = append(log.Days, ChangeDay{Date: e.Date})
		}
		log.Days[len(log.Days)-1].Entries = append(log.Days[len(log.Days)-1].Entries, e)
	}
	return log
}

func changesView(v *View) {
	title(v, "changes")
	v.Changelog = v.Site().changelog()
}

// Date formats a date as GOV.UK writes dates, in the page's language:
// "24 November 2026", "24 Tachwedd 2026". Readers never see an ISO date;
// a <time datetime> attribute holds that.
func (v *View) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month := v.T()[fmt.Sprintf("month_%d", int(t.Month()))]
	if month == "" {
		month = t.Month().String()
	}
	return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
}

// ISODate formats a date for a <time datetime> attribute: 2026-11-24.
func (v *View) ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
