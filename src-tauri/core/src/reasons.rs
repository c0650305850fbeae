//! Why a deadline has its date, why a law applies, and what the rules warn
//! about a participant's plan: each sentence as a catalogue key with typed
//! arguments (the texts are in `i18n/<language>/reasons.toml`).
//!
//! One function per sentence shape, as in [`crate::messages`]. Where a
//! sentence embeds a phrase that depends on the case (what a deadline
//! counts from, what a programme's length is made of, a final goal), the
//! phrase is a message of its own, passed as [`Arg::Message`], so every
//! language words both itself and no rendered text is ever cut or
//! re-cased. Legal citations («integreringsloven § 12») are passed as text:
//! they are quoted as the statute names them, in every language.
//!
//! The engine stores these messages ([`crate::store`] keeps them as their
//! [`Message::to_stored`] form), so a key, once shipped, keeps its
//! placeholders; a new wording of the same shape changes only the text.

use crate::language::{Arg, Message};
use chrono::NaiveDate;

fn date(day: NaiveDate) -> Arg {
    Arg::Date(day)
}

fn months(n: u32) -> Arg {
    Arg::Months(n)
}

fn phrase(message: Message) -> Arg {
    Arg::Message(Box::new(message))
}

/// The reasons of computed deadlines (`reason.*`).
pub mod deadline {
    use super::{date, months, phrase};
    use crate::domain::deadline::EventKind;
    use crate::domain::participant::FinalGoal;
    use crate::language::{Arg, Message};
    use chrono::NaiveDate;

    /// Stands in for a reason stored by a version that wrote sentences,
    /// until the deadlines are next computed (see migration 0011).
    pub const PENDING: Message = Message::new("reason.pending");

    /// The competence was mapped before settlement, so the mapping
    /// deadline does not apply.
    pub const MAPPED_BEFORE_SETTLEMENT: Message =
        Message::new("reason.competenceMapping.beforeSettlement");

    /// What the start-phase deadlines count from: `months` after
    /// settlement on `settlement`. A phrase, embedded in the sentences
    /// below.
    pub fn after_settlement(count: u32, settlement: NaiveDate) -> Message {
        Message::new("reason.after.settlement")
            .with("months", months(count))
            .with("settlement", date(settlement))
    }

    /// What the start-phase deadlines count from: `months` after a claim
    /// to the programme on `claim`, later than settlement on `settlement`.
    /// A phrase, embedded in the sentences below.
    pub fn after_claim(count: u32, claim: NaiveDate, settlement: NaiveDate) -> Message {
        Message::new("reason.after.claim")
            .with("months", months(count))
            .with("claim", date(claim))
            .with("settlement", date(settlement))
    }

    /// Programme start and decision: `after` ([`after_settlement`] or
    /// [`after_claim`]) as a sentence.
    pub fn programme_start(after: Message) -> Message {
        Message::new("reason.programmeStart").with("after", phrase(after))
    }

    /// Competence mapping: `after`, before the decision on participation.
    pub fn competence_mapping(after: Message) -> Message {
        Message::new("reason.competenceMapping").with("after", phrase(after))
    }

    /// Career guidance before a programme that started on `start`.
    pub fn career_guidance_started(start: NaiveDate) -> Message {
        Message::new("reason.careerGuidance.started").with("start", date(start))
    }

    /// Career guidance before a programme not yet started: by the latest
    /// lawful start `due`, which is `after`.
    pub fn career_guidance_latest_start(due: NaiveDate, after: Message) -> Message {
        Message::new("reason.careerGuidance.latestStart")
            .with("due", date(due))
            .with("after", phrase(after))
    }

    /// The plan: the same deadline as the programme start, `after`.
    pub fn plan(after: Message) -> Message {
        Message::new("reason.plan").with("after", phrase(after))
    }

    /// The plan's next review: `count` months after the last review on
    /// `review`.
    pub fn plan_review_after_review(count: u32, review: NaiveDate) -> Message {
        Message::new("reason.planReview.afterReview")
            .with("months", months(count))
            .with("review", date(review))
    }

    /// The plan's first review: `count` months after the plan of `plan`.
    pub fn plan_review_after_plan(count: u32, plan: NaiveDate) -> Message {
        Message::new("reason.planReview.afterPlan")
            .with("months", months(count))
            .with("plan", date(plan))
    }

    /// The programme's last day `end`: the start `start` plus `count`
    /// months, whose make-up `length` explains ([`length_in_plan`] and the
    /// rest), plus `leave_days` of approved leave when there are any.
    pub fn programme_end(
        start: NaiveDate,
        count: u32,
        length: Message,
        leave_days: i64,
        end: NaiveDate,
    ) -> Message {
        let message = if leave_days > 0 {
            Message::new("reason.programmeEnd.leave")
        } else {
            Message::new("reason.programmeEnd")
        };
        let message = message
            .with("start", date(start))
            .with("months", months(count))
            .with("length", phrase(length));
        let message = if leave_days > 0 {
            message.with("days", Arg::Days(leave_days))
        } else {
            message
        };
        message.with("end", date(end))
    }

    /// The length comes from the plan; `planned` names the plan's own
    /// figure when it is not the length applied. A phrase.
    pub fn length_in_plan(planned: Option<u32>) -> Message {
        match planned {
            Some(planned) => {
                Message::new("reason.length.planMonths").with("planned", months(planned))
            }
            None => Message::new("reason.length.plan"),
        }
    }

    /// The length is the default for `goal`; `planned` names the default's
    /// figure when it is not the length applied. A phrase.
    pub fn length_default(goal: Option<FinalGoal>, planned: Option<u32>) -> Message {
        match planned {
            Some(planned) => Message::new("reason.length.defaultMonths")
                .with("goal", phrase(final_goal(goal)))
                .with("planned", months(planned)),
            None => Message::new("reason.length.default").with("goal", phrase(final_goal(goal))),
        }
    }

    /// `length`, extended by `extension` months by decision. A phrase.
    pub fn length_extended(length: Message, extension: u32) -> Message {
        Message::new("reason.length.extended")
            .with("length", phrase(length))
            .with("extension", months(extension))
    }

    /// `length`, limited to the frame of `frame` months plus `allowed`
    /// months of extension under `rule` (a legal citation). A phrase.
    pub fn length_capped(length: Message, frame: u32, allowed: u32, rule: &str) -> Message {
        Message::new("reason.length.capped")
            .with("length", phrase(length))
            .with("frame", months(frame))
            .with("allowed", months(allowed))
            .with("rule", Arg::Text(rule.to_string()))
    }

    /// The final goal as the reasons name it (`sluttmål arbeid`; none
    /// decided yet). A phrase.
    pub fn final_goal(goal: Option<FinalGoal>) -> Message {
        Message::new(match goal {
            Some(FinalGoal::Work) => "reason.goal.work",
            Some(FinalGoal::UpperSecondary) => "reason.goal.upper_secondary",
            Some(FinalGoal::PrimarySchool) => "reason.goal.primary_school",
            Some(FinalGoal::HigherEducation) => "reason.goal.higher_education",
            Some(FinalGoal::Other) => "reason.goal.other",
            None => "reason.goal.none",
        })
    }

    /// The extension decision: a plan of `planned` months against a frame
    /// of `frame` needs at least `needed` months decided before the
    /// ordinary end `end`.
    pub fn extension_decision(planned: u32, frame: u32, needed: u32, end: NaiveDate) -> Message {
        Message::new("reason.extensionDecision")
            .with("planned", months(planned))
            .with("frame", months(frame))
            .with("needed", months(needed))
            .with("end", date(end))
    }

    /// The hand-over to NAV: `count` months before the programme ends on
    /// `end`.
    pub fn nav_handover(count: u32, end: NaiveDate) -> Message {
        Message::new("reason.navHandover")
            .with("months", months(count))
            .with("end", date(end))
    }

    /// Livsmestring i et nytt land, by the programme's end `end`.
    pub fn livsmestring(end: NaiveDate) -> Message {
        Message::new("reason.livsmestring").with("end", date(end))
    }

    /// Parental guidance for a participant with children, by the
    /// programme's end `end`.
    pub fn parental_guidance(end: NaiveDate) -> Message {
        Message::new("reason.parentalGuidance").with("end", date(end))
    }

    /// Norwegian training that started on `start`, to be completed within
    /// `count` months, extended by `leave_days` of approved leave when
    /// there are any.
    pub fn norwegian_training(start: NaiveDate, count: u32, leave_days: i64) -> Message {
        let message = if leave_days > 0 {
            Message::new("reason.norwegianTraining.leave")
        } else {
            Message::new("reason.norwegianTraining")
        };
        let message = message
            .with("start", date(start))
            .with("months", months(count));
        if leave_days > 0 {
            message.with("days", Arg::Days(leave_days))
        } else {
            message
        }
    }

    /// Follow-up `count` months into a care leave that started on `start`,
    /// offered from month `count + 1`; `ended` when the leave ended before
    /// that (and the deadline does not apply).
    pub fn care_leave(count: u32, start: NaiveDate, ended: Option<NaiveDate>) -> Message {
        let message = match ended {
            Some(_) => Message::new("reason.careLeave.ended"),
            None => Message::new("reason.careLeave"),
        }
        .with("months", months(count))
        .with("start", date(start))
        .with("month", Arg::Number(i64::from(count) + 1));
        match ended {
            Some(end) => message.with("end", date(end)),
            None => message,
        }
    }

    /// Registration with IMDi: `count` months after the event `event` on
    /// `occurred`. The event is named by the window's own label for it
    /// (`event.<kind>`), in the same language.
    pub fn imdi_registration(count: u32, event: EventKind, occurred: NaiveDate) -> Message {
        Message::new("reason.imdiRegistration")
            .with("months", months(count))
            .with("event", phrase(event_label(event)))
            .with("occurred", date(occurred))
    }

    /// The window's label of an event kind (`event.<kind>` in the window's
    /// catalogue).
    fn event_label(event: EventKind) -> Message {
        Message::new(match event {
            EventKind::ParticipationDecision => "event.participation_decision",
            EventKind::ProgrammeStart => "event.programme_start",
            EventKind::Plan => "event.plan",
            EventKind::FinalGoal => "event.final_goal",
            EventKind::Leave => "event.leave",
            EventKind::Absence => "event.absence",
            EventKind::Stop => "event.stop",
            EventKind::CompetenceMapping => "event.competence_mapping",
            EventKind::CareerGuidance => "event.career_guidance",
            EventKind::LifeSkills => "event.life_skills",
            EventKind::ParentalGuidance => "event.parental_guidance",
            EventKind::Complaint => "event.complaint",
            EventKind::Other => "event.other",
        })
    }

    /// The certificate of participation, owed since the programme was
    /// completed (`completed`) or broken off on `ended`.
    pub fn certificate(completed: bool, ended: NaiveDate) -> Message {
        Message::new(if completed {
            "reason.certificate.completed"
        } else {
            "reason.certificate.terminated"
        })
        .with("ended", date(ended))
    }
}

/// Why a law applies to a participant (`lawReason.*`).
pub mod law {
    use super::{date, phrase};
    use crate::domain::participant::PermitBasis;
    use crate::language::Message;
    use chrono::NaiveDate;

    /// Neither the permit date nor the arrival date is known.
    pub const DATES_MISSING: Message = Message::new("lawReason.datesMissing");

    /// Chapter 6A: temporary collective protection granted on `permit`, on
    /// or after the chapter's first day `from`.
    pub fn collective_protection(permit: NaiveDate, from: NaiveDate) -> Message {
        Message::new("lawReason.collectiveProtection")
            .with("permit", date(permit))
            .with("from", date(from))
    }

    /// Unknown: collective protection without the permit's date, which
    /// decides chapter 6A (from `from`).
    pub fn collective_protection_permit_missing(from: NaiveDate) -> Message {
        Message::new("lawReason.collectiveProtectionPermitMissing").with("from", date(from))
    }

    /// Integreringsloven: the permit was granted on `permit`, on or after
    /// the act's first day `cutoff`.
    pub fn permit_from_cutoff(permit: NaiveDate, cutoff: NaiveDate) -> Message {
        Message::new("lawReason.permitFromCutoff")
            .with("permit", date(permit))
            .with("cutoff", date(cutoff))
    }

    /// Introduksjonsloven: a permit applied for in Norway, granted on
    /// `permit` before `cutoff` on `basis`; the arrival on `arrival` does
    /// not count, for § 72 covers only those who applied from abroad.
    pub fn applied_in_norway_arrived_later(
        permit: NaiveDate,
        cutoff: NaiveDate,
        basis: PermitBasis,
        arrival: NaiveDate,
    ) -> Message {
        Message::new("lawReason.appliedInNorwayArrivedLater")
            .with("permit", date(permit))
            .with("cutoff", date(cutoff))
            .with("basis", phrase(permit_basis(basis)))
            .with("arrival", date(arrival))
    }

    /// Integreringsloven by § 72: applied from abroad on `basis` and
    /// arrived on `arrival`, on or after `cutoff`.
    pub fn applied_from_abroad(
        basis: PermitBasis,
        arrival: NaiveDate,
        cutoff: NaiveDate,
    ) -> Message {
        Message::new("lawReason.appliedFromAbroad")
            .with("basis", phrase(permit_basis(basis)))
            .with("arrival", date(arrival))
            .with("cutoff", date(cutoff))
    }

    /// Integreringsloven by § 72: arrived on `arrival`, on or after
    /// `cutoff`, the permit's basis not registered.
    pub fn arrived_basis_unknown(arrival: NaiveDate, cutoff: NaiveDate) -> Message {
        Message::new("lawReason.arrivedBasisUnknown")
            .with("arrival", date(arrival))
            .with("cutoff", date(cutoff))
    }

    /// Integreringsloven: arrived on `arrival`, on or after `cutoff`, the
    /// permit date unknown (it can only be later).
    pub fn arrived_from_cutoff(arrival: NaiveDate, cutoff: NaiveDate) -> Message {
        Message::new("lawReason.arrivedFromCutoff")
            .with("arrival", date(arrival))
            .with("cutoff", date(cutoff))
    }

    /// Introduksjonsloven: permit on `permit` and arrival on `arrival`,
    /// both before `cutoff`.
    pub fn both_before_cutoff(permit: NaiveDate, arrival: NaiveDate, cutoff: NaiveDate) -> Message {
        Message::new("lawReason.bothBeforeCutoff")
            .with("permit", date(permit))
            .with("arrival", date(arrival))
            .with("cutoff", date(cutoff))
    }

    /// Introduksjonsloven: a permit applied for in Norway on `basis`,
    /// granted on `permit` before `cutoff`.
    pub fn applied_in_norway(permit: NaiveDate, cutoff: NaiveDate, basis: PermitBasis) -> Message {
        Message::new("lawReason.appliedInNorway")
            .with("permit", date(permit))
            .with("cutoff", date(cutoff))
            .with("basis", phrase(permit_basis(basis)))
    }

    /// Unknown: a permit granted on `permit` before `cutoff`, the arrival
    /// date missing.
    pub fn arrival_missing(permit: NaiveDate, cutoff: NaiveDate) -> Message {
        Message::new("lawReason.arrivalMissing")
            .with("permit", date(permit))
            .with("cutoff", date(cutoff))
    }

    /// Unknown: arrived on `arrival` before `cutoff`, the permit date
    /// missing.
    pub fn permit_missing(arrival: NaiveDate, cutoff: NaiveDate) -> Message {
        Message::new("lawReason.permitMissing")
            .with("arrival", date(arrival))
            .with("cutoff", date(cutoff))
    }

    /// The permit's basis as the reasons name it, inside a sentence
    /// (`asyl`, `overføringsflyktning`). A phrase.
    pub fn permit_basis(basis: PermitBasis) -> Message {
        Message::new(match basis {
            PermitBasis::Asylum => "lawReason.basis.asylum",
            PermitBasis::Resettlement => "lawReason.basis.resettlement",
            PermitBasis::FamilyReunification => "lawReason.basis.family_reunification",
            PermitBasis::CollectiveProtection => "lawReason.basis.collective_protection",
            PermitBasis::Other => "lawReason.basis.other",
        })
    }
}

/// What the rules warn about a participant's plan (`warningMessage.*`).
pub mod warning {
    use super::{date, months, phrase};
    use crate::domain::participant::FinalGoal;
    use crate::domain::statute::RuleGroup;
    use crate::language::{Arg, Message};
    use chrono::NaiveDate;

    /// Stands in for a warning stored by a version that wrote sentences,
    /// until the deadlines are next computed (see migration 0011).
    pub const PENDING: Message = Message::new("warningMessage.pending");

    /// The education background is unknown, so the frame is unknown.
    pub const EDUCATION_UNKNOWN: Message = Message::new("warningMessage.educationUnknown");

    /// No verified upper limit for the programme's length under
    /// `reference` (the rule's reference as the rule table has it).
    pub fn frame_unknown(reference: &str) -> Message {
        Message::new("warningMessage.frameUnknown").with("reference", Arg::Text(reference.into()))
    }

    /// An extension of `count` months decided on `decided`, after the
    /// ordinary end `end`: it does not count.
    pub fn extension_decided_late(count: u32, decided: NaiveDate, end: NaiveDate) -> Message {
        Message::new("warningMessage.extensionDecidedLate")
            .with("months", months(count))
            .with("decided", date(decided))
            .with("end", date(end))
    }

    /// The plan goes beyond the frame: what it asks for (`asked`, see
    /// [`asked`]), the frame for `group` of `frame` months plus up to
    /// `max` months by decision under `rule` (a legal citation), and the
    /// `applied` months the programme is set to.
    pub fn plan_exceeds_frame(
        asked: Message,
        group: Option<RuleGroup>,
        frame: u32,
        max: u32,
        rule: &str,
        applied: u32,
    ) -> Message {
        Message::new("warningMessage.planExceedsFrame")
            .with("asked", phrase(asked))
            .with("group", phrase(rule_group(group)))
            .with("frame", months(frame))
            .with("max", months(max))
            .with("rule", Arg::Text(rule.to_string()))
            .with("months", months(applied))
    }

    /// What the plan asks for, opening the sentence of
    /// [`plan_exceeds_frame`]: `planned` months, from the plan itself
    /// (`in_plan`) or the default for `goal`, and the decided `extensions`
    /// when there are any. A phrase.
    pub fn asked(in_plan: bool, goal: Option<FinalGoal>, planned: u32, extensions: u32) -> Message {
        let key = match (in_plan, extensions > 0) {
            (true, false) => "warningMessage.asked.plan",
            (true, true) => "warningMessage.asked.planExtended",
            (false, false) => "warningMessage.asked.default",
            (false, true) => "warningMessage.asked.defaultExtended",
        };
        let message = Message::new(key);
        let message = if in_plan {
            message
        } else {
            message.with("goal", phrase(super::deadline::final_goal(goal)))
        };
        let message = message.with("planned", months(planned));
        if extensions > 0 {
            message.with("extension", months(extensions))
        } else {
            message
        }
    }

    /// The participants a frame applies to, as the warning names them. A
    /// phrase.
    pub fn rule_group(group: Option<RuleGroup>) -> Message {
        Message::new(match group {
            Some(RuleGroup::UpperSecondaryOrHigher) => {
                "warningMessage.group.upper_secondary_or_higher"
            }
            Some(RuleGroup::BelowUpperSecondary) => "warningMessage.group.below_upper_secondary",
            Some(RuleGroup::UpperSecondaryTrack) => "warningMessage.group.upper_secondary_track",
            Some(RuleGroup::All) | None => "warningMessage.group.all",
        })
    }

    /// Chapter 6A's temporary rules applied until `until`, which has passed.
    pub fn collective_protection_ended(until: NaiveDate) -> Message {
        Message::new("warningMessage.collectiveProtectionEnded").with("until", date(until))
    }

    /// Chapter 6A's temporary rules apply for now until `until`, within
    /// half a year.
    pub fn collective_protection_ends(until: NaiveDate) -> Message {
        Message::new("warningMessage.collectiveProtectionEnds").with("until", date(until))
    }
}

#[cfg(test)]
mod tests {
    use super::{deadline, law, warning};
    use crate::domain::deadline::EventKind;
    use crate::domain::participant::{FinalGoal, PermitBasis};
    use crate::domain::statute::RuleGroup;
    use crate::language::{catalogue, Arg, Language, Message};
    use chrono::NaiveDate;
    use std::collections::BTreeSet;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Every sentence shape with an example, and its Bokmål rendering:
    /// word for word the sentence the engine wrote before the reasons
    /// became messages (but for the event's name, now the window's label).
    fn every_shape() -> Vec<(Message, &'static str)> {
        let settled = || deadline::after_settlement(3, d("2025-03-10"));
        let claimed = || deadline::after_claim(3, d("2025-03-20"), d("2025-01-15"));
        let capped = deadline::length_capped(
            deadline::length_extended(deadline::length_in_plan(Some(18)), 6),
            6,
            6,
            "integreringsloven § 13 andre ledd",
        );
        vec![
            (deadline::PENDING, "Begrunnelsen beregnes på nytt."),
            (
                deadline::programme_start(settled()),
                "3 måneder etter bosetting 10.03.2025.",
            ),
            (
                deadline::programme_start(claimed()),
                "3 måneder etter krav om program 20.03.2025 (senere enn bosetting 15.01.2025).",
            ),
            (
                deadline::competence_mapping(deadline::after_settlement(1, d("2025-03-10"))),
                "1 måned etter bosetting 10.03.2025, før vedtak om deltakelse.",
            ),
            (
                deadline::MAPPED_BEFORE_SETTLEMENT,
                "Kompetansen ble kartlagt før bosetting.",
            ),
            (
                deadline::career_guidance_started(d("2025-02-01")),
                "Karriereveiledning skal gis før programmet starter; programstart 01.02.2025.",
            ),
            (
                deadline::career_guidance_latest_start(d("2025-06-20"), claimed()),
                "Karriereveiledning skal gis før programmet starter; seneste lovlige start er 20.06.2025 (3 måneder etter krav om program 20.03.2025 (senere enn bosetting 15.01.2025)).",
            ),
            (
                deadline::plan(settled()),
                "Samme frist som programstart: 3 måneder etter bosetting 10.03.2025.",
            ),
            (
                deadline::plan_review_after_review(6, d("2025-09-01")),
                "6 måneder etter forrige gjennomgang 01.09.2025.",
            ),
            (
                deadline::plan_review_after_plan(6, d("2025-05-01")),
                "6 måneder etter planen 01.05.2025.",
            ),
            (
                deadline::programme_end(
                    d("2025-02-01"),
                    12,
                    deadline::length_default(Some(FinalGoal::Work), None),
                    92,
                    d("2026-05-03"),
                ),
                "Programstart 01.02.2025 + 12 måneder (standard for sluttmål arbeid), forlenget med 92 dager godkjent permisjon; siste dag 03.05.2026.",
            ),
            (
                deadline::programme_end(
                    d("2025-02-01"),
                    12,
                    capped,
                    1,
                    d("2026-02-01"),
                ),
                "Programstart 01.02.2025 + 12 måneder (lengde i planen 18 måneder, forlenget 6 måneder ved vedtak, begrenset til rammen på 6 måneder + 6 måneder forlengelse (integreringsloven § 13 andre ledd)), forlenget med 1 dag godkjent permisjon; siste dag 01.02.2026.",
            ),
            (
                deadline::programme_end(
                    d("2025-02-01"),
                    6,
                    deadline::length_default(Some(FinalGoal::HigherEducation), Some(12)),
                    0,
                    d("2025-07-31"),
                ),
                "Programstart 01.02.2025 + 6 måneder (standard for sluttmål høyere utdanning 12 måneder); siste dag 31.07.2025.",
            ),
            (
                deadline::programme_end(
                    d("2025-02-01"),
                    24,
                    deadline::length_in_plan(None),
                    0,
                    d("2027-01-31"),
                ),
                "Programstart 01.02.2025 + 24 måneder (lengde i planen); siste dag 31.01.2027.",
            ),
            (
                deadline::extension_decision(18, 6, 6, d("2025-07-31")),
                "Planen har 18 måneder mot en ramme på 6 måneder; vedtak om forlengelse på minst 6 måneder må fattes før den ordinære slutten 31.07.2025.",
            ),
            (
                deadline::nav_handover(3, d("2027-01-31")),
                "3 måneder før programslutt 31.01.2027.",
            ),
            (
                deadline::livsmestring(d("2027-01-31")),
                "Livsmestring i et nytt land skal inngå i programmet; senest ved programslutt 31.01.2027.",
            ),
            (
                deadline::parental_guidance(d("2027-01-31")),
                "Deltakeren har eller venter barn; foreldreveiledning skal være gjennomført innen programslutt 31.01.2027.",
            ),
            (
                deadline::norwegian_training(d("2024-02-01"), 12, 0),
                "Norskopplæringen startet 01.02.2024; den skal være gjennomført innen 12 måneder.",
            ),
            (
                deadline::norwegian_training(d("2024-02-01"), 12, 10),
                "Norskopplæringen startet 01.02.2024; den skal være gjennomført innen 12 måneder, forlenget med 10 dager godkjent permisjon.",
            ),
            (
                deadline::care_leave(3, d("2025-05-01"), None),
                "3 måneder etter at omsorgspermisjonen startet 01.05.2025: tilby oppfølging og norskopplæring fra måned 4.",
            ),
            (
                deadline::care_leave(3, d("2025-05-01"), Some(d("2025-07-31"))),
                "3 måneder etter at omsorgspermisjonen startet 01.05.2025: tilby oppfølging og norskopplæring fra måned 4. Permisjonen sluttet 31.07.2025.",
            ),
            (
                deadline::imdi_registration(2, EventKind::Stop, d("2025-04-01")),
                "2 måneder etter hendelsen «Stans eller avbrudd» 01.04.2025.",
            ),
            (
                deadline::certificate(true, d("2026-06-30")),
                "Programmet ble fullført 30.06.2026; deltakerbevis skal utstedes.",
            ),
            (
                deadline::certificate(false, d("2026-06-30")),
                "Programmet ble avbrutt 30.06.2026; deltakerbevis skal utstedes.",
            ),
            (
                law::collective_protection(d("2023-01-05"), d("2022-03-11")),
                "Integreringsloven kapittel 6A gjelder fordi personen fikk midlertidig kollektiv beskyttelse (utlendingsloven § 34) 05.01.2023, fra og med 11.03.2022.",
            ),
            (
                law::collective_protection_permit_missing(d("2022-03-11")),
                "Ukjent: personen har kollektiv beskyttelse, men datoen for oppholdstillatelsen mangler. Gitt fra og med 11.03.2022, gjelder integreringsloven kapittel 6A.",
            ),
            (
                law::permit_from_cutoff(d("2023-05-10"), d("2021-01-01")),
                "Integreringsloven gjelder fordi oppholdstillatelsen ble gitt 10.05.2023, fra og med 01.01.2021.",
            ),
            (
                law::applied_in_norway_arrived_later(
                    d("2020-06-01"),
                    d("2021-01-01"),
                    PermitBasis::Asylum,
                    d("2021-03-01"),
                ),
                "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt 01.06.2020 (før 01.01.2021) på grunnlag av asyl; at personen kom til Norge 01.03.2021 endrer ikke det, for integreringsforskriften § 72 gjelder bare dem som søkte fra utlandet.",
            ),
            (
                law::applied_from_abroad(PermitBasis::Resettlement, d("2022-02-14"), d("2021-01-01")),
                "Integreringsloven gjelder fordi personen søkte fra utlandet (overføringsflyktning) og kom til Norge 14.02.2022, fra og med 01.01.2021 (integreringsforskriften § 72).",
            ),
            (
                law::arrived_basis_unknown(d("2021-01-01"), d("2021-01-01")),
                "Integreringsloven gjelder fordi personen kom til Norge 01.01.2021, fra og med 01.01.2021 (integreringsforskriften § 72, som forutsetter at personen søkte fra utlandet; oppholdsgrunnlaget er ikke registrert).",
            ),
            (
                law::arrived_from_cutoff(d("2022-02-14"), d("2021-01-01")),
                "Integreringsloven gjelder fordi personen kom til Norge 14.02.2022, fra og med 01.01.2021.",
            ),
            (
                law::both_before_cutoff(d("2018-03-01"), d("2017-11-20"), d("2021-01-01")),
                "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt 01.03.2018 og personen kom til Norge 20.11.2017, begge før 01.01.2021.",
            ),
            (
                law::applied_in_norway(
                    d("2020-06-01"),
                    d("2021-01-01"),
                    PermitBasis::CollectiveProtection,
                ),
                "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt 01.06.2020, før 01.01.2021, på grunnlag av kollektiv beskyttelse (søkt i Norge).",
            ),
            (
                law::arrival_missing(d("2020-06-01"), d("2021-01-01")),
                "Ukjent: oppholdstillatelsen ble gitt 01.06.2020 (før 01.01.2021), men ankomstdatoen mangler. Kom personen til Norge fra og med 01.01.2021, gjelder integreringsloven.",
            ),
            (
                law::permit_missing(d("2020-06-01"), d("2021-01-01")),
                "Ukjent: personen kom til Norge 01.06.2020 (før 01.01.2021), men datoen for oppholdstillatelse mangler.",
            ),
            (
                law::DATES_MISSING,
                "Ukjent: dato for oppholdstillatelse og ankomstdato mangler.",
            ),
            (
                law::applied_in_norway(d("2020-06-01"), d("2021-01-01"), PermitBasis::FamilyReunification),
                "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt 01.06.2020, før 01.01.2021, på grunnlag av familiegjenforening (søkt i Norge).",
            ),
            (
                law::applied_in_norway(d("2020-06-01"), d("2021-01-01"), PermitBasis::Other),
                "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt 01.06.2020, før 01.01.2021, på grunnlag av annet grunnlag (søkt i Norge).",
            ),
            (warning::PENDING, "Varselet beregnes på nytt."),
            (
                warning::EDUCATION_UNKNOWN,
                "Utdanningsbakgrunnen er ikke registrert, så programmets lengde kan ikke kontrolleres mot rammen i loven (6 måneder med videregående opplæring eller høyere, ellers 2 eller 3 år). Registrer utdanningsbakgrunn.",
            ),
            (
                warning::frame_unknown("integreringsloven kapittel 6A"),
                "Introspor kjenner ingen verifisert øvre grense for programmets lengde etter integreringsloven kapittel 6A, så ingen grense er brukt. Kontroller lengden i planen mot regelverket.",
            ),
            (
                warning::extension_decided_late(6, d("2025-08-15"), d("2025-07-31")),
                "Vedtaket om forlengelse med 6 måneder fra 15.08.2025 ble fattet etter programmets ordinære slutt 31.07.2025, og er ikke regnet med. Et vedtak om forlengelse må fattes før programmet er slutt.",
            ),
            (
                warning::plan_exceeds_frame(
                    warning::asked(true, None, 36, 0),
                    Some(RuleGroup::BelowUpperSecondary),
                    24,
                    12,
                    "integreringsloven § 14",
                    24,
                ),
                "Planen har 36 måneder, men rammen for deltakere uten videregående opplæring er 24 måneder + inntil 12 måneder forlengelse ved vedtak (integreringsloven § 14). Programmet er satt til 24 måneder. Fatt vedtak om forlengelse, eller rett lengden i planen.",
            ),
            (
                warning::plan_exceeds_frame(
                    warning::asked(true, None, 18, 1),
                    Some(RuleGroup::UpperSecondaryOrHigher),
                    6,
                    6,
                    "integreringsloven § 13 andre ledd",
                    7,
                ),
                "Planen har 18 måneder og vedtatt forlengelse 1 måned, men rammen for deltakere med videregående opplæring eller høyere er 6 måneder + inntil 6 måneder forlengelse ved vedtak (integreringsloven § 13 andre ledd). Programmet er satt til 7 måneder. Fatt vedtak om forlengelse, eller rett lengden i planen.",
            ),
            (
                warning::plan_exceeds_frame(
                    warning::asked(false, Some(FinalGoal::UpperSecondary), 36, 0),
                    Some(RuleGroup::All),
                    24,
                    12,
                    "introduksjonsloven § 5",
                    24,
                ),
                "Planen har ingen lengde, og standarden for sluttmål videregående opplæring er 36 måneder, men rammen for deltakerens regelverk er 24 måneder + inntil 12 måneder forlengelse ved vedtak (introduksjonsloven § 5). Programmet er satt til 24 måneder. Fatt vedtak om forlengelse, eller rett lengden i planen.",
            ),
            (
                warning::plan_exceeds_frame(
                    warning::asked(false, None, 48, 12),
                    Some(RuleGroup::UpperSecondaryTrack),
                    36,
                    12,
                    "integreringsloven § 14",
                    48,
                ),
                "Planen har ingen lengde, og standarden for sluttmål ikke fastsatt er 48 måneder og vedtatt forlengelse 12 måneder, men rammen for deltakere uten videregående opplæring som er under aldersgrensen eller har sluttmål videregående opplæring er 36 måneder + inntil 12 måneder forlengelse ved vedtak (integreringsloven § 14). Programmet er satt til 48 måneder. Fatt vedtak om forlengelse, eller rett lengden i planen.",
            ),
            (
                warning::collective_protection_ended(d("2026-07-01")),
                "De midlertidige reglene i integreringsloven kapittel 6A gjaldt til 01.07.2026 etter kilden Introspor kjenner. Kontroller om de er forlenget, og hvilke regler som nå gjelder for deltakeren.",
            ),
            (
                warning::collective_protection_ends(d("2026-07-01")),
                "De midlertidige reglene i integreringsloven kapittel 6A gjelder foreløpig til 01.07.2026. Planlegg hva som skal gjelde for deltakeren etter denne datoen.",
            ),
        ]
    }

    /// Phrases embedded in the sentences above only in some variants: the
    /// other final goals, permit bases, event labels and rule groups.
    fn every_phrase() -> Vec<Message> {
        let mut out: Vec<Message> = [
            Some(FinalGoal::Work),
            Some(FinalGoal::UpperSecondary),
            Some(FinalGoal::PrimarySchool),
            Some(FinalGoal::HigherEducation),
            Some(FinalGoal::Other),
            None,
        ]
        .into_iter()
        .map(|goal| deadline::length_default(goal, Some(12)))
        .collect();
        out.extend(PermitBasis::ALL.iter().map(|b| law::permit_basis(*b)));
        out.extend(
            EventKind::ALL
                .iter()
                .map(|e| deadline::imdi_registration(2, *e, d("2025-04-01"))),
        );
        out.extend(
            [
                Some(RuleGroup::All),
                Some(RuleGroup::UpperSecondaryOrHigher),
                Some(RuleGroup::BelowUpperSecondary),
                Some(RuleGroup::UpperSecondaryTrack),
                None,
            ]
            .into_iter()
            .map(warning::rule_group),
        );
        out
    }

    /// Every key `message` uses, embedded ones and units included.
    fn keys(message: &Message, into: &mut BTreeSet<String>) {
        into.insert(message.key().to_string());
        for (_, arg) in message.args() {
            match arg {
                Arg::Message(inner) => keys(inner, into),
                Arg::Months(n) => {
                    into.insert(format!(
                        "unit.month.{}",
                        if *n == 1 { "one" } else { "other" }
                    ));
                }
                Arg::Days(n) => {
                    into.insert(format!(
                        "unit.day.{}",
                        if *n == 1 { "one" } else { "other" }
                    ));
                }
                _ => {}
            }
        }
    }

    /// Every text argument of `message`, embedded ones included.
    fn citations_of(message: &Message, into: &mut Vec<String>) {
        for (_, arg) in message.args() {
            match arg {
                Arg::Message(inner) => citations_of(inner, into),
                Arg::Text(text) => into.push(text.clone()),
                _ => {}
            }
        }
    }

    fn words(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
    }

    /// Words that only Bokmål writes (Nynorsk has its own form of each).
    const BOKMAL_ONLY: &[&str] = &[
        "ikke",
        "måned",
        "måneder",
        "deltaker",
        "deltakeren",
        "deltakere",
        "bosetting",
        "ble",
        "hvis",
        "hva",
        "hvilke",
        "gjelder",
        "gjaldt",
        "mangler",
        "uten",
        "høyere",
        "videregående",
        "være",
        "fra",
        "dager",
        "hendelsen",
        "fikk",
        "beskyttelse",
        "oppholdstillatelse",
        "oppholdstillatelsen",
        "forlenget",
        "forlengelse",
        "begrenset",
        "lengde",
        "annet",
        "nå",
        "foreløpig",
        "kilden",
        "senere",
        "seneste",
        "senest",
        "samme",
        "startet",
        "sluttet",
        "venter",
        "innen",
        "fatt",
        "satt",
        "ukjent",
        "norge",
        "bare",
        "dem",
        "et",
    ];

    /// Norwegian words that English text does not use (legal citations
    /// quoted in Norwegian are the arguments', not the text's).
    const NORWEGIAN: &[&str] = &[
        "ikke",
        "og",
        "etter",
        "eller",
        "skal",
        "må",
        "deltaker",
        "deltakeren",
        "måned",
        "måneder",
        "dager",
        "bosetting",
        "gjelder",
        "fra",
        "før",
        "ble",
        "hendelsen",
        "vedtak",
        "frist",
        "permisjon",
        "ukjent",
        "kapittel",
        "planen",
        "rammen",
        "programmet",
        "av",
        "til",
        "med",
        "er",
        "som",
        "om",
        "ved",
        "ingen",
        "standard",
        "sluttmål",
    ];

    #[test]
    fn every_shape_renders_in_bokmal_as_the_engine_wrote_it() {
        for (message, bokmal) in every_shape() {
            assert_eq!(
                message.render(Language::Bokmal),
                bokmal,
                "{}",
                message.key()
            );
        }
    }

    #[test]
    fn every_shape_renders_in_every_language_without_placeholders_or_bokmal() {
        let shapes: Vec<Message> = every_shape()
            .into_iter()
            .map(|(m, _)| m)
            .chain(every_phrase())
            .collect();
        for message in &shapes {
            for language in Language::ALL {
                let text = message.render(language);
                let tag = language.tag();
                assert!(!text.trim().is_empty(), "{tag}: {} is empty", message.key());
                assert!(
                    !text.contains('{') && !text.contains('}'),
                    "{tag}: {} leaves a placeholder: {text}",
                    message.key()
                );
                assert!(
                    !text.contains(message.key()),
                    "{tag}: {} has no text",
                    message.key()
                );
                let citations = ["utlendingsloven", "integreringsforskriften"];
                match language {
                    Language::Bokmal => {}
                    Language::Nynorsk => {
                        for word in words(&text) {
                            assert!(
                                !BOKMAL_ONLY.contains(&word.as_str()),
                                "nn: {} says the Bokmål word {word:?}: {text}",
                                message.key()
                            );
                        }
                    }
                    Language::English => {
                        // The citations passed as text are Norwegian by
                        // design; what the English file says is the rest.
                        let mut cited = Vec::new();
                        citations_of(message, &mut cited);
                        let text_only = cited
                            .iter()
                            .fold(text.clone(), |t, citation| t.replace(citation.as_str(), ""));
                        let own: String = text_only
                            .split_whitespace()
                            .filter(|w| !citations.iter().any(|c| w.contains(c)))
                            .collect::<Vec<_>>()
                            .join(" ");
                        assert!(
                            !own.chars().any(|c| "æøåÆØÅ".contains(c)),
                            "en: {} has Norwegian letters: {text}",
                            message.key()
                        );
                        for word in words(&own) {
                            assert!(
                                !NORWEGIAN.contains(&word.as_str()),
                                "en: {} says the Norwegian word {word:?}: {text}",
                                message.key()
                            );
                        }
                    }
                }
            }
        }
    }

    /// The examples use every key of the reasons part, so the tests above
    /// render every text in every language.
    #[test]
    fn the_examples_cover_every_key_of_the_reasons_part() {
        let mut used = BTreeSet::new();
        for (message, _) in every_shape() {
            keys(&message, &mut used);
        }
        for message in every_phrase() {
            keys(&message, &mut used);
        }
        let part: BTreeSet<String> = toml::from_str::<toml::Table>(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../i18n/nb/reasons.toml"
        )))
        .unwrap()
        .keys()
        .cloned()
        .collect();
        let unused: Vec<&String> = part.difference(&used).collect();
        assert!(unused.is_empty(), "no example uses {unused:?}");
        for key in &used {
            for language in Language::ALL {
                assert!(
                    catalogue(language).get(key).is_some(),
                    "{}: no text for {key}",
                    language.tag()
                );
            }
        }
    }

    /// Each language's reasons file is its own: Nynorsk and English do not
    /// repeat a Bokmål sentence (only the units and the sentence made of
    /// one phrase may read the same).
    #[test]
    fn nynorsk_and_english_are_written_in_their_own_words() {
        let nb = catalogue(Language::Bokmal);
        for language in [Language::Nynorsk, Language::English] {
            let same: Vec<&String> = catalogue(language)
                .texts()
                .iter()
                .filter(|(key, text)| {
                    let key = key.as_str();
                    (key.starts_with("reason.")
                        || key.starts_with("lawReason.")
                        || key.starts_with("warningMessage."))
                        && nb.get(key) == Some(text.as_str())
                        && text.split_whitespace().count() > 3
                })
                .map(|(key, _)| key)
                .collect();
            let allowed = [
                "reason.programmeEnd",
                "reason.length.defaultMonths",
                "reason.planReview.afterPlan",
                "reason.navHandover",
                "warningMessage.asked.plan",
            ];
            let same: Vec<&&String> = same
                .iter()
                .filter(|k| !allowed.contains(&k.as_str()))
                .collect();
            assert!(
                same.is_empty(),
                "{}: the same as Bokmål: {same:?}",
                language.tag()
            );
        }
    }
}
