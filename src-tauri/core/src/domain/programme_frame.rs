//! The programme's length against its statutory frame.
//!
//! The integration plan fixes the programme's length. The law sets a frame
//! around it that depends on the regime and, under integreringsloven, on
//! the participant's education background (and age, for the
//! upper-secondary frame): 6 months with upper-secondary education or
//! higher, otherwise 2 years, or 3 years on the upper-secondary track; the
//! old law has 2 years for everyone. Extension decisions add months, up to
//! the rule's maximum.
//!
//! The length applied is the plan's length plus the decided extensions,
//! but never more than the frame plus the decided extensions (at most the
//! maximum). The warning `plan_exceeds_statutory_frame` is raised when the
//! plan asks for more than the frame and the decided extensions allow, or
//! when more is decided than the maximum: then the cap is what shortens the
//! programme, and the caseworker must act.

use crate::domain::deadline::{DeadlineFacts, RuleSettings};
use crate::domain::law::Law;
use crate::domain::participant::{Education, FinalGoal};
use crate::domain::statute::{find_rule, RuleGroup, RuleKey, RuleValue, StatutoryRule};
use crate::language::Message;
use crate::reasons::{deadline as reasons, warning as warnings};
use chrono::{Datelike, NaiveDate};

/// A decision to extend a participant's programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionDecision {
    /// Database identifier (0 when not stored).
    pub id: i64,
    /// The day the decision was made.
    pub decided: NaiveDate,
    /// Months added.
    pub months: u32,
    /// Why, in the caseworker's words.
    pub reason: String,
}

choice! {
    /// What a warning about a participant's plan is about.
    WarningCode {
        /// The plan (or the decided extensions) goes beyond the statutory frame.
        PlanExceedsStatutoryFrame => "plan_exceeds_statutory_frame",
        /// The education background is unknown, so the frame is unknown.
        EducationUnknown => "education_unknown",
        /// No source gives the frame for the participant's regime.
        StatutoryFrameUnknown => "statutory_frame_unknown",
        /// Chapter 6A's temporary rules end soon, or have ended.
        CollectiveProtectionEnds => "collective_protection_ends",
        /// An extension was decided after the programme's ordinary end, so
        /// it cannot extend it.
        ExtensionDecidedLate => "extension_decided_late",
    }
}

/// A warning about a participant's plan, with the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantWarning {
    /// What the warning is about.
    pub code: WarningCode,
    /// One or two sentences, as a catalogue key with its arguments: what
    /// is wrong and what to do.
    pub message: Message,
    /// The legal reference.
    pub reference: String,
    /// Where the rule was checked.
    pub source_url: String,
}

/// Whether the participant has upper-secondary education or higher: the
/// education background when known, otherwise what the final goal implies
/// (higher education belongs to the educated group; primary school and
/// upper secondary to the other), otherwise unknown.
pub fn is_educated(facts: &DeadlineFacts) -> Option<bool> {
    match facts.education {
        Education::UpperSecondaryOrHigher => Some(true),
        Education::BelowUpperSecondary => Some(false),
        Education::Unknown => match facts.final_goal {
            Some(FinalGoal::HigherEducation) => Some(true),
            Some(FinalGoal::PrimarySchool | FinalGoal::UpperSecondary) => Some(false),
            _ => None,
        },
    }
}

/// Whole years from `birth` to `on`.
fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// The group whose frame applies, and, when unknown, why.
fn frame_group(facts: &DeadlineFacts, on: NaiveDate) -> Option<RuleGroup> {
    match facts.law {
        Law::Introduksjonsloven | Law::Integreringsloven6a => Some(RuleGroup::All),
        Law::Unknown => None,
        Law::Integreringsloven => match is_educated(facts)? {
            true => Some(RuleGroup::UpperSecondaryOrHigher),
            false => {
                let limit = find_rule(
                    RuleKey::UpperSecondaryAgeLimit,
                    Law::Integreringsloven,
                    RuleGroup::BelowUpperSecondary,
                    on,
                )
                .and_then(|rule| rule.months())
                .map(|months| (months / 12) as i32);
                let young = match (facts.birth_date, limit) {
                    (Some(birth), Some(limit)) => age_on(birth, on) < limit,
                    _ => false,
                };
                if young || facts.final_goal == Some(FinalGoal::UpperSecondary) {
                    Some(RuleGroup::UpperSecondaryTrack)
                } else {
                    Some(RuleGroup::BelowUpperSecondary)
                }
            }
        },
    }
}

/// The programme's length as the rules apply it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeLength {
    /// The plan's length in months (or the default for the final goal).
    pub planned: u32,
    /// Whether `planned` is the plan's own figure (not the default).
    pub planned_in_plan: bool,
    /// The final goal the default came from.
    pub goal: Option<FinalGoal>,
    /// Months of every decided extension together.
    pub extensions: u32,
    /// The group whose frame applies, when known.
    pub group: Option<RuleGroup>,
    /// The frame, when the rule table gives one in months.
    pub frame: Option<&'static StatutoryRule>,
    /// The frame rule when the table has no value for it.
    pub frame_not_found: Option<&'static StatutoryRule>,
    /// The maximum extension.
    pub max_extension: Option<&'static StatutoryRule>,
    /// The months applied: plan and extensions, capped by the frame.
    pub months: u32,
    /// Whether the cap shortened the programme.
    pub capped: bool,
    /// The last day of the ordinary frame, when the programme has started.
    pub ordinary_end: Option<NaiveDate>,
    /// Decisions made after the ordinary end, which do not count.
    pub late: Vec<(NaiveDate, u32)>,
    /// Extension decisions that count, by date: (decided, months).
    decisions: Vec<(NaiveDate, u32)>,
}

/// Works out the programme's length for `facts` under the rules valid on
/// `on`. `ordinary_end` gives the last day of a frame of so many months
/// (leave included), once the programme has started: an extension decided
/// after it comes too late to extend the programme and does not count.
pub fn programme_length(
    facts: &DeadlineFacts,
    settings: &RuleSettings,
    on: NaiveDate,
    ordinary_end: impl Fn(u32) -> Option<NaiveDate>,
) -> ProgrammeLength {
    let (planned, planned_in_plan) = match facts.planned_length_months {
        Some(months) => (months, true),
        None => (
            settings
                .programme_length_months
                .months_for(facts.final_goal),
            false,
        ),
    };
    let mut decisions: Vec<(NaiveDate, u32)> = facts
        .extensions
        .iter()
        .map(|e| (e.decided, e.months))
        .collect();
    decisions.sort();
    let group = frame_group(facts, on);
    let frame_rule = group.and_then(|g| find_rule(RuleKey::ProgrammeFrame, facts.law, g, on));
    let (frame, frame_not_found) = match frame_rule {
        Some(rule) if rule.months().is_some() => (Some(rule), None),
        Some(rule) if rule.value == RuleValue::NotFound => (None, Some(rule)),
        _ => (None, None),
    };
    let max_extension = group
        .filter(|_| frame.is_some())
        .and_then(|g| find_rule(RuleKey::ProgrammeExtensionMax, facts.law, g, on));
    let frame_months = frame.and_then(|rule| rule.months());
    let frame_end = frame_months.and_then(&ordinary_end);
    // A decision counts when it was made before the programme ended: the
    // ordinary end, or the end as the decisions already counted extended
    // it (a second extension decided during the first one counts).
    let max_months = max_extension.and_then(|rule| rule.months()).unwrap_or(0);
    let mut counted_months = 0;
    let (mut counted, mut late) = (Vec::new(), Vec::new());
    for (decided, months) in decisions {
        let end =
            frame_months.and_then(|frame| ordinary_end(frame + counted_months.min(max_months)));
        if end.is_none_or(|end| decided <= end) {
            counted_months += months;
            counted.push((decided, months));
        } else {
            late.push((decided, months));
        }
    }
    let decisions = counted;
    let extensions: u32 = counted_months;
    let uncapped = planned + extensions;
    let mut length = ProgrammeLength {
        planned,
        planned_in_plan,
        goal: facts.final_goal,
        extensions,
        group,
        frame,
        frame_not_found,
        max_extension,
        months: uncapped,
        capped: false,
        ordinary_end: frame_end,
        late,
        decisions,
    };
    if let Some(frame_months) = length.frame_months() {
        let cap = frame_months + length.allowed_extension();
        if uncapped > cap {
            length.months = cap;
            length.capped = true;
        }
    }
    length
}

impl ProgrammeLength {
    /// The frame in months, when known.
    pub fn frame_months(&self) -> Option<u32> {
        self.frame.and_then(|rule| rule.months())
    }

    /// The most months an extension may add (0 when the table has none).
    pub fn max_extension_months(&self) -> u32 {
        self.max_extension.and_then(|r| r.months()).unwrap_or(0)
    }

    /// The decided extension months that count: at most the maximum.
    pub fn allowed_extension(&self) -> u32 {
        self.extensions.min(self.max_extension_months())
    }

    /// Months beyond the frame that the plan itself asks for, when any.
    ///
    /// At most the maximum extension: what lies beyond it no decision can
    /// cover, and the warning about the plan says so.
    pub fn extension_needed(&self) -> Option<u32> {
        let frame = self.frame_months()?;
        (self.planned > frame).then(|| (self.planned - frame).min(self.max_extension_months()))
    }

    /// The day the decided extensions first added up to `needed` months.
    pub fn covering_decision(&self, needed: u32) -> Option<NaiveDate> {
        let mut sum = 0;
        for (decided, months) in &self.decisions {
            sum += months;
            if sum >= needed {
                return Some(*decided);
            }
        }
        None
    }

    /// Whether the plan and the decided extensions stay within the frame.
    fn within_frame(&self) -> bool {
        match self.frame_months() {
            Some(frame) => {
                self.planned <= frame + self.allowed_extension()
                    && self.extensions <= self.max_extension_months()
            }
            None => true,
        }
    }

    /// What the length is made of, for the programme end's reason: a
    /// phrase naming where the length comes from, extended by the phrases
    /// for the decided extensions and the cap when they apply.
    pub fn explanation(&self) -> Message {
        // The plan's own figure is named only when it is not the length
        // applied, so the sentence does not say the same number twice.
        let planned = (self.planned != self.months).then_some(self.planned);
        let mut length = if self.planned_in_plan {
            reasons::length_in_plan(planned)
        } else {
            reasons::length_default(self.goal, planned)
        };
        if self.extensions > 0 {
            length = reasons::length_extended(length, self.extensions);
        }
        if self.capped {
            if let (Some(frame), Some(months)) = (self.frame, self.frame_months()) {
                length = reasons::length_capped(
                    length,
                    months,
                    self.allowed_extension(),
                    &frame.cited(),
                );
            }
        }
        length
    }

    /// The warnings this length gives.
    pub fn warnings(&self, facts: &DeadlineFacts) -> Vec<ParticipantWarning> {
        let mut out = Vec::new();
        if facts.law == Law::Integreringsloven && self.group.is_none() {
            let source = find_rule(
                RuleKey::ProgrammeFrame,
                Law::Integreringsloven,
                RuleGroup::UpperSecondaryOrHigher,
                facts
                    .programme
                    .programme_start_date
                    .unwrap_or(NaiveDate::MAX),
            )
            .or_else(|| {
                crate::domain::statute::RULES
                    .iter()
                    .find(|r| r.key == RuleKey::ProgrammeFrame)
            });
            out.push(ParticipantWarning {
                code: WarningCode::EducationUnknown,
                message: warnings::EDUCATION_UNKNOWN,
                reference: "integreringsloven §§ 13–14".to_string(),
                source_url: source.map(|r| r.source_url.to_string()).unwrap_or_default(),
            });
        }
        if let Some(rule) = self.frame_not_found {
            out.push(ParticipantWarning {
                code: WarningCode::StatutoryFrameUnknown,
                message: warnings::frame_unknown(rule.reference),
                reference: rule.cited(),
                source_url: rule.source_url.to_string(),
            });
        }
        if let (Some(end), Some(frame)) = (self.ordinary_end, self.frame) {
            for (decided, months) in &self.late {
                out.push(ParticipantWarning {
                    code: WarningCode::ExtensionDecidedLate,
                    message: warnings::extension_decided_late(*months, *decided, end),
                    reference: self
                        .max_extension
                        .map(|rule| rule.cited())
                        .unwrap_or_else(|| frame.cited()),
                    source_url: self.max_extension.unwrap_or(frame).source_url.to_string(),
                });
            }
        }
        if !self.within_frame() {
            if let (Some(frame), Some(frame_months)) = (self.frame, self.frame_months()) {
                let asked = warnings::asked(
                    self.planned_in_plan,
                    self.goal,
                    self.planned,
                    self.extensions,
                );
                out.push(ParticipantWarning {
                    code: WarningCode::PlanExceedsStatutoryFrame,
                    message: warnings::plan_exceeds_frame(
                        asked,
                        self.group,
                        frame_months,
                        self.max_extension_months(),
                        &frame.cited(),
                        self.months,
                    ),
                    reference: frame.cited(),
                    source_url: frame.source_url.to_string(),
                });
            }
        }
        out
    }
}
