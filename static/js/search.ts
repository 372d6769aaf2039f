// The search page's script: the query side of internal/search.
//
// The index is a set of scripts under <root>search/<lang>/ that register
// themselves on window.__hbSearch when loaded by a <script src> element
// (Chromium refuses fetch() from file://, and this must work from a file
// share): index.js (the manifest), t/N.js (terms and postings) and d/N.js
// (what the results show). internal/search/doc.go describes the format.
//
// The analyzer (tokenize, the folding table, stop words, stemming) mirrors
// internal/search/analyze.go exactly; internal/search tests that the two
// agree. Change both together.
//
// Ranking: the build stored, for each (term, entry), its BM25F impact with
// field and kind boosts already applied. Here a query adds up the impacts of
// its words (each word scoring through its best-matching term: its own, its
// other spelling for numbers, a longer one while typing, one a typing error
// away, or the stem it was typed past), keeps the entries that hold every
// word that exists in the index (of four words or more, three quarters of
// them, scored in proportion; words that ask, "how", "what", are never
// required; falling back to entries that hold most of them), and rewards
// words that stand close together, in the query's order, in the text.

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

function postingsOf(shard: TermShard, ordinal: number): Postings {
  let p = shard.decoded.get(ordinal);
  if (p) return p;
  const r = new Reader(shard.raw[ordinal]);
  const docs: number[] = [];
  const impacts: number[] = [];
  let doc = 0;
  while (r.more()) {
    doc += r.num();
    docs.push(doc);
    impacts.push(r.digit());
  }
  p = { docs: Int32Array.from(docs), impacts: Uint8Array.from(impacts) };
  shard.decoded.set(ordinal, p);
  return p;
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
      p = this.fetchShard("t", i).then(inflate).then(parseTermShard);
      this.termShards.set(i, p);
      p.catch(() => this.termShards.delete(i));
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

// ---- Inflate --------------------------------------------------------------

// Term and document shards are zlib data (RFC 1950) in base64. They are
// inflated here, synchronously: DecompressionStream costs a few milliseconds
// of task hops per shard however small it is, and a query inflates up to
// twenty-two. This is RFC 1951's decoder in its plainest form (canonical
// Huffman codes decoded a bit at a time, as zlib's puff.c does); the
// Adler-32 check is skipped, as every shard is checked against the
// manifest's version.

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
  12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: Uint8Array, n: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]]++;
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + counts[len];
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i] !== 0) symbols[offs[lengths[i]]++] = i;
  return { counts, symbols };
}

const FIXED = (() => {
  const l = new Uint8Array(288);
  l.fill(8, 0, 144);
  l.fill(9, 144, 256);
  l.fill(7, 256, 280);
  l.fill(8, 280, 288);
  const d = new Uint8Array(30).fill(5);
  return { lit: huffman(l, 288), dist: huffman(d, 30) };
})();

function corrupt(): never {
  throw new Error("search index: bad compressed data");
}

/** Inflates zlib data. */
export function inflateBytes(src: Uint8Array): Uint8Array {
  if (src.length < 2 || (src[0] & 0x0f) !== 8 || (src[0] * 256 + src[1]) % 31 !== 0 || src[1] & 0x20) corrupt();
  let pos = 2;
  let buf = 0; // bits not yet used, lowest first
  let cnt = 0; // how many
  const bits = (need: number): number => {
    let v = buf;
    while (cnt < need) {
      if (pos >= src.length) corrupt();
      v |= src[pos++] << cnt;
      cnt += 8;
    }
    buf = v >>> need;
    cnt -= need;
    return v & ((1 << need) - 1);
  };
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len];
      if (code - first < count) return h.symbols[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    return corrupt();
  };
  let out = new Uint8Array(Math.max(1024, src.length * 4));
  let n = 0;
  const room = (k: number) => {
    if (n + k <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, n + k));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  const lengths = new Uint8Array(320);
  for (let last = 0; !last; ) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // Stored: from the next byte, LEN, ~LEN and LEN bytes.
      buf = 0;
      cnt = 0;
      if (pos + 4 > src.length) corrupt();
      const len = src[pos] | (src[pos + 1] << 8);
      if ((len ^ (src[pos + 2] | (src[pos + 3] << 8))) !== 0xffff) corrupt();
      pos += 4;
      if (pos + len > src.length) corrupt();
      room(len);
      out.set(src.subarray(pos, pos + len), n);
      n += len;
      pos += len;
      continue;
    }
    let lit = FIXED.lit;
    let dist = FIXED.dist;
    if (type === 2) {
      const nlen = bits(5) + 257;
      const ndist = bits(5) + 1;
      const ncode = bits(4) + 4;
      lengths.fill(0);
      for (let i = 0; i < ncode; i++) lengths[CODE_ORDER[i]] = bits(3);
      const lencode = huffman(lengths, 19);
      lengths.fill(0);
      for (let i = 0; i < nlen + ndist; ) {
        const sym = decode(lencode);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let rep = 0;
        let len = 0;
        if (sym === 16) {
          if (i === 0) corrupt();
          len = lengths[i - 1];
          rep = 3 + bits(2);
        } else if (sym === 17) rep = 3 + bits(3);
        else rep = 11 + bits(7);
        if (i + rep > nlen + ndist) corrupt();
        while (rep-- > 0) lengths[i++] = len;
      }
      lit = huffman(lengths, nlen);
      dist = huffman(lengths.slice(nlen, nlen + ndist), ndist);
    } else if (type !== 1) {
      corrupt();
    }
    for (;;) {
      const sym = decode(lit);
      if (sym < 256) {
        room(1);
        out[n++] = sym;
      } else if (sym === 256) {
        break;
      } else {
        const k = sym - 257;
        if (k >= 29) corrupt();
        const len = LEN_BASE[k] + bits(LEN_EXTRA[k]);
        const d = decode(dist);
        if (d >= 30) corrupt();
        const back = DIST_BASE[d] + bits(DIST_EXTRA[d]);
        if (back > n) corrupt();
        room(len);
        for (let i = 0; i < len; i++, n++) out[n] = out[n - back];
      }
    }
  }
  return out.subarray(0, n);
}

const utf8 = new TextDecoder();

/** Inflates base64-encoded zlib data (a term or document shard) to text. */
function inflate(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return utf8.decode(inflateBytes(bytes));
}

// ---- Query ----------------------------------------------------------------

/** A query word and the terms it matches, each with a weight. */
interface QueryWord {
  word: string; // folded
  term: string; // analyzed
  pos: number; // position in the query, stop words counted
  prefix: boolean;
  optional: boolean; // a stop word being typed or an asking word: scores if found, not required
  alt: string[]; // other terms that mean the same ("one" for "1")
  matches: Array<{ p: Postings; weight: number; term: string }>;
}

// Weights of the ways a term can match a word: the word's own term (or its
// other spelling, "1" for "one"), a term the word (typed so far) is a prefix
// of; failing those, a term one or two edits away (typing errors); failing
// that too, the longest term that is a prefix of the word, down to half its
// length.
const EXACT = 1;
const PREFIX = 0.7;
const FUZZY = 0.5;
const TRUNCATED = 0.4;

// The proximity bonus: for two consecutive query words found d positions
// from where the query puts them (d = 0: as in the query, order and gaps
// included), the smaller of their two scores times PROXIMITY/(d+1), within
// PROXIMITY_WINDOW. Positions are those of the title and the text (the text
// counted from well after the title, so the two never meet), found in the
// best entries' own title and text (see positionsIn): the index holds none.
// Positions in the index would cost about a byte per word of the site,
// loaded for every term of every query of two words, to rerank a page of
// results; bigrams would have multiplied the terms and seen only adjacency.
const PROXIMITY = 1.5;
const PROXIMITY_WINDOW = 6;
// How many of the best entries get the proximity bonus: the ten a query
// shows first, whose titles and texts it loads anyway. Reranking more would
// load more document shards (on a file share, each costs a round trip)
// for entries that are rarely promoted: on the relevance set, proximity
// changes no hit at 3.
const RERANK = 10;
// The gap between a title's positions and its text's, wider than the window.
const TITLE_GAP = 16;
const MAX_WORDS = 10;

// Words that ask rather than say, by language. In a query they score where
// they stand but are not required: "how many DMA referrals to check" wants
// the paragraph that says "Managers must check 100% of all cases being
// referred", which says neither "how" nor "many". They stay in the index
// (they are not stop words): "What job are you looking for?" is a title.
const ASKING: Record<string, ReadonlySet<string>> = {
  en: new Set(
    "how what which when where who whom whose why many much do does did should can could would shall will i me my we our you your".split(
      " ",
    ),
  ),
  cy: new Set("sut beth pa pam pryd ble pwy faint".split(" ")),
};

// Number words and numerals that the handbook writes both ways ("1 to 1
// meetings", "one to one"; "3rd Party Interviewing", "third party"), by
// language: a query word also matches its other spelling, as its own term.
const NUMBERS: Record<string, ReadonlyMap<string, string>> = {
  en: (() => {
    const m = new Map<string, string>();
    const words = "one two three four five six seven eight nine ten".split(" ");
    words.forEach((w, i) => {
      m.set(w, String(i + 1));
      m.set(String(i + 1), w);
    });
    const nth = ["first 1st", "second 2nd", "third 3rd", "fourth 4th", "fifth 5th"];
    for (const pair of nth) {
      const [w, n] = pair.split(" ");
      m.set(w, n);
      m.set(n, w);
    }
    return m;
  })(),
};

// How many of a query's required words an entry must hold: all of up to
// three; of four or more, three quarters (rounded down), so that a question
// typed in full ("how often should a work coach be observed") still finds
// the paragraph that answers it in other words. An entry holding only some
// of them scores in proportion to how many it holds.
function minimumMatch(required: number): number {
  return required <= 3 ? required : Math.floor(required * 0.75);
}

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
    for (const t of w.alt) wanted.add(ix.shardOf(t));
    if (w.prefix && w.word.length >= 2) {
      for (const s of ix.shardsWithPrefix(w.word, 2)) wanted.add(s);
      for (let k = Math.max(3, w.word.length - 3); k < w.word.length; k++) wanted.add(ix.shardOf(w.word.slice(0, k)));
    }
  }
  const shards = new Map<number, TermShard>();
  const load = (want: Iterable<number>) =>
    Promise.all(
      [...want].map(async (i) => {
        shards.set(i, await ix.termShard(i));
      }),
    );
  await load(wanted);
  const find = (term: string): Postings | undefined => {
    const i = ix.shardOf(term);
    const s = shards.get(i);
    const o = s?.byTerm.get(term);
    return s && o !== undefined ? postingsOf(s, o) : undefined;
  };
  const adder = (w: QueryWord) => {
    const seen = new Set<string>(w.matches.map((m) => m.term));
    return (term: string, weight: number) => {
      if (seen.has(term)) return;
      const p = find(term);
      if (p) {
        seen.add(term);
        w.matches.push({ p, weight, term });
      }
    };
  };
  for (const w of words) {
    const add = adder(w);
    add(w.term, EXACT);
    for (const t of w.alt) add(t, EXACT);
    if (w.prefix && w.word.length >= 2) {
      for (const i of ix.shardsWithPrefix(w.word, 2)) {
        const s = shards.get(i);
        if (!s) continue;
        for (const t of s.terms) if (t.startsWith(w.word)) add(t, PREFIX);
      }
    }
    if (w.matches.length > 0) continue;
    // Nothing matches the word as typed: try terms an edit or two away
    // (typing errors, within the loaded shard).
    if (w.term.length >= 4) {
      const max = w.term.length >= 8 ? 2 : 1;
      const s = shards.get(ix.shardOf(w.term));
      if (s) {
        for (const t of s.terms) {
          if (Math.min(editDistance(w.term, t, max), editDistance(w.word, t, max)) <= max) add(t, FUZZY);
        }
      }
    }
  }
  // Failing those too, the longest term the word starts with, down to half
  // its length: a word being typed past its stem ("vulnerabil", whose
  // stem is "vulner") or misspelt where the stemmer cuts it ("vulnerabilty").
  // This needs the shards of the word's shorter prefixes: a second load, but
  // only for words that found nothing.
  const lost = words.filter((w) => w.matches.length === 0 && !w.optional && w.word.length >= 4);
  if (lost.length === 0) return;
  const shortest = (w: QueryWord) => Math.max(w.prefix ? 3 : 4, Math.ceil(w.word.length / 2));
  const more = new Set<number>();
  for (const w of lost) {
    for (let k = shortest(w); k < w.word.length; k++) {
      const i = ix.shardOf(w.word.slice(0, k));
      if (!shards.has(i)) more.add(i);
    }
  }
  if (more.size > 0) await load(more);
  for (const w of lost) {
    const add = adder(w);
    for (let k = w.word.length - 1; k >= shortest(w) && w.matches.length === 0; k--) {
      add(w.word.slice(0, k), TRUNCATED);
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

/**
 * Returns, for each of words, the positions in doc of the words that match
 * it: the title's words from 0, then the text's from TITLE_GAP after the
 * title's last, so that the end of one and the start of the other are never
 * taken to stand together.
 */
function positionsIn(a: Analyzer, stops: ReadonlySet<string>, doc: DocData, words: QueryWord[]): number[][] {
  const which = new Map<string, number[]>();
  words.forEach((w, i) => {
    for (const m of w.matches) {
      const l = which.get(m.term);
      if (!l) which.set(m.term, [i]);
      else if (!l.includes(i)) l.push(i);
    }
  });
  const out: number[][] = words.map(() => []);
  let start = 0;
  for (const text of [doc.title, doc.text]) {
    const ws = tokenize(text, a.split, a.max);
    for (const w of ws) {
      const l = which.get(termOf(a, stops, w.word));
      if (l) for (const i of l) out[i].push(start + w.pos);
    }
    if (ws.length > 0) start += ws[ws.length - 1].pos + 1;
    start += TITLE_GAP;
  }
  return out;
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
    const asking = ASKING[ix.lang]?.has(t.word) ?? false;
    const other = NUMBERS[ix.lang]?.get(t.word);
    const alt = other !== undefined ? [termOf(a, stops, other)].filter((x) => x !== "" && x !== key) : [];
    words.push({ word: t.word, term: key, pos: t.pos, prefix, optional: term === "" || asking, alt, matches: [] });
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
  // Of a long query, the entries holding most of its words (see
  // minimumMatch), scored in proportion.
  const least = minimumMatch(required);
  let ids: number[] = [];
  for (let d = 0; d < n; d++) {
    if (required > 0 ? count[d] >= least : score[d] > 0) {
      ids.push(d);
      if (count[d] < required) score[d] = (score[d] * count[d]) / required;
    }
  }
  const last = used[used.length - 1];
  if (ids.length === 0 && last && last.prefix && !last.optional && required > 1) {
    const s = per[per.length - 1];
    for (let d = 0; d < n; d++) if (count[d] - (s[d] > 0 ? 1 : 0) === required - 1) ids.push(d);
  }
  for (let k = least - 1; ids.length === 0 && k > 0; k--) {
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

  // Proximity, for the best entries: where the query's words stand in
  // their titles and texts, which the results show anyway.
  if (used.length > 1 && ids.length > 0) {
    const top = ids.slice(0, RERANK);
    const docs = await Promise.all(top.map((d) => ix.doc(d)));
    top.forEach((d, k) => {
      const pos = positionsIn(a, stops, docs[k], used);
      let bonus = 0;
      for (let i = 0; i + 1 < used.length; i++) {
        if (per[i][d] === 0 || per[i + 1][d] === 0) continue;
        const dist = closest(pos[i], pos[i + 1], used[i + 1].pos - used[i].pos);
        if (dist < PROXIMITY_WINDOW) bonus += (PROXIMITY * Math.min(per[i][d], per[i + 1][d])) / (dist + 1);
      }
      score[d] += bonus;
    });
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
