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

/// Told by the window when its first screen is on display. Logged with the
/// time since launch, and printed, so that start-up can be measured
/// (`make bench`) without a debugger or a screen recorder.
#[tauri::command]
pub fn first_render(screen: String) {
    let elapsed = crate::launched().elapsed().as_millis();
    // The screen name is one of the window's own route names, never data.
    let screen: String = screen
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(40)
        .collect();
    tracing::info!(screen, elapsed_ms = elapsed as u64, "first screen rendered");
    println!("first render ({screen}) after {elapsed} ms");
}
