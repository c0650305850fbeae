//! The names Introspor offers when it asks where to save a file.
//!
//! A name is said in the written language the file is made in
//! («introspor-frister-2026-12-02» in Bokmål, «introspor-deadlines-…» in
//! English) and carries the day as år-måned-dag, so the files of one kind
//! sort by date in a folder. The minutes name themselves (their name holds
//! the meeting and the recipient), and backups keep one fixed prefix that
//! the restore recognises, so neither is here.

use crate::language::{catalogue, Arg, Language};
use chrono::NaiveDate;

choice! {
    /// A kind of file whose name is offered from the catalogue.
    OfferedFile {
        /// The participant list.
        ParticipantList => "participantList",
        /// The deadline list.
        DeadlineList => "deadlineList",
        /// The open deadlines as a calendar file.
        Calendar => "calendar",
        /// The audit trail as CSV.
        AuditTrail => "auditTrail",
        /// The caseload report.
        CaseloadReport => "caseloadReport",
        /// The deadline compliance report.
        ComplianceReport => "complianceReport",
        /// The registration debt report.
        RegistrationDebtReport => "registrationDebtReport",
        /// One participant's supervision report (its name holds the case
        /// reference, never the person's name).
        SupervisionReport => "supervisionReport",
        /// The answer to an access request (case reference, never the
        /// name; the JSON beside it takes the same stem).
        AccessAnswer => "accessAnswer",
        /// The record of processing activities.
        ProcessingRecord => "processingRecord",
    }
}

/// The name offered for `file` made on `day`, in `language`, with its
/// `extension` (`xlsx`, `csv`, `ics`, `pdf`). `case_reference` fills the
/// supervision report's name and is ignored by the others.
pub fn offered_name(
    file: OfferedFile,
    language: Language,
    day: NaiveDate,
    case_reference: &str,
    extension: &str,
) -> String {
    format!(
        "{}.{extension}",
        offered_stem(file, language, day, case_reference)
    )
}

/// The name offered for `file`, without its extension, for an export whose
/// format is chosen afterwards (a report as `.xlsx` or `.csv`).
pub fn offered_stem(
    file: OfferedFile,
    language: Language,
    day: NaiveDate,
    case_reference: &str,
) -> String {
    catalogue(language).render(
        &format!("file.name.{}", file.as_str()),
        &[
            ("date", Arg::Text(day.format("%Y-%m-%d").to_string())),
            ("reference", Arg::Text(case_reference.to_string())),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn every_file_has_a_name_in_every_language_that_every_system_accepts() {
        for language in Language::ALL {
            let mut names = Vec::new();
            for file in OfferedFile::ALL {
                let name = offered_name(*file, language, day(), "DEL-0042", "xlsx");
                assert!(
                    name.starts_with("introspor-") && name.ends_with("-2026-12-02.xlsx"),
                    "{language:?} {file:?}: {name}"
                );
                assert!(
                    !name.contains(|c: char| "/\\:*?\"<>|{} ".contains(c) || c.is_control()),
                    "{language:?} {file:?}: {name} holds a character a file system refuses"
                );
                names.push(name);
            }
            // The calendar and the deadline list are told apart by their
            // extension; every other name is its own.
            names.sort();
            names.dedup();
            assert_eq!(names.len(), OfferedFile::ALL.len() - 1, "{language:?}");
        }
    }

    #[test]
    fn the_names_follow_the_language_and_the_supervision_report_names_the_case() {
        let cases = [
            (
                OfferedFile::ParticipantList,
                Language::Bokmal,
                "introspor-deltakere-2026-12-02.csv",
            ),
            (
                OfferedFile::ParticipantList,
                Language::Nynorsk,
                "introspor-deltakarar-2026-12-02.csv",
            ),
            (
                OfferedFile::ParticipantList,
                Language::English,
                "introspor-participants-2026-12-02.csv",
            ),
            (
                OfferedFile::DeadlineList,
                Language::Nynorsk,
                "introspor-fristar-2026-12-02.csv",
            ),
            (
                OfferedFile::AuditTrail,
                Language::Bokmal,
                "introspor-sporingslogg-2026-12-02.csv",
            ),
            (
                OfferedFile::AuditTrail,
                Language::English,
                "introspor-audit-trail-2026-12-02.csv",
            ),
            (
                OfferedFile::SupervisionReport,
                Language::Bokmal,
                "introspor-tilsyn-DEL-0042-2026-12-02.csv",
            ),
            (
                OfferedFile::SupervisionReport,
                Language::English,
                "introspor-supervision-DEL-0042-2026-12-02.csv",
            ),
        ];
        for (file, language, expected) in cases {
            assert_eq!(
                offered_name(file, language, day(), "DEL-0042", "csv"),
                expected
            );
        }
    }
}
