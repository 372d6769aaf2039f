// Package searchtest runs the browser's search (static/js/search.ts) under
// Node over a built index, so that tests can query the index exactly as the
// search page does: the same analyzer, the same shard loading by <script
// src> (here a fake document that evaluates the file), the same ranking and
// the same snippets. It is for tests only.
//
// Node (20 or later) must be installed: a missing node is an error, never a
// reason to skip, since the browser's search must not go untested.
package searchtest

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/handbook-ssg/handbook/internal/search"
)

// Segment is a piece of a title or snippet; Mark says it is a matched word.
type Segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark"`
}

// Hit is one result as the search page shows it.
type Hit struct {
	URL     string    `json:"url"`  // site-absolute, as indexed
	Href    string    `json:"href"` // as the page links it, from /search/
	Kind    string    `json:"kind"`
	Title   []Segment `json:"title"`
	Context string    `json:"context"`
	Snippet []Segment `json:"snippet"`
	Score   float64   `json:"score"`
}

// Response is the answer to one query.
type Response struct {
	Query  string   `json:"query"`
	Count  int      `json:"count"` // every match, not only those in Hits
	Hits   []Hit    `json:"results"`
	Files  []string `json:"files"`  // index files loaded for this query, from /search/
	Bytes  int      `json:"bytes"`  // their size
	Millis float64  `json:"millis"` // time taken, loading included
	Error  string   `json:"error"`
}

// Text returns the segments' text.
func Text(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Engine is the search page's script, bundled, with an index written to a
// temporary folder.
type Engine struct {
	dir  string
	node string
}

// New bundles static/js/search.ts from fsys (a source folder or
// handbook.Defaults()) for Node and writes files, the output of
// search.Build (or a whole site's files, of which those under /search/ are
// kept), under a temporary folder. Call Close when done.
func New(fsys fs.FS, files []search.File) (*Engine, error) {
	bundle, err := Bundle(fsys)
	if err != nil {
		return nil, err
	}
	return NewFromBundle(bundle, files)
}

// NewFromBundle is New with search.ts already bundled by Bundle, for tests
// that start many engines.
func NewFromBundle(bundle []byte, files []search.File) (*Engine, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("searchtest: node is needed to run static/js/search.ts: %w", err)
	}
	dir, err := os.MkdirTemp("", "searchtest-")
	if err != nil {
		return nil, err
	}
	e := &Engine{dir: dir, node: node}
	write := func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "/search/") {
			continue // not the index: a whole site's files may be passed
		}
		if strings.Contains(f.Path, "..") {
			e.Close()
			return nil, fmt.Errorf("searchtest: bad index file path %q", f.Path)
		}
		if err := write("site"+f.Path, f.Data); err != nil {
			e.Close()
			return nil, err
		}
	}
	if err := write("search.js", bundle); err != nil {
		e.Close()
		return nil, err
	}
	if err := write("harness.js", []byte(harness)); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// Stale puts files, index files of another build, in front of the index
// as a stale cache would: a script loaded with no query string is read
// from them when they hold it, one loaded with "?v=…" (past the cache)
// from the index. Response.Files names a script loaded past the cache with
// its query string.
func (e *Engine) Stale(files []search.File) error {
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "/search/") || strings.Contains(f.Path, "..") {
			return fmt.Errorf("searchtest: bad index file path %q", f.Path)
		}
		p := filepath.Join(e.dir, "stale", filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the temporary folder.
func (e *Engine) Close() error {
	return os.RemoveAll(e.dir)
}

// Request is one thing for the engine to do.
type request struct {
	Op    string   `json:"op"` // "search", "analyze", "tokenize", "fresh"
	Lang  string   `json:"lang,omitempty"`
	Query string   `json:"q,omitempty"`
	Limit int      `json:"limit,omitempty"`
	Texts []string `json:"texts,omitempty"`
	Split bool     `json:"split,omitempty"`
}

// Search runs queries in language lang, one after the other in one page (so
// later queries find shards already loaded, as in the browser), and returns
// up to limit hits for each.
func (e *Engine) Search(lang string, limit int, queries ...string) ([]Response, error) {
	var reqs []request
	for _, q := range queries {
		reqs = append(reqs, request{Op: "search", Lang: lang, Query: q, Limit: limit})
	}
	var out []Response
	err := e.run(reqs, &out)
	return out, err
}

// SearchCold runs each query in a fresh page, with nothing loaded yet, so
// that each Response's Files and Bytes are what a first query downloads.
func (e *Engine) SearchCold(lang string, limit int, queries ...string) ([]Response, error) {
	var reqs []request
	for _, q := range queries {
		reqs = append(reqs, request{Op: "fresh"}, request{Op: "search", Lang: lang, Query: q, Limit: limit})
	}
	var raw []json.RawMessage
	if err := e.run(reqs, &raw); err != nil {
		return nil, err
	}
	var out []Response
	for i := 1; i < len(raw); i += 2 {
		var r Response
		if err := json.Unmarshal(raw[i], &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Analyze returns the terms the browser finds in each text, in language lang
// (whose manifest must be among the files).
func (e *Engine) Analyze(lang string, texts []string) ([][]string, error) {
	var out [][]string
	err := e.runOne(request{Op: "analyze", Lang: lang, Texts: texts}, &out)
	return out, err
}

// Word is a word of a text as the browser's tokenizer finds it. Start and
// End are offsets in UTF-16 code units.
type Word struct {
	Word  string `json:"word"`
	Pos   int    `json:"pos"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Tokenize returns the browser tokenizer's words of each text; split says
// whether apostrophes separate words. max is the longest word kept.
func (e *Engine) Tokenize(texts []string, split bool, max int) ([][]Word, error) {
	var lines []string
	if err := e.runOne(request{Op: "tokenize", Texts: texts, Split: split, Limit: max}, &lines); err != nil {
		return nil, err
	}
	out := make([][]Word, len(lines))
	for i, l := range lines {
		if l == "" {
			continue
		}
		for _, w := range strings.Split(l, "\n") {
			f := strings.Split(w, " ")
			if len(f) != 4 {
				return nil, fmt.Errorf("searchtest: reading word %q", w)
			}
			var n [3]int
			for k := range n {
				v, err := strconv.Atoi(f[k+1])
				if err != nil {
					return nil, fmt.Errorf("searchtest: reading word %q: %v", w, err)
				}
				n[k] = v
			}
			out[i] = append(out[i], Word{Word: f[0], Pos: n[0], Start: n[1], End: n[2]})
		}
	}
	return out, nil
}

func (e *Engine) runOne(req request, out any) error {
	var raw []json.RawMessage
	if err := e.run([]request{req}, &raw); err != nil {
		return err
	}
	if len(raw) != 1 {
		return fmt.Errorf("searchtest: %d answers to one request", len(raw))
	}
	return json.Unmarshal(raw[0], out)
}

func (e *Engine) run(reqs []request, out any) error {
	in, err := json.Marshal(reqs)
	if err != nil {
		return err
	}
	reqPath := filepath.Join(e.dir, "requests.json")
	if err := os.WriteFile(reqPath, in, 0o644); err != nil {
		return err
	}
	cmd := exec.Command(e.node, filepath.Join(e.dir, "harness.js"), filepath.Join(e.dir, "site"), filepath.Join(e.dir, "search.js"), reqPath)
	cmd.Dir = e.dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("searchtest: node: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		return fmt.Errorf("searchtest: reading node's answer: %v\n%s", err, stderr.String())
	}
	return nil
}

// Bundle bundles static/js/search.ts (and what it imports) from fsys into
// one script, as the site's bundler does, but not minified.
func Bundle(fsys fs.FS) ([]byte, error) {
	const entry = "static/js/search.ts"
	plugin := api.Plugin{
		Name: "fsys",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				p := a.Path
				if a.Importer != "" {
					p = path.Join(path.Dir(a.Importer), p)
				}
				p = strings.TrimPrefix(path.Clean(p), "/")
				// As internal/assets resolves: the path, then a script of
				// that name (static/js/vendor holds plain JavaScript).
				for _, cand := range []string{p, p + ".ts", p + ".js"} {
					if fi, err := fs.Stat(fsys, cand); err == nil && !fi.IsDir() {
						return api.OnResolveResult{Path: "/" + cand, Namespace: "fsys"}, nil
					}
				}
				return api.OnResolveResult{}, fmt.Errorf("cannot find %q (imported from %s)", a.Path, a.Importer)
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "fsys"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := fs.ReadFile(fsys, strings.TrimPrefix(a.Path, "/"))
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(data)
				loader := api.LoaderTS
				if path.Ext(a.Path) == ".js" {
					loader = api.LoaderJS
				}
				return api.OnLoadResult{Contents: &s, Loader: loader}, nil
			})
		},
	}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{entry},
		Bundle:      true,
		Write:       false,
		Format:      api.FormatIIFE,
		Target:      api.ES2020,
		Platform:    api.PlatformNeutral,
		Charset:     api.CharsetUTF8,
		Outfile:     "search.js",
		Plugins:     []api.Plugin{plugin},
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			loc := ""
			if m.Location != nil {
				loc = fmt.Sprintf("%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column)
			}
			msgs = append(msgs, loc+m.Text)
		}
		return nil, fmt.Errorf("searchtest: bundling %s: %s", entry, strings.Join(msgs, "; "))
	}
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			return f.Contents, nil
		}
	}
	return nil, fmt.Errorf("searchtest: bundling %s: no output", entry)
}

// harness is the Node script that plays the search page: argv[2] is the
// site folder, argv[3] the bundled search.js, argv[4] the requests. The page
// is /search/index.html, so data-root is "../". A <script> element appended
// to the document is read from the site folder and evaluated, then its
// onload runs, as in a browser.
const harness = `"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const [site, bundlePath, reqPath] = process.argv.slice(2);
const pageDir = path.join(site, "search");
const bundle = fs.readFileSync(bundlePath, "utf8");
let loaded = [];
globalThis.window = globalThis;
globalThis.location = { href: "file:///site/search/index.html", search: "" };
globalThis.document = {
  readyState: "complete",
  documentElement: { dataset: { root: "../" }, lang: "en" },
  head: {
    appendChild(el) {
      setTimeout(() => {
        const [name, query] = el.src.split("?");
        const file = path.resolve(pageDir, name);
        // A stale copy (Engine.Stale) stands in for a file loaded with no
        // query string, as a cache's would.
        const stale = path.join(site, "..", "stale", path.relative(site, file));
        let code;
        try {
          code = fs.readFileSync(query === undefined && fs.existsSync(stale) ? stale : file, "utf8");
        } catch (e) {
          if (el.onerror) el.onerror(e);
          return;
        }
        const src = path.relative(pageDir, file).split(path.sep).join("/");
        loaded.push({ src: query === undefined ? src : src + "?" + query, bytes: Buffer.byteLength(code) });
        try {
          vm.runInThisContext(code, { filename: file });
        } catch (e) {
          if (el.onerror) el.onerror(e);
          return;
        }
        if (el.onload) el.onload();
      }, 0);
      return el;
    },
  },
  createElement(tag) {
    return { tagName: tag, remove() {} };
  },
  querySelector() { return null; },
  querySelectorAll() { return []; },
  addEventListener() {},
};
const fresh = () => vm.runInThisContext(bundle, { filename: bundlePath });
fresh();
(async () => {
  const reqs = JSON.parse(fs.readFileSync(reqPath, "utf8"));
  const out = [];
  for (const r of reqs) {
    switch (r.op) {
      case "fresh":
        fresh();
        out.push(null);
        break;
      case "search": {
        loaded = [];
        const t0 = performance.now();
        let res;
        try {
          res = await window.__hbSearch.search(r.lang, r.q || "", { limit: r.limit || 10 });
        } catch (e) {
          res = { query: r.q, count: 0, results: [], error: String(e && e.stack || e) };
        }
        res.millis = performance.now() - t0;
        res.files = loaded.map((l) => l.src);
        res.bytes = loaded.reduce((a, l) => a + l.bytes, 0);
        out.push(res);
        break;
      }
      case "analyze": {
        const all = [];
        for (const t of r.texts) all.push(await window.__hbSearch.analyze(r.lang, t));
        out.push(all);
        break;
      }
      case "tokenize":
        // One line a word, "word pos start end": compact, for whole planes.
        out.push(r.texts.map((t) => window.__hbSearch.tokenize(t, !!r.split, r.limit || 40).map((w) => w.word + " " + w.pos + " " + w.start + " " + w.end).join("\n")));
        break;
      default:
        throw new Error("unknown op " + r.op);
    }
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e && e.stack || e);
  process.exit(1);
});
`
