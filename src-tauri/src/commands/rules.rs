//! Commands for the legal model: the statutory rules («Regelverk»),
//! extension decisions and the yearly NIR check.

use super::deadlines::for_participant;
use super::today;
use crate::error::IpcError;
use crate::state::AppState;
use crate::transport::rules::StatutoryRuleDto;
use crate::transport::ParticipantDeadlinesDto;
use chrono::NaiveDate;
use introspor_core::domain::deadline_forms::{parse_done_date, ExtensionForm};
use introspor_core::domain::statute::RULES;
use introspor_core::{CoreError, Store};
use tauri::State;

/// Every statutory rule, in the table's order.
pub fn statutory_rules() -> Vec<StatutoryRuleDto> {
    RULES.iter().map(StatutoryRuleDto::from).collect()
}

/// Validates and records an extension decision.
pub fn add_extension(
    store: &mut Store,
    participant_id: i64,
    form: &ExtensionForm,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let draft = form.validate(today).map_err(CoreError::from)?;
    store.add_extension(participant_id, &draft, today)?;
    for_participant(store, participant_id, today)
}

/// Deletes an extension decision of this participant.
pub fn delete_extension(
    store: &mut Store,
    participant_id: i64,
    extension_id: i64,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    if !store
        .extensions(participant_id)?
        .iter()
        .any(|e| e.id == extension_id)
    {
        return Err(CoreError::RecordNotFound(extension_id).into());
    }
    store.delete_extension(extension_id, today)?;
    for_participant(store, participant_id, today)
}

/// Records (or, with an empty date, takes back) the check of a year's NIR data.
pub fn set_nir_check(
    store: &mut Store,
    data_year: i32,
    date: &str,
    today: NaiveDate,
) -> Result<(), IpcError> {
    let date = parse_done_date(date, today).map_err(CoreError::from)?;
    store.set_nir_check(data_year, date, today)?;
    Ok(())
}

/// The statutory rules.
#[tauri::command]
pub async fn statutory_rules_get() -> Result<Vec<StatutoryRuleDto>, IpcError> {
    Ok(statutory_rules())
}

/// Records an extension decision.
#[tauri::command]
pub async fn extension_add(
    state: State<'_, AppState>,
    participant_id: i64,
    form: ExtensionForm,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| add_extension(store, participant_id, &form, today))
        .await
}

/// Deletes an extension decision.
#[tauri::command]
pub async fn extension_delete(
    state: State<'_, AppState>,
    participant_id: i64,
    extension_id: i64,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| delete_extension(store, participant_id, extension_id, today))
        .await
}

/// Records the yearly NIR check.
#[tauri::command]
pub async fn nir_check_set(
    state: State<'_, AppState>,
    data_year: i32,
    date: String,
) -> Result<(), IpcError> {
    let today = today();
    state
        .with_store(move |store| set_nir_check(store, data_year, &date, today))
        .await
}
