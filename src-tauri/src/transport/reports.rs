//! Transport types for «Rapporter»: the reports as the window draws them,
//! dates formatted `dd.mm.åååå`, closed sets as identifiers the window's
//! catalogue labels.

use introspor_core::domain::date::{format_date, format_optional_date};
use introspor_core::domain::report::{
    CaseloadReport, CategoryCount, DeadlineChart, DeadlineCompliance, OutcomeCounts,
    RegistrationDebt,
};
use serde::Serialize;

/// One value of a closed set and how many have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountDto {
    /// The value's identifier (`active`, `integreringsloven`).
    pub value: String,
    /// How many.
    pub count: u64,
}

fn counts(rows: &[CategoryCount]) -> Vec<CountDto> {
    rows.iter()
        .map(|c| CountDto {
            value: c.id.to_string(),
            count: c.count,
        })
        .collect()
}

/// The caseload at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseloadDto {
    /// The date counted.
    pub date: String,
    /// Participants in the caseload that day.
    pub total: u64,
    /// By status that day.
    pub by_status: Vec<CountDto>,
    /// By law.
    pub by_law: Vec<CountDto>,
    /// By final goal (`none` while undecided).
    pub by_goal: Vec<CountDto>,
    /// By education background.
    pub by_education: Vec<CountDto>,
}

impl From<&CaseloadReport> for CaseloadDto {
    fn from(r: &CaseloadReport) -> Self {
        CaseloadDto {
            date: format_date(r.on),
            total: r.total,
            by_status: counts(&r.by_status),
            by_law: counts(&r.by_law),
            by_goal: counts(&r.by_final_goal),
            by_education: counts(&r.by_education),
        }
    }
}

/// How the deadlines of one kind (or all) stand.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindComplianceDto {
    /// The deadline kind's identifier; empty for the total.
    pub kind: String,
    /// Done on or before the due date.
    pub on_time: u64,
    /// Done after it.
    pub late: u64,
    /// Not done, and due before today.
    pub overdue: u64,
    /// Not done, due today or later.
    pub not_due: u64,
    /// Not applying to the participant.
    pub not_applicable: u64,
    /// On time among those owed, from 0 to 1; none when none were owed.
    pub rate: Option<f64>,
}

fn kind_dto(kind: &str, c: &OutcomeCounts, rate: Option<f64>) -> KindComplianceDto {
    KindComplianceDto {
        kind: kind.to_string(),
        on_time: c.on_time,
        late: c.late,
        overdue: c.overdue,
        not_due: c.not_yet_due,
        not_applicable: c.not_applicable,
        rate,
    }
}

/// One deadline behind the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceRowDto {
    /// The deadline kind's identifier.
    pub kind: String,
    /// The participant.
    pub participant_id: i64,
    /// Their name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// Due date.
    pub due: String,
    /// When done, or empty.
    pub done_on: String,
    /// Days late (done late) or overdue (not done), or none.
    pub days_late: Option<i64>,
    /// An `Outcome` identifier.
    pub outcome: String,
}

/// Open deadlines due in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekDto {
    /// The ISO week number.
    pub week: u32,
    /// Its Monday.
    pub monday: String,
    /// Open legal deadlines due that week.
    pub count: u64,
}

/// Legal deadlines due in a period, and the charts beside them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceDto {
    /// First day of the period.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Per kind.
    pub kinds: Vec<KindComplianceDto>,
    /// All kinds together.
    pub totals: KindComplianceDto,
    /// Every deadline behind the numbers.
    pub rows: Vec<ComplianceRowDto>,
    /// Open legal deadlines per week, the next 12 weeks.
    pub weeks: Vec<WeekDto>,
}

impl ComplianceDto {
    /// The compliance report and the chart's weeks, for the window.
    pub fn new(r: &DeadlineCompliance, chart: &DeadlineChart) -> Self {
        ComplianceDto {
            from: format_date(r.from),
            to: format_date(r.to),
            kinds: r
                .kinds
                .iter()
                .map(|k| kind_dto(k.kind.as_str(), &k.counts, k.on_time_rate))
                .collect(),
            totals: kind_dto("", &r.total, r.on_time_rate),
            rows: r
                .deadlines
                .iter()
                .map(|d| ComplianceRowDto {
                    kind: d.kind.as_str().to_string(),
                    participant_id: d.participant_id,
                    name: d.name.clone(),
                    case_reference: d.case_reference.clone(),
                    due: format_date(d.due),
                    done_on: format_optional_date(d.done_on),
                    days_late: d.days_late,
                    outcome: d.outcome.as_str().to_string(),
                })
                .collect(),
            weeks: chart
                .weeks
                .iter()
                .map(|w| WeekDto {
                    week: w.week,
                    monday: format_date(w.monday),
                    count: w.count,
                })
                .collect(),
        }
    }
}

/// One participant's open IMDi registrations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DebtRowDto {
    /// The participant.
    pub participant_id: i64,
    /// Their name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// Open registrations.
    pub open: u64,
    /// The oldest one's due date.
    pub oldest_due: String,
    /// Days the oldest is overdue; 0 when none is overdue yet.
    pub days_overdue: i64,
}

/// Open IMDi registrations, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationDebtDto {
    /// Per participant.
    pub rows: Vec<DebtRowDto>,
}

impl From<&RegistrationDebt> for RegistrationDebtDto {
    fn from(r: &RegistrationDebt) -> Self {
        RegistrationDebtDto {
            rows: r
                .participants
                .iter()
                .map(|p| DebtRowDto {
                    participant_id: p.participant_id,
                    name: p.name.clone(),
                    case_reference: p.case_reference.clone(),
                    open: p.open,
                    oldest_due: format_optional_date(p.registrations.iter().map(|r| r.due).min()),
                    days_overdue: p.most_days_overdue.unwrap_or(0).max(0),
                })
                .collect(),
        }
    }
}
