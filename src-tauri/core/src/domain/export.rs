//! What kinds of file the caseworker can take out of Introspor, and what
//! the audit trail records about each one.
//!
//! Every export goes through one path in the shell (ask where, write
//! atomically, record): this module names the kinds, so the trail and the
//! window label them from one closed set. The minutes and the audit trail
//! itself keep their own, richer records (the sharing log; the period and
//! filter of the trail) and are not listed here.

choice! {
    /// A kind of exported file.
    ExportKind {
        /// The open deadlines as an `.ics` calendar file.
        Calendar => "calendar",
        /// A checked backup of the register, written where the caseworker chose.
        Backup => "backup",
        /// The participant list, as filtered on screen.
        ParticipantList => "participant_list",
        /// The deadline list, as filtered on screen.
        DeadlineList => "deadline_list",
        /// The caseload report.
        CaseloadReport => "caseload_report",
        /// Deadlines met on time, late or still overdue in a period.
        ComplianceReport => "compliance_report",
        /// Open IMDi registrations, oldest first.
        RegistrationDebtReport => "registration_debt_report",
        /// One participant's duties for the county governor's supervision.
        SupervisionReport => "supervision_report",
        /// The answer to a participant's access request (PDF/A with its
        /// JSON beside it).
        AccessAnswer => "access_answer",
        /// The record of processing activities (GDPR art. 30), PDF/A.
        ProcessingRecord => "processing_record",
    }
}

/// What one export wrote, as the audit trail records it: never the folder,
/// never the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRecord {
    /// What was exported.
    pub kind: ExportKind,
    /// The file's format, as its extension (`xlsx`, `csv`, `ics`, `pdf`).
    pub format: String,
    /// How many rows, events or participants it holds.
    pub rows: usize,
    /// The filter or period it was made with, in words; empty when none.
    pub filter: String,
    /// The participants it concerns, when it concerns particular ones
    /// (a supervision report); empty for lists of many.
    pub participants: Vec<i64>,
}
