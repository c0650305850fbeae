//! Interpreters in meetings, as tolkeloven requires.
//!
//! A meeting records whether an interpreter was needed and used, in which
//! language and how, the interpreter's qualification (registered in
//! Nasjonalt tolkeregister, with its category when known, or not
//! qualified) and, for an unqualified interpreter, the exception relied on
//! and why. That the interpreter is an adult is confirmed on the record: a
//! child interpreting is refused unless it was an emergency, with a reason
//! (tolkeloven § 4). The interpreter's own name and details are not
//! recorded: the record is about the meeting, not the interpreter.
//!
//! Two warnings serve the municipality's internal control: a completed
//! meeting that needed an interpreter (the need is pre-filled from the
//! participants' «trenger tolk») with none used;
//! and an unqualified interpreter without a reason on or after the day the
//! transitional exception from the qualification requirement ends, a date
//! kept with its source in the rule table.

use crate::domain::statute::{date_rule, rule_date, RuleKey};
use chrono::{Days, NaiveDate};

choice! {
    /// How the interpreting was done.
    InterpretingMode {
        /// The interpreter was in the room.
        InPerson => "in_person",
        /// By telephone.
        Phone => "phone",
        /// By video.
        Video => "video",
    }
}

choice! {
    /// Whether the interpreter was qualified (tolkeloven § 7): meeting the
    /// requirements for Nasjonalt tolkeregister (being listed there is not
    /// required), or not.
    InterpreterQualification {
        /// Meets the requirements of Nasjonalt tolkeregister.
        Qualified => "qualified",
        /// Not qualified.
        NotQualified => "not_qualified",
    }
}

choice! {
    /// The interpreter's category in Nasjonalt tolkeregister (A highest).
    TolkeregisterCategory {
        /// Statsautorisasjon og bachelorgrad.
        A => "a",
        /// Bachelorgrad, eller statsautorisasjon og grunnemne.
        B => "b",
        /// Statsautorisasjon.
        C => "c",
        /// Grunnemne (30 studiepoeng tolking i offentlig sektor).
        D => "d",
        /// Tospråktesten og kurs (TAO), eller translatør/fagoversetter og kurs.
        E => "e",
    }
}

choice! {
    /// The exception relied on when the interpreter was not qualified
    /// (tolkeloven § 7 andre ledd, as Helsedirektoratet renders it).
    UnqualifiedException {
        /// Waiting for a qualified interpreter was not justifiable.
        CannotWait => "cannot_wait",
        /// An emergency.
        Emergency => "emergency",
        /// Other strong reasons.
        OtherStrongReasons => "other_strong_reasons",
    }
}

choice! {
    /// What an interpreter warning is about.
    InterpreterWarningCode {
        /// A completed meeting about someone who needs an interpreter, with none.
        NeededButAbsent => "interpreter_needed_absent",
        /// An unqualified interpreter, without a reason, after the transition.
        UnqualifiedWithoutReason => "unqualified_without_reason",
    }
}

/// What a meeting records about interpreting, beyond whether an
/// interpreter was used and the language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InterpreterDetails {
    /// An interpreter was needed (pre-filled from the participants).
    pub needed: bool,
    /// How the interpreting was done.
    pub mode: Option<InterpretingMode>,
    /// The interpreter's qualification.
    pub qualification: Option<InterpreterQualification>,
    /// The category in Nasjonalt tolkeregister, when known.
    pub category: Option<TolkeregisterCategory>,
    /// The exception relied on, for an unqualified interpreter.
    pub exception: Option<UnqualifiedException>,
    /// Why an unqualified interpreter was used.
    pub reason: String,
    /// The caseworker confirmed that the interpreter is an adult.
    pub adult_confirmed: bool,
    /// Why a child interpreted (an emergency); empty otherwise.
    pub child_emergency_reason: String,
}

/// One warning about a meeting's interpreting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterpreterWarning {
    /// What it is about.
    pub code: InterpreterWarningCode,
    /// What is wrong and what to do, rendered where it is shown.
    pub message: crate::language::Message,
    /// The legal reference.
    pub reference: String,
}

/// The minutes' line about the interpreter: presence, language, how, and
/// whether qualified (with the exception relied on). The caseworker's
/// free-text reasons stay in the record, not in the minutes, since they may
/// name people.
pub fn minutes_line(
    used: bool,
    language: &str,
    details: &InterpreterDetails,
    texts: &crate::language::Catalogue,
) -> String {
    use crate::language::Arg;
    let say = |key: &str| texts.render(key, &[]);
    if !used {
        return say(if details.needed {
            "minutes.interpreter.noThoughNeeded"
        } else {
            "minutes.interpreter.no"
        });
    }
    let mut line = texts.render(
        "minutes.interpreter.yes",
        &[("language", Arg::Text(language.to_string()))],
    );
    if let Some(mode) = details.mode {
        line.push_str(&texts.render(
            "minutes.interpreter.mode",
            &[(
                "mode",
                Arg::Text(say(&format!("minutes.interpreter.mode.{}", mode.as_str()))),
            )],
        ));
    }
    match details.qualification {
        Some(InterpreterQualification::Qualified) => {
            line.push_str(&say("minutes.interpreter.qualified"));
            if let Some(category) = details.category {
                line.push_str(&texts.render(
                    "minutes.interpreter.category",
                    &[("category", Arg::Text(category.as_str().to_uppercase()))],
                ));
            }
        }
        Some(InterpreterQualification::NotQualified) => {
            line.push_str(&say("minutes.interpreter.notQualified"));
            if let Some(exception) = details.exception {
                line.push_str(&texts.render(
                    "minutes.interpreter.exception",
                    &[(
                        "exception",
                        Arg::Text(say(&format!(
                            "minutes.interpreter.exception.{}",
                            exception.as_str()
                        ))),
                    )],
                ));
            }
        }
        None => {}
    }
    if !details.adult_confirmed && !details.child_emergency_reason.is_empty() {
        line.push_str(&say("minutes.interpreter.childEmergency"));
    }
    line
}

/// The first day an unqualified interpreter needs a recorded reason: the
/// day after the transitional exception ends.
pub fn reason_required_from() -> NaiveDate {
    rule_date(RuleKey::InterpreterTransitionUntil)
        .checked_add_days(Days::new(1))
        .expect("a date after the transition")
}

/// The facts the warnings look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InterpretingFacts<'a> {
    /// The meeting's date.
    pub date: NaiveDate,
    /// Whether the meeting is completed.
    pub completed: bool,
    /// Whether an interpreter was used.
    pub used: bool,
    /// The details.
    pub details: &'a InterpreterDetails,
}

/// The warnings a meeting's interpreting gives.
pub fn interpreter_warnings(facts: InterpretingFacts<'_>) -> Vec<InterpreterWarning> {
    let mut out = Vec::new();
    // The meeting's own record of the need decides: a new meeting has it
    // pre-filled from the participants' «trenger tolk», and the
    // caseworker corrects it when a participant was absent or managed
    // without.
    if facts.completed && facts.details.needed && !facts.used {
        out.push(InterpreterWarning {
            code: InterpreterWarningCode::NeededButAbsent,
            message: crate::messages::INTERPRETER_NEEDED_ABSENT,
            reference: "tolkeloven § 6".to_string(),
        });
    }
    let from = reason_required_from();
    if facts.used
        && facts.details.qualification == Some(InterpreterQualification::NotQualified)
        && facts.details.reason.trim().is_empty()
        && facts.date >= from
    {
        let rule = date_rule(RuleKey::InterpreterTransitionUntil);
        out.push(InterpreterWarning {
            code: InterpreterWarningCode::UnqualifiedWithoutReason,
            message: crate::messages::unqualified_without_reason(from),
            reference: rule.cited(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn each_rule_warns_exactly_when_it_should() {
        let unqualified = InterpreterDetails {
            qualification: Some(InterpreterQualification::NotQualified),
            adult_confirmed: true,
            ..Default::default()
        };
        let with_reason = InterpreterDetails {
            exception: Some(UnqualifiedException::CannotWait),
            reason: "Ingen kvalifisert tolk i tigrinja var ledig.".into(),
            ..unqualified.clone()
        };
        let registered = InterpreterDetails {
            qualification: Some(InterpreterQualification::Qualified),
            category: Some(TolkeregisterCategory::B),
            adult_confirmed: true,
            ..Default::default()
        };
        let none = InterpreterDetails::default();
        let needed = InterpreterDetails {
            needed: true,
            ..Default::default()
        };
        use InterpreterWarningCode::*;
        // (case, date, completed, used, details, expected)
        type Case<'a> = (
            &'a str,
            &'a str,
            bool,
            bool,
            &'a InterpreterDetails,
            Vec<InterpreterWarningCode>,
        );
        let cases: Vec<Case> = vec![
            (
                "needed, absent, completed",
                "2026-11-10",
                true,
                false,
                &needed,
                vec![NeededButAbsent],
            ),
            (
                "needed, absent, not yet completed",
                "2026-11-10",
                false,
                false,
                &needed,
                vec![],
            ),
            (
                "not needed (the caseworker unticked it), none used",
                "2026-11-10",
                true,
                false,
                &none,
                vec![],
            ),
            (
                "needed and used",
                "2026-11-10",
                true,
                true,
                &registered,
                vec![],
            ),
            (
                "unqualified without reason before the transition ends",
                "2026-12-31",
                true,
                true,
                &unqualified,
                vec![],
            ),
            (
                "unqualified without reason on the first day after it",
                "2027-01-01",
                true,
                true,
                &unqualified,
                vec![UnqualifiedWithoutReason],
            ),
            (
                "unqualified without reason, not yet completed, still warned",
                "2027-02-01",
                false,
                true,
                &unqualified,
                vec![UnqualifiedWithoutReason],
            ),
            (
                "unqualified with a reason after the transition",
                "2027-01-01",
                true,
                true,
                &with_reason,
                vec![],
            ),
            (
                "registered after the transition",
                "2027-03-01",
                true,
                true,
                &registered,
                vec![],
            ),
        ];
        for (case, date, completed, used, details, expected) in cases {
            let got: Vec<InterpreterWarningCode> = interpreter_warnings(InterpretingFacts {
                date: d(date),
                completed,
                used,
                details,
            })
            .into_iter()
            .map(|w| w.code)
            .collect();
            assert_eq!(got, expected, "{case}");
        }
    }

    #[test]
    fn the_minutes_line_says_presence_language_and_qualification() {
        let qualified = InterpreterDetails {
            mode: Some(InterpretingMode::InPerson),
            qualification: Some(InterpreterQualification::Qualified),
            category: Some(TolkeregisterCategory::B),
            adult_confirmed: true,
            ..Default::default()
        };
        let unqualified = InterpreterDetails {
            mode: Some(InterpretingMode::Phone),
            qualification: Some(InterpreterQualification::NotQualified),
            exception: Some(UnqualifiedException::CannotWait),
            reason: "Navnet på en slektning".into(),
            adult_confirmed: true,
            ..Default::default()
        };
        let cases = [
            (true, "arabisk", &qualified, "Ja, arabisk, oppmøtt; kvalifisert tolk (Nasjonalt tolkeregister, kategori B)"),
            (true, "tigrinja", &unqualified, "Ja, tigrinja, på telefon; ikke kvalifisert tolk (unntak: ikke forsvarlig å vente på kvalifisert tolk)"),
            (false, "", &InterpreterDetails::default(), "Nei"),
            (false, "", &InterpreterDetails { needed: true, ..Default::default() }, "Nei, selv om tolk var nødvendig"),
        ];
        for (used, language, details, expected) in cases {
            let texts = crate::language::catalogue(crate::language::Language::Bokmal);
            let line = minutes_line(used, language, details, texts);
            assert_eq!(line, expected);
            assert!(!line.contains("slektning"), "free-text reasons stay out");
        }
    }

    #[test]
    fn the_reason_is_required_from_the_day_after_the_transition() {
        assert_eq!(reason_required_from(), d("2027-01-01"));
    }
}
