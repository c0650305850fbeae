//! Conformance cases for the deadline engine: every `tests/cases/deadlines/*.toml`
//! is one case (format in the deadline issue); one test runs them all and
//! names every failing file.
//!
//! The engine is asked through [`assess`], so a case can check the warnings
//! as well as the deadlines: `[[expect.deadlines]]` must be computed (with
//! the given date, status and reference), `[[expect.absent]]` must not be
//! computed at all, and `[[expect.warnings]]` must be raised. Beyond the
//! documented format, `[[expect.absent_warnings]]` says a warning must not
//! be raised, and an expected deadline may check `reason_contains`.

use chrono::NaiveDate;
use introspor_core::domain::deadline::{
    assess, DeadlineFacts, DeadlineKind, DeadlineStatus, EventKind, Leave, LeaveKind,
    ProgrammeFacts, RegistrableEvent, RuleSettings,
};
use introspor_core::domain::law::{decide_law, Law, LawFacts};
use introspor_core::domain::participant::{Education, FinalGoal, PermitBasis, Status};
use introspor_core::domain::programme_frame::{ExtensionDecision, WarningCode};
use introspor_core::language::Language;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    today: NaiveDate,
    #[serde(default)]
    participant: CaseParticipant,
    #[serde(default)]
    settings: CaseSettings,
    #[serde(default)]
    events: Vec<CaseEvent>,
    #[serde(default)]
    leaves: Vec<CaseLeave>,
    #[serde(default)]
    extensions: Vec<CaseExtension>,
    expect: CaseExpect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct CaseParticipant {
    residence_permit_date: Option<NaiveDate>,
    arrival_date: Option<NaiveDate>,
    settlement_date: Option<NaiveDate>,
    claim_date: Option<NaiveDate>,
    programme_start_date: Option<NaiveDate>,
    competence_mapping_date: Option<NaiveDate>,
    plan_date: Option<NaiveDate>,
    last_plan_review_date: Option<NaiveDate>,
    status: Option<String>,
    ended_date: Option<NaiveDate>,
    certificate_issued_date: Option<NaiveDate>,
    final_goal: Option<String>,
    mapped_before_settlement: bool,
    has_or_expects_children: bool,
    law_override: Option<String>,
    permit_basis: Option<String>,
    education: Option<String>,
    birth_date: Option<NaiveDate>,
    planned_length_months: Option<u32>,
    norwegian_training_start: Option<NaiveDate>,
    career_guidance_date: Option<NaiveDate>,
    livsmestring_date: Option<NaiveDate>,
    // Beyond the documented format: dates that close three more deadlines.
    nav_handover_date: Option<NaiveDate>,
    parental_guidance_date: Option<NaiveDate>,
    norwegian_training_completed_date: Option<NaiveDate>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct CaseSettings {
    plan_review_months: Option<u32>,
    nav_handover_months: Option<u32>,
    programme_length_months: BTreeMap<String, u32>,
    // Beyond the documented format: the other intervals.
    programme_start_months: Option<u32>,
    competence_mapping_months: Option<u32>,
    imdi_registration_months: Option<u32>,
    care_leave_followup_months: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseEvent {
    kind: String,
    occurred: NaiveDate,
    registered: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseLeave {
    kind: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
    #[serde(default = "yes")]
    approved: bool,
    followup_date: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseExtension {
    decided: NaiveDate,
    months: u32,
    #[serde(default)]
    reason: String,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseExpect {
    law: Option<String>,
    #[serde(default)]
    deadlines: Vec<ExpectedDeadline>,
    #[serde(default)]
    absent: Vec<AbsentDeadline>,
    #[serde(default)]
    warnings: Vec<ExpectedWarning>,
    // Beyond the documented format: warnings that must not be raised.
    #[serde(default)]
    absent_warnings: Vec<AbsentWarning>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedDeadline {
    kind: String,
    due: Option<NaiveDate>,
    last_working_day: Option<NaiveDate>,
    status: Option<String>,
    reference_contains: Option<String>,
    // Beyond the documented format.
    reason_contains: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AbsentDeadline {
    kind: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedWarning {
    code: String,
    reference_contains: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AbsentWarning {
    code: String,
}

fn parse<T>(what: &str, id: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, String> {
    parse(id).ok_or_else(|| format!("unknown {what} {id:?}"))
}

fn settings(case: &CaseSettings) -> Result<RuleSettings, String> {
    let mut s = RuleSettings::default();
    let set = |target: &mut u32, value: Option<u32>| {
        if let Some(v) = value {
            *target = v;
        }
    };
    set(&mut s.plan_review_months, case.plan_review_months);
    set(&mut s.nav_handover_months, case.nav_handover_months);
    set(&mut s.programme_start_months, case.programme_start_months);
    set(
        &mut s.competence_mapping_months,
        case.competence_mapping_months,
    );
    set(
        &mut s.imdi_registration_months,
        case.imdi_registration_months,
    );
    set(
        &mut s.care_leave_followup_months,
        case.care_leave_followup_months,
    );
    for (goal, months) in &case.programme_length_months {
        let lengths = &mut s.programme_length_months;
        let slot = match goal.as_str() {
            "work" => &mut lengths.work,
            "upper_secondary" => &mut lengths.upper_secondary,
            "primary_school" => &mut lengths.primary_school,
            "higher_education" => &mut lengths.higher_education,
            "other" => &mut lengths.other,
            "undecided" => &mut lengths.undecided,
            other => {
                return Err(format!(
                    "unknown final goal {other:?} in programme_length_months"
                ))
            }
        };
        *slot = *months;
    }
    Ok(s)
}

fn run_case(case: &Case) -> Result<(), String> {
    let p = &case.participant;
    let permit_basis = p
        .permit_basis
        .as_deref()
        .map(|id| parse("permit basis", id, PermitBasis::from_str_id))
        .transpose()?;
    let computed = decide_law(LawFacts {
        permit: p.residence_permit_date,
        arrival: p.arrival_date,
        permit_basis,
    })
    .law;
    let law = match &p.law_override {
        Some(id) => parse("law", id, Law::from_str_id)?,
        None => computed,
    };
    if let Some(expected) = &case.expect.law {
        let expected = parse("law", expected, Law::from_str_id)?;
        if law != expected {
            return Err(format!("law: expected {expected:?}, got {law:?}"));
        }
    }
    let facts = DeadlineFacts {
        law,
        settlement_date: p.settlement_date,
        claim_date: p.claim_date,
        status: match &p.status {
            Some(id) => parse("status", id, Status::from_str_id)?,
            None => Status::Prospective,
        },
        final_goal: p
            .final_goal
            .as_deref()
            .map(|id| parse("final goal", id, FinalGoal::from_str_id))
            .transpose()?,
        education: match &p.education {
            Some(id) => parse("education", id, Education::from_str_id)?,
            None => Education::Unknown,
        },
        birth_date: p.birth_date,
        planned_length_months: p.planned_length_months,
        extensions: case
            .extensions
            .iter()
            .enumerate()
            .map(|(i, e)| ExtensionDecision {
                id: i as i64 + 1,
                decided: e.decided,
                months: e.months,
                reason: e.reason.clone(),
            })
            .collect(),
        mapped_before_settlement: p.mapped_before_settlement,
        has_or_expects_children: p.has_or_expects_children,
        programme: ProgrammeFacts {
            programme_start_date: p.programme_start_date,
            competence_mapping_date: p.competence_mapping_date,
            plan_date: p.plan_date,
            last_plan_review_date: p.last_plan_review_date,
            ended_date: p.ended_date,
            certificate_issued_date: p.certificate_issued_date,
            nav_handover_date: p.nav_handover_date,
            parental_guidance_date: p.parental_guidance_date,
            norwegian_training_start: p.norwegian_training_start,
            norwegian_training_completed_date: p.norwegian_training_completed_date,
            career_guidance_date: p.career_guidance_date,
            livsmestring_date: p.livsmestring_date,
        },
    };
    let events = case
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            Ok(RegistrableEvent {
                id: i as i64 + 1,
                kind: parse("event kind", &e.kind, EventKind::from_str_id)?,
                occurred: e.occurred,
                registered: e.registered,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let leaves = case
        .leaves
        .iter()
        .enumerate()
        .map(|(i, l)| {
            Ok(Leave {
                id: i as i64 + 1,
                kind: parse("leave kind", &l.kind, LeaveKind::from_str_id)?,
                start: l.start,
                end: l.end,
                approved: l.approved,
                followup_date: l.followup_date,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let assessment = assess(
        &facts,
        &events,
        &leaves,
        &settings(&case.settings)?,
        case.today,
    );
    let deadlines = &assessment.deadlines;
    let warnings = &assessment.warnings;

    for expected in &case.expect.deadlines {
        let kind = parse("deadline kind", &expected.kind, DeadlineKind::from_str_id)?;
        let candidates: Vec<_> = deadlines
            .iter()
            .filter(|d| d.kind == kind && expected.due.is_none_or(|due| d.due == due))
            .collect();
        let Some(found) = candidates.first() else {
            let same_kind: Vec<String> = deadlines
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| d.due.to_string())
                .collect();
            return Err(format!(
                "{} due {:?}: not computed (same kind due: {same_kind:?})",
                expected.kind, expected.due
            ));
        };
        if let Some(lwd) = expected.last_working_day {
            if found.last_working_day != lwd {
                return Err(format!(
                    "{} due {}: last working day expected {lwd}, got {}",
                    expected.kind, found.due, found.last_working_day
                ));
            }
        }
        if let Some(status) = &expected.status {
            let status = parse("status", status, DeadlineStatus::from_str_id)?;
            if found.status != status {
                return Err(format!(
                    "{} due {}: status expected {status:?}, got {:?}",
                    expected.kind, found.due, found.status
                ));
            }
        }
        if let Some(text) = &expected.reference_contains {
            if !found.reference.contains(text.as_str()) {
                return Err(format!(
                    "{}: reference {:?} should contain {text:?}",
                    expected.kind, found.reference
                ));
            }
        }
        // The cases are written against the Bokmål sentences.
        let reason = found.reason.render(Language::Bokmal);
        if let Some(text) = &expected.reason_contains {
            if !reason.contains(text.as_str()) {
                return Err(format!(
                    "{}: reason {reason:?} should contain {text:?}",
                    expected.kind
                ));
            }
        }
        if reason.trim().is_empty() || reason.contains('{') {
            return Err(format!("{}: every deadline needs a reason", expected.kind));
        }
    }

    for absent in &case.expect.absent {
        let kind = parse("deadline kind", &absent.kind, DeadlineKind::from_str_id)?;
        let present: Vec<String> = deadlines
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| format!("{} ({})", d.due, d.status.as_str()))
            .collect();
        if !present.is_empty() {
            return Err(format!(
                "{}: should not be computed, but is due {present:?}",
                absent.kind
            ));
        }
    }

    let raised: Vec<&str> = warnings.iter().map(|w| w.code.as_str()).collect();
    for expected in &case.expect.warnings {
        let code = parse("warning code", &expected.code, WarningCode::from_str_id)?;
        let Some(found) = warnings.iter().find(|w| w.code == code) else {
            return Err(format!(
                "warning {}: not raised (raised: {raised:?})",
                expected.code
            ));
        };
        if found.message.render(Language::Bokmal).trim().is_empty() {
            return Err(format!("warning {}: needs a message", expected.code));
        }
        if let Some(text) = &expected.reference_contains {
            if !found.reference.contains(text.as_str()) {
                return Err(format!(
                    "warning {}: reference {:?} should contain {text:?}",
                    expected.code, found.reference
                ));
            }
        }
    }
    for absent in &case.expect.absent_warnings {
        let code = parse("warning code", &absent.code, WarningCode::from_str_id)?;
        if let Some(found) = warnings.iter().find(|w| w.code == code) {
            return Err(format!(
                "warning {}: should not be raised, but is: {:?}",
                absent.code, found.message
            ));
        }
    }
    Ok(())
}

#[test]
fn every_deadline_case_holds() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/deadlines");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the cases folder exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "at least 40 conformance cases, found {}",
        files.len()
    );

    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let result = toml::from_str::<Case>(&text)
            .map_err(|e| format!("cannot read case: {e}"))
            .and_then(|case| run_case(&case).map_err(|e| format!("{} — {e}", case.description)));
        if let Err(message) = result {
            failures.push(format!("{name}: {message}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} deadline cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
