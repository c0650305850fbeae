//! Tauri commands: each locks the store, calls the core and converts the
//! answer to a transport type. The work itself sits in plain functions that
//! integration tests call without a window.

pub mod app;
pub mod audit;
pub mod deadlines;
pub mod export;
pub mod meetings;
pub mod participants;
pub mod rules;
pub mod security;
pub mod teams;

/// Today's date on the caseworker's machine. Read here, in the shell, and
/// passed into the core, which never reads the clock itself.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
