// A participant's access requests («Innsyn»): each one received, its
// deadline (one month, GDPR art. 12 (3)), and the answer made from the
// register as PDF/A with a JSON file beside it. Making the answer is an
// export like any other: the caseworker chooses where, it is recorded in
// the audit trail, and the request is marked answered.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { exportPdfAskingFirst } from "../dialog.js";
import { toast } from "../toast.js";
import { todayText } from "../format.js";
import { showError } from "./error.js";
import { smallForm } from "./small-form.js";

function stateBadge(r) {
  if (r.answeredOn) return h("span", { class: "badge dstatus-done" }, icon("✓"), t("accessRequest.answered", { date: r.answeredOn }));
  if (r.overdue) return h("span", { class: "badge dstatus-overdue" }, icon("⚠"), t("accessRequest.overdue", { due: r.due }));
  return h("span", { class: "badge dstatus-open" }, icon("◷"), t("accessRequest.open", { due: r.due }));
}

export async function renderParticipantAccess(area, participantId) {
  const draw = async (requests) => {
    const answer = async (r) => {
      try {
        const exported = await exportPdfAskingFirst((accept) => api.exportAccessAnswer(r.id, accept));
        toast(exported.path ? t("accessRequest.saved", { path: exported.path }) : t("export.cancelled"));
        if (exported.path) await draw(await api.accessRequests(participantId));
      } catch (error) {
        showError(error);
      }
    };
    replace(
      area,
      h("h2", { id: "access-heading", text: t("accessRequest.title") }),
      h("p", { class: "hint", text: t("accessRequest.help") }),
      requests.length
        ? h(
            "table",
            { class: "data compact", id: "access-requests" },
            h("thead", {}, h("tr", {}, ["accessRequest.received", "accessRequest.status", "accessRequest.file", "accessRequest.action"].map((k) => h("th", { scope: "col", text: t(k) })))),
            h(
              "tbody",
              {},
              requests.map((r) =>
                h(
                  "tr",
                  { dataset: { request: String(r.id) } },
                  h("td", { text: r.receivedOn }),
                  h("td", {}, stateBadge(r)),
                  h("td", { class: "mono", text: r.answerFile || "–" }),
                  h(
                    "td",
                    {},
                    h("button", {
                      type: "button",
                      class: "small secondary",
                      id: `access-answer-${r.id}`,
                      text: r.answeredOn ? t("accessRequest.answerAgain") : t("accessRequest.answer"),
                      onclick: () => answer(r),
                    }),
                  ),
                ),
              ),
            ),
          )
        : h("p", { class: "empty", id: "access-requests", text: t("accessRequest.none") }),
      smallForm({
        id: "access-form",
        submitLabel: t("accessRequest.record"),
        fields: [{ name: "receivedOn", label: t("accessRequest.receivedOn"), type: "date", value: todayText() }],
        onSubmit: async (values) => {
          const updated = await api.recordAccessRequest(participantId, values.receivedOn);
          toast(t("accessRequest.recorded"));
          await draw(updated);
        },
      }),
    );
  };
  try {
    await draw(await api.accessRequests(participantId));
  } catch (error) {
    showError(error);
  }
}
