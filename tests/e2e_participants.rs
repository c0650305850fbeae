//! End-to-end tests in the real window: the built app under Xvfb, driven
//! through tauri-driver and WebKitWebDriver by clicking and typing.
//!
//! They need an X display, tauri-driver and WebKitWebDriver, so they are
//! ignored by a plain `cargo test`; `make test` installs the tools and runs
//! them under Xvfb with `--include-ignored`.

mod support;

use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

use support::webdriver::keys::{CTRL, ENTER, ESCAPE};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn caseworker_registers_finds_edits_and_archives_a_participant() {
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    let s = Session::launch(&driver, app(), &[]);

    // The start screen is the overview; the register is one click away.
    s.wait_for_screen("overview");
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    // An empty register says how to begin.
    assert!(
        s.text_of("#participant-empty").contains("Ny deltaker"),
        "an empty register should point to «Ny deltaker»"
    );

    // Register a participant with a mistyped identity number: the error is
    // shown beside the field and nothing is saved.
    s.click(&s.wait_for("#new-participant"));
    s.wait_for_screen("participant-form");
    s.fill("#field-givenName", "Nadia");
    s.fill("#field-familyName", "Prøvesen");
    s.fill("#field-identityNumber", "02013299998");
    s.fill("#field-residencePermitDate", "10.05.2020");
    s.select("#field-permitBasis", "family_reunification");
    s.fill("#field-arrivalDate", "14.02.2022");
    s.fill("#field-settlementDate", "01.03.2022");
    s.click(&s.wait_for("#save-participant"));
    let error = s.text_of("#error-identityNumber");
    assert!(
        error.contains("Kontrollsifrene stemmer ikke"),
        "a wrong check digit should be explained beside the field, got {error:?}"
    );
    assert!(
        s.find("#error-summary").is_some_and(|e| s.is_displayed(&e)),
        "the error summary is shown"
    );
    s.screenshot(&screenshot_dir().join("participant-form-error.png"));

    // Correct it and save: the detail view shows the law and why.
    s.fill("#field-identityNumber", "02013299997");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");
    assert_eq!(s.text_of("#participant-name"), "Nadia Prøvesen");
    assert!(s.text_of("#law-effective").contains("Integreringsloven"));
    assert_eq!(
        s.text_of("#law-reason"),
        "Integreringsloven gjelder fordi personen søkte fra utlandet (familiegjenforening) og kom til Norge 14.02.2022, fra og med 01.01.2021 (integreringsforskriften § 72).",
        "the law's reason names the arrival date"
    );
    assert_eq!(
        s.text_of("#detail-identity-number"),
        "020132 *****",
        "the number is masked until asked for"
    );
    s.click(&s.wait_for("#toggle-number"));
    assert_eq!(s.text_of("#detail-identity-number"), "02013299997");
    s.screenshot(&screenshot_dir().join("participant-detail.png"));

    // Edit by keyboard: Ctrl+E opens the form, Ctrl+S saves it.
    s.press(&[CTRL, "e"]);
    s.wait_for_screen("participant-form");
    s.fill("#field-familyName", "Prøvesen-Ås");
    s.select("#field-status", "active");
    // Esc with unsaved changes asks first, with the focus on «Bli her»;
    // staying keeps the typing.
    s.press(&[ESCAPE]);
    s.wait_for("dialog#unsaved[open]");
    assert_eq!(
        s.focused(),
        "button#unsaved-stay",
        "the safe answer has the focus"
    );
    s.press(&[ENTER]);
    s.wait_until("the question closes", |s| {
        s.find("dialog#unsaved").is_none()
    });
    assert!(
        s.find("body[data-ready=\"participant-form\"]").is_some(),
        "the form stays open"
    );
    assert_eq!(
        s.execute("return document.getElementById('field-familyName').value"),
        "Prøvesen-Ås",
        "what was typed is kept"
    );
    s.press(&[CTRL, "s"]);
    s.wait_for_screen("participant-detail");
    assert_eq!(
        s.text_of("#participant-name"),
        "Nadia Prøvesen-Ås",
        "the edit is saved"
    );

    // A name that looks like HTML is shown literally, never run.
    s.click(&s.wait_for("#back-to-list"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#new-participant"));
    s.wait_for_screen("participant-form");
    s.fill("#field-givenName", "<img src=x onerror=alert(1)>");
    s.fill("#field-familyName", "Skriptesen");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");
    assert_eq!(
        s.text_of("#participant-name"),
        "<img src=x onerror=alert(1)> Skriptesen"
    );
    assert_eq!(
        s.execute("return document.querySelectorAll('main img').length"),
        0,
        "no element may be created from a participant's name"
    );

    // Find the first participant by searching in the list.
    s.click(&s.wait_for("#back-to-list"));
    s.wait_for_screen("participant-list");
    s.wait_until("both participants in the list", |s| {
        s.texts("#participant-table tbody tr").len() == 2
    });
    let literal = s.text_of("#participant-table tbody");
    assert!(
        literal.contains("Skriptesen, <img src=x onerror=alert(1)>"),
        "the list shows the name literally"
    );
    s.fill("#participant-search", "prøv");
    s.wait_until("the search to leave one row", |s| {
        s.texts("#participant-table tbody tr").len() == 1
    });
    let row = s.text_of("#participant-table tbody tr");
    assert!(
        row.contains("Prøvesen-Ås, Nadia"),
        "the row shows the name, got {row:?}"
    );
    assert!(
        row.contains("020132 *****"),
        "the list masks the number, got {row:?}"
    );
    assert!(
        row.contains("Aktiv") && row.contains("Integreringsloven"),
        "status and law in words, got {row:?}"
    );

    // Archive, find it among the archived, and restore it.
    s.click(&s.wait_for("#participant-table tbody a.row-link"));
    s.wait_for_screen("participant-detail");
    s.click(&s.wait_for("#archive-participant"));
    s.wait_for_screen("participant-list");
    s.wait_until("the archived participant to leave the register", |s| {
        s.texts("#participant-table tbody tr").is_empty()
    });
    s.select("#filter-archived", "archived");
    s.wait_until("the archived participant to show", |s| {
        s.texts("#participant-table tbody tr").len() == 1
    });
    s.click(&s.wait_for("#participant-table tbody a.row-link"));
    s.wait_for_screen("participant-detail");
    s.click(&s.wait_for("#restore-participant"));
    s.wait_for("#archive-participant");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn demo_register_shows_varied_participants_and_filters_by_law() {
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");
    s.screenshot(&screenshot_dir().join("overview.png"));
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.wait_until("the demo participants", |s| {
        s.texts("#participant-table tbody tr").len() >= 20
    });
    s.screenshot(&screenshot_dir().join("participant-list.png"));

    s.select("#filter-law", "introduksjonsloven");
    s.wait_until("only introduksjonsloven rows", |s| {
        let rows = s.texts("#participant-table tbody tr");
        !rows.is_empty() && rows.len() < 10
    });
    let table = s.text_of("#participant-table tbody");
    assert!(
        !table.contains("Integreringsloven"),
        "the law filter leaves out other laws"
    );
    assert!(
        table.contains("(overstyrt)"),
        "an overridden law is marked in the list"
    );

    s.select("#filter-law", "unknown");
    s.wait_until("only unknown-law rows", |s| {
        let rows = s.texts("#participant-table tbody tr");
        !rows.is_empty() && rows.iter().all(|row| row.contains("Ukjent"))
    });

    // The list of all deadlines comes a page of 100 at a time; «Vis flere»
    // adds the next page after the last row, nothing repeated.
    s.click(&s.wait_for("a[data-nav=\"deadlines\"]"));
    s.wait_for_screen("deadline-list");
    // The list opens on what still needs doing, soonest first.
    assert_eq!(
        s.execute("return document.getElementById('filter-dstatus').value"),
        "pending"
    );
    let rows: Vec<(String, String)> = serde_json::from_value(s.execute(
        "return [...document.querySelectorAll('#deadline-table tbody tr')].map(r => [r.className, r.cells[0].innerText]);",
    ))
    .unwrap();
    assert!(
        !rows.is_empty()
            && rows
                .iter()
                .all(|(class, _)| class.contains("status-row-open")
                    || class.contains("status-row-overdue")),
        "only open and overdue deadlines by default: {rows:?}"
    );
    s.select("#filter-dstatus", "all");
    s.wait_until("the first page", |s| {
        s.find_all("#deadline-table tbody tr").len() == 100
    });
    let first_page = s.texts("#deadline-table tbody tr");
    s.click(&s.wait_for("#deadline-more"));
    s.wait_until("the next page", |s| {
        s.find_all("#deadline-table tbody tr").len() > 100
            && s.find("#deadline-table tbody[aria-busy=\"true\"]")
                .is_none()
    });
    let both = s.texts("#deadline-table tbody tr");
    assert_eq!(
        &both[..100],
        &first_page[..],
        "the first page stays as it was"
    );
    let count = s.text_of("#deadline-count");
    assert!(
        count.contains(&both.len().to_string()),
        "the count says how many are shown: {count:?}"
    );
}
