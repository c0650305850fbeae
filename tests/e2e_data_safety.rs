//! End to end: the recovery code on first start, a backup taken on request,
//! and, after the credential store forgets the key, the register opened
//! again with the recovery code — with its data.

mod support;

use std::process::Command;
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

#[test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a Secret Service; run with `make test`"]
fn recovery_code_backup_and_unlock_after_the_key_is_lost() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let env = [
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
    ];
    let code;
    {
        let driver = TauriDriver::start(&env);
        let s = Session::launch_raw(&driver, app(), &[]);
        s.wait_first_screen();
        s.wait_for_screen("recovery-code");
        code = s.text_of("#recovery-code").replace(char::is_whitespace, "");
        assert_eq!(
            code.split('-').count(),
            9,
            "the code should show nine groups: {code:?}"
        );
        s.screenshot(&screenshot_dir().join("recovery-code.png"));

        // Typing the wrong groups back is refused and says why.
        for input in s.find_all("input.group-input") {
            s.type_into(&input, "AAAAAA");
        }
        s.click(&s.wait_for("#recovery-confirm-submit"));
        let error = s.text_of("#recovery-confirm-error");
        assert!(
            error.contains("stemmer ikke"),
            "a wrong group should be explained: {error:?}"
        );
        for input in s.find_all("input.group-input") {
            s.clear(&input);
        }
        s.confirm_recovery_code();
        s.wait_for_screen("overview");

        // A participant to look for later.
        s.click(&s.wait_for("a[data-nav=\"participants\"]"));
        s.wait_for_screen("participant-list");
        s.click(&s.wait_for("#new-participant"));
        s.wait_for_screen("participant-form");
        s.fill("#field-givenName", "Ødegård");
        s.fill("#field-familyName", "Gjenopprettet");
        s.click(&s.wait_for("#save-participant"));
        s.wait_for_screen("participant-detail");

        // The start-up backup is listed, checked; a backup on request is written.
        s.click(&s.wait_for("a[data-nav=\"backups\"]"));
        s.wait_for_screen("backups");
        let rows = s.texts("#backup-table tbody tr");
        assert!(
            rows.first().is_some_and(|row| row.contains("I orden")),
            "the start-up backup should be listed as checked: {rows:?}"
        );
        s.click(&s.wait_for("#backup-now"));
        s.wait_until("the backup on request", |_| {
            std::fs::read_dir(exports.path())
                .map(|d| d.count() > 0)
                .unwrap_or(false)
        });
        s.screenshot(&screenshot_dir().join("backups.png"));
    }
    let backup = std::fs::read_dir(exports.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = std::fs::read(&backup).unwrap();
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "the backup on the USB stick should be encrypted"
    );

    // The credential store forgets the key (a new laptop, a wiped profile).
    let account = format!("database-key:{}", data.path().display());
    let cleared = Command::new("secret-tool")
        .args([
            "clear",
            "service",
            "no.introspor.desktop",
            "username",
            &account,
        ])
        .status()
        .expect("secret-tool is missing: run `make deps` (Debian package libsecret-tools)");
    assert!(
        cleared.success(),
        "the key should be removed from the credential store"
    );

    let driver = TauriDriver::start(&env);
    let s = Session::launch_raw(&driver, app(), &[]);
    s.wait_first_screen();
    s.wait_for_screen("locked");
    s.screenshot(&screenshot_dir().join("locked.png"));
    s.fill("#unlock-code", &code.to_lowercase());
    s.click(&s.wait_for("#unlock-submit"));
    s.wait_for_screen("overview");
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.wait_until("the participant from before", |s| {
        s.texts("#participant-table tbody tr")
            .iter()
            .any(|row| row.contains("Ødegård"))
    });
}
