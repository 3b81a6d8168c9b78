// The route view: from my current role to my dream role, the best routes as a path diagram.

import { api, dataLinks, getJSON, iriFor, keyFor, roleHref, routeTurtle } from "../api.js";
import { chips, h, iriOf, labelOf, money, put } from "../dom.js";
import { errorBox, loading, preset, rolePairForm } from "../pickers.js";
import { normaliseWhere, regionName, whereParam } from "../regions.js";
import { whereSelect } from "./home.js";

/** "+$12,000 a year" / "−$3,000" / null for a pay change given as a number or an object. */
export function payText(change) {
  if (change === null || change === undefined) return null;
  if (typeof change === "string") return change;
  let amount = change;
  let currency = "USD";
  let extra = "";
  if (typeof change === "object") {
    amount = change.change ?? change.amount ?? change.delta;
    currency = change.currency || currency;
    if (typeof change.percent === "number") {
      extra = ` (${change.percent > 0 ? "+" : change.percent < 0 ? "−" : "±"}${Math.abs(change.percent)}%)`;
    }
    if (typeof change.from === "number" && typeof change.to === "number") {
      extra += `, from ${money(change.from, currency)} to ${money(change.to, currency)} a year`;
    }
  }
  if (typeof amount !== "number") return null;
  const sign = amount > 0 ? "+" : amount < 0 ? "−" : "±";
  return `${sign}${money(Math.abs(amount), currency)}${extra}`;
}

function stop(role, where, also = []) {
  return h(
    "li",
    { class: `stop stop-${where}` },
    h("span", { class: "dot", "aria-hidden": "true" }),
    h("a", { class: "stop-name", href: roleHref(iriOf(role)) }, labelOf(role)),
    also.length
      ? h("span", { class: "also" }, also.map((other) => `also called ${labelOf(other)} in ${other.in}`).join("; "))
      : null,
  );
}

/** "job zone 2 → 3" / "job zone 4" / null. */
function zoneText(zone) {
  if (!zone || zone.from == null || zone.to == null) return null;
  return zone.from === zone.to ? `Job zone ${zone.to}` : `Job zone ${zone.from} → ${zone.to}`;
}

/** Whose figures a pay change rests on, when not the roles' own: "US figure for …". */
function figureText(change) {
  if (!change || typeof change !== "object") return null;
  const figure = change.to_figure;
  if (figure && figure !== change.region) return figure;
  return change.region && change.region !== "US" ? change.region : null;
}

/** A skill's name in one casing, as the text output writes it. */
function skillName(label) {
  return String(label)
    .split(" ")
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
    .join(" ");
}

const SHOWN_SKILLS = 5;

function skillList(gain) {
  const shown = gain.slice(0, SHOWN_SKILLS).map((skill) => ({ ...skill, label: skillName(labelOf(skill)) }));
  return [
    chips(shown, { className: "chip chip-gain" }),
    gain.length > SHOWN_SKILLS ? h("p", { class: "hint" }, `and ${gain.length - SHOWN_SKILLS} more`) : null,
  ];
}

function move(step) {
  const pay = payText(step.pay_change);
  const figure = figureText(step.pay_change);
  const gain = step.skills_to_gain || [];
  const overlap = typeof step.skill_overlap === "number" ? step.skill_overlap : step.similarity;
  const facts = [
    typeof overlap === "number" ? `${Math.round(overlap * 100)}% skill overlap` : null,
    zoneText(step.job_zone),
  ].filter(Boolean);
  return h(
    "li",
    { class: "move" },
    h("span", { class: "visually-hidden" }, `Move to ${labelOf(step.to)}: `),
    step.move ? h("span", { class: "badge" }, step.move) : null,
    step.basis ? h("span", { class: "basis" }, ` ${step.basis}`) : null,
    h(
      "div",
      { class: "move-detail" },
      facts.length ? h("p", { class: "facts" }, facts.join(" · ")) : null,
      step.barrier
        ? h("p", { class: "barrier", role: "note" }, `Barrier: ${step.barrier.text}`, step.barrier.detail ? ` (${step.barrier.detail})` : "")
        : null,
      h("p", { class: "move-label" }, gain.length ? `Skills to gain (${gain.length})` : "No new skills needed"),
      gain.length ? skillList(gain) : null,
      h(
        "p",
        { class: !pay ? "pay pay-unknown" : pay.startsWith("−") ? "pay pay-down" : "pay" },
        "Change in pay: ",
        pay || "not known",
        figure ? h("span", { class: "figure" }, ` (${figure})`) : null,
      ),
    ),
  );
}

/** A route as a path: stops (roles) joined by moves (what to gain, how pay changes). */
export function routeDiagram(route, index, start) {
  const steps = route.steps || [];
  const nodes = [];
  steps.forEach((step, position) => {
    if (position === 0) {
      const also = route.start_also_called || [];
      nodes.push(also.length && start ? stop(start, "start", also) : stop(step.from, "start"));
    }
    nodes.push(move(step));
    nodes.push(stop(step.to, position === steps.length - 1 ? "end" : "via", step.also_called || []));
  });
  const count = typeof route.moves === "number" ? route.moves : steps.length;
  const ranking = route.ranking || (index === 0 ? "best" : `${index + 1}`);
  return h(
    "article",
    { class: "route", "aria-labelledby": `route-${index}` },
    h(
      "h3",
      { id: `route-${index}` },
      `Route ${index + 1}`,
      h("span", { class: "count" }, ` · ${ranking} · ${count} step${count === 1 ? "" : "s"}`),
    ),
    h("ol", { class: "path" }, nodes),
    route.explanation ? h("p", { class: "explanation" }, route.explanation) : null,
  );
}

/** The closest role within reach when no route fits, and the gap that remains. */
function closestView(closest, start) {
  const gap = closest.gap || {};
  const skills = gap.skills || [];
  const facts = [];
  if (gap.education) facts.push(h("li", null, `Education: ${gap.education.needs}`));
  const zone = zoneText(gap.job_zone);
  if (zone) facts.push(h("li", null, zone));
  const pay = payText(gap.pay);
  if (pay) facts.push(h("li", null, `Change in pay: ${pay}`));
  if (gap.barrier) facts.push(h("li", { class: "barrier" }, `Barrier: ${gap.barrier.text}`));
  return h(
    "section",
    { class: "closest", "aria-labelledby": "closest-title" },
    h("h2", { id: "closest-title" }, `Closest role within reach: ${labelOf(closest.role)}`),
    h("p", null, closest.explanation),
    h("h3", null, skills.length ? `The gap: skills to gain (${skills.length})` : "The gap"),
    skills.length ? skillList(skills) : null,
    facts.length ? h("ul", { class: "gap" }, facts) : null,
    closest.route ? routeDiagram(closest.route, 0, start) : null,
  );
}

export async function routeView(container, { params, navigate, current }) {
  const fromKey = params.get("from") || "";
  const toKey = params.get("to") || "";
  const k = params.get("k") || "3";
  const where = normaliseWhere(params.get("where"));
  const place = whereSelect("route-where", where, "Pay figures for");
  document.title = "Plan your route · rolegraph";
  const { first: from, second: to, message, form } = rolePairForm({
    action: "/route",
    ids: ["route-from", "route-to"],
    labels: ["My current role", "My dream role"],
    button: "Find routes",
    missing: "Choose where you are and where you want to go.",
    onPair: (a, b) => {
      const query = new URLSearchParams({ from: keyFor(a.iri), to: keyFor(b.iri) });
      const code = whereParam(normaliseWhere(place.select.value));
      if (code) query.set("where", code);
      navigate(`/route?${query}`, { focus: "results" });
    },
  });
  const button = form.querySelector("button");
  if (button && button.parentElement) button.parentElement.before(place.root);
  else form.append(place.root);
  const heading = h("h1", { tabindex: "-1" }, "Plan your route");
  container.append(
    heading,
    h("p", { class: "lead" }, "From the role you have to the role you want: the best routes, the skills to gain on the way, and how pay changes."),
    form,
    message,
  );
  preset(from, fromKey ? iriFor(fromKey) : null);
  preset(to, toKey ? iriFor(toKey) : null);
  if (!fromKey || !toKey) return;

  const results = h("section", { id: "results", "aria-labelledby": "results-title" }, loading("Finding routes"));
  container.append(results);
  const query = { from: iriFor(fromKey), to: iriFor(toKey), k };
  if (whereParam(where)) query.where = where;
  const url = api("route", query);
  let data;
  try {
    data = await getJSON(url);
  } catch (error) {
    if (current()) put(results, errorBox(error, (name) => `/?q=${encodeURIComponent(name)}`));
    return;
  }
  if (!current()) return;
  const routes = data.routes || [];
  const start = data.from || routes[0]?.steps?.[0]?.from || iriFor(fromKey);
  const goal = data.to || routes[0]?.steps?.at(-1)?.to || iriFor(toKey);
  preset(from, start);
  preset(to, goal);
  const title = `From ${labelOf(start)} to ${labelOf(goal)}`;
  document.title = `${title} · rolegraph`;
  heading.textContent = title;
  put(results, 
    h(
      "h2",
      { id: "results-title", tabindex: "-1" },
      routes.length ? `${routes.length} best route${routes.length === 1 ? "" : "s"}` : "No route found",
    ),
    whereParam(where) ? h("p", { class: "hint" }, `Pay figures for ${regionName(where)} where known, else national.`) : null,
    data.barrier ? h("p", { class: "barrier", role: "note" }, `${labelOf(goal)} ${data.barrier.text} (${data.barrier.detail}).`) : null,
    routes.length ? routes.map((route, index) => routeDiagram(route, index, start)) : h("p", null, data.reason || "The graph has no path between these roles."),
    routes.length && data.reason ? h("p", { class: "hint" }, data.reason) : null,
    !routes.length && data.closest ? closestView(data.closest, start) : null,
    dataLinks(
      url,
      routeTurtle(
        routes.length
          ? routes.flatMap((r) => (r.steps || []).map((step) => [iriOf(step.from), iriOf(step.to)]))
          : [[iriOf(start), iriOf(goal)]],
      ),
    ),
  );
}
