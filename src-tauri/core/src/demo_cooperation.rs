//! Demo data for cooperation: a letterhead, partner organisations, invented
//! contacts, teams for the demo participants (some deliberately incomplete,
//! so the warnings show) and meetings with minutes, in the language the
//! demo is seeded in.

use crate::demo::text;
use crate::domain::calendar::add_days;
use crate::domain::meeting::{
    ActionItemForm, AgendaItemForm, AttendanceForm, LegalBasis, MeetingForm, Recipient,
    SharingChoice,
};
use crate::domain::minutes::Letterhead;
use crate::domain::team::{
    ContactDraft, MembershipDraft, OrganisationDraft, OrganisationKind, TeamRole,
};
use crate::error::CoreResult;
use crate::language::Language;
use crate::store::Store;
use chrono::NaiveDate;

fn organisation(store: &mut Store, name: &str, kind: OrganisationKind) -> CoreResult<i64> {
    store.save_organisation(
        None,
        &OrganisationDraft {
            name: name.into(),
            kind,
        },
    )
}

fn contact(
    store: &mut Store,
    name: &str,
    organisation_id: i64,
    title: &str,
    language: Language,
) -> CoreResult<i64> {
    store.save_contact(
        None,
        &ContactDraft {
            name: name.into(),
            organisation_id,
            title: title.into(),
            phone: "55 00 00 00".into(),
            email: String::new(),
            notes: crate::demo::fictional_note(language).into(),
        },
    )
}

fn date(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// Writes the demo municipality's letterhead with `language` as its
/// written language.
pub(crate) fn seed_letterhead(store: &mut Store, language: Language) -> CoreResult<()> {
    store.save_letterhead(&Letterhead {
        municipality: text(language, "demo.municipality").into(),
        service: text(language, "demo.service").into(),
        caseworker: "Kari Fjeld".into(),
        written_language: language,
    })
}

/// Seeds cooperation data around the demo participants `ids` (in the demo's
/// order; archived ones included, and left without a team), in `language`.
pub(crate) fn seed_cooperation(
    store: &mut Store,
    ids: &[i64],
    today: NaiveDate,
    language: Language,
) -> CoreResult<()> {
    let t = |key: &str| text(language, key);
    let nav = organisation(
        store,
        t("demo.organisation.nav"),
        OrganisationKind::NavOffice,
    )?;
    let old_nav = organisation(
        store,
        t("demo.organisation.oldNav"),
        OrganisationKind::NavOffice,
    )?;
    let school = organisation(
        store,
        t("demo.organisation.adultEducation"),
        OrganisationKind::AdultEducation,
    )?;
    let health = organisation(
        store,
        t("demo.organisation.health"),
        OrganisationKind::HealthService,
    )?;
    let service = organisation(
        store,
        t("demo.organisation.refugeeService"),
        OrganisationKind::RefugeeService,
    )?;
    let career = organisation(
        store,
        t("demo.organisation.careerCentre"),
        OrganisationKind::CareerCentre,
    )?;
    organisation(
        store,
        t("demo.organisation.interpreters"),
        OrganisationKind::InterpreterService,
    )?;

    let kari = contact(
        store,
        "Kari Fjeld",
        service,
        t("demo.title.programmeAdviser"),
        language,
    )?;
    let jonas = contact(
        store,
        "Jonas Strand",
        service,
        t("demo.title.programmeAdviser"),
        language,
    )?;
    let nora = contact(store, "Nora Vik", nav, t("demo.title.navAdvisor"), language)?;
    let per = contact(
        store,
        "Per Gammel",
        old_nav,
        t("demo.title.navAdvisor"),
        language,
    )?;
    let lars = contact(
        store,
        "Lars Lærum",
        school,
        t("demo.title.contactTeacher"),
        language,
    )?;
    let helga = contact(
        store,
        "Helga Helseth",
        health,
        t("demo.title.healthNurse"),
        language,
    )?;
    let karl = contact(
        store,
        "Karl Kvamme",
        career,
        t("demo.title.careerAdvisor"),
        language,
    )?;
    let leader_nav = contact(
        store,
        "Line Leder",
        nav,
        t("demo.title.departmentHead"),
        language,
    )?;
    let leader_service = contact(
        store,
        "Leif Leder",
        service,
        t("demo.title.unitHead"),
        language,
    )?;

    let joined = add_days(today, -120);
    let add = |store: &mut Store, participant: usize, contact_id: i64, role: TeamRole| {
        store.add_team_member(
            ids[participant],
            &MembershipDraft {
                contact_id,
                role,
                joined_on: joined,
            },
        )
    };
    // Participants 0–9 get teams. Participant 3 has no fixed contact person,
    // participant 5 no NAV advisor, and participant 8's NAV advisor belongs
    // to an office that has since closed: each shows its warning.
    for participant in 0..10 {
        if participant != 3 {
            let fixed = if participant % 2 == 0 { kari } else { jonas };
            add(store, participant, fixed, TeamRole::FixedContact)?;
        }
        match participant {
            5 => {}
            8 => {
                add(store, participant, per, TeamRole::NavAdvisor)?;
            }
            _ => {
                add(store, participant, nora, TeamRole::NavAdvisor)?;
            }
        }
        add(store, participant, lars, TeamRole::ContactTeacher)?;
    }
    add(store, 0, helga, TeamRole::HealthContact)?;
    add(store, 1, karl, TeamRole::CareerAdvisor)?;
    store.set_organisation_deleted(old_nav, true)?;

    let attend = |id: i64, present: bool| AttendanceForm { id, present };
    // A triangle meeting held last week, with a sensitive note and action items.
    let triangle = MeetingForm {
        kind: "triangle".into(),
        date: date(add_days(today, -7)),
        start_time: "09:00".into(),
        end_time: "10:00".into(),
        place: t("demo.triangle.place").into(),
        convened_by: Some(kari),
        participants: vec![attend(ids[0], true)],
        attendees: vec![attend(kari, true), attend(nora, true), attend(lars, false)],
        interpreter_used: true,
        interpreter_language: t("demo.language.arabic").into(),
        interpreter_needed: true,
        interpreting_mode: "in_person".into(),
        interpreter_qualification: "qualified".into(),
        interpreter_category: "b".into(),
        interpreter_adult: true,
        agenda: vec![
            AgendaItemForm {
                title: t("demo.triangle.languageTitle").into(),
                notes: t("demo.triangle.languageNotes").into(),
                ..AgendaItemForm::default()
            },
            AgendaItemForm {
                title: t("demo.triangle.healthTitle").into(),
                notes: t("demo.triangle.healthNotes").into(),
                sensitive: true,
                ..AgendaItemForm::default()
            },
            AgendaItemForm {
                title: t("demo.triangle.workTitle").into(),
                notes: t("demo.triangle.workNotes").into(),
                ..AgendaItemForm::default()
            },
        ],
        decisions: vec![t("demo.triangle.decision").into()],
        actions: vec![
            ActionItemForm {
                what: t("demo.triangle.findPlacement").into(),
                responsible: "Nora Vik".into(),
                due: date(add_days(today, 14)),
                ..ActionItemForm::default()
            },
            ActionItemForm {
                what: t("demo.triangle.bookInterpreter").into(),
                responsible: "Kari Fjeld".into(),
                due: date(add_days(today, 5)),
                ..ActionItemForm::default()
            },
        ],
        next_meeting_date: date(add_days(today, 35)),
        next_meeting_note: t("demo.triangle.nextMeeting").into(),
        minute_taker: "Kari Fjeld".into(),
        ..MeetingForm::default()
    };
    let draft = triangle.validate().map_err(crate::CoreError::from)?;
    let triangle_id = store.save_meeting(None, &draft)?;
    store.complete_meeting(triangle_id, today)?;
    store.log_sharing(
        triangle_id,
        add_days(today, -6)
            .and_hms_opt(14, 5, 0)
            .expect("valid time"),
        SharingChoice {
            recipient: Recipient::Archive,
            legal_basis: None,
            copy_for: None,
        },
        t("demo.triangle.sentToArchive"),
    )?;
    store.log_sharing(
        triangle_id,
        add_days(today, -6)
            .and_hms_opt(14, 7, 0)
            .expect("valid time"),
        SharingChoice {
            recipient: Recipient::Nav,
            legal_basis: Some(LegalBasis::IntegreringslovenSection41),
            copy_for: None,
        },
        t("demo.triangle.sentToNav"),
    )?;

    // A team meeting next week, planned.
    let team = MeetingForm {
        kind: "team".into(),
        date: date(add_days(today, 6)),
        start_time: "13:00".into(),
        place: t("demo.team.place").into(),
        convened_by: Some(jonas),
        participants: vec![attend(ids[1], false)],
        attendees: vec![
            attend(jonas, false),
            attend(nora, false),
            attend(lars, false),
            attend(karl, false),
        ],
        agenda: vec![AgendaItemForm {
            title: t("demo.team.agendaTitle").into(),
            ..AgendaItemForm::default()
        }],
        minute_taker: "Jonas Strand".into(),
        ..MeetingForm::default()
    };
    let draft = team.validate().map_err(crate::CoreError::from)?;
    store.save_meeting(None, &draft)?;

    // An information meeting about NAV's role, for several participants.
    let information = MeetingForm {
        kind: "information".into(),
        date: date(add_days(today, -30)),
        start_time: "10:00".into(),
        end_time: "11:30".into(),
        place: t("demo.information.place").into(),
        convened_by: Some(kari),
        participants: (0..6).map(|i| attend(ids[i], i != 4)).collect(),
        attendees: vec![attend(kari, true), attend(nora, true)],
        agenda: vec![AgendaItemForm {
            title: t("demo.information.agendaTitle").into(),
            notes: t("demo.information.agendaNotes").into(),
            ..AgendaItemForm::default()
        }],
        minute_taker: "Kari Fjeld".into(),
        ..MeetingForm::default()
    };
    let draft = information.validate().map_err(crate::CoreError::from)?;
    let information_id = store.save_meeting(None, &draft)?;
    store.complete_meeting(information_id, today)?;

    // The spring leader meeting was held; the autumn one is still due.
    let spring = MeetingForm {
        kind: "leader".into(),
        date: date(
            NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 3, 12)
                .expect("valid date")
                .min(today),
        ),
        place: t("demo.leader.place").into(),
        attendees: vec![attend(leader_nav, true), attend(leader_service, true)],
        agenda: vec![AgendaItemForm {
            title: t("demo.leader.agendaTitle").into(),
            notes: t("demo.leader.agendaNotes").into(),
            ..AgendaItemForm::default()
        }],
        evaluates_routines: true,
        minute_taker: "Leif Leder".into(),
        ..MeetingForm::default()
    };
    let draft = spring.validate().map_err(crate::CoreError::from)?;
    let spring_id = store.save_meeting(None, &draft)?;
    store.complete_meeting(spring_id, today)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::domain::team::TeamWarning;
    use crate::store::Store;
    use chrono::NaiveDate;

    #[test]
    fn demo_shows_every_team_warning_and_meetings_of_each_state() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::seed_demo(&mut store, today).unwrap();
        let warnings: Vec<TeamWarning> = store
            .team_warning_groups()
            .unwrap()
            .into_iter()
            .map(|g| g.warning)
            .collect();
        for warning in TeamWarning::ALL {
            assert!(
                warnings.contains(warning),
                "the demo should show the warning {}",
                warning.as_str()
            );
        }
        let meetings = store.meetings(None, 100).unwrap();
        assert_eq!(meetings.len(), 4, "the demo should hold four meetings");
        assert!(
            meetings.iter().any(|m| m.completed_on.is_none()),
            "one demo meeting should still be planned"
        );
        assert!(
            store
                .organisation_duties(today)
                .unwrap()
                .iter()
                .any(|d| d.done_by.is_none()),
            "an organisation duty should still be open in the demo"
        );
    }
}
