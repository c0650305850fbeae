//! Introspor's Tauri shell: opens the store, starts logging and serves the
//! window's commands. Deliberately thin; the domain lives in `introspor-core`.

pub mod commands;
pub mod error;
pub mod logging;
pub mod save_dialog;
pub mod state;
pub mod transport;

use crate::error::IpcError;
use crate::state::AppState;
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::Store;
use std::path::PathBuf;
use tauri::Manager;

/// Environment variable that moves the data folder (database and logs), for
/// development and tests.
pub const DATA_DIR_VARIABLE: &str = "INTROSPOR_DATA_DIR";

/// Command-line flag that fills an empty register with fictional people.
pub const DEMO_FLAG: &str = "--demo";

/// The data folder: `INTROSPOR_DATA_DIR` if set, otherwise the OS's local
/// app-data folder for our identifier (`%LOCALAPPDATA%\no.introspor.desktop`
/// on Windows), which is not synchronised to other machines.
fn data_folder(app: &tauri::App) -> Result<PathBuf, tauri::Error> {
    match std::env::var_os(DATA_DIR_VARIABLE) {
        Some(folder) if !folder.is_empty() => Ok(PathBuf::from(folder)),
        _ => app.path().app_local_data_dir(),
    }
}

/// Opens the store and, when asked, seeds the demo participants.
fn open_store(folder: &std::path::Path, demo: bool) -> Result<Store, IpcError> {
    let mut store = Store::open(&folder.join(DATABASE_FILE_NAME))?;
    let today = commands::today();
    if demo {
        let added = introspor_core::demo::seed_demo(&mut store, today)?;
        tracing::info!(added, "demo participants");
    }
    // An ongoing leave extends the programme day by day, so deadlines are
    // recomputed once on the first start of each day.
    if store.refresh_deadlines_if_stale(today)? {
        tracing::info!("deadlines recomputed for a new day");
    }
    Ok(store)
}

/// When the process started the app, for the start-up figure.
static LAUNCHED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The moment [`run`] was entered.
pub(crate) fn launched() -> std::time::Instant {
    *LAUNCHED.get_or_init(std::time::Instant::now)
}

/// Starts the app.
pub fn run() {
    launched();
    let demo = std::env::args().any(|arg| arg == DEMO_FLAG);
    tauri::Builder::default()
        .setup(move |app| {
            let folder = data_folder(app)?;
            let guard = logging::start(&folder.join("logs"));
            // The guard must outlive the event loop; Tauri state does that.
            app.manage(LogGuard(guard));
            tracing::info!(version = env!("CARGO_PKG_VERSION"), demo, "starting");
            let state = match open_store(&folder, demo) {
                Ok(store) => AppState::ready(store),
                Err(error) => {
                    tracing::error!(code = %error.code, "register could not be opened");
                    AppState::failed(error)
                }
            };
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::first_render,
            commands::participants::participant_list,
            commands::participants::participant_get,
            commands::participants::participant_create,
            commands::participants::participant_update,
            commands::participants::participant_set_archived,
            commands::deadlines::deadline_overview,
            commands::deadlines::deadline_list,
            commands::deadlines::participant_deadlines,
            commands::deadlines::deadline_mark_done,
            commands::deadlines::event_add,
            commands::deadlines::event_delete,
            commands::deadlines::leave_save,
            commands::deadlines::leave_delete,
            commands::deadlines::task_add,
            commands::deadlines::task_set_done,
            commands::deadlines::task_delete,
            commands::deadlines::settings_get,
            commands::deadlines::settings_save,
            commands::export::calendar_export,
            commands::teams::organisation_list,
            commands::teams::organisation_save,
            commands::teams::organisation_set_deleted,
            commands::teams::contact_list,
            commands::teams::contact_save,
            commands::teams::contact_archive,
            commands::teams::team_get,
            commands::teams::team_add_member,
            commands::teams::team_end_membership,
            commands::meetings::meeting_list,
            commands::meetings::meeting_draft,
            commands::meetings::meeting_get,
            commands::meetings::meeting_save,
            commands::meetings::meeting_complete,
            commands::meetings::meeting_reopen,
            commands::meetings::meeting_delete,
            commands::meetings::minutes_preview,
            commands::meetings::minutes_export,
            commands::meetings::sharing_log_list,
            commands::meetings::cooperation_overview_get,
            commands::meetings::letterhead_get,
            commands::meetings::letterhead_save,
            commands::audit::audit_history,
            commands::audit::audit_verify,
            commands::audit::audit_export,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            tracing::error!("Introspor stopped: {error}");
            eprintln!("Introspor kunne ikke starte: {error}");
            std::process::exit(1);
        });
}

/// Keeps the log writer alive for the life of the app.
struct LogGuard(#[allow(dead_code)] Option<tracing_appender::non_blocking::WorkerGuard>);
