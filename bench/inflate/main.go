// Command inflate times the search page's inflater, inflate() of
// static/js/search/inflate.ts (base64 to bytes, zlib to bytes, UTF-8 to
// text), under Node over every term and document shard of a built site's
// search index, and prints the bytes and times.
//
//	go run ./bench/gen -n 10000 -o /tmp/c10k
//	go run ./cmd/handbook build -q -s /tmp/c10k/handbook -d /tmp/c10k/public
//	go run ./bench/inflate -site /tmp/c10k/public
//
// Each run is a fresh Node process. "first 22, cold" is the time to
// inflate the first 22 shards (a query inflates up to 22; term shards come
// first, then document shards, in file order) in it, the code not yet
// optimised by the JIT, as on a first query; "all, warm" is the best of
// three passes over every shard after one pass not counted. It prints the
// median, minimum and maximum of -runs runs. The inflater is bundled from
// this checkout's static/ (embedded in the command), as the site's bundler
// does.
package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/handbook-ssg/handbook"
)

func main() {
	site := flag.String("site", "", "a built site's folder (holding search/)")
	runs := flag.Int("runs", 7, "Node processes to run")
	flag.Parse()
	if *site == "" {
		log.Fatal("inflate: -site is required")
	}
	payloads, compressed, err := readShards(filepath.Join(*site, "search"))
	if err != nil {
		log.Fatal(err)
	}
	code, err := bundle(handbook.Defaults())
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "inflate-bench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	data, err := json.Marshal(payloads)
	if err != nil {
		log.Fatal(err)
	}
	for name, b := range map[string][]byte{"payloads.json": data, "inflate.js": code, "run.js": []byte(harness)} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	var first, warm []float64
	var text int
	for range *runs {
		out, err := exec.Command("node", filepath.Join(dir, "run.js"), dir).Output()
		if err != nil {
			log.Fatalf("node: %v", err)
		}
		var r struct {
			First, Warm float64
			Text        int
		}
		if err := json.Unmarshal(out, &r); err != nil {
			log.Fatalf("reading node's answer %q: %v", out, err)
		}
		first = append(first, r.First)
		warm = append(warm, r.Warm)
		text = r.Text
	}
	fmt.Printf("%d shards: %d bytes of base64, %d of zlib, %d characters of text\n", len(payloads), sumLen(payloads), compressed, text)
	fmt.Printf("bundled inflater: %d bytes minified\n", len(code))
	fmt.Printf("first 22, cold  %s\n", stats(first))
	fmt.Printf("all, warm       %s\n", stats(warm))
}

// readShards returns the payload (base64 of zlib) of every term shard
// under dir, then of every document shard, and their size decoded.
func readShards(dir string) ([]string, int, error) {
	var terms, docs []string
	compressed := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		kind := filepath.Base(filepath.Dir(p))
		if kind != "t" && kind != "d" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := strings.TrimSuffix(string(data), ");\n")
		i := strings.LastIndex(s, ",\"")
		if i < 0 {
			return fmt.Errorf("%s: no payload", p)
		}
		v, err := strconv.Unquote(s[i+1:])
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		z, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		compressed += len(z)
		if kind == "t" {
			terms = append(terms, v)
		} else {
			docs = append(docs, v)
		}
		return nil
	})
	out := append(terms, docs...)
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("no shards under %s", dir)
	}
	return out, compressed, err
}

// bundle bundles static/js/search/inflate.ts and what it imports from fsys,
// minified, with its inflate put on globalThis.
func bundle(fsys fs.FS) ([]byte, error) {
	entry := `import { inflate } from "/static/js/search/inflate"; globalThis.hbInflate = inflate;`
	plugin := api.Plugin{Name: "fsys", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			p := a.Path
			if !strings.HasPrefix(p, "/") {
				p = path.Join(a.ResolveDir, p)
			}
			for _, cand := range []string{p, p + ".ts", p + ".js"} {
				if fi, err := fs.Stat(fsys, strings.TrimPrefix(cand, "/")); err == nil && !fi.IsDir() {
					return api.OnResolveResult{Path: cand, Namespace: "fsys"}, nil
				}
			}
			return api.OnResolveResult{}, fmt.Errorf("cannot find %q", a.Path)
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
			return api.OnLoadResult{Contents: &s, Loader: loader, ResolveDir: path.Dir(a.Path)}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		Stdin:             &api.StdinOptions{Contents: entry, ResolveDir: "/", Loader: api.LoaderJS},
		Bundle:            true,
		Format:            api.FormatIIFE,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsNone,
		Plugins:           []api.Plugin{plugin},
	})
	if len(res.Errors) > 0 {
		return nil, fmt.Errorf("bundling: %s", res.Errors[0].Text)
	}
	return res.OutputFiles[0].Contents, nil
}

func sumLen(s []string) int {
	n := 0
	for _, v := range s {
		n += len(v)
	}
	return n
}

// stats formats the median, minimum and maximum of ms.
func stats(ms []float64) string {
	s := slices.Clone(ms)
	slices.Sort(s)
	return fmt.Sprintf("median %8.2f ms  (min %8.2f, max %8.2f)", s[len(s)/2], s[0], s[len(s)-1])
}

// harness runs in Node: argv[2] is the folder holding payloads.json and
// inflate.js. It prints {"First", "Warm", "Text"} in milliseconds and
// characters.
const harness = `"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const dir = process.argv[2];
const payloads = JSON.parse(fs.readFileSync(path.join(dir, "payloads.json"), "utf8"));
vm.runInThisContext(fs.readFileSync(path.join(dir, "inflate.js"), "utf8"));
const inflate = globalThis.hbInflate;
let t0 = performance.now();
for (let i = 0; i < 22 && i < payloads.length; i++) inflate(payloads[i]);
const first = performance.now() - t0;
const pass = () => {
  let n = 0;
  const t = performance.now();
  for (const p of payloads) n += inflate(p).length;
  return [performance.now() - t, n];
};
let [, text] = pass();
let warm = Infinity;
for (let k = 0; k < 3; k++) warm = Math.min(warm, pass()[0]);
process.stdout.write(JSON.stringify({ First: first, Warm: warm, Text: text }));
`
