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

use crate::domain::date::format_date;
use crate::domain::participant::PermitBasis;
use crate::domain::statute::{rule_date, RuleKey};
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
    /// One Norwegian sentence saying why, naming the facts and the rule used.
    pub reason: String,
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
    let cutoff_text = format_date(cutoff);
    let LawFacts {
        permit,
        arrival,
        permit_basis,
    } = facts;
    if permit_basis == Some(PermitBasis::CollectiveProtection) {
        let from = rule_date(RuleKey::CollectiveProtectionFrom);
        match permit {
            Some(p) if p >= from => {
                return LawDecision {
                    law: Law::Integreringsloven6a,
                    reason: format!(
                        "Integreringsloven kapittel 6A gjelder fordi personen fikk midlertidig kollektiv beskyttelse (utlendingsloven § 34) {}, fra og med {}.",
                        format_date(p),
                        format_date(from)
                    ),
                }
            }
            None => {
                return LawDecision {
                    law: Law::Unknown,
                    reason: format!(
                        "Ukjent: personen har kollektiv beskyttelse, men datoen for oppholdstillatelsen mangler. Gitt fra og med {}, gjelder integreringsloven kapittel 6A.",
                        format_date(from)
                    ),
                }
            }
            // A § 34 permit before the chapter's first day follows the
            // ordinary rule below.
            Some(_) => {}
        }
    }
    match (permit, arrival) {
        (Some(p), _) if p >= cutoff => LawDecision {
            law: Law::Integreringsloven,
            reason: format!(
                "Integreringsloven gjelder fordi oppholdstillatelsen ble gitt {}, fra og med {}.",
                format_date(p),
                cutoff_text
            ),
        },
        (Some(p), Some(a)) if a >= cutoff => match applied_from_abroad(permit_basis) {
            Some(false) => LawDecision {
                law: Law::Introduksjonsloven,
                reason: format!(
                    "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt {} (før {}) på grunnlag av {}; at personen kom til Norge {} endrer ikke det, for integreringsforskriften § 72 gjelder bare dem som søkte fra utlandet.",
                    format_date(p),
                    cutoff_text,
                    permit_basis.map(PermitBasis::label_nb).unwrap_or(""),
                    format_date(a)
                ),
            },
            Some(true) => LawDecision {
                law: Law::Integreringsloven,
                reason: format!(
                    "Integreringsloven gjelder fordi personen søkte fra utlandet ({}) og kom til Norge {}, fra og med {} (integreringsforskriften § 72).",
                    permit_basis.map(PermitBasis::label_nb).unwrap_or(""),
                    format_date(a),
                    cutoff_text
                ),
            },
            None => LawDecision {
                law: Law::Integreringsloven,
                reason: format!(
                    "Integreringsloven gjelder fordi personen kom til Norge {}, fra og med {} (integreringsforskriften § 72, som forutsetter at personen søkte fra utlandet; oppholdsgrunnlaget er ikke registrert).",
                    format_date(a),
                    cutoff_text
                ),
            },
        },
        // An asylum seeker's permit always comes after the arrival, so an
        // arrival from the cut-off decides even without the permit date.
        (None, Some(a)) if a >= cutoff => LawDecision {
            law: Law::Integreringsloven,
            reason: format!(
                "Integreringsloven gjelder fordi personen kom til Norge {}, fra og med {}.",
                format_date(a),
                cutoff_text
            ),
        },
        (Some(p), Some(a)) => LawDecision {
            law: Law::Introduksjonsloven,
            reason: format!(
                "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt {} og personen kom til Norge {}, begge før {}.",
                format_date(p),
                format_date(a),
                cutoff_text
            ),
        },
        (Some(p), None) => match applied_from_abroad(permit_basis) {
            Some(false) => LawDecision {
                law: Law::Introduksjonsloven,
                reason: format!(
                    "Introduksjonsloven gjelder fordi oppholdstillatelsen ble gitt {}, før {}, på grunnlag av {} (søkt i Norge).",
                    format_date(p),
                    cutoff_text,
                    permit_basis.map(PermitBasis::label_nb).unwrap_or("")
                ),
            },
            _ => LawDecision {
                law: Law::Unknown,
                reason: format!(
                    "Ukjent: oppholdstillatelsen ble gitt {} (før {}), men ankomstdatoen mangler. Kom personen til Norge fra og med {}, gjelder integreringsloven.",
                    format_date(p),
                    cutoff_text,
                    cutoff_text
                ),
            },
        },
        (None, Some(a)) => LawDecision {
            law: Law::Unknown,
            reason: format!(
                "Ukjent: personen kom til Norge {} (før {}), men datoen for oppholdstillatelse mangler.",
                format_date(a),
                cutoff_text
            ),
        },
        (None, None) => LawDecision {
            law: Law::Unknown,
            reason: "Ukjent: dato for oppholdstillatelse og ankomstdato mangler.".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
                decision.reason.ends_with('.'),
                "{why}: the reason should be a full sentence"
            );
        }
    }

    #[test]
    fn reason_names_the_dates_in_norwegian_format() {
        let decision = decide_law(facts(d("2019-06-01"), d("2022-02-14"), Some(Resettlement)));
        assert_eq!(
            decision.reason,
            "Integreringsloven gjelder fordi personen søkte fra utlandet (overføringsflyktning) og kom til Norge 14.02.2022, fra og med 01.01.2021 (integreringsforskriften § 72)."
        );
        let decision = decide_law(facts(d("2023-01-05"), None, Some(CollectiveProtection)));
        assert!(
            decision.reason.contains("kapittel 6A"),
            "{}",
            decision.reason
        );
        assert!(
            decision.reason.contains("05.01.2023"),
            "{}",
            decision.reason
        );
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
