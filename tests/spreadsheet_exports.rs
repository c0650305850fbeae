//! Every list and report as it leaves Introspor: built from the demo
//! register through the same functions the commands use, written as
//! `.xlsx` and opened by LibreOffice, whose cells must be the ones
//! written (dates as dates shown `dd.mm.åååå`, identity numbers as text
//! with their leading zero); and the CSV of the same workbook read back
//! cell for cell. The supervision report also as PDF/A, by the same
//! checks as the minutes.

mod support;

use chrono::NaiveDate;
use introspor_app::commands::export::{workbook_file, SheetFormat};
use introspor_app::commands::reports::{
    caseload, compliance, report_workbook, supervision, ReportParamsDto,
};
use introspor_core::domain::participant::ParticipantQuery;
use introspor_core::export::lists::{deadline_list, participant_list};
use introspor_core::export::minutes::pdf::render_minutes_pdf;
use introspor_core::export::table::{Cell, Workbook};
use introspor_core::language::Language;
use introspor_core::store::deadlines::DeadlineFilter;
use introspor_core::Store;
use support::libreoffice::{parse_csv, sheet_as_shown};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    introspor_core::demo::seed_demo(&mut store, today()).unwrap();
    store
}

/// A cell as a spreadsheet shows it.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Date(date) => date.format("%d.%m.%Y").to_string(),
        Cell::Integer(n) => n.to_string(),
        Cell::Number(x) => format!("{x}"),
    }
}

/// Numbers may come back with either decimal mark and as many decimals as
/// the cell's format shows; they are compared as numbers.
fn same(expected: &Cell, actual: &str) -> bool {
    match expected {
        Cell::Number(x) => actual
            .replace(',', ".")
            .trim_end_matches('%')
            .trim()
            .parse::<f64>()
            .is_ok_and(|y| (x - y).abs() < 0.01 || (x * 100.0 - y).abs() < 0.5),
        other => shown(other) == actual,
    }
}

fn first_sheet_rows(workbook: &Workbook) -> Vec<Vec<Cell>> {
    let sheet = &workbook.sheets[0];
    let mut rows = vec![sheet
        .columns
        .iter()
        .map(|c| Cell::Text(c.header.clone()))
        .collect::<Vec<_>>()];
    rows.extend(sheet.rows.iter().cloned());
    rows
}

/// Writes the workbook both ways and compares what comes back.
fn round_trip(name: &str, workbook: &Workbook) {
    assert!(
        !workbook.sheets.is_empty(),
        "{name}: a workbook has a sheet"
    );
    let expected = first_sheet_rows(workbook);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join(format!("{name}.xlsx"));
    std::fs::write(&xlsx, workbook_file(workbook, SheetFormat::Xlsx).unwrap()).unwrap();
    let read = sheet_as_shown(&xlsx);
    assert_eq!(
        read.len(),
        expected.len(),
        "{name}: LibreOffice reads as many rows as were written"
    );
    for (r, (want, got)) in expected.iter().zip(&read).enumerate() {
        for (c, cell) in want.iter().enumerate() {
            let actual = got.get(c).map(String::as_str).unwrap_or("");
            assert!(
                same(cell, actual),
                "{name}: row {r}, column {c}: wrote {cell:?}, LibreOffice shows {actual:?}"
            );
        }
    }

    let csv = workbook_file(workbook, SheetFormat::Csv).unwrap();
    let text = String::from_utf8(csv).expect("the CSV is UTF-8");
    assert!(text.starts_with('\u{feff}'), "{name}: the CSV has a BOM");
    assert!(
        text.contains("\r\n"),
        "{name}: the CSV ends lines with CRLF"
    );
    let back = parse_csv(&text, ';');
    assert_eq!(back.len(), expected.len(), "{name}: CSV rows");
    for (r, (want, got)) in expected.iter().zip(&back).enumerate() {
        for (c, cell) in want.iter().enumerate() {
            let actual = got.get(c).map(String::as_str).unwrap_or("");
            // A defused text cell comes back with the apostrophe in front.
            let undefused = actual.strip_prefix('\'').unwrap_or(actual);
            assert!(
                same(cell, actual) || same(cell, undefused),
                "{name}: CSV row {r}, column {c}: wrote {cell:?}, read {actual:?}"
            );
        }
    }
}

#[test]
fn every_list_and_report_opens_in_libreoffice_with_the_cells_written() {
    let store = demo();
    let participants = participant_list(&store, &ParticipantQuery::default(), Language::Bokmal)
        .unwrap()
        .workbook;
    assert!(
        participants.sheets[0].rows.len() >= 20,
        "the demo's participants"
    );
    round_trip("deltakere", &participants);
    let deadlines = deadline_list(
        &store,
        &DeadlineFilter::default(),
        today(),
        Language::Bokmal,
    )
    .unwrap()
    .workbook;
    assert!(deadlines.sheets[0].rows.len() > 50, "the demo's deadlines");
    round_trip("frister", &deadlines);
    let first = participants.sheets[0].rows.len();
    let id = store
        .participants(&ParticipantQuery::default())
        .unwrap()
        .first()
        .map(|p| p.id)
        .expect("a participant");
    for report in ["caseload", "compliance", "registration_debt", "supervision"] {
        let params = ReportParamsDto {
            participant_id: Some(id),
            ..ReportParamsDto::default()
        };
        let (workbook, record, stem) = report_workbook(&store, report, &params, today()).unwrap();
        assert!(!stem.is_empty());
        assert_eq!(record.format, "", "the command sets the format");
        round_trip(report, &workbook);
    }
    assert!(first > 0);
}

#[test]
fn the_compliance_export_holds_the_charts_numbers() {
    let store = demo();
    let (workbook, _, _) =
        report_workbook(&store, "compliance", &ReportParamsDto::default(), today()).unwrap();
    let names: Vec<&str> = workbook.sheets.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.iter().any(|n| n.contains("uke")),
        "the weeks chart's numbers are a sheet: {names:?}"
    );
    let shown_weeks = compliance(&store, "", "", today()).unwrap().weeks;
    assert_eq!(
        shown_weeks.len(),
        12,
        "the next 12 weeks, empty ones included"
    );
}

#[test]
fn a_report_refuses_a_period_that_ends_before_it_starts() {
    let store = demo();
    let error = compliance(&store, "01.06.2026", "01.05.2026", today()).unwrap_err();
    assert_eq!(error.code, "period_end_before_start");
    let error = caseload(&store, "31.02.2026", today()).unwrap_err();
    assert_eq!(error.code, "invalid_date");
    let error =
        report_workbook(&store, "everything", &ReportParamsDto::default(), today()).unwrap_err();
    assert_eq!(error.code, "invalid_choice");
}

#[test]
fn the_supervision_report_is_pdf_a_with_every_duty() {
    let store = demo();
    let id = store
        .participants(&ParticipantQuery::default())
        .unwrap()
        .first()
        .map(|p| p.id)
        .unwrap();
    let created = today()
        .and_hms_opt(9, 30, 0)
        .unwrap()
        .and_local_timezone(chrono::FixedOffset::east_opt(3600).unwrap())
        .unwrap();
    let document = supervision(&store, id, today(), created).unwrap();
    let report = store.supervision_report(id, today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tilsyn.pdf");
    std::fs::write(&path, render_minutes_pdf(&document).unwrap()).unwrap();
    let pdf = support::pdfa::check_pdf_a(&path);
    assert_eq!(pdf.lang, "nb");
    assert!(pdf.title.contains(&document.title), "{}", pdf.title);
    assert!(
        pdf.text.contains(&report.facts.name),
        "the report names the participant"
    );
    assert!(!report.duties.is_empty(), "the demo participant has duties");
}
