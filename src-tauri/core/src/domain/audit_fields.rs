//! What each field the audit trail records holds, so that the trail can be
//! shown in words.
//!
//! The trail keeps the stored values as they were (`convened_by: 1`,
//! `recipient: nav`), which is what makes it trustworthy: nothing is
//! translated before it is hashed. A reader needs words instead: a label
//! for the field, the label of a closed set's value, the name behind an id.
//! This module says, for every field the trail can record, which of these
//! it needs; the shell resolves the ids to names and the window takes the
//! labels from its catalogue. A test keeps the list complete against the
//! schema (`store/audit.rs`), and another keeps the catalogue complete
//! against the list (`tests/choices_in_step.rs`).

use crate::domain::audit::AuditEntity;
use crate::domain::deadline::{setting_keys, EventKind, LeaveKind};
use crate::domain::export::ExportKind;
use crate::domain::interpreter::{
    InterpreterQualification, InterpretingMode, TolkeregisterCategory, UnqualifiedException,
};
use crate::domain::law::Law;
use crate::domain::meeting::{LegalBasis, MeetingKind, Recipient};
use crate::domain::participant::{Education, FinalGoal, Gender, PermitBasis, Status};
use crate::domain::team::{OrganisationKind, TeamRole};

/// A kind of record that another record refers to by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Referenced {
    /// A participant, named by given and family name.
    Participant,
    /// A person in the contact directory.
    Contact,
    /// A partner organisation.
    Organisation,
}

/// A closed set whose identifiers a recorded field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClosedSet {
    /// [`Gender`].
    Gender,
    /// [`FinalGoal`].
    FinalGoal,
    /// [`Status`].
    Status,
    /// [`Law`].
    Law,
    /// [`PermitBasis`].
    PermitBasis,
    /// [`Education`].
    Education,
    /// [`EventKind`].
    EventKind,
    /// [`LeaveKind`].
    LeaveKind,
    /// [`TeamRole`].
    TeamRole,
    /// [`OrganisationKind`].
    OrganisationKind,
    /// [`MeetingKind`].
    MeetingKind,
    /// [`InterpretingMode`].
    InterpretingMode,
    /// [`InterpreterQualification`].
    InterpreterQualification,
    /// [`TolkeregisterCategory`].
    TolkeregisterCategory,
    /// [`UnqualifiedException`].
    UnqualifiedException,
    /// [`Recipient`].
    Recipient,
    /// [`LegalBasis`].
    LegalBasis,
    /// [`ExportKind`].
    ExportKind,
}

fn ids<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&value| as_str(value)).collect()
}

impl ClosedSet {
    /// The set's name. The window's catalogue keys the label of each of
    /// its values as `<name>.<identifier>` (`recipient.nav`), the same keys
    /// the window's forms and lists use.
    pub fn name(self) -> &'static str {
        match self {
            ClosedSet::Gender => "gender",
            ClosedSet::FinalGoal => "goal",
            ClosedSet::Status => "status",
            ClosedSet::Law => "law",
            ClosedSet::PermitBasis => "permitBasis",
            ClosedSet::Education => "education",
            ClosedSet::EventKind => "event",
            ClosedSet::LeaveKind => "leave",
            ClosedSet::TeamRole => "role",
            ClosedSet::OrganisationKind => "orgKind",
            ClosedSet::MeetingKind => "meetingKind",
            ClosedSet::InterpretingMode => "interpretingMode",
            ClosedSet::InterpreterQualification => "interpreterQualification",
            ClosedSet::TolkeregisterCategory => "tolkeregisterCategory",
            ClosedSet::UnqualifiedException => "unqualifiedException",
            ClosedSet::Recipient => "recipient",
            ClosedSet::LegalBasis => "legalBasis",
            ClosedSet::ExportKind => "exportKind",
        }
    }

    /// Every identifier the set has.
    pub fn values(self) -> Vec<&'static str> {
        match self {
            ClosedSet::Gender => ids(Gender::ALL, Gender::as_str),
            ClosedSet::FinalGoal => ids(FinalGoal::ALL, FinalGoal::as_str),
            ClosedSet::Status => ids(Status::ALL, Status::as_str),
            ClosedSet::Law => ids(Law::ALL, Law::as_str),
            ClosedSet::PermitBasis => ids(PermitBasis::ALL, PermitBasis::as_str),
            ClosedSet::Education => ids(Education::ALL, Education::as_str),
            ClosedSet::EventKind => ids(EventKind::ALL, EventKind::as_str),
            ClosedSet::LeaveKind => ids(LeaveKind::ALL, LeaveKind::as_str),
            ClosedSet::TeamRole => ids(TeamRole::ALL, TeamRole::as_str),
            ClosedSet::OrganisationKind => ids(OrganisationKind::ALL, OrganisationKind::as_str),
            ClosedSet::MeetingKind => ids(MeetingKind::ALL, MeetingKind::as_str),
            ClosedSet::InterpretingMode => ids(InterpretingMode::ALL, InterpretingMode::as_str),
            ClosedSet::InterpreterQualification => ids(
                InterpreterQualification::ALL,
                InterpreterQualification::as_str,
            ),
            ClosedSet::TolkeregisterCategory => {
                ids(TolkeregisterCategory::ALL, TolkeregisterCategory::as_str)
            }
            ClosedSet::UnqualifiedException => {
                ids(UnqualifiedException::ALL, UnqualifiedException::as_str)
            }
            ClosedSet::Recipient => ids(Recipient::ALL, Recipient::as_str),
            ClosedSet::LegalBasis => ids(LegalBasis::ALL, LegalBasis::as_str),
            ClosedSet::ExportKind => ids(ExportKind::ALL, ExportKind::as_str),
        }
    }
}

/// What a recorded field holds, and so how a reader is shown it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldValue {
    /// Text or a number, shown as it is.
    Text,
    /// A date (`YYYY-MM-DD`) or a moment (UTC), shown as a local date.
    Date,
    /// A time of day (`HH:MM:SS`), shown as `HH:MM`.
    Time,
    /// Yes or no, stored as `1`/`0` (or `true` for a register decision).
    YesNo,
    /// An identifier of a closed set, shown by its label.
    Choice(ClosedSet),
    /// The id of another record, shown by its name.
    Reference(Referenced),
    /// Ids of other records, separated by `", "`, shown by their names.
    References(Referenced),
}

impl FieldValue {
    /// A stable word for the window: `text`, `date`, `time`, `yes_no`,
    /// `choice`, `reference` or `references`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldValue::Text => "text",
            FieldValue::Date => "date",
            FieldValue::Time => "time",
            FieldValue::YesNo => "yes_no",
            FieldValue::Choice(_) => "choice",
            FieldValue::Reference(_) => "reference",
            FieldValue::References(_) => "references",
        }
    }
}

use AuditEntity as E;
use ClosedSet as C;
use FieldValue::{Choice, Date, Reference, References, Text, Time, YesNo};
use Referenced as R;

/// Every field the trail records, by entity, with what it holds; the rule
/// settings' fields (one per setting key) are added by [`recorded_fields`].
///
/// A repeated part of a meeting is listed with empty brackets
/// (`agenda[].title`); the trail records it with its position
/// (`agenda[2].title`), see [`generic_field`]. Columns the trail leaves out
/// (`FieldRule::Omit`: ids, search and sort keys, bookkeeping times) are
/// not listed.
const FIELDS: &[(AuditEntity, &str, FieldValue)] = &[
    (E::Participant, "given_name", Text),
    (E::Participant, "family_name", Text),
    (E::Participant, "identity_number", Text),
    (E::Participant, "birth_date", Date),
    (E::Participant, "gender", Choice(C::Gender)),
    (E::Participant, "languages", Text),
    (E::Participant, "needs_interpreter", YesNo),
    (E::Participant, "interpreter_language", Text),
    (E::Participant, "phone", Text),
    (E::Participant, "email", Text),
    (E::Participant, "address", Text),
    (E::Participant, "residence_permit_date", Date),
    (E::Participant, "arrival_date", Date),
    (E::Participant, "settlement_date", Date),
    (E::Participant, "claim_date", Date),
    (E::Participant, "final_goal", Choice(C::FinalGoal)),
    (E::Participant, "hurtigspor", YesNo),
    (E::Participant, "has_or_expects_children", YesNo),
    (E::Participant, "competence_mapped_before_settlement", YesNo),
    (E::Participant, "status", Choice(C::Status)),
    (E::Participant, "computed_law", Choice(C::Law)),
    (E::Participant, "law_override", Choice(C::Law)),
    (E::Participant, "notes", Text),
    (E::Participant, "archived_at", Date),
    (E::Participant, "programme_start_date", Date),
    (E::Participant, "competence_mapping_date", Date),
    (E::Participant, "plan_date", Date),
    (E::Participant, "last_plan_review_date", Date),
    (E::Participant, "ended_date", Date),
    (E::Participant, "certificate_issued_date", Date),
    (E::Participant, "nav_handover_date", Date),
    (E::Participant, "parental_guidance_date", Date),
    (E::Participant, "permit_basis", Choice(C::PermitBasis)),
    (E::Participant, "education", Choice(C::Education)),
    (E::Participant, "planned_length_months", Text),
    (E::Participant, "norwegian_training_start", Date),
    (E::Participant, "norwegian_training_completed_date", Date),
    (E::Participant, "career_guidance_date", Date),
    (E::Participant, "livsmestring_date", Date),
    (
        E::RegistrableEvent,
        "participant_id",
        Reference(R::Participant),
    ),
    (E::RegistrableEvent, "kind", Choice(C::EventKind)),
    (E::RegistrableEvent, "occurred", Date),
    (E::RegistrableEvent, "registered", Date),
    (E::RegistrableEvent, "note", Text),
    (E::Leave, "participant_id", Reference(R::Participant)),
    (E::Leave, "kind", Choice(C::LeaveKind)),
    (E::Leave, "start_date", Date),
    (E::Leave, "end_date", Date),
    (E::Leave, "approved", YesNo),
    (E::Leave, "followup_date", Date),
    (E::Task, "participant_id", Reference(R::Participant)),
    (E::Task, "title", Text),
    (E::Task, "due", Date),
    (E::Task, "note", Text),
    (E::Task, "done_on", Date),
    (E::Contact, "name", Text),
    (E::Contact, "organisation_id", Reference(R::Organisation)),
    (E::Contact, "title", Text),
    (E::Contact, "phone", Text),
    (E::Contact, "email", Text),
    (E::Contact, "notes", Text),
    (E::Contact, "archived_at", Date),
    (E::Organisation, "name", Text),
    (E::Organisation, "kind", Choice(C::OrganisationKind)),
    (E::Organisation, "deleted_at", Date),
    (
        E::TeamMembership,
        "participant_id",
        Reference(R::Participant),
    ),
    (E::TeamMembership, "contact_id", Reference(R::Contact)),
    (E::TeamMembership, "role", Choice(C::TeamRole)),
    (E::TeamMembership, "joined_on", Date),
    (E::TeamMembership, "left_on", Date),
    (E::Meeting, "kind", Choice(C::MeetingKind)),
    (E::Meeting, "date", Date),
    (E::Meeting, "start_time", Time),
    (E::Meeting, "end_time", Time),
    (E::Meeting, "place", Text),
    (E::Meeting, "convened_by", Reference(R::Contact)),
    (E::Meeting, "interpreter_used", YesNo),
    (E::Meeting, "interpreter_language", Text),
    (E::Meeting, "next_meeting_date", Date),
    (E::Meeting, "next_meeting_note", Text),
    (E::Meeting, "minute_taker", Text),
    (E::Meeting, "revises_agreement", YesNo),
    (E::Meeting, "evaluates_routines", YesNo),
    (E::Meeting, "completed_on", Date),
    (E::Meeting, "minutes_version", Text),
    (E::Meeting, "interpreter_needed", YesNo),
    (E::Meeting, "interpreting_mode", Choice(C::InterpretingMode)),
    (
        E::Meeting,
        "interpreter_qualification",
        Choice(C::InterpreterQualification),
    ),
    (
        E::Meeting,
        "interpreter_category",
        Choice(C::TolkeregisterCategory),
    ),
    (
        E::Meeting,
        "unqualified_exception",
        Choice(C::UnqualifiedException),
    ),
    (E::Meeting, "unqualified_reason", Text),
    (E::Meeting, "interpreter_adult", YesNo),
    (E::Meeting, "child_emergency_reason", Text),
    (E::Meeting, "participants_may_be_named", YesNo),
    // Who the meeting concerns and who was invited, and who of them came.
    (E::Meeting, "participants", References(R::Participant)),
    (
        E::Meeting,
        "participants_present",
        References(R::Participant),
    ),
    (E::Meeting, "attendees", References(R::Contact)),
    (E::Meeting, "attendees_present", References(R::Contact)),
    // The minutes, item by item.
    (E::Meeting, "agenda[].title", Text),
    (E::Meeting, "agenda[].notes", Text),
    (E::Meeting, "agenda[].sensitive", YesNo),
    (E::Meeting, "decision[]", Text),
    (E::Meeting, "action[].what", Text),
    (E::Meeting, "action[].responsible", Text),
    (E::Meeting, "action[].due", Date),
    // An export of the minutes: its row of the sharing log.
    (E::Meeting, "exported_at", Date),
    (E::Meeting, "recipient", Choice(C::Recipient)),
    (E::Meeting, "legal_basis", Choice(C::LegalBasis)),
    (E::Meeting, "file_name", Text),
    (E::Meeting, "copy_for", Reference(R::Participant)),
    (
        E::ProgrammeExtension,
        "participant_id",
        Reference(R::Participant),
    ),
    (E::ProgrammeExtension, "decided", Date),
    (E::ProgrammeExtension, "months", Text),
    (E::ProgrammeExtension, "reason", Text),
    (E::NirAnnualCheck, "data_year", Text),
    (E::NirAnnualCheck, "checked_on", Date),
    (E::ArchiveFiling, "meeting_id", Text),
    (E::ArchiveFiling, "minutes_version", Text),
    (E::ArchiveFiling, "archive_reference", Text),
    (E::ArchiveFiling, "filed_on", Date),
    (
        E::AccessRequest,
        "participant_id",
        Reference(R::Participant),
    ),
    (E::AccessRequest, "received_on", Date),
    (E::AccessRequest, "answered_on", Date),
    (E::AccessRequest, "answer_file", Text),
    (E::RetentionSetting, "years", Text),
    (E::RetentionSetting, "decided_on", Date),
    // An anonymisation: the case reference that replaced the name, how
    // many trail entries lost their personal data, and the digest over
    // their new content that keeps the chain verifiable.
    (E::Participant, "case_reference", Text),
    (E::Participant, "redacted_entries", Text),
    (E::Participant, "redaction_digest", Text),
    (E::AuditTrail, "period_from", Date),
    (E::AuditTrail, "period_to", Date),
    (E::AuditTrail, "participant_id", Reference(R::Participant)),
    (E::AuditTrail, "entries", Text),
    (E::AuditTrail, "file_name", Text),
    (E::ExportedFile, "export_kind", Choice(C::ExportKind)),
    (E::ExportedFile, "format", Text),
    (E::ExportedFile, "rows", Text),
    (E::ExportedFile, "filter", Text),
    (E::ExportedFile, "file_name", Text),
    (E::Register, "backup_file", Text),
    // How many participants the restored backup held.
    (E::Register, "participants", Text),
    (E::Register, "started_anew", YesNo),
    (E::Register, "kept_despite_newer_backup", YesNo),
    (E::ParticipantImport, "file_name", Text),
    (E::ParticipantImport, "imported", Text),
    (E::ParticipantImport, "duplicates", Text),
    (E::ParticipantImport, "refused", Text),
    (E::ParticipantImport, "skipped", Text),
];

/// Every field the trail can record: (entity, field, what it holds). A
/// repeated part of a meeting is written as in [`generic_field`].
pub fn recorded_fields() -> Vec<(AuditEntity, &'static str, FieldValue)> {
    let mut fields = FIELDS.to_vec();
    fields.extend(setting_keys().map(|key| (AuditEntity::RuleSettings, key, Text)));
    fields
}

/// A field as [`recorded_fields`] lists it: every position in brackets
/// taken out (`agenda[2].title` → `agenda[].title`, `decision[3]` →
/// `decision[]`).
pub fn generic_field(field: &str) -> String {
    let mut generic = String::with_capacity(field.len());
    let mut in_brackets = false;
    for c in field.chars() {
        match c {
            '[' => {
                in_brackets = true;
                generic.push(c);
            }
            ']' => {
                in_brackets = false;
                generic.push(c);
            }
            _ if in_brackets => {}
            _ => generic.push(c),
        }
    }
    generic
}

/// What `field` of an entry about `entity` holds. A field this version
/// does not list (written by an older one, say) is shown as text.
pub fn field_value(entity: AuditEntity, field: &str) -> FieldValue {
    let generic = generic_field(field);
    if entity == AuditEntity::RuleSettings {
        return Text;
    }
    FIELDS
        .iter()
        .find(|(e, name, _)| *e == entity && *name == generic)
        .map(|(_, _, value)| *value)
        .unwrap_or(Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_with_positions_is_found_by_its_generic_name() {
        // (entity, field as recorded, what it should hold)
        let cases = [
            (E::Meeting, "agenda[2].title", Text),
            (E::Meeting, "agenda[12].sensitive", YesNo),
            (E::Meeting, "decision[3]", Text),
            (E::Meeting, "action[1].due", Date),
            (E::Meeting, "convened_by", Reference(R::Contact)),
            (E::Meeting, "attendees", References(R::Contact)),
            (E::Meeting, "recipient", Choice(C::Recipient)),
            (E::TeamMembership, "contact_id", Reference(R::Contact)),
            (E::Register, "participants", Text),
            (E::RuleSettings, "plan_review_months", Text),
            (E::Participant, "a_column_of_an_older_version", Text),
        ];
        for (entity, field, expected) in cases {
            assert_eq!(field_value(entity, field), expected, "{entity:?} {field}");
        }
    }

    #[test]
    fn every_field_is_listed_once_per_entity() {
        let fields = recorded_fields();
        for (i, (entity, name, _)) in fields.iter().enumerate() {
            assert!(
                !fields[..i].iter().any(|(e, n, _)| e == entity && n == name),
                "{entity:?} {name} is listed twice"
            );
        }
    }
}
