//! The audit trail as a CSV file, for internal control and access requests.
//!
//! UTF-8 with a byte-order mark and `;` between columns, because that is what
//! Excel on a Norwegian Windows opens correctly with a double-click. One line
//! per changed field (an entry without field changes gets one line), in the
//! order the entries were written. Times are local (`dd.mm.åååå HH:MM`), in
//! the time zone the caller passes.
//!
//! The values are the trail's own, so they are already masked. The file is
//! written by the same cell writer as every other list
//! ([`crate::export::csv`]), so a value that a spreadsheet could take for a
//! formula is defused by the one rule defined there, and opening the file
//! never runs anything.

use crate::domain::audit::{AuditAction, AuditEntity};
use crate::domain::date::format_date;
use crate::export::csv::{sheet_csv, text_field};
use crate::export::table::{Cell, Column, Sheet};
use crate::store::audit::AuditEvent;
use chrono::{NaiveDate, NaiveDateTime, TimeZone};

/// The header line's columns.
pub const CSV_COLUMNS: [&str; 10] = [
    "tidspunkt",
    "type",
    "id",
    "deltaker-id",
    "handling",
    "felt",
    "fra",
    "til",
    "begrunnelse",
    "hash",
];

/// A stored value as a reader expects it: ISO dates as `dd.mm.åååå`, UTC
/// timestamps as local `dd.mm.åååå HH:MM`, local timestamps likewise;
/// anything else as it is.
pub fn display_value<Tz: TimeZone>(value: &str, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    if value.len() == 10 {
        if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            return format_date(date);
        }
    }
    if value.len() == 20 && value.ends_with('Z') {
        if let Ok(time) = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%SZ") {
            return local_time(time, zone);
        }
    }
    if value.len() >= 19 && value.as_bytes().get(10) == Some(&b' ') {
        if let Ok(time) = NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S%.f") {
            return time.format("%d.%m.%Y %H:%M").to_string();
        }
    }
    value.to_string()
}

/// A UTC time as local `dd.mm.åååå HH:MM`.
pub fn local_time<Tz: TimeZone>(utc: NaiveDateTime, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    zone.from_utc_datetime(&utc)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// When an entry was written, as local `dd.mm.åååå HH:MM`.
pub fn entry_time<Tz: TimeZone>(event: &AuditEvent, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match event.at_utc() {
        Some(at) => local_time(at.naive_utc(), zone),
        None => event.at.clone(),
    }
}

/// One CSV field: quoted when it holds the separator, a quote or a line
/// break (quotes doubled), and defused when a spreadsheet would read it as
/// a formula. The rule is [`crate::export::csv::text_field`]'s.
pub fn csv_field(value: &str) -> String {
    text_field(value)
}

/// The columns' widths in characters, in the order of [`CSV_COLUMNS`];
/// a CSV file has no widths, but the sheet may also be written as `.xlsx`.
const COLUMN_WIDTHS: [f64; 10] = [17.0, 14.0, 8.0, 11.0, 10.0, 24.0, 24.0, 24.0, 30.0, 66.0];

/// The entries as a sheet: one row per changed field (an entry without
/// field changes gets one row), every value as text, as the trail holds it.
pub fn audit_sheet<Tz: TimeZone>(events: &[AuditEvent], zone: &Tz) -> Sheet
where
    Tz::Offset: std::fmt::Display,
{
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(|v| display_value(v, zone))
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for event in events {
        let entity = AuditEntity::from_str_id(&event.entity_type)
            .map(AuditEntity::label_nb)
            .unwrap_or(&event.entity_type);
        let action = AuditAction::from_str_id(&event.action)
            .map(AuditAction::label_nb)
            .unwrap_or(&event.action);
        let mut write = |field: &str, from: String, to: String| {
            rows.push(
                [
                    entry_time(event, zone),
                    entity.to_string(),
                    number(event.entity_id),
                    number(event.participant_id),
                    action.to_string(),
                    field.to_string(),
                    from,
                    to,
                    event.reason.clone(),
                    event.hash.clone(),
                ]
                .into_iter()
                .map(Cell::text)
                .collect(),
            );
        };
        if event.changes.is_empty() {
            write("", String::new(), String::new());
        }
        for change in &event.changes {
            write(&change.field, text(&change.from), text(&change.to));
        }
    }
    Sheet {
        name: "Revisjonsspor".into(),
        columns: CSV_COLUMNS
            .iter()
            .zip(COLUMN_WIDTHS)
            .map(|(header, width)| Column::new(*header, width))
            .collect(),
        rows,
    }
}

/// The entries as CSV text (with the byte-order mark), lines ending in CRLF.
pub fn audit_csv<Tz: TimeZone>(events: &[AuditEvent], zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    sheet_csv(&audit_sheet(events, zone))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::FieldChange;
    use chrono::{FixedOffset, Utc};

    #[test]
    fn fields_are_quoted_and_defused_only_when_needed() {
        let cases = [
            ("plain", "Nadia", "Nadia"),
            ("the separator", "a;b", "\"a;b\""),
            ("a quote", "Hun sa \"hei\"", "\"Hun sa \"\"hei\"\"\""),
            ("a line break", "linje 1\nlinje 2", "\"linje 1\nlinje 2\""),
            ("a carriage return", "a\r\nb", "\"a\r\nb\""),
            (
                "a formula",
                "=HYPERLINK(\"x\")",
                "\"'=HYPERLINK(\"\"x\"\")\"",
            ),
            ("a plus", "+47 900 00 000", "'+47 900 00 000"),
            ("an at sign", "@SUM(A1)", "'@SUM(A1)"),
            ("a formula after a comma", "sak 4,=1+1", "sak 4,'=1+1"),
            ("empty", "", ""),
            ("Norwegian letters", "Æsenby Ørn Åsen", "Æsenby Ørn Åsen"),
        ];
        for (what, input, expected) in cases {
            assert_eq!(
                csv_field(input),
                expected,
                "{what} should be written as {expected:?}"
            );
        }
    }

    #[test]
    fn stored_values_are_shown_as_a_reader_writes_them() {
        let oslo_winter = FixedOffset::east_opt(3600).unwrap();
        let cases = [
            ("an ISO date", "2025-03-10", "10.03.2025"),
            (
                "a UTC time, in local time",
                "2025-01-31T23:30:00Z",
                "01.02.2025 00:30",
            ),
            (
                "a local time from the sharing log",
                "2025-01-31 14:05:09.123",
                "31.01.2025 14:05",
            ),
            ("a number", "42", "42"),
            (
                "text that looks almost like a date",
                "2025-13-01",
                "2025-13-01",
            ),
            ("a masked number", "020132 *****", "020132 *****"),
        ];
        for (what, stored, shown) in cases {
            assert_eq!(display_value(stored, &oslo_winter), shown, "{what}");
        }
    }

    #[test]
    fn the_file_has_a_bom_a_header_and_one_line_per_field() {
        let event = |id, changes: Vec<FieldChange>| AuditEvent {
            id,
            at: "2025-04-01T08:15:00Z".into(),
            entity_type: "participant".into(),
            entity_id: Some(7),
            participant_id: Some(7),
            action: "update".into(),
            changes,
            reason: "Vedtak; se sak".into(),
            prev_hash: "p".into(),
            hash: format!("h{id}"),
        };
        let csv = audit_csv(
            &[
                event(
                    1,
                    vec![
                        FieldChange::new("settlement_date", None, Some("2025-03-10")),
                        FieldChange::new("notes", None, Some("(endret)")),
                    ],
                ),
                event(2, vec![]),
            ],
            &Utc,
        );
        assert!(
            csv.starts_with('\u{FEFF}'),
            "Excel needs the byte-order mark"
        );
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(
            lines,
            [
                "tidspunkt;type;id;deltaker-id;handling;felt;fra;til;begrunnelse;hash",
                "01.04.2025 08:15;deltaker;7;7;endret;settlement_date;;10.03.2025;\"Vedtak; se sak\";h1",
                "01.04.2025 08:15;deltaker;7;7;endret;notes;;(endret);\"Vedtak; se sak\";h1",
                "01.04.2025 08:15;deltaker;7;7;endret;;;;\"Vedtak; se sak\";h2",
                "",
            ],
            "one line per changed field, one for an entry without fields, CRLF after each"
        );
    }
}
