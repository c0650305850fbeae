//! Which law governs a participant's programme.
//!
//! Integreringsloven entered into force on 1 January 2021. It applies to
//! people granted a residence permit from that day, and to people granted a
//! permit before it who applied from abroad and arrived in Norway from that
//! day (integreringsforskriften § 72). Everyone else stays under the older
//! introduksjonsloven. People with temporary collective protection
//! (utlendingsloven § 34) granted from 11 March 2022 fall under the
//! temporary rules of integreringsloven chapter 6A. When the facts needed to
//! decide are missing, the answer is "unknown" rather than a guess.
//!
//! The statutory dates used here come from the rule table
//! ([`crate::domain::statute`]), where each carries its source.

use crate::domain::participant::PermitBasis;
use crate::domain::statute::{rule_date, RuleKey};
use crate::language::Message;
use crate::reasons::law as reasons;
use chrono::NaiveDate;

choice! {
    /// The act (and, for chapter 6A, the part of it) that governs a
    /// participant's programme: the regime the deadline rules follow.
    Law {
        /// Integreringsloven (2021).
        Integreringsloven => "integreringsloven",
        /// Introduksjonsloven (2003), for those whose rights began before 2021.
        Introduksjonsloven => "introduksjonsloven",
        /// Integreringsloven chapter 6A: temporary collective protection.
        Integreringsloven6a => "integreringsloven_6a",
        /// Not decidable from the registered facts.
        Unknown => "unknown",
    }
}

impl Law {
    /// The laws a caseworker may choose as an override (every law but
    /// "unknown", which is not a decision).
    pub const OVERRIDES: &'static [Law] = &[
        Law::Integreringsloven,
        Law::Introduksjonsloven,
        Law::Integreringsloven6a,
    ];

    /// Whether integreringsloven's ordinary rules or its chapter 6A apply.
    pub fn is_integreringsloven(self) -> bool {
        matches!(self, Law::Integreringsloven | Law::Integreringsloven6a)
    }
}

/// The computed law together with the sentence that explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawDecision {
    /// The law the facts point to.
    pub law: Law,
    /// One sentence saying why, naming the facts and the rule used, as a
    /// catalogue key with its arguments ([`crate::reasons::law`]).
    pub reason: Message,
}

/// The facts that decide the law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LawFacts {
    /// Date the residence permit was granted.
    pub permit: Option<NaiveDate>,
    /// Date of arrival in Norway.
    pub arrival: Option<NaiveDate>,
    /// What the permit was granted on, when known.
    pub permit_basis: Option<PermitBasis>,
}

/// Whether a permit on this basis was applied for from abroad, which is
/// what integreringsforskriften § 72 asks; `None` when the basis does not say.
fn applied_from_abroad(basis: Option<PermitBasis>) -> Option<bool> {
    match basis {
        Some(PermitBasis::Resettlement | PermitBasis::FamilyReunification) => Some(true),
        Some(PermitBasis::Asylum | PermitBasis::CollectiveProtection) => Some(false),
        Some(PermitBasis::Other) | None => None,
    }
}

/// Decides the law from the permit date, the arrival date and the permit basis.
pub fn decide_law(facts: LawFacts) -> LawDecision {
    let cutoff = rule_date(RuleKey::IntegreringslovenInForce);
    let LawFacts {
        permit,
        arrival,
        permit_basis,
    } = facts;
    let decision = |law: Law, reason: Message| LawDecision { law, reason };
    if permit_basis == Some(PermitBasis::CollectiveProtection) {
        let from = rule_date(RuleKey::CollectiveProtectionFrom);
        match permit {
            Some(p) if p >= from => {
                return decision(
                    Law::Integreringsloven6a,
                    reasons::collective_protection(p, from),
                )
            }
            None => {
                return decision(
                    Law::Unknown,
                    reasons::collective_protection_permit_missing(from),
                )
            }
            // A § 34 permit before the chapter's first day follows the
            // ordinary rule below.
            Some(_) => {}
        }
    }
    match (permit, arrival) {
        (Some(p), _) if p >= cutoff => decision(
            Law::Integreringsloven,
            reasons::permit_from_cutoff(p, cutoff),
        ),
        (Some(p), Some(a)) if a >= cutoff => {
            match (permit_basis, applied_from_abroad(permit_basis)) {
                (Some(basis), Some(false)) => decision(
                    Law::Introduksjonsloven,
                    reasons::applied_in_norway_arrived_later(p, cutoff, basis, a),
                ),
                (Some(basis), Some(true)) => decision(
                    Law::Integreringsloven,
                    reasons::applied_from_abroad(basis, a, cutoff),
                ),
                _ => decision(
                    Law::Integreringsloven,
                    reasons::arrived_basis_unknown(a, cutoff),
                ),
            }
        }
        // An asylum seeker's permit always comes after the arrival, so an
        // arrival from the cut-off decides even without the permit date.
        (None, Some(a)) if a >= cutoff => decision(
            Law::Integreringsloven,
            reasons::arrived_from_cutoff(a, cutoff),
        ),
        (Some(p), Some(a)) => decision(
            Law::Introduksjonsloven,
            reasons::both_before_cutoff(p, a, cutoff),
        ),
        (Some(p), None) => match (permit_basis, applied_from_abroad(permit_basis)) {
            (Some(basis), Some(false)) => decision(
                Law::Introduksjonsloven,
                reasons::applied_in_norway(p, cutoff, basis),
            ),
            _ => decision(Law::Unknown, reasons::arrival_missing(p, cutoff)),
        },
        (None, Some(a)) => decision(Law::Unknown, reasons::permit_missing(a, cutoff)),
        (None, None) => decision(Law::Unknown, reasons::DATES_MISSING),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use PermitBasis::*;

    fn d(text: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
    }

    fn facts(
        permit: Option<NaiveDate>,
        arrival: Option<NaiveDate>,
        basis: Option<PermitBasis>,
    ) -> LawFacts {
        LawFacts {
            permit,
            arrival,
            permit_basis: basis,
        }
    }

    #[test]
    fn law_follows_permit_arrival_and_basis() {
        use Law::*;
        type Case = (
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<PermitBasis>,
            Law,
            &'static str,
        );
        let cases: &[Case] = &[
            (
                d("2021-01-01"),
                None,
                None,
                Integreringsloven,
                "permit on the day the act entered into force",
            ),
            (
                d("2023-05-10"),
                d("2023-04-01"),
                Some(Asylum),
                Integreringsloven,
                "permit after 2021",
            ),
            (
                d("2023-05-10"),
                d("2019-01-01"),
                None,
                Integreringsloven,
                "permit after 2021 wins even with early arrival",
            ),
            (
                d("2020-12-31"),
                d("2021-01-01"),
                None,
                Integreringsloven,
                "old permit, arrival on the first day, basis unknown",
            ),
            (
                d("2020-12-31"),
                d("2021-01-01"),
                Some(Resettlement),
                Integreringsloven,
                "resettlement applied from abroad (§ 72)",
            ),
            (
                d("2020-11-01"),
                d("2021-02-01"),
                Some(FamilyReunification),
                Integreringsloven,
                "family reunification applied from abroad (§ 72)",
            ),
            (
                d("2020-06-01"),
                d("2021-03-01"),
                Some(Asylum),
                Introduksjonsloven,
                "asylum in 2020, re-entry in 2021: § 72 does not reach it",
            ),
            (
                d("2019-06-01"),
                d("2022-02-14"),
                Some(Other),
                Integreringsloven,
                "other basis: the arrival rule is assumed",
            ),
            (
                None,
                d("2022-02-14"),
                None,
                Integreringsloven,
                "arrival after 2021 decides even without permit date",
            ),
            (
                d("2020-12-31"),
                d("2020-12-31"),
                None,
                Introduksjonsloven,
                "both the day before",
            ),
            (
                d("2018-03-01"),
                d("2017-11-20"),
                Some(Resettlement),
                Introduksjonsloven,
                "both long before",
            ),
            (
                d("2020-06-01"),
                None,
                None,
                Unknown,
                "old permit, arrival missing",
            ),
            (
                d("2020-06-01"),
                None,
                Some(Asylum),
                Introduksjonsloven,
                "old asylum permit: the arrival came before it",
            ),
            (
                d("2020-06-01"),
                None,
                Some(Resettlement),
                Unknown,
                "old resettlement permit, arrival missing",
            ),
            (
                None,
                d("2020-06-01"),
                None,
                Unknown,
                "old arrival, permit missing",
            ),
            (None, None, None, Unknown, "no dates"),
            (
                d("2022-03-11"),
                d("2022-03-01"),
                Some(CollectiveProtection),
                Integreringsloven6a,
                "collective protection on the chapter's first day",
            ),
            (
                d("2024-08-20"),
                None,
                Some(CollectiveProtection),
                Integreringsloven6a,
                "collective protection in 2024",
            ),
            (
                d("2022-03-10"),
                d("2022-03-01"),
                Some(CollectiveProtection),
                Integreringsloven,
                "§ 34 the day before chapter 6A: the ordinary rule",
            ),
            (
                None,
                d("2022-04-01"),
                Some(CollectiveProtection),
                Unknown,
                "collective protection without permit date",
            ),
        ];
        for (permit, arrival, basis, expected, why) in cases {
            let decision = decide_law(facts(*permit, *arrival, *basis));
            assert_eq!(
                decision.law, *expected,
                "{why}: expected {expected:?}, got {decision:?}"
            );
            assert!(
                decision.reason.render(Language::Bokmal).ends_with('.'),
                "{why}: the reason should be a full sentence"
            );
        }
    }

    #[test]
    fn reason_names_the_dates_in_norwegian_format() {
        let decision = decide_law(facts(d("2019-06-01"), d("2022-02-14"), Some(Resettlement)));
        assert_eq!(
            decision.reason.render(Language::Bokmal),
            "Integreringsloven gjelder fordi personen søkte fra utlandet (overføringsflyktning) og kom til Norge 14.02.2022, fra og med 01.01.2021 (integreringsforskriften § 72)."
        );
        let decision = decide_law(facts(d("2023-01-05"), None, Some(CollectiveProtection)));
        let reason = decision.reason.render(Language::Bokmal);
        assert!(reason.contains("kapittel 6A"), "{reason}");
        assert!(reason.contains("05.01.2023"), "{reason}");
    }

    #[test]
    fn identifiers_round_trip_and_unknown_is_no_override() {
        for law in Law::ALL {
            assert_eq!(Law::from_str_id(law.as_str()), Some(*law));
        }
        assert!(!Law::OVERRIDES.contains(&Law::Unknown));
        assert_eq!(Law::OVERRIDES.len(), Law::ALL.len() - 1);
    }
}
