// Backups: the automatic ones, one now to a folder the caseworker picks,
// and restoring one after seeing what it holds.
import { markReady } from "../router.js";
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { countsText } from "../format.js";


export async function renderBackups(main) {
  let list = [];
  try {
    list = await api.listBackups();
  } catch (error) {
    showError(error);
  }
  const confirmArea = h("div", { id: "restore-confirm", class: "restore-confirm", hidden: true });
  const askRestore = (b) => {
    replace(
      confirmArea,
      h("p", { role: "alert" }, icon("⚠"), " ", t("backups.restoreConfirm", { date: b.takenAt, counts: countsText(b.counts) })),
      h("button", {
        type: "button",
        class: "danger",
        id: "restore-confirm-yes",
        text: t("backups.restoreYes"),
        onclick: async () => {
          try {
            const result = await api.restoreBackup(b.fileName);
            toast(t("backups.restored", { counts: countsText(result.counts), millis: result.millis }));
            renderBackups(main);
          } catch (error) {
            showError(error);
          }
        },
      }),
      " ",
      h("button", { type: "button", class: "secondary", id: "restore-confirm-no", text: t("backups.cancel"), onclick: () => (confirmArea.hidden = true) }),
    );
    confirmArea.hidden = false;
    // The safe answer has the focus: Enter must not replace the register.
    confirmArea.querySelector("#restore-confirm-no").focus();
  };
  const backupNow = async () => {
    try {
      const result = await api.backupNow();
      if (!result.path) return toast(t("backups.cancelled"));
      toast(t("backups.written", { path: result.path, counts: countsText(result.counts), millis: result.millis }));
    } catch (error) {
      showError(error);
    }
  };
  const restoreFile = async () => {
    try {
      const result = await api.restoreBackupFile();
      if (!result.path) return toast(t("backups.cancelled"));
      toast(t("backups.restored", { counts: countsText(result.counts), millis: result.millis }));
      renderBackups(main);
    } catch (error) {
      showError(error);
    }
  };
  replace(
    main,
    h(
      "header",
      { class: "page-header" },
      h("div", { class: "title-group" }, h("h1", { text: t("backups.title") })),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", id: "restore-from-file", text: t("backups.restoreFile"), onclick: restoreFile }),
        h("button", { type: "button", class: "primary", id: "backup-now", text: t("backups.now"), onclick: backupNow }),
      ),
    ),
    h("p", { class: "hint", text: t("backups.intro") }),
    confirmArea,
    list.length
      ? h("div", { class: "table-wrap" }, h(
          "table",
          { class: "data compact", id: "backup-table" },
          h("thead", {}, h("tr", {}, ["backups.when", "backups.size", "backups.holds", "backups.check"].map((k) => h("th", { scope: "col", text: t(k) })), h("th", {}))),
          h(
            "tbody",
            {},
            list.map((b) =>
              h(
                "tr",
                { dataset: { file: b.fileName } },
                h("td", { text: b.takenAt }),
                h("td", { text: `${b.sizeKb} kB` }),
                h("td", { text: b.counts ? countsText(b.counts) : "" }),
                h("td", {}, b.counts ? h("span", { class: "badge status-completed" }, icon("✓"), t("backups.ok")) : h("span", { class: "badge warning" }, icon("✕"), b.problem)),
                h("td", { class: "action" }, b.counts ? h("button", { type: "button", class: "small secondary", text: t("backups.restore"), onclick: () => askRestore(b) }) : null),
              ),
            ),
          ),
        ))
      : h("p", { class: "empty", text: t("backups.none") }),
  );
  markReady();
  return {};
}
