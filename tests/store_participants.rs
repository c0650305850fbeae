//! Integration tests of the participant store on a real temporary database file.

use chrono::NaiveDate;
use introspor_core::domain::law::Law;
use introspor_core::domain::participant::{ParticipantQuery, ParticipantSort, Status};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::key::DatabaseKey;
use introspor_core::store::key_store::MemoryKeyStore;
use introspor_core::store::opening::open_database;
use introspor_core::store::{latest_schema_version, DATABASE_FILE_NAME};
use introspor_core::{CoreError, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn form(given: &str, family: &str, number: &str) -> ParticipantForm {
    ParticipantForm {
        given_name: given.into(),
        family_name: family.into(),
        identity_number: number.into(),
        ..ParticipantForm::default()
    }
}

fn test_key() -> DatabaseKey {
    DatabaseKey::from_bytes([7; 32])
}

fn open_temp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join(DATABASE_FILE_NAME), test_key()).unwrap();
    (dir, store)
}

fn add(store: &mut Store, form: ParticipantForm) -> i64 {
    let details = form.validate(today()).expect("test form should be valid");
    store
        .create_participant(&details, today())
        .expect("create should succeed")
        .id
}

fn names(store: &Store, query: &ParticipantQuery) -> Vec<String> {
    store
        .participants(query)
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .collect()
}

#[test]
fn an_empty_database_is_migrated_to_the_latest_schema() {
    let (dir, store) = open_temp();
    assert_eq!(store.schema_version().unwrap(), latest_schema_version());
    assert!(
        store.integrity_ok().unwrap(),
        "a fresh database passes the integrity check"
    );
    drop(store);
    // Opening again must not re-run migrations or fail.
    let again = Store::open(&dir.path().join(DATABASE_FILE_NAME), test_key()).unwrap();
    assert_eq!(again.schema_version().unwrap(), latest_schema_version());
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 999; CREATE TABLE future (x);")
            .unwrap();
    }
    // An old unencrypted file from a newer version: refused before it is
    // encrypted, so it stays exactly as it was.
    let keys = MemoryKeyStore::new();
    let error = open_database(&path, &keys).unwrap_err();
    assert!(
        matches!(error, CoreError::SchemaTooNew { found: 999, .. }),
        "got {error:?}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 999, "the newer database must be left as it was");
}

#[test]
fn participants_are_created_read_and_edited() {
    let (_dir, mut store) = open_temp();
    let mut f = form("Amina", "Testesen", "30108299920");
    f.residence_permit_date = "15.01.2020".into();
    f.arrival_date = "01.03.2021".into();
    f.notes = "Linje 1\nLinje 2".into();
    let id = add(&mut store, f.clone());

    let saved = store.participant(id).unwrap();
    assert_eq!(saved.details.given_name, "Amina");
    assert_eq!(
        saved.details.identity_number.as_ref().unwrap().as_str(),
        "30108299920"
    );
    assert_eq!(saved.details.effective_law(), Law::Integreringsloven);
    assert_eq!(
        saved.details.notes, "Linje 1\nLinje 2",
        "notes keep their line breaks"
    );

    f.family_name = "Testesen-Berg".into();
    f.status = "active".into();
    let details = f.validate(today()).unwrap();
    let updated = store.update_participant(id, &details, today()).unwrap();
    assert_eq!(updated.details.family_name, "Testesen-Berg");
    assert_eq!(updated.details.status, Status::Active);
    assert_eq!(
        store.participant_count().unwrap(),
        1,
        "editing must not add a row"
    );
}

#[test]
fn search_finds_names_with_norwegian_letters_and_numbers() {
    let (_dir, mut store) = open_temp();
    add(&mut store, form("Øyvind", "Ærlig", "30108299920"));
    add(&mut store, form("Åse", "Lund", ""));
    add(&mut store, form("Ali", "Hassan", "02013299997"));

    let query = |search: &str| ParticipantQuery {
        search: search.into(),
        ..ParticipantQuery::default()
    };
    assert_eq!(
        names(&store, &query("øyvind")),
        ["Øyvind Ærlig"],
        "lower-case ø matches Ø"
    );
    assert_eq!(
        names(&store, &query("ÆRL")),
        ["Øyvind Ærlig"],
        "upper-case search matches"
    );
    assert_eq!(
        names(&store, &query("020132")),
        ["Ali Hassan"],
        "search by number"
    );
    assert_eq!(
        names(&store, &query("ali hass")),
        ["Ali Hassan"],
        "every word must match"
    );
    assert!(
        names(&store, &query("%")).is_empty(),
        "a typed % is not a wildcard"
    );
    assert_eq!(names(&store, &query("")).len(), 3, "empty search shows all");
}

#[test]
fn search_finds_people_as_they_are_typed() {
    let (_dir, mut store) = open_temp();
    // Typed composed (one code point per letter) and decomposed (a base
    // letter and combining marks, as a Mac or a pasted PDF gives it).
    add(&mut store, form("Thi Lan", "Nguy\u{1EC5}n", ""));
    add(&mut store, form("Van Minh", "Nguye\u{0302}\u{0303}n", ""));
    add(&mut store, form("Kåre", "Ødegård", ""));
    add(&mut store, form("Astrid", "Æsop", ""));
    add(&mut store, form("Jürgen", "Müller", ""));
    add(&mut store, form("محمد", "أحمد", ""));
    add(&mut store, form("ሰላም", "ኃይሌ", ""));
    add(&mut store, form("Ola", "Nordmann", ""));

    let query = |search: &str| ParticipantQuery {
        search: search.into(),
        ..ParticipantQuery::default()
    };
    let both_nguyens = ["Van Minh Nguyễn", "Thi Lan Nguyễn"];
    // (typed, who should be found, what the case is about)
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "nguyen",
            &both_nguyens,
            "without diacritics finds both spellings",
        ),
        ("NGUYEN", &both_nguyens, "in capitals"),
        ("Nguy\u{1EC5}n", &both_nguyens, "typed composed"),
        ("Nguye\u{0302}\u{0303}n", &both_nguyens, "typed decomposed"),
        ("odegard", &["Kåre Ødegård"], "ø as o, å as a"),
        ("ødegård", &["Kåre Ødegård"], "with the Norwegian letters"),
        ("ØDEGÅRD", &["Kåre Ødegård"], "Norwegian capitals"),
        ("kare", &["Kåre Ødegård"], "given name without å"),
        ("aesop", &["Astrid Æsop"], "æ as ae"),
        ("æsop", &["Astrid Æsop"], "with æ"),
        ("muller", &["Jürgen Müller"], "ü as u"),
        ("jürgen müller", &["Jürgen Müller"], "every word, as typed"),
        ("محمد", &["محمد أحمد"], "Arabic finds itself"),
        ("أحمد", &["محمد أحمد"], "Arabic with hamza finds itself"),
        ("ኃይሌ", &["ሰላም ኃይሌ"], "Ge'ez finds itself"),
        ("nguyen odegard", &[], "every word must match"),
    ];
    for (typed, expected, what) in cases {
        let mut found = names(&store, &query(typed));
        found.sort();
        let mut expected: Vec<String> = expected.iter().map(|name| name.to_string()).collect();
        expected.sort();
        assert_eq!(found, expected, "{what}: searching {typed:?}");
    }
    assert_eq!(
        names(&store, &query("\u{0301}")).len(),
        8,
        "a lone accent (half a dead key) is no word, so it narrows nothing"
    );
    let stored = names(&store, &query("van minh"));
    assert_eq!(
        stored,
        ["Van Minh Nguy\u{1EC5}n"],
        "a name typed decomposed is stored composed"
    );
}

#[test]
fn list_sorts_in_norwegian_order_and_by_settlement() {
    let (_dir, mut store) = open_temp();
    let mut a = form("Kari", "Åsen", "");
    a.settlement_date = "01.01.2024".into();
    let mut b = form("Per", "Zahid", "");
    b.settlement_date = "01.06.2025".into();
    let c = form("Lise", "Ørn", "");
    let mut d = form("Ola", "Berg", "");
    d.settlement_date = "01.03.2023".into();
    for f in [a, b, c, d] {
        add(&mut store, f);
    }
    let by_name = names(&store, &ParticipantQuery::default());
    assert_eq!(
        by_name,
        ["Ola Berg", "Per Zahid", "Lise Ørn", "Kari Åsen"],
        "Norwegian order: Z, Ø, Å"
    );
    let by_settlement = names(
        &store,
        &ParticipantQuery {
            sort: ParticipantSort::SettlementDate,
            ..ParticipantQuery::default()
        },
    );
    assert_eq!(
        by_settlement,
        ["Per Zahid", "Kari Åsen", "Ola Berg", "Lise Ørn"],
        "newest settlement first, missing dates last"
    );
}

#[test]
fn list_filters_by_status_law_and_archive() {
    let (_dir, mut store) = open_temp();
    let mut new_law = form("Ny", "Lov", "");
    new_law.arrival_date = "01.02.2022".into();
    new_law.status = "active".into();
    let mut old_law = form("Gammel", "Lov", "");
    old_law.residence_permit_date = "01.02.2019".into();
    old_law.arrival_date = "01.03.2019".into();
    let mut overridden = form("Overstyrt", "Lov", "");
    overridden.law_override = "introduksjonsloven".into();
    overridden.law_override_reason = "Vedtak fra IMDi.".into();
    add(&mut store, new_law);
    add(&mut store, old_law);
    let archived = add(&mut store, overridden);
    store.set_participant_archived(archived, true).unwrap();

    let q = |status, law, archived| ParticipantQuery {
        status,
        law,
        archived,
        ..ParticipantQuery::default()
    };
    assert_eq!(
        names(&store, &q(Some(Status::Active), None, false)),
        ["Ny Lov"]
    );
    assert_eq!(
        names(&store, &q(None, Some(Law::Introduksjonsloven), false)),
        ["Gammel Lov"]
    );
    assert_eq!(
        names(&store, &q(None, Some(Law::Introduksjonsloven), true)),
        ["Overstyrt Lov"],
        "the override counts when filtering by law"
    );
    assert_eq!(
        names(&store, &q(None, None, false)).len(),
        2,
        "archived participants leave the register"
    );

    store.set_participant_archived(archived, false).unwrap();
    assert_eq!(
        names(&store, &q(None, None, false)).len(),
        3,
        "restoring brings the participant back"
    );
    assert!(store.participant(archived).unwrap().archived_at.is_none());
}

#[test]
fn duplicate_identity_numbers_are_refused_and_nothing_is_written() {
    let (_dir, mut store) = open_temp();
    let first = add(&mut store, form("Første", "Person", "30108299920"));
    let duplicate = form("Andre", "Person", "301082 99920")
        .validate(today())
        .unwrap();
    let error = store.create_participant(&duplicate, today()).unwrap_err();
    assert!(
        matches!(error, CoreError::DuplicateIdentityNumber { existing_id, archived: false } if existing_id == first),
        "got {error:?}"
    );
    assert_eq!(
        store.participant_count().unwrap(),
        1,
        "the refused participant must not be saved"
    );

    // Editing another participant to take the number is refused too, and the
    // participant keeps its old values.
    let second = add(&mut store, form("Andre", "Person", ""));
    let error = store
        .update_participant(second, &duplicate, today())
        .unwrap_err();
    assert!(
        matches!(error, CoreError::DuplicateIdentityNumber { .. }),
        "got {error:?}"
    );
    assert!(store
        .participant(second)
        .unwrap()
        .details
        .identity_number
        .is_none());

    // Archived participants still own their number.
    store.set_participant_archived(first, true).unwrap();
    let error = store.create_participant(&duplicate, today()).unwrap_err();
    assert!(
        matches!(
            error,
            CoreError::DuplicateIdentityNumber { archived: true, .. }
        ),
        "got {error:?}"
    );

    // Saving a participant with its own number is fine.
    let own = form("Første", "Person", "30108299920")
        .validate(today())
        .unwrap();
    store
        .update_participant(first, &own, today())
        .expect("keeping one's own number is allowed");
}

#[test]
fn unknown_participants_are_reported() {
    let (_dir, mut store) = open_temp();
    let details = form("A", "B", "").validate(today()).unwrap();
    assert!(matches!(
        store.participant(42),
        Err(CoreError::ParticipantNotFound(42))
    ));
    assert!(matches!(
        store.update_participant(42, &details, today()),
        Err(CoreError::ParticipantNotFound(42))
    ));
    assert!(matches!(
        store.set_participant_archived(42, true),
        Err(CoreError::ParticipantNotFound(42))
    ));
    assert_eq!(store.participant_count().unwrap(), 0);
}
