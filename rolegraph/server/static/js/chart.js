// The salary chart: one row per salary figure for a place, drawn as inline SVG on a shared scale.
// A distribution (percentiles) is drawn as a box: whiskers 10th-90th, box 25th-75th, a median line.
// A plain range (minimum to maximum, as the article gives) is drawn as a single bar.

import { h, money, shortMoney, svg } from "./dom.js";

const ROW = 72;
const TOP = 8;
const AXIS = 30;
const SIDE = 30;

function niceStep(span, target) {
  const raw = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
  return nice * power;
}

function figures(entry) {
  const pct = ["percentile10", "percentile25", "median", "percentile75", "percentile90"]
    .map((key) => entry[key])
    .filter((value) => typeof value === "number");
  const ends = [entry.min, entry.max, entry.mean].filter((value) => typeof value === "number");
  return [...pct, ...ends];
}

/** Whether the entry has a distribution (percentiles), not only a range or a single figure. */
export function isDistribution(entry) {
  return ["percentile10", "percentile25", "percentile75", "percentile90"].some(
    (key) => typeof entry[key] === "number",
  );
}

/** A one-line source label for an entry. */
export function sourceText(entry) {
  const source = entry.source_label || entry.source || "Unknown source";
  return entry.year ? `${source}, ${entry.year}` : String(source);
}

/** What a row shows, when a chart has several: the kind of figure and its source. */
function rowLabel(entry) {
  const kind = isDistribution(entry) ? "Percentiles" : typeof entry.min === "number" ? "Range" : "Median";
  const source = entry.source_label || "";
  return source ? `${kind} · ${source}` : kind;
}

/** Words that say what a chart row shows, for screen readers and as the chart's description. */
export function describeEntry(entry) {
  const cur = entry.currency || "USD";
  const parts = [];
  if (isDistribution(entry)) {
    const named = [
      ["percentile10", "10th percentile"],
      ["percentile25", "25th percentile"],
      ["median", "median"],
      ["percentile75", "75th percentile"],
      ["percentile90", "90th percentile"],
    ];
    for (const [key, name] of named) {
      if (typeof entry[key] === "number") parts.push(`${name} ${money(entry[key], cur)}`);
    }
  } else if (typeof entry.min === "number" && typeof entry.max === "number") {
    parts.push(`from ${money(entry.min, cur)} to ${money(entry.max, cur)}`);
  } else if (typeof entry.median === "number") {
    parts.push(`median ${money(entry.median, cur)}`);
  }
  if (typeof entry.mean === "number") parts.push(`mean ${money(entry.mean, cur)}`);
  return `${sourceText(entry)}: ${parts.join(", ")}`;
}

function placeLabels(labels, left, right) {
  // Keep labels apart: the median first, then the outer figures where they fit.
  const kept = [];
  for (const label of [...labels].sort((a, b) => a.priority - b.priority)) {
    const half = label.width / 2;
    const x = Math.min(Math.max(label.x, left + half), right - half);
    if (kept.every((other) => Math.abs(other.x - x) >= (other.width + label.width) / 2 + 6)) {
      kept.push({ ...label, x });
    }
  }
  return kept;
}

/** Shorten a label to fit ``room`` pixels of 14px text (the full text is in the table). */
function clip(text, room) {
  const fits = Math.max(8, Math.floor(room / 8.8));
  return text.length <= fits ? text : `${text.slice(0, fits - 1).trimEnd()}…`;
}

/** Draw the chart for salary entries that share a currency and period. */
export function salaryChart(entries, { width = 640, title = "Salary" } = {}) {
  const drawable = entries.filter((entry) => figures(entry).length > 0);
  const currency = drawable[0]?.currency || "USD";
  const values = drawable.flatMap(figures);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low *= 0.8;
    high *= 1.2;
  }
  const step = niceStep(high - low, width < 420 ? 3 : 5);
  low = Math.max(0, Math.floor((low - step * 0.25) / step) * step);
  high = Math.ceil((high + step * 0.25) / step) * step;
  const left = SIDE;
  const right = width - SIDE;
  const x = (value) => left + ((value - low) / (high - low)) * (right - left);
  const height = TOP + drawable.length * ROW + AXIS;
  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;

  const grid = [];
  const placedValues = [];
  for (let tick = low; tick <= high + step / 2; tick += step) {
    const tx = x(tick);
    // Gridlines run through each row's bar only, never through the words above and below it.
    drawable.forEach((_, index) => {
      const mid = TOP + index * ROW + 30;
      grid.push(svg("line", { class: "grid", x1: tx, x2: tx, y1: mid - 14, y2: mid + 14 }));
    });
  }

  const rows = drawable.map((entry, index) => {
    const mid = TOP + index * ROW + 30;
    const parts = [];
    const labels = [];
    const label = (value, priority) =>
      labels.push({ x: x(value), text: shortMoney(value, currency), width: 44, priority });
    if (isDistribution(entry)) {
      const lo = entry.percentile10 ?? entry.percentile25 ?? entry.min;
      const hi = entry.percentile90 ?? entry.percentile75 ?? entry.max;
      if (typeof lo === "number" && typeof hi === "number") {
        parts.push(svg("line", { class: "whisker", x1: x(lo), x2: x(hi), y1: mid, y2: mid }));
        for (const end of [lo, hi]) {
          parts.push(svg("line", { class: "whisker", x1: x(end), x2: x(end), y1: mid - 8, y2: mid + 8 }));
        }
        label(lo, 2);
        label(hi, 2);
      }
      const q1 = entry.percentile25 ?? entry.median;
      const q3 = entry.percentile75 ?? entry.median;
      if (typeof q1 === "number" && typeof q3 === "number") {
        parts.push(
          svg("rect", { class: "box", x: x(q1), y: mid - 12, width: Math.max(2, x(q3) - x(q1)), height: 24, rx: 3 }),
        );
        label(q1, 3);
        label(q3, 3);
      }
    } else if (typeof entry.min === "number" && typeof entry.max === "number") {
      parts.push(
        svg("rect", {
          class: "range",
          x: x(entry.min),
          y: mid - 10,
          width: Math.max(2, x(entry.max) - x(entry.min)),
          height: 20,
          rx: 10,
        }),
      );
      label(entry.min, 1);
      label(entry.max, 1);
    }
    if (typeof entry.median === "number") {
      parts.push(svg("line", { class: "median", x1: x(entry.median), x2: x(entry.median), y1: mid - 15, y2: mid + 15 }));
      label(entry.median, 0);
    }
    if (typeof entry.mean === "number") {
      const mx = x(entry.mean);
      parts.push(svg("path", { class: "mean", d: `M${mx} ${mid - 7}l6 7l-6 7l-6 -7z` }));
      if (typeof entry.median !== "number") label(entry.mean, 0);
    }
    const placed = placeLabels(labels, left, right);
    const texts = placed.map((item) =>
      svg("text", { class: "value", x: item.x, y: mid + 30, "text-anchor": "middle" }, item.text),
    );
    placedValues.push(...placed);
    return svg(
      "g",
      { class: "row" },
      drawable.length > 1
        ? svg("text", { class: "row-label", x: left, y: mid - 18 }, clip(rowLabel(entry), right - left))
        : null,
      parts,
      texts,
    );
  });
  // Axis ticks: a figure already printed on its row is not printed again on the axis.
  for (let tick = low; tick <= high + step / 2; tick += step) {
    const tx = x(tick);
    const text = shortMoney(tick, currency);
    if (placedValues.some((value) => value.text === text || Math.abs(value.x - tx) < 40)) continue;
    grid.push(svg("text", { class: "tick", x: tx, y: height - 8, "text-anchor": "middle" }, text));
  }

  return svg(
    "svg",
    {
      class: "salary-chart",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-labelledby": `${id}-title ${id}-desc`,
    },
    svg("title", { id: `${id}-title` }, title),
    svg("desc", { id: `${id}-desc` }, drawable.map(describeEntry).join(". ")),
    grid,
    rows,
  );
}

/** The exact figures beside the chart: a row per figure, a column per source. */
export function salaryTable(entries) {
  const rows = [
    ["min", "Minimum"],
    ["percentile10", "10th percentile"],
    ["percentile25", "25th percentile"],
    ["median", "Median"],
    ["percentile75", "75th percentile"],
    ["percentile90", "90th percentile"],
    ["max", "Maximum"],
    ["mean", "Mean"],
  ].filter(([key]) => entries.some((entry) => typeof entry[key] === "number"));
  // With one source the line below the table names it; with several, each column does.
  const heads = entries.length > 1 ? entries.map(sourceText) : ["Amount"];
  return h(
    "div",
    { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Salary figures" },
    h(
      "table",
      { class: "figures" },
      h(
        "thead",
        null,
        h("tr", null, h("th", { scope: "col" }, "Figure"), heads.map((name) => h("th", { scope: "col" }, name))),
      ),
      h(
        "tbody",
        null,
        rows.map(([key, name]) =>
          h(
            "tr",
            null,
            h("th", { scope: "row" }, name),
            entries.map((entry) =>
              h("td", null, typeof entry[key] === "number" ? money(entry[key], entry.currency || "USD") : "—"),
            ),
          ),
        ),
      ),
    ),
  );
}
