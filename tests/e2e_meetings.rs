//! End-to-end test of teams, a triangle meeting and its minutes in the real
//! window: two contacts, a team, a meeting that cannot be completed while
//! NAV is absent, and minutes exported for NAV without the sensitive note.

mod support;

use support::pdf::{exported_files, exported_pdf, pdf_text};
use support::screens::{demo_information_meeting, save_letterhead, visit};
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

const SENSITIVE: &str = "Fastlegen melder om søvnvansker";
const ORDINARY: &str = "Språkopplæringen går bra, nivå A2 nådd";

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn triangle_meeting_from_team_to_redacted_minutes() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
    ]);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");

    // The letterhead for the minutes.
    s.click(&s.wait_for("a[data-nav=\"settings\"]"));
    save_letterhead(
        &s,
        "Fjordvik kommune",
        "Flyktningtjenesten",
        "Kari Saksbehandler",
    );

    // Two organisations and two contacts.
    s.click(&s.wait_for("a[data-nav=\"contacts\"]"));
    s.wait_for_screen("contacts");
    s.fill("#organisation-form-name", "NAV Fjordvik");
    s.select("#organisation-form-kind", "nav_office");
    s.click(&s.wait_for("#organisation-form-submit"));
    s.wait_until("NAV to be listed", |s| {
        s.texts("#organisation-table tbody tr").len() == 1
    });
    s.fill("#organisation-form-name", "Flyktningtjenesten i Fjordvik");
    s.select("#organisation-form-kind", "refugee_service");
    s.click(&s.wait_for("#organisation-form-submit"));
    s.wait_until("both organisations to be listed", |s| {
        s.texts("#organisation-table tbody tr").len() == 2
    });
    let add_contact = |name: &str, organisation: &str, title: &str| {
        s.fill("#contact-form-name", name);
        s.select("#contact-form-organisationId", organisation);
        s.fill("#contact-form-title", title);
        s.click(&s.wait_for("#contact-form-submit"));
        s.wait_until(&format!("{name} to be listed"), |s| {
            s.texts("#contact-table tbody tr")
                .iter()
                .any(|row| row.contains(name))
        });
    };
    // Organisation ids follow name order in the select; read them from it.
    let org_id = |name: &str| -> String {
        let script = format!(
            "return [...document.querySelectorAll('#contact-form-organisationId option')]\
             .find(o => o.textContent === {})?.value ?? '';",
            serde_json::to_string(name).unwrap()
        );
        s.execute(&script).as_str().unwrap_or_default().to_string()
    };
    let nav = org_id("NAV Fjordvik");
    add_contact("Nora Navesen", &nav, "Veileder");
    let refugee_service = org_id("Flyktningtjenesten i Fjordvik");
    add_contact("Kari Saksbehandler", &refugee_service, "Programrådgiver");
    s.screenshot(&screenshot_dir().join("contacts.png"));

    // A participant whose final goal is work.
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#new-participant"));
    s.wait_for_screen("participant-form");
    s.fill("#field-givenName", "Amina");
    s.fill("#field-familyName", "Æsenby");
    s.select("#field-finalGoal", "work");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");

    // An empty team warns about the missing fixed contact person and NAV.
    let warnings = s.text_of("#team-warnings");
    assert!(
        warnings.contains("Mangler fast kontaktperson") && warnings.contains("ingen fra NAV"),
        "an empty team with final goal work should warn about both: {warnings:?}"
    );

    // Build the team: Kari as fixed contact person, Nora as NAV advisor.
    let contact_id = |name: &str| -> String {
        let script = format!(
            "return [...document.querySelectorAll('#team-form-contactId option')]\
             .find(o => o.textContent.startsWith({}))?.value ?? '';",
            serde_json::to_string(name).unwrap()
        );
        s.execute(&script).as_str().unwrap_or_default().to_string()
    };
    let kari = contact_id("Kari Saksbehandler");
    s.select("#team-form-contactId", &kari);
    s.select("#team-form-role", "fixed_contact");
    s.click(&s.wait_for("#team-form-submit"));
    s.wait_until("Kari to be the fixed contact person", |s| {
        s.text_of("#fixed-contact").contains("Kari Saksbehandler")
    });
    let nora = contact_id("Nora Navesen");
    s.select("#team-form-contactId", &nora);
    s.select("#team-form-role", "nav_advisor");
    s.click(&s.wait_for("#team-form-submit"));
    s.wait_until("the warnings to go away", |s| {
        s.texts("#team-table tbody tr").len() == 2 && s.find("#team-warnings").is_none()
    });
    s.screenshot(&screenshot_dir().join("participant-team.png"));

    // A triangle meeting: the team is invited and Kari convenes.
    s.click(&s.wait_for("#new-triangle-meeting"));
    s.wait_for_screen("meeting-editor");
    assert_eq!(
        s.texts("#meeting-attendees li").len(),
        2,
        "the team should be invited to the triangle meeting"
    );
    s.fill("#meeting-place", "Rådhuset, møterom Ørnen");
    s.fill("#meeting-startTime", "09:00");
    s.fill("#meeting-endTime", "10:00");
    let participant_box = s.wait_for("#meeting-participants input[type=checkbox]");
    s.click(&participant_box);
    s.click(&s.wait_for(&format!("#attendee-present-{kari}")));

    s.click(&s.wait_for("#add-agenda-item"));
    let first = s.find_all(".agenda-item").len() - 1;
    s.fill(&format!("#agenda-title-{first}"), "Norskopplæring");
    s.fill(&format!("#agenda-notes-{first}"), ORDINARY);
    s.click(&s.wait_for("#add-agenda-item"));
    let second = s.find_all(".agenda-item").len() - 1;
    s.fill(&format!("#agenda-title-{second}"), "Helse");
    s.fill(&format!("#agenda-notes-{second}"), SENSITIVE);
    s.click(&s.wait_for(&format!("#agenda-sensitive-{second}")));
    s.wait_for(".agenda-item.sensitive .sensitive-flag");
    s.click(&s.wait_for("#add-decision"));
    // The decision holds a word in Cherokee script, which no font of the
    // PDF has (WebDriver types characters of the basic plane only, so not
    // an emoji, which the PDF lacks too).
    s.fill(
        "#decision-0",
        "Amina starter i språkpraksis i januar (ᏣᎳᎩ).",
    );
    s.click(&s.wait_for("#add-action"));
    s.fill("#action-what-0", "Finne praksisplass i butikk");
    s.fill("#action-responsible-0", "Nora Navesen");
    s.fill("#action-due-0", "15.12.2030");
    s.click(&s.wait_for("#save-meeting"));
    s.wait_until("the saved meeting", |s| {
        s.find("#reopen-meeting").is_none()
            && s.execute("return location.hash")
                .as_str()
                .is_some_and(|h| h.starts_with("#/moter/") && !h.contains("ny"))
    });
    s.wait_for_screen("meeting-editor");

    // NAV is absent: completing is refused, and the message says so.
    s.click(&s.wait_for("#complete-meeting"));
    let problem = s.text_of("#meeting-errors");
    assert!(
        problem.contains("NAV"),
        "completing without NAV present should name NAV: {problem:?}"
    );
    assert!(
        s.text_of("#meeting-status").contains("Planlagt"),
        "the meeting should still be planned"
    );

    // Nora was there after all.
    s.click(&s.wait_for(&format!("#attendee-present-{nora}")));
    s.click(&s.wait_for("#complete-meeting"));
    s.wait_until("the meeting to be completed", |s| {
        s.text_of("#meeting-status").contains("Fullført")
    });

    // Minutes for NAV: the preview leaves the sensitive note out and says so.
    s.select("#export-recipient", "nav");
    s.wait_until("the preview for NAV", |s| {
        s.text_of("#minutes-preview").contains("NAV")
            && s.text_of("#minutes-preview").contains("holdt tilbake")
    });
    let preview = s.text_of("#minutes-preview");
    assert!(
        !preview.contains(SENSITIVE),
        "the NAV preview should not show the sensitive note"
    );
    assert!(
        preview.contains(ORDINARY),
        "the NAV preview should show the ordinary notes"
    );
    s.screenshot(&screenshot_dir().join("meeting-editor.png"));
    // The export says which character would print as «�» before it writes,
    // and going back writes nothing.
    s.click(&s.wait_for("#export-minutes"));
    s.wait_for("#undrawable");
    let question = s.text_of("#undrawable-message");
    assert!(
        question.contains("Ꮳ (U+13E3)") && question.contains("U+13A9") && question.contains("«�»"),
        "the question should name the character: {question:?}"
    );
    s.screenshot(&screenshot_dir().join("meeting-minutes-undrawable.png"));
    s.click(&s.wait_for("#undrawable-back"));
    s.wait_until("the question to close", |s| s.find("#undrawable").is_none());
    assert!(
        exported_files(exports.path(), "pdf").is_empty(),
        "going back should write no file"
    );
    assert!(
        s.texts("#meeting-sharing-log tbody tr").is_empty(),
        "going back should log no sharing"
    );
    // Saved anyway, it is written and logged.
    s.click(&s.wait_for("#export-minutes"));
    s.click(&s.wait_for("#undrawable-save"));
    s.wait_until("the export to be logged", |s| {
        s.texts("#meeting-sharing-log tbody tr")
            .first()
            .is_some_and(|row| row.contains("NAV") && row.contains("§ 41"))
    });

    let pdf = exported_pdf(exports.path());
    let text = pdf_text(&pdf);
    assert!(
        !text.contains("søvnvansker"),
        "the PDF for NAV should not hold the sensitive note"
    );
    assert!(
        text.contains("holdt tilbake"),
        "the PDF for NAV should say something was withheld"
    );
    assert!(
        text.contains("Æsenby") && text.contains("Ørnen"),
        "the PDF should hold the Norwegian letters"
    );

    // The same minutes filed in Nynorsk from a Bokmål window: the preview
    // and the PDF have Nynorsk headings.
    s.select("#export-language", "nn");
    s.wait_until("the preview in Nynorsk", |s| {
        s.text_of("#minutes-preview").contains("Til stades")
    });
    s.screenshot(&screenshot_dir().join("meeting-minutes-nynorsk.png"));
    s.click(&s.wait_for("#export-minutes"));
    s.click(&s.wait_for("#undrawable-save"));
    s.wait_until("the second export to be logged", |s| {
        s.texts("#meeting-sharing-log tbody tr").len() >= 2
    });
    let text = pdf_text(&exported_pdf(exports.path()));
    assert!(
        text.contains("Til stades") && text.contains("Referat frå trekantmøte"),
        "the Nynorsk PDF has Nynorsk headings: {text}"
    );
    assert!(
        s.text_of("#meeting-status").contains("Fullført"),
        "the window itself stays in Bokmål"
    );

    // The participant's page lists the export in the sharing log.
    let participant = s
        .execute("return document.querySelector('#meeting-participants li')?.dataset.participantId ?? ''")
        .as_str()
        .unwrap_or_default()
        .to_string();
    s.execute(&format!("location.hash = '#/deltakere/{participant}'"));
    s.wait_for_screen("participant-detail");
    s.wait_until("the sharing log on the participant", |s| {
        s.texts("#participant-sharing-log tbody tr")
            .first()
            .is_some_and(|row| row.contains("NAV") && row.contains(".pdf"))
    });
}

/// The demo's information meeting concerns six participants: a
/// participant's copy asks whose it is, and the preview of one person's
/// copy names only that person, the others as a count; the archive's names
/// them all.
#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn a_participants_copy_of_an_information_meeting_names_only_them() {
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");
    let hash = demo_information_meeting(&s);
    assert!(
        hash.starts_with("#/moter/"),
        "the demo's information meeting: {hash:?}"
    );
    visit(&s, &hash, "meeting-editor");
    s.wait_for("#export-recipient");
    let copy_for = s
        .find("#export-copy-for")
        .expect("the choice of whose copy is in the export area");
    assert!(
        !s.is_displayed(&copy_for),
        "no one's copy is asked for the archive"
    );
    s.select("#export-recipient", "participant");
    assert!(
        s.is_displayed(&copy_for),
        "a participant's copy asks whose it is"
    );
    let names: Vec<String> = s
        .execute("return [...document.querySelectorAll('#export-copy-for option')].map(o => o.textContent)")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
    let second = s
        .execute("return document.querySelectorAll('#export-copy-for option')[1].value")
        .as_str()
        .unwrap()
        .to_string();
    s.select("#export-copy-for", &second);
    s.wait_until("the second participant's own copy", |s| {
        let preview = s.text_of("#minutes-preview");
        preview.contains(&names[1]) && preview.contains("5 andre deltakere")
    });
    let preview = s.text_of("#minutes-preview");
    for (i, name) in names.iter().enumerate().filter(|(i, _)| *i != 1) {
        assert!(
            !preview.contains(name.as_str()),
            "participant {i} ({name}) named in {preview}"
        );
    }
    s.screenshot(&screenshot_dir().join("meeting-minutes-own-copy.png"));
    s.select("#export-recipient", "archive");
    s.wait_until("the archive's copy names all six", |s| {
        let preview = s.text_of("#minutes-preview");
        names.iter().all(|n| preview.contains(n.as_str()))
    });
}
