// The search page: the form, the results list and the keyboard.

import type { Registry } from "./registry";
import type { SearchResult, Segments } from "./results";

const LANG = /^[a-z]{2,3}(-[a-z0-9]+)*$/;

/** Fills in {n} and {q} in an interface string. */
function fill(s: string, n: number, q: string): string {
  return s.replace("{n}", String(n)).replace("{q}", q);
}

function appendSegments(el: HTMLElement, segs: Segments): void {
  for (const s of segs) {
    if (s.mark) {
      const m = document.createElement("mark");
      m.textContent = s.text;
      el.appendChild(m);
    } else {
      el.appendChild(document.createTextNode(s.text));
    }
  }
}

/** Wires the search page's form and results to reg. */
export function setupPage(reg: Registry): void {
  const form = document.querySelector<HTMLFormElement>("[data-search-form]");
  const input = document.querySelector<HTMLInputElement>("[data-search-input]");
  const list = document.querySelector<HTMLOListElement>("[data-search-results]");
  const status = document.querySelector<HTMLElement>("[data-search-count]");
  if (!form || !input || !list || !status) return;
  const words = list.dataset;
  const more = document.querySelector<HTMLButtonElement>("[data-search-more]");
  document.querySelectorAll<HTMLElement>("[data-js-needed]").forEach((el) => (el.hidden = true));
  form.hidden = false;

  const params = new URLSearchParams(location.search);
  const asked = params.get("lang") ?? "";
  const lang = LANG.test(asked) ? asked : list.dataset.lang || document.documentElement.lang || "en";

  // The links that search another language's index: shown here, with the
  // query typed so far, and the one searched now marked as current.
  const langLinks = Array.from(document.querySelectorAll<HTMLAnchorElement>("[data-search-lang]"));
  const langBox = document.querySelector<HTMLElement>("[data-search-langs]");
  const updateLangs = (q: string) => {
    for (const a of langLinks) {
      const u = new URL(a.href);
      if (q) u.searchParams.set("q", q);
      else u.searchParams.delete("q");
      a.href = u.toString();
      if (a.dataset.searchLang === lang) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
  };
  if (langBox && langLinks.length > 1) langBox.hidden = false;
  updateLangs(params.get("q") ?? "");

  let seq = 0;
  let shown = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current = "";

  const setURL = (q: string) => {
    const u = new URL(location.href);
    if (q) u.searchParams.set("q", q);
    else u.searchParams.delete("q");
    try {
      history.replaceState(null, "", u.toString());
    } catch {
      // Some browsers refuse to change a file:// URL; the search still works.
    }
  };

  const render = (res: SearchResult, append: boolean) => {
    if (!append) list.replaceChildren();
    for (const r of res.results) {
      const li = document.createElement("li");
      li.className = "search-result result-" + r.kind;
      const kind = document.createElement("span");
      kind.className = "result-kind";
      kind.textContent = words["kind" + r.kind.charAt(0).toUpperCase() + r.kind.slice(1)] || r.kind;
      const a = document.createElement("a");
      a.href = r.href;
      a.className = "result-link";
      appendSegments(a, r.title);
      const title = document.createElement("p");
      title.className = "result-title";
      title.append(kind, document.createTextNode(" "), a);
      li.appendChild(title);
      if (r.context) {
        const c = document.createElement("p");
        c.className = "result-context";
        c.textContent = r.context;
        li.appendChild(c);
      }
      if (r.snippet.length > 0) {
        const p = document.createElement("p");
        p.className = "result-snippet";
        appendSegments(p, r.snippet);
        li.appendChild(p);
      }
      list.appendChild(li);
    }
    shown = (append ? shown : 0) + res.results.length;
    const n = res.count;
    status.textContent =
      n === 0
        ? fill(words.countNone || "No results for “{q}”", n, res.query.trim())
        : fill((n === 1 ? words.countOne : words.countOther) || "{n} results", n, res.query.trim());
    if (more) more.hidden = shown >= n;
  };

  const run = async (q: string, append = false) => {
    const my = ++seq;
    current = q;
    if (!append) {
      setURL(q.trim());
      updateLangs(q.trim());
    }
    if (q.trim() === "") {
      list.replaceChildren();
      status.textContent = "";
      shown = 0;
      if (more) more.hidden = true;
      return;
    }
    try {
      const res = await reg.search(lang, q, { limit: 10, offset: append ? shown : 0 });
      if (my !== seq) return; // a newer query has started
      render(res, append);
    } catch {
      if (my !== seq) return;
      list.replaceChildren();
      status.textContent = words.error || "The search index could not be loaded.";
    }
  };

  const links = () => Array.from(list.querySelectorAll<HTMLAnchorElement>("a.result-link"));

  input.addEventListener("input", () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 100);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (timer !== undefined) clearTimeout(timer);
    run(input.value);
  });
  more?.addEventListener("click", () => {
    const first = shown;
    run(current, true).then(() => links()[first]?.focus());
  });
  const root = form.parentElement ?? document.body;
  root.addEventListener("keydown", (e) => {
    const ls = links();
    const at = ls.indexOf(document.activeElement as HTMLAnchorElement);
    switch (e.key) {
      case "ArrowDown":
        if (document.activeElement === input || at >= 0) {
          const next = ls[at + 1];
          if (next) {
            e.preventDefault();
            next.focus();
          }
        }
        break;
      case "ArrowUp":
        if (at > 0) {
          e.preventDefault();
          ls[at - 1].focus();
        } else if (at === 0) {
          e.preventDefault();
          input.focus();
        }
        break;
      case "Escape":
        if (document.activeElement === input || at >= 0) {
          e.preventDefault();
          input.value = "";
          input.focus();
          run("");
        }
        break;
    }
  });

  const q = params.get("q") ?? "";
  if (q) {
    input.value = q;
    run(q);
  } else {
    // Load the manifest while the user types the first word.
    reg.prepare(lang);
  }
}
