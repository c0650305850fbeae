//! End-to-end test of the reports and of every export, in the real window
//! on the demo register: each report shows, the charts carry their numbers
//! as a table, the supervision report prints as PDF/A; and every file taken
//! out (calendar, lists, reports, the supervision PDF, a backup to a chosen
//! folder) is then found in the audit trail's own export.

mod support;

use support::pdf::exported_files;
use support::screens::visit;
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

/// Clears the toast, runs `act`, and waits for a toast holding `expected`.
fn toast_after(s: &Session, what: &str, expected: &str, act: impl FnOnce()) {
    s.execute("document.getElementById('toast').textContent = ''");
    act();
    s.wait_until(what, |s| s.text_of("#toast").contains(expected));
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn the_reports_show_and_every_export_is_in_the_audit_trail() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
    ]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");

    toast_after(&s, "the calendar export", "Kalenderen er lagret", || {
        s.click(&s.wait_for("#export-calendar"))
    });

    visit(&s, "#/deltakere", "participant-list");
    toast_after(&s, "the participant list as xlsx", "Lagret", || {
        s.click(&s.wait_for("#export-participants-xlsx"))
    });
    toast_after(&s, "the participant list as CSV", "Lagret", || {
        s.click(&s.wait_for("#export-participants-csv"))
    });
    visit(&s, "#/frister", "deadline-list");
    toast_after(&s, "the deadline list as CSV", "Lagret", || {
        s.click(&s.wait_for("#export-deadlines-csv"))
    });
    let csv = exported_files(exports.path(), "csv");
    let deadlines = csv
        .iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().contains("frister"))
        .expect("the deadline list is saved as CSV");
    let text = std::fs::read_to_string(deadlines).unwrap();
    assert!(
        text.starts_with('\u{feff}') && text.contains("\r\n"),
        "CSV for Norwegian Excel"
    );

    // The caseload at today's date.
    s.click(&s.wait_for("a[data-nav=\"reports\"]"));
    s.wait_for_screen("reports");
    s.wait_until("the caseload", |s| {
        s.text_of("#caseload-total").contains("deltakere per")
    });
    assert!(
        !s.texts("#caseload-status tbody tr").is_empty(),
        "the caseload by status"
    );
    s.screenshot(&screenshot_dir().join("reports-caseload.png"));
    toast_after(&s, "the caseload as xlsx", "Lagret", || {
        s.click(&s.wait_for("#export-caseload-xlsx"))
    });

    // Deadlines met on time, with the charts and their tables.
    s.click(&s.wait_for("#report-tab-frister"));
    s.wait_for_screen("reports");
    s.wait_until("the compliance report", |s| {
        s.text_of("#compliance-total").contains("i tide")
    });
    assert!(
        s.find("#chart-weeks svg[role=img]").is_some(),
        "the weeks chart is drawn"
    );
    assert_eq!(
        s.texts("#chart-weeks-table tbody tr").len(),
        12,
        "the weeks chart's text alternative holds the 12 weeks"
    );
    assert!(
        !s.texts("#compliance-kinds tbody tr").is_empty(),
        "the figures per deadline kind"
    );
    s.screenshot(&screenshot_dir().join("reports-compliance.png"));
    toast_after(&s, "the compliance report as CSV", "Lagret", || {
        s.click(&s.wait_for("#export-compliance-csv"))
    });

    // IMDi registrations owed.
    s.click(&s.wait_for("#report-tab-imdi"));
    s.wait_for_screen("reports");
    s.wait_until("the registration debt", |s| {
        s.text_of("#debt-total").contains("registreringer")
    });
    toast_after(&s, "the registration debt as xlsx", "Lagret", || {
        s.click(&s.wait_for("#export-debt-xlsx"))
    });

    // Ready for supervision: one participant, previewed and saved as PDF/A.
    s.click(&s.wait_for("#report-tab-tilsyn"));
    s.wait_for_screen("reports");
    let first = s
        .execute(
            "return document.querySelector('#supervision-participant option:nth-child(2)').value",
        )
        .as_str()
        .unwrap()
        .to_string();
    s.select("#supervision-participant", &first);
    s.wait_until("the supervision preview", |s| {
        s.find("#supervision-preview table").is_some()
    });
    s.screenshot(&screenshot_dir().join("reports-supervision.png"));
    toast_after(&s, "the supervision PDF", "PDF/A", || {
        s.click(&s.wait_for("#export-supervision-pdf"))
    });
    let pdf = support::pdf::exported_pdf(exports.path());
    support::pdfa::check_pdf_a(&pdf);

    // A backup to a chosen folder.
    visit(&s, "#/sikkerhetskopi", "backups");
    toast_after(&s, "the backup", "Sikkerhetskopien er lagret", || {
        s.click(&s.wait_for("#backup-now"))
    });

    // The trail's own export holds every export above.
    visit(&s, "#/kontroll", "audit");
    toast_after(&s, "the audit trail", "Sporingsloggen er lagret", || {
        s.click(&s.wait_for("#audit-export-form-submit"))
    });
    let trail = exported_files(exports.path(), "csv")
        .into_iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .contains("sporingslogg")
        })
        .expect("the audit trail is saved as CSV");
    let trail = std::fs::read_to_string(trail).unwrap();
    for kind in [
        "calendar",
        "participant_list",
        "deadline_list",
        "caseload_report",
        "compliance_report",
        "registration_debt_report",
        "supervision_report",
        "backup",
    ] {
        assert!(
            trail.contains(&format!(";export_kind;;{kind};")),
            "the audit trail records the {kind} export:\n{}",
            trail
                .lines()
                .filter(|l| l.contains("export"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    for format in ["xlsx", "csv", "ics", "pdf", "sqlite3"] {
        assert!(
            trail.contains(&format!(";format;;{format};")),
            "the audit trail records a {format} file"
        );
    }
}
