//! Transport types: what the window receives. Dates are already formatted as
//! `dd.mm.åååå`; choices are stable identifiers the UI translates.

use introspor_core::domain::date::format_optional_date;
use introspor_core::domain::participant::{Participant, ParticipantSummary};
use introspor_core::domain::participant_form::ParticipantForm;
use serde::{Deserialize, Serialize};

/// Which law applies, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LawDto {
    /// The law in force: the override if any, otherwise the computed one.
    pub effective: String,
    /// The law the dates point to.
    pub computed: String,
    /// Why the dates point there, in one Norwegian sentence.
    pub computed_reason: String,
    /// Whether the caseworker overrode the computed law.
    pub overridden: bool,
    /// The caseworker's reason for the override.
    pub override_reason: String,
}

/// A participant for the detail view and the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantDto {
    /// Database identifier.
    pub id: i64,
    /// Every form field, formatted for editing.
    #[serde(flatten)]
    pub form: ParticipantForm,
    /// The identity number masked for display (`010190 *****`).
    pub masked_identity_number: String,
    /// Which law applies, and why.
    pub law: LawDto,
    /// Whether the participant is archived.
    pub archived: bool,
    /// When the participant was archived (`dd.mm.åååå`), or empty.
    pub archived_on: String,
    /// When the participant was anonymised (`dd.mm.åååå`), or empty: the
    /// record can no longer be changed.
    pub anonymised_on: String,
}

impl From<Participant> for ParticipantDto {
    fn from(participant: Participant) -> Self {
        let details = &participant.details;
        let computed = details.computed_law();
        let archived_on = participant
            .archived_at
            .as_deref()
            .and_then(|stamp| stamp.get(..10))
            .and_then(introspor_core::domain::date::parse_iso_date);
        Self {
            id: participant.id,
            form: ParticipantForm::from(details),
            masked_identity_number: details
                .identity_number
                .as_ref()
                .map(|n| n.masked())
                .unwrap_or_default(),
            law: LawDto {
                effective: details.effective_law().as_str().to_string(),
                computed: computed.law.as_str().to_string(),
                computed_reason: crate::error::in_window_language(&computed.reason),
                overridden: details.law_override.is_some(),
                override_reason: details
                    .law_override
                    .as_ref()
                    .map(|o| o.reason.clone())
                    .unwrap_or_default(),
            },
            archived: participant.archived_at.is_some(),
            archived_on: format_optional_date(archived_on),
            anonymised_on: format_optional_date(participant.anonymised_on),
        }
    }
}

/// One row of the participant list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantRowDto {
    /// Database identifier.
    pub id: i64,
    /// Given name(s).
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Masked identity number, or empty.
    pub masked_identity_number: String,
    /// Status identifier.
    pub status: String,
    /// Law identifier (in force).
    pub law: String,
    /// Whether the law was overridden.
    pub law_overridden: bool,
    /// Settlement date (`dd.mm.åååå`), or empty.
    pub settlement_date: String,
    /// Final goal identifier, or empty.
    pub final_goal: String,
    /// Whether the participant is archived.
    pub archived: bool,
}

impl From<ParticipantSummary> for ParticipantRowDto {
    fn from(row: ParticipantSummary) -> Self {
        Self {
            id: row.id,
            given_name: row.given_name,
            family_name: row.family_name,
            masked_identity_number: row.masked_identity_number.unwrap_or_default(),
            status: row.status.as_str().to_string(),
            law: row.law.as_str().to_string(),
            law_overridden: row.law_overridden,
            settlement_date: format_optional_date(row.settlement_date),
            final_goal: row
                .final_goal
                .map(|g| g.as_str().to_string())
                .unwrap_or_default(),
            archived: row.archived,
        }
    }
}

/// The list's search, filters and order as the window sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParticipantQueryDto {
    /// Free text: name or identity number.
    pub search: String,
    /// Status identifier, or empty for all.
    pub status: String,
    /// Law identifier, or empty for all.
    pub law: String,
    /// Show archived participants instead of the register.
    pub archived: bool,
    /// `name` (default) or `settlement`.
    pub sort: String,
    /// At most this many rows; none for all.
    pub limit: Option<u32>,
}

/// One page of the participant list, and whether more rows follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantPageDto {
    /// The rows, in order.
    pub rows: Vec<ParticipantRowDto>,
    /// Whether more participants match than the page holds.
    pub more: bool,
}

/// Whether the app started properly, for the window's first screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatusDto {
    /// The program version.
    pub version: String,
    /// Why the register could not be opened, if it could not.
    pub startup_error: Option<crate::error::IpcError>,
    /// `ready`, `locked` (recovery code needed), `damaged` (a backup is
    /// offered), `failed`, `in_use` (open in another Introspor) or `closed`.
    pub register: String,
    /// Whether the recovery code still has to be written down and confirmed.
    pub recovery_pending: bool,
    /// Why the last automatic backup failed, if it did.
    pub backup_problem: Option<crate::error::IpcError>,
    /// What is wrong with a damaged register, and what can be done.
    pub damage: Option<crate::commands::security::DamageDto>,
    /// The window's zoom factor, remembered between starts (1.0 is 100 %).
    pub zoom: f64,
    /// The window's language, remembered between starts.
    pub language: introspor_core::language::Language,
}

/// A legal deadline or own task in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineDto {
    /// Computed deadline id, for legal deadlines.
    pub deadline_id: Option<i64>,
    /// Task id, for own tasks.
    pub task_id: Option<i64>,
    /// The participant concerned.
    pub participant_id: Option<i64>,
    /// The participant's name, or empty.
    pub participant_name: String,
    /// Case reference without the name (`NP-12`).
    pub case_reference: String,
    /// Deadline kind identifier or `own_task`.
    pub kind: String,
    /// Task title; empty for legal deadlines.
    pub title: String,
    /// Due date, `dd.mm.åååå`.
    pub due: String,
    /// Last working day, `dd.mm.åååå`.
    pub last_working_day: String,
    /// Days from today to the due date (negative when overdue).
    pub days_left: i64,
    /// `open`, `done`, `overdue` or `not_applicable`.
    pub status: String,
    /// Legal reference.
    pub reference: String,
    /// Why this date, or the task's note.
    pub reason: String,
    /// When done, `dd.mm.åååå`, or empty.
    pub done_on: String,
    /// Source event or leave.
    pub source_id: Option<i64>,
}

impl DeadlineDto {
    /// Converts a stored row, counting days from `today`.
    pub fn from_row(
        row: introspor_core::store::deadlines::DeadlineRow,
        today: chrono::NaiveDate,
    ) -> Self {
        use introspor_core::domain::date::format_date;
        Self {
            deadline_id: row.deadline_id,
            task_id: row.task_id,
            participant_id: row.participant_id,
            participant_name: row.participant_name,
            case_reference: row.case_reference,
            kind: row.kind,
            title: row.title,
            due: format_date(row.due),
            last_working_day: format_date(row.last_working_day),
            days_left: (row.due - today).num_days(),
            status: row.status.as_str().to_string(),
            reference: row.reference,
            reason: row
                .reason
                .map(|reason| crate::error::in_window_language(&reason))
                .unwrap_or(row.note),
            done_on: format_optional_date(row.done_on),
            source_id: row.source_id,
        }
    }
}

/// The start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverviewDto {
    /// Today, `dd.mm.åååå`.
    pub today: String,
    /// Last day of the 7-day group, `dd.mm.åååå`.
    pub week_end: String,
    /// First day of the 30-day group, `dd.mm.åååå`.
    pub month_start: String,
    /// Last day of the 30-day group, `dd.mm.åååå`.
    pub month_end: String,
    /// Overdue.
    pub overdue: Vec<DeadlineDto>,
    /// Due within 7 days.
    pub within_7_days: Vec<DeadlineDto>,
    /// Due in 8 to 30 days.
    pub within_30_days: Vec<DeadlineDto>,
    /// IMDi registrations still owed.
    pub open_imdi_registrations: i64,
    /// Participants whose plan the rules warn about.
    pub warnings: Vec<rules::WarnedParticipantDto>,
    /// Access requests not yet answered, the one due first first.
    pub access_requests: Vec<privacy::AccessRequestDto>,
}

/// A registrable event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventDto {
    /// Id.
    pub id: i64,
    /// Event kind identifier.
    pub kind: String,
    /// When it happened.
    pub occurred: String,
    /// When registered with IMDi, or empty.
    pub registered: String,
    /// Note.
    pub note: String,
}

/// A leave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeaveDto {
    /// Id.
    pub id: i64,
    /// Leave kind identifier.
    pub kind: String,
    /// First day.
    pub start: String,
    /// Last day, or empty.
    pub end: String,
    /// Approved.
    pub approved: bool,
    /// Follow-up offered, or empty.
    pub followup_date: String,
}

/// A participant's timeline: deadlines with the events and leaves behind them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantDeadlinesDto {
    /// Deadlines and own tasks by due date.
    pub deadlines: Vec<DeadlineDto>,
    /// Registrable events.
    pub events: Vec<EventDto>,
    /// Leaves.
    pub leaves: Vec<LeaveDto>,
    /// Extension decisions.
    pub extensions: Vec<rules::ExtensionDto>,
    /// Warnings about the plan against the statutory frame.
    pub warnings: Vec<rules::WarningDto>,
}

/// Filters for the list of all deadlines, as the window sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeadlineFilterDto {
    /// Kind identifier or `own_task`; empty for all.
    pub kind: String,
    /// Status identifier; empty for all.
    pub status: String,
    /// Only deadlines not yet done (open or overdue): the list's default.
    pub open_only: bool,
    /// Participant id.
    pub participant_id: Option<i64>,
    /// Due on or after, `dd.mm.åååå`.
    pub from: String,
    /// Due on or before, `dd.mm.åååå`.
    pub to: String,
    /// The last row of the page before, for the next page.
    pub after: Option<DeadlineCursorDto>,
}

/// A place in the deadline list, as the window sends it back for the next
/// page: the last row's due date, kind, participant, whether a task, id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeadlineCursorDto {
    /// Due date, `dd.mm.åååå`.
    pub due: String,
    /// Kind identifier or `own_task`.
    pub kind: String,
    /// The participant, or 0.
    pub participant_id: i64,
    /// Whether an own task.
    pub task: bool,
    /// The deadline's or task's id.
    pub id: i64,
}

/// One rule setting for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingDto {
    /// Stable key.
    pub key: String,
    /// Current value in months.
    pub value: u32,
    /// Documented default.
    pub default: u32,
    /// Smallest allowed.
    pub min: u32,
    /// Largest allowed.
    pub max: u32,
}

/// What a calendar export did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarExportDto {
    /// The file written, or empty if the caseworker cancelled.
    pub path: String,
    /// How many events it holds.
    pub events: usize,
    /// How many events of earlier exports it withdraws (done, or no
    /// longer applying).
    pub withdrawn: usize,
}

pub mod audit;
pub mod meetings;
pub mod privacy;
pub mod reports;
pub mod rules;
pub mod teams;
