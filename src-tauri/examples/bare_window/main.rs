//! A bare Tauri 2 window, built beside Introspor by `make bench` so that
//! start time and memory can be compared with the smallest possible app.
//!
//! Its page calls one command as soon as it loads; the command prints how
//! long after launch it was answered. The command is named `app_status` so
//! that the capability Introspor's build script grants also covers it.

// No console window next to the example on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::Instant;

struct Launched(Instant);

#[tauri::command]
fn app_status(launched: tauri::State<'_, Launched>) -> &'static str {
    println!(
        "first command answered after {} ms",
        launched.0.elapsed().as_millis()
    );
    "ok"
}

fn main() {
    tauri::Builder::default()
        .manage(Launched(Instant::now()))
        .invoke_handler(tauri::generate_handler![app_status])
        .run(tauri::generate_context!(
            "src-tauri/examples/bare_window/tauri.conf.json"
        ))
        .expect("the bare window runs");
}
