// The self-assessment form of every rubric (/standards/<rubric>/assess/).
// The form's HTML is generated from the rubric's YAML; this script reads the
// rubric's JSON model from the form's data-model, scores it with the one
// engine (assess/engine.ts), and draws the summary. Every word it shows
// comes from the page (#hb-words, data-error), so a Welsh form is Welsh
// throughout.
//
// Nothing leaves the browser. A form about a claimant never touches
// localStorage, sessionStorage, IndexedDB or cookies: the code that does is
// only reached for the others, and only when the user presses "Save on this
// device".

import { Answers, Model, check, chars, progress, summarise, Problem } from "./assess/engine";
import { el, fmt, day } from "./assess/dom";
import { render, namer } from "./assess/summary";
import { record, csv, download, parse, compare, Earlier } from "./assess/io";

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
  const snapshot = (): string => JSON.stringify(read());
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
  const showErrors = (problems: Problem[]): void => {
    clearErrors();
    const links = problems.map((p) => {
      const base = p.kind === "required" ? `q-${p.item}` : `hb-${p.kind}`;
      const msg = $<HTMLElement>(`#${base}-error`)!;
      const target =
        p.kind === "required" ? fields(p.item!)[0] : p.kind === "consent" ? consentBox! : notesBox!;
      const text = msg.dataset.error || "";
      msg.replaceChildren(el("span", { class: "visually-hidden" }, (W.errorPrefix || "") + " "), text);
      msg.hidden = false;
      $(`#${base}-group`)?.classList.add("form-group-error");
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

  // The summary and the comparison with an earlier export.
  const draw = (): void => {
    const s = summarise(m, read().answers);
    render(body, m, s, W, intros, bandTexts);
    if (earlier) compare(compareBox, m, earlier, s, W, name);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const st = read();
    const problems = check(m, st.answers, st.consent, st.notes);
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
    clearErrors();
    section.hidden = true;
    body.replaceChildren();
    compareBox.replaceChildren();
    earlier = null;
    kept = snapshot();
    update(false);
    status.textContent = W.cleared || "";
  });

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
  action("print")?.addEventListener("click", () => window.print());
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
          status.textContent = fmt(W.restored || "", day(st.saved, m.lang));
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
