//! How long Introspor keeps a participant's personal data, what becomes of
//! each kind of record when that time has run out, and when a participant
//! may be anonymised.
//!
//! The period is the municipality's own choice (GDPR art. 5 (1) e: no
//! longer than needed), not a figure of law: Introspor proposes none, and
//! until the municipality has set it, nobody is ever due. The archive duty
//! comes first (GDPR art. 17 (3) b, arkivlova): a participant is only due
//! once every document that must be filed has an archive reference.

use crate::error::{FieldError, ValidationErrors};
use crate::messages;
use chrono::{Months, NaiveDate};

/// The shortest and longest period the setting takes, in whole years.
pub const YEARS_RANGE: std::ops::RangeInclusive<u32> = 1..=100;

choice! {
    /// A kind of record, as the retention rules explain it.
    RecordKind {
        /// Who the participant is: name, identity number, contact details,
        /// languages, the caseworker's notes.
        ParticipantFacts => "participant_facts",
        /// Agenda items marked sensitive (health and other special
        /// categories).
        HealthNotes => "health_notes",
        /// The minutes' text kept in Introspor (the filed copy is the
        /// archive's).
        Minutes => "minutes",
        /// Deadlines, events, leaves and tasks.
        Deadlines => "deadlines",
        /// The audit trail.
        AuditTrail => "audit_trail",
        /// Automatic backups of the register.
        Backups => "backups",
    }
}

choice! {
    /// What becomes of a kind of record when the period has run out.
    Fate {
        /// Replaced by the case reference.
        Anonymised => "anonymised",
        /// Removed from Introspor; the archive keeps its filed copy.
        Removed => "removed",
        /// Kept, with the dates and codes statistics need, without anything
        /// that names the person.
        KeptWithoutPersonalData => "kept_without_personal_data",
        /// Dropped by the backup rotation, and the anonymisation applied
        /// again to any older backup that is restored.
        Rotated => "rotated",
    }
}

impl RecordKind {
    /// What becomes of this kind when the participant is anonymised.
    pub fn fate(self) -> Fate {
        match self {
            RecordKind::ParticipantFacts => Fate::Anonymised,
            RecordKind::HealthNotes | RecordKind::Minutes => Fate::Removed,
            RecordKind::Deadlines | RecordKind::AuditTrail => Fate::KeptWithoutPersonalData,
            RecordKind::Backups => Fate::Rotated,
        }
    }
}

/// The municipality's decision on how long personal data are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionSetting {
    /// Whole years after the programme ended.
    pub years: u32,
    /// When it was decided (set in Introspor).
    pub decided_on: NaiveDate,
}

/// Reads the years typed into the setting: a whole number in
/// [`YEARS_RANGE`] (`years`: `required`, `not_a_number`, `out_of_range`).
pub fn parse_years(text: &str) -> Result<u32, ValidationErrors> {
    let text = text.trim();
    let refuse = |code: &'static str, message| {
        Err(ValidationErrors(vec![FieldError::new(
            "years", code, message,
        )]))
    };
    if text.is_empty() {
        return refuse("required", messages::REQUIRED);
    }
    match text.parse::<u32>() {
        Ok(years) if YEARS_RANGE.contains(&years) => Ok(years),
        Ok(_) => refuse(
            "out_of_range",
            messages::retention_years_out_of_range(*YEARS_RANGE.start(), *YEARS_RANGE.end()),
        ),
        Err(_) => refuse(
            "not_a_number",
            messages::retention_years_out_of_range(*YEARS_RANGE.start(), *YEARS_RANGE.end()),
        ),
    }
}

/// The day a participant whose programme ended on `ended` is due for
/// anonymisation, `years` later (29 February gives 28 February in a
/// common year).
pub fn due_on(ended: NaiveDate, years: u32) -> NaiveDate {
    ended
        .checked_add_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// What a participant's record looks like for the anonymisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionFacts {
    /// The day the programme ended, if it has.
    pub ended: Option<NaiveDate>,
    /// Whether the status says the programme is over (completed,
    /// terminated, moved away).
    pub programme_over: bool,
    /// Completed minutes (in their current version) without an archive
    /// reference.
    pub unfiled_minutes: u32,
    /// Meetings about the participant not yet completed.
    pub open_meetings: u32,
}

/// Where a participant stands: due, or why not (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetentionState {
    /// The municipality has set no period: nobody is due.
    PeriodNotSet,
    /// The programme has not ended (no end date, or a status that is not
    /// over).
    ProgrammeNotEnded,
    /// The period runs out on this day.
    NotYetDue(NaiveDate),
    /// The period ran out, but documents still lack an archive reference
    /// or meetings are not completed.
    ArchiveCopyMissing {
        /// The day it ran out.
        due: NaiveDate,
        /// Completed minutes without an archive reference.
        unfiled_minutes: u32,
        /// Meetings not yet completed.
        open_meetings: u32,
    },
    /// The period ran out on this day and the archive has every copy.
    Due(NaiveDate),
}

impl RetentionState {
    /// Whether the participant may be anonymised.
    pub fn is_due(&self) -> bool {
        matches!(self, RetentionState::Due(_))
    }

    /// A stable code for the window and for refusals.
    pub fn code(&self) -> &'static str {
        match self {
            RetentionState::PeriodNotSet => "retention_not_set",
            RetentionState::ProgrammeNotEnded => "programme_not_ended",
            RetentionState::NotYetDue(_) => "retention_not_run_out",
            RetentionState::ArchiveCopyMissing { .. } => "archive_reference_missing",
            RetentionState::Due(_) => "due",
        }
    }
}

/// Where a participant with `facts` stands on `today` under `setting`.
pub fn retention_state(
    facts: &RetentionFacts,
    setting: Option<&RetentionSetting>,
    today: NaiveDate,
) -> RetentionState {
    let Some(setting) = setting else {
        return RetentionState::PeriodNotSet;
    };
    let Some(ended) = facts.ended.filter(|_| facts.programme_over) else {
        return RetentionState::ProgrammeNotEnded;
    };
    let due = due_on(ended, setting.years);
    if due > today {
        RetentionState::NotYetDue(due)
    } else if facts.unfiled_minutes > 0 || facts.open_meetings > 0 {
        RetentionState::ArchiveCopyMissing {
            due,
            unfiled_minutes: facts.unfiled_minutes,
            open_meetings: facts.open_meetings,
        }
    } else {
        RetentionState::Due(due)
    }
}

/// The case reference that replaces an anonymised participant's name.
pub fn anonymised_case_reference(participant_id: i64) -> String {
    format!("ANON-{participant_id}")
}

/// A participant's case reference: initials and internal number (`NP-12`),
/// never the name; an anonymised participant's is `ANON-12`.
pub fn case_reference_of(given: &str, family: &str, id: i64) -> String {
    if given == ANONYMISED_GIVEN_NAME && family == id.to_string() {
        return anonymised_case_reference(id);
    }
    let initial = |name: &str| {
        name.chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
    };
    format!("{}{}-{id}", initial(given), initial(family))
}

/// The given name an anonymised participant is stored with (the family
/// name is their number), so that lists and documents show
/// «ANON 12» and the case reference is [`anonymised_case_reference`].
pub const ANONYMISED_GIVEN_NAME: &str = "ANON";

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
    }

    fn facts(ended: Option<&str>, over: bool, unfiled: u32, open: u32) -> RetentionFacts {
        RetentionFacts {
            ended: ended.map(day),
            programme_over: over,
            unfiled_minutes: unfiled,
            open_meetings: open,
        }
    }

    #[test]
    fn a_participant_is_due_only_when_the_period_ran_out_and_the_archive_has_every_copy() {
        let five = RetentionSetting {
            years: 5,
            decided_on: day("01.01.2026"),
        };
        let today = day("01.12.2031");
        // (what, facts, setting, expected)
        let cases = [
            (
                "no period set",
                facts(Some("01.06.2020"), true, 0, 0),
                None,
                RetentionState::PeriodNotSet,
            ),
            (
                "still in the programme",
                facts(None, false, 0, 0),
                Some(five),
                RetentionState::ProgrammeNotEnded,
            ),
            (
                "an end date but still active",
                facts(Some("01.06.2020"), false, 0, 0),
                Some(five),
                RetentionState::ProgrammeNotEnded,
            ),
            (
                "over without an end date",
                facts(None, true, 0, 0),
                Some(five),
                RetentionState::ProgrammeNotEnded,
            ),
            (
                "runs out tomorrow",
                facts(Some("02.12.2026"), true, 0, 0),
                Some(five),
                RetentionState::NotYetDue(day("02.12.2031")),
            ),
            (
                "runs out today",
                facts(Some("01.12.2026"), true, 0, 0),
                Some(five),
                RetentionState::Due(day("01.12.2031")),
            ),
            (
                "ran out, minutes unfiled",
                facts(Some("01.06.2020"), true, 2, 0),
                Some(five),
                RetentionState::ArchiveCopyMissing {
                    due: day("01.06.2025"),
                    unfiled_minutes: 2,
                    open_meetings: 0,
                },
            ),
            (
                "ran out, a meeting still open",
                facts(Some("01.06.2020"), true, 0, 1),
                Some(five),
                RetentionState::ArchiveCopyMissing {
                    due: day("01.06.2025"),
                    unfiled_minutes: 0,
                    open_meetings: 1,
                },
            ),
            (
                "29 February ends on 28 February",
                facts(Some("29.02.2024"), true, 0, 0),
                Some(RetentionSetting { years: 1, ..five }),
                RetentionState::Due(day("28.02.2025")),
            ),
        ];
        for (what, facts, setting, expected) in cases {
            let state = retention_state(&facts, setting.as_ref(), today);
            assert_eq!(state, expected, "{what}");
            assert_eq!(
                state.is_due(),
                matches!(expected, RetentionState::Due(_)),
                "{what}"
            );
        }
    }

    #[test]
    fn the_period_is_whole_years_within_the_range() {
        let cases = [
            ("5", Ok(5)),
            (" 10 ", Ok(10)),
            ("1", Ok(1)),
            ("100", Ok(100)),
            ("0", Err("out_of_range")),
            ("101", Err("out_of_range")),
            ("", Err("required")),
            ("fem", Err("not_a_number")),
            ("2.5", Err("not_a_number")),
            ("-3", Err("not_a_number")),
        ];
        for (text, expected) in cases {
            let got = parse_years(text).map_err(|e| e.0[0].code);
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn a_case_reference_is_initials_and_number_and_anon_once_anonymised() {
        // (given, family, id, expected)
        let cases = [
            ("Nora", "Pettersen", 12, "NP-12"),
            ("åse", "ødegård", 3, "ÅØ-3"),
            (ANONYMISED_GIVEN_NAME, "12", 12, "ANON-12"),
            // Someone really called Anon keeps their initials.
            (ANONYMISED_GIVEN_NAME, "7", 12, "A7-12"),
        ];
        for (given, family, id, expected) in cases {
            assert_eq!(
                case_reference_of(given, family, id),
                expected,
                "{given} {family}"
            );
        }
    }

    #[test]
    fn every_kind_of_record_has_a_fate() {
        let removed: Vec<_> = RecordKind::ALL
            .iter()
            .filter(|k| k.fate() == Fate::Removed)
            .collect();
        assert_eq!(removed, [&RecordKind::HealthNotes, &RecordKind::Minutes]);
        assert_eq!(RecordKind::ParticipantFacts.fate(), Fate::Anonymised);
        assert_eq!(RecordKind::Backups.fate(), Fate::Rotated);
    }
}
