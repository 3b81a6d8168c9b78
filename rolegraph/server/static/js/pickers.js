// Role and skill pickers shared by the views, and how a typed name becomes an IRI.

import { api, ApiError, getJSON } from "./api.js";
import { combobox } from "./combobox.js";
import { h, labelOf } from "./dom.js";

/** Suggestions for a role name (any label or alternative title; typos forgiven). */
export function searchRoles(text, signal) {
  return getJSON(api("search", { q: text, limit: 8 }), { signal });
}

/** Suggestions for a skill name. */
export function searchSkills(text, signal) {
  return getJSON(api("skills/search", { q: text, limit: 8 }), { signal });
}

/** A combobox that suggests roles. */
export function roleCombo(id, label, options = {}) {
  return combobox({ id, label, source: searchRoles, ...options });
}

/** The role a combobox names: the picked suggestion, else the best match for the typed text. */
export async function resolvePicked(combo, search = searchRoles) {
  if (combo.item) return combo.item;
  const text = combo.input.value.trim();
  if (!text) return null;
  if (combo.input.dataset.iri && combo.input.dataset.label === text) {
    return { iri: combo.input.dataset.iri, label: text };
  }
  const found = await search(text);
  if (!found || found.length === 0) {
    throw new ApiError(404, `Nothing in the graph matches “${text}”.`);
  }
  return found[0];
}

/** Put a known item's label in a combobox (e.g. when a view is opened from its URL). */
export function preset(combo, item) {
  if (!item) return;
  combo.input.value = labelOf(item);
  combo.input.dataset.label = labelOf(item);
  combo.input.dataset.iri = typeof item === "string" ? item : item.iri;
}

/** An error message, with "did you mean" links when the server offers suggestions. */
export function errorBox(error, suggestionHref) {
  const suggestions = error.suggestions || [];
  return h(
    "div",
    { class: "error", role: "alert" },
    h("p", null, error.message || String(error)),
    suggestions.length
      ? h(
          "p",
          null,
          "Did you mean: ",
          suggestions.map((name, index) => [
            index ? ", " : "",
            suggestionHref ? h("a", { href: suggestionHref(name) }, name) : name,
          ]),
          "?",
        )
      : null,
  );
}

/** A "Loading…" line. */
export function loading(what = "Loading") {
  return h("p", { class: "loading", role: "status" }, `${what}…`);
}
