// «Eksporter»: the two buttons beside a list or a report that save it as a
// spreadsheet (.xlsx) or as CSV for Excel. The shell asks where, writes the
// file and records the export in the audit trail; this only starts it and
// tells the caseworker where the file went.
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { toast } from "./toast.js";
import { showError } from "./views/error.js";

/**
 * `id` prefixes the buttons' ids (`${id}-xlsx`, `${id}-csv`); `run(format)`
 * starts the export and resolves to {path, rows} (an empty path when the
 * caseworker cancelled the dialog).
 */
export function exportButtons(id, run) {
  const start = async (format, button) => {
    button.disabled = true;
    try {
      const result = await run(format);
      toast(result.path ? t("export.saved", { rows: result.rows, path: result.path }) : t("export.cancelled"));
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  };
  const button = (format, label) => {
    const b = h("button", { type: "button", class: "secondary", id: `${id}-${format}`, text: label });
    b.addEventListener("click", () => start(format, b));
    return b;
  };
  return h(
    "div",
    { class: "export-buttons", role: "group", "aria-label": t("export.group") },
    h("span", { class: "export-label", "aria-hidden": "true", text: t("export.label") }),
    button("xlsx", t("export.xlsx")),
    button("csv", t("export.csv")),
  );
}
