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

const LAW_ICONS = { integreringsloven: "§", introduksjonsloven: "§", unknown: "?" };

export const STATUSES = Object.keys(STATUS_ICONS);
export const LAWS = ["integreringsloven", "introduksjonsloven", "unknown"];
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
