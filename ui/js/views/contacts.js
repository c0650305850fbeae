// The contact directory: people in the partner services, and their organisations.
import { api } from "../api.js";
import { h, icon, replace, tableBody } from "../dom.js";
import { t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { confirmDestructive } from "../dialog.js";
import { markReady } from "../router.js";
import { findContacts } from "../contact-search.js";

// The contact screen lists a page; a search finds the others.
const PAGE = 200;
import { smallForm } from "./small-form.js";

export const ORGANISATION_KINDS = [
  "nav_office",
  "adult_education",
  "health_service",
  "refugee_service",
  "career_centre",
  "school",
  "employer",
  "interpreter_service",
  "other",
];

export async function renderContacts(main) {
  const contactArea = h("section", { class: "card", "aria-labelledby": "contacts-heading" });
  const organisationArea = h("section", { class: "card", "aria-labelledby": "organisations-heading" });
  replace(
    main,
    h("header", { class: "page-header" }, h("div", { class: "title-group" }, h("h1", { text: t("contacts.title") }))),
    h("p", { class: "hint", text: t("contacts.intro") }),
    contactArea,
    organisationArea,
  );

  let editing = null;
  let search = "";
  let more = false;

  const refresh = async () => {
    let contacts, organisations, page;
    try {
      [page, organisations] = await Promise.all([findContacts(search, PAGE), api.listOrganisations(true)]);
    } catch (error) {
      showError(error);
      return;
    }
    contacts = page.rows;
    more = page.more;
    drawContacts(contacts, organisations.filter((o) => !o.deleted));
    drawOrganisations(organisations);
    markReady();
  };

  let searchTimer;
  const drawContacts = (contacts, organisations) => {
    const current = editing ? contacts.find((c) => c.id === editing) : null;
    const form = smallForm({
      id: "contact-form",
      submitLabel: t(current ? "contacts.save" : "contacts.new"),
      fields: [
        { name: "name", label: t("contacts.name"), value: current?.name },
        {
          name: "organisationId",
          label: t("contacts.organisation"),
          type: "select",
          value: current ? String(current.organisationId) : "",
          options: [["", t("contacts.chooseOrganisation")], ...organisations.map((o) => [String(o.id), o.name])],
        },
        { name: "title", label: t("contacts.title.field"), value: current?.title },
        { name: "phone", label: t("contacts.phone"), value: current?.phone },
        { name: "email", label: t("contacts.email"), value: current?.email },
        { name: "notes", label: t("contacts.notes"), value: current?.notes },
      ],
      onSubmit: async (values) => {
        const form = { ...values, organisationId: values.organisationId ? Number(values.organisationId) : null };
        const saved = await api.saveContact(current?.id, form);
        editing = null;
        toast(t("contacts.saved", { name: saved.name }));
        await refresh();
      },
    });
    const row = (c) =>
      h(
        "tr",
        { dataset: { contactId: String(c.id) } },
        h("td", { class: "name", text: c.name }),
        h(
          "td",
          {},
          c.organisation,
          c.organisationDeleted ? h("span", { class: "badge warning" }, icon("⚠"), t("contacts.deletedOrganisation")) : null,
        ),
        h("td", { text: c.title }),
        h("td", { text: c.phone }),
        h("td", { text: c.email }),
        h(
          "td",
          { class: "action" },
          h("button", {
            type: "button",
            class: "small secondary",
            text: t("contacts.edit"),
            onclick: () => {
              editing = c.id;
              drawContacts(contacts, organisations);
              document.getElementById("contact-form-name").focus();
            },
          }),
          " ",
          h("button", {
            type: "button",
            class: "small secondary",
            text: t("contacts.remove"),
            "aria-label": `${t("contacts.remove")}: ${c.name}`,
            onclick: async () => {
              const sure = await confirmDestructive({ id: "confirm-remove-contact", title: t("confirm.contactTitle"), message: t("confirm.contactMessage", { name: c.name }), confirmLabel: t("confirm.contactConfirm") });
              if (!sure) return;
              try {
                await api.archiveContact(c.id);
              } catch (error) {
                return showError(error);
              }
              toast(t("contacts.removed", { name: c.name }));
              await refresh();
            },
          }),
        ),
      );
    const searchField = h("input", {
      type: "search",
      id: "contact-search",
      value: search,
      autocomplete: "off",
      spellcheck: "false",
      oninput: (event) => {
        clearTimeout(searchTimer);
        const typed = event.target.value;
        searchTimer = setTimeout(async () => {
          search = typed;
          await refresh();
          const field = document.getElementById("contact-search");
          field?.focus();
          field?.setSelectionRange(typed.length, typed.length);
        }, 150);
      },
    });
    replace(
      contactArea,
      h("h2", { id: "contacts-heading", text: t("contacts.title") }),
      h(
        "div",
        { class: "toolbar", role: "search" },
        h("label", { class: "filter search", for: "contact-search" }, h("span", { text: t("contacts.search") }), searchField),
        h("span", { class: "count", id: "contact-count", "aria-live": "polite", text: more ? t("contacts.shownMore", { count: contacts.length }) : t("contacts.shown", { count: contacts.length }) }),
      ),
      contacts.length
        ? h(
            "table",
            { class: "data compact", id: "contact-table" },
            h(
              "thead",
              {},
              h("tr", {}, ["contacts.name", "contacts.organisation", "contacts.title.field", "contacts.phone", "contacts.email"].map((k) => h("th", { scope: "col", text: t(k) })), h("th", {})),
            ),
            tableBody(contacts, row),
          )
        : h("p", { class: "empty", text: t(search.trim() ? "contacts.noMatch" : "contacts.none") }),
      h("h3", { text: t(current ? "contacts.edit" : "contacts.new") }),
      form,
      current
        ? h("button", { type: "button", class: "link", text: t("contacts.cancelEdit"), onclick: () => { editing = null; drawContacts(contacts, organisations); } })
        : null,
    );
  };

  const drawOrganisations = (organisations) => {
    const rows = organisations.map((o) =>
      h(
        "tr",
        { class: o.deleted ? "muted" : null },
        h("td", { class: "name", text: o.name }),
        h("td", { text: t(`orgKind.${o.kind}`) }),
        h("td", {}, o.deleted ? h("span", { class: "badge warning" }, icon("✕"), t("organisations.deleted")) : h("span", { class: "badge" }, icon("●"), t("organisations.active"))),
        h(
          "td",
          { class: "action" },
          h("button", {
            type: "button",
            class: "small secondary",
            text: t(o.deleted ? "organisations.restore" : "organisations.delete"),
            onclick: async () => {
              try {
                await api.setOrganisationDeleted(o.id, !o.deleted);
              } catch (error) {
                return showError(error);
              }
              await refresh();
            },
          }),
        ),
      ),
    );
    replace(
      organisationArea,
      h("h2", { id: "organisations-heading", text: t("organisations.title") }),
      organisations.length
        ? h(
            "table",
            { class: "data compact", id: "organisation-table" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("organisations.name") }), h("th", { scope: "col", text: t("organisations.kind") }), h("th", { scope: "col", text: t("meetings.status") }), h("th", {}))),
            h("tbody", {}, rows),
          )
        : h("p", { class: "empty", text: t("organisations.none") }),
      smallForm({
        id: "organisation-form",
        submitLabel: t("organisations.add"),
        fields: [
          { name: "name", label: t("organisations.name") },
          { name: "kind", label: t("organisations.kind"), type: "select", value: "nav_office", options: ORGANISATION_KINDS.map((k) => [k, t(`orgKind.${k}`)]) },
        ],
        onSubmit: async (values) => {
          await api.saveOrganisation(null, values);
          await refresh();
          document.getElementById("organisation-form-name").focus();
        },
      }),
    );
  };

  await refresh();
  return {};
}
