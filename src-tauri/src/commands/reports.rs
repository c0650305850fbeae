//! Commands for «Rapporter»: the caseload at a date, the legal deadlines
//! met on time in a period (with the charts' numbers), the IMDi
//! registrations still owed, one participant's duties ready for
//! supervision; and every report exported as a spreadsheet, CSV or (the
//! supervision report) PDF/A through the one export path.

use super::audit::parse_period;
use super::export::{audited, bytes, export_file, workbook_file, SheetFormat};
use crate::error::IpcError;
use crate::save_dialog::SaveRequest;
use crate::state::AppState;
use crate::transport::reports::{CaseloadDto, ComplianceDto, RegistrationDebtDto};
use chrono::{Datelike, NaiveDate};
use introspor_core::domain::date::parse_date;
use introspor_core::domain::export::{ExportKind, ExportRecord};
use introspor_core::export::file_name::{offered_name, offered_stem, OfferedFile};
use introspor_core::export::minutes::MinutesDocument;
use introspor_core::export::reports::{
    caseload_workbook, chart_workbook, compliance_workbook, registration_debt_workbook,
    supervision_document, supervision_workbook,
};
use introspor_core::export::table::Workbook;
use introspor_core::language::{catalogue, Arg, Message};
use introspor_core::Store;
use serde::Deserialize;
use tauri::State;

/// What a report is made for, as the window sends it: a date, a period,
/// a participant; each empty when the report takes none.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReportParamsDto {
    /// The day counted (`dd.mm.åååå`); empty means today.
    pub date: String,
    /// The period's first day; empty means 1 January this year.
    pub from: String,
    /// Its last day; empty means today.
    pub to: String,
    /// The participant, for the supervision report.
    pub participant_id: Option<i64>,
}

/// A report's day: the typed date, or today when none is typed.
pub fn report_day(text: &str, today: NaiveDate) -> Result<NaiveDate, IpcError> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    parse_date(text).ok_or_else(|| {
        let mut error = IpcError::new(
            "invalid_date",
            introspor_core::domain::date::invalid_date_message(text),
        );
        error.field = Some("date".into());
        error
    })
}

/// A report's period, checked; an empty start is 1 January of this year,
/// an empty end today.
pub fn report_period(
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), IpcError> {
    let (from, to) = parse_period(from, to)?;
    let start = from
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists"));
    let end = to.unwrap_or(today);
    // A start typed after today with no end: the period is that day alone.
    Ok((start, end.max(start)))
}

/// The caseload at a date.
pub fn caseload(store: &Store, date: &str, today: NaiveDate) -> Result<CaseloadDto, IpcError> {
    let day = report_day(date, today)?;
    Ok(CaseloadDto::from(&store.caseload_report(day, today)?))
}

/// Legal deadlines due in the period, and the charts' numbers.
pub fn compliance(
    store: &Store,
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<ComplianceDto, IpcError> {
    let (from, to) = report_period(from, to, today)?;
    let report = store.deadline_compliance(from, to, today)?;
    let chart = store.deadline_chart_for(&report, today)?;
    Ok(ComplianceDto::new(&report, &chart))
}

/// Open IMDi registrations, oldest first.
pub fn registration_debt(store: &Store, today: NaiveDate) -> Result<RegistrationDebtDto, IpcError> {
    Ok(RegistrationDebtDto::from(&store.registration_debt(today)?))
}

/// One participant's duties as the document the PDF is made from.
pub fn supervision(
    store: &Store,
    participant_id: i64,
    today: NaiveDate,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<MinutesDocument, IpcError> {
    let language = store.written_language()?;
    Ok(store.supervision_document(participant_id, today, created, language)?)
}

/// Which report, as the window names it.
fn report_kind(report: &str) -> Result<ExportKind, IpcError> {
    match report {
        "caseload" => Ok(ExportKind::CaseloadReport),
        "compliance" => Ok(ExportKind::ComplianceReport),
        "registration_debt" => Ok(ExportKind::RegistrationDebtReport),
        "supervision" => Ok(ExportKind::SupervisionReport),
        _ => Err(IpcError::invalid_choice("report")),
    }
}

/// A report as a workbook, with what the audit trail records about it and
/// the file name's stem.
pub fn report_workbook(
    store: &Store,
    report: &str,
    params: &ReportParamsDto,
    today: NaiveDate,
) -> Result<(Workbook, ExportRecord, String), IpcError> {
    let kind = report_kind(report)?;
    let record = |rows: usize, filter: String, participants: Vec<i64>| ExportRecord {
        kind,
        format: String::new(),
        rows,
        filter,
        participants,
    };
    let language = store.written_language()?;
    let texts = catalogue(language);
    Ok(match kind {
        ExportKind::CaseloadReport => {
            let day = report_day(&params.date, today)?;
            let r = store.caseload_report(day, today)?;
            let rows = r.participants.len();
            (
                caseload_workbook(&r, language),
                record(
                    rows,
                    texts.render("file.filter.asOf", &[("date", Arg::Date(day))]),
                    Vec::new(),
                ),
                offered_stem(OfferedFile::CaseloadReport, language, today, ""),
            )
        }
        ExportKind::ComplianceReport => {
            let (from, to) = report_period(&params.from, &params.to, today)?;
            let r = store.deadline_compliance(from, to, today)?;
            let chart = store.deadline_chart_for(&r, today)?;
            let mut workbook = compliance_workbook(&r, language);
            // The charts' numbers go in the same file as the figures.
            workbook
                .sheets
                .extend(chart_workbook(&chart, language).sheets);
            (
                workbook,
                record(
                    r.deadlines.len(),
                    texts.render(
                        "file.filter.period",
                        &[("from", Arg::Date(from)), ("to", Arg::Date(to))],
                    ),
                    Vec::new(),
                ),
                offered_stem(OfferedFile::ComplianceReport, language, today, ""),
            )
        }
        ExportKind::RegistrationDebtReport => {
            let r = store.registration_debt(today)?;
            (
                registration_debt_workbook(&r, language),
                record(
                    r.participants.len(),
                    texts.render("file.filter.openRegistrations", &[]),
                    Vec::new(),
                ),
                offered_stem(OfferedFile::RegistrationDebtReport, language, today, ""),
            )
        }
        _ => {
            let id = params
                .participant_id
                .ok_or_else(|| IpcError::invalid_choice("participantId"))?;
            let r = store.supervision_report(id, today)?;
            let stem = offered_stem(
                OfferedFile::SupervisionReport,
                language,
                today,
                &r.facts.case_reference,
            );
            (
                supervision_workbook(&r, language),
                record(r.duties.len(), String::new(), vec![id]),
                stem,
            )
        }
    })
}

/// The caseload at a date.
#[tauri::command]
pub async fn report_caseload(
    state: State<'_, AppState>,
    date: String,
) -> Result<CaseloadDto, IpcError> {
    let today = super::today();
    state
        .with_store(move |store| caseload(store, &date, today))
        .await
}

/// Legal deadlines due in a period.
#[tauri::command]
pub async fn report_compliance(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<ComplianceDto, IpcError> {
    let today = super::today();
    state
        .with_store(move |store| compliance(store, &from, &to, today))
        .await
}

/// Open IMDi registrations.
#[tauri::command]
pub async fn report_registration_debt(
    state: State<'_, AppState>,
) -> Result<RegistrationDebtDto, IpcError> {
    let today = super::today();
    state
        .with_store(move |store| registration_debt(store, today))
        .await
}

/// One participant's duties, as the PDF will show them.
#[tauri::command]
pub async fn report_supervision(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Result<MinutesDocument, IpcError> {
    let today = super::today();
    let created = crate::state::now_with_offset();
    state
        .with_store(move |store| supervision(store, participant_id, today, created))
        .await
}

/// Exports a report as `.xlsx` or `.csv`.
#[tauri::command]
pub async fn report_export(
    state: State<'_, AppState>,
    report: String,
    params: ReportParamsDto,
    format: String,
) -> Result<super::lists::ListExportDto, IpcError> {
    let format = SheetFormat::parse(&format)?;
    let today = super::today();
    let (workbook, mut record, stem) = state
        .with_store(move |store| report_workbook(store, &report, &params, today))
        .await?;
    record.format = format.extension().into();
    let rows = record.rows;
    let content = workbook_file(&workbook, format)?;
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveReport"),
            file_name: format!("{stem}.{}", format.extension()),
            filter_name: format.filter_name(),
            extensions: format.extensions(),
        },
        bytes(content),
        audited(record),
    )
    .await?;
    Ok(super::lists::ListExportDto::new(exported, rows))
}

/// Exports one participant's supervision report as PDF/A.
#[tauri::command]
pub async fn report_supervision_pdf(
    state: State<'_, AppState>,
    participant_id: i64,
    accept_undrawable: Option<bool>,
) -> Result<super::lists::ListExportDto, IpcError> {
    let today = super::today();
    let created = crate::state::now_with_offset();
    let (document, duties, file_name) = state
        .with_store(move |store| {
            // One reading of the report serves both the document and the
            // figures the audit trail and the file name need.
            let report = store.supervision_report(participant_id, today)?;
            let letterhead = store.letterhead()?;
            let language = letterhead.written_language;
            let document = supervision_document(&report, &letterhead, created, language);
            let file_name = offered_name(
                OfferedFile::SupervisionReport,
                language,
                today,
                &report.facts.case_reference,
                "pdf",
            );
            Ok((document, report.duties.len(), file_name))
        })
        .await?;
    let pdf = super::export::pdf_of(
        &document,
        accept_undrawable.unwrap_or(false),
        introspor_core::messages::REPORT_PDF_FAILED,
    )?;
    let exported = export_file(
        &state,
        SaveRequest {
            title: Message::new("dialog.saveReportPdf"),
            file_name,
            filter_name: Message::new("dialog.pdfFilter"),
            extensions: &["pdf"],
        },
        bytes(pdf),
        audited(ExportRecord {
            kind: ExportKind::SupervisionReport,
            format: "pdf".into(),
            rows: duties,
            filter: String::new(),
            participants: vec![participant_id],
        }),
    )
    .await?;
    Ok(super::lists::ListExportDto::new(exported, duties))
}
