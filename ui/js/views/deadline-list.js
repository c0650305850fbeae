// All deadlines, filterable by kind, status, participant and period.
import { api } from "../api.js";
import { h, replace, rowsFilled } from "../dom.js";
import { t } from "../i18n.js";
import { DEADLINE_KINDS, DEADLINE_STATUSES } from "../format.js";
import { showError } from "./error.js";
import { deadlineTable } from "./deadline-table.js";
import { markReady } from "../router.js";
import { exportButtons } from "../export-buttons.js";

// The status filter's choices: the list opens on what still needs doing
// (open and overdue, soonest first); «Alle» shows done ones too.
const PENDING = "pending";
const ALL = "all";

// The program sends at most this many rows; the filters narrow the list.
// One page from the program; «Vis flere» asks for the next one.
const PAGE = 100;

export async function renderDeadlineList(main, queryString = "") {
  const params = new URLSearchParams(queryString || "");
  const filter = {
    kind: params.get("kind") ?? "",
    status: params.get("status") ?? PENDING,
    participantId: params.get("participant") ? Number(params.get("participant")) : null,
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  let participants = [];
  try {
    participants = (await api.listParticipants({ search: "", status: "", law: "", archived: false, sort: "name", limit: null })).rows;
  } catch (error) {
    showError(error);
  }

  const results = h("div", { class: "table-wrap", id: "deadline-results" });
  const count = h("span", { class: "count", id: "deadline-count", "aria-live": "polite" });
  const periodError = h("p", { class: "field-error", hidden: true, role: "alert" });

  // The rows shown so far; a new filter starts over at the first page.
  let shown = [];
  const cursorOf = (row) => ({
    due: row.due,
    kind: row.kind,
    participantId: row.participantId ?? 0,
    task: row.taskId != null,
    id: row.deadlineId ?? row.taskId ?? 0,
  });
  const draw = (more) => {
    count.textContent = more ? t("deadlines.countMore", { count: shown.length }) : t("deadlines.count", { count: shown.length });
    replace(
      results,
      shown.length ? deadlineTable(shown, { onChange: reload, id: "deadline-table" }) : h("p", { class: "empty", text: t("deadlines.none") }),
      more ? h("p", {}, h("button", { type: "button", class: "secondary", id: "deadline-more", text: t("deadlines.more"), onclick: () => load(true) })) : null,
    );
  };
  const load = async (next) => {
    periodError.hidden = true;
    let rows;
    try {
      const status = filter.status === PENDING || filter.status === ALL ? "" : filter.status;
      rows = await api.listDeadlines({ ...filter, status, openOnly: filter.status === PENDING, after: next && shown.length ? cursorOf(shown[shown.length - 1]) : null });
    } catch (error) {
      if (error.field === "from" || error.field === "to") {
        periodError.textContent = error.message;
        periodError.hidden = false;
        return;
      }
      showError(error);
      return;
    }
    const firstNew = shown.length;
    shown = next ? shown.concat(rows) : rows;
    draw(rows.length >= PAGE);
    markReady();
    if (next) {
      // Focus goes to the first row that came in, so the keyboard user
      // continues where the list grew (it may be among the rows drawn
      // after the first paint).
      const body = results.querySelector("#deadline-table tbody");
      await rowsFilled(body);
      if (body.isConnected) body.querySelectorAll("tr")[firstNew]?.querySelector("a, button")?.focus();
    }
  };
  const reload = () => load(false);

  const select = (id, label, key, options, toValue = (v) => v) =>
    h(
      "label",
      { class: "filter" },
      h("span", { text: label }),
      h(
        "select",
        { id, onchange: (e) => { filter[key] = toValue(e.target.value); reload(); } },
        options.map(([value, text]) => h("option", { value, text, selected: String(filter[key] ?? "") === value })),
      ),
    );
  const dateFilter = (id, label, key) =>
    h(
      "label",
      { class: "filter" },
      h("span", {}, label, " ", h("span", { class: "format", text: t("form.dateFormat") })),
      h("input", {
        id,
        type: "text",
        class: "date",
        maxlength: "10",
        value: filter[key],
        onchange: (e) => { filter[key] = e.target.value; reload(); },
      }),
    );

  replace(
    main,
    h("header", { class: "page-header" }, h("div", { class: "title-group" }, h("h1", { text: t("deadlines.title") }), count)),
    h(
      "div",
      { class: "toolbar", role: "search" },
      select("filter-kind", t("deadlines.kind"), "kind", [["", t("deadlines.all")], ...DEADLINE_KINDS.map((k) => [k, t(`kind.${k}`)])]),
      select("filter-dstatus", t("deadlines.status"), "status", [[PENDING, t("deadlines.pending")], [ALL, t("deadlines.all")], ...DEADLINE_STATUSES.map((s) => [s, t(`dstatus.${s}`)])]),
      select(
        "filter-participant",
        t("deadlines.participant"),
        "participantId",
        [["", t("deadlines.all")], ...participants.map((p) => [String(p.id), `${p.familyName}, ${p.givenName}`])],
        (v) => (v ? Number(v) : null),
      ),
      dateFilter("filter-from", t("deadlines.from"), "from"),
      dateFilter("filter-to", t("deadlines.to"), "to"),
      // The file holds every row the filter matches, not only the pages shown.
      exportButtons("export-deadlines", (format) => {
        const status = filter.status === PENDING || filter.status === ALL ? "" : filter.status;
        return api.exportDeadlines({ ...filter, status, openOnly: filter.status === PENDING, after: null }, format);
      }),
    ),
    periodError,
    results,
  );
  await reload();
  return {};
}
