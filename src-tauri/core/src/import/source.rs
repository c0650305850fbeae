//! Reading a spreadsheet file into raw cells.

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use std::io::Cursor;

/// One cell as the file held it, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    /// Text (every CSV cell is text).
    Text(String),
    /// A number (Excel stores dates typed as numbers too, as serials).
    Number(f64),
    /// A cell Excel formatted as a date.
    Date(NaiveDate),
    /// Nothing.
    Empty,
}

impl RawCell {
    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text for headers and notes: numbers without a needless
    /// `.0`, dates as `dd.mm.åååå`.
    pub fn display(&self) -> String {
        match self {
            RawCell::Text(text) => text.trim().to_string(),
            RawCell::Number(n) => format_number(*n),
            RawCell::Date(d) => d.format("%d.%m.%Y").to_string(),
            RawCell::Empty => String::new(),
        }
    }
}

/// A number as a person would write it: `12`, not `12.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A whole sheet as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSheet {
    /// Every row, in file order, each cell in column order.
    pub rows: Vec<Vec<RawCell>>,
    /// How the text was decoded: «UTF-8», «UTF-8 med BOM», «Windows-1252»
    /// or «Excel»; shown so that a wrongly guessed encoding is noticed.
    pub encoding: String,
    /// The CSV separator detected, `None` for a workbook.
    pub separator: Option<char>,
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file is damaged or not what its name says.
    #[error("file could not be read: {0}")]
    Unreadable(String),
    /// The name ends in neither `.xlsx` nor `.csv`.
    #[error("unknown file format")]
    UnknownFormat,
    /// No row among the first ten looks like a header.
    #[error("no header row found")]
    NoHeader,
    /// The caseworker cancelled the preview.
    #[error("import cancelled")]
    Cancelled,
    /// One field was mapped to two columns.
    #[error("field {0} mapped twice")]
    FieldTwice(&'static str),
    /// The file holds no sheet.
    #[error("workbook has no sheet")]
    NoSheet,
}

impl ImportError {
    /// Stable machine-readable code for the IPC boundary.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable(_) => "import_unreadable",
            ImportError::UnknownFormat => "import_unknown_format",
            ImportError::NoHeader => "import_no_header",
            ImportError::Cancelled => "import_cancelled",
            ImportError::FieldTwice(_) => "import_field_twice",
            ImportError::NoSheet => "import_no_sheet",
        }
    }

    /// What the caseworker should read, as a message to render in the
    /// window's language.
    pub fn message(&self) -> crate::language::Message {
        crate::language::Message::new(match self {
            ImportError::Unreadable(_) => "message.importUnreadable",
            ImportError::UnknownFormat => "message.importUnknownFormat",
            ImportError::NoHeader => "message.importNoHeader",
            ImportError::Cancelled => "message.importCancelled",
            ImportError::FieldTwice(_) => "message.importFieldTwice",
            ImportError::NoSheet => "message.importNoSheet",
        })
    }
}

/// Reads a file the caseworker chose. The format comes from the name's
/// ending, since the dialog offers exactly these two.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<RawSheet, ImportError> {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".xlsx") {
        read_xlsx(bytes)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        Ok(read_csv(bytes))
    } else {
        Err(ImportError::UnknownFormat)
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<RawSheet, ImportError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(ImportError::NoSheet)?
        .map_err(|e| ImportError::Unreadable(e.to_string()))?;
    // The range starts at the first used cell; pad above and to the left so
    // that row numbers match what the caseworker sees in Excel.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<RawCell>> = (0..top).map(|_| Vec::new()).collect();
    for row in range.rows() {
        let mut cells: Vec<RawCell> = (0..left).map(|_| RawCell::Empty).collect();
        cells.extend(row.iter().map(convert_cell));
        rows.push(cells);
    }
    Ok(RawSheet {
        rows,
        encoding: "Excel".to_string(),
        separator: None,
    })
}

fn convert_cell(cell: &Data) -> RawCell {
    match cell {
        Data::Empty => RawCell::Empty,
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Float(f) => RawCell::Number(*f),
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Bool(b) => RawCell::Text(if *b { "Ja" } else { "Nei" }.to_string()),
        Data::DateTime(dt) => match excel_serial_to_date(dt.as_f64()) {
            Some(date) => RawCell::Date(date),
            None => RawCell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(text) | Data::DurationIso(text) => RawCell::Text(text.clone()),
        Data::Error(_) => RawCell::Empty,
    }
}

/// The date of an Excel serial in the 1900 system. Excel counts 29.02.1900,
/// a day that never was (Lotus 1-2-3's leap-year bug), so serials from 61
/// on are one day ahead of a plain count from 31.12.1899.
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 31)?;
    let days = if days >= 61 { days - 1 } else { days };
    base.checked_add_signed(Duration::days(days))
}

/// Decodes CSV bytes: UTF-8 (with or without BOM) when they are valid
/// UTF-8, else Windows-1252, which is what Excel on a Norwegian Windows
/// writes for «CSV (semikolondelt)».
fn read_csv(bytes: &[u8]) -> RawSheet {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (String::from_utf8_lossy(rest).into_owned(), "UTF-8 med BOM")
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), "UTF-8")
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        (text.into_owned(), "Windows-1252")
    };
    let separator = detect_separator(&text);
    RawSheet {
        rows: parse_csv(&text, separator),
        encoding: encoding.to_string(),
        separator: Some(separator),
    }
}

/// `;` or `,`, whichever the first non-empty line has more of outside
/// quotes; `;` on a tie, since Norwegian Excel writes that.
fn detect_separator(text: &str) -> char {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if commas > semicolons {
        ','
    } else {
        ';'
    }
}

/// A small RFC 4180 parser: quoted fields may hold the separator, line
/// breaks and `""` for a quote; CRLF and LF both end a row.
fn parse_csv(text: &str, separator: char) -> Vec<Vec<RawCell>> {
    let mut rows = Vec::new();
    let mut row: Vec<RawCell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let cell = |field: &mut String| {
        let text = std::mem::take(field);
        if text.is_empty() {
            RawCell::Empty
        } else {
            RawCell::Text(text)
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == separator {
            row.push(cell(&mut field));
        } else if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(cell(&mut field));
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(cell(&mut field));
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &RawSheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| r.iter().map(RawCell::display).collect())
            .collect()
    }

    /// Bytes, encoding, separator, expected rows.
    type CsvCase = (
        &'static [u8],
        &'static str,
        char,
        &'static [&'static [&'static str]],
    );

    #[test]
    fn csv_cases() {
        let cases: &[CsvCase] = &[
            (b"a;b\r\n1;2\r\n", "UTF-8", ';', &[&["a", "b"], &["1", "2"]]),
            (
                b"\xEF\xBB\xBFa,b\n1,2",
                "UTF-8 med BOM",
                ',',
                &[&["a", "b"], &["1", "2"]],
            ),
            (
                b"\"x;y\";b\n\"a\"\"b\";c\n",
                "UTF-8",
                ';',
                &[&["x;y", "b"], &["a\"b", "c"]],
            ),
            (b"\"a,b\";c;d\n", "UTF-8", ';', &[&["a,b", "c", "d"]]),
            (
                b"navn;by\n\xd8yvind;Troms\xf8\n",
                "Windows-1252",
                ';',
                &[&["navn", "by"], &["Øyvind", "Tromsø"]],
            ),
            (
                b"\n\na,b,c\n",
                "UTF-8",
                ',',
                &[&[""], &[""], &["a", "b", "c"]],
            ),
        ];
        for (bytes, encoding, separator, expected) in cases {
            let sheet = read_sheet("f.csv", bytes).unwrap();
            assert_eq!(sheet.encoding, *encoding);
            assert_eq!(sheet.separator, Some(*separator));
            let expected: Vec<Vec<String>> = expected
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect();
            assert_eq!(
                texts(&sheet),
                expected,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn unknown_format_and_broken_xlsx() {
        assert_eq!(read_sheet("a.pdf", b"x"), Err(ImportError::UnknownFormat));
        assert_eq!(
            read_sheet("a.xlsx", b"no zip").unwrap_err().code(),
            "import_unreadable"
        );
    }

    #[test]
    fn excel_serials() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(excel_serial_to_date(1.0), d(1900, 1, 1));
        assert_eq!(excel_serial_to_date(59.0), d(1900, 2, 28));
        assert_eq!(excel_serial_to_date(61.0), d(1900, 3, 1));
        assert_eq!(excel_serial_to_date(43831.0), d(2020, 1, 1));
        assert_eq!(excel_serial_to_date(-3.0), None);
    }
}
