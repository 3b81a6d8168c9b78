// A text box with suggestions as you type, following the WAI-ARIA 1.2 combobox pattern:
// arrow keys move through the suggestions, Enter picks one, Escape closes the list (or clears).

import { announce, h } from "./dom.js";

let counter = 0;

/**
 * Build a combobox.
 * source(text, signal) -> Promise<[{iri, label, score}]>; onSelect(item) runs when one is picked.
 */
export function combobox({ id, label, hint, placeholder = "", source, onSelect, value = "" }) {
  counter += 1;
  const instance = counter;
  const listId = `${id}-list`;
  const hintId = hint ? `${id}-hint` : null;
  const input = h("input", {
    id,
    name: id,
    type: "text",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-describedby": hintId,
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    placeholder,
  });
  input.value = value;
  const list = h("ul", { id: listId, role: "listbox", "aria-label": `${label}: suggestions`, hidden: true });
  const root = h(
    "div",
    { class: "field combo" },
    h("label", { for: id }, label),
    hint ? h("span", { class: "hint", id: hintId }, hint) : null,
    h("div", { class: "combo-box" }, input, list),
  );

  const state = { items: [], active: -1, timer: 0, controller: null, item: null };

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    state.active = -1;
  }

  function open() {
    if (state.items.length === 0) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function highlight(index) {
    const options = list.children;
    if (state.active >= 0 && options[state.active]) {
      options[state.active].setAttribute("aria-selected", "false");
    }
    state.active = index;
    const option = options[index];
    if (option) {
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function pick(index) {
    const item = state.items[index];
    if (!item) return;
    state.item = item;
    input.value = item.label;
    close();
    onSelect?.(item);
  }

  function render(items, quiet = false) {
    state.items = items;
    state.active = -1;
    list.replaceChildren(
      ...items.map((item, index) =>
        h(
          "li",
          {
            id: `${id}-opt-${instance}-${index}`,
            role: "option",
            "aria-selected": "false",
            class: "option",
            onpointerdown: (event) => event.preventDefault(),
            onclick: () => pick(index),
            // the option's name is the role's label; where it comes from is its description
            "aria-describedby": item.detail ? `${id}-opt-${instance}-${index}-detail` : null,
          },
          h("span", { class: "option-label" }, item.label),
          item.detail
            ? h("span", { class: "option-detail", id: `${id}-opt-${instance}-${index}-detail`, "aria-hidden": "true" }, ` ${item.detail}`)
            : null,
        ),
      ),
    );
    if (items.length) {
      open();
      announce(`${items.length} suggestion${items.length === 1 ? "" : "s"}; use the arrow keys to choose.`);
    } else {
      close();
      if (!quiet) announce("No suggestions.");
    }
  }

  async function suggest() {
    const text = input.value.trim();
    state.controller?.abort();
    if (text.length < 2) {
      render([], true);
      return;
    }
    const controller = new AbortController();
    state.controller = controller;
    try {
      const items = await source(text, controller.signal);
      if (!controller.signal.aborted && input.value.trim() === text) render(items || []);
    } catch (error) {
      if (error.name !== "AbortError") render([]);
    }
  }

  input.addEventListener("input", () => {
    state.item = null;
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(suggest, 120);
  });

  input.addEventListener("keydown", (event) => {
    const count = state.items.length;
    switch (event.key) {
      case "ArrowDown":
        if (!count) return;
        event.preventDefault();
        open();
        highlight((state.active + 1) % count);
        break;
      case "ArrowUp":
        if (!count) return;
        event.preventDefault();
        open();
        highlight(state.active <= 0 ? count - 1 : state.active - 1);
        break;
      case "Enter":
        if (!list.hidden && state.active >= 0) {
          event.preventDefault();
          pick(state.active);
        } else {
          close();
        }
        break;
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          state.item = null;
          render([], true);
        }
        break;
      case "Tab":
        close();
        break;
      default:
        break;
    }
  });

  input.addEventListener("blur", () => window.setTimeout(close, 150));
  input.addEventListener("focus", () => {
    if (state.items.length && !state.item) open();
  });

  return {
    root,
    input,
    get item() {
      return state.item;
    },
    clear() {
      input.value = "";
      state.item = null;
      render([], true);
    },
  };
}
