//! Reports for internal control (kommuneloven § 25-1) and for the county
//! governor's supervision: what the caseload was on a day, whether each
//! legal deadline was met on time, what is still owed to IMDi, and one
//! participant's duties in full.
//!
//! Pure: the store reads the rows ([`crate::store::reports`]) and these
//! functions count them. Nothing here reads the clock; `today` is passed in,
//! so a report made twice on the same day from the same register is the
//! same report.
//!
//! Every report struct serialises (camelCase, dates as ISO `NaiveDate`,
//! choices as their stable identifiers) so that the shell can hand it to the
//! window as it is and the window formats it.

use crate::domain::calendar::add_days;
use crate::domain::deadline::{DeadlineKind, DeadlineStatus, EventKind};
use crate::domain::law::Law;
use crate::domain::participant::{Education, FinalGoal, Status};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Serialize, Serializer};

/// A closed set whose stable identifier is what a report serialises, as
/// every choice is sent over IPC.
pub trait StableId: Copy {
    /// The stable identifier (the `choice!` set's `as_str`).
    fn id(self) -> &'static str;
}

macro_rules! stable_id {
    ($($t:ty),+) => {
        $(impl StableId for $t {
            fn id(self) -> &'static str {
                self.as_str()
            }
        })+
    };
}

stable_id!(
    Status,
    Law,
    FinalGoal,
    Education,
    DeadlineKind,
    EventKind,
    Outcome
);

/// Serialises a choice as its stable identifier.
fn as_id<S: Serializer, T: StableId>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.id())
}

/// Serialises an optional choice as its identifier or `null`.
fn as_optional_id<S: Serializer, T: StableId>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_str(value.id()),
        None => serializer.serialize_none(),
    }
}

/// The identifier a report uses for "no final goal decided yet", as the
/// window's catalogue has it (`goal.none`).
pub const NO_FINAL_GOAL: &str = "none";

/// The stable identifier of an optional final goal, [`NO_FINAL_GOAL`] when
/// none is decided.
pub fn final_goal_id(goal: Option<FinalGoal>) -> &'static str {
    goal.map_or(NO_FINAL_GOAL, FinalGoal::as_str)
}

// ---------------------------------------------------------------------------
// Caseload at a date
// ---------------------------------------------------------------------------

/// What the register holds about one participant that the caseload at a
/// date is counted from. Everything is as recorded now: the register keeps
/// no history of the status, so the dates are what can move it back in
/// time (see [`status_on`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseloadEntry {
    /// Database identifier.
    pub participant_id: i64,
    /// Full name ("given family").
    pub name: String,
    /// Initials and internal number (`NP-12`).
    pub case_reference: String,
    /// The status recorded now.
    pub recorded_status: Status,
    /// The law in force (override or computed), as recorded now.
    pub law: Law,
    /// The final goal as recorded now.
    pub final_goal: Option<FinalGoal>,
    /// The education background as recorded now.
    pub education: Education,
    /// The calendar day (UTC) the row was created in the register.
    pub created_on: NaiveDate,
    /// Settlement in the municipality.
    pub settlement_date: Option<NaiveDate>,
    /// The programme started.
    pub programme_start: Option<NaiveDate>,
    /// The programme was completed or broken off.
    pub programme_ended: Option<NaiveDate>,
    /// The calendar day (UTC) the participant was archived, if archived.
    pub archived_on: Option<NaiveDate>,
    /// Whether an approved leave covers the report's day.
    pub on_approved_leave: bool,
}

/// Whether a participant belongs to the caseload on `day`.
///
/// They do when the service knew them by that day, that is when the
/// earlier of the day their row was created and their settlement date is
/// on or before `day` (a register started late still counts those settled
/// before it; an expected arrival registered early counts from the day of
/// registering), and they were not archived on or before `day` (archived
/// on the day itself means out of the caseload that day).
pub fn in_caseload_on(entry: &CaseloadEntry, day: NaiveDate) -> bool {
    let known_from = entry
        .settlement_date
        .map_or(entry.created_on, |settled| settled.min(entry.created_on));
    let archived = entry.archived_on.is_some_and(|archived| archived <= day);
    known_from <= day && !archived
}

/// Whether a status says the participant has left the programme.
fn has_left(status: Status) -> bool {
    matches!(
        status,
        Status::Completed | Status::Terminated | Status::MovedAway
    )
}

/// The participant's status on `day`, from the status recorded now and the
/// programme's dates. The register keeps no history of the status, so:
///
/// - a programme started after `day` makes the participant prospective
///   that day;
/// - a programme ended before `day` gives the recorded ending status
///   (completed, broken off, moved away), or completed when the recorded
///   status is not an ending one;
/// - a programme started on or before `day` and not ended before it (the
///   last day counts as in the programme) is in the programme that day:
///   on leave when an approved leave covers `day`, otherwise active; on a
///   day from `today` on, a recorded leave without a leave record still
///   reads as leave. Only when the recorded status says the participant
///   has left but no end date is recorded does the recorded status stand,
///   since the dates cannot say when they left;
/// - without a start date the recorded status stands.
pub fn status_on(entry: &CaseloadEntry, day: NaiveDate, today: NaiveDate) -> Status {
    let recorded = entry.recorded_status;
    let Some(start) = entry.programme_start else {
        return recorded;
    };
    if start > day {
        return Status::Prospective;
    }
    match entry.programme_ended {
        Some(ended) if ended < day => {
            if has_left(recorded) {
                recorded
            } else {
                Status::Completed
            }
        }
        None if has_left(recorded) => recorded,
        _ if entry.on_approved_leave => Status::OnLeave,
        _ if day >= today && recorded == Status::OnLeave => Status::OnLeave,
        _ => Status::Active,
    }
}

/// One count in a report: a choice's stable identifier and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCount {
    /// The choice's stable identifier ([`NO_FINAL_GOAL`] for no final goal).
    pub id: &'static str,
    /// How many.
    pub count: u64,
}

/// One participant counted in the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseloadParticipant {
    /// Database identifier.
    pub participant_id: i64,
    /// Full name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// The status on the report's day ([`status_on`]).
    #[serde(serialize_with = "as_id")]
    pub status: Status,
    /// The law in force.
    #[serde(serialize_with = "as_id")]
    pub law: Law,
    /// The final goal, if decided.
    #[serde(serialize_with = "as_optional_id")]
    pub final_goal: Option<FinalGoal>,
    /// The education background.
    #[serde(serialize_with = "as_id")]
    pub education: Education,
    /// Settlement date.
    pub settlement_date: Option<NaiveDate>,
    /// Programme start.
    pub programme_start: Option<NaiveDate>,
    /// Programme end.
    pub programme_ended: Option<NaiveDate>,
}

/// The caseload on one day: how many participants by status, law, final
/// goal and education group, and who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseloadReport {
    /// The day the caseload is counted for.
    pub on: NaiveDate,
    /// The day the report was made.
    pub today: NaiveDate,
    /// Participants in the caseload that day.
    pub total: u64,
    /// By status on the day, every status listed (zeros included), in the
    /// order the window offers them.
    pub by_status: Vec<CategoryCount>,
    /// By law, every law listed.
    pub by_law: Vec<CategoryCount>,
    /// By final goal, every goal listed, then [`NO_FINAL_GOAL`].
    pub by_final_goal: Vec<CategoryCount>,
    /// By education group, every group listed.
    pub by_education: Vec<CategoryCount>,
    /// The participants behind the numbers, in the order they were given
    /// (the store gives Norwegian name order).
    pub participants: Vec<CaseloadParticipant>,
}

/// Counts `ids` against every identifier in `all`, keeping `all`'s order.
fn tally(all: &[&'static str], ids: impl Iterator<Item = &'static str>) -> Vec<CategoryCount> {
    let mut counts: Vec<CategoryCount> = all
        .iter()
        .map(|id| CategoryCount { id, count: 0 })
        .collect();
    for id in ids {
        if let Some(count) = counts.iter_mut().find(|c| c.id == id) {
            count.count += 1;
        }
    }
    counts
}

/// The caseload on `day` from every participant in the register.
pub fn caseload(entries: &[CaseloadEntry], day: NaiveDate, today: NaiveDate) -> CaseloadReport {
    let participants: Vec<CaseloadParticipant> = entries
        .iter()
        .filter(|entry| in_caseload_on(entry, day))
        .map(|entry| CaseloadParticipant {
            participant_id: entry.participant_id,
            name: entry.name.clone(),
            case_reference: entry.case_reference.clone(),
            status: status_on(entry, day, today),
            law: entry.law,
            final_goal: entry.final_goal,
            education: entry.education,
            settlement_date: entry.settlement_date,
            programme_start: entry.programme_start,
            programme_ended: entry.programme_ended,
        })
        .collect();
    let statuses: Vec<&'static str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    let laws: Vec<&'static str> = Law::ALL.iter().map(|l| l.as_str()).collect();
    let mut goals: Vec<&'static str> = FinalGoal::ALL.iter().map(|g| g.as_str()).collect();
    goals.push(NO_FINAL_GOAL);
    let educations: Vec<&'static str> = Education::ALL.iter().map(|e| e.as_str()).collect();
    CaseloadReport {
        on: day,
        today,
        total: participants.len() as u64,
        by_status: tally(&statuses, participants.iter().map(|p| p.status.as_str())),
        by_law: tally(&laws, participants.iter().map(|p| p.law.as_str())),
        by_final_goal: tally(
            &goals,
            participants.iter().map(|p| final_goal_id(p.final_goal)),
        ),
        by_education: tally(
            &educations,
            participants.iter().map(|p| p.education.as_str()),
        ),
        participants,
    }
}

// ---------------------------------------------------------------------------
// Deadline compliance
// ---------------------------------------------------------------------------

choice! {
    /// How a legal deadline stands in a compliance report.
    Outcome {
        /// Done on or before its due date.
        OnTime => "on_time",
        /// Done after its due date (or done with no date recorded, which
        /// cannot be shown to be on time).
        Late => "late",
        /// Not done, and the due date is before today.
        Overdue => "overdue",
        /// Not done, due today or later.
        NotYetDue => "not_yet_due",
        /// The duty does not apply to the participant.
        NotApplicable => "not_applicable",
    }
}

/// One stored legal deadline with the participant it concerns, as the store
/// reads it for the reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLegalDeadline {
    /// The deadline's id.
    pub deadline_id: i64,
    /// The participant concerned.
    pub participant_id: i64,
    /// Their full name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// Whether the participant is archived now.
    pub archived: bool,
    /// What the deadline is for.
    pub kind: DeadlineKind,
    /// The legal due date.
    pub due: NaiveDate,
    /// The stored state: open, done or not applicable (overdue is derived).
    pub state: DeadlineStatus,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// The legal reference ("integreringsloven § 12").
    pub reference: String,
    /// The event or leave it comes from.
    pub source_id: Option<i64>,
}

/// How a stored deadline stands as of `today`, and how many days it was
/// (done late) or is (overdue) past its due date.
///
/// On time means done on or before the legal due date (`due`) itself, not
/// the last working day before it: the last working day is a reminder to
/// act before a closed office, the law's date is `due`. Days late are
/// calendar days: done the day after the due date is one day late; an open
/// deadline due yesterday is one day overdue.
pub fn classify(
    state: DeadlineStatus,
    due: NaiveDate,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> (Outcome, Option<i64>) {
    match state {
        DeadlineStatus::NotApplicable => (Outcome::NotApplicable, None),
        DeadlineStatus::Done => match done_on {
            Some(done) if done <= due => (Outcome::OnTime, None),
            Some(done) => (Outcome::Late, Some((done - due).num_days())),
            None => (Outcome::Late, None),
        },
        // A stored "open" may hold a date only if a newer version wrote it;
        // the state decides, and overdue is derived from today here as it is
        // everywhere else.
        DeadlineStatus::Open | DeadlineStatus::Overdue => {
            if due < today {
                (Outcome::Overdue, Some((today - due).num_days()))
            } else {
                (Outcome::NotYetDue, None)
            }
        }
    }
}

/// One deadline behind the compliance numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceDeadline {
    /// The deadline's id.
    pub deadline_id: i64,
    /// The participant concerned.
    pub participant_id: i64,
    /// Their full name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// Whether the participant is archived now.
    pub archived: bool,
    /// What the deadline is for.
    #[serde(serialize_with = "as_id")]
    pub kind: DeadlineKind,
    /// The legal reference.
    pub reference: String,
    /// The legal due date.
    pub due: NaiveDate,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// How it stands.
    #[serde(serialize_with = "as_id")]
    pub outcome: Outcome,
    /// Days past the due date: when done late, the days it was late; when
    /// overdue, the days it is overdue as of today; otherwise none.
    pub days_late: Option<i64>,
}

impl ComplianceDeadline {
    fn from_stored(row: &StoredLegalDeadline, today: NaiveDate) -> Self {
        let (outcome, days_late) = classify(row.state, row.due, row.done_on, today);
        ComplianceDeadline {
            deadline_id: row.deadline_id,
            participant_id: row.participant_id,
            name: row.name.clone(),
            case_reference: row.case_reference.clone(),
            archived: row.archived,
            kind: row.kind,
            reference: row.reference.clone(),
            due: row.due,
            done_on: row.done_on,
            outcome,
            days_late,
        }
    }
}

/// The numbers for one deadline kind (or for all kinds together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeCounts {
    /// Done on or before the due date.
    pub on_time: u64,
    /// Done after the due date.
    pub late: u64,
    /// Open and due before today.
    pub overdue: u64,
    /// Open and due today or later.
    pub not_yet_due: u64,
    /// Not applicable; counted apart and left out of the rate.
    pub not_applicable: u64,
}

impl OutcomeCounts {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::OnTime => self.on_time += 1,
            Outcome::Late => self.late += 1,
            Outcome::Overdue => self.overdue += 1,
            Outcome::NotYetDue => self.not_yet_due += 1,
            Outcome::NotApplicable => self.not_applicable += 1,
        }
    }

    /// The deadlines that were owed by today: on time, late and overdue.
    pub fn owed(&self) -> u64 {
        self.on_time + self.late + self.overdue
    }

    /// The share met on time: on time / (on time + late + overdue), none
    /// when nothing was owed. Deadlines not yet due are left out, since
    /// they can still be met; not-applicable ones were never owed.
    pub fn on_time_rate(&self) -> Option<f64> {
        match self.owed() {
            0 => None,
            owed => Some(self.on_time as f64 / owed as f64),
        }
    }
}

/// The compliance numbers of one deadline kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindCompliance {
    /// The deadline kind.
    #[serde(serialize_with = "as_id")]
    pub kind: DeadlineKind,
    /// Its numbers.
    #[serde(flatten)]
    pub counts: OutcomeCounts,
    /// [`OutcomeCounts::on_time_rate`], as a fraction.
    pub on_time_rate: Option<f64>,
}

/// Whether each legal deadline due in a period was met on time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineCompliance {
    /// First day of the period (deadlines due on it count).
    pub from: NaiveDate,
    /// Last day of the period (deadlines due on it count).
    pub to: NaiveDate,
    /// The day the report was made; overdue is counted as of it.
    pub today: NaiveDate,
    /// Every legal deadline kind, zeros included, in the engine's order.
    pub kinds: Vec<KindCompliance>,
    /// All kinds together.
    pub total: OutcomeCounts,
    /// [`OutcomeCounts::on_time_rate`] of all kinds together.
    pub on_time_rate: Option<f64>,
    /// The deadlines behind the numbers, not-applicable ones included (they
    /// are counted apart), by due date.
    pub deadlines: Vec<ComplianceDeadline>,
}

/// The compliance report for the period `from`–`to` (both days included)
/// from the stored legal deadlines. Rows due outside the period are left
/// out here too, so a caller may pass more. Own tasks are not legal
/// deadlines and never reach this function (they are not stored as
/// deadlines). Participants archived since are counted: archiving later
/// does not change whether a duty in the period was met, and each row says
/// whether its participant is archived.
pub fn deadline_compliance(
    rows: &[StoredLegalDeadline],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> DeadlineCompliance {
    let mut deadlines: Vec<ComplianceDeadline> = rows
        .iter()
        .filter(|row| row.due >= from && row.due <= to)
        .map(|row| ComplianceDeadline::from_stored(row, today))
        .collect();
    deadlines.sort_by_key(|d| (d.due, d.kind.as_str(), d.participant_id, d.deadline_id));
    let mut total = OutcomeCounts::default();
    let kinds = DeadlineKind::ALL
        .iter()
        .map(|&kind| {
            let mut counts = OutcomeCounts::default();
            for deadline in deadlines.iter().filter(|d| d.kind == kind) {
                counts.add(deadline.outcome);
                total.add(deadline.outcome);
            }
            KindCompliance {
                kind,
                counts,
                on_time_rate: counts.on_time_rate(),
            }
        })
        .collect();
    DeadlineCompliance {
        from,
        to,
        today,
        kinds,
        total,
        on_time_rate: total.on_time_rate(),
        deadlines,
    }
}

// ---------------------------------------------------------------------------
// Registration debt
// ---------------------------------------------------------------------------

/// One open IMDi registration as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRegistration {
    /// The registration deadline's id.
    pub deadline_id: i64,
    /// The participant concerned.
    pub participant_id: i64,
    /// Their full name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// Whether the participant is archived now.
    pub archived: bool,
    /// The event to register, when it is still recorded.
    pub event_id: Option<i64>,
    /// What happened.
    pub event_kind: Option<EventKind>,
    /// When it happened.
    pub occurred: Option<NaiveDate>,
    /// The registration's due date.
    pub due: NaiveDate,
}

/// One registration still owed to IMDi.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenRegistration {
    /// The registration deadline's id.
    pub deadline_id: i64,
    /// The event to register.
    pub event_id: Option<i64>,
    /// What happened.
    #[serde(serialize_with = "as_optional_id")]
    pub event_kind: Option<EventKind>,
    /// When it happened.
    pub occurred: Option<NaiveDate>,
    /// The registration's due date.
    pub due: NaiveDate,
    /// Days past the due date as of today; none while not yet due.
    pub days_overdue: Option<i64>,
}

/// What one participant owes IMDi.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantRegistrationDebt {
    /// The participant.
    pub participant_id: i64,
    /// Their full name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// How many registrations are open.
    pub open: u64,
    /// How many of them are overdue.
    pub overdue: u64,
    /// The most days any of them is overdue; none when none is.
    pub most_days_overdue: Option<i64>,
    /// The open registrations, oldest due first.
    pub registrations: Vec<OpenRegistration>,
}

/// The registrations still owed to IMDi, per participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationDebt {
    /// The day the report was made.
    pub today: NaiveDate,
    /// Open registrations in all (archived participants left out).
    pub open: u64,
    /// Of them overdue.
    pub overdue: u64,
    /// Open registrations of archived participants, left out of the rest
    /// as on the start screen, and counted here so they are not lost.
    pub archived_left_out: u64,
    /// Per participant, the one with the oldest open registration first.
    pub participants: Vec<ParticipantRegistrationDebt>,
}

/// Groups open registrations per participant, oldest first. Participants
/// archived are left out (and counted), as the start screen leaves them
/// out of its count: the debt is a working list of what to register now.
pub fn registration_debt(rows: &[StoredRegistration], today: NaiveDate) -> RegistrationDebt {
    let mut sorted: Vec<&StoredRegistration> = rows.iter().collect();
    sorted.sort_by_key(|r| (r.due, r.participant_id, r.deadline_id));
    let archived_left_out = sorted.iter().filter(|r| r.archived).count() as u64;
    let mut participants: Vec<ParticipantRegistrationDebt> = Vec::new();
    for row in sorted.into_iter().filter(|r| !r.archived) {
        let days_overdue = (row.due < today).then(|| (today - row.due).num_days());
        let registration = OpenRegistration {
            deadline_id: row.deadline_id,
            event_id: row.event_id,
            event_kind: row.event_kind,
            occurred: row.occurred,
            due: row.due,
            days_overdue,
        };
        // Rows come oldest first, so a participant's first row decides
        // their place; later rows join them.
        let debt = match participants
            .iter_mut()
            .position(|p| p.participant_id == row.participant_id)
        {
            Some(at) => &mut participants[at],
            None => {
                participants.push(ParticipantRegistrationDebt {
                    participant_id: row.participant_id,
                    name: row.name.clone(),
                    case_reference: row.case_reference.clone(),
                    open: 0,
                    overdue: 0,
                    most_days_overdue: None,
                    registrations: Vec::new(),
                });
                participants.last_mut().expect("just pushed")
            }
        };
        debt.open += 1;
        if let Some(days) = days_overdue {
            debt.overdue += 1;
            debt.most_days_overdue = Some(debt.most_days_overdue.map_or(days, |d| d.max(days)));
        }
        debt.registrations.push(registration);
    }
    RegistrationDebt {
        today,
        open: participants.iter().map(|p| p.open).sum(),
        overdue: participants.iter().map(|p| p.overdue).sum(),
        archived_left_out,
        participants,
    }
}

// ---------------------------------------------------------------------------
// Ready for supervision
// ---------------------------------------------------------------------------

/// A participant's key facts for the supervision report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionFacts {
    /// The participant.
    pub participant_id: i64,
    /// Full name.
    pub name: String,
    /// Initials and internal number.
    pub case_reference: String,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// The law in force.
    #[serde(serialize_with = "as_id")]
    pub law: Law,
    /// Whether the caseworker overrode the computed law.
    pub law_overridden: bool,
    /// The status recorded now.
    #[serde(serialize_with = "as_id")]
    pub status: Status,
    /// The final goal, if decided.
    #[serde(serialize_with = "as_optional_id")]
    pub final_goal: Option<FinalGoal>,
    /// The education background.
    #[serde(serialize_with = "as_id")]
    pub education: Education,
    /// Settlement date.
    pub settlement_date: Option<NaiveDate>,
    /// A later claim to the programme.
    pub claim_date: Option<NaiveDate>,
    /// The programme started.
    pub programme_start: Option<NaiveDate>,
    /// The programme ended.
    pub programme_ended: Option<NaiveDate>,
    /// Whether the participant is archived.
    pub archived: bool,
}

/// One participant's legal duties, each with its due date, when it was done
/// and whether on time, and what is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionReport {
    /// The day the report was made.
    pub today: NaiveDate,
    /// The participant's key facts.
    pub facts: SupervisionFacts,
    /// The programme's last day as the deadlines have it (the programme
    /// end deadline's due date), when there is one.
    pub planned_end: Option<NaiveDate>,
    /// Every legal duty, done or not, not-applicable ones shown as such,
    /// by due date.
    pub duties: Vec<ComplianceDeadline>,
    /// The numbers of the duties.
    pub counts: OutcomeCounts,
}

impl SupervisionReport {
    /// What is missing: duties overdue and duties open but not yet due, by
    /// due date.
    pub fn missing(&self) -> impl Iterator<Item = &ComplianceDeadline> {
        self.duties
            .iter()
            .filter(|d| matches!(d.outcome, Outcome::Overdue | Outcome::NotYetDue))
    }
}

/// The supervision report from the participant's facts and every stored
/// legal deadline of theirs.
pub fn supervision_report(
    facts: SupervisionFacts,
    rows: &[StoredLegalDeadline],
    today: NaiveDate,
) -> SupervisionReport {
    let mut duties: Vec<ComplianceDeadline> = rows
        .iter()
        .filter(|row| row.participant_id == facts.participant_id)
        .map(|row| ComplianceDeadline::from_stored(row, today))
        .collect();
    duties.sort_by_key(|d| (d.due, d.kind.as_str(), d.deadline_id));
    let mut counts = OutcomeCounts::default();
    for duty in &duties {
        counts.add(duty.outcome);
    }
    let planned_end = duties
        .iter()
        .find(|d| d.kind == DeadlineKind::ProgrammeEnd)
        .map(|d| d.due);
    SupervisionReport {
        today,
        facts,
        planned_end,
        duties,
        counts,
    }
}

// ---------------------------------------------------------------------------
// Chart data
// ---------------------------------------------------------------------------

/// How many weeks the chart of coming deadlines shows.
pub const CHART_WEEKS: usize = 12;

/// Open legal deadlines due in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekCount {
    /// The ISO week-numbering year (may differ from Monday's calendar year
    /// at the turn of the year).
    pub iso_year: i32,
    /// The ISO week number, 1–53.
    pub week: u32,
    /// The week's Monday.
    pub monday: NaiveDate,
    /// Open deadlines due that week (from today on in the first week).
    pub count: u64,
}

/// The on-time rate of one deadline kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindRate {
    /// The deadline kind.
    #[serde(serialize_with = "as_id")]
    pub kind: DeadlineKind,
    /// Met on time.
    pub on_time: u64,
    /// On time + late + overdue.
    pub owed: u64,
    /// on_time / owed as a fraction; none when nothing was owed.
    pub rate: Option<f64>,
}

/// The numbers behind the two charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineChart {
    /// The day the chart was made.
    pub today: NaiveDate,
    /// [`CHART_WEEKS`] weeks from the one holding today, zeros included.
    pub weeks: Vec<WeekCount>,
    /// The period the rates are for (first day).
    pub from: NaiveDate,
    /// The period the rates are for (last day).
    pub to: NaiveDate,
    /// Every legal deadline kind's on-time rate in the period.
    pub rates: Vec<KindRate>,
}

/// The Monday of the week holding `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    add_days(day, -i64::from(day.weekday().num_days_from_monday()))
}

/// The last day the chart of coming deadlines counts: the Sunday of the
/// [`CHART_WEEKS`]th week, counting the week holding today as the first.
pub fn chart_last_day(today: NaiveDate) -> NaiveDate {
    add_days(monday_of(today), (CHART_WEEKS as i64) * 7 - 1)
}

/// Open legal deadlines per ISO week for the [`CHART_WEEKS`] weeks from
/// the one holding today. Only due dates from today to
/// [`chart_last_day`] count: an open deadline due earlier this week is
/// overdue, not coming, and is in the compliance report instead.
pub fn weeks_ahead(open_dues: &[NaiveDate], today: NaiveDate) -> Vec<WeekCount> {
    let first_monday = monday_of(today);
    let last = chart_last_day(today);
    let mut weeks: Vec<WeekCount> = (0..CHART_WEEKS)
        .map(|i| {
            let monday = first_monday + Duration::weeks(i as i64);
            let iso = monday.iso_week();
            WeekCount {
                iso_year: iso.year(),
                week: iso.week(),
                monday,
                count: 0,
            }
        })
        .collect();
    for &due in open_dues.iter().filter(|&&due| due >= today && due <= last) {
        let index = ((monday_of(due) - first_monday).num_days() / 7) as usize;
        if let Some(week) = weeks.get_mut(index) {
            week.count += 1;
        }
    }
    debug_assert!(weeks.iter().all(|w| w.monday.weekday() == Weekday::Mon));
    weeks
}

/// Every kind's on-time rate from a compliance report.
pub fn on_time_rates(compliance: &DeadlineCompliance) -> Vec<KindRate> {
    compliance
        .kinds
        .iter()
        .map(|k| KindRate {
            kind: k.kind,
            on_time: k.counts.on_time,
            owed: k.counts.owed(),
            rate: k.on_time_rate,
        })
        .collect()
}

/// The chart's numbers from the open deadlines' due dates and the
/// compliance report of the rates' period.
pub fn deadline_chart(
    open_dues: &[NaiveDate],
    compliance: &DeadlineCompliance,
    today: NaiveDate,
) -> DeadlineChart {
    DeadlineChart {
        today,
        weeks: weeks_ahead(open_dues, today),
        from: compliance.from,
        to: compliance.to,
        rates: on_time_rates(compliance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn entry(recorded: Status) -> CaseloadEntry {
        CaseloadEntry {
            participant_id: 1,
            name: "Amal Prøvesen".into(),
            case_reference: "AP-1".into(),
            recorded_status: recorded,
            law: Law::Integreringsloven,
            final_goal: None,
            education: Education::Unknown,
            created_on: date(2025, 2, 1),
            settlement_date: None,
            programme_start: None,
            programme_ended: None,
            archived_on: None,
            on_approved_leave: false,
        }
    }

    #[test]
    fn classify_each_case() {
        let today = date(2025, 9, 1);
        let due = date(2025, 6, 10);
        let cases = [
            // (state, done on, outcome, days late)
            (DeadlineStatus::Done, Some(due), Outcome::OnTime, None),
            (
                DeadlineStatus::Done,
                Some(date(2025, 6, 1)),
                Outcome::OnTime,
                None,
            ),
            (
                DeadlineStatus::Done,
                Some(date(2025, 6, 11)),
                Outcome::Late,
                Some(1),
            ),
            (DeadlineStatus::Done, None, Outcome::Late, None),
            (DeadlineStatus::Open, None, Outcome::Overdue, Some(83)),
            (
                DeadlineStatus::NotApplicable,
                None,
                Outcome::NotApplicable,
                None,
            ),
        ];
        for (state, done, outcome, days) in cases {
            assert_eq!(
                classify(state, due, done, today),
                (outcome, days),
                "{state:?} {done:?}"
            );
        }
        assert_eq!(
            classify(DeadlineStatus::Open, today, None, today),
            (Outcome::NotYetDue, None),
            "due today is not overdue"
        );
        assert_eq!(
            classify(DeadlineStatus::Open, today, None, date(2025, 9, 2)),
            (Outcome::Overdue, Some(1)),
            "due yesterday is one day overdue"
        );
    }

    #[test]
    fn status_on_a_day_from_the_programme_dates() {
        let today = date(2025, 9, 1);
        let start = date(2025, 3, 1);
        let end = date(2025, 6, 30);
        let with = |recorded, ended: Option<NaiveDate>, leave| CaseloadEntry {
            programme_start: Some(start),
            programme_ended: ended,
            on_approved_leave: leave,
            ..entry(recorded)
        };
        let cases = [
            // (recorded, ended, on leave, day, status on the day)
            (
                Status::Active,
                None,
                false,
                date(2025, 2, 28),
                Status::Prospective,
            ),
            (Status::Active, None, false, start, Status::Active),
            (
                Status::Active,
                None,
                true,
                date(2025, 4, 1),
                Status::OnLeave,
            ),
            (
                Status::OnLeave,
                None,
                false,
                date(2025, 4, 1),
                Status::Active,
            ),
            (Status::OnLeave, None, false, today, Status::OnLeave),
            (Status::Completed, Some(end), false, end, Status::Active),
            (
                Status::Completed,
                Some(end),
                false,
                date(2025, 7, 1),
                Status::Completed,
            ),
            (
                Status::Terminated,
                Some(end),
                false,
                date(2025, 7, 1),
                Status::Terminated,
            ),
            (
                Status::Active,
                Some(end),
                false,
                date(2025, 7, 1),
                Status::Completed,
            ),
            (
                Status::MovedAway,
                None,
                false,
                date(2025, 4, 1),
                Status::MovedAway,
            ),
            (
                Status::Prospective,
                None,
                false,
                date(2025, 4, 1),
                Status::Active,
            ),
        ];
        for (recorded, ended, leave, day, expected) in cases {
            assert_eq!(
                status_on(&with(recorded, ended, leave), day, today),
                expected,
                "{recorded:?} ended {ended:?} leave {leave} on {day}"
            );
        }
        assert_eq!(
            status_on(&entry(Status::MovedAway), date(2025, 1, 1), today),
            Status::MovedAway,
            "no start date: as recorded"
        );
    }

    #[test]
    fn in_the_caseload_from_registration_or_settlement_until_archived() {
        let settled_before = CaseloadEntry {
            settlement_date: Some(date(2025, 1, 10)),
            ..entry(Status::Prospective)
        };
        assert!(in_caseload_on(&settled_before, date(2025, 1, 10)));
        assert!(!in_caseload_on(&settled_before, date(2025, 1, 9)));
        let registered_before = CaseloadEntry {
            settlement_date: Some(date(2025, 5, 1)),
            ..entry(Status::Prospective)
        };
        assert!(in_caseload_on(&registered_before, date(2025, 2, 1)));
        assert!(!in_caseload_on(&registered_before, date(2025, 1, 31)));
        let archived = CaseloadEntry {
            archived_on: Some(date(2025, 3, 1)),
            ..entry(Status::Completed)
        };
        assert!(in_caseload_on(&archived, date(2025, 2, 28)));
        assert!(!in_caseload_on(&archived, date(2025, 3, 1)));
    }

    #[test]
    fn the_caseload_lists_every_choice_with_zeros() {
        let report = caseload(&[entry(Status::Active)], date(2025, 3, 1), date(2025, 9, 1));
        assert_eq!(report.total, 1);
        assert_eq!(report.by_status.len(), Status::ALL.len());
        assert_eq!(report.by_law.len(), Law::ALL.len());
        assert_eq!(report.by_final_goal.len(), FinalGoal::ALL.len() + 1);
        assert_eq!(report.by_education.len(), Education::ALL.len());
        let sum = |counts: &[CategoryCount]| counts.iter().map(|c| c.count).sum::<u64>();
        for counts in [
            &report.by_status,
            &report.by_law,
            &report.by_final_goal,
            &report.by_education,
        ] {
            assert_eq!(sum(counts), report.total);
        }
        assert_eq!(
            report.by_final_goal.last(),
            Some(&CategoryCount {
                id: NO_FINAL_GOAL,
                count: 1
            })
        );
    }

    #[test]
    fn the_rate_has_no_value_when_nothing_was_owed() {
        let mut counts = OutcomeCounts {
            not_yet_due: 3,
            not_applicable: 2,
            ..OutcomeCounts::default()
        };
        assert_eq!(counts.on_time_rate(), None);
        counts.on_time = 1;
        counts.late = 1;
        counts.overdue = 2;
        assert_eq!(counts.on_time_rate(), Some(0.25));
    }

    #[test]
    fn twelve_weeks_from_the_week_holding_today_across_the_new_year() {
        // Wednesday 24.12.2025, in ISO week 52 of 2025.
        let today = date(2025, 12, 24);
        let dues = [
            date(2025, 12, 22), // earlier this week: overdue, not counted
            today,
            date(2025, 12, 28), // Sunday of the first week
            date(2025, 12, 29), // Monday of week 1 of 2026
            chart_last_day(today),
            add_days(chart_last_day(today), 1), // after the twelfth week
        ];
        let weeks = weeks_ahead(&dues, today);
        assert_eq!(weeks.len(), CHART_WEEKS);
        assert_eq!(
            (weeks[0].iso_year, weeks[0].week, weeks[0].monday),
            (2025, 52, date(2025, 12, 22))
        );
        assert_eq!(
            (weeks[1].iso_year, weeks[1].week, weeks[1].monday),
            (2026, 1, date(2025, 12, 29))
        );
        assert_eq!(chart_last_day(today), date(2026, 3, 15));
        let counts: Vec<u64> = weeks.iter().map(|w| w.count).collect();
        assert_eq!(counts, vec![2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn registration_debt_orders_participants_by_their_oldest_registration() {
        let today = date(2025, 9, 1);
        let row = |deadline_id, participant_id, due, archived| StoredRegistration {
            deadline_id,
            participant_id,
            name: format!("Deltaker {participant_id}"),
            case_reference: format!("DP-{participant_id}"),
            archived,
            event_id: Some(deadline_id),
            event_kind: Some(EventKind::Plan),
            occurred: None,
            due,
        };
        let rows = [
            row(1, 10, date(2025, 9, 5), false),
            row(2, 20, date(2025, 7, 1), false),
            row(3, 10, date(2025, 8, 1), false),
            row(4, 30, date(2025, 6, 1), true),
        ];
        let debt = registration_debt(&rows, today);
        let order: Vec<i64> = debt.participants.iter().map(|p| p.participant_id).collect();
        assert_eq!(order, vec![20, 10]);
        assert_eq!(debt.participants[1].open, 2);
        assert_eq!(debt.participants[1].overdue, 1);
        assert_eq!(debt.participants[1].most_days_overdue, Some(31));
        assert_eq!(debt.participants[1].registrations[1].days_overdue, None);
        assert_eq!((debt.open, debt.overdue, debt.archived_left_out), (3, 2, 1));
    }

    #[test]
    fn reports_serialise_choices_as_identifiers_and_names_in_camel_case() {
        let report = caseload(
            &[entry(Status::OnLeave)],
            date(2025, 3, 1),
            date(2025, 9, 1),
        );
        let json = serde_json::to_value(&report).expect("serialises");
        assert_eq!(json["on"], "2025-03-01");
        assert_eq!(json["byStatus"][0]["id"], "prospective");
        assert_eq!(json["participants"][0]["status"], "on_leave");
        assert_eq!(
            json["participants"][0]["finalGoal"],
            serde_json::Value::Null
        );
        let compliance =
            deadline_compliance(&[], date(2025, 1, 1), date(2025, 1, 31), date(2025, 9, 1));
        let json = serde_json::to_value(&compliance).expect("serialises");
        assert_eq!(json["kinds"][0]["kind"], "programme_start");
        assert_eq!(json["kinds"][0]["onTime"], 0);
        assert_eq!(json["onTimeRate"], serde_json::Value::Null);
    }
}
