// What a query shows: its best entries, each with its title and a snippet of
// its text, the matched words marked.

import { termOf, tokenize } from "./analyze";
import type { Index } from "./load";
import { rank } from "./rank";

/** A text cut into pieces, the matched words marked. */
export type Segments = Array<{ text: string; mark: boolean }>;

export interface Result {
  url: string; // site-absolute, as indexed
  href: string; // relative to this page, working from file://
  kind: string;
  title: Segments;
  context: string;
  snippet: Segments;
  score: number;
}

export interface SearchResult {
  query: string;
  count: number;
  results: Result[];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

/** Turns a site-absolute URL into one relative to the page at root. */
export function relativeHref(root: string, url: string): string {
  const hash = url.indexOf("#");
  let path = hash >= 0 ? url.slice(0, hash) : url;
  const frag = hash >= 0 ? url.slice(hash) : "";
  path = path.replace(/^\/+/, "");
  if (path === "" || path.endsWith("/")) path += "index.html";
  return root + path + frag;
}

/** Marks the words of text that match the query's terms. */
function highlight(ix: Index, text: string, terms: ReadonlySet<string>, window: number): Segments {
  const a = ix.analyzer();
  const stops = ix.stopWords();
  const ws = tokenize(text, a.split, a.max);
  const hit = ws.map((w) => {
    const t = termOf(a, stops, w.word);
    return t !== "" && terms.has(t);
  });
  let from = 0;
  let to = ws.length;
  if (window > 0 && ws.length > window) {
    // The window of words holding the most different matched terms, then
    // the most matches; it starts a few words before its first match.
    let best = -1;
    for (let s = 0; s < ws.length; s++) {
      if (!hit[s]) continue;
      const start = Math.max(0, s - 3);
      const distinct = new Set<string>();
      let hits = 0;
      for (let k = start; k < Math.min(ws.length, start + window); k++) {
        if (hit[k]) {
          distinct.add(termOf(a, stops, ws[k].word));
          hits++;
        }
      }
      const score = distinct.size * 100 + hits;
      if (score > best) {
        best = score;
        from = start;
      }
    }
    to = Math.min(ws.length, from + window);
    if (to - from < window) from = Math.max(0, to - window);
  }
  const segs: Segments = [];
  const push = (s: string, mark: boolean) => {
    if (s === "") return;
    const last = segs[segs.length - 1];
    if (last && last.mark === mark) last.text += s;
    else segs.push({ text: s, mark });
  };
  const startAt = from > 0 ? ws[from].start : 0;
  const endAt = to < ws.length ? ws[to - 1].end : text.length;
  if (startAt > 0) push("… ", false);
  let at = startAt;
  let lastHit = -2;
  for (let k = from; k < to; k++) {
    if (!hit[k]) continue;
    // Consecutive matched words are marked as one phrase.
    const gap = text.slice(at, ws[k].start);
    push(gap, lastHit === k - 1 && /^\s+$/.test(gap));
    push(text.slice(ws[k].start, ws[k].end), true);
    at = ws[k].end;
    lastHit = k;
  }
  push(text.slice(at, endAt), false);
  if (endAt < text.length) push(" …", false);
  return segs;
}

const SNIPPET_WORDS = 30;

/** Runs a query and returns a page of its results. */
export async function search(ix: Index, query: string, opts: SearchOptions = {}): Promise<SearchResult> {
  query = String(query ?? "");
  const limit = opts.limit ?? 10;
  const offset = opts.offset ?? 0;
  const r = await rank(ix, query);
  const terms = new Set<string>();
  for (const w of r.words) for (const mt of w.matches) terms.add(mt.term);
  const page = r.ids.slice(offset, offset + limit);
  const results = await Promise.all(
    page.map(async (id) => {
      const d = await ix.doc(id);
      const res: Result = {
        url: d.url,
        href: relativeHref(ix.root, d.url),
        kind: d.kind,
        title: highlight(ix, d.title, terms, 0),
        context: d.context,
        snippet: highlight(ix, d.text, terms, SNIPPET_WORDS),
        score: r.score[id],
      };
      return res;
    }),
  );
  return { query, count: r.ids.length, results };
}
