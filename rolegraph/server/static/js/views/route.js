// The route view: from my current role to my dream role, the best routes as a path diagram.

import { api, dataLinks, getJSON, iriFor, keyFor, roleHref, routeTurtle } from "../api.js";
import { chips, h, iriOf, labelOf, money, put } from "../dom.js";
import { errorBox, loading, preset, rolePairForm } from "../pickers.js";

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

function stop(role, where) {
  return h(
    "li",
    { class: `stop stop-${where}` },
    h("span", { class: "dot", "aria-hidden": "true" }),
    h("a", { class: "stop-name", href: roleHref(iriOf(role)) }, labelOf(role)),
  );
}

const MOVES = {
  equivalent: "same occupation, other classification",
  lateral: "lateral move",
};

function move(step) {
  const pay = payText(step.pay_change);
  const gain = step.skills_to_gain || [];
  const kind = step.move ? MOVES[step.move] || labelOf(step.move) : null;
  let basis = null;
  if (step.stated === true) basis = "stated by a source";
  else if (typeof step.skill_overlap === "number") basis = `${Math.round(step.skill_overlap * 100)}% skill overlap`;
  return h(
    "li",
    { class: "move" },
    h("span", { class: "visually-hidden" }, `Move to ${labelOf(step.to)}: `),
    kind ? h("span", { class: "badge" }, kind) : null,
    basis ? h("span", { class: "basis" }, ` ${basis}`) : null,
    h(
      "div",
      { class: "move-detail" },
      h("p", { class: "move-label" }, gain.length ? `Skills to gain (${gain.length})` : "No new skills needed"),
      gain.length ? chips(gain.slice(0, 12), { className: "chip chip-gain" }) : null,
      gain.length > 12 ? h("p", { class: "hint" }, `and ${gain.length - 12} more`) : null,
      h(
        "p",
        { class: !pay ? "pay pay-unknown" : pay.startsWith("−") ? "pay pay-down" : "pay" },
        "Change in pay: ",
        pay || "not known",
      ),
    ),
  );
}

/** A route as a path: stops (roles) joined by moves (what to gain, how pay changes). */
export function routeDiagram(route, index) {
  const steps = route.steps || [];
  const nodes = [];
  steps.forEach((step, position) => {
    if (position === 0) nodes.push(stop(step.from, "start"));
    nodes.push(move(step));
    nodes.push(stop(step.to, position === steps.length - 1 ? "end" : "via"));
  });
  const count = steps.length;
  return h(
    "article",
    { class: "route", "aria-labelledby": `route-${index}` },
    h(
      "h3",
      { id: `route-${index}` },
      `Route ${index + 1}`,
      h("span", { class: "count" }, ` ${count} step${count === 1 ? "" : "s"}`, typeof route.cost === "number" ? ` · cost ${route.cost.toFixed(2)}` : ""),
    ),
    h("ol", { class: "path" }, nodes),
    route.explanation ? h("p", { class: "explanation" }, route.explanation) : null,
  );
}

export async function routeView(container, { params, navigate, current }) {
  const fromKey = params.get("from") || "";
  const toKey = params.get("to") || "";
  const k = params.get("k") || "3";
  document.title = "Plan your route · rolegraph";
  const { first: from, second: to, message, form } = rolePairForm({
    action: "/route",
    ids: ["route-from", "route-to"],
    labels: ["My current role", "My dream role"],
    button: "Find routes",
    missing: "Choose where you are and where you want to go.",
    onPair: (a, b) =>
      navigate(`/route?${new URLSearchParams({ from: keyFor(a.iri), to: keyFor(b.iri) })}`, {
        focus: "results",
      }),
  });
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
  const url = api("route", { from: iriFor(fromKey), to: iriFor(toKey), k });
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
    routes.length ? routes.map(routeDiagram) : h("p", null, data.reason || "The graph has no path between these roles."),
    routes.length && data.reason ? h("p", { class: "hint" }, data.reason) : null,
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
