// The one scoring engine of every self-assessment form. It is pure: it reads
// the JSON model the build emits from a rubric's YAML (internal/rubric/json.go)
// and the answers, and returns what the summary shows. Nothing here knows a
// rubric by its id, touches the DOM or holds a word of the interface: every
// rule comes from the model, every word from the page.

/** Level is an answer on the scale. */
export interface Level {
  id: string;
  label: string;
  code?: string;
  band?: string;
  value?: number;
  notApplicable?: boolean; // "N/A", "Not observed": out of the total and its maximum
}

/** Item is a standard, statement or question. */
export interface Item {
  id: string;
  title: string;
  number?: string;
  type: string; // "choice" | "text"
  group?: string; // the top-level group it is in
  negative?: boolean;
  weight?: number; // 1 when absent
  labels?: Record<string, string>;
}

/** ScoreList is a list of items the summary shows. */
export interface ScoreList {
  id: string;
  title: string;
  levels: string[];
  negativeLevels?: string[];
}

/** ScoreBand is a range of the total, inclusive at both ends. */
export interface ScoreBand {
  min: number;
  max: number;
  label: string;
}

/** Model is the JSON model of a rubric. */
export interface Model {
  id: string;
  lang: string;
  claimant: boolean;
  levels: Level[];
  bands?: { id: string; label: string }[];
  groups?: { id: string; title: string }[];
  items: Item[];
  rules: { required?: boolean; blank?: string; notes?: boolean; notesMax?: number; consent?: boolean };
  scoring: { counts?: boolean; byGroup?: boolean; total?: boolean; chart?: string; lists?: ScoreList[]; bands?: ScoreBand[] };
}

/** Answers maps an item id to a level id (choice items) or text. */
export type Answers = Record<string, string>;

/** Count is how many items sit at a level. */
export interface Count {
  level: string;
  count: number;
}

/** ListResult is a scoring list with the ids of the items on it. */
export interface ListResult {
  id: string;
  title: string;
  items: string[];
}

/** Tally is counts and lists over a set of items. */
export interface Tally {
  counts?: Count[]; // only when scoring.counts
  unanswered: number; // choice items with no answer (a rules.blank level and a not-applicable level are answers)
  notApplicable: number; // choice items answered with a not-applicable level
  lists: ListResult[];
}

/** Total is the numeric total of the items answered with a valued level,
 * out of the highest those items could have made. */
export interface Total {
  score: number;
  max: number;
  scored: number; // items in the total
  band?: number; // the index in scoring.bands of the band the score falls in
}

/** GroupTally is a tally of one top-level group. */
export interface GroupTally extends Tally {
  id: string;
  title: string;
}

/** ProfileRow is an item's place on the scale, for the profile chart. */
export interface ProfileRow {
  item: string;
  level: string; // "" when unanswered
  index: number; // the level's place on the scale, -1 when unanswered
}

/** Summary is everything the summary of a form shows. */
export interface Summary extends Tally {
  rubric: string;
  answers: Answers; // choice answers after rules.blank, and non-blank text
  blanked: string[]; // choice items the blank rule answered
  answered: number; // items the user answered (choice and text)
  items: number; // every item
  choices: number; // choice items
  groups?: GroupTally[]; // only when scoring.byGroup
  profile?: ProfileRow[]; // only when scoring.chart is "profile"
  total?: Total; // only when scoring.total and every valued level has a value
}

/** Problem is a reason the form cannot be summarised yet. */
export interface Problem {
  kind: "required" | "consent" | "notes";
  item?: string;
}

const isChoice = (it: Item): boolean => it.type !== "text";

/** level returns the level of the scale with the id, if any. */
export function level(m: Model, id: string | undefined): Level | undefined {
  return m.levels.find((l) => l.id === id);
}

/** levelLabel returns how an item words a level: its relabel, else the scale's label. */
export function levelLabel(m: Model, it: Item | undefined, id: string): string {
  return (it && it.labels && it.labels[id]) || level(m, id)?.label || id;
}

/** levelName returns how a level is shown on an item (the scale when it is
 * undefined): its label, followed by its code in brackets when another
 * level reads the same there ("Milestones (3)", "Milestones (2)"), as
 * rubric.LevelName does for the pages. */
export function levelName(m: Model, it: Item | undefined, id: string): string {
  const label = levelLabel(m, it, id);
  const code = level(m, id)?.code;
  if (!code) return label;
  return m.levels.some((o) => o.id !== id && levelLabel(m, it, o.id) === label) ? `${label} (${code})` : label;
}

/** valued returns whether a level counts in totals: it has a value and is
 * not a not-applicable answer. */
const valued = (l: Level | undefined): l is Level & { value: number } => !!l && !l.notApplicable && typeof l.value === "number";

/** millionths is how a value counts in a total on an item of weight w:
 * w × value, rounded to the nearest millionth, halves upwards. Totals are
 * sums of whole millionths, so they are exact, and the same as the build
 * works them out to check the bands (rubric.Contribution). */
export function millionths(w: number, value: number): number {
  return Math.floor(w * value * 1e6 + 0.5);
}

/** scoreOf returns the value an answer adds to the total of an item:
 * reversed on an item with negative polarity (highest + lowest − value,
 * over the scale's valued levels). */
export function scoreOf(m: Model, it: Item, l: Level & { value: number }): number {
  if (!it.negative) return l.value;
  const vs = m.levels.filter(valued).map((x) => x.value!);
  return Math.max(...vs) + Math.min(...vs) - l.value;
}

/** bandOf returns the index of the band of the total, or -1: the first
 * band with min ≤ score ≤ max. */
export function bandOf(m: Model, score: number): number {
  return (m.scoring.bands || []).findIndex((b) => b.min <= score && score <= b.max);
}

/** answerOf returns an item's valid answer: a level id of the scale for a
 * choice item, trimmed text for a text item, else "". */
export function answerOf(m: Model, it: Item, answers: Answers): string {
  const a = answers[it.id];
  if (typeof a !== "string") return "";
  if (isChoice(it)) return level(m, a) ? a : "";
  return a.trim();
}

/** progress counts the items answered, of every item. */
export function progress(m: Model, answers: Answers): { answered: number; items: number } {
  return { answered: m.items.filter((it) => answerOf(m, it, answers) !== "").length, items: m.items.length };
}

/** check returns what stops the form being summarised: required choice
 * items left unanswered (unless a blank level is recorded for them), consent
 * not given, notes over their length. */
export function check(m: Model, answers: Answers, consent: boolean, notes: string): Problem[] {
  const r = m.rules;
  const out: Problem[] = [];
  if (r.consent && !consent) out.push({ kind: "consent" });
  if (r.required && !level(m, r.blank)) {
    for (const it of m.items) {
      if (isChoice(it) && !answerOf(m, it, answers)) out.push({ kind: "required", item: it.id });
    }
  }
  if (r.notes && r.notesMax && chars(notes) > r.notesMax) out.push({ kind: "notes" });
  return out;
}

/** chars counts characters as a person does: code points, not UTF-16 units. */
export function chars(s: string): number {
  return Array.from(s).length;
}

/** onList reports whether an answer puts an item on a list: the list's
 * levels, or its negativeLevels for items with negative polarity. A
 * not-applicable answer puts an item on no list. */
export function onList(l: ScoreList, it: Item, answer: string, m?: Model): boolean {
  const levels = it.negative ? l.negativeLevels || [] : l.levels;
  if (m && level(m, answer)?.notApplicable) return false;
  return answer !== "" && levels.includes(answer);
}

function tally(m: Model, items: Item[], answers: Answers): Tally {
  const t: Tally = { unanswered: 0, notApplicable: 0, lists: [] };
  const choices = items.filter(isChoice);
  if (m.scoring.counts) {
    t.counts = m.levels.map((l) => ({ level: l.id, count: choices.filter((it) => answers[it.id] === l.id).length }));
  }
  t.unanswered = choices.filter((it) => !answers[it.id]).length;
  t.notApplicable = choices.filter((it) => level(m, answers[it.id])?.notApplicable).length;
  t.lists = (m.scoring.lists || []).map((l) => ({
    id: l.id,
    title: l.title,
    items: choices.filter((it) => onList(l, it, answers[it.id] || "", m)).map((it) => it.id),
  }));
  return t;
}

/** summarise works out the summary of a form from its model and answers. */
export function summarise(m: Model, answers: Answers): Summary {
  const blank = level(m, m.rules.blank);
  const eff: Answers = {};
  const blanked: string[] = [];
  let answered = 0;
  for (const it of m.items) {
    let a = answerOf(m, it, answers);
    if (a) answered++;
    if (!a && blank && isChoice(it)) {
      a = blank.id;
      blanked.push(it.id);
    }
    if (a) eff[it.id] = a;
  }
  const s: Summary = {
    rubric: m.id,
    answers: eff,
    blanked,
    answered,
    items: m.items.length,
    choices: m.items.filter(isChoice).length,
    ...tally(m, m.items, eff),
  };
  const sc = m.scoring;
  if (sc.byGroup) {
    const groups = (m.groups || []).slice();
    if (m.items.some((it) => !it.group)) groups.push({ id: "", title: "" });
    s.groups = groups.map((g) => ({
      id: g.id,
      title: g.title,
      ...tally(m, m.items.filter((it) => (it.group || "") === g.id), eff),
    }));
  }
  if (sc.chart === "profile") {
    s.profile = m.items.filter(isChoice).map((it) => {
      const a = eff[it.id] || "";
      return { item: it.id, level: a, index: m.levels.findIndex((l) => l.id === a) };
    });
  }
  const vals = m.levels.filter((l) => !l.notApplicable);
  if (sc.total && vals.length > 0 && vals.every(valued)) {
    // Over the items answered with a valued level: blanks and
    // not-applicable answers are in neither the total nor its maximum.
    const top = Math.max(...vals.map((l) => l.value!));
    let score = 0, max = 0, scored = 0;
    for (const it of m.items) {
      const l = level(m, eff[it.id]);
      if (!isChoice(it) || !valued(l)) continue;
      const w = it.weight ?? 1;
      score += millionths(w, scoreOf(m, it, l));
      max += millionths(w, top);
      scored++;
    }
    s.total = { score: score / 1e6, max: max / 1e6, scored };
    const band = scored > 0 ? bandOf(m, s.total.score) : -1;
    if (band >= 0) s.total.band = band;
  }
  return s;
}

/** Direction is how an item's answer moved between two interviews. */
export type Direction = "better" | "same" | "worse";

/** direction returns how an item's answer moved from before to now:
 * by the levels' values where every level that counts has one (higher is
 * better, reversed on an item with negative polarity, as in the total),
 * else by the scale's order, which lists the best level first (reversed on
 * an item with negative polarity). There is none (undefined) for a text
 * item, for an answer that is missing or not a level of the scale, and for
 * a not-applicable answer: "N/A" is neither better nor worse than a level. */
export function direction(m: Model, it: Item, before: string | undefined, now: string | undefined): Direction | undefined {
  if (!isChoice(it)) return undefined;
  const b = level(m, before), n = level(m, now);
  if (!b || !n || b.notApplicable || n.notApplicable) return undefined;
  let diff: number;
  const counted = m.levels.filter((l) => !l.notApplicable);
  if (counted.every(valued) && valued(b) && valued(n)) {
    diff = scoreOf(m, it, n) - scoreOf(m, it, b); // higher is better
  } else {
    diff = m.levels.indexOf(b) - m.levels.indexOf(n); // earlier is better
    if (it.negative) diff = -diff;
  }
  return diff > 0 ? "better" : diff < 0 ? "worse" : "same";
}

/** coded reports whether answers to the form can be typed as codes: every
 * level that counts has a code (a CAT's A to F), so a Work Coach can copy
 * the previous interview's letters from the paper copy. */
export function coded(m: Model): boolean {
  const counted = m.levels.filter((l) => !l.notApplicable);
  return counted.length > 0 && counted.every((l) => !!l.code);
}

/** codeLevel returns the id of the level whose code is c, in any case and
 * ignoring spaces around it, or "" when no level has it. */
export function codeLevel(m: Model, c: string): string {
  const want = c.trim().toLowerCase();
  if (!want) return "";
  return m.levels.find((l) => l.code && l.code.toLowerCase() === want)?.id || "";
}

/** CodeProblem is what is wrong with the codes typed for a form's choice
 * items, first problem first. */
export interface CodeProblem {
  kind: "count" | "code";
  want: number; // the number of choice items
  got: number; // the number of codes typed
  at?: number; // "code": the place (from 1) of the first code not on the scale
  code?: string; // "code": that code, as typed
}

/** CodeResult is what codes typed for every choice item say: the answer
 * each valid code gives, in order, and the first problem, if any. */
export interface CodeResult {
  answers: Answers;
  problem?: CodeProblem;
}

/** splitCodes splits typed text into codes: at spaces, commas, semicolons
 * and slashes, or letter by letter when every code of the scale is one
 * character long ("BCADEBCFAB" is ten codes). */
export function splitCodes(m: Model, text: string): string[] {
  const single = m.levels.every((l) => !l.code || Array.from(l.code).length === 1);
  if (single) return Array.from(text.replace(/[\s,;/]+/g, ""));
  return text.split(/[\s,;/]+/).filter(Boolean);
}

/** readCodes reads the codes of the levels of every choice item, in the
 * form's order, from one line of text such as "BCADEBCFAB" (see
 * splitCodes). Empty text is no answers and no problem. The answers hold
 * each code that is on the scale, item by item, even when there is a
 * problem, so that what was typed so far can be shown. */
export function readCodes(m: Model, text: string): CodeResult {
  const items = m.items.filter(isChoice);
  const codes = splitCodes(m, text);
  const answers: Answers = {};
  let bad: CodeProblem | undefined;
  codes.forEach((c, i) => {
    const id = codeLevel(m, c);
    if (id && i < items.length) answers[items[i].id] = id;
    else if (!id && !bad) bad = { kind: "code", want: items.length, got: codes.length, at: i + 1, code: c };
  });
  if (codes.length > 0 && codes.length !== items.length) {
    return { answers, problem: { kind: "count", want: items.length, got: codes.length } };
  }
  return bad ? { answers, problem: bad } : { answers };
}
