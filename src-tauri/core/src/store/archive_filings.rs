//! Minutes filed in the municipality's case and archive system: the
//! caseworker records each completed version's archive reference
//! (saksnummer or journalpostnummer), and the participant's page shows
//! what still lacks one. Anonymisation waits for every one of them (GDPR
//! art. 17 (3) b: the archive copy must exist first).

use crate::domain::audit::AuditEntity;
use crate::domain::fields::{finish, not_future, required_date, required_line};
use crate::domain::meeting::MeetingKind;
use crate::error::{CoreError, CoreResult, ValidationErrors};
use crate::messages;
use crate::store::audit::audit_created;
use crate::store::{invalid, stored_choice, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// One filing of a version of a meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveFiling {
    /// Its id.
    pub id: i64,
    /// The meeting whose minutes were filed.
    pub meeting_id: i64,
    /// The version of the minutes that was filed.
    pub minutes_version: u32,
    /// The archive's reference, as the archive gave it.
    pub archive_reference: String,
    /// The day it was filed.
    pub filed_on: NaiveDate,
}

/// Completed minutes (in their current version) that have no archive
/// reference yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnfiledMinutes {
    /// The meeting.
    pub meeting_id: i64,
    /// Its kind.
    pub kind: MeetingKind,
    /// Its date.
    pub date: NaiveDate,
    /// The version that lacks a reference.
    pub minutes_version: u32,
}

/// What the caseworker typed to record a filing, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArchiveFilingForm {
    /// The archive's reference.
    pub archive_reference: String,
    /// The day it was filed, `dd.mm.åååå`.
    pub filed_on: String,
}

impl ArchiveFilingForm {
    /// The reference (one line, required) and the day (required, not after
    /// `today`), or every problem at once (`archiveReference`, `filedOn`).
    pub fn validate(&self, today: NaiveDate) -> Result<(String, NaiveDate), ValidationErrors> {
        let mut errors = Vec::new();
        let reference = required_line(&mut errors, "archiveReference", &self.archive_reference);
        let filed_on = required_date(&mut errors, "filedOn", &self.filed_on);
        not_future(&mut errors, "filedOn", filed_on, today);
        finish(errors, || {
            (
                reference,
                filed_on.expect("a required date without an error"),
            )
        })
    }
}

/// Counts, for `participant_id`, the completed minutes without an archive
/// reference and the meetings not yet completed.
pub(crate) fn unfiled_and_open(conn: &Connection, participant_id: i64) -> CoreResult<(u32, u32)> {
    Ok(conn
        .prepare_cached(
            "SELECT \
               count(*) FILTER (WHERE m.completed_on IS NOT NULL AND NOT EXISTS ( \
                 SELECT 1 FROM archive_filing AS f \
                 WHERE f.meeting_id = m.id AND f.minutes_version = m.minutes_version)) AS unfiled, \
               count(*) FILTER (WHERE m.completed_on IS NULL) AS open \
             FROM meeting_participant AS mp JOIN meeting AS m ON m.id = mp.meeting_id \
             WHERE mp.participant_id = ?1",
        )?
        .query_row([participant_id], |row| {
            Ok((row.get("unfiled")?, row.get("open")?))
        })?)
}

impl Store {
    /// Records that the current version of meeting `meeting_id`'s minutes
    /// was filed in the archive, with the archive's reference; audited.
    /// Refused for a meeting not completed (`filing_needs_completed`) and
    /// for a version already filed (`already_filed`).
    pub fn file_minutes(
        &mut self,
        meeting_id: i64,
        form: &ArchiveFilingForm,
        today: NaiveDate,
    ) -> CoreResult<ArchiveFiling> {
        let (reference, filed_on) = form.validate(today).map_err(CoreError::from)?;
        let tx = self.conn.transaction()?;
        let (completed, version): (Option<NaiveDate>, u32) = tx
            .prepare_cached("SELECT completed_on, minutes_version FROM meeting WHERE id = ?1")?
            .query_row([meeting_id], |row| {
                Ok((row.get("completed_on")?, row.get("minutes_version")?))
            })
            .optional()?
            .ok_or(CoreError::RecordNotFound(meeting_id))?;
        if completed.is_none() {
            return Err(invalid(
                "meeting",
                "filing_needs_completed",
                messages::FILING_NEEDS_COMPLETED,
            ));
        }
        let already: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM archive_filing \
                 WHERE meeting_id = ?1 AND minutes_version = ?2) AS filed",
            )?
            .query_row(params![meeting_id, version], |row| row.get("filed"))?;
        if already {
            return Err(invalid(
                "archiveReference",
                "already_filed",
                messages::ALREADY_FILED,
            ));
        }
        tx.prepare_cached(
            "INSERT INTO archive_filing (meeting_id, minutes_version, archive_reference, filed_on) \
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![meeting_id, version, reference, filed_on])?;
        let id = tx.last_insert_rowid();
        audit_created(&tx, AuditEntity::ArchiveFiling, id)?;
        tx.commit()?;
        Ok(ArchiveFiling {
            id,
            meeting_id,
            minutes_version: version,
            archive_reference: reference,
            filed_on,
        })
    }

    /// Every filing of meeting `meeting_id`'s minutes, oldest version first.
    pub fn archive_filings(&self, meeting_id: i64) -> CoreResult<Vec<ArchiveFiling>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, meeting_id, minutes_version, archive_reference, filed_on \
             FROM archive_filing WHERE meeting_id = ?1 ORDER BY minutes_version",
        )?;
        let rows = statement.query_map([meeting_id], |row| {
            Ok(ArchiveFiling {
                id: row.get("id")?,
                meeting_id: row.get("meeting_id")?,
                minutes_version: row.get("minutes_version")?,
                archive_reference: row.get("archive_reference")?,
                filed_on: row.get("filed_on")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The completed minutes about `participant_id` whose current version
    /// has no archive reference, oldest first.
    pub fn unfiled_minutes(&self, participant_id: i64) -> CoreResult<Vec<UnfiledMinutes>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT m.id, m.kind, m.date, m.minutes_version \
             FROM meeting_participant AS mp JOIN meeting AS m ON m.id = mp.meeting_id \
             WHERE mp.participant_id = ?1 AND m.completed_on IS NOT NULL \
               AND NOT EXISTS (SELECT 1 FROM archive_filing AS f \
                 WHERE f.meeting_id = m.id AND f.minutes_version = m.minutes_version) \
             ORDER BY m.date, m.id",
        )?;
        let rows = statement.query_map([participant_id], |row| {
            Ok(UnfiledMinutes {
                meeting_id: row.get("id")?,
                // The column is NOT NULL with a CHECK list, so an unknown
                // kind is refused by `stored_choice` and none is absent.
                kind: stored_choice(row, "kind", MeetingKind::from_str_id)?
                    .unwrap_or(MeetingKind::Team),
                date: row.get("date")?,
                minutes_version: row.get("minutes_version")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
