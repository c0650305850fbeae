//! The record of every file taken out of Introspor that has no richer log
//! of its own (the minutes have the sharing log, the audit trail its own
//! export entry): calendars, backups written where the caseworker chose,
//! lists and reports.

use crate::domain::audit::{AuditEntity, FieldChange};
use crate::domain::export::ExportRecord;
use crate::error::CoreResult;
use crate::export::calendar::CalendarEntry;
use crate::store::audit::audit_export;
use crate::store::Store;
use rusqlite::{params, Connection};

impl Store {
    /// Records that a file was written: its kind, format, how many rows,
    /// the filter it was made with and the file name (never the folder).
    /// One entry, or one per participant when it concerns particular
    /// ones, in one transaction.
    pub fn log_file_export(&mut self, record: &ExportRecord, file_name: &str) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        record_export(&tx, record, file_name)?;
        tx.commit()?;
        Ok(())
    }

    /// What the caseworker's calendar was told by the last calendar
    /// export, in the order it was told.
    pub fn calendar_entries(&self) -> CoreResult<Vec<CalendarEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT uid, sequence, due, summary, withdrawn FROM calendar_entry ORDER BY rowid",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(CalendarEntry {
                uid: row.get("uid")?,
                sequence: row.get("sequence")?,
                due: row.get("due")?,
                summary: row.get("summary")?,
                withdrawn: row.get("withdrawn")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a calendar export that was written: what the calendar now
    /// knows replaces what it knew, and the export is audited, in one
    /// transaction.
    pub fn log_calendar_export(
        &mut self,
        entries: &[CalendarEntry],
        record: &ExportRecord,
        file_name: &str,
    ) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM calendar_entry", [])?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO calendar_entry (uid, sequence, due, summary, withdrawn) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for entry in entries {
                insert.execute(params![
                    entry.uid,
                    entry.sequence,
                    entry.due,
                    entry.summary,
                    entry.withdrawn
                ])?;
            }
        }
        record_export(&tx, record, file_name)?;
        tx.commit()?;
        Ok(())
    }
}

/// Appends the audit entry of one export.
fn record_export(conn: &Connection, record: &ExportRecord, file_name: &str) -> CoreResult<()> {
    let mut changes = Vec::new();
    for (field, value) in [
        ("export_kind", record.kind.as_str().to_string()),
        ("format", record.format.clone()),
        ("rows", record.rows.to_string()),
        ("filter", record.filter.clone()),
        ("file_name", file_name.to_string()),
    ] {
        if !value.is_empty() {
            changes.push(FieldChange {
                field: field.to_string(),
                from: None,
                to: Some(value),
            });
        }
    }
    audit_export(
        conn,
        AuditEntity::ExportedFile,
        None,
        record.participants.clone(),
        &changes,
    )
}

#[cfg(test)]
mod tests {
    use crate::domain::audit::{AuditAction, AuditEntity};
    use crate::domain::export::{ExportKind, ExportRecord};
    use crate::store::audit::AuditFilter;
    use crate::Store;

    #[test]
    fn an_export_is_one_entry_with_its_kind_rows_filter_and_file_name() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .log_file_export(
                &ExportRecord {
                    kind: ExportKind::DeadlineList,
                    format: "xlsx".into(),
                    rows: 42,
                    filter: "Status: forfalt".into(),
                    participants: Vec::new(),
                },
                "frister.xlsx",
            )
            .unwrap();
        let events = store.audit_events(&AuditFilter::default()).unwrap();
        let entry = events.last().expect("one entry");
        assert_eq!(entry.entity_type, AuditEntity::ExportedFile.as_str());
        assert_eq!(entry.action, AuditAction::Export.as_str());
        let fields: Vec<(&str, Option<&str>)> = entry
            .changes
            .iter()
            .map(|c| (c.field.as_str(), c.to.as_deref()))
            .collect();
        assert_eq!(
            fields,
            [
                ("export_kind", Some("deadline_list")),
                ("format", Some("xlsx")),
                ("rows", Some("42")),
                ("filter", Some("Status: forfalt")),
                ("file_name", Some("frister.xlsx")),
            ]
        );
    }
}
