package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/publish"
	"github.com/handbook-ssg/handbook/internal/source"
	"golang.org/x/tools/txtar"
)

// memSink is an in-memory Sink that checks each path as publish would,
// and that no path is written twice.
type memSink struct {
	mu    sync.Mutex
	files map[string]int // lower-cased path → bytes
	bad   []string
}

func (s *memSink) Add(name string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := publish.CheckPath(name); err != nil {
		s.bad = append(s.bad, err.Error())
		return err
	}
	key := strings.ToLower(name)
	if _, dup := s.files[key]; dup {
		s.bad = append(s.bad, fmt.Sprintf("%s is written twice", name))
	}
	s.files[key] = len(data)
	return nil
}

// fuzzDefaults are the embedded templates without the bundle's sources,
// so that a case runs esbuild only when it has scripts of its own.
func fuzzDefaults(t testing.TB) fs.FS {
	m := fstest.MapFS{}
	err := fs.WalkDir(handbook.Defaults(), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(handbook.Defaults(), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// fuzzSeeds are small sites that reproduce issue 14's findings: a build
// must end each one in positioned errors or a site.
var fuzzSeeds = []string{
	// Output paths with two owners.
	"-- content/p.md --\nPage p.\n-- static/p/index.html --\n<p>static</p>\n",
	"-- content/a.md --\n---\naliases: [/index.html, /search/index.html, /a/index.html]\n---\nA.\n",
	"-- content/index.html --\nhome\n-- static/sitemap.xml --\n<urlset/>\n",
	"-- content/a.md --\n---\naliases: [//evil.com/, /404.html/, /sitemap.xml]\n---\nA.\n",
	"-- static/guide --\nfile\n-- content/guide/one.md --\nOne.\n-- content/search/en.md --\nx\n",
	// Quadratic work.
	"-- content/h.md --\n" + strings.Repeat("## Same heading\n\n## Same heading 1\n\n", 200),
	"-- content/n.md --\n" + strings.Repeat("- ", 2000) + "x\n" + strings.Repeat("> ", 200) + "y\n",
	"-- content/f.md --\n" + strings.Repeat("x[^1]\n\n[^1]: y\n\n", 50),
	"-- content/t.md --\n|" + strings.Repeat(" h |", 3000) + "\n|" + strings.Repeat("-|", 3000) + "\n" + strings.Repeat("| x |\n", 40),
	// Comments and paragraph numbers.
	"-- content/r.md --\n" + strings.Repeat("<!-- x --> ", 2000) + "x\n\n" + strings.Repeat("<!-- x --> > - ", 200) + "y\n",
	"-- content/c.md --\n<!-- note --> This sentence.\n\n¶3 <!-- c --> text\n\n¶1234567 big\n\n<!-- open\n",
	// Errors of every stage together, a script's among them.
	"-- content/a.md --\n[x](missing.md)\n-- static/js/main.ts --\nconst x: number = ;\n",
	// Glossary, names, config, rubric, together.
	`-- handbook.yaml --
title: T
base_url: https://x.example/hb/
nav:
  - title: G
    items: [{ref: guidance/a.md}, {ref: "std:r"}]
-- content/glossary.yaml --
terms:
  - {term: "(.*)+", expansion: a pattern}
  - {term: CAT, expansion: Customer Assessment Tool, see: "std:r"}
-- content/guidance/a.md --
---
title: A
aliases: [/old/]
---
¶1 See [the rubric](std:r/one) and the CAT.
-- content/CON.md --
Console.
-- content/pay` + "\u200b" + `ment.md --
Zero width.
-- rubrics/r.yaml --
id: r
title: R
lang: en
scale:
  descriptors: none
  levels: [{id: "yes", label: "Yes"}]
items:
  - {id: one, title: One}
`,
}

// FuzzBuild builds small sites written as txtar archives (pages, rubrics,
// glossary, config) in memory, into a sink: a build never panics or hangs,
// writes only paths inside the output folder and each once, and ends in a
// site or in errors that each name a file.
func FuzzBuild(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, file := range []string{"testdata/basic.txtar", "testdata/bad/alias-collision.txtar", "testdata/bad/two-pages-one-url.txtar",
		"testdata/mkdocs.txtar", "testdata/hugo.txtar", "testdata/folder.txtar", "testdata/bad/not-strict.txtar"} {
		a := readArchive(f, file)
		f.Add(txtar.Format(a))
	}
	defaults := fuzzDefaults(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a := txtar.Parse(data)
		fsys := fstest.MapFS{}
		size := 0
		for _, file := range a.Files {
			if !fs.ValidPath(file.Name) || file.Name == "want" {
				continue
			}
			fsys[file.Name] = &fstest.MapFile{Data: file.Data}
			size += len(file.Data)
		}
		if len(fsys) == 0 || size > 64<<10 {
			return
		}
		// MapFS makes the folders of its files; a name that is also a
		// folder is not a site anyone can write.
		for name := range fsys {
			for d := name; d != "."; {
				d = pathDir(d)
				if _, clash := fsys[d]; clash {
					return
				}
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		sink := &memSink{files: map[string]int{}}
		res, err := Build(ctx, fsys, Options{Defaults: defaults, Out: sink, NoRebuild: true})
		if ctx.Err() != nil {
			t.Fatalf("the build ran past a minute")
		}
		if len(sink.bad) > 0 {
			t.Fatalf("bad output paths:\n%s", strings.Join(sink.bad, "\n"))
		}
		var le *source.ListError
		switch {
		case err == nil:
			if res == nil {
				t.Fatal("no site and no error")
			}
			for _, w := range res.Warnings {
				if w.Pos.File == "" {
					t.Errorf("a warning without a file: %v", w)
				}
			}
		case errors.As(err, &le):
			for _, e := range le.List.Errors() {
				if e.Pos.File == "" {
					t.Errorf("an error without a file: %v", e)
				}
			}
		default:
			t.Fatalf("an error that is not a list of positioned errors: %v", err)
		}
	})
}

// pathDir is path.Dir for names fs.ValidPath accepts.
func pathDir(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i]
	}
	return "."
}
