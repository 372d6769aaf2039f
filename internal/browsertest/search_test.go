//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The search page (issue 7), used as a person uses it: queries are typed
// into the box with real key events, results are read once the page has
// rendered them for the last query typed (the box is debounced), a result is
// followed with the arrow keys and Enter, and the header search box of
// another page submits to it. From file:// and over HTTP under a sub-path;
// every tab also fails on any request that is not a file of the site, so
// reading the index sends nothing anywhere (newTab).

// searchResult is one result as the page shows it.
type searchResult struct {
	Href  string   `json:"href"` // absolute, as the browser resolved the link
	Attr  string   `json:"attr"` // the link's href attribute, as the page wrote it
	Kind  string   `json:"kind"`
	Title string   `json:"title"`
	Marks []string `json:"marks"` // the text of each <mark> in the result
}

// searchState is what the page shows.
type searchState struct {
	Query     string         `json:"query"` // the box's value
	URLQuery  *string        `json:"urlQuery"`
	Count     string         `json:"count"`
	CountSeen bool           `json:"countSeen"` // the count is rendered with a size
	Results   []searchResult `json:"results"`
}

const searchStateJS = `(() => {
  const count = document.querySelector("[data-search-count]");
  const r = count.getBoundingClientRect();
  return {
    query: document.querySelector("[data-search-input]").value,
    urlQuery: new URL(location.href).searchParams.get("q"),
    count: count.textContent.replace(/\s+/g, " ").trim(),
    countSeen: !count.hidden && getComputedStyle(count).visibility !== "hidden" && r.width > 0 && r.height > 0,
    results: [...document.querySelectorAll("[data-search-results] > li")].map((li) => {
      const a = li.querySelector("a.result-link");
      return {
        href: a ? a.href : "", attr: a ? a.getAttribute("href") : "",
        kind: (li.querySelector(".result-kind") || {}).textContent || "",
        title: a ? a.textContent.replace(/\s+/g, " ").trim() : "",
        marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
      };
    }),
  };
})()`

// renderProbe records, each time the page writes its count (which it does
// once per rendered search, after the results), the query in the page's URL
// at that moment. The page puts a query in its URL when it starts to search
// for it and renders only the latest search it started, so when the last
// record is the query typed, the results shown are that query's.
const renderProbe = `(() => {
  window.__hbRendered = [];
  const count = document.querySelector("[data-search-count]");
  if (!window.__hbRenderObserver) {
    window.__hbRenderObserver = new MutationObserver(() =>
      window.__hbRendered.push(new URL(location.href).searchParams.get("q") || ""));
    window.__hbRenderObserver.observe(count, {childList: true, characterData: true, subtree: true});
  }
  return true;
})()`

// pressKeys sends each of keys to the focused element as real key events.
func pressKeys(tb *tab, ks ...string) {
	tb.t.Helper()
	tb.call(func(ctx context.Context) error {
		for _, k := range ks {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
				return err
			}
		}
		return nil
	}, fmt.Sprintf("press %q", ks))
}

// navigateWith runs the key presses, which must make the page navigate, and
// waits for the new page's load event and fonts.
func navigateWith(tb *tab, ks ...string) {
	tb.t.Helper()
	tb.call(func(ctx context.Context) error {
		var steps []chromedp.Action[chromedp.Void]
		for _, k := range ks {
			steps = append(steps, chromedp.KeyEvent(k))
		}
		if _, err := chromedp.RunResponse(ctx, steps...); err != nil {
			return err
		}
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`document.fonts.ready.then(() => document.readyState === "complete")`, chromedp.EvalAwaitPromise))
		return err
	}, fmt.Sprintf("follow %q", ks))
}

// openSearchPage opens the search page (with query, as "lang=cy") from o
// and waits for its script to show the form.
func openSearchPage(t *testing.T, o origin, query string) *tab {
	t.Helper()
	tb := newTab(t)
	tb.viewport(1280, 800, 1)
	p := "search/"
	if query != "" {
		p += "?" + query
	}
	tb.open(env.pageURL(o, p))
	tb.waitFor(`!document.querySelector("[data-search-form]").hidden`)
	return tb
}

// typeQuery types q into the search box with real key events (the box is
// focused first, as a click would) and waits until the page has rendered
// the results of q. It returns what the page shows then.
func typeQuery(tb *tab, q string) searchState {
	tb.t.Helper()
	eval[bool](tb, renderProbe)
	tb.call(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("[data-search-input]"), q))
	}, "type "+q)
	tb.waitFor(fmt.Sprintf(`window.__hbRendered.length > 0 && window.__hbRendered[window.__hbRendered.length - 1] === %q`, strings.TrimSpace(q)))
	s := eval[searchState](tb, searchStateJS)
	if s.Query != q {
		tb.t.Errorf("typed %q, the box holds %q", q, s.Query)
	}
	return s
}

// position returns the index of the first result whose link is the site
// path want (as "standards/qaf-1/#active-listening"; a prefix when want ends
// in "#") opened from o, or -1.
func (s searchState) position(o origin, want string) int {
	p, frag, _ := strings.Cut(want, "#")
	u := env.pageURL(o, p) + "#" + frag
	for i, r := range s.Results {
		if r.Href == u || strings.HasSuffix(want, "#") && strings.HasPrefix(r.Href, u) {
			return i
		}
	}
	return -1
}

func (s searchState) hrefs() []string {
	var out []string
	for _, r := range s.Results {
		out = append(out, r.Href)
	}
	return out
}

var countText = regexp.MustCompile(`^([0-9]+) results?$`)

// checkShown checks what every search with results shows: the query in the
// URL, the count, and links that resolve to files of the site.
func checkShown(t *testing.T, label string, s searchState) {
	t.Helper()
	if s.URLQuery == nil || *s.URLQuery != strings.TrimSpace(s.Query) {
		got := "no q"
		if s.URLQuery != nil {
			got = "q=" + *s.URLQuery
		}
		t.Errorf("%s: the URL has %s, want q=%s", label, got, strings.TrimSpace(s.Query))
	}
	m := countText.FindStringSubmatch(s.Count)
	switch {
	case m == nil:
		t.Errorf("%s: the count says %q", label, s.Count)
	case !s.CountSeen:
		t.Errorf("%s: the count %q is not shown", label, s.Count)
	case len(s.Results) == 0:
		t.Errorf("%s: the count says %q but no result is listed", label, s.Count)
	default:
		var n int
		fmt.Sscan(m[1], &n)
		if n < len(s.Results) {
			t.Errorf("%s: the count says %q but %d results are listed", label, s.Count, len(s.Results))
		}
	}
	for _, r := range s.Results {
		if !env.ownFile(r.Href) {
			t.Errorf("%s: result %q links to %s, not a file of the site", label, r.Title, r.Href)
			continue
		}
		// Each link is relative, so it works under any sub-path and from a
		// file share, and names the file, which file:// needs.
		if strings.HasPrefix(r.Attr, "/") || strings.Contains(r.Attr, "://") {
			t.Errorf("%s: result %q links to %q, which is not relative", label, r.Title, r.Attr)
		}
		pu, _ := url.Parse(r.Href)
		if !strings.HasSuffix(pu.Path, ".html") {
			t.Errorf("%s: result %q links to %s, which names no file", label, r.Title, r.Href)
		}
		if r.Kind == "" {
			t.Errorf("%s: result %q says not what kind of result it is", label, r.Title)
		}
	}
}

// checkMarked checks that the result at i marks each of words (each a
// word, or words separated by "|" of which one must be marked).
func checkMarked(t *testing.T, label string, s searchState, i int, words ...string) {
	t.Helper()
	marked := strings.ToLower(strings.Join(s.Results[i].Marks, " "))
	for _, w := range words {
		found := false
		for _, alt := range strings.Split(w, "|") {
			found = found || strings.Contains(marked, alt)
		}
		if !found {
			t.Errorf("%s: result %d (%q) does not mark %q; its marks are %q", label, i+1, s.Results[i].Title, w, s.Results[i].Marks)
		}
	}
}

// escapeClears presses Escape in the box and checks the search is cleared.
func escapeClears(t *testing.T, tb *tab, label string) {
	t.Helper()
	pressKeys(tb, kb.Escape)
	tb.waitFor(`document.querySelector("[data-search-input]").value === "" && document.querySelectorAll("[data-search-results] > li").length === 0`)
	s := eval[searchState](tb, searchStateJS)
	if s.Count != "" || s.URLQuery != nil || len(s.Results) != 0 {
		t.Errorf("%s: after Escape the count says %q, the URL has q=%v and %d results are listed", label, s.Count, s.URLQuery, len(s.Results))
	}
	if !eval[bool](tb, `document.activeElement === document.querySelector("[data-search-input]")`) {
		t.Errorf("%s: after Escape the focus is not in the search box", label)
	}
}

// shardFiles returns how many files the built index of lang has in its
// folder kind ("t" for terms, "d" for what results show).
func shardFiles(t *testing.T, lang, kind string) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(env.siteDir, "search", lang, kind, "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no shards in search/%s/%s/ of the built site: %v", lang, kind, err)
	}
	return len(files)
}

// indexRequests returns the files of the index of lang the tab requested,
// by folder: "" for the manifest, "t" and "d" for shards.
func indexRequests(tb *tab, lang string) map[string][]string {
	out := map[string][]string{}
	for _, r := range tb.requested() {
		pu, err := url.Parse(r)
		if err != nil {
			continue
		}
		_, rest, ok := strings.Cut(pu.Path, "/search/"+lang+"/")
		if !ok {
			continue
		}
		dir, _ := filepath.Split(rest)
		dir = strings.TrimSuffix(dir, "/")
		if !contains(out[dir], rest) {
			out[dir] = append(out[dir], rest)
		}
	}
	return out
}

// TestSearch types queries into the search page and checks what it finds,
// shows and does with the keyboard; then follows a result to its anchor.
func TestSearch(t *testing.T) {
	t.Parallel()
	for _, o := range []origin{overFile, overHTTP} {
		t.Run(string(o), func(t *testing.T) {
			t.Parallel()
			tb := openSearchPage(t, o, "")
			if n := eval[int](tb, `document.querySelectorAll("[data-js-needed]:not([hidden])").length`); n != 0 {
				t.Errorf("the note for browsers without JavaScript still shows")
			}

			// An acronym: the Work Targeted Interviewing chapter.
			s := typeQuery(tb, "PIGEEP")
			checkShown(t, "PIGEEP", s)
			wti := "guidance/work-targeted-interviewing/#"
			if s.position(o, wti) < 0 {
				t.Errorf("PIGEEP: no result links to the Work Targeted Interviewing chapter: %q", s.hrefs())
			}
			// The glossary's entry is in the top 3, the word marked. (Not
			// every result marks it: ¶40 is found through the stages the
			// acronym stands for.)
			if i := s.position(o, "glossary/#pigeep"); i < 0 || i > 2 {
				t.Errorf("PIGEEP: the glossary's entry is result %d, want it in the top 3: %q", i+1, s.hrefs())
			} else {
				checkMarked(t, "PIGEEP", s, i, "pigeep")
			}
			// The index is read as script files of the site, and a query
			// loads only the shards its words need.
			req := indexRequests(tb, "en")
			if len(req[""]) != 1 || req[""][0] != "index.js" {
				t.Errorf("the index's manifest was not loaded as search/en/index.js: %q", req[""])
			}
			if n, all := len(req["t"]), shardFiles(t, "en", "t"); n == 0 || n >= all {
				t.Errorf("PIGEEP loaded %d of the %d term shards: %q", n, all, req["t"])
			}
			if n, all := len(req["d"]), shardFiles(t, "en", "d"); n == 0 || n >= all {
				t.Errorf("PIGEEP loaded %d of the %d result shards: %q", n, all, req["d"])
			}
			if cy := indexRequests(tb, "cy"); len(cy) != 0 {
				t.Errorf("an English search loaded the Welsh index: %q", cy)
			}
			escapeClears(t, tb, "PIGEEP")

			// Words of a descriptor, and a standard's words: the standard
			// itself, in the top 3, with the words marked.
			for _, c := range []struct {
				q, want string
				marked  []string
			}{
				{"sanction doubt", "standards/qaf-4/#decision-making-appeals", []string{"sanction", "doubt"}},
				// Only "listening" is marked: the snippet shows the start
				// of the standard's text (internal/search keeps 1,200
				// bytes of it), and this descriptor comes later.
				{"Poor or inappropriate listening", "standards/qaf-1/#active-listening", []string{"listening"}},
			} {
				s := typeQuery(tb, c.q)
				checkShown(t, c.q, s)
				i := s.position(o, c.want)
				if i < 0 || i > 2 {
					t.Errorf("%q: %s is result %d, want it in the top 3: %q", c.q, c.want, i+1, s.hrefs())
				} else {
					checkMarked(t, c.q, s, i, c.marked...)
				}
				escapeClears(t, tb, c.q)
			}

			// With results shown, the page passes axe.
			s = typeQuery(tb, "PIGEEP")
			tb.axe("search with results (" + string(o) + ")")

			// The keyboard: ArrowDown from the box to the first result,
			// ArrowUp back, then down to the chapter's paragraph and Enter.
			pressKeys(tb, kb.ArrowDown)
			if !eval[bool](tb, `document.activeElement === document.querySelector("[data-search-results] a.result-link")`) {
				t.Fatalf("ArrowDown in the box did not move the focus to the first result")
			}
			pressKeys(tb, kb.ArrowUp)
			if !eval[bool](tb, `document.activeElement === document.querySelector("[data-search-input]")`) {
				t.Errorf("ArrowUp on the first result did not move the focus back to the box")
			}
			target := s.position(o, wti)
			if target < 0 {
				t.Fatalf("no result to follow to the Work Targeted Interviewing chapter")
			}
			for i := 0; i <= target; i++ {
				pressKeys(tb, kb.ArrowDown)
			}
			href := eval[string](tb, `document.activeElement.href || ""`)
			if href != s.Results[target].Href {
				t.Fatalf("after %d ArrowDown the focus is on %q, want result %d (%s)", target+1, href, target+1, s.Results[target].Href)
			}
			navigateWith(tb, kb.Enter)
			want, _ := url.Parse(href)
			type landing struct {
				Path, Hash   string
				Exists       bool
				InView       bool
				Target       bool
				Top, Height  float64
				ViewportSize float64
			}
			l := eval[landing](tb, `(() => {
  const id = decodeURIComponent(location.hash.slice(1));
  const e = document.getElementById(id);
  const r = e ? e.getBoundingClientRect() : {top: -1, bottom: -1, height: 0};
  return {Path: location.pathname, Hash: location.hash, Exists: !!e,
    InView: !!e && r.height > 0 && r.top >= 0 && r.top < innerHeight,
    Target: !!e && document.querySelector(":target") === e,
    Top: r.top, Height: r.height, ViewportSize: innerHeight};
})()`)
			if !strings.HasSuffix(l.Path, "/guidance/work-targeted-interviewing/index.html") || l.Path != want.Path {
				t.Errorf("Enter on the result landed on %s, want %s", l.Path, want.Path)
			}
			if l.Hash == "" || l.Hash != "#"+want.Fragment {
				t.Errorf("Enter on the result landed at %q, want #%s", l.Hash, want.Fragment)
			}
			switch {
			case !l.Exists:
				t.Errorf("the page has no element with the id of %s", l.Hash)
			case !l.InView:
				t.Errorf("%s is not in view after following the result: top %.0f px, height %.0f px, viewport %.0f px", l.Hash, l.Top, l.Height, l.ViewportSize)
			case !l.Target:
				t.Errorf("%s is not the page's :target", l.Hash)
			}
		})
	}
}

// TestSearchWelsh searches the Welsh index from the search page (?lang=cy)
// and from the header search box of a Welsh page.
func TestSearchWelsh(t *testing.T) {
	t.Parallel()
	const q, want = "trafnidiaeth", "standards/quest-1w/#get-to-work"
	for _, o := range []origin{overFile, overHTTP} {
		t.Run(string(o), func(t *testing.T) {
			t.Parallel()
			tb := openSearchPage(t, o, "lang=cy")
			s := typeQuery(tb, q)
			checkShown(t, q, s)
			if i := s.position(o, want); i < 0 || i > 2 {
				t.Errorf("%q on the Welsh search: %s is result %d, want it in the top 3: %q", q, want, i+1, s.hrefs())
			} else {
				// The word as typed, or as mutated ("ar drafnidiaeth").
				checkMarked(t, q, s, i, "trafnidiaeth|drafnidiaeth")
			}
			if lang := eval[string](tb, `new URL(location.href).searchParams.get("lang") || ""`); lang != "cy" {
				t.Errorf("after typing, the URL lost lang=cy (it has %q), so the search cannot be shared", lang)
			}
			if en := indexRequests(tb, "en"); len(en) != 0 {
				t.Errorf("the Welsh search loaded the English index: %q", en)
			}
			if cy := indexRequests(tb, "cy"); len(cy["t"]) == 0 {
				t.Errorf("the Welsh search loaded no Welsh term shard: %q", cy)
			}
		})
	}
}

// TestHeaderSearch types into the header search box of a page and presses
// Enter: the search page opens with the query in its box and its results
// shown; from a Welsh page, the Welsh index is searched.
func TestHeaderSearch(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, from, q, want, lang string
	}{
		{"guidance", "guidance/overview/", "PIGEEP", "guidance/work-targeted-interviewing/#", ""},
		{"welsh", "standards/quest-1w/", "trafnidiaeth", "standards/quest-1w/#get-to-work", "cy"},
	} {
		for _, o := range []origin{overFile, overHTTP} {
			t.Run(c.name+"/"+string(o), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				tb.viewport(1280, 800, 1)
				tb.open(env.pageURL(o, c.from))
				tb.call(func(ctx context.Context) error {
					return chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#site-search-q"), c.q))
				}, "type into the header search box")
				navigateWith(tb, kb.Enter)
				tb.waitFor(`!document.querySelector("[data-search-form]").hidden &&
  document.querySelectorAll("[data-search-results] > li").length > 0 && document.querySelector("[data-search-count]").textContent !== ""`)
				page := eval[struct {
					Path, Lang string
				}](tb, `({Path: location.pathname, Lang: new URL(location.href).searchParams.get("lang") || ""})`)
				if searchPage, _ := url.Parse(env.pageURL(o, "search/")); page.Path != searchPage.Path {
					t.Errorf("the header search box submitted to %s, want %s", page.Path, searchPage.Path)
				}
				if page.Lang != c.lang {
					t.Errorf("the search page has lang=%q, want %q", page.Lang, c.lang)
				}
				s := eval[searchState](tb, searchStateJS)
				if s.Query != c.q {
					t.Errorf("the search page's box holds %q, want %q", s.Query, c.q)
				}
				checkShown(t, c.q, s)
				if i := s.position(o, c.want); i < 0 {
					t.Errorf("%q from the header: no result links to %s: %q", c.q, c.want, s.hrefs())
				}
			})
		}
	}
}

// stalePath is where the test server mounts the handbook as a cache with
// stale copies of the search index's shards serves it (staleShards).
const stalePath = "/stale/"

// shardFileRe matches a shard file of the search index: its call up to
// its version, the version, its number, its payload and its end.
var shardFileRe = regexp.MustCompile(`^(window\.__hbSearch\.(?:terms|docs)\("[a-z-]+",")([^"]*)(",[0-9]+,)("[^"]*")(\);\n)$`)

// staleShards serves the built site in dir as next does, but for a shard
// of the search index asked for with no query string, a stale copy of it
// (another build's: another version, another payload), as a cache that
// kept an old copy would; asked for with one ("?v=…", past the cache), the
// shard as it is.
func staleShards(dir string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, stalePath+"search/")
		m := regexp.MustCompile(`^([a-z-]+/[td]/)([0-9]+)\.js$`).FindStringSubmatch(rest)
		if !ok || m == nil || r.URL.RawQuery != "" {
			next.ServeHTTP(w, r)
			return
		}
		read := func(n int) []string {
			data, err := os.ReadFile(filepath.Join(dir, "search", filepath.FromSlash(m[1]), strconv.Itoa(n)+".js"))
			if err != nil {
				return nil
			}
			return shardFileRe.FindStringSubmatch(string(data))
		}
		n, _ := strconv.Atoi(m[2])
		cur := read(n)
		if cur == nil {
			next.ServeHTTP(w, r)
			return
		}
		// Another build's shard: the payload of a neighbour, and a
		// version that is not this one's.
		payload := cur[4]
		if other := read(n + 1); other != nil {
			payload = other[4]
		} else if other := read(n - 1); other != nil {
			payload = other[4]
		}
		version := "0000"
		if cur[2] == version {
			version = "1111"
		}
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, cur[1]+version+cur[3]+payload+cur[5])
	})
}

// TestSearchStaleShards searches the handbook served as a cache that holds
// stale copies of the index's shards would serve it: each shard the page
// loads is refused, loaded again past the cache with the version the
// manifest lists for it, and the results are those of the current index.
func TestSearchStaleShards(t *testing.T) {
	t.Parallel()
	fresh := typeQuery(openSearchPage(t, overHTTP, ""), "PIGEEP")
	tb := newTab(t)
	tb.viewport(1280, 800, 1)
	tb.open(env.staleHTTP + "search/index.html")
	tb.waitFor(`!document.querySelector("[data-search-form]").hidden`)
	s := typeQuery(tb, "PIGEEP")
	checkShown(t, "PIGEEP (stale shards)", s)
	if len(s.Results) == 0 || len(s.Results) != len(fresh.Results) || s.Count != fresh.Count {
		t.Fatalf("with stale shards: %d results (%q), without: %d (%q)", len(s.Results), s.Count, len(fresh.Results), fresh.Count)
	}
	for i := range s.Results {
		if s.Results[i].Attr != fresh.Results[i].Attr || s.Results[i].Title != fresh.Results[i].Title {
			t.Errorf("result %d with stale shards: %s %q, without: %s %q", i+1, s.Results[i].Attr, s.Results[i].Title, fresh.Results[i].Attr, fresh.Results[i].Title)
		}
	}
	// Every shard loaded was loaded again, with the version of its file.
	loaded, again := 0, 0
	for _, r := range tb.requested() {
		pu, err := url.Parse(r)
		if err != nil {
			continue
		}
		rest, ok := strings.CutPrefix(pu.Path, stalePath+"search/en/")
		if !ok || rest == "index.js" {
			continue
		}
		if pu.RawQuery == "" {
			loaded++
			continue
		}
		again++
		data, err := os.ReadFile(filepath.Join(env.siteDir, "search", "en", filepath.FromSlash(rest)))
		m := shardFileRe.FindStringSubmatch(string(data))
		if err != nil || m == nil || pu.RawQuery != "v="+m[2] {
			t.Errorf("%s: loaded again past the cache, want ?v= the version of search/en/%s (%v)", r, rest, err)
		}
	}
	if loaded == 0 || again != loaded {
		t.Errorf("%d shards loaded from the cache, %d loaded again past it; want every one again", loaded, again)
	}
}
