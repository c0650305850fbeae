//! Benchmark of the commands behind each screen, on a register a hundred
//! times a real service (10,000 participants, ten years of history).
//!
//! Run with `make bench` (or `cargo bench --bench screens`). For each
//! command it calls the same function the Tauri command calls, at least 200
//! times, and prints p50 / p95 / max; beside it, the hand-written SQL that
//! returns the same rows (the floor) and the ratio. It also times the fill,
//! recomputing deadlines and the calendar export. It prints figures and
//! never fails on timing.
//!
//! Two floors stand beside each command: the SQL on a second connection to
//! the same encrypted file, opened as the store opens its own, and the same
//! SQL on an unencrypted copy of the same data, so the price of encryption
//! is a printed figure. `make test` runs this once at a tiny scale.

use chrono::{NaiveDate, TimeZone, Utc};
use introspor_app::commands::meetings::MEETING_LIST_LIMIT;
use introspor_app::commands::{deadlines, export, meetings, participants, teams};
use introspor_app::transport::meetings::MeetingSummaryDto;
use introspor_app::transport::{DeadlineFilterDto, ParticipantQueryDto};
use introspor_core::benchmark_data::{fill, Scale};
use introspor_core::domain::participant_form::ParticipantForm;
use introspor_core::store::DATABASE_FILE_NAME;
use introspor_core::Store;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

mod support;

struct Figures {
    p50: Duration,
    p95: Duration,
    max: Duration,
}

/// Calls measured per figure, and warm-up calls before them.
fn calls() -> (usize, usize) {
    (support::calls(200), support::calls(20))
}

fn measure(mut call: impl FnMut(usize)) -> Figures {
    let (calls, warm_up) = calls();
    for i in 0..warm_up {
        call(i);
    }
    let mut times: Vec<Duration> = (0..calls)
        .map(|i| {
            let start = Instant::now();
            call(warm_up + i);
            start.elapsed()
        })
        .collect();
    times.sort();
    Figures {
        p50: times[calls / 2],
        p95: times[calls * 95 / 100],
        max: times[calls - 1],
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn row(name: &str, command: &Figures, floor: &Figures, plain: &Figures) {
    let ratio = command.p95.as_secs_f64() / floor.p95.as_secs_f64().max(1e-9);
    let encryption = floor.p95.as_secs_f64() / plain.p95.as_secs_f64().max(1e-9);
    let target = if !support::full_run() {
        "—"
    } else if command.p95 <= Duration::from_millis(5) && ratio <= 2.0 && encryption <= 2.0 {
        "met"
    } else {
        "MISSED"
    };
    println!(
        "| {name} | {} | {} | {} | {} | {} | {ratio:.2} | {} | {encryption:.2} | {target} |",
        ms(command.p50),
        ms(command.p95),
        ms(command.max),
        ms(floor.p50),
        ms(floor.p95),
        ms(plain.p95),
    );
}

/// The same SQL on the encrypted floor and on the unencrypted copy.
struct Floors {
    encrypted: Connection,
    plain: Connection,
}

impl Floors {
    fn measure(&self, mut run: impl FnMut(&Connection, usize)) -> (Figures, Figures) {
        let encrypted = measure(|i| run(&self.encrypted, i));
        let plain = measure(|i| run(&self.plain, i));
        (encrypted, plain)
    }
}

/// Runs `sql` and reads every column of every row, as a screen would.
fn floor_query(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> usize {
    let mut statement = conn.prepare_cached(sql).expect("floor SQL is valid");
    let columns = statement.column_count();
    let mut rows = statement.query(params).unwrap();
    let mut count = 0;
    while let Some(row) = rows.next().unwrap() {
        for i in 0..columns {
            let _: rusqlite::types::Value = row.get(i).unwrap();
        }
        count += 1;
    }
    count
}

fn main() {
    support::announce("screens");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let scale = if support::full_run() {
        Scale::HUNDREDFOLD
    } else {
        Scale::TINY
    };
    let (calls, warm_up) = calls();
    let folder = tempfile::tempdir().unwrap();
    // INTROSPOR_BENCH_DATABASE keeps the generated database for query-plan work.
    let path = std::env::var_os("INTROSPOR_BENCH_DATABASE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| folder.path().join(DATABASE_FILE_NAME));
    let _ = std::fs::remove_file(&path);
    // Encrypted as in the app, so the figures include SQLCipher's cost.
    let mut store = Store::open(
        &path,
        introspor_core::store::key::DatabaseKey::generate().unwrap(),
    )
    .unwrap();

    let started = Instant::now();
    let report = fill(&mut store, 20_261_122, scale, today).unwrap();
    let fill_time = started.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("## Data");
    println!(
        "{} participants, {} events, {} leaves, {} own tasks, {} contacts, {} meetings, {} computed deadlines ({} deadlines and tasks); filled in {:.1} s; database {:.0} MiB",
        report.participants,
        report.events,
        report.leaves,
        report.tasks,
        report.contacts,
        report.meetings,
        report.deadlines,
        report.deadlines + report.tasks as i64,
        fill_time.as_secs_f64(),
        size as f64 / 1024.0 / 1024.0
    );

    let plain_path = folder.path().join("plaintext-copy.sqlite3");
    store.write_plaintext_copy(&plain_path).unwrap();
    let plain = Connection::open(&plain_path).unwrap();
    plain.pragma_update(None, "journal_mode", "WAL").unwrap();
    // The same page cache as the store's, so the two floors differ only
    // in encryption.
    plain
        .pragma_update(None, "cache_size", -introspor_core::store::PAGE_CACHE_KIB)
        .unwrap();
    let floors = Floors {
        encrypted: store.floor_connection().unwrap(),
        plain,
    };
    // SQLCipher's own settings in force on the store's connection, printed
    // so the figures say what they were measured with.
    for pragma in [
        "cipher_version",
        "cipher_memory_security",
        "cipher_page_size",
        "kdf_iter",
        "cipher_hmac_algorithm",
        "cache_size",
    ] {
        let value: String = floors
            .encrypted
            .query_row(&format!("PRAGMA {pragma}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
                    .map(|v| format!("{v:?}"))
            })
            .unwrap_or_else(|e| format!("({e})"));
        println!("- {pragma}: {value}");
    }
    let ids: Vec<i64> = (0..calls + warm_up)
        .map(|i| (i as i64 * 7919) % report.participants as i64 + 1)
        .collect();
    let horizon = (today + chrono::Days::new(30)).to_string();
    let today_text = today.to_string();

    println!();
    println!("## Screens (ms; {calls} calls each after {warm_up} warm-up calls)");
    println!(
        "| command | p50 | p95 | max | floor p50 | floor p95 | ratio p95 | unencrypted floor p95 | encryption ratio | target |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");

    if std::env::var_os("INTROSPOR_BENCH_DATABASE").is_some() {
        println!("database kept at {}", path.display());
        return;
    }
    let overview = measure(|_| {
        deadlines::overview(&store, today).unwrap();
    });
    let (overview_floor, overview_plain) = floors.measure(|floor, _| {
        floor_query(
            floor,
            "SELECT * FROM (SELECT d.id, d.participant_id, p.given_name, p.family_name, d.kind, d.due, d.last_working_day, \
             d.reference, d.reason FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             WHERE d.state = 'open' AND d.due < ?2 AND p.archived_at IS NULL ORDER BY d.due LIMIT 100) \
             UNION ALL SELECT * FROM (SELECT t.id, t.participant_id, p.given_name, p.family_name, t.title, t.due, t.due, '', \
             t.note FROM task t LEFT JOIN participant p ON p.id = t.participant_id \
             WHERE t.done_on IS NULL AND t.due < ?2 AND (p.id IS NULL OR p.archived_at IS NULL) ORDER BY t.due LIMIT 100) \
             UNION ALL SELECT * FROM (SELECT d.id, d.participant_id, p.given_name, p.family_name, d.kind, d.due, d.last_working_day, \
             d.reference, d.reason FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             WHERE d.state = 'open' AND d.due >= ?2 AND d.due <= ?1 AND p.archived_at IS NULL ORDER BY d.due LIMIT 200) \
             UNION ALL SELECT * FROM (SELECT t.id, t.participant_id, p.given_name, p.family_name, t.title, t.due, t.due, '', \
             t.note FROM task t LEFT JOIN participant p ON p.id = t.participant_id \
             WHERE t.done_on IS NULL AND t.due >= ?2 AND t.due <= ?1 AND (p.id IS NULL OR p.archived_at IS NULL) ORDER BY t.due LIMIT 200) \
             ORDER BY 6",
            &[&horizon, &today_text],
        );
        floor_query(
            floor,
            "SELECT count(*) FROM (SELECT 1 FROM deadline WHERE kind = 'imdi_registration' AND state = 'open' \
             AND participant_id NOT IN (SELECT id FROM participant WHERE archived_at IS NOT NULL) LIMIT 1000)",
            &[],
        );
    });
    row("overview", &overview, &overview_floor, &overview_plain);
    // The overview's other command: the organisation's duties and the
    // teams that need attention (no floor: it is several queries and the
    // team rules in Rust).
    let cooperation = measure(|_| {
        meetings::cooperation_overview(&store, today).unwrap();
    });
    println!(
        "- overview's cooperation card (duties, team warnings), no floor: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        cooperation.p50.as_secs_f64() * 1e3,
        cooperation.p95.as_secs_f64() * 1e3,
        cooperation.max.as_secs_f64() * 1e3
    );

    let first_page = ParticipantQueryDto {
        limit: Some(200),
        ..ParticipantQueryDto::default()
    };
    let list = measure(|_| {
        participants::list(&store, &first_page).unwrap();
    });
    let (list_floor, list_plain) = floors.measure(|floor, _| {
        floor_query(
            floor,
            "SELECT id, given_name, family_name, identity_number, status, COALESCE(law_override, computed_law), \
             law_override IS NOT NULL, settlement_date, final_goal, archived_at IS NOT NULL \
             FROM participant WHERE archived_at IS NULL ORDER BY sort_key, id LIMIT 200",
            &[],
        );
    });
    row(
        "participant list, first page",
        &list,
        &list_floor,
        &list_plain,
    );

    let filtered = ParticipantQueryDto {
        search: "ha".into(),
        status: "active".into(),
        law: "integreringsloven".into(),
        limit: Some(200),
        ..ParticipantQueryDto::default()
    };
    let search = measure(|_| {
        participants::list(&store, &filtered).unwrap();
    });
    let (search_floor, search_plain) = floors.measure(|floor, _| {
        floor_query(
            floor,
            "SELECT id, given_name, family_name, identity_number, status, COALESCE(law_override, computed_law), \
             law_override IS NOT NULL, settlement_date, final_goal, archived_at IS NOT NULL \
             FROM participant WHERE archived_at IS NULL AND status = 'active' \
             AND COALESCE(law_override, computed_law) = 'integreringsloven' AND search_text LIKE '%ha%' \
             ORDER BY sort_key, id LIMIT 200",
            &[],
        );
    });
    row(
        "participant list, search + filters",
        &search,
        &search_floor,
        &search_plain,
    );

    let detail = measure(|i| {
        participants::get(&store, ids[i]).unwrap();
        deadlines::for_participant(&store, ids[i], today).unwrap();
    });
    let (detail_floor, detail_plain) = floors.measure(|floor, i| {
        let id = ids[i];
        floor_query(floor, "SELECT * FROM participant WHERE id = ?1", &[&id]);
        floor_query(
            floor,
            "SELECT d.id, d.kind, d.due, d.last_working_day, d.state, d.reference, d.reason, d.done_on, d.source_id, \
             p.given_name, p.family_name FROM deadline d JOIN participant p ON p.id = d.participant_id \
             WHERE d.participant_id = ?1 UNION ALL SELECT t.id, 'own_task', t.due, t.due, t.done_on, '', t.note, \
             t.done_on, NULL, p.given_name, p.family_name \
             FROM task t JOIN participant p ON p.id = t.participant_id WHERE t.participant_id = ?1 ORDER BY 3",
            &[&id],
        );
        floor_query(
            floor,
            "SELECT * FROM registrable_event WHERE participant_id = ?1 ORDER BY occurred",
            &[&id],
        );
        floor_query(
            floor,
            "SELECT * FROM leave WHERE participant_id = ?1 ORDER BY start_date",
            &[&id],
        );
    });
    row(
        "participant detail with deadlines",
        &detail,
        &detail_floor,
        &detail_plain,
    );

    let all = DeadlineFilterDto::default();
    let all_list = measure(|_| {
        deadlines::list(&store, &all, today).unwrap();
    });
    let (all_floor, all_plain) = floors.measure(|floor, _| {
        floor_query(
            floor,
            "SELECT * FROM (SELECT d.id, d.participant_id, p.given_name, p.family_name, d.kind, d.due, d.last_working_day, \
             d.state, d.reference, d.reason FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             WHERE p.archived_at IS NULL ORDER BY d.due LIMIT 100) \
             UNION ALL SELECT * FROM (SELECT t.id, t.participant_id, p.given_name, p.family_name, t.title, t.due, t.due, \
             t.done_on, '', t.note FROM task t LEFT JOIN participant p ON p.id = t.participant_id \
             WHERE (p.id IS NULL OR p.archived_at IS NULL) ORDER BY t.due LIMIT 100) ORDER BY 6 LIMIT 100",
            &[],
        );
    });
    row(
        "all deadlines, unfiltered (first page of 100)",
        &all_list,
        &all_floor,
        &all_plain,
    );

    let open_registrations = DeadlineFilterDto {
        kind: "imdi_registration".into(),
        status: "overdue".into(),
        ..DeadlineFilterDto::default()
    };
    let filtered_list = measure(|_| {
        deadlines::list(&store, &open_registrations, today).unwrap();
    });
    let (filtered_floor, filtered_plain) = floors.measure(|floor, _| {
        floor_query(
            floor,
            "SELECT d.id, d.participant_id, p.given_name, p.family_name, d.kind, d.due, d.last_working_day, d.state, d.reference, d.reason \
             FROM deadline d CROSS JOIN participant p ON p.id = d.participant_id \
             WHERE p.archived_at IS NULL AND d.kind = 'imdi_registration' AND d.state = 'open' AND d.due < ?1 \
             ORDER BY d.due LIMIT 100",
            &[&today_text],
        );
    });
    row(
        "all deadlines, overdue IMDi registrations",
        &filtered_list,
        &filtered_floor,
        &filtered_plain,
    );

    let meeting_list = measure(|_| {
        let rows: Vec<MeetingSummaryDto> = store
            .meetings(None, MEETING_LIST_LIMIT)
            .unwrap()
            .into_iter()
            .map(MeetingSummaryDto::from)
            .collect();
        assert!(!rows.is_empty());
    });
    let (meeting_list_floor, meeting_list_plain) = floors.measure(|floor, _| {
        floor_query(
            floor,
            &format!(
                "SELECT m.id, m.kind, m.date, m.start_time, m.place, m.completed_on, \
                 (SELECT group_concat(name, ', ') FROM (SELECT p.given_name || ' ' || p.family_name AS name \
                    FROM meeting_participant mp JOIN participant p ON p.id = mp.participant_id \
                    WHERE mp.meeting_id = m.id ORDER BY p.sort_key LIMIT 3)), \
                 (SELECT COUNT(*) FROM meeting_participant mp WHERE mp.meeting_id = m.id), \
                 (SELECT COUNT(*) FROM action_item a JOIN task t ON t.id = a.task_id \
                    WHERE a.meeting_id = m.id AND t.done_on IS NULL) \
                 FROM meeting m ORDER BY m.date DESC, m.id DESC LIMIT {MEETING_LIST_LIMIT}"
            ),
            &[],
        );
    });
    row(
        "meeting list (latest)",
        &meeting_list,
        &meeting_list_floor,
        &meeting_list_plain,
    );

    let meeting_ids: Vec<i64> = (0..calls + warm_up)
        .map(|i| (i as i64 * 104_729) % report.meetings.max(1) as i64 + 1)
        .collect();
    let editor = measure(|i| {
        meetings::meeting(&store, meeting_ids[i]).unwrap();
    });
    let (editor_floor, editor_plain) = floors.measure(|floor, i| {
        let id = meeting_ids[i];
        floor_query(floor, "SELECT * FROM meeting WHERE id = ?1", &[&id]);
        floor_query(
            floor,
            "SELECT p.id, p.given_name, p.family_name, p.birth_date, mp.present, p.needs_interpreter \
             FROM meeting_participant mp JOIN participant p ON p.id = mp.participant_id WHERE mp.meeting_id = ?1",
            &[&id],
        );
        floor_query(
            floor,
            "SELECT a.present, c.*, o.name, o.kind FROM meeting_attendee a JOIN contact c ON c.id = a.contact_id \
             JOIN organisation o ON o.id = c.organisation_id WHERE a.meeting_id = ?1 ORDER BY a.position",
            &[&id],
        );
        floor_query(
            floor,
            "SELECT * FROM agenda_item WHERE meeting_id = ?1 ORDER BY position",
            &[&id],
        );
        floor_query(
            floor,
            "SELECT * FROM decision WHERE meeting_id = ?1 ORDER BY position",
            &[&id],
        );
        floor_query(
            floor,
            "SELECT a.*, t.done_on FROM action_item a LEFT JOIN task t ON t.id = a.task_id \
             WHERE a.meeting_id = ?1 ORDER BY a.position",
            &[&id],
        );
        floor_query(
            floor,
            "SELECT * FROM sharing_log WHERE meeting_id = ?1 ORDER BY exported_at DESC",
            &[&id],
        );
    });
    row("meeting editor", &editor, &editor_floor, &editor_plain);

    let team = measure(|i| {
        teams::team(&store, ids[i]).unwrap();
    });
    let (team_floor, team_plain) = floors.measure(|floor, i| {
        let id = ids[i];
        floor_query(
            floor,
            "SELECT m.*, c.name, c.title, o.name, o.kind, o.deleted_at FROM team_membership m \
             JOIN contact c ON c.id = m.contact_id JOIN organisation o ON o.id = c.organisation_id \
             WHERE m.participant_id = ?1 ORDER BY m.left_on IS NOT NULL, m.role",
            &[&id],
        );
    });
    row("participant's team", &team, &team_floor, &team_plain);

    // The contact screen's first page (200) and a picker's search (50
    // matches of a name's beginning), as the window asks for them.
    let contacts = measure(|_| {
        let page = teams::find_contacts(&store, "", 200).unwrap();
        assert!(!page.rows.is_empty());
    });
    let (contacts_floor, contacts_plain) = floors.measure(|floor, _| {
        floor_query(
            floor,
            "SELECT c.*, o.name, o.kind, o.deleted_at FROM contact c JOIN organisation o ON o.id = c.organisation_id \
             WHERE c.archived_at IS NULL ORDER BY c.sort_key, c.id LIMIT 201",
            &[],
        );
    });
    row(
        "contact list, first page (200)",
        &contacts,
        &contacts_floor,
        &contacts_plain,
    );
    let picker = measure(|i| {
        let search = ["kari", "nora kontakt1", "tjeneste 3", "ahmed"][i % 4];
        teams::find_contacts(&store, search, 50).unwrap();
    });
    let (picker_floor, picker_plain) = floors.measure(|floor, i| {
        let pattern = ["%kari%", "%kontakt1%", "%tjeneste 3%", "%ahmed%"][i % 4];
        floor_query(
            floor,
            "SELECT c.*, o.name, o.kind, o.deleted_at FROM contact c JOIN organisation o ON o.id = c.organisation_id \
             WHERE c.archived_at IS NULL AND c.search_text LIKE ?1 ORDER BY c.sort_key, c.id LIMIT 51",
            &[&pattern],
        );
    });
    row(
        "contact picker, search (50 matches)",
        &picker,
        &picker_floor,
        &picker_plain,
    );

    println!();
    println!("## Recompute and export");
    let mut one = Vec::new();
    let runs = support::calls(50);
    for (i, &id) in ids.iter().take(runs).enumerate() {
        let current = participants::get(&store, id).unwrap();
        let mut form: ParticipantForm = current.form.clone();
        form.settlement_date = (today - chrono::Days::new(100 + i as u64))
            .format("%d.%m.%Y")
            .to_string();
        form.arrival_date = String::new();
        let start = Instant::now();
        participants::update(&mut store, id, &form, today).unwrap();
        one.push(start.elapsed());
    }
    one.sort();
    println!(
        "- one participant after a date change (save + recompute, {runs} runs): p50 {} ms, max {} ms",
        ms(one[one.len() / 2]),
        ms(one[one.len() - 1])
    );
    let values: BTreeMap<String, String> =
        [("plan_review_months".to_string(), "5".to_string())].into();
    let start = Instant::now();
    deadlines::save_settings(&mut store, &values, today).unwrap();
    println!(
        "- all {} participants after a setting change: {:.2} s",
        report.participants,
        start.elapsed().as_secs_f64()
    );
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
    let start = Instant::now();
    let calendar = export::calendar_ics(&store, today, now).unwrap();
    println!(
        "- calendar export of every open deadline: {} events, {:.1} MiB, {} ms",
        calendar.events,
        calendar.ics.len() as f64 / 1024.0 / 1024.0,
        ms(start.elapsed())
    );

    report_figures(&store, today);
    privacy_figures(&mut store, today);
}

/// The privacy screens at a hundred times a service's size: who is due on
/// «Personvern», the answer to an access request (its document, JSON and
/// PDF), and one anonymisation (once: it cannot be undone, so it is not
/// repeated).
fn privacy_figures(store: &mut Store, today: NaiveDate) {
    let runs = support::calls(5);
    let median = |run: Box<dyn FnMut() + '_>| median_and_max(runs, run);
    store.save_retention_setting(1, today).unwrap();
    let later = today + chrono::Days::new(3650);
    let (p50, max) = median(Box::new(|| {
        store.retention_candidates(later).unwrap();
    }));
    let candidates = store.retention_candidates(later).unwrap();
    println!(
        "- privacy: who is due ({} ended programmes): p50 {} ms, max {} ms ({runs} runs)",
        candidates.len(),
        ms(p50),
        ms(max)
    );
    let id = store
        .participants(&Default::default())
        .unwrap()
        .first()
        .map(|p| p.id)
        .expect("a participant");
    let request = store
        .record_access_request(id, &today.format("%d.%m.%Y").to_string(), today)
        .unwrap();
    let created = today
        .and_hms_opt(9, 0, 0)
        .and_then(|t| {
            t.and_local_timezone(chrono::FixedOffset::east_opt(3600)?)
                .single()
        })
        .unwrap();
    let language = introspor_core::language::Language::Bokmal;
    let mut pages = 0;
    let (p50, max) = median(Box::new(|| {
        let answer = store
            .access_answer(request.id, today, created, language)
            .unwrap();
        serde_json::to_vec(&answer).unwrap();
        let pdf =
            introspor_core::export::minutes::pdf::render_minutes_pdf(&answer.document).unwrap();
        pages = pdf.len();
    }));
    println!(
        "- privacy: the answer to an access request (document, JSON and PDF, {} KiB): p50 {} ms, max {} ms ({runs} runs)",
        pages / 1024,
        ms(p50),
        ms(max)
    );
    if let Some(due) = candidates.iter().find(|c| c.state.is_due()) {
        let start = Instant::now();
        store.anonymise(&[due.participant_id], later).unwrap();
        println!(
            "- privacy: one participant anonymised (every table and the trail): {} ms",
            ms(start.elapsed())
        );
        let start = Instant::now();
        let checked = store.verify_audit_trail().unwrap();
        println!(
            "- privacy: the trail checked after it ({:?}): {} ms",
            matches!(
                checked,
                introspor_core::store::audit::AuditVerification::Intact { .. }
            ),
            ms(start.elapsed())
        );
    }
}

/// The median and the slowest of `runs` runs of `run`: for what is asked
/// for now and then (a report, an answer), not on every click.
fn median_and_max(runs: usize, mut run: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[runs - 1])
}

/// The reports at a hundred times a service's size: each command as the
/// window calls it, and each export's workbook written as `.xlsx` and CSV.
/// Median and slowest of a few runs: a report is asked for now and then,
/// not on every click.
fn report_figures(store: &Store, today: NaiveDate) {
    use introspor_app::commands::export::{workbook_file, SheetFormat};
    use introspor_app::commands::reports::{
        caseload, compliance, registration_debt, report_workbook, supervision, ReportParamsDto,
    };
    let runs = support::calls(5);
    let time = |name: &str, run: Box<dyn FnMut() + '_>| {
        let (p50, max) = median_and_max(runs, run);
        println!(
            "- {name}: p50 {} ms, max {} ms ({runs} runs)",
            ms(p50),
            ms(max)
        );
    };
    let year = format!("01.01.{}", chrono::Datelike::year(&today));
    time(
        "report: caseload at today",
        Box::new(|| {
            caseload(store, "", today).unwrap();
        }),
    );
    time(
        "report: deadlines met on time this year, with the charts",
        Box::new(|| {
            compliance(store, &year, "", today).unwrap();
        }),
    );
    time(
        "report: IMDi registrations owed",
        Box::new(|| {
            registration_debt(store, today).unwrap();
        }),
    );
    let id = store
        .participants(&Default::default())
        .unwrap()
        .first()
        .map(|p| p.id)
        .expect("a participant");
    let created = today
        .and_hms_opt(9, 0, 0)
        .and_then(|t| {
            t.and_local_timezone(chrono::FixedOffset::east_opt(3600)?)
                .single()
        })
        .unwrap();
    time(
        "report: one participant ready for supervision",
        Box::new(|| {
            supervision(store, id, today, created).unwrap();
        }),
    );
    for report in ["caseload", "compliance", "registration_debt", "supervision"] {
        let params = ReportParamsDto {
            participant_id: Some(id),
            from: year.clone(),
            ..ReportParamsDto::default()
        };
        time(
            &format!("export of the {report} report as .xlsx and CSV"),
            Box::new(|| {
                let (workbook, _, _) = report_workbook(store, report, &params, today).unwrap();
                workbook_file(&workbook, SheetFormat::Xlsx).unwrap();
                workbook_file(&workbook, SheetFormat::Csv).unwrap();
            }),
        );
    }
}
