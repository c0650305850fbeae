//! What an import would do, row by row, before anything is written.

use crate::domain::participant_form::ParticipantForm;
use crate::error::FieldError;
use crate::import::cells::{date_cell, gender_cell, identity_cell, split_full_name, text_cell};
use crate::import::columns::{fold, ColumnPlan, ImportField};
use crate::import::source::RawCell;
use crate::language::Message;
use chrono::NaiveDate;
use std::sync::atomic::{AtomicBool, AtomicUsize};

/// Progress of a preview, shared with the window so it can show a bar and
/// offer to cancel.
#[derive(Debug, Default)]
pub struct ImportProgress {
    /// Rows looked at so far.
    pub done: AtomicUsize,
    /// Rows to look at.
    pub total: AtomicUsize,
    /// Set by the window to stop the preview.
    pub cancelled: AtomicBool,
}

/// What would become of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    /// Would be registered.
    New,
    /// Already registered, or an earlier row in the file: not written.
    Duplicate,
    /// Does not pass the form's validation: not written.
    Refused,
}

impl RowOutcome {
    /// Stable identifier for the IPC boundary.
    pub fn as_str(self) -> &'static str {
        match self {
            RowOutcome::New => "new",
            RowOutcome::Duplicate => "duplicate",
            RowOutcome::Refused => "refused",
        }
    }
}

/// One data row of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    /// The data row's number, 1-based, the header row not counted.
    pub row: usize,
    /// What would become of it.
    pub outcome: RowOutcome,
    /// The form the row fills in, as the caseworker would have typed it.
    pub form: ParticipantForm,
    /// Exactly what the form's validation says.
    pub problems: Vec<FieldError>,
    /// What the import changed on the way (a leading zero put back, a name
    /// split), for the caseworker to check: messages, rendered in the
    /// window's language where the preview is shown.
    pub notes: Vec<Message>,
    /// For a duplicate: the registered participant's name or «rad N i filen».
    pub duplicate_of: Option<String>,
}

/// How many rows of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Rows that would be registered.
    pub new: usize,
    /// Rows already registered or repeated in the file.
    pub duplicate: usize,
    /// Rows the validation refuses.
    pub refused: usize,
    /// Total rows left out (blank rows are not counted at all).
    pub skipped: usize,
}

/// The whole preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    /// Every data row, in file order (blank and total rows left out).
    pub rows: Vec<PreviewRow>,
    /// The counts by outcome.
    pub counts: ImportCounts,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The new participants' ids, in file order.
    pub imported: Vec<i64>,
    /// Rows not written because the participant was already there.
    pub duplicates: usize,
    /// Rows not written because they did not validate.
    pub refused: usize,
    /// Total rows left out.
    pub skipped: usize,
}

/// Whether a row is blank (nothing but empty cells).
pub fn is_blank_row(row: &[RawCell]) -> bool {
    row.iter().all(RawCell::is_blank)
}

/// Whether a row is a sum line a caseworker added at the bottom: its first
/// filled cell says «Sum», «Totalt», «I alt»..., the rest are numbers.
pub fn is_total_row(row: &[RawCell]) -> bool {
    let mut filled = row.iter().filter(|c| !c.is_blank());
    let Some(first) = filled.next() else {
        return false;
    };
    let word = fold(&first.display());
    if !matches!(
        word.as_str(),
        "sum" | "totalt" | "total" | "ialt" | "antall" | "summa"
    ) {
        return false;
    }
    filled.all(|c| match c {
        RawCell::Number(_) => true,
        RawCell::Text(t) => t.trim().replace([' ', ','], "").parse::<f64>().is_ok(),
        _ => false,
    })
}

/// Fills the form from one row by the plan; notes say what was changed.
pub fn form_from_row(
    row: &[RawCell],
    plan: &ColumnPlan,
    today: NaiveDate,
) -> (ParticipantForm, Vec<Message>) {
    let mut form = ParticipantForm::default();
    let mut notes = Vec::new();
    for (index, field) in plan.mapping.iter().enumerate() {
        let Some(field) = field else { continue };
        let cell = row.get(index).unwrap_or(&RawCell::Empty);
        if field.is_date() {
            let date = date_cell(cell, today);
            let slot = match field {
                ImportField::BirthDate => &mut form.birth_date,
                ImportField::ResidencePermitDate => &mut form.residence_permit_date,
                ImportField::ArrivalDate => &mut form.arrival_date,
                ImportField::SettlementDate => &mut form.settlement_date,
                ImportField::ClaimDate => &mut form.claim_date,
                _ => &mut form.programme_start_date,
            };
            *slot = date;
            continue;
        }
        match field {
            ImportField::FullName => {
                let text = text_cell(cell);
                if !text.is_empty() {
                    let (given, family) = split_full_name(&text, &mut notes);
                    // Separate name columns, if also there, win.
                    if form.given_name.is_empty() {
                        form.given_name = given;
                    }
                    if form.family_name.is_empty() {
                        form.family_name = family;
                    }
                }
            }
            ImportField::GivenName => form.given_name = text_cell(cell),
            ImportField::FamilyName => form.family_name = text_cell(cell),
            ImportField::IdentityNumber => form.identity_number = identity_cell(cell, &mut notes),
            ImportField::Gender => form.gender = gender_cell(cell),
            ImportField::Languages => form.languages = text_cell(cell),
            ImportField::Phone => form.phone = text_cell(cell),
            ImportField::Email => form.email = text_cell(cell),
            ImportField::Address => form.address = text_cell(cell),
            ImportField::PermitBasis => form.permit_basis = text_cell(cell),
            ImportField::Education => form.education = text_cell(cell),
            ImportField::PlannedLengthMonths => form.planned_length_months = text_cell(cell),
            ImportField::Notes => form.notes = text_cell(cell),
            _ => {}
        }
    }
    (form, notes)
}

/// The key two rows are the same person by, when no identity number says
/// so: folded given and family name and the birth date. `None` without a
/// birth date, since a name alone is too common to refuse a row on.
pub fn name_key(given: &str, family: &str, birth_date: &str) -> Option<String> {
    let birth = birth_date.trim();
    if birth.is_empty() {
        return None;
    }
    Some(format!("{}|{}|{}", fold(given), fold(family), birth))
}
