package search

// Entry is one searchable thing: a result the search page can show.
type Entry struct {
	URL     string // site-absolute, with fragment: "/guidance/wti/#p47"
	Kind    string // Paragraph, Standard, Page, Section or Glossary
	Title   string // the result's title
	Context string // where it is: the page or rubric title
	Text    string // the text searched and shown in snippets
	Lang    string // "en", "cy"
}

// Kinds of entry.
const (
	Paragraph = "paragraph"
	Standard  = "standard"
	Page      = "page"
	Section   = "section"
	Glossary  = "glossary"
)

// File is one file of the index.
//
// [BuildCache] sets Sum, and with Options.LeaveSame returns a shard that
// the build which made Options.Cache wrote to the same path, byte for
// byte, without Data: the
// caller keeps that build's file, whose SHA-256 is Sum, or, when it cannot,
// calls Make for the bytes. [Build] and [BuildContext] always set Data.
type File struct {
	Path string // site-absolute: "/search/en/…"
	Data []byte
	Sum  [32]byte      // the SHA-256 of the bytes; set by BuildCache only
	Make func() []byte // when Data is nil: makes the bytes again
}

// Bytes returns f's bytes: Data, or those Make makes.
func (f *File) Bytes() []byte {
	if f.Data == nil && f.Make != nil {
		return f.Make()
	}
	return f.Data
}

// Options configure Build. The zero value is the default.
type Options struct {
	// TermShardBytes is the size a term shard grows to before the next one
	// starts (a term's postings are never split, so a common word can make
	// a larger one). Default 8192.
	TermShardBytes int
	// DocShardBytes is the same for the documents' display data. Default
	// 12288: a query shows about ten results and loads the shard of each,
	// so smaller shards download less for one query, but every shard is a
	// file, and on a large site writing and copying tens of thousands of
	// small files costs more than the few kilobytes saved (measured with
	// bench/search-vs-pagefind and bench/run: at 12288 a 10,000-page site's
	// index is a third as many files and no larger than Pagefind's, and a
	// cold query still downloads less than Pagefind's).
	DocShardBytes int
	// MaxTextBytes is how much of an entry's text is kept for its snippet,
	// cut at a word. The whole text is indexed whatever this says.
	// Default 1200.
	MaxTextBytes int
	// Cache, when not nil, is what an earlier build left (see
	// [BuildCache]): entries and shards it holds are taken from it rather
	// than analysed and compressed again. The output is the same bytes
	// with any cache as with none.
	Cache *Cache
	// LeaveSame makes BuildCache return a shard that the build which made
	// Cache wrote to the same path, byte for byte, without Data (see
	// File), for a caller that keeps that build's files. Otherwise every
	// file has its Data.
	LeaveSame bool
}

func (o Options) withDefaults() Options {
	if o.TermShardBytes <= 0 {
		o.TermShardBytes = 8192
	}
	if o.DocShardBytes <= 0 {
		o.DocShardBytes = 12288
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = 1200
	}
	return o
}

// ManifestPath returns the site-absolute path of the manifest of language
// lang's index, the one file the search page loads first.
func ManifestPath(lang string) string {
	return "/search/" + lang + "/index.js"
}
