//! Backups: SQLite's online backup into a file encrypted with the same key,
//! checked after writing; keeping the newest 5, the last 10 daily and 8
//! weekly, and never one that holds more than the register; restoring.
//!
//! A backup file is never written again once it has its name, so it is
//! opened as immutable: reading it leaves no `-wal`, `-shm` or `-journal`
//! beside it, in our folder or on a USB stick.

use crate::error::{CoreError, CoreResult};
use crate::store::key::DatabaseKey;
use crate::store::{apply_key, migrations, sibling, Store, WITH_SIDECARS};
use chrono::{Datelike, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// How many rows of the main kinds a database holds: shown before a
/// restore, and compared after a backup is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackupCounts {
    /// Participants (archived included).
    pub participants: i64,
    /// Computed deadlines.
    pub deadlines: i64,
    /// Own tasks and action items.
    pub tasks: i64,
    /// Contacts.
    pub contacts: i64,
    /// Meetings.
    pub meetings: i64,
}

/// A backup file found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// Where it is.
    pub path: PathBuf,
    /// When it was taken (local time, from its name).
    pub taken_at: NaiveDateTime,
    /// Its size in bytes.
    pub size: u64,
    /// When it was last modified, in nanoseconds since 1970, if the file
    /// system tells.
    pub modified_ns: Option<i64>,
}

/// A backup in the register's own backup folder as the backup screen
/// lists it.
#[derive(Debug)]
pub struct ListedBackup {
    /// The file.
    pub file: BackupFile,
    /// What it holds, if it passed its check; why not, if it failed.
    pub checked: CoreResult<BackupCounts>,
}

/// A file's modification time in nanoseconds since 1970, if known.
fn modified_ns(metadata: &std::fs::Metadata) -> Option<i64> {
    let since = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    i64::try_from(since.as_nanos()).ok()
}

/// A path's last component as text.
fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Automatic backups: after this many changed rows…
pub const BACKUP_EVERY_CHANGES: u64 = 50;
/// …or this many hours with changes, whichever comes first.
pub const BACKUP_EVERY_HOURS: i64 = 4;
/// Daily backups kept (the newest of each day).
pub const KEEP_DAILY: usize = 10;
/// Weekly backups kept (the newest of each ISO week).
pub const KEEP_WEEKLY: usize = 8;
/// The newest backups kept whatever their dates, so a day of many
/// backups (or a clock set wrong) never leaves only one.
pub const KEEP_NEWEST: usize = 5;

/// The reason an anonymisation applied again after a restore is recorded
/// with (a stable code, shown in words by the window).
pub const REAPPLIED_AFTER_RESTORE: &str = "reapplied_after_restore";

/// The folder of automatic backups inside the data folder.
pub const BACKUP_FOLDER_NAME: &str = "backups";

/// A file in the backup folder that names a partial backup being written
/// elsewhere (a chosen folder), so that one left by a crash is removed at
/// the next start.
const UNFINISHED_NOTE: &str = "unfinished-backup.txt";

/// The automatic backup folder of the data folder `folder`.
pub fn backup_folder(folder: &Path) -> PathBuf {
    folder.join(BACKUP_FOLDER_NAME)
}

const FILE_PREFIX: &str = "introspor-sikkerhetskopi-";
const FILE_SUFFIX: &str = ".sqlite3";

/// The file name of a backup taken at `at`: the date and time in it sort
/// in order and tell the caseworker which is which.
pub fn backup_file_name(at: NaiveDateTime) -> String {
    format!("{FILE_PREFIX}{}{FILE_SUFFIX}", at.format("%Y-%m-%d-%H%M%S"))
}

/// When a backup was taken, read from its file name.
pub fn parse_backup_file_name(name: &str) -> Option<NaiveDateTime> {
    let stamp = name.strip_prefix(FILE_PREFIX)?.strip_suffix(FILE_SUFFIX)?;
    NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").ok()
}

/// The backups in `folder`, newest first. A missing folder has none.
pub fn list_backups(folder: &Path) -> CoreResult<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        if let Some(taken_at) = name.to_str().and_then(parse_backup_file_name) {
            let metadata = entry.metadata()?;
            found.push(BackupFile {
                path: entry.path(),
                taken_at,
                size: metadata.len(),
                modified_ns: modified_ns(&metadata),
            });
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(found)
}

/// Which backups the dates allow to delete: all but the [`KEEP_NEWEST`]
/// newest, the newest of each of the last [`KEEP_DAILY`] days and of each of
/// the last [`KEEP_WEEKLY`] ISO weeks that have backups. `backups` may come
/// in any order. [`Store::prune_backups`] keeps some of these still: those
/// that hold more than the register.
pub fn backups_to_delete(backups: &[BackupFile]) -> Vec<PathBuf> {
    let mut newest_first: Vec<&BackupFile> = backups.iter().collect();
    newest_first.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    let mut keep: HashSet<&Path> = HashSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for backup in newest_first.iter().take(KEEP_NEWEST) {
        keep.insert(&backup.path);
    }
    for backup in &newest_first {
        let day = backup.taken_at.date();
        if !days.contains(&day) && days.len() < KEEP_DAILY {
            days.push(day);
            keep.insert(&backup.path);
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKLY {
            weeks.push(week);
            keep.insert(&backup.path);
        }
    }
    newest_first
        .iter()
        .filter(|b| !keep.contains(b.path.as_path()))
        .map(|b| b.path.clone())
        .collect()
}

/// Whether an automatic backup is due, given the rows changed and the time
/// since the last one.
pub fn backup_due(changes_since: u64, last: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    if changes_since == 0 {
        return false;
    }
    changes_since >= BACKUP_EVERY_CHANGES
        || last.is_none_or(|at| (now - at).num_hours() >= BACKUP_EVERY_HOURS)
}

fn counts(conn: &Connection) -> CoreResult<BackupCounts> {
    let count = |table: &str| -> CoreResult<i64> {
        Ok(conn.query_row(
            &format!("SELECT count(*) AS count FROM {table}"),
            [],
            |row| row.get("count"),
        )?)
    };
    Ok(BackupCounts {
        participants: count("participant")?,
        deadlines: count("deadline")?,
        tasks: count("task")?,
        contacts: count("contact")?,
        meetings: count("meeting")?,
    })
}

/// SQLite's quick check: every page is read (and, under SQLCipher, its HMAC
/// verified) and every b-tree walked; only the slow cross-check of indexes
/// against tables is left out. A backup is a page-for-page copy, so damage
/// shows up as a bad page, which this finds.
pub(crate) fn integrity_ok(conn: &Connection) -> CoreResult<bool> {
    let result: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    Ok(result == "ok")
}

/// `path` as an SQLite URI that opens the file as immutable: read-only,
/// without locks and without any sidecar file. Characters that mean
/// something in a URI are escaped; a Windows path gets the `/C:/` form.
fn immutable_uri(path: &Path) -> String {
    let raw = path.to_string_lossy();
    // Windows' verbatim prefixes mean nothing to SQLite.
    let raw: String = if let Some(rest) = raw.strip_prefix("\\\\?\\UNC\\") {
        format!("\\\\{rest}")
    } else if let Some(rest) = raw.strip_prefix("\\\\?\\") {
        rest.to_string()
    } else {
        raw.into_owned()
    };
    let text = raw.replace('\\', "/");
    let mut uri = String::from("file:");
    if text.starts_with("//") {
        // A network share (\\server\share): an empty authority, then the
        // share's own two slashes.
        uri.push_str("//");
    } else if !text.starts_with('/') {
        // A drive letter (C:/...) or a relative path.
        if text.as_bytes().get(1) == Some(&b':') {
            uri.push('/');
        }
    }
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Opens a backup to read it. A backup is never written after it got its
/// name, so it is opened as immutable: looking at it changes nothing and
/// leaves no `-wal` or `-shm` file beside it, even for backups written by
/// earlier versions, whose header still says WAL.
pub(crate) fn open_backup(path: &Path, key: Option<&DatabaseKey>) -> CoreResult<Connection> {
    if !path.is_file() {
        return Err(CoreError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "backup file not found",
        )));
    }
    // A finished backup never has a log with content beside it. A file that
    // does is a live register (or a copy of one) whose newest changes are in
    // that log, which an immutable read would not see.
    if std::fs::metadata(sibling(path, "-wal")).is_ok_and(|m| m.len() > 0) {
        return Err(CoreError::BackupCheck(
            "a write-ahead log lies beside it: not a finished backup",
        ));
    }
    let conn = Connection::open_with_flags(
        immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    match key {
        Some(key) => apply_key(conn, key),
        None => Ok(conn),
    }
}

/// The newest entry of a database's audit trail: every acknowledged change
/// writes one, so it tells how far a register (or a backup of it) has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPosition {
    /// The entry's id (they count up from 1).
    pub last_id: i64,
    /// The entry's hash, which chains it to every entry before it.
    pub last_hash: String,
}

fn audit_position(conn: &Connection) -> CoreResult<Option<AuditPosition>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1",
            [],
            |row| {
                Ok(AuditPosition {
                    last_id: row.get("id")?,
                    last_hash: row.get("hash")?,
                })
            },
        )
        .optional()?)
}

/// Whether the database on `conn` holds every change up to `register` and
/// later ones too: its audit trail has the register's newest entry (the same
/// id with the same hash, so the same history) and entries after it. A
/// register that lost its `-wal`, or was replaced by an empty file, is
/// behind such a backup. After a deliberate restore of an older backup the
/// histories part (the restore is an entry of its own), so newer backups of
/// the old history are not counted as ahead.
fn is_ahead_of(conn: &Connection, register: Option<&AuditPosition>) -> CoreResult<bool> {
    use rusqlite::OptionalExtension;
    let Some(mine) = audit_position(conn)? else {
        return Ok(false);
    };
    let Some(register) = register else {
        return Ok(true);
    };
    if mine.last_id <= register.last_id {
        return Ok(false);
    }
    let hash: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_event WHERE id = ?1",
            [register.last_id],
            |row| row.get("hash"),
        )
        .optional()?;
    Ok(hash.as_deref() == Some(register.last_hash.as_str()))
}

/// A backup offered to replace a damaged register: which file, when it was
/// taken and what it holds. It opened with the key and passed the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupOffer {
    /// The backup file.
    pub backup: BackupFile,
    /// What it holds.
    pub counts: BackupCounts,
}

/// Checks one backup: it opens with `key`, passes the quick check and is an
/// Introspor database. Answers what it holds.
fn checked_counts(conn: &Connection) -> CoreResult<BackupCounts> {
    if !integrity_ok(conn)? {
        return Err(CoreError::BackupCheck("integrity check failed"));
    }
    let has_schema: bool = conn.query_row(
        "SELECT count(*) > 0 AS has_schema FROM sqlite_master WHERE name = 'participant'",
        [],
        |row| row.get("has_schema"),
    )?;
    if !has_schema {
        return Err(CoreError::BackupCheck("not an Introspor database"));
    }
    counts(conn)
}

/// The best backup in `folder` to replace a lost register with: the newest
/// that opens with `key` and passes the check, or, if another good backup
/// holds changes that one lacks (its clock was set back, say), the newest
/// such. Backups that fail are skipped and logged.
pub fn newest_good_backup(folder: &Path, key: &DatabaseKey) -> CoreResult<Option<BackupOffer>> {
    let Some(newest) = newest_matching(folder, key, |_| Ok(true))? else {
        return Ok(None);
    };
    let position = audit_position(&open_backup(&newest.backup.path, Some(key))?)?;
    Ok(Some(
        newest_backup_ahead(folder, key, position.as_ref())?.unwrap_or(newest),
    ))
}

/// The newest backup in `folder` that holds changes the register at
/// `register` lacks (see [`AuditPosition`]) and passes the check, if any.
pub fn newest_backup_ahead(
    folder: &Path,
    key: &DatabaseKey,
    register: Option<&AuditPosition>,
) -> CoreResult<Option<BackupOffer>> {
    for backup in backups_ahead(folder, key, register)? {
        match open_backup(&backup.path, Some(key)).and_then(|conn| checked_counts(&conn)) {
            Ok(counts) => return Ok(Some(BackupOffer { backup, counts })),
            Err(error) => tracing::warn!(code = error.code(), "backup skipped: {error}"),
        }
    }
    Ok(None)
}

/// The backups in `folder` that hold changes the register at `register`
/// lacks, furthest ahead first (not newest by name: after a clock was set
/// back, an older name can hold more); among equals, the newest.
pub fn backups_ahead(
    folder: &Path,
    key: &DatabaseKey,
    register: Option<&AuditPosition>,
) -> CoreResult<Vec<BackupFile>> {
    let mut ahead: Vec<(i64, BackupFile)> = Vec::new();
    for backup in list_backups(folder)? {
        let found = open_backup(&backup.path, Some(key)).and_then(|conn| {
            Ok(if is_ahead_of(&conn, register)? {
                audit_position(&conn)?.map(|p| p.last_id)
            } else {
                None
            })
        });
        match found {
            Ok(Some(last_id)) => ahead.push((last_id, backup)),
            Ok(None) => {}
            Err(error) => tracing::warn!(code = error.code(), "backup skipped: {error}"),
        }
    }
    // The listing is newest first and the sort is stable.
    ahead.sort_by_key(|(last_id, _)| std::cmp::Reverse(*last_id));
    Ok(ahead.into_iter().map(|(_, backup)| backup).collect())
}

/// Whether backups exist in `folder` and every one of them refuses `key`:
/// then the key is not this register's, whatever the file looks like.
pub fn every_backup_refuses(folder: &Path, key: &DatabaseKey) -> CoreResult<bool> {
    let found = list_backups(folder)?;
    Ok(!found.is_empty()
        && found
            .iter()
            .all(|b| matches!(open_backup(&b.path, Some(key)), Err(CoreError::WrongKey))))
}

fn newest_matching(
    folder: &Path,
    key: &DatabaseKey,
    wanted: impl Fn(&Connection) -> CoreResult<bool>,
) -> CoreResult<Option<BackupOffer>> {
    for backup in list_backups(folder)? {
        let checked = open_backup(&backup.path, Some(key)).and_then(|conn| {
            if wanted(&conn)? {
                checked_counts(&conn).map(Some)
            } else {
                Ok(None)
            }
        });
        match checked {
            Ok(Some(counts)) => return Ok(Some(BackupOffer { backup, counts })),
            Ok(None) => {}
            Err(error) => tracing::warn!(code = error.code(), "backup skipped: {error}"),
        }
    }
    Ok(None)
}

/// Removes `path` and the files SQLite may have written beside it, as far
/// as they exist; for cleaning up after a failed or finished step.
fn remove_with_sidecars(path: &Path) {
    for suffix in WITH_SIDECARS {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
}

/// Whether `name` is debris a backup can leave: a partial file and the
/// sidecars SQLite writes beside a database (`-journal`, `-wal`, `-shm`).
fn is_backup_debris(name: &str) -> bool {
    let base = WITH_SIDECARS[1..]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name);
    base.ends_with(".partial") || (base != name && parse_backup_file_name(base).is_some())
}

/// Removes what a crash or an earlier version left in the backup folder:
/// partial backups and their journals, sidecar files beside finished
/// backups, and a partial backup noted as being written to a chosen folder.
/// Only finished, checked backups remain. Call it only while holding the
/// data folder's lock, so no other instance is writing a partial backup.
/// Answers how many files were removed.
pub fn clean_backup_folder(folder: &Path) -> CoreResult<usize> {
    let mut removed = 0;
    let note = folder.join(UNFINISHED_NOTE);
    if let Ok(text) = std::fs::read_to_string(&note) {
        let partial = PathBuf::from(text.trim());
        // Only ever a file we named ourselves.
        if partial.to_string_lossy().ends_with(".partial") {
            for suffix in WITH_SIDECARS {
                if std::fs::remove_file(sibling(&partial, suffix)).is_ok() {
                    removed += 1;
                }
            }
        }
        let _ = std::fs::remove_file(&note);
    }
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(removed),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if entry.file_type()?.is_file() && is_backup_debris(name) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    if removed > 0 {
        tracing::info!(removed, "debris removed from the backup folder");
    }
    Ok(removed)
}

impl Store {
    /// Rows of the register's data changed through this connection since
    /// it was opened (the store's own bookkeeping left out); the automatic
    /// backup compares it with the figure at the last backup.
    pub fn changes_so_far(&self) -> u64 {
        self.conn
            .total_changes()
            .saturating_sub(self.bookkeeping.load(Ordering::Relaxed))
    }

    /// The backups in this register's backup folder `folder`, newest
    /// first, each with what it holds or why it failed its check. A backup
    /// whose check is recorded and whose file has kept its size and
    /// modification time since is not read again: checking reads every
    /// page of the file. Any other is opened and checked now, and a
    /// passing check is recorded for the next listing. A restore checks
    /// its backup again in any case.
    pub fn listed_backups(&self, folder: &Path) -> CoreResult<Vec<ListedBackup>> {
        let recorded = self.recorded_checks()?;
        let mut listed = Vec::new();
        for file in list_backups(folder)? {
            let known = recorded
                .get(&name_of(&file.path))
                .filter(|(size, modified, _)| {
                    u64::try_from(*size).ok() == Some(file.size)
                        && Some(*modified) == file.modified_ns
                })
                .map(|(_, _, counts)| *counts);
            let checked = match known {
                Some(counts) => Ok(counts),
                None => {
                    let checked = self.inspect_backup(&file.path);
                    if let Ok(counts) = &checked {
                        self.record_check_or_warn(&file.path, *counts);
                    }
                    checked
                }
            };
            listed.push(ListedBackup { file, checked });
        }
        Ok(listed)
    }

    /// The recorded checks by file name: size, modification time, counts.
    fn recorded_checks(&self) -> CoreResult<HashMap<String, (i64, i64, BackupCounts)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT file_name, size, modified_ns, participants, deadlines, tasks, contacts, meetings \
             FROM backup_check",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>("file_name")?,
                (
                    row.get("size")?,
                    row.get("modified_ns")?,
                    BackupCounts {
                        participants: row.get("participants")?,
                        deadlines: row.get("deadlines")?,
                        tasks: row.get("tasks")?,
                        contacts: row.get("contacts")?,
                        meetings: row.get("meetings")?,
                    },
                ),
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that the backup at `path` passed its check holding
    /// `counts`, with the file's size and modification time now, and
    /// forgets the checks of files no longer in its folder. A failure is
    /// only logged: the backup itself is good, and the next listing
    /// checks it again.
    fn record_check_or_warn(&self, path: &Path, counts: BackupCounts) {
        if let Err(error) = self.record_check(path, counts) {
            tracing::warn!(
                code = error.code(),
                "a backup's check was not recorded: {error}"
            );
        }
    }

    fn record_check(&self, path: &Path, counts: BackupCounts) -> CoreResult<()> {
        let metadata = std::fs::metadata(path)?;
        let Some(modified) = modified_ns(&metadata) else {
            return Ok(());
        };
        let before = self.conn.total_changes();
        self.conn
            .prepare_cached(
                "INSERT INTO backup_check (file_name, size, modified_ns, participants, deadlines, \
                 tasks, contacts, meetings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT (file_name) DO UPDATE SET size = excluded.size, \
                 modified_ns = excluded.modified_ns, participants = excluded.participants, \
                 deadlines = excluded.deadlines, tasks = excluded.tasks, \
                 contacts = excluded.contacts, meetings = excluded.meetings",
            )?
            .execute(rusqlite::params![
                name_of(path),
                i64::try_from(metadata.len()).unwrap_or(i64::MAX),
                modified,
                counts.participants,
                counts.deadlines,
                counts.tasks,
                counts.contacts,
                counts.meetings,
            ])?;
        if let Some(folder) = path.parent() {
            let present: HashSet<String> = list_backups(folder)?
                .iter()
                .map(|b| name_of(&b.path))
                .collect();
            let gone: Vec<String> = self
                .recorded_checks()?
                .into_keys()
                .filter(|name| !present.contains(name))
                .collect();
            let mut delete = self
                .conn
                .prepare_cached("DELETE FROM backup_check WHERE file_name = ?1")?;
            for name in gone {
                delete.execute([name])?;
            }
        }
        self.bookkeeping.fetch_add(
            self.conn.total_changes().saturating_sub(before),
            Ordering::Relaxed,
        );
        Ok(())
    }

    /// What the open database holds.
    pub fn row_counts(&self) -> CoreResult<BackupCounts> {
        counts(&self.conn)
    }

    /// What a backup file holds, after checking that it opens with this
    /// database's key and passes SQLite's integrity check.
    pub fn inspect_backup(&self, path: &Path) -> CoreResult<BackupCounts> {
        checked_counts(&open_backup(path, self.key.as_ref())?)
    }

    /// The newest entry of this register's audit trail.
    pub fn audit_position(&self) -> CoreResult<Option<AuditPosition>> {
        audit_position(&self.conn)
    }

    /// Deletes the backups in `folder` that the dates allow
    /// ([`backups_to_delete`]), except any that holds more than this
    /// register: changes it lacks ([`AuditPosition`]) or more participants
    /// (participants are never deleted, so fewer means something was lost).
    /// Call it right after a backup of this register was written, under the
    /// same lock, so that backup is the yardstick. Answers how many were
    /// deleted.
    pub fn prune_backups(&self, folder: &Path, newest: &Path) -> CoreResult<usize> {
        let found = list_backups(folder)?;
        // The backup just written must be the newest by name; if it is not,
        // the clock was set back, and the dates cannot be trusted to say
        // which backups are old.
        if found.first().map(|b| b.path.as_path()) != Some(newest) {
            tracing::warn!("the newest backup is not the one just written; nothing pruned");
            return Ok(0);
        }
        let candidates = backups_to_delete(&found);
        if candidates.is_empty() {
            return Ok(0);
        }
        let protected = self.protected_backups()?;
        let position = self.audit_position()?;
        let participants = counts(&self.conn)?.participants;
        let mut deleted = 0;
        for path in candidates {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if path == newest || protected.contains(&name) {
                continue;
            }
            let holds_more = open_backup(&path, self.key.as_ref()).and_then(|conn| {
                Ok(is_ahead_of(&conn, position.as_ref())?
                    || counts(&conn)?.participants > participants)
            });
            match holds_more {
                Ok(true) => {
                    tracing::warn!("a backup holds more than the register and is kept");
                }
                // A backup this key does not open may be another register's,
                // opened by another recovery code: it cannot be judged, so
                // it is kept.
                Err(CoreError::WrongKey) => {
                    tracing::warn!("a backup does not open with this key and is kept");
                }
                // A backup that opens but is damaged is worth nothing, and the
                // backup just written passed its check.
                Ok(false) | Err(_) => {
                    std::fs::remove_file(&path)?;
                    deleted += 1;
                }
            }
        }
        Ok(deleted)
    }

    /// Backups that hold changes this register was decided to go on
    /// without ([`crate::store::opening::keep_register`]): never pruned.
    pub fn protected_backups(&self) -> CoreResult<Vec<String>> {
        use rusqlite::OptionalExtension;
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM store_meta WHERE key = 'protected_backups'",
                [],
                |row| row.get("value"),
            )
            .optional()?;
        Ok(text
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// Adds backups (by file name) to those never pruned.
    pub(crate) fn protect_backups(&mut self, names: &[String]) -> CoreResult<()> {
        let mut all = self.protected_backups()?;
        for name in names {
            if !all.contains(name) {
                all.push(name.clone());
            }
        }
        self.conn
            .prepare_cached(
                "INSERT INTO store_meta (key, value) VALUES ('protected_backups', ?1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([all.join("\n")])?;
        Ok(())
    }

    /// Writes a backup of the whole database to `destination`, encrypted
    /// with the same key, and checks it: it must open with the key, pass the
    /// integrity check and hold the same row counts. Only a checked backup
    /// gets its final name; a failed one is removed and reported.
    ///
    /// Nothing but the finished backup is left where the caseworker chose
    /// to put it. SQLite writes a database with the help of files beside it
    /// (`-wal` and `-shm` while the copied header still says WAL), and one
    /// that cannot be removed (a USB stick pulled, another program holding
    /// it on Windows) would stay in the caseworker's folder. So a backup for
    /// a folder other than our own backup folder is written and checked in
    /// our own folder first (where the start-up cleaning removes any such
    /// file), then copied as plain bytes to `<name>.partial` beside the
    /// destination, checked again there (read as immutable, which writes
    /// nothing beside it) and renamed. A failure at any step removes what
    /// that step wrote.
    pub fn backup_to(&self, destination: &Path) -> CoreResult<BackupCounts> {
        if let Some(folder) = destination.parent() {
            std::fs::create_dir_all(folder)?;
        }
        match self.staging_for(destination)? {
            None => self.backup_in_place(destination),
            Some(staged) => self.backup_through(&staged, destination),
        }
    }

    /// Writes the backup as `<destination>.partial` and renames it: for our
    /// own backup folder (and in-memory stores, which have none).
    fn backup_in_place(&self, destination: &Path) -> CoreResult<BackupCounts> {
        let partial = sibling(destination, ".partial");
        remove_with_sidecars(&partial);
        let result = self.write_checked_backup(&partial).and_then(|counts| {
            std::fs::rename(&partial, destination)?;
            Ok(counts)
        });
        match &result {
            // The backup screen lists this one without reading it again.
            Ok(counts) if self.own_backup_folder().as_deref() == destination.parent() => {
                self.record_check_or_warn(destination, *counts);
            }
            Ok(_) => {}
            Err(_) => remove_with_sidecars(&partial),
        }
        result
    }

    /// Writes and checks the backup as `staged` in our own backup folder,
    /// then brings it to `destination` in the chosen folder as plain bytes.
    fn backup_through(&self, staged: &Path, destination: &Path) -> CoreResult<BackupCounts> {
        remove_with_sidecars(staged);
        let written = self.write_checked_backup(staged);
        let result = written.and_then(|counts| self.copy_checked(staged, destination, counts));
        remove_with_sidecars(staged);
        result
    }

    /// Copies the checked backup `staged` to `<destination>.partial`, makes
    /// it durable, checks the copy and renames it to `destination`.
    fn copy_checked(
        &self,
        staged: &Path,
        destination: &Path,
        expected: BackupCounts,
    ) -> CoreResult<BackupCounts> {
        let partial = sibling(destination, ".partial");
        // The partial file in the chosen folder is noted in our own folder,
        // so that one left by a crash is removed at the next start.
        let note = self.unfinished_note()?;
        std::fs::write(&note, partial.to_string_lossy().as_bytes())?;
        let copied = (|| -> CoreResult<BackupCounts> {
            std::fs::copy(staged, &partial)?;
            std::fs::File::open(&partial)?.sync_all()?;
            let found = self.inspect_backup(&partial)?;
            if found != expected {
                return Err(CoreError::BackupCheck("row counts differ in the copy"));
            }
            std::fs::rename(&partial, destination)?;
            Ok(found)
        })();
        if copied.is_err() {
            remove_with_sidecars(&partial);
        }
        let _ = std::fs::remove_file(&note);
        copied
    }

    /// Where a backup for `destination` is written and checked first: in
    /// our own backup folder, when `destination` lies elsewhere; `None`
    /// when it lies in our own folder or the store has no file.
    fn staging_for(&self, destination: &Path) -> CoreResult<Option<PathBuf>> {
        let Some(own) = self.own_backup_folder() else {
            return Ok(None);
        };
        if destination.parent() == Some(own.as_path()) {
            return Ok(None);
        }
        std::fs::create_dir_all(&own)?;
        let name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Ends in `.partial`, so the start-up cleaning removes it (and
        // anything beside it) if a crash leaves it behind.
        Ok(Some(own.join(format!("{name}.staged.partial"))))
    }

    /// This register's own backup folder, if it has a file.
    fn own_backup_folder(&self) -> Option<PathBuf> {
        Some(backup_folder(self.path.as_deref()?.parent()?))
    }

    /// The note naming a partial backup being written to a chosen folder.
    fn unfinished_note(&self) -> CoreResult<PathBuf> {
        let own = self.own_backup_folder().ok_or_else(|| {
            CoreError::Io(std::io::Error::other(
                "an in-memory store has no backup folder",
            ))
        })?;
        Ok(own.join(UNFINISHED_NOTE))
    }

    fn write_checked_backup(&self, partial: &Path) -> CoreResult<BackupCounts> {
        let expected = counts(&self.conn)?;
        {
            let mut target = Connection::open(partial)?;
            if let Some(key) = &self.key {
                // SQLCipher's backup copies pages as they are, so the
                // destination needs the same key.
                target.execute_batch(&key.pragma("main"))?;
            }
            // No journal while writing: a partial file is thrown away if
            // anything fails, so a rollback journal beside it would only
            // be debris.
            target.query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()))?;
            {
                let backup = Backup::new(&self.conn, &mut target)?;
                backup.run_to_completion(1024, Duration::ZERO, None)?;
            }
            // The copied header says WAL, like the register's; a backup in
            // rollback-journal mode is one self-contained file that a
            // reader never needs a `-wal` or `-shm` for.
            target.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
            target
                .close()
                .map_err(|(_, error)| CoreError::from(error))?;
        }
        std::fs::File::open(partial)?.sync_all()?;
        let found = self.inspect_backup(partial)?;
        if found != expected {
            return Err(CoreError::BackupCheck("row counts differ"));
        }
        Ok(found)
    }

    /// Replaces the database's content with the backup at `source`, after
    /// checking it and after saving the current content to `safety_copy`.
    /// The connection stays open, so the app carries on with the restored
    /// data at once; an older backup is migrated to the current schema.
    pub fn restore_from(&mut self, source: &Path, safety_copy: &Path) -> CoreResult<BackupCounts> {
        let counts = self.inspect_backup(source)?;
        // Anonymisations done since the backup was taken must not be
        // undone by it: the list survives the restore and is applied again.
        let anonymised = self.anonymised()?;
        self.backup_to(safety_copy)?;
        let source_conn = open_backup(source, self.key.as_ref())?;
        {
            let backup = Backup::new(&source_conn, &mut self.conn)?;
            backup.run_to_completion(1024, Duration::ZERO, None)?;
        }
        migrations::migrate(&mut self.conn)?;
        self.reapply_anonymisations(&anonymised, REAPPLIED_AFTER_RESTORE)?;
        Ok(counts)
    }

    /// Checks a backup file with `key` without a store: it must open, pass
    /// the quick check and be an Introspor database. Answers what it holds.
    pub fn check_backup_file(path: &Path, key: &DatabaseKey) -> CoreResult<BackupCounts> {
        checked_counts(&open_backup(path, Some(key))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: &str, hour: u32) -> NaiveDateTime {
        NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn file(taken_at: NaiveDateTime) -> BackupFile {
        BackupFile {
            path: PathBuf::from(backup_file_name(taken_at)),
            taken_at,
            size: 1,
            modified_ns: None,
        }
    }

    #[test]
    fn file_names_round_trip() {
        let moment = at("2026-11-22", 17);
        assert_eq!(
            parse_backup_file_name(&backup_file_name(moment)),
            Some(moment)
        );
        assert_eq!(parse_backup_file_name("introspor.sqlite3"), None);
    }

    #[test]
    fn retention_keeps_the_newest_five_ten_days_and_eight_weeks() {
        // Three backups a day for 120 days.
        let start = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let backups: Vec<BackupFile> = (0..120)
            .flat_map(|d| {
                let day = start + chrono::Days::new(d);
                [8, 12, 16].map(|h| file(day.and_hms_opt(h, 0, 0).unwrap()))
            })
            .collect();
        let deleted: HashSet<PathBuf> = backups_to_delete(&backups).into_iter().collect();
        let mut kept: Vec<&BackupFile> = backups
            .iter()
            .filter(|b| !deleted.contains(&b.path))
            .collect();
        kept.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
        let mut newest_first: Vec<&BackupFile> = backups.iter().collect();
        newest_first.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
        assert_eq!(
            &kept[..KEEP_NEWEST],
            &newest_first[..KEEP_NEWEST],
            "the five newest backups should be kept whatever their dates"
        );
        // Beyond the newest five: one a day, the day's last.
        let older = &kept[KEEP_NEWEST..];
        assert!(
            older
                .iter()
                .all(|b| b.taken_at.format("%H").to_string() == "16"),
            "beyond the newest five, the newest of each day should be the one kept"
        );
        let days: HashSet<_> = kept.iter().map(|b| b.taken_at.date()).collect();
        assert!(
            days.len() >= KEEP_DAILY,
            "ten days should have a backup kept, not {}",
            days.len()
        );
        let weeks: HashSet<_> = kept
            .iter()
            .map(|b| (b.taken_at.iso_week().year(), b.taken_at.iso_week().week()))
            .collect();
        assert_eq!(
            weeks.len(),
            KEEP_WEEKLY,
            "eight ISO weeks should have a backup kept"
        );
        assert!(
            kept.len() <= KEEP_NEWEST + KEEP_DAILY + KEEP_WEEKLY,
            "no more than the three rules ask should be kept, not {}",
            kept.len()
        );
    }

    #[test]
    fn a_burst_of_backups_on_one_day_keeps_the_newest_five() {
        // (backups taken on one day, how many are kept)
        let cases = [(1, 1), (3, 3), (5, 5), (6, 5), (40, 5)];
        for (taken, expected) in cases {
            let backups: Vec<BackupFile> = (0..taken)
                .map(|n| file(at("2026-11-22", 0) + chrono::Duration::minutes(n)))
                .collect();
            let deleted = backups_to_delete(&backups);
            assert_eq!(
                taken - deleted.len() as i64,
                expected,
                "{taken} backups on one day should keep {expected}"
            );
        }
    }

    #[test]
    fn only_our_debris_is_recognised() {
        // (file name in the backup folder, is debris)
        let cases = [
            ("introspor-sikkerhetskopi-2026-11-22-120000.sqlite3", false),
            (
                "introspor-sikkerhetskopi-2026-11-22-120000.sqlite3-wal",
                true,
            ),
            (
                "introspor-sikkerhetskopi-2026-11-22-120000.sqlite3-shm",
                true,
            ),
            (
                "introspor-sikkerhetskopi-2026-11-22-120000.sqlite3-journal",
                true,
            ),
            (
                "introspor-sikkerhetskopi-2026-11-22-120000.sqlite3.partial",
                true,
            ),
            (
                "introspor-sikkerhetskopi-2026-11-22-120000.sqlite3.partial-journal",
                true,
            ),
            (
                "introspor-sikkerhetskopi-2026-11-22-120000.sqlite3.partial-wal",
                true,
            ),
            ("notater.txt", false),
            ("notater.txt-wal", false),
            ("introspor.sqlite3", false),
        ];
        for (name, debris) in cases {
            assert_eq!(is_backup_debris(name), debris, "{name}");
        }
    }

    #[test]
    fn immutable_uris_escape_what_uris_reserve() {
        // (path, uri)
        let cases = [
            ("/data/b.sqlite3", "file:/data/b.sqlite3?immutable=1"),
            ("/a b/100%/x?y#z", "file:/a b/100%25/x%3fy%23z?immutable=1"),
            (
                "C:\\Users\\Åse\\b.sqlite3",
                "file:/C:/Users/Åse/b.sqlite3?immutable=1",
            ),
            (
                "\\\\srv\\deling\\b.sqlite3",
                "file:////srv/deling/b.sqlite3?immutable=1",
            ),
            ("\\\\?\\C:\\b.sqlite3", "file:/C:/b.sqlite3?immutable=1"),
            (
                "\\\\?\\UNC\\srv\\d\\b.sqlite3",
                "file:////srv/d/b.sqlite3?immutable=1",
            ),
        ];
        for (path, uri) in cases {
            assert_eq!(immutable_uri(Path::new(path)), uri, "{path}");
        }
    }

    #[test]
    fn automatic_backups_follow_changes_and_hours() {
        let now = at("2026-11-22", 17);
        // (changes since, last backup, due)
        let cases = [
            (0, None, false),
            (1, None, true),
            (10, Some(at("2026-11-22", 16)), false),
            (50, Some(at("2026-11-22", 16)), true),
            (10, Some(at("2026-11-22", 12)), true),
            (0, Some(at("2026-11-20", 12)), false),
        ];
        for (changes, last, due) in cases {
            assert_eq!(
                backup_due(changes, last, now),
                due,
                "{changes} changes, last backup {last:?}: due should be {due}"
            );
        }
    }
}
