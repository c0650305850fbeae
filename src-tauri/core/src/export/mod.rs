//! Exports: files the caseworker takes out of Introspor on purpose.

pub mod access_answer;
pub mod audit_csv;
pub mod calendar;
pub mod csv;
pub mod file_name;
pub mod labels;
pub mod lists;
pub mod minutes;
pub mod processing_record;
pub mod reports;
pub mod table;
pub mod xlsx;

/// What the tests of the files in Nynorsk and English share: the texts of a
/// workbook or document in place order, and the check that none of them is
/// still Bokmål.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::export::minutes::{Block, MinutesDocument};
    use crate::export::table::{Cell, Workbook};
    use crate::language::{catalogue, Language};
    use std::collections::HashSet;

    /// Every sheet name, header and cell of `book`, with its place.
    pub fn workbook_texts(book: &Workbook) -> Vec<(String, Cell)> {
        let mut out = Vec::new();
        for (s, sheet) in book.sheets.iter().enumerate() {
            out.push((format!("sheet {s}"), Cell::text(sheet.name.clone())));
            for (c, column) in sheet.columns.iter().enumerate() {
                out.push((
                    format!("{}: header {c}", sheet.name),
                    Cell::text(column.header.clone()),
                ));
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    out.push((format!("{}: row {r} column {c}", sheet.name), cell.clone()));
                }
            }
        }
        out
    }

    /// Every text of `doc` (title, letterhead, headings, facts, tables,
    /// paragraphs, signature), with its place.
    pub fn document_texts(doc: &MinutesDocument) -> Vec<(String, Cell)> {
        let mut out = vec![("title".to_string(), Cell::text(doc.title.clone()))];
        for line in &doc.letterhead {
            out.push(("letterhead".into(), Cell::text(line.clone())));
        }
        for (b, block) in doc.blocks.iter().enumerate() {
            let place = format!("block {b}");
            match block {
                Block::Heading { text }
                | Block::Subheading { text }
                | Block::Paragraph { text }
                | Block::Notice { text } => out.push((place, Cell::text(text.clone()))),
                Block::Facts { rows } => {
                    for (label, value) in rows {
                        out.push((place.clone(), Cell::text(label.clone())));
                        out.push((place.clone(), Cell::text(value.clone())));
                    }
                }
                Block::Table(table) => {
                    for text in table.headers.iter().chain(table.rows.iter().flatten()) {
                        out.push((place.clone(), Cell::text(text.clone())));
                    }
                }
            }
        }
        out.push(("signature".into(), Cell::text(doc.signature.clone())));
        out
    }

    /// The words (lower-cased) that may stand in a text of `language` just
    /// as in Bokmål: those of the test's own data (names, case and legal
    /// references), and those of every text `language` writes as Bokmål
    /// does (a key whose text is the same in both, as Nynorsk «Status» or
    /// «Programstart»).
    fn shared_words(language: Language, data: &[String]) -> HashSet<String> {
        let other = catalogue(language);
        let same = catalogue(Language::Bokmal)
            .texts()
            .iter()
            .filter(|(key, nb)| other.get(key) == Some(nb.as_str()))
            .map(|(_, nb)| nb.as_str());
        same.chain(data.iter().map(String::as_str))
            .flat_map(words)
            .collect()
    }

    /// The words of `text`, lower-cased.
    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    /// The texts of `other` (made in `language`) that are still Bokmål:
    /// each the same as `bokmal`'s at the same place when it may not be,
    /// that is when it holds a word `language` does not share with Bokmål
    /// ([`shared_words`]; a text of numbers and dates alone may always be
    /// the same). Both must have the same places, and every cell that is
    /// not text (a number, a date) must be the same in both.
    pub fn still_bokmal(
        bokmal: &[(String, Cell)],
        other: &[(String, Cell)],
        language: Language,
        data: &[String],
    ) -> Vec<String> {
        assert_eq!(
            bokmal.len(),
            other.len(),
            "{}: another number of texts than in Bokmål",
            language.tag()
        );
        let shared = shared_words(language, data);
        let mut left = Vec::new();
        for ((place, nb), (_, cell)) in bokmal.iter().zip(other) {
            match (nb, cell) {
                (Cell::Text(nb), Cell::Text(text)) => {
                    if nb == text && words(text).iter().any(|word| !shared.contains(word)) {
                        left.push(format!("{place}: {text}"));
                    }
                }
                _ => assert_eq!(nb, cell, "{}: {place}", language.tag()),
            }
        }
        left
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// The `exports` part as written, read from the files themselves (not
    /// through the catalogue, which may still read Bokmål for the others).
    fn part(tag: &str) -> BTreeMap<String, String> {
        let source = match tag {
            "nb" => include_str!("../../../../i18n/nb/exports.toml"),
            "nn" => include_str!("../../../../i18n/nn/exports.toml"),
            _ => include_str!("../../../../i18n/en/exports.toml"),
        };
        let table: toml::Table = toml::from_str(source).expect("valid TOML");
        table
            .into_iter()
            .map(|(key, value)| match value {
                toml::Value::String(text) => (key, text),
                other => panic!("{tag}: {key} is not a string: {other:?}"),
            })
            .collect()
    }

    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            found.insert(&after[..close]);
            rest = &after[close + 1..];
        }
        found
    }

    /// `text` with every placeholder filled with its longest value: a date
    /// (dd.mm.åååå) for the dates of sheet names.
    fn filled(text: &str) -> String {
        placeholders(text)
            .into_iter()
            .fold(text.to_string(), |text, name| {
                text.replace(&format!("{{{name}}}"), "30.06.2025")
            })
    }

    #[test]
    fn the_three_files_have_the_same_keys_and_placeholders_and_no_empty_text() {
        let nb = part("nb");
        for tag in ["nn", "en"] {
            let other = part(tag);
            let keys = |p: &BTreeMap<String, String>| p.keys().cloned().collect::<BTreeSet<_>>();
            assert_eq!(keys(&other), keys(&nb), "{tag}: other keys than Bokmål");
            for (key, text) in &nb {
                assert_eq!(
                    placeholders(&other[key]),
                    placeholders(text),
                    "{tag}: {key}"
                );
            }
        }
        for tag in ["nb", "nn", "en"] {
            for (key, text) in part(tag) {
                assert!(!text.trim().is_empty(), "{tag}: {key} is empty");
            }
        }
    }

    /// Each language's file is written in that language: a text the same
    /// as Bokmål's is one of the few that language writes alike.
    #[test]
    fn nynorsk_and_english_write_their_own_words() {
        let nb = part("nb");
        let alike: [(&str, &[&str]); 2] = [
            (
                "nn",
                &[
                    "file.yes",
                    "file.no",
                    "file.total",
                    "file.kind.unknown",
                    "file.col.caseReference",
                    "file.col.law",
                    "file.col.finalGoal",
                    "file.col.education",
                    "file.col.programmeStart",
                    "file.col.programmeEnd",
                    "file.col.archived",
                    "file.col.kind",
                    "file.col.due",
                    "file.col.doneOn",
                    "file.col.verdict",
                    "file.col.value",
                    "file.caseload.col.grouping",
                    "file.caseload.col.statusOnDate",
                    "file.debt.sheet.participants",
                    "file.debt.col.oldestDue",
                    "file.chart.col.year",
                    "file.supervision.col.fact",
                    "file.supervision.fact.caseReference",
                    "file.supervision.fact.birthDate",
                    "file.supervision.fact.law",
                    "file.supervision.fact.finalGoal",
                    "file.supervision.fact.education",
                    "file.supervision.fact.claim",
                    "file.supervision.fact.programmeStart",
                    "file.supervision.fact.archived",
                    "file.supervision.fact.asOf",
                    "file.supervision.dutiesWith",
                    "file.supervision.col.duty",
                    "file.supervision.verdictDays.one",
                    "file.calendar.summary",
                    "file.calendar.neutral.care_leave_followup",
                    "file.audit.sheet",
                    "file.audit.col.time",
                    "file.audit.col.type",
                    "file.audit.col.id",
                    "file.audit.col.action",
                    "file.audit.col.field",
                    "file.audit.col.to",
                    "file.audit.col.hash",
                    "agendaSuggestion.deadline",
                    "file.name.auditTrail",
                    "file.name.registrationDebtReport",
                    "file.name.supervisionReport",
                    "file.name.accessAnswer",
                    "file.name.processingRecord",
                    "file.filter.asOf",
                ],
            ),
            (
                "en",
                &[
                    "file.calendar.summary",
                    "file.audit.col.type",
                    "file.audit.col.id",
                    "file.audit.col.hash",
                ],
            ),
        ];
        for (tag, allowed) in alike {
            let texts = part(tag);
            let same: Vec<&String> = texts
                .iter()
                .filter(|(key, text)| nb[*key] == **text && !allowed.contains(&key.as_str()))
                .map(|(key, _)| key)
                .collect();
            assert!(same.is_empty(), "{tag}: still Bokmål: {same:?}");
        }
    }

    #[test]
    fn every_sheet_name_fits_a_spreadsheet_in_every_language() {
        for tag in ["nb", "nn", "en"] {
            let names: Vec<(String, String)> = part(tag)
                .into_iter()
                .filter(|(key, _)| key.split('.').any(|part| part == "sheet"))
                .collect();
            assert!(names.len() >= 12, "{tag}: the sheet names");
            for (key, name) in names {
                let name = filled(&name);
                assert!(
                    (1..=31).contains(&name.chars().count()),
                    "{tag}: {key}: «{name}» has {} characters",
                    name.chars().count()
                );
                assert!(
                    !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                    "{tag}: {key}: «{name}»"
                );
                assert!(
                    !name.starts_with('\'') && !name.ends_with('\''),
                    "{tag}: {key}: «{name}»"
                );
            }
        }
    }

    /// The calendar leaves the laptop: its neutral names tell nothing
    /// about care leave or children in any language.
    #[test]
    fn the_calendars_neutral_names_tell_no_fact_in_any_language() {
        for tag in ["nb", "nn", "en"] {
            for (key, text) in part(tag)
                .into_iter()
                .filter(|(key, _)| key.starts_with("file.calendar."))
            {
                let lower = text.to_lowercase();
                for word in [
                    "omsorg",
                    "foreldre",
                    "barn",
                    "permisjon",
                    "care",
                    "parent",
                    "child",
                    "leave",
                ] {
                    assert!(!lower.contains(word), "{tag}: {key}: «{text}» says {word}");
                }
            }
        }
    }
}
