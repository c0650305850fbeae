// The screens before the register opens: the recovery code on first start,
// unlocking with it when the key is missing, and a damaged register.
import { api } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { t } from "../i18n.js";

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

/** The register failed its check: offer the newest good backup. */
export function renderDamaged(main, problem, done) {
  const error = h("p", { class: "field-error", id: "damaged-error", role: "alert", hidden: true });
  replace(
    main,
    h(
      "section",
      { class: "vault card", "aria-labelledby": "damaged-title" },
      h("h1", { id: "damaged-title" }, icon("⚠"), " ", t("vault.damagedTitle")),
      h("p", { text: problem?.message ?? "" }),
      h("p", { text: t("vault.damagedIntro") }),
      error,
      h("button", {
        type: "button",
        class: "primary",
        id: "restore-newest",
        text: t("vault.restoreNewest"),
        onclick: async () => {
          error.hidden = true;
          try {
            const result = await api.restoreNewest();
            done(result);
          } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
          }
        },
      }),
    ),
  );
  document.body.dataset.ready = "damaged";
}
