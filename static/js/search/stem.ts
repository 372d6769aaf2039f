// The English Porter2 stemmer ("english" in Snowball), classic form: see
// https://snowballstem.org/algorithms/english/stemmer.html (special R1
// prefixes gener/commun/arsen, exceptional forms dying/lying/tying, and the
// post-Step-1a invariants inning/outing/.../succeed).
//
// This is a port of internal/search/stem.go, step for step, which stems the
// build-time index; the browser stems queries with this one. The two must give
// identical results for every input (internal/search/stemjs_test.go checks
// them against internal/search/testdata/porter2.txt): change both together.

const exceptionalForms: ReadonlyMap<string, string> = new Map([
  ["skis", "ski"],
  ["skies", "sky"],
  ["dying", "die"],
  ["lying", "lie"],
  ["tying", "tie"],
  ["idly", "idl"],
  ["gently", "gentl"],
  ["ugly", "ugli"],
  ["early", "earli"],
  ["only", "onli"],
  ["singly", "singl"],
  ["sky", "sky"],
  ["news", "news"],
  ["howe", "howe"],
  ["atlas", "atlas"],
  ["cosmos", "cosmos"],
  ["bias", "bias"],
  ["andes", "andes"],
]);

const invariantAfter1a: ReadonlySet<string> = new Set([
  "inning", "outing", "canning", "herring", "earring",
  "proceed", "exceed", "succeed",
]);

// v = "aeiouy"; 'Y' (a y marked as a consonant) is not a vowel.
function isVowel(c: string): boolean {
  return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y";
}

// v_WXY = v + "wxY".
function isVowelWXY(c: string): boolean {
  return isVowel(c) || c === "w" || c === "x" || c === "Y";
}

function isValidLI(c: string): boolean {
  return c.length === 1 && "cdeghkmnrt".includes(c);
}

// Whether w ends in one of bb dd ff gg mm nn pp rr tt.
function isDouble(w: string): boolean {
  const n = w.length;
  if (n < 2 || w.charAt(n - 1) !== w.charAt(n - 2)) return false;
  return "bdfgmnprt".includes(w.charAt(n - 1)); // one character: n >= 2
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
  let p1: number;
  if (w.startsWith("gener") || w.startsWith("arsen")) {
    p1 = 5;
  } else if (w.startsWith("commun")) {
    p1 = 6;
  } else {
    p1 = regionAfter(w, 0);
  }
  const p2 = regionAfter(w, p1);

  w = step0(w);
  w = step1a(w);
  if (!invariantAfter1a.has(w)) {
    w = step1b(w, p1);
    w = step1c(w);
    w = step2(w, p1);
    w = step3(w, p1, p2);
    w = step4(w, p2);
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

// Step 2 suffixes, longest first within each final letter; the longest
// matching suffix is the only one tried.
type Rule = readonly [suffix: string, replacement: string];

const step2Rules: ReadonlyMap<string, readonly Rule[]> = new Map([
  ["l", [["ational", "ate"], ["tional", "tion"]]],
  ["n", [["ization", "ize"], ["ation", "ate"]]],
  ["r", [["izer", "ize"], ["ator", "ate"]]],
  ["m", [["alism", "al"]]],
  ["s", [["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"]]],
  ["i", [
    ["biliti", "ble"], ["lessli", "less"],
    ["aliti", "al"], ["iviti", "ive"], ["entli", "ent"], ["ousli", "ous"], ["fulli", "ful"],
    ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["alli", "al"],
    ["bli", "ble"], ["ogi", "og"],
    ["li", ""],
  ]],
]);

function step2(w: string, p1: number): string {
  const n = w.length;
  if (n === 0) return w;
  const rules = step2Rules.get(w.charAt(n - 1));
  if (rules === undefined) return w;
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue;
    const start = n - suffix.length;
    if (start < p1) return w;
    if (suffix === "ogi" && !(n >= 4 && w.charAt(n - 4) === "l")) return w;
    if (suffix === "li" && !(n >= 3 && isValidLI(w.charAt(n - 3)))) return w;
    return w.slice(0, start) + replacement;
  }
  return w;
}

const step3Rules: ReadonlyMap<string, readonly Rule[]> = new Map([
  ["l", [["ational", "ate"], ["tional", "tion"], ["ical", "ic"], ["ful", ""]]],
  ["e", [["alize", "al"], ["icate", "ic"], ["ative", ""]]],
  ["i", [["iciti", "ic"]]],
  ["s", [["ness", ""]]],
]);

function step3(w: string, p1: number, p2: number): string {
  const n = w.length;
  if (n === 0) return w;
  const rules = step3Rules.get(w.charAt(n - 1));
  if (rules === undefined) return w;
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue;
    const start = n - suffix.length;
    if (start < p1) return w;
    if (suffix === "ative" && start < p2) return w;
    return w.slice(0, start) + replacement;
  }
  return w;
}

const step4Suffixes: ReadonlyMap<string, readonly string[]> = new Map([
  ["l", ["al"]],
  ["e", ["ance", "ence", "able", "ible", "ate", "ive", "ize"]],
  ["r", ["er"]],
  ["c", ["ic"]],
  ["t", ["ement", "ment", "ant", "ent"]],
  ["m", ["ism"]],
  ["i", ["iti"]],
  ["s", ["ous"]],
  ["n", ["ion"]],
]);

function step4(w: string, p2: number): string {
  const n = w.length;
  if (n === 0) return w;
  const suffixes = step4Suffixes.get(w.charAt(n - 1));
  if (suffixes === undefined) return w;
  for (const suffix of suffixes) {
    if (!w.endsWith(suffix)) continue;
    const start = n - suffix.length;
    if (start < p2) return w;
    if (suffix === "ion" && !(n >= 4 && (w.charAt(n - 4) === "s" || w.charAt(n - 4) === "t"))) return w;
    return w.slice(0, start);
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
