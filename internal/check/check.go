package check

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// Input is what Site checks.
type Input struct {
	// Anchors holds every URL of the site with the ids its page holds.
	Anchors map[string]map[string]bool
	// Docs are the rendered documents: pages, and the Markdown of rubrics
	// and the glossary.
	Docs []Doc
	// Links are links that are not in Markdown (navigation entries, the
	// glossary's see: links), resolved.
	Links []Link
	// Errs are problems found while assembling the input.
	Errs []*source.Error
	// AnchorWarnings reports links to missing anchors as warnings.
	AnchorWarnings bool
	// PageWarnings reports links to pages the site does not have as
	// warnings (a site that is not strict).
	PageWarnings bool
	// NoNav is true when the site configures no navigation: every page is
	// then reachable from the default one.
	NoNav bool
	// Today, when set, is the date review_by dates are checked against.
	Today   time.Time
	Reviews []Review
}

// Doc is one rendered document.
type Doc struct {
	File string // the site file it comes from
	URL  string // the URL it is shown at
	Doc  *markdown.Doc
	// Part is true for Markdown that is part of a page (a rubric's
	// descriptor, a glossary definition) rather than a page of its own.
	Part bool
	// Checked is true when the doc was checked by the previous build and
	// nothing it links to has changed since (a rebuild after another page's
	// edit): only the pages it reaches are noted.
	Checked bool
}

// Link is a link that is not in Markdown.
type Link struct {
	Pos      source.Pos
	Dest     string
	Target   string
	Fragment string
}

// Review is a page's review_by date.
type Review struct {
	Pos   source.Pos
	By    time.Time
	Owner string
}

// vagueLinkText are link texts that say nothing out of context.
var vagueLinkText = []string{"click here", "here", "this link", "link", "read more", "more", "this page", "click", "this"}

// Site checks the rendered site: every link and anchor, the pages nothing
// reaches, and the author checks (alternative text, heading levels,
// tables without header cells, vague link text, links that are not https,
// review dates).
func Site(in *Input, errs *source.List) {
	for _, e := range in.Errs {
		errs.Add(e)
	}
	reached := map[string]bool{"/": true}
	for _, l := range in.Links {
		reached[l.Target] = true
		checkTarget(in, l.Pos, l.Dest, l.Target, l.Fragment, errs)
	}
	for _, d := range in.Docs {
		if d.Checked {
			for _, l := range d.Doc.Links {
				reached[l.Target] = true
			}
			continue
		}
		checkDoc(in, d, errs, reached)
	}
	for _, d := range in.Docs {
		if !d.Part && !in.NoNav && !reached[d.URL] {
			errs.Warnf(source.Pos{File: d.File}, "page %s is not in the navigation and no page links to it", d.URL).Hint =
				"add it to nav: in handbook.yaml, or link to it from another page"
		}
	}
	for _, r := range in.Reviews {
		if r.By.Before(in.Today) {
			owner := r.Owner
			if owner == "" {
				owner = "no owner named"
			}
			errs.Warnf(r.Pos, "page was due for review by %s (owner: %s)", r.By.Format(time.DateOnly), owner).Hint =
				"review it and update reviewed and review_by"
		}
	}
}

func checkDoc(in *Input, d Doc, errs *source.List, reached map[string]bool) {
	doc := d.Doc
	seen := map[int]markdown.Block{}
	for _, p := range doc.Paras {
		if prev, dup := seen[p.Number]; dup {
			errs.Addf(p.Pos, "paragraph number %d is used twice on this page; the first is on line %d", p.Number, prev.Pos.Line).Hint =
				"paragraph numbers are unique within a page"
			continue
		}
		seen[p.Number] = p
	}
	last := 1
	for _, h := range doc.Headings {
		if h.Level > last+1 && !d.Part {
			errs.Warnf(h.Pos, "heading level %d follows level %d, skipping a level", h.Level, last).Hint =
				fmt.Sprintf("use level %d (%s)", last+1, strings.Repeat("#", last+1))
		}
		last = h.Level
	}
	for _, p := range doc.BareTables {
		errs.Warnf(p, "table has no header cells").Hint = "name each column in the first row, so screen readers can announce it"
	}
	for _, l := range doc.Links {
		if l.Image && strings.TrimSpace(l.Text) == "" {
			errs.Addf(l.Pos, "image %q has no alternative text", l.Dest).Hint =
				"describe it in the brackets: ![what the image shows](file.png)"
		}
		if !l.Image && slices.Contains(vagueLinkText, strings.ToLower(strings.Trim(strings.TrimSpace(l.Text), ".:"))) {
			errs.Warnf(l.Pos, "link text %q does not say where the link goes", l.Text).Hint = "use words that name the page or paragraph"
		}
		if l.External {
			if u, err := url.Parse(l.Href); err == nil && u.Scheme == "http" {
				errs.Warnf(l.Pos, "external link %q is not https", l.Href).Hint = "use https:// if the site supports it"
			} else if err == nil && u.Scheme == "" && u.Host != "" {
				errs.Warnf(l.Pos, "external link %q has no scheme, so from a page opened as a file it leads nowhere", l.Href).Hint =
					"write https:" + l.Href
			}
			continue
		}
		if l.Target == "" {
			continue
		}
		reached[l.Target] = true
		checkTarget(in, l.Pos, l.Dest, l.Target, l.Fragment, errs)
	}
}

func checkTarget(in *Input, pos source.Pos, dest, target, frag string, errs *source.List) {
	ids, ok := in.Anchors[target]
	if !ok {
		add := errs.Addf
		if in.PageWarnings {
			add = errs.Warnf
		}
		add(pos, "link %q: the site has no page %s", dest, target).Hint = "check the path, or link to the page's file (page.md)"
		return
	}
	if frag != "" && !ids[frag] {
		add := errs.Addf
		if in.AnchorWarnings {
			add = errs.Warnf
		}
		add(pos, "link %q: %s has no anchor #%s", dest, target, frag).Hint = anchorHint(frag, ids)
	}
}

// paraAnchor is the form of a numbered paragraph's anchor.
var paraAnchor = regexp.MustCompile(`^p[0-9]+$`)

// anchorHint says what to do about a missing anchor: for a paragraph
// anchor (p47), to check the number; otherwise the page's ids that start as
// frag does, ignoring case, and only those that equal it but for case when
// there are such (#Install → #install).
func anchorHint(frag string, ids map[string]bool) string {
	if paraAnchor.MatchString(frag) {
		return "paragraph anchors are #p and the number, e.g. #p47; check the number exists on that page"
	}
	lower := strings.ToLower(frag)
	prefix := lower[:min(3, len(lower))]
	var near, same []string
	for id := range ids {
		if strings.EqualFold(id, frag) {
			same = append(same, "#"+id)
		} else if strings.HasPrefix(strings.ToLower(id), prefix) {
			near = append(near, "#"+id)
		}
	}
	if len(same) > 0 {
		near = same
	}
	slices.Sort(near)
	if len(near) > 0 && len(near) <= 5 {
		return "did you mean " + strings.Join(near, " or ") + "?"
	}
	return "use the id of a heading, paragraph or standard on that page"
}
