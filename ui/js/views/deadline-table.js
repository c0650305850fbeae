// A table of deadlines (legal ones and own tasks) with a "mark done" action
// in each row. Used by the overview, the list of all deadlines and the
// participant's timeline.
import { api } from "../api.js";
import { h, replace, tableBody } from "../dom.js";
import { t } from "../i18n.js";
import { deadlineStatusBadge, daysText, todayText } from "../format.js";
import { showError } from "./error.js";
import { toast } from "../toast.js";

/**
 * Renders `rows`. `onChange` is called after a row was marked done or
 * undone; `showParticipant` adds the participant column.
 */
export function deadlineTable(rows, { onChange, showParticipant = true, id } = {}) {
  const columns = ["due", "lastWorkingDay", "kind", ...(showParticipant ? ["participant"] : []), "status", "why", "action"];
  return h(
    "table",
    { class: "data deadlines", id },
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", text: t(`deadlines.col.${c}`) })))),
    tableBody(rows, (row) => deadlineRow(row, { onChange, showParticipant })),
  );
}

function deadlineRow(row, { onChange, showParticipant }) {
  const action = h("td", { class: "action" });
  const title = row.kind === "own_task" ? row.title : t(`kind.${row.kind}`);
  const tr = h(
    "tr",
    { class: `deadline status-row-${row.status}`, dataset: { kind: row.kind } },
    h("td", { class: "date" }, h("strong", { text: row.due }), h("div", { class: "hint", text: row.status === "done" ? "" : daysText(row.daysLeft) })),
    h("td", { class: "date", text: row.lastWorkingDay }),
    h("td", { class: "what" }, h("span", { class: "kind", text: title }), row.kind === "own_task" ? h("span", { class: "hint", text: ` (${t("kind.own_task")})` }) : null),
    showParticipant
      ? h("td", {}, row.participantId ? h("a", { href: `#/deltakere/${row.participantId}`, text: row.participantName }) : t("deadlines.noParticipant"))
      : null,
    h("td", {}, deadlineStatusBadge(row.status), row.doneOn ? h("div", { class: "hint", text: t("deadlines.doneOn", { date: row.doneOn }) }) : null),
    h("td", { class: "why" }, h("span", { text: row.reason }), row.reference ? h("div", { class: "reference", text: row.reference }) : null),
    action,
  );
  showActions(action, row, onChange);
  return tr;
}

function save(row, date) {
  return row.taskId
    ? api.setTaskDone(row.taskId, date)
    : api.markDeadlineDone(row.participantId, row.kind, row.sourceId, date);
}

function showActions(cell, row, onChange) {
  if (row.status === "not_applicable") return replace(cell);
  // An extension decision is closed by recording the decision (months and
  // date) on the participant, not by a date here.
  if (row.kind === "extension_decision") {
    return replace(
      cell,
      row.status === "done"
        ? null
        : h("a", { class: "small record-extension", href: `#/deltakere/${row.participantId}`, text: t("extension.record") }),
    );
  }
  if (row.status === "done") {
    return replace(
      cell,
      h("button", {
        type: "button",
        class: "small secondary undo-done",
        text: t("deadlines.undo"),
        onclick: async () => {
          try {
            await save(row, "");
            onChange?.();
          } catch (error) {
            showError(error);
          }
        },
      }),
    );
  }
  replace(
    cell,
    h("button", {
      type: "button",
      class: "small mark-done",
      text: t("deadlines.markDone"),
      onclick: () => askDate(cell, row, onChange),
    }),
  );
}

function askDate(cell, row, onChange) {
  const input = h("input", { type: "text", class: "date done-date", value: todayText(), "aria-label": `${t("deadlines.doneDate")} (${t("form.dateFormat")})`, inputmode: "numeric", maxlength: "10" });
  const error = h("p", { class: "field-error", hidden: true, role: "alert" });
  const submit = async () => {
    try {
      await save(row, input.value);
      toast(t("deadlines.doneOn", { date: input.value }));
      onChange?.();
    } catch (e) {
      const message = e.fields?.[0]?.message || e.message;
      error.textContent = message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      showActions(cell, row, onChange);
    }
  });
  replace(
    cell,
    h(
      "div",
      { class: "inline-form" },
      input,
      h("button", { type: "button", class: "small primary save-done", text: t("deadlines.save"), onclick: submit }),
      h("button", { type: "button", class: "small secondary", text: t("deadlines.cancel"), onclick: () => showActions(cell, row, onChange) }),
    ),
    error,
  );
  input.focus();
  input.select();
}
