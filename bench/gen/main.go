// Command gen writes a deterministic guidance-like corpus for benchmarks:
// N Markdown pages in nested folders, with numbered paragraphs, lists,
// tables, links between pages and some code, plus a Hugo site over the same
// Markdown.
//
//	go run ./bench/gen -n 1000 -o /tmp/corpus-1000
//
// writes /tmp/corpus-1000/handbook (content/, handbook.yaml) and
// /tmp/corpus-1000/hugo (config, content/, a minimal layout).
//
//	go run ./bench/gen -import /usr/share/doc/nodejs/api -o /tmp/corpus-node
//
// does the same with a real Markdown corpus instead: the Node.js API
// documentation that Debian's nodejs package ships. Its links point at the
// .html files its own tool makes; they are pointed at the .md files, and the
// handbook site reports links to anchors its tool made as warnings.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var words = strings.Fields(`claimant work coach interview evidence job goal plan
support barrier commitment skills training employer vacancy application search
review agree action progress benefit appointment confidence experience
qualification transport childcare health condition adjustment referral
decision sanction doubt record standard observation feedback manager
development practice role knowledge labour market local opportunity
motivation realistic option explore evaluate define challenge belief
circumstances housing finance debt support network provider programme`)

func main() {
	n := flag.Int("n", 1000, "number of pages")
	out := flag.String("o", "", "output folder")
	from := flag.String("import", "", "a folder of Markdown files to use instead of generating pages")
	flag.Parse()
	if *out == "" {
		log.Fatal("gen: -o is required")
	}
	var err error
	if *from != "" {
		err = importDir(*from, *out)
	} else {
		err = gen(*n, *out)
	}
	if err != nil {
		log.Fatal(err)
	}
}

var htmlLink = regexp.MustCompile(`\]\(([A-Za-z0-9_./-]+)\.html(#[^)]*)?\)`)

// importDir copies the Markdown files of dir into both sites.
func importDir(dir, out string) error {
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no Markdown files in %s", dir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		text := htmlLink.ReplaceAllString(string(data), "]($1.md$2)")
		for _, site := range []string{"handbook", "hugo"} {
			name := filepath.Base(f)
			if site == "hugo" && name == "index.md" {
				// Hugo's home page is _index.md: an index.md would make
				// every other file a resource of a leaf bundle.
				name = "_index.md"
			}
			if err := write(filepath.Join(out, site, "content", name), text); err != nil {
				return err
			}
		}
	}
	if err := write(filepath.Join(out, "handbook", "handbook.yaml"), "title: Imported corpus\nanchors: warn\n"); err != nil {
		return err
	}
	return writeHugo(out)
}

func gen(n int, out string) error {
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, uint64(n)))
	pages := make([]string, n)
	for i := range pages {
		pages[i] = fmt.Sprintf("section-%02d/topic-%03d/page-%05d.md", i%20, (i/20)%50, i)
	}
	for i, p := range pages {
		body := page(r, i, pages)
		for _, site := range []string{"handbook", "hugo"} {
			fm := fmt.Sprintf("---\ntitle: \"Page %d: %s\"\nweight: %d\n", i, sentence(r, 3), i%17)
			if site == "hugo" {
				fm += "date: 2026-01-01\n"
			}
			fm += "---\n\n"
			text := body
			if site == "hugo" {
				// Hugo resolves relative .md links with ref; plain paths
				// work with its default render hooks when uglyURLs is off.
				text = strings.ReplaceAll(body, ".md)", "/)")
			}
			if err := write(filepath.Join(out, site, "content", p), fm+text); err != nil {
				return err
			}
		}
	}
	if err := write(filepath.Join(out, "handbook", "handbook.yaml"), "title: Benchmark corpus\n"); err != nil {
		return err
	}
	return writeHugo(out)
}

// writeHugo writes the Hugo site's config and a layout as minimal as the
// handbook's default one: navigation, title, contents, body, previous and
// next.
func writeHugo(out string) error {
	hugo := map[string]string{
		"hugo.toml":                    "baseURL = 'https://example.org/'\ntitle = 'Benchmark corpus'\ndisableKinds = ['taxonomy', 'term', 'RSS']\n[markup.goldmark.renderer]\nunsafe = false\n",
		"layouts/_default/baseof.html": "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
		"layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
		"layouts/_default/list.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
	}
	for name, text := range hugo {
		if err := write(filepath.Join(out, "hugo", name), text); err != nil {
			return err
		}
	}
	return nil
}

func write(p, s string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(s), 0o644)
}

func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func paragraph(r *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < 3+r.IntN(4); i++ {
		b.WriteString(sentence(r, 8+r.IntN(12)))
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}

// page writes one page: sections of numbered paragraphs, some with lists
// or a table under them, links to other pages and an occasional code block.
func page(r *rand.Rand, i int, pages []string) string {
	var b strings.Builder
	num := 1
	from := filepath.Dir(pages[i])
	for s := 0; s < 3+r.IntN(3); s++ {
		fmt.Fprintf(&b, "## %s\n\n", sentence(r, 4))
		for k := 0; k < 2+r.IntN(4); k++ {
			fmt.Fprintf(&b, "¶%d %s", num, paragraph(r))
			if r.IntN(3) == 0 {
				j := r.IntN(len(pages))
				rel, _ := filepath.Rel(from, pages[j])
				fmt.Fprintf(&b, " See [%s](%s).", sentence(r, 2), filepath.ToSlash(rel))
			}
			b.WriteString("\n\n")
			switch r.IntN(6) {
			case 0:
				for l := 0; l < 3+r.IntN(3); l++ {
					fmt.Fprintf(&b, "    - %s;\n", sentence(r, 6+r.IntN(6)))
				}
				b.WriteString("\n")
			case 1:
				b.WriteString("    | Situation | What to do |\n    | --- | --- |\n")
				for l := 0; l < 3; l++ {
					fmt.Fprintf(&b, "    | %s | %s |\n", sentence(r, 3), sentence(r, 6))
				}
				b.WriteString("\n")
			case 2:
				if r.IntN(4) == 0 {
					b.WriteString("    ```go\n    func main() {\n        fmt.Println(\"hello\")\n    }\n    ```\n\n")
				}
			}
			num++
		}
	}
	return b.String()
}
