//! Shared helpers for the integration and end-to-end tests.

pub mod app_window;
pub mod hostile;
pub mod libreoffice;
pub mod network;
pub mod pdf;
pub mod pdfa;
pub mod screens;
pub mod webdriver;
