// A short message at the bottom of the window, read out by screen readers,
// with an optional action such as «Angre». A message with an action stays
// until the caseworker's next action (a click or a key other than moving
// the focus), so an undo is never gone before it could be reached; Ctrl+Z
// runs it while it shows.
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

let timer;
let pending = null;

export function toast(message, action) {
  const area = document.getElementById("toast");
  clearTimeout(timer);
  pending = action ?? null;
  replace(
    area,
    h("span", { text: message }),
    action ? h("button", { type: "button", class: "link", id: "toast-action", text: action.label, onclick: () => runPending() }) : null,
    action ? h("span", { class: "hint", text: t("undo.hint") }) : null,
  );
  area.hidden = false;
  if (!action) timer = setTimeout(hide, 4000);
}

/** Tells that something was removed, with «Angre» that puts it back. */
export function undoToast(message, undo) {
  // Called from the click that removed the item: its pointerdown or key
  // came before, so it does not count as the next action.
  toast(message, { label: t("dialog.undo"), run: undo });
}

function runPending() {
  const action = pending;
  hide();
  action?.run();
}

function hide() {
  pending = null;
  document.getElementById("toast").hidden = true;
}

const FOCUS_KEYS = new Set(["Tab", "Shift", "Control", "Alt", "Meta"]);

document.addEventListener(
  "keydown",
  (event) => {
    if (!pending) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
      event.preventDefault();
      event.stopPropagation();
      runPending();
    } else if (!FOCUS_KEYS.has(event.key) && !event.target.closest?.("#toast")) {
      hide();
    }
  },
  true,
);
document.addEventListener(
  "pointerdown",
  (event) => {
    if (pending && !event.target.closest?.("#toast")) hide();
  },
  true,
);
window.addEventListener("hashchange", () => {
  if (pending) hide();
});
