//! Meetings: kinds, the meeting form and its validation, who must be present
//! for a triangle meeting to count, and who may read sensitive notes.

use crate::domain::fields::{choice_field, finish, notes, optional_line, required_date};
use crate::domain::interpreter::{
    InterpreterDetails, InterpreterQualification, InterpretingMode, TolkeregisterCategory,
    UnqualifiedException,
};
use crate::domain::team::{optional_date, required_choice, OrganisationKind};
use crate::error::{FieldError, ValidationErrors};
use crate::language::Message;
use crate::messages;
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

choice! {
    /// The kinds of meeting in the local agreement.
    MeetingKind {
        /// Participant, refugee service and NAV.
        Triangle => "triangle",
        /// The participant's interdisciplinary team.
        Team => "team",
        /// Information for many participants at once (such as NAV's role).
        Information => "information",
        /// Regular cooperation between the fixed contact persons.
        Cooperation => "cooperation",
        /// Leader level: at least twice a year.
        Leader => "leader",
    }
}

choice! {
    /// Who an exported copy of the minutes is for.
    Recipient {
        /// The municipality's own case and archive system.
        Archive => "archive",
        /// NAV.
        Nav => "nav",
        /// The adult education centre.
        AdultEducation => "adult_education",
        /// The participant the meeting was about.
        Participant => "participant",
    }
}

choice! {
    /// The legal basis for sharing minutes outside the refugee service.
    LegalBasis {
        /// Integreringsloven § 41: processing of personal data.
        IntegreringslovenSection41 => "integreringsloven_41",
        /// Forvaltningsloven § 13 b nr. 2: use for the purpose it was collected for.
        Forvaltningsloven13b2 => "forvaltningsloven_13b2",
        /// The participant's consent (forvaltningsloven § 13 a nr. 1).
        Consent => "consent",
    }
}

impl MeetingKind {
    /// How many participants the kind concerns: `(at least, at most)`.
    ///
    /// Triangle and team meetings are about one person; information
    /// meetings about many; meetings between services are about the
    /// cooperation, so their minutes hold no participant at all.
    pub fn participant_range(self) -> (usize, usize) {
        match self {
            MeetingKind::Triangle | MeetingKind::Team => (1, 1),
            MeetingKind::Information => (1, usize::MAX),
            MeetingKind::Cooperation | MeetingKind::Leader => (0, 0),
        }
    }

    /// Whether a meeting of this kind can revise the cooperation agreement
    /// and evaluate the routines (the organisation's yearly duties).
    pub fn is_organisation_level(self) -> bool {
        matches!(self, MeetingKind::Cooperation | MeetingKind::Leader)
    }
}

/// Whether sensitive notes (health and other special categories) may be
/// given to `recipient`, for a meeting about `participants_concerned` people.
///
/// The archive is the refugee service's own record. The participant may
/// read what concerns themselves, but not what was said about others in a
/// meeting about several people. NAV and the adult education centre have no
/// need to know health information to do their part, so it is withheld;
/// if they need it, the participant's consent and a separate letter are the
/// way, not the minutes.
pub fn may_read_sensitive(recipient: Recipient, participants_concerned: usize) -> bool {
    match recipient {
        Recipient::Archive => true,
        Recipient::Participant => participants_concerned == 1,
        Recipient::Nav | Recipient::AdultEducation => false,
    }
}

/// A party that must be present at a triangle meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequiredParty {
    /// The participant.
    Participant,
    /// Someone from the refugee service.
    RefugeeService,
    /// Someone from NAV.
    Nav,
}

/// Who is missing for a triangle meeting to be completed: the participant,
/// someone from the refugee service and someone from NAV must be present.
pub fn triangle_missing(
    participant_present: bool,
    present_organisations: &[OrganisationKind],
) -> Vec<RequiredParty> {
    let mut missing = Vec::new();
    if !participant_present {
        missing.push(RequiredParty::Participant);
    }
    if !present_organisations.contains(&OrganisationKind::RefugeeService) {
        missing.push(RequiredParty::RefugeeService);
    }
    if !present_organisations.contains(&OrganisationKind::NavOffice) {
        missing.push(RequiredParty::Nav);
    }
    missing
}

/// The sentence that names who is missing; none when nobody is.
pub fn triangle_missing_message(missing: &[RequiredParty]) -> Option<Message> {
    use RequiredParty::{Nav, Participant, RefugeeService};
    Some(match missing {
        [] => return None,
        [Participant] => messages::TRIANGLE_MISSING_PARTICIPANT,
        [RefugeeService] => messages::TRIANGLE_MISSING_REFUGEE_SERVICE,
        [Nav] => messages::TRIANGLE_MISSING_NAV,
        [Participant, RefugeeService] => messages::TRIANGLE_MISSING_PARTICIPANT_REFUGEE_SERVICE,
        [Participant, Nav] => messages::TRIANGLE_MISSING_PARTICIPANT_NAV,
        [RefugeeService, Nav] => messages::TRIANGLE_MISSING_REFUGEE_SERVICE_NAV,
        _ => messages::TRIANGLE_MISSING_ALL,
    })
}

/// An invited contact and whether they came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AttendanceForm {
    /// Contact id (for attendees) or participant id (for participants).
    pub id: i64,
    /// Marked present.
    pub present: bool,
}

/// An agenda item as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AgendaItemForm {
    /// What the item is about.
    pub title: String,
    /// What was said.
    pub notes: String,
    /// Whether the notes hold health or other special-category information.
    pub sensitive: bool,
    /// Where the item came from (`deadline:12`, `action:3`), or empty.
    pub origin: String,
}

/// An action item as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ActionItemForm {
    /// The stored action item's id when editing an existing one.
    pub id: Option<i64>,
    /// What is to be done.
    pub what: String,
    /// Who does it.
    pub responsible: String,
    /// By when, dd.mm.åååå.
    pub due: String,
}

/// A meeting as the editor sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingForm {
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
    /// Contact who convened the meeting.
    pub convened_by: Option<i64>,
    /// Participants the meeting concerns, with their attendance.
    pub participants: Vec<AttendanceForm>,
    /// Invited contacts with their attendance.
    pub attendees: Vec<AttendanceForm>,
    /// Whether an interpreter was used.
    pub interpreter_used: bool,
    /// The interpreter's language.
    pub interpreter_language: String,
    /// Whether an interpreter was needed.
    pub interpreter_needed: bool,
    /// How the interpreting was done (an `InterpretingMode` identifier), or empty.
    pub interpreting_mode: String,
    /// The interpreter's qualification identifier, or empty.
    pub interpreter_qualification: String,
    /// The category in Nasjonalt tolkeregister, or empty.
    pub interpreter_category: String,
    /// The exception relied on for an unqualified interpreter, or empty.
    pub unqualified_exception: String,
    /// Why an unqualified interpreter was used.
    pub unqualified_reason: String,
    /// The interpreter is confirmed to be an adult.
    pub interpreter_adult: bool,
    /// Why a child interpreted (an emergency), or empty.
    pub child_emergency_reason: String,
    /// Agenda items with notes.
    pub agenda: Vec<AgendaItemForm>,
    /// Decisions, one per entry.
    pub decisions: Vec<String>,
    /// Action items.
    pub actions: Vec<ActionItemForm>,
    /// Date of the next meeting, if agreed.
    pub next_meeting_date: String,
    /// Time, place or other words about the next meeting.
    pub next_meeting_note: String,
    /// Who writes the minutes.
    pub minute_taker: String,
    /// The cooperation agreement was revised in this meeting.
    pub revises_agreement: bool,
    /// The cooperation routines were evaluated in this meeting.
    pub evaluates_routines: bool,
    /// The participants of a meeting about several people agreed to be
    /// named in each other's copies of the minutes.
    pub participants_may_be_named: bool,
}

/// A validated agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    /// Title.
    pub title: String,
    /// Notes.
    pub notes: String,
    /// Health or other special-category information.
    pub sensitive: bool,
    /// Origin (`deadline:12`, `action:3`), or empty.
    pub origin: String,
}

/// A validated action item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItemDraft {
    /// Existing id when editing.
    pub id: Option<i64>,
    /// What.
    pub what: String,
    /// Who.
    pub responsible: String,
    /// By when.
    pub due: NaiveDate,
}

/// A validated meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    /// Kind.
    pub kind: MeetingKind,
    /// Date.
    pub date: NaiveDate,
    /// Start time.
    pub start_time: Option<NaiveTime>,
    /// End time.
    pub end_time: Option<NaiveTime>,
    /// Place.
    pub place: String,
    /// Convened by (contact id).
    pub convened_by: Option<i64>,
    /// Participants concerned, with attendance.
    pub participants: Vec<AttendanceForm>,
    /// Contacts invited, with attendance.
    pub attendees: Vec<AttendanceForm>,
    /// Interpreter used.
    pub interpreter_used: bool,
    /// Interpreter language.
    pub interpreter_language: String,
    /// The rest of what the meeting records about interpreting.
    pub interpreter: InterpreterDetails,
    /// Agenda.
    pub agenda: Vec<AgendaItem>,
    /// Decisions.
    pub decisions: Vec<String>,
    /// Action items.
    pub actions: Vec<ActionItemDraft>,
    /// Next meeting date.
    pub next_meeting_date: Option<NaiveDate>,
    /// Next meeting note.
    pub next_meeting_note: String,
    /// Minute taker.
    pub minute_taker: String,
    /// Agreement revised.
    pub revises_agreement: bool,
    /// Routines evaluated.
    pub evaluates_routines: bool,
    /// The participants agreed to be named in each other's copies (only
    /// kept for a meeting about more than one participant).
    pub participants_may_be_named: bool,
}

/// Most agenda items, decisions or action items in one meeting; a guard
/// against a runaway form, far above any real meeting.
const MAX_ITEMS: usize = 100;

/// Longest origin of an agenda item, in characters. An origin is a short
/// reference such as `deadline:12`; the longest the app writes
/// (`deadline:` and a negative 64-bit id) has 29 characters.
pub const MAX_ORIGIN: usize = 40;

fn time_field(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let normalised = text.replace('.', ":");
    match NaiveTime::parse_from_str(&normalised, "%H:%M") {
        Ok(time) => Some(time),
        Err(_) => {
            errors.push(FieldError::new(
                field,
                "invalid_time",
                messages::INVALID_TIME,
            ));
            None
        }
    }
}

fn dedup_ids(list: &[AttendanceForm]) -> Vec<AttendanceForm> {
    let mut seen = std::collections::HashSet::new();
    list.iter().filter(|a| seen.insert(a.id)).copied().collect()
}

impl MeetingForm {
    /// Validates the meeting; every problem is reported at once.
    pub fn validate(&self) -> Result<MeetingDraft, ValidationErrors> {
        let mut errors = Vec::new();
        let kind = required_choice(&mut errors, "kind", &self.kind, MeetingKind::from_str_id);
        let date = required_date(&mut errors, "date", &self.date);
        let start_time = time_field(&mut errors, "startTime", &self.start_time);
        let end_time = time_field(&mut errors, "endTime", &self.end_time);
        if let (Some(start), Some(end)) = (start_time, end_time) {
            if end < start {
                errors.push(FieldError::new(
                    "endTime",
                    "end_before_start",
                    messages::END_TIME_BEFORE_START,
                ));
            }
        }
        let place = optional_line(&mut errors, "place", &self.place);
        let participants = dedup_ids(&self.participants);
        if let Some(kind) = kind {
            let (least, most) = kind.participant_range();
            if participants.len() < least || participants.len() > most {
                let message = match kind {
                    MeetingKind::Triangle | MeetingKind::Team => messages::MEETING_ONE_PARTICIPANT,
                    MeetingKind::Information => messages::MEETING_SOME_PARTICIPANTS,
                    _ => messages::MEETING_NO_PARTICIPANTS,
                };
                errors.push(FieldError::new(
                    "participants",
                    "participant_count",
                    message,
                ));
            }
        }
        let interpreter_language = optional_line(
            &mut errors,
            "interpreterLanguage",
            &self.interpreter_language,
        );
        if self.interpreter_used && interpreter_language.is_empty() {
            errors.push(FieldError::new(
                "interpreterLanguage",
                "required",
                messages::INTERPRETER_LANGUAGE_REQUIRED,
            ));
        }
        let interpreter = self.interpreter_details(&mut errors);
        if self.agenda.len() > MAX_ITEMS
            || self.decisions.len() > MAX_ITEMS
            || self.actions.len() > MAX_ITEMS
        {
            errors.push(FieldError::new(
                "agenda",
                "too_many_items",
                messages::too_many_items(MAX_ITEMS),
            ));
        }
        let mut agenda = Vec::new();
        for item in self.agenda.iter().take(MAX_ITEMS) {
            let title = optional_line(&mut errors, "agenda", &item.title);
            let notes = notes(&mut errors, "agenda", &item.notes);
            if title.is_empty() && notes.is_empty() {
                continue;
            }
            if title.is_empty() {
                errors.push(FieldError::new(
                    "agenda",
                    "required",
                    messages::AGENDA_TITLE_REQUIRED,
                ));
            }
            // An origin too long to be a reference is refused, never cut:
            // a cut one would be stored as something other than was sent.
            if item.origin.chars().count() > MAX_ORIGIN {
                errors.push(FieldError::new(
                    "agenda",
                    "too_long",
                    messages::agenda_origin_too_long(MAX_ORIGIN),
                ));
            }
            agenda.push(AgendaItem {
                title,
                notes,
                sensitive: item.sensitive,
                origin: item.origin.clone(),
            });
        }
        let mut decisions = Vec::new();
        for decision in self.decisions.iter().take(MAX_ITEMS) {
            let text = notes(&mut errors, "decisions", decision);
            if !text.is_empty() {
                decisions.push(text);
            }
        }
        let mut actions = Vec::new();
        for action in self.actions.iter().take(MAX_ITEMS) {
            let what = optional_line(&mut errors, "actions", &action.what);
            let responsible = optional_line(&mut errors, "actions", &action.responsible);
            if what.is_empty() && responsible.is_empty() && action.due.trim().is_empty() {
                continue;
            }
            if what.is_empty() {
                errors.push(FieldError::new(
                    "actions",
                    "required",
                    messages::ACTION_WHAT_REQUIRED,
                ));
            }
            if action.due.trim().is_empty() {
                errors.push(FieldError::new(
                    "actions",
                    "required",
                    messages::ACTION_DUE_REQUIRED,
                ));
            }
            let due = optional_date(&mut errors, "actions", &action.due);
            if let Some(due) = due {
                actions.push(ActionItemDraft {
                    id: action.id,
                    what,
                    responsible,
                    due,
                });
            }
        }
        let next_meeting_date =
            optional_date(&mut errors, "nextMeetingDate", &self.next_meeting_date);
        let next_meeting_note =
            optional_line(&mut errors, "nextMeetingNote", &self.next_meeting_note);
        let minute_taker = optional_line(&mut errors, "minuteTaker", &self.minute_taker);
        let organisation_level = kind.is_some_and(MeetingKind::is_organisation_level);
        finish(errors, || MeetingDraft {
            kind: kind.expect("checked"),
            date: date.expect("checked"),
            start_time,
            end_time,
            place,
            convened_by: self.convened_by,
            participants,
            attendees: dedup_ids(&self.attendees),
            interpreter_used: self.interpreter_used,
            interpreter_language: if self.interpreter_used {
                interpreter_language
            } else {
                String::new()
            },
            interpreter,
            agenda,
            decisions,
            actions,
            next_meeting_date,
            next_meeting_note,
            minute_taker,
            revises_agreement: organisation_level && self.revises_agreement,
            evaluates_routines: organisation_level && self.evaluates_routines,
            participants_may_be_named: self.participants.len() > 1
                && self.participants_may_be_named,
        })
    }
}

impl MeetingForm {
    /// Validates what the form says about interpreting. Only what applies
    /// is kept: the details of an interpreter when one was used, the
    /// category of a registered one, the exception and reason of an
    /// unqualified one. A child interpreting is refused unless the reason
    /// for it (an emergency) is written (tolkeloven § 4).
    fn interpreter_details(&self, errors: &mut Vec<FieldError>) -> InterpreterDetails {
        let mut details = InterpreterDetails {
            needed: self.interpreter_needed,
            ..InterpreterDetails::default()
        };
        if !self.interpreter_used {
            return details;
        }
        details.mode = choice_field(
            errors,
            "interpretingMode",
            &self.interpreting_mode,
            InterpretingMode::from_str_id,
        );
        details.qualification = choice_field(
            errors,
            "interpreterQualification",
            &self.interpreter_qualification,
            InterpreterQualification::from_str_id,
        );
        if details.qualification.is_none() && self.interpreter_qualification.trim().is_empty() {
            errors.push(FieldError::new(
                "interpreterQualification",
                "required",
                messages::INTERPRETER_QUALIFICATION_REQUIRED,
            ));
        }
        match details.qualification {
            Some(InterpreterQualification::Qualified) => {
                details.category = choice_field(
                    errors,
                    "interpreterCategory",
                    &self.interpreter_category,
                    TolkeregisterCategory::from_str_id,
                );
            }
            Some(InterpreterQualification::NotQualified) => {
                details.exception = choice_field(
                    errors,
                    "unqualifiedException",
                    &self.unqualified_exception,
                    UnqualifiedException::from_str_id,
                );
                details.reason = notes(errors, "unqualifiedReason", &self.unqualified_reason);
            }
            None => {}
        }
        details.adult_confirmed = self.interpreter_adult;
        if !self.interpreter_adult {
            details.child_emergency_reason =
                notes(errors, "childEmergencyReason", &self.child_emergency_reason);
            if details.child_emergency_reason.is_empty() {
                errors.push(FieldError::new(
                    "interpreterAdult",
                    "child_interpreter",
                    messages::CHILD_INTERPRETER_REFUSED,
                ));
            }
        }
        details
    }
}

/// The sharing form: who the minutes are for and on what legal basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharingChoice {
    /// The recipient group.
    pub recipient: Recipient,
    /// The legal basis; the archive needs none, since it is the service's own record.
    pub legal_basis: Option<LegalBasis>,
    /// For a participant: whose own copy it is (see [`SharingChoice::for_meeting`]).
    pub copy_for: Option<i64>,
}

impl SharingChoice {
    /// This choice checked against `meeting`, with `copy_for` the
    /// participant whose own copy it is to be. A copy for a participant of
    /// a meeting about several people must say whose it is, one of the
    /// meeting's own (`copyFor`: `required`, `invalid_choice`); about one
    /// person it is that person's; any other recipient gets no one's copy.
    pub fn for_meeting(
        self,
        meeting: &Meeting,
        copy_for: Option<i64>,
    ) -> Result<SharingChoice, ValidationErrors> {
        let concerned = |id: i64| meeting.participants.iter().any(|p| p.participant_id == id);
        let copy_for = match (self.recipient, meeting.participants.as_slice(), copy_for) {
            (Recipient::Participant, [only], None) => Some(only.participant_id),
            (Recipient::Participant, _, Some(id)) if concerned(id) => Some(id),
            (Recipient::Participant, [_, _, ..], None) => {
                return Err(ValidationErrors(vec![FieldError::new(
                    "copyFor",
                    "required",
                    messages::COPY_FOR_REQUIRED,
                )]))
            }
            (Recipient::Participant, _, Some(_)) => {
                return Err(ValidationErrors(vec![FieldError::new(
                    "copyFor",
                    "invalid_choice",
                    messages::INVALID_CHOICE,
                )]))
            }
            _ => None,
        };
        Ok(SharingChoice { copy_for, ..self })
    }
}

/// Validates the recipient and legal basis chosen for an export.
pub fn parse_sharing(
    recipient: &str,
    legal_basis: &str,
) -> Result<SharingChoice, ValidationErrors> {
    let mut errors = Vec::new();
    let recipient = required_choice(&mut errors, "recipient", recipient, Recipient::from_str_id);
    let basis = if legal_basis.trim().is_empty() {
        None
    } else {
        required_choice(
            &mut errors,
            "legalBasis",
            legal_basis,
            LegalBasis::from_str_id,
        )
    };
    if recipient.is_some_and(|r| r != Recipient::Archive) && basis.is_none() && errors.is_empty() {
        errors.push(FieldError::new(
            "legalBasis",
            "required",
            messages::LEGAL_BASIS_REQUIRED,
        ));
    }
    finish(errors, || SharingChoice {
        recipient: recipient.expect("checked"),
        legal_basis: basis,
        copy_for: None,
    })
}

/// A participant a stored meeting concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernedParticipant {
    /// Participant id.
    pub participant_id: i64,
    /// Given and family name.
    pub name: String,
    /// Birth date, which identifies the person in the minutes without the
    /// identity number.
    pub birth_date: Option<NaiveDate>,
    /// Marked present.
    pub present: bool,
    /// The participant needs an interpreter.
    pub needs_interpreter: bool,
}

/// A contact invited to a stored meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// Contact id.
    pub contact_id: i64,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Organisation name.
    pub organisation: String,
    /// Organisation kind.
    pub organisation_kind: OrganisationKind,
    /// Marked present.
    pub present: bool,
}

/// A stored action item and the task it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    /// Action item id.
    pub id: i64,
    /// What.
    pub what: String,
    /// Who.
    pub responsible: String,
    /// By when.
    pub due: NaiveDate,
    /// The caseworker's task that follows it up.
    pub task_id: Option<i64>,
    /// When the task was ticked off.
    pub done_on: Option<NaiveDate>,
}

/// A stored meeting with everything in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: MeetingKind,
    /// Date.
    pub date: NaiveDate,
    /// Start time.
    pub start_time: Option<NaiveTime>,
    /// End time.
    pub end_time: Option<NaiveTime>,
    /// Place.
    pub place: String,
    /// The contact who convened it.
    pub convened_by: Option<Attendee>,
    /// Participants concerned.
    pub participants: Vec<ConcernedParticipant>,
    /// Contacts invited.
    pub attendees: Vec<Attendee>,
    /// Interpreter used.
    pub interpreter_used: bool,
    /// Interpreter language.
    pub interpreter_language: String,
    /// The rest of what the meeting records about interpreting.
    pub interpreter: InterpreterDetails,
    /// Agenda with notes.
    pub agenda: Vec<AgendaItem>,
    /// Decisions.
    pub decisions: Vec<String>,
    /// Action items.
    pub actions: Vec<ActionItem>,
    /// Next meeting date.
    pub next_meeting_date: Option<NaiveDate>,
    /// Next meeting note.
    pub next_meeting_note: String,
    /// Minute taker.
    pub minute_taker: String,
    /// The agreement was revised.
    pub revises_agreement: bool,
    /// The routines were evaluated.
    pub evaluates_routines: bool,
    /// The participants agreed to be named in each other's copies.
    pub participants_may_be_named: bool,
    /// When the meeting was marked completed.
    pub completed_on: Option<NaiveDate>,
    /// The minutes' version: 1, raised by each reopening.
    pub minutes_version: i64,
    /// Each time the completed meeting was opened again, oldest first.
    pub reopenings: Vec<MeetingReopening>,
}

/// One reopening of a completed meeting: when, why, and which version of
/// the minutes it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingReopening {
    /// When it was reopened (local time).
    pub reopened_at: chrono::NaiveDateTime,
    /// Why, as the caseworker wrote it.
    pub reason: String,
    /// The version completed before the reopening.
    pub version_before: i64,
}

/// The longest reason for a reopening, in characters.
pub const REOPEN_REASON_MAX: usize = 1000;

impl Meeting {
    /// Who is missing for this meeting to be completed (triangle meetings
    /// only; other kinds have no attendance rule).
    pub fn missing_parties(&self) -> Vec<RequiredParty> {
        if self.kind != MeetingKind::Triangle {
            return Vec::new();
        }
        let participant_present =
            !self.participants.is_empty() && self.participants.iter().all(|p| p.present);
        let present: Vec<OrganisationKind> = self
            .attendees
            .iter()
            .filter(|a| a.present)
            .map(|a| a.organisation_kind)
            .collect();
        triangle_missing(participant_present, &present)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use OrganisationKind as O;
    use RequiredParty as P;

    #[test]
    fn triangle_meeting_needs_all_three_parties() {
        // (case, participant present, organisations present, missing)
        let cases: Vec<(&str, bool, Vec<O>, Vec<P>)> = vec![
            (
                "all three",
                true,
                vec![O::RefugeeService, O::NavOffice],
                vec![],
            ),
            (
                "all three and a teacher",
                true,
                vec![O::AdultEducation, O::NavOffice, O::RefugeeService],
                vec![],
            ),
            ("NAV absent", true, vec![O::RefugeeService], vec![P::Nav]),
            (
                "participant absent",
                false,
                vec![O::RefugeeService, O::NavOffice],
                vec![P::Participant],
            ),
            (
                "refugee service absent",
                true,
                vec![O::NavOffice],
                vec![P::RefugeeService],
            ),
            (
                "nobody",
                false,
                vec![],
                vec![P::Participant, P::RefugeeService, P::Nav],
            ),
            (
                "only a teacher",
                true,
                vec![O::AdultEducation],
                vec![P::RefugeeService, P::Nav],
            ),
        ];
        for (case, participant, organisations, expected) in cases {
            let missing = triangle_missing(participant, &organisations);
            assert_eq!(missing, expected, "{case}: these parties should be missing");
            assert_eq!(
                triangle_missing_message(&missing).is_none(),
                expected.is_empty(),
                "{case}: there should be a message exactly when someone is missing"
            );
        }
        let shown = |missing: &[P]| {
            triangle_missing_message(missing)
                .unwrap()
                .render(Language::Bokmal)
        };
        assert!(
            shown(&[P::Nav]).contains("NAV"),
            "the message for an absent NAV should name NAV"
        );
        assert!(
            shown(&[P::Participant, P::Nav]).contains("deltakeren"),
            "the message should name the participant when they are absent"
        );
    }

    #[test]
    fn sensitive_notes_reach_only_those_with_need() {
        use Recipient as R;
        // (recipient, participants concerned, may read sensitive notes)
        let cases = [
            (R::Archive, 1, true),
            (R::Archive, 12, true),
            (R::Participant, 1, true),
            (R::Participant, 5, false),
            (R::Nav, 1, false),
            (R::Nav, 5, false),
            (R::AdultEducation, 1, false),
            (R::AdultEducation, 0, false),
        ];
        for (recipient, concerned, expected) in cases {
            assert_eq!(
                may_read_sensitive(recipient, concerned),
                expected,
                "{} with {concerned} participants concerned: sensitive notes included should be {expected}",
                recipient.as_str()
            );
        }
    }

    #[test]
    fn meeting_form_checks_participant_count_per_kind() {
        let one = vec![AttendanceForm {
            id: 1,
            present: true,
        }];
        let two = vec![
            AttendanceForm {
                id: 1,
                present: true,
            },
            AttendanceForm {
                id: 2,
                present: false,
            },
        ];
        // (kind, participants, valid)
        let cases = [
            ("triangle", vec![], false),
            ("triangle", one.clone(), true),
            ("triangle", two.clone(), false),
            ("team", one.clone(), true),
            ("information", two.clone(), true),
            ("information", vec![], false),
            ("leader", vec![], true),
            ("leader", one.clone(), false),
            ("cooperation", vec![], true),
        ];
        for (kind, participants, valid) in cases {
            let form = MeetingForm {
                kind: kind.into(),
                date: "12.11.2026".into(),
                participants,
                ..MeetingForm::default()
            };
            assert_eq!(
                form.validate().is_ok(),
                valid,
                "a {kind} meeting with {} participants should be valid: {valid}",
                form.participants.len()
            );
        }
    }

    #[test]
    fn meeting_form_reports_times_actions_and_interpreter() {
        let form = MeetingForm {
            kind: "triangle".into(),
            date: "12.11.2026".into(),
            start_time: "10:00".into(),
            end_time: "9.30".into(),
            participants: vec![AttendanceForm {
                id: 1,
                present: true,
            }],
            interpreter_used: true,
            actions: vec![ActionItemForm {
                what: "Søke arbeidspraksis".into(),
                due: "31.02.2026".into(),
                ..ActionItemForm::default()
            }],
            ..MeetingForm::default()
        };
        let errors = form.validate().unwrap_err();
        let fields: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_ref(), e.code))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("endTime", "end_before_start"),
                ("interpreterLanguage", "required"),
                ("interpreterQualification", "required"),
                ("interpreterAdult", "child_interpreter"),
                ("actions", "invalid_date"),
            ],
            "an end before the start, a missing interpreter language, qualification and \
             adult confirmation, and an impossible due date should all be reported"
        );
    }

    #[test]
    fn the_interpreter_record_keeps_what_applies_and_refuses_a_child() {
        let base = MeetingForm {
            kind: "triangle".into(),
            date: "12.01.2027".into(),
            participants: vec![AttendanceForm {
                id: 1,
                present: true,
            }],
            interpreter_used: true,
            interpreter_language: "tigrinja".into(),
            interpreter_needed: true,
            interpreting_mode: "phone".into(),
            interpreter_qualification: "not_qualified".into(),
            interpreter_category: "a".into(),
            unqualified_exception: "cannot_wait".into(),
            unqualified_reason: "Ingen kvalifisert tolk ledig samme dag.".into(),
            interpreter_adult: true,
            ..MeetingForm::default()
        };
        let draft = base
            .validate()
            .expect("an adult, unqualified interpreter with a reason");
        assert_eq!(
            draft.interpreter.category, None,
            "a category only for a qualified one"
        );
        assert_eq!(
            draft.interpreter.exception,
            Some(UnqualifiedException::CannotWait)
        );
        assert_eq!(draft.interpreter.mode, Some(InterpretingMode::Phone));

        // (case, change, expected problem or none)
        type Change = fn(&mut MeetingForm);
        type Case<'a> = (&'a str, Change, Option<(&'a str, &'a str)>);
        let cases: Vec<Case> = vec![
            (
                "a child without a reason is refused",
                |f| f.interpreter_adult = false,
                Some(("interpreterAdult", "child_interpreter")),
            ),
            (
                "a child in an emergency, with the reason, is allowed",
                |f| {
                    f.interpreter_adult = false;
                    f.child_emergency_reason =
                        "Akutt situasjon, ingen voksen tolk kunne nås.".into();
                },
                None,
            ),
            (
                "an unknown mode is refused",
                |f| f.interpreting_mode = "brev".into(),
                Some(("interpretingMode", "invalid_choice")),
            ),
            (
                "an unknown exception is refused",
                |f| f.unqualified_exception = "lat".into(),
                Some(("unqualifiedException", "invalid_choice")),
            ),
            (
                "no interpreter used: nothing else is asked",
                |f| {
                    f.interpreter_used = false;
                    f.interpreter_adult = false;
                    f.interpreter_qualification = String::new();
                },
                None,
            ),
        ];
        for (case, change, expected) in cases {
            let mut form = base.clone();
            change(&mut form);
            let result = form.validate();
            match expected {
                None => assert!(result.is_ok(), "{case}: {result:?}"),
                Some((field, code)) => {
                    let errors = result.expect_err(case);
                    assert!(
                        errors.0.iter().any(|e| e.field == field && e.code == code),
                        "{case}: {errors:?}"
                    );
                }
            }
        }
        let mut unused = base.clone();
        unused.interpreter_used = false;
        let draft = unused.validate().unwrap();
        assert_eq!(
            draft.interpreter,
            InterpreterDetails {
                needed: true,
                ..InterpreterDetails::default()
            },
            "without an interpreter only the need is kept"
        );
    }

    #[test]
    fn meeting_texts_are_stored_composed() {
        let decomposed = "Møte med Nguye\u{0302}\u{0303}n pa\u{030A} Sja\u{030A}stad";
        let composed = "Møte med Nguy\u{1EC5}n på Sjåstad";
        let form = MeetingForm {
            kind: "team".into(),
            date: "12.11.2026".into(),
            participants: vec![AttendanceForm {
                id: 3,
                present: true,
            }],
            place: decomposed.into(),
            agenda: vec![AgendaItemForm {
                title: decomposed.into(),
                notes: decomposed.into(),
                sensitive: false,
                origin: String::new(),
            }],
            decisions: vec![decomposed.into()],
            actions: vec![ActionItemForm {
                what: decomposed.into(),
                responsible: decomposed.into(),
                due: "20.11.2026".into(),
                ..ActionItemForm::default()
            }],
            next_meeting_note: decomposed.into(),
            minute_taker: decomposed.into(),
            ..MeetingForm::default()
        };
        let draft = form.validate().expect("the form should be valid");
        let stored = [
            ("place", draft.place.as_str()),
            ("agenda title", &draft.agenda[0].title),
            ("agenda notes", &draft.agenda[0].notes),
            ("decision", &draft.decisions[0]),
            ("action", &draft.actions[0].what),
            ("responsible", &draft.actions[0].responsible),
            ("next meeting", &draft.next_meeting_note),
            ("minute taker", &draft.minute_taker),
        ];
        for (field, text) in stored {
            assert_eq!(text, composed, "the {field} should be stored in NFC");
        }
    }

    #[test]
    fn empty_rows_are_dropped_and_blank_decisions_ignored() {
        let form = MeetingForm {
            kind: "team".into(),
            date: "12.11.2026".into(),
            participants: vec![AttendanceForm {
                id: 3,
                present: true,
            }],
            agenda: vec![
                AgendaItemForm::default(),
                AgendaItemForm {
                    title: "Helse".into(),
                    notes: "Sykemeldt".into(),
                    sensitive: true,
                    origin: String::new(),
                },
            ],
            decisions: vec!["  ".into(), "Starter språkpraksis".into()],
            actions: vec![ActionItemForm::default()],
            ..MeetingForm::default()
        };
        let draft = form.validate().expect("the form should be valid");
        assert_eq!(
            draft.agenda.len(),
            1,
            "an empty agenda row should be dropped"
        );
        assert!(
            draft.agenda[0].sensitive,
            "the sensitive flag should be kept"
        );
        assert_eq!(draft.decisions, vec!["Starter språkpraksis".to_string()]);
        assert!(
            draft.actions.is_empty(),
            "an empty action row should be dropped"
        );
    }

    #[test]
    fn an_oversized_origin_is_refused_and_never_cut() {
        let form = |origin: String| MeetingForm {
            kind: "cooperation".into(),
            date: "12.11.2026".into(),
            agenda: vec![AgendaItemForm {
                title: "Rutiner".into(),
                origin,
                ..AgendaItemForm::default()
            }],
            ..MeetingForm::default()
        };
        // Characters are counted, not bytes: forty letters of two bytes each fit.
        for origin in [
            "deadline:-9223372036854775808".to_string(),
            "ø".repeat(MAX_ORIGIN),
        ] {
            let draft = form(origin.clone()).validate().expect("fits");
            assert_eq!(draft.agenda[0].origin, origin, "kept whole");
        }
        for origin in ["x".repeat(MAX_ORIGIN + 1), "ø".repeat(10_000)] {
            let errors = form(origin).validate().unwrap_err();
            let found: Vec<_> = errors
                .0
                .iter()
                .map(|e| (e.field.as_ref(), e.code, e.message.clone()))
                .collect();
            assert_eq!(
                found,
                vec![(
                    "agenda",
                    "too_long",
                    messages::agenda_origin_too_long(MAX_ORIGIN)
                )]
            );
            let shown = found[0].2.render(crate::language::Language::Bokmal);
            assert!(shown.contains("40"), "the message names the limit: {shown}");
        }
    }

    #[test]
    fn sharing_needs_a_legal_basis_outside_the_archive() {
        assert!(
            parse_sharing("archive", "").is_ok(),
            "the archive needs no legal basis"
        );
        let error = parse_sharing("nav", "").unwrap_err();
        assert_eq!(error.0[0].field, "legalBasis", "NAV needs a legal basis");
        assert!(parse_sharing("nav", "integreringsloven_41").is_ok());
        assert!(
            parse_sharing("press", "consent").is_err(),
            "an unknown recipient is refused"
        );
    }
}
