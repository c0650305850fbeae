//! Integration tests of contacts, teams, meetings and the sharing log,
//! through the commands the window calls.

mod support;

use chrono::NaiveDate;
use introspor_app::commands::deadlines::{for_participant, set_task_done};
use introspor_app::commands::meetings::{
    cooperation_overview, draft, meeting, minutes, minutes_pdf, save,
};
use introspor_app::commands::participants::create;
use introspor_app::commands::teams::{
    add_member, end_membership, find_contacts, save_contact, team,
};
use introspor_core::domain::meeting::{
    parse_sharing, ActionItemForm, AgendaItemForm, AttendanceForm, MeetingForm, Recipient,
    MAX_ORIGIN,
};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::domain::team::{
    team_warnings, ContactForm, MemberFacts, MembershipForm, OrganisationDraft, OrganisationKind,
};
use introspor_core::export::minutes::Block;
use introspor_core::language::Language;
use introspor_core::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A wall-clock time in Oslo's winter offset, as a document's creation time.
fn offset(at: chrono::NaiveDateTime) -> chrono::DateTime<chrono::FixedOffset> {
    at.and_local_timezone(chrono::FixedOffset::east_opt(3600).unwrap())
        .unwrap()
}

struct World {
    store: Store,
    participant: i64,
    nav: i64,
    refugee_service: i64,
    teacher: i64,
    nav_office: i64,
}

fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let participant = create(
        &mut store,
        &ParticipantForm {
            given_name: "Amina".into(),
            family_name: "Æsenby".into(),
            settlement_date: "01.10.2026".into(),
            final_goal: "work".into(),
            ..ParticipantForm::default()
        },
        today(),
    )
    .unwrap()
    .id;
    let organisation = |store: &mut Store, name: &str, kind| {
        store
            .save_organisation(
                None,
                &OrganisationDraft {
                    name: name.into(),
                    kind,
                },
            )
            .unwrap()
    };
    let nav_office = organisation(&mut store, "NAV Fjordvik", OrganisationKind::NavOffice);
    let service = organisation(
        &mut store,
        "Flyktningtjenesten",
        OrganisationKind::RefugeeService,
    );
    let school = organisation(
        &mut store,
        "Voksenopplæringen",
        OrganisationKind::AdultEducation,
    );
    let contact = |store: &mut Store, name: &str, organisation: i64| {
        save_contact(
            store,
            None,
            &ContactForm {
                name: name.into(),
                organisation_id: Some(organisation),
                ..ContactForm::default()
            },
        )
        .unwrap()
        .id
    };
    let nav = contact(&mut store, "Nora Navesen", nav_office);
    let refugee_service = contact(&mut store, "Kari Saksbehandler", service);
    let teacher = contact(&mut store, "Lærer Lund", school);
    World {
        store,
        participant,
        nav,
        refugee_service,
        teacher,
        nav_office,
    }
}

fn member(contact: i64, role: &str, joined: &str) -> MembershipForm {
    MembershipForm {
        contact_id: Some(contact),
        role: role.into(),
        joined_on: joined.into(),
    }
}

fn triangle(w: &World, nav_present: bool) -> MeetingForm {
    MeetingForm {
        kind: "triangle".into(),
        date: "20.11.2026".into(),
        place: "Rådhuset".into(),
        participants: vec![AttendanceForm {
            id: w.participant,
            present: true,
        }],
        attendees: vec![
            AttendanceForm {
                id: w.refugee_service,
                present: true,
            },
            AttendanceForm {
                id: w.nav,
                present: nav_present,
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
                notes: "Sykmeldt i to uker.".into(),
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

fn save_triangle(
    w: &mut World,
    id: Option<i64>,
    nav_present: bool,
) -> Result<introspor_app::transport::meetings::MeetingDto, introspor_app::error::IpcError> {
    let form = triangle(w, nav_present);
    save(&mut w.store, id, &form)
}

#[test]
fn a_new_fixed_contact_takes_over_and_history_is_kept() {
    let mut w = world();
    let p = w.participant;
    add_member(
        &mut w.store,
        p,
        &member(w.refugee_service, "fixed_contact", "01.10.2026"),
        today(),
    )
    .unwrap();
    let after = add_member(
        &mut w.store,
        p,
        &member(w.teacher, "fixed_contact", "01.11.2026"),
        today(),
    )
    .unwrap();
    let fixed: Vec<_> = after
        .members
        .iter()
        .filter(|m| m.role == "fixed_contact")
        .map(|m| (m.contact.name.as_str(), m.left_on.as_str()))
        .collect();
    assert_eq!(
        fixed,
        vec![("Lærer Lund", ""), ("Kari Saksbehandler", "01.11.2026")],
        "the new fixed contact person should be current and the previous one should have left the day the new one joined"
    );
    let refused = add_member(
        &mut w.store,
        p,
        &member(w.refugee_service, "fixed_contact", "01.09.2026"),
        today(),
    );
    assert!(
        refused.is_err(),
        "a fixed contact person joining before the current one should be refused"
    );
    assert_eq!(
        team(&w.store, p).unwrap(),
        after,
        "a refused change should leave the team as it was"
    );
}

#[test]
fn warnings_in_the_overview_agree_with_the_rule_on_the_participant() {
    let mut w = world();
    let p = w.participant;
    let overview_warnings = |w: &World| -> Vec<String> {
        cooperation_overview(&w.store, today())
            .unwrap()
            .team_warnings
            .into_iter()
            .filter(|g| g.participants.iter().any(|x| x.id == p))
            .map(|g| g.warning)
            .collect()
    };
    let participant_warnings = |w: &World| team(&w.store, p).unwrap().warnings;
    // (step, expected warnings)
    let mut steps: Vec<(&str, Vec<&str>)> =
        vec![("empty team", vec!["no_fixed_contact", "no_nav_member"])];
    let check = |w: &World, step: &str, expected: &[&str]| {
        assert_eq!(
            participant_warnings(w),
            expected,
            "{step}: the participant's warnings"
        );
        assert_eq!(
            overview_warnings(w),
            expected,
            "{step}: the overview should agree with the participant"
        );
    };
    check(&w, steps[0].0, &steps[0].1);
    add_member(
        &mut w.store,
        p,
        &member(w.refugee_service, "fixed_contact", "01.10.2026"),
        today(),
    )
    .unwrap();
    steps.push(("fixed contact added", vec!["no_nav_member"]));
    check(&w, steps[1].0, &steps[1].1);
    let nav_membership = add_member(
        &mut w.store,
        p,
        &member(w.nav, "nav_advisor", "01.10.2026"),
        today(),
    )
    .unwrap()
    .members
    .iter()
    .find(|m| m.contact.id == w.nav)
    .unwrap()
    .id;
    check(&w, "NAV added", &[]);
    w.store
        .set_organisation_deleted(w.nav_office, true)
        .unwrap();
    check(
        &w,
        "NAV office deleted",
        &["no_nav_member", "deleted_organisation"],
    );
    w.store
        .set_organisation_deleted(w.nav_office, false)
        .unwrap();
    end_membership(&mut w.store, p, nav_membership, "21.11.2026", today()).unwrap();
    check(&w, "NAV advisor left", &["no_nav_member"]);

    // The pure rule gives the same answer as the store for the same facts.
    let facts = [MemberFacts {
        role: introspor_core::domain::team::TeamRole::FixedContact,
        organisation_kind: OrganisationKind::RefugeeService,
        organisation_deleted: false,
    }];
    let rule: Vec<&str> = team_warnings(
        Some(introspor_core::domain::participant::FinalGoal::Work),
        false,
        &facts,
    )
    .iter()
    .map(|w| w.as_str())
    .collect();
    assert_eq!(
        rule,
        vec!["no_nav_member"],
        "the rule should match the store"
    );
}

#[test]
fn a_triangle_meeting_needs_nav_and_a_refused_completion_changes_nothing() {
    let mut w = world();
    let saved = save_triangle(&mut w, None, false).unwrap();
    let id = saved.id.unwrap();
    assert!(
        saved.missing.contains("NAV"),
        "the meeting should say NAV is missing: {:?}",
        saved.missing
    );
    let error = w.store.complete_meeting(id, today()).unwrap_err();
    let shown = error
        .message()
        .render(introspor_core::language::Language::Bokmal);
    assert!(
        shown.contains("NAV"),
        "completing without NAV should name NAV: {shown}"
    );
    assert_eq!(
        meeting(&w.store, id).unwrap(),
        saved,
        "a refused completion should leave the meeting as it was"
    );
    save_triangle(&mut w, Some(id), true).unwrap();
    let completed = w.store.complete_meeting(id, today()).unwrap();
    assert_eq!(
        completed.completed_on,
        Some(today()),
        "the meeting should be completed today"
    );

    // A completed triangle meeting cannot be saved with NAV absent again.
    let refused = save_triangle(&mut w, Some(id), false);
    assert!(
        refused.is_err(),
        "saving a completed triangle meeting without NAV should be refused"
    );
    assert!(
        meeting(&w.store, id)
            .unwrap()
            .attendees
            .iter()
            .all(|a| a.present),
        "the refused save should leave the attendance as it was"
    );
}

#[test]
fn action_items_become_tasks_that_are_ticked_off_in_the_deadline_list() {
    let mut w = world();
    let saved = save_triangle(&mut w, None, true).unwrap();
    let task = saved.actions[0]
        .task_id
        .expect("the action item should have a task");
    let timeline = for_participant(&w.store, w.participant, today()).unwrap();
    assert!(
        timeline
            .deadlines
            .iter()
            .any(|d| d.title.contains("Søke praksisplass")),
        "the action item should show in the participant's deadlines"
    );
    set_task_done(&mut w.store, task, "22.11.2026", today()).unwrap();
    let reloaded = meeting(&w.store, saved.id.unwrap()).unwrap();
    assert_eq!(
        reloaded.actions[0].done_on, "22.11.2026",
        "ticking the task off should close the action item"
    );

    // Removing the action item removes its task.
    let mut form = triangle(&w, true);
    form.actions.clear();
    save(&mut w.store, saved.id, &form).unwrap();
    let timeline = for_participant(&w.store, w.participant, today()).unwrap();
    assert!(
        !timeline
            .deadlines
            .iter()
            .any(|d| d.title.contains("Søke praksisplass")),
        "a removed action item should take its task along"
    );
}

#[test]
fn a_new_meeting_is_prefilled_with_deadlines_and_open_actions() {
    let mut w = world();
    add_member(
        &mut w.store,
        w.participant,
        &member(w.refugee_service, "fixed_contact", "01.10.2026"),
        today(),
    )
    .unwrap();
    save_triangle(&mut w, None, true).unwrap();
    let draft = draft(&w.store, "triangle", &[w.participant], today()).unwrap();
    let origins: Vec<&str> = draft.agenda.iter().map(|a| a.origin.as_str()).collect();
    assert!(
        origins.iter().any(|o| o.starts_with("deadline:")),
        "deadlines due within 60 days (settled 01.10.2026) should be on the agenda: {origins:?}"
    );
    assert!(
        origins.iter().any(|o| o.starts_with("action:")),
        "the open action item from the earlier meeting should be on the agenda: {origins:?}"
    );
    assert_eq!(
        draft.convened_by,
        Some(w.refugee_service),
        "the fixed contact person should convene"
    );
    assert_eq!(
        draft.attendees.len(),
        1,
        "the current team should be invited"
    );
}

#[test]
fn minutes_for_nav_leave_the_sensitive_note_out_and_exports_are_logged() {
    let mut w = world();
    let id = save_triangle(&mut w, None, true).unwrap().id.unwrap();
    let now = today().and_hms_opt(10, 30, 0).unwrap();
    let nav = parse_sharing("nav", "integreringsloven_41").unwrap();
    assert!(
        minutes_pdf(&w.store, id, nav, offset(now), Language::Bokmal, false).is_err(),
        "minutes of a meeting not yet completed should not be exported"
    );
    w.store.complete_meeting(id, today()).unwrap();
    let text = |recipient| {
        minutes(&w.store, id, recipient, None, offset(now), Language::Bokmal)
            .unwrap()
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { text } | Block::Notice { text } => text.clone(),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        text(Recipient::Archive).contains("Sykmeldt"),
        "the archive copy is complete"
    );
    assert!(
        !text(Recipient::Nav).contains("Sykmeldt"),
        "NAV's copy leaves the health note out"
    );
    let (pdf, file_name, _) =
        minutes_pdf(&w.store, id, nav, offset(now), Language::Bokmal, false).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "the export should be a PDF");
    assert_eq!(
        file_name,
        "Referat trekantmøte 2026-11-20 – NAV – versjon 1.pdf"
    );
    w.store.log_sharing(id, now, nav, &file_name).unwrap();
    let log = w.store.sharing_log(Some(w.participant), None).unwrap();
    assert_eq!(
        log.len(),
        1,
        "the export should show in the participant's sharing log"
    );
    assert_eq!(log[0].recipient, Recipient::Nav);
    assert_eq!(log[0].file_name, file_name);
}

#[test]
fn minutes_that_would_print_a_character_as_a_replacement_are_refused_until_accepted() {
    let mut w = world();
    let mut form = triangle(&w, true);
    // A word in Cherokee script, which no bundled font has; the sensitive
    // note's character is left out of NAV's copy, so it is not named.
    form.agenda[0].notes = "Går bra. Hilsen ᏣᎳᎩ.".into();
    form.agenda[1].notes = "Sykmeldt 𐀀.".into();
    let id = save(&mut w.store, None, &form).unwrap().id.unwrap();
    w.store.complete_meeting(id, today()).unwrap();
    let now = offset(today().and_hms_opt(10, 30, 0).unwrap());
    let nav = parse_sharing("nav", "integreringsloven_41").unwrap();
    let refused = minutes_pdf(&w.store, id, nav, now, Language::Bokmal, false).unwrap_err();
    assert_eq!(refused.code, "undrawable_characters");
    assert!(
        refused
            .message
            .contains("Ꮳ (U+13E3), Ꮃ (U+13B3), Ꭹ (U+13A9)")
            && !refused.message.contains("U+10000"),
        "the refusal names each character NAV's copy would lose, once: {}",
        refused.message
    );
    let archive = parse_sharing("archive", "").unwrap();
    let refused = minutes_pdf(&w.store, id, archive, now, Language::English, false).unwrap_err();
    assert!(
        refused.message.contains("U+10000") && refused.message.contains("«�»"),
        "the archive copy holds the sensitive note's character too, and the \
         question is asked in the window's language, not the document's: {}",
        refused.message
    );
    let (pdf, _, _) = minutes_pdf(&w.store, id, nav, now, Language::Bokmal, true).unwrap();
    assert!(
        pdf.starts_with(b"%PDF-"),
        "accepted, the minutes are written"
    );
    assert!(
        w.store
            .sharing_log(Some(w.participant), None)
            .unwrap()
            .is_empty(),
        "a refusal logs no sharing"
    );
}

#[test]
fn minutes_exported_in_nynorsk_and_english_are_pdf_a_in_that_language() {
    let mut w = world();
    let id = save_triangle(&mut w, None, true).unwrap().id.unwrap();
    w.store.complete_meeting(id, today()).unwrap();
    let now = today().and_hms_opt(10, 30, 0).unwrap();
    let archive = parse_sharing("archive", "").unwrap();
    let folder = tempfile::tempdir().unwrap();
    for (language, file_name, headings) in [
        (
            Language::Nynorsk,
            "Referat trekantmøte 2026-11-20 – arkiv – versjon 1.pdf",
            &[
                "Referat frå trekantmøte 20.11.2026",
                "Til stades",
                "Referent:",
            ][..],
        ),
        (
            Language::English,
            "Minutes triangle meeting 2026-11-20 – archive – version 1.pdf",
            &[
                "Minutes of the triangle meeting on 20.11.2026",
                "Present",
                "Minute-taker:",
            ][..],
        ),
    ] {
        let (pdf, name, _) =
            minutes_pdf(&w.store, id, archive, offset(now), language, false).unwrap();
        assert_eq!(name, file_name, "{}: the file name", language.tag());
        let path = folder.path().join(language.tag());
        std::fs::write(&path, pdf).unwrap();
        let checked = support::pdfa::check_pdf_a(&path);
        assert_eq!(checked.lang, language.tag(), "the PDF's language");
        assert!(checked.title.starts_with(headings[0]), "{}", checked.title);
        let text = checked
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for heading in headings {
            assert!(
                text.contains(heading),
                "{}: {heading} in {text}",
                language.tag()
            );
        }
        for bokmal in ["Til stede", "Saksliste og referat", "Mottaker", "Møtetype"] {
            if language == Language::English {
                assert!(!text.contains(bokmal), "en: {bokmal} left in {text}");
            }
        }
    }
}

#[test]
fn a_leader_meeting_closes_the_organisation_duty() {
    let mut w = world();
    let open = |w: &World| -> Vec<String> {
        cooperation_overview(&w.store, today())
            .unwrap()
            .duties
            .into_iter()
            .filter(|d| d.status != "done")
            .map(|d| d.kind)
            .collect()
    };
    assert!(open(&w).contains(&"leader_meeting_autumn".to_string()));
    let leader = MeetingForm {
        kind: "leader".into(),
        date: "10.11.2026".into(),
        revises_agreement: true,
        ..MeetingForm::default()
    };
    let id = save(&mut w.store, None, &leader).unwrap().id.unwrap();
    assert!(
        open(&w).contains(&"leader_meeting_autumn".to_string()),
        "a planned meeting should not close the duty"
    );
    w.store.complete_meeting(id, today()).unwrap();
    let still_open = open(&w);
    assert!(
        !still_open.contains(&"leader_meeting_autumn".to_string())
            && !still_open.contains(&"agreement_revision".to_string()),
        "recording the leader meeting should close the autumn meeting and the revision: {still_open:?}"
    );
    assert!(
        still_open.contains(&"routine_evaluation".to_string()),
        "the routines were not evaluated, so that duty stays open"
    );
}

#[test]
fn a_membership_is_ended_only_through_its_own_participant() {
    let mut w = world();
    let p = w.participant;
    let membership = add_member(
        &mut w.store,
        p,
        &member(w.refugee_service, "fixed_contact", "01.10.2026"),
        today(),
    )
    .unwrap()
    .members[0]
        .id;
    let other = create(
        &mut w.store,
        &ParticipantForm {
            given_name: "Omar".into(),
            family_name: "Østby".into(),
            ..ParticipantForm::default()
        },
        today(),
    )
    .unwrap()
    .id;
    let before = team(&w.store, p).unwrap();
    // (case, participant id given, expected error code)
    let cases = [("another participant", other), ("no participant", 9_999)];
    for (case, participant) in cases {
        let refused = end_membership(&mut w.store, participant, membership, "21.11.2026", today());
        assert_eq!(
            refused.map(|_| ()).unwrap_err().code,
            "not_found",
            "{case}: ending someone else's membership should be refused"
        );
        assert_eq!(
            team(&w.store, p).unwrap(),
            before,
            "{case}: a refused end should leave the team as it was"
        );
    }
}

#[test]
fn an_oversized_origin_is_refused_whole_and_nothing_is_written() {
    let mut w = world();
    let with_origin = |w: &World, origin: &str| {
        let mut form = triangle(w, true);
        form.agenda[0].origin = origin.to_string();
        form
    };
    let fits = "ø".repeat(MAX_ORIGIN);
    let form = with_origin(&w, &fits);
    let saved = save(&mut w.store, None, &form).unwrap();
    let id = saved.id.unwrap();
    assert_eq!(
        meeting(&w.store, id).unwrap().agenda[0].origin,
        fits,
        "an origin at the limit is kept whole"
    );
    // (meeting to save, origin): a new meeting and a change to the saved one.
    let too_long = "x".repeat(MAX_ORIGIN + 1);
    let huge = format!("deadline:{}", "9".repeat(10_000));
    let cases: &[(Option<i64>, &str)] = &[
        (None, &too_long),
        (Some(id), &too_long),
        (None, &huge),
        (Some(id), &huge),
    ];
    for (target, origin) in cases {
        let before = w.store.dump_for_tests().unwrap();
        let form = with_origin(&w, origin);
        let error = save(&mut w.store, *target, &form).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.field.as_deref()),
            ("too_long", Some("agenda")),
            "{target:?}, {} characters",
            origin.chars().count()
        );
        assert!(
            error.message.contains(&MAX_ORIGIN.to_string()),
            "the message names the limit: {}",
            error.message
        );
        assert_eq!(
            w.store.dump_for_tests().unwrap(),
            before,
            "{target:?}: a refused save writes nothing, cut or whole"
        );
    }
}

#[test]
fn completed_minutes_are_locked_until_reopened_with_a_reason_and_exports_name_their_version() {
    let mut w = world();
    let id = save_triangle(&mut w, None, true).unwrap().id.unwrap();
    w.store.complete_meeting(id, today()).unwrap();
    let now = today().and_hms_opt(10, 30, 0).unwrap();
    let nav = parse_sharing("nav", "integreringsloven_41").unwrap();
    let archive = parse_sharing("archive", "").unwrap();
    for choice in [nav, archive] {
        let (_, name, _) =
            minutes_pdf(&w.store, id, choice, offset(now), Language::Bokmal, false).unwrap();
        assert!(name.ends_with("versjon 1.pdf"), "{name}");
        w.store.log_sharing(id, now, choice, &name).unwrap();
    }
    let filed = meeting(&w.store, id).unwrap();
    assert_eq!(filed.minutes_version, 1);
    assert!(
        filed.older_copies.is_empty(),
        "nobody holds an older version yet"
    );

    // A completed meeting cannot be saved: the record stays as filed.
    let mut changed = triangle(&w, true);
    changed.place = "Biblioteket".into();
    let error = save(&mut w.store, Some(id), &changed).unwrap_err();
    assert_eq!(error.code, "meeting_locked", "{error:?}");
    assert_eq!(
        meeting(&w.store, id).unwrap().place,
        "Rådhuset",
        "nothing changed"
    );

    // Reopening needs a reason; without one nothing changes.
    for reason in ["", "   "] {
        let error = w.store.reopen_meeting(id, reason, now).unwrap_err();
        assert_eq!(introspor_app::error::IpcError::from(error).code, "required");
    }
    let too_long = "x".repeat(1001);
    assert!(w.store.reopen_meeting(id, &too_long, now).is_err());
    assert_eq!(
        meeting(&w.store, id).unwrap().completed_on,
        filed.completed_on
    );

    let later = now + chrono::Duration::days(2);
    w.store
        .reopen_meeting(id, "  Feil sted i referatet ", later)
        .unwrap();
    let reopened = meeting(&w.store, id).unwrap();
    assert_eq!(reopened.completed_on, "", "reopened");
    assert_eq!(reopened.minutes_version, 2);
    assert_eq!(reopened.reopenings.len(), 1);
    assert_eq!(reopened.reopenings[0].reason, "Feil sted i referatet");
    assert_eq!(reopened.reopenings[0].version_before, 1);
    let holders: Vec<_> = reopened
        .older_copies
        .iter()
        .map(|c| (c.recipient.as_str(), c.version))
        .collect();
    assert_eq!(holders, [("archive", 1), ("nav", 1)], "both hold version 1");
    assert!(
        w.store.reopen_meeting(id, "igjen", later).is_err(),
        "an open meeting cannot be reopened"
    );

    // Corrected, completed and sent again: the archive still has version 1.
    save(&mut w.store, Some(id), &changed).unwrap();
    w.store.complete_meeting(id, today()).unwrap();
    let (pdf, name, _) =
        minutes_pdf(&w.store, id, nav, offset(later), Language::Bokmal, false).unwrap();
    assert!(name.ends_with("NAV – versjon 2.pdf"), "{name}");
    assert!(pdf.starts_with(b"%PDF-"));
    let facts = minutes(
        &w.store,
        id,
        Recipient::Nav,
        None,
        offset(later),
        Language::Bokmal,
    )
    .unwrap();
    let version = facts
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Facts { rows } => rows
                .iter()
                .find(|(label, _)| label == "Referatversjon")
                .map(|(_, v)| v.clone()),
            _ => None,
        })
        .expect("the minutes state their version");
    assert_eq!(version, "2, rettet 24.11.2026 (erstatter versjon 1)");
    w.store.log_sharing(id, later, nav, &name).unwrap();
    let sent = meeting(&w.store, id).unwrap();
    let holders: Vec<_> = sent
        .older_copies
        .iter()
        .map(|c| (c.recipient.as_str(), c.version))
        .collect();
    assert_eq!(holders, [("archive", 1)], "only the archive is behind");
    assert_eq!(sent.sharing[0].minutes_version, 2);
}

#[test]
fn a_new_register_shows_no_duty_overdue_from_before_it_existed() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(introspor_core::store::DATABASE_FILE_NAME);
    let key = introspor_core::store::key::DatabaseKey::from_bytes([3; 32]);
    let mut store = Store::open(&path, key.clone()).unwrap();
    assert_eq!(
        store.register_first_day().unwrap(),
        None,
        "a fresh register has no first day until it is started"
    );
    let first = day(2026, 3, 10);
    assert_eq!(store.note_register_first_day(first).unwrap(), first);
    let shown = |store: &Store, today| -> Vec<(String, String, String)> {
        cooperation_overview(store, today)
            .unwrap()
            .duties
            .into_iter()
            .map(|d| (d.kind, d.due, d.status))
            .collect()
    };
    let row = |kind: &str, due: &str, status: &str| (kind.into(), due.into(), status.into());
    // Last autumn's leader meeting, last year's revision and evaluation and
    // February's NIR catch-up all ended before the register existed.
    assert_eq!(
        shown(&store, first),
        [
            row("leader_meeting_spring", "30.06.2026", "open"),
            row("agreement_revision", "31.12.2026", "open"),
            row("routine_evaluation", "31.12.2026", "open"),
        ],
        "a new register should owe only the periods it covers"
    );

    // Opened again in July: the first day stays, and the first period the
    // register covered has fallen due without its leader meeting.
    store.close().unwrap();
    let mut store = Store::open(&path, key).unwrap();
    let july = day(2026, 7, 2);
    assert_eq!(store.note_register_first_day(july).unwrap(), first);
    assert_eq!(
        shown(&store, july),
        [
            row("leader_meeting_spring", "30.06.2026", "overdue"),
            row("agreement_revision", "31.12.2026", "open"),
            row("leader_meeting_autumn", "31.12.2026", "open"),
            row("routine_evaluation", "31.12.2026", "open"),
        ],
        "the first duty falls due in the first period the register covers"
    );
}

#[test]
fn the_shell_records_the_first_day_when_it_opens_a_register() {
    let store = Store::open_in_memory().unwrap();
    let store = introspor_app::prepare_store(store, None).unwrap();
    assert!(
        store.register_first_day().unwrap().is_some(),
        "opening a register should record its first day"
    );
}

#[test]
fn contacts_are_found_by_folded_words_of_name_title_or_organisation_a_page_at_a_time() {
    let mut w = world();
    let names = |page: &introspor_app::transport::teams::ContactPageDto| -> Vec<String> {
        page.rows.iter().map(|c| c.name.clone()).collect()
    };
    assert_eq!(
        names(&find_contacts(&w.store, "", 200).unwrap()),
        ["Kari Saksbehandler", "Lærer Lund", "Nora Navesen"],
        "no search: every current contact, in name order"
    );
    assert_eq!(
        names(&find_contacts(&w.store, "NORA", 200).unwrap()),
        ["Nora Navesen"]
    );
    assert_eq!(
        names(&find_contacts(&w.store, "laerer", 200).unwrap()),
        ["Lærer Lund"],
        "æ is found as ae"
    );
    assert_eq!(
        names(&find_contacts(&w.store, "fjordvik", 200).unwrap()),
        ["Nora Navesen"],
        "the organisation's name is searched too"
    );
    assert_eq!(
        names(&find_contacts(&w.store, "kari flyktning", 200).unwrap()),
        ["Kari Saksbehandler"],
        "every word must match"
    );
    assert!(
        find_contacts(&w.store, "50%_", 200)
            .unwrap()
            .rows
            .is_empty(),
        "LIKE's wildcards are literal"
    );
    let page = find_contacts(&w.store, "", 2).unwrap();
    assert_eq!(page.rows.len(), 2);
    assert!(page.more, "a third contact matches");
    assert!(!find_contacts(&w.store, "", 3).unwrap().more);

    // Renaming the organisation renames it in the search too.
    w.store
        .save_organisation(
            Some(w.nav_office),
            &OrganisationDraft {
                name: "NAV Havbyen".into(),
                kind: OrganisationKind::NavOffice,
            },
        )
        .unwrap();
    assert!(find_contacts(&w.store, "fjordvik", 200)
        .unwrap()
        .rows
        .is_empty());
    assert_eq!(
        names(&find_contacts(&w.store, "havbyen", 200).unwrap()),
        ["Nora Navesen"]
    );
}

/// A participant's copy of an information meeting names only that
/// participant, the others as a count; the caseworker must say whose copy
/// it is, and the sharing log records it. Once the meeting records that
/// they agreed to be named, every copy names them all.
#[test]
fn each_participants_copy_of_a_meeting_about_several_names_only_them() {
    let mut w = world();
    let mut others = Vec::new();
    for (given, family) in [("Bashir", "Ødegaard"), ("Chen", "Lund")] {
        let form = ParticipantForm {
            given_name: given.into(),
            family_name: family.into(),
            birth_date: "02.03.1990".into(),
            settlement_date: "01.10.2026".into(),
            ..ParticipantForm::default()
        };
        others.push(create(&mut w.store, &form, today()).unwrap().id);
    }
    let mut form = triangle(&w, true);
    form.kind = "information".into();
    form.participants = [w.participant, others[0], others[1]]
        .iter()
        .map(|&id| AttendanceForm {
            id,
            present: id != others[1],
        })
        .collect();
    let id = save(&mut w.store, None, &form).unwrap().id.unwrap();
    w.store.complete_meeting(id, today()).unwrap();
    let now = today().and_hms_opt(11, 0, 0).unwrap();
    let own = parse_sharing("participant", "integreringsloven_41").unwrap();

    let refused = minutes_pdf(&w.store, id, own, offset(now), Language::Bokmal, false).unwrap_err();
    assert_eq!(
        (refused.code.as_str(), refused.field.as_deref()),
        ("required", Some("copyFor")),
        "{refused:?}"
    );
    assert!(
        refused.message.contains("hvilken deltaker"),
        "{}",
        refused.message
    );
    let stranger = introspor_core::domain::meeting::SharingChoice {
        copy_for: Some(999_999),
        ..own
    };
    assert!(
        minutes_pdf(&w.store, id, stranger, offset(now), Language::Bokmal, false).is_err(),
        "a copy for someone the meeting does not concern is refused"
    );

    let for_bashir = introspor_core::domain::meeting::SharingChoice {
        copy_for: Some(others[0]),
        ..own
    };
    let (pdf, name, logged) = minutes_pdf(
        &w.store,
        id,
        for_bashir,
        offset(now),
        Language::Bokmal,
        false,
    )
    .unwrap();
    assert_eq!(logged.copy_for, Some(others[0]));
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("bashir.pdf");
    std::fs::write(&path, pdf).unwrap();
    let checked = support::pdfa::check_pdf_a(&path);
    let text = checked
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Bashir Ødegaard, født 02.03.1990"), "{text}");
    assert!(!text.contains("Amina") && !text.contains("Chen"), "{text}");
    assert!(
        text.contains("2 andre deltakere, ikke navngitt i denne kopien"),
        "{text}"
    );
    assert!(
        !text.contains("Sykmeldt"),
        "a note about several stays withheld"
    );
    w.store.log_sharing(id, now, logged, &name).unwrap();
    let log = w.store.sharing_log(None, Some(id)).unwrap();
    assert_eq!(log[0].copy_for.as_deref(), Some("Bashir Ødegaard"));

    // The archive's copy names everyone.
    let archive = parse_sharing("archive", "").unwrap();
    let all = minutes(
        &w.store,
        id,
        Recipient::Archive,
        None,
        offset(now),
        Language::Bokmal,
    )
    .unwrap();
    let shown = format!("{:?}", all.blocks);
    assert!(shown.contains("Amina") && shown.contains("Bashir") && shown.contains("Chen"));
    assert!(minutes_pdf(&w.store, id, archive, offset(now), Language::Bokmal, false).is_ok());

    // Agreed to be named: reopened, recorded, completed again.
    w.store
        .reopen_meeting(id, "Samtykke til navngiving", now)
        .unwrap();
    form.participants_may_be_named = true;
    save(&mut w.store, Some(id), &form).unwrap();
    w.store.complete_meeting(id, today()).unwrap();
    let named = minutes(
        &w.store,
        id,
        Recipient::Participant,
        Some(others[0]),
        offset(now),
        Language::Bokmal,
    )
    .unwrap();
    let shown = format!("{:?}", named.blocks);
    assert!(
        shown.contains("Amina") && shown.contains("Chen") && !shown.contains("ikke navngitt"),
        "{shown}"
    );
}
