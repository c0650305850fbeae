//! Click to pixels in the real window: with a hundredfold register, the
//! time from a click on a screen's link to the screen drawn (`data-ready`
//! set and two frames painted), median and p95 of 20 clicks per main
//! screen, beside the round trip of the screen's main command from the
//! window (IPC and the command), so that rendering shows as its own figure.
//!
//! Needs Xvfb, tauri-driver and a Secret Service, as the window tests do:
//! `make bench` runs it under `tests/with-keyring.sh xvfb-run`, and `make
//! test` runs it once at a tiny scale. Prints figures; never fails on timing.

mod support;
#[path = "../../tests/support/webdriver.rs"]
mod webdriver;

use introspor_app::state::Register;
use introspor_app::{key_store_for, start_state};
use introspor_core::benchmark_data::{fill, Scale};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use webdriver::{app, Session, TauriDriver};

/// One main screen: its name, how to reach it by a click (the link's CSS),
/// its `data-ready` value, and the commands it waits for, as the window
/// calls them.
struct Screen {
    name: &'static str,
    link: &'static str,
    ready: &'static str,
    command: &'static str,
}

const SCREENS: &[Screen] = &[
    Screen { name: "overview", link: "a[data-nav=\"overview\"]", ready: "overview", command: "Promise.all([api.overview(), api.cooperationOverview(), api.getLetterhead(), api.findContacts('', 1)])" },
    Screen { name: "participant list", link: "a[data-nav=\"participants\"]", ready: "participant-list", command: "api.listParticipants({ search: '', status: '', law: '', archived: false, sort: 'name', limit: 200 })" },
    Screen { name: "participant detail", link: "#participant-table a.row-link", ready: "participant-detail", command: "api.getParticipant(1).then(() => Promise.all([api.participantDeadlines(1), api.team(1), api.findContacts('', 50), api.listMeetings(1), api.sharingLog(1), api.unfiledMinutes(1), api.accessRequests(1), api.auditHistory(1)]))" },
    Screen { name: "deadlines", link: "a[data-nav=\"deadlines\"]", ready: "deadline-list", command: "api.listDeadlines({ kind: '', status: '', openOnly: true, participantId: null, from: '', to: '', after: null })" },
    Screen { name: "meeting list", link: "a[data-nav=\"meetings\"]", ready: "meeting-list", command: "api.listMeetings(null)" },
    Screen { name: "meeting editor", link: "#meeting-table a", ready: "meeting-editor", command: "Promise.all([api.findContacts('', 50), api.getLetterhead(), api.getMeeting(1)])" },
    Screen { name: "contacts", link: "a[data-nav=\"contacts\"]", ready: "contacts", command: "Promise.all([api.findContacts('', 200), api.listOrganisations(true)])" },
    Screen { name: "settings", link: "a[data-nav=\"settings\"]", ready: "settings", command: "api.getSettings()" },
    Screen { name: "rules", link: "a[data-nav=\"rules\"]", ready: "rules", command: "api.statutoryRules()" },
    Screen { name: "backups", link: "a[data-nav=\"backups\"]", ready: "backups", command: "api.listBackups()" },
];

/// Where each screen's link is found: the screen before it in the list.
fn before(screen: &Screen) -> (&'static str, &'static str) {
    match screen.name {
        "participant detail" => ("#/deltakere", "participant-list"),
        "meeting editor" => ("#/moter", "meeting-list"),
        "overview" => ("#/innstillinger", "settings"),
        _ => ("#/oversikt", "overview"),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Makes a register in `folder` the way the app does (its key in the
/// credential store) and fills it at `scale`.
fn prepare(folder: &Path, scale: Scale) -> String {
    let started = Instant::now();
    let state = start_state(folder.to_path_buf(), Arc::new(key_store_for(folder)), None);
    let Register::Ready(shared) = state.register() else {
        panic!("a new register should open");
    };
    let report = {
        let mut guard = shared.lock().unwrap();
        let store = guard.as_mut().expect("open store");
        fill(store, 20_261_202, scale, chrono::Local::now().date_naive()).unwrap()
    };
    state.close();
    format!(
        "{} participants, {} meetings, {} contacts; made in {:.1} s",
        report.participants,
        report.meetings,
        report.contacts,
        started.elapsed().as_secs_f64()
    )
}

// Stamps, in the page, the click (capture phase, before any handler), the
// moment the screen sets `data-ready` (its data fetched, its DOM built and
// laid out: the router gives the heading the focus first, which lays the
// page out), and the moment it is drawn: two frames after `data-ready`, so
// that the paint of the new screen is inside the figure.
const INSTRUMENT: &str = "
    if (!window.__bench) {
      window.__bench = { t0: 0, ready: 0, t1: 0, want: '' };
      document.addEventListener('click', () => { const b = window.__bench; b.t0 = performance.now(); b.ready = 0; b.t1 = 0; }, true);
      new MutationObserver(() => {
        const b = window.__bench;
        if (b.want && !b.ready && document.body.dataset.ready === b.want) {
          b.ready = performance.now();
          requestAnimationFrame(() => requestAnimationFrame(() => { if (!b.t1) b.t1 = performance.now(); }));
        }
      }).observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
    }
    return true;";

fn main() {
    // The window drawn as the app draws it on this machine (the test
    // harness otherwise keeps compositing on; see tests/support/webdriver.rs).
    // First, before any other thread: it may set a variable.
    let drawing = introspor_app::rendering::choose_for_this_machine();
    support::announce("window (click to pixels)");
    let full = support::full_run();
    if std::env::var_os("DISPLAY").is_none() {
        // `make test` and `make bench` run it under Xvfb; a bare `cargo
        // test` on a machine without a display cannot open the window.
        println!("skipped: no display (run it with `make test` or `make bench`)");
        return;
    }
    let clicks = support::calls(20);
    let data = tempfile::tempdir().unwrap();
    let scale = if full {
        Scale::HUNDREDFOLD
    } else {
        Scale::TINY
    };
    println!("{}", prepare(data.path(), scale));

    let compositing_off = if drawing.compositing_off { "1" } else { "0" };
    println!("drawn without compositing: {}", drawing.compositing_off);
    let driver = TauriDriver::start(&[
        ("INTROSPOR_DATA_DIR", data.path()),
        (
            introspor_app::rendering::COMPOSITING_VARIABLE,
            Path::new(compositing_off),
        ),
    ]);
    let launched = Instant::now();
    let s = Session::launch(&driver, app(), &[]);
    s.wait_until_within(std::time::Duration::from_secs(300), "the overview", |s| {
        s.find("body[data-ready=\"overview\"]").is_some()
    });
    println!(
        "start to overview (recovery code confirmed on the way): {:.1} s",
        launched.elapsed().as_secs_f64()
    );
    s.execute(INSTRUMENT);
    // A command repeated 20 times at 100× data can outlast the driver's
    // default 30 s for a script.
    s.set_script_timeout(std::time::Duration::from_secs(600));

    println!();
    println!("| screen | click to pixels p50 | p95 | max | click to data-ready p50 | data-ready to pixels p50 | command from the window p50 | p95 | building and layout p50 (to data-ready less the command) |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for screen in SCREENS {
        let mut drawn = Vec::new();
        let mut built = Vec::new();
        let mut painted = Vec::new();
        for _ in 0..clicks {
            let (hash, ready) = before(screen);
            // Through the router, so that the same address is drawn anew.
            s.execute_async(&format!(
                "const done = arguments[arguments.length - 1];
                 document.body.dataset.ready = ''; window.__bench.want = '';
                 import('./js/router.js').then(r => {{ r.navigate('{hash}'); done(true); }}, e => done(String(e)));"
            ));
            s.wait_for_screen(ready);
            s.execute(&format!(
                "window.__bench.want = '{}'; return true;",
                screen.ready
            ));
            let link = s.wait_for(screen.link);
            s.click(&link);
            s.wait_until_within(std::time::Duration::from_secs(120), screen.name, |s| {
                s.execute("return window.__bench.t1 > window.__bench.t0 && window.__bench.t0 > 0")
                    == true
            });
            let stamps: [f64; 3] = serde_json::from_value(
                s.execute("const b = window.__bench; return [b.t0, b.ready, b.t1];"),
            )
            .unwrap_or([f64::NAN; 3]);
            drawn.push(stamps[2] - stamps[0]);
            built.push(stamps[1] - stamps[0]);
            painted.push(stamps[2] - stamps[1]);
        }
        let command: Vec<f64> = serde_json::from_value(s.execute_async(&format!(
            "const done = arguments[arguments.length - 1];
             import('./js/api.js').then(async ({{ api }}) => {{
               const times = [];
               for (let i = 0; i < {clicks}; i++) {{
                 const t = performance.now();
                 await {};
                 times.push(performance.now() - t);
               }}
               done(times);
             }}, e => done([]));",
            screen.command
        )))
        .unwrap_or_default();
        let mut drawn_sorted = drawn.clone();
        drawn_sorted.sort_by(f64::total_cmp);
        let mut command_sorted = command.clone();
        command_sorted.sort_by(f64::total_cmp);
        built.sort_by(f64::total_cmp);
        painted.sort_by(f64::total_cmp);
        let p50 = percentile(&drawn_sorted, 0.5);
        let b50 = percentile(&built, 0.5);
        let c50 = percentile(&command_sorted, 0.5);
        println!(
            "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            screen.name,
            p50,
            percentile(&drawn_sorted, 0.95),
            drawn_sorted.last().copied().unwrap_or(f64::NAN),
            b50,
            percentile(&painted, 0.5),
            c50,
            percentile(&command_sorted, 0.95),
            b50 - c50
        );
        assert!(
            drawn
                .iter()
                .chain(&built)
                .chain(&painted)
                .all(|ms| ms.is_finite() && *ms >= 0.0),
            "{}: every click was timed",
            screen.name
        );
    }
}
