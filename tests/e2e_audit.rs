//! End-to-end test of the audit trail in the real window: an edit shows in
//! the participant's history, the control screen finds the trail intact,
//! and the trail is exported as CSV.

mod support;

use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn an_edit_shows_in_the_history_and_the_trail_checks_out() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
    ]);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");

    // Register a participant with an identity number and a note.
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#new-participant"));
    s.wait_for_screen("participant-form");
    s.fill("#field-givenName", "Nadia");
    s.fill("#field-familyName", "Prøvesen");
    s.fill("#field-identityNumber", "02013299997");
    s.fill("#field-notes", "Helseopplysning som ikke skal i loggen");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");

    // Edit the family name: the history shows the change, newest first.
    s.click(&s.wait_for("#edit-participant"));
    s.wait_for_screen("participant-form");
    s.fill("#field-familyName", "Prøvesen-Ås");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");
    let rows = s.texts("#participant-history tbody tr");
    assert_eq!(
        rows.len(),
        2,
        "the history should hold the creation and the edit: {rows:?}"
    );
    assert!(
        rows[0].contains("Deltaker endret")
            && rows[0].contains("Etternavn: Prøvesen → Prøvesen-Ås"),
        "the newest entry should show the edited field, old → new: {:?}",
        rows[0]
    );
    assert!(
        rows[1].contains("Deltaker opprettet") && rows[1].contains("020132 *****"),
        "the creation should show the identity number masked: {:?}",
        rows[1]
    );
    let history = s.text_of("#history-area");
    assert!(
        !history.contains("02013299997") && !history.contains("Helseopplysning"),
        "the history must not show the full number or the note: {history:?}"
    );
    assert!(
        history.contains("(endret)"),
        "the note is recorded only as changed"
    );
    s.execute("document.querySelector('#history-area').scrollIntoView()");
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.screenshot(&screenshot_dir().join("participant-history.png"));

    // The control screen finds the trail intact.
    s.click(&s.wait_for("a[data-nav=\"audit\"]"));
    s.wait_for_screen("audit");
    s.click(&s.wait_for("#audit-verify"));
    s.wait_until("the check to report", |s| {
        s.text_of("#audit-result").contains('✓')
    });
    let result = s.text_of("#audit-result");
    assert!(
        result.contains("intakt") && result.contains("2 hendelser"),
        "the check should say the trail is intact with 2 entries: {result:?}"
    );

    // Export the whole trail as CSV.
    s.click(&s.wait_for("#audit-export-form-submit"));
    s.wait_until("the export to be saved", |s| {
        s.text_of("#toast").contains("Sporingsloggen er lagret")
    });
    let csv = std::fs::read_dir(exports.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("the trail should be saved as CSV in the chosen folder");
    let text = std::fs::read_to_string(csv).unwrap();
    assert!(text.starts_with(
        "\u{FEFF}tidspunkt;type;id;deltaker-id;handling;felt;fra;til;begrunnelse;hash\r\n"
    ));
    assert!(text.contains(";family_name;Prøvesen;Prøvesen-Ås;"));
    assert!(
        !text.contains("02013299997"),
        "the CSV holds the number masked only"
    );

    // The export is itself recorded, and the trail still checks out.
    s.click(&s.wait_for("#audit-verify"));
    s.wait_until("the check to count the export", |s| {
        s.text_of("#audit-result").contains("3 hendelser")
    });
    s.screenshot(&screenshot_dir().join("audit-control.png"));
}
