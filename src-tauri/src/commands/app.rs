//! Commands about the app itself.

use crate::state::AppState;
use crate::transport::AppStatusDto;
use tauri::State;

/// Tells the window whether the register opened, and the version.
#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatusDto {
    AppStatusDto {
        version: env!("CARGO_PKG_VERSION").to_string(),
        startup_error: state.startup_error(),
    }
}
