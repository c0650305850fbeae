//! Extension decisions, the warnings the rules give about a participant's
//! plan, and the yearly NIR check.
//!
//! An extension decision changes the programme's end, so adding or
//! removing one recomputes the participant's deadlines and warnings in the
//! same transaction, like a change to any other fact.

use crate::domain::audit::{AuditAction, AuditEntity};
use crate::domain::deadline_forms::ExtensionDraft;
use crate::domain::programme_frame::{ExtensionDecision, ParticipantWarning, WarningCode};
use crate::error::{CoreError, CoreResult};
use crate::messages;
use crate::store::audit::{audit_created, before_change};
use crate::store::deadlines::recompute_after_change;
use crate::store::participants::ensure_participant;
use crate::store::{invalid, required_stored_choice, Store};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

/// The most warnings the overview lists.
pub const WARNING_LIST_LIMIT: u32 = 100;

/// The first data year a NIR check can be recorded for (the register's
/// table allows 2000 onwards).
pub const NIR_FIRST_DATA_YEAR: i32 = 2000;

/// A participant's extension decisions, oldest first.
pub(crate) fn load_extensions(
    conn: &Connection,
    participant_id: i64,
) -> CoreResult<Vec<ExtensionDecision>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, decided, months, reason FROM programme_extension \
         WHERE participant_id = ?1 ORDER BY decided, id",
    )?;
    let rows = statement.query_map([participant_id], |row| {
        Ok(ExtensionDecision {
            id: row.get("id")?,
            decided: row.get("decided")?,
            months: row.get("months")?,
            reason: row.get("reason")?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One participant with a warning, as the overview lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarnedParticipant {
    /// The participant's id.
    pub participant_id: i64,
    /// Full name.
    pub name: String,
    /// The warning.
    pub warning: ParticipantWarning,
}

fn warning_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ParticipantWarning> {
    Ok(ParticipantWarning {
        code: required_stored_choice(row, "code", WarningCode::from_str_id)?,
        message: row.get("message")?,
        reference: row.get("reference")?,
        source_url: row.get("source_url")?,
    })
}

impl Store {
    /// A participant's extension decisions, oldest first.
    pub fn extensions(&self, participant_id: i64) -> CoreResult<Vec<ExtensionDecision>> {
        ensure_participant(&self.conn, participant_id)?;
        load_extensions(&self.conn, participant_id)
    }

    /// Records an extension decision and recomputes the participant's
    /// deadlines. A decision dated before the programme started is refused
    /// (`extension_before_start`): it cannot extend what had not begun.
    pub fn add_extension(
        &mut self,
        participant_id: i64,
        draft: &ExtensionDraft,
        today: NaiveDate,
    ) -> CoreResult<i64> {
        let tx = self.conn.transaction()?;
        ensure_participant(&tx, participant_id)?;
        let start: Option<NaiveDate> = tx
            .prepare_cached("SELECT programme_start_date FROM participant WHERE id = ?1")?
            .query_row([participant_id], |row| row.get("programme_start_date"))?;
        if start.is_some_and(|start| draft.decided < start) {
            return Err(invalid(
                "decided",
                "extension_before_start",
                messages::EXTENSION_BEFORE_START,
            ));
        }
        tx.prepare_cached(
            "INSERT INTO programme_extension (participant_id, decided, months, reason) \
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            participant_id,
            draft.decided,
            draft.months,
            draft.reason
        ])?;
        let id = tx.last_insert_rowid();
        audit_created(&tx, AuditEntity::ProgrammeExtension, id)?;
        recompute_after_change(&tx, participant_id, today)?;
        tx.commit()?;
        tracing::info!(
            participant = participant_id,
            extension = id,
            "extension recorded"
        );
        Ok(id)
    }

    /// Deletes an extension decision recorded in error, and recomputes.
    pub fn delete_extension(&mut self, extension_id: i64, today: NaiveDate) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let participant_id: i64 = tx
            .prepare_cached("SELECT participant_id FROM programme_extension WHERE id = ?1")?
            .query_row([extension_id], |row| row.get("participant_id"))
            .optional()?
            .ok_or(CoreError::RecordNotFound(extension_id))?;
        let audit = before_change(&tx, AuditEntity::ProgrammeExtension, extension_id)?;
        tx.prepare_cached("DELETE FROM programme_extension WHERE id = ?1")?
            .execute([extension_id])?;
        audit.record(&tx, AuditAction::Delete)?;
        recompute_after_change(&tx, participant_id, today)?;
        tx.commit()?;
        Ok(())
    }

    /// The warnings the rules gave about one participant at the last
    /// computation.
    pub fn participant_warnings(&self, participant_id: i64) -> CoreResult<Vec<ParticipantWarning>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT code, message, reference, source_url FROM participant_warning \
             WHERE participant_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([participant_id], warning_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Participants in the register (not archived, still in or before the
    /// programme) with a warning the caseworker can act on, at most
    /// [`WARNING_LIST_LIMIT`], by name. The chapter 6A notice that no frame
    /// is known is left out: it holds for every such participant, cannot
    /// be acted on, and would push out the warnings that can (it stays on
    /// the participant's page).
    pub fn warned_participants(&self) -> CoreResult<Vec<WarnedParticipant>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT w.participant_id, p.given_name, p.family_name, w.code, w.message, \
             w.reference, w.source_url FROM participant_warning w \
             JOIN participant p ON p.id = w.participant_id \
             WHERE p.archived_at IS NULL \
             AND p.status NOT IN ('completed', 'terminated', 'moved_away') \
             AND w.code <> 'statutory_frame_unknown' \
             ORDER BY p.sort_key, p.id, w.id LIMIT {WARNING_LIST_LIMIT}"
        ))?;
        let rows = statement.query_map([], |row| {
            let given: String = row.get("given_name")?;
            let family: String = row.get("family_name")?;
            Ok(WarnedParticipant {
                participant_id: row.get("participant_id")?,
                name: format!("{given} {family}"),
                warning: warning_from_row(row)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The data years whose NIR check is recorded, with the day it was.
    pub fn nir_checks(&self) -> CoreResult<Vec<(i32, NaiveDate)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT data_year, checked_on FROM nir_annual_check ORDER BY data_year",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get("data_year")?, row.get("checked_on")?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that `data_year`'s data in NIR were checked on `date`, or
    /// (with `None`) takes the record back. A year that has not ended
    /// cannot be checked yet (`nir_year_not_ended`).
    pub fn set_nir_check(
        &mut self,
        data_year: i32,
        date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> CoreResult<()> {
        if !(NIR_FIRST_DATA_YEAR..=today.year()).contains(&data_year) {
            return Err(invalid(
                "dataYear",
                "year_out_of_range",
                messages::NIR_YEAR_OUT_OF_RANGE,
            ));
        }
        if let Some(date) = date {
            if date > today {
                return Err(invalid(
                    "date",
                    "date_in_future",
                    messages::DONE_DATE_IN_FUTURE,
                ));
            }
            if date.year() <= data_year {
                return Err(invalid(
                    "date",
                    "nir_year_not_ended",
                    messages::NIR_YEAR_NOT_ENDED,
                ));
            }
        }
        let tx = self.conn.transaction()?;
        let existing: Option<i64> = tx
            .prepare_cached("SELECT id FROM nir_annual_check WHERE data_year = ?1")?
            .query_row([data_year], |row| row.get("id"))
            .optional()?;
        match (existing, date) {
            (Some(_), Some(_)) => {
                return Err(invalid("date", "already_done", messages::ALREADY_DONE));
            }
            (None, None) => return Ok(()),
            (None, Some(date)) => {
                tx.prepare_cached(
                    "INSERT INTO nir_annual_check (data_year, checked_on) VALUES (?1, ?2)",
                )?
                .execute(params![data_year, date])?;
                audit_created(&tx, AuditEntity::NirAnnualCheck, tx.last_insert_rowid())?;
            }
            (Some(id), None) => {
                let audit = before_change(&tx, AuditEntity::NirAnnualCheck, id)?;
                tx.prepare_cached("DELETE FROM nir_annual_check WHERE id = ?1")?
                    .execute([id])?;
                audit.record(&tx, AuditAction::Reopen)?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
