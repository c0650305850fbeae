// Looks up texts in the window's language. The catalogues are the program's
// own (i18n/<language>/*.toml, built into it): the window receives its
// language's whole catalogue at start and after a change of language, so a
// text is written once for the window and the documents alike.
import { api } from "./api.js";

/** The languages the window can speak, as their BCP 47 tags. */
export const LANGUAGES = ["nb", "nn", "en"];

let catalogue = {};
let language = "nb";

function useCatalogue(tag, texts) {
  catalogue = texts;
  language = tag;
  document.documentElement.lang = tag;
}

/** Loads the catalogue of `tag` (at start, before anything is drawn). */
export async function loadLanguage(tag) {
  const chosen = LANGUAGES.includes(tag) ? tag : "nb";
  useCatalogue(chosen, await api.languageCatalogue(chosen));
}

/**
 * Makes `tag` the window's language, remembered for the next start, and
 * tells the window to draw itself again (the event
 * `introspor-language-changed`).
 */
export async function setLanguage(tag) {
  useCatalogue(tag, await api.setWindowLanguage(tag));
  window.dispatchEvent(new Event("introspor-language-changed"));
}

/** The window's language now (`nb`, `nn` or `en`). */
export function currentLanguage() {
  return language;
}

/**
 * Groups a whole number's digits as the language does (as the program's
 * own messages do): a no-break space in Norwegian from five digits on
 * (20 000), a comma in English (20,000).
 */
export function formatNumber(n) {
  const digits = String(Math.abs(Math.trunc(n)));
  const separator = language === "en" ? "," : digits.length <= 4 ? "" : "\u00a0";
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return n < 0 ? `-${grouped}` : grouped;
}

/** The text for `key`, with {placeholders} filled from `params` (numbers grouped). */
export function t(key, params = {}) {
  const text = catalogue[key];
  if (text === undefined) {
    console.warn(`missing text: ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name];
    if (typeof value === "number" && Number.isInteger(value)) return formatNumber(value);
    return String(value ?? "");
  });
}

/** Whether the catalogue has a text for `key`. */
export function has(key) {
  return catalogue[key] !== undefined;
}

/**
 * What a message from the program says in the window's language now: its
 * catalogue key and arguments (`{key, args}`) when it has them, otherwise
 * the text it came with.
 */
export function messageText(text, fallback = "") {
  if (text && typeof text.key === "string" && has(text.key)) return t(text.key, text.args ?? {});
  return fallback;
}

/** Fills every element with data-i18n (text) or data-i18n-label (aria-label). */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
}
