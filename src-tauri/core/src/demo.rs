//! Demo data: about 25 clearly fictional participants in varied situations,
//! so that a newcomer opening Introspor with `--demo` sees a living register.
//!
//! Every demo person is invented. Their notes say so, and their identity
//! numbers are generated from their invented birth dates; the register never
//! leaves the laptop, so a number that happens to exist harms no one, but the
//! notes make the origin plain to anyone reading.
//!
//! The demo speaks the language it is seeded in: notes, the languages the
//! people speak, tasks, services and minutes come from the catalogue part
//! `demo` (`i18n/<language>/demo.toml`); names stay as they are.

use crate::domain::calendar::{add_days, add_months};
use crate::domain::deadline::{EventKind, LeaveKind, ProgrammeFacts};
use crate::domain::deadline_forms::{EventDraft, ExtensionDraft, LeaveDraft, TaskDraft};
use crate::domain::identity_number::IdentityNumber;
use crate::domain::law::Law;
use crate::domain::participant::{
    Education, FinalGoal, Gender, LawOverride, ParticipantDetails, PermitBasis, Status,
};
use crate::error::CoreResult;
use crate::language::{catalogue, Arg, Language};
use crate::store::Store;
use chrono::{Datelike, Days, NaiveDate};

/// The note every demo participant carries, in `language`: it opens their
/// notes, so anyone reading sees the person is invented.
pub fn fictional_note(language: Language) -> &'static str {
    text(language, "demo.fictional")
}

/// The demo text `key` in `language`.
pub(crate) fn text(language: Language, key: &str) -> &'static str {
    let texts = catalogue(language);
    texts.get(key).unwrap_or_else(|| {
        tracing::warn!(key, "missing demo text");
        ""
    })
}

/// One invented person: names, birth date, offsets in days from `today` for
/// permit, arrival and settlement, and the rest of the situation.
struct DemoPerson {
    given: &'static str,
    family: &'static str,
    born: (i32, u32, u32),
    gender: Gender,
    /// The languages spoken, as keys under `demo.language.`.
    languages: &'static [&'static str],
    /// The interpreter's language, a key under `demo.language.`.
    interpreter: Option<&'static str>,
    /// Days before today: permit, arrival, settlement (negative = in the future).
    permit_days_ago: Option<i64>,
    arrival_days_ago: Option<i64>,
    settled_days_ago: Option<i64>,
    goal: Option<FinalGoal>,
    status: Status,
    hurtigspor: bool,
    children: bool,
    d_number: bool,
    archived: bool,
    /// The caseworker's note, a key under `demo.note.`.
    note: Option<&'static str>,
}

const fn person(given: &'static str, family: &'static str, born: (i32, u32, u32)) -> DemoPerson {
    DemoPerson {
        given,
        family,
        born,
        gender: Gender::Unspecified,
        languages: &[],
        interpreter: None,
        permit_days_ago: None,
        arrival_days_ago: None,
        settled_days_ago: None,
        goal: None,
        status: Status::Active,
        hurtigspor: false,
        children: false,
        d_number: false,
        archived: false,
        note: None,
    }
}

fn people() -> Vec<DemoPerson> {
    use FinalGoal::{HigherEducation, PrimarySchool, UpperSecondary, Work};
    use Gender::{Female, Male, Unspecified};
    use Status::*;
    vec![
        DemoPerson {
            gender: Female,
            languages: &["arabic", "english"],
            permit_days_ago: Some(400),
            arrival_days_ago: Some(380),
            settled_days_ago: Some(360),
            goal: Some(Work),
            children: true,
            note: Some("haddad"),
            ..person("Amira", "Haddad-Demo", (1991, 4, 12))
        },
        DemoPerson {
            gender: Male,
            languages: &["tigrinya"],
            interpreter: Some("tigrinya"),
            permit_days_ago: Some(200),
            arrival_days_ago: Some(190),
            settled_days_ago: Some(170),
            goal: Some(PrimarySchool),
            note: Some("tesfay"),
            ..person("Yonas", "Tesfay-Demo", (1999, 9, 3))
        },
        DemoPerson {
            gender: Female,
            languages: &["ukrainian", "russian", "english"],
            permit_days_ago: Some(700),
            arrival_days_ago: Some(720),
            settled_days_ago: Some(690),
            goal: Some(Work),
            hurtigspor: true,
            note: Some("kovalenko"),
            ..person("Olena", "Kovalenko-Demo", (1986, 1, 27))
        },
        DemoPerson {
            gender: Male,
            languages: &["dari", "persian"],
            interpreter: Some("dari"),
            permit_days_ago: Some(60),
            arrival_days_ago: Some(40),
            settled_days_ago: Some(20),
            status: Prospective,
            d_number: true,
            note: Some("rahimi"),
            ..person("Farid", "Rahimi-Demo", (2001, 11, 15))
        },
        DemoPerson {
            gender: Female,
            languages: &["somali"],
            interpreter: Some("somali"),
            permit_days_ago: Some(30),
            arrival_days_ago: Some(-20),
            settled_days_ago: Some(-25),
            status: Prospective,
            children: true,
            d_number: true,
            note: Some("warsame"),
            ..person("Hodan", "Warsame-Demo", (1994, 6, 8))
        },
        DemoPerson {
            gender: Male,
            languages: &["arabic", "kurdish"],
            permit_days_ago: Some(2300),
            arrival_days_ago: Some(2350),
            settled_days_ago: Some(2250),
            goal: Some(UpperSecondary),
            status: Completed,
            note: Some("aziz"),
            ..person("Karim", "Aziz-Demo", (1997, 2, 19))
        },
        DemoPerson {
            gender: Female,
            languages: &["swahili", "french"],
            permit_days_ago: Some(500),
            arrival_days_ago: Some(470),
            settled_days_ago: Some(450),
            goal: Some(HigherEducation),
            note: Some("mukendi"),
            ..person("Neema", "Mukendi-Demo", (1993, 12, 1))
        },
        DemoPerson {
            gender: Male,
            languages: &["pashto"],
            interpreter: Some("pashto"),
            permit_days_ago: Some(320),
            arrival_days_ago: Some(300),
            settled_days_ago: Some(280),
            goal: Some(Work),
            status: OnLeave,
            children: true,
            note: Some("safi"),
            ..person("Jawad", "Safi-Demo", (1989, 7, 30))
        },
        DemoPerson {
            gender: Female,
            languages: &["ukrainian"],
            permit_days_ago: Some(150),
            arrival_days_ago: Some(160),
            settled_days_ago: Some(130),
            goal: Some(Work),
            hurtigspor: true,
            ..person("Iryna", "Shevchenko-Demo", (1979, 5, 5))
        },
        DemoPerson {
            gender: Gender::Other,
            languages: &["arabic"],
            permit_days_ago: Some(900),
            arrival_days_ago: Some(880),
            settled_days_ago: Some(860),
            goal: Some(UpperSecondary),
            status: Terminated,
            note: Some("nasser"),
            ..person("Sami", "Nasser-Demo", (2000, 3, 14))
        },
        DemoPerson {
            gender: Male,
            languages: &["tigrinya", "arabic"],
            interpreter: Some("tigrinya"),
            permit_days_ago: Some(600),
            arrival_days_ago: Some(590),
            settled_days_ago: Some(560),
            goal: Some(Work),
            status: MovedAway,
            note: Some("gebre"),
            ..person("Dawit", "Gebre-Demo", (1990, 10, 22))
        },
        DemoPerson {
            gender: Female,
            languages: &["dari"],
            interpreter: Some("dari"),
            permit_days_ago: Some(250),
            arrival_days_ago: Some(230),
            settled_days_ago: Some(210),
            goal: Some(PrimarySchool),
            children: true,
            ..person("Zahra", "Hosseini-Demo", (1985, 8, 17))
        },
        // Introduksjonsloven: permit and arrival before 2021, programme prolonged by leave.
        DemoPerson {
            gender: Female,
            languages: &["arabic"],
            permit_days_ago: Some(2200),
            arrival_days_ago: Some(2180),
            settled_days_ago: Some(2150),
            goal: Some(Work),
            status: Completed,
            note: Some("khalil"),
            ..person("Rania", "Khalil-Demo", (1983, 2, 2))
        },
        // Unknown law: arrival date missing, permit before 2021.
        DemoPerson {
            gender: Male,
            languages: &["somali", "english"],
            permit_days_ago: Some(2400),
            settled_days_ago: Some(100),
            status: Prospective,
            note: Some("hassan"),
            ..person("Abdi", "Hassan-Demo", (1996, 1, 9))
        },
        DemoPerson {
            gender: Female,
            languages: &["ukrainian", "english"],
            permit_days_ago: Some(420),
            arrival_days_ago: Some(430),
            settled_days_ago: Some(400),
            goal: Some(HigherEducation),
            ..person("Kateryna", "Bondarenko-Demo", (2002, 9, 29))
        },
        DemoPerson {
            gender: Male,
            languages: &["kurmanji"],
            interpreter: Some("kurmanji"),
            permit_days_ago: Some(350),
            arrival_days_ago: Some(340),
            settled_days_ago: Some(300),
            goal: Some(FinalGoal::Other),
            ..person("Rojhat", "Demir-Demo", (1988, 4, 1))
        },
        DemoPerson {
            gender: Female,
            languages: &["amharic"],
            permit_days_ago: Some(120),
            arrival_days_ago: Some(110),
            settled_days_ago: Some(75),
            goal: Some(Work),
            children: true,
            ..person("Selam", "Bekele-Demo", (1995, 11, 11))
        },
        DemoPerson {
            gender: Male,
            languages: &["arabic"],
            permit_days_ago: Some(800),
            arrival_days_ago: Some(790),
            settled_days_ago: Some(770),
            goal: Some(Work),
            hurtigspor: true,
            ..person("Yusuf", "Ibrahim-Demo", (1992, 6, 25))
        },
        DemoPerson {
            gender: Female,
            languages: &["french", "lingala"],
            interpreter: Some("french"),
            permit_days_ago: Some(280),
            arrival_days_ago: Some(260),
            settled_days_ago: Some(240),
            goal: Some(PrimarySchool),
            ..person("Grâce", "Mbala-Demo", (1998, 12, 24))
        },
        DemoPerson {
            gender: Male,
            languages: &["ukrainian"],
            permit_days_ago: Some(45),
            arrival_days_ago: Some(50),
            settled_days_ago: Some(35),
            status: Prospective,
            d_number: true,
            ..person("Mykola", "Tkachenko-Demo", (1975, 3, 3))
        },
        DemoPerson {
            gender: Female,
            languages: &["persian", "english"],
            permit_days_ago: Some(650),
            arrival_days_ago: Some(640),
            settled_days_ago: Some(610),
            goal: Some(HigherEducation),
            ..person("Shirin", "Ahmadi-Demo", (1990, 7, 7))
        },
        DemoPerson {
            gender: Unspecified,
            languages: &["arabic"],
            permit_days_ago: Some(180),
            arrival_days_ago: Some(175),
            settled_days_ago: Some(150),
            goal: Some(Work),
            ..person("Noor", "Saleh-Demo", (2003, 1, 31))
        },
        DemoPerson {
            gender: Male,
            languages: &["tigrinya"],
            interpreter: Some("tigrinya"),
            permit_days_ago: Some(95),
            arrival_days_ago: Some(90),
            settled_days_ago: Some(60),
            ..person("Filmon", "Haile-Demo", (2004, 5, 18))
        },
        DemoPerson {
            gender: Female,
            languages: &["dari"],
            permit_days_ago: Some(1500),
            arrival_days_ago: Some(1480),
            settled_days_ago: Some(1450),
            goal: Some(Work),
            status: Completed,
            archived: true,
            note: Some("karimi"),
            ..person("Mariam", "Karimi-Demo", (1987, 10, 10))
        },
        DemoPerson {
            gender: Male,
            languages: &["arabic"],
            permit_days_ago: Some(1300),
            arrival_days_ago: Some(1290),
            settled_days_ago: Some(1270),
            goal: Some(UpperSecondary),
            status: MovedAway,
            archived: true,
            ..person("Omar", "Haddad-Demo", (1999, 8, 8))
        },
    ]
}

/// Generates a checksum-valid identity number for an invented birth date.
fn invented_number(born: NaiveDate, d_number: bool, salt: u32) -> IdentityNumber {
    let day = born.day() + if d_number { 40 } else { 0 };
    let yy = born.year().rem_euclid(100) as u32;
    // The individual number's range tells the century (500–999 for 2000s).
    let start = if born.year() >= 2000 { 500 } else { 100 } + (salt * 37) % 300;
    (start..start + 200)
        .find_map(|individual| {
            IdentityNumber::with_check_digits(&format!(
                "{day:02}{:02}{yy:02}{individual:03}",
                born.month()
            ))
        })
        .expect("some individual number in a range of 200 yields valid check digits")
}

/// A language's name in `language`, from its key under `demo.language.`.
fn language_name(language: Language, key: &str) -> &'static str {
    text(language, &format!("demo.language.{key}"))
}

/// The demo participants, with dates placed relative to `today` so that the
/// register looks current whenever it is opened, and their texts in
/// `language`.
pub fn demo_participants(today: NaiveDate, language: Language) -> Vec<(ParticipantDetails, bool)> {
    let days_ago = |days: Option<i64>| {
        days.and_then(|d| {
            if d >= 0 {
                today.checked_sub_days(Days::new(d as u64))
            } else {
                today.checked_add_days(Days::new(d.unsigned_abs()))
            }
        })
    };
    people()
        .into_iter()
        .enumerate()
        .map(|(index, p)| {
            let born = NaiveDate::from_ymd_opt(p.born.0, p.born.1, p.born.2)
                .expect("demo birth dates are real dates");
            let mut notes = String::from(fictional_note(language));
            if let Some(note) = p.note {
                notes.push(' ');
                notes.push_str(text(language, &format!("demo.note.{note}")));
            }
            // One demo case shows the law override with its written reason.
            let law_override = (p.family == "Ibrahim-Demo").then(|| LawOverride {
                law: Law::Introduksjonsloven,
                reason: text(language, "demo.lawOverrideReason").to_string(),
            });
            let (permit_basis, education, planned_length_months) = legal_facts(p.family);
            let details = ParticipantDetails {
                given_name: p.given.to_string(),
                family_name: p.family.to_string(),
                identity_number: (index % 6 != 5)
                    .then(|| invented_number(born, p.d_number, index as u32)),
                birth_date: Some(born),
                gender: p.gender,
                languages: p
                    .languages
                    .iter()
                    .map(|key| language_name(language, key))
                    .collect::<Vec<_>>()
                    .join(", "),
                needs_interpreter: p.interpreter.is_some(),
                interpreter_language: p
                    .interpreter
                    .map_or("", |key| language_name(language, key))
                    .to_string(),
                phone: format!("+47 400 {:02} {:03}", index, 100 + index * 7),
                email: String::new(),
                address: catalogue(language).render(
                    "demo.address",
                    &[("number", Arg::Text((index + 1).to_string()))],
                ),
                residence_permit_date: days_ago(p.permit_days_ago),
                arrival_date: days_ago(p.arrival_days_ago),
                settlement_date: days_ago(p.settled_days_ago),
                claim_date: None,
                permit_basis,
                education,
                final_goal: p.goal,
                planned_length_months,
                hurtigspor: p.hurtigspor,
                has_or_expects_children: p.children,
                competence_mapped_before_settlement: index % 3 == 0,
                status: p.status,
                law_override,
                notes,
                programme: Default::default(),
            };
            let mut details = details;
            details.programme = demo_programme(&details, index, today);
            (details, p.archived)
        })
        .collect()
}

/// The permit basis, education background and planned length of a demo
/// person: a realistic mix, with four people under chapter 6A, one plan
/// longer than its frame (a warning) and some facts still unknown.
fn legal_facts(family: &str) -> (Option<PermitBasis>, Education, Option<u32>) {
    use Education::{BelowUpperSecondary, UpperSecondaryOrHigher};
    use PermitBasis::*;
    match family {
        "Haddad-Demo" => (Some(Asylum), BelowUpperSecondary, Some(24)),
        "Tesfay-Demo" => (Some(Resettlement), BelowUpperSecondary, Some(36)),
        "Kovalenko-Demo" | "Shevchenko-Demo" | "Tkachenko-Demo" => {
            (Some(CollectiveProtection), UpperSecondaryOrHigher, Some(12))
        }
        "Bondarenko-Demo" => (Some(CollectiveProtection), Education::Unknown, None),
        "Mukendi-Demo" => (Some(Resettlement), UpperSecondaryOrHigher, Some(12)),
        "Ahmadi-Demo" => (Some(FamilyReunification), UpperSecondaryOrHigher, Some(12)),
        "Aziz-Demo" | "Safi-Demo" | "Gebre-Demo" => (Some(Asylum), BelowUpperSecondary, None),
        "Hosseini-Demo" | "Khalil-Demo" => {
            (Some(FamilyReunification), UpperSecondaryOrHigher, Some(6))
        }
        "Rahimi-Demo" | "Warsame-Demo" => (Some(Asylum), Education::Unknown, None),
        _ => (None, Education::Unknown, None),
    }
}

/// What has been done in a demo participant's programme: started about six
/// weeks after settlement, mapped and planned on time, reviewed now and then,
/// so that the overview shows a realistic mix of done, open and overdue.
fn demo_programme(details: &ParticipantDetails, index: usize, today: NaiveDate) -> ProgrammeFacts {
    let mut facts = ProgrammeFacts::default();
    let Some(settled) = details.settlement_date else {
        return facts;
    };
    if details.status == Status::Prospective {
        return facts;
    }
    let past = |date: NaiveDate| (date <= today).then_some(date);
    let start = past(add_days(settled, 45));
    facts.programme_start_date = start;
    if !details.competence_mapped_before_settlement {
        facts.competence_mapping_date = past(add_days(settled, 30));
    }
    facts.plan_date = start;
    // Norwegian training starts with the programme; career guidance comes a
    // week before it for two in three, so one in three shows it owed.
    facts.norwegian_training_start = start;
    if index % 3 != 1 {
        facts.career_guidance_date = start.map(|s| add_days(s, -7));
    }
    if let Some(start) = start {
        // Every other participant has had a review; the rest show one due.
        if index.is_multiple_of(2) {
            facts.last_plan_review_date = past(add_months(start, 6));
        }
        if matches!(details.status, Status::Completed | Status::Terminated) {
            facts.ended_date = past(add_days(add_months(start, 12), -1));
            if details.status == Status::Completed {
                facts.certificate_issued_date = facts.ended_date.and_then(|d| past(add_days(d, 3)));
            }
        }
    }
    facts
}

/// Fills an empty register with the demo participants in Bokmål; see
/// [`seed_demo_in`].
pub fn seed_demo(store: &mut Store, today: NaiveDate) -> CoreResult<usize> {
    seed_demo_in(store, today, Language::Bokmal)
}

/// Fills an empty register with the demo participants, their teams and
/// meetings, written in `language`, which also becomes the municipality's
/// written language. Does nothing if the register already holds anyone,
/// so real data is never mixed with demo data. Returns how many
/// participants were added.
pub fn seed_demo_in(store: &mut Store, today: NaiveDate, language: Language) -> CoreResult<usize> {
    if store.participant_count()? > 0 {
        return Ok(0);
    }
    // The letterhead first: what the store writes itself (a follow-up
    // task from a meeting's action item) is in the written language.
    crate::demo_cooperation::seed_letterhead(store, language)?;
    let people = demo_participants(today, language);
    let count = people.len();
    let mut ids = Vec::with_capacity(count);
    for (index, (details, archived)) in people.into_iter().enumerate() {
        let created = store.create_participant(&details, today)?;
        ids.push(created.id);
        seed_events_and_leaves(store, created.id, &details, index, today)?;
        // One plan longer than its frame is covered by an extension decided
        // in time; another (Mukendi-Demo) is not, and shows the warning.
        if let (true, Some(start)) = (
            details.family_name == "Ahmadi-Demo",
            details.programme.programme_start_date,
        ) {
            store.add_extension(
                created.id,
                &ExtensionDraft {
                    decided: add_months(start, 5).min(today),
                    months: 6,
                    reason: text(language, "demo.extensionReason").to_string(),
                },
                today,
            )?;
        }
        if archived {
            store.set_participant_archived(created.id, true)?;
        }
    }
    let tasks = [
        ("demo.task.interpreter", 2, Some(1)),
        ("demo.task.leaderInvitation", 12, None),
        ("demo.task.kindergarten", -3, Some(7)),
    ];
    for (key, days, participant) in tasks {
        store.add_task(&TaskDraft {
            title: text(language, key).to_string(),
            due: add_days(today, days),
            participant_id: participant.map(|i: usize| ids[i]),
            note: String::new(),
        })?;
    }
    crate::demo_cooperation::seed_cooperation(store, &ids, today, language)?;
    Ok(count)
}

/// Registrable events for started programmes (some not yet registered with
/// IMDi) and an ongoing care leave for the participant on leave.
fn seed_events_and_leaves(
    store: &mut Store,
    participant_id: i64,
    details: &ParticipantDetails,
    index: usize,
    today: NaiveDate,
) -> CoreResult<()> {
    let facts = &details.programme;
    if let Some(start) = facts.programme_start_date {
        let decision = add_days(start, -5);
        store.add_event(
            participant_id,
            &EventDraft {
                kind: EventKind::ParticipationDecision,
                occurred: decision,
                registered: Some(add_days(decision, 10).min(today)),
                note: String::new(),
            },
            today,
        )?;
        // Recent starts still owe IMDi their registration.
        let recent = (today - start).num_days() < 60;
        store.add_event(
            participant_id,
            &EventDraft {
                kind: EventKind::ProgrammeStart,
                occurred: start,
                registered: (!recent).then(|| add_days(start, 14).min(today)),
                note: String::new(),
            },
            today,
        )?;
    }
    if details.status == Status::OnLeave {
        store.save_leave(
            participant_id,
            None,
            &LeaveDraft {
                kind: LeaveKind::Care,
                start: add_days(today, -80),
                end: None,
                approved: true,
                followup_date: None,
            },
            today,
        )?;
        store.add_event(
            participant_id,
            &EventDraft {
                kind: EventKind::Leave,
                occurred: add_days(today, -80),
                registered: None,
                note: String::new(),
            },
            today,
        )?;
    }
    if index == 6 {
        store.add_event(
            participant_id,
            &EventDraft {
                kind: EventKind::CareerGuidance,
                occurred: add_days(today, -20),
                registered: None,
                note: String::new(),
            },
            today,
        )?;
    }
    Ok(())
}

/// The demo participant of the triangle meeting, which holds a health
/// note and whose minutes were sent to NAV: the person the privacy tests
/// follow.
#[cfg(test)]
pub(crate) fn triangle_participant(store: &Store) -> i64 {
    store
        .conn
        .query_row(
            "SELECT mp.participant_id FROM meeting AS m JOIN meeting_participant AS mp \
             ON mp.meeting_id = m.id WHERE m.kind = 'triangle' ORDER BY m.id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("the demo has a triangle meeting")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_is_valid_varied_and_fictional() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let people = demo_participants(today, Language::Bokmal);
        assert!(
            (20..=30).contains(&people.len()),
            "about 25 demo participants"
        );
        for (p, _) in &people {
            assert!(
                p.notes.starts_with(fictional_note(Language::Bokmal)),
                "every demo person is marked fictional"
            );
            assert!(
                p.family_name.ends_with("-Demo"),
                "demo names are recognisable"
            );
        }
        let laws: std::collections::HashSet<_> =
            people.iter().map(|(p, _)| p.computed_law().law).collect();
        assert_eq!(
            laws.len(),
            Law::ALL.len(),
            "demo data should show every law outcome, chapter 6A included"
        );
        let statuses: std::collections::HashSet<_> = people.iter().map(|(p, _)| p.status).collect();
        assert_eq!(
            statuses.len(),
            Status::ALL.len(),
            "demo data should show every status"
        );
    }

    /// Every text value stored anywhere in `store`, with its table.
    fn stored_texts(store: &Store) -> Vec<(String, String)> {
        let tables: Vec<String> = store
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut texts = Vec::new();
        for table in tables {
            let mut statement = store
                .conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .unwrap();
            let columns = statement.column_count();
            let mut rows = statement.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                for column in 0..columns {
                    if let Ok(rusqlite::types::ValueRef::Text(text)) = row.get_ref(column) {
                        texts.push((table.clone(), String::from_utf8_lossy(text).into_owned()));
                    }
                }
            }
        }
        texts
    }

    /// Whether `needle` occurs in `text` as whole words.
    fn holds_words(text: &str, needle: &str) -> bool {
        text.match_indices(needle).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    #[test]
    fn the_demo_is_written_in_the_language_it_is_seeded_in() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let bokmal = catalogue(Language::Bokmal);
        for language in [Language::Nynorsk, Language::English] {
            let mut store = Store::open_in_memory().unwrap();
            assert!(seed_demo_in(&mut store, today, language).unwrap() > 20);
            assert_eq!(store.written_language().unwrap(), language);
            let own = catalogue(language);
            let texts = stored_texts(&store);
            // Each demo text that differs from Bokmål is stored in this
            // language, and its Bokmål wording nowhere.
            let mut compared = 0;
            for (key, nb) in bokmal
                .texts()
                .iter()
                .filter(|(k, _)| k.starts_with("demo."))
            {
                let theirs = own
                    .get(key)
                    .unwrap_or_else(|| panic!("{key} in {language:?}"));
                if theirs == nb || key == "demo.address" {
                    continue;
                }
                compared += 1;
                assert!(
                    !texts.iter().any(|(_, t)| holds_words(t, nb)),
                    "{language:?}: the Bokmål {key} «{nb}» is stored: {:?}",
                    texts.iter().find(|(_, t)| holds_words(t, nb))
                );
            }
            assert!(compared > 20, "{language:?} compared only {compared} texts");
            let people = demo_participants(today, language);
            assert!(people
                .iter()
                .all(|(p, _)| p.notes.starts_with(fictional_note(language))));
            let note = own.get("demo.note.tesfay").unwrap();
            assert!(
                texts
                    .iter()
                    .any(|(table, t)| table == "participant" && t.contains(note)),
                "{language:?}: a note in the language is stored"
            );
            let decision = own.get("demo.triangle.decision").unwrap();
            assert!(
                texts.iter().any(|(_, t)| t.contains(decision)),
                "{language:?}: the triangle meeting's decision is stored in the language"
            );
        }
    }

    #[test]
    fn seeding_fills_only_an_empty_register() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let added = seed_demo(&mut store, today).unwrap();
        assert!(added > 20);
        // The demo shows the legal model: one warning about a plan over its
        // frame, one extension that covers another, chapter 6A in use.
        let warned = store.warned_participants().unwrap();
        assert!(
            warned.iter().any(|w| w.name.ends_with("Mukendi-Demo")
                && w.warning.code.as_str() == "plan_exceeds_statutory_frame"),
            "{warned:?}"
        );
        assert!(!warned.iter().any(|w| w.name.ends_with("Ahmadi-Demo")
            && w.warning.code.as_str() == "plan_exceeds_statutory_frame"));
        assert_eq!(
            seed_demo(&mut store, today).unwrap(),
            0,
            "a second seed must add nothing"
        );
    }
}
