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

// How many rows a long table draws before its screen is shown: more than
// the tallest window shows at 100 % zoom. The rest follow once those are
// painted, so that a page of 200 rows costs the click what 50 cost
// (docs/performance.md, "Click to pixels").
export const FIRST_ROWS = 50;
// Rows added per task after the first paint, small enough that typing in
// a search field between them is not held up.
const LATER_ROWS = 100;
// The fill in progress per table body, so that a second fill (a new search)
// stops the first.
const fills = new WeakMap();

/**
 * Fills `body` (a `tbody`) with `draw(item)` for each of `items`: the first
 * FIRST_ROWS at once, the rest after the next frame is painted. While rows
 * are still to come the body is `aria-busy`, which screen readers and the
 * window tests wait for. Resolves when every row is in, or when a later fill
 * of the same body took over.
 */
export function fillRows(body, items, draw) {
  const fill = {};
  fills.set(body, fill);
  replace(body, items.slice(0, FIRST_ROWS).map(draw));
  if (items.length <= FIRST_ROWS) {
    body.removeAttribute("aria-busy");
    fill.done = Promise.resolve();
    return fill.done;
  }
  body.setAttribute("aria-busy", "true");
  fill.done = new Promise((resolve) => {
    let next = FIRST_ROWS;
    const step = () => {
      if (fills.get(body) !== fill) return resolve();
      append(body, items.slice(next, next + LATER_ROWS).map(draw));
      next += LATER_ROWS;
      if (next < items.length) return setTimeout(step, 0);
      body.removeAttribute("aria-busy");
      resolve();
    };
    // After this frame's paint: a task queued from a frame callback runs
    // once the frame is on the screen.
    requestAnimationFrame(() => setTimeout(step, 0));
  });
  return fill.done;
}

/** Resolves when the rows of the latest fill of `body` are all in. */
export function rowsFilled(body) {
  return (body && fills.get(body)?.done) || Promise.resolve();
}

/** A `tbody` filled by `fillRows`. */
export function tableBody(items, draw) {
  const body = h("tbody");
  fillRows(body, items, draw);
  return body;
}
