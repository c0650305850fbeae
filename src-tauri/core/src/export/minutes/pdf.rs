//! The minutes as a PDF/A-2b file.
