// The English Porter2 stemmer ("english" in Snowball), classic form: see
// https://snowballstem.org/algorithms/english/stemmer.html (special R1
// prefixes gener/commun/arsen, exceptional forms dying/lying/tying, and the
// post-Step-1a invariants inning/outing/.../succeed).
//
// This is a port of internal/search/stem.go, step for step, which stems the
// build-time index; the browser stems queries with this one. Their tables
// are one: stemtables.ts is written from internal/search/stemtables.go by go
// generate ./internal/search. The two must give identical results for every
// input (internal/search/stemjs_test.go checks them against
// internal/search/testdata/porter2.txt): change the steps of both together.

import { doubles, exceptions, invariants, r1Prefixes, step2, step3, step4, vowels, vowelsWXY } from "./stemtables";
import type { Rule } from "./stemtables";

const exceptionalForms: ReadonlyMap<string, string> = new Map(exceptions);
const invariantAfter1a: ReadonlySet<string> = new Set(invariants);

// v; 'Y' (a y marked as a consonant) is not a vowel. c is one character
// ("" is in every string).
function isVowel(c: string): boolean {
  return c.length === 1 && vowels.includes(c);
}

// v_WXY.
function isVowelWXY(c: string): boolean {
  return c.length === 1 && vowelsWXY.includes(c);
}

// Whether w ends in one of bb dd ff gg mm nn pp rr tt.
function isDouble(w: string): boolean {
  const n = w.length;
  if (n < 2 || w.charAt(n - 1) !== w.charAt(n - 2)) return false;
  return doubles.includes(w.charAt(n - 1)); // one character: n >= 2
}

function containsVowel(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    if (isVowel(w.charAt(i))) return true;
  }
  return false;
}

// The position after the first non-vowel that follows a vowel at or after
// start, or w.length if there is none.
function regionAfter(w: string, start: number): number {
  let i = start;
  while (i < w.length && !isVowel(w.charAt(i))) i++;
  while (i < w.length && isVowel(w.charAt(i))) i++;
  return i < w.length ? i + 1 : w.length;
}

// Whether w ends in a short syllable: a non-vowel, a vowel, and a non-vowel
// other than w, x or Y; or, when w is exactly two letters long, a vowel and a
// non-vowel.
function endsShortSyllable(w: string): boolean {
  const n = w.length;
  if (n >= 3) {
    return !isVowelWXY(w.charAt(n - 1)) && isVowel(w.charAt(n - 2)) && !isVowel(w.charAt(n - 3));
  }
  return n === 2 && !isVowel(w.charAt(1)) && isVowel(w.charAt(0));
}

/**
 * Returns the Porter2 stem of word, which must be one lower-cased,
 * diacritic-folded token (ASCII letters, digits and apostrophes). Words of
 * fewer than three characters and words containing any non-ASCII character
 * are returned unchanged.
 */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 2) return word;
  for (let i = 0; i < n; i++) {
    if (word.charCodeAt(i) >= 0x80) return word;
  }
  const exceptional = exceptionalForms.get(word);
  if (exceptional !== undefined) return exceptional;

  // Prelude: remove an initial apostrophe, mark consonant y as Y.
  let w = word.charAt(0) === "'" ? word.slice(1) : word;
  let yFound = false;
  if (w.length > 0 && w.charAt(0) === "y") {
    w = "Y" + w.slice(1);
    yFound = true;
  }
  for (let i = 1; i < w.length; i++) {
    if (w.charAt(i) === "y" && isVowel(w.charAt(i - 1))) {
      w = w.slice(0, i) + "Y" + w.slice(i + 1);
      yFound = true;
    }
  }

  // Regions.
  let p1 = -1;
  for (const p of r1Prefixes) {
    if (w.startsWith(p)) {
      p1 = p.length;
      break;
    }
  }
  if (p1 < 0) p1 = regionAfter(w, 0);
  const p2 = regionAfter(w, p1);

  w = step0(w);
  w = step1a(w);
  if (!invariantAfter1a.has(w)) {
    w = step1b(w, p1);
    w = step1c(w);
    w = applyRules(w, step2Rules, p1, p2);
    w = applyRules(w, step3Rules, p1, p2);
    w = applyRules(w, step4Rules, p1, p2);
    w = step5(w, p1, p2);
  }

  // Postlude.
  if (yFound) w = w.replace(/Y/g, "y");
  return w;
}

// Removes the longest of the suffixes ' 's 's'.
function step0(w: string): string {
  if (w.endsWith("'s'")) return w.slice(0, -3);
  if (w.endsWith("'s")) return w.slice(0, -2);
  if (w.endsWith("'")) return w.slice(0, -1);
  return w;
}

function step1a(w: string): string {
  const n = w.length;
  if (w.endsWith("sses")) return w.slice(0, n - 2);
  if (w.endsWith("ied") || w.endsWith("ies")) {
    return n - 3 > 1 ? w.slice(0, n - 2) : w.slice(0, n - 1);
  }
  if (w.endsWith("us") || w.endsWith("ss")) return w;
  if (w.endsWith("s")) {
    // Delete if a vowel occurs before the letter preceding the s.
    if (n >= 2 && containsVowel(w.slice(0, n - 2))) return w.slice(0, n - 1);
  }
  return w;
}

function step1b(w: string, p1: number): string {
  const n = w.length;
  let l: number;
  if (w.endsWith("eedly")) {
    return n - 5 >= p1 ? w.slice(0, n - 3) : w;
  } else if (w.endsWith("eed")) {
    return n - 3 >= p1 ? w.slice(0, n - 1) : w;
  } else if (w.endsWith("ingly")) {
    l = 5;
  } else if (w.endsWith("edly")) {
    l = 4;
  } else if (w.endsWith("ing")) {
    l = 3;
  } else if (w.endsWith("ed")) {
    l = 2;
  } else {
    return w;
  }
  const s = w.slice(0, n - l);
  if (!containsVowel(s)) return w;
  if (s.endsWith("at") || s.endsWith("bl") || s.endsWith("iz")) return s + "e";
  if (isDouble(s)) return s.slice(0, -1);
  if (s.length === p1 && endsShortSyllable(s)) return s + "e";
  return s;
}

// Replaces a final y or Y by i when it follows a non-vowel that is not the
// first letter of the word.
function step1c(w: string): string {
  const n = w.length;
  if (n >= 3 && (w.charAt(n - 1) === "y" || w.charAt(n - 1) === "Y") && !isVowel(w.charAt(n - 2))) {
    return w.slice(0, n - 1) + "i";
  }
  return w;
}

// A step's rules by the last letter of their suffix, in their order
// (longest first).
type RuleIndex = ReadonlyMap<string, readonly Rule[]>;

function indexRules(rules: readonly Rule[]): RuleIndex {
  const ix = new Map<string, Rule[]>();
  for (const r of rules) {
    const c = r[0].charAt(r[0].length - 1);
    const l = ix.get(c);
    if (l) l.push(r);
    else ix.set(c, [r]);
  }
  return ix;
}

const step2Rules = indexRules(step2);
const step3Rules = indexRules(step3);
const step4Rules = indexRules(step4);

// Does Step 2, 3 or 4: finds the rule with the longest suffix w ends in
// and, if the suffix starts in the rule's region (R1 from p1, R2 from p2)
// and follows one of the letters the rule asks for, replaces it.
function applyRules(w: string, rules: RuleIndex, p1: number, p2: number): string {
  const n = w.length;
  if (n === 0) return w;
  const rs = rules.get(w.charAt(n - 1));
  if (rs === undefined) return w;
  for (const [suffix, replacement, region, after] of rs) {
    if (!w.endsWith(suffix)) continue;
    const start = n - suffix.length;
    if (start < (region === 2 ? p2 : p1)) return w;
    if (after !== "" && (start === 0 || !after.includes(w.charAt(start - 1)))) return w;
    return w.slice(0, start) + replacement;
  }
  return w;
}

function step5(w: string, p1: number, p2: number): string {
  const n = w.length;
  if (n === 0) return w;
  if (w.charAt(n - 1) === "e") {
    if (n - 1 >= p2 || (n - 1 >= p1 && !endsShortSyllable(w.slice(0, n - 1)))) {
      return w.slice(0, n - 1);
    }
  } else if (w.charAt(n - 1) === "l") {
    if (n - 1 >= p2 && n >= 2 && w.charAt(n - 2) === "l") return w.slice(0, n - 1);
  }
  return w;
}
