// «Personvern»: how long personal data are kept (the municipality's own
// period, each kind of record with what becomes of it), and the
// participants whose period has run out. Anonymising is for good, so it
// asks first, naming everyone it will anonymise; a participant is offered
// only once every set of minutes about them has an archive reference.
import { markReady } from "../router.js";
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { confirmDestructive, exportPdfAskingFirst } from "../dialog.js";
import { toast } from "../toast.js";
import { showError } from "./error.js";
import { smallForm } from "./small-form.js";

// Each state in words and with an icon, never by colour alone.
const STATE_ICONS = {
  due: "●",
  archive_reference_missing: "⚠",
  retention_not_run_out: "◷",
  programme_not_ended: "–",
  retention_not_set: "?",
};

function stateText(c) {
  return t(`privacy.state.${c.state}`, {
    due: c.due,
    unfiled: c.unfiledMinutes,
    open: c.openMeetings,
  });
}

function retentionCard(retention, refresh) {
  const years = retention.years;
  return h(
    "section",
    { class: "card", "aria-labelledby": "retention-heading", id: "retention" },
    h("h2", { id: "retention-heading", text: t("privacy.retention") }),
    h(
      "p",
      { class: years ? "" : "notice", id: "retention-current" },
      years ? t("privacy.retentionSet", { years, date: retention.decidedOn }) : [icon("?"), " ", t("privacy.retentionNotSet")],
    ),
    h("p", { class: "hint", text: t("privacy.retentionChoice") }),
    smallForm({
      id: "retention-form",
      submitLabel: t("privacy.saveRetention"),
      fields: [{ name: "years", label: t("privacy.years"), value: years ? String(years) : "" }],
      onSubmit: async (values) => {
        await api.saveRetention(values.years);
        toast(t("privacy.retentionSaved"));
        await refresh();
      },
    }),
    h(
      "table",
      { class: "data explained", id: "retention-kinds" },
      h("caption", { class: "visually-hidden", text: t("privacy.kinds") }),
      h("thead", {}, h("tr", {}, ["privacy.col.kind", "privacy.col.fate", "privacy.col.why"].map((k) => h("th", { scope: "col", text: t(k) })))),
      h(
        "tbody",
        {},
        retention.kinds.map((k) =>
          h(
            "tr",
            { dataset: { kind: k.kind } },
            h("th", { scope: "row", text: t(`privacy.kind.${k.kind}`) }),
            h("td", {
              text: t(`privacy.fate.${k.fate}`, {
                newest: retention.backupsNewest,
                daily: retention.backupsDaily,
                weekly: retention.backupsWeekly,
              }),
            }),
            h("td", { class: "hint", text: t(`privacy.why.${k.kind}`) }),
          ),
        ),
      ),
    ),
  );
}

function candidatesCard(candidates, refresh) {
  const due = candidates.filter((c) => c.state === "due");
  const checks = new Map();
  const button = h("button", { type: "button", class: "danger", id: "anonymise", disabled: due.length === 0 });
  const label = () => {
    const chosen = due.filter((c) => checks.get(c.participantId)?.checked);
    button.textContent = t("privacy.anonymiseButton", { count: chosen.length });
    button.disabled = chosen.length === 0;
    return chosen;
  };
  button.addEventListener("click", async () => {
    const chosen = label();
    if (chosen.length === 0) return;
    const names = chosen.map((c) => `• ${c.name} (${c.caseReference})`).join("\n");
    const confirmed = await confirmDestructive({
      id: "confirm-anonymise",
      title: t("privacy.confirmTitle", { count: chosen.length }),
      message: `${t("privacy.confirmMessage")}\n\n${names}`,
      confirmLabel: t("privacy.confirmButton", { count: chosen.length }),
    });
    if (!confirmed) return;
    try {
      const done = await api.anonymise(chosen.map((c) => c.participantId));
      toast(t("privacy.anonymised", { count: done.length }));
      await refresh();
    } catch (error) {
      showError(error);
    }
  });
  const rows = candidates.map((c) => {
    const check =
      c.state === "due"
        ? h("input", { type: "checkbox", id: `anonymise-${c.participantId}`, checked: true, onchange: label, "aria-label": t("privacy.choose", { name: c.name }) })
        : null;
    if (check) checks.set(c.participantId, check);
    return h(
      "tr",
      { dataset: { participant: String(c.participantId), state: c.state } },
      h("td", {}, check),
      h("td", {}, h("a", { href: `#/deltakere/${c.participantId}`, text: c.name })),
      h("td", { text: c.caseReference }),
      h("td", { text: c.ended || "–" }),
      h("td", {}, h("span", { class: `badge retention-${c.state}` }, icon(STATE_ICONS[c.state] ?? "•"), stateText(c))),
    );
  });
  label();
  return h(
    "section",
    { class: "card", "aria-labelledby": "candidates-heading", id: "retention-candidates" },
    h("h2", { id: "candidates-heading", text: t("privacy.candidates") }),
    h("p", { class: "hint", text: t("privacy.candidatesHelp") }),
    candidates.length === 0
      ? h("p", { class: "empty", text: t("privacy.noCandidates") })
      : h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { class: "data", id: "candidates-table" },
            h("caption", { class: "visually-hidden", text: t("privacy.candidates") }),
            h("thead", {}, h("tr", {}, ["privacy.col.choose", "privacy.col.name", "privacy.col.reference", "privacy.col.ended", "privacy.col.state"].map((k) => h("th", { scope: "col", text: t(k) })))),
            h("tbody", {}, rows),
          ),
        ),
    h("p", { class: "actions" }, button),
    h("p", { class: "hint", text: t("privacy.backupsNote") }),
  );
}

// The record of processing (GDPR art. 30), printable as PDF/A for the
// municipality's records and its DPIA; docs/privacy.md is the long form.
function processingCard() {
  const save = async () => {
    try {
      const exported = await exportPdfAskingFirst((accept) => api.exportProcessingRecord(accept));
      toast(exported.path ? t("privacy.processingSaved", { path: exported.path }) : t("export.cancelled"));
    } catch (error) {
      showError(error);
    }
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "processing-heading", id: "processing-record" },
    h("h2", { id: "processing-heading", text: t("privacy.processing") }),
    h("p", { class: "hint", text: t("privacy.processingHelp") }),
    h("p", { class: "actions" }, h("button", { type: "button", class: "secondary", id: "export-processing-record", text: t("privacy.processingSave"), onclick: save })),
  );
}

export async function renderPrivacy(main) {
  const draw = async () => {
    let retention, candidates;
    try {
      [retention, candidates] = await Promise.all([api.getRetention(), api.retentionCandidates()]);
    } catch (error) {
      showError(error);
      return;
    }
    const focused = document.activeElement?.id;
    replace(
      main,
      h("header", { class: "page-header" }, h("h1", { text: t("privacy.title") })),
      h("p", { class: "intro", text: t("privacy.intro") }),
      retentionCard(retention, draw),
      candidatesCard(candidates, draw),
      processingCard(),
    );
    if (focused) document.getElementById(focused)?.focus();
  };
  await draw();
  markReady();
  return {};
}
