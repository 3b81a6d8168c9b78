// Role and skill pickers shared by the views, and how a typed name becomes an IRI.

import { api, ApiError, getJSON } from "./api.js";
import { combobox } from "./combobox.js";
import { h, labelOf, put } from "./dom.js";

/** "O*NET · as “nurse” · also in ESCO": where a search result comes from and why it matched. */
export function roleDetail(item) {
  const parts = [item.source || ""];
  if (item.matched) parts.push(`as “${item.matched}”`);
  if (item.also?.length) parts.push(`also in ${[...new Set(item.also.map((o) => o.source))].join(", ")}`);
  return parts.filter(Boolean).join(" · ");
}

/** Suggestions for a role name (any label or alternative title; typos forgiven). */
export async function searchRoles(text, signal) {
  const found = await getJSON(api("search", { q: text, limit: 8 }), { signal });
  return found.map((item) => ({ ...item, detail: roleDetail(item) }));
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

/**
 * A form picking two roles (compare, route). On submit both picks are resolved; with both, it
 * calls `onPair(a, b)` (a and b are role refs), else it says `missing` and focuses the empty box.
 */
export function rolePairForm({ action, ids, labels, button, missing, onPair }) {
  const first = roleCombo(ids[0], labels[0]);
  const second = roleCombo(ids[1], labels[1]);
  const message = h("div", { class: "form-message", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "pair-form", action, method: "get" },
    first.root,
    second.root,
    h("div", { class: "field actions" }, h("button", { type: "submit" }, button)),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const [a, b] = await Promise.all([resolvePicked(first), resolvePicked(second)]);
      if (!a || !b) {
        put(message, h("p", { class: "error" }, missing));
        (a ? second : first).input.focus();
        return;
      }
      onPair(a, b);
    } catch (error) {
      put(message, errorBox(error));
    }
  });
  return { first, second, message, form };
}
