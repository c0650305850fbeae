//! A [`Workbook`] as an Excel file (`.xlsx`), written with `rust_xlsxwriter`.
//!
//! Each cell keeps its type: dates are real dates shown `dd.mm.åååå`, so
//! Excel sorts and filters them as dates; text is always written as text,
//! never as a formula, so an identity number keeps its leading zero and a
//! value starting with `=` is shown as typed and never run. The header row
//! is bold and frozen, and carries an auto-filter.

use crate::export::table::{Cell, Workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, XlsxError as WriterError};

/// Why the spreadsheet could not be made.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// The writer refused (a sheet name it cannot take, say).
    #[error("the spreadsheet could not be written: {0}")]
    Writer(#[from] WriterError),
}

impl XlsxError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        "xlsx_failed"
    }

    /// What happened, in Norwegian.
    pub fn message(&self) -> &'static str {
        "Kunne ikke lage regnearket. Ingenting ble lagret."
    }
}

/// Excel's limits for a sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str, index: usize) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        format!("Ark {}", index + 1)
    } else {
        clean
    }
}

/// The workbook's bytes.
pub fn workbook_xlsx(workbook: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let text = Format::new().set_num_format("@");
    for (index, sheet) in workbook.sheets.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&sheet.name, index))?;
        for (col, column) in sheet.columns.iter().enumerate() {
            let col = col as u16;
            ws.set_column_width(col, column.width)?;
            ws.write_string_with_format(0, col, &column.header, &header)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    // Text as text, even "=1+1" or "01017012345".
                    Cell::Text(value) => {
                        ws.write_string_with_format(r, c, value, &text)?;
                    }
                    Cell::Date(day) => {
                        use chrono::Datelike;
                        let value = ExcelDateTime::from_ymd(
                            day.year() as u16,
                            day.month() as u8,
                            day.day() as u8,
                        )?;
                        ws.write_datetime_with_format(r, c, &value, &date)?;
                    }
                    Cell::Integer(n) => {
                        ws.write_number(r, c, *n as f64)?;
                    }
                    Cell::Number(x) => {
                        ws.write_number(r, c, *x)?;
                    }
                }
            }
        }
        if !sheet.columns.is_empty() {
            ws.set_freeze_panes(1, 0)?;
            let last_col = sheet.columns.len() as u16 - 1;
            ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table::{Column, Sheet};

    #[test]
    fn a_workbook_with_every_cell_kind_is_written() {
        let book = Workbook {
            sheets: vec![Sheet {
                name: "Frister: [alle]".into(),
                columns: vec![Column::new("A", 10.0), Column::new("B", 12.0)],
                rows: vec![
                    vec![
                        Cell::text("=1+1"),
                        Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()),
                    ],
                    vec![Cell::Integer(-3), Cell::Number(0.75)],
                    vec![Cell::Empty, Cell::text("01017012345")],
                ],
            }],
        };
        let bytes = workbook_xlsx(&book).unwrap();
        assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
        assert_eq!(sheet_name("Frister: [alle]", 0), "Frister alle");
        assert_eq!(sheet_name("", 2), "Ark 3");
    }
}
