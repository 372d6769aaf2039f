package site

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/handbook-ssg/handbook"
	"github.com/handbook-ssg/handbook/internal/markdown"
	"github.com/handbook-ssg/handbook/internal/source"
)

// docsFixture is a docs section with every field set, a position in
// another file, and empty and missing lists.
func docsFixture() *docsSection {
	return &docsSection{
		Key: "k", Shape: 1 << 60, Files: []string{"content/a.md", "content/b.md"},
		Hashes: []uint64{1, 1<<64 - 1}, Sums: []uint64{2, 3},
		Docs: []cachedDoc{{
			Title: "A", TitleID: "a",
			Headings: []markdown.Heading{{Level: 2, ID: "h", Text: "Héading", Pos: source.Pos{File: "content/a.md", Line: 3, Col: 1}}},
			Paras:    []markdown.Block{{ID: "p1", Number: 1, Heading: "H", HeadingID: "h", Text: "¶ text", Pos: source.Pos{File: "content/a.md", Line: 5}}},
			Sections: []markdown.Block{{ID: "", Text: "top", Pos: source.Pos{File: "content/other.md", Line: -1, Col: 1 << 40}}},
			Links: []markdown.Link{{Dest: "b.md#x", Text: "B", Pos: source.Pos{File: "content/a.md", Line: 7, Col: 2}, Para: 1,
				Resolved: markdown.Resolved{Href: "../b/#x", Target: "/b/", Fragment: "x"}},
				{Dest: "https://example.org/", Image: true, Resolved: markdown.Resolved{Href: "https://example.org/", External: true}}},
			IDs:        []string{"a", "h", "p1"},
			BareTables: []source.Pos{{File: "content/a.md", Line: 9, Col: 1}},
		}, {}},
	}
}

// A docs section decodes to what was encoded, and only under its key.
func TestDocsCodec(t *testing.T) {
	s := docsFixture()
	data := encodeDocs(s)
	got, ok := decodeDocs(data, "k")
	if !ok || !reflect.DeepEqual(got, s) {
		t.Fatalf("decoded:\n%+v\nwant:\n%+v", got, s)
	}
	if _, ok := decodeDocs(data, "other key"); ok {
		t.Error("decoded under another key")
	}
	for n := range len(data) {
		if _, ok := decodeDocs(data[:n], "k"); ok {
			t.Fatalf("decoded %d of %d bytes", n, len(data))
		}
	}
	if _, ok := decodeDocs(append(data, 0), "k"); ok {
		t.Error("decoded with a byte more")
	}
}

// The docs sections of the basic site decode to the renderings its build
// made.
func TestDocsCodecSite(t *testing.T) {
	store := memStore{}
	opt := Options{Defaults: handbook.Defaults(), Today: cacheToday, Cache: store, CacheKey: "x", NoRebuild: true}
	res, err := Build(context.Background(), basicSite(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.SaveCache(func(string) (Stamp, bool) { return Stamp{}, true }); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for name, data := range store {
		if !strings.HasPrefix(name, cacheDocs+"-") {
			continue
		}
		s, ok := decodeDocs(data, cacheKey(opt))
		if !ok {
			t.Fatalf("%s does not decode", name)
		}
		// The buffer is made once, at its size.
		if n := testing.AllocsPerRun(3, func() { encodeDocs(s) }); n != 1 {
			t.Errorf("%s: encoding it allocates %v times, want once", name, n)
		}
		for i, f := range s.Files {
			for _, p := range res.Model.Pages {
				if p.Src.File != f {
					continue
				}
				d, c := p.Doc, s.Docs[i]
				want := cachedDoc{Title: d.Title, TitleID: d.TitleID, Headings: d.Headings, Paras: d.Paras,
					Sections: d.Sections, Links: d.Links, IDs: d.IDs, BareTables: d.BareTables}
				if !reflect.DeepEqual(c, want) || s.Hashes[i] != p.Src.Hash || s.Sums[i] != p.docSum {
					t.Errorf("%s: decoded\n%+v\nwant\n%+v", f, c, want)
				}
				seen++
			}
		}
	}
	if seen != len(res.Model.Pages) {
		t.Errorf("the docs sections hold %d of %d pages", seen, len(res.Model.Pages))
	}
}

// FuzzDocsDecode: any bytes decode as no section or as one that encodes
// and decodes again to itself, never a panic.
func FuzzDocsDecode(f *testing.F) {
	data := encodeDocs(docsFixture())
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte{})
	f.Add([]byte{1, 'k', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, ok := decodeDocs(data, "k")
		if !ok {
			return
		}
		again, ok := decodeDocs(encodeDocs(s), "k")
		if !ok || !reflect.DeepEqual(again, s) {
			t.Fatalf("decoded %+v, which encodes and decodes to %+v", s, again)
		}
	})
}
