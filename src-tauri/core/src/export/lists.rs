//! The participant list and the deadline list as workbooks, as the
//! caseworker has filtered them on screen, every matching row and not only
//! the page shown.
//!
//! The headers and the words in the cells (status, law, final goal, the
//! deadline's kind and status) are the window's own (`i18n/nb/window.toml`, the
//! kinds from [`kind_label_nb`]); a test holds them to the catalogue. Unlike
//! the calendar file, these lists name the participants and hold the full
//! identity number: they are the caseworker's own working lists, made on
//! purpose, and the shell audits each export.

use crate::domain::deadline::DeadlineStatus;
use crate::domain::participant::ParticipantQuery;
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

// The words for statuses, laws and final goals are the reports' (one
// definition, kept in step with the window's catalogue by a test there).
pub use crate::export::reports::{final_goal_label_nb, law_label_nb, status_label_nb};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::seed_demo;
    use crate::domain::deadline::DeadlineKind;
    use crate::domain::law::Law;
    use crate::domain::participant::{FinalGoal, ParticipantSort, Status};
    use crate::domain::team::TeamRole;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 2).expect("a valid date")
    }

    fn demo_store() -> Store {
        let mut store = Store::open_in_memory().expect("an in-memory store");
        let added = seed_demo(&mut store, today()).expect("the demo register");
        assert!(added > 5, "the demo holds enough participants to filter");
        store
    }

    fn query() -> ParticipantQuery {
        ParticipantQuery {
            search: String::new(),
            status: None,
            law: None,
            archived: false,
            sort: ParticipantSort::Name,
            limit: None,
        }
    }

    fn headers(workbook: &Workbook) -> Vec<&str> {
        workbook.sheets[0]
            .columns
            .iter()
            .map(|c| c.header.as_str())
            .collect()
    }

    fn text(cell: &Cell) -> &str {
        match cell {
            Cell::Text(text) => text,
            Cell::Empty => "",
            other => panic!("not text: {other:?}"),
        }
    }

    /// The ids of the screen's list for the same query, read without a limit.
    fn screen_ids(store: &Store, query: &ParticipantQuery) -> Vec<i64> {
        let whole = ParticipantQuery {
            limit: None,
            ..query.clone()
        };
        let rows = store.participants(&whole).expect("the screen's list");
        rows.iter().map(|row| row.id).collect()
    }

    #[test]
    fn the_participant_list_holds_every_matching_row_with_the_page_limit_ignored() {
        let store = demo_store();
        let filters = [
            (
                "everyone in the register, a page of one",
                ParticipantQuery {
                    limit: Some(1),
                    ..query()
                },
            ),
            (
                "active ones",
                ParticipantQuery {
                    status: Some(Status::Active),
                    ..query()
                },
            ),
            (
                "by law",
                ParticipantQuery {
                    law: Some(Law::Integreringsloven),
                    ..query()
                },
            ),
            (
                "the archive",
                ParticipantQuery {
                    archived: true,
                    ..query()
                },
            ),
            (
                "by settlement",
                ParticipantQuery {
                    sort: ParticipantSort::SettlementDate,
                    ..query()
                },
            ),
            (
                "a search word",
                ParticipantQuery {
                    search: "demo".into(),
                    limit: Some(2),
                    ..query()
                },
            ),
            (
                "a search matching none",
                ParticipantQuery {
                    search: "ingen-slik-person".into(),
                    ..query()
                },
            ),
        ];
        for (what, query) in filters {
            let rows = store.participant_list_rows(&query).expect("the rows");
            let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
            assert_eq!(
                ids,
                screen_ids(&store, &query),
                "{what}: the screen's rows and order"
            );
            let export = participant_list(&store, &query).expect("the export");
            assert_eq!(export.rows, ids.len(), "{what}");
            assert_eq!(export.workbook.sheets.len(), 1, "{what}");
            assert_eq!(export.workbook.sheets[0].rows.len(), ids.len(), "{what}");
            for row in &rows {
                if let Some(status) = query.status {
                    assert_eq!(row.status, status, "{what}");
                }
                if let Some(law) = query.law {
                    assert_eq!(row.law, law, "{what}");
                }
                assert_eq!(row.archived, query.archived, "{what}");
            }
        }
        let page = ParticipantQuery {
            limit: Some(1),
            ..query()
        };
        assert!(
            participant_list(&store, &page).expect("the export").rows > 1,
            "more than the screen's page"
        );
    }

    #[test]
    fn each_participant_row_holds_the_full_facts_in_the_windows_words() {
        let store = demo_store();
        let export = participant_list(&store, &query()).expect("the export");
        assert_eq!(
            headers(&export.workbook),
            [
                "Etternavn",
                "Fornavn",
                "Fødselsnr.",
                "Fødselsdato",
                "Status",
                "Lov",
                "Bosatt",
                "Programstart",
                "Programslutt",
                "Sluttmål",
                "Fast kontaktperson",
                "Arkivert"
            ]
        );
        assert_eq!(export.workbook.sheets[0].name, "Deltakere");
        let rows = store.participant_list_rows(&query()).expect("the rows");
        let mut contacts = 0;
        let mut ends = 0;
        for (row, cells) in rows.iter().zip(&export.workbook.sheets[0].rows) {
            let participant = store.participant(row.id).expect("the participant");
            assert_eq!(cells.len(), PARTICIPANT_COLUMNS.len());
            assert_eq!(text(&cells[0]), participant.details.family_name);
            assert_eq!(text(&cells[1]), participant.details.given_name);
            let number = participant.details.identity_number.as_ref();
            assert_eq!(
                text(&cells[2]),
                number.map(|n| n.as_str()).unwrap_or(""),
                "the full number, as text"
            );
            assert_eq!(cells[3], Cell::date(participant.details.birth_date));
            assert_eq!(text(&cells[4]), status_label_nb(participant.details.status));
            assert!(text(&cells[5]).starts_with(law_label_nb(row.law)));
            assert_eq!(text(&cells[5]).ends_with("(overstyrt)"), row.law_overridden);
            assert_eq!(cells[6], Cell::date(participant.details.settlement_date));
            assert_eq!(
                cells[7],
                Cell::date(participant.details.programme.programme_start_date)
            );
            let end = store
                .participant_deadlines(row.id, today())
                .expect("the deadlines")
                .into_iter()
                .find(|d| d.kind == DeadlineKind::ProgrammeEnd.as_str())
                .map(|d| d.due);
            assert_eq!(cells[8], Cell::date(end), "the engine's programme end");
            ends += usize::from(end.is_some());
            assert_eq!(
                text(&cells[9]),
                final_goal_label_nb(participant.details.final_goal)
            );
            let fixed = store
                .team(row.id)
                .expect("the team")
                .into_iter()
                .find(|m| m.role == TeamRole::FixedContact && m.left_on.is_none())
                .map(|m| m.contact.name);
            assert_eq!(text(&cells[10]), fixed.as_deref().unwrap_or(""));
            contacts += usize::from(fixed.is_some());
            assert_eq!(text(&cells[11]), "");
        }
        assert!(contacts > 0, "the demo has fixed contacts to show");
        assert!(ends > 0, "the demo has programme ends to show");
        assert!(
            rows.iter().any(|r| r.law_overridden),
            "the demo has an overridden law"
        );
        let archive = participant_list(
            &store,
            &ParticipantQuery {
                archived: true,
                ..query()
            },
        )
        .expect("the archive");
        assert_eq!(archive.workbook.sheets[0].name, "Arkiverte deltakere");
        assert!(archive.workbook.sheets[0]
            .rows
            .iter()
            .all(|cells| text(&cells[11]) == "Ja"));
    }

    #[test]
    fn the_deadline_list_holds_every_matching_row_in_the_windows_words() {
        let store = demo_store();
        let screen = |filter: &DeadlineFilter| {
            store
                .deadlines(
                    &DeadlineFilter {
                        limit: None,
                        after: None,
                        ..filter.clone()
                    },
                    today(),
                )
                .expect("the screen's list")
        };
        let first_participant = screen_ids(&store, &query())[0];
        let filters = [
            (
                "pending, a page of two",
                DeadlineFilter {
                    open_only: true,
                    limit: Some(2),
                    ..DeadlineFilter::default()
                },
            ),
            ("all", DeadlineFilter::default()),
            (
                "overdue",
                DeadlineFilter {
                    status: Some(DeadlineStatus::Overdue),
                    ..DeadlineFilter::default()
                },
            ),
            (
                "done",
                DeadlineFilter {
                    status: Some(DeadlineStatus::Done),
                    ..DeadlineFilter::default()
                },
            ),
            (
                "own tasks",
                DeadlineFilter {
                    kind: Some(OWN_TASK_KIND.into()),
                    ..DeadlineFilter::default()
                },
            ),
            (
                "one kind",
                DeadlineFilter {
                    kind: Some(DeadlineKind::ProgrammeEnd.as_str().into()),
                    ..DeadlineFilter::default()
                },
            ),
            (
                "one participant",
                DeadlineFilter {
                    participant_id: Some(first_participant),
                    ..DeadlineFilter::default()
                },
            ),
            (
                "a period",
                DeadlineFilter {
                    from: Some(today()),
                    to: NaiveDate::from_ymd_opt(2025, 7, 1),
                    ..DeadlineFilter::default()
                },
            ),
        ];
        for (what, filter) in filters {
            let expected = screen(&filter);
            let export = deadline_list(&store, &filter, today()).expect("the export");
            assert_eq!(export.rows, expected.len(), "{what}");
            let sheet = &export.workbook.sheets[0];
            assert_eq!(sheet.rows.len(), expected.len(), "{what}");
            for (row, cells) in expected.iter().zip(&sheet.rows) {
                assert_eq!(cells.len(), DEADLINE_COLUMNS.len());
                assert_eq!(cells[0], Cell::Date(row.due), "{what}");
                assert_eq!(cells[1], Cell::Date(row.last_working_day), "{what}");
                assert_eq!(text(&cells[3]), row.participant_name, "{what}");
                assert_eq!(text(&cells[4]), row.case_reference, "{what}");
                assert_eq!(
                    text(&cells[5]),
                    deadline_status_label_nb(row.status),
                    "{what}"
                );
                assert_eq!(cells[6], Cell::date(row.done_on), "{what}");
                assert_eq!(text(&cells[7]), row.reference, "{what}");
                if let Some(kind) = &filter.kind {
                    assert_eq!(&row.kind, kind, "{what}");
                }
                if let Some(status) = filter.status {
                    assert_eq!(row.status, status, "{what}");
                }
                if filter.open_only {
                    assert!(
                        matches!(row.status, DeadlineStatus::Open | DeadlineStatus::Overdue),
                        "{what}"
                    );
                }
            }
        }
        let all = deadline_list(&store, &DeadlineFilter::default(), today()).expect("all");
        let sheet = &all.workbook.sheets[0];
        assert_eq!(sheet.name, "Frister");
        assert_eq!(
            headers(&all.workbook),
            [
                "Frist",
                "Siste arbeidsdag",
                "Hva",
                "Deltaker",
                "Saksreferanse",
                "Status",
                "Utført",
                "Hjemmel"
            ]
        );
        let whats: Vec<&str> = sheet.rows.iter().map(|cells| text(&cells[2])).collect();
        assert!(
            whats.contains(&"Bestille tolk til neste trekantsamtale (Egen oppgave)"),
            "{whats:?}"
        );
        assert!(whats.contains(&"Programslutt"), "{whats:?}");
        let statuses: Vec<&str> = sheet.rows.iter().map(|cells| text(&cells[5])).collect();
        for word in ["Åpen", "Forfalt", "Utført"] {
            assert!(statuses.contains(&word), "{word} in {statuses:?}");
        }
        let page = DeadlineFilter {
            limit: Some(2),
            ..DeadlineFilter::default()
        };
        assert!(
            deadline_list(&store, &page, today())
                .expect("the export")
                .rows
                > 2
        );
    }

    #[test]
    fn the_words_are_the_windows_catalogue() {
        let catalogue = crate::language::catalogue(crate::language::Language::Bokmal);
        let has = |key: String, label: &str| {
            assert_eq!(catalogue.get(&key), Some(label), "{key} in i18n/nb");
        };
        for status in Status::ALL {
            has(
                format!("status.{}", status.as_str()),
                status_label_nb(*status),
            );
        }
        for law in Law::ALL {
            has(format!("law.{}", law.as_str()), law_label_nb(*law));
        }
        for goal in FinalGoal::ALL {
            has(
                format!("goal.{}", goal.as_str()),
                final_goal_label_nb(Some(*goal)),
            );
        }
        has("goal.none".into(), final_goal_label_nb(None));
        for status in DeadlineStatus::ALL {
            has(
                format!("dstatus.{}", status.as_str()),
                deadline_status_label_nb(*status),
            );
        }
        has("law.overridden".into(), LAW_OVERRIDDEN_NB);
        for kind in DeadlineKind::ALL {
            has(
                format!("kind.{}", kind.as_str()),
                kind_label_nb(kind.as_str()),
            );
        }
        has(
            format!("kind.{OWN_TASK_KIND}"),
            kind_label_nb(OWN_TASK_KIND),
        );
        has("list.title".into(), "Deltakere");
        has("list.titleArchived".into(), "Arkiverte deltakere");
        has("team.fixedContact".into(), "Fast kontaktperson");
        has("deadlines.col.due".into(), "Frist");
        has("deadlines.col.lastWorkingDay".into(), "Siste arbeidsdag");
    }
}
