//! The legal citations a deadline names as its source, where no statutory
//! rule in [`statute`](crate::domain::statute) carries the figure itself.
//!
//! A citation is a reference to a Norwegian law or guidance text, quoted as
//! published; it is data, not something the program says, so it stays in
//! Norwegian in every language (a Nynorsk or English document cites
//! «integreringsloven § 12» as Lovdata does). The deadline rules take each
//! citation from here, so one reference is written once.

/// Programme start when the law is not yet known: either law's rule.
pub const PROGRAMME_START_EITHER_LAW: &str = "integreringsloven § 12 / introduksjonsloven § 3";
/// Competence mapping under the ordinary rules of integreringsloven.
pub const COMPETENCE_MAPPING: &str = "integreringsloven § 10 (jf. § 6)";
/// Competence mapping under chapter 6A (collective protection).
pub const COMPETENCE_MAPPING_6A: &str = "integreringsloven § 10, jf. kapittel 6A";
/// Career guidance at the county's career centre.
pub const CAREER_GUIDANCE: &str = "integreringsloven § 11";
/// The integration plan under integreringsloven.
pub const INTEGRATION_PLAN: &str = "integreringsloven §§ 15–16";
/// The integration plan under chapter 6A.
pub const INTEGRATION_PLAN_6A: &str = "integreringsloven §§ 15–16, jf. kapittel 6A";
/// The individual plan under introduksjonsloven, and its review.
pub const INDIVIDUAL_PLAN: &str = "introduksjonsloven § 6";
/// The review of the integration plan under integreringsloven.
pub const PLAN_REVIEW: &str = "integreringsloven § 15";
/// The programme's length under integreringsloven.
pub const PROGRAMME_LENGTH: &str = "integreringsloven §§ 13–14";
/// The programme's length under chapter 6A.
pub const PROGRAMME_LENGTH_6A: &str = "integreringsloven kapittel 6A";
/// The programme's length under introduksjonsloven.
pub const PROGRAMME_LENGTH_INTRODUKSJONSLOVEN: &str = "introduksjonsloven § 5";
/// The programme's length when the law is not yet known.
pub const PROGRAMME_LENGTH_EITHER_LAW: &str = "integreringsloven §§ 13–14 / introduksjonsloven § 5";
/// The hand-over to NAV before the programme ends: guidance, not law.
pub const NAV_HANDOVER: &str = "veileder for samarbeid mellom kommunen og NAV, punkt 4.1";
/// Livsmestring (coping with life in Norway) as part of the programme.
pub const LIVSMESTRING: &str = "integreringsloven § 14 a; integreringsforskriften § 4";
/// Parental guidance for participants with or expecting children.
pub const PARENTAL_GUIDANCE: &str = "integreringsloven § 14 a";
/// Follow-up from the fourth month of care leave.
pub const CARE_LEAVE_FOLLOWUP: &str = "integreringsforskriften § 16 andre ledd";
/// Registration with IMDi under integreringsloven.
pub const IMDI_REGISTRATION: &str = "integreringsloven § 43 andre ledd";
/// The certificate of participation under introduksjonsloven.
pub const CERTIFICATE_INTRODUKSJONSLOVEN: &str = "introduksjonsloven § 4 fjerde ledd";
/// The certificate of participation under integreringsloven.
pub const CERTIFICATE: &str = "integreringsloven § 18 a første ledd";
