//! End-to-end test of the audit trail in the real window: an edit shows in
//! the participant's history, the control screen finds the trail intact,
//! the trail is exported as CSV, and after a team, a meeting and an export
//! of its minutes the history reads in words: field labels, values' labels
//! and the names behind ids, never an internal name.

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

    // A team, a triangle meeting and an export of its minutes for NAV.
    s.click(&s.wait_for("a[data-nav=\"contacts\"]"));
    s.wait_for_screen("contacts");
    for (name, kind) in [
        ("NAV Fjordvik", "nav_office"),
        ("Flyktningtjenesten i Fjordvik", "refugee_service"),
    ] {
        let before = s.texts("#organisation-table tbody tr").len();
        s.fill("#organisation-form-name", name);
        s.select("#organisation-form-kind", kind);
        s.click(&s.wait_for("#organisation-form-submit"));
        s.wait_until(&format!("{name} to be listed"), |s| {
            s.texts("#organisation-table tbody tr").len() == before + 1
        });
    }
    let option_value = |select: &str, text: &str| -> String {
        let script = format!(
            "return [...document.querySelectorAll('{select} option')]\
             .find(o => o.textContent.startsWith({}))?.value ?? '';",
            serde_json::to_string(text).unwrap()
        );
        s.execute(&script).as_str().unwrap_or_default().to_string()
    };
    for (name, organisation) in [
        ("Nora Navesen", "NAV Fjordvik"),
        ("Kari Nordmann", "Flyktningtjenesten i Fjordvik"),
    ] {
        s.fill("#contact-form-name", name);
        let id = option_value("#contact-form-organisationId", organisation);
        s.select("#contact-form-organisationId", &id);
        s.click(&s.wait_for("#contact-form-submit"));
        s.wait_until(&format!("{name} to be listed"), |s| {
            s.texts("#contact-table tbody tr")
                .iter()
                .any(|row| row.contains(name))
        });
    }
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#participant-table tbody tr td a"));
    s.wait_for_screen("participant-detail");
    let kari = option_value("#team-form-contactId", "Kari Nordmann");
    s.select("#team-form-contactId", &kari);
    s.select("#team-form-role", "fixed_contact");
    s.click(&s.wait_for("#team-form-submit"));
    s.wait_until("Kari to be the fixed contact person", |s| {
        s.text_of("#fixed-contact").contains("Kari Nordmann")
    });
    let nora = option_value("#team-form-contactId", "Nora Navesen");
    s.select("#team-form-contactId", &nora);
    s.select("#team-form-role", "nav_advisor");
    s.click(&s.wait_for("#team-form-submit"));
    s.wait_until("both in the team", |s| {
        s.texts("#team-table tbody tr").len() == 2
    });
    let participant = s
        .execute("return location.hash")
        .as_str()
        .unwrap_or_default()
        .to_string();
    s.click(&s.wait_for("#new-triangle-meeting"));
    s.wait_for_screen("meeting-editor");
    s.fill("#meeting-place", "Rådhuset");
    s.fill("#meeting-startTime", "09:00");
    s.click(&s.wait_for("#meeting-participants input[type=checkbox]"));
    s.click(&s.wait_for(&format!("#attendee-present-{kari}")));
    s.click(&s.wait_for(&format!("#attendee-present-{nora}")));
    s.click(&s.wait_for("#save-meeting"));
    s.wait_until("the saved meeting", |s| {
        s.execute("return location.hash")
            .as_str()
            .is_some_and(|h| h.starts_with("#/moter/") && !h.contains("ny"))
    });
    s.wait_for_screen("meeting-editor");
    s.click(&s.wait_for("#complete-meeting"));
    s.wait_until("the meeting to be completed", |s| {
        s.text_of("#meeting-status").contains("Fullført")
    });
    s.select("#export-recipient", "nav");
    s.wait_until("the preview for NAV", |s| {
        s.text_of("#minutes-preview").contains("NAV")
    });
    s.click(&s.wait_for("#export-minutes"));
    s.wait_until("the export to be logged", |s| {
        !s.texts("#meeting-sharing-log tbody tr").is_empty()
    });

    // The participant's history names fields, values and people in words.
    s.execute(&format!(
        "location.hash = {}",
        serde_json::to_string(&participant).unwrap()
    ));
    s.wait_for_screen("participant-detail");
    s.wait_until("the meeting in the history", |s| {
        s.text_of("#participant-history").contains("Møte")
    });
    let history = s.text_of("#participant-history");
    for expected in [
        "Starttid: 09:00",
        "Innkalt av: Kari Nordmann",
        "Deltakere: Nadia Prøvesen-Ås",
        "Type: Trekantmøte",
        "Mottaker: NAV",
        "Hjemmel: Integreringsloven § 41",
        "Kontakt: Kari Nordmann",
        "Rolle: Fast kontaktperson",
    ] {
        assert!(
            history.contains(expected),
            "the history should show «{expected}»: {history:?}"
        );
    }
    let invited = s
        .texts("#participant-history li")
        .into_iter()
        .find(|line| line.starts_with("Inviterte:"))
        .expect("the meeting's invited contacts should be shown");
    assert!(
        invited.contains("Kari Nordmann") && invited.contains("Nora Navesen"),
        "the invited contacts should be named: {invited:?}"
    );
    let internal: Vec<&str> = history
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '['))
        .filter(|word| {
            word.contains('[')
                || word
                    .split_once('_')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        })
        .collect();
    assert!(
        internal.is_empty(),
        "the history should show no internal name: {internal:?} in {history:?}"
    );
    s.execute("document.querySelector('#history-area').scrollIntoView()");
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.screenshot(&screenshot_dir().join("participant-history-in-words.png"));
}
