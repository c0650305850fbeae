//! What goes into the minutes of a meeting for a given recipient, in the
//! language chosen for the document.
//!
//! The same [`MinutesDocument`] feeds the preview in the window and the
//! PDF, so what the caseworker reads before saving is what is filed. Every
//! heading and label comes from the catalogue (`minutes.*` in
//! `i18n/<language>/documents.toml`; meeting kinds and recipients share the
//! window's labels), so Nynorsk minutes can be filed from a Bokmål window.

use crate::domain::date::format_date;
use crate::domain::meeting::{
    may_read_sensitive, Attendee, ConcernedParticipant, Meeting, MeetingKind, Recipient,
};
use crate::export::minutes::{Block, MinutesDocument, TableBlock};
use crate::language::{catalogue, Arg, Catalogue, Language};
use chrono::{DateTime, FixedOffset};
use std::borrow::Cow;

/// The service that writes the minutes, from the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    /// The municipality ("Fjordvik kommune").
    pub municipality: String,
    /// The service ("Flyktningtjenesten").
    pub service: String,
    /// The caseworker's name, used when a meeting names no minute taker.
    pub caseworker: String,
    /// The municipality's written language (målform): the language a
    /// document is made in unless the caseworker chooses another.
    pub written_language: Language,
}

/// The name of a meeting kind in `language`, as a label ("Trekantmøte").
pub fn meeting_kind_label(kind: MeetingKind, language: Language) -> String {
    catalogue(language).render(&format!("meetingKind.{}", kind.as_str()), &[])
}

/// The name of a meeting kind in `language` inside a sentence
/// ("trekantmøte", "triangle meeting").
pub fn meeting_kind_in_text(kind: MeetingKind, language: Language) -> String {
    catalogue(language).render(&format!("minutes.kindInText.{}", kind.as_str()), &[])
}

/// The name of a recipient group in `language`.
pub fn recipient_label(recipient: Recipient, language: Language) -> String {
    catalogue(language).render(&format!("recipient.{}", recipient.as_str()), &[])
}

/// The meeting as `copy_for`'s own copy shows it: a participant's copy of
/// a meeting about several people names only that participant, unless
/// they all agreed to be named; the others are answered as a count. Any
/// other copy (`None`) names everyone. Answers the meeting to show and the
/// participants left unnamed.
fn own_copy(
    meeting: &Meeting,
    copy_for: Option<i64>,
) -> (Cow<'_, Meeting>, Vec<ConcernedParticipant>) {
    match copy_for {
        Some(id) if !meeting.participants_may_be_named && meeting.participants.len() > 1 => {
            let (named, unnamed) = meeting
                .participants
                .iter()
                .cloned()
                .partition(|p| p.participant_id == id);
            let shown = Meeting {
                participants: named,
                ..meeting.clone()
            };
            (Cow::Owned(shown), unnamed)
        }
        _ => (Cow::Borrowed(meeting), Vec::new()),
    }
}

/// The document for `recipient` (for a participant, `copy_for`'s own copy;
/// see [`crate::domain::meeting::SharingChoice::for_meeting`]), made at
/// `created` (the caller's wall clock with its offset from UTC; the
/// signature shows its date), in `language`.
pub fn compose_minutes(
    meeting: &Meeting,
    recipient: Recipient,
    copy_for: Option<i64>,
    letterhead: &Letterhead,
    created: DateTime<FixedOffset>,
    language: Language,
) -> MinutesDocument {
    let texts = catalogue(language);
    let say = |key: &str| texts.render(key, &[]);
    let date = format_date(meeting.date);
    // What may be read is decided by everyone the meeting concerns, named
    // in this copy or not.
    let sensitive_allowed = may_read_sensitive(recipient, meeting.participants.len());
    let (shown, unnamed) = own_copy(meeting, copy_for);
    let meeting = shown.as_ref();
    let withheld = if sensitive_allowed {
        0
    } else {
        meeting
            .agenda
            .iter()
            .filter(|item| item.sensitive && !item.notes.is_empty())
            .count()
    };

    let mut blocks = Vec::new();
    blocks.push(Block::Facts {
        rows: facts(meeting, &unnamed, recipient, texts),
    });
    if withheld > 0 {
        let service = letterhead.service.trim().to_lowercase();
        let service = if service.is_empty() {
            say("minutes.serviceFallback")
        } else {
            service
        };
        let key = if withheld == 1 {
            "minutes.withheldNotice.one"
        } else {
            "minutes.withheldNotice.other"
        };
        blocks.push(Block::Notice {
            text: texts.render(
                key,
                &[
                    ("recipient", Arg::Text(recipient_label(recipient, language))),
                    ("count", Arg::Number(withheld as i64)),
                    ("service", Arg::Text(service)),
                ],
            ),
        });
    }

    blocks.push(Block::Heading {
        text: say("minutes.present"),
    });
    let present = attendance_rows(meeting, &unnamed, true, texts);
    blocks.push(people_table(present, &say("minutes.nobodyPresent"), texts));
    let absent = attendance_rows(meeting, &unnamed, false, texts);
    if !absent.is_empty() {
        blocks.push(Block::Heading {
            text: say("minutes.absent"),
        });
        blocks.push(people_table(absent, "", texts));
    }

    blocks.push(Block::Heading {
        text: say("minutes.agenda"),
    });
    if meeting.agenda.is_empty() {
        blocks.push(paragraph(&say("minutes.noAgenda")));
    }
    for (number, item) in meeting.agenda.iter().enumerate() {
        blocks.push(Block::Subheading {
            text: format!("{}. {}", number + 1, item.title),
        });
        if item.sensitive && !item.notes.is_empty() && !sensitive_allowed {
            blocks.push(Block::Notice {
                text: say("minutes.withheldNote"),
            });
        } else if item.notes.is_empty() {
            blocks.push(paragraph(&say("minutes.noNotes")));
        } else {
            blocks.push(paragraph(&item.notes));
        }
    }

    blocks.push(Block::Heading {
        text: say("minutes.decisions"),
    });
    if meeting.decisions.is_empty() {
        blocks.push(paragraph(&say("minutes.none")));
    }
    for (number, decision) in meeting.decisions.iter().enumerate() {
        blocks.push(paragraph(&format!("{}. {}", number + 1, decision)));
    }

    blocks.push(Block::Heading {
        text: say("minutes.actions"),
    });
    if meeting.actions.is_empty() {
        blocks.push(paragraph(&say("minutes.none")));
    } else {
        blocks.push(Block::Table(TableBlock {
            headers: vec![
                say("minutes.col.what"),
                say("minutes.col.responsible"),
                say("minutes.col.due"),
            ],
            widths: vec![0.55, 0.28, 0.17],
            rows: meeting
                .actions
                .iter()
                .map(|a| vec![a.what.clone(), a.responsible.clone(), format_date(a.due)])
                .collect(),
        }));
    }

    blocks.push(Block::Heading {
        text: say("minutes.next"),
    });
    let next = match (
        meeting.next_meeting_date,
        meeting.next_meeting_note.as_str(),
    ) {
        (Some(date), "") => format_date(date),
        (Some(date), note) => format!("{}. {note}", format_date(date)),
        (None, "") => say("minutes.nextNotAgreed"),
        (None, note) => note.to_string(),
    };
    blocks.push(paragraph(&next));

    let author = non_empty(&meeting.minute_taker, &letterhead.caseworker).to_string();
    let letterhead_lines = [&letterhead.municipality, &letterhead.service]
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .cloned()
        .collect();
    let shown_author = if author.trim().is_empty() {
        say("minutes.authorUnknown")
    } else {
        author.clone()
    };
    MinutesDocument {
        title: texts.render(
            "minutes.title",
            &[
                (
                    "kind",
                    Arg::Text(meeting_kind_in_text(meeting.kind, language)),
                ),
                ("date", Arg::Text(date)),
            ],
        ),
        letterhead: letterhead_lines,
        signature: texts.render(
            "minutes.signature",
            &[
                ("author", Arg::Text(shown_author)),
                ("date", Arg::Date(created.date_naive())),
            ],
        ),
        author,
        created,
        language: language.tag().into(),
        blocks,
    }
}

fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_string(),
    }
}

// "1", or for corrected minutes "2, rettet 14.03.2026 (erstatter versjon 1)".
fn version_line(meeting: &Meeting, texts: &Catalogue) -> String {
    match meeting.reopenings.last() {
        Some(last) if meeting.minutes_version > 1 => texts.render(
            "minutes.versionCorrected",
            &[
                ("version", Arg::Number(meeting.minutes_version)),
                ("date", Arg::Date(last.reopened_at.date())),
                ("before", Arg::Number(last.version_before)),
            ],
        ),
        _ => meeting.minutes_version.to_string(),
    }
}

fn facts(
    meeting: &Meeting,
    unnamed: &[ConcernedParticipant],
    recipient: Recipient,
    texts: &Catalogue,
) -> Vec<(String, String)> {
    let language = texts.language();
    let say = |key: &str| texts.render(key, &[]);
    let mut rows = vec![
        (
            say("minutes.fact.kind"),
            meeting_kind_label(meeting.kind, language),
        ),
        (say("minutes.fact.date"), format_date(meeting.date)),
        (say("minutes.fact.version"), version_line(meeting, texts)),
    ];
    let time = match (meeting.start_time, meeting.end_time) {
        (Some(start), Some(end)) => format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
        (Some(start), None) => start.format("%H:%M").to_string(),
        _ => String::new(),
    };
    if !time.is_empty() {
        rows.push((say("minutes.fact.time"), time));
    }
    if !meeting.place.is_empty() {
        rows.push((say("minutes.fact.place"), meeting.place.clone()));
    }
    if let Some(convener) = &meeting.convened_by {
        rows.push((say("minutes.fact.convener"), person_line(convener)));
    }
    for participant in &meeting.participants {
        let concerns = match participant.birth_date {
            Some(born) => texts.render(
                "minutes.participantBorn",
                &[
                    ("name", Arg::Text(participant.name.clone())),
                    ("date", Arg::Date(born)),
                ],
            ),
            None => participant.name.clone(),
        };
        rows.push((say("minutes.fact.concerns"), concerns));
    }
    if !unnamed.is_empty() {
        rows.push((
            say("minutes.fact.concerns"),
            others_unnamed(texts, unnamed.len()),
        ));
    }
    if meeting
        .participants
        .iter()
        .chain(unnamed)
        .any(|p| p.present || p.needs_interpreter)
        || meeting.interpreter_used
        || meeting.interpreter.needed
    {
        rows.push((
            say("minutes.fact.interpreter"),
            crate::domain::interpreter::minutes_line(
                meeting.interpreter_used,
                &meeting.interpreter_language,
                &meeting.interpreter,
                texts,
            ),
        ));
    }
    if meeting.kind.is_organisation_level() {
        let yes_no = |b: bool| say(if b { "minutes.yes" } else { "minutes.no" });
        rows.push((
            say("minutes.fact.agreementRevised"),
            yes_no(meeting.revises_agreement),
        ));
        rows.push((
            say("minutes.fact.routinesEvaluated"),
            yes_no(meeting.evaluates_routines),
        ));
    }
    rows.push((
        say("minutes.fact.recipient"),
        recipient_label(recipient, language),
    ));
    rows
}

fn person_line(person: &Attendee) -> String {
    match (person.title.is_empty(), person.organisation.is_empty()) {
        (true, true) => person.name.clone(),
        (true, false) => format!("{}, {}", person.name, person.organisation),
        (false, true) => format!("{}, {}", person.name, person.title),
        (false, false) => format!("{}, {}, {}", person.name, person.title, person.organisation),
    }
}

fn attendance_rows(
    meeting: &Meeting,
    unnamed: &[ConcernedParticipant],
    present: bool,
    texts: &Catalogue,
) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = meeting
        .participants
        .iter()
        .filter(|p| p.present == present)
        .map(|p| {
            vec![
                p.name.clone(),
                texts.render("minutes.participantRole", &[]),
                String::new(),
            ]
        })
        .collect();
    let others = unnamed.iter().filter(|p| p.present == present).count();
    if others > 0 {
        rows.push(vec![
            others_unnamed(texts, others),
            texts.render("minutes.participantRole", &[]),
            String::new(),
        ]);
    }
    rows.extend(
        meeting
            .attendees
            .iter()
            .filter(|a| a.present == present)
            .map(|a| vec![a.name.clone(), a.organisation.clone(), a.title.clone()]),
    );
    rows
}

/// «2 andre deltakere, ikke navngitt i denne kopien»: the participants a
/// participant's own copy leaves unnamed, as a count.
fn others_unnamed(texts: &Catalogue, count: usize) -> String {
    let key = if count == 1 {
        "minutes.othersUnnamed.one"
    } else {
        "minutes.othersUnnamed.other"
    };
    texts.render(key, &[("count", Arg::Number(count as i64))])
}

fn people_table(rows: Vec<Vec<String>>, when_empty: &str, texts: &Catalogue) -> Block {
    if rows.is_empty() {
        return paragraph(when_empty);
    }
    Block::Table(TableBlock {
        headers: vec![
            texts.render("minutes.col.name", &[]),
            texts.render("minutes.col.organisation", &[]),
            texts.render("minutes.col.role", &[]),
        ],
        widths: vec![0.36, 0.38, 0.26],
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{AgendaItem, ConcernedParticipant};
    use crate::domain::team::OrganisationKind;
    use crate::language::Language;
    use chrono::NaiveDate;

    /// When the test documents are made: 13.11.2026 09:00 in Oslo's winter
    /// offset.
    fn created() -> DateTime<FixedOffset> {
        NaiveDate::from_ymd_opt(2026, 11, 13)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_local_timezone(FixedOffset::east_opt(3600).unwrap())
            .unwrap()
    }

    fn meeting(participants: usize) -> Meeting {
        Meeting {
            id: 1,
            kind: MeetingKind::Triangle,
            date: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
            start_time: None,
            end_time: None,
            place: "Rådhuset".into(),
            convened_by: None,
            participants: (0..participants)
                .map(|i| ConcernedParticipant {
                    participant_id: i as i64 + 1,
                    name: format!("Deltaker {i}"),
                    birth_date: None,
                    present: true,
                    needs_interpreter: false,
                })
                .collect(),
            attendees: vec![Attendee {
                contact_id: 1,
                name: "Nora NAV".into(),
                title: "Veileder".into(),
                organisation: "NAV Fjordvik".into(),
                organisation_kind: OrganisationKind::NavOffice,
                present: false,
            }],
            interpreter_used: false,
            interpreter_language: String::new(),
            interpreter: Default::default(),
            agenda: vec![
                AgendaItem {
                    title: "Språkopplæring".into(),
                    notes: "Går bra på A2-nivå.".into(),
                    sensitive: false,
                    origin: String::new(),
                },
                AgendaItem {
                    title: "Helse".into(),
                    notes: "Fastlegen har sykmeldt deltakeren.".into(),
                    sensitive: true,
                    origin: String::new(),
                },
            ],
            decisions: vec![],
            actions: vec![],
            next_meeting_date: None,
            next_meeting_note: String::new(),
            minute_taker: "Kari Saksbehandler".into(),
            revises_agreement: false,
            evaluates_routines: false,
            participants_may_be_named: false,
            completed_on: None,
            minutes_version: 1,
            reopenings: Vec::new(),
        }
    }

    /// (participants concerned, recipient, copy for, agreed to be named,
    /// names shown, the count of others shown)
    type CopyCase = (
        usize,
        Recipient,
        Option<i64>,
        bool,
        &'static [&'static str],
        Option<&'static str>,
    );

    #[test]
    fn a_participants_own_copy_names_only_them_unless_all_agreed() {
        let cases: &[CopyCase] = &[
            (
                3,
                Recipient::Participant,
                Some(2),
                false,
                &["Deltaker 1"],
                Some("2 andre deltakere"),
            ),
            (
                2,
                Recipient::Participant,
                Some(1),
                false,
                &["Deltaker 0"],
                Some("1 annen deltaker"),
            ),
            (
                3,
                Recipient::Participant,
                Some(2),
                true,
                &["Deltaker 0", "Deltaker 1", "Deltaker 2"],
                None,
            ),
            (
                3,
                Recipient::Archive,
                None,
                false,
                &["Deltaker 0", "Deltaker 1", "Deltaker 2"],
                None,
            ),
            (
                3,
                Recipient::Nav,
                None,
                false,
                &["Deltaker 0", "Deltaker 1", "Deltaker 2"],
                None,
            ),
            (
                1,
                Recipient::Participant,
                Some(1),
                false,
                &["Deltaker 0"],
                None,
            ),
        ];
        for (concerned, recipient, copy_for, agreed, named, others) in cases {
            let mut meeting = meeting(*concerned);
            meeting.kind = MeetingKind::Information;
            meeting.participants_may_be_named = *agreed;
            let doc = compose_minutes(
                &meeting,
                *recipient,
                *copy_for,
                &Letterhead::default(),
                created(),
                Language::Bokmal,
            );
            let text = all_text(&doc);
            let case = format!(
                "{concerned} concerned, {recipient:?}, copy for {copy_for:?}, agreed {agreed}"
            );
            for i in 0..*concerned {
                let name = format!("Deltaker {i}");
                assert_eq!(
                    text.contains(&name),
                    named.contains(&name.as_str()),
                    "{case}: {name} in\n{text}"
                );
            }
            match others {
                // In the facts and among those present.
                Some(count) => assert_eq!(text.matches(count).count(), 2, "{case}:\n{text}"),
                None => assert!(!text.contains("ikke navngitt"), "{case}:\n{text}"),
            }
            // A sensitive note about several people stays withheld from a
            // participant's copy, whoever it names.
            assert_eq!(
                text.contains("sykmeldt"),
                may_read_sensitive(*recipient, *concerned),
                "{case}"
            );
        }
    }

    fn all_text(doc: &MinutesDocument) -> String {
        let mut text = String::new();
        for block in &doc.blocks {
            match block {
                Block::Heading { text: t }
                | Block::Subheading { text: t }
                | Block::Paragraph { text: t }
                | Block::Notice { text: t } => text.push_str(t),
                Block::Facts { rows } => rows.iter().for_each(|(a, b)| {
                    text.push_str(a);
                    text.push_str(b)
                }),
                Block::Table(table) => table.rows.iter().flatten().for_each(|c| text.push_str(c)),
            }
            text.push('\n');
        }
        text
    }

    #[test]
    fn sensitive_notes_are_withheld_and_the_withholding_is_said() {
        let created = created();
        // (recipient, participants concerned, sensitive text present)
        let cases = [
            (Recipient::Archive, 1, true),
            (Recipient::Participant, 1, true),
            (Recipient::Nav, 1, false),
            (Recipient::AdultEducation, 1, false),
            (Recipient::Participant, 3, false),
        ];
        for (recipient, participants, included) in cases {
            let doc = compose_minutes(
                &meeting(participants),
                recipient,
                None,
                &Letterhead::default(),
                created,
                Language::Bokmal,
            );
            let text = all_text(&doc);
            assert_eq!(
                text.contains("sykmeldt"),
                included,
                "{}: the sensitive note should be included: {included}",
                recipient.as_str()
            );
            assert_eq!(
                text.contains("holdt tilbake"),
                !included,
                "{}: the document should say something was withheld exactly when it was",
                recipient.as_str()
            );
            assert!(
                text.contains("A2-nivå"),
                "{}: ordinary notes should always be included",
                recipient.as_str()
            );
        }
    }

    #[test]
    fn the_document_names_present_and_absent_and_the_minute_taker() {
        let created = created();
        let doc = compose_minutes(
            &meeting(1),
            Recipient::Archive,
            None,
            &Letterhead::default(),
            created,
            Language::Bokmal,
        );
        assert_eq!(doc.title, "Referat fra trekantmøte 12.11.2026");
        assert_eq!(doc.signature, "Referent: Kari Saksbehandler, 13.11.2026");
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            headings.contains(&"Invitert, ikke til stede"),
            "an absent NAV advisor should be listed under absent"
        );
    }

    /// Every text of the document that is not the caseworker's own: the
    /// title, the headings, the labels of the facts and the table headers.
    fn own_words(doc: &MinutesDocument) -> Vec<String> {
        let mut words = vec![doc.title.clone()];
        for block in &doc.blocks {
            match block {
                Block::Heading { text } => words.push(text.clone()),
                Block::Facts { rows } => words.extend(rows.iter().map(|(label, _)| label.clone())),
                Block::Table(table) => words.extend(table.headers.iter().cloned()),
                _ => {}
            }
        }
        words
    }

    #[test]
    fn nynorsk_and_english_minutes_have_every_heading_and_label_in_their_language() {
        let created = created();
        let compose = |language| {
            compose_minutes(
                &meeting(1),
                Recipient::Nav,
                None,
                &Letterhead::default(),
                created,
                language,
            )
        };
        let bokmal = own_words(&compose(Language::Bokmal));
        for (language, title, present) in [
            (
                Language::Nynorsk,
                "Referat frå trekantmøte 12.11.2026",
                "Til stades",
            ),
            (
                Language::English,
                "Minutes of the triangle meeting on 12.11.2026",
                "Present",
            ),
        ] {
            let doc = compose(language);
            assert_eq!(doc.language, language.tag());
            assert_eq!(doc.title, title);
            let words = own_words(&doc);
            assert!(words.contains(&present.to_string()), "{words:?}");
            assert_eq!(words.len(), bokmal.len());
            // Every label differs from Bokmål's except the few that are the
            // same word in both (Nynorsk «Dato», «Rolle»; NAV).
            let same: Vec<_> = words
                .iter()
                .zip(&bokmal)
                .filter(|(w, nb)| w == nb)
                .map(|(w, _)| w.as_str())
                .collect();
            let allowed: &[&str] = match language {
                Language::Nynorsk => &[
                    "Dato",
                    "Tid",
                    "Rolle",
                    "Frist",
                    "Tolk",
                    "Organisasjon",
                    "Saksliste og referat",
                    "Neste møte",
                ],
                _ => &[],
            };
            assert!(
                same.iter().all(|w| allowed.contains(w)),
                "{}: still in Bokmål: {same:?}",
                language.tag()
            );
        }
    }
}
