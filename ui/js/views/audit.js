// Internal control: check that the audit trail is intact, and export it
// for a period as CSV (for internal control and access requests).
import { markReady } from "../router.js";
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { smallForm } from "./small-form.js";

function resultLine(result) {
  if (result.intact) {
    return [
      h("p", { class: "audit-ok" }, icon("✓"), " ", h("strong", { text: t("audit.intact") }), " ", t("audit.intactCount", { count: result.rows })),
      result.rows ? h("p", { class: "hint" }, `${t("audit.lastHash")}: `, h("span", { class: "mono", id: "audit-last-hash", text: result.lastHash })) : null,
    ];
  }
  return [
    h(
      "p",
      { class: "audit-broken" },
      icon("✕"),
      " ",
      h("strong", { text: t("audit.broken", { id: result.rowId }) }),
      " ",
      result.message,
    ),
    h("p", { class: "hint", text: t("audit.brokenHelp", { count: result.rows }) }),
  ];
}

export async function renderAudit(main) {
  const result = h("div", { id: "audit-result", role: "status", "aria-live": "polite" });
  const verify = async () => {
    replace(result, h("p", { class: "loading", text: t("app.loading") }));
    try {
      replace(result, resultLine(await api.verifyAudit()));
    } catch (error) {
      replace(result);
      showError(error);
    }
  };

  const reportArea = h("div", { id: "interpreter-report", role: "status", "aria-live": "polite" });
  const showReport = (r) =>
    replace(
      reportArea,
      h(
        "dl",
        { class: "facts report-counts" },
        [
          ["report.meetings", r.meetings],
          ["report.withInterpreter", r.withInterpreter],
          ["report.qualified", r.qualified],
          ["report.notQualified", r.notQualified],
          ["report.qualificationUnknown", r.qualificationUnknown],
          ["report.neededWithout", r.neededWithout],
        ].map(([label, value]) => [h("dt", { text: t(label) }), h("dd", { dataset: { count: label }, text: String(value) })]),
      ),
      h("h3", { text: t("report.unqualifiedUses") }),
      r.unqualifiedUses.length
        ? h(
            "table",
            { class: "data compact", id: "unqualified-uses" },
            h("thead", {}, h("tr", {}, ["report.date", "report.meeting", "report.exception", "report.reason"].map((k) => h("th", { scope: "col", text: t(k) })))),
            h(
              "tbody",
              {},
              r.unqualifiedUses.map((u) =>
                h(
                  "tr",
                  {},
                  h("td", { class: "date" }, h("a", { href: `#/moter/${u.meetingId}`, text: u.date })),
                  h("td", { text: t(`meetingKind.${u.kind}`) }),
                  h("td", { text: u.exception ? t(`unqualifiedException.${u.exception}`) : "—" }),
                  h("td", {}, u.reasonMissing ? h("span", { class: "badge dstatus-overdue" }, icon("⚠"), t("report.reasonMissing")) : u.reason || "—"),
                ),
              ),
            ),
          )
        : h("p", { class: "empty", text: t("report.none") }),
    );

  replace(
    main,
    h("header", { class: "page-header" }, h("h1", { text: t("audit.title") })),
    h("p", { class: "hint lead", text: t("audit.intro") }),
    h(
      "section",
      { class: "card", "aria-labelledby": "audit-verify-heading" },
      h("h2", { id: "audit-verify-heading", text: t("audit.verifyTitle") }),
      h("p", { class: "hint", text: t("audit.verifyHelp") }),
      h("button", { type: "button", class: "primary", id: "audit-verify", text: t("audit.verify"), onclick: verify }),
      result,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "audit-export-heading" },
      h("h2", { id: "audit-export-heading", text: t("audit.exportTitle") }),
      h("p", { class: "hint", text: t("audit.exportHelp") }),
      smallForm({
        id: "audit-export-form",
        submitLabel: t("audit.export"),
        fields: [
          { name: "from", label: t("audit.from"), type: "date", value: "" },
          { name: "to", label: t("audit.to"), type: "date", value: "" },
        ],
        onSubmit: async (values) => {
          const exported = await api.exportAudit(values.from, values.to, null);
          if (exported.path) toast(t("audit.exported", { count: exported.entries }));
        },
      }),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "interpreter-report-heading" },
      h("h2", { id: "interpreter-report-heading", text: t("report.interpreters") }),
      h("p", { class: "hint", text: t("report.interpretersIntro") }),
      smallForm({
        id: "interpreter-report-form",
        submitLabel: t("report.show"),
        fields: [
          { name: "from", label: t("report.from"), type: "date", value: `01.01.${new Date().getFullYear()}` },
          { name: "to", label: t("report.to"), type: "date", value: `31.12.${new Date().getFullYear()}` },
        ],
        onSubmit: async (values) => showReport(await api.interpreterReport(values.from, values.to)),
      }),
      reportArea,
    ),
  );
  markReady();
  return {};
}
