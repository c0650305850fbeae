//! Logging to daily files in the app's log folder.
//!
//! Log lines carry ids and error codes, never a name, an identity number or
//! a note: the core's error texts are written to contain none, and the shell
//! logs nothing from the forms.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// How many daily log files to keep.
const KEPT_LOG_FILES: usize = 30;

/// Starts logging into `folder`. The returned guard flushes the log when
/// dropped, so it must live as long as the app. The level comes from
/// `INTROSPOR_LOG` (default `info`).
pub fn start(folder: &Path) -> Option<WorkerGuard> {
    // The appender prunes old files before it creates the folder.
    std::fs::create_dir_all(folder).ok()?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("introspor")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(folder)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_env("INTROSPOR_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
