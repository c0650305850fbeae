//! The shell's state: the one store connection, or why there is none yet
//! (locked until the recovery code is typed, damaged, or failed), and the
//! clock of automatic backups.

use crate::error::IpcError;
use chrono::NaiveDateTime;
use introspor_core::store::backup::{
    backup_due, backup_file_name, backups_to_delete, list_backups,
};
use introspor_core::store::key_store::KeyStore;
use introspor_core::store::opening::LockReason;
use introspor_core::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Where the register stands.
#[derive(Clone)]
pub enum Register {
    /// Open and usable.
    Ready(Arc<Mutex<Store>>),
    /// Encrypted, and the key is missing or wrong: the recovery code is needed.
    Locked(LockReason),
    /// The file is damaged; the caseworker is offered the newest good backup.
    Damaged(IpcError),
    /// Could not be opened for another reason.
    Failed(IpcError),
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
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The local time, read in the shell and passed on.
pub fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

impl AppState {
    /// State for the data folder `folder`, with the key store `keys`.
    pub fn new(register: Register, folder: PathBuf, keys: Arc<dyn KeyStore>) -> Self {
        Self {
            register: Mutex::new(register),
            folder,
            keys,
            backups: Arc::new(Mutex::new(BackupClock::default())),
        }
    }

    /// State with an open store (for tests and the simple case).
    pub fn ready(store: Store, folder: PathBuf, keys: Arc<dyn KeyStore>) -> Self {
        Self::new(Register::Ready(Arc::new(Mutex::new(store))), folder, keys)
    }

    /// The data folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The folder of automatic backups.
    pub fn backup_folder(&self) -> PathBuf {
        self.folder.join("backups")
    }

    /// The key store.
    pub fn keys(&self) -> Arc<dyn KeyStore> {
        Arc::clone(&self.keys)
    }

    /// Where the register stands now.
    pub fn register(&self) -> Register {
        lock(&self.register).clone()
    }

    /// Replaces the register, after unlocking or restoring.
    pub fn set_register(&self, register: Register) {
        *lock(&self.register) = register;
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
            Register::Damaged(error) | Register::Failed(error) => Some(error),
        }
    }

    fn store(&self) -> Result<Arc<Mutex<Store>>, IpcError> {
        match self.register() {
            Register::Ready(store) => Ok(store),
            Register::Locked(_) => Err(IpcError::new(
                "locked",
                "Registeret er låst. Skriv inn gjenopprettingskoden først.",
            )),
            Register::Damaged(error) | Register::Failed(error) => Err(error),
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
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().unwrap_or_else(PoisonError::into_inner);
            let result = job(&mut guard);
            let mut clock = lock(&backups);
            *clock = automatic_backup(&guard, &folder, clock.clone(), now(), false);
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
            let mut clock = lock(&self.backups);
            *clock = automatic_backup(&guard, &self.backup_folder(), clock.clone(), now(), true);
        }
    }
}

/// Takes an automatic backup when `force`d or due, prunes old ones, and
/// records the outcome. A failure is logged and kept for the window.
pub fn automatic_backup(
    store: &Store,
    folder: &Path,
    mut clock: BackupClock,
    now: NaiveDateTime,
    force: bool,
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
            match list_backups(folder) {
                Ok(found) => {
                    for old in backups_to_delete(&found) {
                        if let Err(error) = std::fs::remove_file(&old) {
                            tracing::warn!("old backup not removed: {error}");
                        }
                    }
                }
                Err(error) => tracing::warn!("backups not listed: {error}"),
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
