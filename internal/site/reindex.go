package site

import (
	"context"
	"fmt"
	"strings"

	"github.com/handbook-ssg/handbook/internal/search"
)

// ReindexCache is Reindex that reuses res.SearchCache, the cache of an
// earlier index of the site (nil for none), and returns with the index's
// files the cache for the next one: after an edit of one page, only that
// page's entries are analysed again and only the shards that hold them
// compressed again. The files are Reindex's, byte for byte. Rebuild
// carries the cache of the build it starts from over to its result.
func ReindexCache(ctx context.Context, res *Result) (map[string][]byte, *search.Cache, error) {
	cache := res.SearchCache
	if cache == nil {
		cache = &search.Cache{}
	}
	entries := res.Model.searchEntriesContext(ctx)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	files, next, err := search.BuildCache(ctx, entries, search.Options{Cache: cache})
	if err != nil {
		return nil, nil, fmt.Errorf("index: %w", err)
	}
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		out[strings.TrimPrefix(f.Path, "/")] = f.Data
	}
	return out, next, nil
}
