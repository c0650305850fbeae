//! Exports: files the caseworker takes out of Introspor on purpose.

pub mod audit_csv;
pub mod calendar;
pub mod csv;
pub mod lists;
pub mod minutes;
pub mod table;
pub mod xlsx;
