//! The contact directory and each participant's interdisciplinary team:
//! organisations, the people in them, team roles, and the warnings that
//! say a team is incomplete.

use crate::domain::fields::{
    choice_field, date_field, email_field, finish, notes, optional_line, phone_field,
    required_date, required_line,
};
use crate::domain::participant::FinalGoal;
use crate::error::{FieldError, ValidationErrors};
use crate::messages;
use chrono::NaiveDate;
use serde::Deserialize;

choice! {
    /// The kind of a partner organisation.
    OrganisationKind {
        /// The local NAV office.
        NavOffice => "nav_office",
        /// The adult education centre (voksenopplæringen).
        AdultEducation => "adult_education",
        /// Health service (GP, health centre, mental health).
        HealthService => "health_service",
        /// The refugee service (flyktningtjenesten) itself.
        RefugeeService => "refugee_service",
        /// The county's career centre (karrieresenter).
        CareerCentre => "career_centre",
        /// A school.
        School => "school",
        /// An employer (work practice, job).
        Employer => "employer",
        /// An interpreter service.
        InterpreterService => "interpreter_service",
        /// Anything else.
        Other => "other",
    }
}

choice! {
    /// A member's role in a participant's team.
    TeamRole {
        /// The fixed contact person, who convenes meetings. Exactly one at a time.
        FixedContact => "fixed_contact",
        /// NAV advisor (veileder).
        NavAdvisor => "nav_advisor",
        /// Contact teacher at the adult education centre.
        ContactTeacher => "contact_teacher",
        /// Health contact.
        HealthContact => "health_contact",
        /// Career advisor at the career centre.
        CareerAdvisor => "career_advisor",
        /// Programme advisor (programrådgiver).
        ProgrammeAdvisor => "programme_advisor",
        /// Interpreter.
        Interpreter => "interpreter",
        /// Any other role.
        Other => "other",
    }
}

choice! {
    /// Why a team needs the caseworker's attention.
    TeamWarning {
        /// No current fixed contact person.
        NoFixedContact => "no_fixed_contact",
        /// Final goal work or hurtigspor, and nobody from NAV in the team.
        NoNavMember => "no_nav_member",
        /// A current member belongs to an organisation that has been deleted.
        DeletedOrganisation => "deleted_organisation",
    }
}

/// A current team member as the warning rules see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberFacts {
    /// The member's role in the team.
    pub role: TeamRole,
    /// The kind of the member's organisation.
    pub organisation_kind: OrganisationKind,
    /// Whether that organisation has been deleted from the directory.
    pub organisation_deleted: bool,
}

/// The warnings for one participant's team, from its current members.
///
/// `final_goal` and `hurtigspor` decide whether NAV must be in the team: a
/// participant aiming for work, or on the fast track, is followed by NAV.
pub fn team_warnings(
    final_goal: Option<FinalGoal>,
    hurtigspor: bool,
    current_members: &[MemberFacts],
) -> Vec<TeamWarning> {
    let mut warnings = Vec::new();
    if !current_members
        .iter()
        .any(|m| m.role == TeamRole::FixedContact)
    {
        warnings.push(TeamWarning::NoFixedContact);
    }
    let needs_nav = hurtigspor || final_goal == Some(FinalGoal::Work);
    if needs_nav
        && !current_members
            .iter()
            .any(|m| m.organisation_kind == OrganisationKind::NavOffice && !m.organisation_deleted)
    {
        warnings.push(TeamWarning::NoNavMember);
    }
    if current_members.iter().any(|m| m.organisation_deleted) {
        warnings.push(TeamWarning::DeletedOrganisation);
    }
    warnings
}

/// A validated organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDraft {
    /// Name ("NAV Fjordvik").
    pub name: String,
    /// Kind.
    pub kind: OrganisationKind,
}

/// An organisation as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrganisationForm {
    /// Name.
    pub name: String,
    /// Kind identifier.
    pub kind: String,
}

impl OrganisationForm {
    /// Validates the organisation.
    pub fn validate(&self) -> Result<OrganisationDraft, ValidationErrors> {
        let mut errors = Vec::new();
        let name = required_line(&mut errors, "name", &self.name);
        let kind = required_choice(
            &mut errors,
            "kind",
            &self.kind,
            OrganisationKind::from_str_id,
        );
        finish(errors, || OrganisationDraft {
            name,
            kind: kind.expect("checked"),
        })
    }
}

/// A validated contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDraft {
    /// Full name.
    pub name: String,
    /// The organisation the contact works for.
    pub organisation_id: i64,
    /// Job title or role in the organisation ("veileder", "kontaktlærer").
    pub title: String,
    /// Phone number.
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// Free notes (when they can be reached, and the like).
    pub notes: String,
}

/// A contact as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactForm {
    /// Full name.
    pub name: String,
    /// Organisation id.
    pub organisation_id: Option<i64>,
    /// Job title.
    pub title: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Notes.
    pub notes: String,
}

impl ContactForm {
    /// Validates the contact.
    pub fn validate(&self) -> Result<ContactDraft, ValidationErrors> {
        let mut errors = Vec::new();
        let name = required_line(&mut errors, "name", &self.name);
        if self.organisation_id.is_none() {
            errors.push(FieldError::new(
                "organisationId",
                "required",
                messages::ORGANISATION_REQUIRED,
            ));
        }
        let title = optional_line(&mut errors, "title", &self.title);
        let phone = phone_field(&mut errors, "phone", &self.phone);
        let email = email_field(&mut errors, "email", &self.email);
        let notes = notes(&mut errors, "notes", &self.notes);
        finish(errors, || ContactDraft {
            name,
            organisation_id: self.organisation_id.expect("checked"),
            title,
            phone,
            email,
            notes,
        })
    }
}

/// A validated team membership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipDraft {
    /// The contact who joins.
    pub contact_id: i64,
    /// Their role in the team.
    pub role: TeamRole,
    /// First day in the team.
    pub joined_on: NaiveDate,
}

/// A new team member as chosen in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MembershipForm {
    /// Contact id from the directory.
    pub contact_id: Option<i64>,
    /// Role identifier.
    pub role: String,
    /// First day, dd.mm.åååå.
    pub joined_on: String,
}

impl MembershipForm {
    /// Validates the membership; the joining day may not lie in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<MembershipDraft, ValidationErrors> {
        let mut errors = Vec::new();
        if self.contact_id.is_none() {
            errors.push(FieldError::new(
                "contactId",
                "required",
                messages::CONTACT_REQUIRED,
            ));
        }
        let role = required_choice(&mut errors, "role", &self.role, TeamRole::from_str_id);
        let joined_on = required_date(&mut errors, "joinedOn", &self.joined_on);
        if joined_on.is_some_and(|d| d > today) {
            errors.push(FieldError::new(
                "joinedOn",
                "date_in_future",
                messages::JOINED_IN_FUTURE,
            ));
        }
        finish(errors, || MembershipDraft {
            contact_id: self.contact_id.expect("checked"),
            role: role.expect("checked"),
            joined_on: joined_on.expect("checked"),
        })
    }
}

/// Parses the day a member left the team: required, not in the future.
pub fn parse_left_on(text: &str, today: NaiveDate) -> Result<NaiveDate, ValidationErrors> {
    let mut errors = Vec::new();
    let left = required_date(&mut errors, "leftOn", text);
    if left.is_some_and(|d| d > today) {
        errors.push(FieldError::new(
            "leftOn",
            "date_in_future",
            messages::LEFT_IN_FUTURE,
        ));
    }
    finish(errors, || left.expect("checked"))
}

/// A choice that must be made.
pub(crate) fn required_choice<T>(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    if text.trim().is_empty() {
        errors.push(FieldError::new(field, "required", messages::REQUIRED));
        return None;
    }
    choice_field(errors, field, text, parse)
}

/// A date field that may be empty.
pub(crate) fn optional_date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
) -> Option<NaiveDate> {
    date_field(errors, field, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(role: TeamRole, kind: OrganisationKind, deleted: bool) -> MemberFacts {
        MemberFacts {
            role,
            organisation_kind: kind,
            organisation_deleted: deleted,
        }
    }

    #[test]
    fn team_warnings_follow_the_rules() {
        use OrganisationKind as O;
        use TeamRole as R;
        use TeamWarning as W;
        let fixed = member(R::FixedContact, O::RefugeeService, false);
        let nav = member(R::NavAdvisor, O::NavOffice, false);
        let nav_deleted = member(R::NavAdvisor, O::NavOffice, true);
        let teacher = member(R::ContactTeacher, O::AdultEducation, false);
        // (case, final goal, hurtigspor, members, expected warnings)
        type Case<'a> = (&'a str, Option<FinalGoal>, bool, Vec<MemberFacts>, Vec<W>);
        let cases: Vec<Case> = vec![
            (
                "empty team, no goal",
                None,
                false,
                vec![],
                vec![W::NoFixedContact],
            ),
            (
                "fixed contact only, no goal",
                None,
                false,
                vec![fixed],
                vec![],
            ),
            (
                "work goal without NAV",
                Some(FinalGoal::Work),
                false,
                vec![fixed, teacher],
                vec![W::NoNavMember],
            ),
            (
                "work goal with NAV",
                Some(FinalGoal::Work),
                false,
                vec![fixed, nav],
                vec![],
            ),
            (
                "hurtigspor without NAV",
                Some(FinalGoal::UpperSecondary),
                true,
                vec![fixed],
                vec![W::NoNavMember],
            ),
            (
                "upper secondary without NAV is fine",
                Some(FinalGoal::UpperSecondary),
                false,
                vec![fixed],
                vec![],
            ),
            (
                "NAV member from a deleted office counts as missing",
                Some(FinalGoal::Work),
                false,
                vec![fixed, nav_deleted],
                vec![W::NoNavMember, W::DeletedOrganisation],
            ),
            (
                "nothing right at all",
                Some(FinalGoal::Work),
                true,
                vec![nav_deleted],
                vec![W::NoFixedContact, W::NoNavMember, W::DeletedOrganisation],
            ),
        ];
        for (case, goal, hurtigspor, members, expected) in cases {
            assert_eq!(
                team_warnings(goal, hurtigspor, &members),
                expected,
                "{case}: the team warnings should be exactly these"
            );
        }
    }

    #[test]
    fn membership_form_reports_every_problem() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let form = MembershipForm {
            contact_id: None,
            role: "boss".into(),
            joined_on: "01.12.2026".into(),
        };
        let errors = form.validate(today).unwrap_err();
        let fields: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_ref(), e.code))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("contactId", "required"),
                ("role", "invalid_choice"),
                ("joinedOn", "date_in_future")
            ],
            "a missing contact, an unknown role and a future date should all be reported"
        );
    }

    #[test]
    fn contact_form_checks_phone_and_email() {
        let form = ContactForm {
            name: "Åse Ødegård".into(),
            organisation_id: Some(1),
            phone: "abc".into(),
            email: "ase@".into(),
            ..ContactForm::default()
        };
        let errors = form.validate().unwrap_err();
        let codes: Vec<_> = errors.0.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            vec!["invalid_phone", "invalid_email"],
            "a bad phone number and a bad e-mail should both be reported"
        );
    }

    #[test]
    fn contact_texts_are_stored_composed() {
        let decomposed = "A\u{030A}se Ødega\u{030A}rd";
        let form = ContactForm {
            name: decomposed.into(),
            organisation_id: Some(1),
            title: decomposed.into(),
            notes: decomposed.into(),
            ..ContactForm::default()
        };
        let draft = form.validate().expect("the contact should be valid");
        for (field, text) in [
            ("name", &draft.name),
            ("title", &draft.title),
            ("notes", &draft.notes),
        ] {
            assert_eq!(text, "Åse Ødegård", "the {field} should be stored in NFC");
        }
    }
}
