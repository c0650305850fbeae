//! Commands that write files the caseworker chooses to take out of Introspor.

use crate::error::IpcError;
use crate::save_dialog::{ask_save_path, SaveRequest};
use crate::state::AppState;
use crate::transport::CalendarExportDto;
use chrono::{DateTime, NaiveDate, Utc};
use introspor_core::domain::deadline::DeadlineStatus;
use introspor_core::export::calendar::deadlines_to_ics;
use introspor_core::store::deadlines::DeadlineFilter;
use introspor_core::Store;
use std::path::{Path, PathBuf};
use tauri::State;

/// The open deadlines as iCalendar text, and how many events it holds.
pub fn calendar_ics(
    store: &Store,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(String, usize), IpcError> {
    let rows = store.deadlines(
        &DeadlineFilter {
            open_only: true,
            ..DeadlineFilter::default()
        },
        today,
    )?;
    let events = rows
        .iter()
        .filter(|r| matches!(r.status, DeadlineStatus::Open | DeadlineStatus::Overdue))
        .count();
    Ok((deadlines_to_ics(&rows, now), events))
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
        IpcError::new(
            "export_failed",
            "Kunne ikke lagre filen. Sjekk at mappen finnes og at du har skrivetilgang, og prøv igjen.",
        )
    })
}

/// Asks where to save, then writes the open deadlines as an `.ics` file.
#[tauri::command]
pub async fn calendar_export(state: State<'_, AppState>) -> Result<CalendarExportDto, IpcError> {
    let today = super::today();
    let now = Utc::now();
    let (ics, events) = state
        .with_store(move |store| calendar_ics(store, today, now))
        .await?;
    let file_name = format!("introspor-frister-{}.ics", today.format("%Y-%m-%d"));
    let chosen = ask_save_path(SaveRequest {
        title: "Lagre frister som kalender",
        file_name,
        filter_name: "Kalender (iCalendar)",
        extensions: &["ics"],
    })
    .await?;
    let Some(path) = chosen else {
        return Ok(CalendarExportDto {
            path: String::new(),
            events,
        });
    };
    write_file_atomically(&path, ics.as_bytes())?;
    tracing::info!(events, "calendar exported");
    Ok(CalendarExportDto {
        path: path.display().to_string(),
        events,
    })
}
