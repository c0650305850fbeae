// Looks up texts in the catalogue. Only Bokmål exists yet; the catalogue is
// chosen here so that adding English or Nynorsk touches one line.
import nb from "../i18n/nb.js";

const catalogue = nb;

/** The text for `key`, with {placeholders} filled from `params`. */
export function t(key, params = {}) {
  const text = catalogue[key];
  if (text === undefined) {
    console.warn(`missing text: ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

/** Whether the catalogue has a text for `key`. */
export function has(key) {
  return catalogue[key] !== undefined;
}

/** Fills every element with data-i18n (text) or data-i18n-label (aria-label). */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
}
