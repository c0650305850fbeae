// Contacts are found by searching, a page at a time: a large register holds
// thousands, and no screen or picker reads them all. A picker is a search
// field beside a list of the matches; typing narrows the list.
import { api } from "./api.js";
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

/** How many matches a picker lists. */
export const PICKER_SIZE = 50;

/** Contacts matching `search`: `{ rows, more }`. */
export function findContacts(search, limit = PICKER_SIZE) {
  return api.findContacts(search, limit);
}

/**
 * A search field for `select`: as the caseworker types, the list holds the
 * matching contacts (the chosen one stays). `optionText(contact)` labels an
 * option; `first` is the option before the contacts («Velg kontakt …»).
 */
export function contactSearchField({ id, select, first, optionText, keep = () => null }) {
  let timer;
  let asked = 0;
  const hint = h("span", { class: "hint", id: `${id}-hint`, "aria-live": "polite" });
  const input = h("input", {
    type: "search",
    id,
    class: "contact-search",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": `${id}-purpose ${id}-hint`,
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(() => refill(input.value), 150);
    },
    // Enter goes on to the list instead of sending the form.
    onkeydown: (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        select.focus();
      }
    },
  });
  const refill = async (search) => {
    const ticket = ++asked;
    let page;
    try {
      page = await findContacts(search);
    } catch {
      return;
    }
    // An answer to an older search must not overwrite a newer one.
    if (ticket !== asked) return;
    fillContactOptions(select, page.rows, { first, optionText, keep: keep() });
    hint.textContent = page.more ? t("contacts.pickerMore", { count: page.rows.length }) : t("contacts.pickerCount", { count: page.rows.length });
  };
  const wrapper = h("span", { class: "contact-search-field" }, h("label", { for: id, class: "search-label", text: t("contacts.pickerSearchShort") }), h("span", { class: "visually-hidden", id: `${id}-purpose`, text: t("contacts.pickerSearch") }), input, hint);
  return { element: wrapper, input, refill };
}

/** Fills `select` with `first`, the kept option (if not among them) and the contacts. */
export function fillContactOptions(select, rows, { first, optionText, keep }) {
  const chosen = select.value;
  const options = [];
  if (first) options.push(h("option", { value: first[0], text: first[1] }));
  if (keep && !rows.some((c) => String(c.id) === String(keep.id))) options.push(h("option", { value: String(keep.id), text: keep.text }));
  for (const c of rows) options.push(h("option", { value: String(c.id), text: optionText(c) }));
  replace(select, options);
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}
