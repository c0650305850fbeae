//! The native save dialog, asked from Rust so the window never gets file
//! system access of its own.
//!
//! End-to-end tests cannot reliably drive every platform's dialog, so this
//! adapter (and only this adapter) reads [`TEST_ANSWER_ENV`]: when set, its
//! value answers the dialog without showing it. A folder gets the proposed
//! file name appended; the word `cancel` answers as if the caseworker
//! cancelled. The variable is set by the test harness, never by the app.

use crate::error::{in_window_language, IpcError};
use introspor_core::language::Message;
use std::path::PathBuf;

/// Environment variable that answers the save dialog in tests.
pub const TEST_ANSWER_ENV: &str = "INTROSPOR_SAVE_DIALOG_ANSWER";

/// What the dialog should offer.
pub struct SaveRequest {
    /// Dialog title, shown in the window's language.
    pub title: Message,
    /// Proposed file name.
    pub file_name: String,
    /// Name of the file type filter, shown in the window's language.
    pub filter_name: Message,
    /// File extensions of the filter, without dots.
    pub extensions: &'static [&'static str],
}

/// Asks where to save; `None` when the caseworker cancelled.
pub async fn ask_save_path(request: SaveRequest) -> Result<Option<PathBuf>, IpcError> {
    if let Some(answer) = std::env::var_os(TEST_ANSWER_ENV) {
        let answer = PathBuf::from(answer);
        if answer.as_os_str() == "cancel" {
            return Ok(None);
        }
        return Ok(Some(if answer.is_dir() {
            answer.join(&request.file_name)
        } else {
            answer
        }));
    }
    // rfd runs the dialog on its own GTK thread on Linux and on COM on
    // Windows; calling it from a blocking worker keeps the window responsive.
    tauri::async_runtime::spawn_blocking(move || {
        rfd::FileDialog::new()
            .set_title(in_window_language(&request.title))
            .set_file_name(&request.file_name)
            .add_filter(in_window_language(&request.filter_name), request.extensions)
            .save_file()
    })
    .await
    .map_err(|_| IpcError::internal())
}

/// Environment variable that answers the open dialog in tests (a file path,
/// or `cancel`).
pub const TEST_OPEN_ANSWER_ENV: &str = "INTROSPOR_OPEN_DIALOG_ANSWER";

/// What the open dialog should offer.
pub struct OpenRequest {
    /// Dialog title, shown in the window's language.
    pub title: Message,
    /// Name of the file type filter, shown in the window's language.
    pub filter_name: Message,
    /// File extensions of the filter, without dots.
    pub extensions: &'static [&'static str],
}

/// Asks which file to open; `None` when the caseworker cancelled.
pub async fn ask_open_path(request: OpenRequest) -> Result<Option<PathBuf>, IpcError> {
    if let Some(answer) = std::env::var_os(TEST_OPEN_ANSWER_ENV) {
        return Ok((answer != "cancel").then(|| PathBuf::from(answer)));
    }
    tauri::async_runtime::spawn_blocking(move || {
        rfd::FileDialog::new()
            .set_title(in_window_language(&request.title))
            .add_filter(in_window_language(&request.filter_name), request.extensions)
            .pick_file()
    })
    .await
    .map_err(|_| IpcError::internal())
}
