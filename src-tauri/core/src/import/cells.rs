//! Turning raw cells into the form's text, as the caseworker would type it.
//!
//! Nothing here refuses a row: what cannot be normalised is passed on as
//! written, so that [`ParticipantForm::validate`] gives the same problem
//! the form would.
//!
//! [`ParticipantForm::validate`]: crate::domain::participant_form::ParticipantForm::validate

use crate::domain::identity_number::IdentityNumber;
use crate::domain::search_key::search_key;
use crate::import::source::{excel_serial_to_date, format_number, RawCell};
use crate::language::Message;
use chrono::{Datelike, NaiveDate};

/// Note added when a lost leading zero was put back. The notes are
/// messages, rendered in the window's language where the preview is shown.
pub const NOTE_LEADING_ZERO: Message = Message::new("import.note.leadingZero");
/// Note added when a full name without a comma was split.
pub const NOTE_NAME_SPLIT: Message = Message::new("import.note.nameSplit");

/// A cell as plain text: numbers without `.0`, dates as `dd.mm.åååå`.
pub fn text_cell(cell: &RawCell) -> String {
    match cell {
        RawCell::Number(n) => format_number(*n),
        other => other.display(),
    }
}

/// A date cell as `dd.mm.åååå`. Accepts `dd.mm.åååå`, `d.m.åå` (a
/// two-digit year is this century's if not after today's, else the last
/// one's), `åååå-mm-dd`, an Excel serial and a date cell. Anything else is
/// returned trimmed, for validation to refuse.
pub fn date_cell(cell: &RawCell, today: NaiveDate) -> String {
    match cell {
        RawCell::Date(d) => format_date(*d),
        RawCell::Number(n) => match excel_serial_to_date(*n) {
            Some(d) => format_date(d),
            None => format_number(*n),
        },
        RawCell::Empty => String::new(),
        RawCell::Text(text) => normalise_date_text(text.trim(), today),
    }
}

fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn normalise_date_text(text: &str, today: NaiveDate) -> String {
    // ISO, as databases and some systems write it.
    let iso: Vec<&str> = text.split('-').collect();
    if iso.len() == 3 && iso[0].len() == 4 {
        if let (Ok(y), Ok(m), Ok(d)) = (iso[0].parse(), iso[1].parse(), iso[2].parse()) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                return format_date(date);
            }
        }
        return text.to_string();
    }
    let parts: Vec<&str> = text.split(['.', '/']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return text.to_string();
    }
    let (Ok(day), Ok(month), Ok(year)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<i32>(),
    ) else {
        return text.to_string();
    };
    let year = match parts[2].len() {
        4 => year,
        2 => {
            let this = today.year().rem_euclid(100);
            let century = today.year() - this;
            if year <= this {
                century + year
            } else {
                century - 100 + year
            }
        }
        _ => return text.to_string(),
    };
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => format_date(date),
        // 31.02.2020 stays as written, zero-padded, for validation to name.
        None => format!("{day:02}.{month:02}.{year:04}"),
    }
}

/// An identity number cell: spaces and dots out; a 10-digit number gets
/// back the leading zero Excel dropped, but only when the result passes the
/// check digits (a note says so).
pub fn identity_cell(cell: &RawCell, notes: &mut Vec<Message>) -> String {
    let text = match cell {
        RawCell::Number(n) => format_number(*n),
        other => other.display(),
    };
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if digits.len() == 10 && digits.chars().all(|c| c.is_ascii_digit()) {
        let padded = format!("0{digits}");
        if IdentityNumber::parse(&padded).is_ok() {
            notes.push(NOTE_LEADING_ZERO);
            return padded;
        }
    }
    digits
}

/// Splits a full name: «Etternavn, Fornavn» on the comma; otherwise the
/// last word is the family name (with a note, as that may be wrong).
pub fn split_full_name(text: &str, notes: &mut Vec<Message>) -> (String, String) {
    let text = text.trim();
    if let Some((family, given)) = text.split_once(',') {
        return (given.trim().to_string(), family.trim().to_string());
    }
    match text.rsplit_once(char::is_whitespace) {
        Some((given, family)) => {
            notes.push(NOTE_NAME_SPLIT);
            (given.trim().to_string(), family.trim().to_string())
        }
        None => (text.to_string(), String::new()),
    }
}

/// A gender cell as the form's identifier; unrecognised text is passed on
/// (validation refuses it) and an empty cell stays empty.
pub fn gender_cell(cell: &RawCell) -> String {
    let text = text_cell(cell);
    match search_key(&text).as_str() {
        "" => String::new(),
        "k" | "kvinne" | "kvinna" | "female" | "f" | "woman" | "w" => "female".to_string(),
        "m" | "mann" | "male" | "man" => "male".to_string(),
        "annet" | "anna" | "other" => "other".to_string(),
        "ukjent" | "ikke oppgitt" | "unspecified" | "unknown" => "unspecified".to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> RawCell {
        RawCell::Text(s.to_string())
    }

    #[test]
    fn dates() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let cases: &[(RawCell, &str)] = &[
            (t("05.03.2024"), "05.03.2024"),
            (t("5.3.24"), "05.03.2024"),
            (t("5.3.26"), "05.03.2026"),
            (t("5.3.27"), "05.03.1927"),
            (t("1/12/1990"), "01.12.1990"),
            (t("2024-03-05"), "05.03.2024"),
            (t("31.02.2020"), "31.02.2020"),
            (t("snart"), "snart"),
            (RawCell::Number(45356.0), "05.03.2024"),
            (
                RawCell::Date(NaiveDate::from_ymd_opt(2001, 1, 9).unwrap()),
                "09.01.2001",
            ),
            (RawCell::Empty, ""),
        ];
        for (cell, expected) in cases {
            assert_eq!(date_cell(cell, today), *expected, "{cell:?}");
        }
    }

    #[test]
    fn identity_numbers() {
        let valid = (100..999)
            .find_map(|i| IdentityNumber::with_check_digits(&format!("010190{i}")))
            .unwrap()
            .as_str()
            .to_string();
        let stripped = valid.trim_start_matches('0').to_string();
        let mut notes = Vec::new();
        assert_eq!(identity_cell(&t(&stripped), &mut notes), valid);
        assert_eq!(notes, vec![NOTE_LEADING_ZERO]);
        let mut notes = Vec::new();
        let number: f64 = stripped.parse().unwrap();
        assert_eq!(identity_cell(&RawCell::Number(number), &mut notes), valid);
        let mut notes = Vec::new();
        assert_eq!(identity_cell(&t("1234567890"), &mut notes), "1234567890");
        assert!(notes.is_empty());
        assert_eq!(
            identity_cell(&t("010 190.12345"), &mut notes),
            "01019012345"
        );
    }

    #[test]
    fn names_and_genders() {
        let mut notes = Vec::new();
        assert_eq!(
            split_full_name("Haile, Selam Tesfay", &mut notes),
            ("Selam Tesfay".into(), "Haile".into())
        );
        assert!(notes.is_empty());
        assert_eq!(
            split_full_name("Amina Yusuf Ali", &mut notes),
            ("Amina Yusuf".into(), "Ali".into())
        );
        assert_eq!(notes, vec![NOTE_NAME_SPLIT]);
        let cases = [
            ("K", "female"),
            ("Kvinne", "female"),
            ("F", "female"),
            ("m", "male"),
            ("Male", "male"),
            ("", ""),
            ("?", "?"),
        ];
        for (text, id) in cases {
            assert_eq!(gender_cell(&t(text)), id, "{text}");
        }
        assert_eq!(text_cell(&RawCell::Number(12.0)), "12");
    }

    #[test]
    fn the_notes_are_messages_for_the_windows_language() {
        use crate::language::Language;
        for note in [NOTE_LEADING_ZERO, NOTE_NAME_SPLIT] {
            let bokmal = note.render(Language::Bokmal);
            assert_ne!(bokmal, note.key(), "a text for {}", note.key());
            for language in [Language::Nynorsk, Language::English] {
                assert_ne!(note.render(language), note.key(), "{}", language.tag());
            }
        }
        assert_eq!(
            NOTE_LEADING_ZERO.render(Language::Bokmal),
            "Ledende null lagt til i fødselsnummeret (Excel hadde fjernet den)."
        );
    }
}
