//! The app's processes, and closing its window as a person does (the
//! window manager's close request), for the end-to-end tests.

#![allow(dead_code)]

use std::path::Path;

/// The process ids of the app instances started on the data folder `folder`.
pub fn app_processes(folder: &Path) -> Vec<u32> {
    let wanted = format!("INTROSPOR_DATA_DIR={}", folder.display());
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            exe.as_deref() == Some(crate::support::webdriver::app())
                && environ.split(|&b| b == 0).any(|v| v == wanted.as_bytes())
        })
        .collect()
}

/// Clicks the window's close button, as far as the app can tell: the
/// window manager's close request (WM_DELETE_WINDOW) is sent to the app's
/// window. Xvfb has no window manager, so `tests/support/close_window.py`
/// sends it.
pub fn close_like_a_person(folder: &Path) {
    let pids = app_processes(folder);
    assert_eq!(pids.len(), 1, "one app should run on the folder: {pids:?}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/close_window.py");
    let sent = std::process::Command::new("/usr/bin/python3")
        .arg(script)
        .arg(pids[0].to_string())
        .status()
        .expect("python3 with python3-xlib is needed: run `make deps`");
    assert!(
        sent.success(),
        "the close request should reach the app's window"
    );
}

/// Waits until no app runs on the data folder `folder` any more, failing
/// with `what` after a minute (a loaded machine ends a WebKit window slowly).
pub fn wait_until_closed(folder: &Path, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !app_processes(folder).is_empty() {
        assert!(std::time::Instant::now() < deadline, "{what}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
