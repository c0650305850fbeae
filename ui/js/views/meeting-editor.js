// One meeting: who, the agenda with minutes, decisions, action items, the
// next meeting; completing it; previewing and exporting the minutes.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { LANGUAGES, t } from "../i18n.js";
import { navigate } from "../router.js";
import { toast, undoToast } from "../toast.js";
import { ask, confirmDestructive, exportPdfAskingFirst } from "../dialog.js";
import { fieldLabel, track } from "../form.js";
import { contactSearchField, findContacts } from "../contact-search.js";
import { showError } from "./error.js";
import { MEETING_KINDS } from "./meeting-list.js";
import { sharingTable } from "./participant-meetings.js";
import { renderMinutesPreview } from "./minutes-preview.js";
import { smallForm } from "./small-form.js";
import { todayText } from "../format.js";

const RECIPIENTS = ["archive", "nav", "adult_education", "participant"];
const INTERPRETING_MODES = ["in_person", "phone", "video"];
const INTERPRETER_QUALIFICATIONS = ["qualified", "not_qualified"];
const TOLKEREGISTER_CATEGORIES = ["a", "b", "c", "d", "e"];
const UNQUALIFIED_EXCEPTIONS = ["cannot_wait", "emergency", "other_strong_reasons"];
const LEGAL_BASES = ["integreringsloven_41", "forvaltningsloven_13b2", "consent"];

export async function renderMeetingEditor(main, id, query) {
  let m;
  let contacts = [];
  let participants = [];
  // The minutes are made in the municipality's written language unless
  // the caseworker chooses another for this export.
  let writtenLanguage = "nb";
  const params = new URLSearchParams(query || "");
  try {
    const kind = params.get("type") || "triangle";
    const who = params.get("deltaker");
    // Asked together: one round trip's wait instead of three.
    const [page, letterhead, meeting] = await Promise.all([
      findContacts(""),
      api.getLetterhead(),
      id ? api.getMeeting(id) : api.meetingDraft(kind, who ? [Number(who)] : []),
    ]);
    contacts = page.rows;
    writtenLanguage = letterhead.writtenLanguage || "nb";
    m = meeting;
    if (m.kind === "information") {
      participants = (await api.listParticipants({ search: "", status: "", law: "", archived: false, sort: "name", limit: 1000 })).rows;
    }
  } catch (error) {
    showError(error);
    navigate("#/moter");
    return {};
  }
  const prefilled = !id && m.agenda.length > 0;
  let dirty = false;
  const touch = () => {
    dirty = true;
  };
  // Completed minutes are read-only until reopened (with a reason).
  const locked = () => Boolean(m.completedOn);

  const errorBox = h("div", { class: "error-summary", id: "meeting-errors", role: "alert", hidden: true });
  const showProblems = (error) => {
    const list = error.fields?.length ? error.fields : [error];
    replace(errorBox, h("ul", {}, list.map((e) => h("li", { text: e.message }))));
    errorBox.hidden = false;
    for (const el of main.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    let first = null;
    for (const e of list) {
      const el = e.field && main.querySelector(`[data-field="${e.field}"]`);
      if (!el) continue;
      el.setAttribute("aria-invalid", "true");
      el.setAttribute("aria-describedby", "meeting-errors");
      first ??= el.matches("input, select, textarea") ? el : el.querySelector("input, select, textarea");
    }
    errorBox.scrollIntoView({ block: "start" });
    if (first) first.focus({ preventScroll: true });
    else {
      errorBox.setAttribute("tabindex", "-1");
      errorBox.focus({ preventScroll: true });
    }
  };
  const clearProblems = () => {
    errorBox.hidden = true;
    replace(errorBox);
  };

  // Inputs write straight into `m`, so redrawing a list keeps what was typed.
  const text = (key, attrs = {}) =>
    h("input", {
      type: "text",
      id: `meeting-${key}`,
      value: m[key] ?? "",
      autocomplete: "off",
      dataset: { field: key },
      oninput: (e) => {
        m[key] = e.target.value;
        touch();
      },
      ...attrs,
    });
  const field = (label, control, kind) => h("div", { class: "field" }, fieldLabel(control.id, label, kind), control);
  const check = (key, label) =>
    h(
      "div",
      { class: "field check" },
      h(
        "label",
        { for: `meeting-${key}` },
        h("input", {
          type: "checkbox",
          id: `meeting-${key}`,
          checked: Boolean(m[key]),
          onchange: (e) => {
            m[key] = e.target.checked;
            touch();
            if (key === "interpreterUsed" || key === "interpreterAdult") drawFacts();
          },
        }),
        " ",
        label,
      ),
    );

  // A list whose choice changes which fields follow it.
  const choose = (key, options, labelPrefix) =>
    h(
      "select",
      {
        id: `meeting-${key}`,
        dataset: { field: key },
        onchange: (e) => {
          m[key] = e.target.value;
          touch();
          drawFacts();
          document.getElementById(`meeting-${key}`)?.focus();
        },
      },
      h("option", { value: "", text: t("meeting.notStated") }),
      options.map((o) => h("option", { value: o, text: t(`${labelPrefix}.${o}`), selected: m[key] === o })),
    );
  const interpreterBlock = () => {
    const warnings = m.interpreterWarnings ?? [];
    return h(
      "fieldset",
      { class: "interpreter", id: "meeting-interpreter" },
      h("legend", { text: t("meeting.interpreter") }),
      warnings.length
        ? h(
            "ul",
            { class: "warnings", id: "interpreter-warnings" },
            warnings.map((w) => h("li", { dataset: { code: w.code } }, icon("⚠"), " ", h("strong", { text: `${t(`interpreterWarning.${w.code}`)}: ` }), w.message, h("span", { class: "hint", text: ` (${w.reference})` }))),
          )
        : null,
      h(
        "div",
        { class: "form-grid" },
        check("interpreterNeeded", t("meeting.interpreterNeeded")),
        check("interpreterUsed", t("meeting.interpreterUsed")),
        m.interpreterUsed
          ? [
              field(t("meeting.interpreterLanguage"), text("interpreterLanguage")),
              field(t("meeting.interpretingMode"), choose("interpretingMode", INTERPRETING_MODES, "interpretingMode")),
              field(t("meeting.interpreterQualification"), choose("interpreterQualification", INTERPRETER_QUALIFICATIONS, "interpreterQualification")),
              m.interpreterQualification === "qualified"
                ? field(t("meeting.interpreterCategory"), choose("interpreterCategory", TOLKEREGISTER_CATEGORIES, "tolkeregisterCategory"))
                : null,
              m.interpreterQualification === "not_qualified"
                ? [
                    field(t("meeting.unqualifiedException"), choose("unqualifiedException", UNQUALIFIED_EXCEPTIONS, "unqualifiedException")),
                    field(t("meeting.unqualifiedReason"), text("unqualifiedReason")),
                  ]
                : null,
              check("interpreterAdult", t("meeting.interpreterAdult")),
              m.interpreterAdult ? null : field(t("meeting.childEmergencyReason"), text("childEmergencyReason")),
            ]
          : null,
      ),
    );
  };

  // Contacts met in a search so far, by id: the lists hold only matches.
  const known = new Map(contacts.map((c) => [c.id, c]));
  const remember = (rows) => rows.forEach((c) => known.set(c.id, c));
  const contactText = (c) => `${c.name} – ${c.organisation}`;
  const convenerOption = () => {
    if (m.convenedBy == null) return null;
    const c = known.get(m.convenedBy) ?? m.attendees.find((a) => a.id === m.convenedBy);
    return { id: m.convenedBy, text: c ? contactText(c) : `#${m.convenedBy}` };
  };
  const convenedByField = () => {
    const kept = convenerOption();
    const select = h(
      "select",
      {
        id: "meeting-convenedBy",
        onchange: (e) => {
          m.convenedBy = e.target.value ? Number(e.target.value) : null;
          touch();
        },
      },
      h("option", { value: "", text: t("meeting.nobody") }),
      kept && !contacts.some((c) => c.id === kept.id) ? h("option", { value: String(kept.id), text: kept.text }) : null,
      contacts.map((c) => h("option", { value: String(c.id), text: contactText(c) })),
    );
    select.value = m.convenedBy == null ? "" : String(m.convenedBy);
    const search = contactSearchField({
      id: "meeting-convenedBy-search",
      select,
      first: ["", t("meeting.nobody")],
      optionText: (c) => {
        remember([c]);
        return contactText(c);
      },
      keep: convenerOption,
    });
    return h("div", { class: "field" }, fieldLabel("meeting-convenedBy", t("meeting.convenedBy")), search.element, select);
  };
  const facts = h("section", { class: "card meeting-facts", "aria-labelledby": "facts-heading" });
  const drawFacts = () => {
    replace(
      facts,
      h("h2", { id: "facts-heading", text: t("meeting.section.facts") }),
      h(
        "div",
        { class: "form-grid" },
        field(
          t("meeting.kind"),
          h(
            "select",
            {
              id: "meeting-kind",
              dataset: { field: "kind" },
              disabled: Boolean(m.id),
              onchange: (e) => {
                m.kind = e.target.value;
                touch();
                drawAll();
              },
            },
            MEETING_KINDS.map((k) => h("option", { value: k, text: t(`meetingKind.${k}`), selected: k === m.kind })),
          ),
        ),
        field(t("meeting.date"), text("date", { class: "date", maxlength: "10", inputmode: "numeric" }), "date"),
        field(t("meeting.startTime"), text("startTime", { class: "time", maxlength: "5", inputmode: "numeric" }), "time"),
        field(t("meeting.endTime"), text("endTime", { class: "time", maxlength: "5", inputmode: "numeric" }), "time"),
        field(t("meeting.place"), text("place")),
        convenedByField(),
        field(t("meeting.minuteTaker"), text("minuteTaker")),
      ),
      interpreterBlock(),
      m.kind === "leader" || m.kind === "cooperation"
        ? h("div", { class: "form-grid" }, check("revisesAgreement", t("meeting.revisesAgreement")), check("evaluatesRoutines", t("meeting.evaluatesRoutines")))
        : null,
      m.kind === "information" ? h("div", { class: "form-grid" }, check("participantsMayBeNamed", t("meeting.participantsMayBeNamed"))) : null,
    );
  };

  const people = h("section", { class: "card", "aria-labelledby": "people-heading" });
  const presentBox = (item, idPrefix, label) =>
    h(
      "label",
      { class: "present", for: `${idPrefix}-${item.id}` },
      h("input", {
        type: "checkbox",
        id: `${idPrefix}-${item.id}`,
        checked: item.present,
        onchange: (e) => {
          item.present = e.target.checked;
          touch();
        },
      }),
      " ",
      t("meeting.present"),
      h("span", { class: "visually-hidden", text: `: ${label}` }),
    );
  const drawPeople = () => {
    const takesParticipants = m.kind !== "leader" && m.kind !== "cooperation";
    const addParticipant =
      m.kind === "information"
        ? h(
            "select",
            {
              id: "add-participant",
              "aria-label": t("meeting.addParticipant"),
              onchange: (e) => {
                const chosen = participants.find((p) => String(p.id) === e.target.value);
                if (chosen && !m.participants.some((p) => p.id === chosen.id)) {
                  m.participants.push({ id: chosen.id, name: `${chosen.givenName} ${chosen.familyName}`, present: false });
                  touch();
                  drawPeople();
                  document.getElementById("add-participant").focus();
                }
              },
            },
            h("option", { value: "", text: t("meeting.chooseParticipant") }),
            participants.map((p) => h("option", { value: String(p.id), text: `${p.familyName}, ${p.givenName}` })),
          )
        : null;
    const addAttendee = h(
      "select",
      {
        id: "add-attendee",
        "aria-label": t("meeting.addAttendee"),
        onchange: (e) => {
          const c = known.get(Number(e.target.value));
          if (c && !m.attendees.some((a) => a.id === c.id)) {
            m.attendees.push({ id: c.id, name: c.name, title: c.title, organisation: c.organisation, organisationKind: c.organisationKind, present: false });
            touch();
            drawPeople();
            document.getElementById("add-attendee").focus();
          }
        },
      },
      h("option", { value: "", text: t("meeting.chooseContact") }),
      contacts.map((c) => h("option", { value: String(c.id), text: `${c.name} – ${c.organisation}` })),
    );
    const removeButton = (list, item) =>
      h("button", {
        type: "button",
        class: "small secondary",
        text: t("meeting.remove"),
        "aria-label": `${t("meeting.remove")} ${item.name}`,
        onclick: () => {
          const at = list.indexOf(item);
          list.splice(at, 1);
          touch();
          drawPeople();
          document.getElementById("add-attendee")?.focus();
          undoToast(t("undo.personRemoved", { name: item.name }), () => {
            list.splice(at, 0, item);
            drawPeople();
          });
        },
      });
    replace(
      people,
      h("h2", { id: "people-heading", text: t("meeting.section.people") }),
      takesParticipants
        ? [
            h("h3", { text: t("meeting.participants") }),
            h(
              "ul",
              { class: "people", id: "meeting-participants", dataset: { field: "participants" } },
              m.participants.map((p) =>
                h("li", { dataset: { participantId: String(p.id) } }, h("span", { class: "name", text: p.name }), presentBox(p, "participant-present", p.name), m.kind === "information" ? removeButton(m.participants, p) : null),
              ),
            ),
            addParticipant,
          ]
        : null,
      h("h3", { text: t("meeting.attendees") }),
      m.attendees.length
        ? h(
            "ul",
            { class: "people", id: "meeting-attendees", dataset: { field: "attendance" } },
            m.attendees.map((a) =>
              h(
                "li",
                { dataset: { contactId: String(a.id) } },
                h("span", { class: "name", text: a.name }),
                h("span", { class: "org", text: `${a.organisation}${a.title ? ` · ${a.title}` : ""}` }),
                presentBox(a, "attendee-present", a.name),
                removeButton(m.attendees, a),
              ),
            ),
          )
        : h("p", { class: "empty", text: t("meeting.noAttendees") }),
      contacts.length
        ? h(
            "div",
            { class: "add-row" },
            contactSearchField({
              id: "add-attendee-search",
              select: addAttendee,
              first: ["", t("meeting.chooseContact")],
              optionText: (c) => {
                remember([c]);
                return contactText(c);
              },
            }).element,
            addAttendee,
          )
        : h("p", { class: "hint-box", id: "no-contacts" }, t("meeting.noContacts"), " ", h("a", { href: "#/kontakter", text: t("meeting.noContactsLink") })),
    );
  };

  const agenda = h("section", { class: "card", "aria-labelledby": "agenda-heading" });
  const drawAgenda = () => {
    replace(
      agenda,
      h("h2", { id: "agenda-heading", text: t("meeting.section.agenda") }),
      prefilled ? h("p", { class: "hint", id: "agenda-prefilled", text: t("meeting.agendaPrefilled") }) : null,
      h(
        "ol",
        { class: "agenda", id: "agenda-list", dataset: { field: "agenda" } },
        m.agenda.map((item, index) =>
          h(
            "li",
            { class: item.sensitive ? "agenda-item sensitive" : "agenda-item" },
            h(
              "div",
              { class: "agenda-head" },
              h("label", { for: `agenda-title-${index}`, class: "visually-hidden", text: t("meeting.agendaTitle") }),
              h("input", {
                type: "text",
                id: `agenda-title-${index}`,
                class: "agenda-title",
                value: item.title,
                placeholder: t("meeting.agendaTitle"),
                oninput: (e) => {
                  item.title = e.target.value;
                  touch();
                },
              }),
              h(
                "label",
                { class: "sensitive-toggle", for: `agenda-sensitive-${index}` },
                h("input", {
                  type: "checkbox",
                  id: `agenda-sensitive-${index}`,
                  checked: item.sensitive,
                  onchange: (e) => {
                    item.sensitive = e.target.checked;
                    touch();
                    drawAgenda();
                    document.getElementById(`agenda-sensitive-${index}`).focus();
                  },
                }),
                " ",
                t("meeting.sensitive"),
              ),
              h("button", {
                type: "button",
                class: "small secondary",
                text: t("meeting.remove"),
                id: `agenda-remove-${index}`,
                onclick: () => {
                  const [removed] = m.agenda.splice(index, 1);
                  touch();
                  drawAgenda();
                  document.getElementById("add-agenda-item")?.focus();
                  undoToast(t("undo.agendaRemoved", { title: removed.title || "–" }), () => {
                    m.agenda.splice(index, 0, removed);
                    drawAgenda();
                    document.getElementById(`agenda-title-${index}`)?.focus();
                  });
                },
              }),
            ),
            item.sensitive ? h("p", { class: "sensitive-flag", role: "note" }, icon("⚠"), " ", t("meeting.sensitiveFlag")) : null,
            h("label", { for: `agenda-notes-${index}`, class: "visually-hidden", text: t("meeting.agendaNotes") }),
            h("textarea", {
              id: `agenda-notes-${index}`,
              rows: "3",
              placeholder: t("meeting.agendaNotes"),
              oninput: (e) => {
                item.notes = e.target.value;
                touch();
              },
              text: item.notes,
            }),
          ),
        ),
      ),
      h("button", {
        type: "button",
        class: "small secondary",
        id: "add-agenda-item",
        text: t("meeting.addAgenda"),
        onclick: () => {
          m.agenda.push({ title: "", notes: "", sensitive: false, origin: "" });
          touch();
          drawAgenda();
          document.getElementById(`agenda-title-${m.agenda.length - 1}`).focus();
        },
      }),
    );
  };

  const decisions = h("section", { class: "card", "aria-labelledby": "decisions-heading" });
  const drawDecisions = () => {
    replace(
      decisions,
      h("h2", { id: "decisions-heading", text: t("meeting.section.decisions") }),
      h(
        "ol",
        { class: "decisions", id: "decision-list" },
        m.decisions.map((text, index) =>
          h(
            "li",
            {},
            h("label", { for: `decision-${index}`, class: "visually-hidden", text: t("meeting.decision", { n: index + 1 }) }),
            h("textarea", {
              id: `decision-${index}`,
              rows: "2",
              text,
              oninput: (e) => {
                m.decisions[index] = e.target.value;
                touch();
              },
            }),
            h("button", {
              type: "button",
              class: "small secondary",
              text: t("meeting.remove"),
              onclick: () => {
                const [removed] = m.decisions.splice(index, 1);
                touch();
                drawDecisions();
                document.getElementById("add-decision")?.focus();
                undoToast(t("undo.decisionRemoved"), () => {
                  m.decisions.splice(index, 0, removed);
                  drawDecisions();
                });
              },
            }),
          ),
        ),
      ),
      h("button", {
        type: "button",
        class: "small secondary",
        id: "add-decision",
        text: t("meeting.addDecision"),
        onclick: () => {
          m.decisions.push("");
          touch();
          drawDecisions();
          document.getElementById(`decision-${m.decisions.length - 1}`).focus();
        },
      }),
    );
  };

  const actions = h("section", { class: "card", "aria-labelledby": "actions-heading" });
  const drawActions = () => {
    const cellInput = (item, key, index, attrs = {}) =>
      h("input", {
        type: "text",
        id: `action-${key}-${index}`,
        value: item[key] ?? "",
        "aria-label": key === "due" ? `${t("meeting.actionDue")} (${t("form.dateFormat")})` : t({ what: "meeting.actionWhat", responsible: "meeting.actionWho" }[key]),
        oninput: (e) => {
          item[key] = e.target.value;
          touch();
        },
        ...attrs,
      });
    replace(
      actions,
      h("h2", { id: "actions-heading", text: t("meeting.section.actions") }),
      h("p", { class: "hint", text: t("meeting.actionHint") }),
      h("datalist", { id: "responsible-names" }, [...m.participants, ...m.attendees].map((p) => h("option", { value: p.name }))),
      h(
        "table",
        { class: "data compact actions-table", id: "action-table", dataset: { field: "actions" } },
        h("thead", {}, h("tr", {}, ["meeting.actionWhat", "meeting.actionWho", "meeting.actionDue", "meetings.status"].map((k) => h("th", { scope: "col" }, t(k), k === "meeting.actionDue" ? [" ", h("span", { class: "format", text: `(${t("form.dateFormat")})` })] : null)), h("th", {}))),
        h(
          "tbody",
          {},
          m.actions.map((item, index) =>
            h(
              "tr",
              {},
              h("td", {}, cellInput(item, "what", index)),
              h("td", {}, cellInput(item, "responsible", index, { list: "responsible-names" })),
              h("td", {}, cellInput(item, "due", index, { class: "date", maxlength: "10", inputmode: "numeric" })),
              h("td", {}, item.id ? (item.doneOn ? h("span", { class: "badge status-completed" }, icon("✓"), t("meeting.actionDone", { date: item.doneOn })) : h("span", { class: "badge" }, icon("○"), t("meeting.actionOpen"))) : null),
              h(
                "td",
                { class: "action" },
                h("button", {
                  type: "button",
                  class: "small secondary",
                  text: t("meeting.remove"),
                  onclick: () => {
                    const [removed] = m.actions.splice(index, 1);
                    touch();
                    drawActions();
                    document.getElementById("add-action")?.focus();
                    undoToast(t("undo.actionRemoved"), () => {
                      m.actions.splice(index, 0, removed);
                      drawActions();
                    });
                  },
                }),
              ),
            ),
          ),
        ),
      ),
      h("button", {
        type: "button",
        class: "small secondary",
        id: "add-action",
        text: t("meeting.addAction"),
        onclick: () => {
          m.actions.push({ id: null, what: "", responsible: "", due: "", taskId: null, doneOn: "" });
          touch();
          drawActions();
          document.getElementById(`action-what-${m.actions.length - 1}`).focus();
        },
      }),
    );
  };

  const next = h("section", { class: "card", "aria-labelledby": "next-heading" });
  const drawNext = () => {
    replace(
      next,
      h("h2", { id: "next-heading", text: t("meeting.section.next") }),
      h(
        "div",
        { class: "form-grid" },
        field(t("meeting.nextDate"), text("nextMeetingDate", { class: "date", maxlength: "10", inputmode: "numeric" }), "date"),
        field(t("meeting.nextNote"), text("nextMeetingNote")),
      ),
    );
  };

  const exportArea = h("section", { class: "card export", id: "export-area", "aria-labelledby": "export-heading" });
  const preview = h("div", { class: "minutes-preview-area", id: "minutes-preview" });
  const drawExport = () => {
    if (!m.id || !m.completedOn) {
      replace(exportArea, h("h2", { id: "export-heading", text: t("meeting.section.export") }), h("p", { class: "hint", text: t("meeting.exportNeedsCompleted") }));
      return;
    }
    const recipient = h("select", { id: "export-recipient", onchange: () => { basisChanged(); copyForChanged(); showPreview(); } }, RECIPIENTS.map((r) => h("option", { value: r, text: t(`recipient.${r}`) })));
    // A participant's copy of a meeting about several people is one
    // participant's own: the window asks whose.
    const several = m.participants.length > 1;
    const copyFor = h(
      "select",
      { id: "export-copy-for", "aria-describedby": "export-copy-for-hint", onchange: () => showPreview() },
      m.participants.map((p) => h("option", { value: String(p.id), text: p.name })),
    );
    const copyForField = h(
      "div",
      { class: "field", hidden: true },
      h("label", { for: "export-copy-for", text: t("meeting.copyFor") }),
      copyFor,
      h("p", { class: "hint", id: "export-copy-for-hint", text: t("meeting.copyForHint") }),
    );
    const copyForChanged = () => {
      copyForField.hidden = !(several && recipient.value === "participant");
    };
    const chosenCopy = () => (recipient.value === "participant" && copyFor.value ? Number(copyFor.value) : null);
    const documentLanguage = h(
      "select",
      { id: "export-language", onchange: () => showPreview() },
      LANGUAGES.map((tag) => h("option", { value: tag, lang: tag, text: t(`language.${tag}`), selected: tag === writtenLanguage })),
    );
    const basis = h(
      "select",
      { id: "export-legal-basis" },
      h("option", { value: "", text: t("meeting.legalBasisNone") }),
      LEGAL_BASES.map((b) => h("option", { value: b, text: t(`legalBasis.${b}`) })),
    );
    const basisChanged = () => {
      if (recipient.value !== "archive" && !basis.value) basis.value = "integreringsloven_41";
      if (recipient.value === "archive") basis.value = "";
    };
    const showPreview = async () => {
      try {
        renderMinutesPreview(preview, await api.minutesPreview(m.id, recipient.value, documentLanguage.value, chosenCopy()), t("meeting.previewTitle", { recipient: t(`recipient.${recipient.value}`) }));
      } catch (error) {
        showError(error);
      }
    };
    replace(
      exportArea,
      h("h2", { id: "export-heading", text: t("meeting.section.export") }),
      h(
        "div",
        { class: "form-grid" },
        h("div", { class: "field" }, h("label", { for: "export-recipient", text: t("meeting.recipient") }), recipient),
        copyForField,
        h("div", { class: "field" }, h("label", { for: "export-legal-basis", text: t("meeting.legalBasis") }), basis),
        h("div", { class: "field" }, h("label", { for: "export-language", text: t("meeting.documentLanguage") }), documentLanguage),
        h(
          "div",
          { class: "field submit" },
          h("button", { type: "button", class: "secondary", id: "preview-minutes", text: t("meeting.preview"), onclick: showPreview }),
          " ",
          h("button", {
            type: "button",
            class: "primary",
            id: "export-minutes",
            text: t("meeting.exportPdf"),
            onclick: async () => {
              if (dirty) return showProblems({ message: t("meeting.unsaved") });
              try {
                const result = await exportPdfAskingFirst((accept) =>
                  api.exportMinutes(m.id, recipient.value, basis.value, documentLanguage.value, accept, chosenCopy()),
                );
                if (!result.path) {
                  toast(t("meeting.exportCancelled"));
                  return;
                }
                toast(t("meeting.exported", { path: result.path }));
                m = await api.getMeeting(m.id);
                drawSharing();
                document.body.dataset.exported = result.fileName;
              } catch (error) {
                showProblems(error);
              }
            },
          }),
        ),
      ),
      preview,
      h("h3", { text: t("meeting.sharingLog") }),
      sharingArea,
    );
    copyForChanged();
    showPreview();
  };
  // The archive hand-off: each completed version's archive reference, as
  // the case and archive system gave it. Anonymisation waits for them.
  const archiveArea = h("section", { class: "card", id: "archive-area", "aria-labelledby": "archive-heading", hidden: true });
  const drawArchive = async () => {
    if (!m.id || !m.completedOn) {
      archiveArea.hidden = true;
      replace(archiveArea);
      return;
    }
    let filings;
    try {
      filings = await api.minutesFilings(m.id);
    } catch (error) {
      showError(error);
      return;
    }
    const current = filings.find((f) => f.minutesVersion === m.minutesVersion);
    archiveArea.hidden = false;
    replace(
      archiveArea,
      h("h2", { id: "archive-heading", text: t("archive.title") }),
      h(
        "p",
        { id: "archive-status", class: current ? "" : "notice" },
        current ? [icon("✓"), " ", t("archive.currentFiled")] : [icon("⚠"), " ", t("archive.currentUnfiled", { version: m.minutesVersion })],
      ),
      filings.length
        ? h(
            "ul",
            { id: "archive-filings" },
            filings.map((f) => h("li", { text: t("archive.filing", { version: f.minutesVersion, reference: f.archiveReference, date: f.filedOn }) })),
          )
        : null,
      current
        ? null
        : [
            h("p", { class: "hint", text: t("archive.help") }),
            smallForm({
              id: "archive-form",
              submitLabel: t("archive.record"),
              fields: [
                { name: "archiveReference", label: t("archive.reference"), value: "" },
                { name: "filedOn", label: t("archive.filedOn"), type: "date", value: todayText() },
              ],
              onSubmit: async (values) => {
                await api.fileMinutes(m.id, values);
                toast(t("archive.recorded"));
                await drawArchive();
              },
            }),
          ],
    );
  };
  const sharingArea = h("div", { id: "meeting-sharing" });
  const drawSharing = () => replace(sharingArea, sharingTable(m.sharing, "meeting-sharing-log"));

  const header = h("header", { class: "page-header" });
  const formFromState = () => ({
    kind: m.kind,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    place: m.place,
    convenedBy: m.convenedBy,
    participants: m.participants.map((p) => ({ id: p.id, present: p.present })),
    attendees: m.attendees.map((a) => ({ id: a.id, present: a.present })),
    interpreterUsed: m.interpreterUsed,
    interpreterLanguage: m.interpreterLanguage,
    interpreterNeeded: m.interpreterNeeded,
    interpretingMode: m.interpretingMode,
    interpreterQualification: m.interpreterQualification,
    interpreterCategory: m.interpreterCategory,
    unqualifiedException: m.unqualifiedException,
    unqualifiedReason: m.unqualifiedReason,
    interpreterAdult: m.interpreterAdult,
    childEmergencyReason: m.childEmergencyReason,
    agenda: m.agenda,
    decisions: m.decisions,
    actions: m.actions.map((a) => ({ id: a.id, what: a.what, responsible: a.responsible, due: a.due })),
    nextMeetingDate: m.nextMeetingDate,
    nextMeetingNote: m.nextMeetingNote,
    minuteTaker: m.minuteTaker,
    revisesAgreement: m.revisesAgreement,
    evaluatesRoutines: m.evaluatesRoutines,
    // The agreement is asked for on an information meeting only; a meeting
    // changed to another kind does not keep a choice no longer shown.
    participantsMayBeNamed: m.kind === "information" && m.participantsMayBeNamed,
  });
  // `show`: a new meeting opens at its own address once saved (not when
  // saved on the way to another screen).
  const save = async ({ show = true } = {}) => {
    clearProblems();
    try {
      const saved = await api.saveMeeting(m.id, formFromState());
      dirty = false;
      toast(t("meeting.saved"));
      if (!m.id && show) {
        navigate(`#/moter/${saved.id}`);
        return saved;
      }
      m = saved;
      drawAll();
      return saved;
    } catch (error) {
      showProblems(error);
      return null;
    }
  };
  const complete = async () => {
    if (!m.id || dirty) {
      const saved = await save();
      if (!saved || !m.id) return;
    }
    clearProblems();
    try {
      m = await api.completeMeeting(m.id);
      toast(t("meeting.completed"));
      drawAll();
      document.getElementById("export-recipient")?.focus();
    } catch (error) {
      showProblems(error);
    }
  };
  const reopen = async () => {
    const answer = await ask({
      id: "reopen-dialog",
      title: t("meeting.reopenTitle"),
      message: t("meeting.reopenMessage", { version: m.minutesVersion + 1 }),
      safe: "cancel",
      field: { label: t("meeting.reopenReason"), required: true, requiredMessage: t("meeting.reopenRequired") },
      choices: [
        { id: "reopen", label: t("meeting.reopenConfirm"), kind: "primary" },
        { id: "cancel", label: t("dialog.cancel"), kind: "secondary" },
      ],
    });
    if (answer.choice !== "reopen") return;
    try {
      m = await api.reopenMeeting(m.id, answer.text);
      drawAll();
      toast(t("meeting.reopened", { version: m.minutesVersion }));
      document.getElementById("meeting-date")?.focus();
    } catch (error) {
      showProblems(error);
    }
  };
  const history = h("div", { id: "meeting-versions" });
  const drawHistory = () => {
    replace(
      history,
      locked() ? h("p", { class: "locked-note", id: "meeting-locked", role: "note" }, icon("ⓘ"), " ", t("meeting.locked")) : null,
      m.olderCopies?.length
        ? h(
            "div",
            { class: "warnings", id: "older-copies" },
            h("p", {}, icon("⚠"), " ", t("meeting.olderCopies")),
            h("ul", {}, m.olderCopies.map((c) => h("li", { dataset: { recipient: c.recipient }, text: t("meeting.olderCopy", { recipient: t(`recipient.${c.recipient}`), version: c.version, at: c.exportedAt }) }))),
          )
        : null,
      m.reopenings?.length
        ? h(
            "details",
            { class: "reopenings" },
            h("summary", { text: `${t("meeting.reopenings")} (${m.reopenings.length})` }),
            h("ul", {}, m.reopenings.map((r) => h("li", { text: t("meeting.reopening", { at: r.reopenedAt, reason: r.reason, version: r.versionBefore }) }))),
          )
        : null,
    );
  };
  // While locked, every field of the minutes is read-only (still readable
  // and selectable); the export stays usable.
  const applyLock = () => {
    for (const section of [facts, people, agenda, decisions, actions, next]) {
      for (const control of section.querySelectorAll("input, select, textarea, button")) {
        if (locked()) {
          control.disabled = true;
          control.dataset.locked = "";
        } else if (control.dataset.locked !== undefined) {
          delete control.dataset.locked;
          control.disabled = control.id === "meeting-kind" && Boolean(m.id);
        }
      }
    }
  };
  const drawHeader = () => {
    const title = m.id ? `${t(`meetingKind.${m.kind}`)} ${m.date}` : t("meeting.newTitle", { kind: t(`meetingKind.${m.kind}`).toLowerCase() });
    replace(
      header,
      h(
        "div",
        { class: "title-group" },
        h("h1", { id: "meeting-title", text: title }),
        m.completedOn
          ? h("span", { class: "badge status-completed", id: "meeting-status" }, icon("✓"), t("meeting.statusCompleted", { date: m.completedOn }))
          : h("span", { class: "badge", id: "meeting-status" }, icon("◷"), t("meeting.statusPlanned")),
        m.id ? h("span", { class: "badge", id: "minutes-version" }, t("meeting.version", { version: m.minutesVersion })) : null,
      ),
      h(
        "div",
        { class: "actions" },
        m.id && !m.completedOn
          ? h("button", {
              type: "button",
              class: "secondary",
              id: "delete-meeting",
              text: t("meeting.delete"),
              onclick: async () => {
                const sure = await confirmDestructive({
                  id: "confirm-delete-meeting",
                  title: t("confirm.meetingTitle"),
                  message: t("confirm.meetingMessage"),
                  confirmLabel: t("meeting.delete"),
                });
                if (!sure) return;
                try {
                  await api.deleteMeeting(m.id);
                  dirty = false;
                  toast(t("meeting.deleted"));
                  navigate("#/moter");
                } catch (error) {
                  showProblems(error);
                }
              },
            })
          : null,
        m.completedOn
          ? h("button", {
              type: "button",
              class: "primary",
              id: "reopen-meeting",
              text: t("meeting.reopen"),
              onclick: reopen,
            })
          : h("button", { type: "button", class: "secondary", id: "complete-meeting", text: t("meeting.complete"), onclick: complete }),
        m.completedOn ? null : h("button", { type: "button", class: "primary", id: "save-meeting", title: "Ctrl+S", text: t("meeting.save"), onclick: () => save() }),
      ),
    );
  };
  const drawAll = () => {
    drawHeader();
    drawFacts();
    drawPeople();
    drawAgenda();
    drawDecisions();
    drawActions();
    drawNext();
    drawSharing();
    drawExport();
    drawArchive();
    drawHistory();
    applyLock();
  };

  replace(
    main,
    h("a", { href: "#/moter", class: "back" }, h("span", { "aria-hidden": "true", text: "← " }), t("meeting.back")),
    header,
    history,
    errorBox,
    facts,
    people,
    agenda,
    decisions,
    actions,
    next,
    exportArea,
    archiveArea,
  );
  drawAll();
  track({
    element: header,
    isDirty: () => dirty,
    save: async () => Boolean(await save({ show: false })),
    discard: () => {
      dirty = false;
    },
  });
  return {
    save: () => (locked() ? showProblems({ message: t("meeting.lockedSave") }) : save()),
    cancel: () => navigate("#/moter"),
  };
}
