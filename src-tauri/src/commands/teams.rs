//! Commands for the contact directory and participants' teams.

use super::today;
use crate::error::IpcError;
use crate::state::AppState;
use crate::transport::teams::{
    ContactDto, ContactPageDto, OrganisationDto, TeamDto, TeamMemberDto,
};
use chrono::NaiveDate;
use introspor_core::domain::team::{parse_left_on, ContactForm, MembershipForm, OrganisationForm};
use introspor_core::{CoreError, Store};
use tauri::State;

/// Organisations in name order.
pub fn organisations(
    store: &Store,
    include_deleted: bool,
) -> Result<Vec<OrganisationDto>, IpcError> {
    Ok(store
        .organisations(include_deleted)?
        .into_iter()
        .map(OrganisationDto::from)
        .collect())
}

/// Adds or renames an organisation; answers with the new list.
pub fn save_organisation(
    store: &mut Store,
    id: Option<i64>,
    form: &OrganisationForm,
) -> Result<i64, IpcError> {
    let draft = form.validate().map_err(CoreError::from)?;
    Ok(store.save_organisation(id, &draft)?)
}

/// Adds or changes a contact.
pub fn save_contact(
    store: &mut Store,
    id: Option<i64>,
    form: &ContactForm,
) -> Result<ContactDto, IpcError> {
    let draft = form.validate().map_err(CoreError::from)?;
    let id = store.save_contact(id, &draft)?;
    Ok(store.contact(id)?.into())
}

/// A participant's team with its warnings.
pub fn team(store: &Store, participant_id: i64) -> Result<TeamDto, IpcError> {
    Ok(TeamDto {
        members: store
            .team(participant_id)?
            .into_iter()
            .map(TeamMemberDto::from)
            .collect(),
        warnings: store
            .team_warnings(participant_id)?
            .into_iter()
            .map(|w| w.as_str().to_string())
            .collect(),
    })
}

/// Adds a team member.
pub fn add_member(
    store: &mut Store,
    participant_id: i64,
    form: &MembershipForm,
    today: NaiveDate,
) -> Result<TeamDto, IpcError> {
    let draft = form.validate(today).map_err(CoreError::from)?;
    store.add_team_member(participant_id, &draft)?;
    team(store, participant_id)
}

/// Ends a membership.
pub fn end_membership(
    store: &mut Store,
    participant_id: i64,
    membership_id: i64,
    left_on: &str,
    today: NaiveDate,
) -> Result<TeamDto, IpcError> {
    let left_on = parse_left_on(left_on, today).map_err(CoreError::from)?;
    store.end_team_membership(participant_id, membership_id, left_on)?;
    team(store, participant_id)
}

/// Organisations in the directory.
#[tauri::command]
pub async fn organisation_list(
    state: State<'_, AppState>,
    include_deleted: bool,
) -> Result<Vec<OrganisationDto>, IpcError> {
    state
        .with_store(move |store| organisations(store, include_deleted))
        .await
}

/// Adds or renames an organisation.
#[tauri::command]
pub async fn organisation_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    form: OrganisationForm,
) -> Result<i64, IpcError> {
    state
        .with_store(move |store| save_organisation(store, id, &form))
        .await
}

/// Deletes an organisation from the directory, or brings it back.
#[tauri::command]
pub async fn organisation_set_deleted(
    state: State<'_, AppState>,
    id: i64,
    deleted: bool,
) -> Result<(), IpcError> {
    state
        .with_store(move |store| Ok(store.set_organisation_deleted(id, deleted)?))
        .await
}

/// The contact directory.
#[tauri::command]
pub async fn contact_list(state: State<'_, AppState>) -> Result<Vec<ContactDto>, IpcError> {
    state
        .with_store(|store| {
            Ok(store
                .contacts()?
                .into_iter()
                .map(ContactDto::from)
                .collect())
        })
        .await
}

/// The most contacts one search sends: a screen shows a page, and a
/// picker a short list to choose from.
pub const CONTACT_PAGE_MAX: u32 = 200;

/// Contacts whose name, title or organisation holds every word of
/// `search`, at most `limit` (up to [`CONTACT_PAGE_MAX`]).
pub fn find_contacts(store: &Store, search: &str, limit: u32) -> Result<ContactPageDto, IpcError> {
    // A search longer than any name helps no one; it is cut, not refused.
    let search: String = search.chars().take(200).collect();
    let (rows, more) = store.find_contacts(&search, limit.clamp(1, CONTACT_PAGE_MAX))?;
    Ok(ContactPageDto {
        rows: rows.into_iter().map(ContactDto::from).collect(),
        more,
    })
}

/// Finds contacts by search, a page at a time.
#[tauri::command]
pub async fn contact_find(
    state: State<'_, AppState>,
    search: String,
    limit: u32,
) -> Result<ContactPageDto, IpcError> {
    state
        .with_store(move |store| find_contacts(store, &search, limit))
        .await
}

/// Adds or changes a contact.
#[tauri::command]
pub async fn contact_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    form: ContactForm,
) -> Result<ContactDto, IpcError> {
    state
        .with_store(move |store| save_contact(store, id, &form))
        .await
}

/// Removes a contact from the directory (history keeps naming them).
#[tauri::command]
pub async fn contact_archive(state: State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    state
        .with_store(move |store| Ok(store.archive_contact(id)?))
        .await
}

/// A participant's team.
#[tauri::command]
pub async fn team_get(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Result<TeamDto, IpcError> {
    state
        .with_store(move |store| team(store, participant_id))
        .await
}

/// Adds a member to a participant's team.
#[tauri::command]
pub async fn team_add_member(
    state: State<'_, AppState>,
    participant_id: i64,
    form: MembershipForm,
) -> Result<TeamDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| add_member(store, participant_id, &form, today))
        .await
}

/// Ends a team membership.
#[tauri::command]
pub async fn team_end_membership(
    state: State<'_, AppState>,
    participant_id: i64,
    membership_id: i64,
    left_on: String,
) -> Result<TeamDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| {
            end_membership(store, participant_id, membership_id, &left_on, today)
        })
        .await
}
