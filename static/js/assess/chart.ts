// The profile chart (scoring.chart: profile): each choice item's answer
// placed across the scale, drawn as SVG with createElementNS, followed by a
// table of the same data as its text alternative.

import type { Model, Summary } from "./engine";
import { levelName } from "./engine";
import { el, table } from "./dom";

const NS = "http://www.w3.org/2000/svg";

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, String(attrs[k]));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** profile returns the chart and its table, under a heading. */
export function profile(m: Model, s: Summary, W: DOMStringMap, itemName: (id: string) => string, cap: (s: string) => string): Node[] {
  const rows = s.profile || [];
  const n = m.levels.length;
  const left = 56, top = 36, colW = 64, rowH = 30;
  const width = left + n * colW + 8, height = top + rows.length * rowH + 8;
  const x = (i: number): number => left + i * colW + colW / 2;
  const y = (r: number): number => top + r * rowH + rowH / 2;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-labelledby": "hb-chart-alt", class: "profile-chart" });
  chart.append(svg("title", { id: "hb-chart-alt" }, W.chartAlt || ""));
  m.levels.forEach((l, i) => {
    chart.append(svg("line", { x1: x(i), x2: x(i), y1: top - 6, y2: height - 8, class: "chart-grid" }));
    chart.append(svg("text", { x: x(i), y: top - 14, "text-anchor": "middle", class: "chart-label" }, l.code || l.label));
  });
  chart.append(svg("line", { x1: left, x2: left, y1: top - 6, y2: height - 8, class: "chart-axis" }));
  let line: string[] = [];
  const flush = (): void => {
    if (line.length > 1) chart.append(svg("polyline", { points: line.join(" "), class: "chart-line" }));
    line = [];
  };
  rows.forEach((r, i) => {
    const it = m.items.find((t) => t.id === r.item);
    chart.append(svg("text", { x: left - 10, y: y(i) + 5, "text-anchor": "end", class: "chart-label" }, it?.number || String(i + 1)));
    if (r.index < 0) return flush();
    line.push(`${x(r.index)},${y(i)}`);
  });
  flush();
  rows.forEach((r, i) => {
    if (r.index >= 0) chart.append(svg("circle", { cx: x(r.index), cy: y(i), r: 7, class: "chart-dot" }));
  });
  const t = table(W.chart || "", [cap(W.itemTerm || ""), W.level || ""], rows.map((r) => [itemName(r.item), r.level ? levelName(m, m.items.find((t) => t.id === r.item), r.level) : W.notAnswered || ""]), "profile-table");
  t.caption!.className = "visually-hidden";
  return [el("h3", null, W.chart || ""), el("div", { class: "chart-wrap" }, chart as unknown as Node), t];
}
