//! A spreadsheet read back by LibreOffice, which shares no code with our
//! writer: `soffice --headless --convert-to csv` turns the first sheet of
//! an `.xlsx` into CSV with every cell as it is shown (dates as Excel shows
//! them), and the test compares that with what was written.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The first sheet of the workbook at `path`, as LibreOffice shows its
/// cells, row by row. Fails when LibreOffice is missing (`make deps`
/// installs it: the Debian package libreoffice-calc-nogui).
pub fn sheet_as_shown(path: &Path) -> Vec<Vec<String>> {
    let out = tempfile::tempdir().expect("temporary folder");
    let profile = tempfile::tempdir().expect("temporary profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to"])
        // `;` between cells, `"` around text, UTF-8, from line 1, cells as shown.
        .arg("csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,true")
        .arg("--outdir")
        .arg(out.path())
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "LibreOffice (soffice) is missing: run `make deps` (libreoffice-calc-nogui): {e}"
            )
        });
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let csv = out
        .path()
        .join(path.file_stem().expect("a file name"))
        .with_extension("csv");
    let text = std::fs::read_to_string(&csv)
        .unwrap_or_else(|e| panic!("soffice wrote no {}: {e}", csv.display()));
    parse_csv(&text, ';')
}

/// Rows of a CSV text with `separator`, quotes doubled inside quoted cells.
pub fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, _) => cell.push(c),
            (false, '"') => quoted = true,
            (false, c) if c == separator => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}
