// Builds DOM nodes. Text is always set as text (textContent / text nodes),
// never parsed as HTML: names and notes from the register are shown
// literally, whatever characters they contain.

/**
 * Creates an element. `attrs` keys: `class`, `text`, `on<event>` handlers,
 * `dataset` (object), boolean attributes as true/false, others as strings.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** An icon: decorative, hidden from screen readers; the word beside it carries the meaning. */
export function icon(symbol) {
  return h("span", { class: "icon", "aria-hidden": "true", text: symbol });
}
