//! The answer to an access request as a document: the same model, layout
//! and PDF/A writer as the minutes, so it is tagged, archive-grade and
//! readable by a screen reader.

use crate::domain::audit::AuditEntity;
use crate::domain::date::format_date;
use crate::domain::minutes::Letterhead;
use crate::domain::retention::RecordKind;
use crate::domain::statute::StatutoryRule;
use crate::export::labels::deadline_kind_label;
use crate::export::minutes::{Block, MinutesDocument, TableBlock};
use crate::language::{catalogue, Arg, Catalogue, Language};
use crate::store::access_requests::RawRecord;
use crate::store::backup::{KEEP_DAILY, KEEP_NEWEST, KEEP_WEEKLY};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// What the answer says, gathered by the store in words.
pub struct AnswerContent<'a> {
    /// The document's title.
    pub title: String,
    /// The service answering.
    pub letterhead: &'a Letterhead,
    /// The day the request was received.
    pub received_on: NaiveDate,
    /// The day the answer is due.
    pub due: NaiveDate,
    /// The day it is answered.
    pub answered_on: NaiveDate,
    /// The rule the deadline comes from.
    pub rule: &'static StatutoryRule,
    /// The participant's own facts, label and value.
    pub facts: Vec<(String, String)>,
    /// Every other record about them, label and value, by kind.
    pub records: Vec<(AuditEntity, Vec<(String, String)>)>,
    /// Their deadlines, as stored.
    pub deadlines: &'a [RawRecord],
    /// Their own copy of each meeting's minutes.
    pub meetings: &'a [MinutesDocument],
    /// Every sharing of minutes about them.
    pub sharing: &'a [RawRecord],
    /// The change history in words.
    pub history: &'a [RawRecord],
    /// Where the data came from.
    pub sources: Vec<String>,
    /// The retention period, if set.
    pub retention_years: Option<u32>,
}

fn say(texts: &Catalogue, key: &str) -> String {
    texts.render(key, &[])
}

fn cell(record: &RawRecord, column: &str) -> String {
    record.get(column).cloned().flatten().unwrap_or_default()
}

fn date_cell(record: &RawRecord, column: &str) -> String {
    let text = cell(record, column);
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(format_date)
        .unwrap_or(text)
}

fn label_or(texts: &Catalogue, key: String, fallback: &str) -> String {
    if texts.get(&key).is_some() {
        texts.render(&key, &[])
    } else {
        fallback.to_string()
    }
}

/// The answer as a document in `language`, made at `created`.
pub fn access_answer_document(
    content: &AnswerContent<'_>,
    created: DateTime<FixedOffset>,
    language: Language,
) -> MinutesDocument {
    let texts = catalogue(language);
    // Times shown in the offset the document is made in: the core reads
    // no time zone of its own.
    let zone = created.timezone();
    let heading = |key: &str| Block::Heading {
        text: say(texts, key),
    };
    let paragraph = |text: String| Block::Paragraph { text };
    let mut blocks = vec![Block::Facts {
        rows: vec![
            (
                say(texts, "access.fact.received"),
                format_date(content.received_on),
            ),
            (
                say(texts, "access.fact.due"),
                texts.render(
                    "access.fact.dueValue",
                    &[
                        ("date", Arg::Date(content.due)),
                        ("reference", Arg::Text(content.rule.reference.to_string())),
                    ],
                ),
            ),
            (
                say(texts, "access.fact.answered"),
                format_date(content.answered_on),
            ),
            (
                say(texts, "access.fact.controller"),
                [
                    content.letterhead.municipality.trim(),
                    content.letterhead.service.trim(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            ),
        ],
    }];
    blocks.push(heading("access.purpose"));
    blocks.push(paragraph(say(texts, "access.purposeText")));

    blocks.push(heading("access.facts"));
    blocks.push(Block::Facts {
        rows: content.facts.clone(),
    });
    blocks.push(heading("access.records"));
    if content.records.is_empty() {
        blocks.push(paragraph(say(texts, "access.none")));
    }
    for (entity, rows) in &content.records {
        blocks.push(Block::Subheading {
            text: label_or(
                texts,
                format!("audit.entity.{}", entity.as_str()),
                entity.as_str(),
            ),
        });
        blocks.push(Block::Facts { rows: rows.clone() });
    }

    blocks.push(heading("access.deadlines"));
    if content.deadlines.is_empty() {
        blocks.push(paragraph(say(texts, "access.none")));
    } else {
        blocks.push(Block::Table(TableBlock {
            headers: [
                "access.col.kind",
                "access.col.due",
                "access.col.state",
                "access.col.done",
                "access.col.reference",
            ]
            .map(|k| say(texts, k))
            .to_vec(),
            widths: vec![3.0, 1.4, 1.4, 1.4, 2.8],
            rows: content
                .deadlines
                .iter()
                .map(|d| {
                    vec![
                        deadline_kind_label(&cell(d, "kind"), language),
                        date_cell(d, "due"),
                        label_or(
                            texts,
                            format!("dstatus.{}", cell(d, "state")),
                            &cell(d, "state"),
                        ),
                        date_cell(d, "done_on"),
                        cell(d, "reference"),
                    ]
                })
                .collect(),
        }));
    }

    blocks.push(heading("access.meetings"));
    if content.meetings.is_empty() {
        blocks.push(paragraph(say(texts, "access.none")));
    }
    for minutes in content.meetings {
        blocks.push(Block::Subheading {
            text: minutes.title.clone(),
        });
        // The participant's own copy, its headings one level down so the
        // answer's outline keeps its sections.
        for block in &minutes.blocks {
            blocks.push(match block {
                Block::Heading { text } => Block::Subheading { text: text.clone() },
                other => other.clone(),
            });
        }
    }

    blocks.push(heading("access.sharing"));
    if content.sharing.is_empty() {
        blocks.push(paragraph(say(texts, "access.noSharing")));
    } else {
        blocks.push(Block::Table(TableBlock {
            headers: [
                "access.col.when",
                "access.col.meeting",
                "access.col.recipient",
                "access.col.basis",
                "access.col.file",
            ]
            .map(|k| say(texts, k))
            .to_vec(),
            widths: vec![1.6, 2.2, 1.6, 2.2, 3.0],
            rows: content
                .sharing
                .iter()
                .map(|s| {
                    let basis = cell(s, "legal_basis");
                    vec![
                        crate::export::audit_csv::display_value(&cell(s, "exported_at"), &zone),
                        format!(
                            "{} {}",
                            label_or(
                                texts,
                                format!("meetingKind.{}", cell(s, "meeting_kind")),
                                &cell(s, "meeting_kind")
                            ),
                            date_cell(s, "meeting_date")
                        ),
                        label_or(
                            texts,
                            format!("recipient.{}", cell(s, "recipient")),
                            &cell(s, "recipient"),
                        ),
                        if basis.is_empty() {
                            say(texts, "meeting.legalBasisNone")
                        } else {
                            label_or(texts, format!("legalBasis.{basis}"), &basis)
                        },
                        cell(s, "file_name"),
                    ]
                })
                .collect(),
        }));
    }

    blocks.push(heading("access.history"));
    if content.history.is_empty() {
        blocks.push(paragraph(say(texts, "access.none")));
    } else {
        blocks.push(Block::Table(TableBlock {
            headers: [
                "access.col.when",
                "access.col.what",
                "access.col.field",
                "access.col.from",
                "access.col.to",
            ]
            .map(|k| say(texts, k))
            .to_vec(),
            widths: vec![1.6, 2.0, 2.0, 2.2, 2.2],
            rows: content
                .history
                .iter()
                .map(|e| {
                    let entity = cell(e, "entity");
                    let action = cell(e, "action");
                    vec![
                        crate::export::audit_csv::display_value(&cell(e, "at"), &zone),
                        format!(
                            "{} {}",
                            label_or(texts, format!("audit.entity.{entity}"), &entity),
                            label_or(texts, format!("audit.action.{action}"), &action)
                        ),
                        cell(e, "field"),
                        cell(e, "from"),
                        cell(e, "to"),
                    ]
                })
                .collect(),
        }));
    }

    blocks.push(heading("access.sources"));
    for line in &content.sources {
        blocks.push(paragraph(line.clone()));
    }

    blocks.push(heading("access.retention"));
    blocks.push(paragraph(match content.retention_years {
        Some(years) => texts.render(
            "access.retentionSet",
            &[("years", Arg::Number(years.into()))],
        ),
        None => say(texts, "access.retentionNotSet"),
    }));
    blocks.push(Block::Facts {
        rows: RecordKind::ALL
            .iter()
            .map(|kind| {
                (
                    say(texts, &format!("privacy.kind.{}", kind.as_str())),
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

    blocks.push(heading("access.rights"));
    blocks.push(paragraph(say(texts, "access.rightsText")));

    MinutesDocument {
        title: content.title.clone(),
        letterhead: [
            content.letterhead.municipality.trim(),
            content.letterhead.service.trim(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect(),
        author: content.letterhead.caseworker.clone(),
        created,
        language: language.tag().to_string(),
        blocks,
        signature: texts.render(
            "access.signature",
            &[
                ("name", Arg::Text(content.letterhead.caseworker.clone())),
                ("date", Arg::Date(content.answered_on)),
            ],
        ),
    }
}
