//! The deadline engine: the legal calendar computed from a participant's
//! facts, registrable events, leaves and the rule settings, as of `today`.
//!
//! Pure: the same input gives the same deadlines, and nothing is read from
//! the clock or the database. Every deadline carries its legal reference and
//! a message saying why it has that date ([`crate::reasons::deadline`]),
//! rendered in the reader's language where it is shown.

use crate::domain::calendar::{add_days, add_months, last_working_day};
use crate::domain::citation;
use crate::domain::law::Law;
use crate::domain::participant::{Education, FinalGoal, Status};
use crate::domain::programme_frame::{
    programme_length, ExtensionDecision, ParticipantWarning, ProgrammeLength, WarningCode,
};
use crate::domain::statute::{date_rule, find_rule, rule_date, RuleGroup, RuleKey};
use crate::language::Message;
use crate::reasons::{deadline as reasons, warning as warnings};
use chrono::NaiveDate;

choice! {
    /// The kinds of deadline the engine computes.
    DeadlineKind {
        /// Programme start and decision, 3 months after settlement or claim.
        ProgrammeStart => "programme_start",
        /// Competence mapping (integreringsloven).
        CompetenceMapping => "competence_mapping",
        /// Integration plan (integreringsloven).
        IntegrationPlan => "integration_plan",
        /// Individual plan (introduksjonsloven).
        IndividualPlan => "individual_plan",
        /// Regular review of the plan.
        PlanReview => "plan_review",
        /// The last day of the programme.
        ProgrammeEnd => "programme_end",
        /// Hand-over dialogue with NAV before the programme ends.
        NavHandover => "nav_handover",
        /// Follow-up offered from the 4th month of care leave.
        CareLeaveFollowup => "care_leave_followup",
        /// Registration of an event with IMDi.
        ImdiRegistration => "imdi_registration",
        /// Certificate of participation when the programme ends.
        ParticipationCertificate => "participation_certificate",
        /// Mandatory parental guidance.
        ParentalGuidance => "parental_guidance",
        /// Career guidance before the programme starts (integreringsloven).
        CareerGuidance => "career_guidance",
        /// Livsmestring i et nytt land, by the programme's end (integreringsloven).
        Livsmestring => "livsmestring",
        /// Norwegian training completed within its statutory time.
        NorwegianTraining => "norwegian_training",
        /// A decision on extending the programme, before its ordinary end.
        ExtensionDecision => "extension_decision",
    }
}

choice! {
    /// Where a deadline stands.
    DeadlineStatus {
        /// Not done, due today or later.
        Open => "open",
        /// Done.
        Done => "done",
        /// Not done, and the due date has passed.
        Overdue => "overdue",
        /// Does not apply (for instance, mapping done before settlement).
        NotApplicable => "not_applicable",
    }
}

choice! {
    /// Facts that must be registered with IMDi.
    EventKind {
        /// Vedtak om deltakelse.
        ParticipationDecision => "participation_decision",
        /// Programstart.
        ProgrammeStart => "programme_start",
        /// Integreringsplan / individuell plan.
        Plan => "plan",
        /// Sluttmål.
        FinalGoal => "final_goal",
        /// Permisjon.
        Leave => "leave",
        /// Fravær.
        Absence => "absence",
        /// Stans eller avbrudd.
        Stop => "stop",
        /// Kompetansekartlegging gjennomført.
        CompetenceMapping => "competence_mapping",
        /// Karriereveiledning gjennomført.
        CareerGuidance => "career_guidance",
        /// Livsmestring gjennomført.
        LifeSkills => "life_skills",
        /// Foreldreveiledning gjennomført.
        ParentalGuidance => "parental_guidance",
        /// Klage.
        Complaint => "complaint",
        /// Annet.
        Other => "other",
    }
}

choice! {
    /// Kinds of leave from the programme.
    LeaveKind {
        /// Care leave (omsorgspermisjon).
        Care => "care",
        /// Illness.
        Illness => "illness",
        /// Other leave.
        Other => "other",
    }
}

/// A fact to register with IMDi, and when it was registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrableEvent {
    /// Database identifier (0 when not stored).
    pub id: i64,
    /// What happened.
    pub kind: EventKind,
    /// When it happened (the information "foreligger").
    pub occurred: NaiveDate,
    /// When it was registered with IMDi.
    pub registered: Option<NaiveDate>,
}

/// A leave from the programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leave {
    /// Database identifier (0 when not stored).
    pub id: i64,
    /// Kind of leave.
    pub kind: LeaveKind,
    /// First day.
    pub start: NaiveDate,
    /// Last day; `None` while the leave goes on.
    pub end: Option<NaiveDate>,
    /// Whether the leave is approved (only approved leave extends the programme).
    pub approved: bool,
    /// When follow-up was offered during care leave.
    pub followup_date: Option<NaiveDate>,
}

/// The default planned programme length in months per final goal: policy,
/// used only while the plan has fixed no length. The statutory frame
/// around it is in the rule table ([`crate::domain::statute`]). The
/// defaults lie within the frame of the group each goal belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeLengths {
    /// Sluttmål arbeid.
    pub work: u32,
    /// Sluttmål videregående opplæring.
    pub upper_secondary: u32,
    /// Sluttmål grunnskole.
    pub primary_school: u32,
    /// Sluttmål høyere utdanning.
    pub higher_education: u32,
    /// Annet sluttmål.
    pub other: u32,
    /// No final goal decided yet.
    pub undecided: u32,
}

impl ProgrammeLengths {
    /// The planned length for a final goal.
    pub fn months_for(&self, goal: Option<FinalGoal>) -> u32 {
        match goal {
            Some(FinalGoal::Work) => self.work,
            Some(FinalGoal::UpperSecondary) => self.upper_secondary,
            Some(FinalGoal::PrimarySchool) => self.primary_school,
            Some(FinalGoal::HigherEducation) => self.higher_education,
            Some(FinalGoal::Other) => self.other,
            None => self.undecided,
        }
    }
}

/// The durations and intervals the rules use. The statutory limits (start,
/// mapping, registration, care-leave follow-up) come from the rule table
/// ([`crate::domain::statute`]) and are not the caseworker's to change; the
/// policy intervals (reviews, hand-over, default lengths) are the
/// caseworker's settings. Every deadline is recomputed from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSettings {
    /// Months from settlement (or claim) to programme start (rule table: 3).
    pub programme_start_months: u32,
    /// Months from settlement (or claim) to competence mapping (rule table: 3).
    pub competence_mapping_months: u32,
    /// Months between plan reviews. Policy, default 6.
    pub plan_review_months: u32,
    /// Months before programme end for the NAV hand-over. Policy, default 3.
    pub nav_handover_months: u32,
    /// Months from an event to its IMDi registration (rule table: 2).
    pub imdi_registration_months: u32,
    /// Months into care leave when follow-up is due (rule table: 3).
    pub care_leave_followup_months: u32,
    /// Default planned programme length per final goal. Policy.
    pub programme_length_months: ProgrammeLengths,
}

/// A statutory limit in months from the rule table, as integreringsloven
/// (or every regime) has it; the figures are the same under the old law.
fn statutory_months(key: RuleKey) -> u32 {
    crate::domain::statute::RULES
        .iter()
        .filter(|rule| rule.key == key)
        .find(|rule| matches!(rule.law, None | Some(Law::Integreringsloven)))
        .and_then(|rule| rule.months())
        .unwrap_or_else(|| panic!("the rule table has {} in months", key.as_str()))
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self {
            programme_start_months: statutory_months(RuleKey::ProgrammeStartLimit),
            competence_mapping_months: statutory_months(RuleKey::CompetenceMappingLimit),
            plan_review_months: 6,
            nav_handover_months: 3,
            imdi_registration_months: statutory_months(RuleKey::ImdiRegistrationLimit),
            care_leave_followup_months: statutory_months(RuleKey::CareLeaveFollowup),
            programme_length_months: ProgrammeLengths {
                work: 12,
                upper_secondary: 36,
                primary_school: 24,
                higher_education: 6,
                other: 24,
                undecided: 24,
            },
        }
    }
}

/// Dates of what has been done in the programme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgrammeFacts {
    /// The programme started.
    pub programme_start_date: Option<NaiveDate>,
    /// Competence mapping done.
    pub competence_mapping_date: Option<NaiveDate>,
    /// Integration plan or individual plan made.
    pub plan_date: Option<NaiveDate>,
    /// The plan was last reviewed.
    pub last_plan_review_date: Option<NaiveDate>,
    /// The programme was completed or broken off.
    pub ended_date: Option<NaiveDate>,
    /// Certificate of participation issued.
    pub certificate_issued_date: Option<NaiveDate>,
    /// Hand-over meeting with NAV held.
    pub nav_handover_date: Option<NaiveDate>,
    /// Parental guidance course completed.
    pub parental_guidance_date: Option<NaiveDate>,
    /// Norwegian training started (the first training decision's start).
    pub norwegian_training_start: Option<NaiveDate>,
    /// Norwegian training completed.
    pub norwegian_training_completed_date: Option<NaiveDate>,
    /// Career guidance done.
    pub career_guidance_date: Option<NaiveDate>,
    /// Livsmestring i et nytt land done.
    pub livsmestring_date: Option<NaiveDate>,
}

/// Everything about one participant the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineFacts {
    /// The law in force (override included).
    pub law: Law,
    /// Settlement date.
    pub settlement_date: Option<NaiveDate>,
    /// Date of a later claim to the programme.
    pub claim_date: Option<NaiveDate>,
    /// Programme status.
    pub status: Status,
    /// Final goal.
    pub final_goal: Option<FinalGoal>,
    /// Education background.
    pub education: Education,
    /// Birth date (the upper-secondary frame depends on age).
    pub birth_date: Option<NaiveDate>,
    /// The programme's length in months as fixed in the plan.
    pub planned_length_months: Option<u32>,
    /// Decisions to extend the programme.
    pub extensions: Vec<ExtensionDecision>,
    /// Competence mapped before settlement.
    pub mapped_before_settlement: bool,
    /// Has or expects children.
    pub has_or_expects_children: bool,
    /// What has been done.
    pub programme: ProgrammeFacts,
}

/// One computed deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// What the deadline is for.
    pub kind: DeadlineKind,
    /// The legal due date.
    pub due: NaiveDate,
    /// `due`, or the nearest earlier working day.
    pub last_working_day: NaiveDate,
    /// Where it stands as of `today`.
    pub status: DeadlineStatus,
    /// The legal source, e.g. "integreringsloven § 12".
    pub reference: String,
    /// Why it has this date: one sentence, as a catalogue key with its
    /// arguments, so it can be shown in any language.
    pub reason: Message,
    /// When it was done, if done.
    pub done_on: Option<NaiveDate>,
    /// The event or leave it comes from, if any.
    pub source_id: Option<i64>,
}

/// What the rules say about one participant: the deadlines, sorted by due
/// date, and the warnings about their plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Every computed deadline.
    pub deadlines: Vec<Deadline>,
    /// Every warning, in the order the rules found them.
    pub warnings: Vec<ParticipantWarning>,
}

/// Computes every deadline and warning for one participant.
pub fn assess(
    facts: &DeadlineFacts,
    events: &[RegistrableEvent],
    leaves: &[Leave],
    settings: &RuleSettings,
    today: NaiveDate,
) -> Assessment {
    let mut engine = Engine {
        facts,
        settings,
        today,
        out: Vec::new(),
        warnings: Vec::new(),
    };
    let start_due = engine.programme_phase();
    engine.programme_run(leaves, start_due);
    engine.norwegian_training(leaves);
    engine.care_leaves(leaves);
    engine.registrations(events);
    engine.certificate();
    engine
        .out
        .sort_by(|a, b| a.due.cmp(&b.due).then(a.kind.as_str().cmp(b.kind.as_str())));
    Assessment {
        deadlines: engine.out,
        warnings: engine.warnings,
    }
}

/// Computes every deadline for one participant, sorted by due date.
pub fn compute_deadlines(
    facts: &DeadlineFacts,
    events: &[RegistrableEvent],
    leaves: &[Leave],
    settings: &RuleSettings,
    today: NaiveDate,
) -> Vec<Deadline> {
    assess(facts, events, leaves, settings, today).deadlines
}

struct Engine<'a> {
    facts: &'a DeadlineFacts,
    settings: &'a RuleSettings,
    today: NaiveDate,
    out: Vec<Deadline>,
    warnings: Vec<ParticipantWarning>,
}

/// Whether the participant has left the programme (deadlines that belong to
/// the programme itself no longer apply unless already done).
fn has_left(status: Status) -> bool {
    matches!(
        status,
        Status::Completed | Status::Terminated | Status::MovedAway
    )
}

impl Engine<'_> {
    /// Adds a deadline; `programme_bound` deadlines stop applying when the
    /// participant has left the programme without them being done.
    fn push(
        &mut self,
        kind: DeadlineKind,
        due: NaiveDate,
        done_on: Option<NaiveDate>,
        reference: &str,
        reason: Message,
        programme_bound: bool,
    ) -> &mut Deadline {
        let status = if done_on.is_some() {
            DeadlineStatus::Done
        } else if programme_bound && has_left(self.facts.status) {
            DeadlineStatus::NotApplicable
        } else if self.today > due {
            DeadlineStatus::Overdue
        } else {
            DeadlineStatus::Open
        };
        self.out.push(Deadline {
            kind,
            due,
            last_working_day: last_working_day(due),
            status,
            reference: reference.to_string(),
            reason,
            done_on,
            source_id: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    fn not_applicable(
        &mut self,
        kind: DeadlineKind,
        due: NaiveDate,
        reference: &str,
        reason: Message,
    ) {
        self.out.push(Deadline {
            kind,
            due,
            last_working_day: last_working_day(due),
            status: DeadlineStatus::NotApplicable,
            reference: reference.to_string(),
            reason,
            done_on: None,
            source_id: None,
        });
    }

    /// Start, competence mapping, career guidance, plan and plan review.
    /// Returns the programme start's due date, when there is one.
    fn programme_phase(&mut self) -> Option<NaiveDate> {
        let f = self.facts;
        let p = &f.programme;
        let settlement = f.settlement_date?;
        let months = self.settings.programme_start_months;
        // What the start-phase deadlines count from, as a phrase each
        // sentence embeds: settlement, or a later claim to the programme.
        let claim = f.claim_date.filter(|claim| *claim > settlement);
        let base = claim.unwrap_or(settlement);
        let after = |months: u32| match claim {
            Some(claim) => reasons::after_claim(months, claim, settlement),
            None => reasons::after_settlement(months, settlement),
        };
        let start_due = add_months(base, months as i32);
        let on = p.programme_start_date.unwrap_or(self.today);
        let start_reference = match f.law {
            Law::Unknown => citation::PROGRAMME_START_EITHER_LAW.to_string(),
            law => find_rule(RuleKey::ProgrammeStartLimit, law, RuleGroup::All, on)
                .map(|rule| rule.cited())
                .unwrap_or_default(),
        };
        self.push(
            DeadlineKind::ProgrammeStart,
            start_due,
            p.programme_start_date,
            &start_reference,
            reasons::programme_start(after(months)),
            true,
        );

        // Competence mapping is owed under the ordinary rules, and under
        // chapter 6A by those settled who take part in the programme (IMDi:
        // «rett og plikt til kompetansekartlegging»). Career guidance is a
        // duty under the ordinary rules only; under chapter 6A it is a right
        // whose timing the county decides.
        if f.law.is_integreringsloven() {
            let mapping_months = self.settings.competence_mapping_months;
            let mapping_due = add_months(base, mapping_months as i32);
            let reference = if f.law == Law::Integreringsloven6a {
                citation::COMPETENCE_MAPPING_6A
            } else {
                citation::COMPETENCE_MAPPING
            };
            if f.mapped_before_settlement && p.competence_mapping_date.is_none() {
                self.not_applicable(
                    DeadlineKind::CompetenceMapping,
                    mapping_due,
                    reference,
                    reasons::MAPPED_BEFORE_SETTLEMENT,
                );
            } else {
                self.push(
                    DeadlineKind::CompetenceMapping,
                    mapping_due,
                    p.competence_mapping_date,
                    reference,
                    reasons::competence_mapping(after(mapping_months)),
                    true,
                );
            }
        }

        if f.law == Law::Integreringsloven {
            let (guidance_due, guidance_reason) = match p.programme_start_date {
                Some(start) => (start, reasons::career_guidance_started(start)),
                None => (
                    start_due,
                    reasons::career_guidance_latest_start(start_due, after(months)),
                ),
            };
            self.push(
                DeadlineKind::CareerGuidance,
                guidance_due,
                p.career_guidance_date,
                citation::CAREER_GUIDANCE,
                guidance_reason,
                true,
            );
        }

        let plan = match f.law {
            Law::Integreringsloven => {
                Some((DeadlineKind::IntegrationPlan, citation::INTEGRATION_PLAN))
            }
            Law::Integreringsloven6a => {
                Some((DeadlineKind::IntegrationPlan, citation::INTEGRATION_PLAN_6A))
            }
            Law::Introduksjonsloven => {
                Some((DeadlineKind::IndividualPlan, citation::INDIVIDUAL_PLAN))
            }
            Law::Unknown => None,
        };
        if let Some((kind, reference)) = plan {
            self.push(
                kind,
                start_due,
                p.plan_date,
                reference,
                reasons::plan(after(months)),
                true,
            );
        }

        if let Some(plan_date) = p.plan_date {
            let review_months = self.settings.plan_review_months;
            let (from, reason) = match p.last_plan_review_date {
                Some(review) if review >= plan_date => (
                    review,
                    reasons::plan_review_after_review(review_months, review),
                ),
                _ => (
                    plan_date,
                    reasons::plan_review_after_plan(review_months, plan_date),
                ),
            };
            let reference = match f.law {
                Law::Introduksjonsloven => citation::INDIVIDUAL_PLAN,
                _ => citation::PLAN_REVIEW,
            };
            self.push(
                DeadlineKind::PlanReview,
                add_months(from, review_months as i32),
                None,
                reference,
                reason,
                true,
            );
        }
        Some(start_due)
    }

    /// The programme's length against its statutory frame (warnings even
    /// before it starts), then its end, the extension decision, the NAV
    /// hand-over, livsmestring and parental guidance.
    fn programme_run(&mut self, leaves: &[Leave], _start_due: Option<NaiveDate>) {
        let f = self.facts;
        let p = &f.programme;
        let on = p.programme_start_date.unwrap_or(self.today);
        let leave_days = p
            .programme_start_date
            .map(|start| approved_leave_days(leaves, start, self.today))
            .unwrap_or(0);
        let length = programme_length(f, self.settings, on, |frame_months| {
            p.programme_start_date.map(|start| {
                add_days(
                    add_days(add_months(start, frame_months as i32), -1),
                    leave_days,
                )
            })
        });
        self.warnings.extend(length.warnings(f));
        self.collective_protection_warning();
        let Some(start) = p.programme_start_date else {
            return;
        };
        let end = add_days(
            add_days(add_months(start, length.months as i32), -1),
            leave_days,
        );
        let reason = end_reason(&length, start, leave_days, end);
        let end_reference = match (&length.frame, f.law) {
            (Some(frame), _) => frame.cited(),
            (None, Law::Integreringsloven) => citation::PROGRAMME_LENGTH.to_string(),
            (None, Law::Integreringsloven6a) => citation::PROGRAMME_LENGTH_6A.to_string(),
            (None, Law::Introduksjonsloven) => {
                citation::PROGRAMME_LENGTH_INTRODUKSJONSLOVEN.to_string()
            }
            (None, Law::Unknown) => citation::PROGRAMME_LENGTH_EITHER_LAW.to_string(),
        };
        let ended = matches!(f.status, Status::Completed | Status::Terminated);
        let end_done = ended.then(|| p.ended_date.unwrap_or(end));
        self.push(
            DeadlineKind::ProgrammeEnd,
            end,
            end_done,
            &end_reference,
            reason,
            true,
        );

        if let (Some(frame_months), Some(needed)) =
            (length.frame_months(), length.extension_needed())
        {
            let ordinary_end = add_days(
                add_days(add_months(start, frame_months as i32), -1),
                leave_days,
            );
            let reference = length
                .max_extension
                .map(|rule| rule.cited())
                .unwrap_or_else(|| end_reference.clone());
            self.push(
                DeadlineKind::ExtensionDecision,
                ordinary_end,
                length.covering_decision(needed),
                &reference,
                reasons::extension_decision(length.planned, frame_months, needed, ordinary_end),
                true,
            );
        }

        let handover_months = self.settings.nav_handover_months;
        self.push(
            DeadlineKind::NavHandover,
            add_months(end, -(handover_months as i32)),
            p.nav_handover_date,
            citation::NAV_HANDOVER,
            reasons::nav_handover(handover_months, end),
            true,
        );

        // Livsmestring came with integreringsloven, and chapter 6A leaves it out.
        if f.law == Law::Integreringsloven {
            self.push(
                DeadlineKind::Livsmestring,
                end,
                p.livsmestring_date,
                citation::LIVSMESTRING,
                reasons::livsmestring(end),
                true,
            );
        }

        if f.law.is_integreringsloven() && f.has_or_expects_children {
            self.push(
                DeadlineKind::ParentalGuidance,
                end,
                p.parental_guidance_date,
                citation::PARENTAL_GUIDANCE,
                reasons::parental_guidance(end),
                true,
            );
        }
    }

    /// Chapter 6A's temporary rules have a known last day; a participant
    /// under them is flagged from half a year before it.
    fn collective_protection_warning(&mut self) {
        let f = self.facts;
        if f.law != Law::Integreringsloven6a || has_left(f.status) {
            return;
        }
        let rule = date_rule(RuleKey::CollectiveProtectionUntil);
        let until = rule_date(RuleKey::CollectiveProtectionUntil);
        if self.today < add_months(until, -6) {
            return;
        }
        let message = if self.today > until {
            warnings::collective_protection_ended(until)
        } else {
            warnings::collective_protection_ends(until)
        };
        self.warnings.push(ParticipantWarning {
            code: WarningCode::CollectiveProtectionEnds,
            message,
            reference: rule.cited(),
            source_url: rule.source_url.to_string(),
        });
    }

    /// Norwegian training completed within its time: 12 months under
    /// chapter 6A, 18 months or 3 years by education background under the
    /// ordinary rules, from the training's start, with approved leave added.
    fn norwegian_training(&mut self, leaves: &[Leave]) {
        let f = self.facts;
        let p = &f.programme;
        let Some(start) = p.norwegian_training_start else {
            return;
        };
        let group = match f.law {
            Law::Integreringsloven6a => RuleGroup::All,
            Law::Integreringsloven => match crate::domain::programme_frame::is_educated(f) {
                Some(true) => RuleGroup::UpperSecondaryOrHigher,
                Some(false) => RuleGroup::BelowUpperSecondary,
                None => return,
            },
            _ => return,
        };
        let Some(rule) = find_rule(RuleKey::NorwegianTrainingLimit, f.law, group, start) else {
            return;
        };
        let Some(months) = rule.months() else {
            return;
        };
        let leave_days = approved_leave_days(leaves, start, self.today);
        let due = add_days(add_days(add_months(start, months as i32), -1), leave_days);
        let reason = reasons::norwegian_training(start, months, leave_days);
        self.push(
            DeadlineKind::NorwegianTraining,
            due,
            p.norwegian_training_completed_date,
            &rule.cited(),
            reason,
            true,
        );
    }

    /// Follow-up from the 4th month of care leave. A leave that lasts into
    /// the due day is in its fourth month and owes it.
    fn care_leaves(&mut self, leaves: &[Leave]) {
        let months = self.settings.care_leave_followup_months;
        let reference = citation::CARE_LEAVE_FOLLOWUP;
        for leave in leaves.iter().filter(|l| l.kind == LeaveKind::Care) {
            let due = add_months(leave.start, months as i32);
            match leave.end {
                Some(end) if end < due && leave.followup_date.is_none() => {
                    let na = reasons::care_leave(months, leave.start, Some(end));
                    self.not_applicable(DeadlineKind::CareLeaveFollowup, due, reference, na);
                    if let Some(last) = self.out.last_mut() {
                        last.source_id = Some(leave.id);
                    }
                }
                _ => {
                    self.push(
                        DeadlineKind::CareLeaveFollowup,
                        due,
                        leave.followup_date,
                        reference,
                        reasons::care_leave(months, leave.start, None),
                        true,
                    )
                    .source_id = Some(leave.id);
                }
            }
        }
    }

    /// One IMDi registration per registrable event. These are owed whatever
    /// the participant's status: the data must reach the register. Under
    /// introduksjonsloven the final goal is not registered.
    fn registrations(&mut self, events: &[RegistrableEvent]) {
        let f = self.facts;
        let months = self.settings.imdi_registration_months;
        let reference = match f.law {
            Law::Introduksjonsloven => find_rule(
                RuleKey::ImdiRegistrationLimit,
                Law::Introduksjonsloven,
                RuleGroup::All,
                self.today,
            )
            .map(|rule| rule.cited())
            .unwrap_or_default(),
            _ => citation::IMDI_REGISTRATION.to_string(),
        };
        for event in events {
            if f.law == Law::Introduksjonsloven && event.kind == EventKind::FinalGoal {
                continue;
            }
            self.push(
                DeadlineKind::ImdiRegistration,
                add_months(event.occurred, months as i32),
                event.registered,
                &reference,
                reasons::imdi_registration(months, event.kind, event.occurred),
                false,
            )
            .source_id = Some(event.id);
        }
    }

    /// The certificate when the programme is completed or broken off.
    fn certificate(&mut self) {
        let f = self.facts;
        if !matches!(f.status, Status::Completed | Status::Terminated) {
            return;
        }
        let Some(ended) = f.programme.ended_date else {
            return;
        };
        let reference = match f.law {
            Law::Introduksjonsloven => citation::CERTIFICATE_INTRODUKSJONSLOVEN,
            _ => citation::CERTIFICATE,
        };
        self.push(
            DeadlineKind::ParticipationCertificate,
            ended,
            f.programme.certificate_issued_date,
            reference,
            reasons::certificate(f.status == Status::Completed, ended),
            false,
        );
    }
}

/// The sentence that explains the programme's end.
fn end_reason(
    length: &ProgrammeLength,
    start: NaiveDate,
    leave_days: i64,
    end: NaiveDate,
) -> Message {
    reasons::programme_end(start, length.months, length.explanation(), leave_days, end)
}

/// Calendar days of approved leave from the programme start, first and last
/// day counted. An open-ended leave counts through today (nothing if it has
/// not begun), and overlapping leaves count each day once.
fn approved_leave_days(leaves: &[Leave], programme_start: NaiveDate, today: NaiveDate) -> i64 {
    let mut ranges: Vec<(NaiveDate, NaiveDate)> = leaves
        .iter()
        .filter(|leave| leave.approved)
        .map(|leave| (leave.start.max(programme_start), leave.end.unwrap_or(today)))
        .filter(|(first, last)| first <= last)
        .collect();
    ranges.sort();
    let mut days = 0;
    let mut counted_until: Option<NaiveDate> = None;
    for (first, last) in ranges {
        // Skip the part already counted by an earlier, overlapping leave.
        let first = match counted_until {
            Some(until) if until >= first => add_days(until, 1),
            _ => first,
        };
        if first <= last {
            days += (last - first).num_days() + 1;
            counted_until = Some(last);
        }
    }
    days
}

/// The stable keys of the caseworker's settings (in the database and over
/// IPC), with accessors into [`RuleSettings`], so that loading, saving and
/// validating share one list. The statutory limits are not among them:
/// they are law, kept with their sources in the rule table. A stored value
/// for one of their old keys (`programme_start_months` and the like) is
/// ignored on loading, as any key this version does not know.
type SettingAccess = (&'static str, fn(&mut RuleSettings) -> &mut u32);

const SETTING_KEYS: [SettingAccess; 8] = [
    ("plan_review_months", |s| &mut s.plan_review_months),
    ("nav_handover_months", |s| &mut s.nav_handover_months),
    ("programme_length_work", |s| {
        &mut s.programme_length_months.work
    }),
    ("programme_length_upper_secondary", |s| {
        &mut s.programme_length_months.upper_secondary
    }),
    ("programme_length_primary_school", |s| {
        &mut s.programme_length_months.primary_school
    }),
    ("programme_length_higher_education", |s| {
        &mut s.programme_length_months.higher_education
    }),
    ("programme_length_other", |s| {
        &mut s.programme_length_months.other
    }),
    ("programme_length_undecided", |s| {
        &mut s.programme_length_months.undecided
    }),
];

/// Every setting's stable key, in the order the settings screen shows them.
pub fn setting_keys() -> impl Iterator<Item = &'static str> {
    SETTING_KEYS.iter().map(|(key, _)| *key)
}

/// Reads a setting by key from a [`RuleSettings`].
pub fn setting_value(settings: &RuleSettings, key: &str) -> Option<u32> {
    let mut copy = settings.clone();
    SETTING_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, access)| *access(&mut copy))
}

/// Sets a setting by key; `false` if the key is unknown.
pub fn set_setting_value(settings: &mut RuleSettings, key: &str, value: u32) -> bool {
    match SETTING_KEYS.iter().find(|(k, _)| *k == key) {
        Some((_, access)) => {
            *access(settings) = value;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn facts(law: Law) -> DeadlineFacts {
        DeadlineFacts {
            law,
            settlement_date: Some(d("2025-03-10")),
            claim_date: None,
            status: Status::Active,
            final_goal: Some(FinalGoal::Work),
            education: Education::BelowUpperSecondary,
            birth_date: None,
            planned_length_months: None,
            extensions: Vec::new(),
            mapped_before_settlement: false,
            has_or_expects_children: false,
            programme: ProgrammeFacts::default(),
        }
    }

    fn find(deadlines: &[Deadline], kind: DeadlineKind) -> &Deadline {
        deadlines
            .iter()
            .find(|d| d.kind == kind)
            .unwrap_or_else(|| panic!("expected a {kind:?} deadline in {deadlines:#?}"))
    }

    #[test]
    fn programme_start_is_three_months_after_settlement_with_reason() {
        let out = compute_deadlines(
            &facts(Law::Integreringsloven),
            &[],
            &[],
            &RuleSettings::default(),
            d("2025-04-01"),
        );
        let start = find(&out, DeadlineKind::ProgrammeStart);
        assert_eq!(start.due, d("2025-06-10"));
        assert_eq!(start.status, DeadlineStatus::Open);
        assert_eq!(
            start.reason.render(Language::Bokmal),
            "3 måneder etter bosetting 10.03.2025."
        );
        assert_eq!(start.reference, "integreringsloven § 12");
    }

    /// The start-phase reasons embed what they count from: here a claim
    /// later than settlement, named inside each sentence.
    #[test]
    fn start_phase_reasons_name_a_later_claim() {
        let mut f = facts(Law::Integreringsloven);
        f.settlement_date = Some(d("2025-01-15"));
        f.claim_date = Some(d("2025-03-20"));
        let out = compute_deadlines(&f, &[], &[], &RuleSettings::default(), d("2025-04-01"));
        let after = "3 måneder etter krav om program 20.03.2025 (senere enn bosetting 15.01.2025)";
        for (kind, expected) in [
            (DeadlineKind::ProgrammeStart, format!("{after}.")),
            (
                DeadlineKind::CompetenceMapping,
                format!("{after}, før vedtak om deltakelse."),
            ),
            (
                DeadlineKind::CareerGuidance,
                format!("Karriereveiledning skal gis før programmet starter; seneste lovlige start er 20.06.2025 ({after})."),
            ),
            (
                DeadlineKind::IntegrationPlan,
                format!("Samme frist som programstart: {after}."),
            ),
        ] {
            assert_eq!(find(&out, kind).reason.render(Language::Bokmal), expected);
        }
        assert_eq!(
            find(&out, DeadlineKind::ProgrammeStart)
                .reason
                .render(Language::English),
            "3 months after the claim to the programme on 20.03.2025 (later than settlement on 15.01.2025)."
        );
    }

    #[test]
    fn programme_end_adds_length_and_leave_days() {
        let mut f = facts(Law::Integreringsloven);
        f.programme.programme_start_date = Some(d("2025-02-01"));
        let leave = Leave {
            id: 1,
            kind: LeaveKind::Care,
            start: d("2025-05-01"),
            end: Some(d("2025-07-31")),
            approved: true,
            followup_date: None,
        };
        let out = compute_deadlines(&f, &[], &[leave], &RuleSettings::default(), d("2025-04-01"));
        let end = find(&out, DeadlineKind::ProgrammeEnd);
        assert_eq!(end.due, d("2026-05-03"), "31.01.2026 + 92 days of leave");
        let handover = find(&out, DeadlineKind::NavHandover);
        assert_eq!(handover.due, d("2026-02-03"));
        let followup = find(&out, DeadlineKind::CareLeaveFollowup);
        assert_eq!(
            followup.status,
            DeadlineStatus::NotApplicable,
            "the leave ended before month 4"
        );
    }

    #[test]
    fn deadlines_of_someone_who_moved_away_no_longer_apply_except_registrations() {
        let mut f = facts(Law::Integreringsloven);
        f.status = Status::MovedAway;
        let event = RegistrableEvent {
            id: 7,
            kind: EventKind::Stop,
            occurred: d("2025-04-01"),
            registered: None,
        };
        let out = compute_deadlines(&f, &[event], &[], &RuleSettings::default(), d("2025-12-01"));
        assert_eq!(
            find(&out, DeadlineKind::ProgrammeStart).status,
            DeadlineStatus::NotApplicable
        );
        let registration = find(&out, DeadlineKind::ImdiRegistration);
        assert_eq!(
            registration.status,
            DeadlineStatus::Overdue,
            "IMDi is owed the data regardless"
        );
        assert_eq!(registration.source_id, Some(7));
    }
}
