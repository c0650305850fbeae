//! The participant list and the deadline list as the caseworker filters
//! them on screen, as workbooks: every row the filter matches, not only
//! the pages the screen shows. These are the caseworker's own working
//! lists, so they carry names and full identity numbers; every export is
//! recorded in the audit trail by the shell.

use crate::domain::deadline::DeadlineStatus;
use crate::domain::participant::ParticipantSummary;
use crate::export::calendar::kind_label_nb;
use crate::export::reports::{final_goal_label_nb, law_label_nb, status_label_nb};
use crate::export::table::{Cell, Column, Sheet, Workbook};
use crate::store::deadlines::DeadlineRow;
use chrono::NaiveDate;

/// What the participant list holds beyond a list row: the full identity
/// number, birth date and the programme's dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantListFacts {
    /// The identity number in full, if known.
    pub identity_number: Option<String>,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// The programme's start.
    pub programme_start: Option<NaiveDate>,
    /// The programme's end, when it has ended.
    pub ended: Option<NaiveDate>,
}

/// The word for a deadline's status, as the window shows it.
pub fn deadline_status_label_nb(status: DeadlineStatus) -> &'static str {
    match status {
        DeadlineStatus::Open => "Åpen",
        DeadlineStatus::Overdue => "Forfalt",
        DeadlineStatus::Done => "Utført",
        DeadlineStatus::NotApplicable => "Gjelder ikke",
    }
}

/// The participant list as one sheet.
pub fn participant_list_workbook(rows: &[(ParticipantSummary, ParticipantListFacts)]) -> Workbook {
    let columns = vec![
        Column::new("Etternavn", 22.0),
        Column::new("Fornavn", 22.0),
        Column::new("Fødselsnummer / D-nummer", 16.0),
        Column::new("Fødselsdato", 12.0),
        Column::new("Status", 18.0),
        Column::new("Lov", 24.0),
        Column::new("Bosettingsdato", 14.0),
        Column::new("Programstart", 13.0),
        Column::new("Programslutt", 13.0),
        Column::new("Sluttmål", 22.0),
        Column::new("Arkivert", 9.0),
    ];
    let rows = rows
        .iter()
        .map(|(p, facts)| {
            vec![
                Cell::text(p.family_name.clone()),
                Cell::text(p.given_name.clone()),
                Cell::text(facts.identity_number.clone().unwrap_or_default()),
                Cell::date(facts.birth_date),
                Cell::text(status_label_nb(p.status)),
                Cell::text(law_label_nb(p.law)),
                Cell::date(p.settlement_date),
                Cell::date(facts.programme_start),
                Cell::date(facts.ended),
                Cell::text(final_goal_label_nb(p.final_goal)),
                Cell::text(if p.archived { "Ja" } else { "" }),
            ]
        })
        .collect();
    Workbook {
        sheets: vec![Sheet {
            name: "Deltakere".into(),
            columns,
            rows,
        }],
    }
}

/// The deadline list as one sheet.
pub fn deadline_list_workbook(rows: &[DeadlineRow]) -> Workbook {
    let columns = vec![
        Column::new("Frist", 12.0),
        Column::new("Siste arbeidsdag", 15.0),
        Column::new("Type", 30.0),
        Column::new("Oppgave", 28.0),
        Column::new("Deltaker", 28.0),
        Column::new("Saksreferanse", 13.0),
        Column::new("Status", 13.0),
        Column::new("Utført", 12.0),
        Column::new("Hjemmel", 34.0),
    ];
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Date(r.due),
                Cell::Date(r.last_working_day),
                Cell::text(kind_label_nb(&r.kind)),
                Cell::text(r.title.clone()),
                Cell::text(r.participant_name.clone()),
                Cell::text(r.case_reference.clone()),
                Cell::text(deadline_status_label_nb(r.status)),
                Cell::date(r.done_on),
                Cell::text(r.reference.clone()),
            ]
        })
        .collect();
    Workbook {
        sheets: vec![Sheet {
            name: "Frister".into(),
            columns,
            rows,
        }],
    }
}
