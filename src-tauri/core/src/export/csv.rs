//! A [`Workbook`]'s first sheet as CSV for Excel on a Norwegian Windows.
//!
//! UTF-8 with a byte-order mark, `;` between cells and CRLF after every
//! line, because that is what Norwegian Excel opens correctly with a
//! double-click. Dates are written `dd.mm.åååå`, whole numbers as digits
//! and decimals with a decimal comma, which is how Norwegian Excel reads
//! them back as dates and numbers. A cell holding `;`, `"`, CR or LF is
//! quoted, with its quotes doubled.
//!
//! # Formulas are defused
//!
//! A spreadsheet takes a cell that starts with `=`, `+`, `-` or `@`, a tab
//! or a carriage return (the characters OWASP lists for CSV injection) for
//! a formula. A text cell can come from what someone typed (a name, a
//! note), so opening the file must never run it. Where a cell begins
//! depends on who reads the file: Norwegian Excel splits on `;`, an
//! English-language Excel on `,`, an import dialog may split on tabs, and
//! a reader that ignores our quoting starts a new row at every line break.
//! So a text is defused at its start *and* after every `,`, `;`, tab, CR
//! and LF inside it: where a formula character follows such a boundary
//! (spaces and `"` between them skipped, since a reader may trim spaces or
//! take a `"` as the start of a quoted cell), a `'` is put right before
//! that character. `a,=HYPERLINK(..)` becomes `a,'=HYPERLINK(..)`, which
//! is still readable and starts no formula in any of those readings. The
//! full-width forms `＝`, `＋`, `－` and `＠` count too, since some
//! spreadsheets fold them to their ASCII forms.
//!
//! Safety comes before looks: `ola,@nav.no` is defused (`ola,'@nav.no`)
//! although it may be meant as an e-mail list, while `ola@nav.no` and
//! `kari@nav.no, ola@nav.no` are left as they are, because no cell starts
//! with their `@` in any reading. A telephone number typed `-47 123` or
//! `+47 900 00 000` is defused; a word with a hyphen inside (`Nord-Norge`)
//! is not. Numbers written as numbers ([`Cell::Integer`],
//! [`Cell::Number`]) are not text and are never defused: `-3` stays `-3`.

use crate::domain::date::format_date;
use crate::export::table::{Cell, Sheet, Workbook};
use std::borrow::Cow;

/// The byte-order mark Excel needs to read the file as UTF-8.
pub const BOM: char = '\u{FEFF}';

/// The separator between cells.
pub const SEPARATOR: char = ';';

/// The end of every line.
pub const LINE_END: &str = "\r\n";

/// What is put before a formula character to make it text.
pub const DEFUSING_MARK: char = '\'';

/// The characters that make a spreadsheet read a cell as a formula when
/// the cell starts with one (OWASP's list, with the full-width forms).
pub const FORMULA_STARTERS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// The characters after which some reader of the file starts a new cell
/// or row: both separators in use, the tab and the line breaks.
const CELL_BOUNDARIES: [char; 5] = [',', ';', '\t', '\r', '\n'];

/// Whether a spreadsheet may read some part of `text` as a formula: a
/// formula character at its start or after a cell boundary (see the
/// module's documentation).
pub fn needs_defusing(text: &str) -> bool {
    defusing_points(text).next().is_some()
}

/// `text` with a `'` before every formula character that could start a
/// cell in some reading; unchanged (and not copied) when there is none.
pub fn defuse(text: &str) -> Cow<'_, str> {
    let points: Vec<usize> = defusing_points(text).collect();
    if points.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + points.len());
    let mut from = 0;
    for point in points {
        out.push_str(&text[from..point]);
        out.push(DEFUSING_MARK);
        from = point;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// The byte offsets of the formula characters that could start a cell:
/// the first one after the text's start or after a boundary, skipping
/// spaces and quotes.
fn defusing_points(text: &str) -> impl Iterator<Item = usize> + '_ {
    // A cell starts at offset 0 and right after every boundary character.
    let starts = std::iter::once(0).chain(
        text.char_indices()
            .filter(|(_, c)| CELL_BOUNDARIES.contains(c))
            .map(|(i, c)| i + c.len_utf8()),
    );
    starts.filter_map(move |start| {
        let (offset, first) = text[start..]
            .char_indices()
            .find(|(_, c)| *c != ' ' && *c != '"')?;
        FORMULA_STARTERS.contains(&first).then_some(start + offset)
    })
}

/// One text cell as a CSV field: defused, then quoted when it holds the
/// separator, a quote or a line break (its quotes doubled).
pub fn text_field(text: &str) -> String {
    quote(&defuse(text))
}

/// Quotes a field when it holds the separator, a quote, CR or LF.
fn quote(field: &str) -> String {
    if field.contains([SEPARATOR, '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// A decimal number as Norwegian Excel reads it: the shortest form that
/// reads back as the same number, with a decimal comma. A value that is
/// no number (infinite, NaN) is written as an empty cell, since no
/// spreadsheet reads it back as one.
pub fn decimal_text(value: f64) -> String {
    if value.is_finite() {
        value.to_string().replace('.', ",")
    } else {
        String::new()
    }
}

/// One cell as a CSV field.
pub fn cell_field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text_field(text),
        Cell::Date(date) => format_date(*date),
        Cell::Integer(number) => number.to_string(),
        Cell::Number(number) => decimal_text(*number),
    }
}

/// Appends one line of fields, separated and ended.
fn push_line(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(&field);
    }
    out.push_str(LINE_END);
}

/// A sheet as CSV text: the byte-order mark, the header line and one line
/// per row, each ending in CRLF.
pub fn sheet_csv(sheet: &Sheet) -> String {
    let mut out = String::new();
    out.push(BOM);
    push_line(
        &mut out,
        sheet
            .columns
            .iter()
            .map(|column| text_field(&column.header)),
    );
    for row in &sheet.rows {
        push_line(&mut out, row.iter().map(cell_field));
    }
    out
}

/// The workbook's first sheet as CSV text (CSV has no sheets); only the
/// byte-order mark when the workbook has no sheet.
pub fn workbook_csv(workbook: &Workbook) -> String {
    match workbook.sheets.first() {
        Some(sheet) => sheet_csv(sheet),
        None => BOM.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table::Column;
    use chrono::NaiveDate;

    #[test]
    fn formula_characters_are_defused_wherever_a_cell_could_start() {
        let cases = [
            ("a plain word", "Nadia", "Nadia"),
            ("empty", "", ""),
            ("a formula at the start", "=1+1", "'=1+1"),
            ("a plus at the start", "+47 900 00 000", "'+47 900 00 000"),
            ("a phone number with a minus", "-47 123", "'-47 123"),
            ("an at sign at the start", "@SUM(A1)", "'@SUM(A1)"),
            ("a tab at the start", "\tx", "'\tx"),
            ("a carriage return at the start", "\rx", "'\rx"),
            (
                "a formula after a comma",
                "a,=HYPERLINK(\"x\")",
                "a,'=HYPERLINK(\"x\")",
            ),
            ("a formula after a semicolon", "a;=1+1", "a;'=1+1"),
            ("a formula after a tab", "a\t=1+1", "a\t'=1+1"),
            ("a formula after a line break", "a\n=1+1", "a\n'=1+1"),
            ("a formula after CRLF", "a\r\n-1", "a\r\n'-1"),
            ("spaces after a comma", "Oslo,  -Bergen", "Oslo,  '-Bergen"),
            ("a quote after a comma", "a,\"=b\"", "a,\"'=b\""),
            ("spaces before a formula at the start", "  =1", "  '=1"),
            ("every boundary", "=a,=b;+c", "'=a,'=b;'+c"),
            ("a hyphen inside a word", "Nord-Norge", "Nord-Norge"),
            ("a minus after a space only", "5 - 3", "5 - 3"),
            ("an e-mail address", "ola@nav.no", "ola@nav.no"),
            (
                "e-mail addresses after a comma",
                "kari@nav.no, ola@nav.no",
                "kari@nav.no, ola@nav.no",
            ),
            (
                "an at sign right after a comma",
                "ola,@nav.no",
                "ola,'@nav.no",
            ),
            ("a comma followed by a word", "Hansen, Kari", "Hansen, Kari"),
            ("a full-width equals sign", "\u{FF1D}1+1", "'\u{FF1D}1+1"),
            ("Norwegian letters", "Æsenby Ørn Åsen", "Æsenby Ørn Åsen"),
            ("Arabic script", "مريم", "مريم"),
            ("Ge'ez script", "ሰላም", "ሰላም"),
        ];
        for (what, input, expected) in cases {
            assert_eq!(defuse(input), expected, "{what}");
            assert_eq!(needs_defusing(input), input != expected, "{what}");
        }
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let cases = [
            ("plain", "Nadia", "Nadia"),
            ("the separator", "a;b", "\"a;b\""),
            ("a comma", "Hansen, Kari", "Hansen, Kari"),
            ("a quote", "Hun sa \"hei\"", "\"Hun sa \"\"hei\"\"\""),
            ("a line break", "linje 1\nlinje 2", "\"linje 1\nlinje 2\""),
            ("a carriage return", "a\r\nb", "\"a\r\nb\""),
            (
                "a defused formula with quotes",
                "=HYPERLINK(\"x\")",
                "\"'=HYPERLINK(\"\"x\"\")\"",
            ),
        ];
        for (what, input, expected) in cases {
            assert_eq!(text_field(input), expected, "{what}");
        }
    }

    #[test]
    fn cells_are_written_as_norwegian_excel_reads_them() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 9).expect("a valid date");
        let cases = [
            ("empty", Cell::Empty, ""),
            ("a date", Cell::Date(date), "09.03.2025"),
            ("an integer", Cell::Integer(42), "42"),
            ("a negative integer, not defused", Cell::Integer(-3), "-3"),
            ("a decimal", Cell::Number(12.5), "12,5"),
            (
                "a negative decimal, not defused",
                Cell::Number(-0.25),
                "-0,25",
            ),
            ("a whole decimal", Cell::Number(3.0), "3"),
            ("no number", Cell::Number(f64::NAN), ""),
            (
                "an identity number keeps its zero",
                Cell::text("01017012345"),
                "01017012345",
            ),
            ("a text that looks negative", Cell::text("-3"), "'-3"),
        ];
        for (what, cell, expected) in cases {
            assert_eq!(cell_field(&cell), expected, "{what}");
        }
    }

    #[test]
    fn the_first_sheet_is_written_with_bom_header_and_crlf() {
        let sheet = |name: &str| Sheet {
            name: name.into(),
            columns: vec![Column::new("Navn", 20.0), Column::new("Antall; i alt", 8.0)],
            rows: vec![
                vec![Cell::text("Ødegård, Åse"), Cell::Integer(2)],
                vec![Cell::Empty, Cell::Number(1.5)],
            ],
        };
        let workbook = Workbook {
            sheets: vec![sheet("Første"), sheet("Andre")],
        };
        assert_eq!(
            workbook_csv(&workbook),
            "\u{FEFF}Navn;\"Antall; i alt\"\r\nØdegård, Åse;2\r\n;1,5\r\n"
        );
        assert_eq!(workbook_csv(&Workbook { sheets: vec![] }), "\u{FEFF}");
    }
}
