// The team view's logic (templates/team.html, static/js/team.ts): reading
// the files a form exported (io.ts record) and setting several people's
// answers side by side. It is pure, as the engine is: no DOM, no word of
// the interface, and no rubric known by its id; what is counted and
// listed comes from the model's scale and scoring lists.

import type { Model, Answers, Item, ScoreList } from "./engine";
import { summarise, onList, level, levelName } from "./engine";
import { FORMAT, VERSION } from "./format";

/** MAX_BYTES is the largest file the team view reads: an export of the
 * largest form is some tens of kilobytes. */
export const MAX_BYTES = 1_000_000;

/** MAX_FILES is how many files the team view holds at once. */
export const MAX_FILES = 100;

/** Person is one exported file, read: whom it is about (the file's name),
 * the answers, and when they were exported. */
export interface Person {
  name: string;
  answers: Answers;
  exported: string;
}

/** Problem is why a file cannot be read as an export of the form. */
export type Problem =
  | { kind: "size"; size: number } // larger than MAX_BYTES
  | { kind: "empty" }
  | { kind: "json" } // not JSON
  | { kind: "format" } // JSON, but not a form's export
  | { kind: "version"; version: string } // an export of another version
  | { kind: "rubric"; rubric: string } // an export of another form
  | { kind: "count" } // MAX_FILES are open already
  | { kind: "same" }; // this export is open already

/** Read is a file read: a person, or the problem that stopped it. */
export type Read = { person: Person; problem?: undefined } | { problem: Problem; person?: undefined };

/** personName names the person a file is about by the file's name, without
 * its .json: "alex.json" is "alex". */
export function personName(file: string): string {
  const n = file.replace(/\.json$/i, "").trim();
  return n || file;
}

/** sizeProblem returns the problem of a file of size bytes, before it is
 * read: too large to be an export. */
export function sizeProblem(size: number): Problem | undefined {
  return size > MAX_BYTES ? { kind: "size", size } : undefined;
}

/** readExport reads the text of the file named file as an export of the
 * form of model m: the format and version these scripts write, of this
 * form (its rubric id), with an object of answers. Only the answers to the
 * form's items are kept. */
export function readExport(m: Model, file: string, text: string): Read {
  if (!text.trim()) return { problem: { kind: "empty" } };
  let d: unknown;
  try {
    d = JSON.parse(text);
  } catch {
    return { problem: { kind: "json" } };
  }
  if (!d || typeof d !== "object" || Array.isArray(d)) return { problem: { kind: "format" } };
  const r = d as Record<string, unknown>;
  if (r.format !== FORMAT || typeof r.version !== "number") return { problem: { kind: "format" } };
  if (r.version !== VERSION) return { problem: { kind: "version", version: String(r.version) } };
  if (r.rubric !== m.id) return { problem: { kind: "rubric", rubric: typeof r.rubric === "string" ? r.rubric : "" } };
  const a = r.answers;
  if (!a || typeof a !== "object" || Array.isArray(a)) return { problem: { kind: "format" } };
  const answers: Answers = {};
  for (const it of m.items) {
    const v = (a as Record<string, unknown>)[it.id];
    if (typeof v === "string") answers[it.id] = v;
  }
  return { person: { name: personName(file), answers, exported: typeof r.exported === "string" ? r.exported : "" } };
}

/** same reports whether two files read are one export: the same name,
 * export time and answers. */
export function same(a: Person, b: Person): boolean {
  if (a.name !== b.name || a.exported !== b.exported) return false;
  const ka = Object.keys(a.answers), kb = Object.keys(b.answers);
  return ka.length === kb.length && ka.every((k) => a.answers[k] === b.answers[k]);
}

/** uniqueName returns name, or, when another person has it, name with the
 * first free number after it: "alex (2)". */
export function uniqueName(name: string, taken: string[]): string {
  if (!taken.includes(name)) return name;
  for (let i = 2; ; i++) {
    const n = `${name} (${i})`;
    if (!taken.includes(n)) return n;
  }
}

/** admit adds the file read to people, or returns why it cannot be: the
 * team view holds MAX_FILES, and an export opened twice is one person.
 * Two people whose files share a name are told apart by a number. */
export function admit(people: Person[], read: Read): Problem | undefined {
  if (read.problem) return read.problem;
  const p = read.person;
  if (people.some((q) => same(q, p))) return { kind: "same" };
  if (people.length >= MAX_FILES) return { kind: "count" };
  people.push({ ...p, name: uniqueName(p.name, people.map((q) => q.name)) });
  return undefined;
}

/** Row is one choice item of the form across the people: the level each
 * gave it ("" where none), in the people's order, and how many gave each
 * level of the scale, in the scale's order. */
export interface Row {
  item: Item;
  levels: string[];
  counts: number[];
}

/** Ranked is an item and how many people a scoring list takes it for. */
export interface Ranked {
  item: Item;
  count: number;
}

/** ListRank is a scoring list of the form (the development needs, the
 * answers marked "No") with the items it takes for the most people first,
 * each item it takes for at least one person. */
export interface ListRank {
  list: ScoreList;
  items: Ranked[];
}

/** Team is what the team view shows. */
export interface Team {
  people: number;
  coded: boolean; // the cells show the levels' codes (see coded)
  rows: Row[];
  lists: ListRank[];
}

/** coded reports whether every level of the scale has a code: then the
 * table shows codes (BP, OK, DN), which stay the same where an item
 * relabels a level ("Excellent"), and prints a key to them. */
export function coded(m: Model): boolean {
  return m.levels.length > 0 && m.levels.every((l) => !!l.code);
}

/** tabulate sets the answers of the people side by side: each person's
 * answers as their summary takes them (a blank recorded as the rule's
 * level), counted by level for each choice item, and ranked by each
 * scoring list. */
export function tabulate(m: Model, people: Answers[]): Team {
  const eff = people.map((a) => summarise(m, a).answers);
  const choices = m.items.filter((it) => it.type !== "text");
  const rows = choices.map((item) => {
    const levels = eff.map((a) => (level(m, a[item.id]) ? a[item.id] : ""));
    return { item, levels, counts: m.levels.map((l) => levels.filter((x) => x === l.id).length) };
  });
  const lists = (m.scoring.lists || []).map((list) => ({
    list,
    // sort is stable: items on the list for as many people stay in the form's order.
    items: choices
      .map((item) => ({ item, count: eff.filter((a) => onList(list, item, a[item.id] || "", m)).length }))
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count),
  }));
  return { people: people.length, coded: coded(m), rows, lists };
}

/** cell returns what the table shows for level id on item it: the level's
 * code on a coded scale, else its label as the item words it; "" for no
 * answer. */
export function cell(m: Model, it: Item, id: string): string {
  if (!id) return "";
  const l = level(m, id);
  if (!l) return "";
  return coded(m) ? l.code! : levelName(m, it, id);
}
