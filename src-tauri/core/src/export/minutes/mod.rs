//! Archive-grade meeting minutes: the document model, its page layout and
//! the tagged PDF/A-2a file.
//!
//! The content of a document is decided elsewhere (which notes a recipient
//! may read is a domain rule in `domain::minutes`); this module only turns
//! a finished [`MinutesDocument`] into pages and bytes, so the preview in
//! the window and the PDF always show the same text.

pub mod document;
pub mod layout;
pub mod pdf;

pub use document::{Block, MinutesDocument, TableBlock};
