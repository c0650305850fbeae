//! Commands for importing participants from a spreadsheet: open a file,
//! preview every row with the columns matched by header (or as the
//! caseworker maps them), follow the preview's progress or cancel it, and
//! confirm. The file read and its preview are held here between calls, in
//! [`ImportSession`], outside the store's lock, so the window's progress
//! poll answers while a big file is checked.

use crate::error::IpcError;
use crate::save_dialog::{ask_open_path, OpenRequest};
use crate::state::AppState;
use introspor_core::import::{
    detect_columns, read_sheet, ColumnPlan, ImportError, ImportField, ImportPreview,
    ImportProgress, RawCell, RawSheet,
};
use introspor_core::language::Message;
use serde::Serialize;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};
use tauri::State;

/// The largest file read: a register of thousands of people is a few
/// megabytes; anything far larger is not a participant list.
pub const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

/// A file read and previewed, waiting for the caseworker's confirmation.
struct PendingImport {
    file_name: String,
    sheet: Arc<RawSheet>,
    plan: ColumnPlan,
    preview: Arc<ImportPreview>,
}

/// The import in progress, managed by Tauri beside [`AppState`].
#[derive(Default)]
pub struct ImportSession {
    pending: Mutex<Option<PendingImport>>,
    progress: Arc<ImportProgress>,
}

impl ImportSession {
    fn pending(&self) -> std::sync::MutexGuard<'_, Option<PendingImport>> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One column of the file and what it becomes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumnDto {
    /// The header as written in the file.
    pub header: String,
    /// Up to three values from the column, as read.
    pub examples: Vec<String>,
    /// The field it becomes (an `ImportField` identifier), or empty: skipped.
    pub field: String,
}

/// A refused field of a row.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblemDto {
    /// The participant form's field (`identityNumber`).
    pub field: String,
    /// The form's stable code.
    pub code: String,
    /// What is wrong, in Norwegian.
    pub message: String,
}

/// One row of the file as it would be imported.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportRowDto {
    /// The row's number, 1-based, the header row not counted.
    pub row: usize,
    /// `new`, `duplicate` or `refused`.
    pub outcome: String,
    /// The name as read.
    pub name: String,
    /// The birth date as read.
    pub birth_date: String,
    /// Every problem, for a refused row.
    pub problems: Vec<ImportProblemDto>,
    /// What was done to the values (a leading zero restored…).
    pub notes: Vec<String>,
    /// Whom a duplicate matches.
    pub duplicate_of: Option<String>,
}

/// How many rows of each outcome.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCountsDto {
    /// New participants.
    pub new: usize,
    /// Already registered, or earlier in the file.
    pub duplicate: usize,
    /// Refused, with reasons.
    pub refused: usize,
    /// Total rows and the like, skipped.
    pub skipped: usize,
}

/// The preview the window shows.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewDto {
    /// The file's name (never its folder).
    pub file_name: String,
    /// The text encoding it was read in.
    pub encoding: String,
    /// The CSV separator, or empty for a workbook.
    pub separator: String,
    /// The header row's number in the file.
    pub header_row: usize,
    /// The rows above the header, not read as participants.
    pub ignored: Vec<String>,
    /// The file's columns.
    pub columns: Vec<ImportColumnDto>,
    /// Every field a column can become.
    pub fields: Vec<String>,
    /// Every row.
    pub rows: Vec<ImportRowDto>,
    /// The counts.
    pub counts: ImportCountsDto,
}

/// How far the preview is.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgressDto {
    /// Rows checked.
    pub done: usize,
    /// Rows in the file.
    pub total: usize,
}

/// What a confirmed import did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResultDto {
    /// Participants written.
    pub imported: usize,
    /// Rows not written because the person is already registered.
    pub duplicates: usize,
}

fn preview_dto(
    file_name: &str,
    sheet: &RawSheet,
    plan: &ColumnPlan,
    preview: &ImportPreview,
) -> ImportPreviewDto {
    let data = sheet.rows.iter().skip(plan.header_row);
    let columns = plan
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| ImportColumnDto {
            header: header.clone(),
            examples: data
                .clone()
                .filter_map(|row| row.get(i).map(RawCell::display))
                .filter(|text| !text.trim().is_empty())
                .take(3)
                .map(|text| text.chars().take(60).collect())
                .collect(),
            field: plan
                .mapping
                .get(i)
                .copied()
                .flatten()
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
        })
        .collect();
    let c = &preview.counts;
    ImportPreviewDto {
        file_name: file_name.to_string(),
        encoding: sheet.encoding.clone(),
        separator: sheet.separator.map(String::from).unwrap_or_default(),
        header_row: plan.header_row,
        ignored: plan.ignored_above.clone(),
        columns,
        fields: ImportField::ALL
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        rows: preview
            .rows
            .iter()
            .map(|r| ImportRowDto {
                row: r.row,
                outcome: r.outcome.as_str().to_string(),
                name: format!("{} {}", r.form.given_name, r.form.family_name)
                    .trim()
                    .to_string(),
                birth_date: r.form.birth_date.clone(),
                problems: r
                    .problems
                    .iter()
                    .map(|p| ImportProblemDto {
                        field: p.field.to_string(),
                        code: p.code.to_string(),
                        message: crate::error::in_window_language(&p.message),
                    })
                    .collect(),
                notes: r
                    .notes
                    .iter()
                    .map(crate::error::in_window_language)
                    .collect(),
                duplicate_of: r.duplicate_of.clone(),
            })
            .collect(),
        counts: ImportCountsDto {
            new: c.new,
            duplicate: c.duplicate,
            refused: c.refused,
            skipped: c.skipped,
        },
    }
}

fn import_error(error: ImportError) -> IpcError {
    IpcError::new(error.code(), error.message())
}

/// Previews `sheet` with `plan` in the store, counting progress in `session`.
async fn run_preview(
    state: &AppState,
    session: &ImportSession,
    file_name: String,
    sheet: Arc<RawSheet>,
    plan: ColumnPlan,
) -> Result<ImportPreviewDto, IpcError> {
    let progress = Arc::clone(&session.progress);
    progress.done.store(0, Ordering::SeqCst);
    progress.total.store(
        sheet.rows.len().saturating_sub(plan.header_row),
        Ordering::SeqCst,
    );
    progress.cancelled.store(false, Ordering::SeqCst);
    let today = super::today();
    let (job_sheet, job_plan) = (Arc::clone(&sheet), plan.clone());
    let preview = state
        .with_store(move |store| {
            store
                .import_preview(&job_sheet, &job_plan, today, &progress)
                .map_err(IpcError::from)
        })
        .await?;
    let dto = preview_dto(&file_name, &sheet, &plan, &preview);
    *session.pending() = Some(PendingImport {
        file_name,
        sheet,
        plan,
        preview: Arc::new(preview),
    });
    Ok(dto)
}

/// Asks for a file, reads it and previews it; `None` when cancelled.
#[tauri::command]
pub async fn import_open(
    state: State<'_, AppState>,
    session: State<'_, ImportSession>,
) -> Result<Option<ImportPreviewDto>, IpcError> {
    let Some(path) = ask_open_path(OpenRequest {
        title: Message::new("dialog.openImport"),
        filter_name: Message::new("dialog.importFilter"),
        extensions: &["xlsx", "csv", "txt"],
    })
    .await?
    else {
        return Ok(None);
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = file_name.clone();
    let sheet = tauri::async_runtime::spawn_blocking(move || {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_IMPORT_BYTES {
            return Err(IpcError::new(
                "import_too_large",
                introspor_core::messages::IMPORT_TOO_LARGE,
            ));
        }
        let bytes = std::fs::read(&path).map_err(|error| {
            tracing::warn!("import file unreadable: {error}");
            IpcError::new(
                "import_unreadable",
                introspor_core::messages::IMPORT_FILE_UNREADABLE,
            )
        })?;
        read_sheet(&name, &bytes).map_err(import_error)
    })
    .await
    .map_err(|_| IpcError::internal())??;
    let plan = detect_columns(&sheet).map_err(import_error)?;
    tracing::info!(rows = sheet.rows.len(), "import file read");
    run_preview(&state, &session, file_name, Arc::new(sheet), plan)
        .await
        .map(Some)
}

/// Previews the file again with the columns mapped by hand (one entry per
/// column: a field identifier, or empty to skip it).
#[tauri::command]
pub async fn import_remap(
    state: State<'_, AppState>,
    session: State<'_, ImportSession>,
    mapping: Vec<String>,
) -> Result<ImportPreviewDto, IpcError> {
    let (file_name, sheet, mut plan) = {
        let pending = session.pending();
        let pending = pending.as_ref().ok_or_else(no_import)?;
        (
            pending.file_name.clone(),
            Arc::clone(&pending.sheet),
            pending.plan.clone(),
        )
    };
    if mapping.len() != plan.headers.len() {
        return Err(IpcError::invalid_choice("mapping"));
    }
    let fields = mapping
        .iter()
        .map(|id| match id.as_str() {
            "" => Ok(None),
            id => ImportField::from_str_id(id)
                .map(Some)
                .ok_or_else(|| IpcError::invalid_choice("mapping")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    // The store's preview refuses a field mapped twice (`import_field_twice`).
    plan.mapping = fields;
    run_preview(&state, &session, file_name, sheet, plan).await
}

fn no_import() -> IpcError {
    IpcError::new("import_none", introspor_core::messages::IMPORT_NONE)
}

/// How far the preview is.
#[tauri::command]
pub fn import_progress_get(session: State<'_, ImportSession>) -> ImportProgressDto {
    ImportProgressDto {
        done: session.progress.done.load(Ordering::SeqCst),
        total: session.progress.total.load(Ordering::SeqCst),
    }
}

/// Stops the preview under way; nothing has been written.
#[tauri::command]
pub fn import_cancel(session: State<'_, ImportSession>) {
    session.progress.cancelled.store(true, Ordering::SeqCst);
}

/// Forgets the file read and its preview.
#[tauri::command]
pub fn import_discard(session: State<'_, ImportSession>) {
    *session.pending() = None;
}

/// Writes every new row of the preview, in one transaction.
#[tauri::command]
pub async fn import_confirm(
    state: State<'_, AppState>,
    session: State<'_, ImportSession>,
) -> Result<ImportResultDto, IpcError> {
    // The preview stays until the write succeeds, so a failed write can be
    // confirmed again without reading the file anew.
    let (preview, file_name) = {
        let pending = session.pending();
        let pending = pending.as_ref().ok_or_else(no_import)?;
        (Arc::clone(&pending.preview), pending.file_name.clone())
    };
    let today = super::today();
    let outcome = state
        .with_store(move |store| Ok(store.import_participants(&preview, &file_name, today)?))
        .await?;
    *session.pending() = None;
    tracing::info!(imported = outcome.imported.len(), "participants imported");
    Ok(ImportResultDto {
        imported: outcome.imported.len(),
        duplicates: outcome.duplicates,
    })
}
