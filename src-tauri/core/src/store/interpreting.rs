//! The report on interpreters in meetings, for the municipality's internal
//! control: in a period, how many completed meetings used an interpreter,
//! qualified or not, under which exceptions and with which reasons, and
//! how many went without one although an interpreter was needed.

use crate::domain::interpreter::{reason_required_from, UnqualifiedException};
use crate::domain::meeting::MeetingKind;
use crate::error::CoreResult;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::params;

/// The most unqualified uses the report lists one by one.
pub const REPORT_ROW_LIMIT: u32 = 500;

/// One meeting with an unqualified interpreter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnqualifiedUse {
    /// The meeting.
    pub meeting_id: i64,
    /// Its kind.
    pub kind: MeetingKind,
    /// Its date.
    pub date: NaiveDate,
    /// The exception relied on, if one was chosen.
    pub exception: Option<UnqualifiedException>,
    /// The reason written, or empty.
    pub reason: String,
    /// Whether a reason was required on that date and is missing.
    pub reason_missing: bool,
}

/// The interpreter report for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterpreterReport {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// Completed meetings in the period.
    pub meetings: i64,
    /// Of those, with an interpreter.
    pub with_interpreter: i64,
    /// With a qualified interpreter.
    pub qualified: i64,
    /// With an unqualified interpreter.
    pub not_qualified: i64,
    /// With an interpreter whose qualification was not recorded.
    pub qualification_unknown: i64,
    /// Without an interpreter although one was needed.
    pub needed_without: i64,
    /// Every use of an unqualified interpreter, oldest first, at most
    /// [`REPORT_ROW_LIMIT`].
    pub unqualified_uses: Vec<UnqualifiedUse>,
}

impl Store {
    /// The interpreter report for completed meetings held from `from` to
    /// `to`, both days included.
    pub fn interpreter_report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> CoreResult<InterpreterReport> {
        let counts = self.conn.query_row(
            "SELECT count(*) AS meetings, \
             coalesce(sum(m.interpreter_used), 0) AS with_interpreter, \
             coalesce(sum(m.interpreter_used AND m.interpreter_qualification = 'qualified'), 0) AS qualified, \
             coalesce(sum(m.interpreter_used AND m.interpreter_qualification = 'not_qualified'), 0) AS not_qualified, \
             coalesce(sum(m.interpreter_used AND m.interpreter_qualification IS NULL), 0) AS unknown, \
             coalesce(sum(NOT m.interpreter_used AND m.interpreter_needed), 0) AS needed_without \
             FROM meeting m WHERE m.completed_on IS NOT NULL AND m.date BETWEEN ?1 AND ?2",
            params![from, to],
            |row| {
                Ok((
                    row.get::<_, i64>("meetings")?,
                    row.get::<_, i64>("with_interpreter")?,
                    row.get::<_, i64>("qualified")?,
                    row.get::<_, i64>("not_qualified")?,
                    row.get::<_, i64>("unknown")?,
                    row.get::<_, i64>("needed_without")?,
                ))
            },
        )?;
        let required_from = reason_required_from();
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT id, kind, date, unqualified_exception, unqualified_reason FROM meeting \
             WHERE completed_on IS NOT NULL AND date BETWEEN ?1 AND ?2 AND interpreter_used \
             AND interpreter_qualification = 'not_qualified' ORDER BY date, id LIMIT {REPORT_ROW_LIMIT}"
        ))?;
        let rows = statement.query_map(params![from, to], |row| {
            let kind: String = row.get("kind")?;
            let exception: Option<String> = row.get("unqualified_exception")?;
            let date: NaiveDate = row.get("date")?;
            let reason: String = row.get("unqualified_reason")?;
            Ok(UnqualifiedUse {
                meeting_id: row.get("id")?,
                kind: MeetingKind::from_str_id(&kind).unwrap_or(MeetingKind::Team),
                date,
                exception: exception
                    .as_deref()
                    .and_then(UnqualifiedException::from_str_id),
                reason_missing: date >= required_from && reason.trim().is_empty(),
                reason,
            })
        })?;
        Ok(InterpreterReport {
            from,
            to,
            meetings: counts.0,
            with_interpreter: counts.1,
            qualified: counts.2,
            not_qualified: counts.3,
            qualification_unknown: counts.4,
            needed_without: counts.5,
            unqualified_uses: rows.collect::<Result<_, _>>()?,
        })
    }
}
