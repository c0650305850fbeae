//! A deterministic generator of a large register, for benchmarks: a
//! hundred times a realistic service, kept for ten years.
//!
//! Everything is invented and derived from the seed, so two runs with the
//! same seed produce the same database. Rows are written in one transaction
//! through the same insert statements and the same deadline engine as the
//! application, so the benchmark measures the real layout and indexes.

use crate::domain::calendar::{add_days, add_months};
use crate::domain::deadline::{EventKind, LeaveKind, ProgrammeFacts};
use crate::domain::participant::{
    Education, FinalGoal, Gender, ParticipantDetails, PermitBasis, Status,
};
use crate::error::CoreResult;
use crate::store::deadlines::recompute_everyone;
use crate::store::participants::{detail_params, insert_sql, Derived};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::params;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Participants.
    pub participants: usize,
    /// Registrable events, spread over the participants.
    pub events: usize,
    /// Leaves, spread over the participants.
    pub leaves: usize,
    /// Own tasks, spread over the participants.
    pub tasks: usize,
    /// Contacts in the directory, spread over the organisations.
    pub contacts: usize,
    /// Meetings about one participant each, with attendance, an agenda, a
    /// decision and (one in four) an action item with its task.
    pub meetings: usize,
}

impl Scale {
    /// A hundred times a realistic service over ten years: 10,000
    /// participants, 200,000 events, 50,000 leaves, and enough own tasks
    /// that computed deadlines and tasks together pass 500,000.
    pub const HUNDREDFOLD: Scale = Scale {
        participants: 10_000,
        events: 200_000,
        leaves: 50_000,
        tasks: 230_000,
        contacts: 20_000,
        meetings: 200_000,
    };

    /// A few dozen participants: enough for every query to return rows, so
    /// a benchmark run once at this scale (by `make test`) proves it still
    /// works, in seconds.
    pub const TINY: Scale = Scale {
        participants: 60,
        events: 600,
        leaves: 150,
        tasks: 700,
        contacts: 40,
        meetings: 120,
    };
}

/// What the generator wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillReport {
    /// Participants written.
    pub participants: usize,
    /// Events written.
    pub events: usize,
    /// Leaves written.
    pub leaves: usize,
    /// Own tasks written.
    pub tasks: usize,
    /// Contacts written.
    pub contacts: usize,
    /// Meetings written.
    pub meetings: usize,
    /// Deadlines the engine computed.
    pub deadlines: i64,
}

/// A small deterministic pseudo-random generator (xorshift64*), so the
/// benchmark data needs no extra crate and is the same on every machine.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const GIVEN: [&str; 16] = [
    "Amina", "Yonas", "Olena", "Farid", "Hodan", "Karim", "Neema", "Jawad", "Iryna", "Sami",
    "Dawit", "Zahra", "Rania", "Abdi", "Åse", "Øystein",
];
const FAMILY: [&str; 16] = [
    "Haddad",
    "Tesfay",
    "Kovalenko",
    "Rahimi",
    "Warsame",
    "Aziz",
    "Mukendi",
    "Safi",
    "Shevchenko",
    "Nasser",
    "Gebre",
    "Hosseini",
    "Khalil",
    "Hassan",
    "Ærlig",
    "Ødegård",
];

/// Fills an empty store with generated data as of `today` and computes
/// every deadline. Returns what was written.
pub fn fill(
    store: &mut Store,
    seed: u64,
    scale: Scale,
    today: NaiveDate,
) -> CoreResult<FillReport> {
    let mut random = Seeded(seed.max(1));
    let tx = store.conn.transaction()?;
    let ten_years_ago = add_months(today, -120);
    let span_days = (today - ten_years_ago).num_days() as u64;
    let mut ids = Vec::with_capacity(scale.participants);
    let mut archive = Vec::with_capacity(scale.participants);
    {
        let mut insert = tx.prepare(&insert_sql())?;
        for n in 0..scale.participants {
            let settled = add_days(ten_years_ago, random.below(span_days) as i64);
            let permit = add_days(settled, -(random.below(200) as i64) - 20);
            let age_days = (random.below(40 * 365) + 18 * 365) as i64;
            let goal = FinalGoal::ALL[random.below(FinalGoal::ALL.len() as u64) as usize];
            let start = add_days(settled, 30 + random.below(60) as i64);
            let years_ago = (today - settled).num_days() / 365;
            // A realistic spread: the last three years' participants are in
            // the programme; older ones have finished, broken off or moved.
            let roll = random.below(100);
            let status = if start > today {
                Status::Prospective
            } else if years_ago < 3 {
                match roll {
                    0..=79 => Status::Active,
                    80..=89 => Status::OnLeave,
                    90..=94 => Status::Terminated,
                    _ => Status::MovedAway,
                }
            } else {
                match roll {
                    0..=59 => Status::Completed,
                    60..=74 => Status::Terminated,
                    _ => Status::MovedAway,
                }
            };
            let started = start <= today && status != Status::Prospective;
            let ended = matches!(status, Status::Completed | Status::Terminated);
            let end = add_days(add_months(start, 12 + random.below(24) as i32), -1).min(today);
            // Reviews every six months up to the latest one before today.
            let mut review = None;
            let mut next = add_months(start, 6);
            while started && next <= today.min(end) {
                review = Some(next);
                next = add_months(next, 6);
            }
            let archived = ended && years_ago > 4 && random.below(10) < 8;
            archive.push(archived);
            let details = ParticipantDetails {
                given_name: GIVEN[n % GIVEN.len()].to_string(),
                family_name: format!("{}-{n}", FAMILY[(n / GIVEN.len()) % FAMILY.len()]),
                identity_number: None,
                birth_date: Some(add_days(settled, -age_days)),
                gender: Gender::ALL[n % Gender::ALL.len()],
                languages: "arabisk".to_string(),
                needs_interpreter: n % 3 == 0,
                interpreter_language: if n % 3 == 0 {
                    "arabisk".to_string()
                } else {
                    String::new()
                },
                phone: String::new(),
                email: String::new(),
                address: String::new(),
                residence_permit_date: Some(permit),
                arrival_date: Some(add_days(permit, 10)),
                settlement_date: Some(settled),
                claim_date: None,
                permit_basis: Some(PermitBasis::ALL[n % PermitBasis::ALL.len()]),
                education: Education::ALL[n % Education::ALL.len()],
                final_goal: Some(goal),
                planned_length_months: (n % 2 == 0).then_some(24),
                hurtigspor: n % 11 == 0,
                has_or_expects_children: n % 4 == 0,
                competence_mapped_before_settlement: n % 5 == 0,
                status,
                law_override: None,
                notes: String::new(),
                programme: ProgrammeFacts {
                    programme_start_date: started.then_some(start),
                    competence_mapping_date: started.then(|| add_days(settled, 20)),
                    plan_date: started.then_some(start),
                    last_plan_review_date: review,
                    ended_date: ended.then_some(end),
                    certificate_issued_date: ended.then(|| add_days(end, 5).min(today)),
                    nav_handover_date: (started && add_months(end, -3) <= today)
                        .then(|| add_months(end, -3)),
                    parental_guidance_date: (ended && n % 4 == 0).then(|| add_days(end, -30)),
                    norwegian_training_start: started.then_some(start),
                    norwegian_training_completed_date: None,
                    career_guidance_date: started.then(|| add_days(start, -7)),
                    livsmestring_date: None,
                },
            };
            let derived = Derived::from(&details);
            insert.execute(detail_params(&details, &derived).as_slice())?;
            ids.push((tx.last_insert_rowid(), settled));
        }
        let mut event = tx.prepare(
            "INSERT INTO registrable_event (participant_id, kind, occurred, registered) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for _ in 0..scale.events {
            let (id, settled) = ids[random.below(ids.len() as u64) as usize];
            let occurred = add_days(settled, random.below(700) as i64).min(today);
            let kind = EventKind::ALL[random.below(EventKind::ALL.len() as u64) as usize];
            let registered = (random.below(10) > 0)
                .then(|| add_days(occurred, random.below(50) as i64).min(today));
            event.execute(params![id, kind.as_str(), occurred, registered])?;
        }
        let mut leave = tx.prepare(
            "INSERT INTO leave (participant_id, kind, start_date, end_date, approved) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for _ in 0..scale.leaves {
            let (id, settled) = ids[random.below(ids.len() as u64) as usize];
            let start = add_days(settled, 60 + random.below(500) as i64).min(today);
            let end = add_days(start, 5 + random.below(150) as i64);
            let kind = LeaveKind::ALL[random.below(LeaveKind::ALL.len() as u64) as usize];
            leave.execute(params![id, kind.as_str(), start, end, random.below(5) > 0])?;
        }
        let mut task = tx.prepare(
            "INSERT INTO task (participant_id, title, due, done_on) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for n in 0..scale.tasks {
            let (id, settled) = ids[random.below(ids.len() as u64) as usize];
            let due = add_days(settled, random.below(900) as i64);
            let done = (due < add_days(today, -14) || (due < today && random.below(2) == 0))
                .then_some(due);
            task.execute(params![id, format!("Oppgave {n}"), due, done])?;
        }
    }
    fill_cooperation(&tx, &mut random, &ids, scale, today)?;
    {
        let mut archive_row =
            tx.prepare("UPDATE participant SET archived_at = ?2 WHERE id = ?1")?;
        for ((id, _), archived) in ids.iter().zip(&archive) {
            if *archived {
                archive_row.execute(params![id, today.to_string()])?;
            }
        }
    }
    recompute_everyone(&tx, today, &Default::default())?;
    let deadlines: i64 = tx.query_row("SELECT count(*) FROM deadline", [], |row| row.get(0))?;
    tx.commit()?;
    Ok(FillReport {
        participants: scale.participants,
        events: scale.events,
        leaves: scale.leaves,
        tasks: scale.tasks,
        contacts: scale.contacts,
        meetings: scale.meetings,
        deadlines,
    })
}

/// Organisations, contacts, a team for every participant (fixed contact
/// person, NAV advisor, contact teacher) and meetings about one participant
/// each, with attendance, agenda, a decision and now and then an action
/// item with its task: the shape the meeting list, the meeting editor, the
/// contact list and the team read.
fn fill_cooperation(
    tx: &rusqlite::Transaction<'_>,
    random: &mut Seeded,
    ids: &[(i64, NaiveDate)],
    scale: Scale,
    today: NaiveDate,
) -> CoreResult<()> {
    if scale.contacts == 0 {
        return Ok(());
    }
    use crate::domain::team::OrganisationKind;
    let kinds = [
        OrganisationKind::RefugeeService,
        OrganisationKind::NavOffice,
        OrganisationKind::AdultEducation,
        OrganisationKind::HealthService,
        OrganisationKind::CareerCentre,
    ];
    let mut organisation = tx.prepare("INSERT INTO organisation (name, kind) VALUES (?1, ?2)")?;
    let mut organisations: Vec<(i64, OrganisationKind)> = Vec::new();
    for n in 0..40 {
        let kind = kinds[n % kinds.len()];
        organisation.execute(params![format!("Tjeneste {n}"), kind.as_str()])?;
        organisations.push((tx.last_insert_rowid(), kind));
    }
    let mut contact = tx.prepare(
        "INSERT INTO contact (name, organisation_id, title, sort_key, search_text) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    // Contacts by the kind of their organisation, to build teams from.
    let mut by_kind: std::collections::HashMap<&'static str, Vec<i64>> = Default::default();
    for n in 0..scale.contacts {
        let (org, kind) = organisations[n % organisations.len()];
        let name = format!("{} Kontakt{n}", GIVEN[n % GIVEN.len()]);
        let key = crate::domain::collation::name_sort_key(&name, "");
        let search = crate::domain::search_key::contact_search_text(
            &name,
            "Rådgiver",
            &format!("Tjeneste {}", n % organisations.len()),
        );
        contact.execute(params![name, org, "Rådgiver", key, search])?;
        by_kind
            .entry(kind.as_str())
            .or_default()
            .push(tx.last_insert_rowid());
    }
    let pick = |random: &mut Seeded, list: &[i64]| list[random.below(list.len() as u64) as usize];
    let service = by_kind["refugee_service"].clone();
    let nav = by_kind["nav_office"].clone();
    let school = by_kind["adult_education"].clone();
    let mut member = tx.prepare(
        "INSERT INTO team_membership (participant_id, contact_id, role, joined_on) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut teams: Vec<[i64; 3]> = Vec::with_capacity(ids.len());
    for (id, settled) in ids {
        let team = [
            pick(random, &service),
            pick(random, &nav),
            pick(random, &school),
        ];
        for (contact, role) in team
            .iter()
            .zip(["fixed_contact", "nav_advisor", "contact_teacher"])
        {
            member.execute(params![id, contact, role, settled])?;
        }
        teams.push(team);
    }
    let mut meeting = tx.prepare(
        "INSERT INTO meeting (kind, date, start_time, place, convened_by, completed_on, \
         minute_taker) VALUES (?1, ?2, '09:00', 'Rådhuset', ?3, ?4, 'Saksbehandler')",
    )?;
    let mut concerns = tx.prepare(
        "INSERT INTO meeting_participant (meeting_id, participant_id, present) VALUES (?1, ?2, 1)",
    )?;
    let mut attendee = tx.prepare(
        "INSERT INTO meeting_attendee (meeting_id, contact_id, present, position) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut agenda = tx.prepare(
        "INSERT INTO agenda_item (meeting_id, position, title, notes, sensitive) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut decision =
        tx.prepare("INSERT INTO decision (meeting_id, position, text) VALUES (?1, 0, ?2)")?;
    let mut task = tx.prepare(
        "INSERT INTO task (participant_id, title, due, done_on) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut action = tx.prepare(
        "INSERT INTO action_item (meeting_id, position, what, responsible, due, task_id) \
         VALUES (?1, 0, ?2, 'Veileder', ?3, ?4)",
    )?;
    for n in 0..scale.meetings {
        let who = random.below(ids.len() as u64) as usize;
        let (participant, settled) = ids[who];
        let team = teams[who];
        let date = add_days(settled, random.below(1_000) as i64).min(add_days(today, 30));
        let completed = (date < add_days(today, -7)).then(|| add_days(date, 1));
        let kind = if n % 3 == 0 { "team" } else { "triangle" };
        meeting.execute(params![kind, date, team[0], completed])?;
        let id = tx.last_insert_rowid();
        concerns.execute(params![id, participant])?;
        for (position, contact) in team.iter().enumerate() {
            attendee.execute(params![id, contact, completed.is_some(), position as i64])?;
        }
        for (position, title) in ["Status", "Norskopplæring", "Veien videre"]
            .iter()
            .enumerate()
        {
            agenda.execute(params![
                id,
                position as i64,
                title,
                "Gjennomgang av plan og fremdrift; deltakeren er fornøyd med praksisplassen.",
                position == 1 && n % 10 == 0
            ])?;
        }
        decision.execute(params![id, "Planen videreføres."])?;
        if n % 4 == 0 {
            let due = add_days(date, 30);
            let done = (due < today).then_some(due);
            task.execute(params![participant, "Følge opp praksisplass", due, done])?;
            action.execute(params![
                id,
                "Følge opp praksisplass",
                due,
                tx.last_insert_rowid()
            ])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_register() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let scale = Scale {
            participants: 50,
            events: 200,
            leaves: 40,
            tasks: 60,
            contacts: 30,
            meetings: 80,
        };
        let mut a = Store::open_in_memory().unwrap();
        let mut b = Store::open_in_memory().unwrap();
        let ra = fill(&mut a, 7, scale, today).unwrap();
        let rb = fill(&mut b, 7, scale, today).unwrap();
        assert_eq!(ra, rb, "a seeded fill is deterministic");
        assert!(
            ra.deadlines > 200,
            "every event and started programme yields deadlines"
        );
        assert_eq!(a.participant_count().unwrap(), 50);
    }
}
