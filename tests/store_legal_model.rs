//! Integration tests of the legal model through the commands the window
//! calls: extension decisions (stored, audited, refused when out of range
//! or before the start, moving the end and clearing the warning), the
//! warnings on the overview, the yearly NIR check, and the rule table.

use chrono::NaiveDate;
use introspor_app::commands::deadlines::{for_participant, mark_done, overview};
use introspor_app::commands::participants::{create, update};
use introspor_app::commands::rules::{
    add_extension, delete_extension, set_nir_check, statutory_rules,
};
use introspor_app::transport::ParticipantDeadlinesDto;
use introspor_core::domain::deadline_forms::ExtensionForm;
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::domain::statute::RULES;
use introspor_core::store::audit::AuditFilter;
use introspor_core::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

/// Educated, integreringsloven, started 01.02.2026 with a 12-month plan:
/// twice the 6-month frame.
fn form() -> ParticipantForm {
    ParticipantForm {
        given_name: "Nadia".into(),
        family_name: "Prøvesen".into(),
        residence_permit_date: "01.09.2025".into(),
        permit_basis: "resettlement".into(),
        settlement_date: "01.11.2025".into(),
        status: "active".into(),
        final_goal: "work".into(),
        education: "upper_secondary_or_higher".into(),
        planned_length_months: "12".into(),
        programme_start_date: "01.02.2026".into(),
        ..ParticipantForm::default()
    }
}

fn deadline(t: &ParticipantDeadlinesDto, kind: &str) -> Option<(String, String)> {
    t.deadlines
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| (d.due.clone(), d.status.clone()))
}

fn codes(t: &ParticipantDeadlinesDto) -> Vec<String> {
    t.warnings.iter().map(|w| w.code.clone()).collect()
}

fn extension(decided: &str, months: &str) -> ExtensionForm {
    ExtensionForm {
        decided: decided.into(),
        months: months.into(),
        reason: "Forventes å nå sluttmålet.".into(),
    }
}

fn audit_entities(store: &Store) -> Vec<(String, String)> {
    store
        .audit_events(&AuditFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| (e.entity_type, e.action))
        .collect()
}

#[test]
fn an_extension_moves_the_end_clears_the_warning_and_is_audited() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    let before = for_participant(&store, p.id, today()).unwrap();
    assert_eq!(
        deadline(&before, "programme_end").map(|d| d.0),
        Some("31.07.2026".into()),
        "capped at the frame: 01.02.2026 + 6 months − 1 day"
    );
    assert_eq!(
        deadline(&before, "nav_handover").map(|d| d.0),
        Some("30.04.2026".into())
    );
    assert_eq!(
        deadline(&before, "extension_decision"),
        Some(("31.07.2026".into(), "open".into()))
    );
    assert_eq!(codes(&before), vec!["plan_exceeds_statutory_frame"]);
    let warning = &before.warnings[0];
    assert!(warning.reference.contains("§ 13 andre ledd"), "{warning:?}");
    assert!(warning.source_url.starts_with("https://"), "{warning:?}");
    let listed = overview(&store, today()).unwrap();
    assert_eq!(listed.warnings.len(), 1, "the overview lists the warning");
    assert_eq!(listed.warnings[0].participant_id, p.id);

    let after = add_extension(&mut store, p.id, &extension("10.03.2026", "6"), today()).unwrap();
    assert_eq!(
        deadline(&after, "programme_end").map(|d| d.0),
        Some("31.01.2027".into()),
        "the plan's 12 months, now covered by the decision"
    );
    assert_eq!(
        deadline(&after, "extension_decision"),
        Some(("31.07.2026".into(), "done".into()))
    );
    assert!(codes(&after).is_empty(), "no warning: {:?}", after.warnings);
    assert_eq!(after.extensions.len(), 1);
    assert_eq!(after.extensions[0].decided, "10.03.2026");
    assert!(overview(&store, today()).unwrap().warnings.is_empty());
    assert!(
        audit_entities(&store).contains(&("programme_extension".into(), "create".into())),
        "the decision is in the audit trail"
    );

    // Deleting it (recorded in error) brings the cap and the warning back.
    let id = after.extensions[0].id;
    let back = delete_extension(&mut store, p.id, id, today()).unwrap();
    assert_eq!(
        deadline(&back, "programme_end").map(|d| d.0),
        Some("31.07.2026".into())
    );
    assert_eq!(codes(&back), vec!["plan_exceeds_statutory_frame"]);
    assert!(audit_entities(&store).contains(&("programme_extension".into(), "delete".into())));
}

#[test]
fn a_bad_extension_is_refused_with_its_field_and_nothing_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let p = create(&mut store, &form(), today()).unwrap();
    // (decided, months, field, code)
    let cases = [
        ("", "6", "decided", "required"),
        ("31.02.2026", "6", "decided", "invalid_date"),
        ("16.03.2026", "6", "decided", "date_in_future"),
        ("10.03.2026", "0", "months", "months_out_of_range"),
        ("10.03.2026", "25", "months", "months_out_of_range"),
        ("10.03.2026", "seks", "months", "months_out_of_range"),
        ("31.01.2026", "6", "decided", "extension_before_start"),
    ];
    for (decided, months, field, code) in cases {
        let error = add_extension(&mut store, p.id, &extension(decided, months), today())
            .expect_err("refused");
        let fields: Vec<(String, String)> = error
            .fields
            .iter()
            .map(|f| (f.field.to_string(), f.code.to_string()))
            .collect();
        assert!(
            fields.contains(&(field.to_string(), code.to_string())),
            "{decided:?}/{months:?}: expected {field}/{code}, got {fields:?} ({error:?})"
        );
    }
    let timeline = for_participant(&store, p.id, today()).unwrap();
    assert!(timeline.extensions.is_empty(), "nothing was stored");
    assert_eq!(
        deadline(&timeline, "programme_end").map(|d| d.0),
        Some("31.07.2026".into())
    );
    // The extension deadline is closed by the decision, not by a date.
    let error = mark_done(
        &mut store,
        p.id,
        "extension_decision",
        None,
        "10.03.2026",
        today(),
    )
    .expect_err("refused");
    assert_eq!(error.fields[0].code, "closed_by_extension");
}

#[test]
fn education_and_the_plan_move_the_frame_and_the_warnings() {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = form();
    f.education = "unknown".into();
    f.planned_length_months = String::new();
    let p = create(&mut store, &f, today()).unwrap();
    let unknown = for_participant(&store, p.id, today()).unwrap();
    assert_eq!(codes(&unknown), vec!["education_unknown"]);
    assert_eq!(
        deadline(&unknown, "programme_end").map(|d| d.0),
        Some("31.01.2027".into()),
        "the default for work (12 months), no cap"
    );

    f.education = "below_upper_secondary".into();
    f.birth_date = "01.01.1990".into();
    f.planned_length_months = "30".into();
    update(&mut store, p.id, &f, today()).unwrap();
    let below = for_participant(&store, p.id, today()).unwrap();
    assert_eq!(
        deadline(&below, "programme_end").map(|d| d.0),
        Some("31.01.2028".into()),
        "capped at two years for an adult without upper secondary"
    );
    assert_eq!(codes(&below), vec!["plan_exceeds_statutory_frame"]);

    f.final_goal = "upper_secondary".into();
    update(&mut store, p.id, &f, today()).unwrap();
    let track = for_participant(&store, p.id, today()).unwrap();
    assert_eq!(
        deadline(&track, "programme_end").map(|d| d.0),
        Some("31.07.2028".into()),
        "the upper-secondary goal gives three years, so 30 months fit"
    );
    assert!(codes(&track).is_empty());
}

#[test]
fn collective_protection_is_chapter_6a_without_livsmestring() {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = form();
    f.permit_basis = "collective_protection".into();
    f.has_or_expects_children = true;
    f.norwegian_training_start = "01.02.2026".into();
    let p = create(&mut store, &f, today()).unwrap();
    assert_eq!(p.law.effective, "integreringsloven_6a");
    let timeline = for_participant(&store, p.id, today()).unwrap();
    let kinds: Vec<&str> = timeline.deadlines.iter().map(|d| d.kind.as_str()).collect();
    for absent in ["livsmestring", "career_guidance"] {
        assert!(!kinds.contains(&absent), "{absent} under 6A: {kinds:?}");
    }
    assert!(
        kinds.contains(&"competence_mapping"),
        "owed by those settled who take part"
    );
    assert!(kinds.contains(&"parental_guidance"), "still owed under 6A");
    assert_eq!(
        deadline(&timeline, "norwegian_training").map(|d| d.0),
        Some("31.01.2027".into()),
        "12 months from the start of training"
    );
    assert!(codes(&timeline).contains(&"statutory_frame_unknown".to_string()));
    assert!(
        codes(&timeline).contains(&"collective_protection_ends".to_string()),
        "within half a year of 01.07.2026"
    );
}

#[test]
fn the_nir_check_closes_its_year_and_refuses_what_cannot_be() {
    let mut store = Store::open_in_memory().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
    let duty = |store: &Store| {
        store
            .organisation_duties(day)
            .unwrap()
            .into_iter()
            .find(|d| d.data_year == Some(2025))
            .expect("the catch-up for 2025 is shown")
    };
    let open = duty(&store);
    assert_eq!(open.due, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    assert!(open.done_by.is_none());

    let refused =
        set_nir_check(&mut store, 2026, "20.01.2026", day).expect_err("2026 has not ended");
    assert_eq!(refused.fields[0].code, "nir_year_not_ended");
    let refused = set_nir_check(&mut store, 2025, "21.01.2026", day).expect_err("future");
    assert_eq!(refused.fields[0].code, "date_in_future");

    set_nir_check(&mut store, 2025, "20.01.2026", day).unwrap();
    assert_eq!(
        duty(&store).done_by.map(|d| d.on),
        NaiveDate::from_ymd_opt(2026, 1, 20)
    );
    let again = set_nir_check(&mut store, 2025, "20.01.2026", day).expect_err("done already");
    assert_eq!(again.fields[0].code, "already_done");
    assert!(audit_entities(&store).contains(&("nir_annual_check".into(), "create".into())));

    set_nir_check(&mut store, 2025, "", day).unwrap();
    assert!(duty(&store).done_by.is_none(), "taken back");
    assert!(audit_entities(&store).contains(&("nir_annual_check".into(), "reopen".into())));
}

#[test]
fn the_rule_table_reaches_the_window_whole() {
    let rules = statutory_rules();
    assert_eq!(rules.len(), RULES.len());
    assert!(rules
        .iter()
        .all(|r| !r.reference.is_empty() && !r.source_url.is_empty()));
    assert!(
        rules.iter().any(|r| !r.verified && !r.note.is_empty()),
        "unverified values are sent with what is uncertain"
    );
    let frame = rules
        .iter()
        .find(|r| r.key == "programme_frame" && r.group == "upper_secondary_or_higher")
        .expect("the educated frame");
    assert_eq!((frame.unit.as_str(), frame.value.as_str()), ("months", "6"));
}
