//! Interpreters in meetings, through the commands the window calls: each
//! rule of tolkeloven the register checks (needed but absent; unqualified
//! with and without a reason, before and after the transitional rule ends;
//! a child refused, and allowed only in an emergency with a reason), the
//! pre-filled draft, the minutes' line, the audit trail and the report.

use chrono::NaiveDate;
use introspor_app::commands::meetings::{draft, interpreter_report, meeting, minutes, save};
use introspor_app::commands::participants::create;
use introspor_core::domain::meeting::{AttendanceForm, MeetingForm, Recipient};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::audit::AuditFilter;
use introspor_core::Store;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A register with one participant who needs an interpreter in tigrinja.
fn register() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let id = create(
        &mut store,
        &ParticipantForm {
            given_name: "Yonas".into(),
            family_name: "Tolkesen".into(),
            settlement_date: "01.10.2026".into(),
            needs_interpreter: true,
            interpreter_language: "tigrinja".into(),
            ..ParticipantForm::default()
        },
        d("2026-12-01"),
    )
    .unwrap()
    .id;
    (store, id)
}

/// A team meeting about the participant on `date`, with the need for an
/// interpreter ticked as the draft pre-fills it for this participant.
fn form(participant: i64, date: &str) -> MeetingForm {
    MeetingForm {
        kind: "team".into(),
        date: date.into(),
        interpreter_needed: true,
        participants: vec![AttendanceForm {
            id: participant,
            present: true,
        }],
        ..MeetingForm::default()
    }
}

fn unqualified(mut f: MeetingForm, reason: &str) -> MeetingForm {
    f.interpreter_used = true;
    f.interpreter_language = "tigrinja".into();
    f.interpreting_mode = "phone".into();
    f.interpreter_qualification = "not_qualified".into();
    if !reason.is_empty() {
        f.unqualified_exception = "cannot_wait".into();
        f.unqualified_reason = reason.into();
    }
    f.interpreter_adult = true;
    f
}

fn warning_codes(store: &Store, id: i64) -> Vec<String> {
    meeting(store, id)
        .unwrap()
        .interpreter_warnings
        .into_iter()
        .map(|w| w.code)
        .collect()
}

#[test]
fn the_draft_is_prefilled_from_the_participant() {
    let (store, p) = register();
    let draft = draft(&store, "triangle", &[p], d("2026-12-01")).unwrap();
    assert!(
        draft.interpreter.interpreter_needed,
        "Yonas needs an interpreter"
    );
    assert_eq!(draft.interpreter_language, "tigrinja");
    assert!(draft.participants[0].needs_interpreter);
}

#[test]
fn each_rule_warns_when_it_should_and_not_otherwise() {
    let (mut store, p) = register();
    let today = d("2027-03-01");
    // (case, form, complete it, expected warnings)
    let cases: Vec<(&str, MeetingForm, bool, Vec<&str>)> = vec![
        (
            "needed, none used, completed",
            form(p, "10.12.2026"),
            true,
            vec!["interpreter_needed_absent"],
        ),
        (
            "needed, none used, not yet completed",
            form(p, "11.12.2026"),
            false,
            vec![],
        ),
        (
            "the caseworker unticked the need (the participant managed without)",
            MeetingForm {
                interpreter_needed: false,
                ..form(p, "12.12.2026")
            },
            true,
            vec![],
        ),
        (
            "unqualified without a reason during the transition",
            unqualified(form(p, "31.12.2026"), ""),
            true,
            vec![],
        ),
        (
            "unqualified without a reason from 01.01.2027",
            unqualified(form(p, "01.01.2027"), ""),
            true,
            vec!["unqualified_without_reason"],
        ),
        (
            "unqualified with a reason from 01.01.2027",
            unqualified(
                form(p, "02.01.2027"),
                "Ingen kvalifisert tolk i tigrinja ledig.",
            ),
            true,
            vec![],
        ),
    ];
    for (case, f, complete, expected) in cases {
        let id = save(&mut store, None, &f).unwrap().id.unwrap();
        if complete {
            store.complete_meeting(id, today).unwrap();
        }
        assert_eq!(warning_codes(&store, id), expected, "{case}");
        let listed = store
            .meetings(None, 100)
            .unwrap()
            .into_iter()
            .find(|m| m.id == id)
            .unwrap();
        let listed: Vec<&str> = listed
            .interpreter_warnings
            .iter()
            .map(|c| c.as_str())
            .collect();
        assert_eq!(listed, expected, "{case}: the meeting list agrees");
    }

    // Giving the reason clears the warning, and the change is audited.
    let late = store
        .meetings(None, 100)
        .unwrap()
        .into_iter()
        .find(|m| !m.interpreter_warnings.is_empty() && m.date == d("2027-01-01"))
        .unwrap()
        .id;
    store
        .reopen_meeting(
            late,
            "Mangler grunn for ukvalifisert tolk",
            d("2027-01-02").and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
    let fixed = unqualified(
        form(p, "01.01.2027"),
        "Akutt behov, ingen kvalifisert tolk nådd.",
    );
    save(&mut store, Some(late), &fixed).unwrap();
    assert!(warning_codes(&store, late).is_empty());
    let audited = store
        .audit_events(&AuditFilter::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.entity_type == "meeting" && e.entity_id == Some(late))
        .flat_map(|e| e.changes)
        .any(|c| c.field == "unqualified_exception");
    assert!(audited, "the exception's change is in the audit trail");
}

#[test]
fn a_child_interpreter_is_refused_unless_an_emergency_with_a_reason() {
    let (mut store, p) = register();
    let mut child = unqualified(form(p, "05.01.2027"), "Ingen annen tolk.");
    child.interpreter_adult = false;
    let error = save(&mut store, None, &child).expect_err("a child is refused");
    assert!(
        error
            .fields
            .iter()
            .any(|f| f.field == "interpreterAdult" && f.code == "child_interpreter"),
        "{error:?}"
    );
    assert!(
        store.meetings(None, 10).unwrap().is_empty(),
        "nothing was saved"
    );

    child.child_emergency_reason = "Akutt helsehjelp; ingen voksen tolk kunne nås.".into();
    let saved = save(&mut store, None, &child).expect("allowed in an emergency with the reason");
    assert!(!saved.interpreter.interpreter_adult);
    assert_eq!(
        saved.interpreter.child_emergency_reason,
        "Akutt helsehjelp; ingen voksen tolk kunne nås."
    );
}

#[test]
fn the_minutes_state_presence_language_and_qualification_and_the_report_counts() {
    let (mut store, p) = register();
    let today = d("2027-03-01");
    let mut qualified = form(p, "15.01.2027");
    qualified.interpreter_used = true;
    qualified.interpreter_language = "tigrinja".into();
    qualified.interpreting_mode = "in_person".into();
    qualified.interpreter_qualification = "qualified".into();
    qualified.interpreter_category = "b".into();
    qualified.interpreter_adult = true;
    let a = save(&mut store, None, &qualified).unwrap().id.unwrap();
    let b = save(&mut store, None, &unqualified(form(p, "20.01.2027"), ""))
        .unwrap()
        .id
        .unwrap();
    let c = save(
        &mut store,
        None,
        &unqualified(form(p, "25.01.2027"), "Ikke forsvarlig å vente."),
    )
    .unwrap()
    .id
    .unwrap();
    let none = save(&mut store, None, &form(p, "28.01.2027"))
        .unwrap()
        .id
        .unwrap();
    for id in [a, b, c, none] {
        store.complete_meeting(id, today).unwrap();
    }

    let line = |id: i64| {
        minutes(
            &store,
            id,
            Recipient::Archive,
            None,
            today
                .and_hms_opt(9, 0, 0)
                .unwrap()
                .and_local_timezone(chrono::FixedOffset::east_opt(3600).unwrap())
                .unwrap(),
            introspor_core::language::Language::Bokmal,
        )
        .unwrap()
        .blocks
        .iter()
        .map(|b| format!("{b:?}"))
        .collect::<Vec<_>>()
        .join("\n")
    };
    let qualified_minutes = line(a);
    assert!(
        qualified_minutes.contains(
            "Ja, tigrinja, oppmøtt; kvalifisert tolk (Nasjonalt tolkeregister, kategori B)"
        ),
        "{qualified_minutes}"
    );
    let unqualified_minutes = line(c);
    assert!(
        unqualified_minutes.contains(
            "ikke kvalifisert tolk (unntak: ikke forsvarlig å vente på kvalifisert tolk)"
        ),
        "{unqualified_minutes}"
    );
    assert!(
        !unqualified_minutes.contains("Ikke forsvarlig å vente."),
        "the free-text reason stays in the record, out of the minutes"
    );
    assert!(line(none).contains("Nei, selv om tolk var nødvendig"));

    let report = interpreter_report(&store, "01.01.2027", "31.01.2027").unwrap();
    assert_eq!(
        (
            report.meetings,
            report.with_interpreter,
            report.qualified,
            report.not_qualified,
            report.needed_without
        ),
        (4, 3, 1, 2, 1)
    );
    let uses: Vec<(i64, bool)> = report
        .unqualified_uses
        .iter()
        .map(|u| (u.meeting_id, u.reason_missing))
        .collect();
    assert_eq!(uses, vec![(b, true), (c, false)]);
    let refused = interpreter_report(&store, "31.01.2027", "01.01.2027").unwrap_err();
    assert_eq!(refused.fields[0].code, "end_before_start");
}
