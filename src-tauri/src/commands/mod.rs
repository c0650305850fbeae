//! Tauri commands: each locks the store, calls the core and converts the
//! answer to a transport type. The work itself sits in plain functions that
//! integration tests call without a window.

pub mod app;
pub mod audit;
pub mod deadlines;
pub mod export;
pub mod import;
pub mod lists;
pub mod meetings;
pub mod participants;
pub mod privacy;
pub mod reports;
pub mod rules;
pub mod security;
pub mod teams;

/// The test seam for the date: a debug build started with this variable
/// set to `åååå-mm-dd` takes that day as today, so a window test can work
/// on a date the law treats differently (after a transitional rule ends).
/// Release builds do not read it.
pub const TODAY_ENV: &str = "INTROSPOR_TODAY";

/// Today's date on the caseworker's machine. Read here, in the shell, and
/// passed into the core, which never reads the clock itself.
pub(crate) fn today() -> chrono::NaiveDate {
    #[cfg(debug_assertions)]
    if let Some(day) = std::env::var(TODAY_ENV)
        .ok()
        .and_then(|text| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
    {
        return day;
    }
    chrono::Local::now().date_naive()
}
