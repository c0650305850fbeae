//! Integration tests of stored deadlines through the commands the window calls.

use chrono::NaiveDate;
use introspor_app::commands::deadlines::{
    add_event, add_task, for_participant, list, mark_done, overview, save_leave, save_settings,
    save_settings_reporting, set_task_done,
};
use introspor_app::commands::participants::{create, set_archived, update};
use introspor_app::transport::{DeadlineFilterDto, ParticipantDeadlinesDto};
use introspor_core::domain::deadline_forms::{EventForm, LeaveForm, TaskForm};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::deadlines::RecomputeProgress;
use introspor_core::Store;
use std::collections::BTreeMap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()
}

fn form() -> ParticipantForm {
    ParticipantForm {
        given_name: "Nadia".into(),
        family_name: "Prøvesen".into(),
        residence_permit_date: "01.10.2024".into(),
        settlement_date: "10.03.2025".into(),
        ..ParticipantForm::default()
    }
}

fn due_of(timeline: &ParticipantDeadlinesDto, kind: &str) -> Option<(String, String)> {
    timeline
        .deadlines
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| (d.due.clone(), d.status.clone()))
}

#[test]
fn changing_the_settlement_date_moves_its_deadlines_at_once() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    let timeline = for_participant(&store, p.id, today()).unwrap();
    assert_eq!(
        due_of(&timeline, "programme_start"),
        Some(("10.06.2025".into(), "open".into()))
    );
    assert_eq!(
        due_of(&timeline, "competence_mapping"),
        Some(("10.06.2025".into(), "open".into()))
    );

    let mut moved = form();
    moved.settlement_date = "31.03.2025".into();
    update(&mut store, p.id, &moved, today()).unwrap();
    let timeline = for_participant(&store, p.id, today()).unwrap();
    assert_eq!(
        due_of(&timeline, "programme_start").map(|d| d.0),
        Some("30.06.2025".into()),
        "31.03 + 3 months is 30.06"
    );
}

#[test]
fn an_event_creates_its_registration_which_closes_when_registered() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    let event = EventForm {
        kind: "participation_decision".into(),
        occurred: "20.03.2025".into(),
        ..EventForm::default()
    };
    let timeline = add_event(&mut store, p.id, &event, today()).unwrap();
    let registration = timeline
        .deadlines
        .iter()
        .find(|d| d.kind == "imdi_registration")
        .unwrap();
    assert_eq!(registration.due, "20.05.2025");
    assert_eq!(registration.status, "open");
    assert_eq!(
        overview(&store, today()).unwrap().open_imdi_registrations,
        1
    );

    let event_id = timeline.events[0].id;
    let timeline = mark_done(
        &mut store,
        p.id,
        "imdi_registration",
        Some(event_id),
        "01.04.2025",
        today(),
    )
    .unwrap();
    assert_eq!(
        due_of(&timeline, "imdi_registration").map(|d| d.1),
        Some("done".into())
    );
    assert_eq!(timeline.events[0].registered, "01.04.2025");
    assert_eq!(
        overview(&store, today()).unwrap().open_imdi_registrations,
        0,
        "nothing owed to IMDi"
    );

    // A registration date before the event is refused and nothing changes.
    let error = mark_done(
        &mut store,
        p.id,
        "imdi_registration",
        Some(event_id),
        "01.03.2025",
        today(),
    )
    .unwrap_err();
    assert_eq!(error.code, "registered_before_event");
    assert_eq!(
        for_participant(&store, p.id, today()).unwrap().events[0].registered,
        "01.04.2025"
    );
}

#[test]
fn marking_programme_start_done_brings_the_programme_deadlines() {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = form();
    f.final_goal = "work".into();
    let p = create(&mut store, &f, today()).unwrap();
    assert!(due_of(
        &for_participant(&store, p.id, today()).unwrap(),
        "programme_end"
    )
    .is_none());
    let timeline = mark_done(
        &mut store,
        p.id,
        "programme_start",
        None,
        "01.04.2025",
        today(),
    )
    .unwrap();
    assert_eq!(
        due_of(&timeline, "programme_start").map(|d| d.1),
        Some("done".into())
    );
    assert_eq!(
        due_of(&timeline, "programme_end").map(|d| d.0),
        Some("31.03.2026".into())
    );
    assert_eq!(
        due_of(&timeline, "nav_handover").map(|d| d.0),
        Some("31.12.2025".into())
    );

    // An approved leave extends the end; the hand-over follows.
    let leave = LeaveForm {
        kind: "illness".into(),
        start: "01.05.2025".into(),
        end: "10.05.2025".into(),
        approved: true,
        ..LeaveForm::default()
    };
    let timeline = save_leave(&mut store, p.id, None, &leave, today()).unwrap();
    assert_eq!(
        due_of(&timeline, "programme_end").map(|d| d.0),
        Some("10.04.2026".into())
    );

    // A future "done" date is refused.
    let error =
        mark_done(&mut store, p.id, "plan_review", None, "01.01.2030", today()).unwrap_err();
    assert_eq!(error.code, "date_in_future");
}

#[test]
fn a_settings_change_recomputes_every_participant() {
    let mut store = Store::open_in_memory().unwrap();
    let mut started = form();
    started.programme_start_date = "01.03.2025".into();
    started.final_goal = "work".into();
    let a = create(&mut store, &started, today()).unwrap();
    started.given_name = "Amir".into();
    let b = create(&mut store, &started, today()).unwrap();
    let values: BTreeMap<String, String> =
        [("nav_handover_months".to_string(), "2".to_string())].into();
    save_settings(&mut store, &values, today()).unwrap();
    for id in [a.id, b.id] {
        assert_eq!(
            due_of(
                &for_participant(&store, id, today()).unwrap(),
                "nav_handover"
            )
            .map(|d| d.0),
            Some("28.12.2025".into()),
            "two months before the end 28.02.2026 for participant {id}"
        );
    }
    let bad: BTreeMap<String, String> =
        [("nav_handover_months".to_string(), "99".to_string())].into();
    assert_eq!(
        save_settings(&mut store, &bad, today())
            .unwrap_err()
            .field
            .as_deref(),
        Some("nav_handover_months")
    );
    // The statutory limits are law, in the rule table: not settings.
    let statutory: BTreeMap<String, String> =
        [("programme_start_months".to_string(), "2".to_string())].into();
    let refused = save_settings(&mut store, &statutory, today()).unwrap_err();
    assert_eq!(refused.fields[0].code, "unknown_setting");
    assert_eq!(
        due_of(
            &for_participant(&store, a.id, today()).unwrap(),
            "programme_start"
        )
        .map(|d| d.0),
        Some("10.06.2025".into()),
        "three months after settlement, as the law says"
    );
}

#[test]
fn overview_groups_by_urgency_and_leaves_out_archived_participants() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    add_event(
        &mut store,
        p.id,
        &EventForm {
            kind: "plan".into(),
            occurred: "01.02.2025".into(),
            ..EventForm::default()
        },
        today(),
    )
    .unwrap();
    add_task(
        &mut store,
        &TaskForm {
            title: "Ring NAV".into(),
            due: "05.04.2025".into(),
            ..TaskForm::default()
        },
    )
    .unwrap();
    let task = add_task(
        &mut store,
        &TaskForm {
            title: "Bestill tolk".into(),
            due: "20.04.2025".into(),
            participant_id: Some(p.id),
            ..TaskForm::default()
        },
    )
    .unwrap();

    let o = overview(&store, today()).unwrap();
    assert_eq!(o.overdue.len(), 0);
    let week: Vec<&str> = o.within_7_days.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(
        week,
        ["imdi_registration", "own_task"],
        "registration due 01.04 and the task due 05.04"
    );
    assert!(o.within_30_days.iter().any(|d| d.task_id == Some(task)));

    set_task_done(&mut store, task, "01.04.2025", today()).unwrap();
    let done = list(
        &store,
        &DeadlineFilterDto {
            kind: "own_task".into(),
            status: "done".into(),
            ..DeadlineFilterDto::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(done.len(), 1);

    let later = NaiveDate::from_ymd_opt(2025, 4, 2).unwrap();
    assert_eq!(
        overview(&store, later).unwrap().overdue.len(),
        1,
        "the registration is overdue the next day"
    );

    set_archived(&mut store, p.id, true).unwrap();
    let o = overview(&store, later).unwrap();
    assert!(
        o.overdue.is_empty() && o.open_imdi_registrations == 0,
        "archived participants leave the overview"
    );
}

#[test]
fn deadlines_are_recomputed_once_a_day() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(
        store.refresh_deadlines_if_stale(today()).unwrap(),
        "first start of the day recomputes"
    );
    assert!(
        !store.refresh_deadlines_if_stale(today()).unwrap(),
        "second start the same day does not"
    );
}

#[test]
fn every_combination_of_list_filters_runs() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    add_task(
        &mut store,
        &TaskForm {
            title: "Ring".into(),
            due: "05.04.2025".into(),
            participant_id: Some(p.id),
            ..TaskForm::default()
        },
    )
    .unwrap();
    for kind in ["", "programme_start", "own_task"] {
        for status in ["", "open", "overdue", "done", "not_applicable"] {
            for open_only in [false, true] {
                for participant in [None, Some(p.id)] {
                    for (from, to) in [
                        ("", ""),
                        ("01.01.2025", ""),
                        ("", "31.12.2025"),
                        ("01.01.2025", "31.12.2025"),
                    ] {
                        let filter = DeadlineFilterDto {
                            kind: kind.into(),
                            status: status.into(),
                            open_only,
                            participant_id: participant,
                            from: from.into(),
                            to: to.into(),
                            after: None,
                        };
                        let rows = list(&store, &filter, today());
                        assert!(rows.is_ok(), "filter {filter:?} should run, got {rows:?}");
                        for row in rows.unwrap() {
                            assert!(
                                kind.is_empty() || row.kind == kind,
                                "{filter:?} returned kind {}",
                                row.kind
                            );
                            assert!(
                                status.is_empty() || row.status == status,
                                "{filter:?} returned status {}",
                                row.status
                            );
                            assert!(
                                !open_only || row.status == "open" || row.status == "overdue",
                                "{filter:?} (open only) returned status {}",
                                row.status
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn an_archived_participant_keeps_a_timeline() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    set_archived(&mut store, p.id, true).unwrap();
    let timeline = for_participant(&store, p.id, today()).unwrap();
    assert!(
        due_of(&timeline, "programme_start").is_some(),
        "the archived participant's own view still shows its deadlines"
    );
    assert!(
        list(&store, &DeadlineFilterDto::default(), today())
            .unwrap()
            .is_empty(),
        "but the register-wide list leaves them out"
    );
}

#[test]
fn marking_the_end_done_keeps_a_broken_off_programme_broken_off() {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = form();
    f.status = "terminated".into();
    f.programme_start_date = "15.03.2025".into();
    let p = create(&mut store, &f, today()).unwrap();
    // A broken-off programme's end is done already, so marking it done is
    // refused, and the status stays as it was.
    let error = mark_done(
        &mut store,
        p.id,
        "programme_end",
        None,
        "31.03.2025",
        today(),
    )
    .unwrap_err();
    assert_eq!(error.code, "already_done");
    assert_eq!(
        introspor_app::commands::participants::get(&store, p.id)
            .unwrap()
            .form
            .status,
        "terminated",
        "a terminated programme is not turned into a completed one"
    );
    let mut active = form();
    active.given_name = "Aktiv".into();
    active.status = "active".into();
    active.programme_start_date = "15.03.2025".into();
    let q = create(&mut store, &active, today()).unwrap();
    mark_done(
        &mut store,
        q.id,
        "programme_end",
        None,
        "31.03.2025",
        today(),
    )
    .unwrap();
    let status = |store: &Store, id| {
        introspor_app::commands::participants::get(store, id)
            .unwrap()
            .form
            .status
    };
    assert_eq!(
        status(&store, q.id),
        "completed",
        "marking the end done completes an active programme"
    );
    mark_done(&mut store, q.id, "programme_end", None, "", today()).unwrap();
    assert_eq!(status(&store, q.id), "active", "undoing reopens it");
}

/// The settings as the window sends them back: every key with its value.
fn settings_as_sent(store: &Store) -> BTreeMap<String, String> {
    introspor_app::commands::deadlines::get_settings(store)
        .unwrap()
        .into_iter()
        .map(|s| (s.key, s.value.to_string()))
        .collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn unknown_settings_keys_are_refused_and_nothing_is_recomputed() {
    let mut store = Store::open_in_memory().unwrap();
    create(&mut store, &form(), today()).unwrap();
    let tomorrow = today().succ_opt().unwrap();
    // (values sent, the code, the field, every field problem)
    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        &'a str,
        &'a str,
        &'a [(&'a str, &'a str)],
    );
    let cases: &[Case] = &[
        (
            &[("plan_review_month", "4")],
            "unknown_setting",
            "plan_review_month",
            &[("plan_review_month", "unknown_setting")],
        ),
        (
            &[
                ("plan_review_months", "4"),
                ("programme_length_work2", "24"),
            ],
            "unknown_setting",
            "programme_length_work2",
            &[("programme_length_work2", "unknown_setting")],
        ),
        (
            &[("plan_review_months", "0"), ("old_rule", "4")],
            "validation",
            "plan_review_months",
            &[
                ("plan_review_months", "months_out_of_range"),
                ("old_rule", "unknown_setting"),
            ],
        ),
        (
            &[("<img src=x onerror=alert(1)>", "4"), ("Plan Review", "4")],
            "unknown_setting",
            "values",
            &[("values", "unknown_setting")],
        ),
    ];
    for (values, code, field, fields) in cases {
        let before = store.dump_for_tests().unwrap();
        // A day later, so that a recompute would show in the dump.
        let error = save_settings(&mut store, &map(values), tomorrow).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.field.as_deref()),
            (*code, Some(*field)),
            "{values:?}"
        );
        let found: Vec<(&str, &str)> = error
            .fields
            .iter()
            .map(|f| (f.field.as_str(), f.code.as_str()))
            .collect();
        assert_eq!(&found, fields, "{values:?}");
        if *code == "unknown_setting" {
            assert_eq!(
                *error.text,
                introspor_core::messages::UNKNOWN_SETTING,
                "{values:?}"
            );
        }
        assert_eq!(
            store.dump_for_tests().unwrap(),
            before,
            "{values:?}: nothing is written and no deadline recomputed"
        );
    }
}

#[test]
fn saving_the_settings_in_force_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    create(&mut store, &form(), today()).unwrap();
    let tomorrow = today().succ_opt().unwrap();
    // The defaults (no row stored yet), all of them or some, then a value
    // saved before: each is what is in force, so nothing is written.
    let before = store.dump_for_tests().unwrap();
    let sent = settings_as_sent(&store);
    let settings = save_settings(&mut store, &sent, tomorrow).unwrap();
    assert_eq!(sent.len(), settings.len());
    assert_eq!(store.dump_for_tests().unwrap(), before, "the defaults");
    save_settings(&mut store, &map(&[("plan_review_months", "6")]), tomorrow).unwrap();
    save_settings(&mut store, &BTreeMap::new(), tomorrow).unwrap();
    assert_eq!(store.dump_for_tests().unwrap(), before, "some or none");

    let changed = save_settings(&mut store, &map(&[("plan_review_months", "4")]), today())
        .unwrap()
        .into_iter()
        .find(|s| s.key == "plan_review_months")
        .unwrap();
    assert_eq!(changed.value, 4);
    let after_change = store.dump_for_tests().unwrap();
    assert_ne!(after_change, before, "a real change is saved");
    for values in [
        settings_as_sent(&store),
        map(&[("plan_review_months", " 4 ")]),
    ] {
        let settings = save_settings(&mut store, &values, tomorrow).unwrap();
        assert_eq!(
            settings
                .iter()
                .find(|s| s.key == "plan_review_months")
                .map(|s| s.value),
            Some(4),
            "the settings come back as they are"
        );
        assert_eq!(
            store.dump_for_tests().unwrap(),
            after_change,
            "{values:?}: no write, no audit entry, no recompute"
        );
    }
}

#[test]
fn marking_a_done_deadline_again_is_refused_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = form();
    f.programme_start_date = "15.03.2025".into();
    f.competence_mapping_date = "12.03.2025".into();
    f.plan_date = "20.03.2025".into();
    f.final_goal = "work".into();
    let p = create(&mut store, &f, today()).unwrap().id;
    let event = add_event(
        &mut store,
        p,
        &EventForm {
            kind: "participation_decision".into(),
            occurred: "20.03.2025".into(),
            registered: "25.03.2025".into(),
            ..EventForm::default()
        },
        today(),
    )
    .unwrap()
    .events[0]
        .id;
    let leave = save_leave(
        &mut store,
        p,
        None,
        &LeaveForm {
            kind: "care".into(),
            start: "01.11.2024".into(),
            approved: true,
            followup_date: "01.03.2025".into(),
            ..LeaveForm::default()
        },
        today(),
    )
    .unwrap()
    .leaves[0]
        .id;
    let mut ended = form();
    ended.given_name = "Avsluttet".into();
    ended.status = "terminated".into();
    ended.programme_start_date = "15.03.2025".into();
    let q = create(&mut store, &ended, today()).unwrap().id;

    // (participant, kind, source). The individual plan does not apply under
    // integreringsloven, but shares the plan date that closed the integration
    // plan, so it cannot rewrite it either.
    let cases: &[(i64, &str, Option<i64>)] = &[
        (p, "programme_start", None),
        (p, "competence_mapping", None),
        (p, "integration_plan", None),
        (p, "individual_plan", None),
        (p, "imdi_registration", Some(event)),
        (p, "care_leave_followup", Some(leave)),
        (q, "programme_end", None),
    ];
    for &(participant, kind, source) in cases {
        let shown = match kind {
            "individual_plan" => "integration_plan",
            other => other,
        };
        let timeline = for_participant(&store, participant, today()).unwrap();
        assert!(
            timeline
                .deadlines
                .iter()
                .any(|d| d.kind == shown && d.source_id == source && d.status == "done"),
            "{shown} should start out done"
        );
        let before = store.dump_for_tests().unwrap();
        let error =
            mark_done(&mut store, participant, kind, source, "31.03.2025", today()).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.field.as_deref()),
            ("already_done", Some("date")),
            "{kind}"
        );
        assert_eq!(*error.text, introspor_core::messages::ALREADY_DONE);
        assert_eq!(
            store.dump_for_tests().unwrap(),
            before,
            "{kind}: the closing date, the deadlines and the audit trail stay as they were"
        );
    }

    // Undoing first, then marking again, is how the date is changed.
    mark_done(&mut store, p, "programme_start", None, "", today()).unwrap();
    let timeline = mark_done(
        &mut store,
        p,
        "programme_start",
        None,
        "31.03.2025",
        today(),
    )
    .unwrap();
    let start = timeline
        .deadlines
        .iter()
        .find(|d| d.kind == "programme_start")
        .unwrap();
    assert_eq!(
        (start.status.as_str(), start.done_on.as_str()),
        ("done", "31.03.2025")
    );
    // A plan review is never done (the next one is always due), so each
    // marking records the latest review.
    mark_done(&mut store, p, "plan_review", None, "25.03.2025", today()).unwrap();
    mark_done(&mut store, p, "plan_review", None, "31.03.2025", today()).unwrap();
}

/// A recompute writes only what changed: after a settings change that
/// moves only the plan review, every other deadline keeps its row (and
/// the id an agenda item may name); a recompute that changes nothing keeps
/// every row.
#[test]
fn a_recompute_keeps_the_rows_of_unchanged_deadlines() {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = form();
    f.programme_start_date = "01.03.2025".into();
    f.plan_date = "01.03.2025".into();
    f.final_goal = "work".into();
    let p = create(&mut store, &f, today()).unwrap();
    let rows = |store: &Store| -> BTreeMap<String, i64> {
        store
            .participant_deadlines(p.id, today())
            .unwrap()
            .into_iter()
            .filter_map(|d| d.deadline_id.map(|id| (d.kind, id)))
            .collect()
    };
    let before = rows(&store);
    assert!(before.contains_key("plan_review") && before.len() > 4);

    store.recompute_all_deadlines(today()).unwrap();
    assert_eq!(rows(&store), before, "nothing changed, nothing rewritten");

    let values: BTreeMap<String, String> =
        [("plan_review_months".to_string(), "4".to_string())].into();
    save_settings(&mut store, &values, today()).unwrap();
    let after = rows(&store);
    for (kind, id) in &before {
        if kind == "plan_review" {
            assert_ne!(after[kind], *id, "the moved review is a new row");
        } else {
            assert_eq!(after[kind], *id, "{kind} is unchanged and keeps its row");
        }
    }
    assert_eq!(
        due_of(
            &for_participant(&store, p.id, today()).unwrap(),
            "plan_review"
        )
        .map(|d| d.0),
        Some("01.07.2025".into())
    );
}

/// The list of all deadlines comes in pages: each page continues after the
/// last row of the one before, in the list's order, with nothing skipped
/// or repeated, also where many rows share a due date.
#[test]
fn pages_of_the_deadline_list_follow_each_other_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    // Twelve participants settled the same day: their deadlines share dates.
    for n in 0..12 {
        let mut f = form();
        f.given_name = format!("Deltaker{n}");
        create(&mut store, &f, today()).unwrap();
    }
    for n in 0..80 {
        add_task(
            &mut store,
            &TaskForm {
                title: format!("Oppgave {n}"),
                due: "10.06.2025".into(),
                ..TaskForm::default()
            },
        )
        .unwrap();
    }
    let everything = list(&store, &DeadlineFilterDto::default(), today()).unwrap();
    assert_eq!(
        everything.len(),
        introspor_app::commands::deadlines::DEADLINE_LIST_LIMIT as usize,
        "the first page is full"
    );
    let key = |d: &introspor_app::transport::DeadlineDto| (d.deadline_id, d.task_id);
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = list(
            &store,
            &DeadlineFilterDto {
                after: after.clone(),
                ..DeadlineFilterDto::default()
            },
            today(),
        )
        .unwrap();
        if page.is_empty() {
            break;
        }
        let last = page.last().unwrap();
        after = Some(introspor_app::transport::DeadlineCursorDto {
            due: last.due.clone(),
            kind: last.kind.clone(),
            participant_id: last.participant_id.unwrap_or(0),
            task: last.task_id.is_some(),
            id: last.deadline_id.or(last.task_id).unwrap(),
        });
        seen.extend(page.iter().map(key));
        if page.len() < introspor_app::commands::deadlines::DEADLINE_LIST_LIMIT as usize {
            break;
        }
    }
    let total: i64 = store.deadlines(&Default::default(), today()).unwrap().len() as i64;
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no row comes twice");
    assert_eq!(seen.len() as i64, total, "every row comes once");
    assert!(total > 100, "more than one page: {total}");
}

#[test]
fn a_settings_change_reports_its_progress_while_it_runs_and_when_done() {
    let mut store = Store::open_in_memory().unwrap();
    for n in 0..300 {
        let mut p = form();
        p.given_name = format!("Deltaker{n}");
        p.programme_start_date = "01.03.2025".into();
        create(&mut store, &p, today()).unwrap();
    }
    let progress = std::sync::Arc::new(RecomputeProgress::default());
    assert_eq!(progress.snapshot(), (0, 0, false), "nothing runs yet");
    // A second thread reads the progress while the recompute runs, as the
    // window's poll does, without the store.
    let finished = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let progress = std::sync::Arc::clone(&progress);
        let finished = std::sync::Arc::clone(&finished);
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !finished.load(std::sync::atomic::Ordering::SeqCst) {
                let snapshot = progress.snapshot();
                if snapshot.2 {
                    seen.push(snapshot);
                }
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            seen
        })
    };
    let values: BTreeMap<String, String> =
        [("nav_handover_months".to_string(), "2".to_string())].into();
    std::thread::sleep(std::time::Duration::from_millis(5));
    save_settings_reporting(&mut store, &values, today(), &progress).unwrap();
    finished.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(
        progress.snapshot(),
        (300, 300, false),
        "every participant done, and no longer running"
    );
    let seen = reader.join().unwrap();
    assert!(!seen.is_empty(), "the progress was seen while it ran");
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0)
            && seen
                .iter()
                .all(|(done, total, _)| *total == 300 && *done <= 300),
        "while it ran, the progress counted up to the total: {seen:?}"
    );
    // A refused change reports nothing as running.
    let bad: BTreeMap<String, String> =
        [("nav_handover_months".to_string(), "x".to_string())].into();
    assert!(save_settings_reporting(&mut store, &bad, today(), &progress).is_err());
    assert!(!progress.snapshot().2);
}
