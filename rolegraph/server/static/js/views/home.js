// The search view: "Enter your dream job" and "Where", with suggestions as you type.

import { api, dataLinks, getJSON, roleHref, rolesTurtle } from "../api.js";
import { h, put } from "../dom.js";
import { errorBox, loading, roleCombo } from "../pickers.js";
import { isPlace, NATIONAL, normaliseWhere, STATES, whereParam } from "../regions.js";

/** The "Where" select: the whole country or one state. */
export function whereSelect(id, selected, label = "Where") {
  const select = h(
    "select",
    { id, name: "where" },
    h("option", { value: "national" }, "National (United States)"),
    STATES.map(([code, name]) => h("option", { value: code }, name)),
  );
  select.value = selected && selected !== NATIONAL ? selected : "national";
  return { root: h("div", { class: "field" }, h("label", { for: id }, label), select), select };
}

export async function homeView(container, { params, navigate, current }) {
  const q = params.get("q") || "";
  const asked = params.get("where");
  const unknownPlace = asked && !isPlace(normaliseWhere(asked)) ? asked : null;
  const where = unknownPlace ? NATIONAL : normaliseWhere(asked);
  document.title = q ? `“${q}” · rolegraph` : "Find your dream job · rolegraph";

  const place = whereSelect("where", where);
  const combo = roleCombo("q", "Enter your dream job", {
    hint: "Any job title or another name for it; spelling mistakes are fine.",
    placeholder: "e.g. project manager",
    value: q,
    onSelect: (item) => navigate(roleHref(item.iri, whereParam(normaliseWhere(place.select.value)))),
  });
  const form = h(
    "form",
    { class: "search-form", role: "search", action: "/", method: "get" },
    combo.root,
    place.root,
    h("div", { class: "field actions" }, h("button", { type: "submit" }, "Search")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const placeCode = whereParam(normaliseWhere(place.select.value));
    if (combo.item) {
      navigate(roleHref(combo.item.iri, placeCode));
      return;
    }
    const text = combo.input.value.trim();
    if (!text) {
      combo.input.focus();
      return;
    }
    const query = new URLSearchParams({ q: text });
    if (placeCode) query.set("where", placeCode);
    navigate(`/?${query}`, { focus: "results" });
  });

  container.append(
    h(
      "header",
      { class: "hero" },
      h("h1", { tabindex: "-1" }, "Find your dream job"),
      h(
        "p",
        { class: "lead" },
        "Search a role to see what it involves, what it pays where you live, how it compares with " +
          "another role, and which steps lead there.",
      ),
    ),
    form,
  );
  if (unknownPlace) {
    container.append(
      h(
        "div",
        { class: "error", role: "alert" },
        h("p", null, `There is no place “${unknownPlace}”: choose the United States or one of its states.`),
      ),
    );
  }

  const results = h("section", { id: "results", "aria-labelledby": "results-title" });
  container.append(results);
  if (!q) {
    results.append(
      h("h2", { id: "results-title", tabindex: "-1" }, "Start from the article’s roles"),
      h(
        "ul",
        { class: "examples" },
        h("li", null, h("a", { href: "/role/account-manager" }, "Account Manager")),
        h("li", null, h("a", { href: "/role/project-manager" }, "Project Manager")),
        h(
          "li",
          null,
          h("a", { href: "/compare?a=account-manager&b=project-manager" }, "Account Manager vs. Project Manager"),
        ),
        h(
          "li",
          null,
          h("a", { href: "/route?from=account-manager&to=sales-manager" }, "From Account Manager to Sales Manager"),
        ),
        h("li", null, h("a", { href: "/fit?skill=communication&skill=negotiation" }, "Roles that fit my skills")),
      ),
    );
    return;
  }

  results.append(loading("Searching"));
  const url = api("search", { q, limit: 10, nearest: "true" });
  try {
    const found = await getJSON(url);
    if (!current()) return;
    const placeCode = whereParam(where);
    const matches = found.filter((item) => !item.nearest);
    const nearest = found.filter((item) => item.nearest);
    put(
      results,
      h(
        "h2",
        { id: "results-title", tabindex: "-1" },
        matches.length ? `Roles matching “${q}”` : `No role matches “${q}”`,
      ),
      matches.length
        ? h("ol", { class: "results" }, matches.map((item) => resultItem(item, placeCode)))
        : nearest.length
          ? [
              h("p", { class: "no-match" }, "The nearest titles:"),
              h("ul", { class: "results nearest" }, nearest.map((item) => resultItem(item, placeCode))),
            ]
          : h("p", { class: "no-match" }, "Nothing is close. Try another title, or fewer words."),
      dataLinks(api("search", { q, limit: 10 }), rolesTurtle(found.map((item) => item.iri))),
    );
  } catch (error) {
    if (current()) put(results, errorBox(error));
  }
}

/** One search result: the role, its classification, the title that matched, and the same
 * occupation in the other classifications. */
function resultItem(item, placeCode) {
  const also = item.also || [];
  return h(
    "li",
    { class: "result" },
    h("a", { href: roleHref(item.iri, placeCode) }, item.label),
    item.source ? h("span", { class: "badge source" }, item.source) : null,
    item.matched ? h("span", { class: "detail" }, ` — also called “${item.matched}”`) : null,
    also.length
      ? h(
          "span",
          { class: "also" },
          " Also in ",
          also.map((other, index) => [
            index ? "; " : "",
            `${other.source} as `,
            h("a", { href: roleHref(other.iri, placeCode) }, other.label),
          ]),
          ".",
        )
      : null,
  );
}
