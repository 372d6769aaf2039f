// Export, import and comparison. An export is a file the browser downloads
// (Blob, object URL, a temporary <a download>): nothing is sent anywhere.
// An earlier JSON export can be read back and shown beside the answers on
// the form now, item by item ("distance travelled"). A form about a
// claimant neither exports nor imports: its earlier answers are typed from
// the paper copy, and compare shows them the same way.

import type { Model, Answers, Summary, Item } from "./engine";
import { levelName, summarise, direction } from "./engine";
import { el, fmt, table } from "./dom";
import { cap, Namer, totalWords } from "./summary";
import { FORMAT, VERSION } from "./format";

/** record is the JSON export of a form: its answers, and its summary with
 * the item and level names spelled out for people who read the file. */
export function record(m: Model, answers: Answers, notes: string, consent: boolean, s: Summary): object {
  const items = m.items.map((it) => {
    const a = s.answers[it.id] || "";
    return { id: it.id, number: it.number, title: it.title, answer: a, label: it.type === "text" ? a : a && levelName(m, it, a) };
  });
  return {
    format: FORMAT, version: VERSION, rubric: m.id, lang: m.lang, exported: new Date().toISOString(),
    answers, notes: m.rules.notes ? notes : undefined, consent: m.rules.consent ? consent : undefined, items, summary: s,
  };
}

/** csv returns the answers and summary as CSV, headed with the page's words. */
export function csv(m: Model, s: Summary, notes: string, notesLabel: string, W: DOMStringMap, name: Namer): string {
  const rows: string[][] = [[W.number || "", cap(W.itemTerm || ""), W.answer || ""]];
  const label = (id: string): string => {
    const it = m.items.find((t) => t.id === id);
    const a = s.answers[id] || "";
    return it && it.type !== "text" && a ? levelName(m, it, a) : a;
  };
  for (const it of m.items) rows.push([it.number || "", it.title, label(it.id)]);
  if (notesLabel) rows.push([], [notesLabel, notes]);
  if (s.blanked.length && W.blank) rows.push([], [W.blank], ...s.blanked.map((id) => ["", name(id)]));
  if (s.total) rows.push([], ...totalWords(m, s, W).map((w) => [w]));
  if (s.counts) {
    rows.push([], [W.counts || ""], [W.level || "", W.count || ""], ...s.counts.map((c) => [levelName(m, undefined, c.level), String(c.count)]));
    if (s.unanswered) rows.push([W.notAnswered || "", String(s.unanswered)]);
  }
  const lists = (group: string, ls: Summary["lists"]): void => {
    for (const l of ls) {
      rows.push([], group ? [group, l.title] : [l.title]);
      for (const id of l.items) rows.push(["", name(id), label(id)]);
      if (!l.items.length) rows.push(["", W.none || ""]);
    }
  };
  if (s.groups) for (const g of s.groups) lists(g.title, g.lists);
  else lists("", s.lists);
  // Quote every cell, and keep a spreadsheet from reading a cell as a formula.
  const cell = (c: string): string => '"' + (/^[=+\-@\t\r]/.test(c) ? "'" : "") + c.replace(/"/g, '""') + '"';
  return "\ufeff" + rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** download makes the browser save text as a file. */
export function download(file: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: file, hidden: "" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Earlier is an earlier export, read back. */
export interface Earlier {
  answers: Answers;
  exported: string;
}

/** parse reads an earlier JSON export of this form (or of the same form in
 * another language, whose items match id for id); null if it is not one. */
export function parse(m: Model, text: string): Earlier | null {
  let d: any;
  try {
    d = JSON.parse(text);
  } catch {
    return null;
  }
  if (!d || d.format !== FORMAT || !d.answers || typeof d.answers !== "object") return null;
  const ids = new Set(m.items.map((it) => it.id));
  const keys = Object.keys(d.answers);
  if (d.rubric !== m.id && !(keys.length && keys.every((k) => ids.has(k)))) return null;
  const answers: Answers = {};
  for (const k of keys) if (ids.has(k) && typeof d.answers[k] === "string") answers[k] = d.answers[k];
  return { answers, exported: String(d.exported || "") };
}

/** compare shows the answers of an earlier interview (before: a level id
 * for each choice item, as typed or read back from an export) beside the
 * answers now, item by item, with the direction each moved: better, worse
 * or no change, by the scale (engine.direction). intro says where the
 * earlier answers came from. */
export function compare(box: HTMLElement, m: Model, before: Answers, now: Summary, W: DOMStringMap, name: Namer, intro: string): void {
  const choices = m.items.filter((it) => it.type !== "text");
  const lab = (it: Item, a: string | undefined): string => (a ? levelName(m, it, a) : W.notAnswered || "");
  const dirs = choices.map((it) => direction(m, it, before[it.id], now.answers[it.id]));
  const compared = choices.map((it) => !!before[it.id] && !!now.answers[it.id]);
  const diff = choices.map((it, i) => compared[i] && before[it.id] !== now.answers[it.id]);
  const change = (i: number): string => {
    if (!compared[i]) return W.notCompared || "";
    const d = dirs[i];
    if (d === "better") return W.better || "";
    if (d === "worse") return W.worse || "";
    return (diff[i] ? W.changed : W.unchanged) || "";
  };
  const t = table(W.compareTitle || "", [cap(W.itemTerm || ""), W.earlier || "", W.now || "", W.change || ""],
    choices.map((it, i) => [name(it.id), lab(it, before[it.id]), lab(it, now.answers[it.id]), change(i)]), "compare-table");
  t.caption!.className = "visually-hidden";
  t.tBodies[0].querySelectorAll("tr").forEach((tr, i) => {
    if (diff[i]) tr.classList.add("changed");
    if (dirs[i] && dirs[i] !== "same") tr.dataset.direction = dirs[i];
  });
  const n = (d: string): number => dirs.filter((x) => x === d).length;
  const kids: Node[] = [
    el("h3", { tabindex: "-1" }, W.compareTitle || ""),
    el("p", null, intro, " ", fmt(W.changedCount || "", diff.filter(Boolean).length, choices.length), " ", fmt(W.directionCount || "", n("better"), n("worse"))),
    t,
  ];
  // The counts side by side only when every earlier answer is known.
  if (now.counts && choices.every((it) => before[it.id])) {
    const b = summarise(m, before);
    kids.push(table(W.counts || "", [W.level || "", W.earlier || "", W.now || ""],
      now.counts.map((c, i) => [levelName(m, undefined, c.level), String(b.counts![i].count), String(c.count)]), "counts"));
  }
  box.replaceChildren(...kids);
}
