//! Integration tests of the audit trail, through the commands the window
//! calls: every kind of change writes exactly the expected entries, masked;
//! a refused change writes none; the chain detects tampering; the triggers
//! refuse to change or remove entries; and the CSV export holds the trail.

use chrono::NaiveDate;
use introspor_app::commands::audit::{csv_export, history, parse_period, verify};
use introspor_app::commands::deadlines::{
    add_event, add_task, delete_event, delete_leave, mark_done, save_leave, save_settings,
    set_task_done,
};
use introspor_app::commands::meetings::save as save_meeting;
use introspor_app::commands::participants::{create, set_archived, update};
use introspor_app::commands::teams::{add_member, end_membership, save_contact, save_organisation};
use introspor_core::domain::audit::{
    entry_hash, EntryContent, FieldChange, GENESIS_HASH, SENSITIVE_MARK,
};
use introspor_core::domain::deadline_forms::{EventForm, LeaveForm, TaskForm};
use introspor_core::domain::meeting::{
    parse_sharing, ActionItemForm, AgendaItemForm, AttendanceForm, MeetingForm,
};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::domain::team::{ContactForm, MembershipForm, OrganisationForm};
use introspor_core::store::audit::{AuditEvent, AuditFilter, AuditProblem, AuditVerification};
use introspor_core::Store;
use std::collections::BTreeMap;

const NUMBER: &str = "02013299997";
const SECRET_NOTE: &str = "Helseopplysning: søvnvansker";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn form() -> ParticipantForm {
    ParticipantForm {
        given_name: "Nadia".into(),
        family_name: "Prøvesen".into(),
        identity_number: NUMBER.into(),
        settlement_date: "10.03.2026".into(),
        notes: SECRET_NOTE.into(),
        ..ParticipantForm::default()
    }
}

fn trail(store: &Store) -> Vec<AuditEvent> {
    store.audit_events(&AuditFilter::default()).unwrap()
}

/// The entries written since the trail had `before` entries.
fn since(store: &Store, before: usize) -> Vec<AuditEvent> {
    trail(store).into_iter().skip(before).collect()
}

fn summary(events: &[AuditEvent]) -> Vec<(String, Option<i64>, String)> {
    events
        .iter()
        .map(|e| (e.entity_type.clone(), e.participant_id, e.action.clone()))
        .collect()
}

fn row(entity: &str, participant: Option<i64>, action: &str) -> (String, Option<i64>, String) {
    (entity.to_string(), participant, action.to_string())
}

fn fields(event: &AuditEvent) -> Vec<&str> {
    event.changes.iter().map(|c| c.field.as_str()).collect()
}

fn change<'a>(event: &'a AuditEvent, field: &str) -> Option<&'a FieldChange> {
    event.changes.iter().find(|c| c.field == field)
}

fn assert_no_secrets(events: &[AuditEvent]) {
    for event in events {
        let text = format!("{:?}", event.changes);
        for secret in [NUMBER, "99997", "søvnvansker", "Sykmeldt"] {
            assert!(
                !text.contains(secret),
                "entry {} must not contain {secret:?}: {text}",
                event.id
            );
        }
    }
}

#[test]
fn creating_and_editing_a_participant_records_masked_changes_and_the_override_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    let created = trail(&store);
    assert_eq!(
        summary(&created),
        [row("participant", Some(p.id), "create")],
        "creating a participant writes exactly one entry"
    );
    let entry = &created[0];
    assert_eq!(entry.entity_id, Some(p.id));
    assert_eq!(
        change(entry, "identity_number"),
        Some(&FieldChange::new(
            "identity_number",
            None,
            Some("020132 *****")
        )),
        "the identity number is recorded masked"
    );
    assert_eq!(
        change(entry, "notes"),
        Some(&FieldChange::new("notes", None, Some(SENSITIVE_MARK))),
        "notes are recorded only as changed"
    );
    for derived in ["search_text", "sort_key", "updated_at", "created_at", "id"] {
        assert!(
            change(entry, derived).is_none(),
            "the derived column {derived} is left out"
        );
    }
    assert_eq!(entry.reason, "", "no reason was asked for");

    let mut edited = form();
    edited.family_name = "Prøvesen-Ås".into();
    edited.notes = "Ny helseopplysning".into();
    edited.law_override = "introduksjonsloven".into();
    edited.law_override_reason = "Vedtak fattet etter gammel lov".into();
    update(&mut store, p.id, &edited, today()).unwrap();
    let updated = since(&store, 1);
    assert_eq!(
        summary(&updated),
        [row("participant", Some(p.id), "update")]
    );
    assert_eq!(
        fields(&updated[0]),
        ["family_name", "law_override", "notes"],
        "only the fields that changed are listed, in column order"
    );
    assert_eq!(
        change(&updated[0], "family_name"),
        Some(&FieldChange::new(
            "family_name",
            Some("Prøvesen"),
            Some("Prøvesen-Ås")
        ))
    );
    assert_eq!(
        updated[0].reason, "Vedtak fattet etter gammel lov",
        "the override's written reason is recorded with the change"
    );

    // Saving the same form again changes nothing and records nothing.
    update(&mut store, p.id, &edited, today()).unwrap();
    assert_eq!(trail(&store).len(), 2, "an unchanged save records nothing");

    set_archived(&mut store, p.id, true).unwrap();
    set_archived(&mut store, p.id, false).unwrap();
    let archive = since(&store, 2);
    assert_eq!(
        summary(&archive),
        [
            row("participant", Some(p.id), "archive"),
            row("participant", Some(p.id), "restore")
        ]
    );
    assert_eq!(fields(&archive[0]), ["archived_at"]);
    assert!(
        archive[0].changes[0].to.is_some() && archive[1].changes[0].to.is_none(),
        "archiving sets archived_at and restoring clears it"
    );
    assert_no_secrets(&trail(&store));
}

#[test]
fn a_refused_change_records_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    let before = trail(&store).len();

    let mut twin = form();
    twin.given_name = "Tvilling".into();
    assert!(
        create(&mut store, &twin, today()).is_err(),
        "a duplicate identity number is refused"
    );
    let mut invalid = form();
    invalid.given_name = String::new();
    assert!(update(&mut store, p.id, &invalid, today()).is_err());
    assert!(set_task_done(&mut store, 9999, "01.11.2026", today()).is_err());
    assert!(store.delete_task(9999).is_err());
    assert!(store.archive_contact(9999).is_err());
    assert!(store.set_organisation_deleted(9999, true).is_err());
    assert!(mark_done(
        &mut store,
        p.id,
        "programme_start",
        None,
        "01.12.2026",
        today()
    )
    .is_err());
    assert!(
        save_meeting(
            &mut store,
            None,
            &MeetingForm {
                kind: "team".into(),
                date: "20.11.2026".into(),
                participants: vec![AttendanceForm {
                    id: 9999,
                    present: true
                }],
                ..MeetingForm::default()
            }
        )
        .is_err(),
        "a meeting about an unknown participant is refused"
    );
    assert_eq!(
        trail(&store).len(),
        before,
        "refused changes must not leave entries in the trail"
    );
    assert!(matches!(
        store.verify_audit_trail().unwrap(),
        AuditVerification::Intact { rows: 1, .. }
    ));
}

#[test]
fn deadlines_events_leaves_and_tasks_are_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap().id;
    let start = trail(&store).len();

    mark_done(
        &mut store,
        p,
        "programme_start",
        None,
        "01.11.2026",
        today(),
    )
    .unwrap();
    mark_done(&mut store, p, "programme_start", None, "", today()).unwrap();
    let marks = since(&store, start);
    assert_eq!(
        summary(&marks),
        [
            row("participant", Some(p), "complete"),
            row("participant", Some(p), "reopen")
        ],
        "marking a deadline done and undoing it are recorded on the participant"
    );
    assert_eq!(
        marks[0].changes,
        [FieldChange::new(
            "programme_start_date",
            None,
            Some("2026-11-01")
        )]
    );
    assert_eq!(
        marks[1].changes,
        [FieldChange::new(
            "programme_start_date",
            Some("2026-11-01"),
            None
        )]
    );

    let start = trail(&store).len();
    let timeline = add_event(
        &mut store,
        p,
        &EventForm {
            kind: "plan".into(),
            occurred: "05.11.2026".into(),
            note: SECRET_NOTE.into(),
            ..EventForm::default()
        },
        today(),
    )
    .unwrap();
    let event_id = timeline.events[0].id;
    mark_done(
        &mut store,
        p,
        "imdi_registration",
        Some(event_id),
        "10.11.2026",
        today(),
    )
    .unwrap();
    delete_event(&mut store, p, event_id, today()).unwrap();
    let events = since(&store, start);
    assert_eq!(
        summary(&events),
        [
            row("registrable_event", Some(p), "create"),
            row("registrable_event", Some(p), "complete"),
            row("registrable_event", Some(p), "delete"),
        ]
    );
    assert_eq!(
        change(&events[0], "note"),
        Some(&FieldChange::new("note", None, Some(SENSITIVE_MARK))),
        "an event's note is recorded only as changed"
    );
    assert_eq!(
        events[1].changes,
        [FieldChange::new("registered", None, Some("2026-11-10"))]
    );

    let start = trail(&store).len();
    let leave = |end: &str| LeaveForm {
        kind: "care".into(),
        start: "01.09.2026".into(),
        end: end.into(),
        approved: true,
        ..LeaveForm::default()
    };
    let timeline = save_leave(&mut store, p, None, &leave(""), today()).unwrap();
    let leave_id = timeline.leaves[0].id;
    save_leave(&mut store, p, Some(leave_id), &leave("30.10.2026"), today()).unwrap();
    delete_leave(&mut store, p, leave_id, today()).unwrap();
    let leaves = since(&store, start);
    assert_eq!(
        summary(&leaves),
        [
            row("leave", Some(p), "create"),
            row("leave", Some(p), "update"),
            row("leave", Some(p), "delete"),
        ]
    );
    assert_eq!(
        leaves[1].changes,
        [FieldChange::new("end_date", None, Some("2026-10-30"))]
    );

    let start = trail(&store).len();
    let task = add_task(
        &mut store,
        &TaskForm {
            title: "Ring NAV".into(),
            due: "01.12.2026".into(),
            participant_id: Some(p),
            note: SECRET_NOTE.into(),
        },
    )
    .unwrap();
    set_task_done(&mut store, task, "20.11.2026", today()).unwrap();
    set_task_done(&mut store, task, "", today()).unwrap();
    store.delete_task(task).unwrap();
    let general = add_task(
        &mut store,
        &TaskForm {
            title: "Rydde arkivet".into(),
            due: "01.12.2026".into(),
            ..TaskForm::default()
        },
    )
    .unwrap();
    let tasks = since(&store, start);
    assert_eq!(
        summary(&tasks),
        [
            row("task", Some(p), "create"),
            row("task", Some(p), "complete"),
            row("task", Some(p), "reopen"),
            row("task", Some(p), "delete"),
            row("task", None, "create"),
        ],
        "a task without a participant is recorded without one"
    );
    assert_eq!(tasks[4].entity_id, Some(general));
    assert_eq!(
        fields(&tasks[0]),
        ["participant_id", "title", "due", "note"]
    );
    assert_eq!(
        change(&tasks[3], "note"),
        Some(&FieldChange::new("note", None, Some(SENSITIVE_MARK))),
        "a deleted task's note is not copied either"
    );
    assert_no_secrets(&trail(&store));
}

#[test]
fn settings_changes_record_only_the_changed_rule() {
    let mut store = Store::open_in_memory().unwrap();
    let mut values = BTreeMap::new();
    values.insert("plan_review_months".to_string(), "12".to_string());
    save_settings(&mut store, &values, today()).unwrap();
    let entries = trail(&store);
    assert_eq!(summary(&entries), [row("rule_settings", None, "update")]);
    assert_eq!(
        entries[0].changes,
        [FieldChange::new(
            "plan_review_months",
            Some("6"),
            Some("12")
        )]
    );
}

struct Directory {
    store: Store,
    participant: i64,
    nav_office: i64,
    nav: i64,
    service: i64,
}

fn directory() -> Directory {
    let mut store = Store::open_in_memory().unwrap();
    let participant = create(&mut store, &form(), today()).unwrap().id;
    let nav_office = save_organisation(
        &mut store,
        None,
        &OrganisationForm {
            name: "NAV Fjordvik".into(),
            kind: "nav_office".into(),
        },
    )
    .unwrap();
    let refugee = save_organisation(
        &mut store,
        None,
        &OrganisationForm {
            name: "Flyktningtjenesten".into(),
            kind: "refugee_service".into(),
        },
    )
    .unwrap();
    let contact = |store: &mut Store, name: &str, organisation| {
        save_contact(
            store,
            None,
            &ContactForm {
                name: name.into(),
                organisation_id: Some(organisation),
                notes: "Privat: foretrekker e-post".into(),
                ..ContactForm::default()
            },
        )
        .unwrap()
        .id
    };
    let nav = contact(&mut store, "Nora Navesen", nav_office);
    let service = contact(&mut store, "Kari Saksbehandler", refugee);
    Directory {
        store,
        participant,
        nav_office,
        nav,
        service,
    }
}

#[test]
fn organisations_contacts_and_team_memberships_are_recorded() {
    let mut d = directory();
    let entries = trail(&d.store);
    assert_eq!(
        summary(&entries[1..]),
        [
            row("organisation", None, "create"),
            row("organisation", None, "create"),
            row("contact", None, "create"),
            row("contact", None, "create"),
        ]
    );
    assert_eq!(
        change(&entries[3], "notes"),
        Some(&FieldChange::new("notes", None, Some(SENSITIVE_MARK))),
        "a contact's notes are recorded only as changed"
    );
    assert!(change(&entries[3], "sort_key").is_none());

    let start = trail(&d.store).len();
    save_organisation(
        &mut d.store,
        Some(d.nav_office),
        &OrganisationForm {
            name: "NAV Fjordvik og Omegn".into(),
            kind: "nav_office".into(),
        },
    )
    .unwrap();
    d.store
        .set_organisation_deleted(d.nav_office, true)
        .unwrap();
    d.store
        .set_organisation_deleted(d.nav_office, false)
        .unwrap();
    d.store.archive_contact(d.nav).unwrap();
    let directory = since(&d.store, start);
    assert_eq!(
        summary(&directory),
        [
            row("organisation", None, "update"),
            row("organisation", None, "delete"),
            row("organisation", None, "restore"),
            row("contact", None, "archive"),
        ]
    );
    assert_eq!(
        directory[0].changes,
        [FieldChange::new(
            "name",
            Some("NAV Fjordvik"),
            Some("NAV Fjordvik og Omegn")
        )]
    );

    let p = d.participant;
    let member = |contact, joined: &str| MembershipForm {
        contact_id: Some(contact),
        role: "fixed_contact".into(),
        joined_on: joined.into(),
    };
    let start = trail(&d.store).len();
    add_member(&mut d.store, p, &member(d.service, "01.10.2026"), today()).unwrap();
    let team = add_member(&mut d.store, p, &member(d.nav, "01.11.2026"), today()).unwrap();
    let current = team.members.iter().find(|m| m.left_on.is_empty()).unwrap();
    end_membership(&mut d.store, p, current.id, "20.11.2026", today()).unwrap();
    let memberships = since(&d.store, start);
    assert_eq!(
        summary(&memberships),
        [
            row("team_membership", Some(p), "create"),
            row("team_membership", Some(p), "update"),
            row("team_membership", Some(p), "create"),
            row("team_membership", Some(p), "update"),
        ],
        "a new fixed contact ends the previous membership and both are recorded"
    );
    assert_eq!(
        memberships[1].changes,
        [FieldChange::new("left_on", None, Some("2026-11-01"))]
    );
    assert_no_secrets(&trail(&d.store));
}

fn meeting_form(d: &Directory, notes: &str) -> MeetingForm {
    MeetingForm {
        kind: "triangle".into(),
        date: "20.11.2026".into(),
        place: "Rådhuset".into(),
        participants: vec![AttendanceForm {
            id: d.participant,
            present: true,
        }],
        attendees: vec![
            AttendanceForm {
                id: d.service,
                present: true,
            },
            AttendanceForm {
                id: d.nav,
                present: true,
            },
        ],
        agenda: vec![
            AgendaItemForm {
                title: "Språk".into(),
                notes: "Går bra.".into(),
                ..AgendaItemForm::default()
            },
            AgendaItemForm {
                title: "Helse".into(),
                notes: notes.into(),
                sensitive: true,
                ..AgendaItemForm::default()
            },
        ],
        actions: vec![ActionItemForm {
            what: "Søke praksisplass".into(),
            responsible: "Nora Navesen".into(),
            due: "15.12.2026".into(),
            ..ActionItemForm::default()
        }],
        ..MeetingForm::default()
    }
}

#[test]
fn meetings_their_action_items_and_minutes_exports_are_recorded() {
    let mut d = directory();
    let p = d.participant;
    let start = trail(&d.store).len();
    let first = meeting_form(&d, "Sykmeldt i to uker.");
    let saved = save_meeting(&mut d.store, None, &first).unwrap();
    let id = saved.id.unwrap();
    let created = since(&d.store, start);
    assert_eq!(
        summary(&created),
        [
            row("task", Some(p), "create"),
            row("meeting", Some(p), "create")
        ],
        "the action item's task and the meeting are both recorded"
    );
    let meeting = &created[1];
    assert_eq!(meeting.entity_id, Some(id));
    assert_eq!(
        change(meeting, "agenda[2].notes"),
        Some(&FieldChange::new(
            "agenda[2].notes",
            None,
            Some(SENSITIVE_MARK)
        )),
        "a sensitive agenda item's notes are recorded only as changed"
    );
    assert_eq!(
        change(meeting, "agenda[1].notes"),
        Some(&FieldChange::new("agenda[1].notes", None, Some("Går bra.")))
    );
    assert_eq!(
        change(meeting, "participants"),
        Some(&FieldChange::new(
            "participants",
            None,
            Some(&p.to_string())
        ))
    );
    assert!(change(meeting, "created_at").is_none());

    let start = trail(&d.store).len();
    let mut form = meeting_form(&d, "Sykmeldt i tre uker.");
    form.place = "Biblioteket".into();
    form.actions[0].id = saved.actions[0].id;
    save_meeting(&mut d.store, Some(id), &form).unwrap();
    let updated = since(&d.store, start);
    assert_eq!(summary(&updated), [row("meeting", Some(p), "update")]);
    assert_eq!(fields(&updated[0]), ["place", "agenda[2].notes"]);

    let start = trail(&d.store).len();
    d.store.complete_meeting(id, today()).unwrap();
    d.store
        .log_sharing(
            id,
            NaiveDate::from_ymd_opt(2026, 11, 22)
                .unwrap()
                .and_hms_opt(10, 5, 0)
                .unwrap(),
            parse_sharing("nav", "integreringsloven_41").unwrap(),
            "Referat trekantmøte 2026-11-20 – NAV.pdf",
        )
        .unwrap();
    d.store
        .reopen_meeting(
            id,
            "Feil dato i referatet",
            NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        )
        .unwrap();
    d.store.delete_meeting(id).unwrap();
    let rest = since(&d.store, start);
    assert_eq!(
        summary(&rest),
        [
            row("meeting", Some(p), "complete"),
            row("meeting", Some(p), "export"),
            row("meeting", Some(p), "reopen"),
            row("task", Some(p), "delete"),
            row("meeting", Some(p), "delete"),
        ]
    );
    assert_eq!(
        rest[1].changes,
        [
            FieldChange::new("exported_at", None, Some("2026-11-22 10:05:00")),
            FieldChange::new("recipient", None, Some("nav")),
            FieldChange::new("legal_basis", None, Some("integreringsloven_41")),
            FieldChange::new(
                "file_name",
                None,
                Some("Referat trekantmøte 2026-11-20 – NAV.pdf")
            ),
            FieldChange::new("minutes_version", None, Some("1")),
        ],
        "a minutes export records recipient, legal basis, file name and version"
    );
    assert_eq!(
        rest[2].reason, "Feil dato i referatet",
        "a reopening records its reason"
    );
    assert_eq!(
        change(&rest[4], "agenda[2].notes"),
        Some(&FieldChange::new(
            "agenda[2].notes",
            None,
            Some(SENSITIVE_MARK)
        )),
        "a deleted meeting's sensitive notes are not copied either"
    );
    assert_no_secrets(&trail(&d.store));
    assert!(matches!(
        d.store.verify_audit_trail().unwrap(),
        AuditVerification::Intact { .. }
    ));
}

#[test]
fn the_entries_form_a_chain_from_the_genesis_value() {
    let mut d = directory();
    let p = d.participant;
    add_task(
        &mut d.store,
        &TaskForm {
            title: "Ring".into(),
            due: "01.12.2026".into(),
            participant_id: Some(p),
            ..TaskForm::default()
        },
    )
    .unwrap();
    let entries = trail(&d.store);
    assert_eq!(
        entries[0].prev_hash, GENESIS_HASH,
        "the first entry chains from genesis"
    );
    for pair in entries.windows(2) {
        assert_eq!(
            pair[1].prev_hash, pair[0].hash,
            "entry {} must point to the hash of entry {}",
            pair[1].id, pair[0].id
        );
        assert_eq!(pair[1].id, pair[0].id + 1, "ids follow each other");
    }
    let result = verify(&d.store).unwrap();
    assert!(result.intact, "an untouched trail is intact: {result:?}");
    assert_eq!(result.rows, entries.len() as i64);
    assert_eq!(result.last_hash, entries.last().unwrap().hash);
}

#[test]
fn a_participants_history_is_newest_first_and_only_theirs() {
    let mut d = directory();
    let p = d.participant;
    let other = create(
        &mut d.store,
        &ParticipantForm {
            given_name: "Omar".into(),
            family_name: "Annensen".into(),
            ..ParticipantForm::default()
        },
        today(),
    )
    .unwrap()
    .id;
    let mut edited = form();
    edited.phone = "+47 900 00 000".into();
    edited.settlement_date = "11.03.2026".into();
    update(&mut d.store, p, &edited, today()).unwrap();
    let shown = history(&d.store, p, &chrono::Utc).unwrap();
    assert_eq!(
        shown
            .iter()
            .map(|e| (e.entity_type.as_str(), e.action.as_str()))
            .collect::<Vec<_>>(),
        [("participant", "update"), ("participant", "create")],
        "the history holds only this participant's entries, newest first"
    );
    assert!(shown.iter().all(|e| e.participant_id == Some(p)));
    let newest = &shown[0];
    let settlement = newest
        .changes
        .iter()
        .find(|c| c.field == "settlement_date")
        .unwrap();
    assert_eq!(
        (settlement.from.as_str(), settlement.to.as_str()),
        ("10.03.2026", "11.03.2026"),
        "dates are shown as dd.mm.åååå"
    );
    assert!(
        shown[1]
            .changes
            .iter()
            .any(|c| c.field == "identity_number" && c.to == "020132 *****"),
        "the history shows the number masked"
    );
    assert_eq!(history(&d.store, other, &chrono::Utc).unwrap().len(), 1);
    assert!(
        history(&d.store, 9999, &chrono::Utc).is_err(),
        "an unknown participant has no history to show"
    );
}

/// One change of a history, found by the entry's entity and action and
/// the field's name.
fn shown_change<'a>(
    shown: &'a [introspor_app::transport::audit::AuditEntryDto],
    entity: &str,
    action: &str,
    field: &str,
) -> &'a introspor_app::transport::audit::AuditChangeDto {
    shown
        .iter()
        .filter(|e| e.entity_type == entity && e.action == action)
        .flat_map(|e| e.changes.iter())
        .find(|c| c.field == field)
        .unwrap_or_else(|| panic!("{entity} {action} should show {field}"))
}

#[test]
fn a_participants_history_names_what_its_ids_refer_to() {
    let mut d = directory();
    let p = d.participant;
    add_member(
        &mut d.store,
        p,
        &MembershipForm {
            contact_id: Some(d.service),
            role: "fixed_contact".into(),
            joined_on: "01.10.2026".into(),
        },
        today(),
    )
    .unwrap();
    let mut form = meeting_form(&d, "Sykmeldt.");
    form.convened_by = Some(d.service);
    form.start_time = "09:00".into();
    form.interpreter_needed = true;
    let id = save_meeting(&mut d.store, None, &form).unwrap().id.unwrap();
    d.store.complete_meeting(id, today()).unwrap();
    d.store
        .log_sharing(
            id,
            today().and_hms_opt(10, 5, 0).unwrap(),
            parse_sharing("nav", "integreringsloven_41").unwrap(),
            "Referat.pdf",
        )
        .unwrap();
    let shown = history(&d.store, p, &chrono::Utc).unwrap();

    // (entity, action, field, kind, choice, value after, its words)
    type Expected<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
    );
    let cases: &[Expected] = &[
        (
            "meeting",
            "create",
            "convened_by",
            "reference",
            None,
            &d.service.to_string(),
            Some("Kari Saksbehandler"),
        ),
        (
            "meeting",
            "create",
            "attendees",
            "references",
            None,
            &format!("{}, {}", d.service, d.nav),
            Some("Kari Saksbehandler, Nora Navesen"),
        ),
        (
            "meeting",
            "create",
            "participants",
            "references",
            None,
            &p.to_string(),
            Some("Nadia Prøvesen"),
        ),
        (
            "meeting",
            "create",
            "start_time",
            "time",
            None,
            "09:00",
            None,
        ),
        (
            "meeting",
            "create",
            "date",
            "date",
            None,
            "20.11.2026",
            None,
        ),
        (
            "meeting",
            "create",
            "kind",
            "choice",
            Some("meetingKind"),
            "triangle",
            None,
        ),
        (
            "meeting",
            "create",
            "interpreter_needed",
            "yes_no",
            None,
            "1",
            None,
        ),
        (
            "meeting",
            "create",
            "agenda[1].title",
            "text",
            None,
            "Språk",
            None,
        ),
        (
            "meeting",
            "export",
            "recipient",
            "choice",
            Some("recipient"),
            "nav",
            None,
        ),
        (
            "meeting",
            "export",
            "legal_basis",
            "choice",
            Some("legalBasis"),
            "integreringsloven_41",
            None,
        ),
        (
            "team_membership",
            "create",
            "contact_id",
            "reference",
            None,
            &d.service.to_string(),
            Some("Kari Saksbehandler"),
        ),
        (
            "team_membership",
            "create",
            "role",
            "choice",
            Some("role"),
            "fixed_contact",
            None,
        ),
        (
            "participant",
            "create",
            "settlement_date",
            "date",
            None,
            "10.03.2026",
            None,
        ),
    ];
    for (entity, action, field, kind, choice, to, to_text) in cases {
        let c = shown_change(&shown, entity, action, field);
        assert_eq!(
            (c.kind, c.choice, c.to.as_str(), c.to_text.as_deref()),
            (*kind, *choice, *to, *to_text),
            "{entity} {action} {field}"
        );
        assert_eq!(
            c.from_text, None,
            "{entity} {action} {field}: nothing before"
        );
    }
}

#[test]
fn a_referenced_record_that_is_gone_is_named_deleted() {
    let (_folder, path, store, p) = file_store();
    // An entry naming a contact that no register row holds, as a trail
    // kept from before a record was removed would.
    let raw = raw_connection(&path);
    raw.execute(
        "INSERT INTO audit_event (id, at, entity_type, entity_id, participant_id, action, \
         changes, reason, prev_hash, hash) \
         SELECT max(id) + 1, '2026-11-22T10:00:00Z', 'meeting', 77, ?1, 'update', \
         '[{\"field\":\"convened_by\",\"from\":\"4242\",\"to\":\"4243\"}]', '', '', '' \
         FROM audit_event",
        [p],
    )
    .unwrap();
    drop(raw);
    let shown = history(&store, p, &chrono::Utc).unwrap();
    let c = shown_change(&shown, "meeting", "update", "convened_by");
    assert_eq!(
        (c.from_text.as_deref(), c.to_text.as_deref()),
        (Some("(slettet)"), Some("(slettet)")),
        "an id whose record is gone should be named as deleted, never shown bare"
    );
}

/// The key of the file store below.
fn file_key() -> introspor_core::store::key::DatabaseKey {
    introspor_core::store::key::DatabaseKey::from_bytes([0x11; 32])
}

/// A raw connection to the encrypted file, with the key, as someone holding
/// both the file and the key could open it.
fn raw_connection(path: &std::path::Path) -> rusqlite::Connection {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", file_key().to_hex()))
        .unwrap();
    raw
}

/// A store in a file, so that a second, raw connection can reach behind
/// the application's back, as someone with the file could.
fn file_store() -> (tempfile::TempDir, std::path::PathBuf, Store, i64) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("introspor.sqlite3");
    let mut store = Store::open(&path, file_key()).unwrap();
    let p = create(&mut store, &form(), today()).unwrap().id;
    for (n, phone) in ["900 00 001", "900 00 002", "900 00 003", "900 00 004"]
        .iter()
        .enumerate()
    {
        let mut edited = form();
        edited.phone = phone.to_string();
        edited.address = format!("Storgata {n}");
        update(&mut store, p, &edited, today()).unwrap();
    }
    (folder, path, store, p)
}

#[test]
fn the_database_refuses_to_change_or_remove_an_entry() {
    let (_folder, path, store, _) = file_store();
    let raw = raw_connection(&path);
    for sql in [
        "UPDATE audit_event SET reason = 'skjult' WHERE id = 2",
        "DELETE FROM audit_event WHERE id = 2",
        "DELETE FROM audit_event",
    ] {
        let error = raw
            .execute(sql, [])
            .expect_err("the trigger must refuse the statement");
        assert!(
            error.to_string().contains("append-only"),
            "{sql} should be refused as append-only, got {error}"
        );
    }
    assert!(matches!(
        store.verify_audit_trail().unwrap(),
        AuditVerification::Intact { rows: 5, .. }
    ));
}

#[test]
fn an_entry_edited_behind_the_apps_back_is_found_at_that_entry() {
    let (_folder, path, store, _) = file_store();
    let raw = raw_connection(&path);
    raw.execute_batch("DROP TRIGGER audit_event_no_update")
        .unwrap();
    raw.execute(
        "UPDATE audit_event SET changes = replace(changes, '900 00 002', '900 99 999') WHERE id = 3",
        [],
    )
    .unwrap();
    assert_eq!(
        store.verify_audit_trail().unwrap(),
        AuditVerification::Broken {
            row_id: 3,
            problem: AuditProblem::ContentHashMismatch,
            rows_intact: 2,
        },
        "the edited entry's content no longer gives its hash"
    );
    let result = verify(&store).unwrap();
    assert!(!result.intact);
    assert_eq!(result.row_id, Some(3));
    assert_eq!(result.problem, "content_hash_mismatch");
    assert!(!result.message.is_empty(), "the check explains the break");
}

#[test]
fn an_entry_edited_and_rehashed_behind_the_apps_back_breaks_the_next_link() {
    let (_folder, path, store, _) = file_store();
    let raw = raw_connection(&path);
    raw.execute_batch("DROP TRIGGER audit_event_no_update")
        .unwrap();
    // Someone who knows the canonical form edits entry 2 and gives it a
    // matching hash; entry 3 still points to the old hash.
    let (at, entity_type, entity_id, participant_id, action, changes, reason, prev): (
        String,
        String,
        Option<i64>,
        Option<i64>,
        String,
        String,
        String,
        String,
    ) = raw
        .query_row(
            "SELECT at, entity_type, entity_id, participant_id, action, changes, reason, prev_hash \
             FROM audit_event WHERE id = 2",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )
        .unwrap();
    let forged = changes.replace("900 00 001", "900 99 999");
    assert_ne!(forged, changes, "the forgery changes something");
    let hash = entry_hash(&EntryContent {
        id: 2,
        at: &at,
        entity_type: &entity_type,
        entity_id,
        participant_id,
        action: &action,
        changes: &forged,
        reason: &reason,
        prev_hash: &prev,
    });
    raw.execute(
        "UPDATE audit_event SET changes = ?1, hash = ?2 WHERE id = 2",
        rusqlite::params![forged, hash],
    )
    .unwrap();
    assert_eq!(
        store.verify_audit_trail().unwrap(),
        AuditVerification::Broken {
            row_id: 3,
            problem: AuditProblem::PrevHashMismatch,
            rows_intact: 2,
        },
        "a rehashed entry is caught at the entry after it"
    );
}

#[test]
fn a_removed_middle_entry_is_found_at_the_entry_after_it() {
    let (_folder, path, store, _) = file_store();
    let raw = raw_connection(&path);
    raw.execute_batch("DROP TRIGGER audit_event_no_delete")
        .unwrap();
    raw.execute("DELETE FROM audit_event WHERE id = 3", [])
        .unwrap();
    assert_eq!(
        store.verify_audit_trail().unwrap(),
        AuditVerification::Broken {
            row_id: 4,
            problem: AuditProblem::PrevHashMismatch,
            rows_intact: 2,
        },
        "the entry after the removed one no longer points to its predecessor"
    );
    assert_eq!(verify(&store).unwrap().problem, "prev_hash_mismatch");
}

#[test]
fn the_csv_export_holds_the_period_masked_and_quoted() {
    let mut d = directory();
    let p = d.participant;
    let mut edited = form();
    edited.address = "Storgata 1; 2. etasji \"bak\"".into();
    edited.phone = "+47 900 00 000".into();
    update(&mut d.store, p, &edited, today()).unwrap();

    let (csv, entries) = csv_export(&d.store, None, None, Some(p), &chrono::Utc).unwrap();
    assert_eq!(entries, 2, "the participant's creation and edit");
    assert!(csv.starts_with('\u{FEFF}'), "the file starts with a BOM");
    let lines: Vec<&str> = csv[3..].split("\r\n").collect();
    assert_eq!(
        lines[0],
        "tidspunkt;type;id;deltaker-id;handling;felt;fra;til;begrunnelse;hash"
    );
    let find = |field: &str| {
        lines
            .iter()
            .find(|l| l.contains(&format!(";{field};")))
            .copied()
            .unwrap_or_else(|| panic!("a line for {field} in {csv}"))
    };
    let address = find("address");
    assert!(
        address.contains(";deltaker;") && address.contains(";endret;"),
        "type and action are written in Norwegian: {address}"
    );
    assert!(
        address.contains(";;\"Storgata 1; 2. etasji \"\"bak\"\"\";"),
        "a value with the separator and quotes is quoted: {address}"
    );
    assert!(
        find("phone").contains(";'+47 900 00 000;"),
        "a value a spreadsheet would take for a formula is defused"
    );
    assert!(find("identity_number").contains(";020132 *****;"));
    assert!(find("notes").contains(";(endret);"));
    assert!(find("settlement_date").contains(";10.03.2026;"));
    assert!(!csv.contains(NUMBER) && !csv.contains("søvnvansker"));
    let time = address.split(';').next().unwrap();
    assert!(
        NaiveDate::parse_from_str(&time[..10], "%d.%m.%Y").is_ok() && time.len() == 16,
        "the time is written dd.mm.åååå HH:MM: {time}"
    );
    let everything = csv_export(&d.store, None, None, None, &chrono::Utc).unwrap();
    assert_eq!(
        everything.1,
        trail(&d.store).len(),
        "without filters the whole trail is exported"
    );

    let old = parse_period("01.01.2000", "31.12.2000").unwrap();
    let (empty, none) = csv_export(&d.store, old.0, old.1, None, &chrono::Utc).unwrap();
    assert_eq!(none, 0, "nothing was written in 2000");
    assert_eq!(
        empty[3..].split("\r\n").count(),
        2,
        "only the header and the final CRLF"
    );
    let now = chrono::Utc::now().date_naive();
    let this_day = csv_export(&d.store, Some(now), Some(now), None, &chrono::Utc).unwrap();
    assert_eq!(
        this_day.1, everything.1,
        "today's period holds what was written today"
    );
}

#[test]
fn the_export_period_is_checked_and_the_export_itself_is_recorded() {
    assert!(parse_period("", "").unwrap() == (None, None));
    let error = parse_period("32.01.2026", "").unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.field.as_deref()),
        ("invalid_date", Some("from"))
    );
    let error = parse_period("10.02.2026", "09.02.2026").unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.field.as_deref()),
        ("period_end_before_start", Some("to"))
    );

    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap().id;
    store
        .log_audit_export(
            NaiveDate::from_ymd_opt(2026, 1, 1),
            NaiveDate::from_ymd_opt(2026, 12, 31),
            Some(p),
            1,
            "introspor-sporingslogg-2026-11-22.csv",
        )
        .unwrap();
    let entries = trail(&store);
    assert_eq!(
        summary(&entries[1..]),
        [row("audit_trail", Some(p), "export")],
        "exporting the trail is itself recorded"
    );
    assert_eq!(
        fields(&entries[1]),
        [
            "period_from",
            "period_to",
            "participant_id",
            "entries",
            "file_name"
        ]
    );
}
