//! Commands for the encrypted register: the recovery code, unlocking with
//! it, backups and restoring them.

use super::today;
use crate::error::IpcError;
use crate::save_dialog::{ask_open_path, ask_save_path, OpenRequest, SaveRequest};
use crate::state::{now, AppState, Register};
use introspor_core::store::backup::{backup_file_name, list_backups, BackupCounts};
use introspor_core::store::opening::{
    replace_with_backup, unlock_with_recovery_code, CONFIRM_GROUPS,
};
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tauri::State;

/// The recovery code to write down, and which groups to type back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCodeDto {
    /// The code, in groups; empty once confirmed (it is shown only until then).
    pub code: String,
    /// The 1-based groups to type back.
    pub confirm_groups: Vec<usize>,
}

/// What a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupCountsDto {
    /// Participants.
    pub participants: i64,
    /// Deadlines.
    pub deadlines: i64,
    /// Tasks and action items.
    pub tasks: i64,
    /// Contacts.
    pub contacts: i64,
    /// Meetings.
    pub meetings: i64,
}

impl From<BackupCounts> for BackupCountsDto {
    fn from(c: BackupCounts) -> Self {
        Self {
            participants: c.participants,
            deadlines: c.deadlines,
            tasks: c.tasks,
            contacts: c.contacts,
            meetings: c.meetings,
        }
    }
}

/// A backup in the app's backup folder, checked and counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupDto {
    /// File name (the window names backups by file name only).
    pub file_name: String,
    /// When it was taken, dd.mm.åååå tt:mm.
    pub taken_at: String,
    /// Size in kB.
    pub size_kb: u64,
    /// What it holds, if it passed the check.
    pub counts: Option<BackupCountsDto>,
    /// Why it failed the check, if it did.
    pub problem: String,
}

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupResultDto {
    /// Where the backup was written, or which backup was restored; empty if cancelled.
    pub path: String,
    /// What it holds.
    pub counts: Option<BackupCountsDto>,
    /// How long it took, in milliseconds.
    pub millis: u64,
}

/// The backups in `folder` with their counts, newest first.
pub fn backups(store: &Store, folder: &Path) -> Result<Vec<BackupDto>, IpcError> {
    Ok(list_backups(folder)?
        .into_iter()
        .map(|b| {
            let checked = store.inspect_backup(&b.path);
            BackupDto {
                file_name: b
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                taken_at: b.taken_at.format("%d.%m.%Y %H:%M").to_string(),
                size_kb: b.size.div_ceil(1024),
                problem: checked
                    .as_ref()
                    .err()
                    .map(|e| e.message().to_string())
                    .unwrap_or_default(),
                counts: checked.ok().map(BackupCountsDto::from),
            }
        })
        .collect())
}

/// A backup chosen by file name, only from the app's backup folder: the
/// window never passes a path.
fn backup_in_folder(folder: &Path, file_name: &str) -> Result<PathBuf, IpcError> {
    let found = list_backups(folder)?
        .into_iter()
        .find(|b| b.path.file_name().is_some_and(|n| n == file_name));
    found.map(|b| b.path).ok_or_else(|| {
        IpcError::new(
            "not_found",
            "Fant ikke sikkerhetskopien. Den kan være slettet.",
        )
    })
}

/// Restores `source` into the open store, keeping a copy of the current
/// content in `safety_folder` first.
pub fn restore(
    store: &mut Store,
    source: &Path,
    safety_folder: &Path,
) -> Result<BackupResultDto, IpcError> {
    let started = Instant::now();
    let safety = safety_folder.join(format!("for-gjenoppretting-{}", backup_file_name(now())));
    let counts = store.restore_from(source, &safety)?;
    let today = today();
    // The backup brings its own settings and computed deadlines; they only
    // need recomputing if it is from another day.
    store.refresh_deadlines_if_stale(today)?;
    tracing::info!(participants = counts.participants, "backup restored");
    Ok(BackupResultDto {
        path: source.display().to_string(),
        counts: Some(counts.into()),
        millis: started.elapsed().as_millis() as u64,
    })
}

/// The recovery code, while it has not been confirmed.
#[tauri::command]
pub async fn recovery_code_get(state: State<'_, AppState>) -> Result<RecoveryCodeDto, IpcError> {
    state
        .with_store(|store| {
            let code = if store.recovery_code_confirmed()? {
                String::new()
            } else {
                store.recovery_code().unwrap_or_default()
            };
            Ok(RecoveryCodeDto {
                code,
                confirm_groups: CONFIRM_GROUPS.to_vec(),
            })
        })
        .await
}

/// Checks the typed-back groups and records that the code is written down.
#[tauri::command]
pub async fn recovery_code_confirm(
    state: State<'_, AppState>,
    groups: Vec<String>,
) -> Result<(), IpcError> {
    let today = today();
    state
        .with_store(move |store| Ok(store.confirm_recovery_code(&groups, today)?))
        .await
}

/// Opens a locked register with the recovery code and keeps the key again.
/// Answers whether the key could be kept in the credential store.
#[tauri::command]
pub async fn register_unlock(state: State<'_, AppState>, code: String) -> Result<bool, IpcError> {
    let path = state.folder().join(DATABASE_FILE_NAME);
    let keys = state.keys();
    let (store, kept) = tauri::async_runtime::spawn_blocking(move || {
        let (store, kept) = unlock_with_recovery_code(&path, &code, keys.as_ref())?;
        let store = crate::prepare_store(store, false)?;
        Ok::<_, IpcError>((store, kept))
    })
    .await
    .map_err(|_| IpcError::internal())??;
    tracing::info!(kept, "register unlocked with the recovery code");
    state.set_register(Register::Ready(Arc::new(Mutex::new(store))));
    state.backup_at_start();
    Ok(kept)
}

/// The app's own backups.
#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupDto>, IpcError> {
    let folder = state.backup_folder();
    state.with_store(move |store| backups(store, &folder)).await
}

/// Writes a backup where the caseworker chooses (a USB stick).
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupResultDto, IpcError> {
    let chosen = ask_save_path(SaveRequest {
        title: "Lagre sikkerhetskopi",
        file_name: backup_file_name(now()),
        filter_name: "Introspor-sikkerhetskopi",
        extensions: &["sqlite3"],
    })
    .await?;
    let Some(path) = chosen else {
        return Ok(BackupResultDto {
            path: String::new(),
            counts: None,
            millis: 0,
        });
    };
    state
        .with_store(move |store| {
            let started = Instant::now();
            let counts = store.backup_to(&path)?;
            tracing::info!(
                participants = counts.participants,
                "backup written where chosen"
            );
            Ok(BackupResultDto {
                path: path.display().to_string(),
                counts: Some(counts.into()),
                millis: started.elapsed().as_millis() as u64,
            })
        })
        .await
}

/// Restores one of the app's own backups.
#[tauri::command]
pub async fn backup_restore(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<BackupResultDto, IpcError> {
    let folder = state.backup_folder();
    let source = backup_in_folder(&folder, &file_name)?;
    state
        .with_store(move |store| restore(store, &source, &folder.join("gjenoppretting")))
        .await
}

/// Restores a backup file the caseworker picks (from a USB stick).
#[tauri::command]
pub async fn backup_restore_file(state: State<'_, AppState>) -> Result<BackupResultDto, IpcError> {
    let chosen = ask_open_path(OpenRequest {
        title: "Velg sikkerhetskopi å gjenopprette",
        filter_name: "Introspor-sikkerhetskopi",
        extensions: &["sqlite3"],
    })
    .await?;
    let Some(source) = chosen else {
        return Ok(BackupResultDto {
            path: String::new(),
            counts: None,
            millis: 0,
        });
    };
    let folder = state.backup_folder();
    state
        .with_store(move |store| restore(store, &source, &folder.join("gjenoppretting")))
        .await
}

/// When the register is damaged: replaces it with the newest backup that
/// passes the check, keeping the damaged file beside it.
#[tauri::command]
pub async fn register_restore_newest(
    state: State<'_, AppState>,
) -> Result<BackupResultDto, IpcError> {
    let folder = state.folder().to_path_buf();
    let backup_folder = state.backup_folder();
    let keys = state.keys();
    let started = Instant::now();
    let (store, used) = tauri::async_runtime::spawn_blocking(move || {
        let key = keys
            .load()
            .map_err(|_| IpcError::from(introspor_core::CoreError::KeyStoreUnreachable))?
            .ok_or_else(|| IpcError::from(introspor_core::CoreError::WrongKey))?;
        let suffix = format!(".skadet-{}", now().format("%Y%m%d-%H%M%S"));
        for backup in list_backups(&backup_folder)? {
            match replace_with_backup(&folder.join(DATABASE_FILE_NAME), &backup.path, key.clone(), &suffix) {
                Ok(store) => return Ok((store, backup.path)),
                Err(error) => tracing::warn!(code = error.code(), "backup not usable"),
            }
        }
        Err(IpcError::new(
            "no_good_backup",
            "Fant ingen sikkerhetskopi som besto kontrollen. Kontakt IT-avdelingen; den skadde filen er ikke slettet.",
        ))
    })
    .await
    .map_err(|_| IpcError::internal())??;
    let store = crate::prepare_store(store, false)?;
    let counts = Some(BackupCountsDto::from(store.row_counts()?));
    state.set_register(Register::Ready(Arc::new(Mutex::new(store))));
    Ok(BackupResultDto {
        path: used.display().to_string(),
        counts,
        millis: started.elapsed().as_millis() as u64,
    })
}
