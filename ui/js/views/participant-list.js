// The participant list: search, filters, order, and a table that scans well.
import { api } from "../api.js";
import { fillRows, h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { STATUSES, LAWS, statusBadge, lawBadge, goalText } from "../format.js";
import { markReady, navigate } from "../router.js";
import { showError } from "./error.js";
import { exportButtons } from "../export-buttons.js";

// Kept between visits so that going back to the list finds it as it was left.
// Long registers are shown a page at a time; «Vis flere» extends the page.
const PAGE = 200;
const query = { search: "", status: "", law: "", archived: false, sort: "name", limit: PAGE };
let searchTimer;

export async function renderParticipantList(main) {
  const tbody = h("tbody");
  const count = h("span", { class: "count", id: "participant-count", "aria-live": "polite" });
  const title = h("h1", { text: t(query.archived ? "list.titleArchived" : "list.title") });
  const empty = h("p", { class: "empty", id: "participant-empty", hidden: true });

  const more = h("button", {
    type: "button",
    class: "secondary",
    id: "show-more",
    hidden: true,
    onclick: () => {
      query.limit += PAGE;
      reload();
    },
  });
  const reload = async () => {
    let page;
    try {
      page = await api.listParticipants(query);
    } catch (error) {
      showError(error);
      return;
    }
    const rows = page.rows;
    title.textContent = t(query.archived ? "list.titleArchived" : "list.title");
    count.textContent = page.more
      ? t("list.count.page", { shown: rows.length })
      : rows.length === 1
        ? t("list.count.one")
        : t("list.count.many", { count: rows.length });
    more.hidden = !page.more;
    more.textContent = t("list.showMore", { count: PAGE });
    fillRows(tbody, rows, row);
    empty.hidden = rows.length > 0;
    empty.textContent = query.search || query.status || query.law || query.archived ? t("list.noMatch") : t("list.empty");
    markReady();
  };

  const search = h("input", {
    type: "search",
    id: "participant-search",
    value: query.search,
    placeholder: t("list.searchPlaceholder"),
    autocomplete: "off",
    spellcheck: "false",
    oninput: (event) => {
      query.search = event.target.value;
      query.limit = PAGE;
      clearTimeout(searchTimer);
      searchTimer = setTimeout(reload, 120);
    },
  });

  const select = (id, label, key, options) =>
    h(
      "label",
      { class: "filter" },
      h("span", { text: label }),
      h(
        "select",
        {
          id,
          onchange: (event) => {
            query[key] = key === "archived" ? event.target.value === "archived" : event.target.value;
            query.limit = PAGE;
            reload();
          },
        },
        options.map(([value, text]) =>
          h("option", { value, text, selected: String(key === "archived" ? (query.archived ? "archived" : "register") : query[key]) === value }),
        ),
      ),
    );

  replace(
    main,
    h(
      "header",
      { class: "page-header" },
      h("div", { class: "title-group" }, title, count),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", id: "import-participants", text: t("list.import"), onclick: () => navigate("#/deltakere/import") }),
      h(
        "button",
        { type: "button", class: "primary", id: "new-participant", title: "Ctrl+N", onclick: () => navigate("#/deltakere/ny") },
        h("span", { "aria-hidden": "true", text: "+ " }),
        t("list.new"),
      ),
      ),
    ),
    h(
      "div",
      { class: "toolbar", role: "search" },
      h("label", { class: "filter search" }, h("span", { text: t("list.search") }), search),
      select("filter-status", t("list.status"), "status", [["", t("list.all")], ...STATUSES.map((s) => [s, t(`status.${s}`)])]),
      select("filter-law", t("list.law"), "law", [["", t("list.all")], ...LAWS.map((l) => [l, t(`law.${l}`)])]),
      select("sort", t("list.sort"), "sort", [["name", t("list.sortName")], ["settlement", t("list.sortSettlement")]]),
      select("filter-archived", t("list.show"), "archived", [["register", t("list.showRegister")], ["archived", t("list.showArchived")]]),
      exportButtons("export-participants", (format) => api.exportParticipants({ ...query, limit: null }, format)),
    ),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data", id: "participant-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["name", "number", "status", "law", "settled", "goal"].map((c) => h("th", { scope: "col", text: t(`list.col.${c}`) })),
          ),
        ),
        tbody,
      ),
      empty,
    ),
    h("div", { class: "list-footer" }, more),
  );

  tbody.addEventListener("keydown", moveBetweenRows);
  await reload();
  return { focusSearch: () => search.focus() };
}

function row(p) {
  const href = `#/deltakere/${p.id}`;
  return h(
    "tr",
    { dataset: { id: String(p.id) }, onclick: (event) => { if (event.target.tagName !== "A") navigate(href); } },
    h(
      "td",
      { class: "name" },
      h("a", { href, class: "row-link", text: `${p.familyName}, ${p.givenName}` }),
      p.archived ? h("span", { class: "badge archived", text: t("list.archivedMark") }) : null,
    ),
    h("td", { class: "mono", text: p.maskedIdentityNumber || "—" }),
    h("td", {}, statusBadge(p.status)),
    h("td", {}, lawBadge(p.law, p.lawOverridden)),
    h("td", { class: "date", text: p.settlementDate || "—" }),
    h("td", { text: p.finalGoal ? goalText(p.finalGoal) : "—" }),
  );
}

/** Arrow keys move between the rows' links, like a list in a native program. */
function moveBetweenRows(event) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...event.currentTarget.querySelectorAll("a.row-link")];
  const index = links.indexOf(document.activeElement);
  if (index < 0) return;
  const next = links[index + (event.key === "ArrowDown" ? 1 : -1)];
  if (next) {
    next.focus();
    event.preventDefault();
  }
}
