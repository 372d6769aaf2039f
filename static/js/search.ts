// The search page's script: the query side of internal/search.
//
// The index is a set of scripts under <root>search/<lang>/ that register
// themselves on window.__hbSearch when loaded by a <script src> element
// (Chromium refuses fetch() from file://, and this must work from a file
// share): index.js (the manifest), t/N.js (terms and postings), p/N.js (their
// positions, loaded only for queries of two words or more) and d/N.js (what
// the results show). internal/search/doc.go describes the format.
//
// The analyzer (tokenize, the folding table, stop words, stemming) mirrors
// internal/search/analyze.go exactly; internal/search tests that the two
// agree. Change both together.
//
// Ranking: the build stored, for each (term, entry), its BM25F impact with
// field and kind boosts already applied. Here a query adds up the impacts of
// its words (each word scoring through its best-matching term), keeps the
// entries that hold every word that exists in the index (falling back to
// entries that hold most of them), and rewards words that stand close
// together, in the query's order, in the text.

import { stem } from "./stem";

// ---- Analyzer -------------------------------------------------------------

// The folding table (same strings as foldTables in analyze.go).
const FOLD: ReadonlyArray<readonly [number, readonly string[]]> = (
  [
    [0xc0, "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s|b|b|b|b||||c|c||d|d|d|||||f|f|g||hv||i|k|k|l|||n|n|o|o|o|oi|oi|p|p||||||t|t|t|t|u|u||v|y|y|z|z||||||||||||||dz|dz|dz|lj|lj|lj|nj|nj|nj|a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u||a|a|a|a|ae|ae|g|g|g|g|k|k|o|o|o|o|||j|dz|dz|dz|g|g|||n|n|a|a|ae|ae|o|o|a|a|a|a|e|e|e|e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|||h|h|n|d|ou|ou|z|z|a|a|e|e|o|o|o|o|o|o|o|o|y|y|l|n|t|j|||a|c|c|l|t|s|z|||b|||e|e|j|j||q|r|r|y|y"],
    [0x1e00, "a|a|b|b|b|b|b|b|c|c|d|d|d|d|d|d|d|d|d|d|e|e|e|e|e|e|e|e|e|e|f|f|g|g|h|h|h|h|h|h|h|h|h|h|i|i|i|i|k|k|k|k|k|k|l|l|l|l|l|l|l|l|m|m|m|m|m|m|n|n|n|n|n|n|n|n|o|o|o|o|o|o|o|o|p|p|p|p|r|r|r|r|r|r|r|r|s|s|s|s|s|s|s|s|s|s|t|t|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|v|v|v|v|w|w|w|w|w|w|w|w|w|w|x|x|x|x|y|y|z|z|z|z|z|z|h|t|w|y|a|s|s|s|ss||a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|i|i|i|i|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|u|u|u|u|u|u|u|u|u|u|u|u|u|u|y|y|y|y|y|y|y|y|ll|ll|v|v|y|y"],
    [0xfb00, "ff|fi|fl|ffi|ffl|st|st"],
  ] as const
).map(([lo, s]) => [lo, s.split("|")] as const);

const WORD = /[\p{L}\p{Nd}\p{Mn}]/u;

// Classes of code points that are not letters (letters fold to a string).
const SEP = 0;
const MARK = 1; // continues a word, folds to nothing
const APOS = 2;

type Fold = string | number;

/** Returns the folding table's entry for cp, or "". */
function foldLatin(cp: number): string {
  for (let t = 0; t < FOLD.length; t++) {
    const lo = FOLD[t][0];
    const table = FOLD[t][1];
    if (cp >= lo && cp - lo < table.length) return table[cp - lo];
  }
  return "";
}

/** Returns what code point cp folds to, or its class if it is no letter. */
function classify(cp: number): Fold {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) return String.fromCharCode(cp);
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
    return cp === 0x27 ? APOS : SEP;
  }
  if (cp === 0x2019 || cp === 0x2bc) return APOS;
  if (cp >= 0x300 && cp <= 0x36f) return MARK;
  const f = foldLatin(cp);
  if (f !== "") return f;
  const ch = String.fromCodePoint(cp);
  if (!WORD.test(ch)) return SEP;
  // Fold the lower case too: Ƕ and the Ångström sign are not in the
  // tables, but ƕ and å are.
  const lower = ch.toLowerCase();
  const lcp = lower.codePointAt(0)!;
  if (lower.length === (lcp > 0xffff ? 2 : 1)) {
    const g = foldLatin(lcp);
    if (g !== "") return g;
  }
  return lower;
}

// Folds of ASCII, and of the other code points met so far.
const ASCII: Fold[] = [];
for (let c = 0; c < 0x80; c++) ASCII.push(classify(c));
const folds = new Map<number, Fold>();

/** A word of a text: folded, with its position and its offsets (UTF-16). */
export interface Word {
  word: string;
  pos: number;
  start: number;
  end: number;
}

/** How an index's language treats words (from its manifest). */
export interface Analyzer {
  stem: boolean;
  split: boolean;
  stop: string;
  max: number;
}

/**
 * Returns the words of text as analyze.go's scanWords finds them: runs of
 * letters, digits and marks, folded; apostrophes join (or, when split,
 * separate); words longer than max code points are dropped but keep their
 * position.
 */
export function tokenize(text: string, split: boolean, max: number): Word[] {
  const out: Word[] = [];
  let pos = 0;
  let start = -1;
  let end = 0;
  let word = "";
  let runes = 0;
  const len = text.length;
  for (let i = 0; i <= len; ) {
    let f: Fold = SEP;
    let n = 1;
    if (i < len) {
      let cp = text.charCodeAt(i);
      if (cp < 0x80) {
        f = ASCII[cp];
      } else {
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < len) {
          const lo = text.charCodeAt(i + 1);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
            n = 2;
          }
        }
        const c = folds.get(cp);
        if (c !== undefined) {
          f = c;
        } else {
          f = classify(cp);
          folds.set(cp, f);
        }
      }
    }
    if (f === APOS && split) f = SEP;
    if (typeof f === "string") {
      if (start < 0) {
        start = i;
        word = "";
        runes = 0;
      }
      word += f;
      // Table entries are ASCII, one code point a letter; anything else
      // is the lower case of one code point.
      runes += f.charCodeAt(0) < 0x80 ? f.length : 1;
      end = i + n;
    } else if (f === SEP && start >= 0) {
      if (runes <= max) out.push({ word, pos, start, end });
      pos++;
      start = -1;
    }
    i += n;
  }
  return out;
}

// Stems met so far: snippets stem the same words over and over.
const stems = new Map<string, string>();

/** Returns the index term of a folded word, or "" for a stop word. */
function termOf(a: Analyzer, stops: ReadonlySet<string>, w: string): string {
  if (stops.has(w)) return "";
  if (!a.stem) return w;
  let t = stems.get(w);
  if (t === undefined) {
    t = stem(w);
    if (stems.size < 100000) stems.set(w, t);
  }
  return t;
}

// ---- Index loading --------------------------------------------------------

interface Manifest {
  v: string;
  n: number;
  k: string[];
  q: [number, number];
  t: string;
  d: string;
  a: Analyzer;
}

interface Registry {
  manifest(lang: string, m: Manifest): void;
  terms(lang: string, v: string, i: number, s: string): void;
  positions(lang: string, v: string, i: number, s: string): void;
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

// Numbers in the index: see alphabet in internal/search/encode.go.
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvWXYZwxyz-_";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

/** A cursor over a string of numbers. */
class Reader {
  i = 0;
  constructor(readonly s: string) {}
  more(): boolean {
    return this.i < this.s.length;
  }
  num(): number {
    let v = 0;
    for (;;) {
      const d = DIGIT[this.s.charCodeAt(this.i++)];
      if (d < 0 || d === undefined) throw new Error("search index: bad number");
      if (d < 32) return v * 32 + d;
      v = v * 32 + (d - 32);
    }
  }
  digit(): number {
    return DIGIT[this.s.charCodeAt(this.i++)];
  }
}

/** The postings of one term, decoded. */
interface Postings {
  docs: Int32Array;
  impacts: Uint8Array;
  flags: Uint8Array; // min(number of positions, 3)
  shard: number;
  ordinal: number; // the term's place in its shard
  positions?: number[][]; // by posting, once a query has needed them
}

/** A term shard: its terms in order and their undecoded postings. */
interface TermShard {
  terms: string[];
  raw: string[];
  byTerm: Map<string, number>;
  decoded: Map<number, Postings>;
}

function parseTermShard(s: string): TermShard {
  const parts = s === "" ? [] : s.split(" ");
  const terms: string[] = [];
  const raw: string[] = [];
  const byTerm = new Map<string, number>();
  let prev = "";
  for (let k = 0; k + 1 < parts.length; k += 2) {
    const coded = parts[k];
    const term = prev.slice(0, DIGIT[coded.charCodeAt(0)]) + coded.slice(1);
    byTerm.set(term, terms.length);
    terms.push(term);
    raw.push(parts[k + 1]);
    prev = term;
  }
  return { terms, raw, byTerm, decoded: new Map() };
}

function postingsOf(shard: TermShard, shardIndex: number, ordinal: number): Postings {
  let p = shard.decoded.get(ordinal);
  if (p) return p;
  const r = new Reader(shard.raw[ordinal]);
  const docs: number[] = [];
  const impacts: number[] = [];
  const flags: number[] = [];
  let doc = 0;
  while (r.more()) {
    const v = r.num();
    doc += Math.floor(v / 4);
    docs.push(doc);
    flags.push(v & 3);
    impacts.push(r.digit());
  }
  p = {
    docs: Int32Array.from(docs),
    impacts: Uint8Array.from(impacts),
    flags: Uint8Array.from(flags),
    shard: shardIndex,
    ordinal,
  };
  shard.decoded.set(ordinal, p);
  return p;
}

/** Returns the positions of every posting of p, from its position shard. */
function positionsOf(field: string, p: Postings): number[][] {
  const r = new Reader(field);
  const out: number[][] = [];
  for (let i = 0; i < p.docs.length; i++) {
    let n = p.flags[i];
    if (n === 3) n += r.num();
    const ps: number[] = [];
    let pos = 0;
    for (let j = 0; j < n; j++) {
      pos += r.num();
      ps.push(pos);
    }
    out.push(ps);
  }
  return out;
}

/** What a result shows. */
interface DocData {
  url: string;
  kind: string;
  title: string;
  context: string;
  text: string;
}

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

type Loader = (src: string) => Promise<void>;

/** Loads a script by appending a <script src> element to the document. */
function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.async = true;
    s.onload = () => {
      s.remove();
      resolve();
    };
    s.onerror = () => {
      s.remove();
      reject(new Error("could not load " + src));
    };
    document.head.appendChild(s);
  });
}

/** One language's index as far as it has been loaded. */
class Index {
  private manifest?: Manifest;
  private ready?: Promise<Manifest>;
  private bounds: string[] = [];
  private docStarts: number[] = [];
  private stops = new Set<string>();
  private impact = new Float64Array(64);
  private termShards = new Map<number, Promise<TermShard>>();
  private posShards = new Map<number, Promise<string[]>>();
  private docShards = new Map<number, Promise<DocData[]>>();
  // Payloads registered by scripts, waiting for their onload.
  readonly pending = new Map<string, { v: string; data: string }>();

  constructor(
    readonly lang: string,
    readonly base: string,
    readonly root: string,
    private readonly load: Loader,
  ) {}

  setManifest(m: Manifest): void {
    this.manifest = m;
  }

  start(): Promise<Manifest> {
    if (!this.ready) {
      this.ready = this.load(this.base + "index.js").then(() => {
        const m = this.manifest;
        if (!m) throw new Error("search index: no manifest for " + this.lang);
        this.bounds = [""].concat(m.t === "" ? [] : m.t.split(" "));
        const r = new Reader(m.d);
        this.docStarts = [0];
        while (r.more()) this.docStarts.push(this.docStarts[this.docStarts.length - 1] + r.num());
        this.stops = new Set(m.a.stop.split(" "));
        for (let q = 1; q < 64; q++) this.impact[q] = m.q[0] * Math.pow(m.q[1], q - 63);
        return m;
      });
      this.ready.catch(() => {
        this.ready = undefined;
      });
    }
    return this.ready;
  }

  /** Loads file kind/i.js and returns what it registered. */
  private async fetchShard(kind: string, i: number): Promise<string> {
    const key = kind + "/" + i;
    const src = this.base + key + ".js";
    const v = this.manifest!.v;
    await this.load(src);
    let got = this.pending.get(key);
    if (got && got.v !== v) {
      // A stale copy from a cache: ask again, past the cache.
      this.pending.delete(key);
      await this.load(src + "?v=" + v);
      got = this.pending.get(key);
    }
    this.pending.delete(key);
    if (!got || got.v !== v) throw new Error("search index: " + src + " does not match its manifest");
    return got.data;
  }

  /** Returns the shard a term belongs in: the last whose boundary is <= term. */
  shardOf(term: string): number {
    let lo = 0;
    let hi = this.bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bounds[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Returns the shards that may hold terms starting with prefix, up to max. */
  shardsWithPrefix(prefix: string, max: number): number[] {
    const out = [this.shardOf(prefix)];
    for (let i = out[0] + 1; i < this.bounds.length && out.length < max; i++) {
      if (!this.bounds[i].startsWith(prefix)) break;
      out.push(i);
    }
    return out;
  }

  termShard(i: number): Promise<TermShard> {
    let p = this.termShards.get(i);
    if (!p) {
      p = this.fetchShard("t", i).then(parseTermShard);
      this.termShards.set(i, p);
      p.catch(() => this.termShards.delete(i));
    }
    return p;
  }

  posShard(i: number): Promise<string[]> {
    let p = this.posShards.get(i);
    if (!p) {
      p = this.fetchShard("p", i).then((s) => s.split(" "));
      this.posShards.set(i, p);
      p.catch(() => this.posShards.delete(i));
    }
    return p;
  }

  docShard(i: number): Promise<DocData[]> {
    let p = this.docShards.get(i);
    if (!p) {
      p = this.fetchShard("d", i)
        .then(inflate)
        .then((json) => this.parseDocs(JSON.parse(json)));
      this.docShards.set(i, p);
      p.catch(() => this.docShards.delete(i));
    }
    return p;
  }

  private parseDocs(a: Array<string | number>): DocData[] {
    const kinds = this.manifest!.k;
    const out: DocData[] = [];
    let prev: DocData | undefined;
    for (let i = 0; i + 5 < a.length; i += 6) {
      const url = (prev ? prev.url.slice(0, a[i] as number) : "") + (a[i + 1] as string);
      const title = a[i + 3] === 0 && prev ? prev.title : String(a[i + 3]);
      const context = a[i + 4] === 0 && prev ? prev.context : String(a[i + 4]);
      const d: DocData = { url, kind: kinds[a[i + 2] as number], title, context, text: a[i + 5] as string };
      out.push(d);
      prev = d;
    }
    return out;
  }

  async doc(id: number): Promise<DocData> {
    // The last shard starting at or before id.
    let lo = 0;
    let hi = this.docStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.docStarts[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    const s = lo;
    const docs = await this.docShard(s);
    return docs[id - this.docStarts[s]];
  }

  analyzer(): Analyzer {
    return this.manifest!.a;
  }

  stopWords(): ReadonlySet<string> {
    return this.stops;
  }

  impactOf(q: number): number {
    return this.impact[q];
  }

  docCount(): number {
    return this.manifest!.n;
  }
}

/** Inflates base64-encoded zlib data (a document shard) to text. */
async function inflate(b64: string): Promise<string> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Response(stream).text();
}

// ---- Query ----------------------------------------------------------------

/** A query word and the terms it matches, each with a weight. */
interface QueryWord {
  word: string; // folded
  term: string; // analyzed
  pos: number; // position in the query, stop words counted
  prefix: boolean;
  optional: boolean; // a stop word being typed: scores if found, not required
  matches: Array<{ p: Postings; weight: number; term: string }>;
}

// Weights of the ways a term can match a word: the word's own term, a term
// the word (typed so far) is a prefix of; failing those, a term one or two
// edits away (typing errors); failing that too, the longest term that is a
// prefix of the word being typed.
const EXACT = 1;
const PREFIX = 0.7;
const FUZZY = 0.5;
const TRUNCATED = 0.4;

// The proximity bonus: for two consecutive query words found d positions
// from where the query puts them (d = 0: as in the query, order and gaps
// included), the smaller of their two scores times PROXIMITY/(d+1), within
// PROXIMITY_WINDOW. Positions are those of the title and the text (the text
// counted from well after the title, so the two never meet). Exact positions
// cost about one byte per occurrence, kept in the position shards that only
// multi-word queries load; bigrams would have multiplied the terms (every
// adjacent pair one more), and so the shards, and seen only adjacency.
const PROXIMITY = 1.5;
const PROXIMITY_WINDOW = 6;
const RERANK = 100; // how many of the best entries get the proximity bonus
const MAX_WORDS = 10;

/** Returns the optimal-string-alignment distance of a and b, or max+1 if above max. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let best = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** Finds the terms each word matches, loading the term shards needed. */
async function matchWords(ix: Index, words: QueryWord[]): Promise<void> {
  const wanted = new Set<number>();
  for (const w of words) {
    wanted.add(ix.shardOf(w.term));
    if (w.prefix && w.word.length >= 2) {
      for (const s of ix.shardsWithPrefix(w.word, 2)) wanted.add(s);
      for (let k = Math.max(3, w.word.length - 3); k < w.word.length; k++) wanted.add(ix.shardOf(w.word.slice(0, k)));
    }
  }
  if (words.length > 1) {
    // Proximity will want these shards' positions: ask for them now, beside
    // the terms, rather than after.
    for (const i of wanted) ix.posShard(i).catch(() => {});
  }
  const shards = new Map<number, TermShard>();
  await Promise.all(
    [...wanted].map(async (i) => {
      shards.set(i, await ix.termShard(i));
    }),
  );
  const find = (term: string): Postings | undefined => {
    const i = ix.shardOf(term);
    const s = shards.get(i);
    const o = s?.byTerm.get(term);
    return s && o !== undefined ? postingsOf(s, i, o) : undefined;
  };
  for (const w of words) {
    const seen = new Set<string>();
    const add = (term: string, weight: number) => {
      if (seen.has(term)) return;
      const p = find(term);
      if (p) {
        seen.add(term);
        w.matches.push({ p, weight, term });
      }
    };
    add(w.term, EXACT);
    if (w.prefix && w.word.length >= 2) {
      for (const i of ix.shardsWithPrefix(w.word, 2)) {
        const s = shards.get(i);
        if (!s) continue;
        for (const t of s.terms) if (t.startsWith(w.word)) add(t, PREFIX);
      }
    }
    if (w.matches.length > 0) continue;
    // Nothing matches the word as typed: try terms an edit or two away
    // (typing errors, within the loaded shard), else terms a few letters
    // shorter (typing "evaluat", the stem is "evalu").
    if (w.term.length >= 4) {
      const max = w.term.length >= 8 ? 2 : 1;
      const s = shards.get(ix.shardOf(w.term));
      if (s) {
        for (const t of s.terms) {
          if (Math.min(editDistance(w.term, t, max), editDistance(w.word, t, max)) <= max) add(t, FUZZY);
        }
      }
    }
    if (w.matches.length === 0 && w.prefix) {
      for (let k = w.word.length - 1; k >= Math.max(3, w.word.length - 3) && w.matches.length === 0; k--) {
        add(w.word.slice(0, k), TRUNCATED);
      }
    }
  }
}

/** Returns the smallest distance of positions b from positions a + gap. */
function closest(a: number[], b: number[], gap: number): number {
  let best = Infinity;
  let j = 0;
  for (const p of a) {
    const want = p + gap;
    while (j < b.length && b[j] < want) j++;
    if (j < b.length) best = Math.min(best, b[j] - want);
    if (j > 0) best = Math.min(best, want - b[j - 1] + 1); // out of order costs one more
  }
  return best;
}

/** Looks up doc in sorted docs; -1 if absent. */
function indexOfDoc(docs: Int32Array, doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] < doc) lo = mid + 1;
    else if (docs[mid] > doc) hi = mid - 1;
    else return mid;
  }
  return -1;
}

interface Ranked {
  ids: number[];
  score: Float64Array; // by doc
  words: QueryWord[];
}

/** Runs a query: every entry that matches, best first. */
async function rank(ix: Index, query: string): Promise<Ranked> {
  const m = await ix.start();
  const a = m.a;
  const stops = ix.stopWords();
  const trailing = /[\p{L}\p{Nd}\p{Mn}'’ʼ]$/u.test(query);
  const tokens = tokenize(query, a.split, a.max);
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  tokens.forEach((t, i) => {
    const term = termOf(a, stops, t.word);
    const prefix = trailing && i === tokens.length - 1;
    if ((term === "" && !prefix) || words.length >= MAX_WORDS) return;
    const key = term || t.word;
    if (seen.has(key)) return;
    seen.add(key);
    words.push({ word: t.word, term: key, pos: t.pos, prefix, optional: term === "", matches: [] });
  });
  if (words.length === 0) return { ids: [], score: new Float64Array(0), words };
  await matchWords(ix, words);

  // Score: each word contributes through its best-matching term.
  const used = words.filter((w) => w.matches.length > 0);
  const required = used.filter((w) => !w.optional).length;
  const n = m.n;
  const score = new Float64Array(n);
  const count = new Uint8Array(n); // required words held
  const per: Float64Array[] = [];
  for (const w of used) {
    const s = new Float64Array(n);
    const touched: number[] = [];
    for (const { p, weight } of w.matches) {
      const docs = p.docs;
      const impacts = p.impacts;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        const v = weight * ix.impactOf(impacts[i]);
        if (s[d] === 0) touched.push(d);
        if (v > s[d]) s[d] = v;
      }
    }
    for (const d of touched) {
      score[d] += s[d];
      if (!w.optional) count[d]++;
    }
    per.push(s);
  }
  // The entries holding every required word (or, if the query is only a
  // stop word being typed, those holding what it may become). If the word
  // being typed is what leaves none, it is still being typed: drop it.
  let ids: number[] = [];
  for (let d = 0; d < n; d++) if (required > 0 ? count[d] === required : score[d] > 0) ids.push(d);
  const last = used[used.length - 1];
  if (ids.length === 0 && last && last.prefix && !last.optional && required > 1) {
    const s = per[per.length - 1];
    for (let d = 0; d < n; d++) if (count[d] - (s[d] > 0 ? 1 : 0) === required - 1) ids.push(d);
  }
  for (let k = required - 1; ids.length === 0 && k > 0; k--) {
    // No entry holds every word: take those holding the most of them.
    for (let d = 0; d < n; d++) {
      if (count[d] >= k) {
        ids.push(d);
        score[d] = (score[d] * count[d]) / required;
      }
    }
  }
  const order = (x: number, y: number) => score[y] - score[x] || x - y;
  ids.sort(order);

  // Proximity, for the best entries.
  if (used.length > 1 && ids.length > 0) {
    const top = ids.slice(0, RERANK);
    const need = new Set<number>();
    for (const w of used) for (const { p } of w.matches) if (!p.positions) need.add(p.shard);
    const fields = new Map<number, string[]>();
    await Promise.all(
      [...need].map(async (i) => {
        fields.set(i, await ix.posShard(i));
      }),
    );
    for (const w of used) {
      for (const { p } of w.matches) {
        if (!p.positions) p.positions = positionsOf(fields.get(p.shard)![p.ordinal] ?? "", p);
      }
    }
    const wordPositions = (w: QueryWord, d: number): number[] => {
      if (w.matches.length === 1) {
        const p = w.matches[0].p;
        const k = indexOfDoc(p.docs, d);
        return k < 0 ? [] : p.positions![k];
      }
      const out: number[] = [];
      for (const { p } of w.matches) {
        const k = indexOfDoc(p.docs, d);
        if (k >= 0) for (const x of p.positions![k]) out.push(x);
      }
      return out.sort((x, y) => x - y);
    };
    for (const d of top) {
      let bonus = 0;
      for (let i = 0; i + 1 < used.length; i++) {
        const a1 = used[i];
        const b1 = used[i + 1];
        if (per[i][d] === 0 || per[i + 1][d] === 0) continue;
        const dist = closest(wordPositions(a1, d), wordPositions(b1, d), b1.pos - a1.pos);
        if (dist < PROXIMITY_WINDOW) bonus += (PROXIMITY * Math.min(per[i][d], per[i + 1][d])) / (dist + 1);
      }
      score[d] += bonus;
    }
    top.sort(order);
    ids = top.concat(ids.slice(RERANK));
  }
  return { ids, score, words };
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

async function search(ix: Index, query: string, opts: SearchOptions = {}): Promise<SearchResult> {
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

// ---- Registry -------------------------------------------------------------

/** Returns the index registry on window, creating it. */
function registry(root: string, load: Loader): Registry {
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
    positions: (lang, v, i, s) => get(lang).pending.set("p/" + i, { v, data: s }),
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

// ---- The page -------------------------------------------------------------

const LANG = /^[a-z]{2,3}(-[a-z0-9]+)*$/;

/** Fills in {n} and {q} in an interface string. */
function fill(s: string, n: number, q: string): string {
  return s.replace("{n}", String(n)).replace("{q}", q);
}

function appendSegments(el: HTMLElement, segs: Segments): void {
  for (const s of segs) {
    if (s.mark) {
      const m = document.createElement("mark");
      m.textContent = s.text;
      el.appendChild(m);
    } else {
      el.appendChild(document.createTextNode(s.text));
    }
  }
}

function setupPage(reg: Registry): void {
  const form = document.querySelector<HTMLFormElement>("[data-search-form]");
  const input = document.querySelector<HTMLInputElement>("[data-search-input]");
  const list = document.querySelector<HTMLOListElement>("[data-search-results]");
  const status = document.querySelector<HTMLElement>("[data-search-count]");
  if (!form || !input || !list || !status) return;
  const words = list.dataset;
  const more = document.querySelector<HTMLButtonElement>("[data-search-more]");
  document.querySelectorAll<HTMLElement>("[data-js-needed]").forEach((el) => (el.hidden = true));
  form.hidden = false;

  const params = new URLSearchParams(location.search);
  const asked = params.get("lang") ?? "";
  const lang = LANG.test(asked) ? asked : list.dataset.lang || document.documentElement.lang || "en";

  let seq = 0;
  let shown = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current = "";

  const setURL = (q: string) => {
    const u = new URL(location.href);
    if (q) u.searchParams.set("q", q);
    else u.searchParams.delete("q");
    try {
      history.replaceState(null, "", u.toString());
    } catch {
      // Some browsers refuse to change a file:// URL; the search still works.
    }
  };

  const render = (res: SearchResult, append: boolean) => {
    if (!append) list.replaceChildren();
    for (const r of res.results) {
      const li = document.createElement("li");
      li.className = "search-result result-" + r.kind;
      const kind = document.createElement("span");
      kind.className = "result-kind";
      kind.textContent = words["kind" + r.kind.charAt(0).toUpperCase() + r.kind.slice(1)] || r.kind;
      const a = document.createElement("a");
      a.href = r.href;
      a.className = "result-link";
      appendSegments(a, r.title);
      const title = document.createElement("p");
      title.className = "result-title";
      title.append(kind, document.createTextNode(" "), a);
      li.appendChild(title);
      if (r.context) {
        const c = document.createElement("p");
        c.className = "result-context";
        c.textContent = r.context;
        li.appendChild(c);
      }
      if (r.snippet.length > 0) {
        const p = document.createElement("p");
        p.className = "result-snippet";
        appendSegments(p, r.snippet);
        li.appendChild(p);
      }
      list.appendChild(li);
    }
    shown = (append ? shown : 0) + res.results.length;
    const n = res.count;
    status.textContent =
      n === 0
        ? fill(words.countNone || "No results for “{q}”", n, res.query.trim())
        : fill((n === 1 ? words.countOne : words.countOther) || "{n} results", n, res.query.trim());
    if (more) more.hidden = shown >= n;
  };

  const run = async (q: string, append = false) => {
    const my = ++seq;
    current = q;
    if (!append) setURL(q.trim());
    if (q.trim() === "") {
      list.replaceChildren();
      status.textContent = "";
      shown = 0;
      if (more) more.hidden = true;
      return;
    }
    try {
      const res = await reg.search(lang, q, { limit: 10, offset: append ? shown : 0 });
      if (my !== seq) return; // a newer query has started
      render(res, append);
    } catch {
      if (my !== seq) return;
      list.replaceChildren();
      status.textContent = words.error || "The search index could not be loaded.";
    }
  };

  const links = () => Array.from(list.querySelectorAll<HTMLAnchorElement>("a.result-link"));

  input.addEventListener("input", () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 100);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (timer !== undefined) clearTimeout(timer);
    run(input.value);
  });
  more?.addEventListener("click", () => {
    const first = shown;
    run(current, true).then(() => links()[first]?.focus());
  });
  const root = form.parentElement ?? document.body;
  root.addEventListener("keydown", (e) => {
    const ls = links();
    const at = ls.indexOf(document.activeElement as HTMLAnchorElement);
    switch (e.key) {
      case "ArrowDown":
        if (document.activeElement === input || at >= 0) {
          const next = ls[at + 1];
          if (next) {
            e.preventDefault();
            next.focus();
          }
        }
        break;
      case "ArrowUp":
        if (at > 0) {
          e.preventDefault();
          ls[at - 1].focus();
        } else if (at === 0) {
          e.preventDefault();
          input.focus();
        }
        break;
      case "Escape":
        if (document.activeElement === input || at >= 0) {
          e.preventDefault();
          input.value = "";
          input.focus();
          run("");
        }
        break;
    }
  });

  const q = params.get("q") ?? "";
  if (q) {
    input.value = q;
    run(q);
  } else {
    // Load the manifest while the user types the first word.
    reg.prepare(lang);
  }
}

// ---- Start ----------------------------------------------------------------

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
