//! Introspor's executable: hands over to the library so that tests can reuse it.

// No console window next to the app on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    introspor_app::run();
}
