// Bar charts for the reports, drawn as SVG from numbers the program sends.
// A chart is for looking; the same numbers stand beside it as a table (the
// text alternative a screen reader reads, and what a person copies), and
// every bar carries its figure as text, so nothing is told by length or
// colour alone.
import { h } from "./dom.js";
import { t } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const child of children.flat()) {
    if (child == null) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * A vertical bar chart. `bars` are {label, value, text}: `value` sets the
 * height, `text` is the figure written on the bar («3», «75 %»). `columns`
 * and `rows` make the table beside it; `summary` is the chart's accessible
 * name. The figure's id is `id`, the table's `${id}-table`.
 */
export function barChart({ id, title, summary, bars, max, columns, rows }) {
  const width = Math.max(360, bars.length * 44);
  const height = 180;
  const top = 18;
  const bottom = 34;
  const plot = height - top - bottom;
  const top_ = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const step = width / bars.length;
  const barWidth = Math.min(28, step * 0.6);
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, width: "100%", height, role: "img", "aria-label": summary, class: "bar-chart", preserveAspectRatio: "xMinYMin meet" },
    svg("line", { x1: 0, y1: top + plot, x2: width, y2: top + plot, class: "axis" }),
    bars.map((b, i) => {
      const x = i * step + (step - barWidth) / 2;
      const barHeight = b.value > 0 ? Math.max(2, (b.value / top_) * plot) : 0;
      const y = top + plot - barHeight;
      return svg(
        "g",
        { class: "bar" },
        svg("rect", { x, y, width: barWidth, height: barHeight }),
        svg("text", { x: x + barWidth / 2, y: y - 4, "text-anchor": "middle", class: "figure" }, b.text),
        svg("text", { x: x + barWidth / 2, y: top + plot + 14, "text-anchor": "middle", class: "label" }, b.label),
      );
    }),
  );
  return h(
    "figure",
    { class: "chart", id },
    h("figcaption", { text: title }),
    chart,
    h(
      "details",
      { class: "chart-table" },
      h("summary", { text: t("chart.showTable") }),
      h(
        "table",
        { class: "data compact", id: `${id}-table` },
        h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", text: c })))),
        h("tbody", {}, rows.map((r) => h("tr", {}, r.map((cell) => h("td", { text: String(cell) }))))),
      ),
    ),
  );
}
