//! Accessibility in the real window: axe-core (WCAG 2.1 A and AA) on every
//! screen of the route table and in every state a caseworker meets (a
//! refused form, the questions, locked minutes, an undo, the folded menu at
//! 320 px, a new register), and the main flow done by keyboard alone, with
//! the focus checked after each step.
//!
//! axe-core is installed by `make deps` (npm) into `target/axe`; its
//! version is pinned in the Makefile.

mod support;

use std::path::PathBuf;
use support::pdf::{exported_pdf, pdf_text};
use support::screens::{example_hash, open_restore_confirmation, route_table, visit};
use support::webdriver::keys::{CTRL, ENTER, ESCAPE, SPACE, TAB};
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is needed at {}: run `make deps` ({e})",
            path.display()
        )
    })
}

/// Runs axe-core on the window as it is now; answers each violation as
/// "state: rule (impact): targets".
fn violations(s: &Session, axe: &str, state: &str) -> Vec<String> {
    let loaded = s.execute("return typeof window.axe === 'object'");
    if loaded != true {
        s.execute(&format!("{axe}\n;return true;"));
    }
    let found = s.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
           .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))),
                 e => done(['axe failed: ' + e]));",
    );
    let found: Vec<String> = serde_json::from_value(found.clone())
        .unwrap_or_else(|_| vec![format!("axe answered {found}")]);
    found.into_iter().map(|v| format!("{state}: {v}")).collect()
}

#[test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and axe-core; run with `make test`"]
fn every_screen_and_state_has_no_wcag_violation() {
    let axe = axe_source();
    let mut found = Vec::new();

    // A new register: the recovery code, then the first steps.
    {
        let data = tempfile::tempdir().unwrap();
        let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
        let s = Session::launch_raw(&driver, app(), &[]);
        s.wait_for_screen("recovery-code");
        found.extend(violations(&s, &axe, "recovery code"));
        s.confirm_recovery_code();
        s.wait_for_screen("overview");
        found.extend(violations(&s, &axe, "first steps"));
    }

    let data = tempfile::tempdir().unwrap();
    let workbook = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/import/messy_workbook.xlsx");
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_OPEN_DIALOG_ANSWER", &workbook),
    ]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");
    for screen in route_table(&s) {
        visit(&s, &example_hash(&s, &screen.name), &screen.ready);
        found.extend(violations(&s, &axe, &screen.name));
    }

    // Every report, the charts included, and an import's preview.
    for tab in ["frister", "imdi", "tilsyn"] {
        visit(&s, &format!("#/rapporter/{tab}"), "reports");
        found.extend(violations(&s, &axe, &format!("report {tab}")));
    }
    visit(&s, &example_hash(&s, "participant"), "participant-detail");
    s.click(&s.wait_for("#supervision-report"));
    s.wait_until("the supervision preview", |s| {
        s.find("#supervision-preview table").is_some()
    });
    found.extend(violations(&s, &axe, "supervision report"));
    visit(&s, "#/deltakere/import", "participant-import");
    s.click(&s.wait_for("#import-choose"));
    s.wait_until("the import preview", |s| {
        s.find("#import-summary").is_some()
    });
    found.extend(violations(&s, &axe, "import preview"));
    // Leaving the preview asks first: the file's check would be lost.
    s.execute("location.hash = '#/oversikt'");
    s.wait_for("dialog#unsaved[open]");
    s.click(&s.wait_for("#unsaved-discard"));
    s.wait_for_screen("overview");

    // A refused form, and the question on leaving it.
    visit(&s, "#/deltakere/ny", "participant-form");
    s.fill("#field-birthDate", "31.02.2020");
    s.press(&[CTRL, "s"]);
    s.wait_until("the refusal", |s| {
        s.find("#error-summary:not([hidden])").is_some()
    });
    assert!(
        s.text_of("#error-birthDate").contains("finnes ikke"),
        "a date not in the calendar is called that, not a format error: {}",
        s.text_of("#error-birthDate")
    );
    found.extend(violations(&s, &axe, "refused participant form"));
    s.press(&[ESCAPE]);
    s.wait_for("dialog#unsaved[open]");
    found.extend(violations(&s, &axe, "unsaved-changes question"));
    s.click(&s.wait_for("#unsaved-discard"));

    // A confirmation, an undo.
    visit(&s, &example_hash(&s, "participant"), "participant-detail");
    s.click(&s.wait_for("#event-table tbody tr button"));
    s.wait_for("dialog#confirm-delete-event[open]");
    found.extend(violations(&s, &axe, "delete confirmation"));
    s.press(&[ESCAPE]);
    visit(&s, &example_hash(&s, "meeting-new"), "meeting-editor");
    s.click(&s.wait_for("#add-decision"));
    s.click(&s.wait_for("#decision-list button"));
    s.wait_for("#toast-action");
    found.extend(violations(&s, &axe, "undo offered"));
    s.press(&[ESCAPE]);
    s.wait_for("dialog#unsaved[open]");
    s.click(&s.wait_for("#unsaved-discard"));

    // Locked minutes and the reopening question.
    visit(&s, "#/moter", "meeting-list");
    let completed = s
        .execute("return [...document.querySelectorAll('#meeting-table tbody tr')].find(r => r.innerText.includes('Fullført'))?.querySelector('a')?.getAttribute('href') || ''")
        .as_str()
        .unwrap_or_default()
        .to_string();
    visit(&s, &completed, "meeting-editor");
    found.extend(violations(&s, &axe, "locked minutes"));
    s.click(&s.wait_for("#reopen-meeting"));
    s.wait_for("dialog#reopen-dialog[open]");
    found.extend(violations(&s, &axe, "reopen question"));
    s.press(&[ESCAPE]);

    // The restore confirmation.
    open_restore_confirmation(&s);
    found.extend(violations(&s, &axe, "restore confirmation"));

    // At 320 CSS px, with the menu open.
    for _ in 0..8 {
        s.press(&[CTRL, "+"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    s.wait_until("400 % zoom", |s| {
        s.execute("return window.innerWidth")
            .as_f64()
            .unwrap_or(9999.0)
            < 340.0
    });
    visit(&s, "#/oversikt", "overview");
    found.extend(violations(&s, &axe, "overview at 320 px"));
    s.execute("document.getElementById('menu-button').focus()");
    s.press(&[ENTER]);
    found.extend(violations(&s, &axe, "menu open at 320 px"));
    s.press(&[CTRL, "0"]);

    assert!(
        found.is_empty(),
        "axe-core found WCAG 2.1 A/AA violations:\n{}",
        found.join("\n")
    );
}

fn focused_is(s: &Session, expected: &str, step: &str) {
    assert_eq!(s.focused(), expected, "after {step}, the focus is here");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn the_main_flow_by_keyboard_alone_with_the_focus_where_it_should_be() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
    ]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");

    // A new participant.
    s.press(&[CTRL, "n"]);
    s.wait_for_screen("participant-form");
    focused_is(&s, "h1", "Ctrl+N");
    s.tab_to("#field-givenName");
    s.type_text("Tastatur");
    s.press(&[TAB]);
    focused_is(&s, "input#field-familyName", "Tab from the given name");
    s.type_text("Brukersen");
    s.press(&[CTRL, "s"]);
    s.wait_for_screen("participant-detail");
    focused_is(&s, "h1#participant-name", "saving the new participant");

    // The team: NAV and the refugee service, chosen by typing in the list.
    let add_member = |name: &str| {
        s.tab_to("#team-form-contactId");
        s.type_text(name);
        let chosen = s.execute(
            "const e = document.getElementById('team-form-contactId'); return e.options[e.selectedIndex].text;",
        );
        assert!(
            chosen.as_str().unwrap_or_default().starts_with(name),
            "typing chooses {name}: {chosen}"
        );
        s.tab_to("#team-form-submit");
        s.press(&[ENTER]);
        s.wait_until(&format!("{name} in the team"), |s| {
            s.texts("#team-table tbody tr")
                .iter()
                .any(|row| row.contains(name))
        });
        focused_is(&s, "select#team-form-contactId", "adding a team member");
    };
    add_member("Nora Vik");
    add_member("Jonas Strand");

    // A triangle meeting.
    s.tab_to("#new-triangle-meeting");
    s.press(&[ENTER]);
    s.wait_for_screen("meeting-editor");
    focused_is(&s, "h1#meeting-title", "opening a new triangle meeting");
    s.tab_to("input[id^=\"participant-present-\"]");
    s.press(&[SPACE]);
    for name in ["Nora Vik", "Jonas Strand"] {
        let id = s
            .execute(&format!(
                "return [...document.querySelectorAll('#meeting-attendees li')].find(li => li.innerText.includes({}))?.querySelector('input')?.id ?? ''",
                serde_json::to_string(name).unwrap()
            ))
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(!id.is_empty(), "{name} is invited from the team");
        s.tab_to(&format!("#{id}"));
        s.press(&[SPACE]);
    }

    // Minutes with an agenda item, a decision and an action item.
    s.tab_to("#add-agenda-item");
    s.press(&[ENTER]);
    let agenda = s
        .execute("return document.querySelectorAll('#agenda-list > li').length - 1")
        .as_i64()
        .unwrap();
    focused_is(
        &s,
        &format!("input#agenda-title-{agenda}"),
        "adding an agenda item",
    );
    s.type_text("Praksisplass");
    s.tab_to(&format!("#agenda-notes-{agenda}"));
    s.type_text("Ønsker praksis i butikk.");
    s.tab_to("#add-decision");
    s.press(&[ENTER]);
    focused_is(&s, "textarea#decision-0", "adding a decision");
    s.type_text("Praksis i butikk fra januar.");
    s.tab_to("#add-action");
    s.press(&[ENTER]);
    focused_is(&s, "input#action-what-0", "adding an action item");
    s.type_text("Kontakte butikken");
    s.press(&[TAB]);
    s.type_text("Nora Vik");
    s.press(&[TAB]);
    focused_is(&s, "input#action-due-0", "Tab to the action's due date");
    s.type_text("15.01.2027");
    s.press(&[CTRL, "s"]);
    s.wait_until("the meeting to be saved at its own address", |s| {
        s.execute("return /^#\\/moter\\/\\d+$/.test(location.hash)") == true
            && s.find("body[data-ready=\"meeting-editor\"]").is_some()
    });
    focused_is(&s, "h1#meeting-title", "saving the new meeting");

    // Complete it, and export the minutes as PDF.
    s.tab_to("#complete-meeting");
    s.press(&[ENTER]);
    s.wait_until("the meeting to be completed", |s| {
        s.find("#reopen-meeting").is_some()
    });
    focused_is(&s, "select#export-recipient", "completing the meeting");
    s.tab_to("#export-minutes");
    s.press(&[ENTER]);
    s.wait_until("the minutes to be exported", |s| {
        s.execute("return document.body.dataset.exported || ''") != ""
    });
    focused_is(&s, "button#export-minutes", "exporting");
    let pdf = exported_pdf(exports.path());
    let text = pdf_text(&pdf);
    for expected in [
        "Tastatur Brukersen",
        "Praksis i butikk fra januar.",
        "Kontakte butikken",
        "Ønsker praksis i butikk.",
    ] {
        assert!(text.contains(expected), "the PDF holds «{expected}»");
    }
    s.screenshot(&screenshot_dir().join("keyboard-flow-done.png"));
}
