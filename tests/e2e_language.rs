//! End-to-end test of the window's language: chosen in the settings, it
//! changes every text on show at once (the sidebar, the headings, the
//! program's refusals, the deadlines' reasons), is remembered for the next
//! start, and goes back; screenshots in each language. The demo register
//! is written in the window's language, or in the one its flag names.

mod support;

use introspor_core::language::{catalogue, Language};
use support::app_window::{close_like_a_person, wait_until_closed};
use support::screens::{example_hash, visit};
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

/// Chooses `language` in the settings and waits until the window is drawn
/// again in it.
fn choose(s: &Session, language: Language) {
    visit(s, "#/innstillinger", "settings");
    s.select("#window-language", language.tag());
    s.wait_until(&format!("the window in {}", language.tag()), |s| {
        s.execute("return document.documentElement.lang") == language.tag()
            && s.find("body[data-ready=\"settings\"]").is_some()
            && s.text_of("#language-heading") == text(language, "settings.language")
    });
}

fn text(language: Language, key: &str) -> String {
    catalogue(language)
        .get(key)
        .unwrap_or_else(|| panic!("{key} in {}", language.tag()))
        .to_string()
}

/// Texts of `other` languages (whole catalogue entries without
/// placeholders, long enough to be unambiguous, and different in
/// `language`) that still show on the screen. A short text counts only as
/// a whole text on the screen (a label, a heading, a button), so that the
/// same word inside stored data (a task's note kept in the municipality's
/// written language) is not taken for the window's own.
fn left_over(s: &Session, language: Language) -> Vec<String> {
    let shown = s
        .execute("return document.body.innerText")
        .as_str()
        .unwrap_or_default()
        .to_string();
    let nodes: Vec<String> = s
        .execute(
            "const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); \
             const out = []; while (w.nextNode()) { const t = w.currentNode.textContent.trim(); if (t) out.push(t); } \
             return out;",
        )
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let here = catalogue(language);
    let mut found = Vec::new();
    for other in Language::ALL.into_iter().filter(|l| *l != language) {
        for (key, theirs) in catalogue(other).texts() {
            let ours = here.get(key).unwrap_or_default();
            // The demo's texts are the register's data, written once in
            // the demo's language; a change of window language leaves
            // them as they are, like anything a caseworker typed.
            if key.starts_with("demo.")
                || theirs.chars().count() < 14
                || theirs.contains('{')
                || theirs == ours
                || ours.contains(theirs.as_str())
            {
                continue;
            }
            let on_screen = if theirs.chars().count() < 40 {
                nodes
                    .iter()
                    .any(|n| n.trim_end_matches(':') == theirs.trim_end_matches(':'))
            } else {
                shown.contains(theirs.as_str())
            };
            if on_screen {
                found.push(format!("{key}: {theirs}"));
            }
        }
    }
    found
}

/// The screens a caseworker passes through, each checked for texts of
/// another language; a refusal on the participant form in `language`.
fn walk_through(s: &Session, language: Language) {
    let tag = language.tag();
    let sidebar = s.texts("#nav-list a");
    assert!(
        sidebar.contains(&text(language, "nav.participants")),
        "{tag}: the sidebar {sidebar:?}"
    );
    for (hash, ready) in [
        ("#/oversikt".to_string(), "overview"),
        ("#/deltakere".to_string(), "participant-list"),
        (example_hash(s, "participant"), "participant-detail"),
        ("#/frister".to_string(), "deadline-list"),
        ("#/innstillinger".to_string(), "settings"),
    ] {
        visit(s, &hash, ready);
        let left = left_over(s, language);
        assert!(left.is_empty(), "{tag}, {ready}: still shown: {left:#?}");
        if ready == "participant-detail" {
            s.screenshot(&screenshot_dir().join(format!("language-{tag}-participant.png")));
        }
    }
    assert_eq!(
        s.execute("return document.title"),
        format!("{} – Introspor", text(language, "nav.settings")),
        "{tag}: the window's title"
    );

    // The program's own refusal comes in the window's language.
    visit(s, "#/deltakere/ny", "participant-form");
    s.fill("#field-givenName", "Språk");
    s.fill("#field-familyName", "Prøve");
    s.fill("#field-birthDate", "31.02.1990");
    s.click(&s.wait_for("#save-participant"));
    s.wait_until(&format!("{tag}: the refusal"), |s| {
        s.find("#error-summary")
            .is_some_and(|summary| s.is_displayed(&summary))
    });
    let refusal = s.text_of("#error-summary");
    assert!(
        refusal.contains(&text(language, "message.nonexistentDate")),
        "{tag}: the refusal {refusal:?}"
    );
    s.screenshot(&screenshot_dir().join(format!("language-{tag}-refusal.png")));
    // Leave the form without keeping the typing.
    s.execute("document.querySelector('#cancel-participant').click()");
    s.click(&s.wait_for("#unsaved-discard"));
    s.wait_for_screen("participant-list");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn the_window_speaks_the_chosen_language_at_once_remembers_it_and_goes_back() {
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    {
        let s = Session::launch(&driver, app(), &["--demo"]);
        s.wait_for_screen("overview");
        walk_through(&s, Language::Bokmal);
        choose(&s, Language::Nynorsk);
        walk_through(&s, Language::Nynorsk);
        choose(&s, Language::English);
        walk_through(&s, Language::English);
        choose(&s, Language::Nynorsk);
        close_like_a_person(data.path());
        wait_until_closed(data.path(), "the app closes");
    }

    // The next start speaks Nynorsk from its first screen.
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");
    assert_eq!(s.execute("return document.documentElement.lang"), "nn");
    assert!(s
        .texts("#nav-list a")
        .contains(&text(Language::Nynorsk, "nav.participants")));
    choose(&s, Language::Bokmal);
    walk_through(&s, Language::Bokmal);
}

/// The participant notes and the overview's tasks of the demo on show,
/// after the window has started.
fn demo_texts_shown(s: &Session) -> (String, String) {
    s.wait_for_screen("overview");
    let overview = s
        .execute("return document.body.innerText")
        .as_str()
        .unwrap_or_default()
        .to_string();
    visit(s, &example_hash(s, "participant"), "participant-detail");
    (overview, s.text_of("#participant-notes"))
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn the_demo_is_written_in_the_windows_language_or_the_one_asked_for() {
    // A bare --demo after the caseworker chose Nynorsk: a Nynorsk demo.
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    {
        let s = Session::launch(&driver, app(), &[]);
        s.wait_for_screen("overview");
        choose(&s, Language::Nynorsk);
        close_like_a_person(data.path());
        wait_until_closed(data.path(), "the app closes");
    }
    {
        let s = Session::launch(&driver, app(), &["--demo"]);
        let (overview, notes) = demo_texts_shown(&s);
        let nn = |key| text(Language::Nynorsk, key);
        assert!(
            overview.contains(&nn("demo.task.leaderInvitation")),
            "{overview}"
        );
        assert!(notes.starts_with(&nn("demo.fictional")), "{notes}");
        s.screenshot(&screenshot_dir().join("language-nn-demo.png"));
        close_like_a_person(data.path());
        wait_until_closed(data.path(), "the app closes");
    }

    // --demo=en in a Bokmål window: an English register, Bokmål screens.
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    let s = Session::launch(&driver, app(), &["--demo=en"]);
    let (overview, notes) = demo_texts_shown(&s);
    let en = |key| text(Language::English, key);
    assert!(
        overview.contains(&en("demo.task.interpreter")),
        "{overview}"
    );
    assert!(
        !overview.contains(&text(Language::Bokmal, "demo.task.interpreter")),
        "{overview}"
    );
    assert!(notes.starts_with(&en("demo.fictional")), "{notes}");
    assert_eq!(s.execute("return document.documentElement.lang"), "nb");
    s.screenshot(&screenshot_dir().join("language-en-demo.png"));
}
