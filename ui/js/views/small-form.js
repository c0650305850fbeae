// A compact form for the small records (events, leaves, tasks, contacts,
// the letterhead): labelled fields in a row, refusals shown beside each
// field by the form kit, Enter to save. What is typed in it counts as
// unsaved until it is saved, so leaving the screen asks first.
import { h } from "../dom.js";
import { changesOf, fieldLabel, formErrors, track } from "../form.js";
import { showError } from "./error.js";

/**
 * fields: [{ name, label, type: "text" | "date" | "select" | "checkbox", options: [[value, label]], value }]
 * onSubmit(values) returns a promise; a rejected IpcError with `fields` is shown per field.
 */
export function smallForm({ id, fields, submitLabel, onSubmit }) {
  const inputs = {};
  const errors = {};
  const labels = {};
  const controls = fields.map((f) => {
    const inputId = `${id}-${f.name}`;
    labels[f.name] = f.label;
    let control;
    if (f.type === "select") {
      control = h("select", { id: inputId }, f.options.map(([value, label]) => h("option", { value, text: label, selected: value === f.value })));
    } else if (f.type === "checkbox") {
      control = h("input", { id: inputId, type: "checkbox", checked: Boolean(f.value) });
    } else {
      control = h("input", {
        id: inputId,
        type: "text",
        value: f.value ?? "",
        class: f.type === "date" ? "date" : null,
        inputmode: f.type === "date" ? "numeric" : null,
        maxlength: f.type === "date" ? "10" : null,
        autocomplete: "off",
      });
    }
    inputs[f.name] = control;
    errors[f.name] = h("p", { class: "field-error", id: `${inputId}-error`, hidden: true });
    control.setAttribute("aria-describedby", `${inputId}-error`);
    return f.type === "checkbox"
      ? h("div", { class: "field check" }, h("label", { for: inputId }, control, " ", f.label), errors[f.name])
      : h("div", { class: "field" }, fieldLabel(inputId, f.label, f.type), control, errors[f.name]);
  });

  const values = () =>
    Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.type === "checkbox" ? el.checked : el.value]));
  const problems = formErrors({ summary: null, inputs, errors, label: (name) => labels[name] });
  const changes = changesOf(values);

  // Saves what is typed; true when it was saved.
  const submit = async () => {
    problems.clear();
    try {
      await onSubmit(values());
      changes.reset();
      // A save usually redraws the area the form is in; the focus then
      // goes to the new form's first field rather than to the page body.
      if (!form.isConnected || document.activeElement === document.body) {
        const first = document.getElementById(`${id}-${fields[0].name}`);
        if (first && first.isConnected) first.focus();
      }
      return true;
    } catch (error) {
      if (!problems.show(error)) showError(error);
      return false;
    }
  };

  const form = h(
    "form",
    {
      class: "small-form",
      id,
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        submit();
      },
    },
    controls,
    h("div", { class: "field submit" }, h("button", { type: "submit", class: "small primary", id: `${id}-submit`, text: submitLabel })),
  );
  track({ element: form, isDirty: changes.isDirty, save: submit, discard: changes.reset });
  return form;
}
