//! Forward-only schema migrations.
//!
//! Each migration is an SQL file in `core/migrations/`, applied in order.
//! The database's `user_version` records how many have been applied. All
//! pending migrations run in one transaction, so a failure leaves the file at
//! the version it had.

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
    include_str!("../../migrations/0008_minutes_versions.sql"),
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
    let result = apply(conn, migrations, current);
    if foreign_keys_were_on {
        conn.pragma_update(None, "foreign_keys", "ON")?;
    }
    result
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

    /// A database at every earlier schema version, filled with the demo
    /// register (every table, as far as its columns then existed), keeps
    /// every row and every value when migrated to the newest version. A new
    /// migration is covered as soon as it is added.
    #[test]
    fn a_populated_database_at_every_earlier_version_keeps_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let full_path = dir.path().join("full.sqlite3");
        {
            let mut full = crate::Store::open_in_memory().unwrap();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
            crate::demo::seed_demo(&mut full, today).unwrap();
            full.backup_to(&full_path).unwrap();
        }
        for version in 1..MIGRATIONS.len() {
            let mut old = Connection::open_in_memory().unwrap();
            old.pragma_update(None, "foreign_keys", "ON").unwrap();
            migrate_with(&mut old, &MIGRATIONS[..version]).unwrap();
            old.execute(
                "ATTACH DATABASE ?1 AS full",
                [full_path.to_string_lossy().as_ref()],
            )
            .unwrap();
            // Filled as the app at that version could have filled it; a
            // CHECK list that later grew is not what this test is about.
            old.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
                .unwrap();
            let mut before: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
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
                let all = columns(&old, "main", &table);
                before.insert(table.clone(), (all.clone(), table_rows(&old, &table, &all)));
            }
            old.execute_batch(
                "PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON; DETACH DATABASE full;",
            )
            .unwrap();
            let filled = before.values().filter(|(_, rows)| !rows.is_empty()).count();
            assert!(
                filled >= before.len() / 2,
                "version {version}: the demo should fill most tables ({filled} of {})",
                before.len()
            );

            migrate(&mut old).unwrap();
            for (table, (columns, rows)) in &before {
                assert_eq!(
                    &table_rows(&old, table, columns),
                    rows,
                    "version {version}: table {table} should keep every row and value"
                );
            }
        }
    }
}
