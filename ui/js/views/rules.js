// «Regelverk»: the statutory figures the deadlines are computed with, each
// with its legal reference, the source it was checked against and whether
// it could be verified. Read-only: the law is not the caseworker's to edit;
// the caseworker's own intervals are under «Innstillinger».
import { markReady } from "../router.js";
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { showError } from "./error.js";

function valueText(rule) {
  if (rule.unit === "date") return rule.value;
  if (rule.unit === "not_found") return t("rules.unit.not_found");
  return t(`rules.unit.${rule.unit}`, { n: rule.value });
}

function validText(rule) {
  const parts = [];
  if (rule.validFrom) parts.push(t("rules.from", { date: rule.validFrom }));
  if (rule.validTo) parts.push(t("rules.to", { date: rule.validTo }));
  return parts.length ? parts.join(" ") : t("rules.always");
}

export async function renderRules(main) {
  let rules;
  try {
    rules = await api.statutoryRules();
  } catch (error) {
    showError(error);
    return {};
  }
  const unverified = rules.filter((r) => !r.verified).length;
  replace(
    main,
    h("header", { class: "page-header" }, h("div", { class: "title-group" }, h("h1", { text: t("rules.title") }), h("span", { class: "count", text: `(${rules.length})` }))),
    h("p", { class: "intro", text: t("rules.intro") }),
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "data rules", id: "rules-table" },
        h("caption", { class: "visually-hidden", text: t("rules.title") }),
        h(
          "thead",
          {},
          h("tr", {}, ["rules.rule", "rules.law", "rules.value", "rules.reference", "rules.verified"].map((k) => h("th", { scope: "col", text: t(k) }))),
        ),
        h(
          "tbody",
          {},
          rules.map((r) =>
            h(
              "tr",
              { dataset: { key: r.key, verified: String(r.verified) }, class: r.verified ? "" : "unverified" },
              h(
                "td",
                { class: "rule" },
                h("strong", { text: t(`ruleKey.${r.key}`) }),
                h("span", { class: "hint", text: `${t("rules.group")}: ${t(`ruleGroup.${r.group}`)} · ${t("rules.valid")}: ${validText(r)}` }),
              ),
              h("td", { text: r.law ? t(`law.${r.law}`) : t("rules.allLaws") }),
              h("td", { class: "value", text: valueText(r) }),
              h(
                "td",
                { class: "source" },
                h("span", { text: r.reference }),
                h("span", { class: "source-url", text: r.sourceUrl }),
                r.quote ? h("blockquote", { text: `«${r.quote}»` }) : null,
              ),
              h(
                "td",
                { class: "verified" },
                h("span", { class: `badge ${r.verified ? "dstatus-done" : "dstatus-overdue"}` }, icon(r.verified ? "✓" : "?"), r.verified ? t("rules.verified") : t("rules.unverified")),
                r.note ? h("p", { class: "hint", text: r.note }) : null,
              ),
            ),
          ),
        ),
      ),
    ),
    h("p", { class: "hint", id: "rules-unverified-count", text: `${t("rules.unverified")}: ${unverified}` }),
  );
  markReady();
  return {};
}
