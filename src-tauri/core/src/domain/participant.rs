//! The programme participant and the choices that describe them.

use crate::domain::deadline::{DeadlineFacts, ProgrammeFacts};
use crate::domain::identity_number::IdentityNumber;
use crate::domain::law::{decide_law, Law, LawDecision, LawFacts};
use chrono::NaiveDate;

choice! {
    /// Gender as the participant states it. Never derived from the identity
    /// number: the 2032 numbering drops that link, and it is the person's to say.
    Gender {
        /// Not stated.
        Unspecified => "unspecified",
        /// Woman.
        Female => "female",
        /// Man.
        Male => "male",
        /// Another gender.
        Other => "other",
    }
}

choice! {
    /// The participant's final goal (sluttmål); it drives programme length.
    FinalGoal {
        /// Ordinary work.
        Work => "work",
        /// Upper secondary education (videregående opplæring).
        UpperSecondary => "upper_secondary",
        /// Primary and lower secondary school for adults (grunnskole).
        PrimarySchool => "primary_school",
        /// Higher education.
        HigherEducation => "higher_education",
        /// Another goal.
        Other => "other",
    }
}

choice! {
    /// What the residence permit was granted on. It decides chapter 6A
    /// (collective protection) and whether integreringsforskriften § 72's
    /// arrival rule can apply (only to those who applied from abroad).
    PermitBasis {
        /// Asylum, applied for in Norway.
        Asylum => "asylum",
        /// Resettlement refugee (overføringsflyktning), applied from abroad.
        Resettlement => "resettlement",
        /// Family reunification, applied from abroad.
        FamilyReunification => "family_reunification",
        /// Temporary collective protection, utlendingsloven § 34.
        CollectiveProtection => "collective_protection",
        /// Another basis.
        Other => "other",
    }
}

choice! {
    /// The participant's education background, which decides the
    /// programme's statutory frame under integreringsloven.
    Education {
        /// Upper-secondary education (videregående) or higher.
        UpperSecondaryOrHigher => "upper_secondary_or_higher",
        /// Below upper-secondary level.
        BelowUpperSecondary => "below_upper_secondary",
        /// Not known (yet).
        Unknown => "unknown",
    }
}

choice! {
    /// Where the participant stands in the programme.
    Status {
        /// Settled or expected, programme not started.
        Prospective => "prospective",
        /// In the programme.
        Active => "active",
        /// On approved leave.
        OnLeave => "on_leave",
        /// Programme completed.
        Completed => "completed",
        /// Programme broken off.
        Terminated => "terminated",
        /// Moved to another municipality.
        MovedAway => "moved_away",
    }
}

/// The caseworker's decision to apply another law than the computed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawOverride {
    /// The law that applies instead.
    pub law: Law,
    /// Why, in the caseworker's words. Kept with the participant.
    pub reason: String,
}

/// Everything the caseworker records about a participant: the validated
/// content of the participant form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantDetails {
    /// Given name(s).
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Fødselsnummer or D-nummer, when known.
    pub identity_number: Option<IdentityNumber>,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// Gender as stated.
    pub gender: Gender,
    /// Languages spoken, as free text.
    pub languages: String,
    /// Whether an interpreter is needed.
    pub needs_interpreter: bool,
    /// The interpreter's language, when one is needed.
    pub interpreter_language: String,
    /// Phone number.
    pub phone: String,
    /// Email address.
    pub email: String,
    /// Address in the municipality.
    pub address: String,
    /// Date the residence permit was granted.
    pub residence_permit_date: Option<NaiveDate>,
    /// Date of arrival in Norway.
    pub arrival_date: Option<NaiveDate>,
    /// Date of settlement in the municipality.
    pub settlement_date: Option<NaiveDate>,
    /// Date the person claimed the programme, if later than settlement.
    pub claim_date: Option<NaiveDate>,
    /// What the residence permit was granted on, when known.
    pub permit_basis: Option<PermitBasis>,
    /// Education background.
    pub education: Education,
    /// Final goal (sluttmål), when decided.
    pub final_goal: Option<FinalGoal>,
    /// The programme's length in months as fixed in the integration plan
    /// (or the individual plan), when fixed.
    pub planned_length_months: Option<u32>,
    /// Fast track (hurtigspor).
    pub hurtigspor: bool,
    /// Has or expects children (parental guidance becomes mandatory).
    pub has_or_expects_children: bool,
    /// Competence mapping was done before settlement.
    pub competence_mapped_before_settlement: bool,
    /// Programme status.
    pub status: Status,
    /// The caseworker's override of the computed law, if any.
    pub law_override: Option<LawOverride>,
    /// Free notes.
    pub notes: String,
    /// Dates of what has been done in the programme.
    pub programme: ProgrammeFacts,
}

impl ParticipantDetails {
    /// What the deadline engine needs to know about this participant.
    /// Extension decisions are separate records; the store adds them.
    pub fn deadline_facts(&self) -> DeadlineFacts {
        DeadlineFacts {
            law: self.effective_law(),
            settlement_date: self.settlement_date,
            claim_date: self.claim_date,
            status: self.status,
            final_goal: self.final_goal,
            education: self.education,
            birth_date: self.birth_date,
            planned_length_months: self.planned_length_months,
            extensions: Vec::new(),
            mapped_before_settlement: self.competence_mapped_before_settlement,
            has_or_expects_children: self.has_or_expects_children,
            programme: self.programme.clone(),
        }
    }

    /// The law the dates point to, with its reason.
    pub fn computed_law(&self) -> LawDecision {
        decide_law(LawFacts {
            permit: self.residence_permit_date,
            arrival: self.arrival_date,
            permit_basis: self.permit_basis,
        })
    }

    /// The law in force for this participant: the override if there is one,
    /// otherwise the computed law.
    pub fn effective_law(&self) -> Law {
        self.law_override
            .as_ref()
            .map(|o| o.law)
            .unwrap_or_else(|| self.computed_law().law)
    }

    /// The key the participant list sorts by (Norwegian order).
    pub fn sort_key(&self) -> String {
        crate::domain::collation::name_sort_key(&self.family_name, &self.given_name)
    }

    /// Names and identity number folded for search (case and diacritics,
    /// see [`crate::domain::search_key`]), matched by the list's search.
    pub fn search_text(&self) -> String {
        let number = self
            .identity_number
            .as_ref()
            .map(IdentityNumber::as_str)
            .unwrap_or("");
        crate::domain::search_key::participant_search_text(
            &self.given_name,
            &self.family_name,
            number,
        )
    }
}

/// A participant as stored in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Database identifier.
    pub id: i64,
    /// The recorded facts.
    pub details: ParticipantDetails,
    /// When the participant was archived (ISO timestamp), if archived.
    pub archived_at: Option<String>,
    /// When the participant was anonymised, if they were: their personal
    /// data are gone and the record can no longer be changed.
    pub anonymised_on: Option<NaiveDate>,
    /// When the row was created (ISO timestamp, UTC).
    pub created_at: String,
    /// When the row was last changed (ISO timestamp, UTC).
    pub updated_at: String,
}

/// One row of the participant list: just what the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantSummary {
    /// Database identifier.
    pub id: i64,
    /// Given name(s).
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Identity number in masked form (`010190 *****`), when known.
    pub masked_identity_number: Option<String>,
    /// Programme status.
    pub status: Status,
    /// The law in force (override or computed).
    pub law: Law,
    /// Whether the caseworker overrode the computed law.
    pub law_overridden: bool,
    /// Settlement date.
    pub settlement_date: Option<NaiveDate>,
    /// Final goal.
    pub final_goal: Option<FinalGoal>,
    /// Whether the participant is archived.
    pub archived: bool,
}

/// How the participant list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParticipantSort {
    /// Family name, then given name, in Norwegian alphabetical order.
    #[default]
    Name,
    /// Newest settlement first; participants without a date last.
    SettlementDate,
}

/// Which participants the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParticipantQuery {
    /// Words that must all occur in the name or identity number, each
    /// compared folded for case and diacritics
    /// ([`crate::domain::search_key::search_key`]).
    pub search: String,
    /// Only this status.
    pub status: Option<Status>,
    /// Only this law (override or computed).
    pub law: Option<Law>,
    /// Archived participants instead of those in the register.
    pub archived: bool,
    /// Ordering.
    pub sort: ParticipantSort,
    /// At most this many rows (the UI pages through long lists).
    pub limit: Option<u32>,
}
