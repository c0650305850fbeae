//! Commands about the app itself.

use crate::commands::security::DamageDto;
use crate::error::IpcError;
use crate::state::AppState;
use crate::state::Register;
use crate::transport::AppStatusDto;
use crate::window::{clamp_zoom, set_window_language, window_title, CloseRequest, WindowPrefs};
use introspor_core::language::catalogue;
use introspor_core::messages;
use std::collections::HashMap;
use tauri::{Manager, State};

/// Tells the window whether the register opened, the version and the zoom.
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
        zoom: WindowPrefs::load(state.folder()).zoom,
        language: crate::window::window_language(),
    }
}

/// Every text of the window's language, for the window to render with:
/// one catalogue for the window and the program, so a text is written once.
#[tauri::command]
pub fn language_catalogue(language: String) -> Result<HashMap<String, String>, IpcError> {
    let language = super::meetings::document_language(&language)?;
    Ok(catalogue(language).texts().clone())
}

/// Changes the window's language (in the settings) and remembers it for
/// the next start; from now on the commands' messages come in it too.
/// Answers the language's catalogue.
#[tauri::command]
pub fn window_language_set(
    state: State<'_, AppState>,
    language: String,
) -> Result<HashMap<String, String>, IpcError> {
    let chosen = super::meetings::document_language(&language)?;
    set_window_language(chosen);
    let prefs = WindowPrefs {
        language: chosen,
        ..WindowPrefs::load(state.folder())
    };
    // The language applies now even if it cannot be remembered.
    if let Err(error) = prefs.save(state.folder()) {
        tracing::warn!(%error, "the window's language could not be remembered");
    }
    language_catalogue(language)
}

/// Sets the window's zoom (Ctrl+Plus, Ctrl+Minus, Ctrl+0) and remembers it
/// for the next start. Answers the zoom applied, within 50–400 %.
#[tauri::command]
pub fn window_zoom_set(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    zoom: f64,
) -> Result<f64, IpcError> {
    let zoom = clamp_zoom(zoom);
    window
        .set_zoom(zoom)
        .map_err(|_| IpcError::new("zoom_failed", messages::ZOOM_FAILED))?;
    // The zoom applies now even if it cannot be remembered.
    let prefs = WindowPrefs {
        zoom,
        ..WindowPrefs::load(state.folder())
    };
    if let Err(error) = prefs.save(state.folder()) {
        tracing::warn!(%error, "the window's zoom could not be remembered");
    }
    Ok(zoom)
}

/// Names the screen on show in the window's title («Møter – Introspor»).
#[tauri::command]
pub fn window_title_set(window: tauri::WebviewWindow, title: String) {
    if let Err(error) = window.set_title(&window_title(&title)) {
        tracing::warn!(%error, "the window's title could not be set");
    }
}

/// The window has received a close request and will answer it itself.
#[tauri::command]
pub fn window_close_acknowledged(app: tauri::AppHandle) {
    if let Some(close) = app.try_state::<CloseRequest>() {
        close.acknowledged();
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
