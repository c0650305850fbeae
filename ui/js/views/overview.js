// The start screen: what is overdue, what falls due within 7 and 30 days,
// and the registrations owed to IMDi.
import { markReady } from "../router.js";
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { deadlineTable } from "./deadline-table.js";
import { taskForm } from "./task-form.js";

export async function renderOverview(main) {
  let o;
  let co = { duties: [], teamWarnings: [] };
  let steps;
  try {
    [o, co, steps] = await Promise.all([api.overview(), api.cooperationOverview(), firstSteps()]);
  } catch (error) {
    showError(error);
    return {};
  }
  const starting = steps.some((step) => !step.done);
  const refresh = () => renderOverview(main);
  // The program sends at most this many rows per group.
  const GROUP_LIMIT = 100;
  // The start screen shows the most urgent rows of each group; the rest
  // are one link away, in the deadline list filtered the same way. (A
  // group of 100 rows is neither read nor quick to draw.)
  const SHOWN = 20;
  const section = (id, titleKey, rows, tone, more) => {
    const count = rows.length >= GROUP_LIMIT ? `${GROUP_LIMIT}+` : String(rows.length);
    return h(
      "section",
      { class: `card overview-group ${tone}`, id, "aria-labelledby": `${id}-title` },
      h("h2", { id: `${id}-title` }, t(titleKey), h("span", { class: "count", text: ` (${count})` })),
      rows.length ? deadlineTable(rows.slice(0, SHOWN), { onChange: refresh }) : h("p", { class: "empty", text: t("overview.none") }),
      rows.length > SHOWN ? h("p", {}, h("a", { href: more, class: "show-all", text: t("overview.showAllCount", { count }) })) : null,
    );
  };

  const exportCalendar = async () => {
    try {
      const result = await api.exportCalendar();
      toast(result.path ? t(result.withdrawn ? "overview.exportedWithdrawn" : "overview.exported", { count: result.events, withdrawn: result.withdrawn, path: result.path }) : t("overview.exportCancelled"));
    } catch (error) {
      showError(error);
    }
  };

  const taskArea = h("div", { class: "task-area", hidden: true });
  const newTask = async () => {
    taskArea.hidden = !taskArea.hidden;
    if (!taskArea.hidden) {
      replace(taskArea, await taskForm({ onSaved: refresh }));
      taskArea.querySelector("input")?.focus();
    }
  };

  replace(
    main,
    h(
      "header",
      { class: "page-header" },
      h("div", { class: "title-group" }, h("h1", { text: t("overview.title") }), h("span", { class: "count", id: "overview-today", text: t("overview.today", { date: o.today }) })),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", id: "export-calendar", text: t("overview.export"), onclick: exportCalendar }),
        // While the register is being set up, the next step is the main action.
        h("button", { type: "button", class: starting ? "secondary" : "primary", id: "new-task", text: `+ ${t("timeline.addTask")}`, onclick: newTask }),
      ),
    ),
    taskArea,
    starting ? firstStepsCard(steps) : null,
    h(
      "section",
      { class: "card imdi-summary", id: "imdi-summary" },
      h("h2", { text: t("overview.imdi") }),
      h("p", {}, h("strong", { id: "imdi-open-count", text: t("overview.imdiCount", { count: o.openImdiRegistrations >= 1000 ? "1000+" : o.openImdiRegistrations }) }), " · ",
        h("a", { href: "#/frister?kind=imdi_registration&status=pending", id: "imdi-open-link", text: t("overview.imdiShow") })),
    ),
    accessRequestsCard(o.accessRequests),
    warningsCard(o.warnings),
    cooperationCard(co, o.today, refresh),
    section("overview-overdue", "overview.overdue", o.overdue, "tone-overdue", "#/frister?status=overdue"),
    section("overview-week", "overview.week", o.within7Days, "tone-week", `#/frister?status=open&from=${o.today}&to=${o.weekEnd}`),
    section("overview-month", "overview.month", o.within30Days, "tone-month", `#/frister?status=open&from=${o.monthStart}&to=${o.monthEnd}`),
  );
  markReady();
  return { newTask };
}


// Access requests waiting for their answer (GDPR art. 12 (3): one month),
// the one due first first; shown only while there are any.
function accessRequestsCard(requests) {
  if (!requests.length) return null;
  return h(
    "section",
    { class: "card", id: "overview-access-requests", "aria-labelledby": "access-requests-heading" },
    h("h2", { id: "access-requests-heading", text: t("overview.accessRequests") }),
    h(
      "ul",
      { class: "plain" },
      requests.map((r) =>
        h(
          "li",
          { dataset: { request: String(r.id) } },
          r.overdue ? h("span", { class: "badge dstatus-overdue" }, icon("⚠"), t("dstatus.overdue")) : h("span", { class: "badge dstatus-open" }, icon("◷"), t("dstatus.open")),
          " ",
          h("a", { href: `#/deltakere/${r.participantId}`, text: r.name }),
          " ",
          h("span", { text: t("overview.accessRequestDue", { received: r.receivedOn, due: r.due }) }),
        ),
      ),
    ),
  );
}

// The steps of setting up a new register, in their order, each done or not.
async function firstSteps() {
  const anyone = (archived) => api.listParticipants({ search: "", status: "", law: "", archived, sort: "name", limit: 1 });
  const [letterhead, contacts, current, archived] = await Promise.all([api.getLetterhead(), api.findContacts("", 1), anyone(false), anyone(true)]);
  const active = current.rows.length + archived.rows.length;
  return [
    { id: "letterhead", href: "#/innstillinger", done: Boolean(letterhead.municipality && letterhead.service && letterhead.caseworker) },
    { id: "contacts", href: "#/kontakter", done: contacts.rows.length > 0 },
    { id: "participant", href: "#/deltakere/ny", done: active > 0 },
  ];
}

// «Kom i gang»: the steps as links, the first one not done as the main action.
function firstStepsCard(steps) {
  const next = steps.find((step) => !step.done);
  return h(
    "section",
    { class: "card first-steps", id: "first-steps", "aria-labelledby": "first-steps-title" },
    h("h2", { id: "first-steps-title", text: t("firstSteps.title") }),
    h("p", { class: "hint", text: t("firstSteps.intro") }),
    h(
      "ol",
      { class: "steps" },
      steps.map((step) =>
        h(
          "li",
          { class: step.done ? "done" : "todo", dataset: { step: step.id, done: String(step.done) } },
          h("span", { class: `badge ${step.done ? "status-completed" : ""}` }, icon(step.done ? "✓" : "○"), t(step.done ? "firstSteps.done" : "firstSteps.todo")),
          " ",
          h("a", { href: step.href, class: step === next ? "button-link primary" : null, id: `first-step-${step.id}`, text: t(`firstSteps.${step.id}`) }),
        ),
      ),
    ),
  );
}

// Days ahead an organisation duty appears before its deadline.
const DUTY_HORIZON_DAYS = 60;

function parseDate(text) {
  const [d, m, y] = text.split(".").map(Number);
  return new Date(y, m - 1, d);
}

// Participants whose plan the rules warn about, each with the rule's source.
function warningsCard(warnings) {
  if (!warnings?.length) return null;
  return h(
    "section",
    { class: "card rule-warnings", id: "overview-warnings", "aria-labelledby": "overview-warnings-title" },
    // The program sends at most 100 warnings.
    h("h2", { id: "overview-warnings-title" }, h("span", { "aria-hidden": "true", text: "⚠ " }), t("warnings.overviewTitle"), h("span", { class: "count", text: ` (${warnings.length >= 100 ? "100+" : warnings.length})` })),
    h(
      "ul",
      { class: "warning-list" },
      warnings.map((w) =>
        h(
          "li",
          { class: `warning warning-${w.warning.code}`, "data-code": w.warning.code },
          h("a", { href: `#/deltakere/${w.participantId}`, text: w.name }),
          ": ",
          h("strong", { text: t(`warning.${w.warning.code}`) }),
          h("p", { text: w.warning.message }),
          h("p", { class: "hint" }, `${w.warning.reference} · ${t("warning.source")}: `, h("span", { class: "source-url", text: w.warning.sourceUrl })),
        ),
      ),
    ),
  );
}

// The organisation's duties when due, and teams that need attention.
function cooperationCard(co, todayText, refresh) {
  const today = parseDate(todayText);
  const due = co.duties.filter(
    (d) => d.status === "overdue" || (d.status === "open" && (parseDate(d.due) - today) / 86400000 <= DUTY_HORIZON_DAYS),
  );
  if (!due.length && !co.teamWarnings.length) return null;
  return h(
    "section",
    { class: "card cooperation", id: "cooperation", "aria-labelledby": "cooperation-title" },
    h("h2", { id: "cooperation-title", text: t("cooperation.title") }),
    due.length
      ? h(
          "ul",
          { class: "duty-list", id: "cooperation-duties" },
          due.map((d) =>
            h(
              "li",
              { dataset: { duty: d.kind } },
              h("span", { class: `badge ${d.status === "overdue" ? "status-overdue" : ""}` }, icon(d.status === "overdue" ? "!" : "◷"), t(`cooperation.status.${d.status}`)),
              h("strong", { text: t(`cooperation.duty.${d.kind}`, { year: d.dataYear ?? "" }) }),
              h("span", { text: t("cooperation.dueBy", { date: d.due }) }),
              d.kind === "nir_annual_update" && today.getFullYear() <= d.dataYear
                ? h("span", { class: "hint", text: t("cooperation.nirFrom", { year: d.dataYear + 1 }) })
                : d.kind === "nir_annual_update"
                ? h("button", {
                    type: "button",
                    class: "small secondary",
                    id: `nir-check-${d.dataYear}`,
                    text: t("cooperation.nirRecord", { year: d.dataYear }),
                    onclick: () =>
                      api.setNirCheck(d.dataYear, todayText).then(() => {
                        toast(t("cooperation.nirRecorded", { year: d.dataYear }));
                        refresh();
                      }, showError),
                  })
                : h("a", { href: `#/moter/ny?type=${d.kind.startsWith("leader") ? "leader" : "cooperation"}`, text: t("cooperation.record") }),
            ),
          ),
        )
      : null,
    co.teamWarnings.length
      ? [
          h("h3", { text: t("cooperation.teams") }),
          h(
            "ul",
            { class: "warnings", id: "team-warning-groups" },
            co.teamWarnings.map((g) =>
              h(
                "li",
                { dataset: { warning: g.warning } },
                icon("⚠"),
                " ",
                h("strong", { text: `${t(`teamWarning.${g.warning}`)} (${g.count}): ` }),
                g.participants.map((p, i) => [i ? ", " : "", h("a", { href: `#/deltakere/${p.id}`, text: p.name })]),
                g.count > g.participants.length ? ` ${t("cooperation.andMore", { count: g.count - g.participants.length })}` : "",
              ),
            ),
          ),
        ]
      : null,
  );
}
