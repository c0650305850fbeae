// One participant: the facts, which law applies and why, and the actions.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { statusBadge, lawBadge, fullName, goalText } from "../format.js";
import { markReady, navigate } from "../router.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { renderTimeline } from "./participant-timeline.js";
import { renderTeam } from "./participant-team.js";
import { renderParticipantMeetings } from "./participant-meetings.js";
import { renderParticipantHistory } from "./participant-history.js";
import { renderParticipantAccess } from "./participant-access.js";

export async function renderParticipantDetail(main, id) {
  let p;
  try {
    p = await api.getParticipant(Number(id));
  } catch (error) {
    showError(error);
    navigate("#/deltakere");
    return {};
  }
  const name = fullName(p);
  const editHref = `#/deltakere/${p.id}/rediger`;

  const setArchived = async (archived) => {
    try {
      await api.setParticipantArchived(p.id, archived);
    } catch (error) {
      showError(error);
      return;
    }
    toast(t(archived ? "detail.archivedToast" : "detail.restoredToast", { name }), {
      label: t("detail.undo"),
      run: () => api.setParticipantArchived(p.id, !archived).then(() => navigate(`#/deltakere/${p.id}`), showError),
    });
    navigate(archived ? "#/deltakere" : `#/deltakere/${p.id}`);
  };

  const yesNo = (value) => t(value ? "detail.yes" : "detail.no");
  const orDash = (value) => value || t("detail.none");

  const numberValue = h("span", { class: "mono", id: "detail-identity-number", text: orDash(p.maskedIdentityNumber) });
  let numberShown = false;
  const toggleNumber = p.identityNumber
    ? h("button", {
        type: "button",
        class: "link",
        id: "toggle-number",
        text: t("detail.showNumber"),
        onclick: (event) => {
          numberShown = !numberShown;
          numberValue.textContent = numberShown ? p.identityNumber : p.maskedIdentityNumber;
          event.target.textContent = t(numberShown ? "detail.hideNumber" : "detail.showNumber");
        },
      })
    : null;

  const timeline = h("div", { class: "timeline-area" });
  const team = h("section", { class: "card", id: "team-area", "aria-labelledby": "team-heading" });
  const meetings = h("section", { class: "card", id: "meetings-area" });
  const history = h("section", { class: "card", id: "history-area" });
  const access = h("section", { class: "card", id: "access-area", "aria-labelledby": "access-heading" });
  const section = (titleKey, rows) =>
    h(
      "section",
      { class: "card" },
      h("h2", { text: t(titleKey) }),
      h("dl", { class: "facts" }, rows.map(([label, value]) => [h("dt", { text: t(label) }), h("dd", {}, value)])),
    );

  replace(
    main,
    h("a", { href: "#/deltakere", class: "back", id: "back-to-list" }, h("span", { "aria-hidden": "true", text: "← " }), t("detail.back")),
    h(
      "header",
      { class: "page-header" },
      h(
        "div",
        { class: "title-group" },
        h("h1", { id: "participant-name", text: name }),
        statusBadge(p.status),
        p.archived ? h("span", { class: "badge archived", text: t("detail.archivedOn", { date: p.archivedOn }) }) : null,
        p.anonymisedOn ? h("span", { class: "badge archived", id: "participant-anonymised" }, icon("⊘"), t("detail.anonymisedOn", { date: p.anonymisedOn })) : null,
      ),
      h(
        "div",
        { class: "actions" },
        h("a", { class: "button-link secondary", id: "supervision-report", href: `#/rapporter/tilsyn?participant=${p.id}`, text: t("detail.supervision") }),
        // An anonymised record is kept as it is: nothing left to edit.
        p.anonymisedOn
          ? null
          : p.archived
            ? h("button", { type: "button", class: "secondary", id: "restore-participant", text: t("detail.restore"), onclick: () => setArchived(false) })
            : h("button", { type: "button", class: "secondary", id: "archive-participant", text: t("detail.archive"), onclick: () => setArchived(true) }),
        p.anonymisedOn ? null : h("button", { type: "button", class: "primary", id: "edit-participant", title: "Ctrl+E", text: t("detail.edit"), onclick: () => navigate(editHref) }),
      ),
    ),
    h(
      "section",
      { class: "card law", id: "law-box", "aria-labelledby": "law-title" },
      h("h2", { id: "law-title", text: t("detail.lawTitle") }),
      h("p", { class: "law-name", id: "law-effective" }, lawBadge(p.law.effective, p.law.overridden)),
      p.law.overridden
        ? [
            h("p", { class: "law-override" }, h("strong", { text: `${t("detail.lawOverrideReason")}: ` }), h("span", { id: "law-override-reason", text: p.law.overrideReason })),
            h("p", { class: "law-computed" }, h("strong", { text: `${t("detail.lawComputed")}: ` }), t(`law.${p.law.computed}`), ". ", h("span", { id: "law-reason", text: p.law.computedReason })),
          ]
        : h("p", { class: "law-reason", id: "law-reason", text: p.law.computedReason }),
    ),
    h("div", { id: "warnings-area" }),
    h(
      "div",
      { class: "detail-grid" },
      section("form.section.person", [
        ["field.identityNumber", [numberValue, " ", toggleNumber]],
        ["field.birthDate", orDash(p.birthDate)],
        ["field.gender", t(`gender.${p.gender}`)],
      ]),
      section("form.section.contact", [
        ["field.phone", orDash(p.phone)],
        ["field.email", orDash(p.email)],
        ["field.address", orDash(p.address)],
        ["field.languages", orDash(p.languages)],
        ["field.needsInterpreter", p.needsInterpreter ? `${yesNo(true)} (${p.interpreterLanguage})` : yesNo(false)],
      ]),
      section("form.section.dates", [
        ["field.residencePermitDate", orDash(p.residencePermitDate)],
        ["field.permitBasis", p.permitBasis ? t(`permitBasis.${p.permitBasis}`) : t("permitBasis.none")],
        ["field.arrivalDate", orDash(p.arrivalDate)],
        ["field.settlementDate", orDash(p.settlementDate)],
        ["field.claimDate", orDash(p.claimDate)],
      ]),
      section("form.section.programme", [
        ["field.finalGoal", goalText(p.finalGoal)],
        ["field.education", t(`education.${p.education}`)],
        ["field.plannedLengthMonths", p.plannedLengthMonths ? t("rules.unit.months", { n: p.plannedLengthMonths }) : t("detail.plannedDefault")],
        ["field.norwegianTrainingStart", orDash(p.norwegianTrainingStart)],
        ["field.hurtigspor", yesNo(p.hurtigspor)],
        ["field.hasOrExpectsChildren", yesNo(p.hasOrExpectsChildren)],
        ["field.competenceMappedBeforeSettlement", yesNo(p.competenceMappedBeforeSettlement)],
      ]),
    ),
    h("section", { class: "card notes" }, h("h2", { text: t("form.section.notes") }), h("p", { class: "prewrap", id: "participant-notes", text: orDash(p.notes) })),
    team,
    timeline,
    meetings,
    access,
    history,
  );
  await Promise.all([
    renderTimeline(timeline, p.id),
    renderTeam(team, p.id),
    renderParticipantMeetings(meetings, p.id),
    renderParticipantAccess(access, p.id),
    renderParticipantHistory(history, p.id),
  ]);
  markReady();
  // Ctrl+E on an anonymised record has nothing to open.
  return p.anonymisedOn ? {} : { edit: () => navigate(editHref) };
}
