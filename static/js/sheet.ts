// The printable sheet's screen controls: choose which top-level items or
// groups to print (all by default; ?areas=id,id preselects), share that
// choice as a link, and print; and widen the level columns that hold more
// descriptors so an area takes less of the page. Without JavaScript the
// whole sheet prints, with equal columns.

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

function setupSheet(): void {
  const sheet = document.querySelector<HTMLElement>("[data-sheet]");
  if (!sheet) return;
  balanceLevels(sheet);
  const printButton = sheet.querySelector<HTMLButtonElement>("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", () => window.print());
  }
  const choose = sheet.querySelector<HTMLFieldSetElement>("[data-choose]");
  if (!choose) return;
  const boxes = Array.from(choose.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
  const areas = Array.from(sheet.querySelectorAll<HTMLElement>("[data-area]"));
  const shareP = choose.querySelector<HTMLElement>("[data-share]");
  const shareCode = choose.querySelector<HTMLElement>("[data-share-url]");
  const params = new URLSearchParams(location.search);
  const wanted = (params.get("areas") || "").split(",").map((s) => s.trim()).filter(Boolean);
  if (wanted.length > 0) {
    const known = new Set(boxes.map((b) => b.value));
    if (wanted.some((w) => known.has(w))) {
      for (const b of boxes) b.checked = wanted.includes(b.value);
    }
  }
  const apply = (): void => {
    const chosen = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    for (const a of areas) a.classList.toggle("unchosen", !chosen.has(a.dataset.area || ""));
    const all = chosen.size === boxes.length;
    history.replaceState(null, "", sheetURL(location.href, all ? [] : Array.from(chosen)));
    if (shareP && shareCode) {
      shareP.hidden = all;
      shareCode.textContent = shareableSheetURL(location.href);
    }
  };
  for (const b of boxes) b.addEventListener("change", apply);
  choose.querySelector("[data-choose-all]")?.addEventListener("click", () => {
    for (const b of boxes) b.checked = true;
    apply();
  });
  choose.querySelector("[data-choose-none]")?.addEventListener("click", () => {
    for (const b of boxes) b.checked = false;
    apply();
  });
  choose.hidden = false;
  apply();
}

setupSheet();
