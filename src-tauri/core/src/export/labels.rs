//! The words for the values of the closed sets (a status, a law, a
//! deadline's kind…) in the files Introspor writes.
//!
//! Each is the window's own label (`status.<id>`, `kind.<id>`… in
//! `i18n/<language>/window.toml`), so a word is written once and a file
//! says what the screen says, in any language. Only what the window has
//! no label for lives in the `exports` part (`file.*`): the neutral names
//! the calendar gives kinds that would tell a fact about the person.

use crate::domain::audit::{AuditAction, AuditEntity};
use crate::domain::deadline::{DeadlineKind, DeadlineStatus, EventKind};
use crate::domain::law::Law;
use crate::domain::participant::{Education, FinalGoal, Status};
use crate::domain::report::{final_goal_id, Outcome};
use crate::language::{catalogue, Language};
use crate::store::deadlines::OWN_TASK_KIND;

/// The label of `id` in the closed set whose keys start with `prefix`.
fn label(language: Language, prefix: &str, id: &str) -> String {
    catalogue(language).render(&format!("{prefix}.{id}"), &[])
}

/// A participant's status (`status.<id>`).
pub fn status_label(status: Status, language: Language) -> String {
    label(language, "status", status.as_str())
}

/// A law (`law.<id>`).
pub fn law_label(law: Law, language: Language) -> String {
    label(language, "law", law.as_str())
}

/// A final goal, or that none is decided (`goal.<id>`, `goal.none`).
pub fn final_goal_label(goal: Option<FinalGoal>, language: Language) -> String {
    label(language, "goal", final_goal_id(goal))
}

/// An education group (`education.<id>`).
pub fn education_label(education: Education, language: Language) -> String {
    label(language, "education", education.as_str())
}

/// How a legal duty was met (`reports.outcome.<id>`), as the reports
/// screen says it.
pub fn outcome_label(outcome: Outcome, language: Language) -> String {
    label(language, "reports.outcome", outcome.as_str())
}

/// A deadline's status (`dstatus.<id>`).
pub fn deadline_status_label(status: DeadlineStatus, language: Language) -> String {
    label(language, "dstatus", status.as_str())
}

/// A registrable event (`event.<id>`), as the participant's timeline
/// names it.
pub fn event_label(kind: EventKind, language: Language) -> String {
    label(language, "event", kind.as_str())
}

/// A deadline's kind as stored (`kind.<id>`, own tasks included); a kind
/// this version does not know is just «Frist» (`file.kind.unknown`),
/// rather than its identifier.
pub fn deadline_kind_label(kind: &str, language: Language) -> String {
    if DeadlineKind::from_str_id(kind).is_some() || kind == OWN_TASK_KIND {
        label(language, "kind", kind)
    } else {
        catalogue(language).render("file.kind.unknown", &[])
    }
}

/// The name a calendar shows for a deadline kind: the kind's own name,
/// except for the kinds whose name would tell a fact about the person
/// (that they are on care leave, that they have children), which get a
/// neutral one (`file.calendar.neutral.<id>`).
pub fn calendar_label(kind: &str, language: Language) -> String {
    match DeadlineKind::from_str_id(kind) {
        Some(kind @ (DeadlineKind::CareLeaveFollowup | DeadlineKind::ParentalGuidance)) => {
            label(language, "file.calendar.neutral", kind.as_str())
        }
        _ => deadline_kind_label(kind, language),
    }
}

/// What kind of record an audit entry is about (`audit.entity.<id>`), as
/// the audit screen names it.
pub fn audit_entity_label(entity: AuditEntity, language: Language) -> String {
    label(language, "audit.entity", entity.as_str())
}

/// What an audit entry did (`audit.action.<id>`).
pub fn audit_action_label(action: AuditAction, language: Language) -> String {
    label(language, "audit.action", action.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of every closed set the files name has a label in
    /// every language, so no file ever shows a bare key.
    #[test]
    fn every_value_has_a_label_in_every_language() {
        for language in Language::ALL {
            let texts = catalogue(language);
            let mut keys: Vec<String> = Vec::new();
            let mut add = |prefix: &str, ids: Vec<&str>| {
                keys.extend(ids.into_iter().map(|id| format!("{prefix}.{id}")));
            };
            add("status", Status::ALL.iter().map(|v| v.as_str()).collect());
            add("law", Law::ALL.iter().map(|v| v.as_str()).collect());
            add("goal", FinalGoal::ALL.iter().map(|v| v.as_str()).collect());
            add("goal", vec![final_goal_id(None)]);
            add(
                "education",
                Education::ALL.iter().map(|v| v.as_str()).collect(),
            );
            add(
                "reports.outcome",
                Outcome::ALL.iter().map(|v| v.as_str()).collect(),
            );
            add(
                "dstatus",
                DeadlineStatus::ALL.iter().map(|v| v.as_str()).collect(),
            );
            add("event", EventKind::ALL.iter().map(|v| v.as_str()).collect());
            add(
                "kind",
                DeadlineKind::ALL.iter().map(|v| v.as_str()).collect(),
            );
            add("kind", vec![OWN_TASK_KIND]);
            add(
                "audit.entity",
                AuditEntity::ALL.iter().map(|v| v.as_str()).collect(),
            );
            add(
                "audit.action",
                AuditAction::ALL.iter().map(|v| v.as_str()).collect(),
            );
            add(
                "file.calendar.neutral",
                vec![
                    DeadlineKind::CareLeaveFollowup.as_str(),
                    DeadlineKind::ParentalGuidance.as_str(),
                ],
            );
            for key in keys {
                assert!(texts.get(&key).is_some(), "{}: {key}", language.tag());
            }
        }
    }

    #[test]
    fn a_kind_this_version_does_not_know_is_just_a_deadline() {
        assert_eq!(
            deadline_kind_label("from_a_later_version", Language::Bokmal),
            "Frist"
        );
        assert_eq!(
            deadline_kind_label(OWN_TASK_KIND, Language::Bokmal),
            "Egen oppgave"
        );
        assert_eq!(
            calendar_label(DeadlineKind::ParentalGuidance.as_str(), Language::Bokmal),
            "Veiledningstilbud"
        );
    }
}
