//! The local SQLite store: one database file on the caseworker's laptop.

pub mod access_requests;
pub mod anonymisation;
pub mod archive_filings;
pub mod audit;
pub mod backup;
pub mod deadlines;
pub mod exports;
pub mod extensions;
pub mod folder_lock;
pub mod import;
pub mod interpreting;
pub mod key;
pub mod key_store;
pub mod lists;
pub mod meetings;
mod migrations;
pub mod opening;
pub(crate) mod participants;
pub mod recovery_code;
pub mod reports;
#[cfg(test)]
mod schema_choices;
pub mod teams;

pub use migrations::latest_schema_version;

use crate::error::{CoreError, CoreResult};
use chrono::NaiveDate;
use key::DatabaseKey;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Name of the database file inside the data folder.
pub const DATABASE_FILE_NAME: &str = "introspor.sqlite3";

/// The store: one open connection to the database.
///
/// The shell keeps exactly one `Store` behind a mutex; SQLite serialises
/// writers anyway, and one connection keeps the prepared-statement cache warm.
pub struct Store {
    pub(crate) conn: Connection,
    /// The key the file is encrypted with; `None` for in-memory stores.
    pub(crate) key: Option<DatabaseKey>,
    /// The database file; `None` for in-memory stores.
    pub(crate) path: Option<PathBuf>,
    /// Rows the store wrote for its own bookkeeping (what a backup held
    /// when it was checked), which are no change of the register's data
    /// and so are left out of [`Store::changes_so_far`].
    pub(crate) bookkeeping: std::sync::atomic::AtomicU64,
}

impl Store {
    /// Opens (creating if needed) the encrypted database at `path` with
    /// `key`, and migrates it to the latest schema.
    ///
    /// This is the single place a database file is opened. The key is the
    /// first statement on the connection, and the file is read right after,
    /// so a wrong key is reported as [`CoreError::WrongKey`] before anything
    /// else happens. (To open with the credential store, see
    /// [`opening::open_database`].)
    pub fn open(path: &Path, key: DatabaseKey) -> CoreResult<Self> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let conn = open_keyed(path, &key)?;
        let mut store = Self::prepare(conn, Some(key), Some(path.to_path_buf()))?;
        // A register put back from an older copy must not bring back anyone
        // anonymised since.
        store.reapply_ledger()?;
        Ok(store)
    }

    /// Opens a private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> CoreResult<Self> {
        Self::prepare(Connection::open_in_memory()?, None, None)
    }

    /// The database file, if the store has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The recovery code for this database's key, if it is encrypted.
    pub fn recovery_code(&self) -> Option<String> {
        self.key.as_ref().map(recovery_code::encode)
    }

    fn prepare(
        mut conn: Connection,
        key: Option<DatabaseKey>,
        path: Option<PathBuf>,
    ) -> CoreResult<Self> {
        // WAL lets readers proceed during a write and survives a crash
        // mid-write; FULL synchronous makes a committed change durable even
        // on power loss, which matters more here than write speed.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        apply_cache(&conn)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(64);
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn,
            key,
            path,
            bookkeeping: Default::default(),
        })
    }

    /// Closes the database cleanly: the write-ahead log is checkpointed into
    /// the file and the connection closed, so the `-wal` and `-shm` files
    /// are gone and the register file alone holds everything. A register
    /// copied to another machine (or whose `-wal` is lost later) is then
    /// complete.
    pub fn close(self) -> CoreResult<()> {
        if self.path.is_some() {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        self.conn
            .close()
            .map_err(|(_, error)| CoreError::from(error))
    }

    /// The schema version of the open database (SQLite's `user_version`).
    pub fn schema_version(&self) -> CoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// The register's first day: the day it was first started, or, for a
    /// register older than schema version 7, the day of the earliest record
    /// it held then (migration 0007). `None` until the shell has recorded
    /// it ([`Store::note_register_first_day`]).
    ///
    /// Duties that recur by period are owed only from the period that holds
    /// this day (see `domain::organisation_cycle`).
    pub fn register_first_day(&self) -> CoreResult<Option<NaiveDate>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'register_created_on'")?
            .query_row([], |row| row.get("value"))
            .optional()?)
    }

    /// Records `today` as the register's first day unless one is recorded
    /// already, and answers the one in force. The shell calls it each time
    /// it opens the register, with the local date (the core reads no
    /// clock), so a new register's first day is the day it was started and
    /// an existing one keeps its own.
    pub fn note_register_first_day(&mut self, today: NaiveDate) -> CoreResult<NaiveDate> {
        self.conn
            .prepare_cached(
                "INSERT INTO store_meta (key, value) VALUES ('register_created_on', ?1) \
                 ON CONFLICT (key) DO NOTHING",
            )?
            .execute([today])?;
        Ok(self.register_first_day()?.unwrap_or(today))
    }

    /// Caps the database at `pages` pages (of 4 kB). Writes beyond fail as
    /// on a full disk; tests use it to prove a full disk loses nothing.
    pub fn set_max_pages(&self, pages: u32) -> CoreResult<()> {
        let _: i64 =
            self.conn
                .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |row| {
                    row.get(0)
                })?;
        Ok(())
    }

    /// Runs SQLite's quick integrity check; `true` when the file is sound.
    pub fn integrity_ok(&self) -> CoreResult<bool> {
        backup::integrity_ok(&self.conn)
    }

    /// Every row of every table (SQLite's own `sqlite_sequence` included),
    /// tables by name and rows by `rowid`, with the schema version: a
    /// fingerprint of the whole database as text.
    ///
    /// For tests only: they compare it before and after a refused command to
    /// prove that nothing was written. It reads, never writes; the app does
    /// not call it. It holds personal data, so it must never be logged.
    #[doc(hidden)]
    pub fn dump_for_tests(&self) -> CoreResult<String> {
        use std::fmt::Write;
        let mut out = format!("user_version {}\n", self.schema_version()?);
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |row| row.get("name"))?
            .collect::<Result<_, _>>()?;
        for table in tables {
            let _ = writeln!(out, "table {table}");
            let quoted = table.replace('"', "\"\"");
            let mut statement = self
                .conn
                .prepare(&format!("SELECT * FROM \"{quoted}\" ORDER BY rowid"))?;
            let columns = statement.column_count();
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                for column in 0..columns {
                    let value: rusqlite::types::Value = row.get(column)?;
                    let _ = write!(out, "{value:?}\t");
                }
                out.push('\n');
            }
        }
        Ok(out)
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

#[cfg(feature = "bench-floors")]
impl Store {
    /// A second connection to this store's encrypted file, opened exactly
    /// as the store's own (the key first, then the same pragmas), for the
    /// benchmarks' hand-written SQL floors.
    pub fn floor_connection(&self) -> CoreResult<Connection> {
        let (Some(path), Some(key)) = (&self.path, &self.key) else {
            return Err(CoreError::Io(std::io::Error::other(
                "an in-memory store has no file",
            )));
        };
        let conn = open_keyed(path, key)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        apply_cache(&conn)?;
        Ok(conn)
    }

    /// Writes an unencrypted copy of this store to `target` (SQLCipher's
    /// `sqlcipher_export`), so a benchmark can print the price of
    /// encryption. Only for generated benchmark registers: a real register
    /// never leaves its encryption.
    pub fn write_plaintext_copy(&self, target: &Path) -> CoreResult<()> {
        let target = target.to_string_lossy().replace('\'', "''");
        self.conn
            .execute_batch(&format!("ATTACH DATABASE '{target}' AS plaintext KEY ''"))?;
        let exported = self
            .conn
            .query_row("SELECT sqlcipher_export('plaintext')", [], |_| Ok(()));
        self.conn.execute_batch("DETACH DATABASE plaintext")?;
        Ok(exported?)
    }
}

/// A stored choice of a closed set, or `None` when NULL; an identifier this
/// version does not know fails the read rather than being guessed.
pub(crate) fn stored_choice<T>(
    row: &rusqlite::Row<'_>,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| {
        parse(&t).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown {column} {t:?}").into(),
            )
        })
    })
    .transpose()
}

/// A stored choice of a closed set in a column that is never NULL.
pub(crate) fn required_stored_choice<T>(
    row: &rusqlite::Row<'_>,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    stored_choice(row, column, parse)?.ok_or(rusqlite::Error::InvalidColumnType(
        0,
        column.to_string(),
        rusqlite::types::Type::Null,
    ))
}

/// A message (a deadline's reason, a warning) is stored as its stored form:
/// JSON text of its key and typed arguments
/// ([`crate::language::Message::to_stored`]), never
/// as a sentence in one language, so the window and the exports can render
/// it in theirs.
impl rusqlite::types::ToSql for crate::language::Message {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Owned(
            rusqlite::types::Value::Text(self.to_stored()),
        ))
    }
}

/// Reads a stored message back. Text that is not a stored message fails
/// the read rather than being shown as it is: the store writes nothing
/// else, and migration 0011 replaced what older versions wrote.
impl rusqlite::types::FromSql for crate::language::Message {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        crate::language::Message::from_stored(text)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

/// The page cache, in KiB: SQLCipher decrypts a page each time it is read
/// from the file, so pages kept in the cache are read at the speed of an
/// unencrypted database. A hundredfold register's working set fits; a real
/// service's whole register (about 1 MB) fits many times over, and the
/// cache only grows as far as pages are read.
pub const PAGE_CACHE_KIB: i64 = 32 * 1024;

/// Sizes the page cache (see [`PAGE_CACHE_KIB`]).
fn apply_cache(conn: &Connection) -> CoreResult<()> {
    // A negative cache_size is in KiB rather than pages.
    conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
    Ok(())
}

/// Opens a connection to an encrypted file and checks that the key opens it.
pub(crate) fn open_keyed(path: &Path, key: &DatabaseKey) -> CoreResult<Connection> {
    apply_key(Connection::open(path)?, key)
}

/// Applies `key` as the first statement on `conn` and reads the file, so a
/// wrong key shows at once as [`CoreError::WrongKey`].
pub(crate) fn apply_key(conn: Connection, key: &DatabaseKey) -> CoreResult<Connection> {
    conn.execute_batch(&key.pragma("main"))?;
    match conn.query_row("SELECT count(*) AS count FROM sqlite_master", [], |row| {
        row.get::<_, i64>("count")
    }) {
        Ok(_) => Ok(conn),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(CoreError::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

/// A database file's own name (`""`) and the suffixes of the files SQLite
/// keeps beside it; a file moved or removed is moved or removed with these.
pub(crate) const WITH_SIDECARS: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// `path` with `suffix` appended to its file name (`x.sqlite3` →
/// `x.sqlite3.partial`), for files written beside the database.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A refusal of one field, for checks the store makes itself.
pub(crate) fn invalid(
    field: &'static str,
    code: &'static str,
    message: crate::language::Message,
) -> CoreError {
    CoreError::Validation(crate::error::ValidationErrors(vec![
        crate::error::FieldError::new(field, code, message),
    ]))
}

/// Maps a failed schema check to the core error.
pub(crate) fn schema_too_new(found: i64) -> CoreError {
    CoreError::SchemaTooNew {
        found,
        supported: latest_schema_version(),
    }
}
