// Loading a language's index: the manifest, then term and document shards
// as a query needs them. Each is a script under <root>search/<lang>/ that
// registers itself on window.__hbSearch when loaded by a <script src> element
// (Chromium refuses fetch() from file://, and this must work from a file
// share): index.js (the manifest), t/N.js (terms and postings) and d/N.js
// (what the results show). internal/search/doc.go describes the format.

import type { Analyzer } from "./analyze";
import { inflate } from "./inflate";

/** A language's manifest, index.js, as (*index).manifest in internal/search/build.go writes it. */
export interface Manifest {
  n: number;
  k: string[];
  q: [number, number];
  t: string;
  d: string;
  tv: string;
  dv: string;
  a: Analyzer;
}

/** The length of a shard's version: see versionDigits in internal/search/shards.go. */
const VERSION_DIGITS = 4;

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
export interface Postings {
  docs: Int32Array;
  impacts: Uint8Array;
}

/** A term shard: its terms in order and their undecoded postings. */
export interface TermShard {
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

export function postingsOf(shard: TermShard, ordinal: number): Postings {
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
export interface DocData {
  url: string;
  kind: string;
  title: string;
  context: string;
  text: string;
}

/** Loads the script at src; see loadScript. */
export type Loader = (src: string) => Promise<void>;

/** Loads a script by appending a <script src> element to the document. */
export function loadScript(src: string): Promise<void> {
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
export class Index {
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

  /**
   * Loads file kind/i.js and returns what it registered, once its version
   * is the one the manifest lists for it.
   */
  private async fetchShard(kind: string, i: number): Promise<string> {
    const key = kind + "/" + i;
    const src = this.base + key + ".js";
    const m = this.manifest!;
    const vers = kind === "t" ? m.tv : m.dv;
    const v = vers.slice(i * VERSION_DIGITS, (i + 1) * VERSION_DIGITS);
    if (v.length !== VERSION_DIGITS) throw new Error("search index: " + src + " is not in its manifest");
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
}
