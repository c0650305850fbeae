//! Transport types for the legal model: the statutory rules as the
//! «Regelverk» screen shows them, the warnings about a participant's plan,
//! and extension decisions.

use introspor_core::domain::date::format_date;
use introspor_core::domain::programme_frame::{ExtensionDecision, ParticipantWarning};
use introspor_core::domain::statute::{RuleValue, StatutoryRule};
use introspor_core::store::extensions::WarnedParticipant;
use serde::Serialize;

/// One statutory rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatutoryRuleDto {
    /// What the rule fixes (a `RuleKey` identifier).
    pub key: String,
    /// The regime it applies to (a law identifier), or empty for all.
    pub law: String,
    /// The group it applies to (a `RuleGroup` identifier).
    pub group: String,
    /// The value's unit: `months`, `years`, `date`, `last_day_of_month` or `not_found`.
    pub unit: String,
    /// The value as a number or a `dd.mm.åååå` date; empty when not found.
    pub value: String,
    /// First day it applies, or empty.
    pub valid_from: String,
    /// Last day it applies, or empty.
    pub valid_to: String,
    /// The legal reference.
    pub reference: String,
    /// Where it was checked.
    pub source_url: String,
    /// A short quote from the source.
    pub quote: String,
    /// Whether the value was verified.
    pub verified: bool,
    /// What is uncertain.
    pub note: String,
}

impl From<&StatutoryRule> for StatutoryRuleDto {
    fn from(rule: &StatutoryRule) -> Self {
        let (unit, value) = match rule.value {
            RuleValue::Months(m) => ("months", m.to_string()),
            RuleValue::Years(y) => ("years", y.to_string()),
            RuleValue::Date(d) => ("date", format_date(d)),
            RuleValue::LastDayOfMonth(m) => ("last_day_of_month", m.to_string()),
            RuleValue::NotFound => ("not_found", String::new()),
        };
        Self {
            key: rule.key.as_str().to_string(),
            law: rule.law.map(|l| l.as_str().to_string()).unwrap_or_default(),
            group: rule.group.as_str().to_string(),
            unit: unit.to_string(),
            value,
            valid_from: rule.valid_from.map(format_date).unwrap_or_default(),
            valid_to: rule.valid_to.map(format_date).unwrap_or_default(),
            reference: rule.reference.to_string(),
            source_url: rule.source_url.to_string(),
            quote: rule.quote.to_string(),
            verified: rule.verified,
            note: rule.note.to_string(),
        }
    }
}

/// A warning about a participant's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WarningDto {
    /// Warning code.
    pub code: String,
    /// What is wrong and what to do, in Norwegian.
    pub message: String,
    /// The legal reference.
    pub reference: String,
    /// Where the rule was checked.
    pub source_url: String,
}

impl From<&ParticipantWarning> for WarningDto {
    fn from(w: &ParticipantWarning) -> Self {
        Self {
            code: w.code.as_str().to_string(),
            message: crate::error::in_window_language(&w.message),
            reference: w.reference.clone(),
            source_url: w.source_url.clone(),
        }
    }
}

/// A participant with a warning, for the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WarnedParticipantDto {
    /// The participant's id.
    pub participant_id: i64,
    /// Full name.
    pub name: String,
    /// The warning.
    pub warning: WarningDto,
}

impl From<&WarnedParticipant> for WarnedParticipantDto {
    fn from(w: &WarnedParticipant) -> Self {
        Self {
            participant_id: w.participant_id,
            name: w.name.clone(),
            warning: WarningDto::from(&w.warning),
        }
    }
}

/// An extension decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionDto {
    /// Id.
    pub id: i64,
    /// Decided, `dd.mm.åååå`.
    pub decided: String,
    /// Months added.
    pub months: u32,
    /// The reason.
    pub reason: String,
}

impl From<&ExtensionDecision> for ExtensionDto {
    fn from(e: &ExtensionDecision) -> Self {
        Self {
            id: e.id,
            decided: format_date(e.decided),
            months: e.months,
            reason: e.reason.clone(),
        }
    }
}
