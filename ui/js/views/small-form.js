// A compact form for the small records (events, leaves, tasks): labelled
// fields in a row, errors shown beside each field, Enter to save.
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { showError } from "./error.js";

/**
 * fields: [{ name, label, type: "text" | "date" | "select" | "checkbox", options: [[value, label]], value }]
 * onSubmit(values) returns a promise; a rejected IpcError with `fields` is shown per field.
 */
export function smallForm({ id, fields, submitLabel, onSubmit }) {
  const inputs = {};
  const errors = {};
  const controls = fields.map((f) => {
    const inputId = `${id}-${f.name}`;
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
        placeholder: f.type === "date" ? t("form.dateHint") : null,
        maxlength: f.type === "date" ? "10" : null,
        autocomplete: "off",
      });
    }
    inputs[f.name] = control;
    errors[f.name] = h("p", { class: "field-error", id: `${inputId}-error`, hidden: true });
    control.setAttribute("aria-describedby", `${inputId}-error`);
    return f.type === "checkbox"
      ? h("div", { class: "field check" }, h("label", { for: inputId }, control, " ", f.label), errors[f.name])
      : h("div", { class: "field" }, h("label", { for: inputId, text: f.label }), control, errors[f.name]);
  });

  const values = () =>
    Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.type === "checkbox" ? el.checked : el.value]));

  const clear = () => {
    for (const [name, el] of Object.entries(errors)) {
      el.hidden = true;
      replace(el);
      inputs[name].removeAttribute("aria-invalid");
    }
  };

  const form = h(
    "form",
    {
      class: "small-form",
      id,
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        clear();
        try {
          await onSubmit(values());
        } catch (error) {
          const list = error.fields?.length ? error.fields : error.field ? [error] : [];
          const shown = list.filter((fe) => errors[fe.field]);
          if (!shown.length) return showError(error);
          for (const fe of shown) {
            errors[fe.field].textContent = fe.message;
            errors[fe.field].hidden = false;
            inputs[fe.field].setAttribute("aria-invalid", "true");
          }
          inputs[shown[0].field].focus();
        }
      },
    },
    controls,
    h("div", { class: "field submit" }, h("button", { type: "submit", class: "small primary", id: `${id}-submit`, text: submitLabel })),
  );
  return form;
}
