package content

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
	"go.yaml.in/yaml/v4"
	"golang.org/x/sync/errgroup"
)

// Dir is the folder of a site that holds its pages, unless its layout
// says otherwise (config.Layout).
const Dir = config.ContentDir

// Page is one Markdown file of the content folder.
type Page struct {
	File     string // path in the site: "content/guidance/wti.md"
	Rel      string // path in the content folder: "guidance/wti.md"
	Meta     FrontMatter
	Body     []byte // Markdown after the front matter
	BodyLine int    // line of File on which Body starts
	URL      string // site-absolute URL path: "/guidance/wti/"
	Lang     string // the page's language, or the site's
	Hash     uint64 // of the file's bytes, to tell an edited page from an unchanged one
}

// MaxWeight is the highest weight a page may give: weights only order
// pages, and a bound keeps any sum or difference of them far from overflow.
const MaxWeight = 1_000_000

// FrontMatter is the YAML between the --- lines at the top of a page (or
// the TOML between +++ lines). Besides its own keys it takes the ones most
// site generators share, under their names there: description (the
// summary), date and lastmod, tags, sidebar_position and nav_order (the
// weight), redirect_from (aliases).
type FrontMatter struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	// Description is the summary as Hugo, Jekyll and Docusaurus name it;
	// Load copies it to Summary when that is empty.
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
	// SidebarPosition (Docusaurus) and NavOrder (Just the Docs) order
	// pages as Weight does; see Order.
	SidebarPosition float64 `yaml:"sidebar_position"`
	NavOrder        float64 `yaml:"nav_order"`
	// Slug replaces the last part of the URL; one starting with / is the
	// whole URL path, as Docusaurus reads it.
	Slug    string   `yaml:"slug"`
	Aliases []string `yaml:"aliases"`
	// RedirectFrom is Jekyll's name for aliases; Load adds them to Aliases.
	RedirectFrom yamlfile.Strings `yaml:"redirect_from"`
	Lang         string           `yaml:"lang"`
	Draft        bool             `yaml:"draft"`
	Date         Timestamp        `yaml:"date"`    // when the page was written
	LastMod      Timestamp        `yaml:"lastmod"` // when it last changed
	Tags         yamlfile.Strings `yaml:"tags"`
	Reviewed     Date             `yaml:"reviewed"`
	ReviewBy     Date             `yaml:"review_by"`
	Owner        string           `yaml:"owner"`
	Source       config.Source    `yaml:"source"`
	// Changes are the page's change notes, each a date and one line: the
	// newest is its "Last updated" date, and /changes/ lists them.
	Changes []*config.Change `yaml:"changes"`
	// Params holds every other key, for templates (.Page.Params.section).
	// Load reports each such key once: an error in a strict site, a
	// warning otherwise.
	Params map[string]any `yaml:",inline"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// Order is the page's place among the pages beside it, lowest first: its
// weight, else its sidebar_position, else its nav_order.
func (m FrontMatter) Order() float64 {
	switch {
	case m.Weight != 0:
		return float64(m.Weight)
	case m.SidebarPosition != 0:
		return m.SidebarPosition
	}
	return m.NavOrder
}

// Updated returns when the page last changed, from lastmod or date, or
// the zero Timestamp.
func (m FrontMatter) Updated() Timestamp {
	if !m.LastMod.IsZero() {
		return m.LastMod
	}
	return m.Date
}

// Date is a calendar date written as YYYY-MM-DD (config.Date, which
// rubrics' change notes share).
type Date = config.Date

// Timestamp is a date, or a date and time, as site generators write them
// in front matter: 2024-01-02, 2024-01-02T15:04:05Z, 2024-01-02 15:04:05.
type Timestamp struct{ time.Time }

var timestampLayouts = []string{
	time.DateOnly, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02T15:04:05-0700", "2006-01-02T15:04",
}

func parseTimestamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timestampLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (write it as YYYY-MM-DD, e.g. 2026-11-24, or with a time, e.g. 2026-11-24T09:30:00Z)", s)
}

// CheckYAML reports whether s is a date, or a date and time.
func (Timestamp) CheckYAML(s string) error {
	_, err := parseTimestamp(s)
	return err
}

// UnmarshalYAML parses a date, or a date and time.
func (t *Timestamp) UnmarshalYAML(n *yaml.Node) error {
	v, err := parseTimestamp(n.Value)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}

// String formats the date as YYYY-MM-DD, or "" for the zero Timestamp.
func (t Timestamp) String() string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Result is what Load returns.
type Result struct {
	Pages    []*Page
	Glossary *Glossary
	Files    []string // other files of the content folder, copied as they are
	Drafts   int      // pages left out because they are drafts
	Listing  *Listing // what the walk of the content folder found
}

// Options change what Load includes.
type Options struct {
	Drafts bool // include pages marked draft
	// Reuse, when set, returns the page already loaded from file, or nil to
	// read it; a rebuild passes the pages of the previous build that have
	// not changed, so it reads only what did. It is called for each page
	// file, before the file is read, from several goroutines at once.
	Reuse func(file string) *Page
	// Skip are site paths (slash-separated) of folders never read: the
	// output folder, when it is inside a site that is its own content
	// folder.
	Skip []string
	// Listing, when set, is what a walk of the content folder would find
	// (see Listing.Holds): Load takes the files from it instead of
	// walking the folder again.
	Listing *Listing
}

// Listing is what a walk of the content folder found: its Markdown
// files, its glossary and the other files, in the walk's order.
type Listing struct {
	dir      string
	skip     []string
	md       []string
	glossary string // "" when there is none
	files    []string
}

// Holds reports whether a walk of the content folder of cfg's site in
// fsys would find what l holds, when changed are the only site paths
// written, created or removed since l was made: each of them in the
// content folder is one of l's Markdown files or its glossary, and is a
// file still. Any other change (a file or folder made or removed, a file
// copied as it is) needs a walk.
func (l *Listing) Holds(fsys fs.FS, cfg *config.Site, skip []string, changed []string) bool {
	if l == nil || l.dir != contentDir(cfg) || !slices.Equal(l.skip, skip) {
		return false
	}
	for _, p := range changed {
		if !InContent(cfg, p) {
			continue
		}
		if p != l.glossary && !slices.Contains(l.md, p) {
			return false
		}
		if fi, err := fs.Stat(fsys, p); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

// Load reads every page, the glossary and the other files of the content
// folder (content/, or the one cfg.Layout names). Pages are read and
// decoded in parallel.
func Load(fsys fs.FS, cfg *config.Site, opt Options) (*Result, *source.List) {
	var errs source.List
	res := &Result{}
	l := opt.Listing
	if l == nil {
		l = walk(fsys, cfg, opt.Skip, &errs)
	}
	res.Listing, res.Files = l, l.files
	if l.glossary != "" {
		res.Glossary = loadGlossary(fsys, l.glossary, &errs)
	}
	pages := make([]*Page, len(l.md))
	lists := make([]source.List, len(l.md))
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for i, p := range l.md {
		g.Go(func() error {
			if opt.Reuse != nil {
				if pages[i] = opt.Reuse(p); pages[i] != nil {
					return nil
				}
			}
			pages[i] = loadPage(fsys, p, relPath(l.dir, p), cfg, &lists[i])
			return nil
		})
	}
	_ = g.Wait() // no page returns an error: each has its own list
	for i, pg := range pages {
		errs.Merge(&lists[i])
		if pg != nil && (opt.Drafts || !pg.Meta.Draft) {
			res.Pages = append(res.Pages, pg)
		} else if pg != nil {
			res.Drafts++
		}
	}
	slices.SortFunc(res.Pages, func(a, b *Page) int { return strings.Compare(a.File, b.File) })
	checkURLs(res.Pages, &errs)
	checkKeys(pages, cfg.Strict, &errs)
	return res, &errs
}

// walk lists the content folder of cfg's site.
func walk(fsys fs.FS, cfg *config.Site, skipped []string, errs *source.List) *Listing {
	dir := contentDir(cfg)
	l := &Listing{dir: dir, skip: slices.Clone(skipped)}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && isNotExist(err) {
				return fs.SkipDir
			}
			errs.Add(source.ReadError(p, err))
			return nil
		}
		if p != dir && skip(fsys, cfg.Layout, skipped, p, d) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		base := path.Base(p)
		rel := relPath(dir, p)
		switch {
		case rel == GlossaryFile:
			l.glossary = p
		case strings.HasSuffix(base, ".md"):
			l.md = append(l.md, p)
		default:
			// Copied as it is, later: refuse now what cannot be read (a
			// link out of the site, a pipe, a file too large), so the
			// build reports it with every other problem.
			if e := source.CheckCopy(fsys, p); e != nil {
				errs.Add(e)
				return nil
			}
			l.files = append(l.files, p)
		}
		return nil
	})
	if err != nil {
		errs.Add(source.ReadError(dir, err))
	}
	return l
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// SplitFrontMatter splits data into front matter and body. Front matter is
// the lines between a first line "---" and the next line "---" (or "..."),
// or TOML between two lines "+++" (see IsTOML). fmLine and bodyLine are the
// lines of data on which each starts. ok is false when a front matter block
// is opened and never closed.
func SplitFrontMatter(data []byte) (fm, body []byte, fmLine, bodyLine int, ok bool) {
	fence := string(bytes.TrimRight(firstLine(data), " \t"))
	if fence != "---" && fence != "+++" {
		return nil, data, 0, 1, true
	}
	start := len(firstLine(data))
	if start < len(data) {
		start++ // the newline
	}
	line := 2
	for i := start; i <= len(data); {
		l := firstLine(data[i:])
		t := bytes.TrimRight(l, " \t")
		if string(t) == fence || fence == "---" && string(t) == "..." {
			end := i + len(l)
			if end < len(data) {
				end++
			}
			return data[start:i], data[end:], 2, line + 1, true
		}
		if i+len(l) >= len(data) {
			break
		}
		i += len(l) + 1
		line++
	}
	return nil, data, 0, 1, false
}

// IsTOML reports whether data opens with TOML front matter (+++).
func IsTOML(data []byte) bool {
	return string(bytes.TrimRight(firstLine(data), " \t")) == "+++"
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

var slugRe = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._ -]*$`)

// LoadPage reads the page file (such as "content/guidance/wti.md") as Load
// does each page, for a rebuild that needs only the pages that changed.
// The checks across pages (two pages on one URL, front-matter keys it does
// not know) are Load's alone.
func LoadPage(fsys fs.FS, file string, cfg *config.Site, errs *source.List) *Page {
	return loadPage(fsys, file, relPath(contentDir(cfg), file), cfg, errs)
}

func loadPage(fsys fs.FS, file, rel string, cfg *config.Site, errs *source.List) *Page {
	data, ok := source.ReadFile(fsys, file, errs)
	if !ok {
		return nil
	}
	p := &Page{File: file, Rel: rel, Hash: hash(data)}
	fm, body, fmLine, bodyLine, ok := SplitFrontMatter(data)
	if !ok {
		fence := string(firstLine(data)[:3])
		errs.Addf(source.Pos{File: file, Line: 1, Col: 1}, "front matter opened with %s is never closed", fence).Hint =
			"end it with a line holding only " + fence
		return nil
	}
	decode := yamlfile.Decode
	if IsTOML(data) {
		decode = yamlfile.DecodeTOML
	}
	if fm != nil && !decode(file, fm, fmLine, &p.Meta, errs) {
		// Keep the page, with what decoded, so that links to it still
		// resolve and only the real error is reported; the build stops
		// before anything is written anyway.
		p.Meta = FrontMatter{KeyPos: p.Meta.KeyPos, Params: p.Meta.Params}
	}
	shared(&p.Meta, errs)
	p.Body, p.BodyLine = body, bodyLine
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Warnf(source.Pos{File: file}, "page is empty").Hint = "write its text, or delete the file"
	}
	m := &p.Meta
	p.Lang = cfg.Lang
	if m.Lang != "" {
		if !config.IsLang(m.Lang) {
			errs.Addf(m.KeyPos["lang"], "lang %q is not a language code", m.Lang).Hint = "use a code such as en or cy"
		} else {
			p.Lang = m.Lang
		}
	}
	if m.Weight < 0 || m.Weight > MaxWeight {
		errs.Addf(m.KeyPos["weight"], "weight %d is out of range", m.Weight).Hint =
			fmt.Sprintf("use a number from 0 to %d; lower weights come first", MaxWeight)
	}
	if !m.Reviewed.IsZero() && !m.ReviewBy.IsZero() && m.ReviewBy.Before(m.Reviewed.Time) {
		errs.Addf(m.KeyPos["review_by"], "review_by %s is before reviewed %s", m.ReviewBy, m.Reviewed)
	}
	config.CheckChanges(m.Changes, m.KeyPos["changes"], errs)
	p.URL = pageURL(rel)
	if strings.HasPrefix(m.Slug, "/") {
		if err := CheckURLPath(m.Slug); err != nil {
			errs.Addf(m.KeyPos["slug"], "slug %q: %w", m.Slug, err).Hint =
				"write the page's whole URL path from the site root, e.g. /guide/setup/"
		} else {
			p.URL = strings.TrimSuffix(m.Slug, "/") + "/"
		}
	} else if m.Slug != "" {
		if !slugRe.MatchString(m.Slug) || m.Slug == "." || m.Slug == ".." || strings.Contains(m.Slug, "..") {
			errs.Addf(m.KeyPos["slug"], "slug %q is not a single URL segment", m.Slug).Hint =
				"use letters, digits and hyphens only, without / or .."
		} else {
			dir := path.Dir(strings.TrimSuffix(p.URL, "/"))
			if path.Base(rel) == "index.md" {
				dir = path.Dir(dir)
			}
			p.URL = path.Join(dir, m.Slug) + "/"
		}
	}
	for i, a := range m.Aliases {
		if err := CheckURLPath(a); err != nil {
			pos := m.KeyPos["aliases"]
			errs.Addf(pos, "alias %d %q: %w", i+1, a, err).Hint = "write the old URL from the site root, e.g. /guidance/old-name/"
		}
	}
	return p
}

// CheckURLPath reports whether u is a clean site-absolute URL path that stays
// inside the site: it starts with "/", and has no "..", "." or empty
// segments, no backslash, query or fragment.
func CheckURLPath(u string) error {
	switch {
	case !strings.HasPrefix(u, "/"):
		return fmt.Errorf("does not start with /")
	case strings.HasPrefix(u, "//"):
		return fmt.Errorf("starts with //, which a browser reads as the name of another site")
	case strings.ContainsAny(u, "\\?#\x00"):
		return fmt.Errorf("holds \\, ?, # or a NUL")
	case strings.Contains(u, "//"):
		// Within the path (/a//b/) or at its end (/a//), which the
		// segments below, trimmed of their outer slashes, do not show.
		return fmt.Errorf("has a %q segment, which would leave the site", "")
	}
	segs := strings.Split(strings.Trim(u, "/"), "/")
	for i, seg := range segs {
		if seg == ".." || seg == "." || (seg == "" && u != "/") {
			return fmt.Errorf("has a %q segment, which would leave the site", seg)
		}
		// A segment followed by / is a folder; one ending in .html names
		// a page's file (/404.html/ would need 404.html to be both).
		if (i < len(segs)-1 || strings.HasSuffix(u, "/")) && strings.EqualFold(path.Ext(seg), ".html") {
			return fmt.Errorf("makes %q a folder, but a name ending in .html is a page's file", seg)
		}
	}
	return nil
}

// pageURL maps a path in the content folder to the page's URL path. An
// index.md is its folder's page, as is Hugo's _index.md.
func pageURL(rel string) string {
	p := strings.TrimSuffix(rel, ".md")
	if b := path.Base(p); b == "index" || b == "_index" {
		p = path.Dir(p)
	}
	if p == "." || p == "" {
		return "/"
	}
	return "/" + p + "/"
}

func checkURLs(pages []*Page, errs *source.List) {
	seen := map[string]*Page{}
	for _, p := range pages {
		if q, dup := seen[strings.ToLower(p.URL)]; dup {
			pos := p.Meta.KeyPos["slug"]
			if pos.File == "" {
				pos = source.Pos{File: p.File}
			}
			errs.Addf(pos, "two pages claim the URL %s: this one and %s", p.URL, q.File).Hint =
				"give one of them another slug or file name"
			continue
		}
		seen[strings.ToLower(p.URL)] = p
	}
}

// FileHash is the hash Load gives a page (Page.Hash) whose file holds data.
func FileHash(data []byte) uint64 { return hash(data) }

// hash is FNV-1a over b.
func hash(b []byte) uint64 {
	h := fnv.New64a()
	_, _ = h.Write(b)
	return h.Sum64()
}
