// All meetings, latest first, and the start of a new one.
import { api } from "../api.js";
import { h, icon, replace, tableBody } from "../dom.js";
import { t } from "../i18n.js";
import { markReady, navigate } from "../router.js";
import { showError } from "./error.js";
import { meetingStatus } from "./participant-meetings.js";

export const MEETING_KINDS = ["triangle", "team", "information", "cooperation", "leader"];

export async function renderMeetingList(main) {
  let meetings;
  try {
    meetings = await api.listMeetings(null);
  } catch (error) {
    showError(error);
    meetings = [];
  }
  const kind = h("select", { id: "new-meeting-kind" }, MEETING_KINDS.map((k) => h("option", { value: k, text: t(`meetingKind.${k}`) })));
  const start = () => navigate(`#/moter/ny?type=${kind.value}`);
  replace(
    main,
    h(
      "header",
      { class: "page-header" },
      h("div", { class: "title-group" }, h("h1", { text: t("meetings.title") })),
      h(
        "div",
        { class: "actions" },
        h("label", { for: "new-meeting-kind", class: "inline-label", text: t("meetings.newKind") }),
        kind,
        h("button", { type: "button", class: "primary", id: "new-meeting", text: t("meetings.new"), onclick: start }),
      ),
    ),
    meetings.length
      ? h("div", { class: "table-wrap" }, h(
          "table",
          { class: "data", id: "meeting-table" },
          h("thead", {}, h("tr", {}, ["meetings.date", "meetings.kind", "meetings.concerns", "meetings.place", "meetings.status"].map((k) => h("th", { scope: "col", text: t(k) })))),
          tableBody(meetings, (m) =>
              h(
                "tr",
                { onclick: () => navigate(`#/moter/${m.id}`) },
                h("td", { class: "name" }, h("a", { href: `#/moter/${m.id}`, text: `${m.date}${m.startTime ? ` ${m.startTime}` : ""}` })),
                h("td", { text: t(`meetingKind.${m.kind}`) }),
                h("td", { text: m.participantCount > 3 ? t("meetings.participantsCount", { count: m.participantCount }) : m.participants }),
                h("td", { text: m.place }),
                h(
                  "td",
                  {},
                  meetingStatus(m),
                  m.openActions ? [" ", h("span", { class: "hint", text: t("meetings.openActions", { count: m.openActions }) })] : null,
                  m.interpreterWarnings?.length
                    ? [" ", h("span", { class: "badge dstatus-overdue interpreter-warning", title: m.interpreterWarnings.map((c) => t(`interpreterWarning.${c}`)).join("; ") }, icon("⚠"), t("meeting.interpreterWarningShort"))]
                    : null,
                ),
              ),
          ),
        ))
      : h("p", { class: "empty", text: t("meetings.none") }),
  );
  markReady();
  return {};
}
