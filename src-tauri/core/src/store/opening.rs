//! Opening the encrypted database: the key from the credential store, a
//! first start that makes a key, an old unencrypted file that gets
//! encrypted, and the recovery code when the key is missing or wrong.
//!
//! The one rule above all: never create a new, empty database over an
//! existing one. If the key cannot be found, the caseworker is asked for the
//! recovery code; the file is left exactly as it is.

use crate::error::{CoreError, CoreResult};
use crate::store::key::DatabaseKey;
use crate::store::key_store::{KeyStore, KeyStoreError};
use crate::store::recovery_code;
use crate::store::{sibling, Store};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

/// Why the database is locked until the recovery code is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    /// No key is stored for this database (a new machine, or a wiped
    /// credential store).
    KeyMissing,
    /// The credential store could not be reached.
    KeyStoreUnreachable,
    /// The stored key does not open the file.
    WrongKey,
}

impl LockReason {
    /// Stable identifier for the window.
    pub fn as_str(self) -> &'static str {
        match self {
            LockReason::KeyMissing => "key_missing",
            LockReason::KeyStoreUnreachable => "key_store_unreachable",
            LockReason::WrongKey => "wrong_key",
        }
    }

    /// Why the register is locked, in Norwegian.
    pub fn message(self) -> &'static str {
        match self {
            LockReason::KeyMissing => crate::messages::LOCKED_KEY_MISSING,
            LockReason::KeyStoreUnreachable => crate::messages::LOCKED_KEY_STORE_UNREACHABLE,
            LockReason::WrongKey => crate::messages::LOCKED_WRONG_KEY,
        }
    }
}

/// The result of opening.
#[derive(Debug)]
pub enum Opening {
    /// The store is open.
    Ready(Store),
    /// The recovery code is needed; nothing was changed on disk.
    Locked(LockReason),
}

/// The first bytes of an unencrypted SQLite file.
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn file_state(path: &Path) -> CoreResult<(bool, bool)> {
    match std::fs::File::open(path) {
        Ok(mut file) => {
            let mut header = [0u8; 16];
            let read = file.read(&mut header)?;
            if read == 0 {
                return Ok((false, false));
            }
            Ok((true, read == 16 && &header == PLAINTEXT_HEADER))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((false, false)),
        Err(e) => Err(e.into()),
    }
}

/// Opens the database at `path` with the key kept in `keys`.
pub fn open_database(path: &Path, keys: &dyn KeyStore) -> CoreResult<Opening> {
    let (exists, plaintext) = file_state(path)?;
    let stored = match keys.load() {
        Ok(key) => key,
        Err(KeyStoreError::Unreachable(reason)) => {
            tracing::warn!("credential store unreachable: {reason}");
            return if exists && !plaintext {
                Ok(Opening::Locked(LockReason::KeyStoreUnreachable))
            } else {
                Err(CoreError::KeyStoreUnreachable)
            };
        }
        Err(KeyStoreError::Garbled) => None,
    };
    match (exists, plaintext, stored) {
        (true, false, None) => Ok(Opening::Locked(LockReason::KeyMissing)),
        (true, false, Some(key)) => match Store::open(path, key) {
            Err(CoreError::WrongKey) => Ok(Opening::Locked(LockReason::WrongKey)),
            other => other.map(Opening::Ready),
        },
        (true, true, stored) => {
            let key = match stored {
                Some(key) => key,
                None => new_kept_key(keys)?,
            };
            encrypt_plaintext(path, &key)?;
            tracing::info!("unencrypted database encrypted");
            Store::open(path, key).map(Opening::Ready)
        }
        (false, _, stored) => {
            let key = match stored {
                Some(key) => key,
                None => new_kept_key(keys)?,
            };
            Store::open(path, key).map(Opening::Ready)
        }
    }
}

/// A new key, stored before any database uses it, so no file is ever
/// encrypted with a key that was not kept.
fn new_kept_key(keys: &dyn KeyStore) -> CoreResult<DatabaseKey> {
    let key = DatabaseKey::generate()?;
    keys.save(&key)
        .map_err(|_| CoreError::KeyStoreUnreachable)?;
    Ok(key)
}

/// Opens the database with a typed recovery code, and keeps the key in the
/// credential store again. Answers the store and whether the key was kept
/// (if not, the code will be needed at the next start too).
pub fn unlock_with_recovery_code(
    path: &Path,
    code: &str,
    keys: &dyn KeyStore,
) -> CoreResult<(Store, bool)> {
    let key = recovery_code::decode(code).map_err(CoreError::RecoveryCode)?;
    let store = Store::open(path, key.clone())?;
    let kept = keys.save(&key).is_ok();
    Ok((store, kept))
}

/// Encrypts an unencrypted database file in place: an encrypted copy is
/// written beside it, checked, and renamed over the original, so a crash
/// at any point leaves one whole database.
pub(crate) fn encrypt_plaintext(path: &Path, key: &DatabaseKey) -> CoreResult<()> {
    let copy = sibling(path, ".encrypting");
    let _ = std::fs::remove_file(&copy);
    {
        let conn = Connection::open(path)?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version > crate::store::latest_schema_version() {
            return Err(crate::store::schema_too_new(version));
        }
        conn.execute(
            &format!(
                "ATTACH DATABASE ?1 AS encrypted KEY \"x'{}'\"",
                key.to_hex()
            ),
            [copy.to_string_lossy().as_ref()],
        )?;
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // sqlcipher_export copies tables, not the schema version.
        conn.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {version}; DETACH DATABASE encrypted;"
        ))?;
    }
    // The copy must open with the key before it replaces anything.
    drop(Store::open(&copy, key.clone())?);
    std::fs::File::open(&copy)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
        let _ = std::fs::remove_file(sibling(&copy, suffix));
    }
    std::fs::rename(&copy, path)?;
    Ok(())
}

/// The groups of the recovery code the caseworker is asked to type back
/// (1-based): one early and one late, so the whole code must have been
/// written down.
pub const CONFIRM_GROUPS: [usize; 2] = [2, 7];

impl Store {
    /// Whether the caseworker has confirmed writing down the recovery code.
    /// In-memory stores have no code and count as confirmed.
    pub fn recovery_code_confirmed(&self) -> CoreResult<bool> {
        if self.key.is_none() {
            return Ok(true);
        }
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM store_meta WHERE key = 'recovery_code_confirmed'")?
            .exists([])?)
    }

    /// Checks the typed-back groups ([`CONFIRM_GROUPS`], in order) against
    /// the recovery code and records the confirmation on `today`.
    pub fn confirm_recovery_code(
        &mut self,
        typed: &[String],
        today: chrono::NaiveDate,
    ) -> CoreResult<()> {
        let Some(code) = self.recovery_code() else {
            return Ok(());
        };
        let normalise = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(recovery_code::canonical_char)
                .collect()
        };
        let matches = typed.len() == CONFIRM_GROUPS.len()
            && CONFIRM_GROUPS.iter().zip(typed).all(|(&n, t)| {
                recovery_code::group(&code, n).is_some_and(|g| normalise(g) == normalise(t))
            });
        if !matches {
            return Err(crate::store::invalid(
                "groups",
                "recovery_confirm_mismatch",
                crate::messages::RECOVERY_CONFIRM_MISMATCH,
            ));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO store_meta (key, value) VALUES ('recovery_code_confirmed', ?1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([today.to_string()])?;
        Ok(())
    }
}

/// Replaces a damaged database file with a backup: the damaged file is
/// kept beside it (renamed with `damaged_suffix`), the backup is copied in
/// and opened with `key`. Used when the database cannot be opened at all.
pub fn replace_with_backup(
    path: &Path,
    backup: &Path,
    key: DatabaseKey,
    damaged_suffix: &str,
) -> CoreResult<Store> {
    // The backup must be sound before anything is moved.
    if !Store::quick_check_file(backup, &key)? {
        return Err(CoreError::BackupCheck("integrity check failed"));
    }
    let copy = sibling(path, ".restoring");
    std::fs::copy(backup, &copy)?;
    std::fs::File::open(&copy)?.sync_all()?;
    if path.exists() {
        std::fs::rename(path, sibling(path, damaged_suffix))?;
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
    std::fs::rename(&copy, path)?;
    Store::open(path, key)
}
