// The team view of a rubric (/standards/<rubric>/team/): a Team Leader opens
// the files the form exported for the people in the team, and sees their
// levels side by side, how many people are at each level of each standard,
// and the standards the rubric's scoring lists take most often. The logic
// is assess/team.ts; this draws it with the page's words (#hb-words).
//
// Nothing leaves the browser, and nothing is kept: the files are read with
// File.text(), held in this script's memory and forgotten with the page.
// No storage, no URL, no request. A file that is not an export of this
// form is named in an error message, and what is open stays open.

import type { Model, Item } from "./assess/engine";
import { levelName } from "./assess/engine";
import { day, el, fmt } from "./assess/dom";
import { admit, cell, readExport, sizeProblem, tabulate, Person, Problem, Team, MAX_BYTES, MAX_FILES } from "./assess/team";
import { VERSION } from "./assess/format";
import { cap, namer } from "./assess/summary";

function setup(): void {
  const root = document.querySelector<HTMLElement>("[data-team]");
  const words = document.getElementById("hb-words");
  if (!root || !root.dataset.model || !words) return;
  const m: Model = JSON.parse(root.dataset.model);
  const W = words.dataset;
  const name = namer(m);
  const input = root.querySelector<HTMLInputElement>("#hb-team-files")!;
  const errorBox = root.querySelector<HTMLElement>("[data-team-errors]")!;
  const errorList = errorBox.querySelector<HTMLElement>("[data-team-error-list]")!;
  const status = root.querySelector<HTMLElement>("[data-team-status]")!;
  const result = document.querySelector<HTMLElement>("[data-team-result]")!;
  const people: Person[] = [];

  const problemWords = (file: string, p: Problem): string => {
    switch (p.kind) {
      case "size":
        return fmt(W.errorSize || "", file, Math.ceil(p.size / 1000), MAX_BYTES / 1000);
      case "empty":
        return fmt(W.errorEmpty || "", file);
      case "json":
        return fmt(W.errorJson || "", file);
      case "format":
        return fmt(W.errorFormat || "", file);
      case "version":
        return fmt(W.errorVersion || "", file, p.version, VERSION);
      case "rubric":
        return fmt(W.errorRubric || "", file, p.rubric);
      case "count":
        return fmt(W.errorCount || "", file, MAX_FILES);
      case "same":
        return fmt(W.errorSame || "", file);
    }
  };

  const showStatus = (): void => {
    status.textContent = people.length === 0 ? W.none || "" : people.length === 1 ? W.loadedOne || "" : fmt(W.loaded || "", people.length);
  };

  // The table: a row for each choice item, a column for each person, then
  // the number of people at each level.
  const drawTable = (team: Team): HTMLElement => {
    const head = (text: string, attrs?: Record<string, string>): HTMLElement => el("th", { scope: "col", ...attrs }, text);
    const levelHead = (i: number): HTMLElement => {
      const l = m.levels[i];
      return team.coded ? el("th", { scope: "col", class: "num" }, el("abbr", { title: l.label }, l.code || "")) : head(levelName(m, undefined, l.id), { class: "num" });
    };
    const t = el("table", { class: "team-table" }, el("caption", null, fmt(W.table || "", W.itemTerm || "")));
    t.append(
      el("thead", null,
        el("tr", null,
          el("td"),
          el("th", { scope: "colgroup", colspan: String(people.length) }, W.person || ""),
          el("th", { scope: "colgroup", colspan: String(m.levels.length), class: "num" }, W.counts || "")),
        el("tr", null,
          head(cap(W.itemTerm || "")),
          ...people.map((p) => head(p.name, { class: "person" })),
          ...m.levels.map((_, i) => levelHead(i)))));
    const body = el("tbody");
    for (const r of team.rows) {
      body.append(el("tr", null,
        el("th", { scope: "row" }, name(r.item.id)),
        ...r.levels.map((id) => answerCell(r.item, id)),
        ...r.counts.map((n) => el("td", { class: "num" }, String(n)))));
    }
    t.append(body);
    return el("div", { class: "table-scroll", tabindex: "0", role: "group", "aria-label": fmt(W.table || "", W.itemTerm || "") }, t);
  };
  const answerCell = (it: Item, id: string): HTMLElement => {
    if (!id) return el("td", { class: "answer none" }, el("span", { "aria-hidden": "true" }, "–"), el("span", { class: "visually-hidden" }, W.notAnswered || ""));
    const short = cell(m, it, id);
    const long = levelName(m, it, id);
    const td = el("td", { class: `answer level-${id}` }, short);
    if (short !== long) td.replaceChildren(el("span", { "aria-hidden": "true" }, short), el("span", { class: "visually-hidden" }, long));
    return td;
  };

  const draw = (): void => {
    showStatus();
    if (people.length === 0) {
      result.replaceChildren();
      result.hidden = true;
      return;
    }
    const team = tabulate(m, people.map((p) => p.answers));
    const kids: Node[] = [];
    // The files open, each with a button to remove it (not printed).
    kids.push(el("h2", { id: "hb-team-people" }, W.people || ""),
      el("ul", { class: "team-people", "aria-labelledby": "hb-team-people" }, ...people.map((p, i) => {
        const b = el("button", { type: "button", class: "secondary small" }, fmt(W.remove || "", p.name));
        b.addEventListener("click", () => {
          people.splice(i, 1);
          draw();
          (document.querySelector<HTMLElement>(".team-people button") || input).focus();
        });
        const when = day(p.exported, W.months || "");
        return el("li", null, el("span", { class: "team-person" }, p.name), when ? ` (${W.exported} ${when}) ` : " ", b);
      })));
    const clear = el("button", { type: "button", class: "secondary" }, W.clear || "");
    clear.addEventListener("click", () => {
      people.length = 0;
      draw();
      input.focus();
    });
    kids.push(el("p", { class: "team-actions" }, clear));
    kids.push(drawTable(team));
    if (team.coded) {
      kids.push(el("dl", { class: "team-key" }, ...m.levels.flatMap((l) => [el("dt", null, l.code || ""), el("dd", null, l.label)])));
    }
    // The standards each scoring list takes most often.
    for (const l of team.lists) {
      const id = `hb-team-list-${l.list.id}`;
      kids.push(el("h2", { id }, fmt(W.most || "", l.list.title)));
      if (l.items.length === 0) {
        kids.push(el("p", null, W.noneListed || ""));
        continue;
      }
      kids.push(el("ol", { class: "team-most", "aria-labelledby": id },
        ...l.items.map((r) => el("li", null, name(r.item.id), ": ", fmt(W.mostCount || "", r.count, team.people)))));
    }
    result.replaceChildren(...kids);
    result.hidden = false;
  };

  input.addEventListener("change", async () => {
    const files = Array.from(input.files || []);
    const problems: string[] = [];
    for (const f of files) {
      const big = sizeProblem(f.size);
      let p: Problem | undefined = big;
      if (!p) {
        let text = "";
        try {
          text = await f.text();
        } catch {
          p = { kind: "json" };
        }
        if (!p) p = admit(people, readExport(m, f.name, text));
      }
      if (p) problems.push(problemWords(f.name, p));
    }
    input.value = "";
    draw();
    if (problems.length) {
      errorList.replaceChildren(...problems.map((t) => el("li", null, t)));
      errorBox.hidden = false;
      errorBox.focus();
    } else {
      errorList.replaceChildren();
      errorBox.hidden = true;
    }
  });

  showStatus();
  root.hidden = false;
  document.querySelector("[data-js-needed]")?.setAttribute("hidden", "");
}

setup();
