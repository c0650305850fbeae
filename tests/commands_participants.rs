//! Integration tests of the participant commands as the window calls them,
//! without a window: form in, transport type or IPC error out.

use chrono::NaiveDate;
use introspor_app::commands::participants::{create, get, list, set_archived, update};
use introspor_app::transport::ParticipantQueryDto;
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn form() -> ParticipantForm {
    ParticipantForm {
        given_name: "Nadia".into(),
        family_name: "Prøvesen".into(),
        identity_number: "02013299997".into(),
        residence_permit_date: "10.05.2020".into(),
        arrival_date: "14.02.2022".into(),
        settlement_date: "01.03.2022".into(),
        permit_basis: "family_reunification".into(),
        ..ParticipantForm::default()
    }
}

#[test]
fn create_returns_the_participant_with_law_and_masked_number() {
    let mut store = Store::open_in_memory().unwrap();
    let dto = create(&mut store, &form(), today()).expect("a valid form is saved");
    assert_eq!(dto.masked_identity_number, "020132 *****");
    assert_eq!(
        dto.form.settlement_date, "01.03.2022",
        "dates come back as dd.mm.åååå"
    );
    assert_eq!(dto.law.effective, "integreringsloven");
    assert_eq!(
        dto.law.computed_reason,
        "Integreringsloven gjelder fordi personen søkte fra utlandet (familiegjenforening) og kom til Norge 14.02.2022, fra og med 01.01.2021 (integreringsforskriften § 72)."
    );
    let json = serde_json::to_value(&dto).unwrap();
    assert_eq!(
        json["givenName"], "Nadia",
        "the form is flattened in camelCase"
    );
    assert_eq!(
        json["law"]["computedReason"].as_str().unwrap(),
        dto.law.computed_reason
    );
}

#[test]
fn invalid_input_is_refused_per_field_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let mut bad = form();
    bad.identity_number = "02013299998".into();
    bad.settlement_date = "31.02.2022".into();
    let error = create(&mut store, &bad, today()).unwrap_err();
    assert_eq!(
        error.code, "validation",
        "several problems give the summary code"
    );
    assert_eq!(error.field.as_deref(), Some("identityNumber"));
    let fields: Vec<(&str, &str)> = error
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("identityNumber", "identity_number_checksum"),
            ("settlementDate", "invalid_date")
        ]
    );
    assert!(
        error.fields.iter().all(|f| !f.message.is_empty()),
        "every field error has a message"
    );
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(
        json["fields"][0]["message"],
        "Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig."
    );
    assert!(
        list(&store, &ParticipantQueryDto::default())
            .unwrap()
            .rows
            .is_empty(),
        "nothing may be saved"
    );
}

#[test]
fn one_bad_field_gives_its_own_code() {
    let mut store = Store::open_in_memory().unwrap();
    let mut bad = form();
    bad.identity_number = "0201329999".into();
    let error = create(&mut store, &bad, today()).unwrap_err();
    assert_eq!(error.code, "identity_number_length");
    assert_eq!(error.field.as_deref(), Some("identityNumber"));
}

#[test]
fn duplicate_number_is_refused_with_a_field_error() {
    let mut store = Store::open_in_memory().unwrap();
    create(&mut store, &form(), today()).unwrap();
    let error = create(&mut store, &form(), today()).unwrap_err();
    assert_eq!(error.code, "duplicate_identity_number");
    assert_eq!(error.field.as_deref(), Some("identityNumber"));
    assert_eq!(
        error.fields.len(),
        1,
        "the UI shows it beside the number field"
    );
}

#[test]
fn edit_archive_restore_and_list_filters() {
    let mut store = Store::open_in_memory().unwrap();
    let created = create(&mut store, &form(), today()).unwrap();
    let mut edited = form();
    edited.law_override = "introduksjonsloven".into();
    edited.law_override_reason = "Særskilt vedtak.".into();
    let dto = update(&mut store, created.id, &edited, today()).unwrap();
    assert_eq!(dto.law.effective, "introduksjonsloven");
    assert!(dto.law.overridden);
    assert_eq!(
        dto.law.computed, "integreringsloven",
        "the computed law stays visible beside the override"
    );

    let archived = set_archived(&mut store, created.id, true).unwrap();
    assert!(archived.archived);
    assert_eq!(
        archived.archived_on.len(),
        10,
        "archive date is shown as dd.mm.åååå"
    );
    let register = list(&store, &ParticipantQueryDto::default()).unwrap();
    assert!(
        register.rows.is_empty(),
        "archived participants leave the register"
    );
    let archive = list(
        &store,
        &ParticipantQueryDto {
            archived: true,
            ..ParticipantQueryDto::default()
        },
    )
    .unwrap()
    .rows;
    assert_eq!(archive.len(), 1);
    assert_eq!(archive[0].law, "introduksjonsloven");
    assert!(archive[0].law_overridden);

    set_archived(&mut store, created.id, false).unwrap();
    assert!(!get(&store, created.id).unwrap().archived);
}

#[test]
fn unknown_filter_values_are_refused() {
    let store = Store::open_in_memory().unwrap();
    for (query, field) in [
        (
            ParticipantQueryDto {
                status: "sleeping".into(),
                ..Default::default()
            },
            "status",
        ),
        (
            ParticipantQueryDto {
                law: "grunnloven".into(),
                ..Default::default()
            },
            "law",
        ),
        (
            ParticipantQueryDto {
                sort: "age".into(),
                ..Default::default()
            },
            "sort",
        ),
    ] {
        let error = list(&store, &query).unwrap_err();
        assert_eq!(error.code, "invalid_choice");
        assert_eq!(
            error.field.as_deref(),
            Some(field),
            "the refused parameter is named"
        );
    }
}

#[test]
fn long_lists_come_in_pages_with_the_total() {
    let mut store = Store::open_in_memory().unwrap();
    for i in 0..5 {
        let mut f = form();
        f.identity_number.clear();
        f.given_name = format!("Person{i}");
        create(&mut store, &f, today()).unwrap();
    }
    let page = list(
        &store,
        &ParticipantQueryDto {
            limit: Some(2),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.rows.len(), 2, "the page holds at most the limit");
    assert!(page.more, "the page says that more participants follow");
    let exact = list(
        &store,
        &ParticipantQueryDto {
            limit: Some(5),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (exact.rows.len(), exact.more),
        (5, false),
        "a page that holds everyone has no more"
    );
    let all = list(&store, &ParticipantQueryDto::default()).unwrap();
    assert_eq!((all.rows.len(), all.more), (5, false));
}

#[test]
fn missing_participant_is_a_clear_error() {
    let store = Store::open_in_memory().unwrap();
    let error = get(&store, 99).unwrap_err();
    assert_eq!(error.code, "not_found");
    assert!(
        error.message.contains("Fant ikke"),
        "the message is Norwegian: {}",
        error.message
    );
}
