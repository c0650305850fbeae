//! Importing participants: the preview against the register, and the commit.

use crate::domain::audit::{AuditAction, AuditEntity, FieldChange};
use crate::domain::date::format_date;
use crate::domain::participant_form::ParticipantForm;
use crate::error::CoreResult;
use crate::import::preview::{
    form_from_row, is_blank_row, is_total_row, name_key, ImportCounts, ImportOutcome,
    ImportPreview, ImportProgress, PreviewRow, RowOutcome,
};
use crate::import::{ColumnPlan, ImportError, RawSheet};
use crate::store::audit::{append, NewEntry};
use crate::store::participants::insert_participant;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;
use std::sync::atomic::Ordering;

/// How often the preview looks at the cancel flag and reports progress.
const CHECK_EVERY: usize = 256;

/// The register's identity numbers and name keys, each with the name to
/// show for a duplicate. Read in one query so a preview of 10 000 rows
/// costs one round trip, not 10 000.
struct RegisterKeys {
    numbers: HashMap<String, String>,
    names: HashMap<String, String>,
}

fn register_keys(conn: &Connection) -> CoreResult<RegisterKeys> {
    let mut numbers = HashMap::new();
    let mut names = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT given_name, family_name, identity_number, birth_date FROM participant",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let given: String = row.get("given_name")?;
        let family: String = row.get("family_name")?;
        let number: Option<String> = row.get("identity_number")?;
        let birth: Option<NaiveDate> = row.get("birth_date")?;
        let shown = format!("{given} {family}");
        if let Some(number) = number {
            numbers.insert(number, shown.clone());
        }
        if let Some(key) = name_key(&given, &family, &birth.map(format_date).unwrap_or_default()) {
            names.insert(key, shown);
        }
    }
    Ok(RegisterKeys { numbers, names })
}

impl RegisterKeys {
    fn duplicate_of(&self, form: &ParticipantForm) -> Option<String> {
        let number = form.identity_number.trim();
        if !number.is_empty() {
            if let Some(name) = self.numbers.get(number) {
                return Some(name.clone());
            }
        }
        name_key(&form.given_name, &form.family_name, &form.birth_date)
            .and_then(|key| self.names.get(&key).cloned())
    }

    fn add(&mut self, form: &ParticipantForm, shown: String) {
        let number = form.identity_number.trim();
        if !number.is_empty() {
            self.numbers.insert(number.to_string(), shown.clone());
        }
        if let Some(key) = name_key(&form.given_name, &form.family_name, &form.birth_date) {
            self.names.insert(key, shown);
        }
    }
}

impl Store {
    /// Previews an import: each data row below the header, filled into the
    /// form, validated as the form would be and checked against the
    /// register (archived participants included) and the rows above it.
    /// Writes nothing. Fails with [`ImportError::Cancelled`] once
    /// `progress.cancelled` is set.
    pub fn import_preview(
        &self,
        sheet: &RawSheet,
        plan: &ColumnPlan,
        today: NaiveDate,
        progress: &ImportProgress,
    ) -> CoreResult<ImportPreview> {
        crate::import::check_mapping(&plan.mapping)?;
        let mut keys = register_keys(&self.conn)?;
        let data = sheet.rows.get(plan.header_row..).unwrap_or_default();
        progress.total.store(data.len(), Ordering::Relaxed);
        let mut rows = Vec::new();
        let mut counts = ImportCounts::default();
        for (index, cells) in data.iter().enumerate() {
            if index % CHECK_EVERY == 0 {
                if progress.cancelled.load(Ordering::Relaxed) {
                    return Err(ImportError::Cancelled.into());
                }
                progress.done.store(index, Ordering::Relaxed);
            }
            if is_blank_row(cells) {
                continue;
            }
            if is_total_row(cells) {
                counts.skipped += 1;
                continue;
            }
            let row = index + 1;
            let (form, notes) = form_from_row(cells, plan, today);
            let (outcome, problems, duplicate_of) = match form.validate(today) {
                Err(errors) => (RowOutcome::Refused, errors.0, None),
                Ok(_) => match keys.duplicate_of(&form) {
                    Some(name) => (RowOutcome::Duplicate, Vec::new(), Some(name)),
                    None => {
                        keys.add(&form, format!("rad {row} i filen"));
                        (RowOutcome::New, Vec::new(), None)
                    }
                },
            };
            match outcome {
                RowOutcome::New => counts.new += 1,
                RowOutcome::Duplicate => counts.duplicate += 1,
                RowOutcome::Refused => counts.refused += 1,
            }
            rows.push(PreviewRow {
                row,
                outcome,
                form,
                problems,
                notes,
                duplicate_of,
            });
        }
        progress.done.store(data.len(), Ordering::Relaxed);
        Ok(ImportPreview { rows, counts })
    }

    /// Registers the preview's new rows in one transaction, each validated
    /// again and created as the form creates it, its creation entry giving
    /// the file as reason; a row that is now a duplicate (the register
    /// changed since the preview) is counted and not written. One entry
    /// records the import with its counts. On any error nothing is written.
    pub fn import_participants(
        &mut self,
        preview: &ImportPreview,
        file_name: &str,
        today: NaiveDate,
    ) -> CoreResult<ImportOutcome> {
        let tx = self.conn.transaction()?;
        let mut keys = register_keys(&tx)?;
        let reason = format!("Importert fra {file_name}");
        let mut outcome = ImportOutcome {
            imported: Vec::new(),
            duplicates: preview.counts.duplicate,
            refused: preview.counts.refused,
            skipped: preview.counts.skipped,
        };
        for row in preview.rows.iter().filter(|r| r.outcome == RowOutcome::New) {
            let Ok(details) = row.form.validate(today) else {
                outcome.refused += 1;
                continue;
            };
            if keys.duplicate_of(&row.form).is_some() {
                outcome.duplicates += 1;
                continue;
            }
            let id = insert_participant(&tx, &details, today, &reason)?;
            keys.add(&row.form, String::new());
            outcome.imported.push(id);
        }
        let changes: Vec<FieldChange> = [
            ("file_name", file_name.to_string()),
            ("imported", outcome.imported.len().to_string()),
            ("duplicates", outcome.duplicates.to_string()),
            ("refused", outcome.refused.to_string()),
            ("skipped", outcome.skipped.to_string()),
        ]
        .into_iter()
        .map(|(field, value)| FieldChange {
            field: field.to_string(),
            from: None,
            to: Some(value),
        })
        .collect();
        append(
            &tx,
            &NewEntry {
                entity: AuditEntity::ParticipantImport,
                entity_id: None,
                participant_id: None,
                action: AuditAction::Create,
                changes: &changes,
                reason: "",
            },
        )?;
        tx.commit()?;
        tracing::info!(imported = outcome.imported.len(), "participants imported");
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{detect_columns, read_sheet};

    #[test]
    fn a_cancelled_preview_stops_and_writes_nothing() {
        let mut text = String::from("Fornavn;Etternavn\n");
        for i in 0..600 {
            text.push_str(&format!("A{i};B\n"));
        }
        let sheet = read_sheet("a.csv", text.as_bytes()).unwrap();
        let plan = detect_columns(&sheet).unwrap();
        let store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let progress = ImportProgress::default();
        progress.cancelled.store(true, Ordering::Relaxed);
        let error = store
            .import_preview(&sheet, &plan, today, &progress)
            .unwrap_err();
        assert_eq!(error.code(), "import_cancelled");
        let preview = store
            .import_preview(&sheet, &plan, today, &ImportProgress::default())
            .unwrap();
        assert_eq!(preview.counts.new, 600);
        assert_eq!(store.participant_count().unwrap(), 0);
    }

    #[test]
    fn the_import_is_audited_once_with_its_counts() {
        let text = "Fornavn;Etternavn\nAda;Berg\n;\nSum;1\n";
        let sheet = read_sheet("liste.csv", text.as_bytes()).unwrap();
        let plan = detect_columns(&sheet).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let preview = store
            .import_preview(&sheet, &plan, today, &ImportProgress::default())
            .unwrap();
        let outcome = store
            .import_participants(&preview, "liste.csv", today)
            .unwrap();
        assert_eq!(outcome.imported.len(), 1);
        assert_eq!(outcome.skipped, 1);
        let reasons: Vec<(String, String)> = store
            .conn
            .prepare("SELECT entity_type, reason FROM audit_event ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(reasons.contains(&("participant".into(), "Importert fra liste.csv".into())));
        assert_eq!(
            reasons
                .iter()
                .filter(|(e, _)| e == "participant_import")
                .count(),
            1
        );
        assert!(store.verify_audit_trail().is_ok());
    }
}
