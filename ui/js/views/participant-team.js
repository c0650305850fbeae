// A participant's interdisciplinary team: the fixed contact person, the
// members with their roles and dates, the history, and what is missing.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { smallForm } from "./small-form.js";
import { contactSearchField, findContacts } from "../contact-search.js";

export const TEAM_ROLES = [
  "fixed_contact",
  "nav_advisor",
  "contact_teacher",
  "health_contact",
  "career_advisor",
  "programme_advisor",
  "interpreter",
  "other",
];

function todayText() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
}

// The team form's contact list is a short list of matches: a search field
// before it narrows the list as the caseworker types.
function withContactSearch(form) {
  const select = form.querySelector("#team-form-contactId");
  const search = contactSearchField({
    id: "team-form-contactSearch",
    select,
    first: ["", t("team.chooseContact")],
    optionText: (c) => `${c.name} – ${c.organisation}`,
  });
  select.before(search.element);
  return form;
}

export async function renderTeam(area, participantId) {
  let team, contacts;
  try {
    let page;
    [team, page] = await Promise.all([api.team(participantId), findContacts("")]);
    contacts = page.rows;
  } catch (error) {
    showError(error);
    return;
  }
  const draw = (team) => {
    const current = team.members.filter((m) => m.current);
    const past = team.members.filter((m) => !m.current);
    const fixed = current.find((m) => m.role === "fixed_contact");
    const row = (m) =>
      h(
        "tr",
        { class: m.role === "fixed_contact" && m.current ? "fixed-contact" : null, dataset: { membershipId: String(m.id) } },
        h("td", {}, m.role === "fixed_contact" ? [icon("★"), " "] : null, t(`role.${m.role}`)),
        h("td", { class: "name", text: m.contact.name }),
        h(
          "td",
          {},
          m.contact.organisation,
          m.contact.organisationDeleted ? h("span", { class: "badge warning" }, icon("⚠"), t("contacts.deletedOrganisation")) : null,
        ),
        h("td", { text: m.joinedOn }),
        h("td", { text: m.leftOn || t("team.current") }),
        h(
          "td",
          { class: "action" },
          m.current
            ? h("button", {
                type: "button",
                class: "small secondary",
                text: t("team.end"),
                onclick: (event) => {
                  const cell = event.target.parentElement;
                  replace(
                    cell,
                    smallForm({
                      id: `end-membership-${m.id}`,
                      submitLabel: t("team.end"),
                      fields: [{ name: "leftOn", label: t("team.endPrompt"), type: "date", value: todayText() }],
                      onSubmit: async ({ leftOn }) => {
                        draw(await api.endTeamMembership(participantId, m.id, leftOn));
                        toast(t("team.ended"));
                      },
                    }),
                  );
                  cell.querySelector("input").focus();
                },
              })
            : null,
        ),
      );
    const table = (members, id) =>
      h(
        "table",
        { class: "data compact team", id },
        h("thead", {}, h("tr", {}, ["team.role", "team.member", "team.organisation", "team.joined", "team.left"].map((k) => h("th", { scope: "col", text: t(k) })), h("th", {}))),
        h("tbody", {}, members.map(row)),
      );
    replace(
      area,
      h("h2", { id: "team-heading", text: t("team.title") }),
      team.warnings.length
        ? h(
            "div",
            { role: "status" },
            h("ul", { class: "warnings", id: "team-warnings" }, team.warnings.map((w) => h("li", { dataset: { warning: w } }, icon("⚠"), " ", t(`teamWarning.${w}`)))),
          )
        : null,
      h(
        "p",
        { class: fixed ? "fixed-contact-line" : "fixed-contact-line missing", id: "fixed-contact" },
        icon(fixed ? "★" : "⚠"),
        " ",
        h("strong", { text: `${t("team.fixedContact")}: ` }),
        fixed ? `${fixed.contact.name} (${fixed.contact.organisation})` : t("team.fixedContactNone"),
      ),
      current.length ? table(current, "team-table") : h("p", { class: "empty", text: t("team.none") }),
      past.length ? h("details", {}, h("summary", { text: `${t("team.history")} (${past.length})` }), table(past, "team-history")) : null,
      contacts.length
        ? withContactSearch(smallForm({
            id: "team-form",
            submitLabel: t("team.add"),
            fields: [
              {
                name: "contactId",
                label: t("team.contact"),
                type: "select",
                value: "",
                options: [["", t("team.chooseContact")], ...contacts.map((c) => [String(c.id), `${c.name} – ${c.organisation}`])],
              },
              { name: "role", label: t("team.role"), type: "select", value: fixed ? "nav_advisor" : "fixed_contact", options: TEAM_ROLES.map((r) => [r, t(`role.${r}`)]) },
              { name: "joinedOn", label: t("team.joinedOn"), type: "date", value: todayText() },
            ],
            onSubmit: async (values) => {
              const next = await api.addTeamMember(participantId, { ...values, contactId: values.contactId ? Number(values.contactId) : null });
              const added = contacts.find((c) => String(c.id) === values.contactId);
              toast(t("team.added", { name: added?.name ?? "" }));
              draw(next);
              // The redraw replaced the form: the focus goes back to its
              // first field, ready for the next member.
              document.getElementById("team-form-contactId")?.focus();
            },
          }))
        : h("p", { class: "hint", text: t("team.noContacts") }),
      h("p", { class: "hint", text: t("team.fixedContactHint") }),
    );
  };
  draw(team);
}
