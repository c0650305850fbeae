//! The shell's state: the one store connection, or why there is none yet
//! (locked until the recovery code is typed, damaged, or failed), and the
//! clock of automatic backups.

use crate::error::IpcError;
use chrono::NaiveDateTime;
use introspor_core::store::backup::{backup_due, backup_file_name, backup_folder};
use introspor_core::store::deadlines::RecomputeProgress;
use introspor_core::store::folder_lock::FolderLock;
use introspor_core::store::key_store::KeyStore;
use introspor_core::store::opening::{DamagedRegister, LockReason};
use introspor_core::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The open store, shared by the commands. `None` once it is closed at exit,
/// so a command that comes after the close is refused instead of writing to
/// a closed file.
pub type SharedStore = Arc<Mutex<Option<Store>>>;

/// Where the register stands.
#[derive(Clone)]
pub enum Register {
    /// Open and usable.
    Ready(SharedStore),
    /// Encrypted, and the key is missing or wrong: the recovery code is needed.
    Locked(LockReason),
    /// Missing, empty, damaged or behind its backups: the caseworker is
    /// offered the newest good backup.
    Damaged(Arc<DamagedRegister>),
    /// Could not be opened for another reason.
    Failed(IpcError),
    /// Another Introspor holds the data folder; this one touches nothing.
    InUse,
    /// Closed at exit.
    Closed,
}

impl Register {
    /// A register open with `store`.
    pub fn ready(store: Store) -> Self {
        Register::Ready(Arc::new(Mutex::new(Some(store))))
    }

    /// Stable name for the window.
    pub fn name(&self) -> &'static str {
        match self {
            Register::Ready(_) => "ready",
            Register::Locked(_) => "locked",
            Register::Damaged(_) => "damaged",
            Register::Failed(_) => "failed",
            Register::InUse => "in_use",
            Register::Closed => "closed",
        }
    }
}

/// The last automatic backup, and whether it failed.
#[derive(Debug, Clone, Default)]
pub struct BackupClock {
    /// Rows changed (as counted by the connection) at the last backup.
    pub changes_at_last: u64,
    /// When the last backup was taken.
    pub last: Option<NaiveDateTime>,
    /// Why the last automatic backup failed, shown until one succeeds.
    pub problem: Option<IpcError>,
}

/// Held in Tauri's state for the life of the window.
pub struct AppState {
    register: Mutex<Register>,
    folder: PathBuf,
    keys: Arc<dyn KeyStore>,
    /// Read and written only while the store's lock is held, so two
    /// commands never both decide a backup is due.
    backups: Arc<Mutex<BackupClock>>,
    /// The data folder's lock, held until the register is closed.
    folder_lock: Mutex<Option<FolderLock>>,
    /// Whether old backups may be deleted. Not after a restore, a rollback
    /// or a new start in this run: then the backups are the evidence of
    /// what was there, and none is deleted until the next start.
    prune_allowed: Arc<AtomicBool>,
    /// Set while the register's state changes (see [`AppState::one_transition`]).
    transition: AtomicBool,
    /// How far a recompute of every participant has come; read without the
    /// store's lock, which the recompute holds.
    recompute: Arc<RecomputeProgress>,
}

/// Held while one change of the register's state runs; released on drop.
pub struct TransitionGuard<'a>(&'a AtomicBool);

impl Drop for TransitionGuard<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The local time, read in the shell and passed on.
pub fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The local date and time with this machine's offset from UTC now, for a
/// document's creation time (the PDF records the offset).
pub fn now_with_offset() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

impl AppState {
    /// State for the data folder `folder`, with the key store `keys` and
    /// the folder's lock (none when another instance holds it).
    pub fn new(
        register: Register,
        folder: PathBuf,
        keys: Arc<dyn KeyStore>,
        folder_lock: Option<FolderLock>,
    ) -> Self {
        Self {
            register: Mutex::new(register),
            folder,
            keys,
            backups: Arc::new(Mutex::new(BackupClock::default())),
            folder_lock: Mutex::new(folder_lock),
            prune_allowed: Arc::new(AtomicBool::new(true)),
            transition: AtomicBool::new(false),
            recompute: Arc::new(RecomputeProgress::default()),
        }
    }

    /// The progress of a recompute of every participant (a settings change).
    pub fn recompute_progress(&self) -> Arc<RecomputeProgress> {
        Arc::clone(&self.recompute)
    }

    /// State with an open store (for tests and the simple case).
    pub fn ready(store: Store, folder: PathBuf, keys: Arc<dyn KeyStore>) -> Self {
        Self::new(Register::ready(store), folder, keys, None)
    }

    /// From now on until the next start, no backup is deleted.
    pub fn stop_pruning(&self) {
        self.prune_allowed.store(false, Ordering::SeqCst);
    }

    /// Closes the register cleanly (the log checkpointed into the file, the
    /// connection closed, the folder's lock released). Called when the
    /// window is closed and when the app exits; a second call does nothing.
    pub fn close(&self) {
        let register = std::mem::replace(&mut *lock(&self.register), Register::Closed);
        if let Register::Ready(shared) = register {
            // Waits for a command still running, so its write completes.
            let store = lock(&shared).take();
            if let Some(store) = store {
                match store.close() {
                    Ok(()) => tracing::info!("register closed cleanly"),
                    Err(error) => {
                        tracing::error!(code = error.code(), "register not closed cleanly: {error}")
                    }
                }
            }
        }
        lock(&self.folder_lock).take();
    }

    /// The data folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The folder of automatic backups.
    pub fn backup_folder(&self) -> PathBuf {
        backup_folder(&self.folder)
    }

    /// The key store.
    pub fn keys(&self) -> Arc<dyn KeyStore> {
        Arc::clone(&self.keys)
    }

    /// Where the register stands now.
    pub fn register(&self) -> Register {
        lock(&self.register).clone()
    }

    /// Replaces the register, after unlocking or restoring. After the
    /// register was closed at exit nothing replaces it: a store that a
    /// command opened too late is closed at once, so it never outlives the
    /// folder's lock.
    pub fn set_register(&self, register: Register) {
        let mut current = lock(&self.register);
        if matches!(*current, Register::Closed) {
            drop(current);
            if let Register::Ready(shared) = register {
                if let Some(store) = lock(&shared).take() {
                    let _ = store.close();
                }
            }
            return;
        }
        *current = register;
    }

    /// Runs one change of the register's state (unlock, restore, start anew,
    /// keep) at a time: a second click while one runs is refused instead of
    /// racing it over the same files.
    pub fn one_transition(&self) -> Result<TransitionGuard<'_>, IpcError> {
        if self.transition.swap(true, Ordering::SeqCst) {
            return Err(IpcError::new("busy", introspor_core::messages::BUSY));
        }
        Ok(TransitionGuard(&self.transition))
    }

    /// Why the last automatic backup failed, if it did.
    pub fn backup_problem(&self) -> Option<IpcError> {
        lock(&self.backups).problem.clone()
    }

    /// The startup error, if the store is not open.
    pub fn startup_error(&self) -> Option<IpcError> {
        match self.register() {
            Register::Ready(_) => None,
            Register::Locked(reason) => Some(IpcError::new("locked", reason.message())),
            Register::Damaged(damaged) => Some(IpcError::new(
                damaged.damage.as_str(),
                damaged.damage.message(),
            )),
            Register::Failed(error) => Some(error),
            Register::InUse => Some(in_use()),
            Register::Closed => Some(closed()),
        }
    }

    fn store(&self) -> Result<SharedStore, IpcError> {
        match self.register() {
            Register::Ready(store) => Ok(store),
            Register::Locked(_) => Err(IpcError::new("locked", introspor_core::messages::LOCKED)),
            Register::Damaged(damaged) => Err(IpcError::new("damaged", damaged.damage.message())),
            Register::Failed(error) => Err(error),
            Register::InUse => Err(in_use()),
            Register::Closed => Err(closed()),
        }
    }

    /// Runs `job` with the store on a blocking thread, never on the thread
    /// that drives the window; then takes an automatic backup if one is due.
    ///
    /// A panic inside `job` becomes an `internal` error for the window; the
    /// transaction it was in is rolled back when it unwinds, so a poisoned
    /// lock still guards a consistent database and is taken over.
    pub async fn with_store<T, F>(&self, job: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, IpcError> + Send + 'static,
    {
        let store = self.store()?;
        let backups = Arc::clone(&self.backups);
        let folder = self.backup_folder();
        let prune = Arc::clone(&self.prune_allowed);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().unwrap_or_else(PoisonError::into_inner);
            let Some(store) = guard.as_mut() else {
                return Err(closed());
            };
            let result = job(store);
            let mut clock = lock(&backups);
            let prune = prune.load(Ordering::SeqCst);
            *clock = automatic_backup(store, &folder, clock.clone(), now(), false, prune);
            result
        })
        .await
        .map_err(|error| {
            tracing::error!("command thread failed: {error}");
            IpcError::internal()
        })?
    }

    /// Takes the start-up backup (always, when the register is open).
    pub fn backup_at_start(&self) {
        if let Register::Ready(store) = self.register() {
            let guard = store.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(store) = guard.as_ref() {
                let mut clock = lock(&self.backups);
                let prune = self.prune_allowed.load(Ordering::SeqCst);
                *clock = automatic_backup(
                    store,
                    &self.backup_folder(),
                    clock.clone(),
                    now(),
                    true,
                    prune,
                );
            }
        }
    }
}

/// The refusal while another Introspor holds the data folder.
fn in_use() -> IpcError {
    IpcError::new("in_use", introspor_core::messages::REGISTER_IN_USE)
}

/// The refusal after the register was closed at exit.
fn closed() -> IpcError {
    IpcError::new("closed", introspor_core::messages::CLOSED)
}

/// Takes an automatic backup when `force`d or due, prunes old ones if
/// `prune` allows, and records the outcome. A failure is logged and kept
/// for the window.
pub fn automatic_backup(
    store: &Store,
    folder: &Path,
    mut clock: BackupClock,
    now: NaiveDateTime,
    force: bool,
    prune: bool,
) -> BackupClock {
    if store.path().is_none() {
        return clock;
    }
    let changes = store.changes_so_far();
    let since = changes.saturating_sub(clock.changes_at_last);
    if !force && !backup_due(since, clock.last, now) {
        return clock;
    }
    let destination = folder.join(backup_file_name(now));
    match store.backup_to(&destination) {
        Ok(counts) => {
            tracing::info!(
                participants = counts.participants,
                "automatic backup written and checked"
            );
            clock.changes_at_last = changes;
            clock.last = Some(now);
            clock.problem = None;
            if prune {
                match store.prune_backups(folder, &destination) {
                    Ok(deleted) if deleted > 0 => tracing::info!(deleted, "old backups deleted"),
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!(code = error.code(), "old backups not pruned: {error}")
                    }
                }
            }
        }
        Err(error) => {
            let error = IpcError::from(error);
            tracing::error!(code = %error.code, "automatic backup failed");
            clock.problem = Some(error);
            // Try again at the next change rather than at once in a loop.
            clock.changes_at_last = changes;
        }
    }
    clock
}
