// The registry on window.__hbSearch: what the index's scripts call to hand
// over their data, and what the page (and the tests, under Node) call to
// search.

import { termOf, tokenize, type Word } from "./analyze";
import { Index, type Loader, type Manifest } from "./load";
import { search, type SearchOptions, type SearchResult } from "./results";

/** The index registry: see registry. */
export interface Registry {
  manifest(lang: string, m: Manifest): void;
  terms(lang: string, v: string, i: number, s: string): void;
  docs(lang: string, v: string, i: number, s: string): void;
  search(lang: string, query: string, opts?: SearchOptions): Promise<SearchResult>;
  prepare(lang: string): void;
  analyze(lang: string, text: string): Promise<string[]>;
  tokenize(text: string, split: boolean, max: number): Word[];
}

declare global {
  interface Window {
    __hbSearch?: Registry;
  }
}

/** Returns the index registry on window, creating it. */
export function registry(root: string, load: Loader): Registry {
  const indexes = new Map<string, Index>();
  const get = (lang: string): Index => {
    let ix = indexes.get(lang);
    if (!ix) {
      ix = new Index(lang, root + "search/" + lang + "/", root, load);
      indexes.set(lang, ix);
    }
    return ix;
  };
  const reg: Registry = {
    manifest: (lang, m) => get(lang).setManifest(m),
    terms: (lang, v, i, s) => get(lang).pending.set("t/" + i, { v, data: s }),
    docs: (lang, v, i, s) => get(lang).pending.set("d/" + i, { v, data: s }),
    search: (lang, query, opts) => search(get(lang), query, opts),
    prepare: (lang) => {
      get(lang)
        .start()
        .catch(() => {});
    },
    analyze: async (lang, text) => {
      const ix = get(lang);
      const m = await ix.start();
      const stops = ix.stopWords();
      return tokenize(text, m.a.split, m.a.max)
        .map((w) => termOf(m.a, stops, w.word))
        .filter((t) => t !== "");
    },
    tokenize,
  };
  return reg;
}
