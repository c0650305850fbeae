// Shared renderings of statuses and laws: a word and an icon, never colour alone.
import { h, icon } from "./dom.js";
import { t } from "./i18n.js";

const STATUS_ICONS = {
  prospective: "◷",
  active: "●",
  on_leave: "❚❚",
  completed: "✓",
  terminated: "✕",
  moved_away: "➜",
};

const LAW_ICONS = { integreringsloven: "§", introduksjonsloven: "§", integreringsloven_6a: "§", unknown: "?" };

export const STATUSES = Object.keys(STATUS_ICONS);
/** What a backup holds, in words: participants, meetings and contacts. */
export const countsText = (c) => t("backups.counts", { participants: c.participants, meetings: c.meetings, contacts: c.contacts });

export const LAWS = ["integreringsloven", "introduksjonsloven", "integreringsloven_6a", "unknown"];
export const LAW_OVERRIDES = ["integreringsloven", "introduksjonsloven", "integreringsloven_6a"];
export const PERMIT_BASES = ["asylum", "resettlement", "family_reunification", "collective_protection", "other"];
export const EDUCATIONS = ["upper_secondary_or_higher", "below_upper_secondary", "unknown"];
export const GOALS = ["work", "upper_secondary", "primary_school", "higher_education", "other"];
export const GENDERS = ["unspecified", "female", "male", "other"];

export function statusBadge(status) {
  return h("span", { class: `badge status-${status}` }, icon(STATUS_ICONS[status] ?? "•"), t(`status.${status}`));
}

export function lawBadge(law, overridden = false) {
  return h(
    "span",
    { class: `badge law-${law}` },
    icon(LAW_ICONS[law] ?? "?"),
    t(`law.${law}`),
    overridden ? h("span", { class: "badge-note", text: ` (${t("law.overridden")})` }) : null,
  );
}

export function fullName(p) {
  return `${p.givenName} ${p.familyName}`.trim();
}

export function goalText(goal) {
  return goal ? t(`goal.${goal}`) : t("goal.none");
}

const DEADLINE_STATUS_ICONS = { open: "○", overdue: "⚠", done: "✓", not_applicable: "–" };

export const DEADLINE_KINDS = [
  "programme_start", "competence_mapping", "integration_plan", "individual_plan", "plan_review",
  "programme_end", "nav_handover", "care_leave_followup", "imdi_registration",
  "participation_certificate", "parental_guidance", "career_guidance", "livsmestring",
  "norwegian_training", "extension_decision", "own_task",
];
export const DEADLINE_STATUSES = Object.keys(DEADLINE_STATUS_ICONS);
export const EVENT_KINDS = [
  "participation_decision", "programme_start", "plan", "final_goal", "leave", "absence", "stop",
  "competence_mapping", "career_guidance", "life_skills", "parental_guidance", "complaint", "other",
];
export const LEAVE_KINDS = ["care", "illness", "other"];

export function deadlineStatusBadge(status) {
  return h("span", { class: `badge dstatus-${status}` }, icon(DEADLINE_STATUS_ICONS[status] ?? "•"), t(`dstatus.${status}`));
}

/** "i dag", "om 3 dager", "2 dager siden". */
export function daysText(days) {
  if (days === 0) return t("deadlines.daysLeft.today");
  if (days === 1) return t("deadlines.daysLeft.one");
  if (days > 1) return t("deadlines.daysLeft.many", { n: days });
  if (days === -1) return t("deadlines.daysAgo.one");
  return t("deadlines.daysAgo.many", { n: -days });
}

/** Today as dd.mm.åååå, to prefill "done" dates. */
export function todayText() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
}
