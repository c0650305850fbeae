//! The one way a file leaves Introspor, and the calendar export.
//!
//! Every export (calendar, audit trail, minutes, a backup to a chosen
//! folder, lists and reports) describes what the save dialog offers and
//! how its file is written; [`export_file`] asks where, writes, and records
//! the export in the store, with the file name and never the folder. A
//! cancelled dialog writes and records nothing; a failed write records
//! nothing and leaves no half-written file.

use crate::error::IpcError;
use crate::save_dialog::{ask_save_path, SaveRequest};
use crate::state::AppState;
use crate::transport::CalendarExportDto;
use chrono::{DateTime, NaiveDate, Utc};
use introspor_core::domain::export::{ExportKind, ExportRecord};
use introspor_core::export::calendar::{calendar_export as build_calendar, CalendarExport};
use introspor_core::export::csv::workbook_csv;
use introspor_core::export::file_name::{offered_name, OfferedFile};
use introspor_core::export::minutes::pdf::{render_minutes_pdf, undrawable_characters};
use introspor_core::export::minutes::MinutesDocument;
use introspor_core::export::table::Workbook;
use introspor_core::export::xlsx::workbook_xlsx;
use introspor_core::language::{catalogue, Arg, Message};
use introspor_core::store::deadlines::DeadlineFilter;
use introspor_core::Store;
use std::path::{Path, PathBuf};
use tauri::State;

/// Where an export went.
#[derive(Debug)]
pub struct Exported<T> {
    /// The file written.
    pub path: PathBuf,
    /// Its name, as the audit trail records it.
    pub file_name: String,
    /// What writing it returned (a backup's counts, say).
    pub written: T,
}

/// The one path out: asks where to save, then, holding the store, writes
/// the file with `write` and records it with `record` (given the file name
/// actually chosen). `None` when the caseworker cancelled the dialog.
pub async fn export_file<T, W, R>(
    state: &AppState,
    dialog: SaveRequest,
    write: W,
    record: R,
) -> Result<Option<Exported<T>>, IpcError>
where
    T: Send + 'static,
    W: FnOnce(&mut Store, &Path) -> Result<T, IpcError> + Send + 'static,
    R: FnOnce(&mut Store, &str, &T) -> Result<(), IpcError> + Send + 'static,
{
    let proposed = dialog.file_name.clone();
    let Some(path) = ask_save_path(dialog).await? else {
        return Ok(None);
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(proposed);
    let recorded_name = file_name.clone();
    let target = path.clone();
    let written = state
        .with_store(move |store| {
            let written = write(store, &target)?;
            record(store, &recorded_name, &written)?;
            Ok(written)
        })
        .await?;
    Ok(Some(Exported {
        path,
        file_name,
        written,
    }))
}

/// A writer for [`export_file`] that writes `bytes` atomically.
pub fn bytes(bytes: Vec<u8>) -> impl FnOnce(&mut Store, &Path) -> Result<(), IpcError> {
    move |_, path| write_file_atomically(path, &bytes)
}

/// A recorder for [`export_file`] of the exports that have no log of
/// their own: one audit entry from `record`.
pub fn audited<T>(
    record: ExportRecord,
) -> impl FnOnce(&mut Store, &str, &T) -> Result<(), IpcError> {
    move |store, file_name, _| Ok(store.log_file_export(&record, file_name)?)
}

/// The two formats a list or report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// An Excel workbook: typed cells, frozen header, filter.
    Xlsx,
    /// CSV for Norwegian Excel: `;`, BOM, CRLF, formulas defused.
    Csv,
}

impl SheetFormat {
    /// The format the window asks for (`xlsx` or `csv`).
    pub fn parse(text: &str) -> Result<Self, IpcError> {
        match text {
            "xlsx" => Ok(SheetFormat::Xlsx),
            "csv" => Ok(SheetFormat::Csv),
            _ => Err(IpcError::invalid_choice("format")),
        }
    }

    /// The file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => "xlsx",
            SheetFormat::Csv => "csv",
        }
    }

    /// The save dialog's filter name.
    pub fn filter_name(self) -> Message {
        Message::new(match self {
            SheetFormat::Xlsx => "dialog.xlsxFilter",
            SheetFormat::Csv => "dialog.csvFilter",
        })
    }

    /// The save dialog's extensions.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            SheetFormat::Xlsx => &["xlsx"],
            SheetFormat::Csv => &["csv"],
        }
    }
}

/// A workbook's bytes in the chosen format.
pub fn workbook_file(workbook: &Workbook, format: SheetFormat) -> Result<Vec<u8>, IpcError> {
    match format {
        SheetFormat::Csv => Ok(workbook_csv(workbook).into_bytes()),
        SheetFormat::Xlsx => workbook_xlsx(workbook).map_err(|error| {
            tracing::error!("xlsx failed: {error}");
            IpcError::new("xlsx_failed", introspor_core::messages::XLSX_FAILED)
        }),
    }
}

/// The calendar file for the open deadlines, made against what earlier
/// exports told the calendar, so that what is done is withdrawn.
pub fn calendar_ics(
    store: &Store,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<CalendarExport, IpcError> {
    let rows = store.deadlines(
        &DeadlineFilter {
            open_only: true,
            ..DeadlineFilter::default()
        },
        today,
    )?;
    let previous = store.calendar_entries()?;
    Ok(build_calendar(
        &rows,
        &previous,
        now,
        store.written_language()?,
    ))
}

/// What the audit trail records about a calendar export.
pub fn calendar_record(export: &CalendarExport) -> ExportRecord {
    ExportRecord {
        kind: ExportKind::Calendar,
        format: "ics".into(),
        rows: export.events,
        filter: if export.withdrawn == 0 {
            catalogue(export.language).render("file.filter.openDeadlines", &[])
        } else {
            catalogue(export.language).render(
                "file.filter.openDeadlinesWithdrawn",
                &[("count", Arg::Number(export.withdrawn as i64))],
            )
        },
        participants: Vec::new(),
    }
}

/// Refuses to write a PDF whose text holds characters no bundled font can
/// draw (they would print as «�»), unless the caseworker has been told and
/// chose to save it anyway (`accepted`). The refusal names the characters,
/// so the window can ask, and a second call with `accepted` writes.
/// `failed` is the document's own failure message, for fonts that cannot
/// be read (only a broken build has that).
fn refuse_undrawable(
    document: &MinutesDocument,
    accepted: bool,
    failed: Message,
) -> Result<(), IpcError> {
    if accepted {
        return Ok(());
    }
    let characters = undrawable_characters(document).map_err(|error| {
        tracing::error!("the fonts could not be read: {error}");
        IpcError::new("pdf_failed", failed)
    })?;
    if characters.is_empty() {
        return Ok(());
    }
    Err(IpcError::new(
        "undrawable_characters",
        introspor_core::messages::undrawable_characters(&characters),
    ))
}

/// The PDF/A bytes of `document`, after [`refuse_undrawable`]: every PDF
/// Introspor writes (minutes, the supervision report, an access answer,
/// the record of processing) goes through here. `failed` is the
/// document's own failure message.
pub fn pdf_of(
    document: &MinutesDocument,
    accepted: bool,
    failed: Message,
) -> Result<Vec<u8>, IpcError> {
    refuse_undrawable(document, accepted, failed.clone())?;
    render_minutes_pdf(document).map_err(|error| {
        tracing::error!(kind = failed.key(), "PDF failed: {error}");
        IpcError::new("pdf_failed", failed)
    })
}

/// Writes `content` to `path` through a temporary file in the same folder,
/// so that a failed write never leaves a half-written file behind.
pub fn write_file_atomically(path: &Path, content: &[u8]) -> Result<(), IpcError> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let result =
        std::fs::write(&temporary, content).and_then(|()| std::fs::rename(&temporary, path));
    result.map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        tracing::error!("export failed: {error}");
        IpcError::new("export_failed", introspor_core::messages::EXPORT_FAILED)
    })
}

/// Asks where to save, then writes the open deadlines as an `.ics` file
/// and records what the calendar now knows.
#[tauri::command]
pub async fn calendar_export(state: State<'_, AppState>) -> Result<CalendarExportDto, IpcError> {
    let today = super::today();
    let now = Utc::now();
    let export = state
        .with_store(move |store| calendar_ics(store, today, now))
        .await?;
    let events = export.events;
    let withdrawn = export.withdrawn;
    let record = calendar_record(&export);
    let file_name = offered_name(OfferedFile::Calendar, export.language, today, "", "ics");
    let CalendarExport { ics, entries, .. } = export;
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveCalendar"),
            file_name,
            filter_name: Message::new("dialog.calendarFilter"),
            extensions: &["ics"],
        },
        bytes(ics.into_bytes()),
        move |store, file_name, _| Ok(store.log_calendar_export(&entries, &record, file_name)?),
    )
    .await?;
    let path = match exported {
        Some(exported) => {
            tracing::info!(events, withdrawn, "calendar exported");
            exported.path.display().to_string()
        }
        None => String::new(),
    };
    Ok(CalendarExportDto {
        path,
        events,
        withdrawn,
    })
}
