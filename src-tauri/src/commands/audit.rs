//! Commands for the audit trail: a participant's history, checking the
//! chain, and exporting a period as CSV.

use crate::commands::export::{bytes, export_file};
use crate::error::{in_window_language, IpcError};
use crate::save_dialog::SaveRequest;
use crate::state::AppState;
use crate::transport::audit::{
    AuditChangeDto, AuditEntryDto, AuditExportDto, AuditVerificationDto,
};
use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use introspor_core::domain::audit::AuditEntity;
use introspor_core::domain::audit_fields::{field_value, FieldValue, Referenced};
use introspor_core::domain::date::parse_date;
use introspor_core::export::audit_csv::{audit_csv, display_value, entry_time};
use introspor_core::export::file_name::{offered_name, OfferedFile};
use introspor_core::language::Message;
use introspor_core::messages;
use introspor_core::store::audit::{
    AuditEvent, AuditFilter, AuditProblem, AuditVerification, HISTORY_LIMIT,
};
use introspor_core::{CoreError, Store};
use std::collections::HashMap;
use tauri::State;

/// The names behind the ids an entry refers to, looked up once per id for
/// a whole history.
struct Names<'a> {
    store: &'a Store,
    known: HashMap<(Referenced, i64), String>,
}

impl<'a> Names<'a> {
    fn new(store: &'a Store) -> Self {
        Self {
            store,
            known: HashMap::new(),
        }
    }

    /// The name behind one id, or `(slettet)` when the record is gone.
    fn of(&mut self, kind: Referenced, id: i64) -> Result<String, IpcError> {
        if let Some(name) = self.known.get(&(kind, id)) {
            return Ok(name.clone());
        }
        let name = self
            .store
            .referenced_name(kind, id)?
            .unwrap_or_else(|| in_window_language(&messages::AUDIT_RECORD_GONE));
        self.known.insert((kind, id), name.clone());
        Ok(name)
    }

    /// The names a stored value stands for: one id, or ids separated by
    /// `", "`. A value that is no id (an entry tampered with) stays as it is.
    fn text(&mut self, kind: Referenced, value: Option<&str>) -> Result<Option<String>, IpcError> {
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let names = value
            .split(", ")
            .map(|part| match part.trim().parse::<i64>() {
                Ok(id) => self.of(kind, id),
                Err(_) => Ok(part.to_string()),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(names.join(", ")))
    }
}

/// A stored time of day (`HH:MM:SS`) as a reader writes it (`HH:MM`).
fn time_text(value: &str) -> String {
    match value.get(..5) {
        Some(hours_minutes) if value.as_bytes()[2] == b':' => hours_minutes.to_string(),
        _ => value.to_string(),
    }
}

fn entry_dto<Tz: TimeZone>(
    event: AuditEvent,
    zone: &Tz,
    names: &mut Names<'_>,
) -> Result<AuditEntryDto, IpcError>
where
    Tz::Offset: std::fmt::Display,
{
    let entity = AuditEntity::from_str_id(&event.entity_type);
    let at = entry_time(&event, zone);
    let mut changes = Vec::with_capacity(event.changes.len());
    for c in event.changes {
        let value = entity
            .map(|e| field_value(e, &c.field))
            .unwrap_or(FieldValue::Text);
        let shown = |v: Option<&String>| match (value, v) {
            (_, None) => String::new(),
            (FieldValue::Time, Some(v)) => time_text(v),
            (_, Some(v)) => display_value(v, zone),
        };
        let (from_text, to_text) = match value {
            FieldValue::Reference(kind) | FieldValue::References(kind) => (
                names.text(kind, c.from.as_deref())?,
                names.text(kind, c.to.as_deref())?,
            ),
            _ => (None, None),
        };
        changes.push(AuditChangeDto {
            from: shown(c.from.as_ref()),
            to: shown(c.to.as_ref()),
            field: c.field,
            kind: value.as_str(),
            choice: match value {
                FieldValue::Choice(set) => Some(set.name()),
                _ => None,
            },
            from_text,
            to_text,
        });
    }
    Ok(AuditEntryDto {
        id: event.id,
        at,
        entity_type: event.entity_type,
        entity_id: event.entity_id,
        participant_id: event.participant_id,
        action: event.action,
        reason: event.reason,
        changes,
    })
}

/// One participant's history, newest first (at most [`HISTORY_LIMIT`]),
/// with the names behind the ids it refers to.
pub fn history<Tz: TimeZone>(
    store: &Store,
    participant_id: i64,
    zone: &Tz,
) -> Result<Vec<AuditEntryDto>, IpcError>
where
    Tz::Offset: std::fmt::Display,
{
    if !store.participant_exists(participant_id)? {
        return Err(CoreError::ParticipantNotFound(participant_id).into());
    }
    let mut names = Names::new(store);
    store
        .audit_history(participant_id, HISTORY_LIMIT)?
        .into_iter()
        .map(|e| entry_dto(e, zone, &mut names))
        .collect()
}

/// Checks the whole chain.
pub fn verify(store: &Store) -> Result<AuditVerificationDto, IpcError> {
    Ok(match store.verify_audit_trail()? {
        AuditVerification::Intact { rows, last_hash } => AuditVerificationDto {
            intact: true,
            rows,
            row_id: None,
            problem: String::new(),
            message: String::new(),
            last_hash,
        },
        AuditVerification::Broken {
            row_id,
            problem,
            rows_intact,
        } => {
            tracing::error!(row_id, problem = problem.as_str(), "audit trail broken");
            AuditVerificationDto {
                intact: false,
                rows: rows_intact,
                row_id: Some(row_id),
                problem: problem.as_str().to_string(),
                message: in_window_language(&match problem {
                    AuditProblem::ContentHashMismatch => messages::AUDIT_CONTENT_CHANGED,
                    AuditProblem::PrevHashMismatch => messages::AUDIT_LINK_BROKEN,
                }),
                last_hash: String::new(),
            }
        }
    })
}

fn date_error(field: &str, code: &str, message: Message) -> IpcError {
    let mut error = IpcError::new(code, message);
    error.field = Some(field.to_string());
    error
}

/// The period typed on the control screen (`dd.mm.åååå`, either may be
/// empty), checked: both real dates, the end not before the start.
pub fn parse_period(
    from: &str,
    to: &str,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), IpcError> {
    let date = |field: &str, text: &str| -> Result<Option<NaiveDate>, IpcError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_date(text).map(Some).ok_or_else(|| {
            date_error(
                field,
                "invalid_date",
                introspor_core::domain::date::invalid_date_message(text),
            )
        })
    };
    let (from, to) = (date("from", from)?, date("to", to)?);
    if let (Some(start), Some(end)) = (from, to) {
        if end < start {
            return Err(date_error(
                "to",
                "period_end_before_start",
                messages::PERIOD_END_BEFORE_START,
            ));
        }
    }
    Ok((from, to))
}

/// Local midnight at the start of `date`, as UTC.
fn start_of_day<Tz: TimeZone>(date: NaiveDate, zone: &Tz) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    zone.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| midnight.and_utc())
}

/// The trail for a period (local days `from` to `to`, both included),
/// optionally only what concerns one participant, as CSV text; and how
/// many entries it holds.
pub fn csv_export<Tz: TimeZone>(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    participant_id: Option<i64>,
    zone: &Tz,
) -> Result<(String, usize), IpcError>
where
    Tz::Offset: std::fmt::Display,
{
    if let Some(id) = participant_id {
        if !store.participant_exists(id)? {
            return Err(CoreError::ParticipantNotFound(id).into());
        }
    }
    let events = store.audit_events(&AuditFilter {
        participant_id,
        from: from.map(|d| start_of_day(d, zone)),
        until: to.and_then(|d| d.succ_opt()).map(|d| start_of_day(d, zone)),
    })?;
    Ok((
        audit_csv(&events, zone, store.written_language()?),
        events.len(),
    ))
}

/// A participant's history.
#[tauri::command]
pub async fn audit_history(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Result<Vec<AuditEntryDto>, IpcError> {
    state
        .with_store(move |store| history(store, participant_id, &Local))
        .await
}

/// Checks the audit trail's hash chain.
#[tauri::command]
pub async fn audit_verify(state: State<'_, AppState>) -> Result<AuditVerificationDto, IpcError> {
    state.with_store(|store| verify(store)).await
}

/// Asks where to save, writes the trail for the period as CSV and records
/// the export in the trail.
#[tauri::command]
pub async fn audit_export(
    state: State<'_, AppState>,
    from: String,
    to: String,
    participant_id: Option<i64>,
) -> Result<AuditExportDto, IpcError> {
    let (from, to) = parse_period(&from, &to)?;
    let today = super::today();
    let (csv, entries, file_name) = state
        .with_store(move |store| {
            let (csv, entries) = csv_export(store, from, to, participant_id, &Local)?;
            let language = store.written_language()?;
            let name = offered_name(OfferedFile::AuditTrail, language, today, "", "csv");
            Ok((csv, entries, name))
        })
        .await?;
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveAuditCsv"),
            file_name,
            filter_name: Message::new("dialog.csvFilter"),
            extensions: &["csv"],
        },
        bytes(csv.into_bytes()),
        move |store, file_name, _| {
            Ok(store.log_audit_export(from, to, participant_id, entries, file_name)?)
        },
    )
    .await?;
    let Some(exported) = exported else {
        return Ok(AuditExportDto {
            path: String::new(),
            entries,
        });
    };
    tracing::info!(entries, "audit trail exported");
    Ok(AuditExportDto {
        path: exported.path.display().to_string(),
        entries,
    })
}
