//! Forward-only schema migrations.
//!
//! Each migration is an SQL file in `core/migrations/`, applied in order.
//! The database's `user_version` records how many have been applied. All
//! pending migrations run in one transaction, so a failure leaves the file at
//! the version it had.
//!
//! A migration that must compute a value the application computes (a
//! search key, say) calls the application's own Rust function, lent to the
//! connection as an SQL function for the length of the migration only
//! ([`MigrationFunctions`]). That keeps each migration one SQL file that
//! says what it does, instead of splitting it between SQL and a Rust step
//! in the runner, and it cannot drift from what the app writes, because it
//! is the same function. The functions are removed again afterwards, so no
//! view, trigger or index can come to depend on them: a schema that needed
//! them would not open in another SQLite tool.

use crate::error::{CoreError, CoreResult};
use crate::store::schema_too_new;
use rusqlite::Connection;

/// The migrations, in order. Never edit or reorder one that has shipped;
/// add a new file instead.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_participants.sql"),
    include_str!("../../migrations/0002_deadlines.sql"),
    include_str!("../../migrations/0003_teams_meetings.sql"),
    include_str!("../../migrations/0004_audit.sql"),
    include_str!("../../migrations/0005_legal_model_v2.sql"),
    include_str!("../../migrations/0006_interpreters.sql"),
    include_str!("../../migrations/0007_search_and_first_day.sql"),
    include_str!("../../migrations/0008_minutes_versions.sql"),
    include_str!("../../migrations/0009_contact_search.sql"),
    include_str!("../../migrations/0010_calendar_entries.sql"),
    include_str!("../../migrations/0011_reasons_as_codes.sql"),
    include_str!("../../migrations/0012_backup_checks.sql"),
    include_str!("../../migrations/0013_overview_indexes.sql"),
    include_str!("../../migrations/0014_own_copies.sql"),
    include_str!("../../migrations/0015_privacy.sql"),
    include_str!("../../migrations/0016_access_requests.sql"),
];

/// The schema version a fully migrated database has.
pub fn latest_schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every migration the database has not seen yet.
pub(crate) fn migrate(conn: &mut Connection) -> CoreResult<()> {
    migrate_with(conn, MIGRATIONS)
}

/// Applies the migrations in `migrations` that the database has not seen
/// yet, in one transaction that can never cascade-delete or unlink a row.
///
/// Foreign keys are switched off for the transaction: a table rebuild (the
/// only way SQLite changes a CHECK list or a column's type) drops the old
/// table, and with foreign keys on that drop would delete or unlink every
/// row that refers to it. `PRAGMA foreign_keys` cannot change inside a
/// transaction, so it is switched before and after. Before the commit,
/// `PRAGMA foreign_key_check` must find nothing; a migration that leaves a
/// row pointing at nothing is rolled back whole and refused.
pub(crate) fn migrate_with(conn: &mut Connection, migrations: &[&str]) -> CoreResult<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let latest = migrations.len() as i64;
    if current > latest {
        return Err(schema_too_new(current));
    }
    if current == latest {
        return Ok(());
    }
    let foreign_keys_were_on: bool = conn.query_row("PRAGMA foreign_keys", [], |row| row.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let lent = MigrationFunctions::lend(conn);
    let result = lent.and_then(|()| apply(conn, migrations, current));
    MigrationFunctions::take_back(conn)?;
    if foreign_keys_were_on {
        conn.pragma_update(None, "foreign_keys", "ON")?;
    }
    result
}

/// The application's functions that migrations may call from SQL, each
/// taking text and giving text.
struct MigrationFunctions;

/// A function lent to the migrations: its SQL name, its number of
/// arguments, and the Rust function over their text.
type LentFunction = (&'static str, i32, fn(&[String]) -> String);

impl MigrationFunctions {
    const ALL: &'static [LentFunction] = &[
        (
            // Migration 0007: the participant list's search column.
            "participant_search_text",
            3,
            |args| crate::domain::search_key::participant_search_text(&args[0], &args[1], &args[2]),
        ),
        (
            // Migration 0009: the contact list's search column.
            "contact_search_text",
            3,
            |args| crate::domain::search_key::contact_search_text(&args[0], &args[1], &args[2]),
        ),
    ];

    /// Registers every function on `conn`. A NULL argument is read as empty
    /// text, as the application stores an absent text.
    fn lend(conn: &Connection) -> CoreResult<()> {
        use rusqlite::functions::FunctionFlags;
        for &(name, arguments, function) in Self::ALL {
            conn.create_scalar_function(
                name,
                arguments,
                FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
                move |context| {
                    let texts = (0..context.len())
                        .map(|i| {
                            context
                                .get::<Option<String>>(i)
                                .map(Option::unwrap_or_default)
                        })
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    Ok(function(&texts))
                },
            )?;
        }
        Ok(())
    }

    /// Removes every function again (SQLite takes removing one that was
    /// never registered as done).
    fn take_back(conn: &Connection) -> CoreResult<()> {
        for &(name, arguments, _) in Self::ALL {
            conn.remove_function(name, arguments)?;
        }
        Ok(())
    }
}

fn apply(conn: &mut Connection, migrations: &[&str], current: i64) -> CoreResult<()> {
    let tx = conn.transaction()?;
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        tracing::info!(version = index + 1, "applying migration");
        tx.execute_batch(sql)?;
    }
    let violations = tx
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |_| Ok(()))?
        .count();
    if violations > 0 {
        // Dropping the transaction rolls every migration back.
        return Err(CoreError::MigrationBroken {
            version: migrations.len() as i64,
            violations,
        });
    }
    // user_version cannot take a bound parameter; the value is our own integer.
    tx.execute_batch(&format!("PRAGMA user_version = {}", migrations.len()))?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    const PARENT_CHILD: &str = "CREATE TABLE parent (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a', 'b'))); \
         CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE, \
         other_id INTEGER REFERENCES parent (id) ON DELETE SET NULL);";

    fn populated() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate_with(&mut conn, &[PARENT_CHILD]).unwrap();
        conn.execute_batch(
            "INSERT INTO parent VALUES (1, 'a'), (2, 'b'); \
             INSERT INTO child VALUES (10, 1, 2), (11, 2, 1), (12, 2, NULL);",
        )
        .unwrap();
        conn
    }

    fn rows(conn: &Connection, sql: &str) -> Vec<String> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |row| {
                Ok(format!(
                    "{:?} {:?} {:?}",
                    row.get::<_, rusqlite::types::Value>(0)?,
                    row.get::<_, rusqlite::types::Value>(1)?,
                    row.get::<_, rusqlite::types::Value>(2)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_table_rebuild_cascade_deletes_and_unlinks_nothing() {
        let mut conn = populated();
        let children = rows(
            &conn,
            "SELECT id, parent_id, other_id FROM child ORDER BY id",
        );
        // A new CHECK value needs the parent table rebuilt, as SQLite
        // documents: create the new table, copy, drop the old, rename.
        let rebuild = "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a', 'b', 'c'))); \
             INSERT INTO parent_new SELECT id, kind FROM parent; \
             DROP TABLE parent; \
             ALTER TABLE parent_new RENAME TO parent;";
        migrate_with(&mut conn, &[PARENT_CHILD, rebuild]).unwrap();
        assert_eq!(
            rows(
                &conn,
                "SELECT id, parent_id, other_id FROM child ORDER BY id"
            ),
            children,
            "no child row should be deleted or unlinked by the rebuild"
        );
        let on: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(on, "foreign keys should be on again after the migration");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 2);
    }

    #[test]
    fn a_migration_that_leaves_a_row_pointing_at_nothing_is_refused_whole() {
        let mut conn = populated();
        let before = rows(
            &conn,
            "SELECT id, parent_id, other_id FROM child ORDER BY id",
        );
        // (what the migration does, why it must be refused)
        let cases = [
            ("DELETE FROM parent WHERE id = 2;", "a deleted parent"),
            (
                "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, kind TEXT NOT NULL); \
                 INSERT INTO parent_new SELECT id, kind FROM parent WHERE id = 1; \
                 DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;",
                "a rebuild that drops a row",
            ),
            (
                "ALTER TABLE child ADD COLUMN third_id INTEGER REFERENCES parent (id); \
                 UPDATE child SET third_id = 99;",
                "a new column pointing at nothing",
            ),
        ];
        for (sql, what) in cases {
            let error = migrate_with(&mut conn, &[PARENT_CHILD, sql]).unwrap_err();
            assert!(
                matches!(error, CoreError::MigrationBroken { version: 2, .. }),
                "{what}: should be refused as a broken migration, not {error:?}"
            );
            assert_eq!(error.code(), "migration_failed");
            assert_eq!(
                rows(
                    &conn,
                    "SELECT id, parent_id, other_id FROM child ORDER BY id"
                ),
                before,
                "{what}: the rows should be as they were"
            );
            let version: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(version, 1, "{what}: the schema should stay at its version");
            let parents: i64 = conn
                .query_row("SELECT count(*) FROM parent", [], |r| r.get(0))
                .unwrap();
            assert_eq!(parents, 2, "{what}: no parent should be gone");
        }
    }

    /// Every table's rows, as text, for the columns `columns` lists.
    fn table_rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<String> {
        let list = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut statement = conn
            .prepare(&format!("SELECT {list} FROM \"{table}\" ORDER BY rowid"))
            .unwrap();
        let count = statement.column_count();
        statement
            .query_map([], |row| {
                (0..count)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|values| values.join("\t"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn columns(conn: &Connection, schema: &str, table: &str) -> Vec<String> {
        conn.prepare(&format!("PRAGMA {schema}.table_info(\"{table}\")"))
            .unwrap()
            .query_map([], |row| row.get::<_, String>(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn tables(conn: &Connection) -> Vec<String> {
        conn.prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    /// Each table's columns and its rows as text, by table name.
    type TableRows = BTreeMap<String, (Vec<String>, Vec<String>)>;

    /// Columns a migration rewrites on purpose, as (table, column), left
    /// out of the rows [`filled_at_version`] records: migration 0011
    /// replaces the derived reason and warning texts with a code that they
    /// are being worked out again (tested on its own below). Every other
    /// column of those rows must stay as it was.
    const REWRITTEN: &[(&str, &str)] =
        &[("deadline", "reason"), ("participant_warning", "message")];

    /// The demo register, written to a file in `dir`, for filling older
    /// databases from.
    fn demo_register(dir: &std::path::Path) -> std::path::PathBuf {
        let full_path = dir.join("full.sqlite3");
        let mut full = crate::Store::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        crate::demo::seed_demo(&mut full, today).unwrap();
        full.backup_to(&full_path).unwrap();
        full_path
    }

    /// A database at schema `version`, filled from the demo register at
    /// `full_path` as the app at that version could have filled it (every
    /// table, as far as its columns then existed), with every table's
    /// columns and rows as they were before any later migration (but for
    /// the columns in [`REWRITTEN`]).
    fn filled_at_version(full_path: &std::path::Path, version: usize) -> (Connection, TableRows) {
        let mut old = Connection::open_in_memory().unwrap();
        old.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate_with(&mut old, &MIGRATIONS[..version]).unwrap();
        old.execute(
            "ATTACH DATABASE ?1 AS full",
            [full_path.to_string_lossy().as_ref()],
        )
        .unwrap();
        // A CHECK list that later grew is not what these tests are about.
        old.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
            .unwrap();
        let mut before = TableRows::new();
        for table in tables(&old) {
            let theirs = columns(&old, "full", &table);
            let shared: Vec<String> = columns(&old, "main", &table)
                .into_iter()
                .filter(|c| theirs.contains(c))
                .collect();
            if !shared.is_empty() {
                let list = shared
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                old.execute_batch(&format!(
                    "INSERT INTO main.\"{table}\" ({list}) SELECT {list} FROM full.\"{table}\""
                ))
                .unwrap();
            }
            let kept: Vec<String> = columns(&old, "main", &table)
                .into_iter()
                .filter(|c| !REWRITTEN.contains(&(table.as_str(), c.as_str())))
                .collect();
            before.insert(
                table.clone(),
                (kept.clone(), table_rows(&old, &table, &kept)),
            );
        }
        old.execute_batch(
            "PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON; DETACH DATABASE full;",
        )
        .unwrap();
        (old, before)
    }

    /// A database at every earlier schema version, filled with the demo
    /// register (every table, as far as its columns then existed), keeps
    /// every row and every value when migrated to the newest version. A new
    /// migration is covered as soon as it is added.
    #[test]
    fn a_populated_database_at_every_earlier_version_keeps_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let full_path = demo_register(dir.path());
        for version in 1..MIGRATIONS.len() {
            let (mut old, before) = filled_at_version(&full_path, version);
            let filled = before.values().filter(|(_, rows)| !rows.is_empty()).count();
            assert!(
                filled >= before.len() / 2,
                "version {version}: the demo should fill most tables ({filled} of {})",
                before.len()
            );

            migrate(&mut old).unwrap();
            for (table, (columns, rows)) in &before {
                let mut after = table_rows(&old, table, columns);
                let mut rows = rows.clone();
                if table == "store_meta" {
                    // Migration 0007 adds the register's first day (tested
                    // on its own below); every row that was there stays.
                    after.retain(|row| !row.starts_with(FIRST_DAY_ROW));
                    // Migration 0016 adds the register's identity (tested
                    // on its own below), which the demo's copy already has.
                    after.retain(|row| !row.starts_with(REGISTER_ID_ROW));
                    rows.retain(|row| !row.starts_with(REGISTER_ID_ROW));
                }
                assert_eq!(
                    after, rows,
                    "version {version}: table {table} should keep every row and value"
                );
            }
        }
    }

    /// Migration 0016 gives a register with a trail its first entry's hash
    /// as identity (so a backup taken before it gets the same one when
    /// migrated), and an empty register a random one.
    #[test]
    fn migration_0016_names_a_register_by_its_first_trail_entry() {
        let dir = tempfile::tempdir().unwrap();
        let full_path = demo_register(dir.path());
        let (mut old, _) = filled_at_version(&full_path, 15);
        old.execute("DELETE FROM store_meta WHERE key = 'register_id'", [])
            .unwrap();
        migrate(&mut old).unwrap();
        let first: String = old
            .query_row(
                "SELECT hash FROM audit_event ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let id = |conn: &Connection| -> String {
            conn.query_row(
                "SELECT value FROM store_meta WHERE key = 'register_id'",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(id(&old), first);
        let mut empty = Connection::open_in_memory().unwrap();
        let mut other = Connection::open_in_memory().unwrap();
        migrate(&mut empty).unwrap();
        migrate(&mut other).unwrap();
        assert_eq!(id(&empty).len(), 32);
        assert_ne!(
            id(&empty),
            id(&other),
            "two new registers are two registers"
        );
    }

    /// How `table_rows` shows the start of the row migration 0007 adds to
    /// `store_meta`.
    const FIRST_DAY_ROW: &str = "Text(\"register_created_on\")";

    /// How `table_rows` shows the start of the row migration 0016 adds to
    /// `store_meta`.
    const REGISTER_ID_ROW: &str = "Text(\"register_id\")";

    /// The register's first day as `store_meta` holds it, if at all.
    fn first_day(conn: &Connection) -> Option<String> {
        use rusqlite::OptionalExtension;
        conn.query_row(
            "SELECT value FROM store_meta WHERE key = 'register_created_on'",
            [],
            |row| row.get("value"),
        )
        .optional()
        .unwrap()
    }

    /// Migration 0007 gives an existing register its first day: the day of
    /// the earliest record it holds, read from every table that records
    /// when a row was written; an empty register gets none (the shell
    /// records the day it is next opened).
    #[test]
    fn migration_0007_dates_an_existing_register_from_its_earliest_record() {
        let dir = tempfile::tempdir().unwrap();
        let full_path = demo_register(dir.path());
        // (the table and column that hold the earliest record, what it is)
        let cases = [
            ("participant", "created_at", "the first participant"),
            ("meeting", "created_at", "the first meeting"),
            ("task", "created_at", "the first task"),
            ("sharing_log", "exported_at", "the first minutes export"),
        ];
        for (table, column, what) in cases {
            let (mut old, before) = filled_at_version(&full_path, 6);
            assert!(
                !before[table].1.is_empty(),
                "{what}: the demo should fill {table}"
            );
            old.execute(
                &format!(
                    "UPDATE {table} SET {column} = '2024-03-05T23:30:00Z' \
                     WHERE rowid = (SELECT min(rowid) FROM {table})"
                ),
                [],
            )
            .unwrap();
            migrate(&mut old).unwrap();
            assert_eq!(
                first_day(&old).as_deref(),
                Some("2024-03-05"),
                "{what}: the register's first day should be the day of its earliest record"
            );
        }

        // Without an earlier record, the first audit entry dates it.
        let (mut old, _) = filled_at_version(&full_path, 6);
        let earliest: String = old
            .query_row(
                "SELECT substr(min(day), 1, 10) AS day FROM (\
                 SELECT created_at AS day FROM participant UNION ALL \
                 SELECT created_at FROM meeting UNION ALL SELECT created_at FROM task UNION ALL \
                 SELECT at FROM audit_event UNION ALL SELECT exported_at FROM sharing_log)",
                [],
                |row| row.get("day"),
            )
            .unwrap();
        migrate(&mut old).unwrap();
        assert_eq!(first_day(&old), Some(earliest));

        let mut empty = Connection::open_in_memory().unwrap();
        migrate_with(&mut empty, &MIGRATIONS[..6]).unwrap();
        migrate(&mut empty).unwrap();
        assert_eq!(
            first_day(&empty),
            None,
            "an empty register has no record to date it by"
        );
    }

    /// Migration 0007 recomputes every participant's search column with
    /// the fold the app now writes, from names stored in either spelling,
    /// and leaves no SQL function behind.
    #[test]
    fn migration_0007_folds_every_stored_search_text() {
        use crate::domain::search_key::participant_search_text;
        let dir = tempfile::tempdir().unwrap();
        let full_path = demo_register(dir.path());
        let (mut old, before) = filled_at_version(&full_path, 6);
        assert!(
            !before["participant"].1.is_empty(),
            "the demo should have participants"
        );
        // The column as version 6 wrote it: only lower-cased. Rust's
        // lower-casing, because SQLite's lower() leaves Æ, Ø and Å alone.
        let stored: Vec<(i64, String)> = old
            .prepare("SELECT id, given_name || ' ' || family_name || ' ' || COALESCE(identity_number, '') AS text FROM participant")
            .unwrap()
            .query_map([], |row| Ok((row.get("id")?, row.get("text")?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (id, text) in &stored {
            old.execute(
                "UPDATE participant SET search_text = ?1 WHERE id = ?2",
                rusqlite::params![text.to_lowercase(), id],
            )
            .unwrap();
        }
        // Two names as a caseworker could have stored them before: one
        // decomposed (pasted from a PDF), one with the Norwegian letters.
        for (given, family) in [("Thi Lan", "Nguye\u{0302}\u{0303}n"), ("Kåre", "Ødegård")] {
            let old_key = format!("{given} {family} ").to_lowercase();
            old.execute(
                "INSERT INTO participant (given_name, family_name, search_text) VALUES (?1, ?2, ?3)",
                rusqlite::params![given, family, old_key],
            )
            .unwrap();
        }

        migrate(&mut old).unwrap();

        let rows: Vec<(String, String, Option<String>, String)> = old
            .prepare("SELECT given_name, family_name, identity_number, search_text FROM participant ORDER BY id")
            .unwrap()
            .query_map([], |row| {
                Ok((
                    row.get("given_name")?,
                    row.get("family_name")?,
                    row.get("identity_number")?,
                    row.get("search_text")?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows.len(),
            stored.len() + 2,
            "no participant gained or lost"
        );
        for (given, family, number, search_text) in &rows {
            assert_eq!(
                search_text,
                &participant_search_text(given, family, number.as_deref().unwrap_or("")),
                "the search text of a participant should be the app's fold"
            );
        }
        let keys: Vec<&str> = rows[rows.len() - 2..]
            .iter()
            .map(|row| row.3.as_str())
            .collect();
        assert_eq!(keys, ["thi lan nguyen ", "kare odegard "]);
        assert!(
            old.query_row("SELECT participant_search_text('a', 'b', '')", [], |_| Ok(
                ()
            ))
            .is_err(),
            "the migration's SQL function should be gone after it"
        );
    }

    /// Migration 0011 replaces every stored reason and warning text (the
    /// Bokmål sentences older versions wrote) with a code saying it is
    /// being worked out again, keeps every row and everything the
    /// caseworker recorded, and makes the next opening recompute; the
    /// recompute then writes each deadline's reason into its own row, so
    /// every deadline keeps its id.
    #[test]
    fn migration_0011_replaces_stored_sentences_and_the_recompute_keeps_every_row() {
        use crate::language::{Language, Message};
        use crate::reasons;
        let dir = tempfile::tempdir().unwrap();
        let full_path = demo_register(dir.path());
        let (mut old, before) = filled_at_version(&full_path, 10);
        for table in [
            "deadline",
            "participant_warning",
            "task",
            "registrable_event",
        ] {
            assert!(!before[table].1.is_empty(), "the demo should fill {table}");
        }
        // What version 10 stored: sentences, not codes.
        old.execute_batch(
            "UPDATE deadline SET reason = '3 måneder etter bosetting 10.03.2025.'; \
             UPDATE participant_warning SET message = 'Planen har 36 måneder, men rammen for deltakere uten videregående opplæring er 24 måneder.'; \
             INSERT INTO store_meta (key, value) VALUES ('deadlines_computed_on', '2026-11-22') \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
        )
        .unwrap();
        let ids = |conn: &Connection, table: &str| -> Vec<i64> {
            conn.prepare(&format!("SELECT id FROM {table} ORDER BY id"))
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let deadline_ids = ids(&old, "deadline");
        let warning_count = ids(&old, "participant_warning").len();
        // What the caseworker recorded, which the migration must not touch.
        let recorded = [
            (
                "task",
                "SELECT id, title, due, note, done_on, participant_id FROM task ORDER BY id",
            ),
            (
                "registrable_event",
                "SELECT id, kind, occurred, registered, note FROM registrable_event ORDER BY id",
            ),
            (
                "participant",
                "SELECT id, notes, programme_start_date, plan_date, nav_handover_date \
                 FROM participant ORDER BY id",
            ),
        ];
        let recorded_rows: Vec<Vec<String>> = recorded
            .iter()
            .map(|(_, sql)| full_rows(&old, sql))
            .collect();

        migrate(&mut old).unwrap();

        let texts = |conn: &Connection, sql: &str| -> Vec<String> {
            conn.prepare(sql)
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        for text in texts(&old, "SELECT reason FROM deadline") {
            assert_eq!(
                Message::from_stored(&text).unwrap(),
                reasons::deadline::PENDING,
                "every stored reason should be the pending code"
            );
        }
        for text in texts(&old, "SELECT message FROM participant_warning") {
            assert_eq!(
                Message::from_stored(&text).unwrap(),
                reasons::warning::PENDING
            );
        }
        assert_eq!(
            ids(&old, "deadline"),
            deadline_ids,
            "no deadline row is lost"
        );
        assert_eq!(ids(&old, "participant_warning").len(), warning_count);
        let computed_on: i64 = old
            .query_row(
                "SELECT count(*) FROM store_meta WHERE key = 'deadlines_computed_on'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(computed_on, 0, "the next opening should recompute");
        for ((table, sql), rows) in recorded.iter().zip(&recorded_rows) {
            assert_eq!(
                &full_rows(&old, sql),
                rows,
                "{table}: what the caseworker recorded stays"
            );
        }

        // The opening's recompute, on the day the demo was computed.
        let mut store = crate::Store {
            conn: old,
            key: None,
            path: None,
            bookkeeping: Default::default(),
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert!(store.refresh_deadlines_if_stale(today).unwrap());
        assert_eq!(
            ids(&store.conn, "deadline"),
            deadline_ids,
            "each deadline keeps its row and id, with its reason written into it"
        );
        let stored = texts(&store.conn, "SELECT reason FROM deadline");
        assert_eq!(stored.len(), deadline_ids.len());
        for text in stored {
            let reason = Message::from_stored(&text).unwrap();
            assert_ne!(
                reason,
                reasons::deadline::PENDING,
                "every reason is computed again"
            );
            assert!(reason.render(Language::Bokmal).ends_with('.'), "{text}");
        }
        let warnings = texts(&store.conn, "SELECT message FROM participant_warning");
        assert!(!warnings.is_empty(), "the demo has warnings");
        for text in warnings {
            assert_ne!(
                Message::from_stored(&text).unwrap(),
                reasons::warning::PENDING
            );
        }
    }

    /// Every row `sql` selects, all its columns as text.
    fn full_rows(conn: &Connection, sql: &str) -> Vec<String> {
        let mut statement = conn.prepare(sql).unwrap();
        let count = statement.column_count();
        statement
            .query_map([], |row| {
                (0..count)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|values| values.join("\t"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}
