//! What the core says when it refuses input or fails, as catalogue keys
//! (`i18n/<language>/messages.toml`). Each travels with an error's stable
//! code and is rendered in the window's or the document's language where it
//! is shown; limits travel as arguments, so «høyst {max} tegn» is one text
//! for every limit.

use crate::language::{Arg, Message};

/// A required field is empty.
pub const REQUIRED: Message = Message::new("message.required");

/// A text of several lines contains control characters other than line
/// breaks and tabs (a NUL, an escape sequence).
pub const TEXT_CONTROL_CHARACTERS: Message = Message::new("message.textControlCharacters");
/// A line contains control characters (tabs, line breaks and the like).
pub const CONTROL_CHARACTERS: Message = Message::new("message.controlCharacters");
/// A date could not be read.
/// The window's zoom could not be changed.
pub const ZOOM_FAILED: Message = Message::new("message.zoomFailed");
/// Refusal of a date that has the right form but does not exist.
pub const NONEXISTENT_DATE: Message = Message::new("message.nonexistentDate");
pub const INVALID_DATE: Message = Message::new("message.invalidDate");
/// A date is implausibly early.
pub const DATE_TOO_EARLY: Message = Message::new("message.dateTooEarly");
/// A choice is not one of the offered ones.
pub const INVALID_CHOICE: Message = Message::new("message.invalidChoice");
/// Identity number has the wrong number of digits.
pub const IDENTITY_NUMBER_LENGTH: Message = Message::new("message.identityNumberLength");
/// Identity number contains other characters than digits.
pub const IDENTITY_NUMBER_DIGITS: Message = Message::new("message.identityNumberDigits");
/// Identity number does not begin with a date.
pub const IDENTITY_NUMBER_DATE: Message = Message::new("message.identityNumberDate");
/// Identity number has wrong check digits.
pub const IDENTITY_NUMBER_CHECKSUM: Message = Message::new("message.identityNumberChecksum");
/// Identity number already used by another participant.
pub const DUPLICATE_IDENTITY_NUMBER: Message = Message::new("message.duplicateIdentityNumber");
/// Identity number already used by an archived participant.
pub const DUPLICATE_IDENTITY_NUMBER_ARCHIVED: Message =
    Message::new("message.duplicateIdentityNumberArchived");
/// Birth date lies in the future.
pub const BIRTH_DATE_IN_FUTURE: Message = Message::new("message.birthDateInFuture");
/// Birth date does not match the identity number.
pub const BIRTH_DATE_MISMATCH: Message = Message::new("message.birthDateMismatch");
/// Residence permit date lies in the future.
pub const PERMIT_DATE_IN_FUTURE: Message = Message::new("message.permitDateInFuture");
/// A date of something done lies in the future.
pub const DONE_DATE_IN_FUTURE: Message = Message::new("message.doneDateInFuture");
/// Settlement before arrival.
pub const SETTLEMENT_BEFORE_ARRIVAL: Message = Message::new("message.settlementBeforeArrival");
/// Interpreter needed but no language given.
pub const INTERPRETER_LANGUAGE_REQUIRED: Message =
    Message::new("message.interpreterLanguageRequired");
/// A law override needs a reason.
pub const OVERRIDE_REASON_REQUIRED: Message = Message::new("message.overrideReasonRequired");
/// Email looks wrong.
pub const INVALID_EMAIL: Message = Message::new("message.invalidEmail");
/// Phone looks wrong.
pub const INVALID_PHONE: Message = Message::new("message.invalidPhone");
/// Several fields need correcting.
pub const VALIDATION_SUMMARY: Message = Message::new("message.validationSummary");
/// The participant does not exist.
pub const PARTICIPANT_NOT_FOUND: Message = Message::new("message.participantNotFound");
/// An event, leave, task or deadline does not exist.
pub const RECORD_NOT_FOUND: Message = Message::new("message.recordNotFound");
/// Registered with IMDi before the event happened.
pub const REGISTERED_BEFORE_EVENT: Message = Message::new("message.registeredBeforeEvent");
/// An end date before the start date.
pub const END_BEFORE_START: Message = Message::new("message.endBeforeStart");

/// An extension decided in the future.
pub const EXTENSION_DECIDED_IN_FUTURE: Message = Message::new("message.extensionDecidedInFuture");
/// An extension decided before the programme started.
pub const EXTENSION_BEFORE_START: Message = Message::new("message.extensionBeforeStart");
/// The extension-decision deadline is closed by recording a decision.
pub const EXTENSION_DEADLINE_CLOSED_BY_DECISION: Message =
    Message::new("message.extensionDeadlineClosedByDecision");
/// A NIR data year before 2000 or after this year.
pub const NIR_YEAR_OUT_OF_RANGE: Message = Message::new("message.nirYearOutOfRange");
/// A NIR check for a year that has not ended.
pub const NIR_YEAR_NOT_ENDED: Message = Message::new("message.nirYearNotEnded");
/// An interpreter used without saying whether qualified.
pub const INTERPRETER_QUALIFICATION_REQUIRED: Message =
    Message::new("message.interpreterQualificationRequired");
/// A child interpreting without an emergency reason.
pub const CHILD_INTERPRETER_REFUSED: Message = Message::new("message.childInterpreterRefused");
/// A number outside the allowed range.
pub const MONTHS_OUT_OF_RANGE: Message = Message::new("message.monthsOutOfRange");
/// The database file was written by a newer version of Introspor.
pub const SCHEMA_TOO_NEW: Message = Message::new("message.schemaTooNew");
/// Something went wrong in the database.
pub const DATABASE: Message = Message::new("message.database");
/// The data folder could not be used.
pub const STORAGE_FOLDER: Message = Message::new("message.storageFolder");
/// A contact has no organisation.
pub const ORGANISATION_REQUIRED: Message = Message::new("message.organisationRequired");
/// A team member was not chosen.
pub const CONTACT_REQUIRED: Message = Message::new("message.contactRequired");
/// A member joins in the future.
pub const JOINED_IN_FUTURE: Message = Message::new("message.joinedInFuture");
/// A member leaves in the future.
pub const LEFT_IN_FUTURE: Message = Message::new("message.leftInFuture");
/// A member leaves before joining.
pub const LEFT_BEFORE_JOINED: Message = Message::new("message.leftBeforeJoined");
/// The contact is already a current member in that role.
pub const ALREADY_MEMBER: Message = Message::new("message.alreadyMember");
/// A time of day could not be read.
pub const INVALID_TIME: Message = Message::new("message.invalidTime");
/// A meeting ends before it starts.
pub const END_TIME_BEFORE_START: Message = Message::new("message.endTimeBeforeStart");
/// Triangle and team meetings are about one participant.
pub const MEETING_ONE_PARTICIPANT: Message = Message::new("message.meetingOneParticipant");
/// Information meetings are about at least one participant.
pub const MEETING_SOME_PARTICIPANTS: Message = Message::new("message.meetingSomeParticipants");
/// Meetings between services name no participant.
pub const MEETING_NO_PARTICIPANTS: Message = Message::new("message.meetingNoParticipants");

/// An agenda item has notes but no title.
pub const AGENDA_TITLE_REQUIRED: Message = Message::new("message.agendaTitleRequired");
/// An action item has no description.
pub const ACTION_WHAT_REQUIRED: Message = Message::new("message.actionWhatRequired");
/// An action item has no due date.
pub const ACTION_DUE_REQUIRED: Message = Message::new("message.actionDueRequired");
/// A meeting cannot be completed before its date.
pub const MEETING_IN_FUTURE: Message = Message::new("message.meetingInFuture");
/// Minutes can be exported only from a completed meeting.
/// A completed meeting's minutes are locked.
pub const MEETING_LOCKED: Message = Message::new("message.meetingLocked");
/// A reopening needs its reason.
pub const REOPEN_REASON_REQUIRED: Message = Message::new("message.reopenReasonRequired");

/// Only a completed meeting can be reopened.
pub const MEETING_NOT_LOCKED: Message = Message::new("message.meetingNotLocked");
pub const MEETING_NOT_COMPLETED: Message = Message::new("message.meetingNotCompleted");
/// A legal basis is needed to share minutes outside the service.
pub const LEGAL_BASIS_REQUIRED: Message = Message::new("message.legalBasisRequired");
/// A participant's copy of the minutes of a meeting about several people
/// must say whose it is.
pub const COPY_FOR_REQUIRED: Message = Message::new("message.copyForRequired");
/// Triangle meeting: the participant is not present.
pub const TRIANGLE_MISSING_PARTICIPANT: Message =
    Message::new("message.triangleMissingParticipant");
/// Triangle meeting: nobody from the refugee service is present.
pub const TRIANGLE_MISSING_REFUGEE_SERVICE: Message =
    Message::new("message.triangleMissingRefugeeService");
/// Triangle meeting: nobody from NAV is present.
pub const TRIANGLE_MISSING_NAV: Message = Message::new("message.triangleMissingNav");
/// Triangle meeting: participant and refugee service missing.
pub const TRIANGLE_MISSING_PARTICIPANT_REFUGEE_SERVICE: Message =
    Message::new("message.triangleMissingParticipantRefugeeService");
/// Triangle meeting: participant and NAV missing.
pub const TRIANGLE_MISSING_PARTICIPANT_NAV: Message =
    Message::new("message.triangleMissingParticipantNav");
/// Triangle meeting: refugee service and NAV missing.
pub const TRIANGLE_MISSING_REFUGEE_SERVICE_NAV: Message =
    Message::new("message.triangleMissingRefugeeServiceNav");
/// Triangle meeting: nobody marked present.
pub const TRIANGLE_MISSING_ALL: Message = Message::new("message.triangleMissingAll");

/// A completed meeting cannot be deleted.
pub const COMPLETED_MEETING_KEPT: Message = Message::new("message.completedMeetingKept");
/// The disk is full.
pub const DISK_FULL: Message = Message::new("message.diskFull");
/// The data folder is read-only.
pub const READ_ONLY: Message = Message::new("message.readOnly");
/// The database file is damaged.
pub const CORRUPT: Message = Message::new("message.corrupt");
/// No randomness for a key.
pub const KEY_GENERATION: Message = Message::new("message.keyGeneration");
/// The credential store cannot be reached when a new database would be created.
pub const KEY_STORE_UNREACHABLE: Message = Message::new("message.keyStoreUnreachable");
/// The key does not open the database.
pub const WRONG_KEY: Message = Message::new("message.wrongKey");
/// A recovery code with a typo.
pub const RECOVERY_CODE_CHECKSUM: Message = Message::new("message.recoveryCodeChecksum");
/// A recovery code of the wrong shape.
pub const RECOVERY_CODE_FORMAT: Message = Message::new("message.recoveryCodeFormat");
/// A backup did not pass its check.
pub const BACKUP_CHECK_FAILED: Message = Message::new("message.backupCheckFailed");
/// The typed-back groups of the recovery code do not match.
pub const RECOVERY_CONFIRM_MISMATCH: Message = Message::new("message.recoveryConfirmMismatch");
/// Audit trail check: a row's content no longer matches its hash.
pub const AUDIT_CONTENT_CHANGED: Message = Message::new("message.auditContentChanged");
/// Audit trail check: a row does not point to the row before it.
pub const AUDIT_LINK_BROKEN: Message = Message::new("message.auditLinkBroken");
/// The history names a record that no longer exists (a meeting's convener
/// or a team member removed from the register), in place of its name.
pub const AUDIT_RECORD_GONE: Message = Message::new("message.auditRecordGone");
/// A period whose end lies before its start.
pub const PERIOD_END_BEFORE_START: Message = Message::new("message.periodEndBeforeStart");
/// Locked: no key for this register on this machine.
pub const LOCKED_KEY_MISSING: Message = Message::new("message.lockedKeyMissing");
/// Locked: the credential store could not be reached.
pub const LOCKED_KEY_STORE_UNREACHABLE: Message = Message::new("message.lockedKeyStoreUnreachable");
/// Locked: the stored key does not open the register.
pub const LOCKED_WRONG_KEY: Message = Message::new("message.lockedWrongKey");
/// Damaged: the register file is gone, but backups or its key are there.
pub const DAMAGE_MISSING: Message = Message::new("message.damageMissing");
/// Damaged: the register file is empty.
pub const DAMAGE_EMPTY: Message = Message::new("message.damageEmpty");
/// Damaged: the first page of the file is damaged.
pub const DAMAGE_UNREADABLE: Message = Message::new("message.damageUnreadable");
/// Damaged: the register is older than a backup of it.
pub const DAMAGE_BEHIND_BACKUP: Message = Message::new("message.damageBehindBackup");
/// A recovery code that opens neither the register nor any backup.
pub const RECOVERY_CODE_OPENS_NOTHING: Message = Message::new("message.recoveryCodeOpensNothing");
/// A schema upgrade was refused because it would lose links between rows.
pub const MIGRATION_FAILED: Message = Message::new("message.migrationFailed");
/// Another Introspor holds the data folder.
pub const REGISTER_IN_USE: Message = Message::new("message.registerInUse");

// Refusals at the command boundary: input the window never sends, values
// too long to keep whole, and rewrites that would silently change history.
// Each is refused whole, so the caseworker never finds a value cut short or
// a date moved without having asked for it.

/// A settings key this version of Introspor does not know.
pub const UNKNOWN_SETTING: Message = Message::new("message.unknownSetting");

/// A deadline is already marked done; its date is changed by undoing first.
pub const ALREADY_DONE: Message = Message::new("message.alreadyDone");

// Refusals and failures the shell reports: the register busy, locked or
// closed, files that could not be written or read.

/// Another command holds the register for a long task.
pub const BUSY: Message = Message::new("message.busy");

/// The register is locked until the recovery code is typed.
pub const LOCKED: Message = Message::new("message.locked");

/// The register was closed because the program is ending.
pub const CLOSED: Message = Message::new("message.closed");

/// The report's PDF could not be made.
pub const REPORT_PDF_FAILED: Message = Message::new("message.reportPdfFailed");

/// The chosen backup is gone.
pub const BACKUP_NOT_FOUND: Message = Message::new("message.backupNotFound");

/// A recovery code was typed for a register that is not locked.
pub const NOT_LOCKED: Message = Message::new("message.notLocked");

/// No backup passed its check.
pub const NO_GOOD_BACKUP: Message = Message::new("message.noGoodBackup");

/// A restore of the newest backup was asked for a register that is not damaged.
pub const NOT_DAMAGED: Message = Message::new("message.notDamaged");

/// A new, empty register was asked for while a usable backup exists.
pub const BACKUP_AVAILABLE: Message = Message::new("message.backupAvailable");

/// A damaged register cannot be kept as it is.
pub const CANNOT_KEEP: Message = Message::new("message.cannotKeep");

/// The minutes' PDF could not be made.
pub const MINUTES_PDF_FAILED: Message = Message::new("message.minutesPdfFailed");

/// The workbook could not be made.
pub const XLSX_FAILED: Message = Message::new("message.xlsxFailed");

/// An exported file could not be written.
pub const EXPORT_FAILED: Message = Message::new("message.exportFailed");

/// A file chosen for import is larger than 50 MB.
pub const IMPORT_TOO_LARGE: Message = Message::new("message.importTooLarge");

/// A file chosen for import could not be read from the disk.
pub const IMPORT_FILE_UNREADABLE: Message = Message::new("message.importFileUnreadable");

/// An import step came with no file read in.
pub const IMPORT_NONE: Message = Message::new("message.importNone");

/// Something failed that the caseworker cannot fix; the log has details.
pub const INTERNAL: Message = Message::new("message.internal");

/// A completed meeting had no interpreter though a participant needs one.
pub const INTERPRETER_NEEDED_ABSENT: Message = Message::new("message.interpreterNeededAbsent");

/// An unqualified interpreter without a recorded reason, on or after
/// `from` (when the transitional exception has ended).
pub fn unqualified_without_reason(from: chrono::NaiveDate) -> Message {
    Message::new("message.unqualifiedWithoutReason").with("from", Arg::Date(from))
}

/// A line of text (or a text of several lines) longer than `max` characters.
pub fn too_long(max: usize) -> Message {
    limit("message.tooLong", max)
}

/// Notes (on a participant, an event or a task) longer than `max` characters.
pub fn note_too_long(max: usize) -> Message {
    limit("message.notesTooLong", max)
}

/// A reopening's reason longer than `max` characters.
pub fn reopen_reason_too_long(max: usize) -> Message {
    limit("message.reopenReasonTooLong", max)
}

/// Where an agenda item came from (a deadline or an action item) is longer
/// than `max` characters.
pub fn agenda_origin_too_long(max: usize) -> Message {
    limit("message.agendaOriginTooLong", max)
}

/// A settings text longer than `max` characters, or with line breaks.
pub fn setting_text_invalid(max: usize) -> Message {
    limit("message.settingTextInvalid", max)
}

/// More than `max` rows of one kind in the meeting form.
pub fn too_many_items(max: usize) -> Message {
    limit("message.tooManyItems", max)
}

/// A planned programme length outside `min..=max` whole months.
pub fn planned_length_out_of_range(min: u32, max: u32) -> Message {
    Message::new("message.plannedLengthOutOfRange")
        .with("min", Arg::Number(min.into()))
        .with("max", Arg::Number(max.into()))
}

/// A retention period that is not a whole number of years in `min..=max`.
pub fn retention_years_out_of_range(min: u32, max: u32) -> Message {
    Message::new("message.retentionYearsOutOfRange")
        .with("min", Arg::Number(min.into()))
        .with("max", Arg::Number(max.into()))
}

/// Minutes can only be filed in the archive once the meeting is completed.
pub const FILING_NEEDS_COMPLETED: Message = Message::new("message.filingNeedsCompleted");
/// This version of the minutes already has an archive reference.
pub const ALREADY_FILED: Message = Message::new("message.alreadyFiled");
/// A participant asked to be anonymised is not due (see the code: the
/// period is not set or has not run out, the programme has not ended, or
/// an archive copy is missing).
pub const NOT_DUE_FOR_ANONYMISATION: Message = Message::new("message.notDueForAnonymisation");
/// An archive copy is missing, so the participant cannot be anonymised.
pub const ARCHIVE_REFERENCE_MISSING: Message = Message::new("message.archiveReferenceMissing");
/// The participant is already anonymised.
pub const ALREADY_ANONYMISED: Message = Message::new("message.alreadyAnonymised");

/// An extension outside `min..=max` whole months.
pub fn extension_months_out_of_range(min: u32, max: u32) -> Message {
    Message::new("message.extensionMonthsOutOfRange")
        .with("min", Arg::Number(min.into()))
        .with("max", Arg::Number(max.into()))
}

/// How many undrawable characters a question names; the rest are «…», so
/// that pasted text full of them still gives a question that fits.
const UNDRAWABLE_NAMED: usize = 12;

/// A PDF about to be written holds `characters` that no bundled font can
/// draw; each is named with its code point (U+1F642), since the character
/// alone may not show either.
pub fn undrawable_characters(characters: &[char]) -> Message {
    let mut named: Vec<String> = characters
        .iter()
        .take(UNDRAWABLE_NAMED)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    if characters.len() > UNDRAWABLE_NAMED {
        named.push("…".to_string());
    }
    Message::new("message.undrawableCharacters").with("characters", Arg::Text(named.join(", ")))
}

fn limit(key: &'static str, max: usize) -> Message {
    Message::new(key).with("max", Arg::Number(i64::try_from(max).unwrap_or(i64::MAX)))
}

#[cfg(test)]
mod tests {
    use crate::language::{catalogue, Language};

    #[test]
    fn undrawable_characters_are_named_with_their_code_points_at_most_twelve() {
        let cases: &[(&[char], &str)] = &[
            (&['Ꮳ'], "Ꮳ (U+13E3)"),
            (&['🙂', '𐀀'], "🙂 (U+1F642), 𐀀 (U+10000)"),
            (
                &[
                    'Ꭰ', 'Ꭱ', 'Ꭲ', 'Ꭳ', 'Ꭴ', 'Ꭵ', 'Ꭶ', 'Ꭷ', 'Ꭸ', 'Ꭹ', 'Ꭺ', 'Ꭻ', 'Ꭼ',
                ],
                "Ꭻ (U+13AB), …",
            ),
        ];
        for (characters, expected) in cases {
            let text = super::undrawable_characters(characters).render(Language::Bokmal);
            assert!(text.contains(expected), "{characters:?}: {text}");
            assert!(
                !text.contains("U+13AC"),
                "the thirteenth is not named: {text}"
            );
        }
    }

    /// Every key this file names has a text in every language.
    #[test]
    fn every_message_has_a_text_in_every_language() {
        let source = include_str!("messages.rs");
        let keys: Vec<&str> = source
            .split('"')
            .filter(|part| part.starts_with("message.") && part.len() > 8 && !part.contains(' '))
            .collect();
        assert!(keys.len() > 90, "found {} keys", keys.len());
        for language in Language::ALL {
            for key in &keys {
                assert!(
                    catalogue(language).get(key).is_some(),
                    "{}: no text for {key}",
                    language.tag()
                );
            }
        }
    }
}
