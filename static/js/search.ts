// The search page's script: the query side of internal/search. It puts the
// registry on window.__hbSearch (the index's scripts register their data
// there) and wires the search page. Its modules, under search/:
//
//   - analyze.ts: text to words and terms, as internal/search/analyze.go;
//   - stem.ts: the Porter2 stemmer, as internal/search/stem.go;
//   - load.ts: the manifest and the term and document shards;
//   - inflate.ts: the shards' zlib data to text;
//   - rank.ts: which entries a query finds, best first;
//   - results.ts: their titles and snippets, the matched words marked;
//   - registry.ts: window.__hbSearch;
//   - ui.ts: the page.
//
// internal/search/doc.go describes the index's format.

import { loadScript } from "./search/load";
import { registry } from "./search/registry";
import { setupPage } from "./search/ui";

{
  const root = document.documentElement.dataset.root ?? "";
  const reg = registry(root, loadScript);
  window.__hbSearch = reg;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setupPage(reg));
  } else {
    setupPage(reg);
  }
}
