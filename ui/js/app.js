// Starts the window: checks that the register opened, then routes.
import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { currentLanguage, loadLanguage, t, translateStatic } from "./i18n.js";
import { toast } from "./toast.js";
import { countsText } from "./format.js";
import { currentScreen, focusHeading, mayLeave, navigate, startRouter } from "./router.js";
import { SIDEBAR } from "./routes.js";
import { dialogOpen } from "./dialog.js";
import { applyZoom, zoomKey } from "./zoom.js";
import { renderRecoveryCode, renderUnlock, renderDamaged, renderInUse } from "./views/vault.js";

const main = document.getElementById("main");

// The program is told once when the first screen is on display (start-up figure).
let firstRenderReported = false;
function reportFirstRender(name) {
  if (!firstRenderReported) {
    firstRenderReported = true;
    api.firstRender(name).catch(() => {});
  }
}

// The sidebar and its shortcut hint, drawn from the route table, so a
// screen given an Alt+digit is named in the hint without a second list.
function drawSidebar() {
  replace(
    document.getElementById("nav-list"),
    SIDEBAR.map((entry) => h("li", {}, h("a", { href: entry.hash, dataset: { nav: entry.section }, text: t(entry.label) }))),
  );
  const screens = SIDEBAR.filter((entry) => entry.key)
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((entry) => t("app.shortcutScreen", { key: entry.key, screen: t(entry.label).toLocaleLowerCase(currentLanguage()) }));
  document.getElementById("shortcuts").textContent = t("app.shortcuts", { screens: screens.join(" · ") });
}

// Below 720 CSS px (a narrow window, or zoomed to 200 % and more) the
// sidebar folds away behind «Meny».
const menuButton = document.getElementById("menu-button");
function setMenu(open) {
  document.body.classList.toggle("menu-open", open);
  menuButton.setAttribute("aria-expanded", String(open));
}
menuButton.addEventListener("click", () => {
  const open = !document.body.classList.contains("menu-open");
  setMenu(open);
  if (open) document.querySelector("#nav-list a")?.focus();
});
document.getElementById("nav-list").addEventListener("click", (event) => {
  if (event.target.closest("a")) setMenu(false);
});
window.addEventListener("hashchange", () => setMenu(false));

// The skip link moves the focus to the screen's heading; it does not
// navigate (the hash is the router's).
document.querySelector(".skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  focusHeading(main);
});

// Keyboard shortcuts for the frequent actions. While a question is open,
// only the question answers keys.
document.addEventListener("keydown", (event) => {
  if (dialogOpen()) return;
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  const screen = currentScreen();
  const sidebarEntry = event.altKey && !ctrl ? SIDEBAR.find((entry) => entry.key === event.key) : null;
  if (zoomKey(event)) {
    event.preventDefault();
  } else if (sidebarEntry) {
    event.preventDefault();
    navigate(sidebarEntry.hash);
  } else if (ctrl && key === "n") {
    event.preventDefault();
    navigate("#/deltakere/ny");
  } else if (ctrl && key === "f") {
    event.preventDefault();
    if (screen.focusSearch) screen.focusSearch();
    else navigate("#/deltakere");
  } else if (ctrl && key === "e" && screen.edit) {
    event.preventDefault();
    screen.edit();
  } else if (ctrl && key === "s" && screen.save) {
    event.preventDefault();
    screen.save();
  } else if (event.key === "Escape" && document.body.classList.contains("menu-open")) {
    setMenu(false);
    menuButton.focus();
  } else if (event.key === "Escape" && !event.defaultPrevented) {
    if (screen.cancel) screen.cancel();
    else if (screen.name === "participant") navigate("#/deltakere");
  }
});

// Closing the window asks about unsaved changes like any other way out.
// The program waits for this answer (see lib.rs); it closes by itself if
// the window never acknowledges the request.
// A request that comes while the question is open is the same request.
let closing = false;
window.addEventListener("introspor-close-requested", async () => {
  api.closeAcknowledged().catch(() => {});
  if (closing) return;
  closing = true;
  try {
    if (await mayLeave()) await api.quit();
  } catch {
    // The program is ending; nothing is left to tell.
  } finally {
    closing = false;
  }
});

async function start() {
  let status;
  try {
    status = await api.appStatus();
  } catch (error) {
    status = { version: "", startupError: error };
  }
  // The texts come in the remembered language before anything is drawn;
  // without them the window could say nothing at all, so a failure falls
  // back to Bokmål's.
  await loadLanguage(status.language).catch(() => loadLanguage("nb").catch(() => {}));
  translateStatic();
  drawSidebar();
  applyZoom(status.zoom);
  version = status.version;
  showVersion();
  // The menu leads nowhere until the register is open.
  document.body.dataset.vault = status.register !== "ready" || status.recoveryPending ? "closed" : "open";
  if (status.register === "locked") {
    renderUnlock(main, status.startupError, (kept) => {
      if (!kept) toast(t("vault.keyNotKept"));
      start();
    });
    reportFirstRender("locked");
    return;
  }
  if (status.register === "damaged") {
    renderDamaged(main, status.damage, (result) => {
      if (result?.counts) toast(t("backups.restored", { counts: countsText(result.counts), millis: result.millis }));
      start();
    });
    reportFirstRender("damaged");
    return;
  }
  if (status.register === "in_use") {
    renderInUse(main, status.startupError);
    reportFirstRender("inuse");
    return;
  }
  if (status.startupError) {
    replace(
      main,
      h(
        "section",
        { class: "startup-error", role: "alert" },
        h("h1", { text: t("app.startupError") }),
        h("p", { text: status.startupError.message }),
        h("p", { class: "hint", text: t("app.startupErrorHelp") }),
        h("p", { class: "mono", text: status.startupError.code }),
      ),
    );
    document.body.dataset.ready = "startup-error";
    reportFirstRender("startuperror");
    return;
  }
  if (status.recoveryPending) {
    await renderRecoveryCode(main, () => start());
    reportFirstRender("recoverycode");
    return;
  }
  const banner = document.getElementById("backup-banner");
  banner.hidden = !status.backupProblem;
  if (status.backupProblem) banner.textContent = t("backups.problem", { message: status.backupProblem.message });
  if (!routerStarted) {
    routerStarted = true;
    startRouter((screen) => reportFirstRender(screen.name));
  }
}

let routerStarted = false;

// The program's version at the foot of the sidebar, in the window's language.
let version = "";
function showVersion() {
  document.getElementById("version").textContent = version ? t("app.version", { version }) : "";
}

// A change of language (in the settings) draws the window again in it: the
// static texts, the sidebar and the screen on show, which the settings
// screen has already asked about unsaved changes for.
window.addEventListener("introspor-language-changed", () => {
  translateStatic();
  drawSidebar();
  showVersion();
  if (routerStarted) navigate(location.hash);
  else start();
});

start();
