// «Rapporter»: the figures the service's leader asks for, and what internal
// control and the county governor's supervision need to see: the caseload
// at a date, the legal deadlines met on time, late or still overdue in a
// period (with the list behind every number), the IMDi registrations still
// owed, and one participant's duties ready for supervision. Every report
// exports as Excel and CSV; the supervision report also as PDF/A.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { markReady } from "../router.js";
import { toast } from "../toast.js";
import { todayText } from "../format.js";
import { barChart } from "../chart.js";
import { exportButtons } from "../export-buttons.js";
import { exportPdfAskingFirst } from "../dialog.js";
import { renderMinutesPreview } from "./minutes-preview.js";
import { showError } from "./error.js";
import { smallForm } from "./small-form.js";

const TABS = [
  ["deltakere", "reports.tab.caseload"],
  ["frister", "reports.tab.compliance"],
  ["imdi", "reports.tab.debt"],
  ["tilsyn", "reports.tab.supervision"],
];

const OUTCOME_ICONS = { on_time: "✓", late: "⚠", overdue: "✕", not_yet_due: "◷", not_applicable: "–" };

function outcomeBadge(outcome) {
  return h("span", { class: `badge outcome-${outcome}` }, icon(OUTCOME_ICONS[outcome] ?? "•"), t(`reports.outcome.${outcome}`));
}

const percent = (rate) => (rate == null ? "–" : `${Math.round(rate * 100)} %`);

function table(id, columns, rows, caption) {
  // A table wider than its card scrolls inside its frame; the frame takes
  // the focus so that it can be scrolled by keyboard, and is named.
  return h(
    "div",
    { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption || columns[0] },
    h(
      "table",
      { class: "data", id },
      caption ? h("caption", { text: caption }) : null,
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", text: c })))),
      h("tbody", {}, rows),
    ),
  );
}

function participantLink(id, name) {
  return h("a", { href: `#/deltakere/${id}`, text: name });
}

// The caseload at a date: counts by status, law, final goal and education.
function caseload(area) {
  const result = h("div", { id: "caseload-result", role: "status", "aria-live": "polite" });
  let params = { date: todayText() };
  const groups = [
    ["byStatus", "reports.caseload.status", "status"],
    ["byLaw", "reports.caseload.law", "law"],
    ["byGoal", "reports.caseload.goal", "goal"],
    ["byEducation", "reports.caseload.education", "education"],
  ];
  const show = (r) =>
    replace(
      result,
      h("p", { class: "report-total", id: "caseload-total", text: t("reports.caseload.total", { count: r.total, date: r.date }) }),
      h(
        "div",
        { class: "report-grid" },
        groups.map(([key, title, prefix]) =>
          h(
            "section",
            { class: "card", "aria-label": t(title) },
            h("h3", { text: t(title) }),
            table(
              `caseload-${prefix}`,
              [t(title), t("reports.count")],
              r[key].map((row) => h("tr", { dataset: { value: row.value } }, h("td", { text: t(`${prefix}.${row.value}`) }), h("td", { class: "num", text: String(row.count) }))),
            ),
          ),
        ),
      ),
    );
  const load = async () => show(await api.reportCaseload(params.date));
  replace(
    area,
    h("p", { class: "hint", text: t("reports.caseload.intro") }),
    h(
      "div",
      { class: "report-controls" },
      smallForm({
        id: "caseload-form",
        submitLabel: t("reports.show"),
        fields: [{ name: "date", label: t("reports.date"), type: "date", value: params.date }],
        onSubmit: async (values) => {
          params = values;
          await load();
        },
      }),
      exportButtons("export-caseload", (format) => api.exportReport("caseload", { date: params.date }, format)),
    ),
    result,
  );
  return load();
}

// Legal deadlines due in a period: on time, late, overdue; the list behind
// every number; and the charts.
function compliance(area) {
  const year = new Date().getFullYear();
  let params = { from: `01.01.${year}`, to: todayText() };
  const result = h("div", { id: "compliance-result", role: "status", "aria-live": "polite" });
  const show = (r) => {
    const kinds = r.kinds.map((k) =>
      h(
        "tr",
        { dataset: { kind: k.kind } },
        h("th", { scope: "row", text: t(`kind.${k.kind}`) }),
        h("td", { class: "num", text: String(k.onTime) }),
        h("td", { class: "num", text: String(k.late) }),
        h("td", { class: "num", text: String(k.overdue) }),
        h("td", { class: "num", text: String(k.notDue) }),
        h("td", { class: "num", text: percent(k.rate) }),
      ),
    );
    const behind = r.rows.map((row) =>
      h(
        "tr",
        { dataset: { outcome: row.outcome } },
        h("td", { text: t(`kind.${row.kind}`) }),
        h("td", {}, participantLink(row.participantId, row.name)),
        h("td", { class: "date", text: row.due }),
        h("td", { class: "date", text: row.doneOn || "–" }),
        h("td", {}, outcomeBadge(row.outcome)),
        h("td", { class: "num", text: row.daysLate ? String(row.daysLate) : "" }),
      ),
    );
    const rated = r.kinds.filter((k) => k.rate != null);
    replace(
      result,
      h("p", { class: "report-total", id: "compliance-total", text: t("reports.compliance.total", { onTime: r.totals.onTime, late: r.totals.late, overdue: r.totals.overdue, from: r.from, to: r.to }) }),
      table(
        "compliance-kinds",
        [t("reports.kind"), t("reports.outcome.on_time"), t("reports.outcome.late"), t("reports.outcome.overdue"), t("reports.outcome.not_yet_due"), t("reports.rate")],
        kinds,
        t("reports.compliance.caption"),
      ),
      h(
        "div",
        { class: "report-grid charts" },
        barChart({
          id: "chart-weeks",
          title: t("reports.chart.weeks"),
          summary: t("reports.chart.weeksSummary", { total: r.weeks.reduce((n, w) => n + w.count, 0) }),
          bars: r.weeks.map((w) => ({ label: `${t("reports.week")} ${w.week}`, value: w.count, text: String(w.count) })),
          columns: [t("reports.week"), t("reports.monday"), t("reports.count")],
          rows: r.weeks.map((w) => [w.week, w.monday, w.count]),
        }),
        barChart({
          id: "chart-rates",
          title: t("reports.chart.rates"),
          summary: t("reports.chart.ratesSummary"),
          max: 1,
          bars: rated.map((k) => ({ label: t(`kindShort.${k.kind}`), value: k.rate, text: percent(k.rate) })),
          columns: [t("reports.kind"), t("reports.rate")],
          rows: rated.map((k) => [t(`kind.${k.kind}`), percent(k.rate)]),
        }),
      ),
      h("h3", { text: t("reports.compliance.behind", { count: r.rows.length }) }),
      r.rows.length
        ? table("compliance-rows", [t("reports.kind"), t("reports.participant"), t("reports.due"), t("reports.doneOn"), t("reports.outcome"), t("reports.daysLate")], behind)
        : h("p", { class: "empty", text: t("reports.none") }),
    );
  };
  const load = async () => show(await api.reportCompliance(params.from, params.to));
  replace(
    area,
    h("p", { class: "hint", text: t("reports.compliance.intro") }),
    h(
      "div",
      { class: "report-controls" },
      smallForm({
        id: "compliance-form",
        submitLabel: t("reports.show"),
        fields: [
          { name: "from", label: t("reports.from"), type: "date", value: params.from },
          { name: "to", label: t("reports.to"), type: "date", value: params.to },
        ],
        onSubmit: async (values) => {
          params = values;
          await load();
        },
      }),
      exportButtons("export-compliance", (format) => api.exportReport("compliance", params, format)),
    ),
    result,
  );
  return load();
}

// Open IMDi registrations per participant, oldest first.
function debt(area) {
  const result = h("div", { id: "debt-result" });
  const load = async () => {
    const r = await api.reportRegistrationDebt();
    replace(
      result,
      h("p", { class: "report-total", id: "debt-total", text: t("reports.debt.total", { participants: r.rows.length, open: r.rows.reduce((n, x) => n + x.open, 0) }) }),
      r.rows.length
        ? table(
            "debt-rows",
            [t("reports.participant"), t("reports.debt.open"), t("reports.debt.oldest"), t("reports.debt.daysOverdue")],
            r.rows.map((row) =>
              h(
                "tr",
                {},
                h("td", {}, participantLink(row.participantId, row.name)),
                h("td", { class: "num", text: String(row.open) }),
                h("td", { class: "date", text: row.oldestDue }),
                h("td", { class: "num" }, row.daysOverdue > 0 ? h("span", { class: "badge dstatus-overdue" }, icon("✕"), t("reports.debt.days", { n: row.daysOverdue })) : t("reports.debt.notYet")),
              ),
            ),
          )
        : h("p", { class: "empty", text: t("reports.debt.none") }),
    );
  };
  replace(
    area,
    h("p", { class: "hint", text: t("reports.debt.intro") }),
    h("div", { class: "report-controls" }, exportButtons("export-debt", (format) => api.exportReport("registration_debt", {}, format))),
    result,
  );
  return load();
}

// One participant's duties, for the county governor's supervision.
async function supervision(area, participantId) {
  const preview = h("div", { class: "minutes-preview", id: "supervision-preview" });
  let chosen = participantId;
  const participants = (await api.listParticipants({ search: "", status: "", law: "", archived: false, sort: "name", limit: null })).rows;
  const load = async () => {
    if (!chosen) {
      replace(preview, h("p", { class: "empty", text: t("reports.supervision.choose") }));
      return;
    }
    renderMinutesPreview(preview, await api.reportSupervision(chosen), t("reports.supervision.previewCaption"));
  };
  const pdf = h("button", {
    type: "button",
    class: "primary",
    id: "export-supervision-pdf",
    text: t("reports.supervision.pdf"),
    onclick: async () => {
      if (!chosen) return;
      try {
        const exported = await exportPdfAskingFirst((accept) => api.exportSupervisionPdf(chosen, accept));
        toast(exported.path ? t("reports.supervision.saved", { path: exported.path }) : t("export.cancelled"));
      } catch (error) {
        showError(error);
      }
    },
  });
  replace(
    area,
    h("p", { class: "hint", text: t("reports.supervision.intro") }),
    h(
      "div",
      { class: "report-controls" },
      h(
        "div",
        { class: "field" },
        h("label", { for: "supervision-participant", text: t("reports.participant") }),
        h(
          "select",
          {
            id: "supervision-participant",
            onchange: async (e) => {
              chosen = e.target.value ? Number(e.target.value) : null;
              try {
                await load();
              } catch (error) {
                showError(error);
              }
            },
          },
          h("option", { value: "", text: t("reports.supervision.pick") }),
          participants.map((p) => h("option", { value: String(p.id), text: `${p.familyName}, ${p.givenName}`, selected: p.id === chosen })),
        ),
      ),
      pdf,
      exportButtons("export-supervision", (format) => api.exportReport("supervision", { participantId: chosen }, format)),
    ),
    preview,
  );
  return load();
}

export async function renderReports(main, tab, query) {
  const current = TABS.some(([name]) => name === tab) ? tab : "deltakere";
  const params = new URLSearchParams(query || "");
  const area = h("div", { id: "report-area" });
  replace(
    main,
    h("header", { class: "page-header" }, h("h1", { text: t("reports.title") })),
    h(
      "nav",
      { class: "subnav", "aria-label": t("reports.title") },
      h(
        "ul",
        {},
        TABS.map(([name, label]) =>
          h("li", {}, h("a", { href: `#/rapporter/${name}`, id: `report-tab-${name}`, "aria-current": name === current ? "page" : null, text: t(label) })),
        ),
      ),
    ),
    area,
  );
  try {
    if (current === "deltakere") await caseload(area);
    else if (current === "frister") await compliance(area);
    else if (current === "imdi") await debt(area);
    else await supervision(area, params.get("participant") ? Number(params.get("participant")) : null);
  } catch (error) {
    showError(error);
  }
  markReady();
  return {};
}
