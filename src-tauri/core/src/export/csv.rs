//! A [`Workbook`] as CSV for Norwegian Excel: the first sheet only (CSV has
//! no sheets), UTF-8 with a byte-order mark, `;` between columns and CRLF
//! after every line, because that is what Excel on a Norwegian Windows
//! opens correctly with a double-click.
//!
//! Text that a spreadsheet could take for a formula is defused here, once,
//! for every CSV Introspor writes (the audit trail's too), so the rule can
//! never differ between files.

use super::table::{Cell, Workbook};
use crate::domain::date::format_date;

/// The characters that make a spreadsheet read a cell as a formula (or, for
/// tab and CR, that some spreadsheets strip before reading one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a text could be read as a formula by *some* spreadsheet: it
/// starts with a formula character, or one follows a `,` or `;` (after any
/// spaces). The second case matters because an English Excel splits the
/// file on commas, not semicolons, and then every piece is a cell start.
fn needs_defusing(text: &str) -> bool {
    if text.starts_with(FORMULA_STARTS) {
        return true;
    }
    let mut after_separator = false;
    for c in text.chars() {
        if after_separator {
            if c == ' ' {
                continue;
            }
            if FORMULA_STARTS.contains(&c) {
                return true;
            }
        }
        after_separator = c == ',' || c == ';';
    }
    false
}

/// One CSV field from text: prefixed with `'` when a spreadsheet could read
/// it as a formula (see the module's rule), then quoted when it holds `;`,
/// `"`, CR or LF (quotes doubled). Every CSV writer in Introspor uses this.
pub fn csv_cell(text: &str) -> String {
    let defused = if needs_defusing(text) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    quote(&defused)
}

/// Quotes a field when it holds the separator, a quote or a line break.
/// Numbers and dates go through here undefused: they are written by us, and
/// a negative number must stay a number.
fn quote(field: &str) -> String {
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// A number with a decimal comma, at most two decimals, trailing zeros
/// trimmed (`2,5`, not `2,50`; `3`, not `3,00`).
fn number_text(value: f64) -> String {
    let mut text = format!("{value:.2}");
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    if text == "-0" {
        text = "0".into();
    }
    text.replace('.', ",")
}

/// One cell as a CSV field.
fn cell_field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => csv_cell(text),
        Cell::Date(date) => format_date(*date),
        Cell::Integer(n) => n.to_string(),
        Cell::Number(n) => quote(&number_text(*n)),
    }
}

/// The workbook's first sheet as CSV bytes: byte-order mark, the header
/// row, then the rows, `;` between fields and CRLF after each line. A
/// workbook without sheets gives just the byte-order mark.
pub fn workbook_csv(workbook: &Workbook) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    if let Some(sheet) = workbook.sheets.first() {
        let header: Vec<String> = sheet.columns.iter().map(|c| csv_cell(&c.header)).collect();
        out.push_str(&header.join(";"));
        out.push_str("\r\n");
        for row in &sheet.rows {
            let fields: Vec<String> = row.iter().map(cell_field).collect();
            out.push_str(&fields.join(";"));
            out.push_str("\r\n");
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table::{Column, Sheet};
    use chrono::NaiveDate;

    #[test]
    fn text_is_defused_wherever_a_spreadsheet_could_start_a_cell() {
        let cases = [
            ("at the start", "=1+1", "'=1+1"),
            ("plus at the start", "+47 900 00 000", "'+47 900 00 000"),
            ("after a comma", "a,=b", "'a,=b"),
            ("after a semicolon", "a;=b", "\"'a;=b\""),
            ("after a comma and spaces", "a,  =b", "'a,  =b"),
            ("tab at the start", "\tx", "'\tx"),
            ("CR at the start", "\rx", "\"'\rx\""),
            ("tab after a comma", "a,\tb", "'a,\tb"),
            ("a phone number", "-47", "'-47"),
            ("an e-mail address", "a@b.no", "a@b.no"),
            ("at sign after a comma", "x,@y", "'x,@y"),
            ("minus inside a word", "Nord-Aurdal", "Nord-Aurdal"),
            ("a comma without a formula", "Oslo, Norge", "Oslo, Norge"),
            ("plain", "Nadia", "Nadia"),
            ("empty", "", ""),
        ];
        for (what, input, expected) in cases {
            assert_eq!(csv_cell(input), expected, "{what}: {input:?}");
        }
    }

    #[test]
    fn numbers_are_never_defused_and_use_a_decimal_comma() {
        assert_eq!(cell_field(&Cell::Integer(-3)), "-3");
        assert_eq!(cell_field(&Cell::Integer(42)), "42");
        assert_eq!(cell_field(&Cell::Number(-2.5)), "-2,5");
        assert_eq!(cell_field(&Cell::Number(3.0)), "3");
        assert_eq!(cell_field(&Cell::Number(0.125)), "0,13");
        assert_eq!(cell_field(&Cell::Number(1.10)), "1,1");
        assert_eq!(cell_field(&Cell::Number(-0.001)), "0");
    }

    #[test]
    fn the_first_sheet_is_written_with_bom_header_and_crlf() {
        let sheet = |name: &str| Sheet {
            name: name.into(),
            columns: vec![Column::new("Navn", 20.0), Column::new("Dato", 12.0)],
            rows: vec![
                vec![
                    Cell::text("Hun sa \"hei\""),
                    Cell::Date(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()),
                ],
                vec![Cell::Empty, Cell::Integer(7)],
            ],
        };
        let workbook = Workbook {
            sheets: vec![sheet("Første"), sheet("Andre")],
        };
        let csv = String::from_utf8(workbook_csv(&workbook)).unwrap();
        assert_eq!(
            csv,
            "\u{FEFF}Navn;Dato\r\n\"Hun sa \"\"hei\"\"\";01.03.2025\r\n;7\r\n"
        );
    }
}
