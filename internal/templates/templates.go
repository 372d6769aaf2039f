package templates

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

// Dir is the folder of templates.
const Dir = "templates"

// Pages are the templates of each kind of page, each rendered with the
// partials and the layout.
var Pages = []string{
	"home", "page", "standards", "rubric", "standard", "sheet", "assess",
	"search", "glossary", "404", "alias",
}

// MaxPageSize is the most a template may write for one page. A template
// is a program: {{range 1000000000}} or a {{template}} that calls itself
// twice could write without end, and the page is held in memory until it
// is written. No browser shows a page this large usefully: the form of a
// rubric of 100,000 items is 66 MB.
const MaxPageSize = 64 << 20

// ErrPageTooLarge is the error of a page whose template wrote more than
// MaxPageSize (wrapped in one that names the template).
var ErrPageTooLarge = errors.New("page too large")

// Set is the loaded templates.
type Set struct {
	pages  map[string]*template.Template
	words  map[string]Words
	hashes map[string]uint64 // page kind → hash of the files its template is made of
	limit  int               // MaxPageSize but in tests
}

// Words are a language's interface words, by key.
type Words map[string]string

// Load parses templates/*.html and templates/partials/*.html from fsys, and
// the interface words in templates/i18n/<lang>.yaml.
func Load(fsys fs.FS, funcs template.FuncMap) (*Set, *source.List) {
	var errs source.List
	s := &Set{pages: map[string]*template.Template{}, words: map[string]Words{}, hashes: map[string]uint64{}, limit: MaxPageSize}
	partials, _ := fs.Glob(fsys, Dir+"/partials/*.html")
	slices.Sort(partials)
	base := template.New("").Funcs(funcs)
	shared := fnv.New64a()
	for _, p := range append([]string{Dir + "/layout.html"}, partials...) {
		if !parse(fsys, base, p, shared, &errs) {
			return s, &errs
		}
	}
	for _, name := range Pages {
		t, err := base.Clone()
		if err != nil {
			errs.Addf(source.Pos{File: Dir}, "%v", err)
			continue
		}
		h := fnv.New64a()
		fmt.Fprintf(h, "%x", shared.Sum64())
		if parse(fsys, t, Dir+"/"+name+".html", h, &errs) {
			s.pages[name] = t
			s.hashes[name] = h.Sum64()
		}
	}
	files, _ := fs.Glob(fsys, Dir+"/i18n/*.yaml")
	words := fnv.New64a()
	for _, f := range files {
		data, ok := source.ReadFile(fsys, f, &errs)
		if !ok {
			continue
		}
		_, _ = words.Write(data)
		w := Words{}
		if yamlfile.Decode(f, data, 1, &w, &errs) {
			s.words[strings.TrimSuffix(path.Base(f), ".yaml")] = w
		}
	}
	for name, h := range s.hashes {
		s.hashes[name] = h ^ words.Sum64()
	}
	if _, ok := s.words["en"]; !ok {
		errs.Addf(source.Pos{File: Dir + "/i18n/en.yaml"}, "the English interface words are missing")
	}
	return s, &errs
}

func parse(fsys fs.FS, t *template.Template, file string, h io.Writer, errs *source.List) bool {
	data, ok := source.ReadFile(fsys, file, errs)
	if !ok {
		return false
	}
	_, _ = h.Write(data)
	if _, err := t.New(file).Parse(string(data)); err != nil {
		errs.Addf(source.Pos{File: file}, "template: %v", strings.TrimPrefix(err.Error(), "template: "))
		return false
	}
	return true
}

// Hash returns a hash of the files the template of a page kind is made of
// and of every language's interface words: while it is unchanged, the
// kind's pages render the same for the same data.
func (s *Set) Hash(kind string) uint64 { return s.hashes[kind] }

// Words returns the interface words of lang, falling back word by word to
// English.
func (s *Set) Words(lang string) Words {
	en := s.words["en"]
	w, ok := s.words[lang]
	if !ok || lang == "en" {
		return en
	}
	out := Words{}
	for k, v := range en {
		out[k] = v
	}
	for k, v := range w {
		out[k] = v
	}
	return out
}

// Langs returns the languages that have interface words.
func (s *Set) Langs() []string {
	var out []string
	for l := range s.words {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Render executes the template of the page kind with data. A page of more
// than MaxPageSize bytes is an error.
func (s *Set) Render(kind string, data any) ([]byte, error) {
	t, ok := s.pages[kind]
	if !ok {
		return nil, fmt.Errorf("no template for %s pages", kind)
	}
	name := Dir + "/" + kind + ".html"
	b := &cappedBuffer{limit: s.limit}
	b.Grow(32 << 10) // most pages are tens of kilobytes: grow once, not ten times
	if err := t.ExecuteTemplate(b, name, data); err != nil {
		if err == ErrPageTooLarge {
			return nil, fmt.Errorf("%s: the page would be more than %d MB; look for a {{range}} over a large number or a {{template}} that repeats without end: %w",
				name, s.limit>>20, ErrPageTooLarge)
		}
		return nil, err
	}
	return b.Bytes(), nil
}

// cappedBuffer is a buffer that refuses to grow past limit bytes. A
// template stops at its writer's first error.
type cappedBuffer struct {
	bytes.Buffer
	limit int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if len(p) > b.limit-b.Len() {
		return 0, ErrPageTooLarge
	}
	return b.Buffer.Write(p)
}

func (b *cappedBuffer) WriteString(p string) (int, error) {
	if len(p) > b.limit-b.Len() {
		return 0, ErrPageTooLarge
	}
	return b.Buffer.WriteString(p)
}
