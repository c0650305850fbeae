//! Stored deadlines, registrable events, leaves, own tasks and rule settings.
//!
//! Deadlines are computed by the pure engine and kept in the `deadline`
//! table. Every write that changes a participant's facts recomputes that
//! participant's deadlines in the same transaction; a settings change
//! recomputes everyone's. "Overdue" is not stored: it is derived when
//! reading, from the due date and `today`.

use crate::domain::audit::{AuditAction, AuditEntity, FieldRule, Snapshot, SnapshotField};
use crate::domain::calendar::{add_days, last_working_day};
use crate::domain::deadline::{
    assess, Assessment, DeadlineKind, DeadlineStatus, EventKind, Leave, LeaveKind,
    RegistrableEvent, RuleSettings,
};
use crate::domain::deadline_forms::{EventDraft, LeaveDraft, TaskDraft};
use crate::domain::participant::Status;
use crate::domain::retention::case_reference_of;
use crate::error::{CoreError, CoreResult};
use crate::language::Message;
use crate::messages;
use crate::store::audit::{audit_created, audit_snapshots, before_change};
use crate::store::participants::{ensure_participant, participant_from_row};
use crate::store::{invalid, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The most rows each group of the overview holds.
pub const OVERVIEW_GROUP_LIMIT: u32 = 100;

/// The overview counts open IMDi registrations up to this many.
pub const OPEN_IMDI_COUNT_CAP: i64 = 1000;

/// The `kind` of a caseworker's own task in deadline lists.
pub const OWN_TASK_KIND: &str = "own_task";

/// One row in a deadline list: a computed legal deadline or an own task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRow {
    /// The computed deadline's id, for legal deadlines.
    pub deadline_id: Option<i64>,
    /// The task's id, for own tasks.
    pub task_id: Option<i64>,
    /// The participant concerned, if any.
    pub participant_id: Option<i64>,
    /// The participant's full name, or empty.
    pub participant_name: String,
    /// A short reference without the name: initials and the internal number (`NP-12`).
    pub case_reference: String,
    /// A [`DeadlineKind`] identifier or [`OWN_TASK_KIND`].
    pub kind: String,
    /// The task's title; empty for legal deadlines.
    pub title: String,
    /// Due date.
    pub due: NaiveDate,
    /// Last working day on or before `due`.
    pub last_working_day: NaiveDate,
    /// Status as of `today`.
    pub status: DeadlineStatus,
    /// Legal reference; empty for own tasks.
    pub reference: String,
    /// Why the date, for legal deadlines: a message to render in the
    /// reader's language. `None` for own tasks.
    pub reason: Option<Message>,
    /// The task's note, in the caseworker's words; empty for legal
    /// deadlines.
    pub note: String,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// The event or leave the deadline comes from.
    pub source_id: Option<i64>,
}

/// Filters for the list of all deadlines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineFilter {
    /// Only this kind (a [`DeadlineKind`] identifier or [`OWN_TASK_KIND`]).
    pub kind: Option<String>,
    /// Only this status.
    pub status: Option<DeadlineStatus>,
    /// Only this participant.
    pub participant_id: Option<i64>,
    /// Due on or after.
    pub from: Option<NaiveDate>,
    /// Due on or before.
    pub to: Option<NaiveDate>,
    /// Only deadlines not yet done (open or overdue).
    pub open_only: bool,
    /// At most this many rows, earliest due first.
    pub limit: Option<u32>,
    /// Only rows after this one in the list's order: the next page.
    pub after: Option<DeadlineCursor>,
}

/// A place in the deadline list's order (due date, kind, participant,
/// task or deadline, id), which is total: a page continues after the last
/// row of the one before, with nothing skipped or repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineCursor {
    /// Due date.
    pub due: NaiveDate,
    /// A [`DeadlineKind`] identifier or [`OWN_TASK_KIND`].
    pub kind: String,
    /// The participant, or 0 for a task without one.
    pub participant_id: i64,
    /// Whether the row is an own task.
    pub task: bool,
    /// The deadline's or task's id.
    pub id: i64,
}

impl DeadlineRow {
    /// This row's place in the list's order.
    pub fn cursor(&self) -> DeadlineCursor {
        DeadlineCursor {
            due: self.due,
            kind: self.kind.clone(),
            participant_id: self.participant_id.unwrap_or(0),
            task: self.task_id.is_some(),
            id: self.deadline_id.or(self.task_id).unwrap_or(0),
        }
    }
}

/// What the start screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Open deadlines whose due date has passed.
    pub overdue: Vec<DeadlineRow>,
    /// Due today or within 7 days.
    pub within_7_days: Vec<DeadlineRow>,
    /// Due in 8 to 30 days.
    pub within_30_days: Vec<DeadlineRow>,
    /// Last day of the 7-day group (today + 7).
    pub week_end: NaiveDate,
    /// First day of the 30-day group (today + 8).
    pub month_start: NaiveDate,
    /// Last day of the 30-day group (today + 30).
    pub month_end: NaiveDate,
    /// Registrations still owed to IMDi (open or overdue), counted up to
    /// [`OPEN_IMDI_COUNT_CAP`].
    pub open_imdi_registrations: i64,
}

/// A registrable event with its note, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// The event as the engine sees it.
    pub event: RegistrableEvent,
    /// The caseworker's note.
    pub note: String,
}

pub use crate::domain::deadline::{set_setting_value, setting_keys, setting_value};

fn load_settings(conn: &Connection) -> CoreResult<RuleSettings> {
    let mut settings = RuleSettings::default();
    let mut statement = conn.prepare_cached("SELECT key, value FROM rule_setting")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>("key")?, row.get::<_, u32>("value")?))
    })?;
    for row in rows {
        let (key, value) = row?;
        // An unknown key comes from a newer version; ignoring it keeps the
        // default, which is what this version knows how to apply.
        set_setting_value(&mut settings, &key, value);
    }
    Ok(settings)
}

fn load_events(conn: &Connection, participant_id: i64) -> CoreResult<Vec<StoredEvent>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, kind, occurred, registered, note FROM registrable_event \
         WHERE participant_id = ?1 ORDER BY occurred, id",
    )?;
    let rows = statement.query_map([participant_id], |row| {
        let kind: String = row.get("kind")?;
        Ok(StoredEvent {
            event: RegistrableEvent {
                id: row.get("id")?,
                kind: EventKind::from_str_id(&kind).unwrap_or(EventKind::Other),
                occurred: row.get("occurred")?,
                registered: row.get("registered")?,
            },
            note: row.get("note")?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn load_leaves(conn: &Connection, participant_id: i64) -> CoreResult<Vec<Leave>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, kind, start_date, end_date, approved, followup_date FROM leave \
         WHERE participant_id = ?1 ORDER BY start_date, id",
    )?;
    let rows = statement.query_map([participant_id], |row| {
        let kind: String = row.get("kind")?;
        Ok(Leave {
            id: row.get("id")?,
            kind: LeaveKind::from_str_id(&kind).unwrap_or(LeaveKind::Other),
            start: row.get("start_date")?,
            end: row.get("end_date")?,
            approved: row.get("approved")?,
            followup_date: row.get("followup_date")?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Computes one participant's deadlines and warnings from the stored
/// facts, without storing them.
fn compute_participant(
    conn: &Connection,
    participant_id: i64,
    settings: &RuleSettings,
    today: NaiveDate,
) -> CoreResult<Assessment> {
    let participant = conn
        .prepare_cached(&format!(
            "SELECT {} FROM participant WHERE id = ?1",
            crate::store::participants::PARTICIPANT_COLUMNS
        ))?
        .query_row([participant_id], participant_from_row)
        .optional()?
        .ok_or(CoreError::ParticipantNotFound(participant_id))?;
    let events: Vec<RegistrableEvent> = load_events(conn, participant_id)?
        .into_iter()
        .map(|e| e.event)
        .collect();
    let leaves = load_leaves(conn, participant_id)?;
    let mut facts = participant.details.deadline_facts();
    facts.extensions = crate::store::extensions::load_extensions(conn, participant_id)?;
    Ok(assess(&facts, &events, &leaves, settings, today))
}

/// Recomputes one participant's deadlines and warnings and replaces the
/// stored ones.
pub(crate) fn recompute_participant(
    conn: &Connection,
    participant_id: i64,
    settings: &RuleSettings,
    today: NaiveDate,
) -> CoreResult<()> {
    let Assessment {
        deadlines,
        warnings,
    } = compute_participant(conn, participant_id, settings, today)?;
    write_warnings(conn, participant_id, &warnings)?;
    write_deadlines(conn, participant_id, deadlines)
}

/// One stored deadline's content, everything but its id and its reason:
/// two rows with the same content are the same deadline, whatever their
/// reasons say.
type StoredDeadline = (
    String,
    NaiveDate,
    NaiveDate,
    String,
    String,
    Option<NaiveDate>,
    Option<i64>,
);

/// Replaces a participant's stored deadlines with `deadlines`, writing
/// only the difference: a deadline whose content did not change keeps its
/// row (and its id, which an agenda item may name), so a recompute that
/// changes little (a settings change, the daily refresh) writes little.
///
/// A deadline whose content is unchanged but whose reason is not (its
/// wording, or a reason still pending after migration 0011) keeps its row
/// too, with the new reason written into it: the reason explains the date,
/// it does not make it another deadline.
fn write_deadlines(
    conn: &Connection,
    participant_id: i64,
    deadlines: Vec<crate::domain::deadline::Deadline>,
) -> CoreResult<()> {
    // The reason is compared in its stored form, so a row read back is
    // compared as text and never needs to be decoded.
    let mut stored: Vec<(i64, StoredDeadline, String)> = conn
        .prepare_cached(
            "SELECT id, kind, due, last_working_day, state, reference, reason, done_on, source_id \
             FROM deadline WHERE participant_id = ?1",
        )?
        .query_map([participant_id], |row| {
            Ok((
                row.get("id")?,
                (
                    row.get("kind")?,
                    row.get("due")?,
                    row.get("last_working_day")?,
                    row.get("state")?,
                    row.get("reference")?,
                    row.get("done_on")?,
                    row.get("source_id")?,
                ),
                row.get("reason")?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let fresh: Vec<(StoredDeadline, String)> = deadlines
        .into_iter()
        .map(|d| {
            // Overdue is derived when reading; it is stored as open.
            let state = match d.status {
                DeadlineStatus::Overdue => DeadlineStatus::Open,
                other => other,
            };
            (
                (
                    d.kind.as_str().to_string(),
                    d.due,
                    d.last_working_day,
                    state.as_str().to_string(),
                    d.reference,
                    d.done_on,
                    d.source_id,
                ),
                d.reason.to_stored(),
            )
        })
        .collect();
    // Rows unchanged in everything are kept first, so a changed reason
    // never takes the row of a deadline that is the same in full.
    let mut changed = Vec::new();
    for (content, reason) in fresh {
        match stored
            .iter()
            .position(|(_, row, stored_reason)| *row == content && *stored_reason == reason)
        {
            Some(at) => {
                stored.swap_remove(at);
            }
            None => changed.push((content, reason)),
        }
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO deadline (participant_id, kind, due, last_working_day, state, reference, \
         reason, done_on, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut update_reason = conn.prepare_cached("UPDATE deadline SET reason = ?2 WHERE id = ?1")?;
    for (content, reason) in changed {
        if let Some(at) = stored.iter().position(|(_, row, _)| *row == content) {
            let (id, _, _) = stored.swap_remove(at);
            update_reason.execute(params![id, reason])?;
            continue;
        }
        insert.execute(params![
            participant_id,
            content.0,
            content.1,
            content.2,
            content.3,
            content.4,
            reason,
            content.5,
            content.6,
        ])?;
    }
    let mut delete = conn.prepare_cached("DELETE FROM deadline WHERE id = ?1")?;
    for (id, _, _) in stored {
        delete.execute([id])?;
    }
    Ok(())
}

/// Replaces a participant's stored warnings, writing nothing when they
/// did not change.
fn write_warnings(
    conn: &Connection,
    participant_id: i64,
    warnings: &[crate::domain::programme_frame::ParticipantWarning],
) -> CoreResult<()> {
    let stored: Vec<(String, String, String, String)> = conn
        .prepare_cached(
            "SELECT code, message, reference, source_url FROM participant_warning \
             WHERE participant_id = ?1 ORDER BY id",
        )?
        .query_map([participant_id], |row| {
            Ok((
                row.get("code")?,
                row.get("message")?,
                row.get("reference")?,
                row.get("source_url")?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    // Messages are compared in their stored form (see `write_deadlines`).
    let fresh: Vec<(String, String, String, String)> = warnings
        .iter()
        .map(|w| {
            (
                w.code.as_str().to_string(),
                w.message.to_stored(),
                w.reference.clone(),
                w.source_url.clone(),
            )
        })
        .collect();
    if stored == fresh {
        return Ok(());
    }
    conn.prepare_cached("DELETE FROM participant_warning WHERE participant_id = ?1")?
        .execute([participant_id])?;
    let mut insert_warning = conn.prepare_cached(
        "INSERT INTO participant_warning (participant_id, code, message, reference, source_url) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (code, message, reference, source_url) in fresh {
        insert_warning.execute(params![
            participant_id,
            code,
            message,
            reference,
            source_url
        ])?;
    }
    Ok(())
}

pub(crate) fn recompute_everyone(
    conn: &Connection,
    today: NaiveDate,
    progress: &RecomputeProgress,
) -> CoreResult<usize> {
    let settings = load_settings(conn)?;
    let ids: Vec<i64> = conn
        // An anonymised participant's deadlines are the record of what was
        // done; the facts they came from are gone, so they stay as they were.
        .prepare_cached(
            "SELECT id FROM participant WHERE id NOT IN (SELECT participant_id FROM anonymisation)",
        )?
        .query_map([], |row| row.get("id"))?
        .collect::<Result<_, _>>()?;
    let _running = progress.start(ids.len());
    for id in &ids {
        recompute_participant(conn, *id, &settings, today)?;
        progress.advance();
    }
    conn.prepare_cached(
        "INSERT INTO store_meta (key, value) VALUES ('deadlines_computed_on', ?1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([today])?;
    Ok(ids.len())
}

/// How far a recompute of every participant has come, read from another
/// thread while it runs (the window shows it during a settings change,
/// which takes seconds in a large register).
#[derive(Debug, Default)]
pub struct RecomputeProgress {
    done: AtomicUsize,
    total: AtomicUsize,
    running: AtomicBool,
}

/// Marks the end of a recompute when dropped, also when it fails.
pub struct RecomputeRunning<'a>(&'a RecomputeProgress);

impl Drop for RecomputeRunning<'_> {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

impl RecomputeProgress {
    /// A recompute of `total` participants begins.
    pub fn start(&self, total: usize) -> RecomputeRunning<'_> {
        self.done.store(0, Ordering::SeqCst);
        self.total.store(total, Ordering::SeqCst);
        self.running.store(true, Ordering::SeqCst);
        RecomputeRunning(self)
    }

    /// One more participant is done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::SeqCst);
    }

    /// Participants done, participants in all, and whether it still runs.
    pub fn snapshot(&self) -> (usize, usize, bool) {
        (
            self.done.load(Ordering::SeqCst),
            self.total.load(Ordering::SeqCst),
            self.running.load(Ordering::SeqCst),
        )
    }
}

/// Recomputes after a change to one participant, in the caller's transaction.
pub(crate) fn recompute_after_change(
    conn: &Connection,
    participant_id: i64,
    today: NaiveDate,
) -> CoreResult<()> {
    let settings = load_settings(conn)?;
    recompute_participant(conn, participant_id, &settings, today)
}

/// The participant column whose date closes a deadline of `kind`; `None`
/// for the deadlines closed on their event or leave.
fn closing_column(kind: DeadlineKind) -> Option<&'static str> {
    match kind {
        DeadlineKind::ProgrammeStart => Some("programme_start_date"),
        DeadlineKind::CompetenceMapping => Some("competence_mapping_date"),
        DeadlineKind::IntegrationPlan | DeadlineKind::IndividualPlan => Some("plan_date"),
        DeadlineKind::PlanReview => Some("last_plan_review_date"),
        DeadlineKind::NavHandover => Some("nav_handover_date"),
        DeadlineKind::ParentalGuidance => Some("parental_guidance_date"),
        DeadlineKind::ParticipationCertificate => Some("certificate_issued_date"),
        DeadlineKind::ProgrammeEnd => Some("ended_date"),
        DeadlineKind::CareerGuidance => Some("career_guidance_date"),
        DeadlineKind::Livsmestring => Some("livsmestring_date"),
        DeadlineKind::NorwegianTraining => Some("norwegian_training_completed_date"),
        DeadlineKind::ImdiRegistration
        | DeadlineKind::CareLeaveFollowup
        | DeadlineKind::ExtensionDecision => None,
    }
}

/// Refuses to mark a deadline done that is done already (`already_done`).
///
/// Marking it again would overwrite the date of the fact that closed it
/// (the programme start date, the registration date) under the name of
/// "marking done", a change of history the caseworker did not ask for. The
/// date is changed by undoing first, which the audit trail then shows as
/// two deliberate steps.
///
/// The deadlines are computed afresh from the stored facts, so the answer
/// does not depend on how current the stored ones are. Every deadline that
/// the same fact closes counts: the integration plan and the individual
/// plan share the plan date, so marking the one that does not apply to the
/// participant cannot rewrite the date that closed the other. Deadlines
/// that come from an event or a leave are told apart by `source_id`. A plan
/// review is never done (the next one is always due), so each marking
/// records the latest review, as before.
fn ensure_not_done(
    conn: &Connection,
    participant_id: i64,
    kind: DeadlineKind,
    source_id: Option<i64>,
    today: NaiveDate,
) -> CoreResult<()> {
    let same_fact = |other: DeadlineKind, other_source: Option<i64>| match closing_column(kind) {
        Some(column) => closing_column(other) == Some(column),
        None => other == kind && other_source == source_id,
    };
    let done = compute_participant(conn, participant_id, &load_settings(conn)?, today)?
        .deadlines
        .iter()
        .any(|d| d.status == DeadlineStatus::Done && same_fact(d.kind, d.source_id));
    if done {
        return Err(invalid("date", "already_done", messages::ALREADY_DONE));
    }
    Ok(())
}

fn participant_of(conn: &Connection, table: &str, id: i64) -> CoreResult<i64> {
    conn.prepare_cached(&format!("SELECT participant_id FROM {table} WHERE id = ?1"))?
        .query_row([id], |row| row.get("participant_id"))
        .optional()?
        .ok_or(CoreError::RecordNotFound(id))
}

/// Builds the deadline-list query with every filter inside both arms of
/// the union, so that SQLite can use the indexes on `(state, due)` and
/// `(participant_id, due)` instead of scanning every deadline ever computed.
/// Returns the SQL and its parameters (today first, then only the filters
/// in use, since SQLite counts parameters by the highest number used).
fn deadline_rows_sql(
    filter: &DeadlineFilter,
    today: NaiveDate,
) -> (Vec<DeadlineArm>, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut values: Vec<Value> = vec![Value::Text(today.to_string())];
    let mut bind = |value: Value| {
        values.push(value);
        format!("?{}", values.len())
    };
    let own_task = filter.kind.as_deref() == Some(OWN_TASK_KIND);
    // Own tasks have no kind column to compare; only legal kinds are bound.
    let kind_param = filter
        .kind
        .clone()
        .filter(|_| !own_task)
        .map(|k| bind(Value::Text(k)));
    let participant_param = filter.participant_id.map(|id| bind(Value::Integer(id)));
    let from_param = filter.from.map(|d| bind(Value::Text(d.to_string())));
    let to_param = filter.to.map(|d| bind(Value::Text(d.to_string())));
    let after_params = filter.after.as_ref().map(|c| {
        [
            bind(Value::Text(c.due.to_string())),
            bind(Value::Text(c.kind.clone())),
            bind(Value::Integer(c.participant_id)),
            bind(Value::Integer(i64::from(c.task))),
            bind(Value::Integer(c.id)),
        ]
        .join(", ")
    });
    // Lists across the register leave archived participants out; one
    // participant's own timeline shows everything, archived or not.
    let mut legal: Vec<String> = Vec::new();
    let mut tasks: Vec<String> = Vec::new();
    if filter.participant_id.is_none() {
        legal.push("p.archived_at IS NULL".into());
        tasks.push("(p.id IS NULL OR p.archived_at IS NULL)".into());
    }
    let mut include_legal = !own_task;
    let mut include_tasks = filter.kind.is_none() || own_task;
    if let Some(param) = &kind_param {
        legal.push(format!("d.kind = {param}"));
    }
    if filter.open_only {
        legal.push("d.state = 'open'".into());
        tasks.push("t.done_on IS NULL".into());
    }
    match filter.status {
        Some(DeadlineStatus::Open) => {
            legal.push("d.state = 'open' AND d.due >= ?1".into());
            tasks.push("t.done_on IS NULL AND t.due >= ?1".into());
        }
        Some(DeadlineStatus::Overdue) => {
            legal.push("d.state = 'open' AND d.due < ?1".into());
            tasks.push("t.done_on IS NULL AND t.due < ?1".into());
        }
        Some(DeadlineStatus::Done) => {
            legal.push("d.state = 'done'".into());
            tasks.push("t.done_on IS NOT NULL".into());
        }
        Some(DeadlineStatus::NotApplicable) => {
            legal.push("d.state = 'not_applicable'".into());
            include_tasks = false;
        }
        None => {}
    }
    if let Some(param) = &participant_param {
        legal.push(format!("d.participant_id = {param}"));
        tasks.push(format!("t.participant_id = {param}"));
    }
    if let Some(param) = &from_param {
        legal.push(format!("d.due >= {param}"));
        tasks.push(format!("t.due >= {param}"));
    }
    if let Some(param) = &to_param {
        legal.push(format!("d.due <= {param}"));
        tasks.push(format!("t.due <= {param}"));
    }

    if let Some(after) = &after_params {
        // Row values compare in the list's order; the due date leads, so
        // the index on it still bounds the scan.
        legal.push(format!(
            "(d.due, d.kind, d.participant_id, 0, d.id) > ({after})"
        ));
        tasks.push(format!(
            "(t.due, 'own_task', COALESCE(t.participant_id, 0), 1, t.id) > ({after})"
        ));
    }
    if !include_legal && !include_tasks {
        include_legal = true;
        legal.push("0".into());
    }
    let mut arms: Vec<(String, &'static str)> = Vec::new();
    if include_legal {
        arms.push((format!(
            "SELECT d.id AS deadline_id, NULL AS task_id, d.participant_id AS participant_id, \
             p.given_name AS given_name, p.family_name AS family_name, d.kind AS kind, '' AS title, \
             d.due AS due, d.last_working_day AS last_working_day, \
             CASE WHEN d.state = 'open' AND d.due < ?1 THEN 'overdue' ELSE d.state END AS status, \
             d.reference AS reference, d.reason AS reason, '' AS note, d.done_on AS done_on, \
             d.source_id AS source_id, d.participant_id AS sort_participant, 0 AS is_task, \
             d.id AS row_id \
             FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id WHERE {}",
            where_clause(&legal)
        ), "d.due"));
    }
    if include_tasks {
        arms.push((format!(
            "SELECT NULL AS deadline_id, t.id AS task_id, t.participant_id AS participant_id, \
             p.given_name AS given_name, p.family_name AS family_name, 'own_task' AS kind, \
             t.title AS title, t.due AS due, t.due AS last_working_day, \
             CASE WHEN t.done_on IS NOT NULL THEN 'done' WHEN t.due < ?1 THEN 'overdue' ELSE 'open' END \
             AS status, '' AS reference, NULL AS reason, t.note AS note, t.done_on AS done_on, \
             NULL AS source_id, \
             COALESCE(t.participant_id, 0) AS sort_participant, 1 AS is_task, t.id AS row_id \
             FROM task t LEFT JOIN participant p ON p.id = t.participant_id WHERE {}",
            where_clause(&tasks)
        ), "t.due"));
    }
    // CROSS JOIN keeps SQLite reading deadlines first, in due order from an
    // index, and looking up each one's participant; driving from the
    // participant table would sort every deadline before the limit applies.
    // Each arm is read on its own, in due order from its index and cut at
    // the limit; the caller merges them. A LIMIT on the union as a whole
    // would make SQLite sort both arms completely first.
    // Only the due date is ordered in SQL, so the order comes straight
    // from the index; a fuller ORDER BY makes SQLite sort every row first.
    // Rows that share the due date at the cut are read again in full by
    // the caller (see `Store::deadlines`), so the page still ends exactly.
    let order = match filter.limit {
        Some(limit) => format!(" ORDER BY due LIMIT {limit}"),
        None => " ORDER BY due".to_string(),
    };
    let arms = arms
        .into_iter()
        .map(|(arm, due_column)| DeadlineArm {
            limited: format!("{arm}{order}"),
            base: arm,
            due_column,
        })
        .collect();
    (arms, values)
}

/// One arm of the deadline query: the legal deadlines or the own tasks.
struct DeadlineArm {
    /// The arm cut at the limit, in due order.
    limited: String,
    /// The arm without order or limit, ending in its WHERE clause.
    base: String,
    /// The arm's due-date column (`d.due`, `t.due`).
    due_column: &'static str,
}

/// Joins conditions with AND; no condition means every row.
fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        "1".to_string()
    } else {
        conditions.join(" AND ")
    }
}

/// Reads one row of a deadline query (see [`deadline_rows_sql`]).
fn deadline_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DeadlineRow> {
    let participant_id: Option<i64> = row.get("participant_id")?;
    let given: Option<String> = row.get("given_name")?;
    let family: Option<String> = row.get("family_name")?;
    let status: String = row.get("status")?;
    let due: NaiveDate = row.get("due")?;
    let task_id: Option<i64> = row.get("task_id")?;
    Ok(DeadlineRow {
        deadline_id: row.get("deadline_id")?,
        task_id,
        participant_id,
        participant_name: match (&given, &family) {
            (Some(g), Some(f)) => format!("{g} {f}"),
            _ => String::new(),
        },
        case_reference: match (participant_id, &given, &family) {
            (Some(id), Some(g), Some(f)) => case_reference_of(g, f, id),
            _ => String::new(),
        },
        kind: row.get("kind")?,
        title: row.get("title")?,
        due,
        last_working_day: if task_id.is_some() {
            last_working_day(due)
        } else {
            row.get("last_working_day")?
        },
        status: DeadlineStatus::from_str_id(&status).unwrap_or(DeadlineStatus::Open),
        reference: row.get("reference")?,
        reason: row.get("reason")?,
        note: row.get("note")?,
        done_on: row.get("done_on")?,
        source_id: row.get("source_id")?,
    })
}

impl Store {
    /// The rule settings in force (stored values over documented defaults).
    pub fn rule_settings(&self) -> CoreResult<RuleSettings> {
        load_settings(&self.conn)
    }

    /// Saves the rule settings and recomputes every participant's deadlines,
    /// all in one transaction. Returns whether anything was saved: settings
    /// equal to those in force write nothing, not even an audit entry.
    pub fn save_rule_settings(
        &mut self,
        settings: &RuleSettings,
        today: NaiveDate,
    ) -> CoreResult<bool> {
        self.save_rule_settings_reporting(settings, today, &RecomputeProgress::default())
    }

    /// As [`Store::save_rule_settings`], telling `progress` how far the
    /// recompute of every participant has come.
    pub fn save_rule_settings_reporting(
        &mut self,
        settings: &RuleSettings,
        today: NaiveDate,
        progress: &RecomputeProgress,
    ) -> CoreResult<bool> {
        let tx = self.conn.transaction()?;
        let current = load_settings(&tx)?;
        if current == *settings {
            // The stored deadlines were computed from these very settings,
            // and recomputing every participant takes seconds in a large
            // register, so saving what is already in force does nothing.
            // The transaction has only read; dropping it rolls nothing back.
            return Ok(false);
        }
        let before = settings_snapshot(&current);
        {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO rule_setting (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?;
            for key in setting_keys() {
                let value = setting_value(settings, key).expect("known key");
                upsert.execute(params![key, value])?;
            }
        }
        audit_snapshots(
            &tx,
            AuditEntity::RuleSettings,
            AuditAction::Update,
            before,
            settings_snapshot(&load_settings(&tx)?),
        )?;
        recompute_everyone(&tx, today, progress)?;
        tx.commit()?;
        tracing::info!("rule settings saved; deadlines recomputed");
        Ok(true)
    }

    /// Recomputes every participant's deadlines; returns how many participants.
    pub fn recompute_all_deadlines(&mut self, today: NaiveDate) -> CoreResult<usize> {
        let tx = self.conn.transaction()?;
        let count = recompute_everyone(&tx, today, &RecomputeProgress::default())?;
        tx.commit()?;
        Ok(count)
    }

    /// Recomputes everything once per day, because an ongoing leave extends
    /// the programme day by day. Returns whether it recomputed.
    pub fn refresh_deadlines_if_stale(&mut self, today: NaiveDate) -> CoreResult<bool> {
        let last: Option<NaiveDate> = self
            .conn
            .query_row(
                "SELECT value FROM store_meta WHERE key = 'deadlines_computed_on'",
                [],
                |row| row.get("value"),
            )
            .optional()?;
        if last == Some(today) {
            return Ok(false);
        }
        self.recompute_all_deadlines(today)?;
        Ok(true)
    }

    /// A participant's registrable events, oldest first.
    pub fn events(&self, participant_id: i64) -> CoreResult<Vec<StoredEvent>> {
        load_events(&self.conn, participant_id)
    }

    /// A participant's leaves, oldest first.
    pub fn leaves(&self, participant_id: i64) -> CoreResult<Vec<Leave>> {
        load_leaves(&self.conn, participant_id)
    }

    /// Records a registrable event; its IMDi registration deadline appears.
    pub fn add_event(
        &mut self,
        participant_id: i64,
        draft: &EventDraft,
        today: NaiveDate,
    ) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        ensure_participant(&tx, participant_id)?;
        tx.prepare_cached(
            "INSERT INTO registrable_event (participant_id, kind, occurred, registered, note) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            participant_id,
            draft.kind.as_str(),
            draft.occurred,
            draft.registered,
            draft.note
        ])?;
        let id = tx.last_insert_rowid();
        audit_created(&tx, AuditEntity::RegistrableEvent, id)?;
        recompute_after_change(&tx, participant_id, today)?;
        tx.commit()?;
        Ok(id)
    }

    /// Sets (or with `None` clears) the date an event was registered with
    /// IMDi. An event registered already is refused (`already_done`): its
    /// date is changed by clearing it first.
    pub fn set_event_registered(
        &mut self,
        event_id: i64,
        registered: Option<NaiveDate>,
        today: NaiveDate,
    ) -> CoreResult<()> {
        self.change_record(
            "registrable_event",
            event_id,
            today,
            |tx, participant_id| {
                if let Some(date) = registered {
                    let occurred: NaiveDate = tx.query_row(
                        "SELECT occurred FROM registrable_event WHERE id = ?1",
                        [event_id],
                        |row| row.get("occurred"),
                    )?;
                    if date < occurred {
                        return Err(invalid(
                            "date",
                            "registered_before_event",
                            messages::REGISTERED_BEFORE_EVENT,
                        ));
                    }
                    ensure_not_done(
                        tx,
                        participant_id,
                        DeadlineKind::ImdiRegistration,
                        Some(event_id),
                        today,
                    )?;
                }
                let audit = before_change(tx, AuditEntity::RegistrableEvent, event_id)?;
                tx.prepare_cached("UPDATE registrable_event SET registered = ?2 WHERE id = ?1")?
                    .execute(params![event_id, registered])?;
                audit.record(tx, done_or_undone(registered))?;
                Ok(())
            },
        )
    }

    /// Deletes a registrable event and its registration deadline.
    pub fn delete_event(&mut self, event_id: i64, today: NaiveDate) -> CoreResult<()> {
        self.change_record("registrable_event", event_id, today, |tx, _| {
            let audit = before_change(tx, AuditEntity::RegistrableEvent, event_id)?;
            tx.prepare_cached("DELETE FROM registrable_event WHERE id = ?1")?
                .execute([event_id])?;
            audit.record(tx, AuditAction::Delete)?;
            Ok(())
        })
    }

    /// Adds a leave (`leave_id` = `None`) or replaces one.
    pub fn save_leave(
        &mut self,
        participant_id: i64,
        leave_id: Option<i64>,
        draft: &LeaveDraft,
        today: NaiveDate,
    ) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        ensure_participant(&tx, participant_id)?;
        let id = match leave_id {
            None => {
                tx.prepare_cached(
                    "INSERT INTO leave (participant_id, kind, start_date, end_date, approved, followup_date) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    participant_id,
                    draft.kind.as_str(),
                    draft.start,
                    draft.end,
                    draft.approved,
                    draft.followup_date
                ])?;
                let id = tx.last_insert_rowid();
                audit_created(&tx, AuditEntity::Leave, id)?;
                id
            }
            Some(id) => {
                if participant_of(&tx, "leave", id)? != participant_id {
                    return Err(CoreError::RecordNotFound(id));
                }
                let audit = before_change(&tx, AuditEntity::Leave, id)?;
                tx.prepare_cached(
                    "UPDATE leave SET kind = ?2, start_date = ?3, end_date = ?4, approved = ?5, \
                     followup_date = ?6 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    draft.kind.as_str(),
                    draft.start,
                    draft.end,
                    draft.approved,
                    draft.followup_date
                ])?;
                audit.record(&tx, AuditAction::Update)?;
                id
            }
        };
        recompute_after_change(&tx, participant_id, today)?;
        tx.commit()?;
        Ok(id)
    }

    /// Deletes a leave.
    pub fn delete_leave(&mut self, leave_id: i64, today: NaiveDate) -> CoreResult<()> {
        self.change_record("leave", leave_id, today, |tx, _| {
            let audit = before_change(tx, AuditEntity::Leave, leave_id)?;
            tx.prepare_cached("DELETE FROM leave WHERE id = ?1")?
                .execute([leave_id])?;
            audit.record(tx, AuditAction::Delete)?;
            Ok(())
        })
    }

    /// Runs `change` against one event or leave in a transaction, then
    /// recomputes the deadlines of the participant it belongs to; `change`
    /// is given that participant's id. Nothing is kept if anything fails.
    fn change_record(
        &mut self,
        table: &str,
        id: i64,
        today: NaiveDate,
        change: impl FnOnce(&Connection, i64) -> CoreResult<()>,
    ) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let participant_id = participant_of(&tx, table, id)?;
        change(&tx, participant_id)?;
        recompute_after_change(&tx, participant_id, today)?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a legal deadline done on `date` (or, with `None`, not done) by
    /// recording the fact that closes it: the programme start date for
    /// `programme_start`, the registration date for an IMDi registration, and
    /// so on. Then recomputes the participant's deadlines. A deadline that
    /// is done already is refused (`already_done`) and nothing changes: its
    /// date is changed by undoing it first.
    pub fn mark_deadline_done(
        &mut self,
        participant_id: i64,
        kind: DeadlineKind,
        source_id: Option<i64>,
        date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> CoreResult<()> {
        if date.is_some_and(|d| d > today) {
            return Err(invalid(
                "date",
                "date_in_future",
                messages::DONE_DATE_IN_FUTURE,
            ));
        }
        let column = closing_column(kind);
        match (kind, column) {
            (DeadlineKind::ImdiRegistration, _) => {
                let event_id = source_id.ok_or(CoreError::RecordNotFound(0))?;
                if participant_of(&self.conn, "registrable_event", event_id)? != participant_id {
                    return Err(CoreError::RecordNotFound(event_id));
                }
                self.set_event_registered(event_id, date, today)
            }
            (DeadlineKind::CareLeaveFollowup, _) => {
                let leave_id = source_id.ok_or(CoreError::RecordNotFound(0))?;
                self.change_record("leave", leave_id, today, |tx, owner| {
                    if owner != participant_id {
                        return Err(CoreError::RecordNotFound(leave_id));
                    }
                    if date.is_some() {
                        ensure_not_done(tx, participant_id, kind, source_id, today)?;
                    }
                    let audit = before_change(tx, AuditEntity::Leave, leave_id)?;
                    tx.prepare_cached("UPDATE leave SET followup_date = ?2 WHERE id = ?1")?
                        .execute(params![leave_id, date])?;
                    audit.record(tx, done_or_undone(date))?;
                    Ok(())
                })
            }
            (_, Some(column)) => {
                let tx = self.conn.transaction()?;
                ensure_participant(&tx, participant_id)?;
                if date.is_some() {
                    ensure_not_done(&tx, participant_id, kind, source_id, today)?;
                }
                let audit = before_change(&tx, AuditEntity::Participant, participant_id)?;
                tx.execute(
                    &format!(
                        "UPDATE participant SET {column} = ?2, \
                         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1"
                    ),
                    params![participant_id, date],
                )?;
                if kind == DeadlineKind::ProgrammeEnd {
                    // Marking the end done completes the programme, unless it
                    // was already completed or broken off (that status is
                    // kept); undoing it reopens only an ended programme.
                    let ended = "status IN ('completed', 'terminated')";
                    let sql = if date.is_some() {
                        format!("UPDATE participant SET status = ?2 WHERE id = ?1 AND NOT {ended}")
                    } else {
                        format!("UPDATE participant SET status = ?2 WHERE id = ?1 AND {ended}")
                    };
                    let status = if date.is_some() {
                        Status::Completed
                    } else {
                        Status::Active
                    };
                    tx.execute(&sql, params![participant_id, status.as_str()])?;
                }
                audit.record(&tx, done_or_undone(date))?;
                recompute_after_change(&tx, participant_id, today)?;
                tx.commit()?;
                Ok(())
            }
            // An extension decision's deadline is closed by recording the
            // decision itself (months and date), which a date alone cannot say.
            (DeadlineKind::ExtensionDecision, _) => Err(invalid(
                "kind",
                "closed_by_extension",
                messages::EXTENSION_DEADLINE_CLOSED_BY_DECISION,
            )),
            (_, None) => unreachable!("every other kind has a column"),
        }
    }

    /// A participant's legal deadlines and own tasks, by due date.
    pub fn participant_deadlines(
        &self,
        participant_id: i64,
        today: NaiveDate,
    ) -> CoreResult<Vec<DeadlineRow>> {
        self.deadlines(
            &DeadlineFilter {
                participant_id: Some(participant_id),
                ..DeadlineFilter::default()
            },
            today,
        )
    }

    /// All deadlines and own tasks matching `filter`, by due date. Deadlines
    /// of archived participants are left out.
    pub fn deadlines(
        &self,
        filter: &DeadlineFilter,
        today: NaiveDate,
    ) -> CoreResult<Vec<DeadlineRow>> {
        let (arms, values) = deadline_rows_sql(filter, today);
        let mut rows = Vec::new();
        let read = |sql: &str, rows: &mut Vec<DeadlineRow>| -> CoreResult<usize> {
            let mut statement = self.conn.prepare_cached(sql)?;
            let arm =
                statement.query_map(rusqlite::params_from_iter(values.iter()), deadline_row)?;
            let before = rows.len();
            for row in arm {
                rows.push(row?);
            }
            Ok(rows.len() - before)
        };
        for arm in &arms {
            let first = rows.len();
            let read_now = read(&arm.limited, &mut rows)?;
            // Cut at the limit, the arm may have left out some rows that
            // share the last due date; those are read in full, so the
            // merged list ends at the same row whatever SQLite's tie order.
            if filter.limit.is_some_and(|limit| read_now as u32 == limit) {
                let last_due = rows[rows.len() - 1].due;
                let arm_rows = rows.split_off(first);
                rows.extend(arm_rows.into_iter().filter(|row| row.due != last_due));
                read(
                    &format!("{} AND {} = '{last_due}'", arm.base, arm.due_column),
                    &mut rows,
                )?;
            }
        }
        rows.sort_by_key(|row| {
            let c = row.cursor();
            (c.due, c.kind, c.participant_id, c.task, c.id)
        });
        if let Some(limit) = filter.limit {
            rows.truncate(limit as usize);
        }
        Ok(rows)
    }

    /// The start screen: what is overdue, due within 7 and within 30 days,
    /// and how many IMDi registrations are owed. Each group holds at most
    /// [`OVERVIEW_GROUP_LIMIT`] rows (oldest first); the list of all
    /// deadlines shows the rest.
    pub fn overview(&self, today: NaiveDate) -> CoreResult<Overview> {
        let group = |from: Option<NaiveDate>, to: NaiveDate| {
            self.deadlines(
                &DeadlineFilter {
                    from,
                    to: Some(to),
                    open_only: true,
                    limit: Some(OVERVIEW_GROUP_LIMIT),
                    ..DeadlineFilter::default()
                },
                today,
            )
        };
        let week_end = add_days(today, 7);
        let month_start = add_days(today, 8);
        let month_end = add_days(today, 30);
        Ok(Overview {
            overdue: group(None, add_days(today, -1))?,
            within_7_days: group(Some(today), week_end)?,
            within_30_days: group(Some(month_start), month_end)?,
            week_end,
            month_start,
            month_end,
            open_imdi_registrations: self.conn.query_row(
                // Counted from the covering (kind, state, due, participant)
                // index, leaving out the few archived participants by list,
                // and only up to OPEN_IMDI_COUNT_CAP: the start screen says
                // "1000+" rather than spend time counting further.
                &format!(
                    "SELECT count(*) AS count FROM (SELECT 1 FROM deadline \
                     WHERE kind = 'imdi_registration' AND state = 'open' \
                     AND participant_id NOT IN (SELECT id FROM participant WHERE archived_at IS NOT NULL) \
                     LIMIT {OPEN_IMDI_COUNT_CAP})"
                ),
                [],
                |row| row.get("count"),
            )?,
        })
    }

    /// Adds an own task.
    pub fn add_task(&mut self, draft: &TaskDraft) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        if let Some(id) = draft.participant_id {
            ensure_participant(&tx, id)?;
        }
        tx.prepare_cached(
            "INSERT INTO task (participant_id, title, due, note) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            draft.participant_id,
            draft.title,
            draft.due,
            draft.note
        ])?;
        let id = tx.last_insert_rowid();
        audit_created(&tx, AuditEntity::Task, id)?;
        tx.commit()?;
        Ok(id)
    }

    /// Ticks a task off on `date`, or (with `None`) opens it again.
    pub fn set_task_done(
        &mut self,
        task_id: i64,
        date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> CoreResult<()> {
        if date.is_some_and(|d| d > today) {
            return Err(invalid(
                "date",
                "date_in_future",
                messages::DONE_DATE_IN_FUTURE,
            ));
        }
        let tx = self.conn.transaction()?;
        let audit = before_change(&tx, AuditEntity::Task, task_id)?;
        let changed = tx
            .prepare_cached("UPDATE task SET done_on = ?2 WHERE id = ?1")?
            .execute(params![task_id, date])?;
        if changed == 0 {
            return Err(CoreError::RecordNotFound(task_id));
        }
        audit.record(&tx, done_or_undone(date))?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a task.
    pub fn delete_task(&mut self, task_id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let audit = before_change(&tx, AuditEntity::Task, task_id)?;
        let changed = tx
            .prepare_cached("DELETE FROM task WHERE id = ?1")?
            .execute([task_id])?;
        if changed == 0 {
            return Err(CoreError::RecordNotFound(task_id));
        }
        audit.record(&tx, AuditAction::Delete)?;
        tx.commit()?;
        Ok(())
    }
}

/// A date set marks something done; a date cleared opens it again.
fn done_or_undone(date: Option<NaiveDate>) -> AuditAction {
    if date.is_some() {
        AuditAction::Complete
    } else {
        AuditAction::Reopen
    }
}

/// The rule settings in force as one snapshot for the audit trail.
fn settings_snapshot(settings: &RuleSettings) -> Snapshot {
    setting_keys()
        .map(|key| SnapshotField {
            name: key.to_string(),
            value: setting_value(settings, key).map(|v| v.to_string()),
            rule: FieldRule::Keep,
        })
        .collect()
}
