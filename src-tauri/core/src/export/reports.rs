//! The reports for internal control as workbooks ([`Workbook`]), and the
//! supervision report as a document in the minutes' layout
//! ([`MinutesDocument`]), printed as PDF/A by
//! [`crate::export::minutes::pdf::render_minutes_pdf`], each in the
//! language asked for.
//!
//! Headers, sheet names and the document's sentences come from the
//! catalogue's `exports` part (`file.*`); the words for statuses, laws,
//! outcomes and deadline kinds are the window's own labels
//! ([`crate::export::labels`]), so a report says what the reports screen
//! says.
//!
//! Every workbook puts the numbers first and the list behind the numbers
//! after them, so the CSV of a report (which holds only the first sheet)
//! holds its numbers. The period or day a report covers is in its sheet
//! names, so that a sheet taken out of the workbook still says what it
//! counts; no name is longer than the 31 characters a spreadsheet allows,
//! in any language.
//!
//! Workbooks and the supervision document name participants: they are for
//! the municipality's own internal control and for the county governor's
//! supervision, and are exported on purpose, like the minutes.

use crate::domain::date::format_date;
use crate::domain::law::Law;
use crate::domain::minutes::Letterhead;
use crate::domain::participant::{Education, FinalGoal, Status};
use crate::domain::report::{
    CaseloadReport, CategoryCount, ComplianceDeadline, DeadlineChart, DeadlineCompliance, Outcome,
    OutcomeCounts, RegistrationDebt, SupervisionReport, NO_FINAL_GOAL,
};
use crate::export::labels::{
    deadline_kind_label, education_label, event_label, final_goal_label, law_label, outcome_label,
    status_label,
};
use crate::export::minutes::{Block, MinutesDocument, TableBlock};
use crate::export::table::{Cell, Column, Sheet, Workbook};
use crate::language::{catalogue, Arg, Catalogue, Language};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The label of a count's identifier in one of the caseload's groupings.
fn caseload_label(group: Grouping, id: &str, language: Language) -> String {
    match group {
        Grouping::Status => {
            Status::from_str_id(id).map_or(String::new(), |s| status_label(s, language))
        }
        Grouping::Law => Law::from_str_id(id).map_or(String::new(), |l| law_label(l, language)),
        Grouping::FinalGoal if id == NO_FINAL_GOAL => final_goal_label(None, language),
        Grouping::FinalGoal => FinalGoal::from_str_id(id)
            .map_or(String::new(), |g| final_goal_label(Some(g), language)),
        Grouping::Education => {
            Education::from_str_id(id).map_or(String::new(), |e| education_label(e, language))
        }
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
    /// The grouping's name, as the reports screen heads it.
    fn key(self) -> &'static str {
        match self {
            Grouping::Status => "reports.caseload.status",
            Grouping::Law => "reports.caseload.law",
            Grouping::FinalGoal => "reports.caseload.goal",
            Grouping::Education => "reports.caseload.education",
        }
    }
}

/// The text of `key`, which takes no arguments.
fn say(texts: &Catalogue, key: &str) -> String {
    texts.render(key, &[])
}

/// A column headed by the text of `key`.
fn column(texts: &Catalogue, key: &str, width: f64) -> Column {
    Column::new(say(texts, key), width)
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

/// «Ja» or «Nei» in the catalogue's language.
fn yes_no(texts: &Catalogue, yes: bool) -> String {
    say(texts, if yes { "file.yes" } else { "file.no" })
}

/// The caseload as a workbook: «Antall per dd.mm.åååå» (each grouping's
/// counts, and the total) and «Deltakere per dd.mm.åååå» (who they are).
pub fn caseload_workbook(report: &CaseloadReport, language: Language) -> Workbook {
    let texts = catalogue(language);
    let on = [("date", Arg::Date(report.on))];
    let groups: [(Grouping, &[CategoryCount]); 4] = [
        (Grouping::Status, &report.by_status),
        (Grouping::Law, &report.by_law),
        (Grouping::FinalGoal, &report.by_final_goal),
        (Grouping::Education, &report.by_education),
    ];
    let mut numbers = vec![vec![
        Cell::text(say(texts, "file.total")),
        Cell::Empty,
        integer(report.total),
    ]];
    for (group, counts) in groups {
        let name = say(texts, group.key());
        for count in counts {
            numbers.push(vec![
                Cell::text(name.clone()),
                Cell::text(caseload_label(group, count.id, language)),
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
                Cell::text(status_label(p.status, language)),
                Cell::text(law_label(p.law, language)),
                Cell::text(final_goal_label(p.final_goal, language)),
                Cell::text(education_label(p.education, language)),
                Cell::date(p.settlement_date),
                Cell::date(p.programme_start),
                Cell::date(p.programme_ended),
            ]
        })
        .collect();
    Workbook {
        sheets: vec![
            sheet(
                texts.render("file.caseload.sheet.numbers", &on),
                vec![
                    column(texts, "file.caseload.col.grouping", 20.0),
                    column(texts, "file.col.value", 36.0),
                    column(texts, "file.caseload.col.count", 10.0),
                ],
                numbers,
            ),
            sheet(
                texts.render("file.caseload.sheet.participants", &on),
                vec![
                    column(texts, "file.col.participantId", 12.0),
                    column(texts, "file.col.name", 30.0),
                    column(texts, "file.col.caseReference", 14.0),
                    column(texts, "file.caseload.col.statusOnDate", 16.0),
                    column(texts, "file.col.law", 24.0),
                    column(texts, "file.col.finalGoal", 22.0),
                    column(texts, "file.col.education", 34.0),
                    column(texts, "file.col.settlementDate", 14.0),
                    column(texts, "file.col.programmeStart", 14.0),
                    column(texts, "file.col.programmeEnd", 14.0),
                ],
                people,
            ),
        ],
    }
}

fn rate_cell(rate: Option<f64>) -> Cell {
    rate.map_or(Cell::Empty, Cell::Number)
}

fn counts_row(label: String, counts: &OutcomeCounts, rate: Option<f64>) -> Vec<Cell> {
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

fn deadline_list_columns(texts: &Catalogue) -> Vec<Column> {
    vec![
        column(texts, "file.col.participantId", 12.0),
        column(texts, "file.col.name", 30.0),
        column(texts, "file.col.caseReference", 14.0),
        column(texts, "file.col.archived", 10.0),
        column(texts, "file.col.kind", 28.0),
        column(texts, "file.col.reference", 30.0),
        column(texts, "file.col.due", 12.0),
        column(texts, "file.col.doneOn", 12.0),
        column(texts, "file.col.verdict", 20.0),
        column(texts, "file.col.daysLate", 14.0),
    ]
}

fn deadline_list_row(d: &ComplianceDeadline, texts: &Catalogue) -> Vec<Cell> {
    let language = texts.language();
    vec![
        Cell::Integer(d.participant_id),
        Cell::text(d.name.clone()),
        Cell::text(d.case_reference.clone()),
        Cell::text(yes_no(texts, d.archived)),
        Cell::text(deadline_kind_label(d.kind.as_str(), language)),
        Cell::text(d.reference.clone()),
        Cell::Date(d.due),
        Cell::date(d.done_on),
        Cell::text(outcome_label(d.outcome, language)),
        optional_integer(d.days_late),
    ]
}

/// A column headed by an outcome's name, as the numbers' columns are.
fn outcome_column(outcome: Outcome, language: Language, width: f64) -> Column {
    Column::new(outcome_label(outcome, language), width)
}

/// Deadline compliance as a workbook: «Frister dd.mm.åååå–dd.mm.åååå»
/// (per kind: on time, late, overdue, open, not applicable, the on-time
/// rate, and all kinds together) and «Fristene bak tallene».
pub fn compliance_workbook(report: &DeadlineCompliance, language: Language) -> Workbook {
    let texts = catalogue(language);
    let mut numbers: Vec<Vec<Cell>> = report
        .kinds
        .iter()
        .map(|k| {
            counts_row(
                deadline_kind_label(k.kind.as_str(), language),
                &k.counts,
                k.on_time_rate,
            )
        })
        .collect();
    numbers.push(counts_row(
        say(texts, "file.total"),
        &report.total,
        report.on_time_rate,
    ));
    Workbook {
        sheets: vec![
            sheet(
                texts.render(
                    "file.compliance.sheet.numbers",
                    &[
                        ("from", Arg::Date(report.from)),
                        ("to", Arg::Date(report.to)),
                    ],
                ),
                vec![
                    column(texts, "file.col.kind", 30.0),
                    outcome_column(Outcome::OnTime, language, 10.0),
                    outcome_column(Outcome::Late, language, 10.0),
                    outcome_column(Outcome::Overdue, language, 20.0),
                    outcome_column(Outcome::NotYetDue, language, 18.0),
                    outcome_column(Outcome::NotApplicable, language, 12.0),
                    column(texts, "file.col.onTimeRate", 12.0),
                ],
                numbers,
            ),
            sheet(
                say(texts, "file.compliance.sheet.deadlines"),
                deadline_list_columns(texts),
                report
                    .deadlines
                    .iter()
                    .map(|d| deadline_list_row(d, texts))
                    .collect(),
            ),
        ],
    }
}

/// Registration debt as a workbook: «Registreringsgjeld» (per participant:
/// open, overdue, oldest due date, most days overdue) and «Åpne
/// registreringer» (each registration owed).
pub fn registration_debt_workbook(report: &RegistrationDebt, language: Language) -> Workbook {
    let texts = catalogue(language);
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
                    Cell::text(
                        r.event_kind
                            .map(|kind| event_label(kind, language))
                            .unwrap_or_default(),
                    ),
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
                say(texts, "file.debt.sheet.participants"),
                vec![
                    column(texts, "file.col.participantId", 12.0),
                    column(texts, "file.col.name", 30.0),
                    column(texts, "file.col.caseReference", 14.0),
                    column(texts, "file.debt.col.open", 18.0),
                    column(texts, "file.debt.col.overdue", 10.0),
                    column(texts, "file.debt.col.oldestDue", 12.0),
                    column(texts, "file.debt.col.mostDaysOverdue", 18.0),
                ],
                per_participant,
            ),
            sheet(
                say(texts, "file.debt.sheet.registrations"),
                vec![
                    column(texts, "file.col.participantId", 12.0),
                    column(texts, "file.col.name", 30.0),
                    column(texts, "file.col.caseReference", 14.0),
                    column(texts, "file.debt.col.event", 24.0),
                    column(texts, "file.debt.col.eventDate", 14.0),
                    column(texts, "file.col.due", 12.0),
                    column(texts, "file.debt.col.daysOverdue", 14.0),
                ],
                each,
            ),
        ],
    }
}

/// The key facts of a supervision report as label and value pairs, as
/// both the document and the workbook show them.
fn supervision_facts(report: &SupervisionReport, texts: &Catalogue) -> Vec<(String, String)> {
    let language = texts.language();
    let f = &report.facts;
    let date = |d: Option<NaiveDate>| {
        d.map_or_else(|| say(texts, "file.supervision.notRecorded"), format_date)
    };
    let law = if f.law_overridden {
        texts.render(
            "file.supervision.lawOverridden",
            &[("law", Arg::Text(law_label(f.law, language)))],
        )
    } else {
        law_label(f.law, language)
    };
    let fact = |key: &str, value: String| (say(texts, key), value);
    let mut rows = vec![
        fact("file.supervision.fact.participant", f.name.clone()),
        fact(
            "file.supervision.fact.caseReference",
            f.case_reference.clone(),
        ),
        fact("file.supervision.fact.birthDate", date(f.birth_date)),
        fact("file.supervision.fact.law", law),
        fact(
            "file.supervision.fact.status",
            status_label(f.status, language),
        ),
        fact(
            "file.supervision.fact.finalGoal",
            final_goal_label(f.final_goal, language),
        ),
        fact(
            "file.supervision.fact.education",
            education_label(f.education, language),
        ),
        fact("file.supervision.fact.settled", date(f.settlement_date)),
    ];
    if let Some(claim) = f.claim_date {
        rows.push(fact("file.supervision.fact.claim", format_date(claim)));
    }
    rows.push(fact(
        "file.supervision.fact.programmeStart",
        date(f.programme_start),
    ));
    rows.push(fact(
        "file.supervision.fact.programmeEnded",
        date(f.programme_ended),
    ));
    if let Some(end) = report.planned_end {
        rows.push(fact("file.supervision.fact.plannedEnd", format_date(end)));
    }
    if f.archived {
        rows.push(fact("file.supervision.fact.archived", yes_no(texts, true)));
    }
    rows.push(fact(
        "file.supervision.fact.asOf",
        format_date(report.today),
    ));
    rows
}

/// The supervision report as a workbook: «Nøkkelopplysninger» (the key
/// facts, and the duties' numbers) and «Lovpålagte plikter» (every duty).
pub fn supervision_workbook(report: &SupervisionReport, language: Language) -> Workbook {
    let texts = catalogue(language);
    let mut facts: Vec<Vec<Cell>> = supervision_facts(report, texts)
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
            Cell::text(texts.render(
                "file.supervision.dutiesWith",
                &[(
                    "outcome",
                    Arg::Text(outcome_label(outcome, language).to_lowercase()),
                )],
            )),
            integer(count),
        ]);
    }
    Workbook {
        sheets: vec![
            sheet(
                say(texts, "file.supervision.sheet.facts"),
                vec![
                    column(texts, "file.supervision.col.fact", 30.0),
                    column(texts, "file.col.value", 40.0),
                ],
                facts,
            ),
            sheet(
                say(texts, "file.supervision.sheet.duties"),
                deadline_list_columns(texts),
                report
                    .duties
                    .iter()
                    .map(|d| deadline_list_row(d, texts))
                    .collect(),
            ),
        ],
    }
}

/// The chart numbers as a workbook: «Frister per uke» (ISO year, week,
/// Monday, open deadlines) and «Andel i tide per type» (on time, owed,
/// rate as a fraction).
pub fn chart_workbook(chart: &DeadlineChart, language: Language) -> Workbook {
    let texts = catalogue(language);
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
                Cell::text(deadline_kind_label(r.kind.as_str(), language)),
                integer(r.on_time),
                integer(r.owed),
                rate_cell(r.rate),
            ]
        })
        .collect();
    Workbook {
        sheets: vec![
            sheet(
                say(texts, "file.chart.sheet.weeks"),
                vec![
                    column(texts, "file.chart.col.year", 8.0),
                    column(texts, "file.chart.col.week", 8.0),
                    column(texts, "file.chart.col.monday", 12.0),
                    column(texts, "file.chart.col.open", 12.0),
                ],
                weeks,
            ),
            sheet(
                say(texts, "file.chart.sheet.rates"),
                vec![
                    column(texts, "file.col.kind", 30.0),
                    outcome_column(Outcome::OnTime, language, 10.0),
                    column(texts, "file.chart.col.owed", 28.0),
                    column(texts, "file.col.onTimeRate", 12.0),
                ],
                rates,
            ),
        ],
    }
}

fn duty_table(duties: &[&ComplianceDeadline], texts: &Catalogue) -> TableBlock {
    let language = texts.language();
    TableBlock {
        headers: vec![
            say(texts, "file.supervision.col.duty"),
            say(texts, "file.col.reference"),
            say(texts, "file.col.due"),
            say(texts, "file.col.doneOn"),
            say(texts, "file.col.verdict"),
        ],
        widths: vec![0.24, 0.26, 0.14, 0.14, 0.22],
        rows: duties
            .iter()
            .map(|d| {
                let outcome = outcome_label(d.outcome, language);
                let verdict = match d.days_late {
                    Some(days) => texts.render(
                        if days == 1 {
                            "file.supervision.verdictDays.one"
                        } else {
                            "file.supervision.verdictDays.other"
                        },
                        &[("outcome", Arg::Text(outcome)), ("days", Arg::Number(days))],
                    ),
                    None => outcome,
                };
                vec![
                    deadline_kind_label(d.kind.as_str(), language),
                    d.reference.clone(),
                    format_date(d.due),
                    d.done_on.map(format_date).unwrap_or_default(),
                    verdict,
                ]
            })
            .collect(),
    }
}

/// A count as an argument.
fn count(value: u64) -> Arg {
    Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
}

/// The supervision report as a document in the minutes' layout, in
/// `language`: the letterhead, the key facts, the duties' numbers, every
/// legal duty with its due date, when it was done and whether on time,
/// and what is missing.
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
    language: Language,
) -> MinutesDocument {
    let texts = catalogue(language);
    let paragraph = |key: &str| Block::Paragraph {
        text: say(texts, key),
    };
    let heading = |key: &str| Block::Heading {
        text: say(texts, key),
    };
    let f = &report.facts;
    let mut blocks = vec![Block::Facts {
        rows: supervision_facts(report, texts),
    }];
    let c = &report.counts;
    blocks.push(heading("file.supervision.summary"));
    blocks.push(Block::Paragraph {
        text: texts.render(
            "file.supervision.summaryText",
            &[
                (
                    "total",
                    count(c.on_time + c.late + c.overdue + c.not_yet_due + c.not_applicable),
                ),
                ("onTime", count(c.on_time)),
                ("late", count(c.late)),
                ("overdue", count(c.overdue)),
                ("notYetDue", count(c.not_yet_due)),
                ("notApplicable", count(c.not_applicable)),
            ],
        ),
    });
    blocks.push(heading("file.supervision.duties"));
    let all: Vec<&ComplianceDeadline> = report.duties.iter().collect();
    if all.is_empty() {
        blocks.push(paragraph("file.supervision.noDuties"));
    } else {
        blocks.push(Block::Table(duty_table(&all, texts)));
    }
    blocks.push(heading("file.supervision.missing"));
    let missing: Vec<&ComplianceDeadline> = report.missing().collect();
    if missing.is_empty() {
        blocks.push(paragraph("file.supervision.nothingMissing"));
    } else {
        if c.overdue > 0 {
            blocks.push(Block::Notice {
                text: texts.render(
                    if c.overdue == 1 {
                        "file.supervision.overdueNotice.one"
                    } else {
                        "file.supervision.overdueNotice.other"
                    },
                    &[("count", count(c.overdue))],
                ),
            });
        }
        blocks.push(Block::Table(duty_table(&missing, texts)));
    }
    blocks.push(paragraph("file.supervision.howComputed"));
    let author = if letterhead.caseworker.trim().is_empty() {
        String::new()
    } else {
        letterhead.caseworker.clone()
    };
    let made_on = ("date", Arg::Date(created.date_naive()));
    let signature = if author.is_empty() {
        texts.render("file.supervision.signedByIntrospor", &[made_on])
    } else {
        texts.render(
            "file.supervision.signedBy",
            &[("author", Arg::Text(author.clone())), made_on],
        )
    };
    MinutesDocument {
        title: texts.render(
            "file.supervision.title",
            &[("reference", Arg::Text(f.case_reference.clone()))],
        ),
        letterhead: [&letterhead.municipality, &letterhead.service]
            .into_iter()
            .filter(|line| !line.trim().is_empty())
            .cloned()
            .collect(),
        author,
        created,
        language: language.tag().into(),
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
        let book = compliance_workbook(&report, Language::Bokmal);
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
        let book = caseload_workbook(&report, Language::Bokmal);
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
        let doc = supervision_document(&report, &Letterhead::default(), created, Language::Bokmal);
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

    /// A workbook made in a language.
    type MakeWorkbook = Box<dyn Fn(Language) -> Workbook>;
    /// A document made in a language.
    type MakeDocument = Box<dyn Fn(Language) -> MinutesDocument>;

    /// The reports of the demo register, the data they hold (names, case
    /// references, legal references), and every workbook and document
    /// made from them in `language`.
    fn demo_reports() -> (Vec<MakeWorkbook>, Vec<MakeDocument>, Vec<String>) {
        let today = date(2025, 6, 2);
        let mut store = crate::Store::open_in_memory().expect("a store");
        crate::demo::seed_demo(&mut store, today).expect("the demo register");
        let caseload = store.caseload_report(today, today).expect("caseload");
        let compliance = store
            .deadline_compliance(date(2024, 1, 1), date(2026, 12, 31), today)
            .expect("compliance");
        let debt = store.registration_debt(today).expect("debt");
        let chart = store.deadline_chart_for(&compliance, today).expect("chart");
        let supervisions: Vec<SupervisionReport> = caseload
            .participants
            .iter()
            .map(|p| {
                store
                    .supervision_report(p.participant_id, today)
                    .expect("supervision")
            })
            .collect();
        let mut data: Vec<String> = Vec::new();
        for p in &caseload.participants {
            data.extend([p.name.clone(), p.case_reference.clone()]);
        }
        for d in supervisions
            .iter()
            .flat_map(|s| &s.duties)
            .chain(&compliance.deadlines)
        {
            data.extend([
                d.name.clone(),
                d.case_reference.clone(),
                d.reference.clone(),
            ]);
        }
        for p in &debt.participants {
            data.extend([p.name.clone(), p.case_reference.clone()]);
        }
        let letterhead = Letterhead {
            municipality: "Fjordvik kommune".into(),
            service: "Flyktningtjenesten".into(),
            caseworker: "Kari Saksbehandler".into(),
            ..Letterhead::default()
        };
        data.extend([letterhead.municipality.clone(), letterhead.service.clone()]);
        let created = today
            .and_hms_opt(9, 0, 0)
            .and_then(|t| t.and_local_timezone(FixedOffset::east_opt(3600)?).single())
            .expect("a time");
        let mut books: Vec<MakeWorkbook> = vec![
            Box::new(move |l| caseload_workbook(&caseload, l)),
            Box::new(move |l| registration_debt_workbook(&debt, l)),
            Box::new(move |l| chart_workbook(&chart, l)),
        ];
        books.push(Box::new(move |l| compliance_workbook(&compliance, l)));
        let mut documents: Vec<MakeDocument> = Vec::new();
        for (n, report) in supervisions.into_iter().enumerate() {
            let shared = std::rc::Rc::new(report);
            let book = shared.clone();
            books.push(Box::new(move |l| supervision_workbook(&book, l)));
            // Every other one without a caseworker, for both signatures.
            let letterhead = if n % 2 == 0 {
                letterhead.clone()
            } else {
                Letterhead::default()
            };
            documents.push(Box::new(move |l| {
                supervision_document(&shared, &letterhead, created, l)
            }));
        }
        (books, documents, data)
    }

    #[test]
    fn nynorsk_and_english_reports_have_no_bokmal_left() {
        use crate::export::test_support::{document_texts, still_bokmal, workbook_texts};
        let (books, documents, data) = demo_reports();
        for language in [Language::Nynorsk, Language::English] {
            for book in &books {
                let left = still_bokmal(
                    &workbook_texts(&book(Language::Bokmal)),
                    &workbook_texts(&book(language)),
                    language,
                    &data,
                );
                assert!(
                    left.is_empty(),
                    "{}: still Bokmål: {left:?}",
                    language.tag()
                );
            }
            for document in &documents {
                let doc = document(language);
                assert_eq!(doc.language, language.tag());
                let left = still_bokmal(
                    &document_texts(&document(Language::Bokmal)),
                    &document_texts(&doc),
                    language,
                    &data,
                );
                assert!(
                    left.is_empty(),
                    "{}: still Bokmål: {left:?}",
                    language.tag()
                );
            }
        }
    }

    #[test]
    fn the_reports_sheet_names_fit_a_spreadsheet_in_every_language() {
        let (books, _, _) = demo_reports();
        for language in Language::ALL {
            for book in &books {
                for sheet in &book(language).sheets {
                    assert!(
                        sheet.name.chars().count() <= 31,
                        "{}: {}",
                        language.tag(),
                        sheet.name
                    );
                }
            }
        }
    }
}
