//! The calendar export, read back with a real iCalendar parser.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, CalendarComponent, Component};
use introspor_app::commands::deadlines::{add_event, add_task, mark_done};
use introspor_app::commands::export::calendar_record;
use introspor_app::commands::export::{calendar_ics, write_file_atomically};
use introspor_app::commands::participants::create;
use introspor_core::domain::deadline_forms::{EventForm, TaskForm};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::export::calendar::CalendarExport;
use introspor_core::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()
}

fn export(store: &Store) -> (String, usize) {
    let export = calendar_ics(
        store,
        today(),
        Utc.with_ymd_and_hms(2025, 4, 1, 8, 0, 0).unwrap(),
    )
    .unwrap();
    (export.ics, export.events)
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
    // Programme start is due Tuesday 10.06.2025: the reminder fires at
    // 09:00 on Monday, 15 hours before the all-day event starts.
    assert!(
        ics.contains("TRIGGER;RELATED=START:-PT54000S") || ics.contains("TRIGGER:-PT15H"),
        "a reminder at 09:00 the working day before: {ics}"
    );
    assert!(
        ics.contains("TRANSP:TRANSPARENT"),
        "a deadline does not block the day"
    );
    assert!(
        !ics.contains("Hjemmel"),
        "the description tells nothing about the person"
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

/// A calendar client, as far as these files are concerned: it keeps each
/// event by UID, takes a version whose SEQUENCE is not lower than the one
/// it holds, and drops an event that comes back cancelled (RFC 5545
/// § 3.8.7.4, RFC 5546 § 2.1.4), with its reminder.
#[derive(Default)]
struct CalendarClient {
    events: std::collections::BTreeMap<String, (u32, String, String)>,
}

impl CalendarClient {
    fn import(&mut self, ics: &str) {
        let calendar: Calendar = ics.parse().expect("a real parser reads the file");
        for component in &calendar.components {
            let CalendarComponent::Event(event) = component else {
                continue;
            };
            let uid = event.get_uid().expect("every event has a UID").to_string();
            let sequence = event.get_sequence().unwrap_or(0);
            let status = event.property_value("STATUS").unwrap_or("").to_string();
            let summary = event.get_summary().unwrap_or_default().to_string();
            let held = self.events.get(&uid).map(|(s, _, _)| *s);
            if held.is_some_and(|held| sequence < held) {
                continue;
            }
            if status == "CANCELLED" {
                self.events.remove(&uid);
            } else {
                self.events.insert(uid, (sequence, status, summary));
            }
        }
    }
}

/// Two exports with a deadline marked done between them, as a caseworker
/// makes them (the first one recorded as written): the register, the
/// participant, the two exports and the done deadline's UID and summary.
struct TwoExports {
    store: Store,
    first: CalendarExport,
    second: CalendarExport,
    start_uid: String,
    start_summary: String,
}

fn two_exports_with_a_deadline_done_between() -> TwoExports {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(
        &mut store,
        &ParticipantForm {
            given_name: "Omar".into(),
            family_name: "Testesen".into(),
            residence_permit_date: "01.10.2024".into(),
            settlement_date: "10.03.2025".into(),
            has_or_expects_children: true,
            ..ParticipantForm::default()
        },
        today(),
    )
    .unwrap();
    let now = Utc.with_ymd_and_hms(2025, 4, 1, 8, 0, 0).unwrap();
    let first = calendar_ics(&store, today(), now).unwrap();
    store
        .log_calendar_export(&first.entries, &calendar_record(&first), "frister.ics")
        .unwrap();
    mark_done(
        &mut store,
        p.id,
        "programme_start",
        None,
        "01.04.2025",
        today(),
    )
    .unwrap();
    let later = Utc.with_ymd_and_hms(2025, 4, 2, 8, 0, 0).unwrap();
    let second = calendar_ics(&store, today(), later).unwrap();
    TwoExports {
        store,
        first,
        second,
        start_uid: format!("introspor-{}-programme_start-0@introspor.local", p.id),
        start_summary: format!("Programstart – OT-{}", p.id),
    }
}

#[test]
fn a_deadline_done_after_an_export_is_withdrawn_by_the_next() {
    let TwoExports {
        mut store,
        first,
        second,
        start_uid,
        ..
    } = two_exports_with_a_deadline_done_between();
    assert_eq!(first.withdrawn, 0);
    for secret in ["Omsorg", "omsorg", "Foreldre", "foreldre", "barn"] {
        assert!(
            !first.ics.contains(secret),
            "no fact about the person: {secret}"
        );
    }
    let mut client = CalendarClient::default();
    client.import(&first.ics);
    assert!(
        client.events.contains_key(&start_uid),
        "{:?}",
        client.events.keys()
    );

    assert!(second.withdrawn >= 1, "the done deadline is withdrawn");
    let withdrawn = second
        .entries
        .iter()
        .find(|e| e.uid == start_uid)
        .expect("the done deadline is still in the file");
    assert!(withdrawn.withdrawn);
    assert_eq!(withdrawn.sequence, 1, "withdrawing raises the sequence");
    client.import(&second.ics);
    assert!(
        !client.events.contains_key(&start_uid),
        "the first export's done deadline is gone from the calendar"
    );
    assert_eq!(
        client.events.len(),
        second.events,
        "the calendar holds exactly the open deadlines"
    );

    // A later export repeats the withdrawal (a file never imported is
    // caught up), with the same sequence.
    store
        .log_calendar_export(&second.entries, &calendar_record(&second), "frister.ics")
        .unwrap();
    let later = Utc.with_ymd_and_hms(2025, 4, 2, 8, 0, 0).unwrap();
    let third = calendar_ics(&store, today(), later).unwrap();
    let again = third.entries.iter().find(|e| e.uid == start_uid).unwrap();
    assert!(again.withdrawn);
    assert_eq!(again.sequence, 1);

    // The export is in the audit trail.
    let trail = store
        .audit_events(&introspor_core::store::audit::AuditFilter::default())
        .unwrap();
    let exports: Vec<_> = trail
        .iter()
        .filter(|e| e.entity_type == "exported_file")
        .collect();
    assert_eq!(exports.len(), 2);
    assert!(exports[1]
        .changes
        .iter()
        .any(|c| c.field == "export_kind" && c.to.as_deref() == Some("calendar")));
}

/// The two exports imported one after the other into khal, a real
/// calendar client (`pip install khal`; `make deps` installs it), which
/// keeps events by UID and SEQUENCE in a vdir as a caseworker's calendar
/// does: after the second import the done deadline is shown cancelled and
/// no other event is.
#[test]
fn a_real_calendar_client_shows_the_done_deadline_withdrawn() {
    let exports = two_exports_with_a_deadline_done_between();
    let (first, second, done) = (exports.first.ics, exports.second.ics, exports.start_summary);
    let dir = tempfile::tempdir().unwrap();
    let calendar = dir.path().join("frister");
    std::fs::create_dir_all(&calendar).unwrap();
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[frister]]\npath = {}\n[locale]\ntimeformat = %H:%M\n\
             dateformat = %d.%m.%Y\nlongdateformat = %d.%m.%Y\n\
             datetimeformat = %d.%m.%Y %H:%M\nlongdatetimeformat = %d.%m.%Y %H:%M\n\
             [default]\ndefault_calendar = frister\n[sqlite]\npath = {}\n",
            calendar.display(),
            dir.path().join("khal.db").display()
        ),
    )
    .unwrap();
    let khal = |args: &[&str]| -> String {
        let output = std::process::Command::new("khal")
            .arg("-c")
            .arg(&config)
            .args(args)
            .env("TZ", "Europe/Oslo")
            .output()
            .expect("khal is missing: run `make deps` (pip install khal)");
        assert!(
            output.status.success(),
            "khal {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let listed = |khal: &dyn Fn(&[&str]) -> String| {
        khal(&[
            "list",
            "--format",
            "{cancelled}|{title}",
            "01.04.2025",
            "400d",
        ])
    };
    for (name, ics) in [("first.ics", &first), ("second.ics", &second)] {
        let file = dir.path().join(name);
        std::fs::write(&file, ics).unwrap();
        khal(&["import", "--batch", file.to_str().unwrap()]);
        if name == "first.ics" {
            let before = listed(&khal);
            assert!(
                before
                    .lines()
                    .any(|l| l.ends_with(&format!("|{done}")) && !l.starts_with("CANCELLED")),
                "after the first import the deadline is in the calendar:\n{before}"
            );
        }
    }
    let after = listed(&khal);
    let lines: Vec<&str> = after.lines().filter(|l| l.contains('|')).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("CANCELLED") && l.ends_with(&format!("|{done}"))),
        "the done deadline is withdrawn in the client:\n{after}"
    );
    assert!(
        lines
            .iter()
            .filter(|l| !l.ends_with(&format!("|{done}")))
            .all(|l| !l.starts_with("CANCELLED")),
        "only the done deadline is withdrawn:\n{after}"
    );
}
