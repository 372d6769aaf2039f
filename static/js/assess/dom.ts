// Small DOM helpers of the form's script. Elements are built with
// createElement and attributes, never innerHTML or style, so the page's
// Content-Security-Policy holds and no answer is ever parsed as markup.

export type Kid = Node | string;

/** el makes an element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string> | null, ...kids: Kid[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  e.append(...kids);
  return e;
}

/** fmt fills each %d or %s of a word in turn. */
export function fmt(s: string, ...a: (string | number)[]): string {
  let i = 0;
  return s.replace(/%[ds]/g, () => String(a[i++]));
}

/** table makes a table with a caption, a header row and rows whose first
 * cell is a row header. */
export function table(caption: string, head: string[], rows: Kid[][], cls?: string): HTMLTableElement {
  const t = el("table", cls ? { class: cls } : null, el("caption", null, caption));
  t.append(el("thead", null, el("tr", null, ...head.map((h) => el("th", { scope: "col" }, h)))));
  const body = el("tbody");
  for (const r of rows) {
    body.append(el("tr", null, ...r.map((c, i) => (i ? el("td", null, c) : el("th", { scope: "row" }, c)))));
  }
  t.append(body);
  return t;
}

/** day writes the date of a timestamp as GOV.UK writes dates ("24 November
 * 2026"), with months, the month names of the page's language from
 * January, separated by "|" (the page's data-months); "" when iso is not a
 * time, or the page gives no names. */
export function day(iso: string, months: string): string {
  const d = new Date(iso);
  const names = months.split("|");
  if (!iso || isNaN(d.getTime()) || names.length !== 12) return "";
  return `${d.getDate()} ${names[d.getMonth()]} ${d.getFullYear()}`;
}
