//! The participant list and the deadline list as workbooks, as the
//! caseworker has filtered them on screen, every matching row and not only
//! the page shown, in the language asked for.
//!
//! The headers are the screen's own column headers (`list.col.*`,
//! `deadlines.col.*` in `i18n/<language>/window.toml`; the columns the
//! screen does not show are in the `exports` part), and the words in the
//! cells (status, law, final goal, the deadline's kind and status) are the
//! window's labels ([`crate::export::labels`]). Unlike the calendar file,
//! these lists name the participants and hold the full identity number:
//! they are the caseworker's own working lists, made on purpose, and the
//! shell audits each export.

use crate::domain::participant::ParticipantQuery;
use crate::error::CoreResult;
use crate::export::labels::{
    deadline_kind_label, deadline_status_label, final_goal_label, law_label, status_label,
};
use crate::export::table::{Cell, Column, Sheet, Workbook};
use crate::language::{catalogue, Catalogue, Language};
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

/// The participant list's columns: the header's key and the width in
/// characters.
const PARTICIPANT_COLUMNS: [(&str, f64); 12] = [
    ("field.familyName", 20.0),
    ("field.givenName", 20.0),
    ("list.col.number", 13.0),
    ("field.birthDate", 12.0),
    ("list.col.status", 12.0),
    ("list.col.law", 28.0),
    ("list.col.settled", 12.0),
    ("file.col.programmeStart", 13.0),
    ("file.col.programmeEnd", 13.0),
    ("list.col.goal", 22.0),
    ("team.fixedContact", 24.0),
    ("list.archivedMark", 9.0),
];

/// The deadline list's columns: the header's key and the width in
/// characters.
const DEADLINE_COLUMNS: [(&str, f64); 8] = [
    ("deadlines.col.due", 12.0),
    ("deadlines.col.lastWorkingDay", 16.0),
    ("deadlines.col.kind", 34.0),
    ("deadlines.col.participant", 26.0),
    ("file.col.caseReference", 14.0),
    ("deadlines.col.status", 12.0),
    ("file.col.doneOn", 12.0),
    ("file.col.reference", 36.0),
];

/// Columns from a table of header keys and widths.
fn columns(table: &[(&str, f64)], texts: &Catalogue) -> Vec<Column> {
    table
        .iter()
        .map(|(key, width)| Column::new(texts.render(key, &[]), *width))
        .collect()
}

/// One participant as a row of the exported list.
fn participant_cells(row: &ParticipantListRow, texts: &Catalogue) -> Vec<Cell> {
    let language = texts.language();
    let law = if row.law_overridden {
        // The window's mark beside a law the caseworker chose over the
        // computed one.
        format!(
            "{} ({})",
            law_label(row.law, language),
            texts.render("law.overridden", &[])
        )
    } else {
        law_label(row.law, language)
    };
    vec![
        Cell::text(row.family_name.as_str()),
        Cell::text(row.given_name.as_str()),
        // Text, so that a number starting with 0 keeps it.
        Cell::text(row.identity_number.clone().unwrap_or_default()),
        Cell::date(row.birth_date),
        Cell::text(status_label(row.status, language)),
        Cell::text(law),
        Cell::date(row.settlement_date),
        Cell::date(row.programme_start_date),
        Cell::date(row.programme_end),
        Cell::text(final_goal_label(row.final_goal, language)),
        Cell::text(row.fixed_contact.clone().unwrap_or_default()),
        Cell::text(if row.archived {
            texts.render("file.yes", &[])
        } else {
            String::new()
        }),
    ]
}

/// What a deadline is, as the window's «Hva» column shows it: the kind's
/// name, or an own task's title followed by «(Egen oppgave)».
fn deadline_what(row: &DeadlineRow, language: Language) -> String {
    if row.kind == OWN_TASK_KIND {
        format!(
            "{} ({})",
            row.title,
            deadline_kind_label(OWN_TASK_KIND, language)
        )
    } else {
        deadline_kind_label(&row.kind, language)
    }
}

/// One deadline as a row of the exported list.
fn deadline_cells(row: &DeadlineRow, language: Language) -> Vec<Cell> {
    vec![
        Cell::Date(row.due),
        Cell::Date(row.last_working_day),
        Cell::text(deadline_what(row, language)),
        Cell::text(row.participant_name.as_str()),
        Cell::text(row.case_reference.as_str()),
        Cell::text(deadline_status_label(row.status, language)),
        Cell::date(row.done_on),
        Cell::text(row.reference.as_str()),
    ]
}

/// The participant list as a workbook in `language`: the rows already
/// read.
pub fn participant_workbook(
    rows: &[ParticipantListRow],
    archived: bool,
    language: Language,
) -> Workbook {
    let texts = catalogue(language);
    Workbook {
        sheets: vec![Sheet {
            name: texts.render(
                if archived {
                    "list.titleArchived"
                } else {
                    "list.title"
                },
                &[],
            ),
            columns: columns(&PARTICIPANT_COLUMNS, texts),
            rows: rows
                .iter()
                .map(|row| participant_cells(row, texts))
                .collect(),
        }],
    }
}

/// The deadline list as a workbook in `language`: the rows already read.
pub fn deadline_workbook(rows: &[DeadlineRow], language: Language) -> Workbook {
    let texts = catalogue(language);
    Workbook {
        sheets: vec![Sheet {
            name: texts.render("file.deadlines.sheet", &[]),
            columns: columns(&DEADLINE_COLUMNS, texts),
            rows: rows
                .iter()
                .map(|row| deadline_cells(row, language))
                .collect(),
        }],
    }
}

/// Every participant the list's filter matches (its page limit ignored),
/// in the list's order, as a workbook in `language`.
pub fn participant_list(
    store: &Store,
    query: &ParticipantQuery,
    language: Language,
) -> CoreResult<ListExport> {
    let rows = store.participant_list_rows(query)?;
    Ok(ListExport {
        workbook: participant_workbook(&rows, query.archived, language),
        rows: rows.len(),
    })
}

/// Every deadline the list's filter matches as of `today` (its page limit
/// and cursor ignored), in the list's order, as a workbook in `language`.
pub fn deadline_list(
    store: &Store,
    filter: &DeadlineFilter,
    today: NaiveDate,
    language: Language,
) -> CoreResult<ListExport> {
    let rows = store.deadline_list_rows(filter, today)?;
    Ok(ListExport {
        workbook: deadline_workbook(&rows, language),
        rows: rows.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::seed_demo;
    use crate::domain::deadline::{DeadlineKind, DeadlineStatus};
    use crate::domain::law::Law;
    use crate::domain::participant::{ParticipantSort, Status};
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
            let export = participant_list(&store, &query, Language::Bokmal).expect("the export");
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
            participant_list(&store, &page, Language::Bokmal)
                .expect("the export")
                .rows
                > 1,
            "more than the screen's page"
        );
    }

    #[test]
    fn each_participant_row_holds_the_full_facts_in_the_windows_words() {
        let store = demo_store();
        let export = participant_list(&store, &query(), Language::Bokmal).expect("the export");
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
            assert_eq!(
                text(&cells[4]),
                &status_label(participant.details.status, Language::Bokmal)
            );
            assert!(text(&cells[5]).starts_with(&law_label(row.law, Language::Bokmal)));
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
                &final_goal_label(participant.details.final_goal, Language::Bokmal)
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
            Language::Bokmal,
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
            let export =
                deadline_list(&store, &filter, today(), Language::Bokmal).expect("the export");
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
                    &deadline_status_label(row.status, Language::Bokmal),
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
        let all = deadline_list(
            &store,
            &DeadlineFilter::default(),
            today(),
            Language::Bokmal,
        )
        .expect("all");
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
            deadline_list(&store, &page, today(), Language::Bokmal)
                .expect("the export")
                .rows
                > 2
        );
    }

    #[test]
    fn nynorsk_and_english_lists_have_no_bokmal_left() {
        use crate::export::test_support::{still_bokmal, workbook_texts};
        let store = demo_store();
        let archived = ParticipantQuery {
            archived: true,
            ..query()
        };
        let mut data: Vec<String> = Vec::new();
        for q in [query(), archived.clone()] {
            for row in store.participant_list_rows(&q).expect("the rows") {
                data.extend([row.family_name, row.given_name]);
                data.extend(row.fixed_contact);
            }
        }
        for row in store
            .deadline_list_rows(&DeadlineFilter::default(), today())
            .expect("the rows")
        {
            data.extend([row.participant_name, row.case_reference, row.reference]);
        }
        let lists = |language| {
            [
                participant_list(&store, &query(), language).expect("the list"),
                participant_list(&store, &archived, language).expect("the archive"),
                deadline_list(&store, &DeadlineFilter::default(), today(), language)
                    .expect("the deadlines"),
            ]
        };
        let bokmal = lists(Language::Bokmal);
        for language in [Language::Nynorsk, Language::English] {
            for (nb, other) in bokmal.iter().zip(lists(language)) {
                assert_eq!(nb.rows, other.rows);
                let left = still_bokmal(
                    &workbook_texts(&nb.workbook),
                    &workbook_texts(&other.workbook),
                    language,
                    &data,
                );
                assert!(
                    left.is_empty(),
                    "{}: still Bokmål: {left:?}",
                    language.tag()
                );
            }
        }
    }

    #[test]
    fn the_lists_sheet_names_fit_a_spreadsheet_in_every_language() {
        let rows: [ParticipantListRow; 0] = [];
        for language in Language::ALL {
            for book in [
                participant_workbook(&rows, false, language),
                participant_workbook(&rows, true, language),
                deadline_workbook(&[], language),
            ] {
                let name = &book.sheets[0].name;
                assert!(name.chars().count() <= 31, "{}: {name}", language.tag());
            }
        }
    }
}
