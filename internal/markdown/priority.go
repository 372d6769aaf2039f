package markdown

// Priorities of the parsers and transformers this package adds. goldmark
// tries lower numbers first; the built-in block parsers sit between 100
// (thematic break) and 1000 (paragraph).
const (
	// limitGuardPriority runs the limits' guard before every other block
	// parser, so that it can stop a block from opening past a limit.
	limitGuardPriority = 1
	// setextAttrParserPriority and atxAttrParserPriority put the parsers
	// that read heading attributes just before goldmark's own heading
	// parsers (setext 100, ATX 600), which they wrap: a line they do not
	// take, goldmark's would not take either.
	setextAttrParserPriority = 99
	atxAttrParserPriority    = 599
	// paraParserPriority puts numbered paragraphs before lists (300) and
	// paragraphs, so `¶47` is never read as paragraph text.
	paraParserPriority = 250

	// admonitionParserPriority reads "!!! note" before a paragraph would
	// take the line; no other block starts with ! or ?.
	admonitionParserPriority = 750

	// commentParserPriority reads a comment that starts a line before the
	// HTML block parser (900) would take the whole line.
	commentParserPriority = 850

	// commentTransformerPriority runs first of all: the blocks after a
	// comment take its place before anything looks at the tree.
	commentTransformerPriority = 5
	// headingIDTransformerPriority gives headings their ids right after
	// comments are unwrapped (so headings are in page order) and before
	// anything reads the ids.
	headingIDTransformerPriority = 6
	// calloutTransformerPriority makes the quotes that are GitHub alerts
	// callouts, once comments are unwrapped and before links are resolved.
	calloutTransformerPriority = 7
	// editorialTransformerPriority pairs the {ed} and {/ed} marks once
	// comments are unwrapped, before anything reads the text.
	editorialTransformerPriority = 8
	// tableTransformerPriority marks table cells' alignment as classes.
	tableTransformerPriority = 50
	// linkTransformerPriority resolves links. (The title is taken out of
	// the body, and acronyms are marked, after parsing and its
	// transformers, in Render.)
	linkTransformerPriority = 100
	// shortcodeTransformerPriority warns of other generators' shortcodes
	// once comments are gone; it changes nothing, so its place is free.
	shortcodeTransformerPriority = 150
)

// editorialParserPriority reads the {ed} and {/ed} marks; no other inline
// parser starts at "{", so its place among them is free.
const editorialParserPriority = 450

// alertParagraphTransformerPriority reads an alert's marker off a quote's
// first paragraph before goldmark's link reference definitions (100) and
// tables (200) read the paragraph, so that an alert may start with either.
const alertParagraphTransformerPriority = 90

// quoteRunPriority puts the guard on long runs of quotes (limits.go)
// just before goldmark's typographer (9999): a lower number is tried first.
const quoteRunPriority = 9998

// overridePriority is below goldmark's HTML renderer (1000) and its
// extensions' renderers (500). goldmark registers node renderers from the
// highest priority number to the lowest, so the lowest registers last and
// wins: the renderers this package gives for built-in node kinds replace
// goldmark's.
const overridePriority = 100
