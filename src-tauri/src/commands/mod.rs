//! Tauri commands: each locks the store, calls the core and converts the
//! answer to a transport type. The work itself sits in plain functions that
//! integration tests call without a window.

pub mod app;
pub mod deadlines;
pub mod export;
pub mod participants;
