// Starts the window: checks that the register opened, then routes.
import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { t, translateStatic } from "./i18n.js";
import { route, startRouter } from "./router.js";
import { renderParticipantList } from "./views/participant-list.js";
import { renderParticipantDetail } from "./views/participant-detail.js";
import { renderParticipantForm } from "./views/participant-form.js";
import { renderOverview } from "./views/overview.js";
import { renderDeadlineList } from "./views/deadline-list.js";
import { renderSettings } from "./views/settings.js";
import { renderContacts } from "./views/contacts.js";
import { renderMeetingList } from "./views/meeting-list.js";
import { renderMeetingEditor } from "./views/meeting-editor.js";
import { renderBackups } from "./views/backups.js";
import { renderRecoveryCode, renderUnlock, renderDamaged, renderInUse } from "./views/vault.js";
import { toast } from "./toast.js";
import { countsText } from "./format.js";
import { renderAudit } from "./views/audit.js";
import { renderRules } from "./views/rules.js";

const main = document.getElementById("main");
// The screen on show and the keyboard actions it offers.
let screen = {};

function show(name, section, render) {
  return async (...args) => {
    document.body.dataset.ready = "";
    for (const link of document.querySelectorAll("[data-nav]")) {
      if (link.dataset.nav === section) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    screen = { name, ...(await render(main, ...args)) };
    reportFirstRender(name);
  };
}

// The program is told once when the first screen is on display (start-up figure).
let firstRenderReported = false;
function reportFirstRender(name) {
  if (!firstRenderReported) {
    firstRenderReported = true;
    api.firstRender(name).catch(() => {});
  }
}

route(/^#\/oversikt\/?$/, show("overview", "overview", renderOverview));
route(/^#\/frister\/?(?:\?(.*))?$/, show("deadlines", "deadlines", renderDeadlineList));
route(/^#\/innstillinger\/?$/, show("settings", "settings", renderSettings));
route(/^#\/regelverk\/?$/, show("rules", "rules", renderRules));
route(/^#\/sikkerhetskopi\/?$/, show("backups", "backups", renderBackups));
route(/^#\/kontakter\/?$/, show("contacts", "contacts", renderContacts));
route(/^#\/kontroll\/?$/, show("audit", "audit", renderAudit));
route(/^#\/moter\/?$/, show("meetings", "meetings", renderMeetingList));
route(/^#\/moter\/ny\?(.*)$/, show("meeting", "meetings", (m, query) => renderMeetingEditor(m, null, query)));
route(/^#\/moter\/(\d+)$/, show("meeting", "meetings", (m, id) => renderMeetingEditor(m, Number(id), "")));
route(/^#\/deltakere\/?$/, show("list", "participants", renderParticipantList));
route(/^#\/deltakere\/ny$/, show("form", "participants", (m) => renderParticipantForm(m, null)));
route(/^#\/deltakere\/(\d+)\/rediger$/, show("form", "participants", renderParticipantForm));
route(/^#\/deltakere\/(\d+)$/, show("detail", "participants", renderParticipantDetail));

// Keyboard shortcuts for the frequent actions.
document.addEventListener("keydown", (event) => {
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey && ["1", "2", "3", "4", "5", "6"].includes(event.key)) {
    event.preventDefault();
    location.hash = { 1: "#/oversikt", 2: "#/deltakere", 3: "#/frister", 4: "#/innstillinger", 5: "#/moter", 6: "#/kontakter" }[event.key];
  } else if (ctrl && key === "n") {
    event.preventDefault();
    location.hash = "#/deltakere/ny";
  } else if (ctrl && key === "f") {
    event.preventDefault();
    if (screen.focusSearch) screen.focusSearch();
    else location.hash = "#/deltakere";
  } else if (ctrl && key === "e" && screen.edit) {
    event.preventDefault();
    screen.edit();
  } else if (ctrl && key === "s" && screen.save) {
    event.preventDefault();
    screen.save();
  } else if (event.key === "Escape" && !event.defaultPrevented) {
    if (screen.cancel) screen.cancel();
    else if (screen.name === "detail") location.hash = "#/deltakere";
  }
});

async function start() {
  translateStatic();
  let status;
  try {
    status = await api.appStatus();
  } catch (error) {
    status = { version: "", startupError: error };
  }
  document.getElementById("version").textContent = status.version ? t("app.version", { version: status.version }) : "";
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
    startRouter();
  }
}

let routerStarted = false;

start();
