package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-ssg/handbook"
)

// TestRebuildProperty makes random sequences of edits of every kind to the
// basic fixture (page text, titles, front matter, rubrics, the glossary,
// the site's own templates, among them a page.html that lists every
// rubric, static files, the config, new and deleted files, a file made
// and removed between two builds, a folder of pages moved in or out) and
// checks after each that a rebuild from the previous good result gives,
// byte for byte, what a cold build of the edited site gives: the same
// files, the same warnings, the same errors. The randomness is seeded, so a failure
// names the seed and step that reproduce it.
func TestRebuildProperty(t *testing.T) {
	seeds, steps := 4, 30
	if testing.Short() {
		seeds, steps = 2, 25
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			runEdits(t, uint64(seed), steps)
		})
	}
}

// edit changes fsys at random and returns the site paths it wrote,
// created or removed.
type edit struct {
	name string
	do   func(r *rand.Rand, fsys fstest.MapFS, n int) []string
}

// editor makes a property test's edits: each step a random edit, or,
// after a build that failed, the undo of the edit that broke it, so that
// the site does not stay broken for the rest of the run.
type editor struct {
	r     *rand.Rand
	edits []edit
	undo  map[string]*fstest.MapFile // what the last edit replaced; nil once its build succeeded
}

// next changes fsys for the step and returns the change's name ("undo",
// or the edit's) and the paths it changed (sorted, for an undo).
func (e *editor) next(fsys fstest.MapFS, step int) (string, []string) {
	if e.undo != nil {
		var changed []string
		for p, f := range e.undo {
			if f == nil {
				delete(fsys, p)
			} else {
				fsys[p] = f
			}
			changed = append(changed, p)
		}
		slices.Sort(changed)
		e.undo = nil
		return "undo", changed
	}
	before := maps.Clone(fsys)
	ed := e.edits[e.r.IntN(len(e.edits))]
	changed := ed.do(e.r, fsys, step)
	e.undo = map[string]*fstest.MapFile{}
	for _, p := range changed {
		e.undo[p] = before[p]
	}
	return ed.name, changed
}

// built says the step's build succeeded: its edit is kept, not undone.
func (e *editor) built() { e.undo = nil }

func runEdits(t *testing.T, seed uint64, steps int) {
	orig := archiveFS(t, readArchive(t, "testdata/basic.txtar")).(fstest.MapFS)
	fsys := fstest.MapFS{}
	for k, v := range orig {
		fsys[k] = &fstest.MapFile{Data: slices.Clone(v.Data)}
	}
	r := rand.New(rand.NewPCG(seed, 19))
	ctx := context.Background()
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	opt := Options{Defaults: handbook.Defaults(), Today: today}
	prev, err := Build(ctx, fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The paths changed since prev: a failed build leaves prev as it was,
	// and the next rebuild is told of every change since (as serve does).
	var pending []string
	ed := &editor{r: r, edits: propertyEdits(orig)}
	compared, quick := 0, 0
	for step := range steps {
		name, changed := ed.next(fsys, step)
		pending = append(pending, changed...)
		res, err := Rebuild(ctx, fsys, opt, prev, pending)
		cold, coldErr := Build(ctx, fsys, Options{Defaults: handbook.Defaults(), Today: today, NoSearch: true})
		where := fmt.Sprintf("seed %d step %d (%s of %v)", seed, step, name, changed)
		if fmt.Sprint(err) != fmt.Sprint(coldErr) {
			t.Fatalf("%s: rebuild error:\n%v\ncold build error:\n%v", where, err, coldErr)
		}
		if err != nil {
			continue // the errors are the same; undo follows
		}
		ed.built()
		if fmt.Sprint(res.Warnings) != fmt.Sprint(cold.Warnings) {
			t.Fatalf("%s: warnings:\n%v\ncold build's:\n%v", where, res.Warnings, cold.Warnings)
		}
		for n, data := range cold.Files {
			if !bytes.Equal(data, res.Files[n]) {
				t.Fatalf("%s: %s differs from a cold build's", where, n)
			}
		}
		for n := range res.Files {
			if _, ok := cold.Files[n]; !ok && !isIndexFile(n) {
				t.Fatalf("%s: the rebuild has %s, a cold build does not", where, n)
			}
		}
		prev, pending = res, nil
		compared++
		if res.quick != nil {
			quick++
		}
	}
	t.Logf("seed %d: %d of %d steps built, %d by the quick path", seed, compared, steps, quick)
	// A run whose builds mostly failed would compare little.
	if compared < steps/2 {
		t.Errorf("seed %d: only %d of %d steps built", seed, compared, steps)
	}
}

// listRubrics is what an overriding template adds to show every rubric.
const listRubrics = `<ul class="all-rubrics">{{range .Site.Rubrics}}<li>{{.Title}}: {{.Summary}}</li>{{end}}</ul>`

func propertyEdits(orig fstest.MapFS) []edit {
	defaults := handbook.Defaults()
	readDefault := func(name string) []byte {
		b, err := fs.ReadFile(defaults, name)
		if err != nil {
			panic(err)
		}
		return b
	}
	files := func(fsys fstest.MapFS, prefix, ext string) []string {
		var out []string
		for k := range fsys {
			if strings.HasPrefix(k, prefix) && strings.HasSuffix(k, ext) {
				out = append(out, k)
			}
		}
		slices.Sort(out)
		return out
	}
	pick := func(r *rand.Rand, list []string) string {
		if len(list) == 0 {
			return ""
		}
		return list[r.IntN(len(list))]
	}
	set := func(fsys fstest.MapFS, name string, data []byte) []string {
		fsys[name] = &fstest.MapFile{Data: data}
		return []string{name}
	}
	// replaceLine replaces the first line matching re, or does nothing.
	replaceLine := func(fsys fstest.MapFS, name string, re *regexp.Regexp, line string) []string {
		f := fsys[name]
		if f == nil {
			return nil
		}
		loc := re.FindIndex(f.Data)
		if loc == nil {
			return nil
		}
		data := slices.Concat(f.Data[:loc[0]], []byte(line), f.Data[loc[1]:])
		return set(fsys, name, data)
	}
	titleRE := regexp.MustCompile(`(?m)^title: .*$`)
	weightRE := regexp.MustCompile(`(?m)^weight: .*$`)
	frontEnd := regexp.MustCompile(`(?m)\A---\n`)
	words := []string{"claimant", "coach", "evidence", "WTI", "Claimant Commitment", "plan", "goal"}
	phrase := func(r *rand.Rand, n int) string {
		return fmt.Sprintf("%s %s %d", words[r.IntN(len(words))], words[r.IntN(len(words))], n)
	}
	return []edit{
		{"page text", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			name := pick(r, files(fsys, "content/", ".md"))
			if name == "" {
				return nil
			}
			links := []string{"", " See [the interview](/guidance/interview/).", " See [listening](std:listening/current-knowledge).",
				" See [the CAT profile](std:evidence/statement-1).", " See [nowhere](missing.md)."}
			text := fmt.Sprintf("\n\nAdded: %s.%s\n", phrase(r, n), links[r.IntN(len(links))])
			if r.IntN(3) == 0 {
				text = fmt.Sprintf("\n\n## Heading %d\n\nUnder it.\n", n)
			}
			return set(fsys, name, append(slices.Clone(fsys[name].Data), text...))
		}},
		{"title", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			name := pick(r, files(fsys, "content/", ".md"))
			if name == "" {
				return nil
			}
			return replaceLine(fsys, name, titleRE, fmt.Sprintf("title: %q", "Title "+phrase(r, n)))
		}},
		{"front matter", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			name := pick(r, files(fsys, "content/", ".md"))
			if name == "" {
				return nil
			}
			switch r.IntN(5) {
			case 4: // an alias over another page: an error naming both
				return replaceLine(fsys, name, frontEnd, "---\naliases: [/guidance/interview/]\n")
			case 0:
				if weightRE.Match(fsys[name].Data) {
					return replaceLine(fsys, name, weightRE, fmt.Sprintf("weight: %d", r.IntN(40)))
				}
				return replaceLine(fsys, name, frontEnd, fmt.Sprintf("---\nweight: %d\n", r.IntN(40)))
			case 1:
				return replaceLine(fsys, name, frontEnd, fmt.Sprintf("---\nsummary: %s\n", phrase(r, n)))
			case 2:
				return replaceLine(fsys, name, frontEnd, "---\nreview_by: 2026-01-31\nowner: QA team\n")
			default:
				return replaceLine(fsys, name, frontEnd, fmt.Sprintf("---\naliases: [/old-%d/]\n", n))
			}
		}},
		{"change note", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			// /changes/ lists it; the page shows when it was updated.
			name := pick(r, files(fsys, "content/", ".md"))
			if name == "" || bytes.Contains(fsys[name].Data, []byte("\nchanges:")) {
				return nil
			}
			return replaceLine(fsys, name, frontEnd, fmt.Sprintf("---\nchanges:\n  - {date: 2026-%02d-%02d, note: Changed %d.}\n", 1+r.IntN(12), 1+r.IntN(28), n))
		}},
		{"source document", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			// The print view of a document shows its chapters whole.
			name := pick(r, files(fsys, "content/", ".md"))
			if name == "" || bytes.Contains(fsys[name].Data, []byte("\nsource:")) {
				return nil
			}
			docs := []string{"Test guidance", "Other guidance", "Third"}
			return replaceLine(fsys, name, frontEnd, fmt.Sprintf("---\nsource:\n  document: %s\n", docs[r.IntN(len(docs))]))
		}},
		{"language", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			// A page in Welsh: the search page's languages, the chrome's
			// translations.
			name := pick(r, files(fsys, "content/", ".md"))
			if name == "" || bytes.Contains(fsys[name].Data, []byte("\nlang:")) {
				return nil
			}
			return replaceLine(fsys, name, frontEnd, "---\nlang: cy\n")
		}},
		{"rubric", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			name := pick(r, files(fsys, "rubrics/", ".yaml"))
			if name == "" {
				return nil
			}
			if r.IntN(2) == 0 {
				return replaceLine(fsys, name, titleRE, "title: "+phrase(r, n))
			}
			return replaceLine(fsys, name, regexp.MustCompile(`(?m)^summary: .*$`), "summary: "+phrase(r, n))
		}},
		{"new rubric", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			data := bytes.Replace(orig["rubrics/checks.yaml"].Data, []byte("id: checks"), fmt.Appendf(nil, "id: extra-%d", n), 1)
			data = bytes.Replace(data, []byte("title: Checks"), fmt.Appendf(nil, "title: Extra %d", n), 1)
			return set(fsys, fmt.Sprintf("rubrics/extra-%d.yaml", n), data)
		}},
		{"glossary", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			const name = "content/glossary.yaml"
			if fsys[name] == nil {
				return nil
			}
			if r.IntN(2) == 0 {
				return set(fsys, name, append(slices.Clone(fsys[name].Data), fmt.Sprintf("  - term: Term %d\n    definition: %s.\n", n, phrase(r, n))...))
			}
			return set(fsys, name, bytes.Replace(fsys[name].Data, []byte("The agreement"), fmt.Appendf(nil, "The %d agreement", n), 1))
		}},
		{"template", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			switch r.IntN(4) {
			case 0: // a page.html that lists every rubric
				page := readDefault("templates/page.html")
				return set(fsys, "templates/page.html", bytes.Replace(page, []byte(`<div class="prose">`), []byte(listRubrics+`<div class="prose">`), 1))
			case 1: // a partial of the site's own
				p := readDefault("templates/partials/prevnext.html")
				return set(fsys, "templates/partials/prevnext.html", append(p, fmt.Sprintf("<!-- %d -->", n)...))
			case 2: // the home page's template, listing the glossary
				home := readDefault("templates/home.html")
				return set(fsys, "templates/home.html", bytes.Replace(home, []byte(`{{define "main"}}`),
					[]byte(`{{define "main"}}{{with .Site.Glossary}}<ul>{{range .Terms}}<li>{{.Term}}</li>{{end}}</ul>{{end}}`), 1))
			default: // back to the defaults
				var out []string
				for _, f := range files(fsys, "templates/", ".html") {
					delete(fsys, f)
					out = append(out, f)
				}
				return out
			}
		}},
		{"words", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			if home := regexp.MustCompile(`(?m)^    home: .*$`); fsys["handbook.yaml"] != nil && home.Match(fsys["handbook.yaml"].Data) {
				return replaceLine(fsys, "handbook.yaml", home, fmt.Sprintf("    home: Start %d", n))
			}
			return replaceLine(fsys, "handbook.yaml", regexp.MustCompile(`(?m)^title: `), fmt.Sprintf("words:\n  en:\n    home: Start %d\ntitle: ", n))
		}},
		{"static", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			const name = "static/css/main.css"
			if r.IntN(3) == 0 {
				if fsys[name] == nil {
					return nil
				}
				delete(fsys, name)
				return []string{name}
			}
			return set(fsys, name, append(readDefault(name), fmt.Sprintf("\n.added-%d { color: red; }\n", n)...))
		}},
		{"content file", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			name := fmt.Sprintf("content/guidance/notes-%d.txt", r.IntN(3))
			if fsys[name] != nil && r.IntN(2) == 0 {
				delete(fsys, name)
				return []string{name}
			}
			return set(fsys, name, fmt.Appendf(nil, "notes %d\n", n))
		}},
		{"config", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			switch r.IntN(5) {
			case 3:
				return replaceLine(fsys, "handbook.yaml", regexp.MustCompile(`(?m)^    title: .*$`), "    title: Llawlyfr "+phrase(r, n))
			case 4:
				return replaceLine(fsys, "handbook.yaml", regexp.MustCompile(`(?m)^      Standards: .*$`), fmt.Sprintf("      Standards: Safonau %d", n))
			case 0:
				return replaceLine(fsys, "handbook.yaml", regexp.MustCompile(`(?m)^title: .*$`), "title: "+phrase(r, n))
			case 1:
				return replaceLine(fsys, "handbook.yaml", regexp.MustCompile(`(?m)^footer: .*$`), fmt.Sprintf("footer: Footer %d. [Accessibility](accessibility.md)", n))
			default:
				return replaceLine(fsys, "handbook.yaml", regexp.MustCompile(`(?m)^description: .*$`), "description: "+phrase(r, n))
			}
		}},
		{"new page", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			dirs := []string{"content/guidance/", "content/", "content/extra/"}
			name := fmt.Sprintf("%snew-%d.md", dirs[r.IntN(len(dirs))], n)
			body := fmt.Sprintf("---\ntitle: New %d\nweight: %d\n---\n## About\n\n¶1 %s, see [the interview](/guidance/interview/) and [listening](std:listening/active-listening).\n", n, r.IntN(40), phrase(r, n))
			return set(fsys, name, []byte(body))
		}},
		{"created and deleted", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			// A file written and removed again between two builds: it
			// changed, and is not there before or after.
			return []string{fmt.Sprintf("content/guidance/scratch-%d.md", n)}
		}},
		{"folder", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			// A folder of pages moved in or out whole: the change names
			// the folder alone, as a file watcher does.
			dir := "content/moved"
			if fsys[dir+"/a.md"] != nil {
				delete(fsys, dir+"/a.md")
				delete(fsys, dir+"/b.md")
				return []string{dir}
			}
			for _, f := range []string{"a", "b"} {
				fsys[dir+"/"+f+".md"] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: Moved %s %d\n---\n¶1 %s.\n", f, n, phrase(r, n))}
			}
			return []string{dir}
		}},
		{"delete", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			name := pick(r, append(files(fsys, "content/", ".md"), files(fsys, "rubrics/", ".yaml")...))
			if name == "" {
				return nil
			}
			delete(fsys, name)
			return []string{name}
		}},
		{"restore", func(r *rand.Rand, fsys fstest.MapFS, n int) []string {
			name := pick(r, slices.Sorted(func(yield func(string) bool) {
				for k := range orig {
					if !yield(k) {
						return
					}
				}
			}))
			return set(fsys, name, slices.Clone(orig[name].Data))
		}},
	}
}
