package site

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
	"golang.org/x/sync/errgroup"
)

// renderPages renders every page's Markdown that the previous build's
// memo does not hold, in parallel.
func (m *Model) renderPages(ctx context.Context, ru *reuse, errs *source.List) {
	var mu sync.Mutex // guards errs and ru.stats
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for _, p := range m.Pages {
		if ctx.Err() != nil {
			break
		}
		if ru.fromStamp(p.Src) {
			p.readBody = func() *source.Error { return readBody(ru.site, p.Src) }
		}
		if doc, sum := ru.doc(p.Src); doc != nil {
			p.Doc, p.docSum = doc, sum
			if ru.prev.disk {
				p.fill = func() {
					if p.body() != nil {
						return // the template stage reports it (pageBodyErrors)
					}
					if d, err := m.render(pageInput(p), p.Src.Rel, p.URL); err == nil {
						p.Doc.HTML = d.HTML
					}
				}
			}
			mu.Lock() // the pages rendering add to errs too
			errs.Merge(&doc.Errs)
			mu.Unlock()
			continue
		}
		g.Go(func() error {
			if err := p.body(); err != nil {
				mu.Lock()
				defer mu.Unlock()
				errs.Add(err)
				return nil
			}
			doc, err := m.render(pageInput(p), p.Src.Rel, p.URL)
			var sum uint64
			if err == nil {
				sum = docSum(doc)
			}
			mu.Lock()
			defer mu.Unlock()
			ru.stats.Rendered++
			if err != nil {
				errs.Add(source.Wrap(source.Pos{File: p.Src.File}, err))
				return nil
			}
			p.Doc, p.docSum = doc, sum
			errs.Merge(&doc.Errs)
			return nil
		})
	}
	_ = g.Wait() // errors go into errs, with the others
	for _, p := range m.Pages {
		if p.Doc == nil {
			p.Doc = &markdown.Doc{}
			p.docSum = docSum(p.Doc)
		}
		ru.next.docs[p.Src.File] = memoDoc{hash: p.Src.Hash, doc: p.Doc, sum: p.docSum}
		p.same = ru.samePage(p)
		p.Title = p.Src.Meta.Title
		if p.Title == "" {
			p.Title = p.Doc.Title
		}
		if p.Title == "" {
			p.Title = titleFromFile(p.Src.Rel)
		}
	}
	slices.SortStableFunc(m.Pages, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
}

// pageBodyErrors adds to errs the problems of the pages whose Body was
// read, after rendering, to template them (Page.body).
func (m *Model) pageBodyErrors(errs *source.List) {
	for _, p := range m.Pages {
		// Templating is done: bodyErr is set, if at all, by now.
		if p.bodyErr != nil {
			errs.Add(p.bodyErr)
		}
	}
}

// pageInput is what page p's Markdown is rendered from; p.body must have
// been called.
func pageInput(p *Page) markdown.Input {
	return markdown.Input{
		File:         p.Src.File,
		Src:          p.Src.Body,
		FirstLine:    p.Src.BodyLine,
		ExtractTitle: p.Src.Meta.Title == "",
	}
}
