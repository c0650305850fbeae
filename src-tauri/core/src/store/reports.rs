//! The rows the reports for internal control are counted from
//! ([`crate::domain::report`]).
//!
//! Each report reads with a fixed number of queries, whatever the size of
//! the register (no query per participant), so it stays fast at 10,000
//! participants:
//!
//! | report | queries |
//! |---|---|
//! | [`Store::caseload_report`] | 1 (participants, with an approved leave covering the day as a sub-select) |
//! | [`Store::deadline_compliance`] | 1 (deadlines due in the period, with their participant) |
//! | [`Store::registration_debt`] | 1 (open IMDi registrations, with participant and event) |
//! | [`Store::supervision_report`] | 2 (the participant, their deadlines) |
//! | [`Store::supervision_document`] | 5 (as above, and the letterhead's three settings) |
//! | [`Store::deadline_chart`] | 2 (open deadlines in the coming weeks, and the compliance rows) |
//!
//! Every row is read by column name.

use crate::domain::deadline::{DeadlineKind, DeadlineStatus, EventKind};
use crate::domain::law::Law;
use crate::domain::participant::{Education, FinalGoal, Status};
use crate::domain::report::{
    caseload, deadline_chart, deadline_compliance, registration_debt, supervision_report,
    CaseloadEntry, CaseloadReport, DeadlineChart, DeadlineCompliance, RegistrationDebt,
    StoredLegalDeadline, StoredRegistration, SupervisionFacts, SupervisionReport,
};
use crate::domain::retention::case_reference_of;
use crate::error::CoreResult;
use crate::export::minutes::MinutesDocument;
use crate::language::Language;
use crate::store::Store;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::types::Type;
use rusqlite::{params, Row};

/// Reads a stored choice by column name; an identifier this version does
/// not know is an error, since the schema's CHECK lists allow none.
fn choice<T>(row: &Row<'_>, column: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| unknown_choice(column, &text))
}

/// As [`choice`], for a column that may be NULL.
fn optional_choice<T>(
    row: &Row<'_>,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(column)?;
    text.map(|text| parse(&text).ok_or_else(|| unknown_choice(column, &text)))
        .transpose()
}

fn unknown_choice(column: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        Type::Text,
        format!("unknown stored choice {text:?} in {column}").into(),
    )
}

/// The full name as the deadline lists show it.
fn full_name(given: &str, family: &str) -> String {
    format!("{given} {family}")
}

/// The columns of a legal deadline with its participant, for
/// [`legal_deadline_row`].
const LEGAL_DEADLINE_COLUMNS: &str = "d.id AS deadline_id, d.participant_id AS participant_id, \
     p.given_name AS given_name, p.family_name AS family_name, \
     p.archived_at IS NOT NULL AS archived, d.kind AS kind, d.due AS due, d.state AS state, \
     d.done_on AS done_on, d.reference AS reference, d.source_id AS source_id";

/// Reads one legal deadline with its participant; `None` for a kind this
/// version does not know (a newer version's), which the reports leave out
/// as the settings leave out an unknown key.
fn legal_deadline_row(row: &Row<'_>) -> rusqlite::Result<Option<StoredLegalDeadline>> {
    let kind: String = row.get("kind")?;
    let Some(kind) = DeadlineKind::from_str_id(&kind) else {
        return Ok(None);
    };
    let participant_id: i64 = row.get("participant_id")?;
    let given: String = row.get("given_name")?;
    let family: String = row.get("family_name")?;
    Ok(Some(StoredLegalDeadline {
        deadline_id: row.get("deadline_id")?,
        participant_id,
        name: full_name(&given, &family),
        case_reference: case_reference_of(&given, &family, participant_id),
        archived: row.get("archived")?,
        kind,
        due: row.get("due")?,
        state: choice(row, "state", DeadlineStatus::from_str_id)?,
        done_on: row.get("done_on")?,
        reference: row.get("reference")?,
        source_id: row.get("source_id")?,
    }))
}

impl Store {
    /// The caseload on `day` ([`caseload`]): every participant the service
    /// knew by that day and had not archived by it, counted by status on
    /// the day, law, final goal and education group.
    ///
    /// "Known by the day" is the earlier of the day the row was created and
    /// the settlement date; "archived by the day" is the calendar date of
    /// the archiving timestamp (UTC, as stored), on or before the day. Law,
    /// final goal and education are as recorded now (the register keeps no
    /// history of them); the status is moved back in time by the programme's
    /// dates and the approved leaves ([`crate::domain::report::status_on`]).
    ///
    /// One query.
    pub fn caseload_report(&self, day: NaiveDate, today: NaiveDate) -> CoreResult<CaseloadReport> {
        let mut statement = self.conn.prepare_cached(
            "SELECT p.id AS id, p.given_name AS given_name, p.family_name AS family_name, \
             p.status AS status, COALESCE(p.law_override, p.computed_law) AS law, \
             p.final_goal AS final_goal, p.education AS education, \
             substr(p.created_at, 1, 10) AS created_on, p.settlement_date AS settlement_date, \
             p.programme_start_date AS programme_start_date, p.ended_date AS ended_date, \
             substr(p.archived_at, 1, 10) AS archived_on, \
             EXISTS (SELECT 1 FROM leave l WHERE l.participant_id = p.id AND l.approved = 1 \
                     AND l.start_date <= ?1 AND (l.end_date IS NULL OR l.end_date >= ?1)) \
             AS on_approved_leave \
             FROM participant p ORDER BY p.sort_key, p.id",
        )?;
        let rows = statement.query_map(params![day], |row| {
            let id: i64 = row.get("id")?;
            let given: String = row.get("given_name")?;
            let family: String = row.get("family_name")?;
            Ok(CaseloadEntry {
                participant_id: id,
                name: full_name(&given, &family),
                case_reference: case_reference_of(&given, &family, id),
                recorded_status: choice(row, "status", Status::from_str_id)?,
                law: choice(row, "law", Law::from_str_id)?,
                final_goal: optional_choice(row, "final_goal", FinalGoal::from_str_id)?,
                education: choice(row, "education", Education::from_str_id)?,
                created_on: row.get("created_on")?,
                settlement_date: row.get("settlement_date")?,
                programme_start: row.get("programme_start_date")?,
                programme_ended: row.get("ended_date")?,
                archived_on: row.get("archived_on")?,
                on_approved_leave: row.get("on_approved_leave")?,
            })
        })?;
        let entries: Vec<CaseloadEntry> = rows.collect::<Result<_, _>>()?;
        Ok(caseload(&entries, day, today))
    }

    /// The legal deadlines due from `from` to `to` (both included), with
    /// their participants, archived ones included, by due date.
    fn legal_deadlines_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> CoreResult<Vec<StoredLegalDeadline>> {
        // CROSS JOIN keeps SQLite reading deadlines first, by due date from
        // the index on it, and looking each participant up by id.
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {LEGAL_DEADLINE_COLUMNS} \
             FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             WHERE d.due >= ?1 AND d.due <= ?2 ORDER BY d.due"
        ))?;
        let rows = statement.query_map(params![from, to], legal_deadline_row)?;
        let mut out = Vec::new();
        for row in rows {
            if let Some(row) = row? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Whether each legal deadline due from `from` to `to` (both days
    /// included) was met on time ([`deadline_compliance`]): done on or
    /// before its due date is on time, done after it late, open and due
    /// before `today` overdue, open and due from `today` on not yet due;
    /// not-applicable ones are counted apart. Own tasks are not legal
    /// deadlines and are not counted. Participants archived since are
    /// included (each row says so).
    ///
    /// The stored deadlines are the engine's current computation: each duty
    /// once, as the facts now give it. A plan review is stored only as the
    /// next one due, so earlier reviews do not appear.
    ///
    /// One query.
    pub fn deadline_compliance(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> CoreResult<DeadlineCompliance> {
        let rows = self.legal_deadlines_due(from, to)?;
        Ok(deadline_compliance(&rows, from, to, today))
    }

    /// The IMDi registrations still open, per participant, oldest first,
    /// with the days overdue as of `today` ([`registration_debt`]).
    /// Archived participants are left out, as on the start screen, and
    /// counted apart.
    ///
    /// One query.
    pub fn registration_debt(&self, today: NaiveDate) -> CoreResult<RegistrationDebt> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id AS deadline_id, d.participant_id AS participant_id, \
             p.given_name AS given_name, p.family_name AS family_name, \
             p.archived_at IS NOT NULL AS archived, d.due AS due, d.source_id AS event_id, \
             e.kind AS event_kind, e.occurred AS occurred \
             FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             LEFT JOIN registrable_event e ON e.id = d.source_id \
             WHERE d.kind = 'imdi_registration' AND d.state = 'open' ORDER BY d.due",
        )?;
        let rows = statement.query_map([], |row| {
            let participant_id: i64 = row.get("participant_id")?;
            let given: String = row.get("given_name")?;
            let family: String = row.get("family_name")?;
            Ok(StoredRegistration {
                deadline_id: row.get("deadline_id")?,
                participant_id,
                name: full_name(&given, &family),
                case_reference: case_reference_of(&given, &family, participant_id),
                archived: row.get("archived")?,
                event_id: row.get("event_id")?,
                event_kind: optional_choice(row, "event_kind", EventKind::from_str_id)?,
                occurred: row.get("occurred")?,
                due: row.get("due")?,
            })
        })?;
        let rows: Vec<StoredRegistration> = rows.collect::<Result<_, _>>()?;
        Ok(registration_debt(&rows, today))
    }

    /// One participant's legal duties for the county governor's supervision
    /// ([`supervision_report`]): every stored legal deadline of theirs,
    /// done or not, not-applicable ones shown as such, and their key facts.
    /// Archived participants can be reported too.
    ///
    /// Two queries.
    pub fn supervision_report(
        &self,
        participant_id: i64,
        today: NaiveDate,
    ) -> CoreResult<SupervisionReport> {
        let participant = self.participant(participant_id)?;
        let details = &participant.details;
        let facts = SupervisionFacts {
            participant_id,
            name: full_name(&details.given_name, &details.family_name),
            case_reference: case_reference_of(
                &details.given_name,
                &details.family_name,
                participant_id,
            ),
            birth_date: details.birth_date,
            law: details.effective_law(),
            law_overridden: details.law_override.is_some(),
            status: details.status,
            final_goal: details.final_goal,
            education: details.education,
            settlement_date: details.settlement_date,
            claim_date: details.claim_date,
            programme_start: details.programme.programme_start_date,
            programme_ended: details.programme.ended_date,
            archived: participant.archived_at.is_some(),
        };
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {LEGAL_DEADLINE_COLUMNS} \
             FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             WHERE d.participant_id = ?1 ORDER BY d.due"
        ))?;
        let rows = statement.query_map([participant_id], legal_deadline_row)?;
        let mut deadlines = Vec::new();
        for row in rows {
            if let Some(row) = row? {
                deadlines.push(row);
            }
        }
        Ok(supervision_report(facts, &deadlines, today))
    }

    /// The supervision report as a document in the minutes' layout, in
    /// `language`, with the letterhead from the settings, ready for
    /// [`crate::export::minutes::pdf::render_minutes_pdf`]. `created` is
    /// the document's date and time with the caller's offset from UTC,
    /// passed in (the core reads no clock and no time zone). The caller
    /// chooses the language (the municipality's written language,
    /// [`Store::written_language`], unless the caseworker picks another),
    /// as for the minutes.
    ///
    /// Five queries.
    pub fn supervision_document(
        &self,
        participant_id: i64,
        today: NaiveDate,
        created: DateTime<FixedOffset>,
        language: Language,
    ) -> CoreResult<MinutesDocument> {
        let report = self.supervision_report(participant_id, today)?;
        let letterhead = self.letterhead()?;
        Ok(crate::export::reports::supervision_document(
            &report,
            &letterhead,
            created,
            language,
        ))
    }

    /// The numbers behind the two charts ([`deadline_chart`]): open legal
    /// deadlines per ISO week for the 12 weeks from the one holding
    /// `today` (archived participants left out, as in every working
    /// list), and each kind's on-time rate for `from`–`to`.
    ///
    /// Two queries.
    pub fn deadline_chart(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> CoreResult<DeadlineChart> {
        let compliance = self.deadline_compliance(from, to, today)?;
        self.deadline_chart_for(&compliance, today)
    }

    /// The charts' numbers beside a compliance report already read: the
    /// weeks' query only, so a screen or export that shows both reads the
    /// period's deadlines once.
    pub fn deadline_chart_for(
        &self,
        compliance: &DeadlineCompliance,
        today: NaiveDate,
    ) -> CoreResult<DeadlineChart> {
        let last = crate::domain::report::chart_last_day(today);
        let mut statement = self.conn.prepare_cached(
            "SELECT d.due AS due FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             WHERE d.state = 'open' AND d.due >= ?1 AND d.due <= ?2 AND p.archived_at IS NULL",
        )?;
        let dues: Vec<NaiveDate> = statement
            .query_map(params![today, last], |row| row.get("due"))?
            .collect::<Result<_, _>>()?;
        Ok(deadline_chart(&dues, compliance, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::participant_form::ParticipantForm;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn add(store: &mut Store, form: ParticipantForm, today: NaiveDate) -> i64 {
        let details = form.validate(today).expect("valid test form");
        store
            .create_participant(&details, today)
            .expect("created")
            .id
    }

    fn form(given: &str, settlement: &str) -> ParticipantForm {
        ParticipantForm {
            given_name: given.into(),
            family_name: "Prøvesen".into(),
            residence_permit_date: "01.10.2024".into(),
            settlement_date: settlement.into(),
            ..ParticipantForm::default()
        }
    }

    /// Sets the stored timestamps that SQLite writes from its own clock,
    /// so a test can place them on the days it needs.
    fn set_timestamps(store: &Store, id: i64, created: &str, archived: Option<&str>) {
        store
            .conn
            .execute(
                "UPDATE participant SET created_at = ?2, archived_at = ?3 WHERE id = ?1",
                params![id, created, archived],
            )
            .expect("timestamps set");
    }

    #[test]
    fn the_caseload_on_a_day_follows_registration_archiving_and_programme_dates() {
        let today = date(2025, 6, 1);
        let mut store = Store::open_in_memory().expect("store");
        // Settled before the register existed: counts from settlement.
        let settled_early = add(&mut store, form("Amal", "10.01.2025"), today);
        set_timestamps(&store, settled_early, "2025-03-01T08:00:00Z", None);
        // Registered ahead of settlement: counts from registration.
        let expected = add(&mut store, form("Bashir", "01.05.2025"), today);
        set_timestamps(&store, expected, "2025-02-01T08:00:00Z", None);
        // Archived on 01.03: in the caseload on 28.02, out on 01.03.
        let archived = add(&mut store, form("Chiara", "05.01.2025"), today);
        set_timestamps(
            &store,
            archived,
            "2025-01-05T08:00:00Z",
            Some("2025-03-01T09:00:00Z"),
        );
        // In the programme from 15.02, recorded as completed 31.03.
        let mut started = form("Dawit", "05.01.2025");
        started.status = "completed".into();
        started.programme_start_date = "15.02.2025".into();
        started.ended_date = "31.03.2025".into();
        let started = add(&mut store, started, today);
        set_timestamps(&store, started, "2025-01-05T08:00:00Z", None);

        let on = |day: NaiveDate| store.caseload_report(day, today).expect("report");
        let ids = |report: &CaseloadReport| {
            report
                .participants
                .iter()
                .map(|p| p.participant_id)
                .collect::<Vec<_>>()
        };
        let status_of = |report: &CaseloadReport, id: i64| {
            report
                .participants
                .iter()
                .find(|p| p.participant_id == id)
                .map(|p| p.status)
        };

        let before = on(date(2025, 1, 4));
        assert_eq!(before.total, 0, "nobody known on 04.01");

        let feb_28 = on(date(2025, 2, 28));
        let mut counted = ids(&feb_28);
        counted.sort_unstable();
        assert_eq!(counted, vec![settled_early, expected, archived, started]);
        assert_eq!(status_of(&feb_28, started), Some(Status::Active));
        assert_eq!(status_of(&feb_28, expected), Some(Status::Prospective));

        let mar_1 = on(date(2025, 3, 1));
        assert!(!ids(&mar_1).contains(&archived), "archived that day");
        assert_eq!(mar_1.total, 3);

        let feb_14 = on(date(2025, 2, 14));
        assert_eq!(
            status_of(&feb_14, started),
            Some(Status::Prospective),
            "the programme started the next day"
        );
        let mar_31 = on(date(2025, 3, 31));
        assert_eq!(
            status_of(&mar_31, started),
            Some(Status::Active),
            "the last day is in the programme"
        );
        let apr_1 = on(date(2025, 4, 1));
        assert_eq!(status_of(&apr_1, started), Some(Status::Completed));
        let count = |counts: &[crate::domain::report::CategoryCount], id: &str| {
            counts.iter().find(|c| c.id == id).map(|c| c.count)
        };
        assert_eq!(count(&apr_1.by_status, "completed"), Some(1));
        assert_eq!(count(&apr_1.by_status, "prospective"), Some(2));
        assert_eq!(count(&apr_1.by_status, "moved_away"), Some(0));
        assert_eq!(count(&apr_1.by_law, "integreringsloven"), Some(3));
        assert_eq!(count(&apr_1.by_final_goal, "none"), Some(3));
        assert_eq!(count(&apr_1.by_education, "unknown"), Some(3));
    }

    #[test]
    fn an_approved_leave_covering_the_day_reads_as_leave() {
        let today = date(2025, 6, 1);
        let mut store = Store::open_in_memory().expect("store");
        let mut active = form("Amal", "10.01.2025");
        active.status = "active".into();
        active.programme_start_date = "01.02.2025".into();
        let id = add(&mut store, active, today);
        store
            .conn
            .execute(
                "INSERT INTO leave (participant_id, kind, start_date, end_date, approved) \
                 VALUES (?1, 'illness', '2025-03-01', '2025-03-10', 1)",
                [id],
            )
            .expect("leave");
        let status = |day| {
            store
                .caseload_report(day, today)
                .expect("report")
                .participants[0]
                .status
        };
        assert_eq!(status(date(2025, 3, 1)), Status::OnLeave);
        assert_eq!(status(date(2025, 3, 10)), Status::OnLeave);
        assert_eq!(status(date(2025, 3, 11)), Status::Active);
    }

    /// Every report over a generated register agrees with plain counts of
    /// the table it reads. Their
    /// times at a hundredfold register are the `screens` benchmark's
    /// «report:» lines (`make bench`), which `make test` runs once at the
    /// tiny scale.
    fn reports_agree_with_the_tables(scale: crate::benchmark_data::Scale) {
        let today = date(2025, 9, 1);
        let mut store = Store::open_in_memory().expect("store");
        crate::benchmark_data::fill(&mut store, 7, scale, today).expect("filled");
        let count = |sql: &str| -> u64 {
            store
                .conn
                .query_row(sql, [], |row| row.get::<_, i64>("n"))
                .map(|n| n as u64)
                .expect("count")
        };

        let compliance = store
            .deadline_compliance(date(1900, 1, 1), date(2200, 12, 31), today)
            .expect("compliance");
        assert_eq!(
            compliance.deadlines.len() as u64,
            count("SELECT count(*) AS n FROM deadline")
        );
        assert_eq!(
            compliance.total.not_applicable,
            count("SELECT count(*) AS n FROM deadline WHERE state = 'not_applicable'")
        );

        let debt = store.registration_debt(today).expect("debt");
        assert_eq!(
            debt.open + debt.archived_left_out,
            count(
                "SELECT count(*) AS n FROM deadline \
                 WHERE kind = 'imdi_registration' AND state = 'open'"
            )
        );

        let caseload = store.caseload_report(today, today).expect("caseload");
        assert!(caseload.total <= count("SELECT count(*) AS n FROM participant"));
        assert_eq!(
            caseload.by_status.iter().map(|c| c.count).sum::<u64>(),
            caseload.total
        );

        let chart = store
            .deadline_chart(date(2025, 1, 1), date(2025, 6, 30), today)
            .expect("chart");
        assert_eq!(chart.weeks.len(), crate::domain::report::CHART_WEEKS);

        let first = compliance.deadlines.first().map_or(1, |d| d.participant_id);
        let supervision = store.supervision_report(first, today).expect("supervision");
        assert_eq!(
            supervision.duties.len() as u64,
            count(&format!(
                "SELECT count(*) AS n FROM deadline WHERE participant_id = {first}"
            ))
        );
    }

    #[test]
    fn reports_agree_with_the_tables_of_a_generated_register() {
        reports_agree_with_the_tables(crate::benchmark_data::Scale::TINY);
    }
}
