// A participant's history from the audit trail: when, what, which fields
// changed (old → new) and the reason, newest first. Values arrive masked:
// identity numbers show only the birth date, notes only "(endret)".
import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { has, t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";

const BOOLEAN_FIELDS = new Set([
  "needs_interpreter", "hurtigspor", "has_or_expects_children", "competence_mapped_before_settlement",
  "approved", "interpreter_used", "revises_agreement", "evaluates_routines",
]);
const CHOICE_PREFIXES = { status: "status", gender: "gender", final_goal: "goal", computed_law: "law", law_override: "law", role: "role" };

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** A field's name as the caseworker knows it, or its stored name. */
export function fieldLabel(field) {
  for (const key of [`audit.field.${field}`, `field.${camel(field)}`]) {
    if (has(key)) return t(key);
  }
  return field;
}

/** A value as the caseworker reads it; a dash when there is none. */
export function valueText(field, value) {
  if (value === "") return "–";
  const column = field.replace(/^.*\]\./, "");
  if (BOOLEAN_FIELDS.has(column) || column === "sensitive") {
    if (value === "1") return t("detail.yes");
    if (value === "0") return t("detail.no");
  }
  const prefix = CHOICE_PREFIXES[column];
  if (prefix && has(`${prefix}.${value}`)) return t(`${prefix}.${value}`);
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
        c.from ? [h("span", { class: "change-from", text: valueText(c.field, c.from) }), " → "] : null,
        h("span", { class: "change-to", text: valueText(c.field, c.to) }),
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
                h("td", { text: e.reason || "–" }),
              ),
            ),
          ),
        )
      : h("p", { class: "empty", id: "participant-history", text: t("history.none") }),
    entries.length >= 500 ? h("p", { class: "hint", text: t("history.limited", { count: entries.length }) }) : null,
  );
}
