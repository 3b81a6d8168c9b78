// Small DOM helpers: build elements without innerHTML (graph data is never parsed as HTML).

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** An HTML element: h("a", {href: "/"}, "text", otherNode). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function svg(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** A readable name for an IRI's last segment: "account-manager" -> "Account manager". */
export function prettify(iri) {
  if (!iri) return "";
  const last = decodeURIComponent(String(iri).replace(/[/#]+$/, "").split(/[/#]/).pop());
  const words = last.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The IRI of an item given as an IRI string or as an object with an iri. */
export function iriOf(item) {
  if (item === null || item === undefined) return "";
  return typeof item === "string" ? item : item.iri || item.id || "";
}

/** The label of an item given as an IRI string or as an object with a label. */
export function labelOf(item) {
  if (item === null || item === undefined) return "";
  if (typeof item === "string") return /^[a-z]+:/i.test(item) ? prettify(item) : item;
  return item.label || item.name || prettify(item.iri || item.id);
}

const moneyFormats = new Map();

/** "$72,000" (or "$31.50" for small hourly amounts). */
export function money(value, currency = "USD") {
  const digits = Math.abs(value) < 1000 && value % 1 !== 0 ? 2 : 0;
  const key = `${currency}:${digits}`;
  if (!moneyFormats.has(key)) {
    moneyFormats.set(
      key,
      new Intl.NumberFormat("en-US", {
        style: "currency",
        currency: currency || "USD",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
    );
  }
  return moneyFormats.get(key).format(value);
}

/** "$72k" for axis ticks. */
export function shortMoney(value, currency = "USD") {
  if (Math.abs(value) >= 1000) {
    const symbol = currency === "USD" ? "$" : `${currency} `;
    const thousands = value / 1000;
    return `${symbol}${Number.isInteger(thousands) ? thousands : thousands.toFixed(1)}k`;
  }
  return money(value, currency);
}

/** A list of chips, or a quiet "none recorded" line. */
export function chips(items, { className = "chip", empty = "None recorded.", link } = {}) {
  if (!items || items.length === 0) return h("p", { class: "none" }, empty);
  return h(
    "ul",
    { class: "chips" },
    items.map((item) =>
      h("li", { class: className }, link ? h("a", { href: link(item) }, labelOf(item)) : labelOf(item)),
    ),
  );
}

/** A section with a heading and an id, so every part of a view can be linked to. */
export function section(id, title, ...content) {
  return h(
    "section",
    { class: "panel", id, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, title),
    ...content,
  );
}

/** A short status line announced to screen readers. */
export function announce(text) {
  const live = document.getElementById("live");
  if (live) {
    live.textContent = "";
    window.setTimeout(() => {
      live.textContent = text;
    }, 30);
  }
}

/** Replace an element's children (arrays are flattened, null and false left out). */
export function put(el, ...children) {
  el.replaceChildren(
    ...children
      .flat(Infinity)
      .filter((child) => child !== null && child !== undefined && child !== false)
      .map((child) => (child instanceof Node ? child : String(child))),
  );
  return el;
}
