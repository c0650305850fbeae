//! Commands that export the participant and deadline lists as filtered on
//! screen, every matching row and not only the pages shown, as `.xlsx` or
//! as CSV for Norwegian Excel, through the one export path.

use super::export::{audited, bytes, export_file, workbook_file, Exported, SheetFormat};
use crate::error::IpcError;
use crate::save_dialog::SaveRequest;
use crate::state::AppState;
use crate::transport::{DeadlineFilterDto, ParticipantQueryDto};
use introspor_core::domain::export::{ExportKind, ExportRecord};
use introspor_core::export::table::Workbook;
use introspor_core::language::Message;
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

/// The filter as the audit trail records it, in words.
fn described(parts: &[(&str, &str)]) -> String {
    parts
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}: {value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

async fn export_workbook(
    state: &AppState,
    workbook: Workbook,
    kind: ExportKind,
    filter: String,
    format: SheetFormat,
    stem: String,
) -> Result<ListExportDto, IpcError> {
    let rows = rows_of(&workbook);
    let content = workbook_file(&workbook, format)?;
    let exported = export_file(
        state,
        SaveRequest {
            title: Message::new("dialog.saveList"),
            file_name: format!("{stem}.{}", format.extension()),
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
    let filter = described(&[
        ("Søk", query.search.as_str()),
        ("Status", query.status.as_str()),
        ("Lov", query.law.as_str()),
        ("Arkiverte", if query.archived { "ja" } else { "" }),
    ]);
    let workbook = state
        .with_store(move |store| {
            let mut query = super::participants::parse_query(&query)?;
            query.limit = None;
            let language = store.written_language()?;
            Ok(introspor_core::export::lists::participant_list(store, &query, language)?.workbook)
        })
        .await?;
    export_workbook(
        &state,
        workbook,
        ExportKind::ParticipantList,
        filter,
        format,
        format!("introspor-deltakere-{}", today.format("%Y-%m-%d")),
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
    let words = described(&[
        ("Type", filter.kind.as_str()),
        ("Status", filter.status.as_str()),
        ("Bare åpne", if filter.open_only { "ja" } else { "" }),
        ("Deltaker-id", participant.as_str()),
        ("Fra", filter.from.as_str()),
        ("Til", filter.to.as_str()),
    ]);
    let workbook = state
        .with_store(move |store| {
            let query = super::deadlines::parse_filter(&filter)?;
            let language = store.written_language()?;
            Ok(
                introspor_core::export::lists::deadline_list(store, &query, today, language)?
                    .workbook,
            )
        })
        .await?;
    export_workbook(
        &state,
        workbook,
        ExportKind::DeadlineList,
        words,
        format,
        format!("introspor-frister-{}", today.format("%Y-%m-%d")),
    )
    .await
}
