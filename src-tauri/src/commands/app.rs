//! Commands about the app itself.

use crate::commands::security::DamageDto;
use crate::state::AppState;
use crate::state::Register;
use crate::transport::AppStatusDto;
use tauri::State;

/// Tells the window whether the register opened, and the version.
#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatusDto {
    let register = state.register();
    let recovery_pending = match &register {
        Register::Ready(store) => store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .is_some_and(|store| !store.recovery_code_confirmed().unwrap_or(true)),
        _ => false,
    };
    let damage = match &register {
        Register::Damaged(damaged) => Some(DamageDto::from(damaged.as_ref())),
        _ => None,
    };
    AppStatusDto {
        version: env!("CARGO_PKG_VERSION").to_string(),
        startup_error: state.startup_error(),
        register: register.name().to_string(),
        recovery_pending,
        backup_problem: state.backup_problem(),
        damage,
    }
}

/// Ends the app (from the screen that says the register is open in another
/// window). The register, if this instance has one open, is closed cleanly
/// on the way out.
#[tauri::command]
pub fn app_quit(app: tauri::AppHandle, state: State<'_, AppState>) {
    state.close();
    app.exit(0);
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
