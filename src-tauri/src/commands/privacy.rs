//! The archive hand-off, the retention period and the anonymisation: the
//! plain functions the commands and the integration tests call, then the
//! commands.

use crate::commands::export::{export_file, pdf_of, write_file_atomically};
use crate::commands::lists::ListExportDto;
use crate::commands::today;
use crate::error::IpcError;
use crate::save_dialog::SaveRequest;
use crate::state::AppState;
use crate::transport::privacy::{
    AccessRequestDto, AnonymisedDto, ArchiveFilingDto, RetentionCandidateDto, RetentionDto,
    UnfiledMinutesDto,
};
use chrono::NaiveDate;
use introspor_core::domain::export::{ExportKind, ExportRecord};
use introspor_core::domain::retention::parse_years;
use introspor_core::export::file_name::{offered_name, OfferedFile};
use introspor_core::export::minutes::MinutesDocument;
use introspor_core::language::Message;
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

/// Records an access request received on the day typed.
pub fn record_access_request(
    store: &mut Store,
    participant_id: i64,
    received_on: &str,
    today: NaiveDate,
) -> Result<Vec<AccessRequestDto>, IpcError> {
    store.record_access_request(participant_id, received_on, today)?;
    access_requests(store, participant_id, today)
}

/// A participant's access requests, newest first.
pub fn access_requests(
    store: &Store,
    participant_id: i64,
    today: NaiveDate,
) -> Result<Vec<AccessRequestDto>, IpcError> {
    Ok(store
        .access_requests(participant_id)?
        .into_iter()
        .map(|r| AccessRequestDto::new(r, today))
        .collect())
}

/// The answer's PDF and the JSON beside it, with the file name offered.
pub fn access_answer_files(
    store: &Store,
    request_id: i64,
    today: NaiveDate,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(MinutesDocument, Vec<u8>, String, i64), IpcError> {
    let language = store.written_language()?;
    let request = store.access_request(request_id)?;
    let answer = store.access_answer(request_id, today, created, language)?;
    let json = serde_json::to_vec_pretty(&answer).map_err(|error| {
        tracing::error!("access answer JSON failed: {error}");
        IpcError::new("pdf_failed", introspor_core::messages::REPORT_PDF_FAILED)
    })?;
    let reference = store.participant(request.participant_id).map(|p| {
        introspor_core::domain::retention::case_reference_of(
            &p.details.given_name,
            &p.details.family_name,
            p.id,
        )
    })?;
    let file_name = offered_name(
        OfferedFile::AccessAnswer,
        language,
        today,
        &reference,
        "pdf",
    );
    Ok((answer.document, json, file_name, request.participant_id))
}

/// Records an access request.
#[tauri::command]
pub async fn access_request_record(
    state: State<'_, AppState>,
    participant_id: i64,
    received_on: String,
) -> Result<Vec<AccessRequestDto>, IpcError> {
    let today = today();
    state
        .with_store(move |store| record_access_request(store, participant_id, &received_on, today))
        .await
}

/// A participant's access requests.
#[tauri::command]
pub async fn access_request_list(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Result<Vec<AccessRequestDto>, IpcError> {
    let today = today();
    state
        .with_store(move |store| access_requests(store, participant_id, today))
        .await
}

/// Writes the answer to an access request as PDF/A with its JSON beside
/// it, records the export and marks the request answered.
#[tauri::command]
pub async fn access_answer_export(
    state: State<'_, AppState>,
    request_id: i64,
    accept_undrawable: Option<bool>,
) -> Result<ListExportDto, IpcError> {
    let today = today();
    let created = crate::state::now_with_offset();
    let (document, json, file_name, participant_id) = state
        .with_store(move |store| access_answer_files(store, request_id, today, created))
        .await?;
    let pdf = pdf_of(
        &document,
        accept_undrawable.unwrap_or(false),
        introspor_core::messages::REPORT_PDF_FAILED,
    )?;
    let sections = document.blocks.len();
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveAccessAnswer"),
            file_name,
            filter_name: Message::new("dialog.pdfFilter"),
            extensions: &["pdf"],
        },
        move |_, path: &std::path::Path| {
            // The machine-readable copy lies beside the PDF, under the same
            // name; both are written whole or not at all.
            write_file_atomically(&path.with_extension("json"), &json)?;
            write_file_atomically(path, &pdf)
        },
        move |store: &mut Store, file_name: &str, _: &()| {
            store.log_file_export(
                &ExportRecord {
                    kind: ExportKind::AccessAnswer,
                    format: "pdf".into(),
                    rows: sections,
                    filter: String::new(),
                    participants: vec![participant_id],
                },
                file_name,
            )?;
            store.mark_access_answered(request_id, today, file_name)?;
            Ok(())
        },
    )
    .await?;
    Ok(ListExportDto::new(exported, sections))
}

/// Writes the record of processing activities as PDF/A; the export is
/// recorded in the audit trail.
#[tauri::command]
pub async fn processing_record_export(
    state: State<'_, AppState>,
    accept_undrawable: Option<bool>,
) -> Result<ListExportDto, IpcError> {
    let today = today();
    let created = crate::state::now_with_offset();
    let (document, file_name) = state
        .with_store(move |store| processing_record(store, today, created))
        .await?;
    let pdf = pdf_of(
        &document,
        accept_undrawable.unwrap_or(false),
        introspor_core::messages::REPORT_PDF_FAILED,
    )?;
    let sections = document.blocks.len();
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveProcessingRecord"),
            file_name,
            filter_name: Message::new("dialog.pdfFilter"),
            extensions: &["pdf"],
        },
        crate::commands::export::bytes(pdf),
        crate::commands::export::audited(ExportRecord {
            kind: ExportKind::ProcessingRecord,
            format: "pdf".into(),
            rows: sections,
            filter: String::new(),
            participants: Vec::new(),
        }),
    )
    .await?;
    Ok(ListExportDto::new(exported, sections))
}

/// The record of processing activities as a document, with its offered name.
pub fn processing_record(
    store: &Store,
    today: NaiveDate,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(MinutesDocument, String), IpcError> {
    let letterhead = store.letterhead()?;
    let language = letterhead.written_language;
    let document = introspor_core::export::processing_record::processing_record_document(
        &letterhead,
        &store.processing_facts()?,
        created,
        language,
    );
    let file_name = offered_name(OfferedFile::ProcessingRecord, language, today, "", "pdf");
    Ok((document, file_name))
}
