//! Commands for the audit trail: a participant's history, checking the
//! chain, and exporting a period as CSV.

use crate::commands::export::write_file_atomically;
use crate::error::IpcError;
use crate::save_dialog::{ask_save_path, SaveRequest};
use crate::state::AppState;
use crate::transport::audit::{
    AuditChangeDto, AuditEntryDto, AuditExportDto, AuditVerificationDto,
};
use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use introspor_core::domain::date::parse_date;
use introspor_core::export::audit_csv::{audit_csv, display_value, entry_time};
use introspor_core::messages;
use introspor_core::store::audit::{
    AuditEvent, AuditFilter, AuditProblem, AuditVerification, HISTORY_LIMIT,
};
use introspor_core::{CoreError, Store};
use tauri::State;

fn entry_dto<Tz: TimeZone>(event: AuditEvent, zone: &Tz) -> AuditEntryDto
where
    Tz::Offset: std::fmt::Display,
{
    let shown = |value: Option<String>| value.map(|v| display_value(&v, zone)).unwrap_or_default();
    AuditEntryDto {
        id: event.id,
        at: entry_time(&event, zone),
        entity_type: event.entity_type.clone(),
        entity_id: event.entity_id,
        participant_id: event.participant_id,
        action: event.action.clone(),
        reason: event.reason.clone(),
        changes: event
            .changes
            .into_iter()
            .map(|c| AuditChangeDto {
                field: c.field,
                from: shown(c.from),
                to: shown(c.to),
            })
            .collect(),
    }
}

/// One participant's history, newest first (at most [`HISTORY_LIMIT`]).
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
    Ok(store
        .audit_history(participant_id, HISTORY_LIMIT)?
        .into_iter()
        .map(|e| entry_dto(e, zone))
        .collect())
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
                message: match problem {
                    AuditProblem::ContentHashMismatch => messages::AUDIT_CONTENT_CHANGED,
                    AuditProblem::PrevHashMismatch => messages::AUDIT_LINK_BROKEN,
                }
                .to_string(),
                last_hash: String::new(),
            }
        }
    })
}

fn date_error(field: &str, code: &str, message: &str) -> IpcError {
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
    Ok((audit_csv(&events, zone), events.len()))
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
    let (csv, entries) = state
        .with_store(move |store| csv_export(store, from, to, participant_id, &Local))
        .await?;
    let file_name = format!(
        "introspor-sporingslogg-{}.csv",
        super::today().format("%Y-%m-%d")
    );
    let chosen = ask_save_path(SaveRequest {
        title: "Lagre sporingsloggen som CSV",
        file_name: file_name.clone(),
        filter_name: "CSV (semikolondelt)",
        extensions: &["csv"],
    })
    .await?;
    let Some(path) = chosen else {
        return Ok(AuditExportDto {
            path: String::new(),
            entries,
        });
    };
    write_file_atomically(&path, csv.as_bytes())?;
    let written_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(file_name);
    state
        .with_store(move |store| {
            Ok(store.log_audit_export(from, to, participant_id, entries, &written_name)?)
        })
        .await?;
    tracing::info!(entries, "audit trail exported");
    Ok(AuditExportDto {
        path: path.display().to_string(),
        entries,
    })
}
