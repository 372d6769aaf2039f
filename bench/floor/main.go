// Command floor converts every Markdown file under a folder to HTML with
// goldmark alone (GFM, footnotes, definition lists, typographer), on every
// core, and writes the files: the floor a site generator's build time is
// measured against.
//
//	go run ./bench/floor -s DIR/content -d OUT
package main

import (
	"bytes"
	"flag"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	src := flag.String("s", "", "folder of Markdown")
	dest := flag.String("d", "", "output folder")
	flag.Parse()
	if *src == "" || *dest == "" {
		log.Fatal("floor: -s and -d are required")
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	var files []string
	err := filepath.WalkDir(*src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range work {
				data, err := os.ReadFile(p)
				if err != nil {
					log.Fatal(err)
				}
				buf.Reset()
				if err := md.Convert(data, &buf); err != nil {
					log.Fatal(err)
				}
				rel, _ := filepath.Rel(*src, p)
				out := filepath.Join(*dest, strings.TrimSuffix(rel, ".md"), "index.html")
				if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
					log.Fatal(err)
				}
				if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
					log.Fatal(err)
				}
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
}
