// The summary a person can act on: how many answers sit at each level, the
// total where the levels have values, the profile chart, and the scoring
// lists, overall or group by group. It shows only what the model's scoring
// asks for, with the page's words.

import type { Model, Summary, Tally, ListResult } from "./engine";
import { levelName, progress } from "./engine";
import { el, fmt, table, Kid } from "./dom";
import { profile } from "./chart";

/** Namer gives an item's display name, number first. */
export type Namer = (id: string) => string;

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** namer returns the display name of the model's items. */
export function namer(m: Model): Namer {
  return (id) => {
    const it = m.items.find((t) => t.id === id);
    return it ? (it.number ? it.number + " " : "") + it.title : id;
  };
}

function answerLabel(m: Model, s: Summary, id: string, W: DOMStringMap): string {
  const a = s.answers[id];
  return a ? levelName(m, m.items.find((t) => t.id === id), a) : W.notAnswered || "";
}

/** totalWords returns the sentences that give the total: the score out of
 * the highest it could be (or that no answer counts towards it yet), how
 * many items are out of it because they were left blank or answered "not
 * applicable", and the band the score falls in. */
export function totalWords(m: Model, s: Summary, W: DOMStringMap): string[] {
  const t = s.total;
  if (!t) return [];
  const out = [t.scored > 0 ? fmt(W.total || "", t.score, t.max) : W.totalNone || ""];
  if (s.unanswered > 0) out.push(fmt(W.totalBlank || "", s.unanswered));
  for (const l of m.levels) {
    if (!l.notApplicable) continue;
    const n = m.items.filter((it) => it.type !== "text" && s.answers[it.id] === l.id).length;
    if (n > 0) out.push(fmt(W.totalExcluded || "", n, levelName(m, undefined, l.id)));
  }
  const b = t.band !== undefined ? (m.scoring.bands || [])[t.band] : undefined;
  if (b) out.push(fmt(W.totalBand || "", b.label, b.min, b.max));
  return out;
}

// countName names a level in the counts table: its label, with its code
// when it has one that differs ("Best practice (BP)").
function countName(m: Model, id: string): string {
  const l = m.levels.find((l) => l.id === id)!;
  return l.code && l.code !== l.label ? `${l.label} (${l.code})` : l.label;
}

function list(m: Model, s: Summary, l: ListResult, W: DOMStringMap, name: Namer): Node {
  if (l.items.length === 0) return el("p", null, W.none || "");
  return el("ul", null, ...l.items.map((id) => el("li", null, el("a", { href: `#q-${id}-group` }, name(id)), ": ", answerLabel(m, s, id, W))));
}

/** written returns the answers to the text items among items, question
 * then answer, or null when none of them is answered. */
function written(s: Summary, items: Model["items"], name: Namer): HTMLElement | null {
  const kids = items
    .filter((it) => it.type === "text" && s.answers[it.id])
    .flatMap((it) => [el("dt", null, name(it.id)), el("dd", null, s.answers[it.id])]);
  return kids.length ? el("dl", { class: "written-answers" }, ...kids) : null;
}

/** render draws the summary into body. */
export function render(body: HTMLElement, m: Model, s: Summary, W: DOMStringMap, intros: Map<string, Element>, bandTexts?: Map<string, Element>): void {
  const name = namer(m);
  const out: Kid[] = [];
  const p = progress(m, s.answers);
  out.push(el("p", { class: "summary-progress" }, fmt(W.answered || "", s.answered, p.items)));
  if (s.blanked.length > 0 && W.blank) {
    out.push(el("p", null, W.blank), el("ul", null, ...s.blanked.map((id) => el("li", null, name(id)))));
  }
  if (s.total) {
    const [first, ...rest] = totalWords(m, s, W);
    out.push(el("p", { class: "summary-total" }, first), ...rest.map((w) => el("p", null, w)));
    const text = s.total.band !== undefined && bandTexts && bandTexts.get(String(s.total.band));
    if (text) {
      const c = text.cloneNode(true) as HTMLElement;
      c.hidden = false;
      c.removeAttribute("data-band-text");
      out.push(c);
    }
  }
  const intro = (id: string): HTMLElement | undefined => {
    const i = intros.get(id);
    if (!i) return;
    const c = i.cloneNode(true) as HTMLElement;
    c.hidden = false;
    c.removeAttribute("data-list-intro");
    return c;
  };
  const countRows = (t: Tally): Kid[][] => {
    const rows: Kid[][] = (t.counts || []).map((c) => [countName(m, c.level), String(c.count)]);
    if (t.unanswered > 0) rows.push([W.notAnswered || "", String(t.unanswered)]);
    return rows;
  };
  if (s.counts) out.push(table(W.counts || "", [W.level || "", W.count || ""], countRows(s), "counts"));
  if (s.profile) out.push(...profile(m, s, W, name, cap));
  const lists = (t: Tally, h: "h3" | "h4"): Kid[] =>
    t.lists.flatMap((l) => {
      const c = h === "h3" && intro(l.id);
      return c ? [el(h, null, l.title), c, list(m, s, l, W, name)] : [el(h, null, l.title), list(m, s, l, W, name)];
    });
  if (s.groups) {
    if (s.counts) {
      const head = [cap(W.groupTerm || ""), ...m.levels.map((l) => l.code || l.label)];
      if (s.unanswered > 0) head.push(W.notAnswered || "");
      const rows = s.groups.map((g) => {
        const r: Kid[] = [g.title, ...(g.counts || []).map((c) => String(c.count))];
        if (s.unanswered > 0) r.push(String(g.unanswered));
        return r;
      });
      out.push(table(W.countsGroup || "", head, rows, "counts by-group"));
    }
    for (const l of s.lists) {
      const c = intro(l.id);
      if (c) out.push(c);
    }
    // Group by group, the answers in the person's own words, then only
    // the lists that hold something: five challenges of "None" under every
    // list would hide the answers that matter. A group with nothing
    // answered says so.
    for (const g of s.groups) {
      const full = { ...g, lists: g.lists.filter((l) => l.items.length) };
      const items = m.items.filter((it) => (it.group || "") === g.id);
      const words = written(s, items, name);
      const answered = items.some((it) => s.answers[it.id] && !s.blanked.includes(it.id));
      const rest = full.lists.length ? lists(full, "h4") : words ? [] : [el("p", null, (answered ? W.none : W.notAnswered) || "")];
      out.push(el("h3", null, g.title), ...(words ? [words] : []), ...rest);
    }
  } else {
    const words = written(s, m.items, name);
    if (words) out.push(words);
    out.push(...lists(s, "h3"));
  }
  body.replaceChildren(...out);
}
