// «Importer deltakere»: a register kept in Excel brought in. The caseworker
// chooses a file; the program reads it, matches its columns by header and
// previews every row as new, already registered or refused, with the field
// and the reason. Columns can be mapped or skipped by hand. Nothing is
// written until «Importer N deltakere» is confirmed; then every new row goes
// in at once, deadlines computed, and the import is recorded in the trail.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { has, t } from "../i18n.js";
import { track } from "../form.js";
import { markReady, navigate } from "../router.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";

// Rows shown per outcome before «Vis alle»: refused rows first, since those
// are the ones to act on; a 10,000-row file is still previewed in full.
const SHOWN = 100;

const OUTCOME_ICONS = { new: "+", duplicate: "=", refused: "✕" };

function outcomeBadge(outcome) {
  return h("span", { class: `badge import-${outcome}` }, icon(OUTCOME_ICONS[outcome] ?? "•"), t(`import.outcome.${outcome}`));
}

export async function renderParticipantImport(main) {
  let preview = null;
  let busy = false;
  const progress = h("div", { class: "import-progress", id: "import-progress", hidden: true, role: "status", "aria-live": "polite" });
  const area = h("div", { id: "import-area" });

  // Leaving with a preview on screen loses the caseworker's column choices
  // and the check of the file; the router asks first.
  track({
    element: area,
    isDirty: () => preview !== null,
    discard: () => {
      preview = null;
      api.importDiscard().catch(() => {});
    },
  });

  // While the program reads a big file, show how far it is and offer to stop.
  const watch = () => {
    let stopped = false;
    const bar = h("progress", { id: "import-progress-bar", max: 1, value: 0 });
    const text = h("span", { id: "import-progress-text", text: t("import.reading") });
    replace(
      progress,
      text,
      bar,
      h("button", { type: "button", class: "secondary", id: "import-cancel", text: t("import.cancel"), onclick: () => api.importCancel().catch(showError) }),
    );
    progress.hidden = false;
    const tick = async () => {
      if (stopped) return;
      try {
        const p = await api.importProgress();
        if (p.total > 0) {
          bar.max = p.total;
          bar.value = p.done;
          text.textContent = t("import.progress", { done: p.done, total: p.total });
        }
      } catch {
        // A missed poll only delays the figure.
      }
      if (!stopped) setTimeout(tick, 200);
    };
    setTimeout(tick, 200);
    return () => {
      stopped = true;
      progress.hidden = true;
    };
  };

  const run = async (job) => {
    if (busy) return;
    busy = true;
    const stop = watch();
    try {
      const result = await job();
      if (result) {
        preview = result;
        draw();
      }
    } catch (error) {
      if (error.code === "import_cancelled") toast(t("import.cancelled"));
      else showError(error);
    } finally {
      stop();
      busy = false;
    }
  };

  const choose = () => run(() => api.importOpen());
  const chooseButton = h("button", { type: "button", class: "primary", id: "import-choose", text: t("import.choose"), onclick: choose });
  const remap = (mapping) => run(() => api.importRemap(mapping));

  const confirm = async () => {
    if (!preview || busy) return;
    busy = true;
    const stop = watch();
    try {
      const result = await api.importConfirm();
      preview = null;
      toast(t("import.done", { imported: result.imported, duplicates: result.duplicates }));
      navigate("#/deltakere");
    } catch (error) {
      showError(error);
    } finally {
      stop();
      busy = false;
    }
  };

  const mappingTable = () => {
    const mapping = preview.columns.map((c) => c.field);
    return h(
      "div",
      { class: "table-scroll", tabindex: "0", role: "region", "aria-label": t("import.columnsCaption") },
      h(
        "table",
        { class: "data import-columns", id: "import-columns" },
        h("caption", { text: t("import.columnsCaption") }),
        h("thead", {}, h("tr", {}, ["import.column", "import.examples", "import.field"].map((k) => h("th", { scope: "col", text: t(k) })))),
        h(
          "tbody",
          {},
          preview.columns.map((column, i) =>
            h(
              "tr",
              { dataset: { column: String(i) } },
              h("th", { scope: "row", text: column.header || t("import.noHeader", { n: i + 1 }) }),
              h("td", { class: "examples", text: column.examples.join(" · ") }),
              h(
                "td",
                {},
                h(
                  "select",
                  {
                    id: `import-field-${i}`,
                    "aria-label": t("import.fieldFor", { header: column.header || t("import.noHeader", { n: i + 1 }) }),
                    onchange: (e) => {
                      mapping[i] = e.target.value;
                      remap(mapping);
                    },
                  },
                  h("option", { value: "", text: t("import.skip"), selected: column.field === "" }),
                  preview.fields.map((f) => h("option", { value: f, text: t(`importField.${f}`), selected: column.field === f })),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const rowTable = (outcome, rows) => {
    const body = h("tbody");
    const show = (all) =>
      replace(
        body,
        (all ? rows : rows.slice(0, SHOWN)).map((r) =>
          h(
            "tr",
            { dataset: { row: String(r.row), outcome: r.outcome } },
            h("td", { class: "num", text: String(r.row) }),
            h("td", { text: r.name }),
            h("td", { text: r.birthDate }),
            h("td", {}, outcomeBadge(r.outcome)),
            h(
              "td",
              {},
              r.problems.length
                ? h("ul", { class: "problems" }, r.problems.map((p) => h("li", { text: `${p.field && has(`field.${p.field}`) ? t(`field.${p.field}`) + ": " : ""}${p.message}` })))
                : null,
              r.duplicateOf ? h("span", { class: "hint", text: t("import.duplicateOf", { name: r.duplicateOf }) }) : null,
              r.notes.map((n) => h("span", { class: "hint note", text: n })),
            ),
          ),
        ),
      );
    show(false);
    const more =
      rows.length > SHOWN
        ? h("button", {
            type: "button",
            class: "link",
            id: `import-show-all-${outcome}`,
            text: t("import.showAll", { count: rows.length }),
            onclick: (e) => {
              show(true);
              e.target.remove();
            },
          })
        : null;
    return h(
      "section",
      { class: "import-group", id: `import-${outcome}` },
      h("h2", {}, outcomeBadge(outcome), ` ${t(`import.group.${outcome}`, { count: rows.length })}`),
      h(
        "div",
        { class: "table-scroll", tabindex: "0", role: "region", "aria-label": t(`import.group.${outcome}`, { count: rows.length }) },
        h(
          "table",
          { class: "data import-rows" },
          h("thead", {}, h("tr", {}, ["import.row", "import.name", "import.birthDate", "import.result", "import.details"].map((k) => h("th", { scope: "col", text: t(k) })))),
          body,
        ),
      ),
      more,
    );
  };

  const draw = () => {
    // With a file read, importing it is the screen's one main action.
    chooseButton.className = "secondary";
    chooseButton.textContent = t("import.chooseAgain");
    const c = preview.counts;
    const byOutcome = (o) => preview.rows.filter((r) => r.outcome === o);
    const facts = [
      [t("import.file"), preview.fileName],
      [t("import.encoding"), preview.encoding],
      [t("import.headerRow"), String(preview.headerRow)],
    ];
    if (preview.separator) facts.push([t("import.separator"), preview.separator]);
    replace(
      area,
      h("dl", { class: "facts", id: "import-file" }, facts.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })])),
      preview.ignored.length
        ? h("div", { class: "notice", id: "import-ignored" }, h("p", { text: t("import.ignoredIntro") }), h("ul", {}, preview.ignored.map((line) => h("li", { text: line }))))
        : null,
      mappingTable(),
      h(
        "p",
        { class: "import-summary", id: "import-summary", role: "status" },
        t("import.summary", { new: c.new, duplicate: c.duplicate, refused: c.refused, skipped: c.skipped }),
      ),
      c.refused ? rowTable("refused", byOutcome("refused")) : null,
      c.duplicate ? rowTable("duplicate", byOutcome("duplicate")) : null,
      c.new ? rowTable("new", byOutcome("new")) : null,
      h(
        "div",
        { class: "form-actions" },
        h("button", {
          type: "button",
          class: "primary",
          id: "import-confirm",
          disabled: c.new === 0,
          text: c.new === 1 ? t("import.confirmOne") : t("import.confirm", { count: c.new }),
          onclick: confirm,
        }),
      ),
    );
    document.getElementById("import-summary")?.focus?.();
  };

  replace(
    main,
    h(
      "header",
      { class: "page-header" },
      h("div", { class: "title-group" }, h("a", { href: "#/deltakere", class: "back", text: t("import.back") }), h("h1", { text: t("import.title") })),
      chooseButton,
    ),
    h("p", { class: "intro", text: t("import.intro") }),
    progress,
    area,
  );
  markReady();
  return {};
}
