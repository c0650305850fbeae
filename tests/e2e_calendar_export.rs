//! End-to-end test of the calendar export through the native save dialog.
//! It sits in its own test binary so that no other window runs beside it:
//! xdotool types into whatever window has the keyboard focus.

mod support;

use support::webdriver::{app, Session, TauriDriver};

/// Runs xdotool against the X display the test runs on.
fn xdotool(args: &[&str]) {
    let status = std::process::Command::new("xdotool")
        .args(args)
        .status()
        .expect("xdotool is installed (make deps)");
    assert!(status.success(), "xdotool {args:?} should succeed");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and xdotool; run with `make test`"]
fn calendar_export_goes_through_the_native_save_dialog() {
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&[("INTROSPOR_DATA_DIR", data.path())]);
    let s = Session::launch(&driver, app(), &["--demo"]);
    s.wait_for_screen("overview");
    s.click(&s.wait_for("#export-calendar"));

    // The native GTK save dialog is outside the web view: type the path
    // into it with xdotool, as a person would with the keyboard.
    let target = data.path().join("frister.ics");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let found = std::process::Command::new("xdotool")
            .args(["search", "--name", "Lagre frister som kalender"])
            .output()
            .is_ok_and(|o| o.status.success() && !o.stdout.is_empty());
        if found {
            // Give the dialog a moment to map and take the keyboard focus.
            std::thread::sleep(std::time::Duration::from_millis(700));
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the save dialog should open"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Without a window manager activation may be refused; the new dialog
    // has the keyboard focus anyway, so a failure here is not an error.
    let _ = std::process::Command::new("xdotool")
        .args([
            "search",
            "--name",
            "Lagre frister som kalender",
            "windowfocus",
            "--sync",
        ])
        .status();
    xdotool(&["key", "ctrl+a"]);
    xdotool(&["type", target.to_str().unwrap()]);
    xdotool(&["key", "Return"]);

    s.wait_until("the export to be confirmed", |s| {
        s.texts("#toast")
            .first()
            .is_some_and(|t| t.contains("Kalenderen er lagret"))
    });
    let ics = std::fs::read_to_string(&target).expect("the chosen file is written");
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert!(
        ics.matches("BEGIN:VEVENT").count() > 10,
        "the demo register has many open deadlines"
    );
    assert!(
        !ics.contains("-Demo"),
        "no participant names in the calendar file"
    );
}
