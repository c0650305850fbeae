//! End-to-end test of the import in the real window: a messy `.xlsx` from
//! the import cases is opened through the open dialog's test seam, the
//! preview shows the refused row with its field and reason, nothing is in
//! the register until «Importer N deltakere» is pressed, and then the new
//! participants are listed with their deadlines computed.

mod support;

use std::path::Path;
use support::screens::visit;
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

/// The case the window imports, and what its `.toml` says must come of it.
const CASE: &str = "tests/cases/import/messy_workbook";

fn expected() -> (usize, usize, Vec<usize>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(format!("{CASE}.toml"))).unwrap();
    let case: toml::Value = toml::from_str(&text).unwrap();
    let expect = &case["expect"];
    let refused = expect
        .get("refused")
        .and_then(|r| r.as_array())
        .map(|rows| {
            rows.iter()
                .map(|r| r["row"].as_integer().unwrap() as usize)
                .collect()
        })
        .unwrap_or_default();
    (
        expect["imported"].as_integer().unwrap() as usize,
        expect["duplicates"].as_integer().unwrap() as usize,
        refused,
    )
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn a_messy_spreadsheet_is_previewed_then_imported_with_deadlines() {
    let (imported, _duplicates, refused) = expected();
    assert!(!refused.is_empty(), "the case has a refused row to show");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{CASE}.xlsx"));
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_OPEN_DIALOG_ANSWER", &file),
    ]);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");

    visit(&s, "#/deltakere", "participant-list");
    s.click(&s.wait_for("#import-participants"));
    s.wait_for_screen("participant-import");
    s.click(&s.wait_for("#import-choose"));
    s.wait_until("the preview", |s| s.find("#import-summary").is_some());
    let summary = s.text_of("#import-summary");
    assert!(
        summary.starts_with(&format!("{imported} nye")),
        "the summary counts {imported} new rows: {summary:?}"
    );
    let refused_rows = s.texts("#import-refused tbody tr");
    assert_eq!(refused_rows.len(), refused.len(), "{refused_rows:?}");
    assert!(
        refused_rows[0].starts_with(&refused[0].to_string()) && refused_rows[0].contains("Avvist"),
        "the refused row shows its number and outcome in words: {refused_rows:?}"
    );
    assert_eq!(
        s.execute("return getComputedStyle(document.getElementById('import-progress')).display")
            .as_str(),
        Some("none"),
        "the progress line is gone once the file is read"
    );

    // A column can be skipped by hand: the telephone column is left out and
    // the preview is made again with the same rows.
    let phone = s
        .execute(
            "return [...document.querySelectorAll('#import-columns tbody tr')]\
             .findIndex(r => r.querySelector('th').textContent === 'Telefon')",
        )
        .as_i64()
        .expect("the file has a Telefon column");
    s.select(&format!("#import-field-{phone}"), "");
    s.wait_until("the preview without the telephone column", |s| {
        s.execute(&format!(
            "return document.getElementById('import-field-{phone}')?.value === ''"
        ))
        .as_bool()
            == Some(true)
            && s.text_of("#import-summary")
                .starts_with(&format!("{imported} nye"))
    });
    s.screenshot(&screenshot_dir().join("import-preview.png"));

    // Nothing is written before the caseworker confirms.
    let register = s.execute_async(
        "const done = arguments[arguments.length - 1];
         window.__TAURI__.core.invoke('participant_list', { query: { search: '', status: '', law: '', archived: false, sort: 'name', limit: 10 } })
           .then(p => done(p.rows.length), e => done(-1));",
    );
    assert_eq!(register.as_i64(), Some(0), "the register is still empty");

    let confirm = s.wait_for("#import-confirm");
    assert_eq!(
        s.text(&confirm),
        format!("Importer {imported} deltakere"),
        "the button says how many"
    );
    s.click(&confirm);
    s.wait_for_screen("participant-list");
    s.wait_until("the imported participants", |s| {
        s.texts("#participant-table tbody tr").len() == imported
    });
    s.click(&s.wait_for("#participant-table tbody tr td a"));
    s.wait_for_screen("participant-detail");
    assert!(
        !s.texts("#timeline-table tbody tr").is_empty(),
        "an imported participant has deadlines"
    );
    let history = s.text_of("#participant-history");
    assert!(
        history.contains("Importert fra"),
        "the history names the import: {history:?}"
    );
}
