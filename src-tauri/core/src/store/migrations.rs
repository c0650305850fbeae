//! Forward-only schema migrations.
//!
//! Each migration is an SQL file in `core/migrations/`, applied in order.
//! The database's `user_version` records how many have been applied. All
//! pending migrations run in one transaction, so a failure leaves the file at
//! the version it had.

use crate::error::CoreResult;
use crate::store::schema_too_new;
use rusqlite::Connection;

/// The migrations, in order. Never edit or reorder one that has shipped;
/// add a new file instead.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_participants.sql"),
    include_str!("../../migrations/0002_deadlines.sql"),
    include_str!("../../migrations/0003_teams_meetings.sql"),
    include_str!("../../migrations/0004_audit.sql"),
];

/// The schema version a fully migrated database has.
pub fn latest_schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every migration the database has not seen yet.
pub(crate) fn migrate(conn: &mut Connection) -> CoreResult<()> {
    let tx = conn.transaction()?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > latest_schema_version() {
        return Err(schema_too_new(current));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tracing::info!(version = index + 1, "applying migration");
        tx.execute_batch(sql)?;
    }
    // user_version cannot take a bound parameter; the value is our own integer.
    tx.execute_batch(&format!(
        "PRAGMA user_version = {}",
        latest_schema_version()
    ))?;
    tx.commit()?;
    Ok(())
}
