//! Transport types of the audit trail.

use serde::Serialize;

/// One changed field, values as a reader writes them; empty when none.
///
/// The window shows the field by its label (`audit.field.<field>` in the
/// catalogue, positions taken out: `agenda[].title`), a choice by its
/// value's label (`<choice>.<value>`), yes and no in words, and a
/// reference by the name the shell put in `fromText`/`toText`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditChangeDto {
    /// Column or composite field (`settlement_date`, `agenda[1].title`).
    pub field: String,
    /// Value before (dates as `dd.mm.åååå`, times as `HH:MM`).
    pub from: String,
    /// Value after.
    pub to: String,
    /// What the field holds: `text`, `date`, `time`, `yes_no`, `choice`,
    /// `reference` or `references` (see `audit_fields::FieldValue`).
    pub kind: &'static str,
    /// For a choice, the closed set's name in the catalogue (`recipient`).
    pub choice: Option<&'static str>,
    /// For a reference, the name (or names) the value before stands for;
    /// `(slettet)` for a record that no longer exists.
    pub from_text: Option<String>,
    /// For a reference, the name (or names) the value after stands for.
    pub to_text: Option<String>,
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryDto {
    /// Row id.
    pub id: i64,
    /// Local time, `dd.mm.åååå HH:MM`.
    pub at: String,
    /// Entity identifier (`participant`, `task`, …).
    pub entity_type: String,
    /// The record's id.
    pub entity_id: Option<i64>,
    /// The participant concerned.
    pub participant_id: Option<i64>,
    /// Action identifier (`create`, `update`, …).
    pub action: String,
    /// What changed, masked.
    pub changes: Vec<AuditChangeDto>,
    /// The reason given, or empty.
    pub reason: String,
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerificationDto {
    /// Whether every row holds together.
    pub intact: bool,
    /// Rows checked (intact), or rows before the break.
    pub rows: i64,
    /// The first broken row, if any.
    pub row_id: Option<i64>,
    /// `content_hash_mismatch` or `prev_hash_mismatch`; empty when intact.
    pub problem: String,
    /// What is wrong, in Norwegian; empty when intact.
    pub message: String,
    /// The newest row's hash, when intact.
    pub last_hash: String,
}

/// The result of exporting the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditExportDto {
    /// The file written, or empty if the caseworker cancelled.
    pub path: String,
    /// How many entries it holds.
    pub entries: usize,
}
