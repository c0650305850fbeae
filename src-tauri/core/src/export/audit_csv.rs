//! The audit trail as a CSV file, for internal control and access requests.
//!
//! UTF-8 with a byte-order mark and `;` between columns, because that is what
//! Excel on a Norwegian Windows opens correctly with a double-click. One line
//! per changed field (an entry without field changes gets one line), in the
//! order the entries were written. Times are local (`dd.mm.åååå HH:MM`), in
//! the time zone the caller passes.
//!
//! The headers and the words for what an entry is about and what it did
//! are in the language asked for (the headers in the `exports` part,
//! `file.audit.*`; the words are the audit screen's own, `audit.entity.*`
//! and `audit.action.*`, begun with a small letter as the rest of a data
//! file is). The field names and values are the trail's, as stored.
//!
//! The values are the trail's own, so they are already masked. The file is
//! written by the same cell writer as every other list
//! ([`crate::export::csv`]), so a value that a spreadsheet could take for a
//! formula is defused by the one rule defined there, and opening the file
//! never runs anything.

use crate::domain::audit::{AuditAction, AuditEntity};
use crate::domain::date::format_date;
use crate::export::csv::{sheet_csv, text_field};
use crate::export::labels::{audit_action_label, audit_entity_label};
use crate::export::table::{Cell, Column, Sheet};
use crate::language::{catalogue, Language};
use crate::store::audit::AuditEvent;
use chrono::{NaiveDate, NaiveDateTime, TimeZone};

/// The catalogue keys of the header line's columns, in order.
pub const CSV_COLUMN_KEYS: [&str; 10] = [
    "file.audit.col.time",
    "file.audit.col.type",
    "file.audit.col.id",
    "file.audit.col.participantId",
    "file.audit.col.action",
    "file.audit.col.field",
    "file.audit.col.from",
    "file.audit.col.to",
    "file.audit.col.reason",
    "file.audit.col.hash",
];

/// The header line's columns in `language`.
pub fn csv_columns(language: Language) -> Vec<String> {
    let texts = catalogue(language);
    CSV_COLUMN_KEYS
        .iter()
        .map(|key| texts.render(key, &[]))
        .collect()
}

/// A label begun with a small letter, as the rest of a data file is
/// («Deltaker» → «deltaker»), unless it begins with an abbreviation
/// («IMDi-hendelse» stays).
fn begun_small(label: String) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label,
    }
}

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

/// The columns' widths in characters, in the order of [`CSV_COLUMN_KEYS`];
/// a CSV file has no widths, but the sheet may also be written as `.xlsx`.
const COLUMN_WIDTHS: [f64; 10] = [17.0, 14.0, 8.0, 11.0, 10.0, 24.0, 24.0, 24.0, 30.0, 66.0];

/// The entries as a sheet in `language`: one row per changed field (an
/// entry without field changes gets one row), every value as text, as the
/// trail holds it. A type or action this version does not know is shown as
/// stored.
pub fn audit_sheet<Tz: TimeZone>(events: &[AuditEvent], zone: &Tz, language: Language) -> Sheet
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
        let entity = AuditEntity::from_str_id(&event.entity_type).map_or_else(
            || event.entity_type.clone(),
            |entity| begun_small(audit_entity_label(entity, language)),
        );
        let action = AuditAction::from_str_id(&event.action).map_or_else(
            || event.action.clone(),
            |action| begun_small(audit_action_label(action, language)),
        );
        let mut write = |field: &str, from: String, to: String| {
            rows.push(
                [
                    entry_time(event, zone),
                    entity.clone(),
                    number(event.entity_id),
                    number(event.participant_id),
                    action.clone(),
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
        name: catalogue(language).render("file.audit.sheet", &[]),
        columns: csv_columns(language)
            .into_iter()
            .zip(COLUMN_WIDTHS)
            .map(|(header, width)| Column::new(header, width))
            .collect(),
        rows,
    }
}

/// The entries as CSV text in `language` (with the byte-order mark), lines
/// ending in CRLF.
pub fn audit_csv<Tz: TimeZone>(events: &[AuditEvent], zone: &Tz, language: Language) -> String
where
    Tz::Offset: std::fmt::Display,
{
    sheet_csv(&audit_sheet(events, zone, language))
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
            Language::Bokmal,
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

    #[test]
    fn the_header_and_the_words_follow_the_language() {
        use crate::export::table::Workbook;
        use crate::export::test_support::{still_bokmal, workbook_texts};
        let mut events = Vec::new();
        for entity in AuditEntity::ALL {
            for action in AuditAction::ALL {
                events.push(AuditEvent {
                    id: events.len() as i64,
                    at: "2025-04-01T08:15:00Z".into(),
                    entity_type: entity.as_str().into(),
                    entity_id: Some(7),
                    participant_id: Some(7),
                    action: action.as_str().into(),
                    changes: vec![FieldChange::new("status", Some("active"), Some("=1"))],
                    reason: "Vedtak".into(),
                    prev_hash: "p".into(),
                    hash: "h1".into(),
                });
            }
        }
        let data: Vec<String> = ["status", "active", "'=1", "Vedtak", "h1"]
            .map(String::from)
            .to_vec();
        let book = |language| Workbook {
            sheets: vec![audit_sheet(&events, &Utc, language)],
        };
        let bokmal = book(Language::Bokmal);
        let csv = audit_csv(&events, &Utc, Language::Bokmal);
        assert!(
            csv.contains(";IMDi-hendelse;"),
            "an abbreviation keeps its capitals"
        );
        assert!(csv.contains(";eksportert fil;7;7;eksportert;status;active;'=1;"));
        for language in [Language::Nynorsk, Language::English] {
            let other = book(language);
            let english = audit_csv(&events, &Utc, language);
            assert!(english.contains("'=1"), "{}: still defused", language.tag());
            let left = still_bokmal(
                &workbook_texts(&bokmal),
                &workbook_texts(&other),
                language,
                &data,
            );
            assert!(
                left.is_empty(),
                "{}: still Bokmål: {left:?}",
                language.tag()
            );
        }
    }
}
