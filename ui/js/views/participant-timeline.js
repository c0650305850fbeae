// A participant's deadlines as a timeline, with the registrable events and
// leaves that drive them, all editable in place.
import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { EVENT_KINDS, LEAVE_KINDS } from "../format.js";
import { showError } from "./error.js";
import { confirmDestructive } from "../dialog.js";
import { deadlineTable } from "./deadline-table.js";
import { smallForm } from "./small-form.js";
import { taskForm } from "./task-form.js";

export async function renderTimeline(container, participantId, editLeaveId = null) {
  let data;
  try {
    data = await api.participantDeadlines(participantId);
  } catch (error) {
    showError(error);
    return;
  }
  const refresh = () => renderTimeline(container, participantId);
  const editing = data.leaves.find((l) => l.id === editLeaveId) ?? null;
  const apply = (promise) => promise.then(refresh);

  const taskArea = h("div", { class: "task-area", hidden: true });
  const toggleTask = async () => {
    taskArea.hidden = !taskArea.hidden;
    if (!taskArea.hidden) {
      replace(taskArea, await taskForm({ participantId, onSaved: refresh }));
      taskArea.querySelector("input")?.focus();
    }
  };

  const events = h(
    "table",
    { class: "data compact", id: "event-table" },
    h("thead", {}, h("tr", {}, [t("efield.kind"), t("efield.occurred"), t("efield.registered"), t("efield.note"), ""].map((c) => h("th", { scope: "col", text: c })))),
    h(
      "tbody",
      {},
      data.events.map((e) =>
        h(
          "tr",
          {},
          h("td", { text: t(`event.${e.kind}`) }),
          h("td", { class: "date", text: e.occurred }),
          h("td", { class: "date", text: e.registered || "—" }),
          h("td", { text: e.note }),
          h("td", {}, h("button", { type: "button", class: "small secondary", text: t("timeline.delete"), "aria-label": `${t("timeline.delete")}: ${t(`event.${e.kind}`)} ${e.occurred}`, onclick: async () => {
            const sure = await confirmDestructive({ id: "confirm-delete-event", title: t("confirm.eventTitle"), message: t("confirm.eventMessage", { what: t(`event.${e.kind}`), date: e.occurred }), confirmLabel: t("dialog.delete") });
            if (sure) apply(api.deleteEvent(participantId, e.id)).catch(showError);
          } })),
        ),
      ),
    ),
  );

  const leaves = h(
    "table",
    { class: "data compact", id: "leave-table" },
    h("thead", {}, h("tr", {}, [t("lfield.kind"), t("lfield.start"), t("lfield.end"), t("lfield.approved"), t("lfield.followupDate"), ""].map((c) => h("th", { scope: "col", text: c })))),
    h(
      "tbody",
      {},
      data.leaves.map((l) =>
        h(
          "tr",
          {},
          h("td", { text: t(`leave.${l.kind}`) }),
          h("td", { class: "date", text: l.start }),
          h("td", { class: "date", text: l.end || t("timeline.ongoing") }),
          h("td", { text: l.approved ? `✓ ${t("timeline.approved")}` : `✕ ${t("timeline.notApproved")}` }),
          h("td", { class: "date", text: l.followupDate || "—" }),
          h(
            "td",
            { class: "action" },
            h("button", { type: "button", class: "small secondary edit-leave", text: t("timeline.edit"), onclick: () => renderTimeline(container, participantId, l.id).then(() => container.querySelector("#leave-form-end")?.focus()) }),
            " ",
            h("button", { type: "button", class: "small secondary", text: t("timeline.delete"), "aria-label": `${t("timeline.delete")}: ${t(`leave.${l.kind}`)} ${l.start}`, onclick: async () => {
              const sure = await confirmDestructive({ id: "confirm-delete-leave", title: t("confirm.leaveTitle"), message: t("confirm.leaveMessage", { from: l.start }), confirmLabel: t("dialog.delete") });
              if (sure) apply(api.deleteLeave(participantId, l.id)).catch(showError);
            } }),
          ),
        ),
      ),
    ),
  );

  const extensions = h(
    "table",
    { class: "data compact", id: "extension-table" },
    h("thead", {}, h("tr", {}, [t("xfield.decided"), t("xfield.months"), t("xfield.reason"), ""].map((c) => h("th", { scope: "col", text: c })))),
    h(
      "tbody",
      {},
      data.extensions.map((x) =>
        h(
          "tr",
          {},
          h("td", { class: "date", text: x.decided }),
          h("td", { text: t("extension.months", { n: x.months }) }),
          h("td", { text: x.reason }),
          h("td", {}, h("button", { type: "button", class: "small secondary", text: t("extension.delete"), "aria-label": `${t("extension.delete")}: ${x.decided}`, onclick: async () => {
            const sure = await confirmDestructive({ id: "confirm-delete-extension", title: t("confirm.extensionTitle"), message: t("confirm.extensionMessage", { date: x.decided, months: x.months }), confirmLabel: t("dialog.delete") });
            if (sure) apply(api.deleteExtension(participantId, x.id)).catch(showError);
          } })),
        ),
      ),
    ),
  );

  // The warnings stand under the law box, where the frame's facts are read.
  const warningsArea = document.getElementById("warnings-area");
  if (warningsArea) replace(warningsArea, data.warnings.length ? renderWarnings(data.warnings) : null);
  replace(
    container,
    h(
      "section",
      { class: "card", id: "timeline", "aria-labelledby": "timeline-title" },
      h("div", { class: "section-header" }, h("h2", { id: "timeline-title", text: t("timeline.title") }), h("button", { type: "button", class: "small secondary", id: "new-participant-task", text: `+ ${t("timeline.addTask")}`, onclick: toggleTask })),
      taskArea,
      data.deadlines.length
        ? deadlineTable(data.deadlines, { onChange: refresh, showParticipant: false, id: "timeline-table" })
        : h("p", { class: "empty", text: t("timeline.empty") }),
    ),
    h(
      "div",
      { class: "detail-grid two" },
      h(
        "section",
        { class: "card", id: "events", "aria-labelledby": "events-title" },
        h("h2", { id: "events-title", text: t("timeline.events") }),
        data.events.length ? events : h("p", { class: "empty", text: t("timeline.eventsEmpty") }),
        h("h3", { text: t("timeline.addEvent") }),
        smallForm({
          id: "event-form",
          submitLabel: t("timeline.addEvent"),
          fields: [
            { name: "kind", label: t("efield.kind"), type: "select", options: EVENT_KINDS.map((k) => [k, t(`event.${k}`)]), value: "participation_decision" },
            { name: "occurred", label: t("efield.occurred"), type: "date" },
            { name: "registered", label: t("efield.registered"), type: "date" },
            { name: "note", label: t("efield.note"), type: "text" },
          ],
          onSubmit: (values) => apply(api.addEvent(participantId, values)),
        }),
      ),
      h(
        "section",
        { class: "card", id: "leaves", "aria-labelledby": "leaves-title" },
        h("h2", { id: "leaves-title", text: t("timeline.leaves") }),
        data.leaves.length ? leaves : h("p", { class: "empty", text: t("timeline.leavesEmpty") }),
        h("h3", { text: editing ? t("timeline.editLeave") : t("timeline.addLeave") }),
        smallForm({
          id: "leave-form",
          submitLabel: editing ? t("timeline.saveLeave") : t("timeline.addLeave"),
          fields: [
            { name: "kind", label: t("lfield.kind"), type: "select", options: LEAVE_KINDS.map((k) => [k, t(`leave.${k}`)]), value: editing?.kind ?? "care" },
            { name: "start", label: t("lfield.start"), type: "date", value: editing?.start },
            { name: "end", label: t("lfield.end"), type: "date", value: editing?.end },
            { name: "followupDate", label: t("lfield.followupDate"), type: "date", value: editing?.followupDate },
            { name: "approved", label: t("lfield.approved"), type: "checkbox", value: editing ? editing.approved : true },
          ],
          onSubmit: (values) => apply(api.saveLeave(participantId, editing?.id ?? null, values)),
        }),
      ),
    ),
    h(
      "section",
      { class: "card", id: "extensions", "aria-labelledby": "extensions-title" },
      h("h2", { id: "extensions-title", text: t("extension.title") }),
      data.extensions.length ? extensions : h("p", { class: "empty", text: t("extension.none") }),
      h("h3", { text: t("extension.add") }),
      smallForm({
        id: "extension-form",
        submitLabel: t("extension.save"),
        fields: [
          { name: "decided", label: t("xfield.decided"), type: "date" },
          { name: "months", label: t("xfield.months"), type: "text" },
          { name: "reason", label: t("xfield.reason"), type: "text" },
        ],
        onSubmit: (values) => apply(api.addExtension(participantId, values)),
      }),
    ),
  );
  document.body.dataset.timeline = String(Date.now());
}

/** The rules' warnings about the plan: a word and an icon, the rule and its source. */
export function renderWarnings(warnings) {
  return h(
    "section",
    { class: "card rule-warnings", id: "participant-warnings", "aria-labelledby": "warnings-title" },
    h("h2", { id: "warnings-title" }, h("span", { "aria-hidden": "true", text: "⚠ " }), t("warnings.title")),
    h(
      "ul",
      { class: "warning-list" },
      warnings.map((w) =>
        h(
          "li",
          { class: `warning warning-${w.code}`, "data-code": w.code },
          h("strong", { text: t(`warning.${w.code}`) }),
          h("p", { text: w.message }),
          h("p", { class: "hint" }, `${w.reference} · ${t("warning.source")}: `, h("span", { class: "source-url", text: w.sourceUrl })),
        ),
      ),
    ),
  );
}
