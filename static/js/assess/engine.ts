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
}

/** Item is a standard, statement or question. */
export interface Item {
  id: string;
  title: string;
  number?: string;
  type: string; // "choice" | "text"
  group?: string; // the top-level group it is in
  negative?: boolean;
  labels?: Record<string, string>;
}

/** ScoreList is a list of items the summary shows. */
export interface ScoreList {
  id: string;
  title: string;
  levels: string[];
  negativeLevels?: string[];
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
  scoring: { counts?: boolean; byGroup?: boolean; total?: boolean; chart?: string; lists?: ScoreList[] };
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
  unanswered: number; // choice items with no answer
  lists: ListResult[];
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
  total?: { score: number; max: number }; // only when scoring.total and every level has a value
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
 * levels, or its negativeLevels for items with negative polarity. */
export function onList(l: ScoreList, it: Item, answer: string): boolean {
  const levels = it.negative ? l.negativeLevels || [] : l.levels;
  return answer !== "" && levels.includes(answer);
}

function tally(m: Model, items: Item[], answers: Answers): Tally {
  const t: Tally = { unanswered: 0, lists: [] };
  const choices = items.filter(isChoice);
  if (m.scoring.counts) {
    t.counts = m.levels.map((l) => ({ level: l.id, count: choices.filter((it) => answers[it.id] === l.id).length }));
  }
  t.unanswered = choices.filter((it) => !answers[it.id]).length;
  t.lists = (m.scoring.lists || []).map((l) => ({
    id: l.id,
    title: l.title,
    items: choices.filter((it) => onList(l, it, answers[it.id] || "")).map((it) => it.id),
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
  if (sc.total && m.levels.length > 0 && m.levels.every((l) => typeof l.value === "number")) {
    let score = 0;
    for (const it of m.items) if (isChoice(it) && eff[it.id]) score += level(m, eff[it.id])!.value!;
    s.total = { score, max: s.choices * Math.max(...m.levels.map((l) => l.value!)) };
  }
  return s;
}
