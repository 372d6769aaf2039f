// The printable sheet's screen controls: choose which top-level items or
// groups to print (all by default; ?areas=id,id preselects), share that
// choice as a link, and print; and widen the level columns that hold more
// descriptors so an area takes less of the page. An ?areas= naming parts
// the sheet does not have is said on the sheet, on screen and on paper,
// rather than silently printing everything. Without JavaScript the whole
// sheet prints, with equal columns.

import { fmt } from "./assess/dom";

/**
 * sheetURL returns href with ?areas= naming the chosen ids (none: no
 * parameter), commas left readable as the links trainers share them
 * ("?areas=active-listening,questioning"); other parameters are kept.
 */
export function sheetURL(href: string, ids: string[]): string {
  const u = new URL(href);
  u.searchParams.delete("areas");
  let search = u.searchParams.toString();
  if (ids.length > 0) {
    const areas = "areas=" + ids.map(encodeURIComponent).join(",");
    search = search ? search + "&" + areas : areas;
  }
  // The URL serializer leaves commas in a query as they are.
  u.search = search ? "?" + search : "";
  return u.toString();
}

/**
 * shareableSheetURL is the address to share: over http(s) without
 * "index.html", as servers answer a folder; from a file, unchanged, since a
 * folder's address does not open its index.html there.
 */
export function shareableSheetURL(href: string): string {
  const u = new URL(href);
  u.hash = "";
  if (u.protocol === "http:" || u.protocol === "https:") {
    u.pathname = u.pathname.replace(/index\.html$/, "");
  }
  return u.toString();
}

/**
 * areasAsked returns the ids an ?areas= parameter of the query search
 * names, in order, without blanks and repeats; none when there is none.
 */
export function areasAsked(search: string): string[] {
  const v = new URLSearchParams(search).get("areas") || "";
  return Array.from(new Set(v.split(",").map((s) => s.trim()).filter(Boolean)));
}

/**
 * areasMessage returns what the sheet says of the ids asked for that are
 * not among known (empty when all are known, or none was asked): which ones
 * they are, and whether the sheet prints whole or only the others. With no
 * choice to make (known is null), any id asked for is said to be ignored.
 */
export function areasMessage(asked: string[], known: Set<string> | null, W: DOMStringMap): string {
  const quote = (ids: string[]): string => ids.map((id) => `“${id}”`).join(", ");
  if (!known) return asked.length ? fmt(W.noChoice || "", quote(asked)) : "";
  const unknown = asked.filter((id) => !known.has(id));
  if (!unknown.length) return "";
  const rest = unknown.length < asked.length;
  return fmt(W.unknown || "", W.parts || "", quote(unknown)) + " " + ((rest ? W.rest : W.whole) || "");
}

/** The narrowest a level's column may be, as a share of its table. */
const minColumnShare = 0.22;

/**
 * columnShares returns the share of the table's width each column gets so
 * that columns holding more text are wider and all end at about the same
 * height: shares follow the amount of text, but none is below min.
 */
export function columnShares(lengths: number[], min: number = minColumnShare): number[] {
  const n = lengths.length;
  if (n === 0) return [];
  if (min * n >= 1) return lengths.map(() => 1 / n);
  const shares: number[] = new Array(n).fill(0);
  const fixed = new Set<number>();
  // Give the columns below the minimum the minimum, then share the rest in
  // proportion to the text of the others, until none is below it.
  for (;;) {
    const free = lengths.map((_, i) => i).filter((i) => !fixed.has(i));
    const left = 1 - fixed.size * min;
    const total = free.reduce((s, i) => s + Math.max(lengths[i], 1), 0);
    let changed = false;
    for (const i of free) {
      shares[i] = (left * Math.max(lengths[i], 1)) / total;
      if (shares[i] < min) {
        fixed.add(i);
        shares[i] = min;
        changed = true;
      }
    }
    if (!changed) return shares;
  }
}

/**
 * balanceLevels widens the level columns of each descriptor table that hold
 * more descriptors, so that a skills area takes less height on the page and
 * one area prints on one sheet of A4. Without JavaScript the columns are
 * equal, and the sheet still prints whole.
 */
function balanceLevels(sheet: HTMLElement): void {
  for (const table of Array.from(sheet.querySelectorAll<HTMLTableElement>("table.sheet-levels"))) {
    const heads = Array.from(table.tHead?.rows[0]?.cells ?? []);
    const cells = Array.from(table.tBodies[0]?.rows[0]?.cells ?? []);
    if (heads.length < 2 || heads.length !== cells.length) continue;
    const shares = columnShares(cells.map((c) => (c.textContent || "").trim().length));
    heads.forEach((h, i) => {
      h.style.width = `${(shares[i] * 100).toFixed(2)}%`;
    });
  }
}

/**
 * mirrorRunning copies what is typed in each running field of the sheet
 * into the text beside it, which print shows instead: the sheet's header is
 * repeated on every printed page, but Chromium paints a field's value on
 * the first only. Nothing typed is stored.
 */
function mirrorRunning(sheet: HTMLElement): void {
  for (const copy of Array.from(sheet.querySelectorAll<HTMLElement>("[data-copy-of]"))) {
    const input = document.getElementById(copy.dataset.copyOf || "") as HTMLInputElement | null;
    if (!input) continue;
    const sync = (): void => void (copy.textContent = input.value);
    input.addEventListener("input", sync);
    // A value the browser put back (on going back to the page) is copied too.
    sync();
  }
}

function setupSheet(): void {
  const sheet = document.querySelector<HTMLElement>("[data-sheet]");
  if (!sheet) return;
  balanceLevels(sheet);
  mirrorRunning(sheet);
  const printButton = sheet.querySelector<HTMLButtonElement>("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", () => window.print());
  }
  const choose = sheet.querySelector<HTMLFieldSetElement>("[data-choose]");
  const warning = sheet.querySelector<HTMLElement>("[data-areas-error]");
  const asked = areasAsked(location.search);
  const warn = (text: string): void => {
    if (!warning) return;
    warning.textContent = text;
    warning.hidden = !text;
  };
  if (!choose) {
    warn(areasMessage(asked, null, warning?.dataset || {}));
    return;
  }
  const boxes = Array.from(choose.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
  const areas = Array.from(sheet.querySelectorAll<HTMLElement>("[data-area]"));
  const shareP = choose.querySelector<HTMLElement>("[data-share]");
  const shareCode = choose.querySelector<HTMLElement>("[data-share-url]");
  const known = new Set(boxes.map((b) => b.value));
  if (asked.some((w) => known.has(w))) {
    for (const b of boxes) b.checked = asked.includes(b.value);
  }
  warn(areasMessage(asked, known, warning?.dataset || {}));
  const apply = (): void => {
    const chosen = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    for (const a of areas) a.classList.toggle("unchosen", !chosen.has(a.dataset.area || ""));
    // One area alone prints a little tighter, to fit one page (main.css).
    sheet.classList.toggle("one-area", chosen.size === 1 && boxes.length > 1);
    const all = chosen.size === boxes.length;
    history.replaceState(null, "", sheetURL(location.href, all ? [] : Array.from(chosen)));
    if (shareP && shareCode) {
      shareP.hidden = all;
      shareCode.textContent = shareableSheetURL(location.href);
    }
  };
  // Once the user chooses, the sheet is what they chose: the link's
  // message no longer applies.
  const chosen = (): void => {
    warn("");
    apply();
  };
  for (const b of boxes) b.addEventListener("change", chosen);
  choose.querySelector("[data-choose-all]")?.addEventListener("click", () => {
    for (const b of boxes) b.checked = true;
    chosen();
  });
  choose.querySelector("[data-choose-none]")?.addEventListener("click", () => {
    for (const b of boxes) b.checked = false;
    chosen();
  });
  choose.hidden = false;
  apply();
}

setupSheet();
