//! The reports for internal control as workbooks ([`Workbook`]) with
//! Norwegian headers, and the supervision report as a document in the
//! minutes' layout ([`MinutesDocument`]), printed as PDF/A by
//! [`crate::export::minutes::pdf::render_minutes_pdf`].
//!
//! Every workbook puts the numbers first and the list behind the numbers
//! after them, so the CSV of a report (which holds only the first sheet)
//! holds its numbers. The period or day a report covers is in its sheet
//! names, so that a sheet taken out of the workbook still says what it
//! counts; no name is longer than the 31 characters a spreadsheet allows.
//!
//! Workbooks and the supervision document name participants: they are for
//! the municipality's own internal control and for the county governor's
//! supervision, and are exported on purpose, like the minutes.

use crate::domain::date::format_date;
use crate::domain::deadline::EventKind;
use crate::domain::law::Law;
use crate::domain::minutes::Letterhead;
use crate::domain::participant::{Education, FinalGoal, Status};
use crate::domain::report::{
    CaseloadReport, CategoryCount, ComplianceDeadline, DeadlineChart, DeadlineCompliance, Outcome,
    OutcomeCounts, RegistrationDebt, SupervisionReport, NO_FINAL_GOAL,
};
use crate::export::calendar::kind_label_nb;
use crate::export::minutes::{Block, MinutesDocument, TableBlock};
use crate::export::table::{Cell, Column, Sheet, Workbook};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// A status in Norwegian, as the window's catalogue has it (`status.*` in
/// `ui/i18n/nb.js`; a test keeps the two in step).
pub fn status_label_nb(status: Status) -> &'static str {
    match status {
        Status::Prospective => "Kommende",
        Status::Active => "Aktiv",
        Status::OnLeave => "Permisjon",
        Status::Completed => "Fullført",
        Status::Terminated => "Avbrutt",
        Status::MovedAway => "Flyttet",
    }
}

/// A law in Norwegian, as the window's catalogue has it (`law.*`).
pub fn law_label_nb(law: Law) -> &'static str {
    match law {
        Law::Integreringsloven => "Integreringsloven",
        Law::Introduksjonsloven => "Introduksjonsloven",
        Law::Integreringsloven6a => "Integreringsloven kap. 6A",
        Law::Unknown => "Ukjent",
    }
}

/// A final goal in Norwegian, as the window's catalogue has it (`goal.*`,
/// `goal.none` for none decided).
pub fn final_goal_label_nb(goal: Option<FinalGoal>) -> &'static str {
    match goal {
        Some(FinalGoal::Work) => "Arbeid",
        Some(FinalGoal::UpperSecondary) => "Videregående opplæring",
        Some(FinalGoal::PrimarySchool) => "Grunnskole",
        Some(FinalGoal::HigherEducation) => "Høyere utdanning",
        Some(FinalGoal::Other) => "Annet",
        None => "Ikke fastsatt",
    }
}

/// An education group in Norwegian, as the window's catalogue has it
/// (`education.*`).
pub fn education_label_nb(education: Education) -> &'static str {
    match education {
        Education::UpperSecondaryOrHigher => "Videregående opplæring eller høyere",
        Education::BelowUpperSecondary => "Lavere enn videregående opplæring",
        Education::Unknown => "Ikke kjent",
    }
}

/// An outcome in Norwegian, as a compliance report shows it.
pub fn outcome_label_nb(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::OnTime => "I tide",
        Outcome::Late => "For sent",
        Outcome::Overdue => "Forfalt, ikke utført",
        Outcome::NotYetDue => "Åpen, ikke forfalt",
        Outcome::NotApplicable => "Gjelder ikke",
    }
}

/// An event kind in Norwegian with a capital letter, for a cell.
fn event_label(kind: Option<EventKind>) -> String {
    let Some(kind) = kind else {
        return String::new();
    };
    let label = kind.label_nb();
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The Norwegian label of a count's identifier in one of the caseload's
/// groupings.
fn caseload_label(group: Grouping, id: &str) -> &'static str {
    match group {
        Grouping::Status => Status::from_str_id(id).map_or("", status_label_nb),
        Grouping::Law => Law::from_str_id(id).map_or("", law_label_nb),
        Grouping::FinalGoal if id == NO_FINAL_GOAL => final_goal_label_nb(None),
        Grouping::FinalGoal => {
            FinalGoal::from_str_id(id).map_or("", |g| final_goal_label_nb(Some(g)))
        }
        Grouping::Education => Education::from_str_id(id).map_or("", education_label_nb),
    }
}

#[derive(Clone, Copy)]
enum Grouping {
    Status,
    Law,
    FinalGoal,
    Education,
}

impl Grouping {
    fn label(self) -> &'static str {
        match self {
            Grouping::Status => "Status",
            Grouping::Law => "Lov",
            Grouping::FinalGoal => "Sluttmål",
            Grouping::Education => "Utdanningsbakgrunn",
        }
    }
}

fn sheet(name: String, columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet {
        name,
        columns,
        rows,
    }
}

fn integer(value: u64) -> Cell {
    Cell::Integer(i64::try_from(value).unwrap_or(i64::MAX))
}

fn optional_integer(value: Option<i64>) -> Cell {
    value.map_or(Cell::Empty, Cell::Integer)
}

fn period(from: NaiveDate, to: NaiveDate) -> String {
    format!("{}–{}", format_date(from), format_date(to))
}

/// The caseload as a workbook: «Antall per dd.mm.åååå» (each grouping's
/// counts, and the total) and «Deltakere per dd.mm.åååå» (who they are).
pub fn caseload_workbook(report: &CaseloadReport) -> Workbook {
    let on = format_date(report.on);
    let groups: [(Grouping, &[CategoryCount]); 4] = [
        (Grouping::Status, &report.by_status),
        (Grouping::Law, &report.by_law),
        (Grouping::FinalGoal, &report.by_final_goal),
        (Grouping::Education, &report.by_education),
    ];
    let mut numbers = vec![vec![
        Cell::text("I alt"),
        Cell::Empty,
        integer(report.total),
    ]];
    for (group, counts) in groups {
        for count in counts {
            numbers.push(vec![
                Cell::text(group.label()),
                Cell::text(caseload_label(group, count.id)),
                integer(count.count),
            ]);
        }
    }
    let people = report
        .participants
        .iter()
        .map(|p| {
            vec![
                Cell::Integer(p.participant_id),
                Cell::text(p.name.clone()),
                Cell::text(p.case_reference.clone()),
                Cell::text(status_label_nb(p.status)),
                Cell::text(law_label_nb(p.law)),
                Cell::text(final_goal_label_nb(p.final_goal)),
                Cell::text(education_label_nb(p.education)),
                Cell::date(p.settlement_date),
                Cell::date(p.programme_start),
                Cell::date(p.programme_ended),
            ]
        })
        .collect();
    Workbook {
        sheets: vec![
            sheet(
                format!("Antall per {on}"),
                vec![
                    Column::new("Gruppering", 20.0),
                    Column::new("Verdi", 36.0),
                    Column::new("Antall", 10.0),
                ],
                numbers,
            ),
            sheet(
                format!("Deltakere per {on}"),
                vec![
                    Column::new("Deltaker-id", 12.0),
                    Column::new("Navn", 30.0),
                    Column::new("Saksreferanse", 14.0),
                    Column::new("Status på datoen", 16.0),
                    Column::new("Lov", 24.0),
                    Column::new("Sluttmål", 22.0),
                    Column::new("Utdanningsbakgrunn", 34.0),
                    Column::new("Bosettingsdato", 14.0),
                    Column::new("Programstart", 14.0),
                    Column::new("Programslutt", 14.0),
                ],
                people,
            ),
        ],
    }
}

fn rate_cell(rate: Option<f64>) -> Cell {
    rate.map_or(Cell::Empty, Cell::Number)
}

fn counts_row(label: &str, counts: &OutcomeCounts, rate: Option<f64>) -> Vec<Cell> {
    vec![
        Cell::text(label),
        integer(counts.on_time),
        integer(counts.late),
        integer(counts.overdue),
        integer(counts.not_yet_due),
        integer(counts.not_applicable),
        rate_cell(rate),
    ]
}

fn deadline_list_columns() -> Vec<Column> {
    vec![
        Column::new("Deltaker-id", 12.0),
        Column::new("Navn", 30.0),
        Column::new("Saksreferanse", 14.0),
        Column::new("Arkivert", 10.0),
        Column::new("Fristtype", 28.0),
        Column::new("Hjemmel", 30.0),
        Column::new("Frist", 12.0),
        Column::new("Utført", 12.0),
        Column::new("Vurdering", 20.0),
        Column::new("Dager for sent", 14.0),
    ]
}

fn deadline_list_row(d: &ComplianceDeadline) -> Vec<Cell> {
    vec![
        Cell::Integer(d.participant_id),
        Cell::text(d.name.clone()),
        Cell::text(d.case_reference.clone()),
        Cell::text(if d.archived { "Ja" } else { "Nei" }),
        Cell::text(kind_label_nb(d.kind.as_str())),
        Cell::text(d.reference.clone()),
        Cell::Date(d.due),
        Cell::date(d.done_on),
        Cell::text(outcome_label_nb(d.outcome)),
        optional_integer(d.days_late),
    ]
}

/// Deadline compliance as a workbook: «Frister dd.mm.åååå–dd.mm.åååå»
/// (per kind: on time, late, overdue, open, not applicable, the on-time
/// rate, and all kinds together) and «Fristene bak tallene».
pub fn compliance_workbook(report: &DeadlineCompliance) -> Workbook {
    let mut numbers: Vec<Vec<Cell>> = report
        .kinds
        .iter()
        .map(|k| counts_row(kind_label_nb(k.kind.as_str()), &k.counts, k.on_time_rate))
        .collect();
    numbers.push(counts_row("I alt", &report.total, report.on_time_rate));
    Workbook {
        sheets: vec![
            sheet(
                format!("Frister {}", period(report.from, report.to)),
                vec![
                    Column::new("Fristtype", 30.0),
                    Column::new("I tide", 10.0),
                    Column::new("For sent", 10.0),
                    Column::new("Forfalt, ikke utført", 20.0),
                    Column::new("Åpen, ikke forfalt", 18.0),
                    Column::new("Gjelder ikke", 12.0),
                    Column::new("Andel i tide", 12.0),
                ],
                numbers,
            ),
            sheet(
                "Fristene bak tallene".into(),
                deadline_list_columns(),
                report.deadlines.iter().map(deadline_list_row).collect(),
            ),
        ],
    }
}

/// Registration debt as a workbook: «Registreringsgjeld» (per participant:
/// open, overdue, oldest due date, most days overdue) and «Åpne
/// registreringer» (each registration owed).
pub fn registration_debt_workbook(report: &RegistrationDebt) -> Workbook {
    let per_participant = report
        .participants
        .iter()
        .map(|p| {
            vec![
                Cell::Integer(p.participant_id),
                Cell::text(p.name.clone()),
                Cell::text(p.case_reference.clone()),
                integer(p.open),
                integer(p.overdue),
                Cell::date(p.registrations.first().map(|r| r.due)),
                optional_integer(p.most_days_overdue),
            ]
        })
        .collect();
    let each = report
        .participants
        .iter()
        .flat_map(|p| {
            p.registrations.iter().map(move |r| {
                vec![
                    Cell::Integer(p.participant_id),
                    Cell::text(p.name.clone()),
                    Cell::text(p.case_reference.clone()),
                    Cell::text(event_label(r.event_kind)),
                    Cell::date(r.occurred),
                    Cell::Date(r.due),
                    optional_integer(r.days_overdue),
                ]
            })
        })
        .collect();
    Workbook {
        sheets: vec![
            sheet(
                "Registreringsgjeld".into(),
                vec![
                    Column::new("Deltaker-id", 12.0),
                    Column::new("Navn", 30.0),
                    Column::new("Saksreferanse", 14.0),
                    Column::new("Åpne registreringer", 18.0),
                    Column::new("Forfalte", 10.0),
                    Column::new("Eldste frist", 12.0),
                    Column::new("Flest dager forfalt", 18.0),
                ],
                per_participant,
            ),
            sheet(
                "Åpne registreringer".into(),
                vec![
                    Column::new("Deltaker-id", 12.0),
                    Column::new("Navn", 30.0),
                    Column::new("Saksreferanse", 14.0),
                    Column::new("Hendelse", 24.0),
                    Column::new("Hendelsesdato", 14.0),
                    Column::new("Frist", 12.0),
                    Column::new("Dager forfalt", 14.0),
                ],
                each,
            ),
        ],
    }
}

/// The key facts of a supervision report as label and value pairs, as
/// both the document and the workbook show them.
fn supervision_facts(report: &SupervisionReport) -> Vec<(String, String)> {
    let f = &report.facts;
    let date = |d: Option<NaiveDate>| d.map_or("Ikke registrert".to_string(), format_date);
    let mut law = law_label_nb(f.law).to_string();
    if f.law_overridden {
        law.push_str(" (overstyrt av saksbehandler)");
    }
    let mut rows = vec![
        ("Deltaker".to_string(), f.name.clone()),
        ("Saksreferanse".to_string(), f.case_reference.clone()),
        ("Fødselsdato".to_string(), date(f.birth_date)),
        ("Lov".to_string(), law),
        (
            "Status nå".to_string(),
            status_label_nb(f.status).to_string(),
        ),
        (
            "Sluttmål".to_string(),
            final_goal_label_nb(f.final_goal).to_string(),
        ),
        (
            "Utdanningsbakgrunn".to_string(),
            education_label_nb(f.education).to_string(),
        ),
        ("Bosatt".to_string(), date(f.settlement_date)),
    ];
    if let Some(claim) = f.claim_date {
        rows.push(("Krav om program".to_string(), format_date(claim)));
    }
    rows.push(("Programstart".to_string(), date(f.programme_start)));
    rows.push(("Programmet avsluttet".to_string(), date(f.programme_ended)));
    if let Some(end) = report.planned_end {
        rows.push(("Programslutt etter fristene".to_string(), format_date(end)));
    }
    if f.archived {
        rows.push(("Arkivert".to_string(), "Ja".to_string()));
    }
    rows.push(("Per dato".to_string(), format_date(report.today)));
    rows
}

/// The supervision report as a workbook: «Nøkkelopplysninger» (the key
/// facts, and the duties' numbers) and «Lovpålagte plikter» (every duty).
pub fn supervision_workbook(report: &SupervisionReport) -> Workbook {
    let mut facts: Vec<Vec<Cell>> = supervision_facts(report)
        .into_iter()
        .map(|(label, value)| vec![Cell::text(label), Cell::text(value)])
        .collect();
    let c = &report.counts;
    for (outcome, count) in [
        (Outcome::OnTime, c.on_time),
        (Outcome::Late, c.late),
        (Outcome::Overdue, c.overdue),
        (Outcome::NotYetDue, c.not_yet_due),
        (Outcome::NotApplicable, c.not_applicable),
    ] {
        facts.push(vec![
            Cell::text(format!(
                "Plikter: {}",
                outcome_label_nb(outcome).to_lowercase()
            )),
            integer(count),
        ]);
    }
    Workbook {
        sheets: vec![
            sheet(
                "Nøkkelopplysninger".into(),
                vec![Column::new("Opplysning", 30.0), Column::new("Verdi", 40.0)],
                facts,
            ),
            sheet(
                "Lovpålagte plikter".into(),
                deadline_list_columns(),
                report.duties.iter().map(deadline_list_row).collect(),
            ),
        ],
    }
}

/// The chart numbers as a workbook: «Frister per uke» (ISO year, week,
/// Monday, open deadlines) and «Andel i tide per type» (on time, owed,
/// rate as a fraction).
pub fn chart_workbook(chart: &DeadlineChart) -> Workbook {
    let weeks = chart
        .weeks
        .iter()
        .map(|w| {
            vec![
                Cell::Integer(i64::from(w.iso_year)),
                Cell::Integer(i64::from(w.week)),
                Cell::Date(w.monday),
                integer(w.count),
            ]
        })
        .collect();
    let rates = chart
        .rates
        .iter()
        .map(|r| {
            vec![
                Cell::text(kind_label_nb(r.kind.as_str())),
                integer(r.on_time),
                integer(r.owed),
                rate_cell(r.rate),
            ]
        })
        .collect();
    Workbook {
        sheets: vec![
            sheet(
                "Frister per uke".into(),
                vec![
                    Column::new("År", 8.0),
                    Column::new("Uke", 8.0),
                    Column::new("Mandag", 12.0),
                    Column::new("Åpne frister", 12.0),
                ],
                weeks,
            ),
            sheet(
                "Andel i tide per type".into(),
                vec![
                    Column::new("Fristtype", 30.0),
                    Column::new("I tide", 10.0),
                    Column::new("I tide, for sent eller forfalt", 28.0),
                    Column::new("Andel i tide", 12.0),
                ],
                rates,
            ),
        ],
    }
}

fn duty_table(duties: &[&ComplianceDeadline]) -> TableBlock {
    TableBlock {
        headers: vec![
            "Plikt".into(),
            "Hjemmel".into(),
            "Frist".into(),
            "Utført".into(),
            "Vurdering".into(),
        ],
        widths: vec![0.24, 0.26, 0.14, 0.14, 0.22],
        rows: duties
            .iter()
            .map(|d| {
                let mut verdict = outcome_label_nb(d.outcome).to_string();
                if let Some(days) = d.days_late {
                    let unit = if days == 1 { "dag" } else { "dager" };
                    verdict.push_str(&format!(" ({days} {unit})"));
                }
                vec![
                    kind_label_nb(d.kind.as_str()).to_string(),
                    d.reference.clone(),
                    format_date(d.due),
                    d.done_on.map(format_date).unwrap_or_default(),
                    verdict,
                ]
            })
            .collect(),
    }
}

/// The supervision report as a document in the minutes' layout: the
/// letterhead, the key facts, the duties' numbers, every legal duty with
/// its due date, when it was done and whether on time, and what is missing.
///
/// The PDF's fonts draw Latin, Greek, Cyrillic, Arabic and Ge'ez script
/// (Tigrinya, Amharic), as in the minutes; what no font has is printed as
/// a replacement character, and
/// [`undrawable_characters`](crate::export::minutes::pdf::undrawable_characters)
/// names it beforehand.
pub fn supervision_document(
    report: &SupervisionReport,
    letterhead: &Letterhead,
    created: DateTime<FixedOffset>,
) -> MinutesDocument {
    let f = &report.facts;
    let mut blocks = vec![Block::Facts {
        rows: supervision_facts(report),
    }];
    let c = &report.counts;
    blocks.push(Block::Heading {
        text: "Oppsummering".into(),
    });
    blocks.push(Block::Paragraph {
        text: format!(
            "Av {} lovpålagte plikter er {} utført i tide og {} utført for sent. \
             {} er forfalt uten å være utført, og {} er åpne og ikke forfalt. \
             {} gjelder ikke for deltakeren.",
            c.on_time + c.late + c.overdue + c.not_yet_due + c.not_applicable,
            c.on_time,
            c.late,
            c.overdue,
            c.not_yet_due,
            c.not_applicable
        ),
    });
    blocks.push(Block::Heading {
        text: "Lovpålagte plikter".into(),
    });
    let all: Vec<&ComplianceDeadline> = report.duties.iter().collect();
    if all.is_empty() {
        blocks.push(Block::Paragraph {
            text: "Ingen lovpålagte frister er beregnet for deltakeren.".into(),
        });
    } else {
        blocks.push(Block::Table(duty_table(&all)));
    }
    blocks.push(Block::Heading {
        text: "Mangler".into(),
    });
    let missing: Vec<&ComplianceDeadline> = report.missing().collect();
    if missing.is_empty() {
        blocks.push(Block::Paragraph {
            text: "Ingen plikter mangler.".into(),
        });
    } else {
        if c.overdue > 0 {
            blocks.push(Block::Notice {
                text: format!(
                    "{} {} er forfalt uten å være utført.",
                    c.overdue,
                    if c.overdue == 1 { "plikt" } else { "plikter" }
                ),
            });
        }
        blocks.push(Block::Table(duty_table(&missing)));
    }
    blocks.push(Block::Paragraph {
        text: "Fristene er beregnet av Introspor ut fra opplysningene i registeret. \
               For plangjennomgang vises bare neste gjennomgang."
            .into(),
    });
    let author = if letterhead.caseworker.trim().is_empty() {
        String::new()
    } else {
        letterhead.caseworker.clone()
    };
    let signature = if author.is_empty() {
        format!("Laget i Introspor {}", format_date(created.date_naive()))
    } else {
        format!("Laget av {author}, {}", format_date(created.date_naive()))
    };
    MinutesDocument {
        title: format!("Oversikt over lovpålagte plikter – {}", f.case_reference),
        letterhead: [&letterhead.municipality, &letterhead.service]
            .into_iter()
            .filter(|line| !line.trim().is_empty())
            .cloned()
            .collect(),
        author,
        created,
        language: "nb".into(),
        blocks,
        signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::DeadlineKind;
    use crate::domain::deadline::DeadlineStatus;
    use crate::domain::report::{
        caseload, deadline_compliance, supervision_report, StoredLegalDeadline, SupervisionFacts,
    };

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    /// The window's catalogue, read as text: the labels here must be the
    /// words the window shows for the same choices.
    fn catalogue() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/i18n/nb.js");
        std::fs::read_to_string(path).expect("ui/i18n/nb.js is readable")
    }

    fn assert_in_catalogue(catalogue: &str, key: &str, label: &str) {
        let entry = format!("\"{key}\": \"{label}\"");
        assert!(catalogue.contains(&entry), "nb.js lacks {entry}");
    }

    #[test]
    fn labels_are_the_windows_words() {
        let nb = catalogue();
        for &status in Status::ALL {
            assert_in_catalogue(
                &nb,
                &format!("status.{}", status.as_str()),
                status_label_nb(status),
            );
        }
        for &law in Law::ALL {
            assert_in_catalogue(&nb, &format!("law.{}", law.as_str()), law_label_nb(law));
        }
        for &goal in FinalGoal::ALL {
            assert_in_catalogue(
                &nb,
                &format!("goal.{}", goal.as_str()),
                final_goal_label_nb(Some(goal)),
            );
        }
        assert_in_catalogue(&nb, "goal.none", final_goal_label_nb(None));
        for &education in Education::ALL {
            assert_in_catalogue(
                &nb,
                &format!("education.{}", education.as_str()),
                education_label_nb(education),
            );
        }
    }

    fn stored(kind: DeadlineKind, due: NaiveDate, done: Option<NaiveDate>) -> StoredLegalDeadline {
        StoredLegalDeadline {
            deadline_id: due.ordinal().into(),
            participant_id: 7,
            name: "Kari Nordmann".into(),
            case_reference: "KN-7".into(),
            archived: false,
            kind,
            due,
            state: if done.is_some() {
                DeadlineStatus::Done
            } else {
                DeadlineStatus::Open
            },
            done_on: done,
            reference: "integreringsloven § 12".into(),
            source_id: None,
        }
    }

    use chrono::Datelike;

    #[test]
    fn the_compliance_workbook_has_the_numbers_first_then_the_list() {
        let rows = [
            stored(
                DeadlineKind::ProgrammeStart,
                date(2025, 6, 10),
                Some(date(2025, 6, 11)),
            ),
            stored(DeadlineKind::ImdiRegistration, date(2025, 6, 1), None),
        ];
        let report =
            deadline_compliance(&rows, date(2025, 6, 1), date(2025, 6, 30), date(2025, 9, 1));
        let book = compliance_workbook(&report);
        assert_eq!(book.sheets[0].name, "Frister 01.06.2025–30.06.2025");
        assert_eq!(book.sheets[0].rows.len(), DeadlineKind::ALL.len() + 1);
        assert_eq!(book.sheets[0].rows[0][0], Cell::text("Programstart"));
        assert_eq!(book.sheets[0].rows[0][2], Cell::Integer(1), "late");
        assert_eq!(book.sheets[0].rows[0][6], Cell::Number(0.0));
        let total = book.sheets[0].rows.last().expect("total row");
        assert_eq!(total[0], Cell::text("I alt"));
        assert_eq!(total[3], Cell::Integer(1), "overdue");
        assert_eq!(book.sheets[1].name, "Fristene bak tallene");
        assert_eq!(book.sheets[1].rows.len(), 2);
        let late = &book.sheets[1].rows[1];
        assert_eq!(late[6], Cell::Date(date(2025, 6, 10)));
        assert_eq!(late[7], Cell::Date(date(2025, 6, 11)));
        assert_eq!(late[8], Cell::text("For sent"));
        assert_eq!(late[9], Cell::Integer(1));
    }

    #[test]
    fn the_caseload_workbook_counts_every_grouping() {
        let report = caseload(&[], date(2025, 6, 30), date(2025, 9, 1));
        let book = caseload_workbook(&report);
        assert_eq!(
            book.sheets[0].rows.len(),
            1 + Status::ALL.len()
                + Law::ALL.len()
                + FinalGoal::ALL.len()
                + 1
                + Education::ALL.len()
        );
        assert_eq!(book.sheets[1].name, "Deltakere per 30.06.2025");
        assert!(book.sheets[1].rows.is_empty());
    }

    #[test]
    fn the_supervision_document_shows_the_duties_and_what_is_missing() {
        let facts = SupervisionFacts {
            participant_id: 7,
            name: "Kari Nordmann".into(),
            case_reference: "KN-7".into(),
            birth_date: None,
            law: Law::Integreringsloven,
            law_overridden: false,
            status: Status::Active,
            final_goal: Some(FinalGoal::Work),
            education: Education::Unknown,
            settlement_date: Some(date(2025, 3, 10)),
            claim_date: None,
            programme_start: Some(date(2025, 6, 10)),
            programme_ended: None,
            archived: false,
        };
        let rows = [
            stored(
                DeadlineKind::ProgrammeStart,
                date(2025, 6, 10),
                Some(date(2025, 6, 10)),
            ),
            stored(DeadlineKind::IntegrationPlan, date(2025, 7, 10), None),
        ];
        let report = supervision_report(facts, &rows, date(2025, 9, 1));
        let created = date(2025, 9, 1)
            .and_hms_opt(9, 0, 0)
            .and_then(|t| t.and_local_timezone(FixedOffset::east_opt(7200)?).single())
            .expect("time");
        let doc = supervision_document(&report, &Letterhead::default(), created);
        assert!(doc.letterhead.is_empty(), "no empty letterhead lines");
        assert_eq!(doc.signature, "Laget i Introspor 01.09.2025");
        let tables: Vec<&TableBlock> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2, "every duty, then what is missing");
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[1].rows.len(), 1);
        assert_eq!(tables[1].rows[0][4], "Forfalt, ikke utført (53 dager)");
        assert!(doc
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Notice { text } if text.starts_with("1 plikt"))));
    }
}
