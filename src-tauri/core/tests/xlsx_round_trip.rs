//! The exported files read back by another program: the `.xlsx` through
//! LibreOffice (converted to CSV headless), the CSV through a small parser
//! here. Every cell kind is written and compared with what comes back:
//! dates shown `dd.mm.yyyy`, an identity number with its leading zero,
//! formula-looking text kept as text and not computed, Norwegian letters,
//! Arabic and Ge'ez script, whole and decimal numbers.
//!
//! LibreOffice is a test dependency (`make test` installs it); when
//! `soffice` is missing this test fails and says so rather than skipping.

use chrono::NaiveDate;
use introspor_core::export::csv::{workbook_csv, DEFUSING_MARK};
use introspor_core::export::table::{Cell, Column, Sheet, Workbook};
use introspor_core::export::xlsx::workbook_xlsx;
use std::path::Path;
use std::process::Command;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// A sheet with every kind of cell, and the texts a reader should see.
fn every_kind(name: &str) -> Sheet {
    Sheet {
        name: name.into(),
        columns: vec![
            Column::new("Dato", 12.0),
            Column::new("Fødselsnr.", 13.0),
            Column::new("Formel", 10.0),
            Column::new("Komma", 10.0),
            Column::new("Navn", 20.0),
            Column::new("Antall", 8.0),
            Column::new("Andel", 8.0),
        ],
        rows: vec![
            vec![
                Cell::Date(date(2025, 3, 9)),
                Cell::text("01017012345"),
                Cell::text("=1+1"),
                Cell::text("a,=b"),
                Cell::text("Ødegård Æsa Åse"),
                Cell::Integer(42),
                Cell::Number(12.5),
            ],
            vec![
                Cell::Date(date(1999, 12, 31)),
                Cell::text("02029912345"),
                Cell::text("+47 900 00 000"),
                Cell::text("@SUM(A1)"),
                Cell::text("مريم"),
                Cell::Integer(-3),
                Cell::Number(-0.25),
            ],
            vec![
                Cell::Empty,
                Cell::Empty,
                Cell::text("-1"),
                Cell::text("Hun sa \"hei\"; ja"),
                Cell::text("ሰላም"),
                Cell::Integer(0),
                Cell::Number(1000.75),
            ],
        ],
    }
}

/// What a reader sees in each cell of the header and rows: dates as
/// `dd.mm.yyyy`, numbers with a decimal comma, text as written.
fn shown(sheet: &Sheet) -> Vec<Vec<String>> {
    let header = sheet.columns.iter().map(|c| c.header.clone()).collect();
    let rows = sheet.rows.iter().map(|row| {
        row.iter()
            .map(|cell| match cell {
                Cell::Empty => String::new(),
                Cell::Text(text) => text.clone(),
                Cell::Date(date) => date.format("%d.%m.%Y").to_string(),
                Cell::Integer(n) => n.to_string(),
                Cell::Number(n) => n.to_string().replace('.', ","),
            })
            .collect()
    });
    std::iter::once(header).chain(rows).collect()
}

/// A small reader of `;`-separated CSV with `"` quoting (quotes doubled),
/// CRLF or LF line ends and an optional byte-order mark.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ';' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Finds LibreOffice or fails the test with what to install.
fn soffice() -> String {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "LibreOffice (`soffice`) is needed for the .xlsx round trip: install the \
         package libreoffice-calc-nogui (make test does)"
    );
    "soffice".to_string()
}

/// Converts `file` to one CSV per sheet in `out` (`;`, `"`, UTF-8, cells as
/// shown), with a private user profile so parallel runs do not clash.
fn convert_to_csv(file: &Path, out: &Path, profile: &Path) {
    // Tokens: separator 59 (`;`), text delimiter 34 (`"`), character set 76
    // (UTF-8), first line 1, no cell formats, default language, quoted
    // fields as text, special numbers detected, contents saved as shown,
    // formulas not exported, spaces kept, -1 = every sheet to its own file.
    let filter = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1";
    let profile_url = format!("file://{}", profile.display());
    let output = Command::new(soffice())
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(out)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        output.status.success(),
        "soffice failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_xlsx_file_reads_back_in_libreoffice_cell_for_cell_on_every_sheet() {
    let workbook = Workbook {
        sheets: vec![every_kind("Deltakere"), every_kind("Frister")],
    };
    let bytes = workbook_xlsx(&workbook).expect("the workbook is written");
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("liste.xlsx");
    std::fs::write(&file, bytes).expect("the file is saved");
    let out = dir.path().join("csv");
    convert_to_csv(&file, &out, &dir.path().join("profile"));

    for sheet in &workbook.sheets {
        let csv = out.join(format!("liste-{}.csv", sheet.name));
        let text = std::fs::read_to_string(&csv).unwrap_or_else(|error| {
            let made: Vec<_> = std::fs::read_dir(&out)
                .map(|d| d.flatten().map(|e| e.file_name()).collect())
                .unwrap_or_default();
            panic!(
                "no CSV for sheet {:?} ({error}); made: {made:?}",
                sheet.name
            )
        });
        let read = parse_csv(&text);
        // LibreOffice shows numbers in its locale's notation; compare
        // decimals by value, everything else character for character.
        let expected = shown(sheet);
        assert_eq!(
            read.len(),
            expected.len(),
            "rows of {}: {read:?}",
            sheet.name
        );
        for (r, (got, want)) in read.iter().zip(&expected).enumerate() {
            assert_eq!(got.len(), want.len(), "cells in row {r}: {got:?}");
            for (c, (got, want)) in got.iter().zip(want).enumerate() {
                let as_number = |s: &str| s.replace(',', ".").parse::<f64>().ok();
                let decimal = r > 0 && matches!(sheet.rows[r - 1][c], Cell::Number(_));
                if decimal {
                    assert_eq!(as_number(got), as_number(want), "row {r}, column {c}");
                } else {
                    assert_eq!(got, want, "row {r}, column {c} of {}", sheet.name);
                }
            }
        }
    }
}

#[test]
fn the_csv_file_reads_back_cell_for_cell_with_only_the_defusing_marks_added() {
    let sheet = every_kind("Deltakere");
    let csv = workbook_csv(&Workbook {
        sheets: vec![sheet.clone()],
    });
    assert!(csv.starts_with('\u{FEFF}'), "the byte-order mark");
    assert!(csv.ends_with("\r\n"), "CRLF after the last line");
    let read = parse_csv(&csv);
    let mut expected = shown(&sheet);
    // The defused cells read back with a `'` before each formula character
    // that could start a cell; numbers are never defused.
    let mark = DEFUSING_MARK;
    expected[1][2] = format!("{mark}=1+1");
    expected[1][3] = format!("a,{mark}=b");
    expected[2][2] = format!("{mark}+47 900 00 000");
    expected[2][3] = format!("{mark}@SUM(A1)");
    expected[3][2] = format!("{mark}-1");
    assert_eq!(read, expected);
    assert_eq!(
        read[2][5], "-3",
        "a negative integer is a number, not defused"
    );
}
