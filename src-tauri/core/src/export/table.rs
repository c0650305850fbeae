//! The model every list and report leaves Introspor in: sheets of typed
//! cells, written as `.xlsx` or as CSV for Norwegian Excel by the writers
//! beside it. A list is built once as a [`Workbook`]; the file format is
//! chosen only when it is written, so the spreadsheet and the CSV of the
//! same list can never disagree.

use chrono::NaiveDate;

/// One cell's value, typed so that a spreadsheet sorts and filters it
/// right: dates as real dates, identity numbers as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, written as text even when it looks like a number (an identity
    /// number keeps its leading zero) or a formula (it is defused).
    Text(String),
    /// A calendar date, shown `dd.mm.åååå`.
    Date(NaiveDate),
    /// A whole number (counts, days).
    Integer(i64),
    /// A number with decimals (a rate). It is written as it is (the CSV in
    /// its shortest exact form with a decimal comma, the `.xlsx` as a
    /// number in the General format), so a list rounds it to the precision
    /// it wants shown before building the cell.
    Number(f64),
}

impl Cell {
    /// Text, or [`Cell::Empty`] when the text is empty.
    pub fn text(value: impl Into<String>) -> Self {
        let value = value.into();
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    /// A date, or [`Cell::Empty`] when there is none.
    pub fn date(value: Option<NaiveDate>) -> Self {
        value.map_or(Cell::Empty, Cell::Date)
    }
}

/// One column: its header and how wide it is shown, in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header cell's text.
    pub header: String,
    /// The column's width in characters (a spreadsheet's unit).
    pub width: f64,
}

impl Column {
    /// A column with a header and a width in characters.
    pub fn new(header: impl Into<String>, width: f64) -> Self {
        Column {
            header: header.into(),
            width,
        }
    }
}

/// One sheet: a name, a header row and rows with one cell per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters, no `[]:*?/\`).
    pub name: String,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The rows; each has exactly one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// What one export holds: one or more sheets. A CSV file holds only the
/// first sheet, since CSV has no sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// The sheets, in order; the first is the one a CSV holds.
    pub sheets: Vec<Sheet>,
}
