//! End-to-end test of interpreters in meetings, in the real window, on a
//! day after tolkeloven's transitional exception from the qualification
//! requirement has ended: a triangle meeting with an unqualified
//! interpreter warns until the exception and its reason are given, is
//! completed, and its exported minutes state the interpreter's presence,
//! language and qualification.

mod support;

use std::path::Path;
use support::pdf::{exported_pdf, pdf_text};
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

/// Ticks a checkbox in the meeting editor if it is not ticked.
fn tick(s: &Session, css: &str) {
    let checked = s
        .execute(&format!(
            "return document.querySelector('{css}')?.checked ?? false"
        ))
        .as_bool()
        .unwrap_or(false);
    if !checked {
        s.click(&s.wait_for(css));
    }
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn an_unqualified_interpreter_after_the_transition_needs_a_reason_and_reaches_the_minutes() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let today = Path::new("2027-01-15");
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
        ("INTROSPOR_TODAY", today),
    ]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");

    // Yonas needs an interpreter in tigrinja; his team is NAV's Nora and
    // the refugee service's Jonas.
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.fill("#participant-search", "Tesfay");
    s.wait_until("Yonas in the list", |s| {
        s.texts("#participant-table tbody tr").len() == 1
    });
    s.click(&s.wait_for("#participant-table tbody tr a"));
    s.wait_for_screen("participant-detail");
    s.click(&s.wait_for("#new-triangle-meeting"));
    s.wait_for_screen("meeting-editor");
    let date = s
        .execute("return document.querySelector('#meeting-date').value")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        date, "15.01.2027",
        "the meeting is today, after the transition"
    );
    assert_eq!(
        s.execute("return document.querySelector('#meeting-interpreterNeeded').checked")
            .as_bool(),
        Some(true),
        "the need is pre-filled from the participant"
    );

    // An unqualified interpreter by phone, an adult; no exception given yet.
    s.click(&s.wait_for("#meeting-interpreterUsed"));
    let language = s
        .execute("return document.querySelector('#meeting-interpreterLanguage').value")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(language, "tigrinja", "the language is pre-filled");
    s.select("#meeting-interpretingMode", "phone");
    s.select("#meeting-interpreterQualification", "not_qualified");
    tick(&s, "#meeting-interpreterAdult");
    s.fill("#meeting-place", "Flyktningtjenesten");
    tick(&s, "#meeting-participants input[type=checkbox]");
    let attendee_boxes: Vec<String> = s
        .execute(
            "return [...document.querySelectorAll('#meeting-attendees input[type=checkbox]')].map(b => '#' + b.id)",
        )
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        .unwrap_or_default();
    for css in &attendee_boxes {
        tick(&s, css);
    }
    s.click(&s.wait_for("#save-meeting"));
    s.wait_until("the warning about the missing reason", |s| {
        s.find("#interpreter-warnings li[data-code=\"unqualified_without_reason\"]")
            .is_some()
    });
    let warning = s.text_of("#interpreter-warnings");
    assert!(
        warning.contains("01.01.2027") && warning.contains("tolkeloven § 7 femte ledd"),
        "the warning names the day and the rule: {warning:?}"
    );
    s.screenshot(&screenshot_dir().join("meeting-interpreter-warning.png"));

    // The exception and the reason; then the meeting is completed.
    s.select("#meeting-unqualifiedException", "cannot_wait");
    s.fill(
        "#meeting-unqualifiedReason",
        "Ingen kvalifisert tolk i tigrinja var ledig, og vedtaket hastet.",
    );
    s.click(&s.wait_for("#complete-meeting"));
    s.wait_until("the meeting to be completed", |s| {
        s.text_of("#meeting-status").contains("Fullført")
    });
    assert!(
        s.find("#interpreter-warnings").is_none(),
        "the reason clears the warning"
    );

    // The minutes for the archive state the interpreter's line.
    s.select("#export-recipient", "archive");
    s.wait_until("the preview", |s| {
        s.text_of("#minutes-preview").contains("tigrinja")
    });
    let preview = s.text_of("#minutes-preview");
    assert!(
        preview.contains("Ja, tigrinja, på telefon; ikke kvalifisert tolk (unntak: ikke forsvarlig å vente på kvalifisert tolk)"),
        "the preview states the interpreter: {preview:?}"
    );
    assert!(
        !preview.contains("vedtaket hastet"),
        "the caseworker's reason stays in the record"
    );
    s.click(&s.wait_for("#export-minutes"));
    s.wait_until("the export to be logged", |s| {
        !s.texts("#meeting-sharing-log tbody tr").is_empty()
    });
    let pdf = exported_pdf(exports.path());
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Ja, tigrinja, på telefon; ikke kvalifisert tolk"),
        "the PDF holds the interpreter's line: {text}"
    );

    // The report on «Kontroll» counts it, with its reason.
    s.click(&s.wait_for("a[data-nav=\"audit\"]"));
    s.wait_for_screen("audit");
    s.fill("#interpreter-report-form-from", "01.01.2027");
    s.fill("#interpreter-report-form-to", "31.01.2027");
    s.click(&s.wait_for("#interpreter-report-form-submit"));
    s.wait_until("the report", |s| s.find("#unqualified-uses").is_some());
    let uses = s.text_of("#unqualified-uses");
    assert!(
        uses.contains("15.01.2027") && uses.contains("vedtaket hastet"),
        "the report lists the use with its reason: {uses:?}"
    );
    s.screenshot(&screenshot_dir().join("interpreter-report.png"));
}
