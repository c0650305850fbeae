// The participant form, for a new participant and for editing one.
// What the caseworker types is sent as typed; the program validates it and
// answers with a message per field, shown beside the field.
import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { EDUCATIONS, GENDERS, GOALS, LAW_OVERRIDES, PERMIT_BASES, STATUSES, fullName } from "../format.js";
import { navigate } from "../router.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { changesOf, fieldLabel, formErrors, track } from "../form.js";

const EMPTY = {
  givenName: "", familyName: "", identityNumber: "", birthDate: "", gender: "unspecified",
  languages: "", needsInterpreter: false, interpreterLanguage: "", phone: "", email: "", address: "",
  residencePermitDate: "", arrivalDate: "", settlementDate: "", claimDate: "", finalGoal: "",
  hurtigspor: false, hasOrExpectsChildren: false, competenceMappedBeforeSettlement: false,
  status: "prospective", lawOverride: "", lawOverrideReason: "", notes: "",
  programmeStartDate: "", competenceMappingDate: "", planDate: "", lastPlanReviewDate: "",
  navHandoverDate: "", parentalGuidanceDate: "", endedDate: "", certificateIssuedDate: "",
  permitBasis: "", education: "unknown", plannedLengthMonths: "", norwegianTrainingStart: "",
  norwegianTrainingCompletedDate: "", careerGuidanceDate: "", livsmestringDate: "",
};

export async function renderParticipantForm(main, id) {
  let values = { ...EMPTY };
  let existing = null;
  if (id) {
    try {
      existing = await api.getParticipant(Number(id));
    } catch (error) {
      showError(error);
      navigate("#/deltakere");
      return {};
    }
    values = Object.fromEntries(Object.keys(EMPTY).map((k) => [k, existing[k]]));
  }

  const inputs = {};
  const errors = {};

  const field = (name, control, { hint, wide, format } = {}) => {
    const id = `field-${name}`;
    control.id = id;
    control.name = name;
    const error = h("p", { class: "field-error", id: `error-${name}`, hidden: true });
    errors[name] = error;
    inputs[name] = control;
    const described = [hint ? `hint-${name}` : null, `error-${name}`].filter(Boolean).join(" ");
    control.setAttribute("aria-describedby", described);
    return h(
      "div",
      { class: `field${wide ? " wide" : ""}` },
      fieldLabel(id, t(`field.${name}`), format),
      control,
      hint ? h("p", { class: "hint", id: `hint-${name}`, text: hint }) : null,
      error,
    );
  };
  const text = (name, opts = {}) =>
    field(name, h("input", { type: "text", value: values[name], autocomplete: "off", spellcheck: "false", ...opts.attrs }), opts);
  const date = (name, opts = {}) =>
    field(name, h("input", { type: "text", class: "date", value: values[name], inputmode: "numeric", autocomplete: "off", maxlength: "10" }), { hint: opts.hint, format: "date" });
  const choice = (name, options, opts = {}) =>
    field(name, h("select", {}, options.map(([value, label]) => h("option", { value, text: label, selected: values[name] === value }))), opts);
  const check = (name) => {
    const control = h("input", { type: "checkbox", checked: values[name] });
    const error = h("p", { class: "field-error", id: `error-${name}`, hidden: true });
    control.id = `field-${name}`;
    control.name = name;
    inputs[name] = control;
    errors[name] = error;
    return h("div", { class: "field check" }, h("label", { for: control.id }, control, " ", t(`field.${name}`)), error);
  };

  const interpreterLanguage = text("interpreterLanguage");
  const overrideReason = field("lawOverrideReason", h("textarea", { rows: "2" }, values.lawOverrideReason), { wide: true });
  const summary = h("div", { class: "error-summary", id: "error-summary", role: "alert", tabindex: "-1", hidden: true });

  const form = h(
    "form",
    { class: "participant-form", id: "participant-form", novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
    summary,
    h(
      "fieldset",
      {},
      h("legend", { text: t("form.section.person") }),
      text("givenName", { attrs: { required: true } }),
      text("familyName", { attrs: { required: true } }),
      text("identityNumber", { hint: t("form.identityNumberHint"), attrs: { inputmode: "numeric", maxlength: "13", class: "mono" } }),
      date("birthDate"),
      choice("gender", GENDERS.map((g) => [g, t(`gender.${g}`)])),
    ),
    h(
      "fieldset",
      {},
      h("legend", { text: t("form.section.contact") }),
      text("phone", { attrs: { type: "tel" } }),
      text("email", { attrs: { type: "email" } }),
      text("address", { wide: true }),
      text("languages"),
      check("needsInterpreter"),
      interpreterLanguage,
    ),
    h(
      "fieldset",
      {},
      h("legend", { text: t("form.section.dates") }),
      date("residencePermitDate"),
      choice("permitBasis", [["", t("permitBasis.none")], ...PERMIT_BASES.map((b) => [b, t(`permitBasis.${b}`)])], { hint: t("form.permitBasisHint") }),
      date("arrivalDate"),
      date("settlementDate"),
      date("claimDate", { hint: t("form.claimDateHint") }),
    ),
    h(
      "fieldset",
      {},
      h("legend", { text: t("form.section.programme") }),
      choice("status", STATUSES.map((s) => [s, t(`status.${s}`)])),
      choice("finalGoal", [["", t("goal.none")], ...GOALS.map((g) => [g, t(`goal.${g}`)])]),
      choice("education", EDUCATIONS.map((e) => [e, t(`education.${e}`)])),
      text("plannedLengthMonths", { hint: t("form.plannedLengthHint"), attrs: { inputmode: "numeric", maxlength: "3", class: "short" } }),
      date("norwegianTrainingStart"),
      check("hurtigspor"),
      check("hasOrExpectsChildren"),
      check("competenceMappedBeforeSettlement"),
    ),
    h(
      "fieldset",
      { class: "wide done-dates" },
      h("legend", { text: t("form.section.done") }),
      h("p", { class: "hint", text: t("form.doneHelp") }),
      date("programmeStartDate"),
      date("competenceMappingDate"),
      date("careerGuidanceDate"),
      date("planDate"),
      date("lastPlanReviewDate"),
      date("navHandoverDate"),
      date("parentalGuidanceDate"),
      date("livsmestringDate"),
      date("norwegianTrainingCompletedDate"),
      date("endedDate"),
      date("certificateIssuedDate"),
    ),
    h(
      "fieldset",
      { class: "wide" },
      h("legend", { text: t("form.section.law") }),
      h("p", { class: "hint", text: t("form.lawHelp") }),
      choice("lawOverride", [["", t("form.noOverride")], ...LAW_OVERRIDES.map((law) => [law, t(`law.${law}`)])]),
      overrideReason,
    ),
    h(
      "fieldset",
      { class: "wide" },
      h("legend", { text: t("form.section.notes") }),
      field("notes", h("textarea", { rows: "5" }, values.notes), { wide: true }),
    ),
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "primary", id: "save-participant", title: "Ctrl+S", text: t("form.save") }),
      h("button", { type: "button", class: "secondary", id: "cancel-participant", title: "Esc", text: t("form.cancel"), onclick: () => cancel() }),
    ),
  );

  // Show the fields that only matter with a particular answer.
  const syncDependent = () => {
    interpreterLanguage.hidden = !inputs.needsInterpreter.checked;
    overrideReason.hidden = inputs.lawOverride.value === "";
  };
  inputs.needsInterpreter.addEventListener("change", syncDependent);
  inputs.lawOverride.addEventListener("change", syncDependent);
  syncDependent();

  const collect = () =>
    Object.fromEntries(Object.keys(EMPTY).map((k) => [k, inputs[k].type === "checkbox" ? inputs[k].checked : inputs[k].value]));

  const problems = formErrors({ summary, inputs, errors, label: (name) => t(`field.${name}`) });
  const changes = changesOf(collect);

  let saving = false;
  // Saves the form; `show` opens the saved participant (not when saving on
  // the way to another screen, from the unsaved-changes question).
  const save = async ({ show = true } = {}) => {
    if (saving) return false;
    saving = true;
    problems.clear();
    try {
      const data = collect();
      const saved = existing ? await api.updateParticipant(existing.id, data) : await api.createParticipant(data);
      changes.reset();
      toast(existing ? t("form.saved") : t("form.created", { name: fullName(saved) }));
      if (show) navigate(`#/deltakere/${saved.id}`);
      return true;
    } catch (error) {
      if (!problems.show(error)) showError(error);
      return false;
    } finally {
      saving = false;
    }
  };
  // Every way out (Avbryt, Esc, the back link, the sidebar) goes through
  // the router, which asks first when something typed is unsaved.
  const cancel = () => navigate(existing ? `#/deltakere/${existing.id}` : "#/deltakere");
  track({ element: form, isDirty: changes.isDirty, save: () => save({ show: false }), discard: changes.reset });

  replace(
    main,
    h("a", { href: existing ? `#/deltakere/${existing.id}` : "#/deltakere", class: "back" }, h("span", { "aria-hidden": "true", text: "← " }), existing ? fullName(existing) : t("detail.back")),
    h("header", { class: "page-header" }, h("h1", { text: existing ? t("form.editTitle", { name: fullName(existing) }) : t("form.newTitle") })),
    form,
  );
  return { save: () => save(), cancel };
}
