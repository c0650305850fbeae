//! Commands for deadlines, registrable events, leaves, own tasks and rule settings.

use super::today;
use crate::error::IpcError;
use crate::state::AppState;
use crate::transport::{
    DeadlineDto, DeadlineFilterDto, EventDto, LeaveDto, OverviewDto, ParticipantDeadlinesDto,
    SettingDto,
};
use chrono::NaiveDate;
use introspor_core::domain::date::{format_date, format_optional_date, parse_date};
use introspor_core::domain::deadline::{DeadlineKind, DeadlineStatus, RuleSettings};
use introspor_core::domain::deadline_forms::{
    parse_done_date, setting_range, validate_settings, EventForm, LeaveForm, TaskForm,
};
use introspor_core::store::deadlines::RecomputeProgress;
use introspor_core::store::deadlines::{
    setting_keys, setting_value, DeadlineCursor, DeadlineFilter, OWN_TASK_KIND,
};
use introspor_core::{CoreError, Store};
use std::collections::BTreeMap;
use tauri::State;

fn rows(
    rows: Vec<introspor_core::store::deadlines::DeadlineRow>,
    today: NaiveDate,
) -> Vec<DeadlineDto> {
    rows.into_iter()
        .map(|r| DeadlineDto::from_row(r, today))
        .collect()
}

/// The most rows one page of the list of all deadlines holds; «Vis flere»
/// asks for the next page after the last row. Ten years of history would
/// otherwise send half a million rows.
pub const DEADLINE_LIST_LIMIT: u32 = 100;

/// The start screen.
pub fn overview(store: &Store, today: NaiveDate) -> Result<OverviewDto, IpcError> {
    let o = store.overview(today)?;
    Ok(OverviewDto {
        today: format_date(today),
        week_end: format_date(o.week_end),
        month_start: format_date(o.month_start),
        month_end: format_date(o.month_end),
        overdue: rows(o.overdue, today),
        within_7_days: rows(o.within_7_days, today),
        within_30_days: rows(o.within_30_days, today),
        open_imdi_registrations: o.open_imdi_registrations,
        warnings: store
            .warned_participants()?
            .iter()
            .map(crate::transport::rules::WarnedParticipantDto::from)
            .collect(),
        access_requests: store
            .open_access_requests()?
            .into_iter()
            .map(|r| crate::transport::privacy::AccessRequestDto::new(r, today))
            .collect(),
    })
}

/// All deadlines matching the filter, a page at a time.
pub fn list(
    store: &Store,
    filter: &DeadlineFilterDto,
    today: NaiveDate,
) -> Result<Vec<DeadlineDto>, IpcError> {
    let query = parse_filter(filter)?;
    Ok(rows(store.deadlines(&query, today)?, today))
}

/// The window's deadline filter as the store's, with the screen's page
/// limit (an export lifts it).
pub fn parse_filter(filter: &DeadlineFilterDto) -> Result<DeadlineFilter, IpcError> {
    let kind = match filter.kind.as_str() {
        "" => None,
        OWN_TASK_KIND => Some(OWN_TASK_KIND.to_string()),
        id => Some(
            DeadlineKind::from_str_id(id)
                .ok_or_else(|| IpcError::invalid_choice("kind"))?
                .as_str()
                .to_string(),
        ),
    };
    let status = match filter.status.as_str() {
        "" => None,
        id => Some(
            DeadlineStatus::from_str_id(id).ok_or_else(|| IpcError::invalid_choice("status"))?,
        ),
    };
    let date = |field: &str, text: &str| -> Result<Option<NaiveDate>, IpcError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_date(text).map(Some).ok_or_else(|| {
            let mut e = IpcError::new(
                "invalid_date",
                introspor_core::domain::date::invalid_date_message(text),
            );
            e.field = Some(field.to_string());
            e
        })
    };
    let after = match &filter.after {
        None => None,
        Some(cursor) => Some(DeadlineCursor {
            due: parse_date(&cursor.due).ok_or_else(|| IpcError::invalid_choice("after"))?,
            kind: cursor.kind.chars().take(64).collect(),
            participant_id: cursor.participant_id,
            task: cursor.task,
            id: cursor.id,
        }),
    };
    let query = DeadlineFilter {
        kind,
        status,
        participant_id: filter.participant_id,
        from: date("from", &filter.from)?,
        to: date("to", &filter.to)?,
        open_only: filter.open_only,
        limit: Some(DEADLINE_LIST_LIMIT),
        after,
    };
    Ok(query)
}

/// A participant's deadlines, events and leaves.
pub fn for_participant(
    store: &Store,
    participant_id: i64,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    if !store.participant_exists(participant_id)? {
        return Err(introspor_core::CoreError::ParticipantNotFound(participant_id).into());
    }
    Ok(ParticipantDeadlinesDto {
        deadlines: rows(store.participant_deadlines(participant_id, today)?, today),
        events: store
            .events(participant_id)?
            .into_iter()
            .map(|e| EventDto {
                id: e.event.id,
                kind: e.event.kind.as_str().to_string(),
                occurred: format_date(e.event.occurred),
                registered: format_optional_date(e.event.registered),
                note: e.note,
            })
            .collect(),
        leaves: store
            .leaves(participant_id)?
            .into_iter()
            .map(|l| LeaveDto {
                id: l.id,
                kind: l.kind.as_str().to_string(),
                start: format_date(l.start),
                end: format_optional_date(l.end),
                approved: l.approved,
                followup_date: format_optional_date(l.followup_date),
            })
            .collect(),
        extensions: store
            .extensions(participant_id)?
            .iter()
            .map(crate::transport::rules::ExtensionDto::from)
            .collect(),
        warnings: store
            .participant_warnings(participant_id)?
            .iter()
            .map(crate::transport::rules::WarningDto::from)
            .collect(),
    })
}

/// Marks a legal deadline done on the typed date (empty: not done).
pub fn mark_done(
    store: &mut Store,
    participant_id: i64,
    kind: &str,
    source_id: Option<i64>,
    date: &str,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let kind = DeadlineKind::from_str_id(kind).ok_or_else(|| IpcError::invalid_choice("kind"))?;
    let date = parse_done_date(date, today).map_err(CoreError::from)?;
    store.mark_deadline_done(participant_id, kind, source_id, date, today)?;
    for_participant(store, participant_id, today)
}

/// Records a registrable event.
pub fn add_event(
    store: &mut Store,
    participant_id: i64,
    form: &EventForm,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let draft = form.validate(today).map_err(CoreError::from)?;
    store.add_event(participant_id, &draft, today)?;
    for_participant(store, participant_id, today)
}

/// Deletes a registrable event of this participant.
pub fn delete_event(
    store: &mut Store,
    participant_id: i64,
    event_id: i64,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    if !store
        .events(participant_id)?
        .iter()
        .any(|e| e.event.id == event_id)
    {
        return Err(CoreError::RecordNotFound(event_id).into());
    }
    store.delete_event(event_id, today)?;
    for_participant(store, participant_id, today)
}

/// Adds or changes a leave.
pub fn save_leave(
    store: &mut Store,
    participant_id: i64,
    leave_id: Option<i64>,
    form: &LeaveForm,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let draft = form.validate(today).map_err(CoreError::from)?;
    store.save_leave(participant_id, leave_id, &draft, today)?;
    for_participant(store, participant_id, today)
}

/// Deletes a leave of this participant.
pub fn delete_leave(
    store: &mut Store,
    participant_id: i64,
    leave_id: i64,
    today: NaiveDate,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    if !store
        .leaves(participant_id)?
        .iter()
        .any(|l| l.id == leave_id)
    {
        return Err(CoreError::RecordNotFound(leave_id).into());
    }
    store.delete_leave(leave_id, today)?;
    for_participant(store, participant_id, today)
}

/// Adds an own task.
pub fn add_task(store: &mut Store, form: &TaskForm) -> Result<i64, IpcError> {
    let draft = form.validate().map_err(CoreError::from)?;
    Ok(store.add_task(&draft)?)
}

/// Ticks a task off (or opens it again with an empty date).
pub fn set_task_done(
    store: &mut Store,
    task_id: i64,
    date: &str,
    today: NaiveDate,
) -> Result<(), IpcError> {
    let date = parse_done_date(date, today).map_err(CoreError::from)?;
    Ok(store.set_task_done(task_id, date, today)?)
}

fn settings_dto(settings: &RuleSettings) -> Vec<SettingDto> {
    let defaults = RuleSettings::default();
    setting_keys()
        .map(|key| {
            let (min, max) = setting_range(key);
            SettingDto {
                key: key.to_string(),
                value: setting_value(settings, key).unwrap_or_default(),
                default: setting_value(&defaults, key).unwrap_or_default(),
                min,
                max,
            }
        })
        .collect()
}

/// The rule settings with their defaults and ranges.
pub fn get_settings(store: &Store) -> Result<Vec<SettingDto>, IpcError> {
    Ok(settings_dto(&store.rule_settings()?))
}

/// Saves the rule settings; every deadline is recomputed. An unknown key
/// refuses the whole save (`unknown_setting`), and values equal to those in
/// force change nothing: the settings come back as they were.
pub fn save_settings(
    store: &mut Store,
    values: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Result<Vec<SettingDto>, IpcError> {
    save_settings_reporting(store, values, today, &RecomputeProgress::default())
}

/// As [`save_settings`], telling `progress` how far the recompute has come.
pub fn save_settings_reporting(
    store: &mut Store,
    values: &BTreeMap<String, String>,
    today: NaiveDate,
    progress: &RecomputeProgress,
) -> Result<Vec<SettingDto>, IpcError> {
    let settings = validate_settings(&store.rule_settings()?, values).map_err(CoreError::from)?;
    // Whether anything changed makes no difference to the window: either
    // way it shows the settings in force.
    store.save_rule_settings_reporting(&settings, today, progress)?;
    get_settings(store)
}

/// How far the recompute after a settings change has come, for the window
/// to show while it waits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecomputeProgressDto {
    /// Participants recomputed so far.
    pub done: usize,
    /// Participants in all.
    pub total: usize,
    /// Whether it still runs.
    pub running: bool,
}

/// The progress of a running recompute; answers at once, without waiting
/// for the store (which the recompute holds).
#[tauri::command]
pub fn recompute_progress_get(state: State<'_, AppState>) -> RecomputeProgressDto {
    let (done, total, running) = state.recompute_progress().snapshot();
    RecomputeProgressDto {
        done,
        total,
        running,
    }
}

/// The start screen.
#[tauri::command]
pub async fn deadline_overview(state: State<'_, AppState>) -> Result<OverviewDto, IpcError> {
    let today = today();
    state.with_store(move |store| overview(store, today)).await
}

/// All deadlines with filters.
#[tauri::command]
pub async fn deadline_list(
    state: State<'_, AppState>,
    filter: DeadlineFilterDto,
) -> Result<Vec<DeadlineDto>, IpcError> {
    let today = today();
    state
        .with_store(move |store| list(store, &filter, today))
        .await
}

/// One participant's timeline.
#[tauri::command]
pub async fn participant_deadlines(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| for_participant(store, participant_id, today))
        .await
}

/// Marks a deadline done.
#[tauri::command]
pub async fn deadline_mark_done(
    state: State<'_, AppState>,
    participant_id: i64,
    kind: String,
    source_id: Option<i64>,
    date: String,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| mark_done(store, participant_id, &kind, source_id, &date, today))
        .await
}

/// Records a registrable event.
#[tauri::command]
pub async fn event_add(
    state: State<'_, AppState>,
    participant_id: i64,
    form: EventForm,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| add_event(store, participant_id, &form, today))
        .await
}

/// Deletes a registrable event.
#[tauri::command]
pub async fn event_delete(
    state: State<'_, AppState>,
    participant_id: i64,
    event_id: i64,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| delete_event(store, participant_id, event_id, today))
        .await
}

/// Adds or changes a leave.
#[tauri::command]
pub async fn leave_save(
    state: State<'_, AppState>,
    participant_id: i64,
    leave_id: Option<i64>,
    form: LeaveForm,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| save_leave(store, participant_id, leave_id, &form, today))
        .await
}

/// Deletes a leave.
#[tauri::command]
pub async fn leave_delete(
    state: State<'_, AppState>,
    participant_id: i64,
    leave_id: i64,
) -> Result<ParticipantDeadlinesDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| delete_leave(store, participant_id, leave_id, today))
        .await
}

/// Adds an own task.
#[tauri::command]
pub async fn task_add(state: State<'_, AppState>, form: TaskForm) -> Result<i64, IpcError> {
    state.with_store(move |store| add_task(store, &form)).await
}

/// Ticks an own task off, or opens it again.
#[tauri::command]
pub async fn task_set_done(
    state: State<'_, AppState>,
    task_id: i64,
    date: String,
) -> Result<(), IpcError> {
    let today = today();
    state
        .with_store(move |store| set_task_done(store, task_id, &date, today))
        .await
}

/// Deletes an own task.
#[tauri::command]
pub async fn task_delete(state: State<'_, AppState>, task_id: i64) -> Result<(), IpcError> {
    state
        .with_store(move |store| Ok(store.delete_task(task_id)?))
        .await
}

/// The rule settings.
#[tauri::command]
pub async fn settings_get(state: State<'_, AppState>) -> Result<Vec<SettingDto>, IpcError> {
    state.with_store(|store| get_settings(store)).await
}

/// Saves the rule settings.
#[tauri::command]
pub async fn settings_save(
    state: State<'_, AppState>,
    values: BTreeMap<String, String>,
) -> Result<Vec<SettingDto>, IpcError> {
    let today = today();
    let progress = state.recompute_progress();
    state
        .with_store(move |store| save_settings_reporting(store, &values, today, &progress))
        .await
}
