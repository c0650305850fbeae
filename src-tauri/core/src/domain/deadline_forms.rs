//! Forms for registrable events, leaves, own tasks, marking a deadline done
//! and the rule settings, as the UI sends them, and their validation.

use crate::domain::date::parse_date;
use crate::domain::deadline::{set_setting_value, setting_keys};
use crate::domain::deadline::{EventKind, LeaveKind, RuleSettings};
use crate::domain::fields::{finish, not_future, required_line};
use crate::error::{FieldError, ValidationErrors};
use crate::messages;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A validated registrable event to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    /// What happened.
    pub kind: EventKind,
    /// When.
    pub occurred: NaiveDate,
    /// When it was registered with IMDi, if already.
    pub registered: Option<NaiveDate>,
    /// Note.
    pub note: String,
}

/// A validated leave to add or change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveDraft {
    /// Kind of leave.
    pub kind: LeaveKind,
    /// First day.
    pub start: NaiveDate,
    /// Last day, if known.
    pub end: Option<NaiveDate>,
    /// Approved.
    pub approved: bool,
    /// Follow-up offered (care leave).
    pub followup_date: Option<NaiveDate>,
}

/// A validated own task to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDraft {
    /// What to do.
    pub title: String,
    /// By when.
    pub due: NaiveDate,
    /// The participant it concerns, if any.
    pub participant_id: Option<i64>,
    /// Note.
    pub note: String,
}

fn date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
    required: bool,
) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        if required {
            errors.push(FieldError::new(field, "required", messages::REQUIRED));
        }
        return None;
    }
    let parsed = parse_date(text);
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            "invalid_date",
            crate::domain::date::invalid_date_message(text),
        ));
    }
    parsed
}

/// The longest short note on an event or a task, in characters.
const SHORT_NOTE_MAX: usize = 2000;

/// A short note on an event or a task: trimmed and in NFC (as every stored
/// text), at most [`SHORT_NOTE_MAX`] characters.
fn short_note(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> String {
    let text = crate::domain::fields::nfc(text.trim());
    if text.chars().count() > SHORT_NOTE_MAX {
        errors.push(FieldError::new(
            field,
            "too_long",
            messages::note_too_long(SHORT_NOTE_MAX),
        ));
    }
    text
}

/// A registrable event as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventForm {
    /// Event kind identifier.
    pub kind: String,
    /// When it happened, `dd.mm.åååå`.
    pub occurred: String,
    /// When it was registered with IMDi, or empty.
    pub registered: String,
    /// Note.
    pub note: String,
}

impl EventForm {
    /// Validates the event; events cannot lie in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<EventDraft, ValidationErrors> {
        let mut errors = Vec::new();
        let kind = EventKind::from_str_id(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "invalid_choice",
                messages::INVALID_CHOICE,
            ));
        }
        let occurred = date(&mut errors, "occurred", &self.occurred, true);
        not_future(&mut errors, "occurred", occurred, today);
        let registered = date(&mut errors, "registered", &self.registered, false);
        not_future(&mut errors, "registered", registered, today);
        if let (Some(o), Some(r)) = (occurred, registered) {
            if r < o {
                errors.push(FieldError::new(
                    "registered",
                    "registered_before_event",
                    messages::REGISTERED_BEFORE_EVENT,
                ));
            }
        }
        let note = short_note(&mut errors, "note", &self.note);
        finish(errors, || EventDraft {
            kind: kind.expect("checked"),
            occurred: occurred.expect("checked"),
            registered,
            note,
        })
    }
}

/// A leave as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeaveForm {
    /// Leave kind identifier.
    pub kind: String,
    /// First day.
    pub start: String,
    /// Last day, or empty while it goes on.
    pub end: String,
    /// Approved.
    pub approved: bool,
    /// Follow-up offered (care leave), or empty.
    pub followup_date: String,
}

impl LeaveForm {
    /// Validates the leave.
    pub fn validate(&self, today: NaiveDate) -> Result<LeaveDraft, ValidationErrors> {
        let mut errors = Vec::new();
        let kind = LeaveKind::from_str_id(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "invalid_choice",
                messages::INVALID_CHOICE,
            ));
        }
        let start = date(&mut errors, "start", &self.start, true);
        let end = date(&mut errors, "end", &self.end, false);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(FieldError::new(
                    "end",
                    "end_before_start",
                    messages::END_BEFORE_START,
                ));
            }
        }
        let followup_date = date(&mut errors, "followupDate", &self.followup_date, false);
        not_future(&mut errors, "followupDate", followup_date, today);
        finish(errors, || LeaveDraft {
            kind: kind.expect("checked"),
            start: start.expect("checked"),
            end,
            approved: self.approved,
            followup_date,
        })
    }
}

/// An extension decision as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExtensionForm {
    /// The day the decision was made, `dd.mm.åååå`.
    pub decided: String,
    /// Months added, as typed.
    pub months: String,
    /// A short reason.
    pub reason: String,
}

/// A validated extension decision, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionDraft {
    /// The day the decision was made.
    pub decided: NaiveDate,
    /// Months added, 1 to [`MAX_EXTENSION_MONTHS`].
    pub months: u32,
    /// A short reason (may be empty).
    pub reason: String,
}

/// The most months one decision may add: twice the longest statutory
/// extension (one year), so a slip is caught while the warning about an
/// unlawful one stays possible.
pub const MAX_EXTENSION_MONTHS: u32 = 24;

impl ExtensionForm {
    /// Validates the decision; its date may not lie ahead.
    pub fn validate(&self, today: NaiveDate) -> Result<ExtensionDraft, ValidationErrors> {
        let mut errors = Vec::new();
        let decided = date(&mut errors, "decided", &self.decided, true);
        if decided.is_some_and(|d| d > today) {
            errors.push(FieldError::new(
                "decided",
                "date_in_future",
                messages::EXTENSION_DECIDED_IN_FUTURE,
            ));
        }
        let months = match self.months.trim().parse::<u32>() {
            Ok(m) if (1..=MAX_EXTENSION_MONTHS).contains(&m) => Some(m),
            _ => {
                errors.push(FieldError::new(
                    "months",
                    "months_out_of_range",
                    messages::extension_months_out_of_range(1, MAX_EXTENSION_MONTHS),
                ));
                None
            }
        };
        let reason = short_note(&mut errors, "reason", &self.reason);
        finish(errors, || ExtensionDraft {
            decided: decided.expect("checked"),
            months: months.expect("checked"),
            reason,
        })
    }
}

/// An own task as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskForm {
    /// What to do.
    pub title: String,
    /// By when.
    pub due: String,
    /// The participant it concerns, if any.
    pub participant_id: Option<i64>,
    /// Note.
    pub note: String,
}

impl TaskForm {
    /// Validates the task.
    pub fn validate(&self) -> Result<TaskDraft, ValidationErrors> {
        let mut errors = Vec::new();
        // A single line like every other: control characters are refused
        // (a NUL would also break the table's non-empty check).
        let title = required_line(&mut errors, "title", &self.title);
        let due = date(&mut errors, "due", &self.due, true);
        let note = short_note(&mut errors, "note", &self.note);
        finish(errors, || TaskDraft {
            title,
            due: due.expect("checked"),
            participant_id: self.participant_id,
            note,
        })
    }
}

/// The date something was done, as typed; empty means "not done".
pub fn parse_done_date(
    text: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, ValidationErrors> {
    let mut errors = Vec::new();
    let value = date(&mut errors, "date", text, false);
    not_future(&mut errors, "date", value, today);
    finish(errors, || value)
}

/// The allowed range of a setting, in months.
pub fn setting_range(key: &str) -> (u32, u32) {
    match key {
        "nav_handover_months" => (0, 24),
        key if key.starts_with("programme_length_") => (1, 60),
        _ => (1, 24),
    }
}

/// The field named in the refusal of an unknown settings key that does not
/// even look like a key (see [`validate_settings`]): the command's parameter.
pub const UNKNOWN_SETTING_FALLBACK_FIELD: &str = "values";

/// The longest unknown settings key that is echoed back as the refused
/// field; every real key is far shorter.
const MAX_ECHOED_KEY: usize = 64;

/// Whether an unknown key looks like a settings key (lowercase ASCII,
/// digits and underscores, starting with a letter, not too long), and so
/// may be named as the refused field.
fn looks_like_setting_key(key: &str) -> bool {
    key.len() <= MAX_ECHOED_KEY
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Validates the settings form: a whole number of months per key, within
/// its range. Keys not sent keep their current value.
///
/// A key this version does not know is refused (`unknown_setting`) rather
/// than ignored: the window only sends the keys it was given, so an unknown
/// one is a mistake in the caller, and saving the rest would report success
/// for a change that was never made. The refusal names the key as its
/// field, unless the key does not look like one (hostile or garbled input),
/// in which case it names [`UNKNOWN_SETTING_FALLBACK_FIELD`]: such text is
/// not echoed into field names and logs.
pub fn validate_settings(
    current: &RuleSettings,
    typed: &BTreeMap<String, String>,
) -> Result<RuleSettings, ValidationErrors> {
    let mut settings = current.clone();
    let mut errors = Vec::new();
    for key in setting_keys() {
        let Some(text) = typed.get(key) else { continue };
        let (min, max) = setting_range(key);
        match text.trim().parse::<u32>() {
            Ok(value) if (min..=max).contains(&value) => {
                set_setting_value(&mut settings, key, value);
            }
            _ => errors.push(FieldError::new(
                key,
                "months_out_of_range",
                messages::MONTHS_OUT_OF_RANGE,
            )),
        }
    }
    let mut unnamed_reported = false;
    for key in typed
        .keys()
        .filter(|k| !setting_keys().any(|known| known == *k))
    {
        if looks_like_setting_key(key) {
            errors.push(FieldError::named(
                key.clone(),
                "unknown_setting",
                messages::UNKNOWN_SETTING,
            ));
        } else if !unnamed_reported {
            // Several garbled keys would all name the same field; one
            // refusal says it.
            unnamed_reported = true;
            errors.push(FieldError::new(
                UNKNOWN_SETTING_FALLBACK_FIELD,
                "unknown_setting",
                messages::UNKNOWN_SETTING,
            ));
        }
    }
    finish(errors, || settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn event_form_checks_kind_dates_and_order() {
        let ok = EventForm {
            kind: "plan".into(),
            occurred: "01.11.2026".into(),
            ..Default::default()
        };
        assert!(ok.validate(today()).is_ok());
        let cases: &[(EventForm, &str, &str)] = &[
            (
                EventForm {
                    kind: "x".into(),
                    occurred: "01.11.2026".into(),
                    ..Default::default()
                },
                "kind",
                "invalid_choice",
            ),
            (
                EventForm {
                    kind: "plan".into(),
                    ..Default::default()
                },
                "occurred",
                "required",
            ),
            (
                EventForm {
                    kind: "plan".into(),
                    occurred: "01.12.2026".into(),
                    ..Default::default()
                },
                "occurred",
                "date_in_future",
            ),
            (
                EventForm {
                    kind: "plan".into(),
                    occurred: "10.11.2026".into(),
                    registered: "09.11.2026".into(),
                    ..Default::default()
                },
                "registered",
                "registered_before_event",
            ),
        ];
        for (form, field, code) in cases {
            let errors = form.validate(today()).expect_err("should be refused");
            assert!(
                errors
                    .0
                    .iter()
                    .any(|e| e.field == *field && e.code == *code),
                "{form:?}: expected {code} on {field}, got {errors:?}"
            );
        }
    }

    #[test]
    fn settings_are_whole_months_in_range() {
        let current = RuleSettings::default();
        let typed: BTreeMap<String, String> =
            [("plan_review_months".to_string(), "4".to_string())].into();
        assert_eq!(
            validate_settings(&current, &typed)
                .unwrap()
                .plan_review_months,
            4
        );
        for bad in ["0", "25", "-1", "tre", "2.5"] {
            let typed: BTreeMap<String, String> =
                [("plan_review_months".to_string(), bad.to_string())].into();
            assert!(
                validate_settings(&current, &typed).is_err(),
                "{bad:?} should be refused"
            );
        }
        let typed: BTreeMap<String, String> =
            [("nav_handover_months".to_string(), "0".to_string())].into();
        assert_eq!(
            validate_settings(&current, &typed)
                .unwrap()
                .nav_handover_months,
            0,
            "no lead time is allowed"
        );
    }

    #[test]
    fn unknown_settings_keys_are_refused_by_name() {
        let current = RuleSettings::default();
        // (key and value sent, field and code expected)
        type Pairs<'a> = &'a [(&'a str, &'a str)];
        let cases: &[(Pairs, Pairs)] = &[
            (
                &[("plan_review_month", "4")],
                &[("plan_review_month", "unknown_setting")],
            ),
            (
                &[("plan_review_months", "4"), ("programme_length_", "24")],
                &[("programme_length_", "unknown_setting")],
            ),
            (
                &[("plan_review_months", "0"), ("x", "4")],
                &[
                    ("plan_review_months", "months_out_of_range"),
                    ("x", "unknown_setting"),
                ],
            ),
            (
                &[("Plan Review", "4"), ("<b>", "4"), ("", "4")],
                &[(UNKNOWN_SETTING_FALLBACK_FIELD, "unknown_setting")],
            ),
        ];
        for (typed, expected) in cases {
            let typed: BTreeMap<String, String> = typed
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let errors = validate_settings(&current, &typed).expect_err("refused");
            let found: Vec<(&str, &str)> = errors
                .0
                .iter()
                .map(|e| (e.field.as_ref(), e.code))
                .collect();
            assert_eq!(&found, expected, "{typed:?}");
        }
        let long_key = "a".repeat(MAX_ECHOED_KEY + 1);
        let typed: BTreeMap<String, String> = [(long_key, "4".to_string())].into();
        assert_eq!(
            validate_settings(&current, &typed).unwrap_err().0[0].field,
            UNKNOWN_SETTING_FALLBACK_FIELD,
            "a key longer than any real one is not echoed"
        );
    }
}
