//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// Keyboard use (issue 9): a person who cannot use a mouse tabs through the
// search page with results and through self-assessment forms. At every
// focus stop the focused element must be in view, not covered, and show a
// focus indicator that stands out (WCAG 2.4.7, 2.4.11, 1.4.11); the stops
// must come in the order of the document, reach every control and end (no
// trap, 2.4.3, 2.1.2); the first stops are the skip link and the header
// search, and the skip link moves the focus to <main> (2.4.1).

// focusProbe defines window.__hbFocus in the page: step() describes the
// focus stop Tab has just moved to, and judges the focus indicator of the
// stop before it, which has now lost the focus, by comparing its computed
// style focused and not; tabbable() lists what Tab should reach, in order.
//
// An indicator counts when a part of it changes between the two states with
// a contrast of at least 3:1 between the two states' colours there (the
// measure of WCAG 2.4.13, and the 3:1 of 1.4.11): an outline drawn over the
// colour behind the element, a box shadow (against what was there before:
// the same shadow unfocused, or the background), the background itself, or
// the border. The site's :focus styles are a yellow (#fd0) outline or
// background, with a black (#0b0c0c) bar or inset ring beside it.
const focusProbe = `(() => {
  if (window.__hbFocus) return true;
  const white = {r: 255, g: 255, b: 255, a: 1};
  const parse = (c) => {
    const m = /rgba?\(([^)]*)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => !top ? bottom : {
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  };
  const lum = (c) => {
    const f = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const contrast = (x, y) => {
    const a = lum(x), b = lum(y);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  // The colour behind e: its ancestors' backgrounds over the white canvas.
  const behind = (e) => {
    const layers = [];
    for (let a = e.parentElement; a; a = a.parentElement) {
      const c = parse(getComputedStyle(a).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let c = white;
    for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
    return c;
  };
  const snap = (e) => {
    const s = getComputedStyle(e);
    return {
      outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
      boxShadow: s.boxShadow, bg: s.backgroundColor,
      border: ["Top", "Right", "Bottom", "Left"].map((side) => ({
        style: s["border" + side + "Style"], width: parseFloat(s["border" + side + "Width"]) || 0, color: s["border" + side + "Color"],
      })),
    };
  };
  const shadows = (v) => v === "none" ? [] : v.split(/,(?![^(]*\))/).map((x) => {
    const color = (/rgba?\([^)]*\)/.exec(x) || [""])[0];
    return {color: parse(color), geom: x.replace(color, "").trim(), inset: /\binset\b/.test(x)};
  });
  const fmt = (c) => c ? "rgb(" + [c.r, c.g, c.b].map(Math.round).join(",") + ")" : "none";
  const ratio = (x) => Math.round(x * 100) / 100;
  // indicator judges the change from u (not focused) to f (focused) of an
  // element drawn over the colour b.
  const indicator = (f, u, b) => {
    const ownF = over(parse(f.bg), b), ownU = over(parse(u.bg), b);
    const seen = [];
    const oc = parse(f.outlineColor);
    const visibleOutline = (s) => s.outlineStyle !== "none" && s.outlineWidth > 0 && parse(s.outlineColor) && parse(s.outlineColor).a > 0;
    if (visibleOutline(f) && !(visibleOutline(u) && u.outlineColor === f.outlineColor && u.outlineWidth === f.outlineWidth)) {
      const c = contrast(over(oc, b), visibleOutline(u) ? over(parse(u.outlineColor), b) : b);
      if (c >= 3) return {ok: true, how: f.outlineWidth + "px outline " + fmt(oc) + " (" + ratio(c) + ":1)"};
      seen.push("outline " + fmt(oc) + " only " + ratio(c) + ":1 against " + fmt(b));
    }
    if (f.boxShadow !== u.boxShadow) {
      const before = shadows(u.boxShadow);
      for (const s of shadows(f.boxShadow)) {
        if (!s.color || s.color.a === 0) continue;
        const base = s.inset ? ownF : b;
        const was = before.find((x) => x.geom === s.geom);
        const prev = was && was.color ? over(was.color, s.inset ? ownU : b) : (s.inset ? ownU : b);
        const c = contrast(over(s.color, base), prev);
        if (c >= 3) return {ok: true, how: "box-shadow " + s.geom + " " + fmt(s.color) + " (" + ratio(c) + ":1)"};
        seen.push("box-shadow " + fmt(s.color) + " only " + ratio(c) + ":1 against " + fmt(prev));
      }
    }
    if (f.bg !== u.bg) {
      const c = contrast(ownF, ownU);
      if (c >= 3) return {ok: true, how: "background " + fmt(ownU) + " → " + fmt(ownF) + " (" + ratio(c) + ":1)"};
      seen.push("background " + fmt(ownU) + " → " + fmt(ownF) + " only " + ratio(c) + ":1");
    }
    for (let i = 0; i < 4; i++) {
      const bf = f.border[i], bu = u.border[i];
      if (bf.style === "none" || bf.width === 0 || (bf.color === bu.color && bf.width === bu.width && bf.style === bu.style)) continue;
      const c = contrast(over(parse(bf.color), b), bu.style === "none" || bu.width === 0 ? b : over(parse(bu.color), b));
      if (c >= 3) return {ok: true, how: "border " + fmt(parse(bf.color)) + " (" + ratio(c) + ":1)"};
      seen.push("border " + fmt(parse(bf.color)) + " only " + ratio(c) + ":1");
    }
    return {ok: false, how: seen.length ? seen.join("; ") : "no outline, box-shadow, background or border changes"};
  };
  const describe = (e) => {
    let d = e.tagName.toLowerCase();
    if (e.id) d += "#" + e.id;
    if (typeof e.className === "string" && e.className.trim()) d += "." + e.className.trim().split(/\s+/).join(".");
    if (e.type === "radio") d += "[name=" + e.name + "]";
    const text = (e.textContent || e.value || "").replace(/\s+/g, " ").trim().slice(0, 40);
    return text ? d + " “" + text + "”" : d;
  };
  // What shows the focus of e: e, or the label of a control hidden from
  // view but not from the keyboard (a file input styled as its label).
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    if ((r.width <= 1 || r.height <= 1) && e.labels && e.labels.length > 0) return e.labels[0];
    return e;
  };
  const rendered = (e) => {
    for (let a = e; a; a = a.parentElement) if (a.hidden || a.inert) return false;
    const s = getComputedStyle(e);
    return s.visibility === "visible" && e.getClientRects().length > 0;
  };
  const state = {prev: null, prevSnap: null, prevBehind: null, prevShown: null, first: null, visited: new Set()};
  window.__hbFocus = {
    // tabbable lists the elements Tab should stop at, in document order: one
    // radio of each group (the checked one, or the first).
    tabbable() {
      const sel = 'a[href], button, input:not([type="hidden"]), textarea, select, summary, iframe, [tabindex]:not([tabindex="-1"])';
      const out = [];
      const groups = new Set();
      for (const e of document.querySelectorAll(sel)) {
        if (e.disabled || e.tabIndex < 0) continue;
        if (e.tagName === "SUMMARY" && e.parentElement.querySelector(":scope > summary") !== e) continue;
        if (!rendered(e) && !(e.labels && e.labels.length && rendered(e.labels[0]))) continue;
        const closed = e.closest("details:not([open])");
        if (closed && !(e.tagName === "SUMMARY" && e.parentElement === closed)) continue;
        if (e.type === "radio" && e.name) {
          const key = (e.form ? "f" : "d") + ":" + e.name;
          if (groups.has(key)) continue;
          groups.add(key);
          const scope = e.form || document;
          const checked = [...scope.querySelectorAll('input[type="radio"]')].find((r) => r.name === e.name && r.checked);
          out.push(describe(checked || e));
          continue;
        }
        out.push(describe(e));
      }
      return out;
    },
    reset() {
      Object.assign(state, {prev: null, prevSnap: null, prevBehind: null, prevShown: null, first: null, visited: new Set()});
      return true;
    },
    // missed lists the elements matching sel that no stop reached (a radio
    // counts as reached when a radio of its group was).
    missed(sel) {
      const reached = (e) => state.visited.has(e) || (e.type === "radio" &&
        [...state.visited].some((v) => v.type === "radio" && v.name === e.name && v.form === e.form));
      return [...document.querySelectorAll(sel)].filter((e) => !reached(e)).map(describe);
    },
    // step describes the focus stop, and judges the previous stop's
    // indicator now that it has lost the focus.
    step() {
      const out = {};
      const e = document.activeElement;
      if (state.prev) {
        out.prevIndicator = indicator(state.prevSnap, snap(state.prevShown), state.prevBehind);
        out.prevIndicator.of = describe(state.prev);
      }
      if (!e || e === document.body || e === document.documentElement || e === state.first) {
        out.done = true;
        state.prev = null;
        return out;
      }
      if (!state.first) state.first = e;
      state.visited.add(e);
      out.desc = describe(e);
      out.follows = !state.prev || !!(state.prev.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
      const v = shown(e);
      out.shownBy = v === e ? "" : describe(v);
      const s = getComputedStyle(v);
      const r = v.getBoundingClientRect();
      out.size = Math.round(r.width) + "×" + Math.round(r.height);
      out.visible = s.visibility === "visible" && parseFloat(s.opacity) > 0 && r.width > 1 && r.height > 1;
      // In view: wholly, or if taller or wider than the viewport, filling
      // it. A text box is scrolled only as far as its caret, on its first
      // line: its top and 32 px of it (or all of it) must be in view.
      const vw = document.documentElement.clientWidth, vh = innerHeight;
      const inX = r.width <= vw ? r.left >= -0.5 && r.right <= vw + 0.5 : r.left <= 0.5 && r.right >= vw - 0.5;
      const inY = v.tagName === "TEXTAREA" ? r.top >= -0.5 && Math.min(r.bottom, vh) - r.top >= Math.min(r.height, 32) - 0.5
        : r.height <= vh ? r.top >= -0.5 && r.bottom <= vh + 0.5 : r.top <= 0.5 && r.bottom >= vh - 0.5;
      out.inView = inX && inY;
      out.rect = [r.left, r.top, r.right, r.bottom].map(Math.round).join(",") + " in " + vw + "×" + vh;
      // Not covered (by a sticky bar, say): the middle of its first box in
      // view is the element, a part of it or its label.
      const box = [...v.getClientRects()].find((b) => b.width > 0 && b.height > 0 && b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw);
      out.coveredBy = "";
      if (box) {
        const x = (Math.max(box.left, 0) + Math.min(box.right, vw)) / 2, y = (Math.max(box.top, 0) + Math.min(box.bottom, vh)) / 2;
        const hit = document.elementFromPoint(x, y);
        const mine = (h) => h && (h === e || e.contains(h) || v.contains(h) || (e.labels && [...e.labels].some((l) => l.contains(h))));
        if (!mine(hit)) out.coveredBy = hit ? describe(hit) : "nothing at its middle";
      }
      state.prev = e;
      state.prevShown = v;
      state.prevSnap = snap(v);
      state.prevBehind = behind(v);
      return out;
    },
  };
  return true;
})()`

// focusStop is what step() says of a focus stop.
type focusStop struct {
	Done          bool   `json:"done"`
	Desc          string `json:"desc"`
	Follows       bool   `json:"follows"`
	ShownBy       string `json:"shownBy"`
	Size          string `json:"size"`
	Visible       bool   `json:"visible"`
	InView        bool   `json:"inView"`
	Rect          string `json:"rect"`
	CoveredBy     string `json:"coveredBy"`
	PrevIndicator *struct {
		OK  bool   `json:"ok"`
		How string `json:"how"`
		Of  string `json:"of"`
	} `json:"prevIndicator"`
}

// maxStops bounds a walk: more stops than any page has means a trap.
const maxStops = 600

// walkTab presses Tab from the top of the page until the focus leaves the
// page or comes back to its first stop, checking each stop. It returns the
// stops' descriptions in order.
func walkTab(t *testing.T, tb *tab, label string) []string {
	t.Helper()
	eval[bool](tb, focusProbe)
	eval[bool](tb, `window.__hbFocus.reset()`)
	var stops []string
	kinds := map[string]int{} // how the stops show their focus
	for i := 0; ; i++ {
		if i > maxStops {
			t.Fatalf("%s: Tab never left the page after %d stops (a keyboard trap?); the last were %q", label, maxStops, stops[len(stops)-5:])
		}
		pressKeys(tb, kb.Tab)
		s := eval[focusStop](tb, `window.__hbFocus.step()`)
		if p := s.PrevIndicator; p != nil && !p.OK {
			t.Errorf("%s: stop %d, %s, has no visible focus indicator: %s", label, i, p.Of, p.How)
		} else if p != nil {
			for _, k := range []string{"outline", "box-shadow", "background", "border"} {
				if strings.Contains(p.How, k) {
					kinds[k]++
					break
				}
			}
		}
		if s.Done {
			break
		}
		stops = append(stops, s.Desc)
		where := fmt.Sprintf("%s: stop %d, %s", label, i+1, s.Desc)
		if s.ShownBy != "" {
			where += " (shown by " + s.ShownBy + ")"
		}
		if !s.Follows {
			t.Errorf("%s, comes before the stop before it (%s) in the document", where, stops[len(stops)-2])
		}
		if !s.Visible {
			t.Errorf("%s, is not visible (%s)", where, s.Size)
		} else if !s.InView {
			t.Errorf("%s, is not in view: its box is at %s", where, s.Rect)
		}
		if s.CoveredBy != "" {
			t.Errorf("%s, is covered by %s", where, s.CoveredBy)
		}
	}
	t.Logf("%s: %d focus stops; their focus shows by %v", label, len(stops), kinds)
	return stops
}

// checkSkipLink loads u afresh, presses Tab and Enter on the skip link, and
// checks the focus moves to <main> and the next Tab to the first control in
// it.
func checkSkipLink(t *testing.T, tb *tab, u, ready, label string) {
	t.Helper()
	tb.open(u)
	if ready != "" {
		tb.waitFor(ready)
	}
	pressKeys(tb, kb.Tab)
	if !eval[bool](tb, `document.activeElement.matches("a.skip-link")`) {
		t.Fatalf("%s: the first Tab focuses %s, not the skip link", label, eval[string](tb, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	pressKeys(tb, kb.Enter)
	tb.waitFor(`document.activeElement === document.querySelector("main")`)
	if h := eval[string](tb, `location.hash`); h != "#main" {
		t.Errorf("%s: after the skip link the URL ends in %q, want #main", label, h)
	}
	if !eval[bool](tb, `(() => { const r = document.querySelector("main").getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; })()`) {
		t.Errorf("%s: after the skip link the top of <main> is not in view", label)
	}
	pressKeys(tb, kb.Tab)
	if !eval[bool](tb, `document.querySelector("main").contains(document.activeElement)`) {
		t.Errorf("%s: Tab after the skip link focuses %s, outside <main>", label, eval[string](tb, `document.activeElement.outerHTML.slice(0, 80)`))
	}
}

// TestKeyboard tabs through the search page with results and through two
// self-assessment forms, from file://, at 1280 px and at 320 px wide.
func TestKeyboard(t *testing.T) {
	t.Parallel()
	pages := []struct {
		name, path, ready string
		// must are elements (CSS selectors) Tab must stop at.
		must []string
	}{
		{"search", "search/?q=PIGEEP",
			`document.querySelectorAll("[data-search-results] a.result-link").length > 0`,
			[]string{"#search-q", ".search-page-form button", "[data-search-results] a.result-link"}},
		{"assess qaf-1", "standards/qaf-1/assess/",
			`!document.getElementById("assess-form").hidden`,
			[]string{`#assess-form input[type="radio"]`, "#assess-form details.descriptors > summary", `#assess-form button[type="submit"]`}},
		{"assess cat", "standards/cat/assess/",
			`!document.getElementById("assess-form").hidden`,
			[]string{"#hb-consent", `#assess-form input[type="radio"]`, "#hb-notes", `#assess-form button[type="submit"]`}},
	}
	for _, p := range pages {
		for _, v := range []struct {
			name          string
			width, height int64
		}{{"1280 px", 1280, 800}, {"320 px", 320, 640}} {
			t.Run(p.name+"/"+v.name, func(t *testing.T) {
				t.Parallel()
				label := p.name + " at " + v.name
				tb := newTab(t)
				tb.viewport(v.width, v.height, 1)
				u := env.pageURL(overFile, p.path)
				tb.open(u)
				tb.waitFor(p.ready)
				eval[bool](tb, focusProbe)
				want := eval[[]string](tb, `window.__hbFocus.tabbable()`)
				for _, sel := range p.must {
					if n := eval[int](tb, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)); n == 0 {
						t.Errorf("%s: nothing on the page matches %s", label, sel)
					}
				}

				got := walkTab(t, tb, label)

				// The order of the document, reaching every control.
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: Tab stopped at\n\t%s\nwant, in the order of the document,\n\t%s",
						label, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
				}
				for _, sel := range p.must {
					for _, m := range eval[[]string](tb, fmt.Sprintf(`window.__hbFocus.missed(%q)`, sel)) {
						t.Errorf("%s: Tab never reached %s", label, m)
					}
				}

				// The first stops: the skip link, the site's title (a link
				// home), then the header search, which the search page does
				// not have (one search landmark a page, issue 16): its own
				// box is a must above.
				first := []string{"a.skip-link", "a.site-title", "input#site-search-q", "button “Search”"}
				if p.name == "search" {
					first = first[:2]
				}
				for i, w := range first {
					if i >= len(got) || !strings.HasPrefix(got[i], w) {
						t.Errorf("%s: stop %d is %q, want %s (the first stops are %q)", label, i+1, nth(got, i), w, got[:min(len(got), 4)])
					}
				}

				checkSkipLink(t, tb, u, p.ready, label)
			})
		}
	}
}

// nth returns list[i], or "" past its end.
func nth(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}
