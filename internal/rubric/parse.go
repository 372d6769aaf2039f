package rubric

import (
	"bytes"
	"errors"
	"hash/fnv"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/yamlfile"
)

// Parse decodes the YAML text of file into a Rubric. Every problem is added
// to errs. When the file decodes only in part (a misspelt key, a wrong
// type), the rubric holds what did, so that links to it still resolve and
// only the real problem is reported; it is nil when not even its id did.
func Parse(file string, data []byte, errs *source.List) *Rubric {
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Addf(source.Pos{File: file}, "rubric file is empty").Hint = "write the rubric (see rubrics/README.md) or delete the file"
		return nil
	}
	h := fnv.New64a()
	_, _ = h.Write(data)
	r := &Rubric{File: file, Hash: h.Sum64()}
	if !yamlfile.Decode(file, data, 1, r, errs) && r.ID == "" {
		return nil
	}
	// Decode drops empty list entries, so no node is nil here.
	var link func(parent *Node, ns []*Node, depth int)
	link = func(parent *Node, ns []*Node, depth int) {
		for _, n := range ns {
			n.Parent, n.Depth = parent, depth
			link(n, n.Items, depth+1)
		}
	}
	link(nil, r.Items, 0)
	return r
}

// Load reads and validates every rubric in rubrics/ (files ending in .yaml
// or .yml), sorted by id, and checks them against each other and against the
// published ids in rubrics/published.txt when it exists.
func Load(fsys fs.FS) ([]*Rubric, *source.List) {
	var errs source.List
	var out []*Rubric
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs.Add(source.ReadError(Dir, err))
		}
		return nil, &errs
	}
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		if e.IsDir() || strings.HasPrefix(name, ".") || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		file := Dir + "/" + name
		data, ok := source.ReadFile(fsys, file, &errs)
		if !ok {
			continue
		}
		if r := Parse(file, data, &errs); r != nil {
			Validate(r, &errs)
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *Rubric) int { return strings.Compare(a.ID, b.ID) })
	var pub *Published
	if _, err := fs.Stat(fsys, PublishedFile); !errors.Is(err, fs.ErrNotExist) {
		if data, ok := source.ReadFile(fsys, PublishedFile, &errs); ok {
			pub = ParsePublished(PublishedFile, data, &errs)
		}
	}
	ValidateSet(out, pub, &errs)
	return out, &errs
}
