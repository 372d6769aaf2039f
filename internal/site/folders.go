package site

import (
	"cmp"
	"path"
	"slices"
	"strings"
)

// Child is an entry of a folder's listing page: a page, or a folder.
type Child struct {
	Title   string
	URL     string
	Summary string
}

// folderTree records, for every folder of pages, what is directly in it
// (pages and folders, by URL), and picks the folders that get a page
// listing them: those without a page of their own (an index.md) that hold
// at least two entries. A folder of one page needs no list: breadcrumbs
// show its name without a link, and listings link to its page.
func (m *Model) folderTree() {
	m.folders = map[string][]string{}
	seen := map[string]bool{}
	for _, p := range m.Pages {
		child := p.URL
		for d := path.Dir(strings.TrimSuffix(child, "/")); d != "." && d != "/" && !seen[child]; d = path.Dir(d) {
			seen[child] = true
			m.folders[d+"/"] = append(m.folders[d+"/"], child)
			child = d + "/"
		}
	}
	m.sections = map[string]bool{}
	for d, c := range m.folders {
		if _, ok := m.byURL[d]; !ok && len(c) >= 2 {
			m.sections[d] = true
		}
	}
}

// children lists what a folder's listing page shows, pages by weight then
// title, folders by title.
func children(s *SiteData, dir string) []Child {
	var out []Child
	var weights []float64
	for _, u := range s.folder(dir) {
		c, w := child(s, u)
		out, weights = append(out, c), append(weights, w)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := cmp.Compare(weights[a], weights[b]); c != 0 {
			return c
		}
		return cmp.Compare(out[a].Title, out[b].Title)
	})
	sorted := make([]Child, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// child describes the page or folder at u for a listing, with its weight.
func child(s *SiteData, u string) (Child, float64) {
	if p := s.page(u); p != nil {
		return Child{Title: p.Title(), URL: u, Summary: p.Summary()}, p.Order()
	}
	if s.section(u) {
		return Child{Title: titleFromFile(path.Base(strings.TrimSuffix(u, "/")) + ".md"), URL: u}, 0
	}
	// A folder of one page: list that page.
	if c := s.folder(u); len(c) == 1 {
		return child(s, c[0])
	}
	return Child{Title: titleFromFile(path.Base(strings.TrimSuffix(u, "/")) + ".md")}, 0
}
