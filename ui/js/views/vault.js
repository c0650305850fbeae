// The screens before the register opens: the recovery code on first start,
// unlocking with it when the key is missing, and a damaged register.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";
import { toast } from "../toast.js";
import { countsText } from "../format.js";

/** First start: the recovery code to write down, and two groups typed back. */
export async function renderRecoveryCode(main, done) {
  const recovery = await api.recoveryCode();
  if (!recovery.code) return done();
  const groups = recovery.code.split("-");
  const error = h("p", { class: "field-error", id: "recovery-confirm-error", role: "alert", hidden: true });
  const inputs = recovery.confirmGroups.map((n) =>
    h("input", { type: "text", id: `recovery-group-${n}`, class: "mono group-input", maxlength: "6", autocomplete: "off", spellcheck: "false", "aria-describedby": "recovery-confirm-error" }),
  );
  const confirm = async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      await api.confirmRecoveryCode(inputs.map((i) => i.value));
      done();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      inputs[0].focus();
    }
  };
  replace(
    main,
    h(
      "section",
      { class: "vault card", "aria-labelledby": "recovery-title" },
      h("h1", { id: "recovery-title", text: t("vault.recoveryTitle") }),
      h("p", { text: t("vault.recoveryIntro") }),
      h("p", { class: "recovery-code mono", id: "recovery-code", "aria-label": t("vault.recoveryCodeLabel") }, groups.map((g, i) => [i ? h("span", { class: "dash", text: "-" }) : null, h("span", { class: "group", text: g })])),
      h("ol", { class: "recovery-groups-legend", "aria-hidden": "true" }, groups.map((_, i) => h("li", { text: String(i + 1) }))),
      h("p", { class: "hint", text: t("vault.recoveryKeep") }),
      h("button", { type: "button", class: "secondary", id: "print-recovery-code", text: t("vault.print"), onclick: () => window.print() }),
      h(
        "form",
        { class: "recovery-confirm", id: "recovery-confirm", onsubmit: confirm, novalidate: true },
        h("h2", { text: t("vault.confirmTitle") }),
        h("p", { text: t("vault.confirmIntro", { a: recovery.confirmGroups[0], b: recovery.confirmGroups[1] }) }),
        recovery.confirmGroups.map((n, i) => h("div", { class: "field" }, h("label", { for: `recovery-group-${n}`, text: t("vault.group", { n }) }), inputs[i])),
        error,
        h("button", { type: "submit", class: "primary", id: "recovery-confirm-submit", text: t("vault.confirm") }),
      ),
    ),
  );
  document.body.dataset.ready = "recovery-code";
  inputs[0].focus();
}

/** The key is missing or wrong: the recovery code opens the register. */
export function renderUnlock(main, reason, done) {
  const input = h("textarea", { id: "unlock-code", class: "mono", rows: "3", autocomplete: "off", spellcheck: "false", "aria-describedby": "unlock-error" });
  const error = h("p", { class: "field-error", id: "unlock-error", role: "alert", hidden: true });
  const submit = async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const kept = await api.unlockRegister(input.value);
      done(kept);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      input.focus();
    }
  };
  replace(
    main,
    h(
      "section",
      { class: "vault card", "aria-labelledby": "unlock-title" },
      h("h1", { id: "unlock-title", text: t("vault.lockedTitle") }),
      h("p", { id: "unlock-reason", text: reason?.message ?? "" }),
      h("p", { text: t("vault.lockedIntro") }),
      h("p", { class: "hint", text: t("vault.lockedNothingChanged") }),
      h(
        "form",
        { onsubmit: submit, novalidate: true },
        h("div", { class: "field" }, h("label", { for: "unlock-code", text: t("vault.codeLabel") }), input),
        error,
        h("button", { type: "submit", class: "primary", id: "unlock-submit", text: t("vault.unlock") }),
      ),
      h("p", { class: "hint", text: t("vault.lostBoth") }),
    ),
  );
  document.body.dataset.ready = "locked";
  input.focus();
}

/**
 * The register is missing, empty, unreadable, damaged or behind a backup:
 * say what happened, what the newest good backup holds and when it was
 * taken, and let the caseworker decide. Nothing is changed until then.
 */
export function renderDamaged(main, damage, done) {
  const error = h("p", { class: "field-error", id: "damaged-error", role: "alert", hidden: true });
  const confirmArea = h("div", { class: "restore-confirm", id: "damaged-confirm", hidden: true });
  // Every button waits while one decision runs, so a second click cannot
  // start a second restore over the same files.
  const attempt = (action) => async () => {
    error.hidden = true;
    const buttons = [...main.querySelectorAll("button")];
    for (const b of buttons) b.disabled = true;
    try {
      const result = await action();
      if (result && result.path === "") return toast(t("backups.cancelled"));
      done(result);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      // A backup that failed is no longer offered: show what is left.
      if (e.code === "no_good_backup") {
        toast(e.message);
        done(null);
      }
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };
  // A decision that gives up the backups asks once more, with «Avbryt» focused.
  const askFirst = (question, yesId, yesText, action) => () => {
    const cancel = h("button", { type: "button", class: "secondary", id: "damaged-confirm-cancel", text: t("backups.cancel"), onclick: () => (confirmArea.hidden = true) });
    replace(
      confirmArea,
      h("p", { role: "alert" }, icon("⚠"), " ", question),
      h("button", { type: "button", class: "danger", id: yesId, text: yesText, onclick: attempt(action) }),
      " ",
      cancel,
    );
    confirmArea.hidden = false;
    cancel.focus();
  };
  const offer = damage?.offer;
  const restoreFile = h("button", { type: "button", class: offer ? "secondary" : "primary", id: "damaged-restore-file", text: t("backups.restoreFile"), onclick: attempt(() => api.restoreBackupFile()) });
  replace(
    main,
    h(
      "section",
      { class: "vault card", "aria-labelledby": "damaged-title" },
      h("h1", { id: "damaged-title" }, icon("⚠"), " ", t(`vault.damage.${damage?.kind ?? "failed_check"}`)),
      h("p", { id: "damaged-reason", text: damage?.message ?? "" }),
      h("p", { class: "hint", text: t("vault.damagedNothingChanged") }),
      offer
        ? h(
            "div",
            { class: "damaged-offer", id: "damaged-offer" },
            h("h2", { text: t("vault.offerTitle") }),
            h("p", { id: "damaged-offer-text", text: t("vault.offer", { date: offer.takenAt, counts: countsText(offer.counts) }) }),
            h("p", { class: "hint", text: t(damage.kind === "behind_backup" ? "vault.offerKeepsCurrent" : "vault.damagedIntro") }),
            h("button", { type: "button", class: "primary", id: "restore-newest", text: t("vault.restoreOffered", { date: offer.takenAt }), onclick: attempt(() => api.restoreNewest()) }),
          )
        : h("p", { id: "damaged-no-offer", text: t("vault.noOffer") }),
      h(
        "div",
        { class: "actions" },
        restoreFile,
        damage?.canKeep
          ? [" ", h("button", { type: "button", class: "secondary", id: "damaged-keep", text: t("vault.keep"), onclick: askFirst(t("vault.keepConfirm"), "damaged-keep-yes", t("vault.keepYes"), () => api.keepRegister()) })]
          : null,
        damage?.canStartNew
          ? [" ", h("button", { type: "button", class: "secondary", id: "damaged-start-new", text: t("vault.startNew"), onclick: askFirst(t("vault.startNewConfirm"), "damaged-start-new-yes", t("vault.startNewYes"), () => api.startNewRegister()) })]
          : null,
      ),
      confirmArea,
      error,
    ),
  );
  document.body.dataset.ready = "damaged";
  (main.querySelector("#restore-newest") ?? restoreFile).focus();
}

/** Another Introspor has this register open: say so, and only offer to close. */
export function renderInUse(main, problem) {
  const close = h("button", { type: "button", class: "primary", id: "in-use-close", text: t("vault.inUseClose"), onclick: () => api.quit().catch(() => {}) });
  replace(
    main,
    h(
      "section",
      { class: "vault card", "aria-labelledby": "in-use-title" },
      h("h1", { id: "in-use-title", text: t("vault.inUseTitle") }),
      h("p", { id: "in-use-reason", text: problem?.message ?? "" }),
      h("p", { class: "hint", text: t("vault.inUseHelp") }),
      close,
    ),
  );
  document.body.dataset.ready = "in-use";
  close.focus();
}
