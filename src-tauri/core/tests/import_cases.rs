//! The import cases as data: `tests/cases/import/NAME.{csv,xlsx}` with
//! `NAME.toml` saying what importing it must give. Every case runs on a
//! fresh in-memory register; all failures are collected and reported at
//! once, each naming its file.

use chrono::NaiveDate;
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::import::{detect_columns, read_sheet, ImportProgress, RowOutcome};
use introspor_core::Store;
use std::path::{Path, PathBuf};

/// A fixed day, so that two-digit years and «not in the future» hold
/// whenever the tests run.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date")
}

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/import")
}

fn text(table: &toml::Value, key: &str) -> String {
    table
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn run_case(data: &Path, expect_path: &Path) -> Result<(), String> {
    let expect: toml::Value = toml::from_str(
        &std::fs::read_to_string(expect_path).map_err(|e| format!("read toml: {e}"))?,
    )
    .map_err(|e| format!("parse toml: {e}"))?;
    let mut store = Store::open_in_memory().map_err(|e| e.to_string())?;
    if let Some(given) = expect.get("given").and_then(|g| g.as_array()) {
        for person in given {
            let form = ParticipantForm {
                given_name: text(person, "given_name"),
                family_name: text(person, "family_name"),
                identity_number: text(person, "identity_number"),
                birth_date: text(person, "birth_date"),
                ..ParticipantForm::default()
            };
            let details = form
                .validate(today())
                .map_err(|e| format!("given participant: {e}"))?;
            store
                .create_participant(&details, today())
                .map_err(|e| format!("given participant: {e}"))?;
        }
    }
    let name = data
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let bytes = std::fs::read(data).map_err(|e| e.to_string())?;
    let sheet = read_sheet(name, &bytes).map_err(|e| format!("read: {e}"))?;
    let plan = detect_columns(&sheet).map_err(|e| format!("detect: {e}"))?;
    let expect = expect.get("expect").ok_or("no [expect]")?;
    let int = |key: &str| expect.get(key).and_then(|v| v.as_integer());
    let mut problems = Vec::new();
    if let Some(row) = int("header_row") {
        if plan.header_row as i64 != row {
            problems.push(format!("header row {} (expected {row})", plan.header_row));
        }
    }
    let preview = store
        .import_preview(&sheet, &plan, today(), &ImportProgress::default())
        .map_err(|e| format!("preview: {e}"))?;
    let mut refused: Vec<(i64, String)> = preview
        .rows
        .iter()
        .filter(|r| r.outcome == RowOutcome::Refused)
        .flat_map(|r| {
            r.problems
                .iter()
                .map(move |p| (r.row as i64, p.code.to_string()))
        })
        .collect();
    refused.sort();
    let mut expected_refused: Vec<(i64, String)> = expect
        .get("refused")
        .and_then(|r| r.as_array())
        .map(|list| {
            list.iter()
                .map(|r| {
                    (
                        r.get("row").and_then(|v| v.as_integer()).unwrap_or(0),
                        text(r, "code"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    expected_refused.sort();
    if refused != expected_refused {
        problems.push(format!(
            "refused {refused:?} (expected {expected_refused:?})"
        ));
    }
    let outcome = store
        .import_participants(&preview, name, today())
        .map_err(|e| format!("import: {e}"))?;
    let checks = [
        ("imported", outcome.imported.len() as i64),
        ("duplicates", outcome.duplicates as i64),
        ("skipped", outcome.skipped as i64),
    ];
    for (key, got) in checks {
        let want = int(key).unwrap_or(0);
        if got != want {
            problems.push(format!("{key} {got} (expected {want})"));
        }
    }
    if let Some(names) = expect.get("names").and_then(|n| n.as_array()) {
        for (id, want) in outcome.imported.iter().zip(names) {
            let p = store.participant(*id).map_err(|e| e.to_string())?;
            let got = format!("{} {}", p.details.given_name, p.details.family_name);
            if Some(got.as_str()) != want.as_str() {
                problems.push(format!("name {got:?} (expected {want})"));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn every_import_case_gives_what_it_expects() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases/import")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("csv" | "xlsx")))
        .collect();
    entries.sort();
    assert!(entries.len() >= 12, "only {} import cases", entries.len());
    let failures: Vec<String> = entries
        .iter()
        .filter_map(|data| {
            run_case(data, &data.with_extension("toml"))
                .err()
                .map(|e| format!("{}: {e}", data.display()))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
