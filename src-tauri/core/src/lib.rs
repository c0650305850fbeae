//! Introspor's core: the domain of the introduction programme, its rules and
//! the local SQLite store.
//!
//! This crate deliberately has no dependency on Tauri or any UI: the shell
//! calls it, tests call it, and it never reads the clock. Functions that need
//! the current date take `today` as an argument.

pub mod benchmark_data;
pub mod demo;
mod demo_cooperation;
#[macro_use]
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod language;
pub mod messages;
pub mod reasons;
pub mod store;

pub use error::{CoreError, CoreResult, FieldError, ValidationErrors};
pub use store::Store;
