//! Keeps the database's CHECK lists in step with the core's closed sets:
//! each `choice!` set (and the law) is defined once in the domain, and this
//! test fails when a column's `IN (…)` list in the schema, as the
//! migrations leave it, names other values.

use crate::domain::deadline::{DeadlineStatus, EventKind, LeaveKind};
use crate::domain::interpreter::{
    InterpreterQualification, InterpretingMode, TolkeregisterCategory, UnqualifiedException,
};
use crate::domain::law::Law;
use crate::domain::meeting::{LegalBasis, MeetingKind, Recipient};
use crate::domain::participant::{Education, FinalGoal, Gender, PermitBasis, Status};
use crate::domain::programme_frame::WarningCode;
use crate::domain::team::{OrganisationKind, TeamRole};
use std::collections::BTreeSet;

/// The values the CHECK constraint on `table.column` allows, read from the
/// table's SQL as SQLite keeps it: the first `column IN ('…', …)`.
fn check_list(conn: &rusqlite::Connection, table: &str, column: &str) -> BTreeSet<String> {
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |row| row.get(0),
        )
        .unwrap_or_else(|_| panic!("table {table} should exist"));
    let flat: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let marker = format!("{column} IN (");
    let start = flat
        .find(&marker)
        .unwrap_or_else(|| panic!("{table}.{column} should have a CHECK list"))
        + marker.len();
    let end = start + flat[start..].find(')').expect("the list should close");
    flat[start..end]
        .split(',')
        .map(|item| item.trim().trim_matches('\'').to_string())
        .collect()
}

fn ids<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> BTreeSet<String> {
    all.iter().map(|&v| as_str(v).to_string()).collect()
}

#[test]
fn every_check_list_in_the_schema_names_exactly_its_closed_set() {
    let store = crate::Store::open_in_memory().unwrap();
    let laws = Law::ALL;
    let overrides = Law::OVERRIDES;
    // (table, column, the closed set's identifiers)
    let cases: Vec<(&str, &str, BTreeSet<String>)> = vec![
        ("participant", "gender", ids(Gender::ALL, Gender::as_str)),
        (
            "participant",
            "final_goal",
            ids(FinalGoal::ALL, FinalGoal::as_str),
        ),
        ("participant", "status", ids(Status::ALL, Status::as_str)),
        ("participant", "computed_law", ids(laws, Law::as_str)),
        ("participant", "law_override", ids(overrides, Law::as_str)),
        (
            "participant",
            "permit_basis",
            ids(PermitBasis::ALL, PermitBasis::as_str),
        ),
        (
            "participant",
            "education",
            ids(Education::ALL, Education::as_str),
        ),
        (
            "participant_warning",
            "code",
            ids(WarningCode::ALL, WarningCode::as_str),
        ),
        (
            "meeting",
            "interpreting_mode",
            ids(InterpretingMode::ALL, InterpretingMode::as_str),
        ),
        (
            "meeting",
            "interpreter_qualification",
            ids(
                InterpreterQualification::ALL,
                InterpreterQualification::as_str,
            ),
        ),
        (
            "meeting",
            "interpreter_category",
            ids(TolkeregisterCategory::ALL, TolkeregisterCategory::as_str),
        ),
        (
            "meeting",
            "unqualified_exception",
            ids(UnqualifiedException::ALL, UnqualifiedException::as_str),
        ),
        (
            "registrable_event",
            "kind",
            ids(EventKind::ALL, EventKind::as_str),
        ),
        ("leave", "kind", ids(LeaveKind::ALL, LeaveKind::as_str)),
        // «Overdue» is derived from the due date when reading, never stored.
        (
            "deadline",
            "state",
            ids(DeadlineStatus::ALL, DeadlineStatus::as_str)
                .into_iter()
                .filter(|s| s != DeadlineStatus::Overdue.as_str())
                .collect(),
        ),
        (
            "organisation",
            "kind",
            ids(OrganisationKind::ALL, OrganisationKind::as_str),
        ),
        (
            "team_membership",
            "role",
            ids(TeamRole::ALL, TeamRole::as_str),
        ),
        (
            "meeting",
            "kind",
            ids(MeetingKind::ALL, MeetingKind::as_str),
        ),
        (
            "sharing_log",
            "recipient",
            ids(Recipient::ALL, Recipient::as_str),
        ),
        (
            "sharing_log",
            "legal_basis",
            ids(LegalBasis::ALL, LegalBasis::as_str),
        ),
    ];
    for (table, column, expected) in cases {
        assert_eq!(
            check_list(&store.conn, table, column),
            expected,
            "{table}.{column}: the schema's CHECK list and the closed set should agree"
        );
    }
}
