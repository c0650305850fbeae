//! The calendar export, read back with a real iCalendar parser.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, CalendarComponent, Component};
use introspor_app::commands::deadlines::{add_event, add_task};
use introspor_app::commands::export::{calendar_ics, write_file_atomically};
use introspor_app::commands::participants::create;
use introspor_core::domain::deadline_forms::{EventForm, TaskForm};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()
}

fn export(store: &Store) -> (String, usize) {
    calendar_ics(
        store,
        today(),
        Utc.with_ymd_and_hms(2025, 4, 1, 8, 0, 0).unwrap(),
    )
    .unwrap()
}

#[test]
fn the_ics_file_holds_the_open_deadlines_without_names() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(
        &mut store,
        &ParticipantForm {
            given_name: "Nadia".into(),
            family_name: "Prøvesen".into(),
            identity_number: "02013299997".into(),
            residence_permit_date: "01.10.2024".into(),
            settlement_date: "10.03.2025".into(),
            ..ParticipantForm::default()
        },
        today(),
    )
    .unwrap();
    add_event(
        &mut store,
        p.id,
        &EventForm {
            kind: "plan".into(),
            occurred: "20.03.2025".into(),
            ..EventForm::default()
        },
        today(),
    )
    .unwrap();
    add_task(
        &mut store,
        &TaskForm {
            title: "Ring Nadia Prøvesen".into(),
            due: "03.04.2025".into(),
            participant_id: Some(p.id),
            note: "Om tolk".into(),
        },
    )
    .unwrap();

    let (ics, count) = export(&store);
    for secret in ["Nadia", "Prøvesen", "02013299997", "020132"] {
        assert!(
            !ics.contains(secret),
            "the calendar must not contain {secret:?}"
        );
    }

    let calendar: Calendar = ics.parse().expect("a real parser reads the file");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), count, "one event per open deadline");
    // programme_start, competence_mapping, career_guidance, integration_plan,
    // imdi_registration, own task
    assert_eq!(count, 6);
    let summaries: Vec<String> = events
        .iter()
        .map(|e| e.get_summary().unwrap_or_default().to_string())
        .collect();
    assert!(
        summaries.contains(&format!("Programstart – NP-{}", p.id)),
        "summaries name the case reference: {summaries:?}"
    );
    assert!(summaries.contains(&format!("Egen oppgave – NP-{}", p.id)));
    assert!(summaries.contains(&format!("Karriereveiledning – NP-{}", p.id)));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20250610"),
        "deadlines are all-day events"
    );
    assert!(
        ics.contains("DTEND;VALUE=DATE:20250611"),
        "an all-day event ends the next day"
    );
    assert!(
        ics.contains("TRIGGER;RELATED=START:-PT86400S") || ics.contains("TRIGGER:-P1D"),
        "a reminder the day before"
    );
    let (same, _) = export(&store);
    assert_eq!(ics, same, "the same register exports the same file");

    let uids: Vec<String> = events
        .iter()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    let (again, _) = export(&store);
    let again: Calendar = again.parse().unwrap();
    let again_uids: Vec<String> = again
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e.get_uid().unwrap().to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        uids, again_uids,
        "UIDs are stable, so a re-import updates instead of duplicating"
    );
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "every event has its own UID");
}

#[test]
fn export_writes_the_whole_file_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frister.ics");
    write_file_atomically(&path, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("BEGIN:VCALENDAR"));
    let missing = dir.path().join("no-such-folder").join("frister.ics");
    let error = write_file_atomically(&missing, b"x").unwrap_err();
    assert_eq!(error.code, "export_failed");
    assert!(!missing.exists());
}
