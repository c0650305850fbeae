//! Commands for the encrypted register: the recovery code, unlocking with
//! it, backups and restoring them.

use super::today;
use crate::commands::export::export_file;
use crate::error::IpcError;
use crate::save_dialog::{ask_open_path, OpenRequest, SaveRequest};
use crate::state::{now, AppState, Register};
use introspor_core::domain::audit::AuditAction;
use introspor_core::domain::export::{ExportKind, ExportRecord};
use introspor_core::language::{catalogue, Language, Message};
use introspor_core::store::backup::{
    backup_file_name, list_backups, newest_good_backup, BackupCounts, BackupOffer,
};
use introspor_core::store::opening::{
    keep_register, replace_with_backup, start_new_register, unlock_with_recovery_code, Damage,
    DamagedRegister, Opening, CONFIRM_GROUPS,
};
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::{CoreError, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    Ok(store
        .listed_backups(folder)?
        .into_iter()
        .map(|listed| {
            let (b, checked) = (listed.file, listed.checked);
            BackupDto {
                file_name: file_name_of(&b.path),
                taken_at: b.taken_at.format("%d.%m.%Y %H:%M").to_string(),
                size_kb: b.size.div_ceil(1024),
                problem: checked
                    .as_ref()
                    .err()
                    .map(|e| crate::error::in_window_language(&e.message()))
                    .unwrap_or_default(),
                counts: checked.ok().map(BackupCountsDto::from),
            }
        })
        .collect())
}

/// The backup offered to replace a damaged register, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupOfferDto {
    /// File name.
    pub file_name: String,
    /// When it was taken, dd.mm.åååå tt:mm.
    pub taken_at: String,
    /// What it holds.
    pub counts: BackupCountsDto,
}

impl From<&BackupOffer> for BackupOfferDto {
    fn from(offer: &BackupOffer) -> Self {
        Self {
            file_name: file_name_of(&offer.backup.path),
            taken_at: offer.backup.taken_at.format("%d.%m.%Y %H:%M").to_string(),
            counts: offer.counts.into(),
        }
    }
}

/// What is wrong with a damaged register and what can be done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DamageDto {
    /// `missing`, `empty`, `unreadable`, `failed_check` or `behind_backup`.
    pub kind: String,
    /// What happened, in Norwegian.
    pub message: String,
    /// The backup on offer, if one opens and passes the check.
    pub offer: Option<BackupOfferDto>,
    /// Whether a new, empty register may be started (only when no backup
    /// can be offered).
    pub can_start_new: bool,
    /// Whether the register may be kept as it is (only when it is sound and
    /// merely behind a backup).
    pub can_keep: bool,
}

impl From<&DamagedRegister> for DamageDto {
    fn from(damaged: &DamagedRegister) -> Self {
        Self {
            kind: damaged.damage.as_str().to_string(),
            message: crate::error::in_window_language(&damaged.damage.message()),
            offer: damaged.offer.as_ref().map(BackupOfferDto::from),
            can_start_new: damaged.offer.is_none(),
            can_keep: damaged.damage == Damage::BehindBackup,
        }
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The suffix a damaged register file is kept under.
fn damaged_suffix() -> String {
    format!(".skadet-{}", now().format("%Y%m%d-%H%M%S"))
}

/// Records a restore in the restored register's audit trail.
fn log_restore(store: &mut Store, source: &Path, counts: &BackupCounts) -> Result<(), IpcError> {
    store.log_register_event(
        AuditAction::Restore,
        &[
            ("backup_file", file_name_of(source)),
            ("participants", counts.participants.to_string()),
        ],
        "",
    )?;
    Ok(())
}

/// A backup chosen by file name, only from the app's backup folder: the
/// window never passes a path.
fn backup_in_folder(folder: &Path, file_name: &str) -> Result<PathBuf, IpcError> {
    let found = list_backups(folder)?
        .into_iter()
        .find(|b| b.path.file_name().is_some_and(|n| n == file_name));
    found
        .map(|b| b.path)
        .ok_or_else(|| IpcError::new("not_found", introspor_core::messages::BACKUP_NOT_FOUND))
}

/// Restores `source` into the open store, keeping a copy of the current
/// content in `safety_folder` first.
pub fn restore(
    store: &mut Store,
    source: &Path,
    safety_folder: &Path,
) -> Result<BackupResultDto, IpcError> {
    let started = Instant::now();
    let mut safety = safety_folder.join(format!("for-gjenoppretting-{}", backup_file_name(now())));
    // Never over an earlier safety copy: it holds what was there before.
    let mut n = 2;
    while safety.exists() {
        safety = safety_folder.join(format!(
            "for-gjenoppretting-{n}-{}",
            backup_file_name(now())
        ));
        n += 1;
    }
    let counts = store.restore_from(source, &safety)?;
    log_restore(store, source, &counts)?;
    let today = today();
    // The backup brings its own settings and computed deadlines; they only
    // need recomputing if it is from another day.
    store.refresh_deadlines_if_stale(today)?;
    // A backup of a register that had no first day yet gets today's.
    store.note_register_first_day(today)?;
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
/// Answers whether the key could be kept in the credential store. A code
/// that opens only a backup (the file is missing or damaged) leaves the
/// register damaged, with that backup on offer; the window then shows it.
#[tauri::command]
pub async fn register_unlock(state: State<'_, AppState>, code: String) -> Result<bool, IpcError> {
    let _transition = state.one_transition()?;
    if !matches!(state.register(), Register::Locked(_)) {
        return Err(IpcError::new(
            "not_locked",
            introspor_core::messages::NOT_LOCKED,
        ));
    }
    let path = state.folder().join(DATABASE_FILE_NAME);
    let keys = state.keys();
    let (register, kept) = tauri::async_runtime::spawn_blocking(move || {
        let (opening, kept) = match unlock_with_recovery_code(&path, &code, keys.as_ref()) {
            Err(CoreError::WrongKey) => {
                return Err(IpcError::new(
                    "recovery_code_wrong",
                    introspor_core::messages::RECOVERY_CODE_OPENS_NOTHING,
                ))
            }
            other => other?,
        };
        let register = match opening {
            Opening::Ready(store) => Register::ready(crate::prepare_store(store, None)?),
            Opening::Damaged(damaged) => Register::Damaged(Arc::new(damaged)),
            Opening::Locked(_) => return Err(IpcError::from(CoreError::WrongKey)),
        };
        Ok::<_, IpcError>((register, kept))
    })
    .await
    .map_err(|_| IpcError::internal())??;
    tracing::info!(kept, register = register.name(), "recovery code accepted");
    let ready = matches!(register, Register::Ready(_));
    state.set_register(register);
    if ready {
        state.backup_at_start();
    } else {
        state.stop_pruning();
    }
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
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveBackup"),
            file_name: backup_file_name(now()),
            filter_name: Message::new("dialog.backupFilter"),
            extensions: &["sqlite3"],
        },
        |store, path| {
            let started = Instant::now();
            let counts = store.backup_to(path)?;
            Ok((counts, started.elapsed().as_millis() as u64))
        },
        |store, file_name, (counts, _)| {
            let language = store.written_language()?;
            Ok(store.log_file_export(&backup_record(counts, language), file_name)?)
        },
    )
    .await?;
    let Some(exported) = exported else {
        return Ok(BackupResultDto {
            path: String::new(),
            counts: None,
            millis: 0,
        });
    };
    let (counts, millis) = exported.written;
    tracing::info!(
        participants = counts.participants,
        "backup written where chosen"
    );
    Ok(BackupResultDto {
        path: exported.path.display().to_string(),
        counts: Some(counts.into()),
        millis,
    })
}

/// What the audit trail records about a backup written where the
/// caseworker chose: that the whole register left, and how much of it.
pub fn backup_record(counts: &BackupCounts, language: Language) -> ExportRecord {
    ExportRecord {
        kind: ExportKind::Backup,
        format: "sqlite3".into(),
        rows: counts.participants as usize,
        filter: catalogue(language).render("file.filter.wholeRegister", &[]),
        participants: Vec::new(),
    }
}

/// Restores one of the app's own backups.
#[tauri::command]
pub async fn backup_restore(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<BackupResultDto, IpcError> {
    let _transition = state.one_transition()?;
    let folder = state.backup_folder();
    let source = backup_in_folder(&folder, &file_name)?;
    state.stop_pruning();
    state
        .with_store(move |store| restore(store, &source, &folder.join("gjenoppretting")))
        .await
}

/// Restores a backup file the caseworker picks (from a USB stick), into the
/// open register or in place of a damaged one.
#[tauri::command]
pub async fn backup_restore_file(state: State<'_, AppState>) -> Result<BackupResultDto, IpcError> {
    let _transition = state.one_transition()?;
    let chosen = ask_open_path(OpenRequest {
        title: Message::new("dialog.openBackup"),
        filter_name: Message::new("dialog.backupFilter"),
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
    state.stop_pruning();
    if let Register::Damaged(damaged) = state.register() {
        return replace_damaged(&state, damaged, vec![source], false).await;
    }
    let folder = state.backup_folder();
    state
        .with_store(move |store| restore(store, &source, &folder.join("gjenoppretting")))
        .await
}

/// Replaces the damaged register in `folder` with the first of `candidates`
/// that passes the check, keeping the damaged file beside it; the restore
/// is recorded in the restored register's audit trail. Answers the open
/// store, the backup used and what it holds.
pub fn restore_damaged(
    folder: &Path,
    damaged: &DamagedRegister,
    candidates: &[PathBuf],
) -> Result<(Store, PathBuf, BackupCounts), IpcError> {
    let path = folder.join(DATABASE_FILE_NAME);
    let suffix = damaged_suffix();
    for candidate in candidates {
        match replace_with_backup(&path, candidate, damaged.key.clone(), &suffix) {
            Ok(mut store) => {
                let counts = store.row_counts()?;
                log_restore(&mut store, candidate, &counts)?;
                let store = crate::prepare_store(store, None)?;
                tracing::info!(
                    participants = counts.participants,
                    "damaged register replaced by a backup"
                );
                return Ok((store, candidate.clone(), counts));
            }
            Err(error) => tracing::warn!(code = error.code(), "backup not usable"),
        }
    }
    Err(IpcError::new(
        "no_good_backup",
        introspor_core::messages::NO_GOOD_BACKUP,
    ))
}

/// The backups to try for a damaged register: the one on offer first, then
/// the newest that passes the check now, if that is another.
pub fn restore_candidates(
    backup_folder: &Path,
    damaged: &DamagedRegister,
) -> Result<Vec<PathBuf>, IpcError> {
    let mut candidates: Vec<PathBuf> = damaged
        .offer
        .iter()
        .map(|offer| offer.backup.path.clone())
        .collect();
    if let Some(newest) = newest_good_backup(backup_folder, &damaged.key)? {
        if !candidates.contains(&newest.backup.path) {
            candidates.push(newest.backup.path);
        }
    }
    Ok(candidates)
}

async fn replace_damaged(
    state: &AppState,
    damaged: Arc<DamagedRegister>,
    candidates: Vec<PathBuf>,
    offered: bool,
) -> Result<BackupResultDto, IpcError> {
    let folder = state.folder().to_path_buf();
    let started = Instant::now();
    let attempt = Arc::clone(&damaged);
    let answer = tauri::async_runtime::spawn_blocking(move || {
        restore_damaged(&folder, &attempt, &candidates)
    })
    .await
    .map_err(|_| IpcError::internal())?;
    let (store, used, counts) = match answer {
        Ok(found) => found,
        Err(error) => {
            if offered && error.code == "no_good_backup" {
                // Nothing on offer any more: the window then offers a file
                // or a new register instead of the same failing backup.
                state.set_register(Register::Damaged(Arc::new(DamagedRegister {
                    offer: None,
                    ..(*damaged).clone()
                })));
            }
            return Err(error);
        }
    };
    state.set_register(Register::ready(store));
    Ok(BackupResultDto {
        path: file_name_of(&used),
        counts: Some(counts.into()),
        millis: started.elapsed().as_millis() as u64,
    })
}

fn damaged_register(state: &AppState) -> Result<Arc<DamagedRegister>, IpcError> {
    match state.register() {
        Register::Damaged(damaged) => Ok(damaged),
        _ => Err(IpcError::new(
            "not_damaged",
            introspor_core::messages::NOT_DAMAGED,
        )),
    }
}

/// When the register is damaged: replaces it with the backup on offer (or,
/// if that one no longer passes, the newest that does), keeping the damaged
/// file beside it.
#[tauri::command]
pub async fn register_restore_newest(
    state: State<'_, AppState>,
) -> Result<BackupResultDto, IpcError> {
    let _transition = state.one_transition()?;
    let damaged = damaged_register(&state)?;
    state.stop_pruning();
    let candidates = restore_candidates(&state.backup_folder(), &damaged)?;
    replace_damaged(&state, damaged, candidates, true).await
}

/// When no backup can be used: starts a new, empty register as the
/// caseworker decided, keeping whatever file was there beside it.
#[tauri::command]
pub async fn register_start_new(state: State<'_, AppState>) -> Result<(), IpcError> {
    let _transition = state.one_transition()?;
    let damaged = damaged_register(&state)?;
    if damaged.offer.is_some() {
        return Err(IpcError::new(
            "backup_available",
            introspor_core::messages::BACKUP_AVAILABLE,
        ));
    }
    state.stop_pruning();
    let path = state.folder().join(DATABASE_FILE_NAME);
    let key = damaged.key.clone();
    let store = tauri::async_runtime::spawn_blocking(move || {
        let store = start_new_register(&path, key, &damaged_suffix())?;
        crate::prepare_store(store, None)
    })
    .await
    .map_err(|_| IpcError::internal())??;
    tracing::warn!("a new, empty register was started by the caseworker");
    state.set_register(Register::ready(store));
    Ok(())
}

/// When a backup is ahead of a sound register: keeps the register as it is,
/// as the caseworker decided; the decision goes into the audit trail.
#[tauri::command]
pub async fn register_keep(state: State<'_, AppState>) -> Result<(), IpcError> {
    let _transition = state.one_transition()?;
    let damaged = damaged_register(&state)?;
    if damaged.damage != Damage::BehindBackup {
        return Err(IpcError::new(
            "cannot_keep",
            introspor_core::messages::CANNOT_KEEP,
        ));
    }
    state.stop_pruning();
    let path = state.folder().join(DATABASE_FILE_NAME);
    let key = damaged.key.clone();
    let store = tauri::async_runtime::spawn_blocking(move || {
        let store = keep_register(&path, key)?;
        crate::prepare_store(store, None)
    })
    .await
    .map_err(|_| IpcError::internal())??;
    tracing::warn!("the register was kept although a backup is ahead of it");
    state.set_register(Register::ready(store));
    Ok(())
}
