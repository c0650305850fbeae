//! Commands about the app itself.

use crate::state::AppState;
use crate::state::Register;
use crate::transport::AppStatusDto;
use tauri::State;

/// Tells the window whether the register opened, and the version.
#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatusDto {
    let (register, recovery_pending) = match state.register() {
        Register::Ready(store) => {
            let store = store
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            ("ready", !store.recovery_code_confirmed().unwrap_or(true))
        }
        Register::Locked(_) => ("locked", false),
        Register::Damaged(_) => ("damaged", false),
        Register::Failed(_) => ("failed", false),
    };
    AppStatusDto {
        version: env!("CARGO_PKG_VERSION").to_string(),
        startup_error: state.startup_error(),
        register: register.to_string(),
        recovery_pending,
        backup_problem: state.backup_problem(),
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
