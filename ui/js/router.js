// Hash routes, dispatched by the route table (routes.js). On every change of
// screen: the sidebar marks where you are, the window title names the
// screen, the page scrolls to the top and the focus moves to the screen's
// main heading, which a screen reader then reads out. Leaving a screen with
// unsaved changes, by any way (sidebar, shortcut, back link, Avbryt, Esc,
// closing the window), asks first: «Lagre», «Forkast» or «Bli her».
import { api } from "./api.js";
import { askUnsaved } from "./dialog.js";
import { dirtyForms, forgetForms } from "./form.js";
import { t } from "./i18n.js";
import { screenFor } from "./routes.js";

const DEFAULT_HASH = "#/oversikt";
const main = () => document.getElementById("main");

// The screen on show: its table row, its hash, and what its render returned
// (its keyboard actions).
let current = { screen: null, hash: "", handle: {} };
// Told after each screen is drawn (the start-up figure).
let shown = () => {};

/** What the screen on show offers (keyboard actions, the guard's hooks). */
export function currentScreen() {
  return { name: current.screen?.name ?? "", ...current.handle };
}

/** Goes to `hash`, asking first if the screen on show has unsaved changes. */
export function navigate(hash) {
  if (location.hash === hash) dispatch();
  else location.hash = hash;
}

/** Marks the screen on show as drawn (after a redraw in place too). */
export function markReady() {
  if (current.screen) document.body.dataset.ready = current.screen.ready;
}

/**
 * Asks about unsaved changes if there are any. Resolves true when the
 * screen may be left: nothing unsaved, saved successfully, or discarded.
 */
export async function mayLeave() {
  const dirty = dirtyForms();
  if (!dirty.length) return true;
  const answer = await askUnsaved(dirty.every((form) => form.save));
  if (answer === "discard") {
    for (const form of dirty) form.discard?.();
    return true;
  }
  if (answer === "save") {
    for (const form of dirty) {
      if (!(await form.save())) return false;
    }
    return dirtyForms().length === 0;
  }
  return false;
}

async function dispatch() {
  const hash = location.hash || DEFAULT_HASH;
  if (current.screen && hash !== current.hash && dirtyForms().length) {
    const target = hash;
    // Put the address back while asking, so that «Bli her» leaves the
    // window exactly as it was (replaceState fires no hashchange).
    history.replaceState(null, "", current.hash);
    if (!(await mayLeave())) return;
    forgetForms();
    location.hash = target;
    return;
  }
  const found = screenFor(hash);
  if (!found) {
    location.hash = DEFAULT_HASH;
    return;
  }
  await show(found.screen, hash, found.args);
}

async function show(screen, hash, args) {
  document.body.dataset.ready = "";
  forgetForms();
  current = { screen, hash, handle: {} };
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === screen.section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const title = t(screen.title);
  document.title = t("app.windowTitle", { screen: title });
  api.setWindowTitle(document.title).catch(() => {});
  const area = main();
  area.scrollTop = 0;
  area.scrollLeft = 0;
  const handle = (await screen.render(area, ...args)) || {};
  // A later navigation may have started while this screen was loading.
  if (current.hash !== hash) return;
  current.handle = handle;
  area.scrollTop = 0;
  area.scrollLeft = 0;
  // The router has scrolled to the top already.
  focusHeading(area, { preventScroll: true });
  markReady();
  shown(screen);
}

/**
 * Gives the main heading the focus (the content area when there is none),
 * so that a screen reader reads where the caseworker now is and Tab
 * continues from the top of the screen: after a change of screen, and from
 * the skip link.
 */
export function focusHeading(area = main(), options = {}) {
  const heading = area.querySelector("h1");
  if (!heading) return area.focus(options);
  heading.setAttribute("tabindex", "-1");
  heading.focus(options);
}

/** Starts listening to the address, and shows the first screen; `onShown(screen)` follows each screen drawn. */
export function startRouter(onShown = () => {}) {
  shown = onShown;
  window.addEventListener("hashchange", dispatch);
  dispatch();
}
