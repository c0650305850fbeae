//! Shared helpers for the integration and end-to-end tests.

pub mod hostile;
pub mod network;
pub mod pdf;
pub mod webdriver;
