//! Which law governs a participant's programme.
//!
//! Integreringsloven entered into force on 1 January 2021. It applies to
//! people granted a residence permit from that day, and to people granted a
//! permit before it who arrived in Norway from that day. Everyone else stays
//! under the older introduksjonsloven. When the dates needed to decide are
//! missing, the answer is "unknown" rather than a guess.

use crate::domain::date::format_date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The day integreringsloven entered into force. This is a fact of the
/// statute, not a tunable figure, so it is a constant.
pub const INTEGRERINGSLOVEN_IN_FORCE: NaiveDate = match NaiveDate::from_ymd_opt(2021, 1, 1) {
    Some(d) => d,
    None => panic!("1 January 2021 is a valid date"),
};

/// The act that governs a participant's programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Law {
    /// Integreringsloven (2021).
    Integreringsloven,
    /// Introduksjonsloven (2003), for those whose rights began before 2021.
    Introduksjonsloven,
    /// Not decidable from the registered dates.
    Unknown,
}

impl Law {
    /// Stable identifier used in the database and over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            Law::Integreringsloven => "integreringsloven",
            Law::Introduksjonsloven => "introduksjonsloven",
            Law::Unknown => "unknown",
        }
    }

    /// Parses the stable identifier.
    pub fn from_str_id(text: &str) -> Option<Self> {
        match text {
            "integreringsloven" => Some(Law::Integreringsloven),
            "introduksjonsloven" => Some(Law::Introduksjonsloven),
            "unknown" => Some(Law::Unknown),
            _ => None,
        }
    }
}

/// The computed law together with the sentence that explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawDecision {
    /// The law the dates point to.
    pub law: Law,
    /// One Norwegian sentence saying why, naming the dates used.
    pub reason: String,
}

/// Decides the law from the residence permit date and the arrival date.
pub fn decide_law(permit: Option<NaiveDate>, arrival: Option<NaiveDate>) -> LawDecision {
    let cutoff = INTEGRERINGSLOVEN_IN_FORCE;
    let cutoff_text = format_date(cutoff);
    match (permit, arrival) {
        (Some(p), _) if p >= cutoff => LawDecision {
            law: Law::Integreringsloven,
            reason: format!(
                "Integreringsloven gjelder fordi oppholdstillatelsen ble gitt {}, fra og med {}.",
                format_date(p),
                cutoff_text
            ),
        },
        (_, Some(a)) if a >= cutoff => LawDecision {
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
        (Some(p), None) => LawDecision {
            law: Law::Unknown,
            reason: format!(
                "Ukjent: oppholdstillatelsen ble gitt {} (før {}), men ankomstdatoen mangler. Kom personen til Norge fra og med {}, gjelder integreringsloven.",
                format_date(p),
                cutoff_text,
                cutoff_text
            ),
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

    fn d(text: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn law_follows_permit_and_arrival_dates() {
        use Law::*;
        let cases: &[(Option<NaiveDate>, Option<NaiveDate>, Law, &str)] = &[
            (
                d("2021-01-01"),
                None,
                Integreringsloven,
                "permit on the day the act entered into force",
            ),
            (
                d("2023-05-10"),
                d("2023-04-01"),
                Integreringsloven,
                "permit after 2021",
            ),
            (
                d("2023-05-10"),
                d("2019-01-01"),
                Integreringsloven,
                "permit after 2021 wins even with early arrival",
            ),
            (
                d("2020-12-31"),
                d("2021-01-01"),
                Integreringsloven,
                "old permit, arrival on the first day",
            ),
            (
                d("2019-06-01"),
                d("2022-02-14"),
                Integreringsloven,
                "old permit, arrival after 2021",
            ),
            (
                None,
                d("2022-02-14"),
                Integreringsloven,
                "arrival after 2021 decides even without permit date",
            ),
            (
                d("2020-12-31"),
                d("2020-12-31"),
                Introduksjonsloven,
                "both the day before",
            ),
            (
                d("2018-03-01"),
                d("2017-11-20"),
                Introduksjonsloven,
                "both long before",
            ),
            (
                d("2020-06-01"),
                None,
                Unknown,
                "old permit, arrival missing",
            ),
            (
                None,
                d("2020-06-01"),
                Unknown,
                "old arrival, permit missing",
            ),
            (None, None, Unknown, "no dates"),
        ];
        for (permit, arrival, expected, why) in cases {
            let decision = decide_law(*permit, *arrival);
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
        let decision = decide_law(d("2019-06-01"), d("2022-02-14"));
        assert_eq!(
            decision.reason,
            "Integreringsloven gjelder fordi personen kom til Norge 14.02.2022, fra og med 01.01.2021."
        );
    }

    #[test]
    fn identifiers_round_trip() {
        for law in [
            Law::Integreringsloven,
            Law::Introduksjonsloven,
            Law::Unknown,
        ] {
            assert_eq!(
                Law::from_str_id(law.as_str()),
                Some(law),
                "{law:?} should round-trip"
            );
        }
    }
}
