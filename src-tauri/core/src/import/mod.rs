//! Importing participants from a spreadsheet (`.xlsx` or `.csv`).
//!
//! The path is read → detect columns → preview → commit. Each step is
//! separate so that the window can show the caseworker what was understood
//! (the encoding, the header row, the column mapping, each row's outcome)
//! before anything is written.

pub mod cells;
pub mod columns;
pub mod preview;
pub mod source;

pub use columns::{check_mapping, detect_columns, ColumnPlan, ImportField};
pub use preview::{
    ImportCounts, ImportOutcome, ImportPreview, ImportProgress, PreviewRow, RowOutcome,
};
pub use source::{read_sheet, ImportError, RawCell, RawSheet};
