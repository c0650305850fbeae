//! The record of processing activities (GDPR art. 30) as a printable
//! document: the same model and PDF/A writer as the minutes, its text from
//! the catalogue, the figures that change (the controller, the retention
//! period, the backup rotation, how many people the register holds) from
//! the register itself. `docs/privacy.md` is the longer version, with its
//! sources; this is the page the municipality files and starts its DPIA
//! from.

use crate::domain::minutes::Letterhead;
use crate::domain::retention::RecordKind;
use crate::export::minutes::{Block, MinutesDocument};
use crate::language::{catalogue, Arg, Language};
use crate::store::backup::{KEEP_DAILY, KEEP_NEWEST, KEEP_WEEKLY};
use chrono::{DateTime, FixedOffset};

/// What the record says that comes from the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessingFacts {
    /// Participants in the register (anonymised ones not counted).
    pub participants: i64,
    /// Contacts at partner services.
    pub contacts: i64,
    /// The retention period in years, if set.
    pub retention_years: Option<u32>,
}

/// The sections, each a heading and its text, in order.
const SECTIONS: &[&str] = &[
    "purposes",
    "legalBases",
    "subjects",
    "categories",
    "recipients",
    "transfers",
    "security",
    "rights",
    "dpia",
];

/// The record in `language`, made at `created`.
pub fn processing_record_document(
    letterhead: &Letterhead,
    facts: &ProcessingFacts,
    created: DateTime<FixedOffset>,
    language: Language,
) -> MinutesDocument {
    let texts = catalogue(language);
    let say = |key: &str| texts.render(key, &[]);
    let controller = [letterhead.municipality.trim(), letterhead.service.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut blocks = vec![Block::Facts {
        rows: vec![
            (say("processing.fact.controller"), controller.clone()),
            (
                say("processing.fact.contact"),
                letterhead.caseworker.clone(),
            ),
            (
                say("processing.fact.held"),
                texts.render(
                    "processing.fact.heldValue",
                    &[
                        ("participants", Arg::Number(facts.participants)),
                        ("contacts", Arg::Number(facts.contacts)),
                    ],
                ),
            ),
            (
                say("processing.fact.retention"),
                match facts.retention_years {
                    Some(years) => texts.render(
                        "processing.fact.retentionValue",
                        &[("years", Arg::Number(years.into()))],
                    ),
                    None => say("processing.fact.retentionNotSet"),
                },
            ),
        ],
    }];
    for section in SECTIONS {
        blocks.push(Block::Heading {
            text: say(&format!("processing.{section}")),
        });
        blocks.push(Block::Paragraph {
            text: say(&format!("processing.{section}Text")),
        });
    }
    // Retention, kind by kind, with the rotation's own figures.
    blocks.push(Block::Heading {
        text: say("processing.retention"),
    });
    blocks.push(Block::Facts {
        rows: RecordKind::ALL
            .iter()
            .map(|kind| {
                (
                    say(&format!("privacy.kind.{}", kind.as_str())),
                    texts.render(
                        &format!("privacy.fate.{}", kind.fate().as_str()),
                        &[
                            ("newest", Arg::Number(KEEP_NEWEST as i64)),
                            ("daily", Arg::Number(KEEP_DAILY as i64)),
                            ("weekly", Arg::Number(KEEP_WEEKLY as i64)),
                        ],
                    ),
                )
            })
            .collect(),
    });
    MinutesDocument {
        title: texts.render("processing.title", &[("controller", Arg::Text(controller))]),
        letterhead: [letterhead.municipality.trim(), letterhead.service.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        author: letterhead.caseworker.clone(),
        created,
        language: language.tag().to_string(),
        blocks,
        signature: texts.render(
            "processing.signature",
            &[("date", Arg::Date(created.date_naive()))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_record_names_the_controller_its_figures_and_every_section_in_each_language() {
        let created = FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 12, 3, 10, 0, 0)
            .unwrap();
        let letterhead = Letterhead {
            municipality: "Fjordvik kommune".into(),
            service: "Flyktningtjenesten".into(),
            caseworker: "Kari Fjeld".into(),
            ..Letterhead::default()
        };
        for language in Language::ALL {
            let document = processing_record_document(
                &letterhead,
                &ProcessingFacts {
                    participants: 37,
                    contacts: 12,
                    retention_years: Some(5),
                },
                created,
                language,
            );
            assert!(document.title.contains("Fjordvik kommune"));
            let text = format!("{:?}", document.blocks);
            for expected in ["37", "12", "5", "41", "§ 13 b", "SQLCipher"] {
                assert!(
                    text.contains(expected),
                    "{language:?}: {expected} in {text}"
                );
            }
            let headings = document
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Heading { .. }))
                .count();
            assert_eq!(headings, SECTIONS.len() + 1);
            assert!(
                !text.contains("processing."),
                "a key left unrendered: {text}"
            );
        }
    }
}
