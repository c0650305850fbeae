//! End-to-end tests of hostile text in the real window, and of the app's
//! network silence.
//!
//! 1. Hostile strings (HTML and script, right-to-left overrides, SQL, emoji,
//!    combining marks, quotes, Norwegian letters) are typed key by key into
//!    every text field of the participant form, the organisation and contact
//!    forms and the meeting editor; after saving they must show literally
//!    (the element's text or the field's value equals what was typed, in
//!    NFC as the register stores every text: a letter and its combining
//!    marks composed where Unicode has one character for them), no
//!    element may have been made from the HTML, no inline handler may exist,
//!    no dialog may have opened and the content security policy must not
//!    have had to block anything.
//! 2. After visiting the overview, a participant, a meeting and both
//!    exports, the app and every process it started (WebKit's web and
//!    network processes) must hold no internet socket except WebKit's
//!    automation connection to WebKitWebDriver (see [`automation_socket`]).
//! 3. Started on its own, without WebDriver, the app holds no internet
//!    socket at all.

mod support;

use serde_json::json;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::network::{self, InetSocket};
use support::pdf::{exported_pdf, pdf_text};
use support::webdriver::{app, screenshot_dir, Session, TauriDriver};

// What is typed. Single-line fields get no line breaks (Enter would submit
// the form) and no tabs (Tab moves the focus); the text areas get both
// line breaks and the rest.
const GIVEN: &str = "<img src=x onerror=alert(1)> Åse";
const FAMILY: &str = "O'Brien-Ødegård\"; DROP TABLE participant; --";
const LANGUAGES: &str = "\u{202E}fdp.exe\u{202C} \u{200F}عربي, ትግርኛ";
const ADDRESS: &str = "<script>alert('x')</script> Storgata 1 🙂👨\u{200D}👩\u{200D}👧";
const INTERPRETER: &str = "Tigrinja e\u{0301}\u{0308} & \"sitat\"";
const REASON: &str = "Vedtak <b>fet</b> & \"sitat\" 'enkelt'\n<svg onload=alert(1)>";
const NOTES: &str = "Linje 1 <img src=x onerror=alert(1)>\n'; DROP TABLE participant; --\n\u{202E}baklengs\u{202C} æøå ÆØÅ 🙂 ${7*7} {{7*7}}";
const ORGANISATION: &str = "<svg onload=alert(1)> NAV \"Fjordvik\" & Co 🙂";
const CONTACT: &str = "Åsmund <b>Ærlig</b> \u{202E}nesrevo\u{202C}";
const CONTACT_TITLE: &str = "Veileder'); DROP TABLE contact;--";
const CONTACT_NOTES: &str = "Nås best før 10 <img src=x onerror=alert(1)> ☎";
const PLACE: &str = "Rådhuset <script>alert(1)</script> \u{200F}غرفة";
const AGENDA_TITLE: &str = "<img src=x onerror=alert(1)> Norskopplæring";
const AGENDA_NOTES: &str =
    "Nivå A2 ✓\n\"; DELETE FROM meeting; --\n\u{202E}tset\u{202C} 👩\u{200D}🏫";
const DECISION: &str = "Starter i <b>språkpraksis</b> & jobbsøking\n'quoted' \"double\"";
const ACTION_WHAT: &str = "Finne praksisplass <script>alert(1)</script>";
const ACTION_WHO: &str = "Nora \u{202E}nesevaN\u{202C} 🙂";
const NEXT_NOTE: &str = "Samme sted, kl. 10 <img src=x onerror=alert(1)>";

/// Watches the page for anything the hostile text might make it do: calls to
/// alert, confirm, prompt, print or open, and content security policy
/// violations (which would mean a script, style or image was attempted).
const TRIPWIRES: &str = r#"
window.__hostile = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__hostile.push(name + ": " + String(args[0])); };
}
document.addEventListener("securitypolicyviolation", (e) =>
  window.__hostile.push("csp: " + e.violatedDirective + " " + e.blockedURI), true);
"#;

/// What the hostile text might have turned into: elements made from the
/// HTML, inline event handlers, or scripts beyond the app's own module.
const INJECTED: &str = r#"
const found = [];
if (document.querySelector('img[src="x"]')) found.push("img[src=x]");
for (const el of document.querySelectorAll("svg, iframe, object, embed, b, frame, base, meta[http-equiv]")) {
  found.push(el.tagName.toLowerCase());
}
const scripts = [...document.scripts].filter((s) => !(s.type === "module" && s.src.endsWith("/js/app.js")));
for (const s of scripts) found.push("script " + (s.src || s.textContent.slice(0, 40)));
for (const el of document.querySelectorAll("*")) {
  for (const attr of el.attributes) {
    if (attr.name.startsWith("on")) found.push(el.tagName.toLowerCase() + "[" + attr.name + "]");
  }
}
return { found, hostile: window.__hostile ?? ["tripwires missing"] };
"#;

/// Installs the tripwires and proves they fire: an element with an inline
/// handler, made on purpose by the test (as `innerHTML` would make it), must
/// be stopped by the content security policy and reported, and a direct
/// call of `alert` must be recorded without a dialog.
fn install_tripwires(s: &Session) {
    s.execute(TRIPWIRES);
    s.execute(
        "const probe = document.createElement('div'); probe.id = 'tripwire-probe'; \
         probe.innerHTML = '<img src=\"x\" onerror=\"alert(1)\">'; document.body.append(probe); \
         window.alert('probe');",
    );
    s.wait_until("the CSP to block the probe's inline handler", |s| {
        let seen = s.execute("return window.__hostile");
        let seen: Vec<String> = serde_json::from_value(seen).unwrap_or_default();
        seen.iter().any(|e| e.starts_with("csp: script-src"))
    });
    let seen: Vec<String> =
        serde_json::from_value(s.execute("return window.__hostile")).unwrap_or_default();
    assert_eq!(
        seen.iter().filter(|e| e.starts_with("alert")).count(),
        1,
        "only the direct call of alert ran; the inline handler was blocked: {seen:?}"
    );
    assert_eq!(s.alert_text(), None, "no dialog opens");
    println!("tripwires work: {seen:?}");
    s.execute("document.getElementById('tripwire-probe').remove(); window.__hostile = [];");
}

/// Nothing was made from the hostile text, nothing ran, no dialog opened.
fn assert_inert(s: &Session, screen: &str) {
    assert_eq!(
        s.alert_text(),
        None,
        "{screen}: no dialog should have opened"
    );
    let answer = s.execute(INJECTED);
    assert_eq!(
        answer["found"],
        json!([]),
        "{screen}: no element or handler should have been made from typed text"
    );
    assert_eq!(
        answer["hostile"],
        json!([]),
        "{screen}: nothing should have tried to run or load"
    );
    println!("{screen}: inert (no injected elements, handlers, dialogs or CSP violations)");
}

fn js(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// The exact text of the first element matching `css` (`textContent`, not
/// WebDriver's rendered text, which folds white space and bidi controls).
fn text_content(s: &Session, css: &str) -> String {
    s.wait_for(css);
    s.text_now(css)
}

/// The exact value of a form field.
fn value(s: &Session, css: &str) -> String {
    s.wait_for(css);
    s.execute(&format!(
        "return document.querySelector({})?.value ?? null;",
        js(css)
    ))
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Types `text` key by key into the field and checks the field got all of it.
///
/// WebKitWebDriver turns typed text into key events and silently drops
/// characters outside the Basic Multilingual Plane (emoji), which no
/// keyboard key produces. Those are inserted at the caret the way an input
/// method or a paste inserts them (`insertText`, which fires the same
/// `input` events), and everything else is typed; a line break is typed as
/// the Enter key.
fn type_text(s: &Session, css: &str, text: &str) {
    // A screen that has just opened may still draw its form anew; a field
    // replaced while it is typed into (WebKitWebDriver then answers a stale
    // element or an unknown error) is found again and typed from the start.
    for attempt in 0.. {
        match try_type_text(s, css, text) {
            Ok(()) => break,
            Err(e) if attempt < 5 => {
                eprintln!("{css}: typing again after {e}");
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(e) => panic!("WebDriver could not type into {css}: {e}"),
        }
    }
    assert_eq!(
        value(s, css),
        text,
        "{css}: the field should hold exactly what was typed"
    );
}

fn try_type_text(s: &Session, css: &str, text: &str) -> Result<(), String> {
    s.fill(css, "");
    let el = s.wait_for(css);
    let mut run = String::new();
    let flush = |run: &mut String| -> Result<(), String> {
        if !run.is_empty() {
            s.try_type_into(&el, run)?;
            run.clear();
        }
        Ok(())
    };
    for c in text.chars() {
        if c == '\n' {
            // A line break is the Enter key (WebDriver's U+E007).
            run.push('\u{E007}');
        } else if (c as u32) < 0x10000 {
            run.push(c);
        } else {
            flush(&mut run)?;
            s.execute(&format!(
                "const el = document.querySelector({}); el.focus(); \
                 document.execCommand('insertText', false, {});",
                js(css),
                js(&c.to_string())
            ));
        }
    }
    flush(&mut run)
}

/// Whether some element's own text (its `textContent`) is exactly `text`.
fn shown_exactly(s: &Session, css: &str, text: &str) -> bool {
    s.execute(&format!(
        "return [...document.querySelectorAll({})].some((e) => e.textContent === {});",
        js(css),
        js(text)
    ))
    .as_bool()
    .unwrap_or(false)
}

fn hash(s: &Session) -> String {
    s.execute("return location.hash")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn go(s: &Session, hash: &str, screen: &str) {
    s.execute(&format!("location.hash = {}", js(hash)));
    s.wait_for_screen(screen);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn hostile_text_shows_literally_and_the_app_opens_no_network_socket() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        ("INTROSPOR_SAVE_DIALOG_ANSWER", exports.path()),
    ]);
    let s = Session::launch(&driver, app(), &[]);
    s.wait_for_screen("overview");
    install_tripwires(&s);

    // --- The participant form ------------------------------------------
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    s.click(&s.wait_for("#new-participant"));
    s.wait_for_screen("participant-form");
    type_text(&s, "#field-givenName", GIVEN);
    type_text(&s, "#field-familyName", FAMILY);
    type_text(&s, "#field-languages", LANGUAGES);
    type_text(&s, "#field-address", ADDRESS);
    s.click(&s.wait_for("#field-needsInterpreter"));
    type_text(&s, "#field-interpreterLanguage", INTERPRETER);
    s.select("#field-lawOverride", "introduksjonsloven");
    type_text(&s, "#field-lawOverrideReason", REASON);
    type_text(&s, "#field-notes", NOTES);
    // Fields with a format refuse hostile text, beside the field.
    s.fill("#field-identityNumber", "<img src=x onerror=alert(1)>");
    s.fill("#field-birthDate", "<script>alert(1)</script>");
    type_text(&s, "#field-phone", "'; DROP TABLE participant; --");
    type_text(&s, "#field-email", "<img src=x onerror=alert(1)>@x");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for("#error-summary");
    for field in ["identityNumber", "birthDate", "phone", "email"] {
        let error = text_content(&s, &format!("#error-{field}"));
        assert!(
            !error.is_empty() && !error.contains('<'),
            "{field}: a Norwegian error is shown beside the field: {error:?}"
        );
    }
    assert_eq!(
        value(&s, "#field-givenName"),
        GIVEN,
        "a refused form keeps what was typed"
    );
    assert_inert(&s, "participant form, refused");
    s.screenshot(&screenshot_dir().join("hostile-participant-refused.png"));

    s.fill("#field-identityNumber", "");
    s.fill("#field-birthDate", "");
    s.fill("#field-phone", "+47 912 34 567");
    s.fill("#field-email", "åse.ødegård@kommune.no");
    s.click(&s.wait_for("#save-participant"));
    s.wait_for_screen("participant-detail");
    let participant = hash(&s);
    assert_eq!(
        text_content(&s, "#participant-name"),
        format!("{GIVEN} {FAMILY}"),
        "the name shows literally"
    );
    assert_eq!(text_content(&s, "#participant-notes"), NOTES);
    assert_eq!(text_content(&s, "#law-override-reason"), REASON);
    for text in [LANGUAGES, ADDRESS, "åse.ødegård@kommune.no"] {
        assert!(shown_exactly(&s, "dd", text), "{text:?} shows literally");
    }
    // Typed as a letter and two combining marks; stored composed (é and
    // the diaeresis), which reads the same.
    let interpreter = introspor_core::domain::search_key::nfc(INTERPRETER);
    assert_ne!(interpreter, INTERPRETER, "the sample should compose");
    assert!(
        shown_exactly(&s, "dd", &format!("Ja ({interpreter})")),
        "the interpreter language shows literally, composed"
    );
    assert_inert(&s, "participant detail");
    s.screenshot(&screenshot_dir().join("hostile-participant.png"));

    // Opened again for editing, every field holds what was typed.
    s.click(&s.wait_for("#edit-participant"));
    s.wait_for_screen("participant-form");
    for (field, typed) in [
        ("givenName", GIVEN),
        ("familyName", FAMILY),
        ("languages", LANGUAGES),
        ("address", ADDRESS),
        ("interpreterLanguage", interpreter.as_str()),
        ("lawOverrideReason", REASON),
        ("notes", NOTES),
    ] {
        assert_eq!(value(&s, &format!("#field-{field}")), typed, "{field}");
    }
    assert_inert(&s, "participant form, editing");
    s.click(&s.wait_for("#cancel-participant"));
    s.wait_for_screen("participant-detail");

    // The list shows the name literally.
    s.click(&s.wait_for("a[data-nav=\"participants\"]"));
    s.wait_for_screen("participant-list");
    assert!(
        s.texts("tbody tr").len() == 1
            && s.execute(&format!(
                "return document.querySelector('tbody tr').textContent.includes({})",
                js(FAMILY)
            )) == json!(true),
        "the list shows the participant's name literally"
    );
    assert_inert(&s, "participant list");

    // --- Organisations and contacts -------------------------------------
    s.click(&s.wait_for("a[data-nav=\"contacts\"]"));
    s.wait_for_screen("contacts");
    type_text(&s, "#organisation-form-name", ORGANISATION);
    s.select("#organisation-form-kind", "refugee_service");
    s.click(&s.wait_for("#organisation-form-submit"));
    s.wait_until("the organisation to be listed", |s| {
        shown_exactly(s, "#organisation-table td", ORGANISATION)
    });
    let organisation = s
        .execute(&format!(
            "return [...document.querySelectorAll('#contact-form-organisationId option')]\
             .find((o) => o.textContent === {})?.value ?? '';",
            js(ORGANISATION)
        ))
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        !organisation.is_empty(),
        "the organisation is offered by its literal name"
    );
    type_text(&s, "#contact-form-name", CONTACT);
    s.select("#contact-form-organisationId", &organisation);
    type_text(&s, "#contact-form-title", CONTACT_TITLE);
    type_text(&s, "#contact-form-phone", "<b>1</b>");
    type_text(&s, "#contact-form-email", "ørn@fjordvik.kommune.no");
    type_text(&s, "#contact-form-notes", CONTACT_NOTES);
    s.click(&s.wait_for("#contact-form-submit"));
    s.wait_until("the phone number to be refused", |s| {
        s.find("#contact-form-phone-error")
            .is_some_and(|e| s.is_displayed(&e))
    });
    assert_inert(&s, "contact form, refused");
    s.fill("#contact-form-phone", "+47 55 55 55 55");
    s.click(&s.wait_for("#contact-form-submit"));
    s.wait_until("the contact to be listed", |s| {
        shown_exactly(s, "#contact-table td", CONTACT)
    });
    for text in [CONTACT_TITLE, "+47 55 55 55 55", "ørn@fjordvik.kommune.no"] {
        assert!(shown_exactly(&s, "#contact-table td", text), "{text:?}");
    }
    s.click(&s.wait_for("#contact-table tbody tr td.action button"));
    assert_eq!(value(&s, "#contact-form-name"), CONTACT);
    assert_eq!(value(&s, "#contact-form-title"), CONTACT_TITLE);
    assert_eq!(value(&s, "#contact-form-notes"), CONTACT_NOTES);
    assert_inert(&s, "contacts");
    s.screenshot(&screenshot_dir().join("hostile-contacts.png"));

    // --- The meeting editor ---------------------------------------------
    go(&s, &participant, "participant-detail");
    s.click(&s.wait_for("#new-team-meeting"));
    s.wait_for_screen("meeting-editor");
    type_text(&s, "#meeting-place", PLACE);
    s.click(&s.wait_for("#add-agenda-item"));
    let item = s.find_all(".agenda-item").len() - 1;
    type_text(&s, &format!("#agenda-title-{item}"), AGENDA_TITLE);
    type_text(&s, &format!("#agenda-notes-{item}"), AGENDA_NOTES);
    s.click(&s.wait_for("#add-decision"));
    type_text(&s, "#decision-0", DECISION);
    s.click(&s.wait_for("#add-action"));
    type_text(&s, "#action-what-0", ACTION_WHAT);
    type_text(&s, "#action-responsible-0", ACTION_WHO);
    type_text(&s, "#action-due-0", "15.12.2030");
    type_text(&s, "#meeting-nextMeetingNote", NEXT_NOTE);
    s.click(&s.wait_for("#save-meeting"));
    s.wait_until("the meeting to be saved", |s| {
        let h = hash(s);
        h.starts_with("#/moter/") && !h.contains("ny")
    });
    s.wait_for_screen("meeting-editor");
    let meeting = hash(&s);
    // Read back from the store: away and back again.
    go(&s, "#/oversikt", "overview");
    go(&s, &meeting, "meeting-editor");
    let item = s.find_all(".agenda-item").len() - 1;
    for (css, typed) in [
        ("#meeting-place".to_string(), PLACE),
        (format!("#agenda-title-{item}"), AGENDA_TITLE),
        (format!("#agenda-notes-{item}"), AGENDA_NOTES),
        ("#decision-0".to_string(), DECISION),
        ("#action-what-0".to_string(), ACTION_WHAT),
        ("#action-responsible-0".to_string(), ACTION_WHO),
        ("#meeting-nextMeetingNote".to_string(), NEXT_NOTE),
    ] {
        assert_eq!(value(&s, &css), typed, "{css} reads back as typed");
    }
    assert_inert(&s, "meeting editor");

    // Completed, previewed and exported for the archive.
    s.click(&s.wait_for("#meeting-participants input[type=checkbox]"));
    s.click(&s.wait_for("#complete-meeting"));
    s.wait_until("the meeting to be completed", |s| {
        s.execute("return document.querySelector('#meeting-status')?.textContent ?? ''")
            .as_str()
            .is_some_and(|t| t.contains("Fullført"))
    });
    s.select("#export-recipient", "archive");
    let numbered_title = format!("{}. {AGENDA_TITLE}", item + 1);
    s.wait_until("the preview", |s| {
        shown_exactly(s, "#minutes-preview h4", &numbered_title)
    });
    for text in [AGENDA_NOTES, &format!("1. {DECISION}")] {
        assert!(
            shown_exactly(&s, "#minutes-preview p", text),
            "the preview shows {text:?} literally"
        );
    }
    let preview = text_content(&s, "#minutes-preview");
    for text in [PLACE, ACTION_WHAT, ACTION_WHO, NEXT_NOTE] {
        assert!(preview.contains(text), "the preview shows {text:?}");
    }
    assert_inert(&s, "minutes preview");
    s.screenshot(&screenshot_dir().join("hostile-meeting.png"));
    s.click(&s.wait_for("#export-minutes"));
    // The emoji have no glyph in the document's fonts: the export asks
    // first, naming them, and the question itself shows the text inertly.
    s.wait_for("#undrawable");
    let question = s.text_of("#undrawable-message");
    assert!(
        question.contains("U+1F642"),
        "the question should name the emoji: {question:?}"
    );
    assert_inert(&s, "undrawable question");
    s.click(&s.wait_for("#undrawable-save"));
    s.wait_until("the export to be logged", |s| {
        !s.texts("#meeting-sharing-log tbody tr").is_empty()
    });
    let pdf = exported_pdf(exports.path());
    let text = pdf_text(&pdf);
    for fragment in [
        "DELETE FROM meeting",
        "<script>alert(1)</script>",
        "Ødegård",
    ] {
        assert!(
            text.contains(fragment),
            "the PDF holds {fragment:?} as text"
        );
    }

    // --- The overview and the calendar export ----------------------------
    go(&s, "#/oversikt", "overview");
    s.click(&s.wait_for("#export-calendar"));
    s.wait_until("the calendar file", |_| {
        std::fs::read_dir(exports.path())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "ics"))
    });
    go(&s, "#/frister", "deadline-list");
    go(&s, "#/moter", "meeting-list");
    go(&s, "#/innstillinger", "settings");
    go(&s, &participant, "participant-detail");
    assert_inert(&s, "after every screen");

    // --- No network socket ---------------------------------------------
    check_no_network_socket(&driver);
}

/// WebKit's automation connection, the one kind of internet socket the app
/// may hold while it is driven by WebDriver.
///
/// WebKitWebDriver starts the browser (our app) with the environment
/// variable `WEBKIT_INSPECTOR_SERVER=127.0.0.1:<port>`. That makes WebKit
/// start its remote inspector server in the app's UI process, listening on
/// that loopback port. WebKitWebDriver connects to it to drive the page, and
/// WebKit's own processes (the UI process and each web process) connect to
/// it to register their pages for inspection. So, and only under WebDriver,
/// the app holds: the listening socket on exactly `127.0.0.1:<port>`, and
/// loopback connections with `<port>` at one end whose other end is held
/// by WebKitWebDriver or by a process of the app itself. Anything else (any
/// other port, any non-loopback address, any UDP or raw socket, any other
/// listener) is a network socket the app opened, and fails the test. The
/// second test shows that without WebDriver there is none at all.
///
/// Returns why a socket is excluded, or `None` when it is not.
fn automation_socket(
    socket: &InetSocket,
    inspector_port: u16,
    peers: &[(u32, InetSocket)],
    tree: &BTreeSet<u32>,
    webdriver: &BTreeSet<u32>,
) -> Option<String> {
    if !socket.table.starts_with("tcp") || !socket.is_loopback() {
        return None;
    }
    if socket.is_listening() {
        return (socket.local.1 == inspector_port && socket.local.0.is_loopback())
            .then(|| "WebKit's inspector server, started by WEBKIT_INSPECTOR_SERVER".to_string());
    }
    if socket.local.1 != inspector_port && socket.remote.1 != inspector_port {
        return None;
    }
    // The other end must be a socket held by WebKitWebDriver or the app.
    peers.iter().find_map(|(pid, peer)| {
        let pair = peer.local == socket.remote && peer.remote == socket.local;
        if pair && webdriver.contains(pid) {
            Some(format!(
                "automation connection with WebKitWebDriver (pid {pid})"
            ))
        } else if pair && tree.contains(pid) {
            Some(format!(
                "WebKit registering with its inspector server ({} pid {pid})",
                network::name(*pid)
            ))
        } else {
            None
        }
    })
}

fn check_no_network_socket(driver: &TauriDriver) {
    let everything = network::tree(driver.pid());
    let app_pid = everything
        .iter()
        .copied()
        .find(|pid| network::runs(*pid, app()))
        .expect("the app runs under tauri-driver");
    let tree = network::tree(app_pid);
    let webdriver: BTreeSet<u32> = everything
        .iter()
        .copied()
        .filter(|pid| network::name(*pid) == "WebKitWebDriver")
        .collect();
    println!("app process tree:");
    for pid in &tree {
        println!(
            "  {pid} {} ({} sockets of any kind)",
            network::name(*pid),
            network::socket_inodes(*pid).len()
        );
    }
    let inspector_port: u16 = network::environment_variable(app_pid, "WEBKIT_INSPECTOR_SERVER")
        .and_then(|address| address.rsplit_once(':')?.1.parse().ok())
        .expect("WebKitWebDriver starts the app with WEBKIT_INSPECTOR_SERVER=127.0.0.1:<port>");
    let held = network::held_inet_sockets(&tree);
    let peers = network::held_inet_sockets(&everything);
    let mut unexpected = Vec::new();
    println!("internet sockets held by the app's processes:");
    for (pid, socket) in &held {
        let excluded = automation_socket(socket, inspector_port, &peers, &tree, &webdriver);
        println!(
            "  {pid} {}: {socket}: {}",
            network::name(*pid),
            excluded.as_deref().unwrap_or("UNEXPECTED")
        );
        if excluded.is_none() {
            unexpected.push(format!("{pid} {}: {socket}", network::name(*pid)));
        }
    }
    assert!(
        unexpected.is_empty(),
        "the app should open no network socket; found: {unexpected:#?}"
    );
    let listeners = held.iter().filter(|(_, s)| s.is_listening()).count();
    assert!(
        listeners <= 1,
        "the only listener may be WebKit's inspector server on 127.0.0.1:{inspector_port}"
    );
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver; run with `make test`"]
fn the_app_on_its_own_holds_no_internet_socket() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no X display: run the end-to-end tests under Xvfb, as `make test` does"
    );
    use std::os::unix::process::CommandExt;
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(app())
        .env("INTROSPOR_DATA_DIR", data.path())
        .env_remove("WEBKIT_INSPECTOR_SERVER")
        .env_remove("TAURI_WEBVIEW_AUTOMATION")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        // Its own process group, so that its WebKit processes end with it.
        .process_group(0)
        .spawn()
        .expect("the app starts");
    let pid = child.id();
    // The app prints "first render (overview) after N ms" once the start
    // screen is on display; by then every WebKit process is running.
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("first render") {
                let _ = sender.send(line);
            }
        }
    });
    let rendered = receiver.recv_timeout(Duration::from_secs(30));
    // Let the web process settle (fonts, images) before looking.
    let settle = Instant::now() + Duration::from_secs(2);
    while Instant::now() < settle {
        std::thread::sleep(Duration::from_millis(100));
    }
    let tree = network::tree(pid);
    let held = network::held_inet_sockets(&tree);
    println!("app on its own: {rendered:?}");
    for pid in &tree {
        println!(
            "  {pid} {} ({} sockets of any kind)",
            network::name(*pid),
            network::socket_inodes(*pid).len()
        );
    }
    for (pid, socket) in &held {
        println!("  {pid} {}: {socket}", network::name(*pid));
    }
    let group = format!("-{pid}");
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = child.wait();
    assert!(rendered.is_ok(), "the app should render its start screen");
    assert!(
        tree.len() > 1,
        "WebKit's web and network processes should have been found"
    );
    assert!(
        held.is_empty(),
        "without WebDriver the app should hold no internet socket at all"
    );
}
