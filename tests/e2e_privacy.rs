//! End to end: the archive hand-off and the anonymisation in the real
//! window. The demo register is filled on one day and opened again years
//! later (the `INTROSPOR_TODAY` seam); the caseworker records an archive
//! reference on a meeting, sets the municipality's retention period (a
//! wrong one is refused beside its field), sees who is due and who waits
//! for the archive, and anonymises one participant after confirming the
//! list, who afterwards shows only as a case reference.

mod support;

use support::screens::visit;
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

/// Years after the demo was filled: every ended programme's period of a
/// year or two has run out.
const LATER: &str = "2030-01-15";

fn rows_in_state(s: &Session, state: &str) -> Vec<String> {
    s.execute(&format!(
        "return [...document.querySelectorAll('#candidates-table tbody tr[data-state=\"{state}\"]')].map(r => r.dataset.participant)"
    ))
    .as_array()
    .map(|ids| {
        ids.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    })
    .unwrap_or_default()
}

/// The text of the element `css` now, empty if there is none; read in one
/// script, so a screen drawn anew meanwhile cannot leave a stale element.
fn text_now(s: &Session, css: &str) -> String {
    s.execute(&format!(
        "return document.querySelector({})?.textContent ?? ''",
        serde_json::to_string(css).unwrap()
    ))
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn minutes_filed_a_retention_period_set_and_a_participant_anonymised_after_confirming() {
    let data = tempfile::tempdir().unwrap();
    {
        let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
        let s = Session::launch(&driver, app(), &["--demo"]);
        s.wait_for_screen("overview");
    }
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_TODAY", std::path::Path::new(LATER)),
    ]);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");

    // The demo's information meeting is completed and not yet filed.
    visit(&s, "#/moter", "meeting-list");
    let meeting = s
        .execute(
            "const row = [...document.querySelectorAll('tr')].find(r => r.textContent.includes('Informasjonsmøte')); \
             return row ? row.querySelector('a[href^=\"#/moter/\"]').getAttribute('href') : ''",
        )
        .as_str()
        .unwrap_or_default()
        .to_string();
    visit(&s, &meeting, "meeting-editor");
    let status = s.text_of("#archive-status");
    assert!(
        status.contains("mangler arkivreferanse"),
        "an unfiled version says so: {status:?}"
    );
    // A reference is required.
    s.click(&s.wait_for("#archive-form-submit"));
    let refused = s.text_of("#archive-form-archiveReference-error");
    assert!(
        !refused.is_empty(),
        "an empty reference is refused beside its field"
    );
    s.fill("#archive-form-archiveReference", "2026/1234-5");
    s.click(&s.wait_for("#archive-form-submit"));
    s.wait_until("the filing to be shown", |s| {
        text_now(s, "#archive-filings").contains("2026/1234-5")
    });
    assert!(s.text_of("#archive-status").contains("er arkivert"));
    s.screenshot(&screenshot_dir().join("meeting-archive-filed.png"));

    // No period set: nobody is due, and the screen says why.
    visit(&s, "#/personvern", "privacy");
    assert!(s.text_of("#retention-current").contains("ikke fastsatt"));
    assert!(
        rows_in_state(&s, "due").is_empty(),
        "nobody is due without a period"
    );
    assert!(
        !rows_in_state(&s, "retention_not_set").is_empty(),
        "the demo has ended programmes"
    );
    assert!(
        s.find("#anonymise").is_some_and(|b| s
            .execute("return document.querySelector('#anonymise').disabled")
            == serde_json::json!(true)
            && !s.text(&b).is_empty()),
        "nothing to anonymise"
    );

    // A period outside 1–100 years is refused beside the field.
    s.fill("#retention-form-years", "0");
    s.click(&s.wait_for("#retention-form-submit"));
    s.wait_until("the refusal", |s| {
        text_now(s, "#retention-form-years-error").contains("fra 1 til 100")
    });
    s.fill("#retention-form-years", "2");
    s.click(&s.wait_for("#retention-form-submit"));
    s.wait_until("the period to be in force", |s| {
        text_now(s, "#retention-current").contains("2 år")
    });
    let due = rows_in_state(&s, "due");
    assert!(!due.is_empty(), "ended programmes are due years later");
    let waiting = rows_in_state(&s, "archive_reference_missing");
    for id in &waiting {
        assert!(
            s.find(&format!("#anonymise-{id}")).is_none(),
            "a participant waiting for the archive cannot be chosen"
        );
    }
    s.screenshot(&screenshot_dir().join("privacy.png"));

    // One chosen: every other due participant unticked.
    let chosen = due[0].clone();
    for id in &due[1..] {
        s.click(&s.wait_for(&format!("#anonymise-{id}")));
    }
    let name = s.execute(&format!(
        "return document.querySelector('tr[data-participant=\"{chosen}\"] a').textContent"
    ));
    let name = name.as_str().unwrap().to_string();
    assert!(s.text_of("#anonymise").contains("(1)"));
    // Cancelled, nothing happens.
    s.click(&s.wait_for("#anonymise"));
    s.wait_for("#confirm-anonymise");
    let question = s.text_of("#confirm-anonymise-message");
    assert!(
        question.contains(&name),
        "the question names who: {question:?}"
    );
    assert!(question.contains("kan ikke angres"));
    s.screenshot(&screenshot_dir().join("privacy-confirm.png"));
    s.click(&s.wait_for("#confirm-anonymise-cancel"));
    s.wait_until("the question to close", |s| {
        s.find("#confirm-anonymise").is_none()
    });
    assert_eq!(
        rows_in_state(&s, "due"),
        due,
        "cancelling anonymises nobody"
    );
    // Confirmed, they are gone from the list and show as a case reference.
    s.click(&s.wait_for("#anonymise"));
    s.click(&s.wait_for("#confirm-anonymise-confirm"));
    s.wait_until("the list without them", |s| {
        s.find(&format!("tr[data-participant=\"{chosen}\"]"))
            .is_none()
    });
    visit(&s, &format!("#/deltakere/{chosen}"), "participant-detail");
    let heading = s.text_of("#participant-name");
    assert_eq!(heading, format!("ANON {chosen}"), "the name is gone");
    assert!(s.text_of("#participant-anonymised").contains("Anonymisert"));
    assert!(
        s.find("#edit-participant").is_none(),
        "an anonymised record cannot be edited"
    );
    let page = s.text_of("main");
    assert!(!page.contains(&name), "{name} still on their page");
    s.screenshot(&screenshot_dir().join("participant-anonymised.png"));
}
