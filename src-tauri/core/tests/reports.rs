//! The reports for internal control against a small register whose every
//! number is computed by hand below.
//!
//! The register is made on 01.09.2025 (a Monday). Each participant is
//! settled so that their programme start (due three months after
//! settlement) falls on a day that tests one rule; the hand-computed
//! outcome of that deadline is in `CASES`.

use chrono::{FixedOffset, NaiveDate};
use introspor_core::domain::deadline::{DeadlineKind, EventKind};
use introspor_core::domain::deadline_forms::{EventDraft, TaskDraft};
use introspor_core::domain::minutes::Letterhead;
use introspor_core::domain::participant::Status;
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::domain::report::{ComplianceDeadline, Outcome, CHART_WEEKS};
use introspor_core::export::minutes::pdf::render_minutes_pdf;
use introspor_core::export::reports::{
    caseload_workbook, chart_workbook, compliance_workbook, registration_debt_workbook,
    supervision_workbook,
};
use introspor_core::language::Language;
use introspor_core::store::deadlines::DeadlineFilter;
use introspor_core::Store;
use std::collections::BTreeMap;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> NaiveDate {
    date(2025, 9, 1)
}

/// One participant and what their programme-start deadline must show.
struct Case {
    /// Given name; the key the tests look the participant up by.
    name: &'static str,
    /// Settlement date (`dd.mm.åååå`); the start is due three months later.
    settlement: &'static str,
    /// The programme start date recorded in the form, if any.
    started: &'static str,
    /// The recorded status (empty: prospective).
    status: &'static str,
    /// The programme start's due date.
    due: NaiveDate,
    /// Its outcome as of 01.09.2025.
    outcome: Outcome,
    /// Days late (done late) or overdue (open).
    days_late: Option<i64>,
    /// Whether it is in the June period 01.06–30.06.2025.
    in_june: bool,
}

const CASES: &[Case] = &[
    // Done on the due day itself: on time.
    Case {
        name: "Amina",
        settlement: "10.03.2025",
        started: "10.06.2025",
        status: "active",
        due: d(2025, 6, 10),
        outcome: Outcome::OnTime,
        days_late: None,
        in_june: true,
    },
    // Done one day after the due day (marked done through the store).
    Case {
        name: "Bilal",
        settlement: "11.03.2025",
        started: "",
        status: "active",
        due: d(2025, 6, 11),
        outcome: Outcome::Late,
        days_late: Some(1),
        in_june: true,
    },
    // Never started, due on the period's first day: overdue 92 days.
    Case {
        name: "Chen",
        settlement: "01.03.2025",
        started: "",
        status: "",
        due: d(2025, 6, 1),
        outcome: Outcome::Overdue,
        days_late: Some(92),
        in_june: true,
    },
    // Done on the period's last day, its due day: on time, and counted.
    Case {
        name: "Dina",
        settlement: "30.03.2025",
        started: "30.06.2025",
        status: "active",
        due: d(2025, 6, 30),
        outcome: Outcome::OnTime,
        days_late: None,
        in_june: true,
    },
    // Due on 15.09, after today: open, not yet due.
    Case {
        name: "Elias",
        settlement: "15.06.2025",
        started: "",
        status: "",
        due: d(2025, 9, 15),
        outcome: Outcome::NotYetDue,
        days_late: None,
        in_june: false,
    },
    // Moved away before starting: the start no longer applies.
    Case {
        name: "Farah",
        settlement: "15.03.2025",
        started: "",
        status: "moved_away",
        due: d(2025, 6, 15),
        outcome: Outcome::NotApplicable,
        days_late: None,
        in_june: true,
    },
    // Archived later; never started: still overdue in June's report.
    Case {
        name: "Goran",
        settlement: "20.03.2025",
        started: "",
        status: "",
        due: d(2025, 6, 20),
        outcome: Outcome::Overdue,
        days_late: Some(73),
        in_june: true,
    },
    // Due the day after the period: left out of June.
    Case {
        name: "Hana",
        settlement: "01.04.2025",
        started: "",
        status: "",
        due: d(2025, 7, 1),
        outcome: Outcome::Overdue,
        days_late: Some(62),
        in_june: false,
    },
    // Due before the period: left out of June.
    Case {
        name: "Ivan",
        settlement: "28.02.2025",
        started: "",
        status: "",
        due: d(2025, 5, 28),
        outcome: Outcome::Overdue,
        days_late: Some(96),
        in_june: false,
    },
    // Due today: not yet overdue.
    Case {
        name: "Jana",
        settlement: "01.06.2025",
        started: "",
        status: "",
        due: d(2025, 9, 1),
        outcome: Outcome::NotYetDue,
        days_late: None,
        in_june: false,
    },
];

const fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, day) {
        Some(date) => date,
        None => panic!("invalid test date"),
    }
}

/// The register of `CASES`, with the participants' ids by name.
fn register() -> (Store, BTreeMap<&'static str, i64>) {
    let mut store = Store::open_in_memory().expect("store");
    let mut ids = BTreeMap::new();
    for case in CASES {
        let form = ParticipantForm {
            given_name: case.name.into(),
            family_name: "Nordmann".into(),
            residence_permit_date: "01.10.2024".into(),
            settlement_date: case.settlement.into(),
            programme_start_date: case.started.into(),
            status: case.status.into(),
            ..ParticipantForm::default()
        };
        let details = form.validate(today()).expect("valid form");
        let id = store
            .create_participant(&details, today())
            .expect("created")
            .id;
        ids.insert(case.name, id);
    }
    store
        .mark_deadline_done(
            ids["Bilal"],
            DeadlineKind::ProgrammeStart,
            None,
            Some(date(2025, 6, 12)),
            today(),
        )
        .expect("marked done a day late");
    store
        .set_participant_archived(ids["Goran"], true)
        .expect("archived");
    (store, ids)
}

fn programme_start_of(
    deadlines: &[ComplianceDeadline],
    participant: i64,
) -> Option<&ComplianceDeadline> {
    deadlines
        .iter()
        .find(|d| d.participant_id == participant && d.kind == DeadlineKind::ProgrammeStart)
}

#[test]
fn each_programme_start_has_its_hand_computed_outcome() {
    let (store, ids) = register();
    // A period holding every case's due date.
    let all = store
        .deadline_compliance(date(2025, 5, 1), date(2025, 9, 30), today())
        .expect("report");
    for case in CASES {
        let row = programme_start_of(&all.deadlines, ids[case.name])
            .unwrap_or_else(|| panic!("{}: no programme start", case.name));
        assert_eq!(row.due, case.due, "{}: due", case.name);
        assert_eq!(row.outcome, case.outcome, "{}: outcome", case.name);
        assert_eq!(row.days_late, case.days_late, "{}: days late", case.name);
        assert_eq!(
            row.archived,
            case.name == "Goran",
            "{}: archived",
            case.name
        );
    }
}

#[test]
fn june_counts_both_boundary_days_and_sets_not_applicable_apart() {
    let (store, ids) = register();
    let june = store
        .deadline_compliance(date(2025, 6, 1), date(2025, 6, 30), today())
        .expect("report");
    let mut in_june: Vec<i64> = june
        .deadlines
        .iter()
        .filter(|d| d.kind == DeadlineKind::ProgrammeStart)
        .map(|d| d.participant_id)
        .collect();
    in_june.sort_unstable();
    let mut expected: Vec<i64> = CASES
        .iter()
        .filter(|c| c.in_june)
        .map(|c| ids[c.name])
        .collect();
    expected.sort_unstable();
    assert_eq!(in_june, expected, "01.06 and 30.06 in, 28.05 and 01.07 out");

    let start = june
        .kinds
        .iter()
        .find(|k| k.kind == DeadlineKind::ProgrammeStart)
        .expect("every kind is listed");
    // Amina and Dina on time; Bilal late; Chen and Goran overdue; Farah n/a.
    assert_eq!(start.counts.on_time, 2);
    assert_eq!(start.counts.late, 1);
    assert_eq!(start.counts.overdue, 2);
    assert_eq!(start.counts.not_yet_due, 0);
    assert_eq!(start.counts.not_applicable, 1);
    assert_eq!(start.on_time_rate, Some(2.0 / 5.0));

    assert_eq!(june.kinds.len(), DeadlineKind::ALL.len(), "zeros included");
    let sum = |f: fn(&introspor_core::domain::report::OutcomeCounts) -> u64| {
        june.kinds.iter().map(|k| f(&k.counts)).sum::<u64>()
    };
    assert_eq!(june.total.on_time, sum(|c| c.on_time));
    assert_eq!(june.total.overdue, sum(|c| c.overdue));
    assert_eq!(june.total.not_applicable, sum(|c| c.not_applicable));
    assert_eq!(
        june.deadlines.len() as u64,
        june.total.owed() + june.total.not_yet_due + june.total.not_applicable
    );
    // A kind with nothing due has no rate rather than a rate of zero.
    let extension = june
        .kinds
        .iter()
        .find(|k| k.kind == DeadlineKind::ExtensionDecision)
        .expect("listed");
    assert_eq!(extension.counts.owed(), 0);
    assert_eq!(extension.on_time_rate, None);
}

#[test]
fn september_holds_the_deadlines_not_yet_due_and_due_today() {
    let (store, ids) = register();
    let september = store
        .deadline_compliance(date(2025, 9, 1), date(2025, 9, 30), today())
        .expect("report");
    for name in ["Elias", "Jana"] {
        let row = programme_start_of(&september.deadlines, ids[name]).expect("in September");
        assert_eq!(row.outcome, Outcome::NotYetDue, "{name}");
    }
}

#[test]
fn own_tasks_are_not_legal_deadlines() {
    let (mut store, ids) = register();
    let before = store
        .deadline_compliance(date(2025, 6, 1), date(2025, 6, 30), today())
        .expect("report");
    store
        .add_task(&TaskDraft {
            title: "Ring tolketjenesten".into(),
            due: date(2025, 6, 15),
            participant_id: Some(ids["Amina"]),
            note: String::new(),
        })
        .expect("task");
    let after = store
        .deadline_compliance(date(2025, 6, 1), date(2025, 6, 30), today())
        .expect("report");
    assert_eq!(before, after);
}

fn event(kind: EventKind, occurred: NaiveDate) -> EventDraft {
    EventDraft {
        kind,
        occurred,
        registered: None,
        note: String::new(),
    }
}

#[test]
fn registration_debt_lists_the_oldest_first_and_leaves_archived_out() {
    let (mut store, ids) = register();
    // Due 10.08 (22 days overdue) and 20.09 (not yet due).
    store
        .add_event(
            ids["Amina"],
            &event(EventKind::ProgrammeStart, date(2025, 6, 10)),
            today(),
        )
        .expect("event");
    store
        .add_event(
            ids["Amina"],
            &event(EventKind::Plan, date(2025, 7, 20)),
            today(),
        )
        .expect("event");
    // Due 01.07: 62 days overdue, the oldest.
    store
        .add_event(
            ids["Bilal"],
            &event(EventKind::ParticipationDecision, date(2025, 5, 1)),
            today(),
        )
        .expect("event");
    // Registered: owes nothing.
    let mut registered = event(EventKind::ParticipationDecision, date(2025, 5, 1));
    registered.registered = Some(date(2025, 5, 20));
    store
        .add_event(ids["Chen"], &registered, today())
        .expect("event");
    // Archived: left out, and counted apart.
    store
        .add_event(
            ids["Goran"],
            &event(EventKind::ParticipationDecision, date(2025, 5, 1)),
            today(),
        )
        .expect("event");

    let debt = store.registration_debt(today()).expect("report");
    assert_eq!(debt.open, 3);
    assert_eq!(debt.overdue, 2);
    assert_eq!(debt.archived_left_out, 1);
    let order: Vec<i64> = debt.participants.iter().map(|p| p.participant_id).collect();
    assert_eq!(order, vec![ids["Bilal"], ids["Amina"]]);
    let bilal = &debt.participants[0];
    assert_eq!(bilal.registrations[0].due, date(2025, 7, 1));
    assert_eq!(bilal.registrations[0].days_overdue, Some(62));
    assert_eq!(
        bilal.registrations[0].event_kind,
        Some(EventKind::ParticipationDecision)
    );
    let amina = &debt.participants[1];
    assert_eq!((amina.open, amina.overdue), (2, 1));
    assert_eq!(amina.most_days_overdue, Some(22));
    let dues: Vec<(NaiveDate, Option<i64>)> = amina
        .registrations
        .iter()
        .map(|r| (r.due, r.days_overdue))
        .collect();
    assert_eq!(
        dues,
        vec![(date(2025, 8, 10), Some(22)), (date(2025, 9, 20), None)]
    );

    let book = registration_debt_workbook(&debt, Language::Bokmal);
    assert_eq!(book.sheets[0].rows.len(), 2, "one row per participant");
    assert_eq!(book.sheets[1].rows.len(), 3, "one row per registration");
}

#[test]
fn the_caseload_on_a_day_counts_status_by_the_programme_dates() {
    let (store, ids) = register();
    let on = date(2025, 6, 30);
    let report = store.caseload_report(on, today()).expect("report");
    // Everyone was settled by 30.06 (Jana on 01.06, Elias on 15.06);
    // Goran was archived after 30.06 (today, by the clock of
    // the test run), so he still counts on 30.06.
    assert_eq!(report.total, CASES.len() as u64);
    let status = |name: &str| {
        report
            .participants
            .iter()
            .find(|p| p.participant_id == ids[name])
            .map(|p| p.status)
    };
    assert_eq!(status("Amina"), Some(Status::Active));
    assert_eq!(
        status("Dina"),
        Some(Status::Active),
        "started that very day"
    );
    assert_eq!(status("Farah"), Some(Status::MovedAway), "as recorded");
    assert_eq!(status("Chen"), Some(Status::Prospective));
    let count = |id: &str| {
        report
            .by_status
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.count)
    };
    // Amina, Dina; and Bilal, active with his start marked 12.06.
    assert_eq!(count("active"), Some(3));
    assert_eq!(count("moved_away"), Some(1));
    assert_eq!(count("prospective"), Some(6));
    assert_eq!(count("completed"), Some(0));
    assert_eq!(report.by_status.len(), Status::ALL.len());

    // Far enough ahead, Goran's archiving has happened.
    let later = store
        .caseload_report(date(2100, 1, 1), today())
        .expect("report");
    assert!(later
        .participants
        .iter()
        .all(|p| p.participant_id != ids["Goran"]));

    let book = caseload_workbook(&report, Language::Bokmal);
    assert_eq!(book.sheets[0].name, "Antall per 30.06.2025");
    assert_eq!(book.sheets[1].rows.len(), CASES.len());
}

#[test]
fn the_supervision_report_shows_every_duty_and_prints_as_pdf() {
    let (mut store, ids) = register();
    store
        .save_letterhead(&Letterhead {
            municipality: "Fjordvik kommune".into(),
            service: "Flyktningtjenesten".into(),
            caseworker: "Kari Saksbehandler".into(),
            ..Letterhead::default()
        })
        .expect("letterhead");
    let report = store
        .supervision_report(ids["Farah"], today())
        .expect("report");
    assert_eq!(report.facts.status, Status::MovedAway);
    let start = report
        .duties
        .iter()
        .find(|d| d.kind == DeadlineKind::ProgrammeStart)
        .expect("the start is listed");
    assert_eq!(start.outcome, Outcome::NotApplicable, "shown as such");
    assert!(report
        .duties
        .iter()
        .all(|d| d.participant_id == ids["Farah"]));

    let amina = store
        .supervision_report(ids["Amina"], today())
        .expect("report");
    assert_eq!(amina.facts.programme_start, Some(date(2025, 6, 10)));
    let start = amina
        .duties
        .iter()
        .find(|d| d.kind == DeadlineKind::ProgrammeStart)
        .expect("listed");
    assert_eq!(start.outcome, Outcome::OnTime);
    assert_eq!(start.done_on, Some(date(2025, 6, 10)));
    let missing: Vec<_> = amina.missing().collect();
    assert!(missing
        .iter()
        .all(|d| matches!(d.outcome, Outcome::Overdue | Outcome::NotYetDue)));
    let counted = amina.counts.owed() + amina.counts.not_yet_due + amina.counts.not_applicable;
    assert_eq!(counted, amina.duties.len() as u64);

    let created = date(2025, 9, 1)
        .and_hms_opt(10, 30, 0)
        .and_then(|t| t.and_local_timezone(FixedOffset::east_opt(7200)?).single())
        .expect("time");
    let document = store
        .supervision_document(ids["Amina"], today(), created, Language::Bokmal)
        .expect("document");
    assert_eq!(
        document.letterhead,
        vec!["Fjordvik kommune", "Flyktningtjenesten"]
    );
    assert_eq!(document.author, "Kari Saksbehandler");
    let pdf = render_minutes_pdf(&document).expect("a PDF/A file");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        render_minutes_pdf(&document).expect("again"),
        pdf,
        "deterministic"
    );

    let book = supervision_workbook(&amina, Language::Bokmal);
    assert_eq!(book.sheets[1].rows.len(), amina.duties.len());
}

#[test]
fn the_chart_counts_open_legal_deadlines_per_week_and_the_rates() {
    let (mut store, ids) = register();
    // An own task inside the weeks: not a legal deadline, not counted.
    store
        .add_task(&TaskDraft {
            title: "Oppfølging".into(),
            due: date(2025, 9, 3),
            participant_id: Some(ids["Amina"]),
            note: String::new(),
        })
        .expect("task");
    let chart = store
        .deadline_chart(date(2025, 6, 1), date(2025, 6, 30), today())
        .expect("chart");
    assert_eq!(chart.weeks.len(), CHART_WEEKS);
    assert_eq!(chart.weeks[0].monday, date(2025, 9, 1));
    assert_eq!(chart.weeks[0].week, 36);
    assert_eq!(chart.weeks[11].monday, date(2025, 11, 17));
    // Every week's count is what the list of all deadlines holds for it
    // (legal, open, archived participants left out, as the list does).
    for week in &chart.weeks {
        let sunday = week.monday + chrono::Duration::days(6);
        let listed = store
            .deadlines(
                &DeadlineFilter {
                    from: Some(week.monday.max(today())),
                    to: Some(sunday),
                    open_only: true,
                    ..DeadlineFilter::default()
                },
                today(),
            )
            .expect("list")
            .into_iter()
            .filter(|row| row.task_id.is_none())
            .count() as u64;
        assert_eq!(week.count, listed, "week {}", week.week);
    }
    assert!(
        chart.weeks.iter().any(|w| w.count == 0),
        "empty weeks are kept"
    );
    let start = chart
        .rates
        .iter()
        .find(|r| r.kind == DeadlineKind::ProgrammeStart)
        .expect("listed");
    assert_eq!((start.on_time, start.owed), (2, 5));
    assert_eq!(start.rate, Some(0.4));

    let book = chart_workbook(&chart, Language::Bokmal);
    assert_eq!(book.sheets[0].name, "Frister per uke");
    assert_eq!(book.sheets[1].name, "Andel i tide per type");
    assert_eq!(book.sheets[0].rows.len(), CHART_WEEKS);
}

#[test]
fn every_workbook_sheet_name_fits_a_spreadsheet_in_every_language() {
    let (store, ids) = register();
    let caseload = store.caseload_report(today(), today()).expect("caseload");
    let compliance = store
        .deadline_compliance(date(2025, 1, 1), date(2025, 12, 31), today())
        .expect("compliance");
    let debt = store.registration_debt(today()).expect("debt");
    let supervision = store
        .supervision_report(ids["Amina"], today())
        .expect("supervision");
    let chart = store
        .deadline_chart(date(2025, 1, 1), date(2025, 12, 31), today())
        .expect("chart");
    for language in Language::ALL {
        let books = [
            caseload_workbook(&caseload, language),
            compliance_workbook(&compliance, language),
            registration_debt_workbook(&debt, language),
            supervision_workbook(&supervision, language),
            chart_workbook(&chart, language),
        ];
        for book in &books {
            for sheet in &book.sheets {
                let what = format!("{}: {}", language.tag(), sheet.name);
                assert!(sheet.name.chars().count() <= 31, "{what}");
                assert!(
                    !sheet.name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                    "{what}"
                );
                for row in &sheet.rows {
                    assert_eq!(row.len(), sheet.columns.len(), "{what}");
                }
            }
        }
    }
}
