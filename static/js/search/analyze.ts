// The search's analyzer: text to words (tokenize) and words to index terms
// (termOf). It mirrors internal/search/analyze.go exactly (tokenize, the
// folding table, stop words, stemming); internal/search tests that the two
// agree. Change both together.

import { stem } from "./stem";

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
export function termOf(a: Analyzer, stops: ReadonlySet<string>, w: string): string {
  if (stops.has(w)) return "";
  if (!a.stem) return w;
  let t = stems.get(w);
  if (t === undefined) {
    t = stem(w);
    if (stems.size < 100000) stems.set(w, t);
  }
  return t;
}
