//! Transport types for meetings, minutes and the sharing log.

use introspor_core::domain::date::{format_date, format_optional_date};
use introspor_core::domain::interpreter::{
    interpreter_warnings, InterpreterDetails, InterpreterWarning, InterpretingFacts,
};
use introspor_core::domain::meeting::{triangle_missing_message, Attendee, Meeting};
use introspor_core::domain::organisation_cycle::CycleDuty;
use introspor_core::store::meetings::{AgendaSuggestion, MeetingSummary, SharingEntry};
use serde::Serialize;

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingSummaryDto {
    /// Id.
    pub id: i64,
    /// Kind identifier.
    pub kind: String,
    /// Date, dd.mm.åååå.
    pub date: String,
    /// Start time, tt:mm, or empty.
    pub start_time: String,
    /// Place.
    pub place: String,
    /// Names of the first participants concerned.
    pub participants: String,
    /// How many participants it concerns.
    pub participant_count: i64,
    /// Completed, dd.mm.åååå, or empty.
    pub completed_on: String,
    /// Action items still open.
    pub open_actions: i64,
    /// Interpreter warning codes.
    pub interpreter_warnings: Vec<String>,
}

impl From<MeetingSummary> for MeetingSummaryDto {
    fn from(m: MeetingSummary) -> Self {
        Self {
            id: m.id,
            kind: m.kind.as_str().to_string(),
            date: format_date(m.date),
            start_time: m
                .start_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            place: m.place,
            participants: m.participants,
            participant_count: m.participant_count,
            completed_on: format_optional_date(m.completed_on),
            open_actions: m.open_actions,
            interpreter_warnings: m
                .interpreter_warnings
                .iter()
                .map(|w| w.as_str().to_string())
                .collect(),
        }
    }
}

/// A participant concerned by a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingParticipantDto {
    /// Participant id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Present.
    pub present: bool,
    /// The participant needs an interpreter.
    pub needs_interpreter: bool,
}

/// A contact invited to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendeeDto {
    /// Contact id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Organisation.
    pub organisation: String,
    /// Organisation kind identifier.
    pub organisation_kind: String,
    /// Present.
    pub present: bool,
}

impl From<&Attendee> for AttendeeDto {
    fn from(a: &Attendee) -> Self {
        Self {
            id: a.contact_id,
            name: a.name.clone(),
            title: a.title.clone(),
            organisation: a.organisation.clone(),
            organisation_kind: a.organisation_kind.as_str().to_string(),
            present: a.present,
        }
    }
}

/// An agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItemDto {
    /// Title.
    pub title: String,
    /// Notes.
    pub notes: String,
    /// Sensitive.
    pub sensitive: bool,
    /// Origin.
    pub origin: String,
}

impl From<AgendaSuggestion> for AgendaItemDto {
    fn from(s: AgendaSuggestion) -> Self {
        Self {
            title: s.title,
            notes: String::new(),
            sensitive: false,
            origin: s.origin,
        }
    }
}

/// An action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionItemDto {
    /// Id, absent for a new one.
    pub id: Option<i64>,
    /// What.
    pub what: String,
    /// Who.
    pub responsible: String,
    /// Due, dd.mm.åååå.
    pub due: String,
    /// The task that follows it up.
    pub task_id: Option<i64>,
    /// Ticked off, dd.mm.åååå, or empty.
    pub done_on: String,
}

/// A meeting for the editor. A draft for a new meeting has no id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingDto {
    /// Id, absent for a draft.
    pub id: Option<i64>,
    /// Kind identifier.
    pub kind: String,
    /// Date, dd.mm.åååå.
    pub date: String,
    /// Start time, tt:mm.
    pub start_time: String,
    /// End time, tt:mm.
    pub end_time: String,
    /// Place.
    pub place: String,
    /// Contact who convened it.
    pub convened_by: Option<i64>,
    /// Participants concerned.
    pub participants: Vec<MeetingParticipantDto>,
    /// Contacts invited.
    pub attendees: Vec<AttendeeDto>,
    /// Interpreter used.
    pub interpreter_used: bool,
    /// Interpreter language.
    pub interpreter_language: String,
    /// The rest of the interpreting record, as the form has it.
    #[serde(flatten)]
    pub interpreter: InterpreterFieldsDto,
    /// What the interpreting rules warn about.
    pub interpreter_warnings: Vec<InterpreterWarningDto>,
    /// Agenda with notes.
    pub agenda: Vec<AgendaItemDto>,
    /// Decisions.
    pub decisions: Vec<String>,
    /// Action items.
    pub actions: Vec<ActionItemDto>,
    /// Next meeting date.
    pub next_meeting_date: String,
    /// Next meeting note.
    pub next_meeting_note: String,
    /// Minute taker.
    pub minute_taker: String,
    /// Agreement revised.
    pub revises_agreement: bool,
    /// Routines evaluated.
    pub evaluates_routines: bool,
    /// The participants agreed to be named in each other's copies.
    pub participants_may_be_named: bool,
    /// Completed, dd.mm.åååå, or empty.
    pub completed_on: String,
    /// For a triangle meeting: who is missing, in one sentence, or empty.
    pub missing: String,
    /// Exports of these minutes, latest first.
    pub sharing: Vec<SharingEntryDto>,
    /// The minutes' version: 1, raised by each reopening.
    pub minutes_version: i64,
    /// Each reopening, oldest first.
    pub reopenings: Vec<ReopeningDto>,
    /// Recipients whose latest copy is of an older version than this one.
    pub older_copies: Vec<OlderCopyDto>,
}

/// One reopening of a completed meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReopeningDto {
    /// When, dd.mm.åååå tt:mm.
    pub reopened_at: String,
    /// Why.
    pub reason: String,
    /// The version it replaced.
    pub version_before: i64,
}

/// A recipient holding an older version of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OlderCopyDto {
    /// Recipient identifier.
    pub recipient: String,
    /// The version they were sent last.
    pub version: i64,
    /// When, dd.mm.åååå tt:mm.
    pub exported_at: String,
}

/// The recipients whose latest export is older than `version`, in the
/// order of the recipient list. `sharing` is latest first.
pub fn older_copies(sharing: &[SharingEntry], version: i64) -> Vec<OlderCopyDto> {
    let mut latest: Vec<&SharingEntry> = Vec::new();
    for entry in sharing {
        if !latest.iter().any(|seen| seen.recipient == entry.recipient) {
            latest.push(entry);
        }
    }
    latest.sort_by_key(|entry| entry.recipient.as_str());
    latest
        .into_iter()
        .filter(|entry| entry.minutes_version < version)
        .map(|entry| OlderCopyDto {
            recipient: entry.recipient.as_str().to_string(),
            version: entry.minutes_version,
            exported_at: entry.exported_at.format("%d.%m.%Y %H:%M").to_string(),
        })
        .collect()
}

impl MeetingDto {
    /// The editor's view of a stored meeting.
    pub fn from_meeting(m: &Meeting, sharing: Vec<SharingEntry>) -> Self {
        Self {
            id: Some(m.id),
            kind: m.kind.as_str().to_string(),
            date: format_date(m.date),
            start_time: m
                .start_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            end_time: m
                .end_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            place: m.place.clone(),
            convened_by: m.convened_by.as_ref().map(|c| c.contact_id),
            participants: m
                .participants
                .iter()
                .map(|p| MeetingParticipantDto {
                    id: p.participant_id,
                    name: p.name.clone(),
                    present: p.present,
                    needs_interpreter: p.needs_interpreter,
                })
                .collect(),
            attendees: m.attendees.iter().map(AttendeeDto::from).collect(),
            interpreter_used: m.interpreter_used,
            interpreter_language: m.interpreter_language.clone(),
            interpreter: InterpreterFieldsDto::from(&m.interpreter),
            interpreter_warnings: interpreter_warnings(InterpretingFacts {
                date: m.date,
                completed: m.completed_on.is_some(),
                used: m.interpreter_used,
                details: &m.interpreter,
            })
            .iter()
            .map(InterpreterWarningDto::from)
            .collect(),
            agenda: m
                .agenda
                .iter()
                .map(|a| AgendaItemDto {
                    title: a.title.clone(),
                    notes: a.notes.clone(),
                    sensitive: a.sensitive,
                    origin: a.origin.clone(),
                })
                .collect(),
            decisions: m.decisions.clone(),
            actions: m
                .actions
                .iter()
                .map(|a| ActionItemDto {
                    id: Some(a.id),
                    what: a.what.clone(),
                    responsible: a.responsible.clone(),
                    due: format_date(a.due),
                    task_id: a.task_id,
                    done_on: format_optional_date(a.done_on),
                })
                .collect(),
            next_meeting_date: format_optional_date(m.next_meeting_date),
            next_meeting_note: m.next_meeting_note.clone(),
            minute_taker: m.minute_taker.clone(),
            revises_agreement: m.revises_agreement,
            evaluates_routines: m.evaluates_routines,
            participants_may_be_named: m.participants_may_be_named,
            completed_on: format_optional_date(m.completed_on),
            missing: triangle_missing_message(&m.missing_parties())
                .map(|message| message.render(crate::window::window_language()))
                .unwrap_or_default(),
            older_copies: older_copies(&sharing, m.minutes_version),
            sharing: sharing.into_iter().map(SharingEntryDto::from).collect(),
            minutes_version: m.minutes_version,
            reopenings: m
                .reopenings
                .iter()
                .map(|r| ReopeningDto {
                    reopened_at: r.reopened_at.format("%d.%m.%Y %H:%M").to_string(),
                    reason: r.reason.clone(),
                    version_before: r.version_before,
                })
                .collect(),
        }
    }
}

/// The interpreting record beyond use and language, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InterpreterFieldsDto {
    /// An interpreter was needed.
    pub interpreter_needed: bool,
    /// Mode identifier, or empty.
    pub interpreting_mode: String,
    /// Qualification identifier, or empty.
    pub interpreter_qualification: String,
    /// Category identifier, or empty.
    pub interpreter_category: String,
    /// Exception identifier, or empty.
    pub unqualified_exception: String,
    /// Why an unqualified interpreter was used.
    pub unqualified_reason: String,
    /// The interpreter is confirmed an adult.
    pub interpreter_adult: bool,
    /// Why a child interpreted, or empty.
    pub child_emergency_reason: String,
}

impl From<&InterpreterDetails> for InterpreterFieldsDto {
    fn from(d: &InterpreterDetails) -> Self {
        Self {
            interpreter_needed: d.needed,
            interpreting_mode: d.mode.map(|v| v.as_str().to_string()).unwrap_or_default(),
            interpreter_qualification: d
                .qualification
                .map(|v| v.as_str().to_string())
                .unwrap_or_default(),
            interpreter_category: d
                .category
                .map(|v| v.as_str().to_string())
                .unwrap_or_default(),
            unqualified_exception: d
                .exception
                .map(|v| v.as_str().to_string())
                .unwrap_or_default(),
            unqualified_reason: d.reason.clone(),
            interpreter_adult: d.adult_confirmed,
            child_emergency_reason: d.child_emergency_reason.clone(),
        }
    }
}

/// A warning about a meeting's interpreting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InterpreterWarningDto {
    /// Warning code.
    pub code: String,
    /// What is wrong and what to do.
    pub message: String,
    /// The legal reference.
    pub reference: String,
}

impl From<&InterpreterWarning> for InterpreterWarningDto {
    fn from(w: &InterpreterWarning) -> Self {
        Self {
            code: w.code.as_str().to_string(),
            message: crate::error::in_window_language(&w.message),
            reference: w.reference.clone(),
        }
    }
}

/// One use of an unqualified interpreter, in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnqualifiedUseDto {
    /// Meeting id.
    pub meeting_id: i64,
    /// Meeting kind identifier.
    pub kind: String,
    /// Date, dd.mm.åååå.
    pub date: String,
    /// Exception identifier, or empty.
    pub exception: String,
    /// The reason written.
    pub reason: String,
    /// A reason was required and is missing.
    pub reason_missing: bool,
}

/// The interpreter report for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InterpreterReportDto {
    /// First day, dd.mm.åååå.
    pub from: String,
    /// Last day, dd.mm.åååå.
    pub to: String,
    /// Completed meetings.
    pub meetings: i64,
    /// With an interpreter.
    pub with_interpreter: i64,
    /// Qualified.
    pub qualified: i64,
    /// Not qualified.
    pub not_qualified: i64,
    /// Qualification not recorded.
    pub qualification_unknown: i64,
    /// Needed, but none used.
    pub needed_without: i64,
    /// Each unqualified use.
    pub unqualified_uses: Vec<UnqualifiedUseDto>,
}

impl From<introspor_core::store::interpreting::InterpreterReport> for InterpreterReportDto {
    fn from(r: introspor_core::store::interpreting::InterpreterReport) -> Self {
        Self {
            from: format_date(r.from),
            to: format_date(r.to),
            meetings: r.meetings,
            with_interpreter: r.with_interpreter,
            qualified: r.qualified,
            not_qualified: r.not_qualified,
            qualification_unknown: r.qualification_unknown,
            needed_without: r.needed_without,
            unqualified_uses: r
                .unqualified_uses
                .into_iter()
                .map(|u| UnqualifiedUseDto {
                    meeting_id: u.meeting_id,
                    kind: u.kind.as_str().to_string(),
                    date: format_date(u.date),
                    exception: u
                        .exception
                        .map(|e| e.as_str().to_string())
                        .unwrap_or_default(),
                    reason: u.reason,
                    reason_missing: u.reason_missing,
                })
                .collect(),
        }
    }
}

/// One export in the sharing log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharingEntryDto {
    /// Log id.
    pub id: i64,
    /// When, dd.mm.åååå tt:mm.
    pub exported_at: String,
    /// Meeting id.
    pub meeting_id: i64,
    /// Meeting kind identifier.
    pub meeting_kind: String,
    /// Meeting date, dd.mm.åååå.
    pub meeting_date: String,
    /// Recipient identifier.
    pub recipient: String,
    /// Legal basis identifier, or empty.
    pub legal_basis: String,
    /// File name.
    pub file_name: String,
    /// The version of the minutes exported.
    pub minutes_version: i64,
    /// For a participant's own copy: whose it was, or empty.
    pub copy_for: String,
}

impl From<SharingEntry> for SharingEntryDto {
    fn from(s: SharingEntry) -> Self {
        Self {
            id: s.id,
            exported_at: s.exported_at.format("%d.%m.%Y %H:%M").to_string(),
            meeting_id: s.meeting_id,
            meeting_kind: s.meeting_kind.as_str().to_string(),
            meeting_date: format_date(s.meeting_date),
            recipient: s.recipient.as_str().to_string(),
            legal_basis: s
                .legal_basis
                .map(|b| b.as_str().to_string())
                .unwrap_or_default(),
            file_name: s.file_name,
            minutes_version: s.minutes_version,
            copy_for: s.copy_for.unwrap_or_default(),
        }
    }
}

/// One of the organisation's duties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CycleDutyDto {
    /// Duty identifier.
    pub kind: String,
    /// Deadline, dd.mm.åååå.
    pub due: String,
    /// `done`, `overdue` or `open`.
    pub status: String,
    /// The meeting that closed it.
    pub meeting_id: Option<i64>,
    /// For the NIR catch-up: the year whose data are checked.
    pub data_year: Option<i32>,
    /// That meeting's date, dd.mm.åååå, or empty.
    pub done_on: String,
}

impl CycleDutyDto {
    /// The duty as of `today`.
    pub fn from_duty(d: &CycleDuty, today: chrono::NaiveDate) -> Self {
        let status = if d.done_by.is_some() {
            "done"
        } else if d.is_overdue(today) {
            "overdue"
        } else {
            "open"
        };
        Self {
            kind: d.kind.as_str().to_string(),
            due: format_date(d.due),
            status: status.to_string(),
            meeting_id: d.done_by.and_then(|done| done.meeting_id),
            data_year: d.data_year,
            done_on: format_optional_date(d.done_by.map(|done| done.on)),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MinutesExportDto {
    /// Full path written, or empty when the caseworker cancelled.
    pub path: String,
    /// File name written.
    pub file_name: String,
}

/// The letterhead settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LetterheadDto {
    /// Municipality.
    pub municipality: String,
    /// Service.
    pub service: String,
    /// Caseworker.
    pub caseworker: String,
    /// The municipality's written language, the documents' default (`nb`,
    /// `nn` or `en`; empty from a window that does not send it keeps the
    /// saved one).
    pub written_language: String,
}
