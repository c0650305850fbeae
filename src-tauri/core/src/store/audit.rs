//! Writing, reading and verifying the audit trail.
//!
//! Every store write that changes a record calls [`audited`] (or
//! [`audit_created`]) inside its own transaction: the record is snapshotted
//! before and after the change, the snapshots are diffed with the masking
//! rules of [`crate::domain::audit`], and one hash-chained row is appended to
//! `audit_event`. The row commits or rolls back with the change.

use crate::domain::anonymisation::redaction_digest;
use crate::domain::audit::{
    decode_changes, diff, encode_changes, entry_hash, field_rule, participant_reason,
    snapshot_value, AuditAction, AuditEntity, EntryContent, FieldChange, FieldRule, Snapshot,
    SnapshotField, GENESIS_HASH,
};
use crate::domain::audit_fields::Referenced;
use crate::error::CoreResult;
use crate::store::Store;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The most entries a participant's history shows.
pub const HISTORY_LIMIT: u32 = 500;

/// One entry of the audit trail, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Row id (1, 2, 3 … in the order written).
    pub id: i64,
    /// When, UTC, as stored (`YYYY-MM-DDTHH:MM:SSZ`).
    pub at: String,
    /// An [`AuditEntity`] identifier.
    pub entity_type: String,
    /// The record's id, if it has one.
    pub entity_id: Option<i64>,
    /// The participant concerned, if any.
    pub participant_id: Option<i64>,
    /// An [`AuditAction`] identifier.
    pub action: String,
    /// Which fields changed, masked.
    pub changes: Vec<FieldChange>,
    /// The reason given, or empty.
    pub reason: String,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

impl AuditEvent {
    /// When it happened, as a UTC time; `None` if the stored text is not one.
    pub fn at_utc(&self) -> Option<DateTime<Utc>> {
        NaiveDateTime::parse_from_str(&self.at, "%Y-%m-%dT%H:%M:%SZ")
            .ok()
            .map(|t| t.and_utc())
    }
}

/// Which entries to read for an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only entries concerning this participant.
    pub participant_id: Option<i64>,
    /// Written at or after this moment.
    pub from: Option<DateTime<Utc>>,
    /// Written before this moment.
    pub until: Option<DateTime<Utc>>,
}

/// What is wrong at the first broken link of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditProblem {
    /// The row's content no longer gives its stored hash: it was edited.
    ContentHashMismatch,
    /// The row does not point to the hash of the row before it: a row was
    /// removed or inserted, or the link itself was edited.
    PrevHashMismatch,
}

impl AuditProblem {
    /// Stable identifier for the IPC boundary.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditProblem::ContentHashMismatch => "content_hash_mismatch",
            AuditProblem::PrevHashMismatch => "prev_hash_mismatch",
        }
    }
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditVerification {
    /// Every row holds together.
    Intact {
        /// How many rows were checked.
        rows: i64,
        /// The newest row's hash (the genesis value for an empty trail);
        /// noting it down lets a later check see that nothing was cut off.
        last_hash: String,
    },
    /// The first row where the chain breaks.
    Broken {
        /// That row's id.
        row_id: i64,
        /// What is wrong with it.
        problem: AuditProblem,
        /// How many rows before it held together.
        rows_intact: i64,
    },
}

/// A record as it was at one moment, with the participants it concerns.
pub(crate) struct Captured {
    snapshot: Option<Snapshot>,
    participants: Vec<i64>,
}

fn value_text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        // No audited table holds a blob today; should one come, its bytes
        // are recorded exactly, as SQLite writes a blob literal, so the
        // trail says the same in every language and hides nothing.
        ValueRef::Blob(bytes) => Some(format!(
            "x'{}'",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )),
    }
}

/// One row of `table` as column → text, with each column's rule.
pub(crate) fn row_snapshot(
    conn: &Connection,
    table: &str,
    id: i64,
) -> CoreResult<Option<Snapshot>> {
    let mut statement = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = statement.column_names().map(str::to_string).collect();
    Ok(statement
        .query_row([id], |row| {
            Ok(names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    Ok(SnapshotField {
                        rule: field_rule(table, name),
                        name: name.clone(),
                        value: value_text(row.get_ref(i)?),
                    })
                })
                .collect::<rusqlite::Result<Snapshot>>())
        })
        .optional()?
        .transpose()?)
}

fn field(name: impl Into<String>, value: Option<String>, rule: FieldRule) -> SnapshotField {
    SnapshotField {
        name: name.into(),
        value,
        rule,
    }
}

fn ids_text(ids: &[i64]) -> Option<String> {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    Some(list.join(", "))
}

/// A meeting with its minutes as one snapshot: the meeting's own columns,
/// who it concerns and who attended (ids), and each agenda item, decision
/// and action item by its position. An agenda item's notes are sensitive
/// when the item is marked sensitive.
fn meeting_snapshot(conn: &Connection, id: i64) -> CoreResult<Option<Snapshot>> {
    let Some(mut snapshot) = row_snapshot(conn, "meeting", id)? else {
        return Ok(None);
    };
    let pairs = |sql: &str| -> CoreResult<Vec<(i64, bool)>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_map([id], |row| Ok((row.get("member_id")?, row.get("present")?)))?
            .collect::<Result<_, _>>()?)
    };
    let participants = pairs(
        "SELECT participant_id AS member_id, present FROM meeting_participant \
         WHERE meeting_id = ?1 ORDER BY participant_id",
    )?;
    let attendees = pairs(
        "SELECT contact_id AS member_id, present FROM meeting_attendee WHERE meeting_id = ?1 \
         ORDER BY position",
    )?;
    for (name, list) in [("participants", &participants), ("attendees", &attendees)] {
        let all: Vec<i64> = list.iter().map(|(id, _)| *id).collect();
        let present: Vec<i64> = list.iter().filter(|(_, p)| *p).map(|(id, _)| *id).collect();
        snapshot.push(field(name, ids_text(&all), FieldRule::Keep));
        snapshot.push(field(
            format!("{name}_present"),
            ids_text(&present),
            FieldRule::Keep,
        ));
    }
    let mut agenda = conn.prepare_cached(
        "SELECT title, notes, sensitive FROM agenda_item WHERE meeting_id = ?1 ORDER BY position",
    )?;
    let items = agenda.query_map([id], |row| {
        Ok((
            row.get::<_, String>("title")?,
            row.get::<_, String>("notes")?,
            row.get::<_, bool>("sensitive")?,
        ))
    })?;
    for (n, item) in items.enumerate() {
        let (title, notes, sensitive) = item?;
        let n = n + 1;
        let notes_rule = if sensitive {
            FieldRule::Sensitive
        } else {
            FieldRule::Keep
        };
        snapshot.push(field(
            format!("agenda[{n}].title"),
            Some(title),
            FieldRule::Keep,
        ));
        snapshot.push(field(format!("agenda[{n}].notes"), Some(notes), notes_rule));
        snapshot.push(field(
            format!("agenda[{n}].sensitive"),
            Some(if sensitive { "1" } else { "0" }.to_string()),
            FieldRule::Keep,
        ));
    }
    let mut decisions =
        conn.prepare_cached("SELECT text FROM decision WHERE meeting_id = ?1 ORDER BY position")?;
    for (n, text) in decisions
        .query_map([id], |row| row.get::<_, String>("text"))?
        .enumerate()
    {
        snapshot.push(field(
            format!("decision[{}]", n + 1),
            Some(text?),
            FieldRule::Keep,
        ));
    }
    let mut actions = conn.prepare_cached(
        "SELECT what, responsible, due FROM action_item WHERE meeting_id = ?1 ORDER BY position",
    )?;
    let rows = actions.query_map([id], |row| {
        Ok((
            row.get::<_, String>("what")?,
            row.get::<_, String>("responsible")?,
            row.get::<_, String>("due")?,
        ))
    })?;
    for (n, action) in rows.enumerate() {
        let (what, responsible, due) = action?;
        let n = n + 1;
        snapshot.push(field(
            format!("action[{n}].what"),
            Some(what),
            FieldRule::Keep,
        ));
        snapshot.push(field(
            format!("action[{n}].responsible"),
            Some(responsible),
            FieldRule::Keep,
        ));
        snapshot.push(field(
            format!("action[{n}].due"),
            Some(due),
            FieldRule::Keep,
        ));
    }
    Ok(Some(snapshot))
}

fn meeting_participants(conn: &Connection, meeting_id: i64) -> CoreResult<Vec<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT participant_id FROM meeting_participant WHERE meeting_id = ?1 \
             ORDER BY participant_id",
        )?
        .query_map([meeting_id], |row| row.get("participant_id"))?
        .collect::<Result<_, _>>()?)
}

/// Captures a record (and the participants it concerns) for the trail.
pub(crate) fn capture(conn: &Connection, entity: AuditEntity, id: i64) -> CoreResult<Captured> {
    let snapshot = match entity {
        AuditEntity::Meeting => meeting_snapshot(conn, id)?,
        AuditEntity::RuleSettings
        | AuditEntity::AuditTrail
        | AuditEntity::Register
        | AuditEntity::ParticipantImport => None,
        _ => row_snapshot(conn, entity.as_str(), id)?,
    };
    let participants = match (entity, &snapshot) {
        (_, None) => Vec::new(),
        (AuditEntity::Participant, Some(_)) => vec![id],
        (AuditEntity::Meeting, Some(_)) => meeting_participants(conn, id)?,
        (AuditEntity::ArchiveFiling, Some(s)) => match snapshot_value(s, "meeting_id") {
            Some(meeting) => meeting_participants(conn, meeting.parse().unwrap_or_default())?,
            None => Vec::new(),
        },
        (_, Some(s)) => snapshot_value(s, "participant_id")
            .and_then(|v| v.parse().ok())
            .into_iter()
            .collect(),
    };
    Ok(Captured {
        snapshot,
        participants,
    })
}

/// One entry to append.
pub(crate) struct NewEntry<'a> {
    pub entity: AuditEntity,
    pub entity_id: Option<i64>,
    pub participant_id: Option<i64>,
    pub action: AuditAction,
    pub changes: &'a [FieldChange],
    pub reason: &'a str,
}

/// Appends one hash-chained row. Must run inside the caller's transaction.
pub(crate) fn append(conn: &Connection, entry: &NewEntry<'_>) -> CoreResult<i64> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")?
        .query_row([], |row| Ok((row.get("id")?, row.get("hash")?)))
        .optional()?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    // The core never reads the clock; SQLite's time inside the transaction
    // is the moment the change is written.
    let at: String = conn
        .prepare_cached("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS now")?
        .query_row([], |row| row.get("now"))?;
    let changes = encode_changes(entry.changes);
    let content = EntryContent {
        id,
        at: &at,
        entity_type: entry.entity.as_str(),
        entity_id: entry.entity_id,
        participant_id: entry.participant_id,
        action: entry.action.as_str(),
        changes: &changes,
        reason: entry.reason,
        prev_hash: &prev_hash,
    };
    let hash = entry_hash(&content);
    conn.prepare_cached(
        "INSERT INTO audit_event (id, at, entity_type, entity_id, participant_id, action, \
         changes, reason, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        at,
        content.entity_type,
        content.entity_id,
        content.participant_id,
        content.action,
        changes,
        content.reason,
        prev_hash,
        hash
    ])?;
    Ok(id)
}

/// Records the change of one record between two captures: one row per
/// participant it concerns (one row without a participant if none). An
/// update that changed nothing is not recorded.
pub(crate) fn record(
    conn: &Connection,
    entity: AuditEntity,
    entity_id: Option<i64>,
    action: AuditAction,
    before: &Captured,
    after: &Captured,
) -> CoreResult<()> {
    let changes = diff(before.snapshot.as_ref(), after.snapshot.as_ref());
    record_changes(
        conn,
        entity,
        entity_id,
        action,
        &changes,
        before,
        after,
        &if entity == AuditEntity::Participant {
            participant_reason(before.snapshot.as_ref(), after.snapshot.as_ref())
        } else {
            String::new()
        },
    )
}

#[allow(clippy::too_many_arguments)]
fn record_changes(
    conn: &Connection,
    entity: AuditEntity,
    entity_id: Option<i64>,
    action: AuditAction,
    changes: &[FieldChange],
    before: &Captured,
    after: &Captured,
    reason: &str,
) -> CoreResult<()> {
    if action == AuditAction::Update && changes.is_empty() {
        return Ok(());
    }
    let mut concerned: Vec<i64> = before
        .participants
        .iter()
        .chain(after.participants.iter())
        .copied()
        .collect();
    concerned.sort_unstable();
    concerned.dedup();
    let targets: Vec<Option<i64>> = if concerned.is_empty() {
        vec![None]
    } else {
        concerned.into_iter().map(Some).collect()
    };
    for participant_id in targets {
        append(
            conn,
            &NewEntry {
                entity,
                entity_id,
                participant_id,
                action,
                changes,
                reason,
            },
        )?;
    }
    Ok(())
}

/// Records a record just inserted.
pub(crate) fn audit_created(conn: &Connection, entity: AuditEntity, id: i64) -> CoreResult<()> {
    let after = capture(conn, entity, id)?;
    let before = Captured {
        snapshot: None,
        participants: Vec::new(),
    };
    record(conn, entity, Some(id), AuditAction::Create, &before, &after)
}

/// As [`audit_created`], with a reason (a participant's import file).
pub(crate) fn audit_created_with_reason(
    conn: &Connection,
    entity: AuditEntity,
    id: i64,
    reason: &str,
) -> CoreResult<()> {
    let after = capture(conn, entity, id)?;
    let before = Captured {
        snapshot: None,
        participants: Vec::new(),
    };
    let changes = diff(before.snapshot.as_ref(), after.snapshot.as_ref());
    record_changes(
        conn,
        entity,
        Some(id),
        AuditAction::Create,
        &changes,
        &before,
        &after,
        reason,
    )
}

/// A record captured before a change, to be recorded once the change is made.
#[must_use = "a change captured for the trail must be recorded"]
pub(crate) struct Pending {
    entity: AuditEntity,
    id: i64,
    before: Captured,
}

/// Captures a record before changing it, on the caller's transaction.
pub(crate) fn before_change(
    conn: &Connection,
    entity: AuditEntity,
    id: i64,
) -> CoreResult<Pending> {
    Ok(Pending {
        entity,
        id,
        before: capture(conn, entity, id)?,
    })
}

impl Pending {
    /// Captures the record again and records what changed, as `action`.
    pub(crate) fn record(self, conn: &Connection, action: AuditAction) -> CoreResult<()> {
        let after = capture(conn, self.entity, self.id)?;
        record(
            conn,
            self.entity,
            Some(self.id),
            action,
            &self.before,
            &after,
        )
    }

    /// As [`Pending::record`], with the caseworker's reason for the change
    /// (a reopened meeting's, for one).
    pub(crate) fn record_with_reason(
        self,
        conn: &Connection,
        action: AuditAction,
        reason: &str,
    ) -> CoreResult<()> {
        let after = capture(conn, self.entity, self.id)?;
        let changes = diff(self.before.snapshot.as_ref(), after.snapshot.as_ref());
        record_changes(
            conn,
            self.entity,
            Some(self.id),
            action,
            &changes,
            &self.before,
            &after,
            reason,
        )
    }
}

/// Records a change described by snapshots the caller made (the rule
/// settings, which are not one row).
pub(crate) fn audit_snapshots(
    conn: &Connection,
    entity: AuditEntity,
    action: AuditAction,
    before: Snapshot,
    after: Snapshot,
) -> CoreResult<()> {
    let wrap = |snapshot| Captured {
        snapshot: Some(snapshot),
        participants: Vec::new(),
    };
    record(conn, entity, None, action, &wrap(before), &wrap(after))
}

/// Records an export: what was exported, for whom, into which file name.
pub(crate) fn audit_export(
    conn: &Connection,
    entity: AuditEntity,
    entity_id: Option<i64>,
    participants: Vec<i64>,
    changes: &[FieldChange],
) -> CoreResult<()> {
    let none = Captured {
        snapshot: None,
        participants: Vec::new(),
    };
    let concerned = Captured {
        snapshot: None,
        participants,
    };
    record_changes(
        conn,
        entity,
        entity_id,
        AuditAction::Export,
        changes,
        &none,
        &concerned,
        "",
    )
}

/// Records an export of a meeting's minutes (one row of the sharing log)
/// for each participant the meeting concerns.
pub(crate) fn audit_minutes_export(
    conn: &Connection,
    meeting_id: i64,
    log_id: i64,
) -> CoreResult<()> {
    let logged = row_snapshot(conn, "sharing_log", log_id)?;
    audit_export(
        conn,
        AuditEntity::Meeting,
        Some(meeting_id),
        meeting_participants(conn, meeting_id)?,
        &diff(None, logged.as_ref()),
    )
}

const EVENT_COLUMNS: &str =
    "id, at, entity_type, entity_id, participant_id, action, changes, reason, prev_hash, hash";

fn event_from_row(row: &Row<'_>) -> rusqlite::Result<AuditEvent> {
    let changes: String = row.get("changes")?;
    Ok(AuditEvent {
        id: row.get("id")?,
        at: row.get("at")?,
        entity_type: row.get("entity_type")?,
        entity_id: row.get("entity_id")?,
        participant_id: row.get("participant_id")?,
        action: row.get("action")?,
        changes: decode_changes(&changes).unwrap_or_default(),
        reason: row.get("reason")?,
        prev_hash: row.get("prev_hash")?,
        hash: row.get("hash")?,
    })
}

fn utc_text(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Store {
    /// One participant's history: the entries that concern them, newest
    /// first, at most `limit` (and never more than [`HISTORY_LIMIT`]).
    pub fn audit_history(&self, participant_id: i64, limit: u32) -> CoreResult<Vec<AuditEvent>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM audit_event WHERE participant_id = ?1 \
             ORDER BY id DESC LIMIT ?2"
        ))?;
        let rows = statement.query_map(
            params![participant_id, limit.min(HISTORY_LIMIT)],
            event_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The entries matching `filter`, oldest first (for the export).
    pub fn audit_events(&self, filter: &AuditFilter) -> CoreResult<Vec<AuditEvent>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM audit_event WHERE (?1 IS NULL OR participant_id = ?1) \
             AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3) ORDER BY id"
        ))?;
        let rows = statement.query_map(
            params![
                filter.participant_id,
                filter.from.map(utc_text),
                filter.until.map(utc_text)
            ],
            event_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many entries the trail holds.
    pub fn audit_event_count(&self) -> CoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) AS count FROM audit_event", [], |row| {
                row.get("count")
            })?)
    }

    /// Checks the whole chain, oldest row first: each row must point to the
    /// hash of the row before it (the genesis value for the first) and its
    /// content must still give its own hash. Reports the first row where
    /// either fails.
    pub fn verify_audit_trail(&self) -> CoreResult<AuditVerification> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM audit_event ORDER BY id"
        ))?;
        // Entries an anonymisation redacted: each must give the hash
        // recorded for its new content, and each anonymisation's entry the
        // digest over the ones it redacted.
        let redactions: std::collections::HashMap<i64, (String, i64)> = self
            .conn
            .prepare("SELECT event_id, redacted_hash, anonymisation_event_id FROM audit_redaction")?
            .query_map([], |row| {
                Ok((
                    row.get("event_id")?,
                    (
                        row.get("redacted_hash")?,
                        row.get("anonymisation_event_id")?,
                    ),
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut redacted_by: std::collections::BTreeMap<i64, Vec<(i64, String)>> =
            std::collections::BTreeMap::new();
        for (event, (hash, anonymisation)) in &redactions {
            redacted_by
                .entry(*anonymisation)
                .or_default()
                .push((*event, hash.clone()));
        }
        let mut rows = statement.query([])?;
        let mut expected_prev = GENESIS_HASH.to_string();
        let mut checked = 0_i64;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get("id")?;
            let at: String = row.get("at")?;
            let entity_type: String = row.get("entity_type")?;
            let action: String = row.get("action")?;
            let changes: String = row.get("changes")?;
            let reason: String = row.get("reason")?;
            let prev_hash: String = row.get("prev_hash")?;
            let hash: String = row.get("hash")?;
            if prev_hash != expected_prev {
                return Ok(AuditVerification::Broken {
                    row_id: id,
                    problem: AuditProblem::PrevHashMismatch,
                    rows_intact: checked,
                });
            }
            let content = EntryContent {
                id,
                at: &at,
                entity_type: &entity_type,
                entity_id: row.get("entity_id")?,
                participant_id: row.get("participant_id")?,
                action: &action,
                changes: &changes,
                reason: &reason,
                prev_hash: &prev_hash,
            };
            let expected_hash = redactions.get(&id).map_or(&hash, |(redacted, _)| redacted);
            let digest_holds = || {
                let recorded = decode_changes(&changes)
                    .and_then(|c| c.into_iter().find(|c| c.field == "redaction_digest"))
                    .and_then(|c| c.to);
                let made = redacted_by.get(&id).map(|r| redaction_digest(r));
                recorded == made.or_else(|| Some(redaction_digest(&[])))
            };
            if entry_hash(&content) != *expected_hash
                || (action == AuditAction::Anonymise.as_str() && !digest_holds())
            {
                return Ok(AuditVerification::Broken {
                    row_id: id,
                    problem: AuditProblem::ContentHashMismatch,
                    rows_intact: checked,
                });
            }
            expected_prev = hash;
            checked += 1;
        }
        // A redaction claimed by an entry that is no anonymisation (or by
        // none at all) is an edit the checks above did not see.
        let claimed: std::collections::HashSet<i64> = self
            .conn
            .prepare("SELECT id FROM audit_event WHERE action = ?1")?
            .query_map([AuditAction::Anonymise.as_str()], |row| row.get("id"))?
            .collect::<Result<_, _>>()?;
        if let Some((&by, redacted)) = redacted_by.iter().find(|(by, _)| !claimed.contains(by)) {
            return Ok(AuditVerification::Broken {
                row_id: redacted.iter().map(|(id, _)| *id).min().unwrap_or(by),
                problem: AuditProblem::ContentHashMismatch,
                rows_intact: checked,
            });
        }
        Ok(AuditVerification::Intact {
            rows: checked,
            last_hash: expected_prev,
        })
    }

    /// The name of the record an entry refers to by its id (a meeting's
    /// convener, a team member, a participant), for showing the trail in
    /// words; `None` when no such record exists any more. Archived
    /// participants and contacts and deleted organisations keep their
    /// rows, so they are still named.
    pub fn referenced_name(&self, kind: Referenced, id: i64) -> CoreResult<Option<String>> {
        let sql = match kind {
            Referenced::Participant => {
                "SELECT given_name || ' ' || family_name AS name FROM participant WHERE id = ?1"
            }
            Referenced::Contact => "SELECT name FROM contact WHERE id = ?1",
            Referenced::Organisation => "SELECT name FROM organisation WHERE id = ?1",
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([id], |row| row.get("name"))
            .optional()?)
    }

    /// Records that the audit trail was exported: the period, the
    /// participant filter, how many entries and the file name (never the
    /// folder).
    pub fn log_audit_export(
        &mut self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        participant_id: Option<i64>,
        entries: usize,
        file_name: &str,
    ) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let text = |date: Option<NaiveDate>| date.map(|d| d.to_string());
        let mut changes = Vec::new();
        for (name, value) in [
            ("period_from", text(from)),
            ("period_to", text(to)),
            ("participant_id", participant_id.map(|id| id.to_string())),
            ("entries", Some(entries.to_string())),
            ("file_name", Some(file_name.to_string())),
        ] {
            if value.is_some() {
                changes.push(FieldChange {
                    field: name.to_string(),
                    from: None,
                    to: value,
                });
            }
        }
        audit_export(
            &tx,
            AuditEntity::AuditTrail,
            None,
            participant_id.into_iter().collect(),
            &changes,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records a decision about the register as a whole (restored from a
    /// backup, started anew, kept despite a newer backup), with `changes`
    /// saying which file and what it held. Besides telling internal control
    /// what happened, the entry parts the register's history from backups
    /// of the history it left, so those are not taken for newer copies of it.
    pub fn log_register_event(
        &mut self,
        action: AuditAction,
        changes: &[(&str, String)],
        reason: &str,
    ) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let changes: Vec<FieldChange> = changes
            .iter()
            .map(|(field, value)| FieldChange {
                field: field.to_string(),
                from: None,
                to: Some(value.clone()),
            })
            .collect();
        append(
            &tx,
            &NewEntry {
                entity: AuditEntity::Register,
                entity_id: None,
                participant_id: None,
                action,
                changes: &changes,
                reason,
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit_fields::{generic_field, recorded_fields};
    use std::collections::BTreeSet;

    fn listed(entity: AuditEntity) -> BTreeSet<String> {
        recorded_fields()
            .into_iter()
            .filter(|(e, _, _)| *e == entity)
            .map(|(_, name, _)| name.to_string())
            .collect()
    }

    /// The columns of `table` that the trail records (not left out).
    fn recorded_columns(conn: &Connection, table: &str) -> BTreeSet<String> {
        conn.prepare(&format!("PRAGMA table_info({table})"))
            .unwrap()
            .query_map([], |row| row.get::<_, String>(1))
            .unwrap()
            .map(Result::unwrap)
            .filter(|column| field_rule(table, column) != FieldRule::Omit)
            .collect()
    }

    /// The list of recorded fields (`domain/audit_fields.rs`) names every
    /// column the trail records, table by table, as the migrations leave
    /// the schema: a column added later fails here until it is listed, and
    /// with it its label (tests/choices_in_step.rs).
    #[test]
    fn every_recorded_column_is_listed_with_what_it_holds() {
        let store = Store::open_in_memory().unwrap();
        for entity in AuditEntity::ALL.iter().copied() {
            let expected: BTreeSet<String> = match entity {
                // Not one row: their fields are listed by hand, and the
                // demo's trail below shows they are the ones written.
                AuditEntity::RuleSettings
                | AuditEntity::AuditTrail
                | AuditEntity::ExportedFile
                | AuditEntity::Register
                | AuditEntity::ParticipantImport => continue,
                AuditEntity::Meeting => {
                    let mut columns = recorded_columns(&store.conn, "meeting");
                    columns.extend(recorded_columns(&store.conn, "sharing_log"));
                    columns.extend(
                        [
                            "participants",
                            "participants_present",
                            "attendees",
                            "attendees_present",
                            "agenda[].title",
                            "agenda[].notes",
                            "agenda[].sensitive",
                            "decision[]",
                            "action[].what",
                            "action[].responsible",
                            "action[].due",
                        ]
                        .map(String::from),
                    );
                    columns
                }
                AuditEntity::Participant => {
                    // An anonymisation records what replaced the person,
                    // not a column.
                    let mut columns = recorded_columns(&store.conn, "participant");
                    columns.extend(
                        ["case_reference", "redacted_entries", "redaction_digest"]
                            .map(String::from),
                    );
                    columns
                }
                _ => recorded_columns(&store.conn, entity.as_str()),
            };
            assert_eq!(
                listed(entity),
                expected,
                "{entity:?}: the listed fields should be exactly the recorded columns"
            );
        }
    }

    /// Every field the demo register's trail holds (every kind of record,
    /// meetings with their minutes, an export) is in the list.
    #[test]
    fn every_field_in_a_real_trail_is_listed() {
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        crate::demo::seed_demo(&mut store, today).unwrap();
        store
            .log_audit_export(None, Some(today), Some(1), 3, "logg.csv")
            .unwrap();
        store
            .log_register_event(AuditAction::Restore, &[("backup_file", "b".into())], "")
            .unwrap();
        store
            .log_file_export(
                &crate::domain::export::ExportRecord {
                    kind: crate::domain::export::ExportKind::ParticipantList,
                    format: "xlsx".into(),
                    rows: 3,
                    filter: "Aktive".into(),
                    participants: vec![1],
                },
                "deltakere.xlsx",
            )
            .unwrap();
        let mut settings = store.rule_settings().unwrap();
        settings.plan_review_months += 1;
        store.save_rule_settings(&settings, today).unwrap();
        let known: BTreeSet<(String, String)> = recorded_fields()
            .into_iter()
            .map(|(e, name, _)| (e.as_str().to_string(), name.to_string()))
            .collect();
        let mut seen = BTreeSet::new();
        for event in store.audit_events(&AuditFilter::default()).unwrap() {
            for change in &event.changes {
                let field = (event.entity_type.clone(), generic_field(&change.field));
                assert!(
                    known.contains(&field),
                    "{field:?} is recorded but not listed in domain/audit_fields.rs"
                );
                seen.insert(field);
            }
        }
        assert!(
            seen.contains(&("meeting".into(), "agenda[].title".into()))
                && seen.contains(&("meeting".into(), "convened_by".into())),
            "the demo should record minutes and a convener: {seen:?}"
        );
    }
}
