// A participant's meetings and the log of minutes shared about them.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { showError } from "./error.js";

export function meetingStatus(m) {
  return m.completedOn
    ? h("span", { class: "badge status-completed" }, icon("✓"), t("meetings.completed", { date: m.completedOn }))
    : h("span", { class: "badge" }, icon("◷"), t("meetings.planned"));
}

export async function renderParticipantMeetings(area, participantId) {
  let meetings, sharing, unfiled;
  try {
    [meetings, sharing, unfiled] = await Promise.all([api.listMeetings(participantId), api.sharingLog(participantId), api.unfiledMinutes(participantId)]);
  } catch (error) {
    showError(error);
    return;
  }
  const newMeeting = (kind) => navigate(`#/moter/ny?type=${kind}&deltaker=${participantId}`);
  replace(
    area,
    h(
      "div",
      { class: "section-head" },
      h("h2", { text: t("meetings.forParticipant") }),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "small secondary", id: "new-triangle-meeting", text: t("meetings.newTriangle"), onclick: () => newMeeting("triangle") }),
        h("button", { type: "button", class: "small secondary", id: "new-team-meeting", text: t("meetings.newTeam"), onclick: () => newMeeting("team") }),
      ),
    ),
    meetings.length
      ? h(
          "table",
          { class: "data compact", id: "participant-meetings" },
          h("thead", {}, h("tr", {}, ["meetings.date", "meetings.kind", "meetings.place", "meetings.status"].map((k) => h("th", { scope: "col", text: t(k) })))),
          h(
            "tbody",
            {},
            meetings.map((m) =>
              h(
                "tr",
                { onclick: () => navigate(`#/moter/${m.id}`) },
                h("td", { class: "name" }, h("a", { href: `#/moter/${m.id}`, text: m.date })),
                h("td", { text: t(`meetingKind.${m.kind}`) }),
                h("td", { text: m.place }),
                h("td", {}, meetingStatus(m), m.openActions ? [" ", h("span", { class: "hint", text: t("meetings.openActions", { count: m.openActions }) })] : null),
              ),
            ),
          ),
        )
      : h("p", { class: "empty", text: t("meetings.none") }),
    h("h3", { text: t("archive.unfiledTitle") }),
    unfiledList(unfiled, meetings.some((m) => m.completedOn)),
    h("h3", { text: t("sharing.title") }),
    sharingTable(sharing, "participant-sharing-log"),
  );
}

// What still lacks an archive reference: each such minutes version, with
// a way to it; the participant cannot be anonymised until none is left.
function unfiledList(unfiled, anyCompleted) {
  if (!unfiled.length) {
    return h("p", { class: "empty", id: "participant-unfiled", text: anyCompleted ? t("archive.allFiled") : t("meetings.none") });
  }
  return h(
    "ul",
    { id: "participant-unfiled", class: "warnings" },
    unfiled.map((u) =>
      h(
        "li",
        {},
        icon("⚠"),
        " ",
        h("a", { href: `#/moter/${u.meetingId}`, text: t("archive.unfiledRow", { kind: t(`meetingKind.${u.kind}`), date: u.date, version: u.minutesVersion }) }),
      ),
    ),
  );
}

export function sharingTable(entries, id) {
  if (!entries.length) return h("p", { class: "empty", id, text: t("sharing.none") });
  return h(
    "table",
    { class: "data compact", id },
    h("thead", {}, h("tr", {}, ["sharing.when", "sharing.meeting", "sharing.recipient", "sharing.basis", "sharing.file"].map((k) => h("th", { scope: "col", text: t(k) })))),
    h(
      "tbody",
      {},
      entries.map((s) =>
        h(
          "tr",
          {},
          h("td", { text: s.exportedAt }),
          h("td", {}, h("a", { href: `#/moter/${s.meetingId}`, text: `${t(`meetingKind.${s.meetingKind}`)} ${s.meetingDate}` })),
          h("td", { text: s.copyFor ? t("sharing.copyFor", { recipient: t(`recipient.${s.recipient}`), name: s.copyFor }) : t(`recipient.${s.recipient}`) }),
          h("td", { text: s.legalBasis ? t(`legalBasis.${s.legalBasis}`) : t("meeting.legalBasisNone") }),
          h("td", { class: "mono", text: s.fileName }),
        ),
      ),
    ),
  );
}
