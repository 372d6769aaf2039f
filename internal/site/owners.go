package site

import (
	"cmp"
	"path"
	"strings"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/source"
)

// Every output file has one owner: what the build writes there. The plan
// of outputs (pages, aliases, generated files, bundled assets, static and
// content files copied as they are) is made before anything is written,
// and two claimants of one path are an error naming both, so that which
// one wins never depends on the order in which they happen to be written.
//
// Paths are compared in lower case: on the file systems of Windows and
// macOS, Guide.html and guide.html are one file.

// claim is one thing the build means to write.
type claim struct {
	path string     // output path: "guidance/wti/index.html"
	url  string     // for pages and aliases, the URL they are served at
	pos  source.Pos // what asks for it; File is "" for what the build makes
	desc string     // how a message names it: "static/p/index.html", "alias /a/"
	hint string     // what to do when it collides
}

// owners records the claimant of every output path and folder.
//
// What it answers, and the problems it reports, follow from the claims
// and questions put to it, in order, alone. So it keeps a log of them with
// its answers, and a rebuild's owners given the previous build's log
// answers from it for as long as the same claims come in the same order,
// without the maps: for a site of 10,000 pages whose edit moved no page,
// that is every claim. At the first that differs it makes its maps from
// the claims before it, and goes on as a first build's owners would.
type owners struct {
	files map[string]claim // lower-cased output path → its claim
	dirs  map[string]claim // lower-cased output folder → the first claim of a file in it
	urls  map[string]claim // lower-cased URL → the page or alias claiming it
	names nameWarnings     // names warned about (names.go)

	n      int         // the size hint for the maps
	log    []claimStep // what was asked, in order, and answered
	replay []claimStep // the previous build's log, while this one is the same so far
}

// claimStep is one claim, or one question whether a URL is claimed (ask),
// what owners answered, and the problems it reported.
type claimStep struct {
	c        claim
	ask      bool
	ok       bool
	problems []source.Error
}

// newOwners makes the owners of a build that will claim about n paths,
// answering from prev's log (nil for none) while it can.
func newOwners(n int, prev []claimStep) *owners {
	o := &owners{n: n, log: make([]claimStep, 0, max(n, len(prev))), replay: prev}
	if prev == nil {
		o.makeMaps()
	}
	return o
}

func (o *owners) makeMaps() {
	o.files, o.dirs, o.urls = make(map[string]claim, o.n), make(map[string]claim, o.n/4), make(map[string]claim, o.n)
	o.names = make(nameWarnings, o.n/4)
}

// step answers s from the previous build's log, if it holds s there; else
// it stops replaying, making the maps from the log so far.
func (o *owners) step(s claimStep, errs *source.List) (bool, bool) {
	if o.replay != nil {
		i := len(o.log)
		if i < len(o.replay) && o.replay[i].c == s.c && o.replay[i].ask == s.ask {
			r := o.replay[i]
			for _, e := range r.problems {
				e := e // a copy: a later stage may change the one it is given
				errs.Add(&e)
			}
			o.log = append(o.log, r)
			return r.ok, true
		}
		o.replay = nil
		o.makeMaps()
		var discard source.List // reported already
		for _, r := range o.log {
			if r.ask {
				continue
			}
			o.claimNow(r.c, &discard)
		}
	}
	return false, false
}

// hasURL reports whether a page or alias already claims url.
func (o *owners) hasURL(url string) bool {
	s := claimStep{c: claim{url: url}, ask: true}
	if ok, replayed := o.step(s, nil); replayed {
		return ok
	}
	_, s.ok = o.urls[strings.ToLower(url)]
	o.log = append(o.log, s)
	return s.ok
}

// claim records c, or reports why it cannot have its path: another claim
// of the same path, a file where c needs a folder or a folder where c makes
// a file, or the search index's folders. It reports whether c is the path's
// owner now.
func (o *owners) claim(c claim, errs *source.List) bool {
	s := claimStep{c: c}
	if ok, replayed := o.step(s, errs); replayed {
		return ok
	}
	var l source.List
	s.ok = o.claimNow(c, &l)
	for _, e := range l.Errors() {
		s.problems = append(s.problems, *e)
	}
	errs.Merge(&l)
	o.log = append(o.log, s)
	return s.ok
}

func (o *owners) claimNow(c claim, errs *source.List) bool {
	if strings.ContainsAny(c.path, "\\\x00") {
		// A name can hold these on some file systems, not in a site:
		// publish refuses to write it.
		what := "a backslash, which is a folder separator on Windows"
		if strings.ContainsRune(c.path, 0) {
			what = "a NUL character"
		}
		pos := c.pos
		if pos.File == "" {
			pos.File = config.File
		}
		errs.Addf(pos, "the output name %q holds %s", c.path, what).Hint = "rename it"
		return false
	}
	key := strings.ToLower(c.path)
	if c.url != "" {
		if prev, dup := o.urls[strings.ToLower(c.url)]; dup {
			conflict(c, prev, errs, "")
			return false
		}
	}
	if prev, dup := o.files[key]; dup {
		conflict(c, prev, errs, "")
		return false
	}
	if prev, dup := o.dirs[key]; dup {
		conflict(c, prev, errs, "needs "+c.path+" to be a folder")
		return false
	}
	if isIndexFile(key) {
		conflict(c, claim{desc: "the build's search index"}, errs, "keeps every folder under search/")
		return false
	}
	for d := path.Dir(key); d != "." && d != "/"; d = path.Dir(d) {
		if prev, ok := o.files[d]; ok {
			conflict(c, prev, errs, "makes "+prev.path+" a file")
			return false
		}
	}
	o.files[key] = c
	if c.url != "" {
		o.urls[strings.ToLower(c.url)] = c
	}
	for d := path.Dir(key); d != "." && d != "/"; d = path.Dir(d) {
		if _, ok := o.dirs[d]; ok {
			break // and so are the folders above it
		}
		o.dirs[d] = c
	}
	o.names.check(c, errs)
	return true
}

// conflict reports two claims of one path, at the one a person wrote: c,
// unless the build made it and prev has a position. why says how prev
// stands in c's way, when it is not by claiming the same path.
func conflict(c, prev claim, errs *source.List, why string) {
	at := c
	if c.pos.File == "" && prev.pos.File != "" {
		at = prev
	}
	// The position names the file; the message need not name it again.
	this := func(x claim) string {
		if x.desc == at.pos.File && x.pos == at.pos {
			return "this file"
		}
		return x.desc
	}
	var msg, hint string
	switch {
	case why == "" && c.url != "" && prev.url != "" && strings.EqualFold(c.url, prev.url):
		msg = c.url + " is already the URL of a page made by " + madeBy(prev)
		hint = hintPage
	case why == "":
		msg = this(at) + " and " + this(other(at, c, prev)) + " both make the output file " + prev.path
	default:
		msg = this(c) + " makes the output file " + c.path + ", but " + this(prev) + " " + why
	}
	pos := at.pos
	if pos.File == "" {
		// Two things the build makes: a bug, but still reported.
		pos = source.Pos{File: config.File}
	}
	e := errs.Addf(pos, "%s", msg)
	e.Hint = cmp.Or(hint, at.hint, c.hint, prev.hint)
}

// other returns whichever of a and b is not x.
func other(x, a, b claim) claim {
	if x == a {
		return b
	}
	return a
}

// madeBy names the maker of a page, for "already the URL of a page made
// by …".
func madeBy(c claim) string {
	if c.pos.File == "" {
		return "the build"
	}
	return c.pos.String()
}

const (
	hintPage   = "choose another slug, alias or file name"
	hintAlias  = "choose another alias"
	hintCopied = "rename, move or remove one of them"
)
