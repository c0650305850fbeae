//! The archive hand-off, the retention period and the anonymisation: the
//! plain functions the commands and the integration tests call, then the
//! commands.

use crate::commands::today;
use crate::error::IpcError;
use crate::state::AppState;
use crate::transport::privacy::{
    AnonymisedDto, ArchiveFilingDto, RetentionCandidateDto, RetentionDto, UnfiledMinutesDto,
};
use chrono::NaiveDate;
use introspor_core::domain::retention::parse_years;
use introspor_core::store::archive_filings::ArchiveFilingForm;
use introspor_core::{CoreError, Store};
use tauri::State;

/// Records the archive reference of meeting `meeting_id`'s current minutes
/// version; answers every filing of the meeting.
pub fn file_minutes(
    store: &mut Store,
    meeting_id: i64,
    form: &ArchiveFilingForm,
    today: NaiveDate,
) -> Result<Vec<ArchiveFilingDto>, IpcError> {
    store.file_minutes(meeting_id, form, today)?;
    filings(store, meeting_id)
}

/// Every filing of meeting `meeting_id`'s minutes.
pub fn filings(store: &Store, meeting_id: i64) -> Result<Vec<ArchiveFilingDto>, IpcError> {
    Ok(store
        .archive_filings(meeting_id)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Sets the retention period from the typed `years`.
pub fn save_retention(
    store: &mut Store,
    years: &str,
    today: NaiveDate,
) -> Result<RetentionDto, IpcError> {
    let years = parse_years(years).map_err(CoreError::from)?;
    store.save_retention_setting(years, today)?;
    Ok(RetentionDto::new(store.retention_setting()?))
}

/// Anonymises the participants the caseworker confirmed, each due today.
pub fn anonymise(
    store: &mut Store,
    participant_ids: &[i64],
    today: NaiveDate,
) -> Result<Vec<AnonymisedDto>, IpcError> {
    Ok(store
        .anonymise(participant_ids, today)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Records the archive reference of a meeting's current minutes.
#[tauri::command]
pub async fn minutes_file(
    state: State<'_, AppState>,
    meeting_id: i64,
    archive_reference: String,
    filed_on: String,
) -> Result<Vec<ArchiveFilingDto>, IpcError> {
    let today = today();
    let form = ArchiveFilingForm {
        archive_reference,
        filed_on,
    };
    state
        .with_store(move |store| file_minutes(store, meeting_id, &form, today))
        .await
}

/// Every filing of a meeting's minutes.
#[tauri::command]
pub async fn minutes_filings(
    state: State<'_, AppState>,
    meeting_id: i64,
) -> Result<Vec<ArchiveFilingDto>, IpcError> {
    state
        .with_store(move |store| filings(store, meeting_id))
        .await
}

/// The minutes about a participant still without an archive reference.
#[tauri::command]
pub async fn participant_unfiled_minutes(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Result<Vec<UnfiledMinutesDto>, IpcError> {
    state
        .with_store(move |store| {
            Ok(store
                .unfiled_minutes(participant_id)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
}

/// The retention period and each kind of record's fate.
#[tauri::command]
pub async fn retention_get(state: State<'_, AppState>) -> Result<RetentionDto, IpcError> {
    state
        .with_store(|store| Ok(RetentionDto::new(store.retention_setting()?)))
        .await
}

/// Sets the retention period.
#[tauri::command]
pub async fn retention_save(
    state: State<'_, AppState>,
    years: String,
) -> Result<RetentionDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| save_retention(store, &years, today))
        .await
}

/// Participants whose programme is over, with where each stands today.
#[tauri::command]
pub async fn retention_candidates(
    state: State<'_, AppState>,
) -> Result<Vec<RetentionCandidateDto>, IpcError> {
    let today = today();
    state
        .with_store(move |store| {
            Ok(store
                .retention_candidates(today)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
}

/// Anonymises the confirmed participants.
#[tauri::command]
pub async fn participants_anonymise(
    state: State<'_, AppState>,
    participant_ids: Vec<i64>,
) -> Result<Vec<AnonymisedDto>, IpcError> {
    let today = today();
    state
        .with_store(move |store| anonymise(store, &participant_ids, today))
        .await
}
