//! End to end: the archive hand-off and the anonymisation in the real
//! window. The demo register is filled on one day and opened again years
//! later (the `INTROSPOR_TODAY` seam); the caseworker records an archive
//! reference on a meeting, sets the municipality's retention period (a
//! wrong one is refused beside its field), sees who is due and who waits
//! for the archive, and anonymises one participant after confirming the
//! list, who afterwards shows only as a case reference.

mod support;

use support::pdf::exported_files;
use support::screens::{demo_information_meeting, visit};
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
    let meeting = demo_information_meeting(&s);
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
        s.text_now("#archive-filings").contains("2026/1234-5")
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
        s.text_now("#retention-form-years-error")
            .contains("fra 1 til 100")
    });
    s.fill("#retention-form-years", "2");
    s.click(&s.wait_for("#retention-form-submit"));
    s.wait_until("the period to be in force", |s| {
        s.text_now("#retention-current").contains("2 år")
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

/// Whitespace collapsed, so a phrase the PDF's layout broke over lines or
/// spread over a table's columns is still found.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn an_access_request_is_answered_from_the_register_as_pdf_a_with_json() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
    ]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");
    assert!(
        s.find("#overview-access-requests").is_none(),
        "no request, no card"
    );

    // Everyone in the register, and the demo participant whose triangle
    // meeting holds a health note and whose minutes went to NAV.
    visit(&s, "#/deltakere", "participant-list");
    let people: Vec<(String, String)> = s
        .execute(
            "return [...document.querySelectorAll('#participant-table tbody tr a[href^=\"#/deltakere/\"]')]
               .map(a => [a.getAttribute('href'), a.textContent.trim()])",
        )
        .as_array()
        .expect("the list")
        .iter()
        .map(|pair| {
            // The list writes «Family, Given»; documents write «Given Family».
            let listed = pair[1].as_str().unwrap();
            let name = match listed.split_once(", ") {
                Some((family, given)) => format!("{given} {family}"),
                None => listed.to_string(),
            };
            (pair[0].as_str().unwrap().to_string(), name)
        })
        .collect();
    let (href, name) = people
        .iter()
        .find(|(_, name)| name.contains("Amira"))
        .cloned()
        .unwrap_or_else(|| panic!("the demo's Amira: {people:?}"));
    let others: Vec<String> = people
        .iter()
        .filter(|(h, _)| *h != href)
        .map(|(_, n)| n.clone())
        .collect();
    assert!(others.len() > 5, "{others:?}");
    visit(&s, &href, "participant-detail");
    let nav_row = s
        .texts("#participant-sharing-log tbody tr")
        .into_iter()
        .find(|row| row.contains("NAV"))
        .expect("the demo sent minutes about them to NAV");
    let shared_on = nav_row.split_whitespace().next().unwrap().to_string();

    // A day in the future is refused beside the field; today is recorded.
    s.fill("#access-form-receivedOn", "01.01.2099");
    s.click(&s.wait_for("#access-form-submit"));
    s.wait_until("the refusal", |s| {
        !s.text_now("#access-form-receivedOn-error").is_empty()
    });
    let today = s.execute(
        "const d = new Date(); const p = n => String(n).padStart(2, '0'); \
         return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`",
    );
    s.fill("#access-form-receivedOn", today.as_str().unwrap());
    s.click(&s.wait_for("#access-form-submit"));
    s.wait_until("the request to be listed", |s| {
        s.text_now("#access-requests").contains("Frist")
    });
    let button = s
        .execute("return document.querySelector('#access-requests button').id")
        .as_str()
        .unwrap()
        .to_string();

    // The overview shows it waiting, with its deadline.
    visit(&s, "#/oversikt", "overview");
    assert!(s.text_now("#overview-access-requests").contains(&name));
    // Scrolled into view, and drawn there before the picture is taken.
    s.execute_async(
        "const done = arguments[arguments.length - 1]; \
         document.querySelector('#overview-access-requests').scrollIntoView(); \
         requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
    );
    s.screenshot(&screenshot_dir().join("overview-access-request.png"));

    // The answer, saved where the caseworker chooses.
    visit(&s, &href, "participant-detail");
    s.click(&s.wait_for(&format!("#{button}")));
    s.wait_until("the answer to be written", |s| {
        if s.find("#undrawable").is_some() {
            s.click(&s.wait_for("#undrawable-save"));
        }
        !exported_files(exports.path(), "pdf").is_empty()
            && !exported_files(exports.path(), "json").is_empty()
    });
    s.wait_until("the request to be answered", |s| {
        s.text_now("#access-requests").contains("Besvart")
    });
    s.screenshot(&screenshot_dir().join("participant-access-answered.png"));
    let pdf = exported_files(exports.path(), "pdf").remove(0);
    let checked = support::pdfa::check_pdf_a(&pdf);
    let text = flat(&checked.text);
    for expected in [
        name.as_str(),
        "Opplysninger om deg",
        "søvnproblemer",
        // The sharing with NAV: when, the meeting, the recipient and the
        // legal basis in one row (its cells wrap, so the row is read in
        // its order of words).
        &format!("{shared_on} Trekantmøte NAV Integreringsloven §"),
        "41 NAV.pdf",
        "personvernforordningen artikkel 12 nr. 3",
        "Hvem opplysningene er delt med",
        "Endringshistorikk",
    ] {
        assert!(
            text.contains(expected),
            "the answer holds {expected:?}:\n{text}"
        );
    }
    for other in &others {
        assert!(
            !text.contains(other.as_str()),
            "{other} is in the answer:\n{text}"
        );
    }
    let json = std::fs::read_to_string(
        exports
            .path()
            .join(pdf.with_extension("json").file_name().unwrap()),
    )
    .expect("the JSON beside the PDF");
    let value: serde_json::Value = serde_json::from_str(&json).expect("the JSON parses");
    assert!(value["participant"]["given_name"]
        .as_str()
        .is_some_and(|g| name.starts_with(g)));
    for other in &others {
        assert!(!json.contains(other.as_str()), "{other} is in the JSON");
    }

    // Answered: off the overview, and the export is in the history.
    visit(&s, &href, "participant-detail");
    let history = s.text_now("#history-area");
    assert!(
        history.contains("Svar på innsynsbegjæring"),
        "the export is in the trail: {history}"
    );
    visit(&s, "#/oversikt", "overview");
    assert!(s.find("#overview-access-requests").is_none());

    // The record of processing, printable for the municipality's DPIA.
    visit(&s, "#/personvern", "privacy");
    s.click(&s.wait_for("#export-processing-record"));
    let record = || {
        exported_files(exports.path(), "pdf")
            .into_iter()
            .find(|p| p.to_string_lossy().contains("behandlingsprotokoll"))
    };
    s.wait_until("the record of processing", |_| record().is_some());
    let checked = support::pdfa::check_pdf_a(&record().unwrap());
    let text = flat(&checked.text);
    for expected in [
        "Protokoll over behandlingsaktiviteter",
        "Fjordvik kommune (demo)",
        "integreringsloven § 41",
        "SQLCipher",
        "Oppbevaring og sletting",
    ] {
        assert!(
            text.contains(expected),
            "the record holds {expected:?}:\n{text}"
        );
    }
    for other in people.iter().map(|(_, n)| n) {
        assert!(
            !text.contains(other.as_str()),
            "{other} is named in the record"
        );
    }
}
