// Ranking a query. The build stored, for each (term, entry), its BM25F
// impact with field and kind boosts already applied. Here a query adds up the
// impacts of its words (each word scoring through its best-matching term: its
// own, its other spelling for numbers, a longer one while typing, one a typing
// error away, or the stem it was typed past), keeps the entries that hold
// every word that exists in the index (of four words or more, three quarters
// of them, scored in proportion; words that ask, "how", "what", are never
// required; falling back to entries that hold most of them), and rewards
// words that stand close together, in the query's order, in the text.

import { termOf, tokenize, type Analyzer } from "./analyze";
import { postingsOf, type DocData, type Index, type Postings, type TermShard } from "./load";

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
export async function rank(ix: Index, query: string): Promise<Ranked> {
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
