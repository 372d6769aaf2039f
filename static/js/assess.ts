// The self-assessment form of every rubric (/standards/<rubric>/assess/).
// The form's HTML is generated from the rubric's YAML; this script reads the
// rubric's JSON model from the form's data-model, scores it with the one
// engine (assess/engine.ts), and draws the summary. Every word it shows
// comes from the page (#hb-words, data-error), so a Welsh form is Welsh
// throughout.
//
// Nothing leaves the browser. A form about a claimant never touches
// localStorage, sessionStorage, IndexedDB or cookies, and offers no export
// and no import: printing is its only output (issue 16). The code that
// stores is only reached for the others, and only when the user presses
// "Save on this device". For the distance travelled, a claimant's form
// takes the previous interview's codes typed from the paper copy, kept in
// the page only.

import { Answers, Model, check, chars, progress, summarise, Problem, CodeProblem, readCodes, codeLevel, level } from "./assess/engine";
import { el, fmt, day } from "./assess/dom";
import { render, namer } from "./assess/summary";
import { record, csv, download, parse, compare, Earlier } from "./assess/io";

/** Shown is an error as the GOV.UK pattern shows it: in the error summary,
 * linking to its field, and above the field, whose group is marked. */
interface Shown {
  base: string; // the field's group is #<base>-group, its message #<base>-error
  target: HTMLElement;
  text: string;
}

interface State {
  answers: Answers;
  notes: string;
  consent: boolean;
}

function setup(): void {
  const form = document.getElementById("assess-form") as HTMLFormElement | null;
  const words = document.getElementById("hb-words");
  if (!form || !form.dataset.model || !words) return;
  const m: Model = JSON.parse(form.dataset.model);
  const W = words.dataset;
  const claimant = m.claimant || form.dataset.claimant !== "false";
  const name = namer(m);
  const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T | null => root.querySelector<T>(sel);
  const action = <T extends HTMLElement = HTMLButtonElement>(a: string): T | null => $<T>(`[data-action="${a}"]`);
  const notesBox = $<HTMLTextAreaElement>("#hb-notes");
  const consentBox = $<HTMLInputElement>("#hb-consent");
  const progressP = $("[data-progress]", form)!;
  const status = $("[data-save-status]", form)!;
  const errorBox = $("[data-error-summary]", form)!;
  const section = $("[data-summary]")!;
  const body = $("[data-summary-body]", section)!;
  const compareBox = $("[data-compare]", section)!;
  const intros = new Map<string, Element>();
  section.querySelectorAll<HTMLElement>("[data-list-intro]").forEach((e) => intros.set(e.dataset.listIntro || "", e));
  const bandTexts = new Map<string, Element>();
  section.querySelectorAll<HTMLElement>("[data-band-text]").forEach((e) => bandTexts.set(e.dataset.bandText || "", e));
  const fields = (id: string): NodeListOf<HTMLInputElement | HTMLTextAreaElement> => form.querySelectorAll(`[name="${id}"]`);
  // The previous interview's codes, typed (claimant forms with coded levels).
  const earlierBox = $("[data-earlier]", form);
  const earlierAll = earlierBox ? $<HTMLInputElement>("#hb-earlier-all", earlierBox) : null;
  const earlierEach = earlierBox ? Array.from(earlierBox.querySelectorAll<HTMLInputElement>("[data-earlier-item]")) : [];
  const title = document.title;
  let earlier: Earlier | null = null;

  const read = (): State => {
    const answers: Answers = {};
    for (const it of m.items) {
      for (const f of fields(it.id)) {
        if (f instanceof HTMLTextAreaElement ? f.value.trim() : (f as HTMLInputElement).checked) answers[it.id] = f.value;
      }
    }
    return { answers, notes: notesBox ? notesBox.value : "", consent: !!consentBox && consentBox.checked };
  };
  const write = (st: Partial<State>): void => {
    const a = st.answers || {};
    for (const it of m.items) {
      for (const f of fields(it.id)) {
        if (f instanceof HTMLTextAreaElement) f.value = a[it.id] || "";
        else (f as HTMLInputElement).checked = f.value === a[it.id];
      }
    }
    if (notesBox) notesBox.value = st.notes || "";
    if (consentBox) consentBox.checked = !!st.consent;
  };
  // What the form held when it was last empty or saved: leaving the page
  // with anything else on it asks first.
  const typed = (): string => (earlierAll ? earlierAll.value : "") + earlierEach.map((f) => f.value).join("");
  const snapshot = (): string => JSON.stringify(read()) + typed();
  let kept = snapshot();

  // Progress and the character count of the notes box.
  const count = $("[data-char-count]", form);
  const charStatus = $("[data-char-status]", form);
  const max = Number(notesBox?.dataset.maxlength || 0);
  let charTimer = 0;
  const charWords = (): string => {
    const left = max - chars(notesBox!.value);
    const n = Math.abs(left);
    return left >= 0 ? (n === 1 ? W.charsLeftOne : fmt(W.charsLeft || "", n)) || "" : (n === 1 ? W.charsOverOne : fmt(W.charsOver || "", n)) || "";
  };
  if (count && max) {
    $("#hb-notes-count")?.classList.add("visually-hidden");
    count.hidden = false;
  }
  const update = (typing: boolean): void => {
    const p = progress(m, read().answers);
    progressP.textContent = fmt(W.answered || "", p.answered, p.items);
    if (count && charStatus && max) {
      const over = chars(notesBox!.value) > max;
      count.textContent = charWords();
      count.classList.toggle("over", over);
      notesBox!.classList.toggle("textarea-error", over);
      // As GOV.UK's character count does, tell a screen reader the count
      // once typing pauses, not at every key (nor when the page loads).
      clearTimeout(charTimer);
      if (typing) charTimer = window.setTimeout(() => (charStatus.textContent = charWords()), 1000);
    }
  };

  // Errors, as the GOV.UK error summary pattern shows them.
  const clearErrors = (): void => {
    errorBox.hidden = true;
    document.title = title;
    form.querySelectorAll(".form-group-error").forEach((g) => g.classList.remove("form-group-error"));
    form.querySelectorAll<HTMLElement>(".error-message").forEach((p) => {
      p.hidden = true;
      p.replaceChildren();
    });
  };
  // Chromium follows a link on Enter's keydown, so the keypress that comes
  // after it lands on the field the error link focused, and Enter on a
  // field submits the form again. The key that followed a link is not the
  // user's Enter on the field: drop it.
  let jumped = false;
  form.addEventListener("keypress", (e) => jumped && e.key === "Enter" && e.preventDefault());
  const reset = (): void => void (jumped = false);
  document.addEventListener("keyup", reset);
  document.addEventListener("pointerdown", reset);
  const shown = (p: Problem): Shown => {
    const base = p.kind === "required" ? `q-${p.item}` : `hb-${p.kind}`;
    const target = p.kind === "required" ? fields(p.item!)[0] : p.kind === "consent" ? consentBox! : notesBox!;
    return { base, target, text: $<HTMLElement>(`#${base}-error`)!.dataset.error || "" };
  };
  // showError shows one error above its field, or hides it (text "").
  const showError = (base: string, text: string): void => {
    const msg = $<HTMLElement>(`#${base}-error`);
    if (!msg) return;
    if (text) msg.replaceChildren(el("span", { class: "visually-hidden" }, (W.errorPrefix || "") + " "), text);
    else msg.replaceChildren();
    msg.hidden = !text;
    $(`#${base}-group`)?.classList.toggle("form-group-error", !!text);
  };
  const showErrors = (problems: Shown[]): void => {
    clearErrors();
    const links = problems.map(({ base, target, text }) => {
      showError(base, text);
      const a = el("a", { href: "#" + target.id }, text);
      a.addEventListener("click", (e) => {
        e.preventDefault();
        jumped = true;
        // Show the question (legend or label), not only the input, then focus.
        (target.closest("fieldset, .form-group") || target).scrollIntoView();
        target.focus({ preventScroll: true });
      });
      return el("li", null, a);
    });
    $("[data-error-list]", errorBox)!.replaceChildren(...links);
    errorBox.hidden = false;
    document.title = `${W.errorPrefix} ${title}`;
    errorBox.focus();
  };

  // The previous interview's codes: one box for all of them ("BCADEBCFAB")
  // fills the box of each item, and the boxes of the items, all filled,
  // write the one box. Only codes on the scale are compared.
  const single = m.levels.every((l) => !l.code || Array.from(l.code).length === 1);
  const itemOf = (f: HTMLInputElement): string => f.dataset.earlierItem || "";
  const codeOf = (id: string): string => level(m, id)?.code || "";
  const codeWords = (p: CodeProblem): string =>
    p.kind === "count"
      ? fmt(W.earlierCount || "", p.want, W.itemTerm || "", p.got)
      : fmt(W.earlierCode || "", p.at || 0, p.code || "", W.codes || "");
  const allProblem = (): string => {
    if (!earlierAll || !earlierAll.value.trim()) return "";
    const p = readCodes(m, earlierAll.value).problem;
    return p ? codeWords(p) : "";
  };
  // "statement 3", or the item's title where it has no number.
  const shortName = (id: string): string => {
    const it = m.items.find((t) => t.id === id);
    return it && it.number ? `${W.itemTerm} ${it.number}` : name(id);
  };
  const itemProblem = (f: HTMLInputElement): string =>
    !f.value.trim() || codeLevel(m, f.value) ? "" : fmt(W.earlierItem || "", W.codes || "", shortName(itemOf(f)));
  const earlierProblems = (): Shown[] => {
    const out: Shown[] = [];
    const all = allProblem();
    if (all) out.push({ base: "hb-earlier-all", target: earlierAll!, text: all });
    for (const f of earlierEach) {
      const text = itemProblem(f);
      if (text) out.push({ base: `hb-earlier-${itemOf(f)}`, target: f, text });
    }
    return out;
  };
  const typedAnswers = (): Answers | null => {
    const a: Answers = {};
    for (const f of earlierEach) {
      const id = codeLevel(m, f.value);
      if (id) a[itemOf(f)] = id;
    }
    return Object.keys(a).length ? a : null;
  };
  earlierAll?.addEventListener("input", () => {
    const r = readCodes(m, earlierAll.value);
    for (const f of earlierEach) {
      f.value = codeOf(r.answers[itemOf(f)] || "");
      showError(f.id, "");
    }
    // A box in error is told again as soon as it is right.
    if (!allProblem()) showError("hb-earlier-all", "");
  });
  for (const f of earlierEach) {
    f.addEventListener("input", () => {
      if (!earlierAll) return;
      const ids = earlierEach.map((g) => codeLevel(m, g.value));
      earlierAll.value = ids.every(Boolean) ? ids.map(codeOf).join(single ? "" : " ") : "";
      showError("hb-earlier-all", "");
      if (!itemProblem(f)) showError(f.id, "");
    });
    // Told when the person leaves the box, not at every key.
    f.addEventListener("change", () => showError(f.id, itemProblem(f)));
  }
  earlierAll?.addEventListener("change", () => showError("hb-earlier-all", allProblem()));

  // The summary and the comparison with the previous interview: the codes
  // typed, or (not for a claimant) an earlier export.
  const draw = (): void => {
    const s = summarise(m, read().answers);
    render(body, m, s, W, intros, bandTexts);
    const before = typedAnswers();
    if (before) compare(compareBox, m, before, s, W, name, W.earlierIntro || "");
    else if (earlier) compare(compareBox, m, summarise(m, earlier.answers).answers, s, W, name, fmt(W.compareIntro || "", day(earlier.exported, W.months || "")));
    else if (earlierBox) compareBox.replaceChildren();
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const st = read();
    const problems = [...check(m, st.answers, st.consent, st.notes).map(shown), ...earlierProblems()];
    if (problems.length) {
      section.hidden = true;
      showErrors(problems);
      return;
    }
    clearErrors();
    draw();
    section.hidden = false;
    $<HTMLElement>("#hb-summary-title")!.focus();
  });
  const changed = (e: Event): void => {
    update(e.type === "input" && e.target === notesBox);
    if (!section.hidden) draw();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  action("clear")?.addEventListener("click", () => {
    write({});
    if (earlierAll) earlierAll.value = "";
    for (const f of earlierEach) f.value = "";
    clearErrors();
    section.hidden = true;
    body.replaceChildren();
    compareBox.replaceChildren();
    earlier = null;
    kept = snapshot();
    update(false);
    status.textContent = W.cleared || "";
  });

  action("print")?.addEventListener("click", () => window.print());

  // Export and import: never for a claimant's answers. The page offers
  // neither control then, and this code is not reached either.
  if (!claimant) {
    action("export-json")?.addEventListener("click", () => {
      const st = read();
      const rec = record(m, st.answers, st.notes, st.consent, summarise(m, st.answers));
      download(`${m.id}-${new Date().toISOString().slice(0, 10)}.json`, "application/json", JSON.stringify(rec, null, 2) + "\n");
    });
    action("export-csv")?.addEventListener("click", () => {
      const st = read();
      const label = notesBox ? $(`label[for="hb-notes"]`)?.textContent || "" : "";
      download(`${m.id}-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv", csv(m, summarise(m, st.answers), st.notes, label, W, name));
    });
    const importInput = action<HTMLInputElement>("import");
    importInput?.addEventListener("change", async () => {
      const file = importInput.files && importInput.files[0];
      if (!file) return;
      earlier = parse(m, await file.text());
      importInput.value = "";
      if (!earlier) {
        compareBox.replaceChildren(el("p", { class: "error-message", role: "alert" }, W.importError || ""));
        return;
      }
      draw();
      $<HTMLElement>("h3", compareBox)?.focus();
    });
  }

  // Saving on this device: never for a claimant's answers.
  if (!claimant) {
    const key = "handbook-assess:" + m.id;
    const save = action("save");
    const del = action("delete");
    let store: Storage | null = null;
    try {
      store = window.localStorage;
    } catch {
      // Storage can be refused (privacy settings): the form works without it.
    }
    if (store && save && del) {
      const saved = store.getItem(key);
      if (saved) {
        try {
          const st = JSON.parse(saved);
          write(st);
          status.textContent = fmt(W.restored || "", day(st.saved, W.months || ""));
          del.hidden = false;
        } catch {
          store.removeItem(key);
        }
      }
      save.hidden = false;
      save.addEventListener("click", () => {
        try {
          store!.setItem(key, JSON.stringify({ saved: new Date().toISOString(), ...read() }));
          kept = snapshot();
          del.hidden = false;
          status.textContent = W.saved || "";
        } catch {
          status.textContent = W.saveFailed || "";
        }
      });
      del.addEventListener("click", () => {
        store!.removeItem(key);
        del.hidden = true;
        kept = "";
        status.textContent = W.deleted || "";
        save.focus();
      });
      kept = snapshot();
    }
  }

  window.addEventListener("beforeunload", (e) => {
    const st = read();
    const empty = !Object.keys(st.answers).length && !st.notes.trim();
    if (!empty && snapshot() !== kept) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  update(false);
  form.hidden = false;
  $("[data-js-needed]")?.setAttribute("hidden", "");
}

setup();
