package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

// File is the site config's file name, relative to the site folder.
const File = "handbook.yaml"

// langRe matches a language code: en, cy, pt-BR.
var langRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// IsLang reports whether s is a language code (en, cy, pt-BR), as the
// site config, a page's front matter and a rubric give one.
func IsLang(s string) bool { return langRe.MatchString(s) }

// Source says which source document, and which section of it, a page or
// rubric transcribes: the front-matter and rubric key source.
type Source struct {
	Document string `yaml:"document"`
	Section  string `yaml:"section"`
	URL      string `yaml:"url"`
}

// Site is the site config.
type Site struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"base_url"`    // used only for canonical links and sitemap.xml
	Lang        string `yaml:"lang"`        // default language of pages
	Footer      string `yaml:"footer"`      // Markdown shown in every page's footer
	UnsafeHTML  bool   `yaml:"unsafe_html"` // pass raw HTML in Markdown through
	// Anchors says what a link to a missing anchor on an existing page is:
	// "error" (the default) or "warn", for a site imported from a tool
	// that made other anchors, while its links are mended.
	Anchors string     `yaml:"anchors"`
	Nav     []NavGroup `yaml:"nav"`
	// Strict (the default) makes front-matter keys the build does not
	// know, links to missing pages and links to missing anchors errors;
	// false makes them warnings, so that a site brought from another
	// generator builds while they are mended.
	Strict bool `yaml:"strict"`
	// Words replaces interface words of the templates, by language and
	// key (words: {en: {door_read_text: …}}), so a site can say what it
	// is without copying every word.
	Words    map[string]map[string]string `yaml:"words"`
	WordsPos map[string]source.Pos        `yaml:"-"`
	// Feedback is where readers send feedback: a mailto: address or an
	// http(s) page, which every page's footer links to. A link is not a
	// request: the pages' Content-Security-Policy is unchanged.
	Feedback string `yaml:"feedback"`
	// Translations say what the site calls itself in other languages, for
	// the pages in that language: by language code, the site's title, its
	// footer and its navigation's titles. What they do not translate is
	// marked as being in the site's language.
	Translations    map[string]*Translation `yaml:"translations"`
	TranslationsPos map[string]source.Pos   `yaml:"-"`

	// Layout is where the site keeps its pages, worked out from the
	// folder (see layout.go).
	Layout Layout `yaml:"-"`
	// Untitled is true when neither handbook.yaml nor another generator's
	// config gave a title: the build may take the home page's.
	Untitled bool `yaml:"-"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// Translation is what the site says of itself in another language.
type Translation struct {
	Title  string `yaml:"title"`
	Footer string `yaml:"footer"` // Markdown, as footer is
	// Nav maps a title of the navigation (a group's, or an item's as the
	// navigation shows it) to its title in this language.
	Nav    map[string]string     `yaml:"nav"`
	NavPos map[string]source.Pos `yaml:"-"`

	KeyPos map[string]source.Pos `yaml:"-"`
}

// NavGroup is one group of the site's navigation.
type NavGroup struct {
	Title string    `yaml:"title"`
	Items []NavItem `yaml:"items"`

	Pos source.Pos `yaml:"-"`
}

// NavItem is one entry of a navigation group: a page by its file under
// content/ ("guidance/wti.md") or a rubric ("std:qaf-1").
type NavItem struct {
	Ref   string `yaml:"ref"`
	Title string `yaml:"title"` // optional; the page's own title otherwise

	Pos source.Pos `yaml:"-"`
}

// DefaultTitle is the title of a site that gives none.
const DefaultTitle = "Handbook"

// Default returns the config of a site without handbook.yaml.
func Default() *Site {
	return &Site{Title: DefaultTitle, Lang: "en", Strict: true, Layout: Layout{ContentDir: ContentDir}}
}

// Load reads handbook.yaml from fsys, if there is one, and fills defaults.
func Load(fsys fs.FS) (*Site, *source.List) {
	var errs source.List
	s := Default()
	s.Title = ""
	if _, err := fs.Stat(fsys, File); !errors.Is(err, fs.ErrNotExist) {
		if data, ok := source.ReadFile(fsys, File, &errs); ok {
			yamlfile.Decode(File, data, 1, s, &errs)
		}
	}
	// Another generator's config fills what handbook.yaml does not say,
	// so that an MkDocs or Hugo site builds as it is.
	imported := importConfig(fsys, &errs)
	imported.apply(s)
	s.Layout = layout(fsys, imported)
	if s.Title == "" {
		s.Title = DefaultTitle
		s.Untitled = true
	}
	if s.Lang == "" {
		s.Lang = "en"
	} else if !IsLang(s.Lang) {
		errs.Addf(s.KeyPos["lang"], "lang %q is not a language code", s.Lang).Hint = "use a code such as en or cy"
		s.Lang = "en"
	}
	switch s.Anchors {
	case "":
		s.Anchors = "error"
	case "error", "warn":
	default:
		errs.Addf(s.KeyPos["anchors"], "anchors must be error or warn, not %q", s.Anchors)
	}
	if s.BaseURL != "" {
		if err := CheckBaseURL(s.BaseURL); err != nil {
			errs.Addf(s.KeyPos["base_url"], "base_url %w", err).Hint =
				"write it in full, e.g. https://intranet.example/handbook/"
		} else if !strings.HasSuffix(s.BaseURL, "/") {
			s.BaseURL += "/"
		}
	}
	if s.Feedback != "" {
		if err := CheckFeedback(s.Feedback); err != nil {
			errs.Addf(s.KeyPos["feedback"], "feedback %v", err).Hint =
				"write a mailto: address (mailto:handbook@example.org) or the http(s) address of a page"
		}
	}
	for _, lang := range sortedKeys(s.Translations) {
		pos := s.TranslationsPos[lang]
		switch {
		case !IsLang(lang):
			errs.Addf(pos, "translations: %q is not a language code", lang).Hint = "use a code such as cy"
		case lang == s.Lang:
			errs.Addf(pos, "translations: %q is the site's own language", lang).Hint = "give the site's own title, footer and navigation at the top of handbook.yaml"
		case s.Translations[lang] == nil:
			errs.Addf(pos, "translations: %s says nothing", lang).Hint = "give its title:, footer: or nav:, or remove it"
		}
	}
	for _, g := range s.Nav {
		if _, own := s.KeyPos["nav"]; !own {
			break // another tool's navigation, whose groups may have no title
		}
		if g.Title == "" {
			errs.Addf(g.Pos, "navigation group has no title").Hint = "add title: …"
		}
		for _, it := range g.Items {
			if it.Ref == "" {
				errs.Addf(it.Pos, "navigation item has no ref").Hint =
					"set ref to a page file under content/ (guidance/wti.md) or a rubric (std:qaf-1)"
			}
		}
	}
	return s, &errs
}

// CheckFeedback checks where readers send feedback: a mailto: address
// (mailto:name@host, with an optional ?subject=…) or an absolute http or
// https URL with a host. Its error starts with the value quoted.
func CheckFeedback(s string) error {
	u, err := url.Parse(s)
	if err != nil || strings.ContainsAny(s, " \t\n\"<>") {
		return fmt.Errorf("%q is not an address", s)
	}
	switch strings.ToLower(u.Scheme) {
	case "mailto":
		addr, _, _ := strings.Cut(u.Opaque, "?")
		if local, host, ok := strings.Cut(addr, "@"); !ok || local == "" || host == "" || strings.Contains(host, "@") {
			return fmt.Errorf("%q is not a mailto: address (mailto:name@host)", s)
		}
		return nil
	case "http", "https":
		if u.Host == "" || !strings.HasPrefix(strings.ToLower(s), strings.ToLower(u.Scheme)+"://") {
			return fmt.Errorf("%q is not an absolute http(s) URL", s)
		}
		return nil
	}
	return fmt.Errorf("%q is neither a mailto: address nor an http(s) URL", s)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// CheckBaseURL checks a site's public URL, from base_url or handbook build
// --base-url: it must be an absolute http or https URL with a host, and no
// query or fragment, since page paths are appended to it. Its error starts
// with the URL quoted, for the caller to put the setting's name before it.
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Opaque != "" ||
		!strings.HasPrefix(strings.ToLower(s), u.Scheme+"://") || u.Hostname() == "":
		return fmt.Errorf("%q is not an absolute http(s) URL", s)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#"):
		return fmt.Errorf("%q has a query or a fragment, which page addresses cannot follow", s)
	}
	return nil
}
