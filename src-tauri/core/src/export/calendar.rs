//! The open deadlines as an iCalendar (`.ics`) file that Outlook imports.
//!
//! Each deadline is an all-day event that does not block the day
//! (`TRANSP:TRANSPARENT`), with a reminder at 09:00 on the last working
//! day before it is due, so none fires on a weekend or a public holiday.
//! UIDs are stable (participant, kind and source), so importing a new
//! export updates the events instead of duplicating them.
//!
//! A calendar keeps what it was once told. So each export is made against
//! what the earlier ones said ([`CalendarEntry`], stored by the shell once
//! the file is written): a deadline that is done or no longer applies is
//! sent again as `STATUS:CANCELLED` with the same UID and a higher
//! `SEQUENCE`, which makes the client drop it and its reminder; a moved
//! date raises the sequence too. Withdrawals are repeated in every later
//! export, so a file that was never imported is caught up by the next.
//!
//! The file leaves the laptop, so it carries no names, identity numbers,
//! free text or facts about a person: the summary is the kind of deadline
//! and the case reference (initials and internal number), the kinds that
//! would tell a fact (care leave, children) get a neutral name, and the
//! description only points to Introspor.

use crate::domain::calendar::add_days;
use crate::domain::calendar::last_working_day;
use crate::domain::deadline::{DeadlineKind, DeadlineStatus};
use crate::store::deadlines::{DeadlineRow, OWN_TASK_KIND};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus, Trigger};
use std::collections::HashMap;

/// The Norwegian name of a deadline kind, as the calendar shows it.
pub fn kind_label_nb(kind: &str) -> &'static str {
    match DeadlineKind::from_str_id(kind) {
        Some(DeadlineKind::ProgrammeStart) => "Programstart",
        Some(DeadlineKind::CompetenceMapping) => "Kompetansekartlegging",
        Some(DeadlineKind::IntegrationPlan) => "Integreringsplan",
        Some(DeadlineKind::IndividualPlan) => "Individuell plan",
        Some(DeadlineKind::PlanReview) => "Gjennomgang av plan",
        Some(DeadlineKind::ProgrammeEnd) => "Programslutt",
        Some(DeadlineKind::NavHandover) => "Overgang til NAV",
        Some(DeadlineKind::CareLeaveFollowup) => "Oppfølging i omsorgspermisjon",
        Some(DeadlineKind::ImdiRegistration) => "Registrering hos IMDi",
        Some(DeadlineKind::ParticipationCertificate) => "Deltakerbevis",
        Some(DeadlineKind::ParentalGuidance) => "Foreldreveiledning",
        Some(DeadlineKind::CareerGuidance) => "Karriereveiledning",
        Some(DeadlineKind::Livsmestring) => "Livsmestring i et nytt land",
        Some(DeadlineKind::NorwegianTraining) => "Norskopplæring gjennomført",
        Some(DeadlineKind::ExtensionDecision) => "Vedtak om forlengelse",
        None if kind == OWN_TASK_KIND => "Egen oppgave",
        None => "Frist",
    }
}

/// The name a calendar shows for a deadline kind: the kind's own name,
/// except for the kinds whose name would tell a fact about the person
/// (that they are on care leave, that they have children), which get a
/// neutral one.
pub fn calendar_label(kind: &str) -> &'static str {
    match DeadlineKind::from_str_id(kind) {
        Some(DeadlineKind::CareLeaveFollowup) => "Oppfølgingssamtale",
        Some(DeadlineKind::ParentalGuidance) => "Veiledningstilbud",
        _ => kind_label_nb(kind),
    }
}

/// A UID that stays the same across exports for the same deadline.
fn uid(row: &DeadlineRow) -> String {
    match row.task_id {
        Some(task) => format!("introspor-task-{task}@introspor.local"),
        None => format!(
            "introspor-{}-{}-{}@introspor.local",
            row.participant_id.unwrap_or(0),
            row.kind,
            row.source_id.unwrap_or(0)
        ),
    }
}

/// What the caseworker's calendar was last told about one deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// The event's UID.
    pub uid: String,
    /// The last `SEQUENCE` sent.
    pub sequence: u32,
    /// The day the event was on.
    pub due: NaiveDate,
    /// Its summary, so a withdrawal reads as the event it withdraws.
    pub summary: String,
    /// Whether it was last sent as cancelled.
    pub withdrawn: bool,
}

/// One calendar export: the file, what it holds, and what the calendar
/// will have been told once the file is imported (to be stored when, and
/// only when, the file was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarExport {
    /// The iCalendar text.
    pub ics: String,
    /// How many open deadlines it holds.
    pub events: usize,
    /// How many earlier events it withdraws.
    pub withdrawn: usize,
    /// Every entry the calendar knows after this export, withdrawn ones included.
    pub entries: Vec<CalendarEntry>,
}

/// When the reminder fires, before the all-day event's start (midnight of
/// `due`): at 09:00 on the last working day before `due`.
fn reminder_before(due: NaiveDate) -> Duration {
    let day_before = due.pred_opt().unwrap_or(due);
    let remind_on = last_working_day(day_before);
    Duration::days((due - remind_on).num_days()) - Duration::hours(9)
}

fn event(entry: &CalendarEntry, now: DateTime<Utc>) -> Event {
    let mut event = Event::new();
    event
        .uid(&entry.uid)
        .timestamp(now)
        .sequence(entry.sequence)
        .summary(&entry.summary)
        // An all-day event ends (exclusively) the next day.
        .starts(entry.due)
        .ends(add_days(entry.due, 1))
        // A deadline is a reminder of work, not an appointment: the day
        // stays free for meetings.
        .add_property("TRANSP", "TRANSPARENT");
    if entry.withdrawn {
        event
            .status(EventStatus::Cancelled)
            .description("Fristen er utført eller gjelder ikke lenger.");
    } else {
        // The library stamps alarms with a random UID and the clock; both
        // are replaced so that an export depends only on its input.
        let mut alarm = Alarm::display(
            &format!(
                "{} forfaller {}",
                entry.summary,
                crate::domain::date::format_date(entry.due)
            ),
            Trigger::before_start(reminder_before(entry.due)),
        );
        alarm.uid(&format!("{}-alarm", entry.uid)).timestamp(now);
        event
            .status(EventStatus::Confirmed)
            .description("Frist registrert i Introspor. Se Introspor for detaljer.")
            .alarm(alarm);
    }
    event.done()
}

/// Builds the calendar from deadline rows and what earlier exports said.
/// Open and overdue rows are events; an earlier event that is no longer
/// among them is withdrawn. `now` stamps the events (DTSTAMP), passed in
/// so that the core never reads the clock.
pub fn calendar_export(
    rows: &[DeadlineRow],
    previous: &[CalendarEntry],
    now: DateTime<Utc>,
) -> CalendarExport {
    let earlier: HashMap<&str, &CalendarEntry> =
        previous.iter().map(|e| (e.uid.as_str(), e)).collect();
    let mut entries = Vec::new();
    let mut current = std::collections::HashSet::new();
    for row in rows
        .iter()
        .filter(|r| matches!(r.status, DeadlineStatus::Open | DeadlineStatus::Overdue))
    {
        let label = calendar_label(&row.kind);
        let summary = if row.case_reference.is_empty() {
            label.to_string()
        } else {
            format!("{label} – {}", row.case_reference)
        };
        let uid = uid(row);
        let sequence = match earlier.get(uid.as_str()) {
            None => 0,
            Some(before)
                if before.withdrawn || before.due != row.due || before.summary != summary =>
            {
                before.sequence + 1
            }
            Some(before) => before.sequence,
        };
        if current.insert(uid.clone()) {
            entries.push(CalendarEntry {
                uid,
                sequence,
                due: row.due,
                summary,
                withdrawn: false,
            });
        }
    }
    let events = entries.len();
    let mut withdrawn = 0;
    for before in previous {
        if current.contains(&before.uid) {
            continue;
        }
        withdrawn += 1;
        entries.push(CalendarEntry {
            withdrawn: true,
            // Withdrawing changes the event; repeating a withdrawal does not.
            sequence: if before.withdrawn {
                before.sequence
            } else {
                before.sequence + 1
            },
            ..before.clone()
        });
    }
    let mut calendar = Calendar::new();
    calendar.name("Introspor – frister");
    for entry in &entries {
        calendar.push(event(entry, now));
    }
    CalendarExport {
        ics: calendar.done().to_string(),
        events,
        withdrawn,
        entries,
    }
}
