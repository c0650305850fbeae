//! Reading and writing meetings, their minutes, action items (kept as
//! tasks), the organisation's cycle, the sharing log and the letterhead.

use crate::domain::audit::{AuditAction, AuditEntity};
use crate::domain::interpreter::{
    interpreter_warnings, InterpreterDetails, InterpreterQualification, InterpreterWarningCode,
    InterpretingFacts, InterpretingMode, TolkeregisterCategory, UnqualifiedException,
};
use crate::domain::meeting::{
    triangle_missing_message, ActionItem, ActionItemDraft, AgendaItem, Attendee,
    ConcernedParticipant, LegalBasis, Meeting, MeetingDraft, MeetingKind, MeetingReopening,
    Recipient, SharingChoice, REOPEN_REASON_MAX,
};
use crate::domain::minutes::{meeting_kind_in_text, Letterhead};
use crate::domain::organisation_cycle::{
    nir_annual_duties, organisation_duties, CompletedMeeting, CycleDuty,
};
use crate::error::{CoreError, CoreResult, FieldError, ValidationErrors};
use crate::export::labels::deadline_kind_label;
use crate::language::{Arg, Language};
use crate::messages;
use crate::store::audit::{audit_created, audit_minutes_export, before_change};
use crate::store::participants::ensure_participant;
use crate::store::teams::{contact_from_row, ensure_contact, CONTACT_COLUMNS};
use crate::store::{invalid, stored_choice, Store};
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: MeetingKind,
    /// Date.
    pub date: NaiveDate,
    /// Start time.
    pub start_time: Option<NaiveTime>,
    /// Place.
    pub place: String,
    /// Names of the participants concerned, comma separated (at most a few).
    pub participants: String,
    /// How many participants it concerns.
    pub participant_count: i64,
    /// When completed.
    pub completed_on: Option<NaiveDate>,
    /// Action items not yet ticked off.
    pub open_actions: i64,
    /// What the interpreting rules warn about for this meeting.
    pub interpreter_warnings: Vec<InterpreterWarningCode>,
}

/// A proposed agenda item for a new meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaSuggestion {
    /// Proposed title.
    pub title: String,
    /// Where it comes from (`deadline:12`, `action:3`).
    pub origin: String,
}

/// One export of minutes, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharingEntry {
    /// Log id.
    pub id: i64,
    /// When it was exported (local time).
    pub exported_at: NaiveDateTime,
    /// The meeting.
    pub meeting_id: i64,
    /// Kind of that meeting.
    pub meeting_kind: MeetingKind,
    /// Date of that meeting.
    pub meeting_date: NaiveDate,
    /// Recipient group.
    pub recipient: Recipient,
    /// Legal basis, if any (none for the archive).
    pub legal_basis: Option<LegalBasis>,
    /// File name written.
    pub file_name: String,
    /// The version of the minutes that was exported.
    pub minutes_version: i64,
    /// For a participant's own copy: whose it was (given and family name).
    pub copy_for: Option<String>,
}

/// How far ahead a new meeting's agenda looks for deadlines.
pub const AGENDA_DEADLINE_DAYS: u64 = 60;

const LETTERHEAD_KEYS: [&str; 3] = ["municipality", "service", "caseworker"];
/// The settings key of the municipality's written language (a tag: `nb`,
/// `nn` or `en`).
const WRITTEN_LANGUAGE_KEY: &str = "writtenLanguage";

/// The municipality's written language as `conn` (the store's connection or
/// a transaction on it) has it; Bokmål until one is chosen.
fn written_language(conn: &Connection) -> CoreResult<Language> {
    Ok(conn
        .prepare_cached("SELECT value FROM text_setting WHERE key = ?1")?
        .query_row([WRITTEN_LANGUAGE_KEY], |row| row.get::<_, String>("value"))
        .optional()?
        .and_then(|tag| Language::from_tag(&tag))
        .unwrap_or_default())
}

fn ensure_meeting(conn: &Connection, id: i64) -> CoreResult<Option<NaiveDate>> {
    conn.prepare_cached("SELECT completed_on FROM meeting WHERE id = ?1")?
        .query_row([id], |row| row.get::<_, Option<NaiveDate>>("completed_on"))
        .optional()?
        .ok_or(CoreError::RecordNotFound(id))
}

fn load_meeting(conn: &Connection, id: i64) -> CoreResult<Meeting> {
    struct Head {
        kind: String,
        date: NaiveDate,
        start: Option<String>,
        end: Option<String>,
        place: String,
        convened_by: Option<i64>,
        interpreter_used: bool,
        interpreter_language: String,
        interpreter: InterpreterDetails,
        next_date: Option<NaiveDate>,
        next_note: String,
        minute_taker: String,
        revises: bool,
        evaluates: bool,
        may_be_named: bool,
        completed_on: Option<NaiveDate>,
        minutes_version: i64,
    }
    let head = conn
        .prepare_cached(
            "SELECT kind, date, start_time, end_time, place, convened_by, interpreter_used, \
             interpreter_language, next_meeting_date, next_meeting_note, minute_taker, \
             revises_agreement, evaluates_routines, completed_on, interpreter_needed, \
             interpreting_mode, interpreter_qualification, interpreter_category, \
             unqualified_exception, unqualified_reason, interpreter_adult, \
             child_emergency_reason, minutes_version, participants_may_be_named \
             FROM meeting WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(Head {
                kind: row.get("kind")?,
                date: row.get("date")?,
                start: row.get("start_time")?,
                end: row.get("end_time")?,
                place: row.get("place")?,
                convened_by: row.get("convened_by")?,
                interpreter_used: row.get("interpreter_used")?,
                interpreter_language: row.get("interpreter_language")?,
                interpreter: interpreter_from_row(row)?,
                next_date: row.get("next_meeting_date")?,
                next_note: row.get("next_meeting_note")?,
                minute_taker: row.get("minute_taker")?,
                revises: row.get("revises_agreement")?,
                evaluates: row.get("evaluates_routines")?,
                may_be_named: row.get("participants_may_be_named")?,
                completed_on: row.get("completed_on")?,
                minutes_version: row.get("minutes_version")?,
            })
        })
        .optional()?
        .ok_or(CoreError::RecordNotFound(id))?;
    let time =
        |text: Option<String>| text.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok());

    let participants = conn
        .prepare_cached(
            "SELECT p.id AS participant_id, p.given_name || ' ' || p.family_name AS name, \
             p.birth_date AS birth_date, mp.present AS present, \
             p.needs_interpreter AS needs_interpreter \
             FROM meeting_participant mp JOIN participant p ON p.id = mp.participant_id \
             WHERE mp.meeting_id = ?1 ORDER BY p.sort_key, p.id",
        )?
        .query_map([id], |row| {
            Ok(ConcernedParticipant {
                participant_id: row.get("participant_id")?,
                name: row.get("name")?,
                birth_date: row.get("birth_date")?,
                present: row.get("present")?,
                needs_interpreter: row.get("needs_interpreter")?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let attendees = conn
        .prepare_cached(&format!(
            "SELECT a.present AS present, {CONTACT_COLUMNS} FROM meeting_attendee a \
             JOIN contact c ON c.id = a.contact_id JOIN organisation o ON o.id = c.organisation_id \
             WHERE a.meeting_id = ?1 ORDER BY a.position"
        ))?
        .query_map([id], |row| {
            let present: bool = row.get("present")?;
            let contact = contact_from_row(row)?;
            Ok(attendee(contact, present))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let convened_by = match head.convened_by {
        Some(contact_id) => conn
            .prepare_cached(&format!(
                "SELECT {CONTACT_COLUMNS} FROM contact c \
                 JOIN organisation o ON o.id = c.organisation_id WHERE c.id = ?1"
            ))?
            .query_row([contact_id], contact_from_row)
            .optional()?
            .map(|c| attendee(c, true)),
        None => None,
    };
    let agenda = conn
        .prepare_cached(
            "SELECT title, notes, sensitive, origin FROM agenda_item WHERE meeting_id = ?1 \
             ORDER BY position",
        )?
        .query_map([id], |row| {
            Ok(AgendaItem {
                title: row.get("title")?,
                notes: row.get("notes")?,
                sensitive: row.get("sensitive")?,
                origin: row.get("origin")?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let decisions = conn
        .prepare_cached("SELECT text FROM decision WHERE meeting_id = ?1 ORDER BY position")?
        .query_map([id], |row| row.get("text"))?
        .collect::<Result<Vec<String>, _>>()?;
    let actions = conn
        .prepare_cached(
            "SELECT a.id AS id, a.what AS what, a.responsible AS responsible, a.due AS due, \
             a.task_id AS task_id, t.done_on AS done_on FROM action_item a \
             LEFT JOIN task t ON t.id = a.task_id WHERE a.meeting_id = ?1 ORDER BY a.position",
        )?
        .query_map([id], |row| {
            Ok(ActionItem {
                id: row.get("id")?,
                what: row.get("what")?,
                responsible: row.get("responsible")?,
                due: row.get("due")?,
                task_id: row.get("task_id")?,
                done_on: row.get("done_on")?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let reopenings = conn
        .prepare_cached(
            "SELECT reopened_at, reason, version_before FROM meeting_reopening \
             WHERE meeting_id = ?1 ORDER BY reopened_at, id",
        )?
        .query_map([id], |row| {
            Ok(MeetingReopening {
                reopened_at: row.get("reopened_at")?,
                reason: row.get("reason")?,
                version_before: row.get("version_before")?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Meeting {
        id,
        kind: MeetingKind::from_str_id(&head.kind).unwrap_or(MeetingKind::Team),
        date: head.date,
        start_time: time(head.start),
        end_time: time(head.end),
        place: head.place,
        convened_by,
        participants,
        attendees,
        interpreter_used: head.interpreter_used,
        interpreter_language: head.interpreter_language,
        interpreter: head.interpreter,
        agenda,
        decisions,
        actions,
        next_meeting_date: head.next_date,
        next_meeting_note: head.next_note,
        minute_taker: head.minute_taker,
        revises_agreement: head.revises,
        evaluates_routines: head.evaluates,
        participants_may_be_named: head.may_be_named,
        completed_on: head.completed_on,
        minutes_version: head.minutes_version,
        reopenings,
    })
}

/// The interpreting facts of a meeting row.
pub(crate) fn interpreter_from_row(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<InterpreterDetails> {
    Ok(InterpreterDetails {
        needed: row.get("interpreter_needed")?,
        mode: stored_choice(row, "interpreting_mode", InterpretingMode::from_str_id)?,
        qualification: stored_choice(
            row,
            "interpreter_qualification",
            InterpreterQualification::from_str_id,
        )?,
        category: stored_choice(
            row,
            "interpreter_category",
            TolkeregisterCategory::from_str_id,
        )?,
        exception: stored_choice(
            row,
            "unqualified_exception",
            UnqualifiedException::from_str_id,
        )?,
        reason: row.get("unqualified_reason")?,
        adult_confirmed: row.get("interpreter_adult")?,
        child_emergency_reason: row.get("child_emergency_reason")?,
    })
}

fn attendee(contact: crate::store::teams::Contact, present: bool) -> Attendee {
    Attendee {
        contact_id: contact.id,
        name: contact.name,
        title: contact.title,
        organisation: contact.organisation,
        organisation_kind: contact.organisation_kind,
        present,
    }
}

fn refuse_if_incomplete(meeting: &Meeting) -> CoreResult<()> {
    match triangle_missing_message(&meeting.missing_parties()) {
        None => Ok(()),
        Some(message) => Err(invalid("attendance", "triangle_incomplete", message)),
    }
}

/// Writes the action items and keeps each one's task in step: new items
/// get a task, changed ones update theirs, removed ones take theirs along.
fn save_actions(tx: &Transaction<'_>, meeting_id: i64, draft: &MeetingDraft) -> CoreResult<()> {
    let task_participant = match draft.participants.as_slice() {
        [only] => Some(only.id),
        _ => None,
    };
    // The task's note is stored text, written in the municipality's
    // written language.
    let language = written_language(tx)?;
    let note = crate::language::catalogue(language).render(
        "task.fromAction",
        &[
            (
                "kind",
                Arg::Text(meeting_kind_in_text(draft.kind, language)),
            ),
            ("date", Arg::Date(draft.date)),
        ],
    );
    let kept: Vec<i64> = draft.actions.iter().filter_map(|a| a.id).collect();
    let existing: Vec<(i64, Option<i64>)> = tx
        .prepare_cached("SELECT id, task_id FROM action_item WHERE meeting_id = ?1")?
        .query_map([meeting_id], |row| {
            Ok((row.get("id")?, row.get("task_id")?))
        })?
        .collect::<Result<_, _>>()?;
    for (id, task_id) in &existing {
        if !kept.contains(id) {
            if let Some(task_id) = task_id {
                let audit = before_change(tx, AuditEntity::Task, *task_id)?;
                tx.prepare_cached("DELETE FROM task WHERE id = ?1")?
                    .execute([task_id])?;
                audit.record(tx, AuditAction::Delete)?;
            }
            tx.prepare_cached("DELETE FROM action_item WHERE id = ?1")?
                .execute([id])?;
        }
    }
    for (position, action) in draft.actions.iter().enumerate() {
        let task_note = if action.responsible.is_empty() {
            note.clone()
        } else {
            format!("{note} Ansvarlig: {}.", action.responsible)
        };
        let existing_task = action
            .id
            .and_then(|id| existing.iter().find(|(e, _)| *e == id))
            .map(|(_, task)| *task);
        match (action.id, existing_task) {
            (Some(id), Some(task_id)) => {
                update_action(tx, id, position, action)?;
                match task_id {
                    Some(task_id) => {
                        let audit = before_change(tx, AuditEntity::Task, task_id)?;
                        tx.prepare_cached(
                            "UPDATE task SET title = ?2, due = ?3, participant_id = ?4, note = ?5 \
                             WHERE id = ?1",
                        )?
                        .execute(params![
                            task_id,
                            action.what,
                            action.due,
                            task_participant,
                            task_note
                        ])?;
                        audit.record(tx, AuditAction::Update)?;
                    }
                    None => {
                        let task_id = insert_task(tx, action, task_participant, &task_note)?;
                        tx.prepare_cached("UPDATE action_item SET task_id = ?2 WHERE id = ?1")?
                            .execute(params![id, task_id])?;
                    }
                }
            }
            // A new item, or an id that is not this meeting's: add it anew.
            _ => {
                let task_id = insert_task(tx, action, task_participant, &task_note)?;
                tx.prepare_cached(
                    "INSERT INTO action_item (meeting_id, position, what, responsible, due, task_id) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    meeting_id,
                    position as i64,
                    action.what,
                    action.responsible,
                    action.due,
                    task_id
                ])?;
            }
        }
    }
    Ok(())
}

fn update_action(
    tx: &Transaction<'_>,
    id: i64,
    position: usize,
    action: &ActionItemDraft,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE action_item SET position = ?2, what = ?3, responsible = ?4, due = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        position as i64,
        action.what,
        action.responsible,
        action.due
    ])?;
    Ok(())
}

fn insert_task(
    tx: &Transaction<'_>,
    action: &ActionItemDraft,
    participant_id: Option<i64>,
    note: &str,
) -> CoreResult<i64> {
    tx.prepare_cached(
        "INSERT INTO task (participant_id, title, due, note) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![participant_id, action.what, action.due, note])?;
    let id = tx.last_insert_rowid();
    audit_created(tx, AuditEntity::Task, id)?;
    Ok(id)
}

fn time_text(time: Option<NaiveTime>) -> Option<String> {
    time.map(|t| t.format("%H:%M").to_string())
}

impl Store {
    /// Adds (`id` = `None`) or saves a meeting with its minutes, in one
    /// transaction. A completed triangle meeting must still have everyone
    /// it needs marked present.
    pub fn save_meeting(&mut self, id: Option<i64>, draft: &MeetingDraft) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        for participant in &draft.participants {
            ensure_participant(&tx, participant.id)?;
        }
        for contact in &draft.attendees {
            ensure_contact(&tx, contact.id)?;
        }
        if let Some(contact) = draft.convened_by {
            ensure_contact(&tx, contact)?;
        }
        let (start_time, end_time) = (time_text(draft.start_time), time_text(draft.end_time));
        let i = &draft.interpreter;
        let (mode, qualification, category, exception) = (
            i.mode.map(InterpretingMode::as_str),
            i.qualification.map(InterpreterQualification::as_str),
            i.category.map(TolkeregisterCategory::as_str),
            i.exception.map(UnqualifiedException::as_str),
        );
        // The meeting's columns, ?1 to ?22 in both the INSERT and the UPDATE.
        let values: [&dyn rusqlite::ToSql; 22] = [
            &draft.kind.as_str(),
            &draft.date,
            &start_time,
            &end_time,
            &draft.place,
            &draft.convened_by,
            &draft.interpreter_used,
            &draft.interpreter_language,
            &draft.next_meeting_date,
            &draft.next_meeting_note,
            &draft.minute_taker,
            &draft.revises_agreement,
            &draft.evaluates_routines,
            &i.needed,
            &mode,
            &qualification,
            &category,
            &exception,
            &i.reason,
            &i.adult_confirmed,
            &i.child_emergency_reason,
            &draft.participants_may_be_named,
        ];
        let mut audit = None;
        let meeting_id = match id {
            None => {
                tx.prepare_cached(
                    "INSERT INTO meeting (kind, date, start_time, end_time, place, convened_by, \
                     interpreter_used, interpreter_language, next_meeting_date, next_meeting_note, \
                     minute_taker, revises_agreement, evaluates_routines, interpreter_needed, \
                     interpreting_mode, interpreter_qualification, interpreter_category, \
                     unqualified_exception, unqualified_reason, interpreter_adult, \
                     child_emergency_reason, participants_may_be_named) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
                     ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
                )?
                .execute(&values[..])?;
                tx.last_insert_rowid()
            }
            Some(id) => {
                // Completed minutes may already be filed or sent: they change
                // only after a recorded reopening.
                if ensure_meeting(&tx, id)?.is_some() {
                    return Err(invalid(
                        "meeting",
                        "meeting_locked",
                        messages::MEETING_LOCKED,
                    ));
                }
                audit = Some(before_change(&tx, AuditEntity::Meeting, id)?);
                tx.prepare_cached(
                    "UPDATE meeting SET kind = ?1, date = ?2, start_time = ?3, end_time = ?4, \
                     place = ?5, convened_by = ?6, interpreter_used = ?7, interpreter_language = ?8, \
                     next_meeting_date = ?9, next_meeting_note = ?10, minute_taker = ?11, \
                     revises_agreement = ?12, evaluates_routines = ?13, interpreter_needed = ?14, \
                     interpreting_mode = ?15, interpreter_qualification = ?16, \
                     interpreter_category = ?17, unqualified_exception = ?18, \
                     unqualified_reason = ?19, interpreter_adult = ?20, \
                     child_emergency_reason = ?21, participants_may_be_named = ?22, \
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?23",
                )?
                .execute(rusqlite::params_from_iter(
                    values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
                ))?;
                for table in [
                    "meeting_participant",
                    "meeting_attendee",
                    "agenda_item",
                    "decision",
                ] {
                    tx.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])?;
                }
                id
            }
        };
        for participant in &draft.participants {
            tx.prepare_cached(
                "INSERT INTO meeting_participant (meeting_id, participant_id, present) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![meeting_id, participant.id, participant.present])?;
        }
        for (position, contact) in draft.attendees.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO meeting_attendee (meeting_id, contact_id, present, position) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                meeting_id,
                contact.id,
                contact.present,
                position as i64
            ])?;
        }
        for (position, item) in draft.agenda.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO agenda_item (meeting_id, position, title, notes, sensitive, origin) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                meeting_id,
                position as i64,
                item.title,
                item.notes,
                item.sensitive,
                item.origin
            ])?;
        }
        for (position, text) in draft.decisions.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO decision (meeting_id, position, text) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![meeting_id, position as i64, text])?;
        }
        save_actions(&tx, meeting_id, draft)?;
        let saved = load_meeting(&tx, meeting_id)?;
        if saved.completed_on.is_some() {
            refuse_if_incomplete(&saved)?;
        }
        match audit {
            Some(audit) => audit.record(&tx, AuditAction::Update)?,
            None => audit_created(&tx, AuditEntity::Meeting, meeting_id)?,
        }
        tx.commit()?;
        Ok(meeting_id)
    }

    /// One meeting with everything in it.
    pub fn meeting(&self, id: i64) -> CoreResult<Meeting> {
        load_meeting(&self.conn, id)
    }

    /// Marks a held meeting completed. A triangle meeting needs the
    /// participant, the refugee service and NAV marked present.
    pub fn complete_meeting(&mut self, id: i64, today: NaiveDate) -> CoreResult<Meeting> {
        let meeting = load_meeting(&self.conn, id)?;
        if meeting.date > today {
            return Err(invalid(
                "date",
                "meeting_in_future",
                messages::MEETING_IN_FUTURE,
            ));
        }
        refuse_if_incomplete(&meeting)?;
        let tx = self.conn.transaction()?;
        let audit = before_change(&tx, AuditEntity::Meeting, id)?;
        tx.prepare_cached("UPDATE meeting SET completed_on = ?2 WHERE id = ?1")?
            .execute(params![id, today])?;
        audit.record(&tx, AuditAction::Complete)?;
        tx.commit()?;
        load_meeting(&self.conn, id)
    }

    /// Opens a completed meeting again, for corrections, recording why.
    /// The minutes' version goes up by one, so the next export is told
    /// apart from the ones already filed or sent.
    pub fn reopen_meeting(&mut self, id: i64, reason: &str, at: NaiveDateTime) -> CoreResult<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(invalid(
                "reason",
                "required",
                messages::REOPEN_REASON_REQUIRED,
            ));
        }
        if reason.chars().count() > REOPEN_REASON_MAX {
            return Err(invalid(
                "reason",
                "too_long",
                messages::reopen_reason_too_long(REOPEN_REASON_MAX),
            ));
        }
        let tx = self.conn.transaction()?;
        if ensure_meeting(&tx, id)?.is_none() {
            return Err(invalid(
                "meeting",
                "meeting_not_completed",
                messages::MEETING_NOT_LOCKED,
            ));
        }
        let audit = before_change(&tx, AuditEntity::Meeting, id)?;
        tx.prepare_cached(
            "INSERT INTO meeting_reopening (meeting_id, reopened_at, reason, version_before) \
             SELECT id, ?2, ?3, minutes_version FROM meeting WHERE id = ?1",
        )?
        .execute(params![id, at, reason])?;
        tx.prepare_cached(
            "UPDATE meeting SET completed_on = NULL, minutes_version = minutes_version + 1 \
             WHERE id = ?1",
        )?
        .execute([id])?;
        audit.record_with_reason(&tx, AuditAction::Reopen, reason)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a meeting that has not been completed, with its action
    /// items' tasks. Completed meetings are records and stay.
    pub fn delete_meeting(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        if ensure_meeting(&tx, id)?.is_some() {
            return Err(invalid(
                "meeting",
                "meeting_completed",
                messages::COMPLETED_MEETING_KEPT,
            ));
        }
        let task_ids: Vec<i64> = tx
            .prepare_cached(
                "SELECT task_id FROM action_item WHERE meeting_id = ?1 AND task_id IS NOT NULL",
            )?
            .query_map([id], |row| row.get("task_id"))?
            .collect::<Result<_, _>>()?;
        let task_audits = task_ids
            .into_iter()
            .map(|task_id| before_change(&tx, AuditEntity::Task, task_id))
            .collect::<CoreResult<Vec<_>>>()?;
        let audit = before_change(&tx, AuditEntity::Meeting, id)?;
        tx.prepare_cached(
            "DELETE FROM task WHERE id IN (SELECT task_id FROM action_item WHERE meeting_id = ?1)",
        )?
        .execute([id])?;
        tx.prepare_cached("DELETE FROM meeting WHERE id = ?1")?
            .execute([id])?;
        for task_audit in task_audits {
            task_audit.record(&tx, AuditAction::Delete)?;
        }
        audit.record(&tx, AuditAction::Delete)?;
        tx.commit()?;
        Ok(())
    }

    /// Meetings, latest first: all, or those concerning one participant.
    pub fn meetings(
        &self,
        participant_id: Option<i64>,
        limit: u32,
    ) -> CoreResult<Vec<MeetingSummary>> {
        // One statement for each case: with `?1 IS NULL OR …` SQLite
        // cannot start from the participant's own meetings, and walked
        // every meeting in date order to find them (23 ms at 200,000).
        let which = if participant_id.is_some() {
            "WHERE m.id IN (SELECT meeting_id FROM meeting_participant WHERE participant_id = ?1)"
        } else {
            "WHERE ?1 IS NULL"
        };
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT m.id AS id, m.kind AS kind, m.date AS date, m.start_time AS start_time, \
             m.place AS place, m.completed_on AS completed_on, \
             (SELECT group_concat(name, ', ') FROM (SELECT p.given_name || ' ' || p.family_name AS name \
                FROM meeting_participant mp JOIN participant p ON p.id = mp.participant_id \
                WHERE mp.meeting_id = m.id ORDER BY p.sort_key LIMIT 3)) AS participant_names, \
             (SELECT COUNT(*) FROM meeting_participant mp WHERE mp.meeting_id = m.id) \
                AS participant_count, \
             (SELECT COUNT(*) FROM action_item a JOIN task t ON t.id = a.task_id \
                WHERE a.meeting_id = m.id AND t.done_on IS NULL) AS open_actions, \
             m.interpreter_used AS interpreter_used, m.interpreter_needed AS interpreter_needed, \
             m.interpreting_mode AS interpreting_mode, \
             m.interpreter_qualification AS interpreter_qualification, \
             m.interpreter_category AS interpreter_category, \
             m.unqualified_exception AS unqualified_exception, \
             m.unqualified_reason AS unqualified_reason, m.interpreter_adult AS interpreter_adult, \
             m.child_emergency_reason AS child_emergency_reason \
             FROM meeting m {which} ORDER BY m.date DESC, m.id DESC LIMIT ?2"
        ))?;
        let rows = statement.query_map(params![participant_id, limit], |row| {
            let kind: String = row.get("kind")?;
            let start: Option<String> = row.get("start_time")?;
            let date: NaiveDate = row.get("date")?;
            let completed_on: Option<NaiveDate> = row.get("completed_on")?;
            let details = interpreter_from_row(row)?;
            let interpreter_warnings = interpreter_warnings(InterpretingFacts {
                date,
                completed: completed_on.is_some(),
                used: row.get("interpreter_used")?,
                details: &details,
            })
            .into_iter()
            .map(|w| w.code)
            .collect();
            Ok(MeetingSummary {
                id: row.get("id")?,
                kind: MeetingKind::from_str_id(&kind).unwrap_or(MeetingKind::Team),
                date,
                start_time: start.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
                place: row.get("place")?,
                completed_on,
                participants: row
                    .get::<_, Option<String>>("participant_names")?
                    .unwrap_or_default(),
                participant_count: row.get("participant_count")?,
                open_actions: row.get("open_actions")?,
                interpreter_warnings,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A proposed agenda for a new meeting about `participant_ids`: their
    /// deadlines that are open and due within [`AGENDA_DEADLINE_DAYS`] days
    /// (overdue ones included), then open action items from earlier meetings.
    /// The titles are in `language` (`agendaSuggestion.*`, the kinds'
    /// names from the window), since they become the minutes' text.
    pub fn agenda_suggestions(
        &self,
        participant_ids: &[i64],
        today: NaiveDate,
        language: Language,
    ) -> CoreResult<Vec<AgendaSuggestion>> {
        let texts = crate::language::catalogue(language);
        let horizon = today
            .checked_add_days(Days::new(AGENDA_DEADLINE_DAYS))
            .unwrap_or(today);
        let several = participant_ids.len() > 1;
        let mut suggestions = Vec::new();
        for &participant_id in participant_ids {
            ensure_participant(&self.conn, participant_id)?;
            let who: String = if several {
                self.conn
                    .prepare_cached(
                        "SELECT given_name || ' ' || family_name AS name FROM participant \
                         WHERE id = ?1",
                    )?
                    .query_row([participant_id], |row| row.get("name"))?
            } else {
                String::new()
            };
            let suffix = |text: String| {
                if several {
                    format!("{text} ({who})")
                } else {
                    text
                }
            };
            let mut deadlines = self.conn.prepare_cached(
                "SELECT id, kind, due FROM deadline WHERE participant_id = ?1 AND state = 'open' \
                 AND due <= ?2 ORDER BY due, id",
            )?;
            let rows = deadlines.query_map(params![participant_id, horizon], |row| {
                Ok((
                    row.get::<_, i64>("id")?,
                    row.get::<_, String>("kind")?,
                    row.get::<_, NaiveDate>("due")?,
                ))
            })?;
            for row in rows {
                let (id, kind, due) = row?;
                let key = if due < today {
                    "agendaSuggestion.deadlineOverdue"
                } else {
                    "agendaSuggestion.deadline"
                };
                suggestions.push(AgendaSuggestion {
                    title: suffix(texts.render(
                        key,
                        &[
                            ("kind", Arg::Text(deadline_kind_label(&kind, language))),
                            ("date", Arg::Date(due)),
                        ],
                    )),
                    origin: format!("deadline:{id}"),
                });
            }
            let mut actions = self.conn.prepare_cached(
                "SELECT a.id AS id, a.what AS what, a.due AS due, m.date AS held_on \
                 FROM action_item a \
                 JOIN meeting m ON m.id = a.meeting_id JOIN task t ON t.id = a.task_id \
                 JOIN meeting_participant mp ON mp.meeting_id = m.id \
                 WHERE mp.participant_id = ?1 AND t.done_on IS NULL ORDER BY a.due, a.id",
            )?;
            let rows = actions.query_map([participant_id], |row| {
                Ok((
                    row.get::<_, i64>("id")?,
                    row.get::<_, String>("what")?,
                    row.get::<_, NaiveDate>("due")?,
                    row.get::<_, NaiveDate>("held_on")?,
                ))
            })?;
            for row in rows {
                let (id, what, due, held) = row?;
                let origin = format!("action:{id}");
                if suggestions.iter().any(|s| s.origin == origin) {
                    continue;
                }
                suggestions.push(AgendaSuggestion {
                    title: suffix(texts.render(
                        "agendaSuggestion.action",
                        &[
                            ("held", Arg::Date(held)),
                            ("what", Arg::Text(what)),
                            ("due", Arg::Date(due)),
                        ],
                    )),
                    origin,
                });
            }
        }
        Ok(suggestions)
    }

    /// The organisation's duties (leader meetings, agreement revision,
    /// routine evaluation, the yearly NIR catch-up) and what closed them;
    /// none of a period that ended before the register's first day
    /// ([`Store::register_first_day`]; `today` while none is recorded, so
    /// a register not yet started owes nothing from before).
    pub fn organisation_duties(&self, today: NaiveDate) -> CoreResult<Vec<CycleDuty>> {
        let first_day = self.register_first_day()?.unwrap_or(today);
        let mut statement = self.conn.prepare_cached(
            "SELECT id, kind, date, revises_agreement, evaluates_routines FROM meeting \
             WHERE completed_on IS NOT NULL AND kind IN ('leader', 'cooperation') AND date >= ?1",
        )?;
        let since = today.checked_sub_days(Days::new(800)).unwrap_or(today);
        let meetings = statement
            .query_map([since], |row| {
                let kind: String = row.get("kind")?;
                Ok(CompletedMeeting {
                    id: row.get("id")?,
                    kind: MeetingKind::from_str_id(&kind).unwrap_or(MeetingKind::Cooperation),
                    date: row.get("date")?,
                    revises_agreement: row.get("revises_agreement")?,
                    evaluates_routines: row.get("evaluates_routines")?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut duties = organisation_duties(today, first_day, &meetings);
        duties.extend(nir_annual_duties(today, first_day, &self.nir_checks()?));
        duties.sort_by_key(|d| (d.due, d.kind.as_str()));
        Ok(duties)
    }

    /// Records one export of minutes in the sharing log.
    pub fn log_sharing(
        &mut self,
        meeting_id: i64,
        exported_at: NaiveDateTime,
        choice: SharingChoice,
        file_name: &str,
    ) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        ensure_meeting(&tx, meeting_id)?;
        tx.prepare_cached(
            "INSERT INTO sharing_log (meeting_id, exported_at, recipient, legal_basis, file_name, \
             minutes_version, copy_for) \
             SELECT ?1, ?2, ?3, ?4, ?5, minutes_version, ?6 FROM meeting WHERE id = ?1",
        )?
        .execute(params![
            meeting_id,
            exported_at,
            choice.recipient.as_str(),
            choice.legal_basis.map(LegalBasis::as_str),
            file_name,
            choice.copy_for
        ])?;
        let id = tx.last_insert_rowid();
        audit_minutes_export(&tx, meeting_id, id)?;
        tx.commit()?;
        Ok(id)
    }

    /// The sharing log: of one participant's meetings, or of one meeting.
    pub fn sharing_log(
        &self,
        participant_id: Option<i64>,
        meeting_id: Option<i64>,
    ) -> CoreResult<Vec<SharingEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT s.id AS id, s.exported_at AS exported_at, s.meeting_id AS meeting_id, \
             m.kind AS meeting_kind, m.date AS meeting_date, s.recipient AS recipient, \
             s.legal_basis AS legal_basis, s.file_name AS file_name, \
             s.minutes_version AS minutes_version, \
             p.given_name || ' ' || p.family_name AS copy_for \
             FROM sharing_log s JOIN meeting m ON m.id = s.meeting_id \
             LEFT JOIN participant p ON p.id = s.copy_for \
             WHERE (?1 IS NULL OR s.meeting_id IN \
                 (SELECT meeting_id FROM meeting_participant WHERE participant_id = ?1)) \
             AND (?2 IS NULL OR s.meeting_id = ?2) ORDER BY s.exported_at DESC, s.id DESC",
        )?;
        let rows = statement.query_map(params![participant_id, meeting_id], |row| {
            let kind: String = row.get("meeting_kind")?;
            let recipient: String = row.get("recipient")?;
            let basis: Option<String> = row.get("legal_basis")?;
            Ok(SharingEntry {
                id: row.get("id")?,
                exported_at: row.get("exported_at")?,
                meeting_id: row.get("meeting_id")?,
                meeting_kind: MeetingKind::from_str_id(&kind).unwrap_or(MeetingKind::Team),
                meeting_date: row.get("meeting_date")?,
                recipient: Recipient::from_str_id(&recipient).unwrap_or(Recipient::Archive),
                legal_basis: basis.as_deref().and_then(LegalBasis::from_str_id),
                file_name: row.get("file_name")?,
                minutes_version: row.get("minutes_version")?,
                copy_for: row.get("copy_for")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The municipality, service and caseworker names for minutes.
    pub fn letterhead(&self) -> CoreResult<Letterhead> {
        let mut values = [String::new(), String::new(), String::new()];
        for (slot, key) in values.iter_mut().zip(LETTERHEAD_KEYS) {
            if let Some(value) = self
                .conn
                .prepare_cached("SELECT value FROM text_setting WHERE key = ?1")?
                .query_row([key], |row| row.get::<_, String>("value"))
                .optional()?
            {
                *slot = value;
            }
        }
        let [municipality, service, caseworker] = values;
        Ok(Letterhead {
            municipality,
            service,
            caseworker,
            written_language: self.written_language()?,
        })
    }

    /// The municipality's written language (målform), Bokmål until one is
    /// chosen: the language documents are made in unless the caseworker
    /// chooses another for one.
    pub fn written_language(&self) -> CoreResult<Language> {
        written_language(&self.conn)
    }

    /// Saves the letterhead, each line trimmed, at most 200 characters and
    /// without line breaks.
    pub fn save_letterhead(&mut self, letterhead: &Letterhead) -> CoreResult<()> {
        let values = [
            ("municipality", &letterhead.municipality),
            ("service", &letterhead.service),
            ("caseworker", &letterhead.caseworker),
        ];
        let mut errors = Vec::new();
        for (key, value) in values {
            if value.chars().count() > 200 || value.chars().any(char::is_control) {
                // The settings keys are the form's field names.
                errors.push(FieldError::new(
                    key,
                    "invalid_text",
                    messages::setting_text_invalid(200),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(CoreError::Validation(ValidationErrors(errors)));
        }
        let tx = self.conn.transaction()?;
        for (key, value) in values
            .into_iter()
            .map(|(key, value)| (key, value.trim()))
            .chain([(WRITTEN_LANGUAGE_KEY, letterhead.written_language.tag())])
        {
            tx.prepare_cached(
                "INSERT INTO text_setting (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table::Cell;
    use crate::export::test_support::still_bokmal;

    #[test]
    fn the_agenda_is_proposed_in_the_language_asked_for() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 2).expect("a date");
        let mut store = Store::open_in_memory().expect("a store");
        crate::demo::seed_demo(&mut store, today).expect("the demo register");
        let ids: Vec<i64> = store
            .participant_list_rows(&crate::domain::participant::ParticipantQuery {
                search: String::new(),
                status: None,
                law: None,
                archived: false,
                sort: crate::domain::participant::ParticipantSort::Name,
                limit: None,
            })
            .expect("the participants")
            .iter()
            .map(|row| row.id)
            .collect();
        let propose = |language| {
            store
                .agenda_suggestions(&ids, today, language)
                .expect("the agenda")
        };
        let bokmal = propose(Language::Bokmal);
        assert!(bokmal.iter().any(|s| s.title.starts_with("Frist: ")));
        assert!(bokmal.iter().any(|s| s.title.contains(", forfalt)")));
        assert!(bokmal
            .iter()
            .any(|s| s.title.starts_with("Oppfølging fra møte ")));
        let texts = |suggestions: &[AgendaSuggestion]| {
            suggestions
                .iter()
                .map(|s| (s.origin.clone(), Cell::text(s.title.clone())))
                .collect::<Vec<_>>()
        };
        // The caseworker's own words: the participants' names and what the
        // action items say.
        let mut statement = store
            .conn
            .prepare(
                "SELECT given_name || ' ' || family_name AS text FROM participant \
                 UNION ALL SELECT what AS text FROM action_item",
            )
            .expect("the data");
        let data: Vec<String> = statement
            .query_map([], |row| row.get("text"))
            .expect("the data")
            .collect::<Result<_, _>>()
            .expect("the data");
        for language in [Language::Nynorsk, Language::English] {
            let other = propose(language);
            assert_eq!(
                other.iter().map(|s| &s.origin).collect::<Vec<_>>(),
                bokmal.iter().map(|s| &s.origin).collect::<Vec<_>>()
            );
            {
                let left = still_bokmal(&texts(&bokmal), &texts(&other), language, &data);
                assert!(
                    left.is_empty(),
                    "{}: still Bokmål: {left:?}",
                    language.tag()
                );
            }
        }
    }
}
