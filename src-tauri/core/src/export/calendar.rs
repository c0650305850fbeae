//! The open deadlines as an iCalendar (`.ics`) file that Outlook imports.
//!
//! Each deadline is an all-day event with a reminder the day before. UIDs
//! are stable (participant, kind and source), so importing a new export
//! updates the events instead of duplicating them. The file leaves the
//! laptop, so it carries no names, identity numbers or free text typed by
//! the caseworker: participants appear as a case reference (initials and
//! internal number), and own tasks only as "Egen oppgave".

use crate::domain::calendar::add_days;
use crate::domain::deadline::{DeadlineKind, DeadlineStatus};
use crate::store::deadlines::{DeadlineRow, OWN_TASK_KIND};
use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

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

/// Builds the calendar from deadline rows; only open and overdue rows are
/// included. `now` stamps the events (DTSTAMP), passed in so that the core
/// never reads the clock.
pub fn deadlines_to_ics(rows: &[DeadlineRow], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Introspor – frister");
    for row in rows
        .iter()
        .filter(|r| matches!(r.status, DeadlineStatus::Open | DeadlineStatus::Overdue))
    {
        let label = kind_label_nb(&row.kind);
        let summary = if row.case_reference.is_empty() {
            label.to_string()
        } else {
            format!("{label} – {}", row.case_reference)
        };
        let description = if row.task_id.is_some() {
            "Egen oppgave registrert i Introspor. Se Introspor for detaljer.".to_string()
        } else {
            format!("{} Hjemmel: {}.", row.reason, row.reference)
        };
        let uid = uid(row);
        // The library stamps alarms with a random UID and the clock; both are
        // replaced so that an export depends only on its input.
        let mut alarm = Alarm::display(
            &format!("{summary} forfaller i morgen"),
            Trigger::before_start(Duration::days(1)),
        );
        alarm.uid(&format!("{uid}-alarm")).timestamp(now);
        let mut event = Event::new();
        event
            .uid(&uid)
            .timestamp(now)
            .summary(&summary)
            .description(&description)
            // An all-day event ends (exclusively) the next day.
            .starts(row.due)
            .ends(add_days(row.due, 1))
            .alarm(alarm);
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
