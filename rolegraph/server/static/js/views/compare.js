// The compare view: two roles side by side, the article's comparison tables drawn from the graph.

import { api, compareTurtle, dataLinks, getJSON, iriFor, keyFor, roleHref } from "../api.js";
import { h, iriOf, labelOf, money, put } from "../dom.js";
import { errorBox, loading, preset, rolePairForm } from "../pickers.js";

function pick(data, name, side) {
  // The API may nest a facet per side ({focus: {a, b}}) or flatten it (a_focus, focus_a).
  const nested = data[name];
  if (nested && !Array.isArray(nested) && typeof nested === "object" && side in nested) {
    return nested[side];
  }
  return data[`${side}_${name}`] ?? data[`${name}_${side}`];
}

function items(value) {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** How many items a cell shows before "Show all": long lists made the view thousands of
 * pixels tall on a phone. */
const SHOWN = 8;

/** A list that shows its first SHOWN items and a button for the rest. */
function capped(all, className, draw, shown = SHOWN) {
  const list = h("ul", { class: className }, all.slice(0, shown).map(draw));
  if (all.length <= shown) return list;
  const toggle = h("button", { type: "button", class: "link-button", "aria-expanded": "false" }, `Show all ${all.length}`);
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    list.replaceChildren(...(open ? all.slice(0, shown) : all).map(draw));
    toggle.setAttribute("aria-expanded", String(!open));
    toggle.textContent = open ? `Show all ${all.length}` : "Show fewer";
  });
  return h("div", null, list, toggle);
}

function list(values) {
  const all = items(values);
  if (!all.length) return h("p", { class: "none" }, "None recorded.");
  // sentences (responsibilities, qualifications) take more room than chips
  return capped(all, "cell-list", (item) => h("li", null, labelOf(item)), 4);
}

function chipList(values, className = "chip") {
  const all = items(values);
  if (!all.length) return h("p", { class: "none" }, "None recorded.");
  return capped(all, "chips", (item) => h("li", { class: className }, labelOf(item)));
}

/** A side-by-side table: a row per aspect, a column per role; `both` rows span the two columns. */
function sideBySide(caption, a, b, rows) {
  return h(
    "table",
    { class: "versus" },
    h("caption", null, caption),
    h(
      "thead",
      null,
      h("tr", null, h("td", { class: "corner" }), h("th", { scope: "col" }, labelOf(a)), h("th", { scope: "col" }, labelOf(b))),
    ),
    h(
      "tbody",
      null,
      rows.map((row) =>
        "both" in row
          ? h("tr", { class: "both" }, h("th", { scope: "row" }, row.label), h("td", { colspan: "2" }, row.both))
          : h("tr", null, h("th", { scope: "row" }, row.label), h("td", null, row.a), h("td", null, row.b)),
      ),
    ),
  );
}

function percent(value) {
  return typeof value === "number" ? `${Math.round(value * (value <= 1 ? 100 : 1))}%` : "—";
}

function meter(value, label) {
  const bar = h("span", { class: "meter-fill" });
  if (typeof value === "number") bar.style.width = percent(value);
  return h(
    "div",
    { class: "meter-row" },
    h("span", { class: "meter-label" }, label),
    h("span", { class: "meter", role: "img", "aria-label": `${label}: ${percent(value)}` }, bar),
    h("span", { class: "meter-value" }, percent(value)),
  );
}

/** Pay as the source gives it: a range stays a range, a median says it is one. */
function salaryCell(value) {
  if (!value || typeof value !== "object") return h("p", { class: "none" }, "Not known.");
  const cur = value.currency || "USD";
  if (typeof value.min === "number" && typeof value.max === "number") {
    return h("p", null, `${money(value.min, cur)} to ${money(value.max, cur)} a year`);
  }
  if (typeof value.median === "number") return h("p", null, `Median ${money(value.median, cur)} a year`);
  if (typeof value.annual === "number") return h("p", null, `${money(value.annual, cur)} a year`);
  return h("p", { class: "none" }, "Not known.");
}

/** The level in O*NET's Job Zone words, as the role page and the command line say it. */
function levelCell(text) {
  if (!text) return h("p", { class: "none" }, "Not known.");
  return h("p", null, text.charAt(0).toUpperCase() + text.slice(1));
}

export async function compareView(container, { params, navigate, current }) {
  const keyA = params.get("a") || "";
  const keyB = params.get("b") || "";
  document.title = "Compare two roles · rolegraph";
  const { first, second, message, form } = rolePairForm({
    action: "/compare",
    ids: ["role-a", "role-b"],
    labels: ["First role", "Second role"],
    button: "Compare",
    missing: "Choose two roles to compare.",
    onPair: (a, b) =>
      navigate(`/compare?${new URLSearchParams({ a: keyFor(a.iri), b: keyFor(b.iri) })}`, {
        focus: "results",
      }),
  });
  const heading = h("h1", { tabindex: "-1" }, "Compare two roles");
  container.append(heading, h("p", { class: "lead" }, "See what two roles share and what only each needs."), form, message);
  // a slug reads as a name ("account-manager"); a code or an ESCO key waits for the role's label
  const readable = (key) => (!key || /[/:]/.test(key) ? null : iriFor(key));
  preset(first, readable(keyA));
  preset(second, readable(keyB));
  if (!keyA || !keyB) return;

  const results = h("section", { id: "results", "aria-labelledby": "results-title" }, loading("Comparing"));
  container.append(results);
  const iriA = iriFor(keyA);
  const iriB = iriFor(keyB);
  const url = api("compare", { a: iriA, b: iriB });
  let data;
  try {
    data = await getJSON(url);
  } catch (error) {
    if (current()) put(results, errorBox(error, (name) => `/?q=${encodeURIComponent(name)}`));
    return;
  }
  if (!current()) return;
  const a = data.a;
  const b = data.b;
  preset(first, a);
  preset(second, b);
  const title = `${labelOf(a)} vs. ${labelOf(b)}`;
  document.title = `${title} · rolegraph`;
  heading.textContent = title;

  const facet = (name) => ({ a: list(pick(data, name, "a")), b: list(pick(data, name, "b")) });
  const chipFacet = (name) => ({ a: chipList(pick(data, name, "a")), b: chipList(pick(data, name, "b")) });
  const shared = items(data.shared_skills);
  const onlyA = items(data.only_a_skills);
  const onlyB = items(data.only_b_skills);
  put(results, 
    h("h2", { id: "results-title", tabindex: "-1" }, "How they differ"),
    h(
      "div",
      { class: "overlap" },
      h("p", null, `They share ${shared.length} skill${shared.length === 1 ? "" : "s"}; ${labelOf(a)} alone needs ${onlyA.length}, ${labelOf(b)} alone needs ${onlyB.length}.`),
      meter(data.skill_overlap, "Skill overlap"),
      typeof data.weighted_skill_overlap === "number" ? meter(data.weighted_skill_overlap, "Weighted by importance") : null,
    ),
    h(
      "div",
      { class: "table-scroll" },
      sideBySide(`${title}: focus and ways of working`, a, b, [
        { label: "Focus", ...facet("focus") },
        { label: "Scope", ...facet("scope") },
        { label: "Communication", ...facet("communication") },
        { label: "Works with", ...facet("collaborators") },
        { label: "Tools", ...chipFacet("tools") },
        { label: "Industries", ...chipFacet("industries") },
        { label: "Level", a: levelCell(pick(data, "level", "a")), b: levelCell(pick(data, "level", "b")) },
        { label: "Typical pay", a: salaryCell(pick(data, "salary", "a")), b: salaryCell(pick(data, "salary", "b")) },
      ]),
    ),
    h(
      "div",
      { class: "table-scroll" },
      sideBySide(`${title}: skills`, a, b, [
        { label: "Shared skills", both: chipList(shared, "chip chip-shared") },
        { label: "Only this role", a: chipList(onlyA), b: chipList(onlyB) },
      ]),
    ),
    h(
      "div",
      { class: "table-scroll" },
      sideBySide(`${title}: qualifications`, a, b, [
        { label: "Shared", both: list(data.shared_qualifications) },
        { label: "Only this role", a: list(data.only_a_qualifications), b: list(data.only_b_qualifications) },
      ]),
    ),
    h(
      "div",
      { class: "table-scroll" },
      sideBySide(`${title}: responsibilities`, a, b, [
        { label: "Shared", both: list(data.shared_responsibilities) },
        { label: "Only this role", a: list(data.only_a_responsibilities), b: list(data.only_b_responsibilities) },
      ]),
    ),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button", href: roleHref(iriA) }, `About ${labelOf(a)}`),
      h("a", { class: "button", href: roleHref(iriB) }, `About ${labelOf(b)}`),
      h("a", { class: "button", href: `/compare?${new URLSearchParams({ a: keyB, b: keyA })}` }, "Swap sides"),
      h("a", { class: "button", href: `/route?${new URLSearchParams({ from: keyA, to: keyB })}` }, "Route between them"),
    ),
    dataLinks(url, compareTurtle(iriOf(a) || iriA, iriOf(b) || iriB)),
  );
}
