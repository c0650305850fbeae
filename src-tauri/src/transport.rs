//! Transport types: what the window receives. Dates are already formatted as
//! `dd.mm.åååå`; choices are stable identifiers the UI translates.

use introspor_core::domain::date::format_optional_date;
use introspor_core::domain::participant::{Participant, ParticipantSummary};
use introspor_core::domain::participant_form::ParticipantForm;
use serde::{Deserialize, Serialize};

/// Which law applies, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LawDto {
    /// The law in force: the override if any, otherwise the computed one.
    pub effective: String,
    /// The law the dates point to.
    pub computed: String,
    /// Why the dates point there, in one Norwegian sentence.
    pub computed_reason: String,
    /// Whether the caseworker overrode the computed law.
    pub overridden: bool,
    /// The caseworker's reason for the override.
    pub override_reason: String,
}

/// A participant for the detail view and the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantDto {
    /// Database identifier.
    pub id: i64,
    /// Every form field, formatted for editing.
    #[serde(flatten)]
    pub form: ParticipantForm,
    /// The identity number masked for display (`010190 *****`).
    pub masked_identity_number: String,
    /// Which law applies, and why.
    pub law: LawDto,
    /// Whether the participant is archived.
    pub archived: bool,
    /// When the participant was archived (`dd.mm.åååå`), or empty.
    pub archived_on: String,
}

impl From<Participant> for ParticipantDto {
    fn from(participant: Participant) -> Self {
        let details = &participant.details;
        let computed = details.computed_law();
        let archived_on = participant
            .archived_at
            .as_deref()
            .and_then(|stamp| stamp.get(..10))
            .and_then(introspor_core::domain::date::parse_iso_date);
        Self {
            id: participant.id,
            form: ParticipantForm::from(details),
            masked_identity_number: details
                .identity_number
                .as_ref()
                .map(|n| n.masked())
                .unwrap_or_default(),
            law: LawDto {
                effective: details.effective_law().as_str().to_string(),
                computed: computed.law.as_str().to_string(),
                computed_reason: computed.reason,
                overridden: details.law_override.is_some(),
                override_reason: details
                    .law_override
                    .as_ref()
                    .map(|o| o.reason.clone())
                    .unwrap_or_default(),
            },
            archived: participant.archived_at.is_some(),
            archived_on: format_optional_date(archived_on),
        }
    }
}

/// One row of the participant list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantRowDto {
    /// Database identifier.
    pub id: i64,
    /// Given name(s).
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Masked identity number, or empty.
    pub masked_identity_number: String,
    /// Status identifier.
    pub status: String,
    /// Law identifier (in force).
    pub law: String,
    /// Whether the law was overridden.
    pub law_overridden: bool,
    /// Settlement date (`dd.mm.åååå`), or empty.
    pub settlement_date: String,
    /// Final goal identifier, or empty.
    pub final_goal: String,
    /// Whether the participant is archived.
    pub archived: bool,
}

impl From<ParticipantSummary> for ParticipantRowDto {
    fn from(row: ParticipantSummary) -> Self {
        Self {
            id: row.id,
            given_name: row.given_name,
            family_name: row.family_name,
            masked_identity_number: row.masked_identity_number.unwrap_or_default(),
            status: row.status.as_str().to_string(),
            law: row.law.as_str().to_string(),
            law_overridden: row.law_overridden,
            settlement_date: format_optional_date(row.settlement_date),
            final_goal: row
                .final_goal
                .map(|g| g.as_str().to_string())
                .unwrap_or_default(),
            archived: row.archived,
        }
    }
}

/// The list's search, filters and order as the window sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParticipantQueryDto {
    /// Free text: name or identity number.
    pub search: String,
    /// Status identifier, or empty for all.
    pub status: String,
    /// Law identifier, or empty for all.
    pub law: String,
    /// Show archived participants instead of the register.
    pub archived: bool,
    /// `name` (default) or `settlement`.
    pub sort: String,
}

/// Whether the app started properly, for the window's first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatusDto {
    /// The program version.
    pub version: String,
    /// Why the register could not be opened, if it could not.
    pub startup_error: Option<crate::error::IpcError>,
}
