//! The organisation's own cycle from the local cooperation agreement:
//! leader meetings twice a year (one by 30 June, one by 31 December), a
//! yearly revision of the agreement and a yearly evaluation of the routines.
//!
//! These duties are not stored; they are derived from the completed
//! meetings, so recording the meeting is what closes them. The yearly NIR
//! catch-up (all of last year's data by the last day of February, a date
//! from the rule table) is closed by the caseworker's record that a year's
//! data were checked.
//!
//! A duty whose period ended before the register's first day is not shown:
//! nothing could have been recorded for it, so a new register would open
//! with duties overdue that no one could have done in it. The first duty of
//! each kind is the one whose period holds the first day.

use crate::domain::meeting::MeetingKind;
use chrono::{Datelike, Days, NaiveDate};

choice! {
    /// A recurring duty of the organisation.
    CycleDutyKind {
        /// Leader meeting in the first half of the year.
        LeaderMeetingSpring => "leader_meeting_spring",
        /// Leader meeting in the second half of the year.
        LeaderMeetingAutumn => "leader_meeting_autumn",
        /// Yearly revision of the cooperation agreement.
        AgreementRevision => "agreement_revision",
        /// Yearly evaluation of the cooperation routines.
        RoutineEvaluation => "routine_evaluation",
        /// Yearly catch-up of last year's data in NIR.
        NirAnnualUpdate => "nir_annual_update",
    }
}

/// What closed a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DutyDone {
    /// The meeting that closed it, for meeting duties.
    pub meeting_id: Option<i64>,
    /// The day it was done.
    pub on: NaiveDate,
}

/// A completed meeting as the cycle sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompletedMeeting {
    /// The meeting's id.
    pub id: i64,
    /// Kind of meeting.
    pub kind: MeetingKind,
    /// Date it was held.
    pub date: NaiveDate,
    /// The agreement was revised.
    pub revises_agreement: bool,
    /// The routines were evaluated.
    pub evaluates_routines: bool,
}

/// One duty in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleDuty {
    /// What must be done.
    pub kind: CycleDutyKind,
    /// First day of the period in which it must be done.
    pub period_start: NaiveDate,
    /// Last day of the period: the deadline.
    pub due: NaiveDate,
    /// What closed it, if anything.
    pub done_by: Option<DutyDone>,
    /// For the NIR catch-up: the year whose data are checked.
    pub data_year: Option<i32>,
}

impl CycleDuty {
    /// Whether the period has passed without the duty being done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done_by.is_none() && self.due < today
    }
}

/// How far back a missed duty is still shown: half a year, long enough to
/// be noticed and caught up on, short enough not to nag forever.
const SHOW_MISSED_FOR_DAYS: u64 = 183;

/// The duties of the periods that have begun, up to half a year after
/// their deadline, with the meeting that closed each; none of a period that
/// ended before `first_day`, the register's first day.
pub fn organisation_duties(
    today: NaiveDate,
    first_day: NaiveDate,
    meetings: &[CompletedMeeting],
) -> Vec<CycleDuty> {
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    let oldest_due = today
        .checked_sub_days(Days::new(SHOW_MISSED_FOR_DAYS))
        .unwrap_or(today);
    let mut duties = Vec::new();
    for year in [today.year() - 1, today.year()] {
        let periods = [
            (
                CycleDutyKind::LeaderMeetingSpring,
                ymd(year, 1, 1),
                ymd(year, 6, 30),
            ),
            (
                CycleDutyKind::LeaderMeetingAutumn,
                ymd(year, 7, 1),
                ymd(year, 12, 31),
            ),
            (
                CycleDutyKind::AgreementRevision,
                ymd(year, 1, 1),
                ymd(year, 12, 31),
            ),
            (
                CycleDutyKind::RoutineEvaluation,
                ymd(year, 1, 1),
                ymd(year, 12, 31),
            ),
        ];
        for (kind, start, due) in periods {
            if start > today || due < oldest_due || due < first_day {
                continue;
            }
            let done_by = meetings
                .iter()
                .filter(|m| m.date >= start && m.date <= due && closes(kind, m))
                .min_by_key(|m| m.date)
                .map(|m| DutyDone {
                    meeting_id: Some(m.id),
                    on: m.date,
                });
            duties.push(CycleDuty {
                kind,
                period_start: start,
                due,
                done_by,
                data_year: None,
            });
        }
    }
    duties.sort_by_key(|d| (d.due, d.kind.as_str()));
    duties
}

/// The yearly NIR catch-up for each data year whose deadline is near or
/// recent: shown from 1 December of the data year (a month's notice before
/// the catch-up period) until half a year after its deadline, the last day
/// of February of the next year; none whose deadline passed before
/// `first_day`, the register's first day. `checks` are the recorded (data
/// year, checked on) pairs.
pub fn nir_annual_duties(
    today: NaiveDate,
    first_day: NaiveDate,
    checks: &[(i32, NaiveDate)],
) -> Vec<CycleDuty> {
    use crate::domain::statute::{find_rule, RuleGroup, RuleKey, RuleValue};
    let oldest_due = today
        .checked_sub_days(Days::new(SHOW_MISSED_FOR_DAYS))
        .unwrap_or(today);
    let mut duties = Vec::new();
    for data_year in [today.year() - 2, today.year() - 1, today.year()] {
        let Some(notice) = NaiveDate::from_ymd_opt(data_year, 12, 1) else {
            continue;
        };
        let month = match find_rule(
            RuleKey::NirAnnualUpdate,
            crate::domain::law::Law::Integreringsloven,
            RuleGroup::All,
            notice,
        )
        .map(|rule| rule.value)
        {
            Some(RuleValue::LastDayOfMonth(month)) => month,
            _ => continue,
        };
        let Some(due) = last_day_of_month(data_year + 1, month) else {
            continue;
        };
        if notice > today || due < oldest_due || due < first_day {
            continue;
        }
        let done_by = checks
            .iter()
            .find(|(year, _)| *year == data_year)
            .map(|(_, on)| DutyDone {
                meeting_id: None,
                on: *on,
            });
        duties.push(CycleDuty {
            kind: CycleDutyKind::NirAnnualUpdate,
            period_start: notice,
            due,
            done_by,
            data_year: Some(data_year),
        });
    }
    duties
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_of_next.pred_opt()
}

fn closes(kind: CycleDutyKind, meeting: &CompletedMeeting) -> bool {
    match kind {
        CycleDutyKind::LeaderMeetingSpring | CycleDutyKind::LeaderMeetingAutumn => {
            meeting.kind == MeetingKind::Leader
        }
        CycleDutyKind::AgreementRevision => meeting.revises_agreement,
        CycleDutyKind::RoutineEvaluation => meeting.evaluates_routines,
        CycleDutyKind::NirAnnualUpdate => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CycleDutyKind as K;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// A first day before every period the cases look at: a register that
    /// has been in use for years.
    fn long_ago() -> NaiveDate {
        d("2020-01-01")
    }

    fn leader(id: i64, date: &str, revises: bool, evaluates: bool) -> CompletedMeeting {
        CompletedMeeting {
            id,
            kind: MeetingKind::Leader,
            date: d(date),
            revises_agreement: revises,
            evaluates_routines: evaluates,
        }
    }

    #[test]
    fn duties_are_closed_by_the_right_meetings() {
        // (case, today, meetings, expected (kind, due, closed by meeting id))
        // (case, today, meetings, expected (kind, due, closed by meeting id))
        type Expected<'a> = Vec<(K, &'a str, Option<i64>)>;
        let cases: Vec<(&str, &str, Vec<CompletedMeeting>, Expected)> = vec![
            (
                "early in the year: last autumn's and last year's duties still show, this spring's is open",
                "2026-02-10",
                vec![],
                vec![
                    (K::AgreementRevision, "2025-12-31", None),
                    (K::LeaderMeetingAutumn, "2025-12-31", None),
                    (K::RoutineEvaluation, "2025-12-31", None),
                    (K::LeaderMeetingSpring, "2026-06-30", None),
                    (K::AgreementRevision, "2026-12-31", None),
                    (K::RoutineEvaluation, "2026-12-31", None),
                ],
            ),
            (
                "late in the year: a spring leader meeting closes spring only",
                "2026-11-22",
                vec![leader(7, "2026-03-04", false, false)],
                vec![
                    (K::LeaderMeetingSpring, "2026-06-30", Some(7)),
                    (K::AgreementRevision, "2026-12-31", None),
                    (K::LeaderMeetingAutumn, "2026-12-31", None),
                    (K::RoutineEvaluation, "2026-12-31", None),
                ],
            ),
            (
                "an autumn leader meeting that also revised and evaluated closes three duties",
                "2026-11-22",
                vec![leader(9, "2026-10-01", true, true)],
                vec![
                    (K::LeaderMeetingSpring, "2026-06-30", None),
                    (K::AgreementRevision, "2026-12-31", Some(9)),
                    (K::LeaderMeetingAutumn, "2026-12-31", Some(9)),
                    (K::RoutineEvaluation, "2026-12-31", Some(9)),
                ],
            ),
            (
                "a cooperation meeting can revise the agreement but is no leader meeting",
                "2026-11-22",
                vec![CompletedMeeting {
                    id: 4,
                    kind: MeetingKind::Cooperation,
                    date: d("2026-09-01"),
                    revises_agreement: true,
                    evaluates_routines: false,
                }],
                vec![
                    (K::LeaderMeetingSpring, "2026-06-30", None),
                    (K::AgreementRevision, "2026-12-31", Some(4)),
                    (K::LeaderMeetingAutumn, "2026-12-31", None),
                    (K::RoutineEvaluation, "2026-12-31", None),
                ],
            ),
            (
                "a meeting last year does not close this year's duty",
                "2026-08-01",
                vec![leader(2, "2025-11-01", true, true)],
                vec![
                    (K::LeaderMeetingSpring, "2026-06-30", None),
                    (K::AgreementRevision, "2026-12-31", None),
                    (K::LeaderMeetingAutumn, "2026-12-31", None),
                    (K::RoutineEvaluation, "2026-12-31", None),
                ],
            ),
        ];
        for (case, today, meetings, expected) in cases {
            let duties = organisation_duties(d(today), long_ago(), &meetings);
            let got: Vec<(K, NaiveDate, Option<i64>)> = duties
                .iter()
                .map(|duty| {
                    (
                        duty.kind,
                        duty.due,
                        duty.done_by.and_then(|done| done.meeting_id),
                    )
                })
                .collect();
            let want: Vec<(K, NaiveDate, Option<i64>)> = expected
                .into_iter()
                .map(|(kind, due, by)| (kind, d(due), by))
                .collect();
            assert_eq!(got, want, "{case}: these duties should be shown");
        }
    }

    #[test]
    fn a_missed_spring_meeting_is_overdue_in_the_autumn() {
        let duties = organisation_duties(d("2026-07-01"), long_ago(), &[]);
        let spring = duties
            .iter()
            .find(|duty| duty.kind == K::LeaderMeetingSpring)
            .expect("the spring duty should still be shown on 1 July");
        assert!(
            spring.is_overdue(d("2026-07-01")),
            "a spring leader meeting not held by 30 June should be overdue"
        );
    }

    #[test]
    fn the_nir_catch_up_is_due_on_the_last_day_of_february() {
        // (case, today, checks, expected (data year, due, checked on))
        type Expected<'a> = Vec<(i32, &'a str, Option<&'a str>)>;
        type Case<'a> = (&'a str, &'a str, Vec<(i32, &'a str)>, Expected<'a>);
        let cases: Vec<Case> = vec![
            (
                "December: next year's catch-up shows, due 28 February in a common year",
                "2026-12-02",
                vec![],
                vec![(2026, "2027-02-28", None)],
            ),
            (
                "a leap year: 29 February, as IMDi set for 2023's data",
                "2024-01-15",
                vec![],
                vec![(2023, "2024-02-29", None)],
            ),
            (
                "the common year before: 28 February, as IMDi set for 2022's data",
                "2023-02-01",
                vec![],
                vec![(2022, "2023-02-28", None)],
            ),
            (
                "a check closes its own year only",
                "2025-03-10",
                vec![(2023, "2024-02-20"), (2024, "2025-02-27")],
                vec![(2024, "2025-02-28", Some("2025-02-27"))],
            ),
            (
                "a missed catch-up stays shown half a year, then goes",
                "2025-08-29",
                vec![],
                vec![(2024, "2025-02-28", None)],
            ),
            ("and is gone after that", "2025-09-01", vec![], vec![]),
            (
                "the leap year 2028, seen from December 2027",
                "2027-12-01",
                vec![],
                vec![(2027, "2028-02-29", None)],
            ),
            (
                "the day before the notice, nothing yet",
                "2026-11-30",
                vec![],
                vec![],
            ),
        ];
        for (case, today, checks, expected) in cases {
            let checks: Vec<(i32, NaiveDate)> =
                checks.into_iter().map(|(y, on)| (y, d(on))).collect();
            let got: Vec<(i32, NaiveDate, Option<NaiveDate>)> =
                nir_annual_duties(d(today), long_ago(), &checks)
                    .iter()
                    .map(|duty| {
                        assert_eq!(duty.kind, K::NirAnnualUpdate, "{case}");
                        (
                            duty.data_year.expect("a data year"),
                            duty.due,
                            duty.done_by.map(|done| done.on),
                        )
                    })
                    .collect();
            let want: Vec<(i32, NaiveDate, Option<NaiveDate>)> = expected
                .into_iter()
                .map(|(y, due, on)| (y, d(due), on.map(d)))
                .collect();
            assert_eq!(got, want, "{case}");
        }
        let overdue = nir_annual_duties(d("2025-03-01"), long_ago(), &[]);
        assert!(
            overdue[0].is_overdue(d("2025-03-01")),
            "unchecked after the deadline"
        );
    }

    #[test]
    fn no_duty_is_shown_for_a_period_that_ended_before_the_register_existed() {
        // (case, first day, today, expected (kind, due, overdue today))
        type Expected<'a> = Vec<(K, &'a str, bool)>;
        let cases: Vec<(&str, &str, &str, Expected)> = vec![
            (
                "a register started in March: last year's duties are not its own",
                "2026-03-10",
                "2026-03-10",
                vec![
                    (K::LeaderMeetingSpring, "2026-06-30", false),
                    (K::AgreementRevision, "2026-12-31", false),
                    (K::RoutineEvaluation, "2026-12-31", false),
                ],
            ),
            (
                "the first period it covers falls due and becomes overdue",
                "2026-03-10",
                "2026-07-02",
                vec![
                    (K::LeaderMeetingSpring, "2026-06-30", true),
                    (K::AgreementRevision, "2026-12-31", false),
                    (K::LeaderMeetingAutumn, "2026-12-31", false),
                    (K::RoutineEvaluation, "2026-12-31", false),
                ],
            ),
            (
                "started on the last day of a period: that period is covered",
                "2026-06-30",
                "2026-07-01",
                vec![
                    (K::LeaderMeetingSpring, "2026-06-30", true),
                    (K::AgreementRevision, "2026-12-31", false),
                    (K::LeaderMeetingAutumn, "2026-12-31", false),
                    (K::RoutineEvaluation, "2026-12-31", false),
                ],
            ),
            (
                "started the day after: the spring before it is not",
                "2026-07-01",
                "2026-07-01",
                vec![
                    (K::AgreementRevision, "2026-12-31", false),
                    (K::LeaderMeetingAutumn, "2026-12-31", false),
                    (K::RoutineEvaluation, "2026-12-31", false),
                ],
            ),
            (
                "started in the last days of December: the year's duties still show",
                "2025-12-30",
                "2026-01-05",
                vec![
                    (K::AgreementRevision, "2025-12-31", true),
                    (K::LeaderMeetingAutumn, "2025-12-31", true),
                    (K::RoutineEvaluation, "2025-12-31", true),
                    (K::LeaderMeetingSpring, "2026-06-30", false),
                    (K::AgreementRevision, "2026-12-31", false),
                    (K::RoutineEvaluation, "2026-12-31", false),
                ],
            ),
            (
                "an old register: every duty of the last half year shows",
                "2020-01-01",
                "2026-02-10",
                vec![
                    (K::AgreementRevision, "2025-12-31", true),
                    (K::LeaderMeetingAutumn, "2025-12-31", true),
                    (K::RoutineEvaluation, "2025-12-31", true),
                    (K::LeaderMeetingSpring, "2026-06-30", false),
                    (K::AgreementRevision, "2026-12-31", false),
                    (K::RoutineEvaluation, "2026-12-31", false),
                ],
            ),
        ];
        for (case, first_day, today, expected) in cases {
            let today = d(today);
            let got: Vec<(K, NaiveDate, bool)> = organisation_duties(today, d(first_day), &[])
                .iter()
                .map(|duty| (duty.kind, duty.due, duty.is_overdue(today)))
                .collect();
            let want: Vec<(K, NaiveDate, bool)> = expected
                .into_iter()
                .map(|(kind, due, overdue)| (kind, d(due), overdue))
                .collect();
            assert_eq!(got, want, "{case}");
        }
    }

    #[test]
    fn no_nir_catch_up_is_shown_whose_deadline_passed_before_the_register_existed() {
        // (case, first day, today, expected (data year, due))
        type Case<'a> = (&'a str, &'a str, &'a str, Vec<(i32, &'a str)>);
        let cases: Vec<Case> = vec![
            (
                "started in March: February's catch-up was before its time",
                "2026-03-10",
                "2026-03-10",
                vec![],
            ),
            (
                "started in January: the catch-up due in February is its own",
                "2026-01-15",
                "2026-03-10",
                vec![(2025, "2026-02-28")],
            ),
            (
                "started on the deadline itself: still its own",
                "2026-02-28",
                "2026-03-01",
                vec![(2025, "2026-02-28")],
            ),
            (
                "and the next year's catch-up shows from December as always",
                "2026-03-10",
                "2026-12-01",
                vec![(2026, "2027-02-28")],
            ),
        ];
        for (case, first_day, today, expected) in cases {
            let got: Vec<(i32, NaiveDate)> = nir_annual_duties(d(today), d(first_day), &[])
                .iter()
                .map(|duty| (duty.data_year.expect("a data year"), duty.due))
                .collect();
            let want: Vec<(i32, NaiveDate)> = expected
                .into_iter()
                .map(|(year, due)| (year, d(due)))
                .collect();
            assert_eq!(got, want, "{case}");
        }
    }
}
