//! The participant form as typed, and its validation.
//!
//! The UI sends what the caseworker typed, unparsed: dates as `dd.mm.åååå`,
//! choices as identifiers. Validation here is the command boundary: it either
//! yields [`ParticipantDetails`] that the store may save, or every problem at
//! once, each tied to the form field it concerns.

use crate::domain::date::format_optional_date;
use crate::domain::deadline::ProgrammeFacts;
use crate::domain::fields::{
    choice_field, date_field, email_field, has_stray_control_characters, nfc, optional_line,
    phone_field, required_line, MAX_NOTES,
};
use crate::domain::identity_number::{IdentityNumber, IdentityNumberError};
use crate::domain::law::Law;
use crate::domain::participant::{
    Education, FinalGoal, Gender, LawOverride, ParticipantDetails, PermitBasis, Status,
};
use crate::error::{FieldError, ValidationErrors};
use crate::messages;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest programme length a plan may state, in months: ten years,
/// far beyond any statutory frame, so that a typing slip is caught while
/// every lawful plan (and the warning about an unlawful one) stays possible.
pub const MAX_PLANNED_MONTHS: u32 = 120;

/// The participant form exactly as the UI sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParticipantForm {
    /// Fornavn.
    pub given_name: String,
    /// Etternavn.
    pub family_name: String,
    /// Fødselsnummer or D-nummer; empty while unknown.
    pub identity_number: String,
    /// Fødselsdato, `dd.mm.åååå`.
    pub birth_date: String,
    /// Gender identifier; empty means unspecified.
    pub gender: String,
    /// Språk.
    pub languages: String,
    /// Trenger tolk.
    pub needs_interpreter: bool,
    /// Tolkespråk.
    pub interpreter_language: String,
    /// Telefon.
    pub phone: String,
    /// E-post.
    pub email: String,
    /// Adresse i kommunen.
    pub address: String,
    /// Dato for oppholdstillatelse.
    pub residence_permit_date: String,
    /// Ankomstdato til Norge.
    pub arrival_date: String,
    /// Bosettingsdato.
    pub settlement_date: String,
    /// Dato for krav om program.
    pub claim_date: String,
    /// Final goal identifier; empty while undecided.
    pub final_goal: String,
    /// Hurtigspor.
    pub hurtigspor: bool,
    /// Har eller venter barn.
    pub has_or_expects_children: bool,
    /// Kompetansekartlagt før bosetting.
    pub competence_mapped_before_settlement: bool,
    /// Status identifier; empty means prospective.
    pub status: String,
    /// Law override identifier; empty means no override.
    pub law_override: String,
    /// Reason for the override.
    pub law_override_reason: String,
    /// Notater.
    pub notes: String,
    /// Programmet startet.
    pub programme_start_date: String,
    /// Kompetansekartlagt.
    pub competence_mapping_date: String,
    /// Plan laget.
    pub plan_date: String,
    /// Plan sist gjennomgått.
    pub last_plan_review_date: String,
    /// Programmet avsluttet.
    pub ended_date: String,
    /// Deltakerbevis utstedt.
    pub certificate_issued_date: String,
    /// Overgangsmøte med NAV holdt.
    pub nav_handover_date: String,
    /// Foreldreveiledning gjennomført.
    pub parental_guidance_date: String,
    /// Permit basis identifier, or empty while unknown.
    pub permit_basis: String,
    /// Education background identifier, or empty for unknown.
    pub education: String,
    /// The programme's length in months as the plan fixes it, or empty.
    pub planned_length_months: String,
    /// Start of Norwegian training, `dd.mm.åååå`.
    pub norwegian_training_start: String,
    /// Norwegian training completed, `dd.mm.åååå`.
    pub norwegian_training_completed_date: String,
    /// Career guidance done, `dd.mm.åååå`.
    pub career_guidance_date: String,
    /// Livsmestring i et nytt land done, `dd.mm.åååå`.
    pub livsmestring_date: String,
}

impl ParticipantForm {
    /// Validates the form. `today` bounds dates that cannot lie in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<ParticipantDetails, ValidationErrors> {
        let mut errors = Vec::new();

        let given_name = required_line(&mut errors, "givenName", &self.given_name);
        let family_name = required_line(&mut errors, "familyName", &self.family_name);

        let identity_number = match self.identity_number.trim() {
            "" => None,
            text => match IdentityNumber::parse(text) {
                Ok(number) => Some(number),
                Err(e) => {
                    errors.push(identity_number_error(e));
                    None
                }
            },
        };

        let birth_date = date_field(&mut errors, "birthDate", &self.birth_date);
        if let Some(date) = birth_date {
            if date > today {
                errors.push(FieldError::new(
                    "birthDate",
                    "date_in_future",
                    messages::BIRTH_DATE_IN_FUTURE,
                ));
            } else if let Some(number) = &identity_number {
                let (day, month, year2) = number.birth_day_month_year2();
                if (date.day(), date.month(), date.year().rem_euclid(100) as u32)
                    != (day, month, year2)
                {
                    errors.push(FieldError::new(
                        "birthDate",
                        "birth_date_mismatch",
                        messages::BIRTH_DATE_MISMATCH,
                    ));
                }
            }
        }

        let gender = choice_field(&mut errors, "gender", &self.gender, Gender::from_str_id)
            .unwrap_or(Gender::Unspecified);
        let languages = optional_line(&mut errors, "languages", &self.languages);
        let interpreter_language = optional_line(
            &mut errors,
            "interpreterLanguage",
            &self.interpreter_language,
        );
        if self.needs_interpreter && interpreter_language.is_empty() {
            errors.push(FieldError::new(
                "interpreterLanguage",
                "required",
                messages::INTERPRETER_LANGUAGE_REQUIRED,
            ));
        }

        let phone = phone_field(&mut errors, "phone", &self.phone);
        let email = email_field(&mut errors, "email", &self.email);
        let address = optional_line(&mut errors, "address", &self.address);

        let residence_permit_date = date_field(
            &mut errors,
            "residencePermitDate",
            &self.residence_permit_date,
        );
        if residence_permit_date.is_some_and(|d| d > today) {
            errors.push(FieldError::new(
                "residencePermitDate",
                "date_in_future",
                messages::PERMIT_DATE_IN_FUTURE,
            ));
        }
        let arrival_date = date_field(&mut errors, "arrivalDate", &self.arrival_date);
        let settlement_date = date_field(&mut errors, "settlementDate", &self.settlement_date);
        if let (Some(arrival), Some(settlement)) = (arrival_date, settlement_date) {
            if settlement < arrival {
                errors.push(FieldError::new(
                    "settlementDate",
                    "settlement_before_arrival",
                    messages::SETTLEMENT_BEFORE_ARRIVAL,
                ));
            }
        }
        let claim_date = date_field(&mut errors, "claimDate", &self.claim_date);

        let final_goal = choice_field(
            &mut errors,
            "finalGoal",
            &self.final_goal,
            FinalGoal::from_str_id,
        );
        let status = choice_field(&mut errors, "status", &self.status, Status::from_str_id)
            .unwrap_or(Status::Prospective);
        let permit_basis = choice_field(
            &mut errors,
            "permitBasis",
            &self.permit_basis,
            PermitBasis::from_str_id,
        );
        let education = choice_field(
            &mut errors,
            "education",
            &self.education,
            Education::from_str_id,
        )
        .unwrap_or(Education::Unknown);
        let planned_length_months = match self.planned_length_months.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(months) if (1..=MAX_PLANNED_MONTHS).contains(&months) => Some(months),
                _ => {
                    errors.push(FieldError::new(
                        "plannedLengthMonths",
                        "months_out_of_range",
                        messages::planned_length_out_of_range(1, MAX_PLANNED_MONTHS),
                    ));
                    None
                }
            },
        };

        let override_law = choice_field(&mut errors, "lawOverride", &self.law_override, |id| {
            Law::from_str_id(id).filter(|law| *law != Law::Unknown)
        });
        let override_reason = nfc(self.law_override_reason.trim());
        let law_override = match override_law {
            Some(_) if override_reason.is_empty() => {
                errors.push(FieldError::new(
                    "lawOverrideReason",
                    "required",
                    messages::OVERRIDE_REASON_REQUIRED,
                ));
                None
            }
            Some(law) => {
                if override_reason.chars().count() > MAX_NOTES {
                    errors.push(FieldError::new(
                        "lawOverrideReason",
                        "too_long",
                        messages::too_long(MAX_NOTES),
                    ));
                } else if has_stray_control_characters(&override_reason) {
                    // A NUL would also break the table's non-empty check,
                    // since SQLite's length() stops at the first NUL.
                    errors.push(FieldError::new(
                        "lawOverrideReason",
                        "control_characters",
                        messages::TEXT_CONTROL_CHARACTERS,
                    ));
                }
                Some(LawOverride {
                    law,
                    reason: override_reason,
                })
            }
            None => None,
        };

        // The start of Norwegian training may lie ahead (it is planned).
        let norwegian_training_start = date_field(
            &mut errors,
            "norwegianTrainingStart",
            &self.norwegian_training_start,
        );
        let mut done = |field: &'static str, text: &str| {
            let date = date_field(&mut errors, field, text);
            if date.is_some_and(|d| d > today) {
                errors.push(FieldError::new(
                    field,
                    "date_in_future",
                    messages::DONE_DATE_IN_FUTURE,
                ));
            }
            date
        };
        let programme = ProgrammeFacts {
            programme_start_date: done("programmeStartDate", &self.programme_start_date),
            competence_mapping_date: done("competenceMappingDate", &self.competence_mapping_date),
            plan_date: done("planDate", &self.plan_date),
            last_plan_review_date: done("lastPlanReviewDate", &self.last_plan_review_date),
            ended_date: done("endedDate", &self.ended_date),
            certificate_issued_date: done("certificateIssuedDate", &self.certificate_issued_date),
            nav_handover_date: done("navHandoverDate", &self.nav_handover_date),
            parental_guidance_date: done("parentalGuidanceDate", &self.parental_guidance_date),
            norwegian_training_start,
            norwegian_training_completed_date: done(
                "norwegianTrainingCompletedDate",
                &self.norwegian_training_completed_date,
            ),
            career_guidance_date: done("careerGuidanceDate", &self.career_guidance_date),
            livsmestring_date: done("livsmestringDate", &self.livsmestring_date),
        };

        let notes = nfc(self.notes.trim_end());
        if notes.chars().count() > MAX_NOTES {
            errors.push(FieldError::new(
                "notes",
                "too_long",
                messages::note_too_long(MAX_NOTES),
            ));
        }

        if !errors.is_empty() {
            return Err(ValidationErrors(errors));
        }
        Ok(ParticipantDetails {
            given_name,
            family_name,
            identity_number,
            birth_date,
            gender,
            languages,
            needs_interpreter: self.needs_interpreter,
            interpreter_language: if self.needs_interpreter {
                interpreter_language
            } else {
                String::new()
            },
            phone,
            email,
            address,
            residence_permit_date,
            arrival_date,
            settlement_date,
            claim_date,
            permit_basis,
            education,
            final_goal,
            planned_length_months,
            hurtigspor: self.hurtigspor,
            has_or_expects_children: self.has_or_expects_children,
            competence_mapped_before_settlement: self.competence_mapped_before_settlement,
            status,
            law_override,
            notes,
            programme,
        })
    }
}

impl From<&ParticipantDetails> for ParticipantForm {
    /// The form as it should look when the caseworker opens a saved
    /// participant for editing: dates as `dd.mm.åååå`, choices as identifiers.
    fn from(details: &ParticipantDetails) -> Self {
        Self {
            given_name: details.given_name.clone(),
            family_name: details.family_name.clone(),
            identity_number: details
                .identity_number
                .as_ref()
                .map(|n| n.as_str().to_string())
                .unwrap_or_default(),
            birth_date: format_optional_date(details.birth_date),
            gender: details.gender.as_str().to_string(),
            languages: details.languages.clone(),
            needs_interpreter: details.needs_interpreter,
            interpreter_language: details.interpreter_language.clone(),
            phone: details.phone.clone(),
            email: details.email.clone(),
            address: details.address.clone(),
            residence_permit_date: format_optional_date(details.residence_permit_date),
            arrival_date: format_optional_date(details.arrival_date),
            settlement_date: format_optional_date(details.settlement_date),
            claim_date: format_optional_date(details.claim_date),
            final_goal: details
                .final_goal
                .map(|g| g.as_str().to_string())
                .unwrap_or_default(),
            hurtigspor: details.hurtigspor,
            has_or_expects_children: details.has_or_expects_children,
            competence_mapped_before_settlement: details.competence_mapped_before_settlement,
            status: details.status.as_str().to_string(),
            law_override: details
                .law_override
                .as_ref()
                .map(|o| o.law.as_str().to_string())
                .unwrap_or_default(),
            law_override_reason: details
                .law_override
                .as_ref()
                .map(|o| o.reason.clone())
                .unwrap_or_default(),
            notes: details.notes.clone(),
            programme_start_date: format_optional_date(details.programme.programme_start_date),
            competence_mapping_date: format_optional_date(
                details.programme.competence_mapping_date,
            ),
            plan_date: format_optional_date(details.programme.plan_date),
            last_plan_review_date: format_optional_date(details.programme.last_plan_review_date),
            ended_date: format_optional_date(details.programme.ended_date),
            certificate_issued_date: format_optional_date(
                details.programme.certificate_issued_date,
            ),
            nav_handover_date: format_optional_date(details.programme.nav_handover_date),
            parental_guidance_date: format_optional_date(details.programme.parental_guidance_date),
            permit_basis: details
                .permit_basis
                .map(|b| b.as_str().to_string())
                .unwrap_or_default(),
            education: details.education.as_str().to_string(),
            planned_length_months: details
                .planned_length_months
                .map(|m| m.to_string())
                .unwrap_or_default(),
            norwegian_training_start: format_optional_date(
                details.programme.norwegian_training_start,
            ),
            norwegian_training_completed_date: format_optional_date(
                details.programme.norwegian_training_completed_date,
            ),
            career_guidance_date: format_optional_date(details.programme.career_guidance_date),
            livsmestring_date: format_optional_date(details.programme.livsmestring_date),
        }
    }
}

fn identity_number_error(error: IdentityNumberError) -> FieldError {
    let (code, message) = match error {
        IdentityNumberError::WrongLength => {
            ("identity_number_length", messages::IDENTITY_NUMBER_LENGTH)
        }
        IdentityNumberError::NotDigits => {
            ("identity_number_digits", messages::IDENTITY_NUMBER_DIGITS)
        }
        IdentityNumberError::InvalidDate => {
            ("identity_number_date", messages::IDENTITY_NUMBER_DATE)
        }
        IdentityNumberError::WrongCheckDigits => (
            "identity_number_checksum",
            messages::IDENTITY_NUMBER_CHECKSUM,
        ),
    };
    FieldError::new("identityNumber", code, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::{is_plausible_email, is_plausible_phone};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn valid_form() -> ParticipantForm {
        ParticipantForm {
            given_name: "Amina".into(),
            family_name: "Testesen".into(),
            identity_number: "30108299920".into(),
            birth_date: "30.10.1982".into(),
            settlement_date: "10.03.2025".into(),
            arrival_date: "01.02.2025".into(),
            ..ParticipantForm::default()
        }
    }

    #[test]
    fn a_valid_form_yields_details() {
        let details = valid_form()
            .validate(today())
            .expect("the form should be valid");
        assert_eq!(details.given_name, "Amina");
        assert_eq!(
            details.status,
            Status::Prospective,
            "status defaults to prospective"
        );
        assert_eq!(
            details.gender,
            Gender::Unspecified,
            "gender defaults to unspecified"
        );
        assert_eq!(details.effective_law(), Law::Integreringsloven);
    }

    #[test]
    fn each_bad_field_is_reported_with_its_code() {
        type Mutate = fn(&mut ParticipantForm);
        let cases: &[(&str, Mutate, &str, &str)] = &[
            (
                "empty given name",
                |f| f.given_name = "  ".into(),
                "givenName",
                "required",
            ),
            (
                "empty family name",
                |f| f.family_name.clear(),
                "familyName",
                "required",
            ),
            (
                "short number",
                |f| f.identity_number = "3010829992".into(),
                "identityNumber",
                "identity_number_length",
            ),
            (
                "letters in number",
                |f| f.identity_number = "3010829992x".into(),
                "identityNumber",
                "identity_number_digits",
            ),
            (
                "bad check digit",
                |f| f.identity_number = "30108299921".into(),
                "identityNumber",
                "identity_number_checksum",
            ),
            (
                "bad date in number",
                |f| f.identity_number = "32108299920".into(),
                "identityNumber",
                "identity_number_date",
            ),
            (
                "birth date typo",
                |f| f.birth_date = "31.02.1982".into(),
                "birthDate",
                "invalid_date",
            ),
            (
                "birth date mismatch",
                |f| f.birth_date = "30.10.1983".into(),
                "birthDate",
                "birth_date_mismatch",
            ),
            (
                "birth date in future",
                |f| {
                    f.identity_number.clear();
                    f.birth_date = "01.01.2030".into()
                },
                "birthDate",
                "date_in_future",
            ),
            (
                "year 1850",
                |f| f.arrival_date = "01.01.1850".into(),
                "arrivalDate",
                "date_too_early",
            ),
            (
                "settled before arrival",
                |f| f.settlement_date = "01.01.2025".into(),
                "settlementDate",
                "settlement_before_arrival",
            ),
            (
                "permit in future",
                |f| f.residence_permit_date = "01.01.2027".into(),
                "residencePermitDate",
                "date_in_future",
            ),
            (
                "unknown gender",
                |f| f.gender = "x".into(),
                "gender",
                "invalid_choice",
            ),
            (
                "unknown status",
                |f| f.status = "dead".into(),
                "status",
                "invalid_choice",
            ),
            (
                "unknown goal",
                |f| f.final_goal = "fame".into(),
                "finalGoal",
                "invalid_choice",
            ),
            (
                "override to unknown",
                |f| {
                    f.law_override = "unknown".into();
                    f.law_override_reason = "x".into()
                },
                "lawOverride",
                "invalid_choice",
            ),
            (
                "override without reason",
                |f| f.law_override = "introduksjonsloven".into(),
                "lawOverrideReason",
                "required",
            ),
            (
                "interpreter without language",
                |f| f.needs_interpreter = true,
                "interpreterLanguage",
                "required",
            ),
            (
                "bad email",
                |f| f.email = "amina.example.no".into(),
                "email",
                "invalid_email",
            ),
            (
                "bad phone",
                |f| f.phone = "ring meg".into(),
                "phone",
                "invalid_phone",
            ),
            (
                "long name",
                |f| f.given_name = "a".repeat(201),
                "givenName",
                "too_long",
            ),
            (
                "newline in name",
                |f| f.given_name = "A\u{0}mina".into(),
                "givenName",
                "control_characters",
            ),
        ];
        for (why, mutate, field, code) in cases {
            let mut form = valid_form();
            mutate(&mut form);
            let errors = form.validate(today()).expect_err(why);
            assert!(
                errors
                    .0
                    .iter()
                    .any(|e| e.field == *field && e.code == *code),
                "{why}: expected {code} on {field}, got {:?}",
                errors.0
            );
        }
    }

    #[test]
    fn every_free_text_field_is_stored_composed() {
        // Each text decomposed (a base letter and combining marks), as a
        // Mac keyboard or a PDF pastes it.
        let decomposed = "Nguye\u{0302}\u{0303}n Ødega\u{030A}rd";
        let composed = "Nguy\u{1EC5}n Ødegård";
        let form = ParticipantForm {
            given_name: decomposed.into(),
            family_name: decomposed.into(),
            languages: decomposed.into(),
            needs_interpreter: true,
            interpreter_language: decomposed.into(),
            address: decomposed.into(),
            law_override: "introduksjonsloven".into(),
            law_override_reason: decomposed.into(),
            notes: decomposed.into(),
            ..valid_form()
        };
        let details = form.validate(today()).expect("the form should be valid");
        let stored = [
            ("given name", details.given_name.as_str()),
            ("family name", &details.family_name),
            ("languages", &details.languages),
            ("interpreter language", &details.interpreter_language),
            ("address", &details.address),
            (
                "override reason",
                &details.law_override.as_ref().unwrap().reason,
            ),
            ("notes", &details.notes),
        ];
        for (field, text) in stored {
            assert_eq!(text, composed, "{field} should be stored in NFC");
        }
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let form = ParticipantForm {
            identity_number: "123".into(),
            email: "nope".into(),
            ..ParticipantForm::default()
        };
        let errors = form.validate(today()).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(
            fields,
            ["givenName", "familyName", "identityNumber", "email"]
        );
    }

    #[test]
    fn override_with_reason_is_kept_and_wins() {
        let mut form = valid_form();
        form.law_override = "introduksjonsloven".into();
        form.law_override_reason = "Vedtak fra IMDi datert 01.02.2025.".into();
        let details = form.validate(today()).unwrap();
        assert_eq!(
            details.effective_law(),
            Law::Introduksjonsloven,
            "the override should win"
        );
        assert_eq!(
            details.computed_law().law,
            Law::Integreringsloven,
            "the computed law stays visible"
        );
    }

    #[test]
    fn saved_details_round_trip_through_the_form() {
        let mut form = valid_form();
        form.law_override = "introduksjonsloven".into();
        form.law_override_reason = "Begrunnelse.".into();
        form.final_goal = "work".into();
        form.status = "active".into();
        form.programme_start_date = "01.04.2025".into();
        form.plan_date = "15.04.2025".into();
        let details = form.validate(today()).unwrap();
        let again = ParticipantForm::from(&details).validate(today()).unwrap();
        assert_eq!(
            again, details,
            "a saved participant opened for editing must save unchanged"
        );
    }

    #[test]
    fn plausible_contact_details_pass() {
        for phone in ["+47 912 34 567", "91234567", "(+47) 912-34-567", "02800"] {
            assert!(is_plausible_phone(phone), "{phone} should be accepted");
        }
        for email in ["a@b.no", "amina.testesen@kommune.no"] {
            assert!(is_plausible_email(email), "{email} should be accepted");
        }
    }
}
