//! Each closed set is defined once, in the core's `choice!` definitions (and
//! the law). The window keeps copies: the option lists in `ui/js/` and a
//! label per value in the text catalogue (`i18n/`). This test fails
//! when a copy names other values than the core, or a value has no label.
//! (The schema's CHECK lists are checked in the core: `store/schema_choices.rs`.)

use introspor_core::domain::audit::{AuditAction, AuditEntity};
use introspor_core::domain::deadline::{DeadlineKind, DeadlineStatus, EventKind, LeaveKind};
use introspor_core::domain::export::ExportKind;
use introspor_core::domain::interpreter::{
    InterpreterQualification, InterpreterWarningCode, InterpretingMode, TolkeregisterCategory,
    UnqualifiedException,
};
use introspor_core::domain::law::Law;
use introspor_core::domain::meeting::{LegalBasis, MeetingKind, Recipient};
use introspor_core::domain::organisation_cycle::CycleDutyKind;
use introspor_core::domain::participant::{Education, FinalGoal, Gender, PermitBasis, Status};
use introspor_core::domain::programme_frame::WarningCode;
use introspor_core::domain::report::Outcome;
use introspor_core::domain::statute::{RuleGroup, RuleKey};
use introspor_core::domain::team::{OrganisationKind, TeamRole, TeamWarning};
use introspor_core::import::ImportField;
use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The strings of `export const NAME = [ … ];` (or `const NAME = …`) in `source`.
fn js_list(source: &str, name: &str) -> BTreeSet<String> {
    let start = source
        .find(&format!("const {name} = ["))
        .unwrap_or_else(|| panic!("the list {name} should be in the window's code"));
    let rest = &source[start..];
    let body = &rest[rest.find('[').unwrap() + 1..rest.find("];").unwrap()];
    body.split(',')
        .map(|item| item.trim().trim_matches('"').to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Every key of the text catalogue: Bokmål's, which the core's own test
/// keeps equal to every other language's.
fn catalogue_keys() -> BTreeSet<String> {
    introspor_core::language::catalogue(introspor_core::language::Language::Bokmal)
        .texts()
        .keys()
        .cloned()
        .collect()
}

fn ids<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> BTreeSet<String> {
    all.iter().map(|&v| as_str(v).to_string()).collect()
}

fn with(mut set: BTreeSet<String>, extra: &[&str]) -> BTreeSet<String> {
    set.extend(extra.iter().map(|s| s.to_string()));
    set
}

#[test]
fn the_windows_option_lists_name_exactly_the_cores_closed_sets() {
    let format = read("ui/js/format.js");
    let team = read("ui/js/views/participant-team.js");
    let contacts = read("ui/js/views/contacts.js");
    let meetings = read("ui/js/views/meeting-list.js");
    let editor = read("ui/js/views/meeting-editor.js");
    // (file, list, the core's identifiers; own tasks are listed beside the
    // computed deadline kinds)
    let cases: Vec<(&str, &str, BTreeSet<String>)> = vec![
        (&format, "LAWS", ids(Law::ALL, Law::as_str)),
        (&format, "LAW_OVERRIDES", ids(Law::OVERRIDES, Law::as_str)),
        (
            &format,
            "PERMIT_BASES",
            ids(PermitBasis::ALL, PermitBasis::as_str),
        ),
        (
            &format,
            "EDUCATIONS",
            ids(Education::ALL, Education::as_str),
        ),
        (&format, "GOALS", ids(FinalGoal::ALL, FinalGoal::as_str)),
        (&format, "GENDERS", ids(Gender::ALL, Gender::as_str)),
        (
            &format,
            "DEADLINE_KINDS",
            with(ids(DeadlineKind::ALL, DeadlineKind::as_str), &["own_task"]),
        ),
        (
            &format,
            "EVENT_KINDS",
            ids(EventKind::ALL, EventKind::as_str),
        ),
        (
            &format,
            "LEAVE_KINDS",
            ids(LeaveKind::ALL, LeaveKind::as_str),
        ),
        (&team, "TEAM_ROLES", ids(TeamRole::ALL, TeamRole::as_str)),
        (
            &contacts,
            "ORGANISATION_KINDS",
            ids(OrganisationKind::ALL, OrganisationKind::as_str),
        ),
        (
            &meetings,
            "MEETING_KINDS",
            ids(MeetingKind::ALL, MeetingKind::as_str),
        ),
        (
            &editor,
            "RECIPIENTS",
            ids(Recipient::ALL, Recipient::as_str),
        ),
        (
            &editor,
            "LEGAL_BASES",
            ids(LegalBasis::ALL, LegalBasis::as_str),
        ),
        (
            &editor,
            "INTERPRETING_MODES",
            ids(InterpretingMode::ALL, InterpretingMode::as_str),
        ),
        (
            &editor,
            "INTERPRETER_QUALIFICATIONS",
            ids(
                InterpreterQualification::ALL,
                InterpreterQualification::as_str,
            ),
        ),
        (
            &editor,
            "TOLKEREGISTER_CATEGORIES",
            ids(TolkeregisterCategory::ALL, TolkeregisterCategory::as_str),
        ),
        (
            &editor,
            "UNQUALIFIED_EXCEPTIONS",
            ids(UnqualifiedException::ALL, UnqualifiedException::as_str),
        ),
    ];
    for (source, name, expected) in cases {
        assert_eq!(
            js_list(source, name),
            expected,
            "{name}: the window's list and the core's set should agree"
        );
    }
}

#[test]
fn every_value_of_every_closed_set_has_a_label_in_the_catalogue() {
    let keys = catalogue_keys();
    // (catalogue prefix, the core's identifiers)
    let cases: Vec<(&str, BTreeSet<String>)> = vec![
        ("law", ids(Law::ALL, Law::as_str)),
        ("permitBasis", ids(PermitBasis::ALL, PermitBasis::as_str)),
        (
            "interpretingMode",
            ids(InterpretingMode::ALL, InterpretingMode::as_str),
        ),
        (
            "interpreterQualification",
            ids(
                InterpreterQualification::ALL,
                InterpreterQualification::as_str,
            ),
        ),
        (
            "tolkeregisterCategory",
            ids(TolkeregisterCategory::ALL, TolkeregisterCategory::as_str),
        ),
        (
            "unqualifiedException",
            ids(UnqualifiedException::ALL, UnqualifiedException::as_str),
        ),
        (
            "interpreterWarning",
            ids(InterpreterWarningCode::ALL, InterpreterWarningCode::as_str),
        ),
        ("education", ids(Education::ALL, Education::as_str)),
        ("warning", ids(WarningCode::ALL, WarningCode::as_str)),
        ("ruleKey", ids(RuleKey::ALL, RuleKey::as_str)),
        ("ruleGroup", ids(RuleGroup::ALL, RuleGroup::as_str)),
        (
            "cooperation.duty",
            ids(CycleDutyKind::ALL, CycleDutyKind::as_str),
        ),
        ("goal", ids(FinalGoal::ALL, FinalGoal::as_str)),
        ("gender", ids(Gender::ALL, Gender::as_str)),
        ("status", ids(Status::ALL, Status::as_str)),
        (
            "kind",
            with(ids(DeadlineKind::ALL, DeadlineKind::as_str), &["own_task"]),
        ),
        ("dstatus", ids(DeadlineStatus::ALL, DeadlineStatus::as_str)),
        ("event", ids(EventKind::ALL, EventKind::as_str)),
        ("leave", ids(LeaveKind::ALL, LeaveKind::as_str)),
        ("role", ids(TeamRole::ALL, TeamRole::as_str)),
        (
            "orgKind",
            ids(OrganisationKind::ALL, OrganisationKind::as_str),
        ),
        ("teamWarning", ids(TeamWarning::ALL, TeamWarning::as_str)),
        ("meetingKind", ids(MeetingKind::ALL, MeetingKind::as_str)),
        ("recipient", ids(Recipient::ALL, Recipient::as_str)),
        ("legalBasis", ids(LegalBasis::ALL, LegalBasis::as_str)),
        ("audit.entity", ids(AuditEntity::ALL, AuditEntity::as_str)),
        ("audit.action", ids(AuditAction::ALL, AuditAction::as_str)),
        ("importField", ids(ImportField::ALL, ImportField::as_str)),
        ("exportKind", ids(ExportKind::ALL, ExportKind::as_str)),
        ("reports.outcome", ids(Outcome::ALL, Outcome::as_str)),
    ];
    for (prefix, values) in cases {
        let missing: Vec<&String> = values
            .iter()
            .filter(|value| !keys.contains(&format!("{prefix}.{value}")))
            .collect();
        assert!(
            missing.is_empty(),
            "{prefix}: no label in the catalogue (i18n/) for {missing:?}"
        );
    }
}

/// Every field the audit trail can record (`domain/audit_fields.rs`, kept
/// complete against the schema by the core's own test) has a label
/// `audit.field.<field>` in the catalogue, and every value of every closed
/// set such a field holds has its label `<set>.<value>`: a participant's
/// history never shows a column's or a value's internal name.
#[test]
fn every_field_the_audit_trail_records_and_every_choice_in_it_has_a_label() {
    use introspor_core::domain::audit_fields::{recorded_fields, FieldValue};
    let keys = catalogue_keys();
    let mut missing = BTreeSet::new();
    for (entity, field, value) in recorded_fields() {
        let key = format!("audit.field.{field}");
        if !keys.contains(&key) {
            missing.insert(format!("{key} ({})", entity.as_str()));
        }
        if let FieldValue::Choice(set) = value {
            for id in set.values() {
                let key = format!("{}.{id}", set.name());
                if !keys.contains(&key) {
                    missing.insert(format!("{key} ({}.{field})", entity.as_str()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no label in the catalogue (i18n/) for {} key(s): {missing:#?}",
        missing.len()
    );
}

/// The rule table in `docs/deadline-rules.md` is the one the engine uses:
/// every row of the core's table appears there with its key, regime,
/// group, reference and source, and the doc lists no more rows.
#[test]
fn the_documented_rule_table_is_the_cores() {
    use introspor_core::domain::statute::RULES;
    let doc = read("docs/deadline-rules.md");
    let rows: Vec<&str> = doc
        .lines()
        .filter(|line| {
            // The rule table's rows are numbered; the kinds table's are not.
            line.strip_prefix("| ")
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                && RuleKey::ALL
                    .iter()
                    .any(|key| line.contains(&format!("| `{}` |", key.as_str())))
        })
        .collect();
    assert_eq!(
        rows.len(),
        RULES.len(),
        "one documented row per rule in statute.rs"
    );
    for rule in RULES {
        let law = rule.law.map(Law::as_str).unwrap_or("all");
        let found = rows.iter().any(|line| {
            line.contains(&format!("`{}`", rule.key.as_str()))
                && line.contains(law)
                && line.contains(&format!("`{}`", rule.group.as_str()))
                && line.contains(rule.reference)
                && line.contains(rule.source_url)
        });
        assert!(
            found,
            "docs/deadline-rules.md should list {} for {law}/{} with {:?} and its source",
            rule.key.as_str(),
            rule.group.as_str(),
            rule.reference
        );
    }
}
