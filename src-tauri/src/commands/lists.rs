//! Commands that export the participant and deadline lists as filtered on
//! screen, every matching row and not only the pages shown, as `.xlsx` or
//! as CSV for Norwegian Excel, through the one export path.

use super::export::{audited, bytes, export_file, workbook_file, Exported, SheetFormat};
use crate::error::IpcError;
use crate::save_dialog::SaveRequest;
use crate::state::AppState;
use crate::transport::{DeadlineFilterDto, ParticipantQueryDto};
use introspor_core::domain::export::{ExportKind, ExportRecord};
use introspor_core::export::file_name::{offered_name, OfferedFile};
use introspor_core::export::table::Workbook;
use introspor_core::language::{catalogue, Language, Message};
use serde::Serialize;
use tauri::State;

/// What a list or report export did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListExportDto {
    /// The file written, or empty if the caseworker cancelled.
    pub path: String,
    /// How many rows it holds.
    pub rows: usize,
}

impl ListExportDto {
    /// The answer to the window for an export of `rows` rows.
    pub fn new<T>(exported: Option<Exported<T>>, rows: usize) -> Self {
        ListExportDto {
            path: exported
                .map(|e| e.path.display().to_string())
                .unwrap_or_default(),
            rows,
        }
    }
}

fn rows_of(workbook: &Workbook) -> usize {
    workbook.sheets.first().map_or(0, |s| s.rows.len())
}

/// The filter as the audit trail records it, in words of `language`: each
/// filter by the screen's own label, with what was chosen; a filter left
/// empty is not named.
fn described(language: Language, parts: &[(&str, &str)]) -> String {
    let texts = catalogue(language);
    parts
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| format!("{}: {value}", texts.render(label, &[])))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The word for a filter that is on, in `language`.
fn yes(language: Language, on: bool) -> String {
    if on {
        catalogue(language).render("file.yes", &[])
    } else {
        String::new()
    }
}

async fn export_workbook(
    state: &AppState,
    workbook: Workbook,
    kind: ExportKind,
    filter: String,
    format: SheetFormat,
    file_name: String,
) -> Result<ListExportDto, IpcError> {
    let rows = rows_of(&workbook);
    let content = workbook_file(&workbook, format)?;
    let exported = export_file(
        state,
        SaveRequest {
            title: Message::new("dialog.saveList"),
            file_name,
            filter_name: format.filter_name(),
            extensions: format.extensions(),
        },
        bytes(content),
        audited(ExportRecord {
            kind,
            format: format.extension().into(),
            rows,
            filter,
            participants: Vec::new(),
        }),
    )
    .await?;
    Ok(ListExportDto::new(exported, rows))
}

/// Exports the participant list as filtered on screen.
#[tauri::command]
pub async fn participant_list_export(
    state: State<'_, AppState>,
    query: ParticipantQueryDto,
    format: String,
) -> Result<ListExportDto, IpcError> {
    let format = SheetFormat::parse(&format)?;
    let today = super::today();
    let (workbook, filter, name) = state
        .with_store(move |store| {
            let language = store.written_language()?;
            let filter = described(
                language,
                &[
                    ("list.search", query.search.as_str()),
                    ("list.status", query.status.as_str()),
                    ("list.law", query.law.as_str()),
                    ("list.showArchived", &yes(language, query.archived)),
                ],
            );
            let mut query = super::participants::parse_query(&query)?;
            query.limit = None;
            let workbook =
                introspor_core::export::lists::participant_list(store, &query, language)?.workbook;
            let name = offered_name(
                OfferedFile::ParticipantList,
                language,
                today,
                "",
                format.extension(),
            );
            Ok((workbook, filter, name))
        })
        .await?;
    export_workbook(
        &state,
        workbook,
        ExportKind::ParticipantList,
        filter,
        format,
        name,
    )
    .await
}

/// Exports the deadline list as filtered on screen.
#[tauri::command]
pub async fn deadline_list_export(
    state: State<'_, AppState>,
    filter: DeadlineFilterDto,
    format: String,
) -> Result<ListExportDto, IpcError> {
    let format = SheetFormat::parse(&format)?;
    let today = super::today();
    let participant = filter
        .participant_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let (workbook, words, name) = state
        .with_store(move |store| {
            let language = store.written_language()?;
            let words = described(
                language,
                &[
                    ("deadlines.kind", filter.kind.as_str()),
                    ("deadlines.status", filter.status.as_str()),
                    ("file.filter.openOnly", &yes(language, filter.open_only)),
                    ("file.col.participantId", participant.as_str()),
                    ("deadlines.from", filter.from.as_str()),
                    ("deadlines.to", filter.to.as_str()),
                ],
            );
            let query = super::deadlines::parse_filter(&filter)?;
            let workbook =
                introspor_core::export::lists::deadline_list(store, &query, today, language)?
                    .workbook;
            let name = offered_name(
                OfferedFile::DeadlineList,
                language,
                today,
                "",
                format.extension(),
            );
            Ok((workbook, words, name))
        })
        .await?;
    export_workbook(
        &state,
        workbook,
        ExportKind::DeadlineList,
        words,
        format,
        name,
    )
    .await
}
