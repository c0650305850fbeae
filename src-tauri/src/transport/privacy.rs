//! Transport types for the archive hand-off, the retention period and the
//! anonymisation.

use introspor_core::domain::date::{format_date, format_optional_date};
use introspor_core::domain::retention::{RecordKind, RetentionSetting, RetentionState};
use introspor_core::store::anonymisation::{Anonymised, RetentionCandidate};
use introspor_core::store::archive_filings::{ArchiveFiling, UnfiledMinutes};
use serde::Serialize;

/// One filing of a version of a meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveFilingDto {
    /// The version filed.
    pub minutes_version: u32,
    /// The archive's reference.
    pub archive_reference: String,
    /// The day it was filed, dd.mm.åååå.
    pub filed_on: String,
}

impl From<ArchiveFiling> for ArchiveFilingDto {
    fn from(f: ArchiveFiling) -> Self {
        Self {
            minutes_version: f.minutes_version,
            archive_reference: f.archive_reference,
            filed_on: format_date(f.filed_on),
        }
    }
}

/// Completed minutes still without an archive reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnfiledMinutesDto {
    /// The meeting.
    pub meeting_id: i64,
    /// Its kind identifier.
    pub kind: String,
    /// Its date, dd.mm.åååå.
    pub date: String,
    /// The version that lacks a reference.
    pub minutes_version: u32,
}

impl From<UnfiledMinutes> for UnfiledMinutesDto {
    fn from(u: UnfiledMinutes) -> Self {
        Self {
            meeting_id: u.meeting_id,
            kind: u.kind.as_str().into(),
            date: format_date(u.date),
            minutes_version: u.minutes_version,
        }
    }
}

/// The retention period and what becomes of each kind of record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionDto {
    /// Whole years after the programme ended; absent while not set.
    pub years: Option<u32>,
    /// When it was decided, dd.mm.åååå; empty while not set.
    pub decided_on: String,
    /// Every kind of record with its fate, in the order shown.
    pub kinds: Vec<RecordKindDto>,
    /// Backups kept by the rotation: the newest, the daily and the weekly.
    pub backups_newest: usize,
    /// Days with a backup kept.
    pub backups_daily: usize,
    /// ISO weeks with a backup kept.
    pub backups_weekly: usize,
}

/// A kind of record and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordKindDto {
    /// Its identifier.
    pub kind: String,
    /// Its fate's identifier.
    pub fate: String,
}

impl RetentionDto {
    /// The setting, if any, with every kind's fate.
    pub fn new(setting: Option<RetentionSetting>) -> Self {
        use introspor_core::store::backup::{KEEP_DAILY, KEEP_NEWEST, KEEP_WEEKLY};
        Self {
            years: setting.map(|s| s.years),
            decided_on: format_optional_date(setting.map(|s| s.decided_on)),
            kinds: RecordKind::ALL
                .iter()
                .map(|k| RecordKindDto {
                    kind: k.as_str().into(),
                    fate: k.fate().as_str().into(),
                })
                .collect(),
            backups_newest: KEEP_NEWEST,
            backups_daily: KEEP_DAILY,
            backups_weekly: KEEP_WEEKLY,
        }
    }
}

/// A participant whose programme is over, and where they stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionCandidateDto {
    /// The participant.
    pub participant_id: i64,
    /// Their name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// The programme's end, dd.mm.åååå; empty if not recorded.
    pub ended: String,
    /// `due`, `retention_not_set`, `programme_not_ended`,
    /// `retention_not_run_out` or `archive_reference_missing`.
    pub state: String,
    /// The day the period runs or ran out, dd.mm.åååå; empty if unknown.
    pub due: String,
    /// Completed minutes without an archive reference.
    pub unfiled_minutes: u32,
    /// Meetings not completed.
    pub open_meetings: u32,
}

impl From<RetentionCandidate> for RetentionCandidateDto {
    fn from(c: RetentionCandidate) -> Self {
        let (due, unfiled_minutes, open_meetings) = match c.state {
            RetentionState::NotYetDue(day) | RetentionState::Due(day) => (Some(day), 0, 0),
            RetentionState::ArchiveCopyMissing {
                due,
                unfiled_minutes,
                open_meetings,
            } => (Some(due), unfiled_minutes, open_meetings),
            RetentionState::PeriodNotSet | RetentionState::ProgrammeNotEnded => (None, 0, 0),
        };
        Self {
            participant_id: c.participant_id,
            name: c.name,
            case_reference: c.case_reference,
            ended: format_optional_date(c.ended),
            state: c.state.code().into(),
            due: format_optional_date(due),
            unfiled_minutes,
            open_meetings,
        }
    }
}

/// A participant anonymised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnonymisedDto {
    /// The participant.
    pub participant_id: i64,
    /// The case reference that replaced the name.
    pub case_reference: String,
    /// When, dd.mm.åååå.
    pub anonymised_on: String,
}

impl From<Anonymised> for AnonymisedDto {
    fn from(a: Anonymised) -> Self {
        Self {
            participant_id: a.participant_id,
            case_reference: a.case_reference,
            anonymised_on: format_date(a.anonymised_on),
        }
    }
}

/// One access request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessRequestDto {
    /// Its id.
    pub id: i64,
    /// Who asked.
    pub participant_id: i64,
    /// Their name.
    pub name: String,
    /// Received, dd.mm.åååå.
    pub received_on: String,
    /// The answer's deadline, dd.mm.åååå.
    pub due: String,
    /// Whether the deadline has passed without an answer.
    pub overdue: bool,
    /// Answered, dd.mm.åååå; empty while open.
    pub answered_on: String,
    /// The answer's file name; empty while open.
    pub answer_file: String,
}

impl AccessRequestDto {
    /// The request as of `today`.
    pub fn new(
        r: introspor_core::store::access_requests::AccessRequest,
        today: chrono::NaiveDate,
    ) -> Self {
        Self {
            id: r.id,
            participant_id: r.participant_id,
            name: r.name,
            received_on: format_date(r.received_on),
            due: format_date(r.due),
            overdue: r.answered_on.is_none() && r.due < today,
            answered_on: format_optional_date(r.answered_on),
            answer_file: r.answer_file,
        }
    }
}
