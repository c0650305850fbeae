//! Dates as Norwegians write them: `dd.mm.åååå`.
//!
//! The store keeps ISO dates (`2025-03-10`) so that they sort as text; the
//! caseworker sees and types `10.03.2025`.

use chrono::NaiveDate;

/// Formats a date as `dd.mm.åååå`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Formats an optional date, empty when absent.
pub fn format_optional_date(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// Parses a date typed by the caseworker.
///
/// Accepts `dd.mm.åååå` and the short forms `d.m.åååå` and `ddmmåååå`, since
/// people type dates quickly; a two-digit year is refused because the century
/// would be a guess. Returns `None` for anything that is not a real date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (day, month, year) = if text.contains('.') {
        let mut parts = text.split('.');
        let day = parts.next()?;
        let month = parts.next()?;
        let year = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        (day, month, year)
    } else if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        (&text[..2], &text[2..4], &text[4..])
    } else {
        return None;
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(day) && all_digits(month) && all_digits(year)) {
        return None;
    }
    if day.len() > 2 || month.len() > 2 || year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Why a typed date was refused, in the caseworker's words: «31.02.2020»
/// has the right form but is not in the calendar, so telling its writer to
/// use `dd.mm.åååå` would be no help.
pub fn invalid_date_message(text: &str) -> crate::language::Message {
    let parts: Vec<&str> = text.trim().split('.').collect();
    let well_formed = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && parts[2].len() == 4;
    if well_formed {
        crate::messages::NONEXISTENT_DATE
    } else {
        crate::messages::INVALID_DATE
    }
}

/// Parses an ISO date as stored in the database.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Formats a date as ISO for the database.
pub fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_date_is_told_what_is_wrong_with_it() {
        for (typed, message) in [
            ("31.02.2020", crate::messages::NONEXISTENT_DATE),
            ("29.02.2023", crate::messages::NONEXISTENT_DATE),
            ("1.13.2020", crate::messages::NONEXISTENT_DATE),
            ("2020-02-01", crate::messages::INVALID_DATE),
            ("1.2.20", crate::messages::INVALID_DATE),
            ("i går", crate::messages::INVALID_DATE),
        ] {
            assert!(parse_date(typed).is_none(), "{typed} must be refused");
            assert_eq!(invalid_date_message(typed), message, "{typed}");
        }
    }

    #[test]
    fn typed_dates_parse_or_are_refused() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases = [
            ("10.03.2025", ymd(2025, 3, 10)),
            (" 1.3.2025 ", ymd(2025, 3, 1)),
            ("10032025", ymd(2025, 3, 10)),
            ("29.02.2024", ymd(2024, 2, 29)),
            ("29.02.2025", None),
            ("31.04.2025", None),
            ("10.03.25", None),
            ("2025-03-10", None),
            ("10.03.2025.", None),
            ("aa.bb.cccc", None),
            ("", None),
            ("+1.03.2025", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text), expected, "parse_date({text:?})");
        }
    }

    #[test]
    fn dates_are_shown_as_dd_mm_yyyy() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(format_date(date), "01.03.2025");
        assert_eq!(
            parse_iso_date(&iso_date(date)),
            Some(date),
            "ISO must round-trip"
        );
    }
}
