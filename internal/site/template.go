package site

import (
	"context"
	"html/template"
	"net/url"
	"runtime"
	"strings"
	"sync"

	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// writePages plans every page, templates the ones whose fingerprint the
// cache does not hold, makes their URLs relative, and adds them to out.
func (m *Model) writePages(ctx context.Context, out *output, c *cache, plan []planned, errs *source.List) {
	footer := template.HTML("")
	if f := m.Config.Footer; f != "" {
		doc, err := m.render(markdown.Input{File: "handbook.yaml", Src: []byte(f), FirstLine: m.Config.KeyPos["footer"].Line}, "", "/")
		if err == nil {
			footer = template.HTML(doc.HTML)
			errs.Merge(&doc.Errs)
		}
	}
	global := m.globalFingerprint(c, string(footer))
	c.next.footer = footer
	c.setFast(m, global)
	// Template in parallel: html/template is safe for concurrent use, and
	// each page is independent. Results keep the plan's order.
	type result struct {
		data   []byte
		fp     uint64
		reused bool
		err    error
	}
	// Each worker adds its pages to out as it makes them, so that with a
	// sink a large site is written while it is templated.
	var mu sync.Mutex // guards errs, c.stats and c.next
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				p := plan[i]
				file := outputPath(p.url)
				if old, ok := c.unaffected(file, p.url); ok {
					// A rebuild that knows this page shows nothing that
					// changed: its bytes as they were, without a view.
					out.add(file, old.data)
					mu.Lock()
					c.stats.Reused++
					c.next.outputs[file] = old
					mu.Unlock()
					continue
				}
				v := p.make()
				v.Footer = footer
				fp := m.fingerprint(global, v)
				b, reused := c.output(file, fp)
				if !reused {
					var err error
					b, err = m.tmpl.Render(v.Kind, v)
					if err != nil {
						mu.Lock()
						errs.Addf(templatePos(p), "%v", err).Hint = "fix the template; the message gives its name, line and column"
						mu.Unlock()
						continue
					}
					b = m.rebase(b, file, v.kind)
				}
				if m.opt.Once && v.Page != nil {
					// Its HTML is in the output now; let it go.
					v.Body, v.Page.Doc.HTML = "", ""
				}
				out.add(file, b)
				mu.Lock()
				if reused {
					c.stats.Reused++
				} else {
					c.stats.Templated++
				}
				if !m.opt.Once {
					c.next.outputs[file] = cachedOutput{fp: fp, data: b}
				}
				mu.Unlock()
			}
		})
	}
	for i := range plan {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	out.add("/sitemap.xml", m.sitemap(plan))
}

// rebase makes the URLs of a page relative to the page. A page served at
// any missing address (the 404 page) is the exception when the site's base
// URL is known: a server shows it at any depth, so its URLs start from the
// site's path on its host instead.
func (m *Model) rebase(b []byte, file string, k *kind) []byte {
	if k.fromHost && m.Config.BaseURL != "" {
		if u, err := url.Parse(m.Config.BaseURL); err == nil {
			return rebase(b, strings.TrimSuffix(u.Path, "/")+"/")
		}
	}
	return Relativize(b, file)
}

func templatePos(p planned) source.Pos {
	if p.pos.File != "" {
		return p.pos
	}
	return source.Pos{File: "templates/" + p.kind.tmpl() + ".html"}
}
