// Modal questions: a confirmation before a destructive action, the choice
// between saving and discarding unsaved changes, and a reason asked for.
// The safe answer has the focus when the question opens, Esc gives the
// safe answer, and the focus goes back to where it was afterwards.
import { h } from "./dom.js";
import { t } from "./i18n.js";

let open = null;

/** Whether a question is on screen (the window's shortcuts then wait). */
export function dialogOpen() {
  return open !== null;
}

/**
 * Asks a question. `choices`: [{ id, label, kind: "primary" | "secondary" | "danger" }];
 * `safe` is the id given by Esc and focused first; `field` optionally asks
 * for a text ({ label, required }), returned as `{ choice, text }`.
 */
export function ask({ id, title, message, choices, safe, field }) {
  if (open) open.close("stay");
  const previous = document.activeElement;
  return new Promise((resolve) => {
    const input = field ? h("textarea", { id: `${id}-text`, rows: "3", "aria-describedby": `${id}-text-error` }) : null;
    const error = field ? h("p", { class: "field-error", id: `${id}-text-error`, hidden: true }) : null;
    const buttons = choices.map((c) =>
      h("button", {
        type: "button",
        class: c.kind || "secondary",
        id: `${id}-${c.id}`,
        dataset: { choice: c.id },
        text: c.label,
        onclick: () => {
          if (field?.required && c.id !== safe && !input.value.trim()) {
            error.textContent = field.requiredMessage;
            error.hidden = false;
            input.setAttribute("aria-invalid", "true");
            input.focus();
            return;
          }
          dialog.close(c.id);
        },
      }),
    );
    const dialog = h(
      "dialog",
      { class: "question", id, "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-message` },
      h("h2", { id: `${id}-title`, text: title }),
      h("p", { id: `${id}-message`, class: "prewrap", text: message }),
      field ? h("div", { class: "field" }, h("label", { for: `${id}-text`, text: field.label }), input, error) : null,
      h("div", { class: "actions" }, buttons),
    );
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      dialog.close(safe);
    });
    dialog.addEventListener("close", () => {
      open = null;
      dialog.remove();
      const choice = dialog.returnValue || safe;
      if (previous && previous.isConnected && typeof previous.focus === "function") previous.focus();
      resolve(field ? { choice, text: input.value.trim() } : choice);
    });
    document.body.append(dialog);
    open = dialog;
    dialog.showModal();
    (field ? input : document.getElementById(`${id}-${safe}`)).focus();
  });
}

/** Asks before a destructive action; true only when the caseworker confirms. Focus starts on «Avbryt». */
export async function confirmDestructive({ id = "confirm", title, message, confirmLabel }) {
  const answer = await ask({
    id,
    title,
    message,
    safe: "cancel",
    choices: [
      { id: "confirm", label: confirmLabel, kind: "danger" },
      { id: "cancel", label: t("dialog.cancel"), kind: "secondary" },
    ],
  });
  return answer === "confirm";
}

/**
 * The question when leaving a screen with unsaved changes: "save" (offered
 * when `canSave`), "discard" or "stay". The focus starts on «Bli her».
 */
export function askUnsaved(canSave = true) {
  return ask({
    id: "unsaved",
    title: t("dialog.unsavedTitle"),
    message: t("dialog.unsavedMessage"),
    safe: "stay",
    choices: [
      canSave ? { id: "save", label: t("dialog.save"), kind: "primary" } : null,
      { id: "discard", label: t("dialog.discard"), kind: "secondary" },
      { id: "stay", label: t("dialog.stay"), kind: "secondary" },
    ].filter(Boolean),
  });
}

/**
 * Runs a PDF export (`run(acceptUndrawable)`) that the shell refuses with
 * `undrawable_characters` when some characters of the text would print as
 * «�»: asks first, in the shell's own words naming the characters, and
 * runs it again accepting them only when the caseworker chooses to save
 * anyway. Going back answers as a cancelled save dialog does ({ path: "" }),
 * so nothing is written.
 */
export async function exportPdfAskingFirst(run) {
  try {
    return await run(false);
  } catch (error) {
    if (error?.code !== "undrawable_characters") throw error;
    const answer = await ask({
      id: "undrawable",
      title: t("export.undrawable.title"),
      message: error.message,
      safe: "back",
      choices: [
        { id: "save", label: t("export.undrawable.save"), kind: "primary" },
        { id: "back", label: t("export.undrawable.back"), kind: "secondary" },
      ],
    });
    if (answer !== "save") return { path: "" };
    return run(true);
  }
}
