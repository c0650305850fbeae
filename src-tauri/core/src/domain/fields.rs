//! Field parsers shared by every form: single lines, dates, choices, phone
//! numbers and e-mail addresses. Each pushes a [`FieldError`] and returns
//! what it could read, so a form reports every problem at once.

use crate::domain::date::parse_date;
pub(crate) use crate::domain::search_key::nfc;
use crate::error::{FieldError, ValidationErrors};
use crate::messages;
use chrono::{Datelike, NaiveDate};

/// Longest single line, in characters.
pub(crate) const MAX_LINE: usize = 200;
/// Longest free-text note, in characters.
pub(crate) const MAX_NOTES: usize = 20_000;
/// Dates before this year are typos, not facts.
pub(crate) const EARLIEST_YEAR: i32 = 1900;

/// A single line of text, trimmed and in NFC, with no control characters,
/// at most [`MAX_LINE`] characters.
///
/// NFC here, at the one parser every form's lines go through, is what makes
/// stored text one spelling per text: a name typed composed and the same
/// name pasted decomposed are then the same bytes (see [`nfc`]). The length
/// is counted after composing, so it counts letters as the caseworker sees
/// them.
pub(crate) fn optional_line(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
) -> String {
    let text = nfc(text.trim());
    if text.chars().count() > MAX_LINE {
        errors.push(FieldError::new(
            field,
            "too_long",
            messages::too_long(MAX_LINE),
        ));
    } else if text.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            "control_characters",
            messages::CONTROL_CHARACTERS,
        ));
    }
    text
}

pub(crate) fn required_line(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
) -> String {
    let value = optional_line(errors, field, text);
    if value.is_empty() {
        errors.push(FieldError::new(field, "required", messages::REQUIRED));
    }
    value
}

pub(crate) fn date_field(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_date(text) {
        Some(date) if date.year() >= EARLIEST_YEAR => Some(date),
        Some(_) => {
            errors.push(FieldError::new(
                field,
                "date_too_early",
                messages::DATE_TOO_EARLY,
            ));
            None
        }
        None => {
            errors.push(FieldError::new(
                field,
                "invalid_date",
                crate::domain::date::invalid_date_message(text),
            ));
            None
        }
    }
}

pub(crate) fn choice_field<T>(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = parse(text);
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            "invalid_choice",
            messages::INVALID_CHOICE,
        ));
    }
    parsed
}

/// Digits with the usual separators, and at least five digits (short
/// service numbers exist; foreign numbers are long).
pub(crate) fn is_plausible_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
    // A plus sign is only meaningful once, before the country code.
    let plus_first = text
        .find('+')
        .is_none_or(|at| !text[..at].contains(|c: char| c.is_ascii_digit()));
    allowed && (5..=15).contains(&digits) && text.matches('+').count() <= 1 && plus_first
}

/// One `@` with text before it and a dotted domain after it, no spaces.
/// Deliberately loose: the point is to catch typos, not to judge addresses.
pub(crate) fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
}

/// An optional phone number: a single line that looks like one.
pub(crate) fn phone_field(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> String {
    let phone = optional_line(errors, field, text);
    if !phone.is_empty() && !is_plausible_phone(&phone) {
        errors.push(FieldError::new(
            field,
            "invalid_phone",
            messages::INVALID_PHONE,
        ));
    }
    phone
}

/// An optional e-mail address: a single line that looks like one.
pub(crate) fn email_field(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> String {
    let email = optional_line(errors, field, text);
    if !email.is_empty() && !is_plausible_email(&email) {
        errors.push(FieldError::new(
            field,
            "invalid_email",
            messages::INVALID_EMAIL,
        ));
    }
    email
}

/// Free text of several lines (notes), trimmed and in NFC (as
/// [`optional_line`]), at most [`MAX_NOTES`] characters.
pub(crate) fn notes(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> String {
    let text = nfc(text.trim());
    if text.chars().count() > MAX_NOTES {
        errors.push(FieldError::new(
            field,
            "too_long",
            messages::note_too_long(MAX_NOTES),
        ));
    }
    text
}

/// Whether a text of several lines holds control characters other than
/// line breaks and tabs (a NUL, an escape sequence, a bell).
pub(crate) fn has_stray_control_characters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A required date.
pub(crate) fn required_date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: &str,
) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        errors.push(FieldError::new(field, "required", messages::REQUIRED));
        return None;
    }
    date_field(errors, field, text)
}

/// Refuses a date of something done that lies after `today`
/// (`date_in_future`).
pub(crate) fn not_future(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: Option<NaiveDate>,
    today: NaiveDate,
) {
    if value.is_some_and(|d| d > today) {
        errors.push(FieldError::new(
            field,
            "date_in_future",
            messages::DONE_DATE_IN_FUTURE,
        ));
    }
}

/// Returns the value built by `value` when no field had an error.
pub(crate) fn finish<T>(
    errors: Vec<FieldError>,
    value: impl FnOnce() -> T,
) -> Result<T, ValidationErrors> {
    if errors.is_empty() {
        Ok(value())
    } else {
        Err(ValidationErrors(errors))
    }
}
