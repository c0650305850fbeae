// The rule settings: durations and intervals in months, with defaults.
import { markReady, mayLeave } from "../router.js";
import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { LANGUAGES, currentLanguage, setLanguage, t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { smallForm } from "./small-form.js";
import { changesOf, formErrors, track } from "../form.js";

export async function renderSettings(main) {
  let settings, letterhead;
  try {
    [settings, letterhead] = await Promise.all([api.getSettings(), api.getLetterhead()]);
  } catch (error) {
    showError(error);
    return {};
  }
  const inputs = {};
  const errors = {};
  const rows = settings.map((s) => {
    const id = `setting-${s.key}`;
    inputs[s.key] = h("input", { id, type: "number", min: String(s.min), max: String(s.max), step: "1", value: String(s.value), class: "months", "aria-describedby": `${id}-error` });
    errors[s.key] = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
    return h(
      "tr",
      {},
      h("td", {}, h("label", { for: id, text: t(`settings.${s.key}`) })),
      h("td", {}, inputs[s.key], errors[s.key]),
      h("td", { text: String(s.default) }),
      h("td", { text: `${s.min}–${s.max}` }),
    );
  });

  const values = () => Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value]));
  const labels = Object.fromEntries(settings.map((s) => [s.key, t(`settings.${s.key}`)]));
  const problems = formErrors({ summary: null, inputs, errors, label: (key) => labels[key] });
  const changes = changesOf(values);
  // A settings change recomputes every participant's deadlines, which
  // takes seconds in a large register: the progress is shown meanwhile.
  const progressArea = h("div", { id: "recompute-progress", role: "status", "aria-live": "polite" });
  const showProgress = (p) => {
    if (!p?.running || !p.total) return;
    replace(
      progressArea,
      h("label", { for: "recompute-bar", text: t("settings.recomputing", { done: p.done, total: p.total }) }),
      " ",
      h("progress", { id: "recompute-bar", max: String(p.total), value: String(p.done) }),
    );
  };
  const save = async () => {
    problems.clear();
    let polling = true;
    const poll = async () => {
      while (polling) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        if (!polling) break;
        showProgress(await api.recomputeProgress().catch(() => null));
      }
    };
    poll();
    try {
      await api.saveSettings(values()).finally(() => {
        polling = false;
        replace(progressArea);
      });
      changes.reset();
      toast(t("settings.saved"));
      return true;
    } catch (error) {
      if (!problems.show(error)) showError(error);
      return false;
    }
  };

  // The window's language applies at once and is remembered on this
  // machine; the screen is drawn again in it, after asking about anything
  // typed and not saved.
  const languageSelect = h(
    "select",
    { id: "window-language", "aria-describedby": "window-language-help" },
    LANGUAGES.map((tag) => h("option", { value: tag, lang: tag, text: t(`language.${tag}`), selected: tag === currentLanguage() })),
  );
  languageSelect.addEventListener("change", async () => {
    const chosen = languageSelect.value;
    if (!(await mayLeave())) {
      languageSelect.value = currentLanguage();
      return;
    }
    try {
      await setLanguage(chosen);
    } catch (error) {
      languageSelect.value = currentLanguage();
      showError(error);
    }
  });

  replace(
    main,
    h("header", { class: "page-header" }, h("h1", { text: t("settings.title") }), h("button", { type: "button", class: "primary", id: "save-settings", title: "Ctrl+S", text: t("settings.save"), onclick: save })),
    h(
      "section",
      { class: "card", "aria-labelledby": "language-heading" },
      h("h2", { id: "language-heading", text: t("settings.language") }),
      h("p", {}, h("label", { for: "window-language", text: t("settings.windowLanguage") }), " ", languageSelect),
      h("p", { class: "hint", id: "window-language-help", text: t("settings.windowLanguageHelp") }),
    ),
    h("p", { class: "hint lead", text: t("settings.help") }),
    progressArea,
    h("p", { class: "hint lead", id: "settings-law-hint" }, `${t("settings.lawHint")} `, h("a", { href: "#/regelverk", text: t("rules.title") }), "."),
    h(
      "div",
      { class: "table-wrap settings" },
      h(
        "table",
        { class: "data", id: "settings-table" },
        h("thead", {}, h("tr", {}, ["rule", "value", "default", "range"].map((c) => h("th", { scope: "col", text: t(`settings.col.${c}`) })))),
        h("tbody", {}, rows),
      ),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "letterhead-heading" },
      h("h2", { id: "letterhead-heading", text: t("settings.letterhead") }),
      smallForm({
        id: "letterhead-form",
        submitLabel: t("settings.saveLetterhead"),
        fields: [
          { name: "municipality", label: t("settings.municipality"), value: letterhead.municipality },
          { name: "service", label: t("settings.service"), value: letterhead.service },
          { name: "caseworker", label: t("settings.caseworker"), value: letterhead.caseworker },
          {
            name: "writtenLanguage",
            label: t("settings.writtenLanguage"),
            type: "select",
            value: letterhead.writtenLanguage,
            options: LANGUAGES.map((tag) => [tag, t(`language.${tag}`)]),
          },
        ],
        onSubmit: async (values) => {
          await api.saveLetterhead(values);
          toast(t("settings.letterheadSaved"));
        },
      }),
    ),
  );
  track({ element: main.querySelector("#settings-table"), isDirty: changes.isDirty, save, discard: changes.reset });
  markReady();
  return { save };
}
