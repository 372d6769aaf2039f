// Package markdown renders one page's Markdown to HTML and to the data the
// later stages need.
//
// It is the render stage for guidance. Its input is a page's body (with the
// file and line it starts on, for positions) and a link resolver; its output
// is a [Doc]: the HTML, the headings and numbered paragraphs with their
// anchors, every link with its position, and the plain text of each block for
// the search index. Rendering is pure: the same input gives the same bytes,
// with no clock, environment or global state.
//
// It is goldmark with GFM, footnotes, definition lists and the typographer,
// plus one extension per file:
//
//   - paragraphs.go: numbered paragraphs, written `¶47 Text…`, rendered with
//     id="p47" and a visible number that links to itself;
//   - headings.go: stable heading ids and a self-link on every heading;
//   - headingattrs.go: {#id .class} at the end of a heading's line, the id
//     used as written (kramdown, pandoc, Hugo, MkDocs);
//   - links.go: every link and image resolved through [Input.Resolve] and
//     collected with its position, its query and encoding kept as written;
//   - abbr.go: the first use of each glossary acronym on a page marked up
//     with <abbr>;
//   - highlight.go: fenced code highlighted by chroma with CSS classes, the
//     code element carrying class="language-X";
//   - alerts.go and admonitions.go: GitHub's > [!NOTE] alerts and MkDocs'
//     !!! note admonitions, both rendered by callout.go as GOV.UK's inset
//     text or warning text;
//   - shortcodes.go: Hugo shortcodes and [TOC] markers shown as text, each
//     a warning at its position;
//   - rawhtml.go: raw HTML escaped unless the site opts in; comments dropped;
//   - comments.go: a comment that starts a line removes only itself; the
//     text after it on the line stays;
//   - tables.go: tables wrapped for narrow screens, alignment as classes,
//     and no more than [MaxTableCells] cells on a page (GFM fills every
//     row out to its table's columns, so a few bytes can ask for millions);
//   - limits.go: nesting deeper than [MaxDepth] and more than
//     [MaxFootnotes] footnotes are errors, so that no page makes goldmark's
//     work grow with the square of its size.
//
// Hook state travels in parser.Context, never in package variables; the
// order of the AST transformers is fixed by the constants in priority.go.
package markdown
