//! Backups: SQLite's online backup into a file encrypted with the same key,
//! checked after writing; keeping the last 10 daily and 8 weekly; restoring.

use crate::error::{CoreError, CoreResult};
use crate::store::key::DatabaseKey;
use crate::store::{apply_key, migrations, open_keyed, sibling, Store};
use chrono::{Datelike, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
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
}

/// Automatic backups: after this many changed rows…
pub const BACKUP_EVERY_CHANGES: u64 = 50;
/// …or this many hours with changes, whichever comes first.
pub const BACKUP_EVERY_HOURS: i64 = 4;
/// Daily backups kept (the newest of each day).
pub const KEEP_DAILY: usize = 10;
/// Weekly backups kept (the newest of each ISO week).
pub const KEEP_WEEKLY: usize = 8;

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
            found.push(BackupFile {
                path: entry.path(),
                taken_at,
                size: entry.metadata()?.len(),
            });
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(found)
}

/// Which backups to delete: all but the newest of each of the last
/// [`KEEP_DAILY`] days and of each of the last [`KEEP_WEEKLY`] ISO weeks
/// that have backups. `backups` may come in any order.
pub fn backups_to_delete(backups: &[BackupFile]) -> Vec<PathBuf> {
    let mut newest_first: Vec<&BackupFile> = backups.iter().collect();
    newest_first.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    let mut keep: HashSet<&Path> = HashSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
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
        Ok(
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })?,
        )
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
fn integrity_ok(conn: &Connection) -> CoreResult<bool> {
    let result: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    Ok(result == "ok")
}

fn open_backup(path: &Path, key: Option<&DatabaseKey>) -> CoreResult<Connection> {
    // Read-only, so looking at a backup never changes it.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    match key {
        Some(key) => apply_key(conn, key),
        None => Ok(conn),
    }
}

impl Store {
    /// Rows changed through this connection since it was opened; the
    /// automatic backup compares it with the figure at the last backup.
    pub fn changes_so_far(&self) -> u64 {
        self.conn.total_changes()
    }

    /// What the open database holds.
    pub fn row_counts(&self) -> CoreResult<BackupCounts> {
        counts(&self.conn)
    }

    /// What a backup file holds, after checking that it opens with this
    /// database's key and passes SQLite's integrity check.
    pub fn inspect_backup(&self, path: &Path) -> CoreResult<BackupCounts> {
        let conn = open_backup(path, self.key.as_ref())?;
        if !integrity_ok(&conn)? {
            return Err(CoreError::BackupCheck("integrity check failed"));
        }
        let has_schema: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'participant'",
            [],
            |row| row.get(0),
        )?;
        if !has_schema {
            return Err(CoreError::BackupCheck("not an Introspor database"));
        }
        counts(&conn)
    }

    /// Writes a backup of the whole database to `destination`, encrypted
    /// with the same key, and checks it: it must open with the key, pass the
    /// integrity check and hold the same row counts. Only a checked backup
    /// gets its final name; a failed one is removed and reported.
    pub fn backup_to(&self, destination: &Path) -> CoreResult<BackupCounts> {
        if let Some(folder) = destination.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let partial = sibling(destination, ".partial");
        let _ = std::fs::remove_file(&partial);
        let result = self.write_checked_backup(&partial);
        match result {
            Ok(counts) => {
                std::fs::rename(&partial, destination)?;
                Ok(counts)
            }
            Err(error) => {
                let _ = std::fs::remove_file(&partial);
                Err(error)
            }
        }
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
            let backup = Backup::new(&self.conn, &mut target)?;
            backup.run_to_completion(1024, Duration::ZERO, None)?;
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
        self.backup_to(safety_copy)?;
        let source_conn = open_backup(source, self.key.as_ref())?;
        {
            let backup = Backup::new(&source_conn, &mut self.conn)?;
            backup.run_to_completion(1024, Duration::ZERO, None)?;
        }
        migrations::migrate(&mut self.conn)?;
        Ok(counts)
    }

    /// Opens `path` with this store's key and reports whether it passes the
    /// quick check; used on start to decide whether to offer a backup.
    pub fn quick_check_file(path: &Path, key: &DatabaseKey) -> CoreResult<bool> {
        let conn = open_keyed(path, key)?;
        let result: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        Ok(result == "ok")
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
    fn retention_keeps_ten_days_and_eight_weeks() {
        // Three backups a day for 120 days.
        let start = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let backups: Vec<BackupFile> = (0..120)
            .flat_map(|d| {
                let day = start + chrono::Days::new(d);
                [8, 12, 16].map(|h| file(day.and_hms_opt(h, 0, 0).unwrap()))
            })
            .collect();
        let deleted: HashSet<PathBuf> = backups_to_delete(&backups).into_iter().collect();
        let kept: Vec<&BackupFile> = backups
            .iter()
            .filter(|b| !deleted.contains(&b.path))
            .collect();
        let newest = backups.iter().map(|b| b.taken_at).max().unwrap();
        assert!(
            kept.iter().any(|b| b.taken_at == newest),
            "the newest backup should always be kept"
        );
        let days: HashSet<_> = kept.iter().map(|b| b.taken_at.date()).collect();
        assert!(
            kept.len() <= KEEP_DAILY + KEEP_WEEKLY && kept.len() >= KEEP_DAILY,
            "between 10 and 18 backups should be kept, not {}",
            kept.len()
        );
        assert_eq!(
            days.len(),
            kept.len(),
            "at most one backup per day should be kept"
        );
        assert!(
            kept.iter()
                .all(|b| b.taken_at.format("%H").to_string() == "16"),
            "the newest of each day should be the one kept"
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
        let oldest_kept = kept.iter().map(|b| b.taken_at).min().unwrap();
        assert!(
            (newest - oldest_kept).num_days() >= 6 * 7,
            "weekly backups should reach back into the eighth week"
        );
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
