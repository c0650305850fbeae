//! The text of an exported PDF, as `pdftotext` (poppler-utils) reads it:
//! what a caseworker's PDF reader would show, for the window tests that
//! export minutes.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Every text line of the PDF at `path`.
pub fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is missing: run `make deps` (Debian package poppler-utils)");
    assert!(
        output.status.success(),
        "pdftotext should read the exported PDF"
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The files with `extension` an export wrote into `folder` (the save
/// dialog's test answer).
pub fn exported_files(folder: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(folder)
        .expect("the export folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect()
}

/// The PDF an export wrote into `folder` (the save dialog's test answer).
pub fn exported_pdf(folder: &Path) -> std::path::PathBuf {
    exported_files(folder, "pdf")
        .into_iter()
        .next()
        .expect("the minutes should be saved as a PDF in the chosen folder")
}
