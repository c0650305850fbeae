//! Opening the encrypted database: the key from the credential store, a
//! first start that makes a key, an old unencrypted file that gets
//! encrypted, and the recovery code when the key is missing or wrong.
//!
//! The one rule above all: never create a new, empty database over an
//! existing one. If the key cannot be found, the caseworker is asked for the
//! recovery code; the file is left exactly as it is.

use crate::error::{CoreError, CoreResult};
use crate::store::backup::{
    backup_folder, backups_ahead, every_backup_refuses, list_backups, newest_backup_ahead,
    newest_good_backup, BackupOffer,
};
use crate::store::key::DatabaseKey;
use crate::store::key_store::{KeyStore, KeyStoreError};
use crate::store::recovery_code;
use crate::store::{sibling, Store, WITH_SIDECARS};
use rusqlite::Connection;
use std::io::Read;
use std::path::{Path, PathBuf};

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

    /// Why the register is locked, to render in the window's language.
    pub fn message(self) -> crate::language::Message {
        match self {
            LockReason::KeyMissing => crate::messages::LOCKED_KEY_MISSING,
            LockReason::KeyStoreUnreachable => crate::messages::LOCKED_KEY_STORE_UNREACHABLE,
            LockReason::WrongKey => crate::messages::LOCKED_WRONG_KEY,
        }
    }
}

/// What is wrong with a register that cannot be used as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// There is no register file, but there are backups or a key, so one
    /// existed (deleted by a sync client, antivirus or by hand).
    Missing,
    /// The register file is empty (zero bytes).
    Empty,
    /// The file does not open with a key that opens its backups: its first
    /// page (the header) is damaged.
    Unreadable,
    /// The file opens but fails SQLite's integrity check.
    FailedCheck,
    /// The file opens and is sound, but a backup holds changes it lacks: it
    /// lost its write-ahead log (`-wal`) or was replaced by an older copy.
    BehindBackup,
}

impl Damage {
    /// Stable identifier for the window.
    pub fn as_str(self) -> &'static str {
        match self {
            Damage::Missing => "missing",
            Damage::Empty => "empty",
            Damage::Unreadable => "unreadable",
            Damage::FailedCheck => "failed_check",
            Damage::BehindBackup => "behind_backup",
        }
    }

    /// What happened, to render in the window's language.
    pub fn message(self) -> crate::language::Message {
        match self {
            Damage::Missing => crate::messages::DAMAGE_MISSING,
            Damage::Empty => crate::messages::DAMAGE_EMPTY,
            Damage::Unreadable => crate::messages::DAMAGE_UNREADABLE,
            Damage::FailedCheck => crate::messages::CORRUPT,
            Damage::BehindBackup => crate::messages::DAMAGE_BEHIND_BACKUP,
        }
    }
}

/// A register that needs the caseworker's decision before it is used: what
/// is wrong, the key that opens its backups, and the backup on offer.
#[derive(Debug, Clone)]
pub struct DamagedRegister {
    /// What is wrong.
    pub damage: Damage,
    /// The key that opens the register's backups (and the register, if it
    /// still opens).
    pub key: DatabaseKey,
    /// The newest backup that opens with the key and passes the check (for
    /// [`Damage::BehindBackup`], the newest that holds the lost changes).
    pub offer: Option<BackupOffer>,
}

/// The result of opening.
#[derive(Debug)]
pub enum Opening {
    /// The store is open.
    Ready(Store),
    /// The recovery code is needed; nothing was changed on disk.
    Locked(LockReason),
    /// The register is damaged, missing or behind its backups; nothing was
    /// changed on disk, and no new register was made.
    Damaged(DamagedRegister),
}

/// What lies at the register's path before anything opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileState {
    Missing,
    Empty,
    Plaintext,
    Encrypted,
}

/// The first bytes of an unencrypted SQLite file.
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn file_state(path: &Path) -> CoreResult<FileState> {
    match std::fs::File::open(path) {
        Ok(mut file) => {
            let mut header = [0u8; 16];
            let mut read = 0;
            while read < header.len() {
                match file.read(&mut header[read..])? {
                    0 => break,
                    n => read += n,
                }
            }
            Ok(match read {
                0 => FileState::Empty,
                16 if &header == PLAINTEXT_HEADER => FileState::Plaintext,
                _ => FileState::Encrypted,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileState::Missing),
        Err(e) => Err(e.into()),
    }
}

/// The automatic backup folder that belongs to the register at `path`.
fn backups_of(path: &Path) -> PathBuf {
    backup_folder(path.parent().unwrap_or(Path::new(".")))
}

/// Opens the database at `path` with the key kept in `keys`.
///
/// A new, empty register is made only at a true first start: no register
/// file, no backup and no stored key. A missing, empty or unreadable file
/// where backups or a key exist, a file that fails its check, and a file
/// that a backup is ahead of are [`Opening::Damaged`], with the newest good
/// backup on offer; nothing on disk is changed.
pub fn open_database(path: &Path, keys: &dyn KeyStore) -> CoreResult<Opening> {
    let state = file_state(path)?;
    let backups = backups_of(path);
    let has_backups = !list_backups(&backups)?.is_empty();
    let stored = match keys.load() {
        Ok(key) => key,
        Err(KeyStoreError::Unreachable(reason)) => {
            tracing::warn!("credential store unreachable: {reason}");
            return if state == FileState::Encrypted || has_backups {
                Ok(Opening::Locked(LockReason::KeyStoreUnreachable))
            } else {
                Err(CoreError::KeyStoreUnreachable)
            };
        }
        Err(KeyStoreError::Garbled) => None,
    };
    match (state, stored) {
        (FileState::Plaintext, stored) => {
            let key = match stored {
                Some(key) => key,
                None => new_kept_key(keys)?,
            };
            encrypt_plaintext(path, &key)?;
            tracing::info!("unencrypted database encrypted");
            open_with_key(path, key)
        }
        (FileState::Missing | FileState::Empty, None) if !has_backups => {
            // The first start: nothing here that anything could be lost from.
            let key = new_kept_key(keys)?;
            tracing::info!("first start: a new register is made");
            if state == FileState::Empty {
                std::fs::remove_file(path)?;
            }
            Store::open(path, key).map(Opening::Ready)
        }
        (_, None) => Ok(Opening::Locked(LockReason::KeyMissing)),
        (_, Some(key)) => match open_with_key(path, key)? {
            // The stored key opens neither the file nor any backup.
            Opening::Locked(_) => Ok(Opening::Locked(LockReason::WrongKey)),
            other => Ok(other),
        },
    }
}

/// A damaged register with the backup (if any) on offer, logged.
fn damaged_with(damage: Damage, key: DatabaseKey, offer: Option<BackupOffer>) -> Opening {
    tracing::warn!(
        damage = damage.as_str(),
        offered = offer.is_some(),
        "register damaged"
    );
    Opening::Damaged(DamagedRegister { damage, key, offer })
}

/// Opens the register at `path` with a key known to be the right one (from
/// the credential store or the recovery code), and decides whether it can
/// be used as it is. Answers [`Opening::Locked`] (`WrongKey`) when the key
/// opens neither the file nor any backup. Never creates a file.
fn open_with_key(path: &Path, key: DatabaseKey) -> CoreResult<Opening> {
    let backups = backups_of(path);
    let damaged = |damage: Damage, key: DatabaseKey| -> CoreResult<Opening> {
        let offer = newest_good_backup(&backups, &key)?;
        Ok(damaged_with(damage, key, offer))
    };
    match file_state(path)? {
        // With no file to try the key on, backups that all refuse it say
        // it is not this register's key.
        FileState::Missing | FileState::Empty if every_backup_refuses(&backups, &key)? => {
            return Ok(Opening::Locked(LockReason::WrongKey))
        }
        FileState::Missing => return damaged(Damage::Missing, key),
        FileState::Empty => return damaged(Damage::Empty, key),
        FileState::Plaintext | FileState::Encrypted => {}
    }
    let log = sibling(path, "-wal");
    if std::fs::metadata(&log).is_ok_and(|m| m.len() > 0) {
        // A clean close checkpoints the log into the file and removes it.
        tracing::warn!("the register was not closed cleanly last time; checking it");
    }
    let store = match Store::open(path, key.clone()) {
        Ok(store) => store,
        Err(CoreError::WrongKey) => {
            // A key that opens a backup is the right key: the file's first
            // page is damaged, not the key wrong.
            return Ok(match newest_good_backup(&backups, &key)? {
                Some(offer) => damaged_with(Damage::Unreadable, key, Some(offer)),
                None => Opening::Locked(LockReason::WrongKey),
            });
        }
        Err(error) if error.code() == "corrupt" => return damaged(Damage::FailedCheck, key),
        Err(error) => return Err(error),
    };
    let sound = match store.integrity_ok() {
        Ok(sound) => sound,
        Err(error) if error.code() == "corrupt" => false,
        Err(error) => return Err(error),
    };
    if !sound {
        drop(store);
        return damaged(Damage::FailedCheck, key);
    }
    tracing::info!("register opened and checked");
    let position = store.audit_position()?;
    if let Some(offer) = newest_backup_ahead(&backups, &key, position.as_ref())? {
        drop(store);
        return Ok(damaged_with(Damage::BehindBackup, key, Some(offer)));
    }
    Ok(Opening::Ready(store))
}

/// A new key, stored before any database uses it, so no file is ever
/// encrypted with a key that was not kept.
fn new_kept_key(keys: &dyn KeyStore) -> CoreResult<DatabaseKey> {
    let key = DatabaseKey::generate()?;
    keys.save(&key)
        .map_err(|_| CoreError::KeyStoreUnreachable)?;
    Ok(key)
}

/// Opens the register with a typed recovery code, and keeps the key in the
/// credential store again. A code that opens a backup but not the file
/// (missing, empty or damaged) is the right code: the answer is then
/// [`Opening::Damaged`] with that backup on offer. A code that opens
/// neither is refused with [`CoreError::WrongKey`]. Answers the opening and
/// whether the key was kept (if not, the code will be needed at the next
/// start too).
pub fn unlock_with_recovery_code(
    path: &Path,
    code: &str,
    keys: &dyn KeyStore,
) -> CoreResult<(Opening, bool)> {
    let key = recovery_code::decode(code).map_err(CoreError::RecoveryCode)?;
    let opening = match open_with_key(path, key.clone())? {
        Opening::Locked(_) => return Err(CoreError::WrongKey),
        // With no file to try it on, a code is right only if it opens a backup.
        Opening::Damaged(DamagedRegister {
            damage: Damage::Missing | Damage::Empty,
            offer: None,
            ..
        }) => return Err(CoreError::WrongKey),
        other => other,
    };
    let kept = keys.save(&key).is_ok();
    Ok((opening, kept))
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

/// Moves the register file at `path` and its sidecars aside, renamed with
/// `suffix`, so IT can look at them; nothing is deleted or overwritten (a
/// name already taken gets a number: `.skadet-…-2`).
fn set_aside(path: &Path, suffix: &str) -> CoreResult<()> {
    if !WITH_SIDECARS.iter().any(|s| sibling(path, s).exists()) {
        return Ok(());
    }
    let free = |target: &PathBuf| !WITH_SIDECARS.iter().any(|s| sibling(target, s).exists());
    let mut target = sibling(path, suffix);
    let mut n = 2;
    while !free(&target) {
        target = sibling(path, &format!("{suffix}-{n}"));
        n += 1;
    }
    for sidecar in WITH_SIDECARS {
        let from = sibling(path, sidecar);
        if from.exists() {
            std::fs::rename(&from, sibling(&target, sidecar))?;
        }
    }
    Ok(())
}

/// Replaces a damaged database file with a backup: the damaged file and its
/// sidecars (a `-wal` may hold changes IT can still rescue) are kept beside
/// it, renamed with `damaged_suffix`; the backup is copied in and opened
/// with `key`. A copy that then fails to open is removed again, so a
/// second attempt never sets it aside over the damaged original. Used when
/// the database cannot be used as it is.
pub fn replace_with_backup(
    path: &Path,
    backup: &Path,
    key: DatabaseKey,
    damaged_suffix: &str,
) -> CoreResult<Store> {
    // The backup must be sound before anything is moved.
    Store::check_backup_file(backup, &key)?;
    let copy = sibling(path, ".restoring");
    std::fs::copy(backup, &copy)?;
    std::fs::File::open(&copy)?.sync_all()?;
    set_aside(path, damaged_suffix)?;
    std::fs::rename(&copy, path)?;
    match Store::open(path, key) {
        Ok(store) => Ok(store),
        Err(error) => {
            // Only our copy of the backup is here now; the backup itself and
            // the damaged original are untouched.
            for sidecar in WITH_SIDECARS {
                let _ = std::fs::remove_file(sibling(path, sidecar));
            }
            Err(error)
        }
    }
}

/// Starts a new, empty register with `key` when the caseworker decides to,
/// after being told no backup could be used: whatever file is there is kept
/// beside it (renamed with `damaged_suffix`), and the start is recorded in
/// the new register's audit trail.
pub fn start_new_register(
    path: &Path,
    key: DatabaseKey,
    damaged_suffix: &str,
) -> CoreResult<Store> {
    set_aside(path, damaged_suffix)?;
    let mut store = Store::open(path, key)?;
    store.log_register_event(
        crate::domain::audit::AuditAction::Create,
        &[("started_anew", "true".to_string())],
        "",
    )?;
    Ok(store)
}

/// Opens a register that a backup is ahead of, as it is, when the caseworker
/// decides to keep it; the decision is recorded in its audit trail, which
/// also parts its history from the backup's, so it is not asked again.
pub fn keep_register(path: &Path, key: DatabaseKey) -> CoreResult<Store> {
    let mut store = Store::open(path, key.clone())?;
    // The backups that hold the changes gone without are never pruned: after
    // the entry below the histories part, and nothing else would keep them.
    let position = store.audit_position()?;
    let ahead: Vec<String> = backups_ahead(&backups_of(path), &key, position.as_ref())?
        .into_iter()
        .filter_map(|b| Some(b.path.file_name()?.to_string_lossy().into_owned()))
        .collect();
    store.protect_backups(&ahead)?;
    store.log_register_event(
        crate::domain::audit::AuditAction::Update,
        &[("kept_despite_newer_backup", "true".to_string())],
        "",
    )?;
    Ok(store)
}
