//! Access requests: a participant asks what is held about them (GDPR art.
//! 15; forvaltningsloven § 18 for party access). The request is recorded
//! when received, its answer is due one month later
//! ([`crate::domain::access_request::answer_due`]) and shown on the overview
//! until answered, and the answer is made from the register itself: every
//! fact, deadline, team membership, meeting (as the participant's own copy
//! of its minutes, their sensitive notes included, other people's left out
//! and marked so), every sharing of their minutes, the change history in
//! words, where the data came from and how long they are kept.
//!
//! Only what concerns the person is written: a meeting about several
//! names only them, and the history shows other participants by count,
//! never by name.

use crate::domain::access_request::{answer_due, answer_rule};
use crate::domain::audit::{AuditAction, AuditEntity, FieldRule, Snapshot};
use crate::domain::audit_fields::{field_value, FieldValue, Referenced};
use crate::domain::date::format_date;
use crate::domain::fields::{finish, not_future, required_date};
use crate::domain::meeting::Recipient;
use crate::domain::minutes::compose_minutes;
use crate::error::{CoreError, CoreResult, ValidationErrors};
use crate::export::minutes::MinutesDocument;
use crate::language::{catalogue, Catalogue, Language};
use crate::store::audit::{audit_created, before_change, row_snapshot};
use crate::store::Store;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;

/// One access request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequest {
    /// Its id.
    pub id: i64,
    /// Who asked.
    pub participant_id: i64,
    /// Their name, as the register holds it.
    pub name: String,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// The day the answer is due.
    pub due: NaiveDate,
    /// The day it was answered, if it was.
    pub answered_on: Option<NaiveDate>,
    /// The answer's file name; empty until answered.
    pub answer_file: String,
}

/// One record about the person, as the answer's JSON gives it: each
/// column's stored value.
pub type RawRecord = BTreeMap<String, Option<String>>;

/// The answer to an access request: what the PDF says, and the same data
/// as the JSON beside it gives them, by their stored names and values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessAnswer {
    /// The request.
    pub request_id: i64,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// The day it is answered.
    pub answered_on: NaiveDate,
    /// The participant's record.
    pub participant: RawRecord,
    /// Each kind of record about them (`registrable_event`, `leave`,
    /// `task`, `programme_extension`, `team_membership`, `deadline`), its rows.
    pub records: BTreeMap<String, Vec<RawRecord>>,
    /// Each meeting about them, as their own copy of its minutes.
    pub meetings: Vec<MinutesDocument>,
    /// Every time minutes about them were shared: when, with whom, on what
    /// legal basis, in which file.
    pub sharing: Vec<RawRecord>,
    /// The change history: when, what, which fields, old and new values.
    pub history: Vec<RawRecord>,
    /// The retention period in years after the programme ends, if set.
    pub retention_years: Option<u32>,
    /// The same answer as the PDF's document.
    pub document: MinutesDocument,
}

/// The kinds of records about a participant listed in the answer, each
/// with the audit trail's entity (for its labels and values).
const RECORD_TABLES: &[(&str, AuditEntity)] = &[
    ("registrable_event", AuditEntity::RegistrableEvent),
    ("leave", AuditEntity::Leave),
    ("task", AuditEntity::Task),
    ("programme_extension", AuditEntity::ProgrammeExtension),
    ("team_membership", AuditEntity::TeamMembership),
];

fn raw(snapshot: &Snapshot) -> RawRecord {
    snapshot
        .iter()
        .filter(|f| f.rule != FieldRule::Omit)
        .map(|f| (f.name.clone(), f.value.clone()))
        .collect()
}

fn parse_received(text: &str, today: NaiveDate) -> Result<NaiveDate, ValidationErrors> {
    let mut errors = Vec::new();
    let received = required_date(&mut errors, "receivedOn", text);
    not_future(&mut errors, "receivedOn", received, today);
    finish(errors, || {
        received.expect("a required date without an error")
    })
}

fn request_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AccessRequest> {
    let received_on: NaiveDate = row.get("received_on")?;
    Ok(AccessRequest {
        id: row.get("id")?,
        participant_id: row.get("participant_id")?,
        name: row.get("name")?,
        received_on,
        due: answer_due(received_on),
        answered_on: row.get("answered_on")?,
        answer_file: row.get("answer_file")?,
    })
}

const REQUEST_COLUMNS: &str = "r.id AS id, r.participant_id AS participant_id, \
     p.given_name || ' ' || p.family_name AS name, r.received_on AS received_on, \
     r.answered_on AS answered_on, r.answer_file AS answer_file";

impl Store {
    /// Records that `participant_id` asked for access on the day typed in
    /// `received_on` (`dd.mm.åååå`, not after `today`); audited.
    pub fn record_access_request(
        &mut self,
        participant_id: i64,
        received_on: &str,
        today: NaiveDate,
    ) -> CoreResult<AccessRequest> {
        let received = parse_received(received_on, today).map_err(CoreError::from)?;
        let tx = self.conn.transaction()?;
        crate::store::participants::ensure_participant(&tx, participant_id)?;
        tx.prepare_cached(
            "INSERT INTO access_request (participant_id, received_on) VALUES (?1, ?2)",
        )?
        .execute(params![participant_id, received])?;
        let id = tx.last_insert_rowid();
        audit_created(&tx, AuditEntity::AccessRequest, id)?;
        tx.commit()?;
        self.access_request(id)
    }

    /// One access request.
    pub fn access_request(&self, id: i64) -> CoreResult<AccessRequest> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM access_request AS r \
                 JOIN participant AS p ON p.id = r.participant_id WHERE r.id = ?1"
            ))?
            .query_row([id], request_from_row)
            .optional()?
            .ok_or(CoreError::RecordNotFound(id))
    }

    /// Every access request of `participant_id`, newest first.
    pub fn access_requests(&self, participant_id: i64) -> CoreResult<Vec<AccessRequest>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM access_request AS r \
             JOIN participant AS p ON p.id = r.participant_id \
             WHERE r.participant_id = ?1 ORDER BY r.received_on DESC, r.id DESC"
        ))?;
        let rows = statement.query_map([participant_id], request_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every access request not yet answered, the one due first first.
    pub fn open_access_requests(&self) -> CoreResult<Vec<AccessRequest>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM access_request AS r INDEXED BY access_request_open \
             JOIN participant AS p ON p.id = r.participant_id \
             WHERE r.answered_on IS NULL ORDER BY r.received_on, r.id"
        ))?;
        let rows = statement.query_map([], request_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that request `id` was answered `today` with the file
    /// `file_name` (never the folder); audited.
    pub fn mark_access_answered(
        &mut self,
        id: i64,
        today: NaiveDate,
        file_name: &str,
    ) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let audit = before_change(&tx, AuditEntity::AccessRequest, id)?;
        let changed = tx
            .prepare_cached(
                "UPDATE access_request SET answered_on = max(received_on, ?2), answer_file = ?3 \
                 WHERE id = ?1",
            )?
            .execute(params![id, today, file_name])?;
        if changed == 0 {
            return Err(CoreError::RecordNotFound(id));
        }
        audit.record(&tx, AuditAction::Complete)?;
        tx.commit()?;
        Ok(())
    }

    /// The answer to request `request_id` as of `today`, its document made
    /// at `created` in `language`.
    pub fn access_answer(
        &self,
        request_id: i64,
        today: NaiveDate,
        created: DateTime<FixedOffset>,
        language: Language,
    ) -> CoreResult<AccessAnswer> {
        let request = self.access_request(request_id)?;
        let person = request.participant_id;
        let texts = catalogue(language);
        let letterhead = self.letterhead()?;
        let participant_snapshot = row_snapshot(&self.conn, "participant", person)?
            .ok_or(CoreError::ParticipantNotFound(person))?;
        let mut records = BTreeMap::new();
        let mut record_blocks = Vec::new();
        for (table, entity) in RECORD_TABLES {
            let ids: Vec<i64> = self
                .conn
                .prepare_cached(&format!(
                    "SELECT id FROM {table} WHERE participant_id = ?1 ORDER BY id"
                ))?
                .query_map([person], |row| row.get("id"))?
                .collect::<Result<_, _>>()?;
            let mut rows = Vec::new();
            for id in ids {
                if let Some(snapshot) = row_snapshot(&self.conn, table, id)? {
                    record_blocks.push((*entity, snapshot.clone()));
                    rows.push(raw(&snapshot));
                }
            }
            records.insert((*table).to_string(), rows);
        }
        let deadlines = self.deadline_rows(person)?;
        records.insert("deadline".into(), deadlines.clone());

        let meeting_ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT m.id FROM meeting AS m JOIN meeting_participant AS mp ON mp.meeting_id = m.id \
                 WHERE mp.participant_id = ?1 AND m.completed_on IS NOT NULL ORDER BY m.date, m.id",
            )?
            .query_map([person], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let mut meetings = Vec::new();
        for id in meeting_ids {
            let meeting = self.meeting(id)?;
            meetings.push(compose_minutes(
                &meeting,
                Recipient::Participant,
                Some(person),
                &letterhead,
                created,
                language,
            ));
        }
        let sharing = self.sharing_rows(person)?;
        let history = self.history_rows(person, texts)?;
        let retention_years = self.retention_setting()?.map(|s| s.years);

        let answer_words = AnswerWords {
            texts,
            store: self,
            person,
        };
        let document = crate::export::access_answer::access_answer_document(
            &crate::export::access_answer::AnswerContent {
                title: texts.render(
                    "access.title",
                    &[("name", crate::language::Arg::Text(request.name.clone()))],
                ),
                letterhead: &letterhead,
                received_on: request.received_on,
                due: request.due,
                answered_on: today,
                rule: answer_rule(request.received_on),
                facts: answer_words.record(AuditEntity::Participant, &participant_snapshot),
                records: record_blocks
                    .iter()
                    .map(|(entity, snapshot)| (*entity, answer_words.record(*entity, snapshot)))
                    .collect(),
                deadlines: &deadlines,
                meetings: &meetings,
                sharing: &sharing,
                history: &history,
                sources: self.source_lines(person, texts)?,
                retention_years,
            },
            created,
            language,
        );
        Ok(AccessAnswer {
            request_id,
            received_on: request.received_on,
            answered_on: today,
            participant: raw(&participant_snapshot),
            records,
            meetings,
            sharing,
            history,
            retention_years,
            document,
        })
    }

    fn deadline_rows(&self, person: i64) -> CoreResult<Vec<RawRecord>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT kind, due, state, done_on, reference FROM deadline \
             WHERE participant_id = ?1 ORDER BY due, id",
        )?;
        let rows = statement.query_map([person], |row| {
            let mut record = RawRecord::new();
            for column in ["kind", "due", "state", "done_on", "reference"] {
                record.insert(column.to_string(), row.get::<_, Option<String>>(column)?);
            }
            Ok(record)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The sharing of minutes about `person`: their own copies and the
    /// copies that name everyone, never another participant's own copy.
    fn sharing_rows(&self, person: i64) -> CoreResult<Vec<RawRecord>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT s.exported_at, m.kind AS meeting_kind, m.date AS meeting_date, s.recipient, \
               s.legal_basis, s.file_name, s.minutes_version \
             FROM sharing_log AS s JOIN meeting AS m ON m.id = s.meeting_id \
             WHERE s.meeting_id IN (SELECT meeting_id FROM meeting_participant WHERE participant_id = ?1) \
               AND (s.copy_for IS NULL OR s.copy_for = ?1) \
             ORDER BY s.exported_at, s.id",
        )?;
        let rows = statement.query_map([person], |row| {
            let mut record = RawRecord::new();
            for column in [
                "exported_at",
                "meeting_kind",
                "meeting_date",
                "recipient",
                "legal_basis",
                "file_name",
            ] {
                record.insert(column.to_string(), row.get::<_, Option<String>>(column)?);
            }
            record.insert(
                "minutes_version".into(),
                Some(row.get::<_, i64>("minutes_version")?.to_string()),
            );
            Ok(record)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The trail's entries about `person`, oldest first, one record per
    /// changed field (`at`, `entity`, `action`, `field`, `from`, `to`,
    /// `reason`), values in words. Other participants are counted, not
    /// named.
    fn history_rows(&self, person: i64, texts: &Catalogue) -> CoreResult<Vec<RawRecord>> {
        let words = AnswerWords {
            texts,
            store: self,
            person,
        };
        let entries = self.audit_events(&crate::store::audit::AuditFilter {
            participant_id: Some(person),
            ..Default::default()
        })?;
        let mut rows = Vec::new();
        for event in entries {
            let crate::store::audit::AuditEvent {
                at,
                entity_type,
                action,
                changes,
                reason,
                ..
            } = event;
            let entity = AuditEntity::from_str_id(&entity_type);
            let base = |field: String, from: String, to: String| {
                let mut record = RawRecord::new();
                record.insert("at".into(), Some(at.clone()));
                record.insert("entity".into(), Some(entity_type.clone()));
                record.insert("action".into(), Some(action.clone()));
                record.insert("field".into(), Some(field));
                record.insert("from".into(), Some(from));
                record.insert("to".into(), Some(to));
                record.insert("reason".into(), Some(reason.clone()));
                record
            };
            if changes.is_empty() {
                rows.push(base(String::new(), String::new(), String::new()));
            }
            for change in changes {
                let label = words.field_label(&change.field);
                let (from, to) = match entity {
                    Some(entity) => (
                        words.value(entity, &change.field, change.from.as_deref()),
                        words.value(entity, &change.field, change.to.as_deref()),
                    ),
                    None => (
                        change.from.clone().unwrap_or_default(),
                        change.to.clone().unwrap_or_default(),
                    ),
                };
                rows.push(base(label, from, to));
            }
        }
        Ok(rows)
    }

    /// Where the data came from: the caseworker's own registration, an
    /// imported spreadsheet (its file name), and the meetings.
    fn source_lines(&self, person: i64, texts: &Catalogue) -> CoreResult<Vec<String>> {
        let created_reason: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT reason FROM audit_event WHERE participant_id = ?1 \
                 AND entity_type = 'participant' AND action = 'create' ORDER BY id LIMIT 1",
            )?
            .query_row([person], |row| row.get("reason"))
            .optional()?;
        let mut lines = vec![match created_reason.filter(|r| !r.is_empty()) {
            Some(reason) => texts.render(
                "access.source.imported",
                &[("reason", crate::language::Arg::Text(reason))],
            ),
            None => texts.render("access.source.registered", &[]),
        }];
        lines.push(texts.render("access.source.meetings", &[]));
        lines.push(texts.render("access.source.computed", &[]));
        Ok(lines)
    }
}

/// Labels and values in words for the answer, naming only the person.
struct AnswerWords<'a> {
    texts: &'a Catalogue,
    store: &'a Store,
    person: i64,
}

impl AnswerWords<'_> {
    fn field_label(&self, field: &str) -> String {
        let generic = crate::domain::audit_fields::generic_field(field);
        let n = field
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
        let key = format!("audit.field.{generic}");
        if self.texts.get(&key).is_some() {
            self.texts
                .render(&key, &[("n", crate::language::Arg::Text(n))])
        } else {
            field.to_string()
        }
    }

    /// One stored value in words; other participants as a count.
    fn value(&self, entity: AuditEntity, field: &str, value: Option<&str>) -> String {
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            return String::new();
        };
        match field_value(entity, field) {
            // A date, or a moment stored as local date and time (a
            // sharing's time), as a reader writes them.
            FieldValue::Date => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(format_date)
                .or_else(|_| {
                    chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S%.f")
                        .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
                })
                .unwrap_or_else(|_| value.to_string()),
            FieldValue::YesNo => match value {
                "1" | "true" => self.texts.render("detail.yes", &[]),
                "0" | "false" => self.texts.render("detail.no", &[]),
                other => other.to_string(),
            },
            FieldValue::Choice(set) => {
                let key = format!("{}.{value}", set.name());
                if self.texts.get(&key).is_some() {
                    self.texts.render(&key, &[])
                } else {
                    value.to_string()
                }
            }
            FieldValue::Reference(kind) | FieldValue::References(kind) => {
                let ids: Vec<i64> = value
                    .split(", ")
                    .filter_map(|id| id.trim().parse().ok())
                    .collect();
                self.names(kind, &ids)
            }
            FieldValue::Text | FieldValue::Time => value.to_string(),
        }
    }

    fn names(&self, kind: Referenced, ids: &[i64]) -> String {
        let mut names = Vec::new();
        let mut others = 0;
        for &id in ids {
            if kind == Referenced::Participant && id != self.person {
                others += 1;
                continue;
            }
            names.push(
                self.store
                    .referenced_name(kind, id)
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| id.to_string()),
            );
        }
        if others > 0 {
            names.push(self.texts.render(
                if others == 1 {
                    "minutes.othersUnnamed.one"
                } else {
                    "minutes.othersUnnamed.other"
                },
                &[("count", crate::language::Arg::Number(others as i64))],
            ));
        }
        names.join(", ")
    }

    /// A record's fields as label and value, empty ones and bookkeeping
    /// left out; the identity number in full (it is the person's own).
    fn record(&self, entity: AuditEntity, snapshot: &Snapshot) -> Vec<(String, String)> {
        snapshot
            .iter()
            .filter(|f| f.rule != FieldRule::Omit && f.name != "participant_id")
            .filter_map(|f| {
                let value = self.value(entity, &f.name, f.value.as_deref());
                (!value.is_empty()).then(|| (self.field_label(&f.name), value))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
    }

    fn text_of(document: &MinutesDocument) -> String {
        let mut text = document.title.clone();
        for block in &document.blocks {
            match block {
                crate::export::minutes::Block::Heading { text: t }
                | crate::export::minutes::Block::Subheading { text: t }
                | crate::export::minutes::Block::Paragraph { text: t }
                | crate::export::minutes::Block::Notice { text: t } => {
                    text.push('\n');
                    text.push_str(t);
                }
                crate::export::minutes::Block::Facts { rows } => {
                    for (label, value) in rows {
                        text.push_str(&format!("\n{label}: {value}"));
                    }
                }
                crate::export::minutes::Block::Table(table) => {
                    text.push('\n');
                    text.push_str(&table.headers.join(" | "));
                    for row in &table.rows {
                        text.push('\n');
                        text.push_str(&row.join(" | "));
                    }
                }
            }
        }
        text
    }

    #[test]
    fn the_answer_holds_the_persons_facts_notes_and_sharing_and_nobody_elses_name() {
        let mut store = Store::open_in_memory().unwrap();
        let today = day("22.11.2026");
        crate::demo::seed_demo(&mut store, today).unwrap();
        let person = crate::demo::triangle_participant(&store);
        let others: Vec<String> = store
            .conn
            .prepare("SELECT given_name || ' ' || family_name FROM participant WHERE id <> ?1")
            .unwrap()
            .query_map([person], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // Refusals: a day in the future, no day at all.
        assert_eq!(
            store
                .record_access_request(person, "23.11.2026", today)
                .unwrap_err()
                .code(),
            "date_in_future"
        );
        assert_eq!(
            store
                .record_access_request(person, "", today)
                .unwrap_err()
                .code(),
            "required"
        );
        let request = store
            .record_access_request(person, "20.11.2026", today)
            .unwrap();
        assert_eq!(request.due, day("20.12.2026"));
        assert_eq!(store.open_access_requests().unwrap(), vec![request.clone()]);

        let created = FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
            .unwrap();
        let answer = store
            .access_answer(request.id, today, created, Language::Bokmal)
            .unwrap();
        let text = text_of(&answer.document);
        let details = store.participant(person).unwrap().details;
        let health =
            crate::language::catalogue(Language::Bokmal).render("demo.triangle.healthNotes", &[]);
        for expected in [
            details.given_name.as_str(),
            details.family_name.as_str(),
            health.as_str(),
            "NAV",
            "Integreringsloven § 41",
            "personvernforordningen artikkel 12 nr. 3",
        ] {
            assert!(
                text.contains(expected),
                "the answer should hold {expected:?}:\n{text}"
            );
        }
        for other in &others {
            assert!(
                !text.contains(other.as_str()),
                "{other} is named in the answer:\n{text}"
            );
        }
        let json = serde_json::to_string(&answer).unwrap();
        for other in &others {
            assert!(
                !json.contains(other.as_str()),
                "{other} is named in the JSON"
            );
        }
        assert!(json.contains(&details.given_name));

        store
            .mark_access_answered(request.id, today, "introspor-innsyn-AH-1-2026-11-22.pdf")
            .unwrap();
        assert!(store.open_access_requests().unwrap().is_empty());
        let answered = store.access_request(request.id).unwrap();
        assert_eq!(answered.answered_on, Some(today));
        assert!(matches!(
            store.verify_audit_trail().unwrap(),
            crate::store::audit::AuditVerification::Intact { .. }
        ));
    }
}
