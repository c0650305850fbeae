//! The participant list and the deadline list as workbooks, as the
//! caseworker has filtered them on screen, every matching row and not only
//! the page shown.
//!
//! The headers and the words in the cells (status, law, final goal, the
//! deadline's kind and status) are the window's own (`ui/i18n/nb.js`, the
//! kinds from [`kind_label_nb`]); a test holds them to the catalogue. Unlike
//! the calendar file, these lists name the participants and hold the full
//! identity number: they are the caseworker's own working lists, made on
//! purpose, and the shell audits each export.

use crate::domain::deadline::DeadlineStatus;
use crate::domain::law::Law;
use crate::domain::participant::{FinalGoal, ParticipantQuery, Status};
use crate::error::CoreResult;
use crate::export::calendar::kind_label_nb;
use crate::export::table::{Cell, Column, Sheet, Workbook};
use crate::store::deadlines::{DeadlineFilter, DeadlineRow, OWN_TASK_KIND};
use crate::store::lists::ParticipantListRow;
use crate::store::Store;
use chrono::NaiveDate;

/// A list ready to be written, and how many rows it holds (for the
/// message after saving and the audit entry).
#[derive(Debug, Clone, PartialEq)]
pub struct ListExport {
    /// The list as a workbook of one sheet.
    pub workbook: Workbook,
    /// How many rows (participants or deadlines) it holds.
    pub rows: usize,
}

/// A programme status in the window's words.
pub fn status_label_nb(status: Status) -> &'static str {
    match status {
        Status::Prospective => "Kommende",
        Status::Active => "Aktiv",
        Status::OnLeave => "Permisjon",
        Status::Completed => "Fullført",
        Status::Terminated => "Avbrutt",
        Status::MovedAway => "Flyttet",
    }
}

/// A law in the window's words.
pub fn law_label_nb(law: Law) -> &'static str {
    match law {
        Law::Integreringsloven => "Integreringsloven",
        Law::Introduksjonsloven => "Introduksjonsloven",
        Law::Integreringsloven6a => "Integreringsloven kap. 6A",
        Law::Unknown => "Ukjent",
    }
}

/// A final goal in the window's words; none is «Ikke fastsatt».
pub fn final_goal_label_nb(goal: Option<FinalGoal>) -> &'static str {
    match goal {
        None => "Ikke fastsatt",
        Some(FinalGoal::Work) => "Arbeid",
        Some(FinalGoal::UpperSecondary) => "Videregående opplæring",
        Some(FinalGoal::PrimarySchool) => "Grunnskole",
        Some(FinalGoal::HigherEducation) => "Høyere utdanning",
        Some(FinalGoal::Other) => "Annet",
    }
}

/// A deadline's status in the window's words.
pub fn deadline_status_label_nb(status: DeadlineStatus) -> &'static str {
    match status {
        DeadlineStatus::Open => "Åpen",
        DeadlineStatus::Overdue => "Forfalt",
        DeadlineStatus::Done => "Utført",
        DeadlineStatus::NotApplicable => "Gjelder ikke",
    }
}

/// The window's mark beside a law the caseworker chose over the computed one.
const LAW_OVERRIDDEN_NB: &str = "overstyrt";

/// The participant list's columns: header and width in characters.
const PARTICIPANT_COLUMNS: [(&str, f64); 12] = [
    ("Etternavn", 20.0),
    ("Fornavn", 20.0),
    ("Fødselsnr.", 13.0),
    ("Fødselsdato", 12.0),
    ("Status", 12.0),
    ("Lov", 28.0),
    ("Bosatt", 12.0),
    ("Programstart", 13.0),
    ("Programslutt", 13.0),
    ("Sluttmål", 22.0),
    ("Fast kontaktperson", 24.0),
    ("Arkivert", 9.0),
];

/// The deadline list's columns: header and width in characters.
const DEADLINE_COLUMNS: [(&str, f64); 8] = [
    ("Frist", 12.0),
    ("Siste arbeidsdag", 16.0),
    ("Hva", 34.0),
    ("Deltaker", 26.0),
    ("Saksreferanse", 14.0),
    ("Status", 12.0),
    ("Utført", 12.0),
    ("Hjemmel", 36.0),
];

/// Columns from a table of headers and widths.
fn columns(table: &[(&str, f64)]) -> Vec<Column> {
    table
        .iter()
        .map(|(header, width)| Column::new(*header, *width))
        .collect()
}

/// One participant as a row of the exported list.
fn participant_cells(row: &ParticipantListRow) -> Vec<Cell> {
    let law = if row.law_overridden {
        format!("{} ({LAW_OVERRIDDEN_NB})", law_label_nb(row.law))
    } else {
        law_label_nb(row.law).to_string()
    };
    vec![
        Cell::text(row.family_name.as_str()),
        Cell::text(row.given_name.as_str()),
        // Text, so that a number starting with 0 keeps it.
        Cell::text(row.identity_number.clone().unwrap_or_default()),
        Cell::date(row.birth_date),
        Cell::text(status_label_nb(row.status)),
        Cell::text(law),
        Cell::date(row.settlement_date),
        Cell::date(row.programme_start_date),
        Cell::date(row.programme_end),
        Cell::text(final_goal_label_nb(row.final_goal)),
        Cell::text(row.fixed_contact.clone().unwrap_or_default()),
        Cell::text(if row.archived { "Ja" } else { "" }),
    ]
}

/// What a deadline is, as the window's «Hva» column shows it: the kind's
/// name, or an own task's title followed by «(Egen oppgave)».
fn deadline_what(row: &DeadlineRow) -> String {
    if row.kind == OWN_TASK_KIND {
        format!("{} ({})", row.title, kind_label_nb(OWN_TASK_KIND))
    } else {
        kind_label_nb(&row.kind).to_string()
    }
}

/// One deadline as a row of the exported list.
fn deadline_cells(row: &DeadlineRow) -> Vec<Cell> {
    vec![
        Cell::Date(row.due),
        Cell::Date(row.last_working_day),
        Cell::text(deadline_what(row)),
        Cell::text(row.participant_name.as_str()),
        Cell::text(row.case_reference.as_str()),
        Cell::text(deadline_status_label_nb(row.status)),
        Cell::date(row.done_on),
        Cell::text(row.reference.as_str()),
    ]
}

/// The participant list as a workbook: the rows already read.
pub fn participant_workbook(rows: &[ParticipantListRow], archived: bool) -> Workbook {
    Workbook {
        sheets: vec![Sheet {
            name: if archived {
                "Arkiverte deltakere".into()
            } else {
                "Deltakere".into()
            },
            columns: columns(&PARTICIPANT_COLUMNS),
            rows: rows.iter().map(participant_cells).collect(),
        }],
    }
}

/// The deadline list as a workbook: the rows already read.
pub fn deadline_workbook(rows: &[DeadlineRow]) -> Workbook {
    Workbook {
        sheets: vec![Sheet {
            name: "Frister".into(),
            columns: columns(&DEADLINE_COLUMNS),
            rows: rows.iter().map(deadline_cells).collect(),
        }],
    }
}

/// Every participant the list's filter matches (its page limit ignored),
/// in the list's order, as a workbook.
pub fn participant_list(store: &Store, query: &ParticipantQuery) -> CoreResult<ListExport> {
    let rows = store.participant_list_rows(query)?;
    Ok(ListExport {
        workbook: participant_workbook(&rows, query.archived),
        rows: rows.len(),
    })
}

/// Every deadline the list's filter matches as of `today` (its page limit
/// and cursor ignored), in the list's order, as a workbook.
pub fn deadline_list(
    store: &Store,
    filter: &DeadlineFilter,
    today: NaiveDate,
) -> CoreResult<ListExport> {
    let rows = store.deadline_list_rows(filter, today)?;
    Ok(ListExport {
        workbook: deadline_workbook(&rows),
        rows: rows.len(),
    })
}
