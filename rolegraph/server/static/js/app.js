// The page's router: every view has its own URL (path and query string), rendered in place.

import { announce, h } from "./dom.js";
import { compareView } from "./views/compare.js";
import { fitView } from "./views/fit.js";
import { homeView } from "./views/home.js";
import { roleView } from "./views/role.js";
import { routeView } from "./views/route.js";

const VIEWS = [
  [/^\/$/, homeView, "/"],
  [/^\/role\/(.+)$/, roleView, null],
  [/^\/compare\/?$/, compareView, "/compare"],
  [/^\/route\/?$/, routeView, "/route"],
  [/^\/fit\/?$/, fitView, "/fit"],
];

let generation = 0;

function viewFor(path) {
  for (const [pattern, view, nav] of VIEWS) {
    const match = pattern.exec(path);
    if (match) return { view, match, nav };
  }
  return null;
}

function notFound() {
  document.title = "Page not found · rolegraph";
  return h(
    "div",
    null,
    h("h1", { tabindex: "-1" }, "Page not found"),
    h("p", null, "There is no page at this address. ", h("a", { href: "/" }, "Search for a role"), "."),
  );
}

/** Show the view of the current URL. `focus` moves keyboard focus: "heading", "results" or none. */
async function render(focus) {
  const token = ++generation;
  const main = document.getElementById("main");
  const found = viewFor(location.pathname);
  for (const link of document.querySelectorAll(".site-nav a")) {
    if (found && link.getAttribute("href") === found.nav) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const context = {
    params: new URLSearchParams(location.search),
    match: found?.match,
    navigate,
    current: () => token === generation,
  };
  main.setAttribute("aria-busy", "true");
  try {
    if (!found) {
      main.replaceChildren(notFound());
    } else {
      const container = h("div", { class: "view" });
      main.replaceChildren(container);
      await found.view(container, context);
    }
  } finally {
    if (token === generation) {
      main.removeAttribute("aria-busy");
      document.documentElement.dataset.ready = "true";
      const target =
        focus === "results"
          ? main.querySelector("#results [tabindex='-1'], h1")
          : focus === "heading"
            ? main.querySelector("h1")
            : null;
      if (target) {
        target.focus({ preventScroll: focus === "results" ? false : true });
        if (focus === "heading") window.scrollTo(0, 0);
        announce(document.title.replace(/ · rolegraph$/, ""));
      }
    }
  }
}

/** Go to a page URL without reloading; `replace` keeps the history entry. */
export function navigate(url, { replace = false, focus = "heading" } = {}) {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  document.documentElement.dataset.ready = "false";
  return render(focus);
}

document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.("a[href]");
  if (!link || link.target || link.hasAttribute("download") || link.type) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !viewFor(url.pathname)) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

window.addEventListener("popstate", () => render("heading"));

render(null);
