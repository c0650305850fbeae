// A participant's history from the audit trail: when, what, which fields
// changed (old → new) and the reason, newest first. Values arrive masked:
// identity numbers show only the birth date, notes only "(endret)".
import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { has, t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";

/** A field's label from the catalogue (`audit.field.<field>`, a position
 * such as `agenda[2]` written `agenda[]` and given as {n}); the stored name
 * only for a field no version has labelled (every one recorded now is, see
 * tests/choices_in_step.rs). */
export function fieldLabel(field) {
  const n = field.match(/\[(\d+)\]/)?.[1] ?? "";
  const key = `audit.field.${field.replace(/\[\d+\]/g, "[]")}`;
  return has(key) ? t(key, { n }) : field;
}

/** One stored value as the caseworker reads it: the name behind an id
 * (filled by the program), a choice's label, yes or no; a dash for none. */
export function valueText(change, value, words) {
  if (words) return words;
  if (value === "") return "–";
  if (change.kind === "yes_no") {
    if (value === "1" || value === "true") return t("detail.yes");
    if (value === "0" || value === "false") return t("detail.no");
  }
  if (change.kind === "choice" && has(`${change.choice}.${value}`)) return t(`${change.choice}.${value}`);
  return value;
}

/** "Deltaker endret", "Oppgave #12 fullført". */
export function whatText(entry) {
  const entity = has(`audit.entity.${entry.entityType}`) ? t(`audit.entity.${entry.entityType}`) : entry.entityType;
  const action = has(`audit.action.${entry.action}`) ? t(`audit.action.${entry.action}`) : entry.action;
  const id = entry.entityType !== "participant" && entry.entityId != null ? ` #${entry.entityId}` : "";
  return `${entity}${id} ${action}`;
}

export function changeList(entry) {
  if (!entry.changes.length) return h("span", { class: "hint", text: "–" });
  return h(
    "ul",
    { class: "changes" },
    entry.changes.map((c) =>
      h(
        "li",
        {},
        h("span", { class: "change-field", text: `${fieldLabel(c.field)}: ` }),
        c.from ? [h("span", { class: "change-from", text: valueText(c, c.from, c.fromText) }), " → "] : null,
        h("span", { class: "change-to", text: valueText(c, c.to, c.toText) }),
      ),
    ),
  );
}

export async function renderParticipantHistory(area, participantId) {
  let entries;
  try {
    entries = await api.auditHistory(participantId);
  } catch (error) {
    showError(error);
    return;
  }
  const exportHistory = async () => {
    try {
      const result = await api.exportAudit("", "", participantId);
      if (result.path) toast(t("audit.exported", { count: result.entries }));
    } catch (error) {
      showError(error);
    }
  };
  replace(
    area,
    h(
      "div",
      { class: "section-head" },
      h("h2", { id: "history-heading", text: t("history.title") }),
      h("div", { class: "actions" }, h("button", { type: "button", class: "small secondary", id: "export-history", text: t("history.export"), onclick: exportHistory })),
    ),
    h("p", { class: "hint", text: t("history.help") }),
    entries.length
      ? h(
          "table",
          { class: "data compact history", id: "participant-history", "aria-labelledby": "history-heading" },
          h("thead", {}, h("tr", {}, ["history.when", "history.what", "history.changes", "history.reason"].map((k) => h("th", { scope: "col", text: t(k) })))),
          h(
            "tbody",
            {},
            entries.map((e) =>
              h(
                "tr",
                { dataset: { auditId: String(e.id) } },
                h("td", { class: "date", text: e.at }),
                h("td", { text: whatText(e) }),
                h("td", {}, changeList(e)),
                // A stored reason is the caseworker's words, or for an
                // anonymisation applied again after a restore, its code.
                h("td", { text: e.reason === "reapplied_after_restore" ? t("history.reapplied_after_restore") : e.reason || "–" }),
              ),
            ),
          ),
        )
      : h("p", { class: "empty", id: "participant-history", text: t("history.none") }),
    entries.length >= 500 ? h("p", { class: "hint", text: t("history.limited", { count: entries.length }) }) : null,
  );
}
