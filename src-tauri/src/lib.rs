//! Introspor's Tauri shell: opens the store, starts logging and serves the
//! window's commands. Deliberately thin; the domain lives in `introspor-core`.

pub mod commands;
pub mod error;
pub mod logging;
pub mod rendering;
pub mod save_dialog;
pub mod state;
pub mod transport;
pub mod window;

use crate::error::IpcError;
use crate::state::{AppState, Register};
use introspor_core::language::Language;
use introspor_core::store::backup::{backup_folder, clean_backup_folder};
use introspor_core::store::folder_lock::{FolderLock, FolderLockError};
use introspor_core::store::key_store::{KeyStore, OsKeyStore};
use introspor_core::store::opening::{open_database, Opening};
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::Manager;

/// Environment variable that moves the data folder (database and logs), for
/// development and tests.
pub const DATA_DIR_VARIABLE: &str = "INTROSPOR_DATA_DIR";

/// Command-line flag that fills an empty register with fictional people,
/// written in the window's language, or in the language whose tag follows
/// (`--demo=nn`, `--demo=en`, `--demo=nb`).
pub const DEMO_FLAG: &str = "--demo";

/// The language the demo register is to be written in, from the
/// command line `args`: `None` without the demo flag, the window's
/// language `window` for a bare `--demo` or an unknown tag (which is
/// logged), otherwise the language the tag names.
pub fn demo_language<I, S>(args: I, window: Language) -> Option<Language>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    args.into_iter().find_map(|arg| {
        let arg = arg.as_ref();
        if arg == DEMO_FLAG {
            return Some(window);
        }
        let tag = arg.strip_prefix(DEMO_FLAG)?.strip_prefix('=')?;
        Some(Language::from_tag(tag).unwrap_or_else(|| {
            tracing::warn!(tag, "unknown demo language; the window's is used");
            window
        }))
    })
}

/// The data folder: `INTROSPOR_DATA_DIR` if set, otherwise the OS's local
/// app-data folder for our identifier (`%LOCALAPPDATA%\no.introspor.desktop`
/// on Windows), which is not synchronised to other machines.
fn data_folder(app: &tauri::App) -> Result<PathBuf, tauri::Error> {
    match std::env::var_os(DATA_DIR_VARIABLE) {
        Some(folder) if !folder.is_empty() => Ok(PathBuf::from(folder)),
        _ => app.path().app_local_data_dir(),
    }
}

/// The app's name in the OS credential store.
pub const KEY_SERVICE: &str = "no.introspor.desktop";

/// The credential store entry for the database in `folder`: one per data
/// folder, so a test folder never meets the real register's key.
pub fn key_store_for(folder: &Path) -> OsKeyStore {
    OsKeyStore::new(KEY_SERVICE, &format!("database-key:{}", folder.display()))
}

/// Opens the register in `folder` with the key in `keys`: ready, locked
/// until the recovery code is typed, damaged (with a backup on offer), or
/// failed. The caller holds the folder's lock. Debris a crash left in the
/// backup folder is removed first, so only finished backups are counted.
pub fn open_register(folder: &Path, keys: &dyn KeyStore, demo: Option<Language>) -> Register {
    if let Err(error) = clean_backup_folder(&backup_folder(folder)) {
        tracing::warn!(code = error.code(), "backup folder not cleaned: {error}");
    }
    match open_database(&folder.join(DATABASE_FILE_NAME), keys) {
        Ok(Opening::Ready(store)) => match prepare_store(store, demo) {
            Ok(store) => Register::ready(store),
            Err(error) => failed(error),
        },
        Ok(Opening::Locked(reason)) => {
            tracing::warn!(reason = reason.as_str(), "register locked");
            Register::Locked(reason)
        }
        Ok(Opening::Damaged(damaged)) => Register::Damaged(Arc::new(damaged)),
        Err(error) => failed(IpcError::from(error)),
    }
}

fn failed(error: IpcError) -> Register {
    tracing::error!(code = %error.code, "register could not be opened");
    Register::Failed(error)
}

/// Starts the app on the data folder `folder`: takes the folder's lock,
/// opens the register and takes the start-up backup. A second instance on
/// the same folder gets [`Register::InUse`] and touches nothing.
pub fn start_state(folder: PathBuf, keys: Arc<dyn KeyStore>, demo: Option<Language>) -> AppState {
    match FolderLock::acquire(&folder) {
        Ok(lock) => {
            let register = open_register(&folder, keys.as_ref(), demo);
            let prune = matches!(register, Register::Ready(_));
            let state = AppState::new(register, folder, keys, Some(lock));
            if !prune {
                state.stop_pruning();
            }
            state.backup_at_start();
            state
        }
        Err(FolderLockError::InUse) => {
            tracing::warn!("the data folder is in use by another Introspor; nothing opened");
            AppState::new(Register::InUse, folder, keys, None)
        }
        Err(FolderLockError::Io(error)) => {
            let register = failed(IpcError::from(introspor_core::CoreError::Io(error)));
            AppState::new(register, folder, keys, None)
        }
    }
}

/// After opening: records the register's first day if it has none, seeds
/// the demo participants when asked (`demo`: in that language), and
/// refreshes the day's deadlines.
/// (The register was checked when it was opened.)
pub fn prepare_store(mut store: Store, demo: Option<Language>) -> Result<Store, IpcError> {
    let today = commands::today();
    // A new register owes no duty of a period before it existed; the core
    // reads no clock, so its first day is recorded here, once.
    store.note_register_first_day(today)?;
    if let Some(language) = demo {
        let added = introspor_core::demo::seed_demo_in(&mut store, today, language)?;
        tracing::info!(added, language = language.tag(), "demo participants");
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
    // Before the window and any other thread exist (it may set a variable).
    let drawing = rendering::choose_for_this_machine();
    let app = tauri::Builder::default()
        .setup(move |app| {
            let folder = data_folder(app)?;
            let guard = logging::start(&folder.join("logs"));
            tracing::info!(
                graphics_device = drawing.graphics_device,
                compositing_off = drawing.compositing_off,
                "drawing the window"
            );
            // The guard must outlive the event loop; Tauri state does that.
            app.manage(LogGuard(guard));
            let keys: Arc<dyn KeyStore> = Arc::new(key_store_for(&folder));
            let prefs = window::WindowPrefs::load(&folder);
            let zoom = prefs.zoom;
            // The remembered language before the register opens, so even
            // the unlock screen and a startup error speak it.
            window::set_window_language(prefs.language);
            let demo = demo_language(std::env::args(), prefs.language);
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                demo = demo.map(Language::tag),
                "starting"
            );
            if let Some(main) = app.get_webview_window("main") {
                if let Err(error) = main.set_zoom(zoom) {
                    tracing::warn!(%error, "the remembered zoom could not be applied");
                }
            }
            app.manage(window::CloseRequest::default());
            app.manage(commands::import::ImportSession::default());
            app.manage(start_state(folder, keys, demo));
            Ok(())
        })
        // Closing the window closes the register: the log is checkpointed
        // into the file, so the file alone holds everything.
        .on_window_event(|window, event| {
            // The window asks about unsaved changes before it closes, and
            // then closes itself (app_quit); unanswered, a second request
            // closes at once.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let ask = window
                    .try_state::<window::CloseRequest>()
                    .is_some_and(|close| close.ask_window(std::time::Instant::now()));
                if ask {
                    if let Some(webview) = window.app_handle().get_webview_window(window.label()) {
                        let asked = webview
                            .eval("window.dispatchEvent(new Event('introspor-close-requested'))");
                        if asked.is_ok() {
                            api.prevent_close();
                        }
                        tracing::info!(asked = asked.is_ok(), "close request sent to the window");
                    }
                } else {
                    tracing::info!("close request unanswered for too long: closing");
                }
            }
            if let tauri::WindowEvent::Destroyed = event {
                if let Some(state) = window.try_state::<AppState>() {
                    state.close();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::first_render,
            commands::security::recovery_code_get,
            commands::security::recovery_code_confirm,
            commands::security::register_unlock,
            commands::security::backup_list,
            commands::security::backup_now,
            commands::security::backup_restore,
            commands::security::backup_restore_file,
            commands::security::register_restore_newest,
            commands::security::register_start_new,
            commands::security::register_keep,
            commands::app::app_quit,
            commands::app::window_zoom_set,
            commands::app::window_title_set,
            commands::app::window_close_acknowledged,
            commands::app::language_catalogue,
            commands::app::window_language_set,
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
            commands::rules::statutory_rules_get,
            commands::rules::extension_add,
            commands::rules::extension_delete,
            commands::rules::nir_check_set,
            commands::meetings::interpreter_report_get,
            commands::deadlines::task_add,
            commands::deadlines::task_set_done,
            commands::deadlines::task_delete,
            commands::deadlines::settings_get,
            commands::deadlines::settings_save,
            commands::deadlines::recompute_progress_get,
            commands::export::calendar_export,
            commands::import::import_open,
            commands::import::import_remap,
            commands::import::import_progress_get,
            commands::import::import_cancel,
            commands::import::import_discard,
            commands::import::import_confirm,
            commands::lists::participant_list_export,
            commands::lists::deadline_list_export,
            commands::reports::report_caseload,
            commands::reports::report_compliance,
            commands::reports::report_registration_debt,
            commands::reports::report_supervision,
            commands::reports::report_export,
            commands::reports::report_supervision_pdf,
            commands::teams::organisation_list,
            commands::teams::organisation_save,
            commands::teams::organisation_set_deleted,
            commands::teams::contact_list,
            commands::teams::contact_find,
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
            commands::privacy::minutes_file,
            commands::privacy::minutes_filings,
            commands::privacy::participant_unfiled_minutes,
            commands::privacy::retention_get,
            commands::privacy::retention_save,
            commands::privacy::retention_candidates,
            commands::privacy::participants_anonymise,
            commands::privacy::access_request_record,
            commands::privacy::access_request_list,
            commands::privacy::access_answer_export,
            commands::privacy::processing_record_export,
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
        .build(tauri::generate_context!())
        .unwrap_or_else(|error| {
            tracing::error!("Introspor stopped: {error}");
            eprintln!(
                "{}",
                crate::error::in_window_language(
                    &introspor_core::language::Message::new("message.startFailed").with(
                        "error",
                        introspor_core::language::Arg::Text(error.to_string())
                    )
                )
            );
            std::process::exit(1);
        });
    app.run(|handle, event| {
        // However the app ends (the last window closed, app_quit, the OS
        // ending the session), the register is closed cleanly first.
        if let tauri::RunEvent::Exit = event {
            if let Some(state) = handle.try_state::<AppState>() {
                state.close();
            }
        }
    });
}

/// Keeps the log writer alive for the life of the app.
struct LogGuard(#[allow(dead_code)] Option<tracing_appender::non_blocking::WorkerGuard>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_flag_names_its_language_or_takes_the_windows() {
        use Language::{Bokmal, English, Nynorsk};
        let cases: &[(&[&str], Option<Language>)] = &[
            (&["introspor"], None),
            (&["introspor", "--demo"], Some(Nynorsk)),
            (&["introspor", "--demo=en"], Some(English)),
            (&["introspor", "--demo=nb"], Some(Bokmal)),
            (&["introspor", "--demo=nn"], Some(Nynorsk)),
            (&["introspor", "--demo=xx"], Some(Nynorsk)),
            (&["introspor", "--demonstration"], None),
        ];
        for (args, expected) in cases {
            assert_eq!(demo_language(args.iter(), Nynorsk), *expected, "{args:?}");
        }
    }
}
