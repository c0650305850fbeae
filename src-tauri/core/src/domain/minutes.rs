//! What goes into the minutes of a meeting for a given recipient.
//!
//! The same [`MinutesDocument`] feeds the preview in the window and the
//! PDF, so what the caseworker reads before saving is what is filed.

use crate::domain::date::format_date;
use crate::domain::meeting::{may_read_sensitive, Attendee, Meeting, MeetingKind, Recipient};
use crate::export::minutes::{Block, MinutesDocument, TableBlock};
use chrono::{DateTime, FixedOffset};

/// The service that writes the minutes, from the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    /// The municipality ("Fjordvik kommune").
    pub municipality: String,
    /// The service ("Flyktningtjenesten").
    pub service: String,
    /// The caseworker's name, used when a meeting names no minute taker.
    pub caseworker: String,
}

/// Norwegian name of a meeting kind, as used in titles.
pub fn meeting_kind_label(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Triangle => "Trekantmøte",
        MeetingKind::Team => "Teammøte",
        MeetingKind::Information => "Informasjonsmøte",
        MeetingKind::Cooperation => "Samarbeidsmøte",
        MeetingKind::Leader => "Ledermøte",
    }
}

/// Norwegian name of a recipient group.
pub fn recipient_label(recipient: Recipient) -> &'static str {
    match recipient {
        Recipient::Archive => "Internt / arkiv",
        Recipient::Nav => "NAV",
        Recipient::AdultEducation => "Voksenopplæringen",
        Recipient::Participant => "Deltakeren",
    }
}

/// Text that replaces a withheld note.
pub const WITHHELD_NOTE: &str =
    "Notatet er holdt tilbake for denne mottakeren (helseopplysninger eller andre særlige kategorier).";

/// The document for `recipient`, made at `created` (the caller's wall
/// clock with its offset from UTC; the signature shows its date).
pub fn compose_minutes(
    meeting: &Meeting,
    recipient: Recipient,
    letterhead: &Letterhead,
    created: DateTime<FixedOffset>,
) -> MinutesDocument {
    let kind = meeting_kind_label(meeting.kind);
    let date = format_date(meeting.date);
    let sensitive_allowed = may_read_sensitive(recipient, meeting.participants.len());
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
        rows: facts(meeting, recipient),
    });
    if withheld > 0 {
        blocks.push(Block::Notice {
            text: format!(
                "Dette referatet er tilpasset mottakeren «{}». Notater med helseopplysninger eller \
                 andre særlige kategorier er holdt tilbake ({withheld} {}). Det fullstendige \
                 referatet er arkivert hos {}.",
                recipient_label(recipient),
                if withheld == 1 { "punkt" } else { "punkter" },
                non_empty(&letterhead.service, "flyktningtjenesten").to_lowercase(),
            ),
        });
    }

    blocks.push(Block::Heading {
        text: "Til stede".into(),
    });
    let present = attendance_rows(meeting, true);
    blocks.push(people_table(present, "Ingen er markert som til stede."));
    let absent = attendance_rows(meeting, false);
    if !absent.is_empty() {
        blocks.push(Block::Heading {
            text: "Invitert, ikke til stede".into(),
        });
        blocks.push(people_table(absent, ""));
    }

    blocks.push(Block::Heading {
        text: "Saksliste og referat".into(),
    });
    if meeting.agenda.is_empty() {
        blocks.push(paragraph("Ingen saker ført opp."));
    }
    for (number, item) in meeting.agenda.iter().enumerate() {
        blocks.push(Block::Subheading {
            text: format!("{}. {}", number + 1, item.title),
        });
        if item.sensitive && !item.notes.is_empty() && !sensitive_allowed {
            blocks.push(Block::Notice {
                text: WITHHELD_NOTE.into(),
            });
        } else if item.notes.is_empty() {
            blocks.push(paragraph("Ingen notater."));
        } else {
            blocks.push(paragraph(&item.notes));
        }
    }

    blocks.push(Block::Heading {
        text: "Vedtak og beslutninger".into(),
    });
    if meeting.decisions.is_empty() {
        blocks.push(paragraph("Ingen."));
    }
    for (number, decision) in meeting.decisions.iter().enumerate() {
        blocks.push(paragraph(&format!("{}. {}", number + 1, decision)));
    }

    blocks.push(Block::Heading {
        text: "Oppfølgingspunkter".into(),
    });
    if meeting.actions.is_empty() {
        blocks.push(paragraph("Ingen."));
    } else {
        blocks.push(Block::Table(TableBlock {
            headers: vec!["Hva".into(), "Ansvarlig".into(), "Frist".into()],
            widths: vec![0.55, 0.28, 0.17],
            rows: meeting
                .actions
                .iter()
                .map(|a| vec![a.what.clone(), a.responsible.clone(), format_date(a.due)])
                .collect(),
        }));
    }

    blocks.push(Block::Heading {
        text: "Neste møte".into(),
    });
    let next = match (
        meeting.next_meeting_date,
        meeting.next_meeting_note.as_str(),
    ) {
        (Some(date), "") => format_date(date),
        (Some(date), note) => format!("{}. {note}", format_date(date)),
        (None, "") => "Ikke avtalt.".to_string(),
        (None, note) => note.to_string(),
    };
    blocks.push(paragraph(&next));

    let author = non_empty(&meeting.minute_taker, &letterhead.caseworker).to_string();
    let letterhead_lines = [&letterhead.municipality, &letterhead.service]
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .cloned()
        .collect();
    MinutesDocument {
        title: format!("Referat fra {} {date}", kind.to_lowercase()),
        letterhead: letterhead_lines,
        signature: format!(
            "Referent: {}, {}",
            non_empty(&author, "ikke oppgitt"),
            format_date(created.date_naive())
        ),
        author,
        created,
        language: "nb".into(),
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
fn version_line(meeting: &Meeting) -> String {
    match meeting.reopenings.last() {
        Some(last) if meeting.minutes_version > 1 => format!(
            "{}, rettet {} (erstatter versjon {})",
            meeting.minutes_version,
            format_date(last.reopened_at.date()),
            last.version_before
        ),
        _ => meeting.minutes_version.to_string(),
    }
}

fn facts(meeting: &Meeting, recipient: Recipient) -> Vec<(String, String)> {
    let mut rows = vec![
        (
            "Møtetype".to_string(),
            meeting_kind_label(meeting.kind).to_string(),
        ),
        ("Dato".to_string(), format_date(meeting.date)),
        ("Referatversjon".to_string(), version_line(meeting)),
    ];
    let time = match (meeting.start_time, meeting.end_time) {
        (Some(start), Some(end)) => format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
        (Some(start), None) => start.format("%H:%M").to_string(),
        _ => String::new(),
    };
    if !time.is_empty() {
        rows.push(("Tid".into(), time));
    }
    if !meeting.place.is_empty() {
        rows.push(("Sted".into(), meeting.place.clone()));
    }
    if let Some(convener) = &meeting.convened_by {
        rows.push(("Innkalt av".into(), person_line(convener)));
    }
    for participant in &meeting.participants {
        let born = participant
            .birth_date
            .map(|d| format!(", født {}", format_date(d)))
            .unwrap_or_default();
        rows.push(("Gjelder".into(), format!("{}{born}", participant.name)));
    }
    if meeting
        .participants
        .iter()
        .any(|p| p.present || p.needs_interpreter)
        || meeting.interpreter_used
        || meeting.interpreter.needed
    {
        rows.push((
            "Tolk".into(),
            crate::domain::interpreter::minutes_line(
                meeting.interpreter_used,
                &meeting.interpreter_language,
                &meeting.interpreter,
            ),
        ));
    }
    if meeting.kind.is_organisation_level() {
        let yes_no = |b: bool| if b { "Ja" } else { "Nei" }.to_string();
        rows.push((
            "Samarbeidsavtalen revidert".into(),
            yes_no(meeting.revises_agreement),
        ));
        rows.push((
            "Rutinene evaluert".into(),
            yes_no(meeting.evaluates_routines),
        ));
    }
    rows.push(("Mottaker".into(), recipient_label(recipient).to_string()));
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

fn attendance_rows(meeting: &Meeting, present: bool) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = meeting
        .participants
        .iter()
        .filter(|p| p.present == present)
        .map(|p| {
            vec![
                p.name.clone(),
                "Deltaker i introduksjonsprogrammet".into(),
                String::new(),
            ]
        })
        .collect();
    rows.extend(
        meeting
            .attendees
            .iter()
            .filter(|a| a.present == present)
            .map(|a| vec![a.name.clone(), a.organisation.clone(), a.title.clone()]),
    );
    rows
}

fn people_table(rows: Vec<Vec<String>>, when_empty: &str) -> Block {
    if rows.is_empty() {
        return paragraph(when_empty);
    }
    Block::Table(TableBlock {
        headers: vec!["Navn".into(), "Organisasjon".into(), "Rolle".into()],
        widths: vec![0.36, 0.38, 0.26],
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{AgendaItem, ConcernedParticipant};
    use crate::domain::team::OrganisationKind;
    use chrono::NaiveDate;

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
            completed_on: None,
            minutes_version: 1,
            reopenings: Vec::new(),
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
        let created = NaiveDate::from_ymd_opt(2026, 11, 13)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_local_timezone(FixedOffset::east_opt(3600).unwrap())
            .unwrap();
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
                &Letterhead::default(),
                created,
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
        let created = NaiveDate::from_ymd_opt(2026, 11, 13)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_local_timezone(FixedOffset::east_opt(3600).unwrap())
            .unwrap();
        let doc = compose_minutes(
            &meeting(1),
            Recipient::Archive,
            &Letterhead::default(),
            created,
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
}
