// Talking to the JSON API, and the mapping between IRIs and the short keys used in page URLs.

import { h } from "./dom.js";

/** Base of rolegraph data IRIs (an identifier, never fetched: IRIs dereference on this server). */
export const ID = "https://w3id.org/rolegraph/id/";

export class ApiError extends Error {
  constructor(status, message, suggestions = []) {
    super(message);
    this.status = status;
    this.suggestions = suggestions;
  }
}

const cache = new Map();

/** GET a JSON document from the server; identical requests are answered from memory. */
export async function getJSON(url, { signal } = {}) {
  if (cache.has(url)) return cache.get(url);
  const response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && (body.detail ?? body.error ?? body.message);
    const info = detail && typeof detail === "object" && !Array.isArray(detail) ? detail : body || {};
    const message =
      (typeof detail === "string" && detail) ||
      info.message ||
      info.error ||
      `The server answered ${response.status}.`;
    throw new ApiError(response.status, message, info.suggestions || []);
  }
  cache.set(url, body);
  if (cache.size > 200) cache.delete(cache.keys().next().value);
  return body;
}

/** An API URL: api("role", {id: x}) -> "/api/role?id=x"; repeated params from arrays. */
export function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== "") query.append(name, item);
    }
  }
  const text = query.toString();
  return `/api/${path}${text ? `?${text}` : ""}`;
}

/** ESCO's occupation IRIs. */
const ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/";

/** Role IRIs and the short keys of their pages (the server maps them the same way). */
const ROLE_KEYS = [
  [`${ID}role/`, ""],
  [`${ID}onet/occupation/`, "onet/"],
  [ESCO_OCCUPATION, "esco/"],
];

/**
 * The short key of an IRI for page URLs: "account-manager", "onet/15-2051.00",
 * "esco/<uuid>"; other rolegraph IRIs lose their base; any other IRI stays whole.
 */
export function keyFor(iri, kind = "role") {
  if (!iri) return "";
  const keys = kind === "role" ? ROLE_KEYS : [[`${ID}${kind}/`, ""]];
  for (const [prefix, short] of keys) {
    const rest = iri.startsWith(prefix) ? iri.slice(prefix.length) : null;
    if (rest && !rest.includes("/") && (short || /^[a-z0-9-]+$/.test(rest))) return short + rest;
  }
  if (iri.startsWith(ID)) return iri.slice(ID.length);
  return iri;
}

/** The IRI a page-URL key stands for; a label or code is passed through for the server to resolve. */
export function iriFor(key, kind = "role") {
  if (!key) return "";
  if (/^(https?|urn):/i.test(key)) return key;
  if (kind === "role") {
    for (const [prefix, short] of ROLE_KEYS) {
      if (short && key.startsWith(short) && !key.slice(short.length).includes("/")) {
        return prefix + key.slice(short.length);
      }
    }
  }
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) return `${ID}${kind}/${key}`;
  if (/^[a-z]+\/[^\s]+$/.test(key)) return `${ID}${key}`;
  return key;
}

/** The page URL of a role. */
export function roleHref(iri, where) {
  const key = keyFor(iri, "role");
  const path = key.includes(":")
    ? encodeURIComponent(key)
    : key.split("/").map(encodeURIComponent).join("/");
  return `/role/${path}${where ? `?where=${encodeURIComponent(where)}` : ""}`;
}

/** Where a rolegraph IRI dereferences on this server (for its Turtle description). */
export function localPath(iri) {
  return iri && iri.startsWith(ID) ? `/id/${iri.slice(ID.length)}` : "";
}

/** The links to the same data as JSON and as Turtle, shown on every view. */
export function dataLinks(jsonUrl, turtleUrl) {
  return h(
    "p",
    { class: "data-links" },
    "This view as data: ",
    h("a", { href: jsonUrl, type: "application/json" }, "JSON"),
    turtleUrl ? [" · ", h("a", { href: turtleUrl, type: "text/turtle" }, "Turtle")] : null,
  );
}

/** A Turtle description of one IRI on this server. */
export function turtleFor(iri) {
  const path = localPath(iri);
  return path ? `${path}?format=turtle` : "";
}

const PREFIXES =
  "PREFIX rg: <https://w3id.org/rolegraph/ns#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";

function iriTerm(iri) {
  return /^[a-z][a-z0-9+.-]*:[^<>"{}|^`\\\s]*$/i.test(iri || "") ? `<${iri}>` : null;
}

/** A SPARQL CONSTRUCT sent to this server's endpoint, answered as Turtle. */
export function sparqlTurtle(query) {
  return `/sparql?${new URLSearchParams({ query: PREFIXES + query, format: "turtle" })}`;
}

/** The graph behind a comparison: both roles' skills, duties and ways of working. */
export function compareTurtle(a, b) {
  const roles = [a, b].map(iriTerm);
  if (roles.includes(null)) return "";
  return sparqlTurtle(`CONSTRUCT { ?role ?p ?o . ?role skos:prefLabel ?name . ?o skos:prefLabel ?label . }
WHERE {
  VALUES ?role { ${roles.join(" ")} }
  VALUES ?p { rg:requiresSkill rg:hasResponsibility rg:hasQualification rg:focus rg:scope
              rg:communication rg:worksWith rg:usesTool rg:inIndustry rg:seniority }
  ?role ?p ?o .
  OPTIONAL { ?role skos:prefLabel ?name }
  OPTIONAL { ?o skos:prefLabel ?label }
}`);
}

/** The graph behind routes: each step's roles, the stated move, and the skills it adds. */
export function routeTurtle(pairs) {
  const rows = pairs
    .map(([from, to]) => [iriTerm(from), iriTerm(to)])
    .filter(([from, to]) => from && to)
    .map(([from, to]) => `(${from} ${to})`);
  if (!rows.length) return "";
  return sparqlTurtle(`CONSTRUCT { ?a skos:prefLabel ?al . ?b skos:prefLabel ?bl . ?a ?prog ?b .
  ?move ?mp ?mo . ?b ?req ?s . ?s skos:prefLabel ?sl . }
WHERE {
  VALUES (?a ?b) { ${[...new Set(rows)].join(" ")} }
  { ?a skos:prefLabel ?al } UNION { ?b skos:prefLabel ?bl }
  UNION { ?a ?prog ?b FILTER(?prog = rg:progressesTo) }
  UNION { ?move rg:fromRole ?a ; rg:toRole ?b ; ?mp ?mo }
  UNION { ?b ?req ?s FILTER(?req = rg:requiresSkill) FILTER NOT EXISTS { ?a rg:requiresSkill ?s }
          OPTIONAL { ?s skos:prefLabel ?sl } }
}`);
}

/** The graph behind a fit: the skills each listed role requires. */
export function fitTurtle(roles) {
  const terms = [...new Set(roles.map(iriTerm).filter(Boolean))];
  if (!terms.length) return "";
  return sparqlTurtle(`CONSTRUCT { ?role skos:prefLabel ?rl . ?role ?req ?s . ?s skos:prefLabel ?sl . }
WHERE {
  VALUES ?role { ${terms.join(" ")} }
  { ?role skos:prefLabel ?rl }
  UNION { ?role ?req ?s FILTER(?req = rg:requiresSkill) OPTIONAL { ?s skos:prefLabel ?sl } }
}`);
}

/** The graph behind a list of roles: their names and definitions. */
export function rolesTurtle(roles) {
  const terms = [...new Set(roles.map(iriTerm).filter(Boolean))];
  if (!terms.length) return "";
  return sparqlTurtle(`CONSTRUCT { ?role ?p ?o . }
WHERE {
  VALUES ?role { ${terms.join(" ")} }
  VALUES ?p { skos:prefLabel skos:altLabel skos:definition }
  ?role ?p ?o .
}`);
}
