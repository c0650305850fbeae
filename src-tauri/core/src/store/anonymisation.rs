//! The retention period, who is due for anonymisation, and the
//! anonymisation itself: a participant's personal data replaced by a case
//! reference in every table and in the audit trail, for good, with the
//! chain still verifiable (see [`crate::domain::anonymisation`]).
//!
//! Backups taken before an anonymisation still hold the data until the
//! rotation drops them. Each anonymisation is therefore kept in the
//! register's `anonymisation` table, and [`Store::restore_from`] applies
//! every one the restored backup lacks again before the caseworker sees it.

use crate::domain::anonymisation::{redact_changes, redaction_digest};
use crate::domain::audit::{
    decode_changes, encode_changes, entry_hash, AuditAction, AuditEntity, EntryContent, FieldChange,
};
use crate::domain::retention::{
    anonymised_case_reference, retention_state, RetentionFacts, RetentionSetting, RetentionState,
    ANONYMISED_GIVEN_NAME,
};
use crate::domain::search_key::participant_search_text;
use crate::error::{CoreError, CoreResult};
use crate::messages;
use crate::store::archive_filings::unfiled_and_open;
use crate::store::audit::{append, audit_snapshots, NewEntry};
use crate::store::{invalid, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// A participant whose programme has ended, with where they stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionCandidate {
    /// The participant.
    pub participant_id: i64,
    /// Given and family name, as the list shows them.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// The day the programme ended.
    pub ended: Option<NaiveDate>,
    /// Due, or why not (yet).
    pub state: RetentionState,
}

/// A participant anonymised, as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymised {
    /// The participant's id (kept: every record about them points to it).
    pub participant_id: i64,
    /// The case reference that replaced the name.
    pub case_reference: String,
    /// When it was done.
    pub anonymised_on: NaiveDate,
}

/// The file beside the register that lists every anonymisation, so that a
/// register put back from an older copy by any way (a damaged file
/// replaced by a backup, a file copied back by hand) has them applied
/// again when it is opened. It holds ids, case references, dates and the
/// register's identity, nothing about a person.
pub const LEDGER_FILE_NAME: &str = "introspor-anonymiseringer.json";

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct LedgerEntry {
    /// The register it belongs to (`store_meta.register_id`), which every
    /// backup of it shares and no other register has.
    register: String,
    participant_id: i64,
    case_reference: String,
    anonymised_on: NaiveDate,
}

/// The register's identity (migration 0016), which its backups share.
fn register_id(conn: &Connection) -> CoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM store_meta WHERE key = 'register_id'",
            [],
            |row| row.get(0),
        )
        .optional()?)
}

/// The ended statuses: the programme is over.
const OVER: &str = "('completed', 'terminated', 'moved_away')";

fn load_setting(conn: &Connection) -> CoreResult<Option<RetentionSetting>> {
    Ok(conn
        .prepare_cached("SELECT years, decided_on FROM retention_setting WHERE id = 1")?
        .query_row([], |row| {
            Ok(RetentionSetting {
                years: row.get("years")?,
                decided_on: row.get("decided_on")?,
            })
        })
        .optional()?)
}

fn anonymised_list(conn: &Connection) -> CoreResult<Vec<Anonymised>> {
    let mut statement = conn.prepare_cached(
        "SELECT participant_id, case_reference, anonymised_on FROM anonymisation \
         ORDER BY participant_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Anonymised {
            participant_id: row.get("participant_id")?,
            case_reference: row.get("case_reference")?,
            anonymised_on: row.get("anonymised_on")?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether `participant_id` is anonymised.
pub(crate) fn is_anonymised(conn: &Connection, participant_id: i64) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM anonymisation WHERE participant_id = ?1) AS done",
        )?
        .query_row([participant_id], |row| row.get("done"))?)
}

fn candidate_state(
    conn: &Connection,
    participant_id: i64,
    ended: Option<NaiveDate>,
    programme_over: bool,
    setting: Option<&RetentionSetting>,
    today: NaiveDate,
) -> CoreResult<RetentionState> {
    // The archive is only asked about once the period has run out: before
    // that the state does not depend on it, and most of a register is
    // not yet due.
    let without_archive = retention_state(
        &RetentionFacts {
            ended,
            programme_over,
            unfiled_minutes: 0,
            open_meetings: 0,
        },
        setting,
        today,
    );
    if !without_archive.is_due() {
        return Ok(without_archive);
    }
    let (unfiled_minutes, open_meetings) = unfiled_and_open(conn, participant_id)?;
    Ok(retention_state(
        &RetentionFacts {
            ended,
            programme_over,
            unfiled_minutes,
            open_meetings,
        },
        setting,
        today,
    ))
}

impl Store {
    /// The municipality's retention period, if it has set one.
    pub fn retention_setting(&self) -> CoreResult<Option<RetentionSetting>> {
        load_setting(&self.conn)
    }

    /// Sets the retention period to `years` (decided `today`); audited.
    /// Saving the period in force changes nothing.
    pub fn save_retention_setting(&mut self, years: u32, today: NaiveDate) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let before = load_setting(&tx)?;
        if before.map(|s| s.years) == Some(years) {
            return Ok(());
        }
        let snapshot = |s: Option<RetentionSetting>| {
            s.map(|s| {
                vec![
                    crate::domain::audit::SnapshotField {
                        name: "years".into(),
                        value: Some(s.years.to_string()),
                        rule: crate::domain::audit::FieldRule::Keep,
                    },
                    crate::domain::audit::SnapshotField {
                        name: "decided_on".into(),
                        value: Some(s.decided_on.to_string()),
                        rule: crate::domain::audit::FieldRule::Keep,
                    },
                ]
            })
        };
        tx.prepare_cached(
            "INSERT INTO retention_setting (id, years, decided_on) VALUES (1, ?1, ?2) \
             ON CONFLICT (id) DO UPDATE SET years = excluded.years, decided_on = excluded.decided_on",
        )?
        .execute(params![years, today])?;
        audit_snapshots(
            &tx,
            AuditEntity::RetentionSetting,
            if before.is_some() {
                AuditAction::Update
            } else {
                AuditAction::Create
            },
            snapshot(before).unwrap_or_default(),
            snapshot(load_setting(&tx)?).unwrap_or_default(),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every participant not yet anonymised whose programme is over (by
    /// status or end date), with where each stands on `today`: due, or
    /// why not. Due ones first, then by end date.
    pub fn retention_candidates(&self, today: NaiveDate) -> CoreResult<Vec<RetentionCandidate>> {
        let setting = load_setting(&self.conn)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT id, given_name, family_name, ended_date, status IN {OVER} AS over \
             FROM participant \
             WHERE (status IN {OVER} OR ended_date IS NOT NULL) \
               AND id NOT IN (SELECT participant_id FROM anonymisation) \
             ORDER BY ended_date IS NULL, ended_date, sort_key, id"
        ))?;
        let rows: Vec<(i64, String, String, Option<NaiveDate>, bool)> = statement
            .query_map([], |row| {
                Ok((
                    row.get("id")?,
                    row.get("given_name")?,
                    row.get("family_name")?,
                    row.get("ended_date")?,
                    row.get("over")?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut candidates = Vec::with_capacity(rows.len());
        for (id, given, family, ended, over) in rows {
            let state = candidate_state(&self.conn, id, ended, over, setting.as_ref(), today)?;
            candidates.push(RetentionCandidate {
                participant_id: id,
                case_reference: crate::domain::retention::case_reference_of(&given, &family, id),
                name: format!("{given} {family}"),
                ended,
                state,
            });
        }
        candidates.sort_by_key(|c| !c.state.is_due());
        Ok(candidates)
    }

    /// The figures the record of processing states: how many people the
    /// register holds, and the retention period.
    pub fn processing_facts(
        &self,
    ) -> CoreResult<crate::export::processing_record::ProcessingFacts> {
        let (participants, contacts): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM participant \
               WHERE id NOT IN (SELECT participant_id FROM anonymisation)) AS participants, \
             (SELECT count(*) FROM contact WHERE archived_at IS NULL) AS contacts",
            [],
            |row| Ok((row.get("participants")?, row.get("contacts")?)),
        )?;
        Ok(crate::export::processing_record::ProcessingFacts {
            participants,
            contacts,
            retention_years: load_setting(&self.conn)?.map(|s| s.years),
        })
    }

    /// Every participant anonymised so far.
    pub fn anonymised(&self) -> CoreResult<Vec<Anonymised>> {
        anonymised_list(&self.conn)
    }

    /// Anonymises every participant in `confirmed`, the list the
    /// caseworker saw and confirmed; each must be due on `today` (one not
    /// due is refused with its state's code, `archive_reference_missing`
    /// among them). All in one transaction: either every one is
    /// anonymised or none. Cannot be undone.
    pub fn anonymise(
        &mut self,
        confirmed: &[i64],
        today: NaiveDate,
    ) -> CoreResult<Vec<Anonymised>> {
        let setting = load_setting(&self.conn)?;
        let tx = self.conn.transaction()?;
        for &id in confirmed {
            if is_anonymised(&tx, id)? {
                return Err(invalid(
                    "participants",
                    "already_anonymised",
                    messages::ALREADY_ANONYMISED,
                ));
            }
            let (ended, over): (Option<NaiveDate>, bool) = tx
                .prepare_cached(&format!(
                    "SELECT ended_date, status IN {OVER} AS over FROM participant WHERE id = ?1"
                ))?
                .query_row([id], |row| Ok((row.get("ended_date")?, row.get("over")?)))
                .optional()?
                .ok_or(CoreError::ParticipantNotFound(id))?;
            match candidate_state(&tx, id, ended, over, setting.as_ref(), today)? {
                RetentionState::Due(_) => {}
                state @ RetentionState::ArchiveCopyMissing { .. } => {
                    return Err(invalid(
                        "participants",
                        state.code(),
                        messages::ARCHIVE_REFERENCE_MISSING,
                    ))
                }
                state => {
                    return Err(invalid(
                        "participants",
                        state.code(),
                        messages::NOT_DUE_FOR_ANONYMISATION,
                    ))
                }
            }
        }
        let mut done = Vec::with_capacity(confirmed.len());
        for &id in confirmed {
            done.push(anonymise_one(&tx, id, today, "")?);
        }
        tx.commit()?;
        self.after_removing_personal_data();
        Ok(done)
    }

    /// Applies again every anonymisation in `kept` that the register lacks
    /// (after a restore from a backup taken before it), recording each
    /// with `reason`. Participants the backup does not hold are skipped.
    pub(crate) fn reapply_anonymisations(
        &mut self,
        kept: &[Anonymised],
        reason: &str,
    ) -> CoreResult<usize> {
        let tx = self.conn.transaction()?;
        let mut applied = 0;
        for anonymised in kept {
            let exists: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM participant WHERE id = ?1) AS found")?
                .query_row([anonymised.participant_id], |row| row.get("found"))?;
            if exists && !is_anonymised(&tx, anonymised.participant_id)? {
                anonymise_one(
                    &tx,
                    anonymised.participant_id,
                    anonymised.anonymised_on,
                    reason,
                )?;
                applied += 1;
            }
        }
        tx.commit()?;
        if applied > 0 {
            self.after_removing_personal_data();
        }
        Ok(applied)
    }

    /// After personal data were overwritten: the write-ahead log still
    /// holds the old pages until a checkpoint copies the new ones into the
    /// file and truncates it; and the ledger beside the register is
    /// written anew.
    fn after_removing_personal_data(&self) {
        if let Err(error) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        {
            tracing::warn!(%error, "checkpoint after anonymisation failed");
        }
        if let Err(error) = self.write_ledger() {
            // The register itself holds the list too; a restore through
            // Introspor applies it again without the ledger.
            tracing::warn!(%error, "anonymisation ledger not written");
        }
    }

    fn ledger_path(&self) -> Option<std::path::PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(|folder| folder.join(LEDGER_FILE_NAME))
    }

    fn read_ledger(&self) -> Vec<LedgerEntry> {
        self.ledger_path()
            .and_then(|path| std::fs::read(path).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the ledger: every entry of other registers kept, this
    /// register's from its own list, whole or not at all.
    fn write_ledger(&self) -> CoreResult<()> {
        let (Some(path), Some(register)) = (self.ledger_path(), register_id(&self.conn)?) else {
            return Ok(());
        };
        let mut entries: Vec<LedgerEntry> = self
            .read_ledger()
            .into_iter()
            .filter(|e| e.register != register)
            .collect();
        entries.extend(
            anonymised_list(&self.conn)?
                .into_iter()
                .map(|a| LedgerEntry {
                    register: register.clone(),
                    participant_id: a.participant_id,
                    case_reference: a.case_reference,
                    anonymised_on: a.anonymised_on,
                }),
        );
        let partial = path.with_extension("json.partial");
        std::fs::write(
            &partial,
            serde_json::to_vec_pretty(&entries).expect("serialises"),
        )?;
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, &path)?;
        Ok(())
    }

    /// Applies again every anonymisation the ledger beside the register
    /// lists for this register and the register lacks; run when a register
    /// file is opened. Answers how many.
    pub fn reapply_ledger(&mut self) -> CoreResult<usize> {
        let Some(register) = register_id(&self.conn)? else {
            return Ok(0);
        };
        let kept: Vec<Anonymised> = self
            .read_ledger()
            .into_iter()
            .filter(|e| e.register == register)
            .map(|e| Anonymised {
                participant_id: e.participant_id,
                case_reference: e.case_reference,
                anonymised_on: e.anonymised_on,
            })
            .collect();
        if kept.is_empty() {
            return Ok(0);
        }
        self.reapply_anonymisations(&kept, crate::store::backup::REAPPLIED_AFTER_RESTORE)
    }
}

/// Replaces participant `id`'s personal data with the case reference in
/// every table and in the trail, and records it. Runs in the caller's
/// transaction.
fn anonymise_one(
    tx: &Transaction<'_>,
    id: i64,
    on: NaiveDate,
    reason: &str,
) -> CoreResult<Anonymised> {
    let case_reference = anonymised_case_reference(id);
    let family = id.to_string();
    // Old pages of what is overwritten are zeroed, not left in the file.
    tx.query_row("PRAGMA secure_delete = ON", [], |_| Ok(()))
        .optional()?;
    let old_reference: String = tx
        .prepare_cached("SELECT given_name, family_name FROM participant WHERE id = ?1")?
        .query_row([id], |row| {
            Ok(crate::domain::retention::case_reference_of(
                &row.get::<_, String>("given_name")?,
                &row.get::<_, String>("family_name")?,
                id,
            ))
        })?;
    tx.prepare_cached(
        "UPDATE participant SET given_name = ?2, family_name = ?3, identity_number = NULL, \
           birth_date = NULL, languages = '', interpreter_language = '', phone = '', email = '', \
           address = '', notes = '', \
           law_override_reason = CASE WHEN law_override IS NULL THEN '' ELSE ?4 END, \
           search_text = ?5, sort_key = ?6 \
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        ANONYMISED_GIVEN_NAME,
        family,
        case_reference,
        participant_search_text(ANONYMISED_GIVEN_NAME, &family, ""),
        crate::domain::collation::name_sort_key(&family, ANONYMISED_GIVEN_NAME),
    ])?;
    for sql in [
        "UPDATE registrable_event SET note = '' WHERE participant_id = ?1",
        "UPDATE task SET title = ?2, note = '' WHERE participant_id = ?1",
        "UPDATE programme_extension SET reason = '' WHERE participant_id = ?1",
        // The answer's offered file name holds the initials.
        "UPDATE access_request SET answer_file = CASE WHEN answer_file = '' THEN '' ELSE ?2 END \
         WHERE participant_id = ?1",
    ] {
        if sql.contains("?2") {
            tx.execute(sql, params![id, case_reference])?;
        } else {
            tx.execute(sql, [id])?;
        }
    }
    // A meeting's text goes with the last of the people it is about: a
    // meeting about several is the others' record too until they are
    // anonymised as well (its sensitive notes are withheld from every
    // participant's copy meanwhile).
    let own_meetings = "SELECT meeting_id FROM meeting_participant GROUP BY meeting_id \
         HAVING sum(participant_id = ?1) = 1 AND count(*) = sum(participant_id = ?1 \
           OR participant_id IN (SELECT participant_id FROM anonymisation))";
    for sql in [
        "UPDATE meeting SET interpreter_language = '', next_meeting_note = '', \
           unqualified_reason = '', child_emergency_reason = '' WHERE id IN (OWN)",
        "UPDATE agenda_item SET title = '', notes = '', origin = '' WHERE meeting_id IN (OWN)",
        "UPDATE decision SET text = '' WHERE meeting_id IN (OWN)",
        "UPDATE action_item SET what = '', responsible = '' WHERE meeting_id IN (OWN)",
        "UPDATE meeting_reopening SET reason = ?2 WHERE meeting_id IN (OWN)",
    ] {
        let sql = sql.replace("OWN", own_meetings);
        if sql.contains("?2") {
            tx.execute(&sql, params![id, case_reference])?;
        } else {
            tx.execute(&sql, [id])?;
        }
    }
    // Action items' tasks have no participant of their own when the
    // meeting is theirs alone; their titles are the items' words.
    tx.execute(
        &format!(
            "UPDATE task SET title = ?2, note = '' WHERE id IN \
             (SELECT task_id FROM action_item WHERE meeting_id IN ({own_meetings}))"
        ),
        params![id, case_reference],
    )?;
    // The calendar's memory of what it sent names the case reference.
    tx.execute(
        "UPDATE calendar_entry SET summary = substr(summary, 1, length(summary) - length(?1)) || ?2 \
         WHERE substr(summary, -length(?1)) = ?1",
        params![old_reference, case_reference],
    )?;
    let (redacted, digest) = redact_trail(tx, id, &case_reference)?;
    let changes = [
        FieldChange::new("case_reference", None, Some(&case_reference)),
        FieldChange::new("redacted_entries", None, Some(&redacted.len().to_string())),
        FieldChange::new("redaction_digest", None, Some(&digest)),
    ];
    let event = append(
        tx,
        &NewEntry {
            entity: AuditEntity::Participant,
            entity_id: Some(id),
            participant_id: Some(id),
            action: AuditAction::Anonymise,
            changes: &changes,
            reason,
        },
    )?;
    for (event_id, hash, changes, reason) in &redacted {
        tx.prepare_cached(
            "INSERT INTO audit_redaction (event_id, redacted_hash, anonymisation_event_id) \
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![event_id, hash, event])?;
        tx.prepare_cached("UPDATE audit_event SET changes = ?2, reason = ?3 WHERE id = ?1")?
            .execute(params![event_id, changes, reason])?;
    }
    tx.prepare_cached(
        "INSERT INTO anonymisation (participant_id, case_reference, anonymised_on, audit_event_id) \
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, case_reference, on, event])?;
    tx.query_row("PRAGMA secure_delete = OFF", [], |_| Ok(()))
        .optional()?;
    tracing::info!(
        participant = id,
        entries = redacted.len(),
        "participant anonymised"
    );
    Ok(Anonymised {
        participant_id: id,
        case_reference,
        anonymised_on: on,
    })
}

/// One trail entry's new content: id, new hash, changes, reason.
type Redacted = (i64, String, String, String);

/// The trail entries about participant `id` with their personal values
/// replaced, and the digest over their new hashes. Nothing is written.
fn redact_trail(
    conn: &Connection,
    id: i64,
    case_reference: &str,
) -> CoreResult<(Vec<Redacted>, String)> {
    let mut statement = conn.prepare_cached(
        "SELECT id, at, entity_type, entity_id, participant_id, action, changes, reason, \
           prev_hash FROM audit_event WHERE participant_id = ?1 ORDER BY id",
    )?;
    let mut rows = statement.query([id])?;
    let mut redacted = Vec::new();
    while let Some(row) = rows.next()? {
        let entity_type: String = row.get("entity_type")?;
        let Some(entity) = AuditEntity::from_str_id(&entity_type) else {
            continue;
        };
        let changes_text: String = row.get("changes")?;
        let reason: String = row.get("reason")?;
        let Some(changes) = decode_changes(&changes_text) else {
            continue;
        };
        let (changes, changed) = redact_changes(entity, &changes, case_reference);
        let new_reason = if reason.is_empty() {
            String::new()
        } else {
            case_reference.to_string()
        };
        if !changed && new_reason == reason {
            continue;
        }
        let encoded = encode_changes(&changes);
        let event_id: i64 = row.get("id")?;
        let at: String = row.get("at")?;
        let action: String = row.get("action")?;
        let prev_hash: String = row.get("prev_hash")?;
        let hash = entry_hash(&EntryContent {
            id: event_id,
            at: &at,
            entity_type: &entity_type,
            entity_id: row.get("entity_id")?,
            participant_id: row.get("participant_id")?,
            action: &action,
            changes: &encoded,
            reason: &new_reason,
            prev_hash: &prev_hash,
        });
        redacted.push((event_id, hash, encoded, new_reason));
    }
    let pairs: Vec<(i64, String)> = redacted
        .iter()
        .map(|(id, h, _, _)| (*id, h.clone()))
        .collect();
    Ok((redacted, redaction_digest(&pairs)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::participant::Status;
    use crate::store::archive_filings::ArchiveFilingForm;
    use crate::store::audit::AuditVerification;
    use chrono::Days;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
    }

    fn anonymised_ids(store: &Store) -> Vec<i64> {
        store
            .anonymised()
            .unwrap()
            .iter()
            .map(|a| a.participant_id)
            .collect()
    }

    /// Every text value in every table, with where it is.
    fn every_text(conn: &Connection) -> Vec<(String, String)> {
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut found = Vec::new();
        for table in tables {
            let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns: Vec<String> = statement.column_names().map(|c| c.to_string()).collect();
            let mut rows = statement.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                for (i, column) in columns.iter().enumerate() {
                    if let rusqlite::types::ValueRef::Text(bytes) = row.get_ref(i).unwrap() {
                        found.push((
                            format!("{table}.{column}"),
                            String::from_utf8_lossy(bytes).into_owned(),
                        ));
                    }
                }
            }
        }
        found
    }

    /// Where any of `secrets` is still written, if anywhere.
    fn leaks(conn: &Connection, secrets: &[String]) -> Vec<String> {
        every_text(conn)
            .into_iter()
            .flat_map(|(place, text)| {
                secrets
                    .iter()
                    .filter(|s| text.contains(s.as_str()))
                    .map(move |s| format!("{s:?} in {place}"))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    struct Walk {
        store: Store,
        person: i64,
        secrets: Vec<String>,
        backup: tempfile::TempDir,
    }

    /// The demo register with its first participant's programme ended on
    /// 12.11.2026 and a backup taken then; what names or describes them is
    /// in `secrets`.
    fn walk() -> Walk {
        let mut store = Store::open_in_memory().unwrap();
        let seeded = day("22.11.2026");
        crate::demo::seed_demo(&mut store, seeded).unwrap();
        // The participant of the demo's triangle meeting, which holds a
        // health note and was sent to NAV.
        let person = crate::demo::triangle_participant(&store);
        let mut details = store.participant(person).unwrap().details;
        details.status = Status::Completed;
        details.programme.ended_date = Some(day("12.11.2026"));
        if details.phone.is_empty() {
            details.phone = "41234567".into();
        }
        if details.notes.is_empty() {
            details.notes = "Har vondt i ryggen og trenger tilrettelegging.".into();
        }
        store.update_participant(person, &details, seeded).unwrap();
        let mut secrets: Vec<String> = vec![
            details.given_name.clone(),
            format!("{} {}", details.given_name, details.family_name),
            details.phone.clone(),
            details.notes.clone(),
        ];
        // A family name a relative in the register shares is theirs too.
        let shared: bool = store
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM participant WHERE family_name = ?1 AND id <> ?2)",
                params![details.family_name, person],
                |row| row.get(0),
            )
            .unwrap();
        if !shared {
            secrets.push(details.family_name.clone());
        }
        if let Some(number) = &details.identity_number {
            secrets.push(number.as_str().to_string());
            secrets.push(number.as_str()[..6].to_string());
        }
        for text in [&details.email, &details.address] {
            if !text.is_empty() {
                secrets.push(text.clone());
            }
        }
        // The notes of the meetings about them alone, the health note too.
        let notes: Vec<String> = store
            .conn
            .prepare(
                "SELECT a.notes FROM agenda_item AS a WHERE a.notes <> '' AND a.meeting_id IN \
                 (SELECT meeting_id FROM meeting_participant GROUP BY meeting_id \
                  HAVING count(*) = 1 AND max(participant_id) = ?1)",
            )
            .unwrap()
            .query_map([person], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            notes.len() >= 2,
            "the demo's triangle meeting has notes: {notes:?}"
        );
        secrets.extend(notes);
        assert!(
            leaks(&store.conn, &secrets).len() > secrets.len(),
            "before, the register holds them"
        );
        let backup = tempfile::tempdir().unwrap();
        store
            .backup_to(&backup.path().join("before.sqlite3"))
            .unwrap();
        Walk {
            store,
            person,
            secrets,
            backup,
        }
    }

    fn file_everything(store: &mut Store, person: i64, today: NaiveDate) {
        let open: Vec<i64> = store
            .conn
            .prepare(
                "SELECT m.id FROM meeting AS m JOIN meeting_participant AS mp ON mp.meeting_id = m.id \
                 WHERE mp.participant_id = ?1 AND m.completed_on IS NULL",
            )
            .unwrap()
            .query_map([person], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for meeting in open {
            store.complete_meeting(meeting, today).unwrap();
        }
        for (n, unfiled) in store
            .unfiled_minutes(person)
            .unwrap()
            .into_iter()
            .enumerate()
        {
            store
                .file_minutes(
                    unfiled.meeting_id,
                    &ArchiveFilingForm {
                        archive_reference: format!("2026/1234-{}", n + 1),
                        filed_on: "01.12.2026".into(),
                    },
                    today,
                )
                .unwrap();
        }
    }

    #[test]
    fn nothing_is_anonymised_while_an_archive_reference_is_missing() {
        let Walk {
            mut store,
            person,
            secrets,
            ..
        } = walk();
        let later = day("01.12.2028");
        store.save_retention_setting(1, day("01.12.2026")).unwrap();
        let state = |store: &Store| {
            store
                .retention_candidates(later)
                .unwrap()
                .into_iter()
                .find(|c| c.participant_id == person)
                .expect("their programme ended")
                .state
        };
        assert!(
            matches!(state(&store), RetentionState::ArchiveCopyMissing { .. }),
            "{:?}",
            state(&store)
        );
        let before = every_text(&store.conn);
        let refused = store.anonymise(&[person], later).unwrap_err();
        assert_eq!(refused.code(), "archive_reference_missing");
        assert_eq!(every_text(&store.conn), before, "a refusal writes nothing");
        // Filed but one: still refused.
        file_everything(&mut store, person, day("01.12.2026"));
        let last: i64 = store
            .conn
            .query_row("SELECT max(meeting_id) FROM archive_filing", [], |row| {
                row.get(0)
            })
            .unwrap();
        store
            .reopen_meeting(
                last,
                "Rettet dato",
                day("02.12.2026").and_hms_opt(9, 0, 0).unwrap(),
            )
            .unwrap();
        store.complete_meeting(last, day("02.12.2026")).unwrap();
        assert!(
            matches!(
                state(&store),
                RetentionState::ArchiveCopyMissing {
                    unfiled_minutes: 1,
                    open_meetings: 0,
                    ..
                }
            ),
            "a new version of the minutes needs its own reference"
        );
        assert_eq!(
            store.anonymise(&[person], later).unwrap_err().code(),
            "archive_reference_missing"
        );
        assert!(leaks(&store.conn, &secrets)
            .iter()
            .any(|l| l.contains("participant.")));
        // A period not run out and none set are refused too.
        assert_eq!(
            store
                .anonymise(&[person], day("01.06.2027"))
                .unwrap_err()
                .code(),
            "retention_not_run_out"
        );
    }

    #[test]
    fn an_anonymised_participant_leaves_no_trace_the_chain_verifies_and_a_restore_brings_nothing_back(
    ) {
        let Walk {
            mut store,
            person,
            secrets,
            backup,
        } = walk();
        let filed = day("01.12.2026");
        let later = day("01.12.2028");
        let counted = day("15.11.2026");
        let caseload = |store: &Store| {
            let r = store.caseload_report(counted, later).unwrap();
            (
                r.total,
                r.by_status,
                r.by_law,
                r.by_final_goal,
                r.by_education,
            )
        };
        let compliance = |store: &Store| {
            let r = store
                .deadline_compliance(day("01.01.2024"), counted, later)
                .unwrap();
            (
                r.total,
                r.kinds.into_iter().map(|k| k.counts).collect::<Vec<_>>(),
            )
        };
        let (caseload_before, compliance_before) = (caseload(&store), compliance(&store));
        store.save_retention_setting(1, filed).unwrap();
        file_everything(&mut store, person, filed);
        let due: Vec<i64> = store
            .retention_candidates(later)
            .unwrap()
            .into_iter()
            .filter(|c| c.state.is_due())
            .map(|c| c.participant_id)
            .collect();
        assert!(due.contains(&person), "{due:?}");
        let done = store.anonymise(&[person], later).unwrap();
        assert_eq!(done[0].case_reference, format!("ANON-{person}"));

        assert_eq!(leaks(&store.conn, &secrets), Vec::<String>::new());
        assert!(matches!(
            store.verify_audit_trail().unwrap(),
            AuditVerification::Intact { .. }
        ));
        assert_eq!(
            caseload(&store),
            caseload_before,
            "the caseload counts stay"
        );
        assert_eq!(
            compliance(&store),
            compliance_before,
            "the deadline counts stay"
        );
        let shown = store.participant(person).unwrap().details;
        assert_eq!(
            format!("{} {}", shown.given_name, shown.family_name),
            format!("ANON {person}")
        );
        assert_eq!(
            store
                .update_participant(person, &shown, later)
                .unwrap_err()
                .code(),
            "already_anonymised"
        );
        assert_eq!(
            store.anonymise(&[person], later).unwrap_err().code(),
            "already_anonymised"
        );
        // A settings change recomputes everyone else; their record stays.
        let deadlines = |store: &Store| -> Vec<String> {
            store
                .conn
                .prepare("SELECT kind || due || state FROM deadline WHERE participant_id = ?1 ORDER BY id")
                .unwrap()
                .query_map([person], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let kept = deadlines(&store);
        store.recompute_all_deadlines(later + Days::new(1)).unwrap();
        assert_eq!(deadlines(&store), kept);

        // The backup from before the anonymisation, restored, brings
        // nothing back: the anonymisation is applied again at once.
        let safety = backup.path().join("safety.sqlite3");
        store
            .restore_from(&backup.path().join("before.sqlite3"), &safety)
            .unwrap();
        assert_eq!(leaks(&store.conn, &secrets), Vec::<String>::new());
        assert_eq!(anonymised_ids(&store), vec![person]);
        assert!(matches!(
            store.verify_audit_trail().unwrap(),
            AuditVerification::Intact { .. }
        ));
        let reapplied: String = store
            .conn
            .query_row(
                "SELECT reason FROM audit_event WHERE action = 'anonymise' ORDER BY id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(reapplied, crate::store::backup::REAPPLIED_AFTER_RESTORE);
    }

    #[test]
    fn a_redacted_entry_or_its_recorded_hash_changed_breaks_the_chain() {
        let Walk {
            mut store, person, ..
        } = walk();
        store.save_retention_setting(1, day("01.12.2026")).unwrap();
        file_everything(&mut store, person, day("01.12.2026"));
        store.anonymise(&[person], day("01.12.2028")).unwrap();
        let redacted: i64 = store
            .conn
            .query_row("SELECT min(event_id) FROM audit_redaction", [], |row| {
                row.get(0)
            })
            .unwrap();
        // The trigger lets a redacted entry's changes be written (that is
        // how the redaction is done), so the check must catch an edit.
        store
            .conn
            .execute(
                "UPDATE audit_event SET changes = '[]' WHERE id = ?1",
                [redacted],
            )
            .unwrap();
        match store.verify_audit_trail().unwrap() {
            AuditVerification::Broken { row_id, .. } => assert_eq!(row_id, redacted),
            intact => panic!("an edited redacted entry went unnoticed: {intact:?}"),
        }
        // Its place in the chain cannot change at all.
        assert!(store
            .conn
            .execute(
                "UPDATE audit_event SET hash = 'x' WHERE id = ?1",
                [redacted]
            )
            .is_err());
        assert!(store
            .conn
            .execute("DELETE FROM audit_redaction", [])
            .is_err());
    }

    #[test]
    fn a_meeting_about_several_keeps_its_text_until_the_last_of_them_is_anonymised() {
        let mut store = Store::open_in_memory().unwrap();
        let seeded = day("22.11.2026");
        crate::demo::seed_demo(&mut store, seeded).unwrap();
        let meeting: i64 = store
            .conn
            .query_row(
                "SELECT id FROM meeting WHERE kind = 'information'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        let notes = |store: &Store| -> String {
            store
                .conn
                .query_row(
                    "SELECT group_concat(notes, '|') FROM agenda_item WHERE meeting_id = ?1",
                    [meeting],
                    |row| row.get(0),
                )
                .unwrap()
        };
        let before = notes(&store);
        assert!(!before.replace('|', "").is_empty());
        let people: Vec<i64> = store
            .conn
            .prepare("SELECT participant_id FROM meeting_participant WHERE meeting_id = ?1 ORDER BY participant_id")
            .unwrap()
            .query_map([meeting], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(people.len() > 1);
        store.save_retention_setting(1, day("01.12.2026")).unwrap();
        for &person in &people {
            let mut details = store.participant(person).unwrap().details;
            details.status = Status::Completed;
            details.programme.ended_date = Some(day("12.11.2026"));
            store.update_participant(person, &details, seeded).unwrap();
            file_everything(&mut store, person, day("01.12.2026"));
        }
        let later = day("01.12.2028");
        for (n, &person) in people.iter().enumerate() {
            store.anonymise(&[person], later).unwrap();
            if n + 1 < people.len() {
                assert_eq!(
                    notes(&store),
                    before,
                    "kept while others are not anonymised"
                );
            }
        }
        assert_eq!(
            notes(&store).replace('|', ""),
            "",
            "gone with the last of them"
        );
        assert!(matches!(
            store.verify_audit_trail().unwrap(),
            AuditVerification::Intact { .. }
        ));
    }

    #[test]
    fn a_register_file_put_back_from_an_older_copy_is_anonymised_again_when_opened() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(crate::store::DATABASE_FILE_NAME);
        let key = crate::store::key::DatabaseKey::from_bytes([7; 32]);
        let older = folder.path().join("older.sqlite3");
        let person;
        let secrets;
        {
            let mut store = Store::open(&path, key.clone()).unwrap();
            let seeded = day("22.11.2026");
            crate::demo::seed_demo(&mut store, seeded).unwrap();
            person = store
                .retention_candidates(seeded)
                .unwrap()
                .into_iter()
                .find(|c| c.ended.is_some())
                .expect("the demo has an ended programme")
                .participant_id;
            let details = store.participant(person).unwrap().details;
            secrets = vec![format!("{} {}", details.given_name, details.family_name)];
            store.backup_to(&older).unwrap();
            store.save_retention_setting(1, seeded).unwrap();
            file_everything(&mut store, person, day("01.12.2026"));
            store.anonymise(&[person], day("01.12.2030")).unwrap();
            store.close().unwrap();
        }
        assert!(folder.path().join(LEDGER_FILE_NAME).exists());
        // The register file replaced by the older copy, as a damaged
        // register's replacement or a copy put back by hand would be.
        std::fs::copy(&older, &path).unwrap();
        let store = Store::open(&path, key).unwrap();
        assert_eq!(leaks(&store.conn, &secrets), Vec::<String>::new());
        assert_eq!(anonymised_ids(&store), vec![person]);
        // Another register in the same folder is not touched by it.
        drop(store);
        std::fs::remove_file(&path).unwrap();
        let mut fresh =
            Store::open(&path, crate::store::key::DatabaseKey::from_bytes([8; 32])).unwrap();
        crate::demo::seed_demo(&mut fresh, day("22.11.2026")).unwrap();
        drop(fresh);
        let fresh =
            Store::open(&path, crate::store::key::DatabaseKey::from_bytes([8; 32])).unwrap();
        assert!(
            fresh.anonymised().unwrap().is_empty(),
            "a new register is not the old one"
        );
    }
}
