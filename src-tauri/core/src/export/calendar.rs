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
//!
//! The texts are in the language asked for (the `exports` part's
//! `file.calendar.*`, the kinds' names from the window's `kind.*`). An
//! export in another language than the one before changes the summaries,
//! which raises the sequence, so the calendar shows the new words.

use crate::domain::calendar::add_days;
use crate::domain::calendar::last_working_day;
use crate::domain::deadline::DeadlineStatus;
use crate::export::labels::calendar_label;
use crate::language::{catalogue, Arg, Catalogue, Language};
use crate::store::deadlines::DeadlineRow;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus, Trigger};
use std::collections::HashMap;

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
    /// The language its summaries are in, which its file name and its
    /// audit entry follow.
    pub language: Language,
}

/// When the reminder fires, before the all-day event's start (midnight of
/// `due`): at 09:00 on the last working day before `due`.
fn reminder_before(due: NaiveDate) -> Duration {
    let day_before = due.pred_opt().unwrap_or(due);
    let remind_on = last_working_day(day_before);
    Duration::days((due - remind_on).num_days()) - Duration::hours(9)
}

fn event(entry: &CalendarEntry, now: DateTime<Utc>, texts: &Catalogue) -> Event {
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
            .description(&texts.render("file.calendar.withdrawn", &[]));
    } else {
        // The library stamps alarms with a random UID and the clock; both
        // are replaced so that an export depends only on its input.
        let mut alarm = Alarm::display(
            &texts.render(
                "file.calendar.reminder",
                &[
                    ("summary", Arg::Text(entry.summary.clone())),
                    ("date", Arg::Date(entry.due)),
                ],
            ),
            Trigger::before_start(reminder_before(entry.due)),
        );
        alarm.uid(&format!("{}-alarm", entry.uid)).timestamp(now);
        event
            .status(EventStatus::Confirmed)
            .description(&texts.render("file.calendar.description", &[]))
            .alarm(alarm);
    }
    event.done()
}

/// Builds the calendar in `language` from deadline rows and what earlier
/// exports said. Open and overdue rows are events; an earlier event that is
/// no longer among them is withdrawn (under the summary it was sent with).
/// `now` stamps the events (DTSTAMP), passed in so that the core never
/// reads the clock.
pub fn calendar_export(
    rows: &[DeadlineRow],
    previous: &[CalendarEntry],
    now: DateTime<Utc>,
    language: Language,
) -> CalendarExport {
    let texts = catalogue(language);
    let earlier: HashMap<&str, &CalendarEntry> =
        previous.iter().map(|e| (e.uid.as_str(), e)).collect();
    let mut entries = Vec::new();
    let mut current = std::collections::HashSet::new();
    for row in rows
        .iter()
        .filter(|r| matches!(r.status, DeadlineStatus::Open | DeadlineStatus::Overdue))
    {
        let label = calendar_label(&row.kind, language);
        let summary = if row.case_reference.is_empty() {
            label
        } else {
            texts.render(
                "file.calendar.summary",
                &[
                    ("kind", Arg::Text(label)),
                    ("reference", Arg::Text(row.case_reference.clone())),
                ],
            )
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
    calendar.name(&texts.render("file.calendar.name", &[]));
    for entry in &entries {
        calendar.push(event(entry, now, texts));
    }
    CalendarExport {
        ics: calendar.done().to_string(),
        events,
        withdrawn,
        entries,
        language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::deadlines::DeadlineFilter;
    use chrono::TimeZone;

    fn demo_rows() -> Vec<DeadlineRow> {
        let today = NaiveDate::from_ymd_opt(2025, 6, 2).expect("a date");
        let mut store = crate::Store::open_in_memory().expect("a store");
        crate::demo::seed_demo(&mut store, today).expect("the demo register");
        store
            .deadline_list_rows(&DeadlineFilter::default(), today)
            .expect("the rows")
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 2, 8, 0, 0)
            .single()
            .expect("a time")
    }

    #[test]
    fn the_summaries_and_texts_follow_the_language() {
        let rows = demo_rows();
        let bokmal = calendar_export(&rows, &[], now(), Language::Bokmal);
        assert!(bokmal
            .entries
            .iter()
            .any(|e| e.summary.starts_with("Programstart – ")));
        assert!(bokmal.ics.contains("Introspor – frister"));
        let kinds: HashMap<String, &str> = rows.iter().map(|r| (uid(r), r.kind.as_str())).collect();
        for language in [Language::Nynorsk, Language::English] {
            let other = calendar_export(&rows, &[], now(), language);
            assert_eq!(other.entries.len(), bokmal.entries.len());
            let mut changed = 0;
            for (nb, entry) in bokmal.entries.iter().zip(&other.entries) {
                assert_eq!((&entry.uid, entry.due), (&nb.uid, nb.due));
                let kind = kinds[&entry.uid];
                let label = calendar_label(kind, language);
                assert!(
                    entry.summary.starts_with(&label),
                    "{}: {}",
                    language.tag(),
                    entry.summary
                );
                if label != calendar_label(kind, Language::Bokmal) {
                    assert_ne!(entry.summary, nb.summary, "{}", language.tag());
                    changed += 1;
                }
            }
            assert!(
                other
                    .ics
                    .contains(&catalogue(language).render("file.calendar.name", &[])),
                "{}",
                language.tag()
            );
            {
                assert!(
                    changed > 0,
                    "{}: some kinds have other names",
                    language.tag()
                );
                // The calendar's name, the reminders and the descriptions.
                for bokmal_only in ["Introspor – frister", "forfaller", "Se Introspor"] {
                    assert!(
                        !other.ics.contains(bokmal_only),
                        "{}: {bokmal_only}",
                        language.tag()
                    );
                }
            }
            // The neutral names hold in every language: no text the
            // caseworker's calendar shows tells of care leave or children.
            // (The UIDs hold the kinds' identifiers; a calendar never shows
            // them.)
            let shown: Vec<&str> = other
                .ics
                .lines()
                .filter(|line| !line.starts_with("UID:"))
                .collect();
            for word in [
                "omsorg",
                "Omsorg",
                "oreldre",
                "care leave",
                "Care leave",
                "arental",
                "child",
                "Child",
            ] {
                assert!(
                    shown.iter().all(|line| !line.contains(word)),
                    "{}: {word}",
                    language.tag()
                );
            }
        }
    }

    #[test]
    fn an_export_in_another_language_updates_the_events() {
        let rows = demo_rows();
        let first = calendar_export(&rows, &[], now(), Language::Bokmal);
        let again = calendar_export(&rows, &first.entries, now(), Language::Bokmal);
        assert_eq!(
            again.entries, first.entries,
            "the same file tells nothing new"
        );
        let english = calendar_export(&rows, &first.entries, now(), Language::English);
        assert_eq!(english.withdrawn, 0);
        // A withdrawal keeps the summary it withdraws and says why in the
        // language of the file.
        let open: Vec<DeadlineRow> = rows
            .iter()
            .filter(|r| matches!(r.status, DeadlineStatus::Open | DeadlineStatus::Overdue))
            .cloned()
            .collect();
        let gone = calendar_export(&open[1..], &first.entries, now(), Language::English);
        assert_eq!(gone.withdrawn, 1);
        let withdrawn = gone.entries.iter().find(|e| e.withdrawn).expect("one");
        assert_eq!(withdrawn.summary, first.entries[0].summary);
        {
            assert!(!gone.ics.contains("gjelder ikke"), "{}", gone.ics);
        }
        for (entry, before) in english.entries.iter().zip(&first.entries) {
            assert_eq!(entry.uid, before.uid);
            assert_eq!(
                entry.sequence,
                before.sequence + u32::from(entry.summary != before.summary),
                "a new summary is a change the calendar must take"
            );
        }
    }
}
