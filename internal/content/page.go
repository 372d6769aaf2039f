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
	"sync"
	"time"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
	"go.yaml.in/yaml/v4"
)

// Dir is the folder of a site that holds its pages.
const Dir = "content"

// Page is one Markdown file under content/.
type Page struct {
	File     string // path in the site: "content/guidance/wti.md"
	Rel      string // path under content/: "guidance/wti.md"
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

// FrontMatter is the YAML between the --- lines at the top of a page.
type FrontMatter struct {
	Title    string   `yaml:"title"`
	Summary  string   `yaml:"summary"`
	Weight   int      `yaml:"weight"`
	Slug     string   `yaml:"slug"`
	Aliases  []string `yaml:"aliases"`
	Lang     string   `yaml:"lang"`
	Draft    bool     `yaml:"draft"`
	Reviewed Date     `yaml:"reviewed"`
	ReviewBy Date     `yaml:"review_by"`
	Owner    string   `yaml:"owner"`
	Source   Source   `yaml:"source"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// Source says which source document and section a page or rubric comes from.
type Source struct {
	Document string `yaml:"document"`
	Section  string `yaml:"section"`
	URL      string `yaml:"url"`
}

// Date is a calendar date written as YYYY-MM-DD.
type Date struct{ time.Time }

// CheckYAML reports whether s is a date in the form YYYY-MM-DD.
func (Date) CheckYAML(s string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%q is not a date (write it as YYYY-MM-DD, e.g. 2026-11-24)", s)
	}
	return nil
}

// UnmarshalYAML parses a YYYY-MM-DD date.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// String formats d as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// Result is what Load returns.
type Result struct {
	Pages    []*Page
	Glossary *Glossary
	Files    []string // other files under content/, copied as they are
}

// Options change what Load includes.
type Options struct {
	Drafts bool // include pages marked draft
	// Reuse, when set, returns the page already loaded from file, or nil to
	// read it; a rebuild passes the pages of the previous build that have
	// not changed, so it reads only what did.
	Reuse func(file string) *Page
}

// Load reads every page, the glossary and the other files under content/.
// Pages are read and decoded in parallel.
func Load(fsys fs.FS, cfg *config.Site, opt Options) (*Result, *source.List) {
	var errs source.List
	res := &Result{}
	var mdFiles []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && isNotExist(err) {
				return fs.SkipDir
			}
			errs.Add(source.ReadError(p, err))
			return nil
		}
		base := path.Base(p)
		if p != Dir && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, Dir+"/")
		switch {
		case rel == GlossaryFile:
			res.Glossary = loadGlossary(fsys, p, &errs)
		case strings.HasSuffix(base, ".md"):
			mdFiles = append(mdFiles, p)
		default:
			// Copied as it is, later: refuse now what cannot be read (a
			// link out of the site, a pipe, a file too large), so the
			// build reports it with every other problem.
			if e := source.CheckCopy(fsys, p); e != nil {
				errs.Add(e)
				return nil
			}
			res.Files = append(res.Files, p)
		}
		return nil
	})
	if err != nil {
		errs.Add(source.ReadError(Dir, err))
	}
	pages := make([]*Page, len(mdFiles))
	lists := make([]source.List, len(mdFiles))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				p := mdFiles[i]
				if opt.Reuse != nil {
					pages[i] = opt.Reuse(p)
				}
				if pages[i] == nil {
					pages[i] = loadPage(fsys, p, strings.TrimPrefix(p, Dir+"/"), cfg, &lists[i])
				}
			}
		})
	}
	for i := range mdFiles {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, pg := range pages {
		errs.Merge(&lists[i])
		if pg != nil && (opt.Drafts || !pg.Meta.Draft) {
			res.Pages = append(res.Pages, pg)
		}
	}
	slices.SortFunc(res.Pages, func(a, b *Page) int { return strings.Compare(a.File, b.File) })
	checkURLs(res.Pages, &errs)
	return res, &errs
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// SplitFrontMatter splits data into front matter and body. Front matter is
// the lines between a first line "---" and the next line "---" (or "...").
// fmLine and bodyLine are the lines of data on which each starts. ok is false
// when a front matter block is opened and never closed.
func SplitFrontMatter(data []byte) (fm, body []byte, fmLine, bodyLine int, ok bool) {
	if !bytes.HasPrefix(data, []byte("---")) || len(bytes.TrimRight(firstLine(data), " \t")) != 3 {
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
		if string(t) == "---" || string(t) == "..." {
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

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

var (
	langRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	slugRe = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._ -]*$`)
)

// LoadPage reads the page file (such as "content/guidance/wti.md") as Load
// does each page, for a rebuild that needs only the pages that changed.
// The checks across pages (two pages on one URL) are Load's alone.
func LoadPage(fsys fs.FS, file string, cfg *config.Site, errs *source.List) *Page {
	return loadPage(fsys, file, strings.TrimPrefix(file, Dir+"/"), cfg, errs)
}

func loadPage(fsys fs.FS, file, rel string, cfg *config.Site, errs *source.List) *Page {
	data, ok := source.ReadFile(fsys, file, errs)
	if !ok {
		return nil
	}
	p := &Page{File: file, Rel: rel, Hash: hash(data)}
	fm, body, fmLine, bodyLine, ok := SplitFrontMatter(data)
	if !ok {
		errs.Addf(source.Pos{File: file, Line: 1, Col: 1}, "front matter opened with --- is never closed").Hint =
			"end it with a line holding only ---"
		return nil
	}
	if fm != nil && !yamlfile.Decode(file, fm, fmLine, &p.Meta, errs) {
		// Keep the page, with what decoded, so that links to it still
		// resolve and only the real error is reported; the build stops
		// before anything is written anyway.
		p.Meta = FrontMatter{KeyPos: p.Meta.KeyPos}
	}
	p.Body, p.BodyLine = body, bodyLine
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Warnf(source.Pos{File: file}, "page is empty").Hint = "write its text, or delete the file"
	}
	m := &p.Meta
	p.Lang = cfg.Lang
	if m.Lang != "" {
		if !langRe.MatchString(m.Lang) {
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
	p.URL = pageURL(rel)
	if m.Slug != "" {
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
			errs.Addf(pos, "alias %d %q: %v", i+1, a, err).Hint = "write the old URL from the site root, e.g. /guidance/old-name/"
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

// pageURL maps a path under content/ to the page's URL path.
func pageURL(rel string) string {
	p := strings.TrimSuffix(rel, ".md")
	if path.Base(p) == "index" {
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

// hash is FNV-1a over b.
func hash(b []byte) uint64 {
	h := fnv.New64a()
	_, _ = h.Write(b)
	return h.Sum64()
}
