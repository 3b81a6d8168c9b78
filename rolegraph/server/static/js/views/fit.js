// "What fits my skills": pick skills with a typeahead, get the roles that fit, best first.

import { api, dataLinks, fitTurtle, getJSON, iriFor, keyFor, roleHref } from "../api.js";
import { combobox } from "../combobox.js";
import { announce, chips, h, iriOf, labelOf, put } from "../dom.js";
import { errorBox, loading, resolvePicked, searchSkills } from "../pickers.js";

function percent(score) {
  if (typeof score !== "number") return "";
  return `${Math.round(score <= 1 ? score * 100 : score)}%`;
}

/** The score in words: how much of what the role asks the chosen skills cover, and how many
 * of them the role uses. */
export function explain(entry, chosenCount) {
  const have = (entry.matched || []).length;
  const total = have + (entry.missing || []).length;
  const share = percent(entry.score);
  let text =
    `You have ${have} of the ${total} skill${total === 1 ? "" : "s"} it asks for; ` +
    `weighted by how much the role relies on each, that covers ${share} of it.`;
  if (chosenCount > have) {
    text += ` It uses ${have} of the ${chosenCount} skills you chose.`;
  } else if (chosenCount > 1) {
    text += " It uses every skill you chose.";
  }
  return text;
}

function roleResult(entry, chosenCount) {
  const role = entry.role;
  const matched = entry.matched || [];
  const missing = entry.missing || [];
  const bar = h("span", { class: "meter-fill" });
  if (typeof entry.score === "number") bar.style.width = percent(entry.score);
  return h(
    "li",
    { class: "fit" },
    h(
      "div",
      { class: "fit-head" },
      h("a", { class: "fit-name", href: roleHref(iriOf(role)) }, labelOf(role)),
      h("span", { class: "meter", role: "img", "aria-label": `Fit ${percent(entry.score)}` }, bar),
      h("span", { class: "meter-value" }, percent(entry.score)),
    ),
    h("p", { class: "explanation" }, explain(entry, chosenCount)),
    h("p", { class: "move-label" }, `You have (${matched.length})`),
    chips(matched, { className: "chip chip-shared", empty: "None of the chosen skills." }),
    h("p", { class: "move-label" }, `To gain (${missing.length})`),
    chips(missing.slice(0, 10), { className: "chip chip-gain", empty: "Nothing more." }),
    missing.length > 10 ? h("p", { class: "hint" }, `and ${missing.length - 10} more`) : null,
  );
}

/** A skill named in the URL: {iri, label}, or {key, nearest} when the graph has no such skill. */
async function lookUpSkill(key) {
  const iri = iriFor(key, "skill");
  let nearest = [];
  for (const q of iri === key ? [key] : [iri, key.replace(/[-_]+/g, " ")]) {
    try {
      const found = await getJSON(api("skills/search", { q, limit: 5, nearest: "true" }));
      const exact = found.find(
        (item) => !item.nearest && (item.iri === iri || item.label.toLowerCase() === q.toLowerCase() || item.score >= 97),
      );
      if (exact) return { iri: exact.iri, label: exact.label };
      if (found.length) nearest = found.slice(0, 3);
    } catch {
      // an unreachable server: the fit request below reports it
    }
  }
  return { key, nearest };
}

/** The fit URL with one skill replaced by another. */
function withSkill(keys, old, iri) {
  const query = new URLSearchParams();
  for (const key of keys) query.append("skill", key === old ? keyFor(iri, "skill") : key);
  return `/fit?${query}`;
}

export async function fitView(container, { params, navigate, current }) {
  const keys = params.getAll("skill").filter(Boolean);
  const top = params.get("top") || "10";
  document.title = "Roles that fit my skills · rolegraph";
  // Each skill in the URL is looked up, so its chip shows its label after a reload; a skill
  // the graph does not hold is refused with the closest ones instead of becoming a chip.
  const looked = await Promise.all(keys.map((key) => lookUpSkill(key)));
  if (!current()) return;
  const chosen = new Map(looked.filter((item) => item.iri).map((item) => [item.iri, item.label]));
  const unknown = looked.filter((item) => !item.iri);

  const picked = h("ul", { class: "chips picked", "aria-label": "Chosen skills" });
  const message = h("div", { class: "form-message", "aria-live": "polite" });
  const combo = combobox({
    id: "skill",
    label: "Add a skill",
    hint: "Type a skill and pick it from the list; add as many as you like.",
    placeholder: "e.g. negotiation",
    source: searchSkills,
    onSelect: (item) => {
      add(item);
      combo.clear();
      combo.input.focus();
    },
  });

  function drawPicked() {
    picked.replaceChildren(
      ...[...chosen].map(([iri, label]) =>
        h(
          "li",
          { class: "chip chip-picked" },
          label,
          h(
            "button",
            {
              type: "button",
              class: "remove",
              "aria-label": `Remove ${label}`,
              onclick: () => {
                chosen.delete(iri);
                drawPicked();
                announce(`${label} removed`);
                combo.input.focus();
              },
            },
            "×",
          ),
        ),
      ),
    );
    if (!chosen.size) picked.append(h("li", { class: "none" }, "No skills chosen yet."));
  }

  function add(item) {
    chosen.set(item.iri, item.label);
    drawPicked();
    announce(`${item.label} added; ${chosen.size} skill${chosen.size === 1 ? "" : "s"} chosen`);
  }

  const form = h(
    "form",
    { class: "fit-form", action: "/fit", method: "get" },
    combo.root,
    h("div", { class: "field" }, h("span", { class: "label" }, "Your skills"), picked),
    h("div", { class: "field actions" }, h("button", { type: "submit" }, "Find roles that fit")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      if (combo.input.value.trim()) {
        const item = await resolvePicked(combo, searchSkills);
        if (item) add(item);
        combo.clear();
      }
    } catch (error) {
      put(message, errorBox(error));
      return;
    }
    if (!chosen.size) {
      put(message, h("p", { class: "error" }, "Add at least one skill."));
      combo.input.focus();
      return;
    }
    put(message);
    const query = new URLSearchParams();
    for (const iri of chosen.keys()) query.append("skill", keyFor(iri, "skill"));
    navigate(`/fit?${query}`, { focus: "results" });
  });

  container.append(
    h("h1", { tabindex: "-1" }, "Which roles fit my skills?"),
    h("p", { class: "lead" }, "Pick the skills you have; see the roles that use them most, and what each would add."),
    form,
    message,
  );
  drawPicked();
  if (unknown.length) {
    put(
      message,
      unknown.map((item) =>
        h(
          "div",
          { class: "error", role: "alert" },
          h("p", null, `There is no skill “${item.key}” in this graph.`),
          item.nearest.length
            ? h(
                "p",
                null,
                "Did you mean: ",
                item.nearest.map((near, index) => [
                  index ? ", " : "",
                  h("a", { href: withSkill(keys, item.key, near.iri) }, near.label),
                ]),
                "?",
              )
            : null,
        ),
      ),
    );
  }
  if (!chosen.size) return;

  const results = h("section", { id: "results", "aria-labelledby": "results-title" }, loading("Finding roles"));
  container.append(results);
  const url = api("fit", { skill: [...chosen.keys()], top });
  let data;
  try {
    data = await getJSON(url);
  } catch (error) {
    if (current()) put(results, errorBox(error));
    return;
  }
  if (!current()) return;
  const fits = Array.isArray(data) ? data : data.roles || data.results || [];
  for (const entry of fits) {
    for (const skill of entry.matched || []) {
      if (typeof skill === "object" && chosen.has(skill.iri)) chosen.set(skill.iri, labelOf(skill));
    }
  }
  drawPicked();
  put(results, 
    h("h2", { id: "results-title", tabindex: "-1" }, fits.length ? `${fits.length} roles that fit` : "No role uses these skills"),
    fits.length ? h("ol", { class: "fits" }, fits.map((entry) => roleResult(entry, chosen.size))) : null,
    dataLinks(url, fitTurtle(fits.map((entry) => iriOf(entry.role)))),
  );
}
