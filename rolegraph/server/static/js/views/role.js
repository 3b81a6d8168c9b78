// The role view: what a role is, what it asks for, who it works with, and what it pays where.

import { api, dataLinks, getJSON, iriFor, keyFor, roleHref, turtleFor } from "../api.js";
import { isDistribution, salaryChart, salaryTable, sourceText } from "../chart.js";
import { chips, h, labelOf, section, put } from "../dom.js";
import { errorBox, loading } from "../pickers.js";
import { isPlace, NATIONAL, normaliseWhere, regionName, whereParam } from "../regions.js";
import { whereSelect } from "./home.js";

const SKILLS_SHOWN = 12;

/** End a sentence with a full stop unless it ends with its own punctuation. */
function sentence(text) {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function isEssential(skill) {
  return /essential/i.test(skill.strength || "");
}

function byWeight(a, b) {
  return (
    Number(isEssential(b)) - Number(isEssential(a)) ||
    (b.importance ?? -1) - (a.importance ?? -1) ||
    labelOf(a).localeCompare(labelOf(b))
  );
}

/** Skills grouped by category; groups with the most essential skills first, essential skills first. */
export function groupSkills(skills) {
  const groups = new Map();
  for (const skill of skills) {
    const name = skill.category ? capital(skill.category) : "Other skills";
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(skill);
  }
  return [...groups.entries()]
    .map(([name, items]) => ({ name, items: items.sort(byWeight) }))
    .sort(
      (a, b) =>
        (a.name === "Other skills") - (b.name === "Other skills") ||
        b.items.filter(isEssential).length - a.items.filter(isEssential).length ||
        a.name.localeCompare(b.name),
    );
}

function skillItem(skill) {
  const essential = isEssential(skill);
  return h(
    "li",
    { class: essential ? "skill essential" : "skill" },
    h("span", { class: "skill-name" }, labelOf(skill)),
    skill.strength ? h("span", { class: essential ? "badge badge-strong" : "badge" }, skill.strength) : null,
  );
}

function skillsSection(skills) {
  if (!skills.length) return section("skills", "Skills", h("p", { class: "none" }, "None recorded."));
  const groups = groupSkills(skills).map((group, index) => {
    const list = h("ul", { class: "skill-list", id: `skills-${index}` }, group.items.slice(0, SKILLS_SHOWN).map(skillItem));
    const more = group.items.length - SKILLS_SHOWN;
    let toggle = null;
    if (more > 0) {
      toggle = h("button", { type: "button", class: "link-button", "aria-controls": `skills-${index}`, "aria-expanded": "false" }, `Show all ${group.items.length}`);
      toggle.addEventListener("click", () => {
        const expanded = toggle.getAttribute("aria-expanded") === "true";
        list.replaceChildren(...(expanded ? group.items.slice(0, SKILLS_SHOWN) : group.items).map(skillItem));
        toggle.setAttribute("aria-expanded", String(!expanded));
        toggle.textContent = expanded ? `Show all ${group.items.length}` : "Show fewer";
      });
    }
    const essential = group.items.filter(isEssential).length;
    return h(
      "div",
      { class: "skill-group" },
      h("h3", null, group.name, " ", h("span", { class: "count" }, essential ? `${essential} essential of ${group.items.length}` : `${group.items.length}`)),
      list,
      toggle,
    );
  });
  const inferred = skills.find((skill) => skill.inferred_from);
  const origin = inferred
    ? h(
        "p",
        { class: "hint inferred" },
        `O*NET does not rate this occupation: importance ${inferred.inferred_from}`,
        inferred.evidence ? ` (${inferred.evidence})` : "",
        ".",
      )
    : null;
  return section("skills", "Skills", h("p", { class: "hint" }, "Grouped by kind; essential skills first."), origin, groups);
}

const TECHNOLOGIES_SHOWN = 24;

/** Tool categories, then the named technologies (hot ones first, marked). */
function toolsSection(role) {
  const technologies = role.technologies || [];
  const shown = technologies.slice(0, TECHNOLOGIES_SHOWN);
  const more = technologies.length - shown.length;
  return section(
    "tools",
    "Tools and technology",
    chips(role.tools),
    technologies.length
      ? h(
          "ul",
          { class: "chips technologies", "aria-label": "Named technologies" },
          shown.map((t) => h("li", { class: t.hot ? "chip hot" : "chip" }, t.label, t.hot ? h("span", { class: "badge" }, "hot technology") : null)),
          more > 0 ? h("li", { class: "chip more" }, `and ${more} more`) : null,
        )
      : null,
  );
}

const FACET_NAMES = [
  ["skills", "skills"],
  ["knowledge", "knowledge"],
  ["activities", "work"],
  ["titles", "titles"],
  ["technology", "technology"],
];

/** The most similar roles, filled in when the similarity answers; each with its facets. */
function similarSection(role, code) {
  const body = h("div", null, loading("Finding similar roles"));
  getJSON(api("similar", { role: role.iri, top: 8 }))
    .then((found) => {
      if (!found.length) {
        body.replaceChildren(h("p", { class: "none" }, "No similar role found."));
        return;
      }
      body.replaceChildren(
        h(
          "ol",
          { class: "plain-list similar-roles" },
          found.map((item) =>
            h(
              "li",
              null,
              h("a", { href: roleHref(item.role.iri, whereParam(code)) }, item.role.label),
              item.counterpart ? " (the same occupation)" : ` · ${Math.round(item.score * 100)}% alike`,
              h(
                "span",
                { class: "facets" },
                FACET_NAMES.filter(([name]) => item.facets?.[name] !== undefined)
                  .map(([name, word]) => `${word} ${Math.round(item.facets[name] * 100)}%`)
                  .join(" · "),
              ),
            ),
          ),
        ),
      );
    })
    .catch((error) => body.replaceChildren(errorBox(error)));
  return section("similar", "Similar roles", h("p", { class: "hint" }, "How alike, by skills, knowledge, the work itself, job titles and technology (knowledge where both are rated)."), body);
}

const QUALIFICATION_KINDS = [
  ["EducationQualification", "Education"],
  ["ExperienceQualification", "Experience"],
  ["KnowledgeQualification", "Knowledge"],
  ["CertificationQualification", "Certifications"],
  ["OtherQualification", "Other requirements"],
];

function capital(text) {
  const value = String(text || "");
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function qualificationItem(item) {
  const details = [item.level && capital(item.level), item.educationLevel, item.field, item.domain]
    .filter(Boolean)
    .map(String);
  const certificate = item.certificationLabel && item.certificationLabel !== labelOf(item) ? item.certificationLabel : null;
  return h(
    "li",
    null,
    h("span", null, labelOf(item)),
    certificate ? h("span", null, ` (${certificate})`) : null,
    details.length ? h("span", { class: "detail" }, ` — ${[...new Set(details)].join(" · ")}`) : null,
  );
}

function qualificationsSection(qualifications) {
  const isCertificate = (q) => Boolean(q.certification) || /certif/i.test(q.kind || "");
  const groups = QUALIFICATION_KINDS.map(([kind, title]) => [
    title,
    qualifications.filter((q) =>
      kind === "CertificationQualification"
        ? isCertificate(q)
        : !isCertificate(q) && (q.kind === kind || (kind === "OtherQualification" && !QUALIFICATION_KINDS.some(([k]) => k === q.kind))),
    ),
  ]);
  return section(
    "qualifications",
    "Qualifications and certifications",
    qualifications.length ? null : h("p", { class: "none" }, "No qualifications recorded."),
    groups.map(([title, items]) =>
      items.length || title === "Certifications"
        ? [
            h("h3", null, title),
            items.length
              ? h("ul", { class: "plain-list" }, items.map(qualificationItem))
              : h("p", { class: "none" }, "No certifications recorded."),
          ]
        : null,
    ),
  );
}

/** The salary entries to show for a place: that place's, else the national ones. */
export function salaryFor(entries, code) {
  const here = entries.filter((entry) => (entry.region || NATIONAL) === code);
  if (here.length) return { entries: here, fallback: false };
  const national = entries.filter((entry) => (entry.region || NATIONAL) === NATIONAL);
  if (national.length) return { entries: national, fallback: true };
  const first = entries[0]?.region;
  return { entries: entries.filter((entry) => entry.region === first), fallback: true };
}

function salarySection(role, code, navigate, width) {
  const entries = role.salary || [];
  const place = whereSelect("salary-where", code, "Salary for");
  place.select.addEventListener("change", () => {
    const chosen = whereParam(normaliseWhere(place.select.value));
    navigate(roleHref(role.iri, chosen), { replace: true, focus: null }).then(() =>
      document.getElementById("salary-where")?.focus(),
    );
  });
  const picker = h("form", { class: "inline-form", onsubmit: (event) => event.preventDefault() }, place.root);
  if (!entries.length) {
    return section("salary", "Salary", picker, h("p", { class: "none" }, "No salary figures recorded for this role."));
  }
  const chosen = salaryFor(entries, code);
  const shownRegion = chosen.entries[0].region || NATIONAL;
  const groups = new Map();
  for (const entry of chosen.entries) {
    const key = `${entry.currency || "USD"} ${entry.period || "Annual"}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(entry);
  }
  const places = [...new Map(entries.map((e) => [e.region || NATIONAL, regionName(e.region || NATIONAL, e.region_label)]))];
  const charts = [...groups.values()].map((group) => {
    const period = String(group[0].period || "per year");
    const pay = /^per\b/i.test(period) ? `Pay ${period.toLowerCase()}` : `${capital(period)} pay`;
    const placeName = regionName(shownRegion, group[0].region_label);
    const heading = chosen.fallback
      ? `${pay}, ${placeName} (no figures for ${regionName(code)})`
      : `${pay}, ${placeName}`;
    return h(
      "figure",
      { class: "chart" },
      h("p", { class: "chart-title" }, heading),
      salaryChart(group, { width, title: heading }),
      h(
        "figcaption",
        null,
        `${pay} in ${group[0].currency || "USD"}, ${placeName}. `,
        group.some(isDistribution)
          ? "Box: the middle half of earners (25th to 75th percentile); dark line: median; whiskers: 10th to 90th percentile. "
          : "",
        group.some((e) => !isDistribution(e) && typeof e.min === "number")
          ? "Bar: the range from the lowest to the highest figure given. "
          : "",
        group.some((e) => typeof e.mean === "number") ? "Diamond: mean. " : "",
      ),
      salaryTable(group),
      h("p", { class: "source" }, `Source: ${sentence(group.map(sourceText).join("; "))}`),
    );
  });
  return section(
    "salary",
    "Salary",
    picker,
    chosen.fallback
      ? h("p", { class: "note", role: "note" }, `No figures for ${regionName(code)}; showing ${regionName(shownRegion)}.`)
      : null,
    charts,
    places.length > 1
      ? h(
          "p",
          { class: "places" },
          "Figures exist for: ",
          places.map(([placeCode, name], index) => [
            index ? ", " : "",
            placeCode === shownRegion
              ? h("strong", null, name)
              : h("a", { href: roleHref(role.iri, whereParam(placeCode)) }, name),
          ]),
          ".",
        )
      : null,
  );
}

function factList(role) {
  const rows = [
    ["Focus", role.focus],
    ["Scope", role.scope],
    ["Communication", role.communication],
  ].filter(([, items]) => items && items.length);
  if (!rows.length) return null;
  return h("dl", { class: "facts" }, rows.map(([name, items]) => [h("dt", null, name), h("dd", null, items.map(labelOf).join("; "))]));
}

function codesLine(role) {
  const names = { onet: "O*NET-SOC", isco: "ISCO-08", escoCode: "ESCO code" };
  const parts = Object.entries(role.codes || {})
    .filter(([scheme]) => names[scheme])
    .map(([scheme, value]) => `${names[scheme]} ${value}`);
  if (role.level) parts.unshift(capital(role.level));
  return parts.length ? h("p", { class: "meta" }, parts.join(" · ")) : null;
}

function movesSection(role) {
  const to = role.progresses_to || [];
  const from = role.progresses_from || [];
  const key = keyFor(role.iri);
  return section(
    "moves",
    "Where it leads",
    to.length
      ? h(
          "ul",
          { class: "plain-list" },
          to.map((next) =>
            h(
              "li",
              null,
              h("a", { href: roleHref(next.iri) }, labelOf(next)),
              next.kind ? h("span", { class: "badge" }, next.kind) : null,
              " ",
              h("a", { class: "small", href: `/route?${new URLSearchParams({ from: key, to: keyFor(next.iri) })}` }, "route"),
            ),
          ),
        )
      : h("p", { class: "none" }, "No next roles recorded."),
    from.length
      ? [h("h3", null, "Roles that lead here"), chips(from, { link: (item) => roleHref(item.iri) })]
      : null,
  );
}

export async function roleView(container, { match, params, navigate, current }) {
  const key = decodeURIComponent(match[1]);
  const asked = params.get("where");
  const unknownPlace = asked && !isPlace(normaliseWhere(asked)) ? asked : null;
  const code = unknownPlace ? NATIONAL : normaliseWhere(asked);
  const iri = iriFor(key, "role");
  document.title = "Role · rolegraph";
  container.append(loading("Loading the role"));
  const jsonUrl = api("role", { id: iri });
  let role;
  try {
    role = await getJSON(jsonUrl);
  } catch (error) {
    if (!current()) return;
    document.title = "Role not found · rolegraph";
    const words = key.split("/").pop().replace(/[-_]+/g, " ");
    const suggestions = error.status === 404 ? error.suggestions || [] : [];
    put(
      container,
      h("h1", { tabindex: "-1" }, "Role not found"),
      h(
        "div",
        { class: "error", role: "alert" },
        h(
          "p",
          null,
          error.status === 404
            ? `There is no role “${words}” in this graph.`
            : error.message || String(error),
        ),
      ),
      suggestions.length
        ? [
            h("p", null, "Did you mean one of these?"),
            h(
              "ul",
              { class: "results suggestions" },
              suggestions.map((name) => h("li", null, h("a", { href: `/?q=${encodeURIComponent(name)}` }, name))),
            ),
          ]
        : null,
      h("p", null, h("a", { href: `/?q=${encodeURIComponent(words)}` }, `Search for “${words}”`), "."),
    );
    return;
  }
  if (!current()) return;
  document.title = `${role.label} · rolegraph`;
  const roleKey = keyFor(role.iri);
  const alt = role.alt_labels || [];
  // Draw the chart at the panel's width in pixels, so its text keeps its size on a phone.
  const main = document.getElementById("main");
  const width = Math.min(920, Math.max(260, (main?.clientWidth || 640) - 76));
  const toc = [
    ["overview", "Overview"],
    ["responsibilities", "Responsibilities"],
    ["skills", "Skills"],
    ["qualifications", "Qualifications"],
    ["tools", "Tools"],
    ["industries", "Industries"],
    ["works-with", "Works with"],
    ["similar", "Similar roles"],
    ["salary", "Salary"],
    ["moves", "Where it leads"],
    ["sources", "Sources"],
  ];
  put(container, 
    h(
      "header",
      { class: "role-header" },
      h("p", { class: "kicker" }, "Role"),
      h("h1", { tabindex: "-1" }, role.label),
      alt.length
        ? h("p", { class: "aka" }, "Also called: ", alt.slice(0, 10).join(", "), alt.length > 10 ? ` and ${alt.length - 10} more` : "", ".")
        : null,
      codesLine(role),
      unknownPlace
        ? h(
            "div",
            { class: "error", role: "alert" },
            h("p", null, `There is no place “${unknownPlace}”: choose the United States or one of its states. Showing the national figures.`),
          )
        : null,
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button", href: `/compare?${new URLSearchParams({ a: roleKey })}` }, "Compare with…"),
        h("a", { class: "button", href: `/route?${new URLSearchParams({ to: roleKey })}` }, "Plan a route here"),
        h("a", { class: "button", href: `/route?${new URLSearchParams({ from: roleKey })}` }, "Routes from here"),
      ),
      dataLinks(jsonUrl, turtleFor(role.iri)),
    ),
    h(
      "nav",
      { class: "toc", "aria-label": "On this page" },
      h("ul", null, toc.map(([id, name]) => h("li", null, h("a", { href: `#${id}` }, name)))),
    ),
    section(
      "overview",
      "What the role is",
      role.definition ? h("p", { class: "definition" }, role.definition) : h("p", { class: "none" }, "No definition recorded."),
      factList(role),
    ),
    section(
      "responsibilities",
      "Responsibilities",
      role.responsibilities?.length
        ? h("ul", { class: "plain-list" }, role.responsibilities.map((r) => h("li", null, labelOf(r))))
        : h("p", { class: "none" }, "None recorded."),
    ),
    skillsSection(role.skills || []),
    qualificationsSection(role.qualifications || []),
    toolsSection(role),
    section("industries", "Industries", chips(role.industries)),
    section("works-with", "Works with", chips(role.works_with)),
    similarSection(role, code),
    salarySection(role, code, navigate, width),
    movesSection(role),
    section(
      "sources",
      "Sources",
      role.sources?.length
        ? h("ul", { class: "plain-list" }, role.sources.map((s) => h("li", null, s.label || s.iri)))
        : h("p", { class: "none" }, "None recorded."),
    ),
  );
}
