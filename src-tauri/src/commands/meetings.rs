//! Commands for meetings, minutes, their export and the sharing log.

use super::today;
use crate::commands::export::{bytes, export_file};
use crate::error::IpcError;
use crate::save_dialog::SaveRequest;
use crate::state::{now, now_with_offset, AppState};
use crate::transport::meetings::{
    AgendaItemDto, AttendeeDto, CycleDutyDto, InterpreterFieldsDto, InterpreterReportDto,
    LetterheadDto, MeetingDto, MeetingParticipantDto, MeetingSummaryDto, MinutesExportDto,
    SharingEntryDto,
};
use crate::transport::teams::TeamWarningGroupDto;
use chrono::NaiveDate;
use chrono::{DateTime, FixedOffset};
use introspor_core::domain::date::{format_date, parse_date};
use introspor_core::domain::meeting::{
    parse_sharing, MeetingForm, MeetingKind, Recipient, SharingChoice,
};
use introspor_core::domain::minutes::{compose_minutes, meeting_kind_in_text, Letterhead};
use introspor_core::domain::team::TeamRole;
use introspor_core::export::minutes::MinutesDocument;
use introspor_core::language::{catalogue, Arg, Language, Message};
use introspor_core::{CoreError, Store};
use serde::Serialize;
use tauri::State;

/// The most meetings a list shows; years of weekly meetings fit easily.
pub const MEETING_LIST_LIMIT: u32 = 500;

/// The organisation's duties and the teams that need attention, for the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CooperationOverviewDto {
    /// Duties of the periods that have begun.
    pub duties: Vec<CycleDutyDto>,
    /// Team warnings with the participants who have them.
    pub team_warnings: Vec<TeamWarningGroupDto>,
}

/// A stored meeting for the editor.
pub fn meeting(store: &Store, id: i64) -> Result<MeetingDto, IpcError> {
    let meeting = store.meeting(id)?;
    let sharing = store.sharing_log(None, Some(id))?;
    Ok(MeetingDto::from_meeting(&meeting, sharing))
}

/// A new meeting about `participant_ids`, filled in from what is known: the
/// team is invited, the fixed contact person convenes, and the agenda holds
/// the deadlines due within 60 days and the open action items.
pub fn draft(
    store: &Store,
    kind: &str,
    participant_ids: &[i64],
    today: NaiveDate,
) -> Result<MeetingDto, IpcError> {
    let kind = MeetingKind::from_str_id(kind).ok_or_else(|| IpcError::invalid_choice("kind"))?;
    let mut participants = Vec::new();
    // The interpreter is pre-filled from the participants: needed when
    // anyone needs one, in the first language given.
    let mut interpreter_language = String::new();
    for &id in participant_ids.iter().take(200) {
        let participant = store.participant(id)?;
        let d = &participant.details;
        if d.needs_interpreter && interpreter_language.is_empty() {
            interpreter_language = d.interpreter_language.clone();
        }
        participants.push(MeetingParticipantDto {
            id,
            name: format!("{} {}", d.given_name, d.family_name),
            present: false,
            needs_interpreter: d.needs_interpreter,
        });
    }
    let interpreter_needed = participants.iter().any(|p| p.needs_interpreter);
    let mut attendees: Vec<AttendeeDto> = Vec::new();
    let mut convened_by = None;
    if let [only] = participant_ids {
        for member in store
            .team(*only)?
            .into_iter()
            .filter(|m| m.left_on.is_none())
        {
            if member.role == TeamRole::FixedContact {
                convened_by = Some(member.contact.id);
            }
            if attendees.iter().any(|a| a.id == member.contact.id) {
                continue;
            }
            attendees.push(AttendeeDto {
                id: member.contact.id,
                name: member.contact.name,
                title: member.contact.title,
                organisation: member.contact.organisation,
                organisation_kind: member.contact.organisation_kind.as_str().to_string(),
                present: false,
            });
        }
    }
    let agenda = if kind.is_organisation_level() {
        Vec::new()
    } else {
        store
            .agenda_suggestions(participant_ids, today, store.written_language()?)?
            .into_iter()
            .map(AgendaItemDto::from)
            .collect()
    };
    Ok(MeetingDto {
        id: None,
        kind: kind.as_str().to_string(),
        date: format_date(today),
        start_time: String::new(),
        end_time: String::new(),
        place: String::new(),
        convened_by,
        participants,
        attendees,
        interpreter_used: false,
        interpreter_language,
        interpreter: InterpreterFieldsDto {
            interpreter_needed,
            ..InterpreterFieldsDto::default()
        },
        interpreter_warnings: Vec::new(),
        agenda,
        decisions: Vec::new(),
        actions: Vec::new(),
        next_meeting_date: String::new(),
        next_meeting_note: String::new(),
        minute_taker: store.letterhead()?.caseworker,
        revises_agreement: false,
        evaluates_routines: false,
        participants_may_be_named: false,
        completed_on: String::new(),
        missing: String::new(),
        sharing: Vec::new(),
        minutes_version: 1,
        reopenings: Vec::new(),
        older_copies: Vec::new(),
    })
}

/// The interpreter report for completed meetings from `from` to `to`
/// (typed `dd.mm.åååå`; both required, the first not after the second).
pub fn interpreter_report(
    store: &Store,
    from: &str,
    to: &str,
) -> Result<InterpreterReportDto, IpcError> {
    let parse = |field: &'static str, text: &str| {
        parse_date(text).ok_or_else(|| {
            IpcError::from(introspor_core::CoreError::Validation(
                introspor_core::ValidationErrors(vec![introspor_core::FieldError::new(
                    field,
                    "invalid_date",
                    introspor_core::domain::date::invalid_date_message(text),
                )]),
            ))
        })
    };
    let (from, to) = (parse("from", from)?, parse("to", to)?);
    if to < from {
        return Err(IpcError::from(introspor_core::CoreError::Validation(
            introspor_core::ValidationErrors(vec![introspor_core::FieldError::new(
                "to",
                "end_before_start",
                introspor_core::messages::END_BEFORE_START,
            )]),
        )));
    }
    Ok(store.interpreter_report(from, to)?.into())
}

/// Saves a meeting.
pub fn save(
    store: &mut Store,
    id: Option<i64>,
    form: &MeetingForm,
) -> Result<MeetingDto, IpcError> {
    let draft = form.validate().map_err(CoreError::from)?;
    let id = store.save_meeting(id, &draft)?;
    meeting(store, id)
}

/// The minutes of a meeting as `recipient` would receive them (for a
/// participant, `copy_for`'s own copy), in `language`.
pub fn minutes(
    store: &Store,
    meeting_id: i64,
    recipient: Recipient,
    copy_for: Option<i64>,
    now: DateTime<FixedOffset>,
    language: Language,
) -> Result<MinutesDocument, IpcError> {
    let meeting = store.meeting(meeting_id)?;
    let letterhead = store.letterhead()?;
    let choice = SharingChoice {
        recipient,
        legal_basis: None,
        copy_for: None,
    }
    .for_meeting(&meeting, copy_for)
    .map_err(CoreError::from)?;
    Ok(compose_minutes(
        &meeting,
        recipient,
        choice.copy_for,
        &letterhead,
        now,
        language,
    ))
}

/// The language the window asked for (of a document, or of the window
/// itself): one of the catalogues, or `invalid_choice` on `language`.
pub fn document_language(tag: &str) -> Result<Language, IpcError> {
    Language::from_tag(tag).ok_or_else(|| IpcError::invalid_choice("language"))
}

/// The PDF of a completed meeting's minutes for `choice.recipient` (for a
/// participant, the own copy of `choice.copy_for`, which a meeting about
/// several people must name), the file name to propose, and the choice as
/// checked against the meeting, to log. Refused with
/// `undrawable_characters` when its text holds characters no bundled font
/// has, unless `accept_undrawable` (the caseworker was told and chose to
/// save anyway).
pub fn minutes_pdf(
    store: &Store,
    meeting_id: i64,
    choice: SharingChoice,
    now: DateTime<FixedOffset>,
    language: Language,
    accept_undrawable: bool,
) -> Result<(Vec<u8>, String, SharingChoice), IpcError> {
    let meeting = store.meeting(meeting_id)?;
    if meeting.completed_on.is_none() {
        return Err(IpcError::new(
            "meeting_not_completed",
            introspor_core::messages::MEETING_NOT_COMPLETED,
        ));
    }
    let choice = choice
        .for_meeting(&meeting, choice.copy_for)
        .map_err(CoreError::from)?;
    let document = compose_minutes(
        &meeting,
        choice.recipient,
        choice.copy_for,
        &store.letterhead()?,
        now,
        language,
    );
    let bytes = super::export::pdf_of(
        &document,
        accept_undrawable,
        introspor_core::messages::MINUTES_PDF_FAILED,
    )?;
    let texts = catalogue(language);
    let file_name = texts.render(
        "minutes.fileName",
        &[
            (
                "kind",
                Arg::Text(meeting_kind_in_text(meeting.kind, language)),
            ),
            (
                "date",
                Arg::Text(meeting.date.format("%Y-%m-%d").to_string()),
            ),
            (
                "recipient",
                Arg::Text(texts.render(
                    &format!("minutes.fileRecipient.{}", choice.recipient.as_str()),
                    &[],
                )),
            ),
            ("version", Arg::Number(meeting.minutes_version)),
        ],
    );
    Ok((bytes, file_name, choice))
}

/// The organisation's duties and team warnings.
pub fn cooperation_overview(
    store: &Store,
    today: NaiveDate,
) -> Result<CooperationOverviewDto, IpcError> {
    Ok(CooperationOverviewDto {
        duties: store
            .organisation_duties(today)?
            .iter()
            .map(|d| CycleDutyDto::from_duty(d, today))
            .collect(),
        team_warnings: store
            .team_warning_groups()?
            .into_iter()
            .map(TeamWarningGroupDto::from)
            .collect(),
    })
}

/// The letterhead settings.
pub fn letterhead(store: &Store) -> Result<LetterheadDto, IpcError> {
    let l = store.letterhead()?;
    Ok(LetterheadDto {
        municipality: l.municipality,
        service: l.service,
        caseworker: l.caseworker,
        written_language: l.written_language.tag().to_string(),
    })
}

/// Saves the letterhead settings, each line trimmed; answers with what was saved.
pub fn save_letterhead(store: &mut Store, form: &LetterheadDto) -> Result<LetterheadDto, IpcError> {
    let written_language = match form.written_language.as_str() {
        "" => store.written_language()?,
        tag => {
            Language::from_tag(tag).ok_or_else(|| IpcError::invalid_choice("writtenLanguage"))?
        }
    };
    store.save_letterhead(&Letterhead {
        municipality: form.municipality.trim().to_string(),
        service: form.service.trim().to_string(),
        caseworker: form.caseworker.trim().to_string(),
        written_language,
    })?;
    letterhead(store)
}

/// Meetings, latest first: all, or one participant's.
#[tauri::command]
pub async fn meeting_list(
    state: State<'_, AppState>,
    participant_id: Option<i64>,
) -> Result<Vec<MeetingSummaryDto>, IpcError> {
    state
        .with_store(move |store| {
            Ok(store
                .meetings(participant_id, MEETING_LIST_LIMIT)?
                .into_iter()
                .map(MeetingSummaryDto::from)
                .collect())
        })
        .await
}

/// A new meeting, filled in.
#[tauri::command]
pub async fn meeting_draft(
    state: State<'_, AppState>,
    kind: String,
    participant_ids: Vec<i64>,
) -> Result<MeetingDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| draft(store, &kind, &participant_ids, today))
        .await
}

/// One meeting.
#[tauri::command]
pub async fn meeting_get(state: State<'_, AppState>, id: i64) -> Result<MeetingDto, IpcError> {
    state.with_store(move |store| meeting(store, id)).await
}

/// Adds or saves a meeting with its minutes.
#[tauri::command]
pub async fn meeting_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    form: MeetingForm,
) -> Result<MeetingDto, IpcError> {
    state.with_store(move |store| save(store, id, &form)).await
}

/// Marks a meeting completed.
#[tauri::command]
pub async fn meeting_complete(state: State<'_, AppState>, id: i64) -> Result<MeetingDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| {
            store.complete_meeting(id, today)?;
            meeting(store, id)
        })
        .await
}

/// Opens a completed meeting again, recording why.
#[tauri::command]
pub async fn meeting_reopen(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Result<MeetingDto, IpcError> {
    let now = now();
    state
        .with_store(move |store| {
            store.reopen_meeting(id, &reason, now)?;
            meeting(store, id)
        })
        .await
}

/// Deletes a meeting not yet completed.
#[tauri::command]
pub async fn meeting_delete(state: State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    state
        .with_store(move |store| Ok(store.delete_meeting(id)?))
        .await
}

/// The minutes as the recipient would get them, for the preview.
#[tauri::command]
pub async fn minutes_preview(
    state: State<'_, AppState>,
    meeting_id: i64,
    recipient: String,
    language: String,
    copy_for: Option<i64>,
) -> Result<MinutesDocument, IpcError> {
    // The preview needs no legal basis; only the recipient must be known.
    let recipient =
        Recipient::from_str_id(&recipient).ok_or_else(|| IpcError::invalid_choice("recipient"))?;
    let language = document_language(&language)?;
    let now = now_with_offset();
    state
        .with_store(move |store| minutes(store, meeting_id, recipient, copy_for, now, language))
        .await
}

/// Asks where to save, writes the minutes as PDF/A and logs the sharing.
/// Before asking, refuses minutes that would print a character as «�»
/// unless `accept_undrawable`: the window then asks the caseworker.
#[tauri::command]
pub async fn minutes_export(
    state: State<'_, AppState>,
    meeting_id: i64,
    recipient: String,
    legal_basis: String,
    language: String,
    accept_undrawable: Option<bool>,
    copy_for: Option<i64>,
) -> Result<MinutesExportDto, IpcError> {
    let choice = SharingChoice {
        copy_for,
        ..parse_sharing(&recipient, &legal_basis).map_err(CoreError::from)?
    };
    let language = document_language(&language)?;
    let now = now_with_offset();
    let accept = accept_undrawable.unwrap_or(false);
    let (bytes_out, file_name, choice) = state
        .with_store(move |store| minutes_pdf(store, meeting_id, choice, now, language, accept))
        .await?;
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveMinutesTitle"),
            file_name,
            filter_name: Message::new("dialog.pdfFilter"),
            extensions: &["pdf"],
        },
        bytes(bytes_out),
        move |store, file_name, _| {
            store.log_sharing(meeting_id, now.naive_local(), choice, file_name)?;
            Ok(())
        },
    )
    .await?;
    let Some(exported) = exported else {
        return Ok(MinutesExportDto {
            path: String::new(),
            file_name: String::new(),
        });
    };
    tracing::info!(
        meeting_id,
        recipient = choice.recipient.as_str(),
        "minutes exported"
    );
    Ok(MinutesExportDto {
        path: exported.path.display().to_string(),
        file_name: exported.file_name,
    })
}

/// The sharing log of one participant's meetings.
#[tauri::command]
pub async fn sharing_log_list(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Result<Vec<SharingEntryDto>, IpcError> {
    state
        .with_store(move |store| {
            Ok(store
                .sharing_log(Some(participant_id), None)?
                .into_iter()
                .map(SharingEntryDto::from)
                .collect())
        })
        .await
}

/// The organisation's duties and team warnings, for the overview.
#[tauri::command]
pub async fn cooperation_overview_get(
    state: State<'_, AppState>,
) -> Result<CooperationOverviewDto, IpcError> {
    let today = today();
    state
        .with_store(move |store| cooperation_overview(store, today))
        .await
}

/// The letterhead settings.
#[tauri::command]
pub async fn letterhead_get(state: State<'_, AppState>) -> Result<LetterheadDto, IpcError> {
    state.with_store(|store| letterhead(store)).await
}

/// Saves the letterhead settings.
#[tauri::command]
pub async fn letterhead_save(
    state: State<'_, AppState>,
    form: LetterheadDto,
) -> Result<LetterheadDto, IpcError> {
    state
        .with_store(move |store| save_letterhead(store, &form))
        .await
}

/// The interpreter report for a period.
#[tauri::command]
pub async fn interpreter_report_get(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<InterpreterReportDto, IpcError> {
    state
        .with_store(move |store| interpreter_report(store, &from, &to))
        .await
}
