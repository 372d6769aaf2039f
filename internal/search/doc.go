// Package search builds the site's search index at build time.
//
// It is the index stage. Its input is one [Entry] per searchable thing (a
// numbered paragraph, a standard, a page or section, a glossary term); its
// output, from [Build], is the index as .js files that register themselves
// on window.__hbSearch when the search page (static/js/search.ts) loads them
// with <script src>, which works from file:// where fetch() does not.
// Build is pure and deterministic: the same entries, in any order, give the
// same bytes.
//
// # Analysis
//
// analyze.go turns text into terms: Latin letters folded to lower-case ASCII
// (é→e, ŵ→w, æ→ae) by a table, other letters lower-cased, apostrophes joined
// in English and split in Welsh, stop words dropped, English stemmed with
// [Stem] (Porter2). Each language (Entry.Lang) is indexed apart; Welsh is not
// stemmed. A glossary acronym ("DMA", whose entry's text starts "Decision
// Making and Appeals") is indexed wherever its expansion stands.
// static/js/search/analyze.ts repeats these rules exactly (the stop words
// and per-language switches travel in the manifest); the tests in
// engine_test.go run search.ts under Node and compare.
//
// # Ranking
//
// Each (term, entry) posting carries an impact: the BM25F score of the term
// in the entry (title, context and text weighted by kind, each normalized
// by its length; see kindWeights), times the kind's boost (halved for a
// heading or glossary term with no text of its own; see emptyBoost),
// quantized to 1…63 on a log scale. The browser adds the impacts of the
// query's words, keeps the entries holding them all (of a query of four
// words or more, three quarters of them, scored in proportion; words that
// ask, such as "how" and "what", are never required), and adds a bonus to
// the best entries for words standing close together in their title and
// text. A query word also matches its other spelling ("one" and "1",
// "third" and "3rd"), terms it begins while typed, terms a typing error
// away and, failing all those, the longest term it begins with
// ("vulnerabil" finds "vulner"). internal/site/relevance_test.go holds the
// handbook's relevance set to these rules.
//
// # Files
//
// Per language, under /search/<lang>/ ([ManifestPath] is the first):
//
//	index.js   window.__hbSearch.manifest(lang, {n, k, q, t, d, tv, dv, a})
//	           n: number of entries; k: kinds; q: [largest impact, ratio
//	           between steps]; t: the first term of each term shard after
//	           the first (shortest distinguishing prefixes,
//	           space-separated); d: the first entry of each document shard
//	           after the first (delta-coded numbers); tv, dv: the version
//	           of each term and document shard, four digits each, one
//	           after another; a: the analyzer (stem, split, stop words,
//	           longest word).
//	t/N.js     window.__hbSearch.terms(lang, v, N, "base64")
//	           zlib-compressed text "term postings term postings …".
//	           Terms sorted (in UTF-16 order, as JavaScript compares),
//	           front-coded: one digit for the UTF-16 units shared with the
//	           previous term, then the rest. Postings: per entry, the
//	           number entryDelta, then one impact digit.
//	           v: the shard's version, from a hash of its bytes (see
//	           shardVersions): the browser refuses a shard whose version is
//	           not the one the manifest lists (a stale copy from a cache),
//	           asks for it again past the cache, and fails if that one is
//	           not either. A shard whose bytes did not change keeps its
//	           version, so it is the same file as the build before's.
//	d/N.js     window.__hbSearch.docs(lang, v, N, "base64")
//	           zlib-compressed JSON: six values per entry (URL prefix
//	           shared with the previous entry in UTF-16 units, rest of the
//	           URL, kind index, title, context, text cut for snippets; title
//	           and context 0 when the same as the previous entry's). v: the
//	           shard's version, as for t/N.js.
//
// Numbers are base-32 digits from a 64-character alphabet (see alphabet in
// encode.go): a digit from the upper half means more follow. Entries are
// numbered in URL order, so a page's paragraphs share document shards;
// entries with the same URL are merged into one.
//
// The index holds no word positions. The proximity bonus is computed in
// the browser from the title and text of the ten best entries (RERANK in
// static/js/search/rank.ts), which it loads anyway to show them: positions for every
// posting would cost more than the rest of the postings, loaded for every
// query of two words, to reorder the few entries that are shown.
//
// A query loads index.js, the term shards of its words (one each, or a few
// for a word being typed) and the document shards of the results it shows;
// package searchtest runs search.ts under Node to measure and test exactly
// that.
//
// # Cache
//
// [BuildCache] returns, with the files, a [Cache] for the next build, which
// [Options].Cache hands back: per entry, keyed by a hash of what analysis
// reads (language, title, context, text, and the glossary's acronyms), the
// postings analysis made of it; per shard, keyed by a hash of its
// uncompressed bytes, the file it was written to (its kind and number),
// its version and the SHA-256 of the file, not its bytes; and per document
// shard the run of documents it holds (hashes of their keys, URLs and
// kinds), so that an unchanged stretch of documents is neither encoded nor
// compressed again. Scoring and the term shards are redone in full (scores
// depend on corpus-wide statistics), and a term shard whose bytes come out
// the same is not compressed again: after a one-paragraph edit of a
// generated site of 1,000 pages, 21 of 754 shards are
// (BenchmarkSearchIndexEdit in internal/site).
//
// Each shard carries its own version, so a shard whose bytes did not
// change is the same file as before. BuildCache returns such a shard,
// made as the same kind and number as before, without its bytes (see
// [File]): the caller keeps the file the build before wrote, and only the
// manifest and the shards that changed are written again. The output is
// the same bytes with any cache as without.
// A build given a cache numbers its terms as the cache did, so an entry it
// reuses keeps the bytes the cache holds for its postings: reading a cache
// and writing the next copy them rather than decode and encode every
// posting (the next cache numbers its terms afresh once a quarter of them
// are no longer found). The cache holds the entries in the order of the
// build that made it, and a build looks for each of its entries first
// where that order puts it, and only then by key. MarshalBinary and
// UnmarshalBinary keep a cache across runs.
package search
