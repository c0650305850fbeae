//! Exports: files the caseworker takes out of Introspor on purpose.

pub mod calendar;
pub mod minutes;
