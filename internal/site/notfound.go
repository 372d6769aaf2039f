package site

import (
	"crypto/sha256"
	"encoding/base64"
)

// findRootJS is the one inline script of the site: the 404 page's, on a
// site built without a base URL. A static server (nginx error_page, GitHub
// Pages) shows 404.html at any missing address, where its links, relative
// to the site's root, point at wrong places. Over http(s) the script looks
// for the site's root: first where the page's links say it is (data-root:
// right for 404.html itself, and for handbook serve, which reroots them),
// then each ancestor folder of the address, deepest first, at most eight,
// asking each for a file unique to this build (its script element's
// data-probe, the hashed stylesheet's path from the root). The first that
// answers 200 is the root: the page's relative links (href, src, action)
// are rewritten against it if it is not where they pointed, and data-root
// becomes its path. It asks only the page's own origin
// (connect-src 'self'), does nothing where the links are right or nothing
// answers, and without it the page still reads, with its links as built.
// Its SHA-256 hash is in the page's Content-Security-Policy (script-src).
const findRootJS = `(async () => {
  const s = document.currentScript, d = document.documentElement;
  if (!s || !/^https?:$/.test(location.protocol)) return;
  const probe = s.dataset.probe || "", built = new URL(d.dataset.root || "./", location.href);
  const roots = [built.href];
  for (let p = location.pathname.replace(/[^/]*$/, ""), i = 0; p && i < 8; i++) {
    roots.push(new URL(p, location.href).href);
    p = p === "/" ? "" : p.replace(/[^/]*\/$/, "");
  }
  const answers = async (u) => {
    try {
      let r = await fetch(u, { method: "HEAD", cache: "no-store" });
      if (r.status === 405 || r.status === 501) r = await fetch(u, { cache: "no-store" });
      return r.status === 200;
    } catch {
      return false;
    }
  };
  let root = "";
  for (const r of new Set(roots)) {
    if (await answers(new URL(probe, r).href)) {
      root = r;
      break;
    }
  }
  if (!probe || !root) return;
  if (root !== built.href) {
    if (document.readyState === "loading") await new Promise((ok) => document.addEventListener("DOMContentLoaded", ok));
    for (const a of ["href", "src", "action"]) {
      for (const e of document.querySelectorAll("[" + a + "]")) {
        const v = e.getAttribute(a);
        if (!v || /^([a-z][a-z0-9+.-]*:|[/#])/i.test(v)) continue;
        const u = new URL(v, root);
        e.setAttribute(a, u.pathname + u.search + u.hash);
      }
    }
  }
  d.dataset.root = new URL(root).pathname;
})();`

// findRootHash is findRootJS's hash as a CSP source ("sha256-…").
var findRootHash = func() string {
	sum := sha256.Sum256([]byte(findRootJS))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}()
