package markdown

// Priorities of the parsers and transformers this package adds. goldmark
// runs higher priorities first; the built-in block parsers sit between 100
// (thematic break) and 1000 (paragraph).
const (
	// limitGuardPriority runs the limits' guard before every other block
	// parser, so that it can stop a block from opening past a limit.
	limitGuardPriority = 1
	// paraParserPriority puts numbered paragraphs before lists (300) and
	// paragraphs, so `¶47` is never read as paragraph text.
	paraParserPriority = 250

	// commentParserPriority reads a comment that starts a line before the
	// HTML block parser (900) would take the whole line.
	commentParserPriority = 850

	// commentTransformerPriority runs first of all: the blocks after a
	// comment take its place before anything looks at the tree.
	commentTransformerPriority = 5
	// tableTransformerPriority marks table cells' alignment as classes.
	tableTransformerPriority = 50
	// linkTransformerPriority resolves links. (The title is taken out of
	// the body, and acronyms are marked, after parsing and its
	// transformers, in Render.)
	linkTransformerPriority = 100
)

// overridePriority is below goldmark's HTML renderer (1000) and its
// extensions' renderers (500). goldmark registers node renderers from the
// highest priority number to the lowest, so the lowest registers last and
// wins: the renderers this package gives for built-in node kinds replace
// goldmark's.
const overridePriority = 100
