//! The window's screens as the route table (`ui/js/routes.js`) names them,
//! read from the running window, with an example address for each, so that
//! a test can visit every screen and fails when a screen is added that it
//! does not know how to open.

#![allow(dead_code)]

use crate::support::webdriver::Session;

/// One screen of the route table: its name and its `data-ready` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// The table's name (`meetings`, `participant-edit`).
    pub name: String,
    /// The value `body[data-ready]` takes when it is drawn.
    pub ready: String,
    /// Its window title's screen name, as the catalogue gives it.
    pub title: String,
}

/// Every screen of the route table, read from the window itself.
pub fn route_table(s: &Session) -> Vec<Screen> {
    let rows = s.execute_async(
        "const done = arguments[arguments.length - 1];
         Promise.all([import('./js/routes.js'), import('./js/i18n.js')])
           .then(([r, i]) => done(r.SCREENS.map(x => [x.name, x.ready, i.t(x.title)])),
                 e => done(String(e)));",
    );
    let rows: Vec<(String, String, String)> =
        serde_json::from_value(rows.clone()).unwrap_or_else(|_| panic!("route table: {rows}"));
    rows.into_iter()
        .map(|(name, ready, title)| Screen { name, ready, title })
        .collect()
}

/// An address that opens `screen` in a register made with `--demo`: the
/// first participant, and the first meeting of the meeting list.
pub fn example_hash(s: &Session, screen: &str) -> String {
    let participant = || -> String {
        s.execute(
            "return [...document.querySelectorAll('a[href^=\"#/deltakere/\"]')].map(a => a.getAttribute('href')).find(h => /^#\\/deltakere\\/\\d+$/.test(h)) || ''",
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    match screen {
        "overview" => "#/oversikt".into(),
        "participants" => "#/deltakere".into(),
        "participant-new" => "#/deltakere/ny".into(),
        "participant-import" => "#/deltakere/import".into(),
        "participant" | "participant-edit" => {
            visit(s, "#/deltakere", "participant-list");
            let hash = participant();
            assert!(!hash.is_empty(), "the demo register lists a participant");
            if screen == "participant" {
                hash
            } else {
                format!("{hash}/rediger")
            }
        }
        "deadlines" => "#/frister".into(),
        "meetings" => "#/moter".into(),
        "meeting-new" => "#/moter/ny?type=team".into(),
        "meeting" => {
            visit(s, "#/moter", "meeting-list");
            let hash = s
                .execute("return document.querySelector('#meeting-table a[href^=\"#/moter/\"]')?.getAttribute('href') || ''")
                .as_str()
                .unwrap_or_default()
                .to_string();
            assert!(!hash.is_empty(), "the demo register lists a meeting");
            hash
        }
        "contacts" => "#/kontakter".into(),
        "backups" => "#/sikkerhetskopi".into(),
        "settings" => "#/innstillinger".into(),
        "rules" => "#/regelverk".into(),
        "audit" => "#/kontroll".into(),
        "reports" => "#/rapporter".into(),
        "privacy" => "#/personvern".into(),
        other => {
            panic!("the window tests do not know how to open the screen «{other}»: add it here")
        }
    }
}

/// The address of the demo register's information meeting (about several
/// participants, completed), found on the meeting list; empty if none.
pub fn demo_information_meeting(s: &Session) -> String {
    visit(s, "#/moter", "meeting-list");
    s.execute(
        "const row = [...document.querySelectorAll('tr')].find(r => r.textContent.includes('Informasjonsmøte')); \
         return row ? row.querySelector('a[href^=\"#/moter/\"]').getAttribute('href') : ''",
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Opens `hash` as a link would and waits for the screen `ready`.
pub fn visit(s: &Session, hash: &str, ready: &str) {
    // Through the router, so that the same address opens the screen anew.
    s.execute_async(&format!(
        "const done = arguments[arguments.length - 1]; document.body.dataset.ready = '';
         import('./js/router.js').then(r => {{ r.navigate({}); done(true); }}, e => done(String(e)));",
        serde_json::to_string(hash).unwrap()
    ));
    s.wait_for_screen(ready);
}

/// On the settings screen: types the letterhead the minutes carry and
/// saves it, waiting for the window to say so.
pub fn save_letterhead(s: &Session, municipality: &str, service: &str, caseworker: &str) {
    s.wait_for_screen("settings");
    s.fill("#letterhead-form-municipality", municipality);
    s.fill("#letterhead-form-service", service);
    s.fill("#letterhead-form-caseworker", caseworker);
    s.click(&s.wait_for("#letterhead-form-submit"));
    s.wait_until("the letterhead to be saved", |s| {
        s.text_of("#toast").contains("Brevhodet er lagret")
    });
}

/// Takes a backup on the backup screen and asks to restore it, leaving the
/// restore confirmation open.
pub fn open_restore_confirmation(s: &Session) {
    visit(s, "#/sikkerhetskopi", "backups");
    s.click(&s.wait_for("#backup-now"));
    s.wait_until("a backup to be listed", |s| {
        !s.find_all("#backup-table tbody tr button").is_empty()
    });
    s.click(&s.find_all("#backup-table tbody tr button")[0]);
    s.wait_for("#restore-confirm-no");
}
