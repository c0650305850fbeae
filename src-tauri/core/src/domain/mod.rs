//! The domain: what the refugee service's caseworker works with, and the
//! rules that hold for it. Pure code: no database, no clock.

#[macro_use]
mod choice;

pub mod access_request;
pub mod anonymisation;
pub mod audit;
pub mod audit_fields;
pub mod calendar;
pub mod citation;
pub mod collation;
pub mod date;
pub mod deadline;
pub mod deadline_forms;
pub mod export;
pub(crate) mod fields;
pub mod identity_number;
pub mod interpreter;
pub mod law;
pub mod meeting;
pub mod minutes;
pub mod organisation_cycle;
pub mod participant;
pub mod participant_form;
pub mod programme_frame;
pub mod report;
pub mod retention;
pub mod search_key;
pub mod statute;
pub mod team;
