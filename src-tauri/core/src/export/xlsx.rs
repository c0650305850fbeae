//! A [`Workbook`] as an `.xlsx` file, every sheet of it, written in memory.
//!
//! Each cell keeps its type, so the spreadsheet sorts and filters it right:
//! dates are real Excel dates shown `dd.mm.yyyy`, whole and decimal numbers
//! are numbers, and text is always written as a string. A text is never
//! taken for a formula (a name starting with `=` stays that text, unlike in
//! CSV no defusing mark is needed, since an `.xlsx` cell says what it
//! holds), and an identity number keeps its leading zero. The header row
//! is bold and frozen, an auto-filter covers the header and the rows, and
//! the columns are as wide as the model says.
//!
//! The bytes are returned rather than saved, so the shell decides where the
//! file goes (through the save dialog) and nothing is written to a
//! temporary file on the way.

use crate::domain::date::format_date;
use crate::export::table::{Cell, Sheet, Workbook};
use crate::language::{Arg, Language, Message};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet};

/// The number format of dates: Norwegian order, four-digit year.
pub const DATE_FORMAT: &str = "dd.mm.yyyy";

/// The most characters Excel holds in one cell.
pub const MAX_CELL_CHARACTERS: usize = 32_767;

/// Why a workbook could not be written as `.xlsx`. [`XlsxError::message`]
/// says it in any language (`file.xlsx.*` in the `exports` part), naming
/// sheets, rows and columns, never a cell's content; the error's own
/// display is the Bokmål message.
#[derive(Debug)]
pub enum XlsxError {
    /// A sheet's name is one Excel refuses (empty, too long, a character
    /// such as `/` or `:`, or the name of another sheet).
    SheetName {
        /// The name refused.
        name: String,
    },
    /// A text is longer than one Excel cell holds.
    TextTooLong {
        /// The sheet's name.
        sheet: String,
        /// The row, counted from 1 as the spreadsheet shows it (the header is row 1).
        row: usize,
        /// The column, counted from 1.
        column: usize,
    },
    /// The sheet has more rows or columns than Excel holds.
    TooLarge {
        /// The sheet's name.
        sheet: String,
    },
    /// The writer failed for another reason.
    Write(rust_xlsxwriter::XlsxError),
}

impl XlsxError {
    /// What went wrong, as a message to render where it is shown. Row and
    /// column numbers are plain digits, as the spreadsheet shows them.
    pub fn message(&self) -> Message {
        match self {
            XlsxError::SheetName { name } => {
                Message::new("file.xlsx.sheetName").with("name", Arg::Text(name.clone()))
            }
            XlsxError::TextTooLong { sheet, row, column } => Message::new("file.xlsx.textTooLong")
                .with("sheet", Arg::Text(sheet.clone()))
                .with("row", Arg::Text(row.to_string()))
                .with("column", Arg::Text(column.to_string())),
            XlsxError::TooLarge { sheet } => {
                Message::new("file.xlsx.tooLarge").with("sheet", Arg::Text(sheet.clone()))
            }
            XlsxError::Write(_) => Message::new("file.xlsx.write"),
        }
    }
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().render(Language::Bokmal))
    }
}

impl std::error::Error for XlsxError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            XlsxError::Write(error) => Some(error),
            _ => None,
        }
    }
}

/// The workbook as the bytes of an `.xlsx` file, one worksheet per sheet,
/// in order.
pub fn workbook_xlsx(workbook: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let formats = Formats::new();
    for sheet in &workbook.sheets {
        let worksheet = book.add_worksheet();
        write_sheet(worksheet, sheet, &formats)?;
    }
    // A name used twice (Excel compares them ignoring case) is found only
    // when the workbook is put together.
    book.save_to_buffer().map_err(|error| match error {
        rust_xlsxwriter::XlsxError::SheetnameReused(name) => XlsxError::SheetName { name },
        other => XlsxError::Write(other),
    })
}

/// The cell formats every sheet shares.
struct Formats {
    header: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format(DATE_FORMAT),
        }
    }
}

/// Writes one sheet: its name, widths, bold header, rows, frozen header
/// row and auto-filter.
fn write_sheet(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    formats: &Formats,
) -> Result<(), XlsxError> {
    worksheet
        .set_name(&sheet.name)
        .map_err(|error| match error {
            rust_xlsxwriter::XlsxError::SheetnameCannotBeBlank(_)
            | rust_xlsxwriter::XlsxError::SheetnameLengthExceeded(_)
            | rust_xlsxwriter::XlsxError::SheetnameReused(_)
            | rust_xlsxwriter::XlsxError::SheetnameContainsInvalidCharacter(_)
            | rust_xlsxwriter::XlsxError::SheetnameStartsOrEndsWithApostrophe(_) => {
                XlsxError::SheetName {
                    name: sheet.name.clone(),
                }
            }
            other => XlsxError::Write(other),
        })?;
    let too_large = || XlsxError::TooLarge {
        sheet: sheet.name.clone(),
    };
    let width = sheet
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(sheet.columns.len()))
        .max()
        .unwrap_or(0);
    let last_column = u16::try_from(width.saturating_sub(1)).map_err(|_| too_large())?;
    let last_row = u32::try_from(sheet.rows.len()).map_err(|_| too_large())?;
    // A place outside Excel's grid is reported as the sheet being too
    // large; any other failure of one write is the writer's own.
    let placed = |error: rust_xlsxwriter::XlsxError| match error {
        rust_xlsxwriter::XlsxError::RowColumnLimitError => too_large(),
        other => XlsxError::Write(other),
    };

    for (index, column) in sheet.columns.iter().enumerate() {
        let col = u16::try_from(index).map_err(|_| too_large())?;
        worksheet
            .set_column_width(col, column.width)
            .map_err(placed)?;
        write_text(
            worksheet,
            sheet,
            0,
            col,
            &column.header,
            Some(&formats.header),
        )?;
    }
    for (index, row) in sheet.rows.iter().enumerate() {
        let row_number = u32::try_from(index + 1).map_err(|_| too_large())?;
        for (index, cell) in row.iter().enumerate() {
            let col = u16::try_from(index).map_err(|_| too_large())?;
            write_cell(worksheet, sheet, row_number, col, cell, formats)?;
        }
    }
    if !sheet.columns.is_empty() {
        worksheet.set_freeze_panes(1, 0).map_err(placed)?;
        worksheet
            .autofilter(0, 0, last_row, last_column)
            .map_err(placed)?;
    }
    Ok(())
}

/// Writes one cell by its type.
fn write_cell(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    row: u32,
    col: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let placed = |error: rust_xlsxwriter::XlsxError| match error {
        rust_xlsxwriter::XlsxError::RowColumnLimitError => XlsxError::TooLarge {
            sheet: sheet.name.clone(),
        },
        other => XlsxError::Write(other),
    };
    match cell {
        Cell::Empty => {}
        Cell::Text(text) => write_text(worksheet, sheet, row, col, text, None)?,
        Cell::Date(date) => match excel_date(*date) {
            Some(excel) => {
                worksheet
                    .write_datetime_with_format(row, col, &excel, &formats.date)
                    .map_err(placed)?;
            }
            // Excel has no dates before 1900 (see `excel_date`); such a date
            // is kept as the text a reader would write, rather than lost or
            // shifted.
            None => write_text(worksheet, sheet, row, col, &format_date(*date), None)?,
        },
        Cell::Integer(number) => {
            // Excel holds every number as a double; counts and days are far
            // below the 2^53 where that loses a digit.
            worksheet
                .write_number(row, col, *number as f64)
                .map_err(placed)?;
        }
        Cell::Number(number) if number.is_finite() => {
            worksheet.write_number(row, col, *number).map_err(placed)?;
        }
        // Excel has no cell for an infinite or undefined number; it is left
        // empty, as the CSV writer does.
        Cell::Number(_) => {}
    }
    Ok(())
}

/// Writes a text as a string (never as a formula), refusing one longer
/// than a cell holds instead of letting Excel cut it.
fn write_text(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    row: u32,
    col: u16,
    text: &str,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    // Excel counts UTF-16 code units; a character outside the basic plane
    // takes two.
    if text.encode_utf16().count() > MAX_CELL_CHARACTERS {
        return Err(XlsxError::TextTooLong {
            sheet: sheet.name.clone(),
            row: row as usize + 1,
            column: usize::from(col) + 1,
        });
    }
    let written = match format {
        Some(format) => worksheet.write_string_with_format(row, col, text, format),
        None => worksheet.write_string(row, col, text),
    };
    written.map(|_| ()).map_err(|error| match error {
        rust_xlsxwriter::XlsxError::RowColumnLimitError => XlsxError::TooLarge {
            sheet: sheet.name.clone(),
        },
        other => XlsxError::Write(other),
    })
}

/// The first day written as an Excel date. Excel counts a 29 February
/// 1900 that never was, so its serial numbers for the first two months of
/// 1900 mean other days in LibreOffice; such dates are kept as text.
fn first_excel_date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1900, 3, 1)
}

/// The date as an Excel date, or `None` outside the days every spreadsheet
/// reads alike (1 March 1900 to 31 December 9999).
fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    if first_excel_date().is_none_or(|first| date < first) {
        return None;
    }
    let year = u16::try_from(date.year()).ok()?;
    // Month and day always fit in a byte.
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table::Column;

    fn sheet(name: &str, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.into(),
            columns: vec![Column::new("Navn", 20.0), Column::new("Dato", 12.0)],
            rows,
        }
    }

    #[test]
    fn a_workbook_becomes_the_bytes_of_a_zip_file() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 9).expect("a valid date");
        let workbook = Workbook {
            sheets: vec![
                sheet(
                    "Deltakere",
                    vec![vec![Cell::text("=1+1"), Cell::Date(date)]],
                ),
                sheet("Tomt", vec![]),
            ],
        };
        let bytes = workbook_xlsx(&workbook).expect("the workbook is written");
        assert!(bytes.starts_with(b"PK"), "an .xlsx file is a zip archive");
    }

    /// One part of the written file, as text.
    fn part(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
        let mut text = String::new();
        archive
            .by_name(name)
            .expect("the part exists")
            .read_to_string(&mut text)
            .expect("the part is text");
        text
    }

    #[test]
    fn the_header_is_bold_frozen_and_filtered_and_text_is_never_a_formula() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 9).expect("a valid date");
        let workbook = Workbook {
            sheets: vec![sheet(
                "Deltakere",
                vec![
                    vec![Cell::text("=1+1"), Cell::Date(date)],
                    vec![Cell::text("01017012345"), Cell::Integer(7)],
                ],
            )],
        };
        let bytes = workbook_xlsx(&workbook).expect("the workbook is written");
        let xml = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "the header row is frozen: {xml}"
        );
        assert!(xml.contains(r#"<autoFilter ref="A1:B3"/>"#), "{xml}");
        assert!(
            xml.contains(r#"width="20.7109375""#),
            "the model's width: {xml}"
        );
        assert!(!xml.contains("<f>"), "no cell is a formula: {xml}");
        let strings = part(&bytes, "xl/sharedStrings.xml");
        assert!(strings.contains("<t>=1+1</t>"), "{strings}");
        assert!(strings.contains("<t>01017012345</t>"), "{strings}");
        let styles = part(&bytes, "xl/styles.xml");
        assert!(styles.contains("<b/>"), "a bold font: {styles}");
        assert!(styles.contains(r#"formatCode="dd.mm.yyyy""#), "{styles}");
    }

    #[test]
    fn names_excel_refuses_are_reported_in_norwegian() {
        for name in ["", "a/b", "ett navn som er altfor langt for Excel"] {
            let error = workbook_xlsx(&Workbook {
                sheets: vec![sheet(name, vec![])],
            })
            .expect_err("the name is refused");
            assert!(
                matches!(error, XlsxError::SheetName { .. }),
                "{name:?}: {error:?}"
            );
            assert!(error.to_string().starts_with("Arknavnet"), "{error}");
        }
        let twice = workbook_xlsx(&Workbook {
            sheets: vec![sheet("Ark", vec![]), sheet("Ark", vec![])],
        });
        assert!(matches!(twice, Err(XlsxError::SheetName { .. })));
    }

    #[test]
    fn a_text_too_long_for_a_cell_is_refused_with_its_place() {
        let long = "å".repeat(MAX_CELL_CHARACTERS + 1);
        let error = workbook_xlsx(&Workbook {
            sheets: vec![sheet("Ark", vec![vec![Cell::Empty, Cell::text(long)]])],
        })
        .expect_err("too long");
        assert!(
            matches!(
                error,
                XlsxError::TextTooLong {
                    row: 2,
                    column: 2,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(
            !error.to_string().contains('å'),
            "no content in the message"
        );
    }

    #[test]
    fn dates_outside_excels_years_stay_as_text() {
        let old = NaiveDate::from_ymd_opt(1899, 12, 31).expect("a valid date");
        assert!(excel_date(old).is_none());
        let before_march = NaiveDate::from_ymd_opt(1900, 2, 28).expect("a valid date");
        assert!(excel_date(before_march).is_none());
        let march = NaiveDate::from_ymd_opt(1900, 3, 1).expect("a valid date");
        assert!(excel_date(march).is_some());
        let workbook = Workbook {
            sheets: vec![sheet("Ark", vec![vec![Cell::Empty, Cell::Date(old)]])],
        };
        assert!(workbook_xlsx(&workbook).is_ok());
    }

    #[test]
    fn the_messages_are_in_the_language_asked_for() {
        let errors = [
            XlsxError::SheetName { name: "a/b".into() },
            XlsxError::TextTooLong {
                sheet: "Ark".into(),
                row: 12_345,
                column: 2,
            },
            XlsxError::TooLarge {
                sheet: "Ark".into(),
            },
        ];
        for error in &errors {
            let bokmal = error.message().render(Language::Bokmal);
            assert_eq!(error.to_string(), bokmal, "the display is Bokmål");
            for language in [Language::Nynorsk, Language::English] {
                let text = error.message().render(language);
                assert!(!text.starts_with("file."), "{}: {text}", language.tag());
                {
                    assert_ne!(text, bokmal, "{}", language.tag());
                }
            }
        }
        assert!(
            errors[1].to_string().contains("rad 12345, kolonne 2"),
            "a row number as the spreadsheet shows it"
        );
    }
}
