package templates

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

// Dir is the folder of templates.
const Dir = "templates"

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
	hashes map[string]uint64 // page kind → hash of the files its template can execute
	files  map[string]string // template file → its text, for the columns of errors
	limit  int               // MaxPageSize but in tests
}

// Words are a language's interface words, by key.
type Words map[string]string

// Load parses the template of each kind of page in pages (templates/<name>.html),
// each with templates/layout.html and templates/partials/*.html, from fsys,
// and the interface words in templates/i18n/<lang>.yaml.
func Load(fsys fs.FS, pages []string, funcs template.FuncMap) (*Set, *source.List) {
	var errs source.List
	s := &Set{pages: map[string]*template.Template{}, words: map[string]Words{}, hashes: map[string]uint64{}, files: map[string]string{}, limit: MaxPageSize}
	partials, _ := fs.Glob(fsys, Dir+"/partials/*.html")
	slices.Sort(partials)
	base := template.New("").Funcs(funcs)
	for _, p := range append([]string{Dir + "/layout.html"}, partials...) {
		if !s.parse(fsys, base, p, &errs) {
			return s, &errs
		}
	}
	for _, name := range pages {
		t, err := base.Clone()
		if err != nil {
			errs.Add(source.Wrap(source.Pos{File: Dir}, err))
			continue
		}
		file := Dir + "/" + name + ".html"
		if s.parse(fsys, t, file, &errs) {
			s.pages[name] = t
			s.hashes[name] = s.hashUses(t, file)
		}
	}
	files, _ := fs.Glob(fsys, Dir+"/i18n/*.yaml")
	for _, f := range files {
		data, ok := source.ReadFile(fsys, f, &errs)
		if !ok {
			continue
		}
		w := Words{}
		if yamlfile.Decode(f, data, 1, &w, &errs) {
			s.words[strings.TrimSuffix(path.Base(f), ".yaml")] = w
		}
	}
	if _, ok := s.words["en"]; !ok {
		errs.Addf(source.Pos{File: Dir + "/i18n/en.yaml"}, "the English interface words are missing")
	}
	return s, &errs
}

// parse parses the template file into t. An error is at the file, line
// and column the parser gives.
func (s *Set) parse(fsys fs.FS, t *template.Template, file string, errs *source.List) bool {
	data, ok := source.ReadFile(fsys, file, errs)
	if !ok {
		return false
	}
	s.files[file] = string(data)
	if _, err := t.New(file).Parse(string(data)); err != nil {
		errs.Add(s.positioned(t, err, file))
		return false
	}
	return true
}

// Hash returns a hash of the template files that the template of a page
// kind can execute (see [Set.Files]): while it is unchanged, the kind's
// pages render the same for the same data. The interface words are not
// in it; they are data the pages read.
func (s *Set) Hash(kind string) uint64 { return s.hashes[kind] }

// Files returns the template files that the template of a page kind can
// execute, sorted: its own file, and the file of every template it calls
// with {{template}} or {{block}}, and those call, as the set defines them
// (a {{define}} in the kind's file replaces the layout's {{block}}).
// A partial no path of calls reaches is not among them.
func (s *Set) Files(kind string) []string {
	t, ok := s.pages[kind]
	if !ok {
		return nil
	}
	files, _ := uses(t, Dir+"/"+kind+".html")
	return files
}

// hashUses hashes the text of the files the template t, entered at file,
// can execute, and the names it calls that no file defines (an error when
// it runs, until a file defines them).
func (s *Set) hashUses(t *template.Template, file string) uint64 {
	files, missing := uses(t, file)
	h := fnv.New64a()
	for _, f := range files {
		fmt.Fprintf(h, "%s %d\n", f, len(s.files[f]))
		_, _ = io.WriteString(h, s.files[f])
	}
	for _, name := range missing {
		fmt.Fprintf(h, "missing %s\n", name)
	}
	return h.Sum64()
}

// uses follows the {{template}} calls from the template named entry in
// t's set, and returns the files that define the templates it reaches,
// and the names it calls that none defines, each sorted.
func uses(t *template.Template, entry string) (files, missing []string) {
	seen := map[string]bool{}
	in := map[string]bool{}
	var visit func(name string)
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			visit(n.Name)
		}
	}
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		d := t.Lookup(name)
		if d == nil || d.Tree == nil {
			missing = append(missing, name)
			return
		}
		in[d.Tree.ParseName] = true
		walk(d.Tree.Root)
	}
	visit(entry)
	slices.Sort(missing)
	return slices.Sorted(maps.Keys(in)), missing
}

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

// Render executes the template of the page kind with data. Its error is
// a *source.Error at the template file, line and column where executing
// failed (a partial's, the layout's), with what failed
// ("{{.Foo}}: can't evaluate field Foo in type …"); its cause is the
// template package's error. A page of more than MaxPageSize bytes is an
// error at the page's template file, whose cause is ErrPageTooLarge.
func (s *Set) Render(kind string, data any) ([]byte, error) {
	return s.RenderThen(kind, data, bytes.Clone)
}

// RenderThen is Render, but returns then(page) instead of the page: then
// is given the bytes the template wrote in a buffer that is used again
// once it returns, so that a caller that makes new bytes of the page
// anyway (its URLs made relative) does not leave a second copy of every
// page to the garbage collector.
func (s *Set) RenderThen(kind string, data any, then func(page []byte) []byte) ([]byte, error) {
	file := Dir + "/" + kind + ".html"
	t, ok := s.pages[kind]
	if !ok {
		return nil, source.Errorf(source.Pos{File: file}, "no template for %s pages", kind)
	}
	b := buffers.Get().(*cappedBuffer)
	defer func() {
		if b.Cap() <= maxPooled {
			b.Reset()
			buffers.Put(b)
		}
	}()
	b.limit = s.limit
	if err := t.ExecuteTemplate(b, file, data); err != nil {
		if err == ErrPageTooLarge {
			// The writer's error: the template packages give no place.
			return nil, &source.Error{Pos: source.Pos{File: file}, Cause: ErrPageTooLarge,
				Msg: fmt.Sprintf("the page would be more than %d MB; look for a {{range}} over a large number or a {{template}} that repeats without end", s.limit>>20)}
		}
		return nil, s.positioned(t, err, file)
	}
	return then(b.Bytes()), nil
}

// RenderPart executes only the template called name (a partial, "nav")
// of the page kind's set with data, as {{template name .}} does in the
// text of an HTML page, where the default layout calls its partials.
func (s *Set) RenderPart(kind, name string, data any) ([]byte, error) {
	file := Dir + "/" + kind + ".html"
	t, ok := s.pages[kind]
	if !ok {
		return nil, source.Errorf(source.Pos{File: file}, "no template for %s pages", kind)
	}
	b := &cappedBuffer{limit: s.limit}
	if err := t.ExecuteTemplate(b, name, data); err != nil {
		return nil, s.positioned(t, err, file)
	}
	return b.Bytes(), nil
}

// buffers are the buffers templates write pages into, used again from
// page to page; one larger than maxPooled (a page of a huge rubric) is
// left to the garbage collector rather than kept.
var buffers = sync.Pool{New: func() any {
	b := &cappedBuffer{}
	b.Grow(32 << 10) // most pages are tens of kilobytes
	return b
}}

const maxPooled = 1 << 20

// Override returns a copy of s whose interface words are replaced, by
// language and key, by words (a site's own, from handbook.yaml), so that a
// site can say what it is without copying every word. It also returns the
// keys that are not interface words, as "lang.key", sorted.
func (s *Set) Override(words map[string]map[string]string) (*Set, []string) {
	if len(words) == 0 {
		return s, nil
	}
	c := &Set{pages: s.pages, words: map[string]Words{}, hashes: s.hashes, files: s.files, limit: s.limit}
	for lang, w := range s.words {
		c.words[lang] = w
	}
	var unknown []string
	for _, lang := range slices.Sorted(maps.Keys(words)) {
		merged := Words{}
		for k, v := range c.words[lang] {
			merged[k] = v
		}
		for _, k := range slices.Sorted(maps.Keys(words[lang])) {
			if _, ok := s.words["en"][k]; !ok {
				unknown = append(unknown, lang+"."+k)
				continue
			}
			merged[k] = words[lang][k]
		}
		c.words[lang] = merged
	}
	return c, unknown
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
