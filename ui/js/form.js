// The form kit every form uses: a field's label with its format beside it
// (a placeholder disappears on typing, and is too faint to read), one way
// of showing refused fields (the summary at the top, each field marked
// `aria-invalid` and described by its message, the focus on the first), and
// the record of which forms on the screen hold unsaved changes, which the
// router asks about before the screen is left.
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

/** The format a kind of field expects, shown beside its label; none for plain text. */
export function formatOf(kind) {
  return { date: t("form.dateFormat"), time: t("form.timeFormat") }[kind] ?? "";
}

/** A label whose format stays visible while typing: «Fødselsdato (dd.mm.åååå)». */
export function fieldLabel(forId, text, kind) {
  const format = formatOf(kind);
  return h("label", { for: forId }, text, format ? [" ", h("span", { class: "format", text: `(${format})` })] : null);
}

/**
 * Shows and clears the refusals of one form. `inputs` and `errors` map a
 * field's name to its control and its message element; `label(name)` names
 * a field in the summary. A refusal that names no field of the form is
 * returned as not shown, for the caller to show another way.
 */
export function formErrors({ summary, inputs, errors, label }) {
  const clear = () => {
    for (const [name, el] of Object.entries(errors)) {
      el.hidden = true;
      el.textContent = "";
      inputs[name]?.removeAttribute("aria-invalid");
    }
    if (summary) {
      summary.hidden = true;
      replace(summary);
    }
  };
  const show = (error) => {
    clear();
    const list = (error.fields?.length ? error.fields : error.field ? [error] : []).filter((fe) => errors[fe.field] && inputs[fe.field]);
    if (!list.length) return false;
    for (const fe of list) {
      errors[fe.field].textContent = fe.message;
      errors[fe.field].hidden = false;
      inputs[fe.field].setAttribute("aria-invalid", "true");
    }
    const first = inputs[list[0].field];
    if (summary) {
      replace(
        summary,
        h("p", { text: t("form.errorSummary") }),
        h(
          "ul",
          {},
          list.map((fe) =>
            h("li", {}, h("a", { href: `#${inputs[fe.field].id}`, onclick: (e) => { e.preventDefault(); focusField(inputs[fe.field]); }, text: `${label(fe.field)}: ${fe.message}` })),
          ),
        ),
      );
      summary.hidden = false;
    }
    focusField(first, summary);
    return true;
  };
  return { clear, show };
}

// Focuses a field so that it is wholly in view, with the summary above it
// in view too when both fit on the screen.
function focusField(input, summary) {
  input.focus({ preventScroll: true });
  const frame = document.getElementById("main");
  if (summary && !summary.hidden && frame) {
    const top = summary.getBoundingClientRect().top;
    const bottom = input.getBoundingClientRect().bottom;
    if (bottom - top < frame.clientHeight - 24) {
      summary.scrollIntoView({ block: "start" });
      return;
    }
  }
  input.scrollIntoView({ block: "center" });
}

// The forms of the screen on show that can hold unsaved typing.
const tracked = new Set();

/**
 * Records a form that can hold unsaved typing: `isDirty()`, `save()` (resolves
 * true when saved; absent when the form cannot be saved from the question),
 * `discard()`, and `element` (when it leaves the page, the form is forgotten).
 */
export function track(entry) {
  tracked.add(entry);
  return entry;
}

/** A tracker comparing a form's current values with those it started with. */
export function changesOf(snapshot) {
  let initial = JSON.stringify(snapshot());
  return {
    isDirty: () => JSON.stringify(snapshot()) !== initial,
    reset: () => {
      initial = JSON.stringify(snapshot());
    },
  };
}

/** The tracked forms that hold unsaved changes. */
export function dirtyForms() {
  for (const entry of [...tracked]) {
    if (entry.element && !entry.element.isConnected) tracked.delete(entry);
  }
  return [...tracked].filter((entry) => entry.isDirty());
}

/** Forgets every tracked form (a new screen starts). */
export function forgetForms() {
  tracked.clear();
}
