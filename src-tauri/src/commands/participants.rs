//! Commands for the participant register.

use super::today;
use crate::error::IpcError;
use crate::state::AppState;
use crate::transport::{
    ParticipantDto, ParticipantPageDto, ParticipantQueryDto, ParticipantRowDto,
};
use chrono::NaiveDate;
use introspor_core::domain::law::Law;
use introspor_core::domain::participant::{ParticipantQuery, ParticipantSort, Status};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::Store;
use tauri::State;

/// The largest page the participant list returns; pickers that want "all"
/// get this many, which is far above a real service's register.
pub const MAX_PAGE: u32 = 1000;

/// The participant list for the given search, filters and order.
pub fn list(store: &Store, query: &ParticipantQueryDto) -> Result<ParticipantPageDto, IpcError> {
    let mut query = parse_query(query)?;
    // One row beyond the page says whether there are more, without counting
    // every match (a count over a large register costs more than the page).
    let page = query.limit;
    query.limit = page.map(|limit| limit.saturating_add(1));
    let mut rows: Vec<ParticipantRowDto> = store
        .participants(&query)?
        .into_iter()
        .map(ParticipantRowDto::from)
        .collect();
    let more = page.is_some_and(|limit| rows.len() > limit as usize);
    if let Some(limit) = page {
        rows.truncate(limit as usize);
    }
    Ok(ParticipantPageDto { rows, more })
}

/// One participant.
pub fn get(store: &Store, id: i64) -> Result<ParticipantDto, IpcError> {
    Ok(store.participant(id)?.into())
}

/// Validates the form and adds the participant.
pub fn create(
    store: &mut Store,
    form: &ParticipantForm,
    today: NaiveDate,
) -> Result<ParticipantDto, IpcError> {
    let details = form
        .validate(today)
        .map_err(introspor_core::CoreError::from)?;
    Ok(store.create_participant(&details, today)?.into())
}

/// Validates the form and replaces the participant's facts.
pub fn update(
    store: &mut Store,
    id: i64,
    form: &ParticipantForm,
    today: NaiveDate,
) -> Result<ParticipantDto, IpcError> {
    let details = form
        .validate(today)
        .map_err(introspor_core::CoreError::from)?;
    Ok(store.update_participant(id, &details, today)?.into())
}

/// Archives the participant or brings it back.
pub fn set_archived(
    store: &mut Store,
    id: i64,
    archived: bool,
) -> Result<ParticipantDto, IpcError> {
    Ok(store.set_participant_archived(id, archived)?.into())
}

/// The window's participant query as the store's, bounded by the
/// screen's largest page (an export lifts it).
pub fn parse_query(dto: &ParticipantQueryDto) -> Result<ParticipantQuery, IpcError> {
    let status = match dto.status.as_str() {
        "" => None,
        id => Some(Status::from_str_id(id).ok_or_else(|| IpcError::invalid_choice("status"))?),
    };
    let law = match dto.law.as_str() {
        "" => None,
        id => Some(Law::from_str_id(id).ok_or_else(|| IpcError::invalid_choice("law"))?),
    };
    let sort = match dto.sort.as_str() {
        "" | "name" => ParticipantSort::Name,
        "settlement" => ParticipantSort::SettlementDate,
        _ => return Err(IpcError::invalid_choice("sort")),
    };
    if dto.search.chars().count() > 200 {
        return Err(IpcError::new(
            "too_long",
            introspor_core::messages::too_long(200),
        ));
    }
    Ok(ParticipantQuery {
        search: dto.search.clone(),
        status,
        law,
        archived: dto.archived,
        sort,
        // Every read is bounded: no page is larger than MAX_PAGE.
        limit: Some(dto.limit.unwrap_or(MAX_PAGE).min(MAX_PAGE)),
    })
}

/// Lists participants.
#[tauri::command]
pub async fn participant_list(
    state: State<'_, AppState>,
    query: ParticipantQueryDto,
) -> Result<ParticipantPageDto, IpcError> {
    state.with_store(move |store| list(store, &query)).await
}

/// Fetches one participant.
#[tauri::command]
pub async fn participant_get(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ParticipantDto, IpcError> {
    state.with_store(move |store| get(store, id)).await
}

/// Creates a participant from the form.
#[tauri::command]
pub async fn participant_create(
    state: State<'_, AppState>,
    form: ParticipantForm,
) -> Result<ParticipantDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| create(store, &form, today))
        .await
}

/// Saves an edited participant.
#[tauri::command]
pub async fn participant_update(
    state: State<'_, AppState>,
    id: i64,
    form: ParticipantForm,
) -> Result<ParticipantDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| update(store, id, &form, today))
        .await
}

/// Archives a participant, or restores an archived one.
#[tauri::command]
pub async fn participant_set_archived(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> Result<ParticipantDto, IpcError> {
    state
        .with_store(move |store| set_archived(store, id, archived))
        .await
}
